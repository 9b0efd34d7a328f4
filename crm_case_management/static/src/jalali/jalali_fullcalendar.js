/**
 * A FullCalendar day-grid view whose period is the Jalali month, for the
 * month scale and the twelve months of the year scale of the calendar view.
 *
 * FullCalendar computes a month view's period in Gregorian months. This view
 * asks a date-profile generator for the Jalali month instead and leaves the
 * rest to FullCalendar: the grid snaps to whole weeks from the language's
 * first day of the week, days of the neighbouring months get FullCalendar's
 * own "other month" look (or stay empty when the view hides them), and event
 * placement is unchanged. Dates handed to FullCalendar stay Gregorian.
 */
import { loadBundle } from "@web/core/assets";
import { plusJalaliMonths, startOfJalaliMonth, toPersianDigits } from "./jalali_calendar";
import { jalaliDayLabel } from "./jalali_periods";

const { DateTime } = luxon;

export const JALALI_MONTH_VIEW = "crmCaseJalaliMonth";

let pluginRegistered = false;

/**
 * The Jalali month holding a FullCalendar date marker. Markers are
 * Date objects whose UTC fields hold the wall date and time.
 */
export function jalaliMonthMarkers(marker) {
    const wall = DateTime.fromJSDate(marker, { zone: "UTC" });
    return {
        start: startOfJalaliMonth(wall).toJSDate(),
        end: plusJalaliMonths(wall, 1).toJSDate(),
    };
}

function registerPlugin() {
    const { TableDateProfileGenerator } = FullCalendar.DayGrid.Internal;
    class JalaliMonthProfileGenerator extends TableDateProfileGenerator {
        buildCurrentRangeInfo(date) {
            // "month" makes the day grid snap to weeks as for a month view.
            return { duration: null, unit: "month", range: jalaliMonthMarkers(date) };
        }
    }
    FullCalendar.globalPlugins.push(
        FullCalendar.createPlugin({
            name: "crm_case_management_jalali_month",
            views: {
                [JALALI_MONTH_VIEW]: {
                    type: "dayGrid",
                    dateProfileGeneratorClass: JalaliMonthProfileGenerator,
                },
            },
        })
    );
    pluginRegistered = true;
}

/**
 * Loads FullCalendar (as the calendar renderers do) and adds the Jalali
 * month view once. Views named by calendars of other users are unaffected.
 */
export async function ensureJalaliMonthView() {
    await loadBundle("web.fullcalendar_lib");
    if (!pluginRegistered) {
        registerPlugin();
    }
}

/**
 * FullCalendar options that show a day grid in the Jalali month holding
 * its initial date, each day numbered by its Jalali day in Persian digits.
 */
export function jalaliMonthOptions() {
    return {
        initialView: JALALI_MONTH_VIEW,
        dayCellContent: ({ date }) => jalaliDayLabel(DateTime.fromJSDate(date)),
        // "+2 more" in the words of FullCalendar's locale, with Persian digits.
        moreLinkContent: ({ text }) => toPersianDigits(text),
        // Styles scoped to Jalali grids (see jalali_calendar_view.scss).
        viewClassNames: ["o_crm_case_jalali_calendar"],
    };
}
