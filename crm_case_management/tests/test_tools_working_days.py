# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import datetime

from odoo.tests import BaseCase

from ..tools.working_days import nth_working_day, window_for


def nov(day):
    return datetime.date(2026, 11, day)


# Saturday to Wednesday of two weeks in November 2026 (Thu 26, Fri 27 off).
WORKING = {nov(d) for d in (21, 22, 23, 24, 25, 28, 29, 30)}


class TestWorkingDays(BaseCase):
    def test_zero_days_is_the_same_working_day(self):
        self.assertEqual(nth_working_day(nov(24), 0, WORKING), nov(24))

    def test_zero_days_on_a_day_off_is_the_next_working_day(self):
        self.assertEqual(nth_working_day(nov(26), 0, WORKING), nov(28))

    def test_days_off_are_skipped(self):
        self.assertEqual(nth_working_day(nov(25), 1, WORKING), nov(28))
        self.assertEqual(nth_working_day(nov(24), 3, WORKING), nov(29))

    def test_window_too_short_says_so(self):
        self.assertIsNone(nth_working_day(nov(29), 5, WORKING))

    def test_negative_days_are_refused(self):
        with self.assertRaises(ValueError):
            nth_working_day(nov(24), -1, WORKING)

    def test_window_covers_a_long_holiday(self):
        start, stop = window_for(nov(24), 3)
        self.assertEqual(start, nov(24))
        self.assertEqual((stop - start).days, 20)
