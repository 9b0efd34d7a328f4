# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import datetime

from odoo.tests import tagged

from .common import CaseCommon


def at(year, month, day, hour=9):
    """A request time given in Tehran local time, stored as naive UTC."""
    return datetime.datetime(year, month, day, hour) - datetime.timedelta(
        hours=3, minutes=30
    )


@tagged("post_install", "-at_install")
class TestCaseDeadline(CaseCommon):
    def test_normal_case_on_wednesday_is_due_on_saturday(self):
        # Wed 25 Nov 2026; Thursday and Friday are days off.
        case = self._create_case(
            date_request=at(2026, 11, 25), urgency_id=self.normal.id
        )
        self.assertEqual(case.date_deadline, datetime.date(2026, 11, 28))

    def test_urgent_case_is_due_the_same_working_day(self):
        case = self._create_case(
            date_request=at(2026, 11, 24), urgency_id=self.urgent.id
        )
        self.assertEqual(case.date_deadline, datetime.date(2026, 11, 24))

    def test_urgent_case_on_friday_is_due_on_saturday(self):
        case = self._create_case(
            date_request=at(2026, 11, 27), urgency_id=self.urgent.id
        )
        self.assertEqual(case.date_deadline, datetime.date(2026, 11, 28))

    def test_nowruz_holidays_are_skipped(self):
        # Wed 1404/12/27 (18 March): Thu-Fri off, then Nowruz 21-24 March.
        case = self._create_case(
            date_request=at(2026, 3, 18), urgency_id=self.normal.id
        )
        self.assertEqual(case.date_deadline, datetime.date(2026, 3, 25))

    def test_local_day_counts_not_utc_day(self):
        # 01:00 in Tehran on Saturday is still Friday in UTC.
        case = self._create_case(
            date_request=at(2026, 11, 28, hour=1), urgency_id=self.urgent.id
        )
        self.assertEqual(case.date_deadline, datetime.date(2026, 11, 28))

    def test_many_working_days_cross_several_weekends(self):
        urgency = self.env["crm.case.urgency"].create({"name": "Slow", "days": 10})
        case = self._create_case(date_request=at(2026, 11, 24), urgency_id=urgency.id)
        # Wed 25, Sat 28 .. Wed 2 Dec, Sat 5 .. Mon 7, Tue 8: ten working days.
        self.assertEqual(case.date_deadline, datetime.date(2026, 12, 8))

    def test_changing_urgency_recomputes_the_due_date(self):
        case = self._create_case(
            date_request=at(2026, 11, 25), urgency_id=self.urgent.id
        )
        self.assertEqual(case.date_deadline, datetime.date(2026, 11, 25))
        case.urgency_id = self.normal
        self.assertEqual(case.date_deadline, datetime.date(2026, 11, 28))

    def test_editing_an_urgency_level_keeps_existing_due_dates(self):
        case = self._create_case(
            date_request=at(2026, 11, 24), urgency_id=self.normal.id
        )
        self.assertEqual(case.date_deadline, datetime.date(2026, 11, 25))
        self.normal.days = 2
        self.env.invalidate_all()
        self.assertEqual(case.date_deadline, datetime.date(2026, 11, 25))
        later = self._create_case(
            date_request=at(2026, 11, 24), urgency_id=self.normal.id
        )
        self.assertEqual(later.date_deadline, datetime.date(2026, 11, 28))

    def test_company_working_hours_are_the_fallback(self):
        # Without a case calendar the company's Monday-Friday week applies.
        self.company.case_calendar_id = False
        self.company.resource_calendar_id.tz = "Asia/Tehran"
        case = self._create_case(
            date_request=at(2026, 11, 27), urgency_id=self.normal.id
        )
        self.assertEqual(case.date_deadline, datetime.date(2026, 11, 30))

    def test_a_persian_user_edits_the_due_date_itself(self):
        # The calendar is the web client's business: a Persian user changes
        # the real, Gregorian due date; no Jalali text copy exists.
        self.env["res.lang"]._activate_lang("fa_IR")
        case = self._create_case(
            date_request=at(2026, 11, 24), urgency_id=self.normal.id
        )
        persian = case.with_context(lang="fa_IR", tz="Asia/Tehran")
        persian.date_deadline = datetime.date(2026, 12, 1)
        self.assertEqual(case.date_deadline, datetime.date(2026, 12, 1))
        self.assertNotIn("date_deadline_jalali", case._fields)
        self.assertNotIn("date_start_jalali", self.env["crm.case.booking"]._fields)

    def test_a_new_holiday_moves_the_next_due_dates(self):
        # Working dates are kept between requests; the office declaring a
        # holiday must still move the due date of the next case at once.
        before = self._create_case(
            date_request=at(2026, 11, 25), urgency_id=self.normal.id
        )
        self.assertEqual(before.date_deadline, datetime.date(2026, 11, 28))
        holiday = self.env["resource.calendar.leaves"].create(
            {
                "name": "Office closed",
                "calendar_id": self.calendar.id,
                "date_from": at(2026, 11, 28, hour=0),
                "date_to": at(2026, 11, 28, hour=23),
            }
        )
        after = self._create_case(
            date_request=at(2026, 11, 25), urgency_id=self.normal.id
        )
        self.assertEqual(after.date_deadline, datetime.date(2026, 11, 29))
        holiday.unlink()
        reopened = self._create_case(
            date_request=at(2026, 11, 25), urgency_id=self.normal.id
        )
        self.assertEqual(reopened.date_deadline, datetime.date(2026, 11, 28))

    def test_a_changed_working_week_moves_the_next_due_dates(self):
        before = self._create_case(
            date_request=at(2026, 11, 25), urgency_id=self.normal.id
        )
        self.assertEqual(before.date_deadline, datetime.date(2026, 11, 28))
        # Saturdays off from now on.
        self.calendar.attendance_ids.filtered(
            lambda attendance: attendance.dayofweek == "5"
        ).unlink()
        after = self._create_case(
            date_request=at(2026, 11, 25), urgency_id=self.normal.id
        )
        self.assertEqual(after.date_deadline, datetime.date(2026, 11, 29))
