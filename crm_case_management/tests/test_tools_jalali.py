# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import datetime

from odoo.tests import BaseCase

from ..tools.jalali import (
    format_jalali_date,
    format_jalali_datetime,
    is_persian_lang,
    parse_jalali_date,
    to_latin_digits,
    to_persian_digits,
)


class TestJalaliTools(BaseCase):
    def test_nowruz_is_first_of_farvardin(self):
        self.assertEqual(format_jalali_date(datetime.date(2026, 3, 21)), "۱۴۰۵/۰۱/۰۱")
        self.assertEqual(
            format_jalali_date(datetime.date(2026, 3, 20), persian_digits=False),
            "1404/12/29",
        )

    def test_month_name(self):
        self.assertEqual(
            format_jalali_date(datetime.date(2026, 11, 24), month_name=True),
            "۳ آذر ۱۴۰۵",
        )

    def test_datetime_is_shown_in_the_users_time_zone(self):
        # 20:30 UTC on 20 March is already midnight of Nowruz in Tehran.
        value = datetime.datetime(2026, 3, 20, 20, 30)
        self.assertEqual(
            format_jalali_datetime(value, "Asia/Tehran", persian_digits=False),
            "1405/01/01 00:00",
        )
        self.assertEqual(
            format_jalali_datetime(value, "UTC", persian_digits=False),
            "1404/12/29 20:30",
        )

    def test_empty_values(self):
        self.assertEqual(format_jalali_date(False), "")
        self.assertEqual(format_jalali_datetime(None), "")

    def test_digits_both_ways(self):
        self.assertEqual(to_persian_digits("1405/09/03"), "۱۴۰۵/۰۹/۰۳")
        self.assertEqual(to_latin_digits("۱۴۰۵/۰۹/۰۳ ٤٥"), "1405/09/03 45")

    def test_parse_round_trip(self):
        self.assertEqual(parse_jalali_date("۱۴۰۵/۰۱/۰۱"), datetime.date(2026, 3, 21))
        self.assertEqual(parse_jalali_date("1405-09-03"), datetime.date(2026, 11, 24))

    def test_parse_refuses_impossible_dates(self):
        # 1404 is not a leap year: Esfand has 29 days.
        with self.assertRaises(ValueError):
            parse_jalali_date("1404/12/30")
        with self.assertRaises(ValueError):
            parse_jalali_date("tomorrow")

    def test_persian_languages(self):
        self.assertTrue(is_persian_lang("fa_IR"))
        self.assertFalse(is_persian_lang("en_US"))
        self.assertFalse(is_persian_lang(False))
