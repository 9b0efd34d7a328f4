import { registry } from "@web/core/registry";

// Gregorian month names, in English and in Odoo's Persian translation.
const GREGORIAN_MONTHS =
    /January|February|March|April|May|June|July|August|September|October|November|December|ژانویه|فوریه|مارس|آوریل|ژوئن|ژوئیه|اوت|سپتامبر|اکتبر|نوامبر|دسامبر/;
const HEADER = ".o_calendar_header h5";

function spyOnSearches() {
    window.__calendarDomains = [];
    const send = XMLHttpRequest.prototype.send;
    XMLHttpRequest.prototype.send = function (body) {
        if (typeof body === "string" && body.includes('"search_read"')) {
            const { params } = JSON.parse(body);
            if (params.model === "crm.case") {
                window.__calendarDomains.push(JSON.stringify(params.kwargs.domain || params.args[0]));
            }
        }
        return send.apply(this, arguments);
    };
}

function expectFetched(start, end) {
    return {
        content: `The cases are fetched from ${start} to ${end} (Gregorian)`,
        trigger: ".o_calendar_view",
        async run() {
            const wanted = [`["date_deadline","<=","${end}"]`, `["date_deadline",">=","${start}"]`];
            for (let wait = 0; wait < 50; wait++) {
                const domain = window.__calendarDomains.at(-1) || "";
                if (wanted.every((term) => domain.includes(term))) {
                    return;
                }
                await new Promise((resolve) => setTimeout(resolve, 100));
            }
            throw new Error(`last domain: ${window.__calendarDomains.at(-1)}`);
        },
    };
}

function cell(date) {
    return `.o_calendar_widget td.fc-daygrid-day[data-date='${date}']`;
}

/** The day cell of `date` is numbered `label`, in or out of the shown month. */
function expectDay(date, label, { other = false, event = null } = {}) {
    return {
        content: `${date} is day ${label}${other ? " of a neighbouring month" : ""}`,
        trigger: `${cell(date)}${other ? ".fc-day-other" : ":not(.fc-day-other)"}${
            event ? `:has(.o_event:contains('${event}'))` : ""
        }`,
        run() {
            const number = this.anchor.querySelector(".fc-daygrid-day-number").textContent.trim();
            if (number !== label) {
                throw new Error(`${date} is numbered "${number}", expected "${label}"`);
            }
        },
    };
}

function expectJalaliHeader(title) {
    return {
        content: `The calendar reads ${title}, with no Gregorian month or Latin digit`,
        trigger: `${HEADER}:contains('${title}')`,
        run() {
            const texts = [
                this.anchor.textContent,
                ...[...document.querySelectorAll(".fc-col-header-cell")].map((th) => th.textContent),
                ...[...document.querySelectorAll(".fc-daygrid-day-number")].map((a) => a.textContent),
            ];
            for (const text of texts) {
                if (/[0-9]/.test(text) || GREGORIAN_MONTHS.test(text)) {
                    throw new Error(`a Gregorian or mixed date is shown: "${text}"`);
                }
            }
        },
    };
}

