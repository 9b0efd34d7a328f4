# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from .retry import run_with_retries


class CrmCaseContract(models.Model):
    """A service contract: what a customer is entitled to, in clauses."""

    _name = "crm.case.contract"
    _description = "Service Contract"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date_start desc, id desc"
    _check_company_auto = True

    name = fields.Char(string="Reference", required=True, tracking=True)
    partner_id = fields.Many2one(
        "res.partner",
        string="Customer",
        required=True,
        index=True,
        tracking=True,
        domain="[('parent_id', '=', False)]",
        check_company=True,
        help="The customer company; its contacts share the contract.",
    )
    date_start = fields.Date(
        string="Start Date", required=True, default=fields.Date.context_today
    )
    date_end = fields.Date(string="End Date", tracking=True)
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("active", "Active"),
            ("expired", "Expired"),
            ("cancelled", "Cancelled"),
        ],
        default="draft",
        required=True,
        index=True,
        tracking=True,
        copy=False,
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    user_id = fields.Many2one(
        "res.users",
        string="Responsible",
        default=lambda self: self.env.user,
        tracking=True,
        domain="[('share', '=', False)]",
    )
    note = fields.Html(string="Notes")
    line_ids = fields.One2many(
        "crm.case.contract.line", "contract_id", string="Clauses", copy=True
    )
    case_ids = fields.One2many("crm.case", "contract_id", string="Cases")
    case_count = fields.Integer(compute="_compute_case_stats")
    case_hours = fields.Float(compute="_compute_case_stats", string="Hours on Cases")

    _dates_ordered = models.Constraint(
        "CHECK (date_end IS NULL OR date_end >= date_start)",
        "A contract cannot end before it starts.",
    )

    def _compute_case_stats(self):
        groups = self.env["crm.case"]._read_group(
            [("contract_id", "in", self.ids)],
            ["contract_id"],
            ["__count", "total_hours:sum"],
        )
        stats = {contract: (count, hours) for contract, count, hours in groups}
        for contract in self:
            contract.case_count, contract.case_hours = stats.get(contract, (0, 0.0))

    @api.constrains("partner_id")
    def _check_partner_is_company(self):
        for contract in self:
            if contract.partner_id != contract.partner_id.commercial_partner_id:
                raise ValidationError(
                    self.env._(
                        "A contract is signed with the customer company %(company)s, "
                        "not with its contact.",
                        company=contract.partner_id.commercial_partner_id.display_name,
                    )
                )

    def is_valid_on(self, day):
        """Active and running on ``day``."""
        self.ensure_one()
        return (
            self.state == "active"
            and self.date_start <= day
            and (not self.date_end or day <= self.date_end)
        )

    def action_activate(self):
        if any(not contract.line_ids for contract in self):
            raise UserError(self.env._("Add at least one clause before activating."))
        self.write({"state": "active"})
        return True

    def action_cancel(self):
        self.write({"state": "cancelled"})
        return True

    def action_renew(self):
        """A copy of the contract for the next period, in draft."""
        self.ensure_one()
        start = (self.date_end or fields.Date.context_today(self)) + relativedelta(
            days=1
        )
        length = (
            relativedelta(self.date_end, self.date_start) if self.date_end else None
        )
        renewal = self.copy(
            {
                "name": self.env._("%s (renewal)", self.name),
                "date_start": start,
                "date_end": start + length if length else False,
            }
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": renewal.id,
            "view_mode": "form",
        }

    def action_view_cases(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "crm_case_management.crm_case_action"
        )
        action["domain"] = [("contract_id", "=", self.id)]
        action["context"] = {
            "default_contract_id": self.id,
            "default_partner_id": self.partner_id.id,
        }
        return action

    @api.model
    def _cron_expire(self):
        """Daily: contracts whose end date has passed are expired.

        Retried on a conflict with a user editing one of them, as a request
        would be, instead of failing until tomorrow's run.
        """
        return run_with_retries(self.env, self._expire_ended)

    @api.model
    def _expire_ended(self):
        ended = self.search(
            [
                ("state", "=", "active"),
                ("date_end", "<", fields.Date.context_today(self)),
            ]
        )
        ended.write({"state": "expired"})
        return ended
