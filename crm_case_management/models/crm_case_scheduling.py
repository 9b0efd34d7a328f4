# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models

USER_GROUP = "crm_case_management.group_crm_case_user"


class CrmCase(models.Model):
    _inherit = "crm.case"

    booking_ids = fields.One2many(
        "crm.case.booking", "case_id", string="Bookings", groups=USER_GROUP
    )
    booking_count = fields.Integer(compute="_compute_booking_count", groups=USER_GROUP)

    @api.depends("booking_ids")
    def _compute_booking_count(self):
        groups = self.env["crm.case.booking"]._read_group(
            [("case_id", "in", self.ids), ("state", "!=", "cancelled")],
            ["case_id"],
            ["__count"],
        )
        counts = {case.id: count for case, count in groups}
        for case in self:
            case.booking_count = counts.get(case.id, 0)

    def action_view_bookings(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "crm_case_management.crm_case_booking_action"
        )
        action["domain"] = [("case_id", "=", self.id)]
        action["context"] = {
            "default_case_id": self.id,
            "search_default_filter_active": 1,
        }
        return action
