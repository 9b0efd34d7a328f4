# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models

SMS_MODES = [
    ("off", "Off"),
    ("auto", "Send automatically"),
    ("review", "Review before sending"),
]


class CrmCaseType(models.Model):
    _inherit = "crm.case.type"  # pylint: disable=consider-merging-classes-inherited

    sms_on_register = fields.Selection(
        SMS_MODES,
        string="SMS on Registration",
        default="off",
        required=True,
        help="Text the customer the tracking code when a case is registered "
        "(customers without a mobile number get an e-mail). Review opens "
        "the text for the operator to edit or skip.",
    )
    sms_on_close = fields.Selection(
        SMS_MODES,
        string="SMS on Closing",
        default="off",
        required=True,
        help="Text the customer the result when a case is closed, and, if "
        "the type asks for ratings, a link to rate the support.",
    )
