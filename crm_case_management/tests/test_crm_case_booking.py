# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Bookings of people and equipment: nobody is booked twice."""

import datetime

import psycopg2

from odoo import Command
from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged
from odoo.tools import SQL, mute_logger

from .common import CaseCommon

TEHRAN = datetime.timedelta(hours=3, minutes=30)
QUARTER = datetime.timedelta(minutes=15)


def tehran(day, hour, minute=0):
    """A Tehran wall-clock time in December 2026, as naive UTC."""
    return datetime.datetime(2026, 12, day, hour, minute) - TEHRAN


# 5 December 2026 is a Saturday: a working day of the Tehran office.
SAT, SUN, THU = 5, 6, 10


class BookingCommon(CaseCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.role = cls.env["hr.employee.category"].create({"name": "Field technician"})
        cls.technician = cls._employee(cls.agent).resource_id
        cls.other_technician = cls._employee(cls.other_agent).resource_id
        cls.device = cls.env["resource.resource"].create(
            {
                "name": "Thermal camera",
                "resource_type": "material",
                "calendar_id": False,
            }
        )
        cls.case = cls._create_case(user_id=cls.agent.id)
        cls.Booking = cls.env["crm.case.booking"]

    @classmethod
    def _employee(cls, user):
        return cls.env["hr.employee"].create(
            {
                "name": user.name,
                "user_id": user.id,
                "resource_calendar_id": cls.calendar.id,
                "tz": "Asia/Tehran",
                "category_ids": [Command.link(cls.role.id)],
            }
        )

    def _book(self, start, stop, resources, user=None, state="confirmed", case=None):
        return (
            self.Booking.with_user(user or self.operator)
            .create(
                {
                    "case_id": (case or self.case).id,
                    "date_start": start,
                    "date_stop": stop,
                    "resource_ids": [Command.set(resources.ids)],
                    "state": state,
                }
            )
            .sudo()
        )


@tagged("post_install", "-at_install")
class TestBooking(BookingCommon):
    def test_dispatcher_books_a_technician_and_a_device(self):
        booking = self._book(
            tehran(SAT, 9),
            tehran(SAT, 11),
            self.technician | self.device,
            state="planned",
        )
        booking.with_user(self.operator).action_confirm()
        self.assertEqual(booking.state, "confirmed")
        self.assertTrue(booking.name.startswith("BK-"))
        self.assertEqual(booking.duration, 2.0)
        self.assertEqual(booking.line_ids.resource_id, self.technician | self.device)
        self.assertEqual(set(booking.line_ids.mapped("state")), {"confirmed"})
        self.assertEqual(self.case.booking_count, 1)
        action = self.case.action_view_bookings()
        self.assertEqual(action["domain"], [("case_id", "=", self.case.id)])

    def test_overlap_is_refused_naming_the_booking(self):
        first = self._book(
            tehran(SAT, 9), tehran(SAT, 11), self.technician | self.device
        )
        with self.assertRaises(ValidationError) as refused:
            self._book(tehran(SAT, 10), tehran(SAT, 12), self.device)
        message = str(refused.exception)
        self.assertIn(first.name, message)
        self.assertIn("Thermal camera", message)
        self.assertIn(self.case.number, message)

    def test_a_planned_booking_holds_its_resources_too(self):
        self._book(tehran(SAT, 9), tehran(SAT, 11), self.device, state="planned")
        with self.assertRaises(ValidationError):
            self._book(tehran(SAT, 9), tehran(SAT, 10), self.device, state="planned")

    def test_touching_bookings_are_allowed(self):
        self._book(tehran(SAT, 9), tehran(SAT, 11), self.technician)
        after = self._book(tehran(SAT, 11), tehran(SAT, 12), self.technician)
        before = self._book(tehran(SAT, 8), tehran(SAT, 9), self.technician)
        self.assertEqual((after | before).mapped("state"), ["confirmed", "confirmed"])

    def test_a_cancelled_booking_frees_its_resources(self):
        first = self._book(tehran(SAT, 9), tehran(SAT, 11), self.device)
        first.action_cancel()
        second = self._book(tehran(SAT, 9), tehran(SAT, 11), self.device)
        self.assertEqual(second.state, "confirmed")
        with self.assertRaises(ValidationError) as refused:
            first.action_reset()
        self.assertIn(second.name, str(refused.exception))

    def test_moving_or_adding_a_resource_is_checked_too(self):
        first = self._book(tehran(SAT, 9), tehran(SAT, 10), self.device)
        second = self._book(tehran(SAT, 10), tehran(SAT, 11), self.device)
        with self.assertRaises(ValidationError):
            second.write({"date_start": tehran(SAT, 9, 30)})
        second.write(
            {"date_start": tehran(SAT, 9, 30), "resource_ids": [Command.clear()]}
        )
        self.assertFalse(second.line_ids)
        with self.assertRaises(ValidationError) as refused:
            second.write({"resource_ids": [Command.link(self.device.id)]})
        self.assertIn(first.name, str(refused.exception))

    def test_the_database_refuses_an_overlap_the_code_did_not_see(self):
        self._book(tehran(SAT, 9), tehran(SAT, 11), self.device)
        other = self._book(tehran(SAT, 9), tehran(SAT, 11), self.technician)
        self.env.flush_all()
        with (
            mute_logger("odoo.sql_db"),
            self.assertRaises(psycopg2.errors.ExclusionViolation),
            self.env.cr.savepoint(),
        ):
            self.env.cr.execute(
                SQL(
                    "INSERT INTO crm_case_booking_line "
                    "(booking_id, resource_id, date_start, date_stop, state) "
                    "VALUES (%s, %s, %s, %s, 'confirmed')",
                    other.id,
                    self.device.id,
                    tehran(SAT, 10),
                    tehran(SAT, 12),
                )
            )

    def test_outside_working_hours_and_across_the_break_are_refused(self):
        for start, stop in (
            (tehran(SAT, 17), tehran(SAT, 18)),  # after work
            (tehran(SAT, 11), tehran(SAT, 14)),  # over the lunch break
            (tehran(THU, 9), tehran(THU, 10)),  # Thursday is off
            (tehran(SAT, 7, 30), tehran(SAT, 8, 30)),  # 04:00 UTC: before work
        ):
            with self.subTest(start=start), self.assertRaises(ValidationError) as no:
                self._book(start, stop, self.technician)
            self.assertIn("does not work", str(no.exception))
        # The same hours in Tehran are fine, although in UTC they start at 04:30.
        self.assertTrue(self._book(tehran(SAT, 8), tehran(SAT, 12), self.technician))

    def test_a_device_without_schedule_is_booked_across_midnight(self):
        night = self._book(tehran(SAT, 22), tehran(SUN, 2), self.device)
        self.assertEqual(night.duration, 4.0)
        with self.assertRaises(ValidationError):
            self._book(tehran(SUN, 1), tehran(SUN, 3), self.device)

    def test_a_booking_during_leave_is_refused(self):
        self.env["resource.calendar.leaves"].create(
            {
                "name": "Dentist",
                "calendar_id": self.calendar.id,
                "resource_id": self.technician.id,
                "date_from": tehran(SAT, 13),
                "date_to": tehran(SAT, 17),
            }
        )
        with self.assertRaises(ValidationError) as refused:
            self._book(tehran(SAT, 14), tehran(SAT, 15), self.technician)
        self.assertIn("on leave", str(refused.exception))
        self.assertTrue(
            self._book(tehran(SAT, 14), tehran(SAT, 15), self.other_technician)
        )

    def test_a_busy_meeting_is_refused_a_free_one_is_not(self):
        Event = self.env["calendar.event"].with_context(no_mail_to_attendees=True)
        Event.create(
            {
                "name": "Team meeting",
                "start": tehran(SAT, 9),
                "stop": tehran(SAT, 10),
                "partner_ids": [Command.link(self.agent.partner_id.id)],
            }
        )
        Event.create(
            {
                "name": "Optional talk",
                "start": tehran(SAT, 10),
                "stop": tehran(SAT, 11),
                "show_as": "free",
                "partner_ids": [Command.link(self.agent.partner_id.id)],
            }
        )
        with self.assertRaises(ValidationError) as refused:
            self._book(tehran(SAT, 9, 30), tehran(SAT, 10, 30), self.technician)
        self.assertIn("has a meeting", str(refused.exception))
        self.assertTrue(self._book(tehran(SAT, 10), tehran(SAT, 11), self.technician))

    def test_stop_must_follow_start(self):
        with mute_logger("odoo.sql_db"), self.assertRaises(Exception):  # noqa: B017
            self._book(tehran(SAT, 10), tehran(SAT, 9), self.device)


@tagged("post_install", "-at_install")
class TestFindSlots(BookingCommon):
    def test_first_slots_skip_bookings_meetings_and_the_break(self):
        self._book(tehran(SAT, 8), tehran(SAT, 9, 10), self.device)
        self.env["calendar.event"].with_context(no_mail_to_attendees=True).create(
            {
                "name": "Review",
                "start": tehran(SAT, 10),
                "stop": tehran(SAT, 11),
                "partner_ids": [Command.link(self.agent.partner_id.id)],
            }
        )
        slots = self.Booking.find_slots(
            self.technician | self.device, 1.5, tehran(SAT, 0), tehran(SUN, 0)
        )
        self.assertEqual(
            slots,
            [
                (tehran(SAT, 13), tehran(SAT, 14, 30)),
                (tehran(SAT, 13, 15), tehran(SAT, 14, 45)),
                (tehran(SAT, 13, 30), tehran(SAT, 15)),
                (tehran(SAT, 13, 45), tehran(SAT, 15, 15)),
                (tehran(SAT, 14), tehran(SAT, 15, 30)),
            ],
        )
        # Each proposed slot can be booked as it is.
        start, stop = slots[0]
        self.assertTrue(self._book(start, stop, self.technician | self.device))

    def test_no_slot_on_days_off(self):
        slots = self.Booking.find_slots(
            self.technician.ids, 1, tehran(THU, 0), tehran(THU + 2, 0)
        )
        self.assertEqual(slots, [])

    def test_nonsense_requests_are_refused(self):
        with self.assertRaises(UserError):
            self.Booking.find_slots(self.technician, 0, tehran(SAT, 0), tehran(SUN, 0))
        with self.assertRaises(UserError):
            self.Booking.find_slots(self.technician, 1, tehran(SUN, 0), tehran(SAT, 0))

    def test_same_slots_as_a_brute_force_search_over_the_calendar(self):
        """Every quarter hour of a weekend and two days, checked with Odoo's
        own hour count, leave, booking and meeting searches."""
        self.env["resource.calendar.leaves"].create(
            {
                "name": "Training",
                "calendar_id": self.calendar.id,
                "resource_id": self.technician.id,
                "date_from": tehran(SUN, 14),
                "date_to": tehran(SUN, 15, 30),
            }
        )
        self._book(tehran(SAT, 9, 15), tehran(SAT, 10, 45), self.device)
        self._book(tehran(SUN, 8), tehran(SUN, 8, 40), self.technician)
        self.env["calendar.event"].with_context(no_mail_to_attendees=True).create(
            {
                "name": "Stand-up",
                "start": tehran(SAT, 15),
                "stop": tehran(SAT, 15, 20),
                "partner_ids": [Command.link(self.agent.partner_id.id)],
            }
        )
        resources = self.technician | self.device
        date_from, date_to = (
            tehran(THU, 0) - datetime.timedelta(days=6),
            tehran(SUN, 18),
        )
        hours = 1.25
        found = self.Booking.find_slots(resources, hours, date_from, date_to, limit=0)

        duration = datetime.timedelta(hours=hours)
        expected = []
        moment = date_from
        while moment + duration <= date_to:
            stop = moment + duration
            works = self.calendar.get_work_hours_count(moment, stop) == hours
            on_leave = self.env["resource.calendar.leaves"].search_count(
                [
                    ("resource_id", "=", self.technician.id),
                    ("date_from", "<", stop),
                    ("date_to", ">", moment),
                ]
            )
            booked = self.env["crm.case.booking.line"].search_count(
                [
                    ("resource_id", "in", resources.ids),
                    ("state", "!=", "cancelled"),
                    ("date_start", "<", stop),
                    ("date_stop", ">", moment),
                ]
            )
            meeting = self.env["calendar.event"].search_count(
                [
                    ("partner_ids", "in", self.agent.partner_id.ids),
                    ("show_as", "=", "busy"),
                    ("start", "<", stop),
                    ("stop", ">", moment),
                ]
            )
            if works and not (on_leave or booked or meeting):
                expected.append((moment, stop))
            moment += QUARTER
        self.assertTrue(expected)
        self.assertEqual(found, expected)


@tagged("post_install", "-at_install")
class TestBookingProposals(BookingCommon):
    def test_available_technicians_least_loaded_first(self):
        # Other Agent has 3 hours that week, Agent 1 hour.
        self._book(tehran(SAT, 8), tehran(SAT, 11), self.other_technician)
        self._book(tehran(SUN, 8), tehran(SUN, 9), self.technician)
        booking = self._book(
            tehran(SUN, 13), tehran(SUN, 14), self.device, state="planned"
        )
        booking.role_id = self.role
        self.assertEqual(
            booking.proposed_resource_ids.ids,
            [self.technician.id, self.other_technician.id],
        )
        booking.with_user(self.operator).action_add_proposed()
        self.assertEqual(booking.resource_ids, self.device | self.technician)
        self.assertEqual(booking.proposed_resource_ids, self.other_technician)

    def test_busy_technicians_are_not_proposed(self):
        self._book(tehran(SUN, 13), tehran(SUN, 15), self.technician)
        booking = self._book(tehran(SUN, 14), tehran(SUN, 15), self.device)
        booking.role_id = self.role
        self.assertEqual(booking.proposed_resource_ids, self.other_technician)
        booking.date_start = tehran(SUN, 12)  # over the lunch break
        self.assertFalse(booking.proposed_resource_ids)
        with self.assertRaises(UserError):
            booking.action_add_proposed()


@tagged("post_install", "-at_install")
class TestBookingHours(BookingCommon):
    def test_a_done_booking_logs_its_hours_on_the_case_once(self):
        booking = self._book(
            tehran(SAT, 9), tehran(SAT, 11), self.technician | self.device
        )
        with self.assertRaises(UserError):
            booking.with_user(self.manager).action_log_hours()
        booking.action_done()
        lines = booking.with_user(self.manager).action_log_hours()
        self.assertEqual(lines.case_id, self.case)
        self.assertEqual(lines.employee_id.resource_id, self.technician)
        self.assertEqual(lines.unit_amount, 2.0)
        self.assertEqual(self.case.total_hours, 2.0)
        self.assertFalse(booking.with_user(self.manager).action_log_hours())


@tagged("post_install", "-at_install")
class TestBookingJalali(BookingCommon):
    def test_a_persian_dispatcher_reads_jalali_dates(self):
        self.env["res.lang"]._activate_lang("fa_IR")
        # As the web client sends it for a Persian user in Tehran.
        self.Booking = self.Booking.with_context(lang="fa_IR", tz="Asia/Tehran")
        self._book(tehran(SAT, 9), tehran(SAT, 11), self.device)
        # 5 December 2026 is 14 Azar 1405.
        with self.assertRaises(ValidationError) as refused:
            self._book(tehran(SAT, 10), tehran(SAT, 12), self.device)
        self.assertIn("۱۴۰۵/۰۹/۱۴ ۰۹:۰۰", str(refused.exception))
        self.assertIn("۱۴۰۵/۰۹/۱۴ ۱۱:۰۰", str(refused.exception))


@tagged("post_install", "-at_install")
class TestCustomerBookings(BookingCommon):
    def test_the_customer_company_finds_its_contacts_bookings(self):
        contact_case = self._create_case(partner_id=self.customer_contact.id)
        booking = self._book(
            tehran(SAT, 9), tehran(SAT, 10), self.device, case=contact_case
        )
        self._book(
            tehran(SAT, 10),
            tehran(SAT, 11),
            self.device,
            case=self._create_case(partner_id=self.other_customer.id),
        )
        found = self.Booking.with_user(self.operator).search(
            [("commercial_partner_id", "=", self.customer.id)]
        )
        self.assertEqual(found, booking)
        self.assertEqual(booking.partner_id, self.customer_contact)
