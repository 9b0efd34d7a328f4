/**
 * The year scale of Odoo's calendar view in the Jalali calendar for Jalali
 * users: the twelve months Farvardin .. Esfand of the Jalali year, each a
 * Jalali month grid, and the year popover's dates in Jalali.
 */
import { patch } from "@web/core/utils/patch";
import { CalendarYearPopover } from "@web/views/calendar/calendar_year/calendar_year_popover";
import { CalendarYearRenderer } from "@web/views/calendar/calendar_year/calendar_year_renderer";
import { onWillStart } from "@odoo/owl";
import { plusJalaliMonths, usesJalali } from "./jalali_calendar";
import { ensureJalaliMonthView, jalaliMonthOptions } from "./jalali_fullcalendar";
import {
    jalaliDayMonthLabel,
    jalaliDaySpanLabel,
    jalaliMonthLabel,
    jalaliWeekNumber,
    startOfJalaliYear,
} from "./jalali_periods";
import { weekStartDay } from "./jalali_calendar_view";

const { DateTime } = luxon;

patch(CalendarYearRenderer.prototype, {
    setup() {
        super.setup();
        if (usesJalali()) {
            onWillStart(ensureJalaliMonthView);
        }
    },

    /** The Jalali month of the year's `month`-th grid (Odoo keys grids by month name). */
    jalaliMonthStart(month) {
        const index = this.months.indexOf(month);
        return plusJalaliMonths(startOfJalaliYear(this.props.model.date), index);
    },

    getOptionsForMonth(month) {
        const options = super.getOptionsForMonth(month);
        if (!usesJalali()) {
            return options;
        }
        const monthStart = this.jalaliMonthStart(month);
        const title = jalaliMonthLabel(monthStart);
        const weekStart = weekStartDay();
        return {
            ...options,
            ...jalaliMonthOptions(),
            initialDate: monthStart.toISO(),
            titleFormat: () => title,
            weekNumberCalculation: (date) =>
                jalaliWeekNumber(DateTime.fromJSDate(date), weekStart),
        };
    },
});

patch(CalendarYearPopover.prototype, {
    get dialogTitle() {
        return usesJalali() ? jalaliDayMonthLabel(this.props.date) : super.dialogTitle;
    },

    groupRecords() {
        const groups = super.groupRecords();
        if (usesJalali()) {
            for (const group of groups) {
                group.title = jalaliDaySpanLabel(group.start, group.end);
            }
        }
        return groups;
    },
});
