/**
 * The chatter and activities in the Jalali calendar for Jalali users:
 * message times, tracked date changes and activity dates are getters and
 * methods of mail's records and components, patched here; values stay
 * Gregorian.
 */
import { Activity } from "@mail/core/common/activity_model";
import { Message as MessageComponent } from "@mail/core/common/message";
import { Message } from "@mail/core/common/message_model";
import "@mail/core/web/activity_model_patch";
import "@mail/core/web/message_patch";
import { deserializeDate, deserializeDateTime } from "@web/core/l10n/dates";
import { _t } from "@web/core/l10n/translation";
import { patch } from "@web/core/utils/patch";
import {
    formatJalaliDate,
    formatJalaliDateTime,
    formatJalaliLocale,
    inJalali,
    usesJalali,
} from "./jalali_calendar";

const { DateTime } = luxon;

function jalaliTime(value) {
    return inJalali(value).toLocaleString(DateTime.TIME_SIMPLE);
}

patch(Message.prototype, {
    get dateDay() {
        if (!usesJalali()) {
            return super.dateDay;
        }
        return this.datetime.hasSame(DateTime.now(), "day")
            ? _t("Today")
            : formatJalaliLocale(this.datetime);
    },
    get dateSimple() {
        return usesJalali() ? jalaliTime(this.datetime) : super.dateSimple;
    },
    get dateSimpleWithDay() {
        if (!usesJalali()) {
            return super.dateSimpleWithDay;
        }
        if (this.datetime.hasSame(DateTime.now(), "day")) {
            return jalaliTime(this.datetime);
        }
        if (this.datetime.hasSame(DateTime.now().minus({ day: 1 }), "day")) {
            return _t("Yesterday at %(time)s", { time: jalaliTime(this.datetime) });
        }
        return formatJalaliLocale(this.datetime, { showTime: true });
    },
    get datetimeShort() {
        if (!usesJalali()) {
            return super.datetimeShort;
        }
        return formatJalaliDateTime(this.datetime, { showSeconds: true });
    },
});

patch(Activity.prototype, {
    get dateDeadlineFormatted() {
        return usesJalali() && this.date_deadline
            ? formatJalaliDate(this.date_deadline)
            : super.dateDeadlineFormatted;
    },
    get dateDoneFormatted() {
        return usesJalali() && this.date_done
            ? formatJalaliDate(this.date_done)
            : super.dateDoneFormatted;
    },
    get dateCreateFormatted() {
        return usesJalali() && this.create_date
            ? formatJalaliDateTime(this.create_date)
            : super.dateCreateFormatted;
    },
});

patch(MessageComponent.prototype, {
    formatTracking(trackingFieldInfo, trackingValue) {
        const { fieldType } = trackingFieldInfo;
        if (!usesJalali() || !trackingValue || !["date", "datetime"].includes(fieldType)) {
            return super.formatTracking(...arguments);
        }
        if (fieldType === "date") {
            return formatJalaliLocale(deserializeDate(trackingValue));
        }
        return formatJalaliLocale(deserializeDateTime(trackingValue), { showTime: true });
    },
});
