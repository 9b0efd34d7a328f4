# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class CrmCaseUrgency(models.Model):
    """Urgency level: how many working days the case may take."""

    _name = "crm.case.urgency"
    _description = "Case Urgency"
    _order = "sequence, days, id"

    name = fields.Char(required=True, translate=True)
    days = fields.Integer(
        required=True,
        default=1,
        help="Working days from the request date to the due date; "
        "0 means due the same working day.",
    )
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)

    _days_positive = models.Constraint(
        "CHECK (days >= 0)", "The days of an urgency level cannot be negative."
    )
