# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import UserError


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

    @api.model_create_multi
    def create(self, vals_list):
        self._refuse_jalali_month(vals_list)
        return super().create(vals_list)

    def write(self, vals):
        self._refuse_jalali_month([vals])
        return super().write(vals)

    def _refuse_jalali_month(self, vals_list):
        # Computed without an inverse: a client writing it would misfile the
        # line in every Jalali report until its date changes.
        if not self.env.su and any("jalali_month" in vals for vals in vals_list):
            raise UserError(
                self.env._("The Jalali month follows the date: set the date.")
            )
