# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class ResPartner(models.Model):
    # Telephony's part of res.partner, beside the case counters (res_partner.py).
    _inherit = "res.partner"  # pylint: disable=consider-merging-classes-inherited

    case_call_ids = fields.One2many(
        "crm.case.call",
        "partner_id",
        string="Calls",
        groups="crm_case_management.group_crm_case_user",
    )
    case_call_count = fields.Integer(
        compute="_compute_case_call_count",
        string="Call Count",
        groups="crm_case_management.group_crm_case_user",
    )

    @api.depends_context("uid")  # what each reader may see
    def _compute_case_call_count(self):
        counts = dict(
            self.env["crm.case.call"]._read_group(
                [("commercial_partner_id", "in", self.commercial_partner_id.ids)],
                ["commercial_partner_id"],
                ["__count"],
            )
        )
        for partner in self:
            partner.case_call_count = counts.get(partner.commercial_partner_id, 0)

    def action_new_case(self):
        """The customer's New Case: most customers ring, so channel phone."""
        action = super().action_new_case()
        channel = self.env.ref(
            "crm_case_management.crm_case_channel_phone", raise_if_not_found=False
        )
        if channel:
            action["context"] = dict(action["context"], default_channel_id=channel.id)
        return action

    def action_view_case_calls(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "crm_case_management.crm_case_call_action"
        )
        action["domain"] = [
            ("commercial_partner_id", "=", self.commercial_partner_id.id)
        ]
        return action
