# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    case_ids = fields.One2many("crm.case", "partner_id", string="Cases")
    case_count = fields.Integer(compute="_compute_case_count", string="Cases Count")
    case_open_count = fields.Integer(
        compute="_compute_case_count", string="Open Cases Count"
    )

    def _compute_case_count(self):
        """Count the cases of each partner and of all its contacts.

        One search for the contact tree and one grouped count, whatever
        the number of partners; record rules apply to the count.
        """
        self.case_count = 0
        self.case_open_count = 0
        partners = self.with_context(active_test=False).search_fetch(
            [("id", "child_of", self.ids)], ["parent_id"]
        )
        groups = self.env["crm.case"]._read_group(
            [("partner_id", "in", partners.ids)],
            ["partner_id", "state"],
            ["__count"],
        )
        wanted = set(self._ids)
        for partner, state, count in groups:
            while partner:
                if partner.id in wanted:
                    partner.case_count += count
                    if state != "closed":
                        partner.case_open_count += count
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
        """All files attached to this customer's cases (A13)."""
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
