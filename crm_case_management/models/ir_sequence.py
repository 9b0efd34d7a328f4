# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models

from .crm_case_number import CASE_SEQUENCE_CODE

# What decides which sequence numbers a company's cases.
CHOICE_FIELDS = {"code", "company_id", "active"}


class IrSequence(models.Model):
    _inherit = "ir.sequence"

    # crm.case._number_format keeps each company's case sequence in Odoo's
    # cache; adding, moving or removing a case sequence empties it.
    @api.model_create_multi
    def create(self, vals_list):
        if any(vals.get("code") == CASE_SEQUENCE_CODE for vals in vals_list):
            self.env.registry.clear_cache()
        return super().create(vals_list)

    def write(self, vals):
        if CHOICE_FIELDS & set(vals) and (
            vals.get("code") == CASE_SEQUENCE_CODE or self._numbers_cases()
        ):
            self.env.registry.clear_cache()
        return super().write(vals)

    def unlink(self):
        if self._numbers_cases():
            self.env.registry.clear_cache()
        return super().unlink()

    def _numbers_cases(self):
        return any(sequence.code == CASE_SEQUENCE_CODE for sequence in self)
