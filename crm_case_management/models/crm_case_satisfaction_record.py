# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class CrmCaseSatisfactionRecord(models.TransientModel):
    _name = "crm.case.satisfaction.record"
    _description = "Record Satisfaction from a Call"

    case_id = fields.Many2one("crm.case", required=True, ondelete="cascade")
    customer_id = fields.Many2one(related="case_id.commercial_partner_id")
    partner_id = fields.Many2one(
        "res.partner",
        string="Said by",
        required=True,
        compute="_compute_partner_id",
        store=True,
        precompute=True,
        readonly=False,
        domain="[('commercial_partner_id', '=', customer_id)]",
    )
    rating = fields.Selection(
        [("5", "Satisfied"), ("3", "Okay"), ("1", "Dissatisfied")],
        required=True,
    )
    feedback = fields.Text(help="What the customer said, in their words.")

    @api.depends("case_id")
    def _compute_partner_id(self):
        for wizard in self:
            wizard.partner_id = wizard.case_id.partner_id

    def action_record(self):
        self.ensure_one()
        self.case_id.action_record_satisfaction(
            int(self.rating), self.partner_id, self.feedback
        )
        return {"type": "ir.actions.act_window_close"}
