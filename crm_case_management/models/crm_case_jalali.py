# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models

from ..tools.jalali_period import tehran_day


class CrmCase(models.Model):
    # The Jalali month of the request, beside the case itself (crm_case.py).
    _inherit = "crm.case"  # pylint: disable=consider-merging-classes-inherited

    jalali_month = fields.Many2one(
        "crm.case.jalali.period",
        compute="_compute_jalali_month",
        store=True,
        index=True,
        readonly=True,
        help="The Jalali month of the request date, in Tehran time.",
    )

    @api.depends("date_request")
    def _compute_jalali_month(self):
        days = {
            case: tehran_day(case.date_request) for case in self if case.date_request
        }
        periods = self.env["crm.case.jalali.period"]._period_ids_for_days(
            set(days.values())
        )
        for case in self:
            case.jalali_month = periods.get(days.get(case))
