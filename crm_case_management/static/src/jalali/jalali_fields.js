/**
 * Date and datetime fields in the Jalali calendar for Jalali users: the
 * field formatters/parsers registries (list, kanban, pivot, graph, badges)
 * and the date field component (form, kanban), for every model.
 */
import { _t } from "@web/core/l10n/translation";
import { ConversionError } from "@web/core/l10n/dates";
import { registry } from "@web/core/registry";
import { patch } from "@web/core/utils/patch";
import { DateTimeField } from "@web/views/fields/datetime/datetime_field";
import {
    formatJalaliDate,
    formatJalaliDateTime,
    formatJalaliLocale,
    parseJalali,
    usesJalali,
} from "./jalali_calendar";

const formatters = registry.category("formatters");
const parsers = registry.category("parsers");

export function jalaliDateFormatter(gregorianFormatter) {
    function formatDate(value, options = {}) {
        if (!usesJalali() || !value) {
            return gregorianFormatter(value, options);
        }
        return options.numeric ? formatJalaliDate(value) : formatJalaliLocale(value);
    }
    formatDate.extractOptions = gregorianFormatter.extractOptions;
    return formatDate;
}

export function jalaliDateTimeFormatter(gregorianFormatter) {
    function formatDateTime(value, options = {}) {
        if (!usesJalali() || !value) {
            return gregorianFormatter(value, options);
        }
        if (options.numeric) {
            return formatJalaliDateTime(value, options);
        }
        return formatJalaliLocale(value, { ...options, showTime: options.showTime ?? true });
    }
    formatDateTime.extractOptions = gregorianFormatter.extractOptions;
    return formatDateTime;
}

function jalaliParser(gregorianParser, withTime) {
    return function parseJalaliOrGregorian(value, options = {}) {
        if (!usesJalali()) {
            return gregorianParser(value, options);
        }
        const parsed = parseJalali(value, { zone: options.tz || "default", withTime });
        if (parsed === null) {
            throw new ConversionError(_t("'%s' is not a date of the Jalali calendar", value));
        }
        // Not Jalali-looking text ("+1d", "today", a Gregorian year): Odoo reads it.
        return parsed === undefined ? gregorianParser(value, options) : parsed;
    };
}

formatters.add("date", jalaliDateFormatter(formatters.get("date")), { force: true });
formatters.add("datetime", jalaliDateTimeFormatter(formatters.get("datetime")), { force: true });
parsers.add("date", jalaliParser(parsers.get("date"), false), { force: true });
parsers.add("datetime", jalaliParser(parsers.get("datetime"), true), { force: true });

patch(DateTimeField.prototype, {
    getFormattedValue(valueIndex, numeric = this.props.numeric) {
        const value = this.values[valueIndex];
        if (!usesJalali() || !value) {
            return super.getFormattedValue(...arguments);
        }
        if (this.field.type === "date") {
            return numeric ? formatJalaliDate(value) : formatJalaliLocale(value);
        }
        const { showSeconds, showTime } = this.props;
        const showDate =
            !showTime ||
            valueIndex !== 1 ||
            !this.values[0] ||
            !this.values[0].hasSame(value, "day");
        const options = { showSeconds, showTime, showDate };
        return numeric
            ? formatJalaliDateTime(value, options)
            : formatJalaliLocale(value, { ...options, showTime: showTime ?? true });
    },
});
