# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Date filters and custom date conditions of the search bar, in Chromium.

The web client takes "today" from the browser's real clock, so the
expectations are computed here from the real today in Tehran with jdatetime,
independently of the web client's own Jalali code.
"""

import calendar
import datetime
import json
import os
from unittest.mock import patch

import jdatetime
import pytz

from odoo.tests import HttpCase, new_test_user, tagged

USER_GROUP = "crm_case_management.group_crm_case_user"
TEHRAN = pytz.timezone("Asia/Tehran")
PERSIAN_DIGITS = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")
SEASONS_NEWEST_FIRST = ["زمستان", "پاییز", "تابستان", "بهار"]
ONE_DAY = datetime.timedelta(days=1)
ONE_SECOND = datetime.timedelta(seconds=1)


def persian(value):
    return str(value).translate(PERSIAN_DIGITS)


def jalali_month(year, month):
    """First and last Gregorian day of a Jalali month (``month`` may overflow)."""
    year, month = year + (month - 1) // 12, (month - 1) % 12 + 1
    first = jdatetime.date(year, month, 1)
    following = jdatetime.date(year + month // 12, month % 12 + 1, 1)
    return first.togregorian(), following.togregorian() - ONE_DAY


def tehran_midnight_utc(day):
    """A Tehran midnight as Odoo stores it (naive UTC)."""
    local = TEHRAN.localize(datetime.datetime.combine(day, datetime.time()))
    return local.astimezone(pytz.utc).replace(tzinfo=None)


@tagged("post_install", "-at_install")
class TestJalaliSearch(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("fa_IR")
        cls.env["res.lang"]._activate_lang("en_US")
        cls.env["ir.module.module"]._load_module_terms(
            ["base", "web", "mail", "crm_case_management"], ["fa_IR"]
        )
        cls.persian_user = new_test_user(
            cls.env,
            "case_jsearch_fa",
            groups=USER_GROUP,
            lang="fa_IR",
            tz="Asia/Tehran",
        )
        cls.english_user = new_test_user(
            cls.env,
            "case_jsearch_en",
            groups=USER_GROUP,
            lang="en_US",
            tz="Asia/Tehran",
        )
        cls.customer = cls.env["res.partner"].create({"name": "شرکت جستجو"})
        cls.today = datetime.datetime.now(TEHRAN).date()
        cls.jtoday = jdatetime.date.fromgregorian(date=cls.today)
        cls.first, cls.last = jalali_month(cls.jtoday.year, cls.jtoday.month)

    def start_tour(self, url, tour, expectations, login):
        # The browser of a desk in Tehran; the expectations reach the tour
        # as a global set before it starts.
        options = {
            "stepDelay": 0,
            "keepWatchBrowser": False,
            "debug": False,
            "startUrl": url,
            "delayToCheckUndeterminisms": 0,
        }
        code = (
            f"window.crmCaseJalaliSearch = {json.dumps(expectations)};"
            f"odoo.startTour({tour!r}, {json.dumps(options)})"
        )
        with patch.dict(os.environ, {"TZ": "Asia/Tehran"}):
            return super().start_tour(url, tour, login=login, code=code)

    def _cases(self, user, cases):
        """Cases of ``user``: ``{name: (request datetime, due date)}``."""
        for name, (request, deadline) in cases.items():
            self.env["crm.case"].with_user(user).sudo().create(
                {
                    "name": name,
                    "description": "<p>بازهٔ تاریخ</p>",
                    "partner_id": self.customer.id,
                    "date_request": request,
                    "date_deadline": deadline,
                }
            )

    def _persian_options(self):
        """This Jalali month and the two before, the seasons, the years."""
        months = []
        for offset in (0, -1, -2):
            first, _last = jalali_month(self.jtoday.year, self.jtoday.month + offset)
            jalali_first = jdatetime.date.fromgregorian(date=first)
            months.append(jalali_first.j_months_fa[jalali_first.month - 1])
        years = [persian(self.jtoday.year - offset) for offset in (0, 1, 2)]
        return months + SEASONS_NEWEST_FIRST + years

    def test_a_persian_user_filters_by_jalali_month_and_edits_it_in_jalali(self):
        far = self.first - 100 * ONE_DAY
        far_request = tehran_midnight_utc(far)
        start = tehran_midnight_utc(self.first)
        end = tehran_midnight_utc(self.last + ONE_DAY) - ONE_SECOND
        self._cases(
            self.persian_user,
            {
                "due-before": (far_request, self.first - ONE_DAY),
                "due-first": (far_request, self.first),
                "due-last": (far_request, self.last),
                "due-after": (far_request, self.last + ONE_DAY),
                "asked-before": (start - ONE_SECOND, far),
                "asked-first": (start, far),
                "asked-last": (end, far),
                "asked-after": (end + ONE_SECOND, far),
            },
        )
        month = self.jtoday.j_months_fa[self.jtoday.month - 1]
        facet = f"{month} {persian(self.jtoday.year)}"
        options = self._persian_options()
        first, last, after = (
            persian(jdatetime.date.fromgregorian(date=day).strftime("%Y/%m/%d"))
            for day in (self.first, self.last, self.last + ONE_DAY)
        )
        expectations = {
            "deadline": {
                "label": "موعد",
                "options": options,
                "pick": month,
                "facet": facet,
                "inside": ["due-first", "due-last"],
                "outside": ["due-before", "due-after"],
            },
            "request": {
                "label": "تاریخ درخواست",
                "options": options,
                "pick": month,
                "facet": facet,
                "inside": ["asked-first", "asked-last"],
                "outside": ["asked-before", "asked-after"],
            },
            "custom": {
                # The month's first and last day, then its end typed a day later.
                "shown": [first, last],
                "typed": after,
                "facet": [first, after],
                "inside": ["due-first", "due-last", "due-after"],
                "outside": ["due-before"],
            },
        }
        self.start_tour(
            "/odoo/cases",
            "crm_case_jalali_search_tour",
            expectations,
            "case_jsearch_fa",
        )

    def test_an_english_user_keeps_gregorian_periods(self):
        first = self.today.replace(day=1)
        self._cases(
            self.english_user,
            {
                "en-inside": (tehran_midnight_utc(first), first),
                "en-outside": (tehran_midnight_utc(first), first - ONE_DAY),
            },
        )
        months = []
        for offset in (0, 1, 2):
            index = self.today.year * 12 + self.today.month - 1 - offset
            months.append(calendar.month_name[index % 12 + 1])
        years = [str(self.today.year - offset) for offset in (0, 1, 2)]
        expectations = {
            "deadline": {
                "label": "Due Date",
                "options": months + ["Q4", "Q3", "Q2", "Q1"] + years,
                "pick": months[0],
                "facet": f"{months[0]} {self.today.year}",
                "inside": ["en-inside"],
                "outside": ["en-outside"],
            },
        }
        self.start_tour(
            "/odoo/cases",
            "crm_case_gregorian_search_tour",
            expectations,
            "case_jsearch_en",
        )
