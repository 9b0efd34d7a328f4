import { registry } from "@web/core/registry";

// The Gregorian month names of Odoo's Persian translation: none may appear
// next to a Jalali date.
const GREGORIAN_MONTHS_FA =
    /ژانویه|فوریه|مارس|آوریل|ژوئن|ژوئیه|اوت|سپتامبر|اکتبر|نوامبر|دسامبر/;

function spyOnSaves() {
    window.__caseSaves = [];
    const send = XMLHttpRequest.prototype.send;
    XMLHttpRequest.prototype.send = function (body) {
        if (typeof body === "string" && body.includes('"web_save"')) {
            window.__caseSaves.push(JSON.parse(body).params);
        }
        return send.apply(this, arguments);
    };
}

async function lastSavedValue(field) {
    for (let wait = 0; wait < 50; wait++) {
        const save = window.__caseSaves.at(-1);
        if (save && field in save.args[1]) {
            return save.args[1][field];
        }
        await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`no save of ${field} was sent`);
}

function expectSaved(field, expected) {
    return {
        content: `The server receives ${field} = ${expected} (Gregorian)`,
        trigger: ".o_form_view",
        async run() {
            const value = await lastSavedValue(field);
            if (value !== expected) {
                throw new Error(`${field} was sent as ${value}, expected ${expected}`);
            }
            window.__caseSaves.length = 0;
        },
    };
}

function assertJalaliOnly(selector) {
    return function run() {
        const texts = [...document.querySelectorAll(selector)]
            .map((el) => el.textContent.trim())
            .filter(Boolean);
        if (!texts.length) {
            throw new Error(`no date shown in ${selector}`);
        }
        for (const text of texts) {
            if (/[0-9]/.test(text) || GREGORIAN_MONTHS_FA.test(text)) {
                throw new Error(`a Gregorian or mixed date is shown: "${text}"`);
            }
        }
    };
}

function pickJalali(year, month, day) {
    const deadline = ".o_form_view .o_field_widget[name='date_deadline']";
    return [
        { content: "Open the due date picker", trigger: `${deadline} button`, run: "click" },
        { content: "Months of the year", trigger: ".o_datetime_picker .o_zoom_out", run: "click" },
        { content: "Years", trigger: ".o_datetime_picker .o_zoom_out", run: "click" },
        {
            content: `Jalali year ${year}`,
            trigger: `.o_datetime_picker .o_date_item_cell:contains('${year}')`,
            run: "click",
        },
        {
            content: `Jalali month ${month}`,
            trigger: `.o_datetime_picker .o_date_item_cell:contains('${month}')`,
            run: "click",
        },
        {
            content: `Jalali day ${day}`,
            trigger: `.o_datetime_picker .o_date_item_cell:not(.o_out_of_range):contains('${day}')`,
            run: "click",
        },
        { content: "Save", trigger: ".o_form_button_save", run: "click" },
    ];
}

registry.category("web_tour.tours").add("crm_case_jalali_picker_tour", {
    steps: () => [
        {
            content: "The request date reads in Jalali, in Tehran time",
            trigger: ".o_form_view .o_field_widget[name='date_request']:contains('۱ فروردین')",
            run() {
                spyOnSaves();
                const text = this.anchor.textContent;
                if (!/(^|[^۰-۹])۰?۰:۰۰/.test(text)) {
                    throw new Error(`request time is not midnight in Tehran: "${text}"`);
                }
            },
        },
        {
            content: "The chatter dates its messages in Jalali with Persian digits",
            trigger: ".o-mail-Message .o-mail-Message-date",
            run() {
                const shown = this.anchor.textContent.trim();
                const title = this.anchor.getAttribute("title") || "";
                if (!/[۰-۹]/.test(shown) || /[0-9]/.test(shown)) {
                    throw new Error(`message time is not in Persian digits: "${shown}"`);
                }
                if (!/^[۰-۹]{4}\/[۰-۹]{2}\/[۰-۹]{2}/.test(title) || /[0-9]/.test(title)) {
                    throw new Error(`message date is not Jalali: "${title}"`);
                }
            },
        },
        ...pickJalali("۱۴۰۵", "اسفند", "۲۹"),
        expectSaved("date_deadline", "2027-03-20"),
        {
            content: "29 Esfand 1405 is shown back",
            trigger: ".o_form_view .o_field_widget[name='date_deadline']:contains('۲۹ اسفند')",
        },
        {
            content: "The chatter tracks the change of due date in Jalali",
            trigger: ".o-mail-Message-tracking:contains('۲۹ اسفند')",
            run: assertJalaliOnly(".o-mail-Message-trackingOld, .o-mail-Message-trackingNew"),
        },
        ...pickJalali("۱۴۰۳", "اسفند", "۳۰"),
        expectSaved("date_deadline", "2025-03-20"),
        {
            content: "30 Esfand of the leap year 1403 is shown back",
            trigger: ".o_form_view .o_field_widget[name='date_deadline']:contains('۳۰ اسفند ۱۴۰۳')",
        },
        {
            content: "Type a Jalali date",
            trigger: ".o_form_view .o_field_widget[name='date_deadline'] button",
            run: "click",
        },
        {
            trigger: ".o_form_view .o_field_widget[name='date_deadline'] input",
            run: "edit ۱۴۰۵/۰۱/۱۵ && press Enter",
        },
        { content: "Save", trigger: ".o_form_button_save", run: "click" },
        expectSaved("date_deadline", "2026-04-04"),
        {
            content: "No Gregorian or mixed date on the case form",
            trigger: ".o_form_view .o_field_widget[name='date_deadline']:contains('۱۵ فروردین')",
            run: assertJalaliOnly(
                ".o_form_view .o_field_date, .o_form_view .o_field_datetime, .o_datetime_picker"
            ),
        },
        { content: "Back to the cases", trigger: ".o_breadcrumb .o_back_button a, .o_breadcrumb li:first-child a", run: "click" },
        { content: "As a list", trigger: ".o_switch_view.o_list", run: "click" },
        {
            content: "No Gregorian or mixed date in the list",
            trigger: ".o_list_view .o_data_cell[name='date_deadline']:contains('۱۵ فروردین')",
            run: assertJalaliOnly(
                ".o_list_view .o_data_cell[name='date_deadline'], .o_list_view .o_data_cell[name='date_request']"
            ),
        },
    ],
});

