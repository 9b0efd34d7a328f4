# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class CrmCaseClassification(models.Model):
    """The three free classification lists of a case, in one model.

    ``dimension`` says which of the three lists a value belongs to, the
    way ``account.account.tag`` uses ``applicability``.
    """

    _name = "crm.case.classification"
    _description = "Case Classification"
    _order = "dimension, sequence, name"

    name = fields.Char(required=True, translate=True)
    dimension = fields.Selection(
        [
            ("1", "Classification 1"),
            ("2", "Classification 2"),
            ("3", "Classification 3"),
        ],
        required=True,
        default="1",
    )
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
