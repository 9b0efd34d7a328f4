# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The calendar view's Jalali period arithmetic (jalali_periods.js,
jalali_fullcalendar.js), run as is in Chromium: one page load, no tour."""

from odoo.tests import HttpCase, tagged

CHECKS = r"""
const load = (name) => odoo.loader.modules.get(`@crm_case_management/jalali/${name}`);
const P = load("jalali_periods");
const { jalaliMonthMarkers } = load("jalali_fullcalendar");
const { DateTime } = luxon;
const day = (iso) => DateTime.fromISO(iso, { zone: "Asia/Tehran", locale: "fa-IR" });
const failures = [];
function expect(what, got, wanted) {
    const text = got && got.toISODate ? got.toISODate() : String(got);
    if (text !== wanted) {
        failures.push(`${what}: got ${text}, wanted ${wanted}`);
    }
}
// Month lengths: Esfand has 30 days in the leap year 1403, 29 in 1405.
expect("Esfand 1403", P.jalaliMonthLength(1403, 12), "30");
expect("Esfand 1405", P.jalaliMonthLength(1405, 12), "29");
expect("Mehr", P.jalaliMonthLength(1405, 7), "30");
expect("Farvardin", P.jalaliMonthLength(1405, 1), "31");
// Periods of 4 Azar 1405 (2026-11-25).
const [monthStart, monthEnd] = P.jalaliMonthRange(day("2026-11-25"));
expect("1 Azar", monthStart, "2026-11-22");
expect("30 Azar", monthEnd, "2026-12-21");
expect("30 Azar ends the day", monthEnd.toFormat("HH:mm"), "23:59");
const [yearStart, yearEnd] = P.jalaliYearRange(day("2026-11-25"));
expect("1 Farvardin 1405", yearStart, "2026-03-21");
expect("29 Esfand 1405", yearEnd, "2027-03-20");
// Moving by months keeps the Jalali day when the month has it.
expect("31 Shahrivar + 1", P.shiftJalaliMonths(day("2026-09-22"), 1), "2026-10-22");
expect("30 Azar + 1", P.shiftJalaliMonths(day("2026-12-21"), 1), "2027-01-20");
expect("4 Azar - 1", P.shiftJalaliMonths(day("2026-11-25"), -1), "2026-10-26");
expect("30 Bahman 1403 + 1", P.shiftJalaliMonths(day("2025-02-18"), 1), "2025-03-20");
expect("30 Bahman 1404 + 1", P.shiftJalaliMonths(day("2026-02-19"), 1), "2026-03-20");
expect("4 Azar + 12", P.shiftJalaliMonths(day("2026-11-25"), 12), "2027-11-25");
// Weeks from Saturday (fa_IR), Sunday (en_US) and Monday.
expect("Saturday week", P.startOfWeek(day("2026-11-25"), 6), "2026-11-21");
expect("Sunday week", P.startOfWeek(day("2026-11-25"), 7), "2026-11-22");
expect("Monday week", P.startOfWeek(day("2026-11-25"), 1), "2026-11-23");
expect("Saturday itself", P.startOfWeek(day("2026-11-21"), 6), "2026-11-21");
expect("week of 7 Azar", P.jalaliWeekNumber(day("2026-11-28"), 6), "37");
expect("week of 1 Farvardin", P.jalaliWeekNumber(day("2026-03-21"), 6), "1");
expect("last week of 1404", P.jalaliWeekNumber(day("2026-03-20"), 6), "53");
// 29 Esfand 1405 shares its week with 1 Farvardin 1406 (a Sunday).
expect("29 Esfand 1405", P.jalaliWeekNumber(day("2027-03-20"), 6), "1");
// Labels.
expect("month", P.jalaliMonthLabel(day("2026-11-25")), "آذر ۱۴۰۵");
expect("day", P.jalaliDayMonthLabel(day("2026-11-25")), "۴ آذر ۱۴۰۵");
expect("day number", P.jalaliDayLabel(day("2026-12-22")), "۱");
expect(
    "week",
    P.jalaliRangeMonthsLabel(day("2026-11-21"), day("2026-11-27")),
    "آبان - آذر ۱۴۰۵"
);
expect(
    "week across years",
    P.jalaliRangeMonthsLabel(day("2027-03-13"), day("2027-03-26")),
    "اسفند ۱۴۰۵ - فروردین ۱۴۰۶"
);
expect(
    "span",
    P.jalaliDaySpanLabel(day("2026-12-20"), day("2026-12-21")),
    "۲۹-۳۰ آذر ۱۴۰۵"
);
expect(
    "span across months",
    P.jalaliDaySpanLabel(day("2026-12-21"), day("2026-12-22")),
    "۳۰ آذر ۱۴۰۵ - ۱ دی ۱۴۰۵"
);
// FullCalendar's markers hold the wall date in UTC fields.
const markers = jalaliMonthMarkers(new Date(Date.UTC(2026, 10, 25, 13)));
expect("marker start", markers.start.toISOString(), "2026-11-22T00:00:00.000Z");
expect("marker end", markers.end.toISOString(), "2026-12-22T00:00:00.000Z");
if (failures.length) {
    console.error(failures.join("\n"));
} else {
    console.log("test successful");
}
"""


@tagged("post_install", "-at_install")
class TestJalaliPeriodsJs(HttpCase):
    def test_jalali_periods(self):
        self.browser_js("/odoo", CHECKS, ready="odoo.isReady", login="admin")
