/**
 * Typed Jalali dates in the date inputs of the picker service.
 *
 * Odoo's `datetime_picker` service writes and reads its inputs with private
 * formatters of its module (Gregorian). For a Jalali user each input it
 * drives gets a `value` of its own that translates at that one place: the
 * Gregorian text the service writes is shown in Jalali, and the Jalali text
 * the user typed is handed to the service as the Gregorian text it parses
 * while the service reads it (on "change" and Ctrl+Enter); any other reader
 * gets the text as typed. Only the wall date changes calendar; times and
 * time zones are untouched.
 */
import { localization } from "@web/core/l10n/localization";
import { registry } from "@web/core/registry";
import {
    LAST_JALALI_YEAR,
    formatJalaliDate,
    parseJalali,
    toLatinDigits,
    toPersianDigits,
    usesJalali,
} from "./jalali_calendar";

const { DateTime } = luxon;
const nativeValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, "value");
const bridged = new WeakSet();
// True while the picker service handles a "change"/"keydown" of a bridged
// input: window listeners frame the input's own listeners.
let serviceReading = false;
for (const type of ["change", "keydown"]) {
    window.addEventListener(type, (ev) => (serviceReading = bridged.has(ev.target)), true);
    window.addEventListener(type, () => (serviceReading = false));
}

/** The wall date and the rest ("14:30:00") of Gregorian text in the user's format. */
function readGregorian(text) {
    const format = localization.dateFormat;
    const trimmed = toLatinDigits(text || "").trim();
    const datePart = trimmed.slice(0, DateTime.utc(2000, 10, 10).toFormat(format).length);
    const date = DateTime.fromFormat(datePart, format, { zone: "utc" });
    if (!date.isValid || date.year <= LAST_JALALI_YEAR) {
        return null;
    }
    return { date, rest: trimmed.slice(datePart.length) };
}

export function gregorianTextToJalali(text) {
    const gregorian = readGregorian(text);
    if (!gregorian) {
        return text;
    }
    return formatJalaliDate(gregorian.date) + toPersianDigits(gregorian.rest);
}

export function jalaliTextToGregorian(text) {
    const jalali = parseJalali(text, { zone: "utc", withTime: true });
    if (!jalali) {
        // Not Jalali (or no such day): the service reads it and refuses or
        // understands it ("+1d", "today") as usual.
        return text;
    }
    const date = jalali.toFormat(localization.dateFormat, { numberingSystem: "latn" });
    if (!text.includes(":")) {
        return date;
    }
    return `${date} ${jalali.toFormat(localization.timeFormat, { numberingSystem: "latn" })}`;
}

function bridge(input) {
    if (!input || bridged.has(input) || input.tagName !== "INPUT") {
        return;
    }
    bridged.add(input);
    Object.defineProperty(input, "value", {
        configurable: true,
        get() {
            const text = nativeValue.get.call(this);
            return serviceReading && usesJalali() ? jalaliTextToGregorian(text) : text;
        },
        set(text) {
            nativeValue.set.call(this, usesJalali() ? gregorianTextToJalali(text) : text);
        },
    });
}

const services = registry.category("services");
const gregorianPickerService = services.get("datetime_picker");

services.add(
    "datetime_picker",
    {
        ...gregorianPickerService,
        start(env, dependencies) {
            const service = gregorianPickerService.start(env, dependencies);
            return {
                ...service,
                create(params = {}) {
                    if (!params.getInputs) {
                        return service.create(params);
                    }
                    const getInputs = params.getInputs;
                    const bridgedParams = Object.assign(Object.create(params), {
                        getInputs() {
                            const inputs = getInputs.call(this);
                            if (usesJalali()) {
                                inputs.forEach(bridge);
                            }
                            return inputs;
                        },
                    });
                    return service.create(bridgedParams);
                },
            };
        },
    },
    { force: true }
);
