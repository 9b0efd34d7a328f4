# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class CrmCaseReject(models.TransientModel):
    """Asks the creator why the work is sent back."""

    _name = "crm.case.reject"
    _description = "Reject Case"

    case_ids = fields.Many2many("crm.case", string="Cases", required=True)
    reason = fields.Text(required=True)

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        if self.env.context.get("active_model") == "crm.case":
            values["case_ids"] = [
                fields.Command.set(self.env.context.get("active_ids", []))
            ]
        return values

    def action_reject(self):
        self.ensure_one()
        self.case_ids.action_reject(self.reason)
        return {"type": "ir.actions.act_window_close"}
