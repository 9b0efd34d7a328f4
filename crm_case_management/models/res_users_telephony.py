# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import AccessError

from ..tools.phone import clean_number


class ResUsers(models.Model):
    # Telephony's part of res.users, beside queues' (res_users.py).
    _inherit = "res.users"  # pylint: disable=consider-merging-classes-inherited

    phone_extension = fields.Char(
        help="Your internal number on the telephone system: calls that "
        "ring on it are shown to you and logged as yours.",
        copy=False,
        # Desk people only: a portal user taking an extension would keep an
        # agent from getting it (the extension is unique).
        groups="base.group_user",
    )

    _phone_extension_uniq = models.UniqueIndex(
        "(phone_extension) WHERE phone_extension IS NOT NULL AND active",
        "Another user already has this phone extension.",
    )

    @property
    def SELF_READABLE_FIELDS(self):
        return super().SELF_READABLE_FIELDS + ["phone_extension"]

    @property
    def SELF_WRITEABLE_FIELDS(self):
        return super().SELF_WRITEABLE_FIELDS + ["phone_extension"]

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("phone_extension"):
                vals["phone_extension"] = clean_number(vals["phone_extension"])
        return super().create(vals_list)

    def write(self, vals):
        # Users write their own extension as superuser (SELF_WRITEABLE_FIELDS,
        # the same for everyone): keep portal users out here.
        if (
            "phone_extension" in vals
            and not self.env.su
            and not self.env.user._is_internal()
        ):
            raise AccessError(self.env._("Only desk users have a phone extension."))
        if vals.get("phone_extension"):
            vals["phone_extension"] = clean_number(vals["phone_extension"])
        return super().write(vals)
