# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Iranian holidays imported into desk calendars, and who may edit them."""

import datetime

import jdatetime

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from ..wizard.crm_case_holiday_import import iranian_holidays, tehran_day_bounds
from .common import CaseCommon, CaseRpcCommon, RpcError


class HolidayCommon(CaseCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.desk = cls.env.ref("crm_case_management.resource_calendar_iran")
        cls.desk.global_leave_ids.unlink()  # demo holidays, if any
        cls.company.case_calendar_id = cls.desk

    def _import(self, year, user=None):
        wizard = (
            self.env["crm.case.holiday.import"]
            .with_user(user or self.manager)
            .create({"calendar_id": self.desk.id, "jalali_year": year})
        )
        return wizard.action_import()


@tagged("post_install", "-at_install")
class TestHolidayImport(HolidayCommon):
    def test_a_jalali_year_is_cut_from_two_gregorian_years(self):
        found = iranian_holidays(1405)
        self.assertTrue(found)
        for day in found:
            self.assertEqual(jdatetime.date.fromgregorian(date=day).year, 1405)
        # Solar holidays, exact: Nowruz, 12-13 Farvardin, 14-15 Khordad,
        # 22 Bahman, 29 Esfand.
        for month, day in [(1, 1), (1, 2), (1, 3), (1, 4), (1, 12), (1, 13),
                           (3, 14), (3, 15), (11, 22), (12, 29)]:  # fmt: skip
            gregorian = jdatetime.date(1405, month, day).togregorian()
            self.assertIn(gregorian, found, f"1405/{month}/{day}")
            self.assertFalse(found[gregorian][1], f"1405/{month}/{day} is not lunar")
        # Ashura 1405 (2026-06-25) is confirmed; Ashura 1406 is not yet.
        self.assertFalse(found[datetime.date(2026, 6, 25)][1])
        estimated = iranian_holidays(1406)
        self.assertTrue(estimated[datetime.date(2027, 6, 16)][1])
        self.assertNotIn("تخمینی", estimated[datetime.date(2027, 6, 16)][0])

    def test_two_years_imported_twice_make_no_duplicates(self):
        self._import(1405)
        self._import(1406)
        count = len(self.desk.global_leave_ids)
        expected = len(iranian_holidays(1405)) + len(iranian_holidays(1406))
        self.assertEqual(count, expected)
        self._import(1405)
        self._import(1406)
        self.assertEqual(len(self.desk.global_leave_ids), count)
        starts = self.desk.global_leave_ids.mapped("date_from")
        self.assertEqual(len(starts), len(set(starts)))
        nowruz = self.desk.global_leave_ids.filtered(
            lambda leave: (
                leave.date_from == tehran_day_bounds(datetime.date(2026, 3, 21))[0]
            )
        )
        self.assertIn("نوروز", nowruz.name)
        self.assertEqual(nowruz.date_from, datetime.datetime(2026, 3, 20, 20, 30))
        self.assertTrue(self.desk.global_leave_ids.filtered("holiday_estimated"))

    def test_a_day_already_covered_by_hand_is_kept(self):
        start, _stop = tehran_day_bounds(datetime.date(2026, 3, 21))
        _start, stop = tehran_day_bounds(datetime.date(2026, 3, 24))
        self.env["resource.calendar.leaves"].create(
            {
                "name": "Nowruz",
                "calendar_id": self.desk.id,
                "date_from": start,
                "date_to": stop,
            }
        )
        self._import(1405)
        covering = self.desk.global_leave_ids.filtered(
            lambda leave: (
                leave.date_from <= start + datetime.timedelta(days=1) <= leave.date_to
            )
        )
        self.assertEqual(covering.mapped("name"), ["Nowruz"])

    def test_working_days_across_nowruz_with_imported_holidays(self):
        self._import(1404)
        self._import(1405)
        # Wednesday 1404/12/27; Thursday and Friday off, 29 Esfand and
        # Nowruz 1-4 holidays: one working day later is Wednesday 1405/01/05.
        case = self._create_case(
            date_request=datetime.datetime(2026, 3, 18, 6, 0), urgency_id=self.normal.id
        )
        self.assertEqual(case.date_deadline, datetime.date(2026, 3, 25))

    def test_bad_years_are_refused(self):
        with self.assertRaises(UserError):
            self._import(2026)
        self.assertFalse(self.desk.global_leave_ids)


@tagged("post_install", "-at_install")
class TestHolidayAccess(HolidayCommon):
    def test_a_case_user_cannot_edit_calendars(self):
        with self.assertRaises(AccessError):
            self.desk.with_user(self.agent).write({"name": "Mine"})
        with self.assertRaises(AccessError):
            self.env["resource.calendar.leaves"].with_user(self.agent).create(
                {
                    "name": "Day off for all",
                    "calendar_id": self.desk.id,
                    "date_from": "2026-05-01 00:00:00",
                    "date_to": "2026-05-01 12:00:00",
                }
            )
        with self.assertRaises(AccessError):
            self._import(1405, user=self.agent)

    def test_a_case_manager_edits_desk_calendars_only(self):
        desk = self.desk.with_user(self.manager)
        desk.write(
            {
                "attendance_ids": [
                    Command.create(
                        {
                            "name": "Thursday",
                            "dayofweek": "3",
                            "hour_from": 8,
                            "hour_to": 12,
                        }
                    )
                ]
            }
        )
        self.assertIn("3", self.desk.attendance_ids.mapped("dayofweek"))
        hr_calendar = self.company.resource_calendar_id
        self.assertFalse(hr_calendar.case_desk)
        with self.assertRaises(AccessError):
            hr_calendar.with_user(self.manager).write({"name": "Changed"})
        with self.assertRaises(AccessError):
            hr_calendar.attendance_ids[:1].with_user(self.manager).unlink()
        with self.assertRaises(AccessError):
            self.env["resource.calendar.leaves"].with_user(self.manager).create(
                {
                    "name": "Company holiday",
                    "calendar_id": False,
                    "date_from": "2026-05-01 00:00:00",
                    "date_to": "2026-05-01 12:00:00",
                }
            )


@tagged("post_install", "-at_install")
class TestHolidayAccessRpc(CaseRpcCommon):
    def test_over_json2_a_manager_cannot_touch_other_calendars(self):
        desk = self.env.ref("crm_case_management.resource_calendar_iran")
        hr_calendar = self.company.resource_calendar_id
        with self.assertRaises(RpcError):
            self.json2(
                self.manager,
                "resource.calendar",
                "write",
                ids=hr_calendar.ids,
                vals={"name": "Changed"},
            )
        with self.assertRaises(RpcError):
            self.json2(
                self.manager,
                "resource.calendar",
                "write",
                ids=hr_calendar.ids,
                vals={"case_desk": True},
            )
        with self.assertRaises(RpcError):
            self.json2(
                self.manager,
                "resource.calendar.leaves",
                "create",
                vals_list=[
                    {
                        "name": "x",
                        "calendar_id": hr_calendar.id,
                        "date_from": "2026-05-01 00:00:00",
                        "date_to": "2026-05-01 12:00:00",
                    }
                ],
            )
        self.assertNotEqual(hr_calendar.name, "Changed")
        self.assertFalse(hr_calendar.case_desk)
        self.json2(
            self.manager,
            "resource.calendar",
            "write",
            ids=desk.ids,
            vals={"name": "Tehran desk"},
        )
        self.assertEqual(desk.name, "Tehran desk")
        with self.assertRaises(RpcError):
            self.json2(
                self.agent,
                "resource.calendar",
                "write",
                ids=desk.ids,
                vals={"name": "Agent's"},
            )

    def test_over_json2_nothing_moves_out_of_a_desk_calendar(self):
        desk = self.env.ref("crm_case_management.resource_calendar_iran")
        hr_calendar = self.company.resource_calendar_id
        holiday = self.env["resource.calendar.leaves"].create(
            {
                "name": "Desk day",
                "calendar_id": desk.id,
                "date_from": "2026-05-01 00:00:00",
                "date_to": "2026-05-01 12:00:00",
            }
        )
        day = desk.attendance_ids[:1]
        for vals in ({"calendar_id": hr_calendar.id}, {"calendar_id": False}):
            with self.assertRaises(RpcError):
                self.json2(
                    self.manager,
                    "resource.calendar.leaves",
                    "write",
                    ids=holiday.ids,
                    vals=vals,
                )
        with self.assertRaises(RpcError):
            self.json2(
                self.manager,
                "resource.calendar.attendance",
                "write",
                ids=day.ids,
                vals={"calendar_id": hr_calendar.id},
            )
        self.assertEqual(holiday.calendar_id, desk)
        self.assertEqual(day.calendar_id, desk)
