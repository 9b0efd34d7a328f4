/**
 * The date picker for users who read Gregorian dates in a language whose
 * own calendar is another one (a Persian user who chose Gregorian).
 *
 * Odoo titles the month panel with `monthLong` and labels the months with
 * `monthShort`, which follow the locale's default calendar: such a user's
 * November 2026 read "آبان 2026" (a Jalali month, a Gregorian year). They
 * are named with an explicit Gregorian calendar instead. Other users, and
 * Jalali users (jalali_picker.js), are left alone.
 */
import { DateTimePicker } from "@web/core/datetime/datetime_picker";
import { patch } from "@web/core/utils/patch";
import { inGregorian, needsExplicitGregorian } from "./gregorian_calendar_view";

patch(DateTimePicker.prototype, {
    onWillRender() {
        super.onWillRender();
        if (!needsExplicitGregorian()) {
            return;
        }
        const { precision, focusDate } = this.state;
        if (precision === "days") {
            const focus = inGregorian(focusDate);
            this.title = `${focus.monthLong} ${focus.year}`;
        } else if (precision === "months") {
            for (const item of this.items) {
                item.label = inGregorian(item.range[0]).monthShort;
            }
        }
    },
});
