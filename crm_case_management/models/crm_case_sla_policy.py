# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""SLA policies: which cases they apply to, their targets and their actions."""

from ast import literal_eval

from odoo import api, fields, models, tools
from odoo.exceptions import ValidationError
from odoo.fields import Domain


class CrmCaseSlaPolicy(models.Model):
    _name = "crm.case.sla.policy"
    _description = "SLA Policy"
    _order = "sequence, id"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(
        default=10, help="Among matching policies, the lowest sequence applies."
    )
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    domain = fields.Char(
        string="Applies To",
        default="[]",
        required=True,
        help="The cases this policy covers: type, urgency, channel, customer, "
        "queue, clause or any other field of the case.",
    )
    calendar_id = fields.Many2one(
        "resource.calendar",
        string="Working Hours",
        check_company=True,
        help="The clock counts only these working hours and skips their "
        "holidays. Empty: the case's queue's hours, else the company's.",
    )
    first_response_hours = fields.Float(
        string="First Response Within",
        help="Working hours to the first reply to the customer; 0: no target.",
    )
    resolve_hours = fields.Float(
        string="Resolve Within",
        help="Working hours until the case is marked done; 0: no target.",
    )
    pause_stage_ids = fields.Many2many(
        "crm.case.stage",
        "crm_case_sla_policy_pause_stage_rel",
        "policy_id",
        "stage_id",
        string="Pause In Stages",
        help="The clock stops while a case is in one of these stages, "
        "e.g. waiting for the customer.",
    )
    warning_percent = fields.Float(
        string="Warning At (%)",
        default=80.0,
        help="Warn when this share of a target has passed; 0: no warning.",
    )
    contract_line_ids = fields.Many2many(
        "crm.case.contract.line",
        "crm_case_sla_policy_contract_line_rel",
        "policy_id",
        "line_id",
        string="Granted By Clauses",
        check_company=True,
        help="Clauses that grant this policy: their cases get it before any "
        "other policy. A policy granted by clauses applies only to their cases.",
    )
    notify_on_warning = fields.Boolean(
        string="Warn Assignee and Queue Manager",
        default=True,
        help="On warning, an activity and an e-mail for the assignee and "
        "the queue manager.",
    )
    notify_on_breach = fields.Boolean(
        string="Alert Assignee and Queue Manager on Breach",
        default=True,
    )
    breach_urgency_id = fields.Many2one(
        "crm.case.urgency",
        string="On Breach, Raise Urgency To",
        help="A breached case gets this urgency, unless it is already as urgent.",
    )
    breach_queue_id = fields.Many2one(
        "crm.case.queue",
        string="On Breach, Move To Queue",
        check_company=True,
    )
    line_count = fields.Integer(compute="_compute_line_count", string="KPIs")

    _hours_positive = models.Constraint(
        "CHECK (first_response_hours >= 0 AND resolve_hours >= 0)",
        "SLA targets cannot be negative.",
    )
    _warning_range = models.Constraint(
        "CHECK (warning_percent >= 0 AND warning_percent < 100)",
        "The warning threshold is a share of the target, from 0 to 99 %.",
    )

    def _compute_line_count(self):
        counts = dict(
            self.env["crm.case.sla.line"]._read_group(
                [("policy_id", "in", self.ids)], ["policy_id"], ["__count"]
            )
        )
        for policy in self:
            policy.line_count = counts.get(policy, 0)

    @api.constrains("domain")
    def _check_domain(self):
        Case = self.env["crm.case"]
        for policy in self:
            try:
                Case.search_count(policy._get_domain(), limit=1)
            except (ValueError, SyntaxError, TypeError, KeyError) as error:
                raise ValidationError(
                    self.env._(
                        'The cases of SLA policy "%(policy)s" are not a valid '
                        "filter: %(error)s",
                        policy=policy.display_name,
                        error=error,
                    )
                ) from error

    @api.model_create_multi
    def create(self, vals_list):
        policies = super().create(vals_list)
        self.env.registry.clear_cache()
        return policies

    def write(self, vals):
        result = super().write(vals)
        self.env.registry.clear_cache()
        return result

    def unlink(self):
        result = super().unlink()
        self.env.registry.clear_cache()
        return result

    def _get_domain(self):
        self.ensure_one()
        return Domain(literal_eval(self.domain or "[]"))

    @api.model
    @tools.ormcache("company_id")
    def _get_rules(self, company_id):
        """The active policies of a company, as plain data in precedence order.

        Cached, since every new or reclassified case asks; any change to a
        policy clears the cache.
        """
        # sudo: which policy applies is configuration every case relies on,
        # whoever edits the case.
        policies = self.sudo().search([("company_id", "=", company_id)])
        return tuple(
            {
                "id": policy.id,
                "domain": policy.domain or "[]",
                "clause_ids": frozenset(policy.contract_line_ids.ids),
                "calendar_id": policy.calendar_id.id,
                "first_response": policy.first_response_hours,
                "resolve": policy.resolve_hours,
                "pause_stage_ids": frozenset(policy.pause_stage_ids.ids),
                "warning_percent": policy.warning_percent,
            }
            for policy in policies
        )

    @api.model
    def _get_rule(self, policy_id, company_id):
        return next(
            (rule for rule in self._get_rules(company_id) if rule["id"] == policy_id),
            None,
        )

    def action_open_lines(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "crm_case_management.crm_case_sla_line_action"
        )
        action["domain"] = [("policy_id", "=", self.id)]
        return action
