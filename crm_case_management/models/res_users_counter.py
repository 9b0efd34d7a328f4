# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class ResUsers(models.Model):
    # The case counter's part of res.users: a preference of the user's own.
    _inherit = "res.users"  # pylint: disable=consider-merging-classes-inherited

    case_notify_assigned = fields.Boolean(
        string="Tell me at once when work is assigned to me",
        help="Show a notification with the case's code and title, and a "
        "button to open it, as soon as a case is assigned to you.",
    )

    @property
    def SELF_READABLE_FIELDS(self):
        return super().SELF_READABLE_FIELDS + ["case_notify_assigned"]

    @property
    def SELF_WRITEABLE_FIELDS(self):
        return super().SELF_WRITEABLE_FIELDS + ["case_notify_assigned"]
