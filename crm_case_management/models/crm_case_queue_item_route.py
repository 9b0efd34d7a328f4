# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class CrmCaseQueueItemRoute(models.TransientModel):
    _name = "crm.case.queue.item.route"
    _description = "Route Queue Items"

    queue_id = fields.Many2one("crm.case.queue", string="To Queue", required=True)

    def action_route(self):
        items = self.env["crm.case.queue.item"].browse(
            self.env.context.get("active_ids", [])
        )
        items.action_route(self.queue_id)
        return {"type": "ir.actions.act_window_close"}
