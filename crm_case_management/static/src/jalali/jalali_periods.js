/**
 * Jalali periods (weeks, months, years) and their labels, for the calendar
 * view. Pure date arithmetic on luxon DateTimes: the values stay Gregorian
 * (what the calendar fetches and writes), only their grouping and labels are
 * Jalali.
 */
import {
    fromJalali,
    inJalali,
    jalaliParts,
    plusJalaliMonths,
    startOfJalaliMonth,
    toPersianDigits,
} from "./jalali_calendar";

/** Days in Jalali month `month` of `year` (Esfand has 30 days in leap years). */
export function jalaliMonthLength(year, month) {
    if (month <= 6) {
        return 31;
    }
    if (month <= 11) {
        return 30;
    }
    return fromJalali(year, 12, 30) ? 30 : 29;
}

/** [start, end] (midnight, end of day) of the Jalali month holding `value`. */
export function jalaliMonthRange(value) {
    const start = startOfJalaliMonth(value);
    return [start, plusJalaliMonths(value, 1).minus({ days: 1 }).endOf("day")];
}

/** Midnight of 1 Farvardin of the Jalali year holding `value`. */
export function startOfJalaliYear(value) {
    return fromJalali(jalaliParts(value).year, 1, 1, value.zone);
}

/** [start, end] of the Jalali year holding `value` (1 Farvardin .. last of Esfand). */
export function jalaliYearRange(value) {
    const start = startOfJalaliYear(value);
    return [start, plusJalaliMonths(start, 12).minus({ days: 1 }).endOf("day")];
}

/**
 * `value` moved by `months` Jalali months, keeping its Jalali day when the
 * target month has it (31 Shahrivar + 1 month is 30 Mehr) and its time.
 */
export function shiftJalaliMonths(value, months) {
    const monthStart = plusJalaliMonths(value, months);
    const { year, month } = jalaliParts(monthStart);
    const day = Math.min(jalaliParts(value).day, jalaliMonthLength(year, month));
    return monthStart
        .plus({ days: day - 1 })
        .set({ hour: value.hour, minute: value.minute, second: value.second });
}

/**
 * Midnight of the first day of the week holding `value`; `weekStart` is
 * Odoo's week_start of the language (1 Monday .. 6 Saturday, 7 Sunday).
 */
export function startOfWeek(value, weekStart) {
    const offset = (value.weekday - weekStart + 7) % 7;
    return value.minus({ days: offset }).startOf("day");
}

/**
 * Number of the week holding `value` in its Jalali year: week 1 holds
 * 1 Farvardin, so the last days of Esfand may already be in week 1.
 */
export function jalaliWeekNumber(value, weekStart) {
    const week = startOfWeek(value, weekStart);
    const { year } = jalaliParts(value);
    const nextYearWeek = startOfWeek(fromJalali(year + 1, 1, 1, value.zone), weekStart);
    if (week >= nextYearWeek) {
        return 1;
    }
    const firstWeek = startOfWeek(fromJalali(year, 1, 1, value.zone), weekStart);
    return Math.round(week.diff(firstWeek, "days").days / 7) + 1;
}

/** The Jalali day of month of `value`, in Persian digits ("۴"). */
export function jalaliDayLabel(value) {
    return toPersianDigits(jalaliParts(value).day);
}

/** "آذر ۱۴۰۵" */
export function jalaliMonthLabel(value) {
    return inJalali(value).toFormat("MMMM yyyy");
}

/** "۴ آذر ۱۴۰۵" */
export function jalaliDayMonthLabel(value) {
    return inJalali(value).toFormat("d MMMM yyyy");
}

/** "آذر ۱۴۰۵", "آذر - دی ۱۴۰۵" or "اسفند ۱۴۰۵ - فروردین ۱۴۰۶" for a week. */
export function jalaliRangeMonthsLabel(start, end) {
    const first = jalaliParts(start);
    const last = jalaliParts(end);
    if (first.year !== last.year) {
        return `${jalaliMonthLabel(start)} - ${jalaliMonthLabel(end)}`;
    }
    if (first.month !== last.month) {
        return `${inJalali(start).toFormat("MMMM")} - ${jalaliMonthLabel(end)}`;
    }
    return jalaliMonthLabel(start);
}

/** "۴ آذر ۱۴۰۵", "۴-۶ آذر ۱۴۰۵" or "۲۹ آذر ۱۴۰۵ - ۲ دی ۱۴۰۵" for an event. */
export function jalaliDaySpanLabel(start, end) {
    const first = jalaliParts(start);
    const last = jalaliParts(end);
    if (start.hasSame(end, "day")) {
        return jalaliDayMonthLabel(start);
    }
    if (first.year === last.year && first.month === last.month) {
        return `${toPersianDigits(first.day)}-${jalaliDayMonthLabel(end)}`;
    }
    return `${jalaliDayMonthLabel(start)} - ${jalaliDayMonthLabel(end)}`;
}
