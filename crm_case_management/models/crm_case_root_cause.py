# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class CrmCaseRootCause(models.Model):
    """Why the problem happened, chosen when a case is closed."""

    _name = "crm.case.root.cause"
    _description = "Case Root Cause"
    _order = "sequence, name"

    name = fields.Char(required=True, translate=True)
    description = fields.Text(translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
