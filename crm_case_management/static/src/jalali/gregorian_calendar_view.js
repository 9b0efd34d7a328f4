/**
 * Odoo's calendar view for users who read Gregorian dates in a language
 * whose own calendar is another one: a Persian user who chose Gregorian.
 *
 * FullCalendar numbers days, and luxon names months, in the locale's default
 * calendar (Persian for fa-IR), so such a user's November 2026 grid was
 * numbered in Jalali days and titled "آذر 2026". Here every label of the view
 * is formatted with an explicit Gregorian calendar ("نوامبر ۲۰۲۶"). Users of
 * Gregorian locales (English) and Jalali users are left alone.
 */
import { patch } from "@web/core/utils/patch";
import { CalendarCommonPopover } from "@web/views/calendar/calendar_common/calendar_common_popover";
import { CalendarCommonRenderer } from "@web/views/calendar/calendar_common/calendar_common_renderer";
import { CalendarController } from "@web/views/calendar/calendar_controller";
import { CalendarYearPopover } from "@web/views/calendar/calendar_year/calendar_year_popover";
import { CalendarYearRenderer } from "@web/views/calendar/calendar_year/calendar_year_renderer";
import { getFormattedDateSpan } from "@web/views/calendar/utils";
import { usesJalali } from "./jalali_calendar";

const { DateTime } = luxon;

/** Whether this user reads Gregorian dates in a locale of another calendar. */
export function needsExplicitGregorian() {
    if (usesJalali()) {
        return false;
    }
    const { calendar } = new Intl.DateTimeFormat(luxon.Settings.defaultLocale).resolvedOptions();
    return calendar !== "gregory";
}

export function inGregorian(value) {
    return value.reconfigure({ outputCalendar: "gregory" });
}

function dayNumber({ date }) {
    return inGregorian(DateTime.fromJSDate(date)).toFormat("d");
}

patch(CalendarController.prototype, {
    get currentMonth() {
        return needsExplicitGregorian()
            ? inGregorian(this.date).toFormat("MMMM yyyy")
            : super.currentMonth;
    },

    get currentYear() {
        return needsExplicitGregorian() ? inGregorian(this.date).toFormat("yyyy") : super.currentYear;
    },

    get dayHeader() {
        return needsExplicitGregorian()
            ? inGregorian(this.date).toFormat("d MMMM yyyy")
            : super.dayHeader;
    },

    get weekHeader() {
        if (!needsExplicitGregorian()) {
            return super.weekHeader;
        }
        const start = inGregorian(this.model.rangeStart);
        const end = inGregorian(this.model.rangeEnd);
        if (start.year !== end.year) {
            return `${start.toFormat("MMMM yyyy")} - ${end.toFormat("MMMM yyyy")}`;
        }
        if (start.month !== end.month) {
            return `${start.toFormat("MMMM")} - ${end.toFormat("MMMM yyyy")}`;
        }
        return start.toFormat("MMMM yyyy");
    },
});

patch(CalendarCommonRenderer.prototype, {
    get options() {
        const options = super.options;
        if (needsExplicitGregorian() && this.props.model.scale === "month") {
            options.dayCellContent = dayNumber;
        }
        return options;
    },

    headerTemplateProps(date) {
        const props = super.headerTemplateProps(date);
        if (!needsExplicitGregorian()) {
            return props;
        }
        const zone = props.scale === "month" ? { zone: "UTC" } : {};
        return { ...props, day: inGregorian(DateTime.fromJSDate(date, zone)).toFormat("d") };
    },
});

patch(CalendarYearRenderer.prototype, {
    getOptionsForMonth(month) {
        const options = super.getOptionsForMonth(month);
        if (!needsExplicitGregorian()) {
            return options;
        }
        const title = inGregorian(DateTime.fromISO(options.initialDate)).toFormat("MMMM yyyy");
        return { ...options, dayCellContent: dayNumber, titleFormat: () => title };
    },
});

patch(CalendarCommonPopover.prototype, {
    computeDateTimeAndDuration() {
        super.computeDateTimeAndDuration();
        if (needsExplicitGregorian() && !this.props.model.isDateHidden) {
            const { start, end } = this.props.record;
            this.date = getFormattedDateSpan(inGregorian(start), inGregorian(end));
        }
    },
});

patch(CalendarYearPopover.prototype, {
    get dialogTitle() {
        return needsExplicitGregorian()
            ? inGregorian(this.props.date).toFormat("d MMMM yyyy")
            : super.dialogTitle;
    },

    groupRecords() {
        const groups = super.groupRecords();
        if (needsExplicitGregorian()) {
            for (const group of groups) {
                group.title = getFormattedDateSpan(inGregorian(group.start), inGregorian(group.end));
            }
        }
        return groups;
    },
});
