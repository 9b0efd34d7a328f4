# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Two dispatchers book the same device at the same moment."""

import datetime

from odoo import Command
from odoo.tests import tagged

from .common import RaceCase


@tagged("post_install", "-at_install")
class TestBookingConcurrency(RaceCase):
    def setUp(self):
        super().setUp()
        with self.committed_env() as env:
            partner = env["res.partner"].create({"name": "Booking race customer"})
            case = env["crm.case"].create(
                {
                    "name": "Booked twice?",
                    "description": "<p>race</p>",
                    "partner_id": partner.id,
                }
            )
            device = env["resource.resource"].create(
                {
                    "name": "Race oscilloscope",
                    "resource_type": "material",
                    "calendar_id": False,
                }
            )
            self.ids = {"partner": partner.id, "case": case.id, "device": device.id}
        self.addCleanup(self._cleanup)

    def _cleanup(self):
        with self.committed_env() as env:
            case = env["crm.case"].browse(self.ids["case"])
            case.booking_ids.unlink()
            case.activity_ids.unlink()
            case.unlink()
            env["resource.resource"].browse(self.ids["device"]).unlink()
            env["res.partner"].browse(self.ids["partner"]).unlink()

    def _book(self, hour):
        start = datetime.datetime(2030, 1, 5, hour)

        def book(env):
            booking = env["crm.case.booking"].create(
                {
                    "case_id": self.ids["case"],
                    "date_start": start,
                    "date_stop": start + datetime.timedelta(hours=2),
                    "resource_ids": [Command.set([self.ids["device"]])],
                    "state": "confirmed",
                }
            )
            return booking.name

        return book

    def test_one_wins_the_other_is_told_who_has_it(self):
        outcomes = self.run_together(self._book(9), self._book(10))
        winners = [o for o in outcomes if o.startswith("BK-")]
        losers = [o for o in outcomes if not o.startswith("BK-")]
        self.assertEqual(len(winners), 1, outcomes)
        self.assertIn("is already booked", losers[0], outcomes)
        self.assertIn(winners[0], losers[0], outcomes)
        with self.committed_env() as env:
            lines = env["crm.case.booking.line"].search(
                [("resource_id", "=", self.ids["device"])]
            )
            self.assertEqual(len(lines), 1)

    def test_bookings_side_by_side_both_succeed(self):
        outcomes = self.run_together(self._book(9), self._book(11))
        self.assertTrue(all(o.startswith("BK-") for o in outcomes), outcomes)
