/**
 * The date picker in the Jalali calendar for Jalali users: Jalali month
 * grids, month and year panels, and typed Jalali text in its inputs.
 * The picked values stay Gregorian DateTimes.
 */
import { DateTimePicker } from "@web/core/datetime/datetime_picker";
import { isInRange, today } from "@web/core/l10n/dates";
import { localization } from "@web/core/l10n/localization";
import { patch } from "@web/core/utils/patch";
import {
    fromJalali,
    inJalali,
    jalaliParts,
    plusJalaliMonths,
    startOfJalaliMonth,
    toPersianDigits,
    usesJalali,
} from "./jalali_calendar";

const { Info } = luxon;
const DAYS_PER_WEEK = 7;
const WEEKS_PER_MONTH = 6;
// Months to move by "next"/"previous" per panel.
const JALALI_STEPS = { days: 1, months: 12, years: 120 };

function startOfWeek(date) {
    const { weekStart } = localization;
    return date.set({ weekday: date.weekday < weekStart ? weekStart - 7 : weekStart });
}

function dateItem({ range, label, isOutOfRange = false, isValid = true, extraClass = "" }) {
    return {
        id: range[0].toISODate(),
        includesToday: isInRange(today(), range),
        isOutOfRange,
        isValid,
        label: toPersianDigits(label),
        range,
        extraClass,
    };
}

function jalaliYearRange(year, zone) {
    const start = fromJalali(year, 1, 1, zone);
    return [start, fromJalali(year + 1, 1, 1, zone).minus({ millisecond: 1 })];
}

/** One Jalali month as the "days" panel of Odoo's picker expects it. */
export function jalaliMonthItems(monthStart, { maxDate, minDate, isDateValid, dayCellClass }) {
    const monthRange = [monthStart, plusJalaliMonths(monthStart, 1).minus({ millisecond: 1 })];
    const weeks = [];
    let weekStart = startOfWeek(monthStart);
    for (let w = 0; w < WEEKS_PER_MONTH; w++) {
        const days = [];
        for (let d = 0; d < DAYS_PER_WEEK; d++) {
            const day = weekStart.plus({ day: d });
            const range = [day, day.endOf("day")];
            days.push(
                dateItem({
                    range,
                    label: jalaliParts(day).day,
                    isOutOfRange: !isInRange(day, monthRange),
                    isValid:
                        isInRange(range, [minDate, maxDate]) &&
                        (isDateValid ? isDateValid(day) : true),
                    extraClass: dayCellClass?.(day) || "",
                })
            );
        }
        weeks.push({ number: toPersianDigits(days[3].range[0].weekNumber), days });
        weekStart = weekStart.plus({ week: 1 });
    }
    const daysOfWeek = weeks[0].days.map(({ range: [day] }) => [
        day.weekdayShort,
        day.weekdayLong,
        Info.weekdays("narrow", { locale: day.locale })[day.weekday - 1],
    ]);
    return [{ id: "__month__0", number: jalaliParts(monthStart).month, daysOfWeek, weeks }];
}

function jalaliYearItems(date, { maxDate, minDate }) {
    const { year } = jalaliParts(date);
    const start = fromJalali(year, 1, 1, date.zone);
    return [...Array(12).keys()].map((i) => {
        const monthStart = plusJalaliMonths(start, i);
        const range = [monthStart, plusJalaliMonths(monthStart, 1).minus({ millisecond: 1 })];
        return dateItem({
            range,
            label: inJalali(monthStart).toFormat("MMMM"),
            isValid: isInRange(range, [minDate, maxDate]),
        });
    });
}

function jalaliDecadeItems(date, { maxDate, minDate }) {
    const decade = Math.floor(jalaliParts(date).year / 10) * 10;
    return [...Array(12).keys()].map((i) => {
        const range = jalaliYearRange(decade + i - 1, date.zone);
        return dateItem({
            range,
            label: decade + i - 1,
            isOutOfRange: i === 0 || i === 11,
            isValid: isInRange(range, [minDate, maxDate]),
        });
    });
}

function jalaliTitle(precision, date) {
    const { year } = jalaliParts(date);
    if (precision === "days") {
        return inJalali(date).toFormat("MMMM yyyy");
    }
    if (precision === "months") {
        return toPersianDigits(year);
    }
    const decade = Math.floor(year / 10) * 10;
    return toPersianDigits(`${decade - 1} - ${decade + 10}`);
}

patch(DateTimePicker.prototype, {
    filterPrecisionLevels(minPrecision, maxPrecision) {
        const levels = super.filterPrecisionLevels(minPrecision, maxPrecision);
        // Centuries of Jalali years are of no use on a desk.
        return usesJalali() ? levels.filter((level) => level !== "decades") : levels;
    },

    adjustFocus(values, focusedDateIndex) {
        if (!usesJalali()) {
            return super.adjustFocus(values, focusedDateIndex);
        }
        if (!this.shouldAdjustFocusDate && this.state.focusDate) {
            return;
        }
        const dateToFocus =
            values[focusedDateIndex] || values[focusedDateIndex === 1 ? 0 : 1] || today();
        this.shouldAdjustFocusDate = false;
        this.state.focusDate = this.clamp(startOfJalaliMonth(dateToFocus));
    },

    onWillRender() {
        super.onWillRender();
        if (!usesJalali()) {
            return;
        }
        const { dayCellClass, isDateValid } = this.props;
        const { focusDate, precision } = this.state;
        const params = { maxDate: this.maxDate, minDate: this.minDate, isDateValid, dayCellClass };
        const itemsOf = {
            days: jalaliMonthItems,
            months: jalaliYearItems,
            years: jalaliDecadeItems,
        }[precision];
        if (itemsOf) {
            this.title = jalaliTitle(precision, focusDate);
            this.items = itemsOf(startOfJalaliMonth(focusDate), params);
        }
    },

    next(ev) {
        if (!usesJalali() || !(this.state.precision in JALALI_STEPS)) {
            return super.next(ev);
        }
        ev.preventDefault();
        const months = JALALI_STEPS[this.state.precision];
        this.state.focusDate = this.clamp(plusJalaliMonths(this.state.focusDate, months));
    },

    previous(ev) {
        if (!usesJalali() || !(this.state.precision in JALALI_STEPS)) {
            return super.previous(ev);
        }
        ev.preventDefault();
        const months = JALALI_STEPS[this.state.precision];
        this.state.focusDate = this.clamp(plusJalaliMonths(this.state.focusDate, -months));
    },
});
