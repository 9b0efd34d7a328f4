# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    # groups: only people of the desk may read cases, contracts and their
    # counters; without it a generic read of a partner (all fields, or the
    # partner form) by anyone else fails on the cases' access rights.
    case_ids = fields.One2many(
        "crm.case",
        "partner_id",
        string="Cases",
        groups="crm_case_management.group_crm_case_user",
    )
    commercial_case_ids = fields.One2many(
        "crm.case",
        "commercial_partner_id",
        string="Cases of the Company",
        groups="crm_case_management.group_crm_case_user",
    )
    case_contract_ids = fields.One2many(
        "crm.case.contract",
        "partner_id",
        string="Service Contracts",
        groups="crm_case_management.group_crm_case_user",
    )
    case_contract_line_ids = fields.Many2many(
        "crm.case.contract.line",
        compute="_compute_case_contract_line_ids",
        string="Active Contract Clauses",
        groups="crm_case_management.group_crm_case_user",
    )
    case_count = fields.Integer(
        compute="_compute_case_count",
        string="Cases Count",
        groups="crm_case_management.group_crm_case_user",
    )
    case_open_count = fields.Integer(
        compute="_compute_case_count",
        string="Open Cases Count",
        groups="crm_case_management.group_crm_case_user",
    )

    case_closed_count = fields.Integer(
        compute="_compute_case_count",
        string="Closed Cases Count",
        groups="crm_case_management.group_crm_case_user",
    )
    case_hours = fields.Float(
        compute="_compute_case_count",
        string="Hours on Cases",
        help="Hours logged on the cases of this customer and its contacts.",
        groups="crm_case_management.group_crm_case_user",
    )
    case_rating_avg = fields.Float(
        compute="_compute_case_count",
        string="Case Satisfaction",
        help="Average rating (1 to 5) this customer gave to closed cases.",
        groups="crm_case_management.group_crm_case_user",
    )

    @api.depends_context("uid")  # what each reader may see
    def _compute_case_count(self):
        """Count the cases, hours and ratings of each partner and its contacts.

        One search for the contact tree, one grouped query on cases and one
        on ratings, whatever the number of partners; record rules apply.
        """
        self.case_count = self.case_open_count = self.case_closed_count = 0
        self.case_hours = self.case_rating_avg = 0.0
        partners = self.with_context(active_test=False).search_fetch(
            [("id", "child_of", self.ids)], ["parent_id"]
        )
        groups = self.env["crm.case"]._read_group(
            [("partner_id", "in", partners.ids)],
            ["partner_id", "state"],
            ["__count", "total_hours:sum"],
        )
        for partner, state, count, hours in groups:
            for target in self._case_rollup_targets(partner):
                target.case_count += count
                target.case_hours += hours
                if state == "closed":
                    target.case_closed_count += count
                else:
                    target.case_open_count += count
        ratings = self.env["rating.rating"]._read_group(
            [
                ("res_model", "=", "crm.case"),
                ("partner_id", "in", partners.ids),
                ("consumed", "=", True),
                ("rating", ">=", 1),
            ],
            ["partner_id"],
            ["rating:sum", "__count"],
        )
        totals = {}
        for partner, rating_sum, count in ratings:
            for target in self._case_rollup_targets(partner):
                old_sum, old_count = totals.get(target, (0.0, 0))
                totals[target] = (old_sum + rating_sum, old_count + count)
        for target, (rating_sum, count) in totals.items():
            target.case_rating_avg = rating_sum / count

    @api.depends_context("uid")  # what each reader may see
    def _compute_case_contract_line_ids(self):
        lines = self.env["crm.case.contract.line"].search(
            [
                ("partner_id", "in", self.commercial_partner_id.ids),
                ("contract_id.state", "=", "active"),
            ]
        )
        for partner in self:
            partner.case_contract_line_ids = lines.filtered(
                lambda line, p=partner: line.partner_id == p.commercial_partner_id
            )

    def _case_rollup_targets(self, partner):
        """``partner`` and its ancestors that are in ``self``."""
        wanted = set(self._ids)
        while partner:
            if partner.id in wanted:
                yield self.browse(partner.id)
            partner = partner.parent_id

    def _action_cases(self, domain):
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "crm_case_management.crm_case_action"
        )
        action["domain"] = [("partner_id", "child_of", self.ids), *domain]
        action["context"] = {"default_partner_id": self.id}
        return action

    def action_view_cases(self):
        self.ensure_one()
        return self._action_cases([])

    def action_view_closed_cases(self):
        self.ensure_one()
        return self._action_cases([("state", "=", "closed")])

    def action_view_case_hours(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "crm_case_management.crm_case_timesheet_report_action"
        )
        action["domain"] = [("partner_id", "child_of", self.id)]
        action["context"] = {"pivot_row_groupby": ["project_id", "employee_id"]}
        return action

    def action_view_open_cases(self):
        self.ensure_one()
        return self._action_cases([("state", "!=", "closed")])

    def action_new_case(self):
        """Open a new case form with this customer filled in."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "crm.case",
            "view_mode": "form",
            "target": "current",
            "context": {"default_partner_id": self.id},
        }

    def action_view_case_attachments(self):
        """All files attached to this customer's cases."""
        self.ensure_one()
        cases = self.env["crm.case"].search([("partner_id", "child_of", self.ids)])
        title = self.env._("Case Files")
        return {
            "type": "ir.actions.act_window",
            "name": title,
            "res_model": "ir.attachment",
            "view_mode": "kanban,list,form",
            "domain": [("res_model", "=", "crm.case"), ("res_id", "in", cases.ids)],
            "context": {"create": False},
        }
