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

from odoo.tests import HttpCase, tagged

from .common import persian_and_english_agents, use_persian_and_english

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


def jalali_period(year, month=None, season=None):
    """First and last Gregorian day of a Jalali month, season or year."""
    first_month, last_month = (1, 12)
    if month:
        first_month = last_month = month
    elif season:
        first_month, last_month = (season - 1) * 3 + 1, season * 3
    return jalali_month(year, first_month)[0], jalali_month(year, last_month)[1]


def datetime_bounds(first, last):
    """A period's first and last second in Tehran, serialized in UTC."""
    return [
        str(tehran_midnight_utc(first)),
        str(tehran_midnight_utc(last + ONE_DAY) - ONE_SECOND),
    ]


def period_domain(field, bounds_list):
    """Odoo's domain of OR-ed ``[>=, <=]`` ranges."""
    ranges = [
        ["&", [field, ">=", low], [field, "<=", high]] for low, high in bounds_list
    ]
    return ["|"] * (len(ranges) - 1) + [leaf for rng in ranges for leaf in rng]


# The period logic of the web client, run in the browser on a fixed day:
# 1405/01/05, in Farvardin, whose previous months are of the previous year.
PERIODS_JS = """
const periods = odoo.loader.modules.get(
    "@crm_case_management/jalali/jalali_search_periods"
);
const { serializeDateTime } = odoo.loader.modules.get("@web/core/l10n/dates");
const zone = "Asia/Tehran";
const reference = luxon.DateTime.fromISO("2026-03-25T10:00:00", { zone });
const params = {
    startYear: -2, endYear: 0, startMonth: -2, endMonth: 0, customOptions: [],
};
const item = (fieldType) => ({
    fieldName: "d", fieldType, optionsParams: params, domain: "[]",
});
const actual = {
    ranges: INPUT.ranges.map(([year, part]) =>
        periods.jalaliPeriodRange(year, part, zone).map((d) => serializeDateTime(d))
    ),
    options: periods
        .jalaliPeriodOptions(reference, params)
        .map((o) => [o.id, o.description, o.defaultYearId || null]),
    domains: INPUT.domains.map(([type, ids]) => {
        const found = periods.jalaliDateDomain(reference, item(type), ids);
        return [found.domain.toList(), found.description];
    }),
};
if (JSON.stringify(actual) === JSON.stringify(EXPECTED)) {
    console.log("test successful");
} else {
    const [got, wanted] = [actual, EXPECTED].map((value) => JSON.stringify(value));
    console.error(`Jalali periods: ${got} != ${wanted}`);
}
"""


@tagged("post_install", "-at_install")
class TestJalaliSearch(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        use_persian_and_english(cls.env)
        cls.persian_user, cls.english_user = persian_and_english_agents(
            cls.env, "case_jsearch_fa", "case_jsearch_en"
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
        jfar = jdatetime.date.fromgregorian(date=far)
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
            "groups": {
                "jalali": "ماه درخواست (خورشیدی)",
                "gregorian": "تاریخ درخواست (میلادی)",
                "day": "روز",
                # The cases left were all asked on ``far``.
                "dayGroup": persian(
                    f"{jfar.day} {jfar.j_months_fa[jfar.month - 1]} {jfar.year}"
                ),
            },
        }
        self.start_tour(
            "/odoo/cases",
            "crm_case_jalali_search_tour",
            expectations,
            "case_jsearch_fa",
        )

    def test_jalali_periods_of_a_fixed_day_match_jdatetime(self):
        ranges = [
            (1403, {"month": 12}),
            (1404, {"month": 12}),
            (1405, {"season": 3}),
            (1405, {}),
        ]
        domains = [
            ("datetime", ["month-1", "year-1"]),
            ("date", ["first_quarter", "year", "year-1"]),
            ("date", ["year-2"]),
            ("date", ["month", "month-2", "year"]),
        ]
        spring_1404, spring_1405 = (
            jalali_period(1404, season=1),
            jalali_period(1405, season=1),
        )
        expected = {
            "ranges": [
                datetime_bounds(*jalali_period(year, **part)) for year, part in ranges
            ],
            "options": [
                ["month", "فروردین", "year"],
                ["month-1", "اسفند", "year-1"],
                ["month-2", "بهمن", "year-1"],
                ["fourth_quarter", "زمستان", "year"],
                ["third_quarter", "پاییز", "year"],
                ["second_quarter", "تابستان", "year"],
                ["first_quarter", "بهار", "year"],
                ["year", "۱۴۰۵", None],
                ["year-1", "۱۴۰۴", None],
                ["year-2", "۱۴۰۳", None],
            ],
            "domains": [
                [
                    period_domain(
                        "d", [datetime_bounds(*jalali_period(1404, month=12))]
                    ),
                    "اسفند ۱۴۰۴",
                ],
                [
                    period_domain("d", [map(str, spring_1404), map(str, spring_1405)]),
                    "بهار ۱۴۰۴/بهار ۱۴۰۵",
                ],
                [period_domain("d", [map(str, jalali_period(1403))]), "۱۴۰۳"],
                [
                    period_domain(
                        "d",
                        [
                            map(str, jalali_period(1405, month=1)),
                            map(str, jalali_period(1405, month=11)),
                        ],
                    ),
                    "فروردین ۱۴۰۵/بهمن ۱۴۰۵",
                ],
            ],
        }
        code = PERIODS_JS.replace(
            "INPUT", json.dumps({"ranges": ranges, "domains": domains})
        ).replace("EXPECTED", json.dumps(expected))
        with patch.dict(os.environ, {"TZ": "Asia/Tehran"}):
            self.browser_js(
                "/odoo",
                code,
                # Translations are loaded once the web client shows.
                ready="!!document.querySelector('.o_main_navbar')",
                login="case_jsearch_fa",
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
