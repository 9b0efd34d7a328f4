# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models
from odoo.exceptions import AccessError

CASE_MODEL = "crm.case"


class RatingRating(models.Model):
    _inherit = "rating.rating"

    @api.model_create_multi
    def create(self, vals_list):
        case_model_id = self.env["ir.model"]._get_id(CASE_MODEL)
        if any(
            vals.get("res_model") == CASE_MODEL
            or vals.get("res_model_id") == case_model_id
            for vals in vals_list
        ):
            self._check_case_rating_by_system()
        return super().create(vals_list)

    def write(self, vals):
        if any(rating.res_model == CASE_MODEL for rating in self.sudo()):
            self._check_case_rating_by_system()
        return super().write(vals)

    def _check_case_rating_by_system(self):
        """A case's satisfaction decides whether it may move on: it comes from
        the customer (the survey's token page, a portal message) or from an
        agent's recorded answer, all of which write as the system. Odoo lets
        every internal user create and write ratings; over RPC that would
        let an agent answer for the customer."""
        if not self.env.su:
            raise AccessError(
                self.env._(
                    "A case's satisfaction is recorded with Record "
                    "Satisfaction or given by the customer."
                )
            )
