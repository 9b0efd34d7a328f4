# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Odoo's calendar view in one calendar per user, in Chromium."""

import datetime
import os
from unittest.mock import patch

from odoo.tests import HttpCase, tagged

from .common import persian_and_english_agents, use_persian_and_english

# Due dates named by their Jalali date: 1405/08/30 is 2026-11-21, a Saturday.
DUE_DATES = {
    "jcal-0830": datetime.date(2026, 11, 21),
    "jcal-0904": datetime.date(2026, 11, 25),
    "jcal-0930": datetime.date(2026, 12, 21),
    "jcal-1001": datetime.date(2026, 12, 22),
    "jcal-1010": datetime.date(2026, 12, 31),
}


@tagged("post_install", "-at_install")
class TestJalaliCalendarView(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        use_persian_and_english(cls.env)
        cls.persian_user, cls.english_user = persian_and_english_agents(
            cls.env, "case_jcal", "case_gcal"
        )
        customer = cls.env["res.partner"].create({"name": "شرکت تقویم"})
        for name, due in DUE_DATES.items():
            cls.env["crm.case"].create(
                {
                    "name": name,
                    "description": "<p>-</p>",
                    "partner_id": customer.id,
                    "user_id": cls.persian_user.id,
                    "date_deadline": due,
                }
            )
        # The cases' calendar, opened on 4 Azar 1405 whatever today is.
        cls.action = cls.env["ir.actions.act_window"].create(
            {
                "name": "Cases",
                "res_model": "crm.case",
                "view_mode": "calendar",
                "view_id": cls.env.ref("crm_case_management.crm_case_view_calendar").id,
                "context": "{'initial_date': '2026-11-25 12:00:00'}",
            }
        )

    def start_tour(self, *args, **kwargs):
        # A desk in Tehran.
        with patch.dict(os.environ, {"TZ": "Asia/Tehran"}):
            return super().start_tour(*args, **kwargs)

    def test_a_persian_user_browses_jalali_months(self):
        """Month, week and year scales in Jalali; the fetched ranges stay Gregorian."""
        self.start_tour(
            f"/odoo/action-{self.action.id}",
            "crm_case_jalali_calendar_view_tour",
            login="case_jcal",
        )

    def test_an_english_user_sees_gregorian_months(self):
        cases = self.env["crm.case"].search([("name", "in", list(DUE_DATES))])
        cases.user_id = self.english_user
        self.start_tour(
            f"/odoo/action-{self.action.id}",
            "crm_case_gregorian_calendar_view_tour",
            login="case_gcal",
        )

    def test_a_persian_user_who_chose_gregorian_sees_gregorian_months(self):
        """Not Jalali day numbers on a Gregorian grid, as the browser's fa-IR gives."""
        self.persian_user.date_calendar = "gregorian"
        self.start_tour(
            f"/odoo/action-{self.action.id}",
            "crm_case_explicit_gregorian_calendar_view_tour",
            login="case_jcal",
        )
