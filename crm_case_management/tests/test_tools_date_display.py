# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import datetime

from odoo.tests import TransactionCase

from ..tools.date_display import display_date, display_datetime


class TestDateDisplay(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("fa_IR")
        # Databases made with --load-language=fa_IR may have English off.
        cls.env["res.lang"]._activate_lang("en_US")

    def test_persian_reader_gets_jalali_with_persian_digits(self):
        self.assertEqual(
            display_date(self.env, datetime.date(2026, 11, 24), "fa_IR"), "۳ آذر ۱۴۰۵"
        )

    def test_other_readers_get_odoos_gregorian_format(self):
        english = self.env["res.lang"]._lang_get("en_US")
        english.date_format = "%m/%d/%Y"
        text = display_date(self.env, datetime.date(2026, 11, 24), "en_US")
        self.assertEqual(text, "11/24/2026")

    def test_datetime_in_the_readers_time_zone(self):
        moment = datetime.datetime(2026, 3, 20, 20, 30)  # naive UTC, as stored
        self.assertEqual(
            display_datetime(self.env, moment, "fa_IR", "Asia/Tehran"),
            "۱۴۰۵/۰۱/۰۱ ۰۰:۰۰",
        )
        english = self.env["res.lang"]._lang_get("en_US")
        english.date_format = "%m/%d/%Y"
        text = display_datetime(self.env, moment, "en_US", "Europe/London")
        self.assertTrue(text.startswith("03/20/2026 08:30 PM"), text)

    def test_empty_value_is_empty_text(self):
        self.assertEqual(display_date(self.env, False, "fa_IR"), "")
        self.assertEqual(display_datetime(self.env, None, "en_US"), "")
