# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""An answered outgoing call is a first response to the customer (SLA)."""

from odoo import api, models

CALL_RESPONSE_FIELDS = {"case_id", "direction", "date_answer", "user_id"}


class CrmCaseCall(models.Model):
    _inherit = "crm.case.call"

    @api.model_create_multi
    def create(self, vals_list):
        calls = super().create(vals_list)
        calls._sla_count_as_response()
        return calls

    def write(self, vals):
        result = super().write(vals)
        if vals.keys() & CALL_RESPONSE_FIELDS:
            self._sla_count_as_response()
        return result

    def _sla_count_as_response(self):
        """An agent called the customer about the case and they picked up."""
        answered = self.filtered(
            lambda call: (
                call.direction == "out"
                and call.case_id
                and call.date_answer
                and call.user_id
                and not call.user_id.share
            )
        )
        for call in answered:
            call.case_id._sla_register_response(call.date_answer)
