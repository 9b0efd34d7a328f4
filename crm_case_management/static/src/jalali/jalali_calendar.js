/**
 * The Jalali (Persian solar) calendar of the web client.
 *
 * Values stay Gregorian luxon DateTimes everywhere (what goes over RPC and
 * into the database); only the text a user reads or types is Jalali. Luxon
 * and the browser's Intl already know the Persian calendar, so formatting
 * reconfigures one DateTime at a time with an explicit output calendar and
 * nothing is ever set globally: `serializeDate` uses `toFormat`, and a global
 * Persian calendar would write Jalali years to the database.
 */
import { session } from "@web/session";
import { user } from "@web/core/user";

const { DateTime } = luxon;

const PERSIAN_DIGITS = "۰۱۲۳۴۵۶۷۸۹";
const ARABIC_DIGITS = "٠١٢٣٤٥٦٧٨٩";
// Jalali years a desk meets; a four-digit year above this is Gregorian.
export const LAST_JALALI_YEAR = 1699;

/** Whether this user reads and types dates in the Jalali calendar. */
export function usesJalali() {
    const choice = session.crm_case_calendar;
    if (choice === "jalali" || choice === "gregorian") {
        return choice === "jalali";
    }
    return /^fa\b/i.test(user.lang || "");
}

export function toLatinDigits(text) {
    return String(text).replace(/[۰-۹٠-٩]/g, (digit) => {
        const persian = PERSIAN_DIGITS.indexOf(digit);
        return String(persian >= 0 ? persian : ARABIC_DIGITS.indexOf(digit));
    });
}

export function toPersianDigits(text) {
    return String(text).replace(/[0-9]/g, (digit) => PERSIAN_DIGITS[digit]);
}

/** `value` (any zone) shown in the Persian calendar with Persian digits. */
export function inJalali(value, numberingSystem = "arabext") {
    return value.reconfigure({ outputCalendar: "persian", numberingSystem });
}

/** The Jalali year, month and day of the wall date of `value`. */
export function jalaliParts(value) {
    const jalali = inJalali(value, "latn");
    return {
        year: Number(jalali.toFormat("y")),
        month: Number(jalali.toFormat("M")),
        day: Number(jalali.toFormat("d")),
    };
}

function dayOfYear(month, day) {
    return (month <= 6 ? (month - 1) * 31 : 186 + (month - 7) * 30) + day;
}

/**
 * The Gregorian wall date (a DateTime at midnight in `zone`) of a Jalali date,
 * or null when that Jalali date does not exist (30 Esfand of a common year).
 *
 * 1 Farvardin is 19-22 March of year + 621; the first guess is corrected with
 * the browser's own Persian calendar until both calendars agree.
 */
export function fromJalali(year, month, day, zone = "default") {
    if (!(month >= 1 && month <= 12 && day >= 1 && day <= (month <= 6 ? 31 : 30))) {
        return null;
    }
    let guess = DateTime.fromObject({ year: year + 621, month: 3, day: 21 }, { zone }).plus({
        days: dayOfYear(month, day) - 1,
    });
    for (let attempt = 0; attempt < 4; attempt++) {
        const parts = jalaliParts(guess);
        if (parts.year === year && parts.month === month && parts.day === day) {
            return guess;
        }
        // A year counted as 365 days is one off across a leap year: step by one.
        const offset =
            (year - parts.year) * 365 + dayOfYear(month, day) - dayOfYear(parts.month, parts.day);
        guess = guess.plus({ days: offset || Math.sign(year - parts.year) });
    }
    return null;
}

/** Start of the Jalali month holding `value` (same zone, midnight). */
export function startOfJalaliMonth(value) {
    const { year, month } = jalaliParts(value);
    return fromJalali(year, month, 1, value.zone);
}

/** Start of the Jalali month `months` months after the one holding `value`. */
export function plusJalaliMonths(value, months) {
    const { year, month } = jalaliParts(value);
    const index = year * 12 + (month - 1) + months;
    return fromJalali(Math.floor(index / 12), (index % 12) + 1, 1, value.zone);
}

const JALALI_TEXT = /^\s*(\d{3,4})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{1,2})(?:[\sT,]+(\d{1,2})(?::(\d{1,2}))?(?::(\d{1,2}))?)?\s*$/;

/**
 * Reads typed Jalali text (Persian, Arabic or Latin digits), e.g.
 * "۱۴۰۵/۱۲/۲۹" or "1403-12-30 14:30", as a DateTime in `zone`.
 * Returns undefined when the text is no Jalali date at all (so other
 * parsers may try it) and null when it looks like one but does not exist.
 */
export function parseJalali(text, { zone = "default", withTime = false } = {}) {
    const match = JALALI_TEXT.exec(toLatinDigits(text || ""));
    if (!match || Number(match[1]) > LAST_JALALI_YEAR) {
        return undefined;
    }
    const [year, month, day, hour = 0, minute = 0, second = 0] = match
        .slice(1)
        .map((part) => (part === undefined ? undefined : Number(part)));
    const date = fromJalali(year, month, day, zone);
    if (!date || hour > 23 || minute > 59 || second > 59) {
        return null;
    }
    return withTime ? date.set({ hour, minute, second }) : date;
}

/** "۱۴۰۵/۱۲/۲۹" */
export function formatJalaliDate(value) {
    return inJalali(value).toFormat("yyyy/MM/dd");
}

/** "۱۴۰۵/۱۲/۲۹ ۱۰:۳۰" in the user's (or the given) time zone. */
export function formatJalaliDateTime(value, { tz, showSeconds = false, showTime = true } = {}) {
    const local = value.setZone(tz || "default");
    if (showTime === false) {
        return formatJalaliDate(local);
    }
    return inJalali(local).toFormat(showSeconds ? "yyyy/MM/dd HH:mm:ss" : "yyyy/MM/dd HH:mm");
}

/** "۲۹ اسفند ۱۴۰۵" (year left out in the current Jalali year), as Odoo's locale form. */
export function formatJalaliLocale(value, options = {}) {
    const { showTime = false, showSeconds = false, showDate = true, tz } = options;
    const local = value.setZone(tz || "default");
    const format = showTime ? { ...DateTime.DATETIME_MED_WITH_SECONDS } : { ...DateTime.DATE_MED };
    if (showTime && !showSeconds) {
        delete format.second;
    }
    if (showTime && showDate === false) {
        delete format.day;
        delete format.month;
        delete format.year;
    }
    if (jalaliParts(DateTime.local()).year === jalaliParts(local).year) {
        delete format.year;
    }
    return inJalali(local).toLocaleString(format);
}
