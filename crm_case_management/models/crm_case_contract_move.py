# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class CrmCaseContractMove(models.Model):
    """One movement of a clause's balance: the audit trail of its consumption.

    Consumption is positive, a give-back negative. The part beyond the
    allotment is kept apart as overage, so the balance never goes below
    zero silently.
    """

    _name = "crm.case.contract.move"
    _description = "Contract Clause Movement"
    _order = "date desc, id desc"

    line_id = fields.Many2one(
        "crm.case.contract.line",
        string="Clause",
        required=True,
        index=True,
        ondelete="cascade",
    )
    contract_id = fields.Many2one(related="line_id.contract_id", store=True, index=True)
    case_id = fields.Many2one("crm.case", index=True, ondelete="restrict")
    timesheet_id = fields.Many2one("account.analytic.line", index="btree_not_null")
    date = fields.Datetime(required=True, default=fields.Datetime.now)
    quantity = fields.Float(help="Taken from the allotment (negative: given back).")
    overage = fields.Float(help="Beyond the allotment (negative: given back).")
    company_id = fields.Many2one(related="line_id.contract_id.company_id", store=True)
