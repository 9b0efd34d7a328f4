/**
 * Odoo's calendar view in the Jalali calendar for Jalali users, for every
 * model: the month and year scales cover Jalali months and years, the
 * previous/next buttons step by them, and the header, day numbers, column
 * headers, week numbers and popovers read in Jalali.
 *
 * The model's range stays a pair of Gregorian DateTimes, so the records are
 * still fetched with a Gregorian domain; only its bounds follow the Jalali
 * month. The first day of the week is the language's (Saturday for fa_IR).
 */
import { localization } from "@web/core/l10n/localization";
import { patch } from "@web/core/utils/patch";
import { CalendarCommonPopover } from "@web/views/calendar/calendar_common/calendar_common_popover";
import { CalendarCommonRenderer } from "@web/views/calendar/calendar_common/calendar_common_renderer";
import { CalendarController } from "@web/views/calendar/calendar_controller";
import { CalendarModel } from "@web/views/calendar/calendar_model";
import { onWillStart } from "@odoo/owl";
import { jalaliParts, toPersianDigits, usesJalali } from "./jalali_calendar";
import { ensureJalaliMonthView, jalaliMonthOptions } from "./jalali_fullcalendar";
import {
    jalaliDayLabel,
    jalaliDayMonthLabel,
    jalaliDaySpanLabel,
    jalaliMonthLabel,
    jalaliMonthRange,
    jalaliRangeMonthsLabel,
    jalaliWeekNumber,
    jalaliYearRange,
    shiftJalaliMonths,
    startOfWeek,
} from "./jalali_periods";

const { DateTime } = luxon;
// Scales whose period is a Jalali one; weeks and days are the same in both calendars.
const JALALI_SCALES = ["month", "year"];

/** Odoo's week_start of the language as a luxon weekday (7 is Sunday). */
export function weekStartDay() {
    return localization.weekStart || 7;
}

patch(CalendarModel.prototype, {
    computeRange() {
        const { scale, date } = this.meta;
        if (!usesJalali() || !JALALI_SCALES.includes(scale)) {
            return super.computeRange();
        }
        let [start, end] = scale === "year" ? jalaliYearRange(date) : jalaliMonthRange(date);
        if (scale === "month" && this.monthOverflow) {
            // The whole weeks the grid shows, as Odoo fetches for Gregorian months.
            start = startOfWeek(start, weekStartDay());
            end = startOfWeek(end, weekStartDay()).plus({ days: 6 }).endOf("day");
        }
        return { start, end };
    },
});

patch(CalendarController.prototype, {
    get currentMonth() {
        return usesJalali() ? jalaliMonthLabel(this.date) : super.currentMonth;
    },

    get currentYear() {
        return usesJalali() ? toPersianDigits(jalaliParts(this.date).year) : super.currentYear;
    },

    get dayHeader() {
        return usesJalali() ? jalaliDayMonthLabel(this.date) : super.dayHeader;
    },

    get weekHeader() {
        if (!usesJalali()) {
            return super.weekHeader;
        }
        return jalaliRangeMonthsLabel(this.model.rangeStart, this.model.rangeEnd);
    },

    get currentWeek() {
        if (!usesJalali()) {
            return super.currentWeek;
        }
        return toPersianDigits(jalaliWeekNumber(this.model.rangeStart, weekStartDay()));
    },

    get today() {
        return usesJalali() ? jalaliDayLabel(DateTime.now()) : super.today;
    },

    /** The small screens' title suffix (" - آذر ۱۴۰۵"). */
    get currentDate() {
        const { scale } = this.model.meta;
        if (!usesJalali() || !this.env.isSmall || !["week", "month"].includes(scale)) {
            return super.currentDate;
        }
        return scale === "week" ? ` - ${this.weekHeader}` : ` - ${this.currentMonth}`;
    },

    async setDate(move) {
        const { scale } = this.model;
        if (!usesJalali() || !JALALI_SCALES.includes(scale) || move === "today") {
            return super.setDate(move);
        }
        const months = (scale === "year" ? 12 : 1) * (move === "next" ? 1 : -1);
        await this.model.load({ date: shiftJalaliMonths(this.model.date, months) });
    },
});

patch(CalendarCommonRenderer.prototype, {
    setup() {
        super.setup();
        if (usesJalali() && this.props.model.scale === "month") {
            onWillStart(ensureJalaliMonthView);
        }
    },

    get options() {
        const options = super.options;
        if (!usesJalali()) {
            return options;
        }
        const weekStart = weekStartDay();
        options.weekNumberCalculation = (date) =>
            jalaliWeekNumber(DateTime.fromJSDate(date), weekStart);
        if (this.props.model.scale === "month") {
            Object.assign(options, jalaliMonthOptions());
        }
        return options;
    },

    headerTemplateProps(date) {
        const props = super.headerTemplateProps(date);
        if (!usesJalali()) {
            return props;
        }
        // As Odoo reads it: month headers carry dates without a time zone.
        const zone = props.scale === "month" ? { zone: "UTC" } : {};
        return { ...props, day: jalaliDayLabel(DateTime.fromJSDate(date, zone)) };
    },
});

patch(CalendarCommonPopover.prototype, {
    computeDateTimeAndDuration() {
        super.computeDateTimeAndDuration();
        if (usesJalali() && !this.props.model.isDateHidden) {
            const { start, end } = this.props.record;
            this.date = jalaliDaySpanLabel(start, end);
        }
    },
});
