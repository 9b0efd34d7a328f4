# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models

from ..tools.jalali import is_persian_lang


class ResUsers(models.Model):
    """Which calendar a user reads and types dates in (web client, QWeb)."""

    # The calendar's part of res.users, beside queues' (res_users.py).
    _inherit = "res.users"  # pylint: disable=consider-merging-classes-inherited

    date_calendar = fields.Selection(
        [
            ("auto", "By Language"),
            ("jalali", "Jalali (Persian)"),
            ("gregorian", "Gregorian"),
        ],
        string="Calendar",
        default="auto",
        # Not required: modules loaded before this one create users (their
        # tests at install, during an update) without knowing the field.
        # Empty reads as By Language.
        help="By Language: Jalali for Persian, Gregorian otherwise. Dates are "
        "always stored in the Gregorian calendar.",
    )

    @property
    def SELF_READABLE_FIELDS(self):
        return super().SELF_READABLE_FIELDS + ["date_calendar"]

    @property
    def SELF_WRITEABLE_FIELDS(self):
        return super().SELF_WRITEABLE_FIELDS + ["date_calendar"]

    @api.model
    def _reads_jalali(self, lang=None):
        """Whether the current user reads dates in Jalali (``lang``: the
        language the text is rendered in, default the user's)."""
        choice = self.env.user.date_calendar
        if choice in ("jalali", "gregorian"):
            return choice == "jalali"
        return is_persian_lang(lang or self.env.user.lang)