registry.category("web_tour.tours").add("crm_case_jalali_calendar_view_tour", {
    steps: () => [
        {
            content: "The month scale opens on Azar 1405",
            trigger: ".o_calendar_view .fc-view",
            run: spyOnSearches,
        },
        expectJalaliHeader("آذر ۱۴۰۵"),
        expectDay("2026-11-21", "۳۰", { other: true, event: "jcal-0830" }),
        expectDay("2026-11-22", "۱"),
        expectDay("2026-11-25", "۴", { event: "jcal-0904" }),
        expectDay("2026-12-21", "۳۰", { event: "jcal-0930" }),
        expectDay("2026-12-22", "۱", { other: true, event: "jcal-1001" }),
        {
            content: "The grid starts on Saturday, the first day of the Iranian week",
            trigger: ".o_calendar_widget td.fc-daygrid-day:first-child[data-date='2026-11-21']",
        },
        {
            content: "A case of 10 Dey is not in Azar's weeks",
            trigger: ".o_calendar_view .fc-view",
            run() {
                const titles = [...document.querySelectorAll(".o_event")].map((el) => el.textContent);
                if (titles.some((title) => title.includes("jcal-1010"))) {
                    throw new Error("a case of 10 Dey is shown in Azar");
                }
            },
        },
        { content: "Next month", trigger: ".o_calendar_button_next", run: "click" },
        expectJalaliHeader("دی ۱۴۰۵"),
        expectFetched("2026-12-19", "2027-01-22"),
        expectDay("2026-12-21", "۳۰", { other: true, event: "jcal-0930" }),
        expectDay("2026-12-22", "۱", { event: "jcal-1001" }),
        expectDay("2026-12-31", "۱۰", { event: "jcal-1010" }),
        { content: "Back to Azar", trigger: ".o_calendar_button_prev", run: "click" },
        expectJalaliHeader("آذر ۱۴۰۵"),
        expectFetched("2026-11-21", "2026-12-25"),
        {
            content: "The side date picker shows Azar 1405",
            trigger: ".o_calendar_sidebar .o_datetime_picker:contains('آذر ۱۴۰۵')",
        },
        {
            content: "It highlights 4 Azar, the calendar's day",
            trigger: ".o_calendar_sidebar .o_date_item_cell.o_selected:not(.o_out_of_range):contains('۴')",
        },
        {
            content: "Pick 10 Azar in the side date picker",
            trigger: ".o_calendar_sidebar .o_date_item_cell:not(.o_out_of_range):contains('۱۰')",
            run: "click",
        },
        {
            content: "The week of 10 Azar, Saturday 7 to Friday 13 Azar",
            trigger: ".o_calendar_widget .fc-timeGridWeek-view th.fc-col-header-cell[data-date='2026-11-28']",
            run() {
                const first = document.querySelector("th.fc-col-header-cell");
                if (first !== this.anchor) {
                    throw new Error(`the week starts on ${first.dataset.date}`);
                }
                const days = [...document.querySelectorAll("th.fc-col-header-cell .o_cw_day_number")];
                const numbers = days.map((el) => el.textContent.trim()).join(" ");
                if (numbers !== "۷ ۸ ۹ ۱۰ ۱۱ ۱۲ ۱۳") {
                    throw new Error(`week headers read "${numbers}"`);
                }
                const saturday = this.anchor.querySelector(".o_cw_day_name").textContent.trim();
                if (saturday !== "شنبه") {
                    throw new Error(`the week starts on "${saturday}"`);
                }
            },
        },
        expectJalaliHeader("آذر ۱۴۰۵"),
        {
            content: "Week 37 of the Jalali year 1405 (1 Farvardin was a Saturday)",
            trigger: ".o_calendar_header .o_current_week:contains('۳۷')",
        },
        {
            content: "The picked day is highlighted in the side date picker",
            trigger: ".o_calendar_sidebar .o_date_item_cell.o_selected:not(.o_out_of_range):contains('۱۰')",
        },
        { content: "Scales", trigger: ".o_view_scale_selector button", run: "click" },
        { content: "Year", trigger: ".o_scale_button_year", run: "click" },
        {
            content: "The twelve months of the Jalali year 1405",
            trigger: ".fc-dayGridYear-view .fc-month:last-child .fc-toolbar-title",
            run() {
                const titles = [...document.querySelectorAll(".fc-dayGridYear-view .fc-toolbar-title")]
                    .map((el) => el.textContent.trim());
                if (titles.length !== 12 || titles[0] !== "فروردین ۱۴۰۵" || titles[11] !== "اسفند ۱۴۰۵") {
                    throw new Error(`year months: ${titles.join(", ")}`);
                }
            },
        },
        expectJalaliHeader("۱۴۰۵"),
        expectFetched("2026-03-21", "2027-03-20"),
    ],
});

registry.category("web_tour.tours").add("crm_case_gregorian_calendar_view_tour", {
    steps: () => [
        {
            content: "An English user's month is November 2026",
            trigger: `${HEADER}:contains('November 2026')`,
            run() {
                if (/[۰-۹]/.test(this.anchor.textContent)) {
                    throw new Error(`Persian digits in "${this.anchor.textContent}"`);
                }
            },
        },
        expectDay("2026-11-01", "1"),
        expectDay("2026-11-25", "25", { event: "jcal-0904" }),
        expectDay("2026-12-01", "1", { other: true }),
        {
            content: "The side date picker is Gregorian",
            trigger: ".o_calendar_sidebar .o_datetime_picker .o_header_part:contains('November 2026')",
        },
        { content: "Next month", trigger: ".o_calendar_button_next", run: "click" },
        { content: "December 2026", trigger: `${HEADER}:contains('December 2026')` },
        expectDay("2026-12-22", "22", { event: "jcal-1001" }),
    ],
});

// The Jalali month names: none may title a Gregorian grid.
const JALALI_MONTHS = /فروردین|اردیبهشت|خرداد|تیر|مرداد|شهریور|مهر|آبان|آذر|دی|بهمن|اسفند/;

registry.category("web_tour.tours").add("crm_case_explicit_gregorian_calendar_view_tour", {
    steps: () => [
        {
            // Digits as Odoo gives them to this user elsewhere (luxon's).
            content: "A Persian user who chose Gregorian reads November 2026 in Persian",
            trigger: `${HEADER}:contains('نوامبر 2026')`,
            run() {
                if (JALALI_MONTHS.test(this.anchor.textContent)) {
                    throw new Error(`a Jalali month titles the grid: "${this.anchor.textContent}"`);
                }
            },
        },
        expectDay("2026-11-01", "1"),
        expectDay("2026-11-25", "25", { event: "jcal-0904" }),
        expectDay("2026-11-30", "30"),
        {
            content: "The side date picker names the Gregorian month too",
            trigger: ".o_calendar_sidebar .o_datetime_picker .o_header_part:contains('نوامبر 2026')",
        },
        { content: "Next month", trigger: ".o_calendar_button_next", run: "click" },
        { content: "December 2026", trigger: `${HEADER}:contains('دسامبر 2026')` },
        expectDay("2026-12-22", "22", { event: "jcal-1001" }),
    ],
});