registry.category("web_tour.tours").add("crm_case_gregorian_tour", {
    steps: () => [
        {
            content: "An English user reads the request date in Gregorian, in Tehran time",
            trigger: ".o_form_view .o_field_widget[name='date_request']",
            run() {
                const request = this.anchor.textContent;
                if (!/Mar 21\b.*12:00\s?AM/.test(request)) {
                    throw new Error(`request date is not 21 March 00:00 in Gregorian: "${request}"`);
                }
                const texts = [
                    ...document.querySelectorAll(".o_form_view .o_field_date, .o_form_view .o_field_datetime"),
                ].map((el) => el.textContent);
                for (const text of texts) {
                    if (/[۰-۹]/.test(text)) {
                        throw new Error(`a Jalali date is shown to an English user: "${text}"`);
                    }
                }
            },
        },
        {
            content: "The picker is Gregorian",
            trigger: ".o_form_view .o_field_widget[name='date_deadline'] button",
            run: "click",
        },
        {
            trigger: ".o_datetime_picker .o_header_part:contains('March 2027')",
        },
    ],
});

registry.category("web_tour.tours").add("crm_case_jalali_datetime_tour", {
    steps: () => [
        {
            content: "The booking starts at 08:30 in Tehran on 15 Azar",
            trigger: ".o_form_view .o_field_widget[name='date_start']:contains('۱۵ آذر')",
            run() {
                spyOnSaves();
                const text = this.anchor.textContent;
                if (!text.includes("۸:۳۰") || /[0-9]/.test(text)) {
                    throw new Error(`booking start is not 08:30 Tehran in Jalali: "${text}"`);
                }
            },
        },
        {
            content: "Edit the start",
            trigger: ".o_form_view .o_field_widget[name='date_start'] button",
            run: "click",
        },
        {
            content: "The input holds Jalali text",
            trigger: ".o_form_view .o_field_widget[name='date_start'] input",
            run() {
                if (!/^۱۴۰۵\/۰۹\/۱۵ ۰۸:۳۰/.test(this.anchor.value)) {
                    throw new Error(`the input shows "${this.anchor.value}"`);
                }
            },
        },
        {
            content: "Type a Jalali date and time",
            trigger: ".o_form_view .o_field_widget[name='date_start'] input",
            run: "edit ۱۴۰۵/۰۹/۱۵ ۱۰:۳۰ && press Enter",
        },
        { content: "Save", trigger: ".o_form_button_save", run: "click" },
        // 10:30 in Tehran (+03:30) is 07:00 UTC.
        expectSaved("date_start", "2026-12-06 07:00:00"),
        {
            content: "Shown back in Jalali",
            trigger: ".o_form_view .o_field_widget[name='date_start']:contains('۱۰:۳۰')",
        },
        {
            content: "Leave the field",
            trigger: ".o_form_view .o_field_widget[name='case_id']",
            run: "click",
        },
        {
            content: "Nothing is left to save",
            trigger: ".o_form_view .o_form_status_indicator_buttons.invisible:not(:visible)",
        },
    ],
});
