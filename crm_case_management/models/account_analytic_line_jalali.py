# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class AccountAnalyticLine(models.Model):
    # The Jalali month of the line, beside its case link (account_analytic_line.py).
    _inherit = "account.analytic.line"  # pylint: disable=consider-merging-classes-inherited

    jalali_month = fields.Many2one(
        "crm.case.jalali.period",
        compute="_compute_jalali_month",
        store=True,
        index=True,
        readonly=True,
        help="The Jalali month of the line's date.",
    )

    @api.depends("date")
    def _compute_jalali_month(self):
        periods = self.env["crm.case.jalali.period"]._period_ids_for_days(
            set(self.mapped("date"))
        )
        for line in self:
            line.jalali_month = periods.get(line.date)
