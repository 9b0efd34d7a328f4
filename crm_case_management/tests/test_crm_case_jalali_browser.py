# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The web client in one calendar per user, in Chromium."""

import datetime
import os
from unittest.mock import patch

from odoo import Command
from odoo.tests import HttpCase, tagged

from .common import persian_and_english_agents, use_persian_and_english


@tagged("post_install", "-at_install")
class TestJalaliWebClient(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        use_persian_and_english(cls.env)
        cls.persian_user, cls.english_user = persian_and_english_agents(
            cls.env, "case_jalali", "case_gregorian"
        )
        cls.customer = cls.env["res.partner"].create({"name": "شرکت نمونه"})

    def start_tour(self, *args, **kwargs):
        # The web client shows datetimes in the browser's time zone: the
        # browser of a desk in Tehran.
        with patch.dict(os.environ, {"TZ": "Asia/Tehran"}):
            return super().start_tour(*args, **kwargs)

    def _case_of(self, user):
        # 2026-03-20 20:30 UTC is 1405/01/01 00:00 in Tehran.
        return (
            self.env["crm.case"]
            .with_user(user)
            .sudo()
            .create(
                {
                    "name": "چاپگر",
                    "description": "<p>روشن نمی‌شود</p>",
                    "partner_id": self.customer.id,
                    "date_request": datetime.datetime(2026, 3, 20, 20, 30),
                    "date_deadline": datetime.date(2026, 11, 24),
                }
            )
        )

    def test_a_persian_user_picks_and_types_jalali_dates(self):
        case = self._case_of(self.persian_user)
        self.start_tour(
            f"/odoo/cases/{case.id}", "crm_case_jalali_picker_tour", login="case_jalali"
        )
        # 15 Farvardin 1405, typed last; never a Jalali year in the database.
        self.assertEqual(case.date_deadline, datetime.date(2026, 4, 4))

    def test_an_english_user_sees_gregorian(self):
        case = self._case_of(self.english_user)
        case.sudo().date_deadline = datetime.date(2027, 3, 20)
        self.start_tour(
            f"/odoo/cases/{case.id}", "crm_case_gregorian_tour", login="case_gregorian"
        )

    def test_a_persian_user_types_a_jalali_datetime_in_tehran(self):
        case = self._case_of(self.persian_user)
        device = self.env["resource.resource"].create(
            {"name": "دوربین حرارتی", "resource_type": "material", "calendar_id": False}
        )
        booking = self.env["crm.case.booking"].create(
            {
                "case_id": case.id,
                # 1405/09/15 08:30 to 12:30 in Tehran.
                "date_start": datetime.datetime(2026, 12, 6, 5, 0),
                "date_stop": datetime.datetime(2026, 12, 6, 9, 0),
                "resource_ids": [Command.set(device.ids)],
            }
        )
        self.start_tour(
            f"/odoo/crm.case.booking/{booking.id}",
            "crm_case_jalali_datetime_tour",
            login="case_jalali",
        )
        self.assertEqual(booking.date_start, datetime.datetime(2026, 12, 6, 7, 0))
