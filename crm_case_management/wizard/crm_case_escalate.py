# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models

from ..models.crm_case_escalation import ESCALATION_TARGETS


class CrmCaseEscalate(models.TransientModel):
    """Asks where a case is escalated to, and why."""

    _name = "crm.case.escalate"
    _description = "Escalate Case"

    case_ids = fields.Many2many("crm.case", string="Cases", required=True)
    target = fields.Selection(
        ESCALATION_TARGETS, string="Escalate To", required=True, default="user"
    )
    user_id = fields.Many2one(
        "res.users", string="Expert", domain="[('share', '=', False)]"
    )
    queue_id = fields.Many2one("crm.case.queue", string="Expert Queue")
    reason = fields.Text(required=True)

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        if self.env.context.get("active_model") == "crm.case":
            values["case_ids"] = [
                fields.Command.set(self.env.context.get("active_ids", []))
            ]
        return values

    def action_escalate(self):
        self.ensure_one()
        self.case_ids.action_escalate(
            self.target, self.reason, user_id=self.user_id, queue_id=self.queue_id
        )
        return {"type": "ir.actions.act_window_close"}
