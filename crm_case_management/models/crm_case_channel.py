# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class CrmCaseChannel(models.Model):
    """Where a case was reported from: phone, e-mail, portal...."""

    _name = "crm.case.channel"
    _description = "Case Channel"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(
        help="Technical key used by integrations (telephony, e-mail, portal).",
    )
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)

    _code_uniq = models.UniqueIndex(
        "(code) WHERE code IS NOT NULL", "Two channels cannot share a code."
    )
