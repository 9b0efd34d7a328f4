# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import UserError


class CrmCaseMerge(models.TransientModel):
    """Merge likely duplicates into the case that is kept."""

    _name = "crm.case.merge"
    _description = "Merge Cases"

    case_ids = fields.Many2many("crm.case", required=True)
    keep_id = fields.Many2one(
        "crm.case",
        required=True,
        domain="[('id', 'in', case_ids)]",
    )

    @api.constrains("case_ids", "keep_id")
    def _check_keep_in_cases(self):
        for wizard in self:
            if wizard.keep_id not in wizard.case_ids:
                raise UserError(
                    self.env._("The kept case must be one of those merged.")
                )

    def action_merge(self):
        self.ensure_one()
        kept = self.case_ids._merge_into(self.keep_id)
        return {
            "type": "ir.actions.act_window",
            "res_model": "crm.case",
            "res_id": kept.id,
            "view_mode": "form",
        }
