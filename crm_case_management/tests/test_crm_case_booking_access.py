# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Who sees and changes bookings, per role."""

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import new_test_user, tagged

from .test_crm_case_booking import SAT, BookingCommon, tehran


@tagged("post_install", "-at_install")
class TestBookingAccess(BookingCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.booking = cls.env["crm.case.booking"].create(
            {
                "case_id": cls.case.id,
                "date_start": tehran(SAT, 9),
                "date_stop": tehran(SAT, 10),
                "resource_ids": [(6, 0, (cls.device | cls.other_technician).ids)],
            }
        )
        cls.outsider = new_test_user(
            cls.env,
            "booking_outsider",
            groups="crm_case_management.group_crm_case_user",
            name="Outsider",
        )
        cls.portal = new_test_user(
            cls.env, "booking_portal", groups="base.group_portal"
        )

    def _visible_to(self, user):
        return (
            self.env["crm.case.booking"]
            .with_user(user)
            .search([("id", "=", self.booking.id)])
        )

    def test_case_people_and_the_booked_technician_see_it(self):
        # operator created the case, agent is its assignee, other_agent is booked.
        for user in (self.operator, self.agent, self.other_agent, self.manager):
            with self.subTest(user=user.login):
                self.assertEqual(self._visible_to(user), self.booking)

    def test_a_user_outside_the_case_sees_nothing(self):
        self.assertFalse(self._visible_to(self.outsider))
        with self.assertRaises(AccessError):
            self.booking.with_user(self.outsider).read(["name"])
        self.assertFalse(
            self.env["crm.case.booking.line"]
            .with_user(self.outsider)
            .search([("booking_id", "=", self.booking.id)])
        )

    def test_users_reschedule_managers_delete(self):
        self.booking.with_user(self.agent).date_stop = tehran(SAT, 11)
        self.assertEqual(self.booking.duration, 2.0)
        with self.assertRaises(AccessError):
            self.booking.with_user(self.agent).unlink()
        self.booking.with_user(self.manager).unlink()
        self.assertFalse(self.booking.exists())

    def test_lines_are_written_only_through_the_booking(self):
        with self.assertRaises(AccessError):
            self.booking.line_ids.with_user(self.agent).write(
                {"date_stop": tehran(SAT, 12)}
            )

    def test_portal_users_have_no_access(self):
        with self.assertRaises(AccessError):
            self.env["crm.case.booking"].with_user(self.portal).search([])

    def test_a_taken_resource_is_named_even_to_who_cannot_read_the_booking(self):
        other_case = self._create_case(user=self.outsider, user_id=self.outsider.id)
        with self.assertRaises(ValidationError) as refused:
            self._book(
                tehran(SAT, 9),
                tehran(SAT, 10),
                self.device,
                user=self.outsider,
                case=other_case,
            )
        self.assertIn(self.booking.name, str(refused.exception))

    def test_a_user_swaps_a_resource(self):
        booking = self.booking.with_user(self.operator)
        booking.resource_ids = [(3, self.device.id), (4, self.technician.id)]
        self.assertEqual(
            self.booking.line_ids.resource_id, self.other_technician | self.technician
        )
