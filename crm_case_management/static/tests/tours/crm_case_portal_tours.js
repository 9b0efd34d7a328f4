import { registry } from "@web/core/registry";

function assertRightToLeft() {
    const direction = document.documentElement.getAttribute("dir");
    if (direction !== "rtl") {
        throw new Error(`${location.href} is laid out "${direction}", not rtl (${document.cookie})`);
    }
}

function assertJalali(selector) {
    const text = document.querySelector(selector).textContent.trim();
    if (!/^[۰-۹]{1,2} \S+ [۰-۹]{4}/.test(text)) {
        throw new Error(`date "${text}" is not Jalali with Persian digits`);
    }
}

registry.category("web_tour.tours").add("crm_case_portal_persian_tour", {
    url: "/fa/my/cases",
    steps: () => [
        {
            content: "The portal reads right to left, in Persian",
            trigger: ".o_portal_my_doc_table .o_case_row:contains('چاپگر خاموش است')",
            run: assertRightToLeft,
        },
        {
            content: "Open the case",
            trigger: ".o_case_row:contains('چاپگر خاموش است') a",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Status and due date in Jalali",
            trigger: ".o_case_portal_page .o_case_state_done",
            run() {
                assertRightToLeft();
                assertJalali(".o_case_date_deadline");
            },
        },
        {
            content: "The conversation is there",
            trigger: "#discussion",
        },
        {
            content: "Confirm the resolution",
            trigger: "button.o_case_confirm",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The case is closed",
            trigger: ".o_case_action_done",
            run() {
                if (!document.querySelector(".o_case_state_closed")) {
                    throw new Error("the case did not close");
                }
            },
        },
    ],
});

registry.category("web_tour.tours").add("crm_case_track_persian_tour", {
    url: "/case/track?lang=fa_IR",
    steps: () => [
        {
            content: "The tracking page reads right to left",
            trigger: "form.o_case_track_form",
            run: assertRightToLeft,
        },
        {
            content: "Type the code in Persian digits",
            trigger: "input[name='code']",
            run: "edit cs-tour-۴۲۴۲",
        },
        {
            content: "Type the phone in Persian digits",
            trigger: "input[name='contact']",
            run: "edit ۰۹۱۲ ۳۴۵ ۶۷۸۹",
        },
        {
            content: "Ask for the status",
            trigger: "button.o_case_track_submit",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The status shows, with Jalali dates",
            trigger: ".o_case_status .o_case_number:contains('CS-TOUR-4242')",
            run() {
                assertRightToLeft();
                assertJalali(".o_case_date_deadline");
            },
        },
        {
            content: "Ask to be called back",
            trigger: "button.o_case_callback",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The desk will call",
            trigger: ".o_case_callback_done",
        },
    ],
});

registry.category("web_tour.tours").add("crm_case_complaint_persian_tour", {
    url: "/case/complaint?lang=fa_IR",
    steps: () => [
        {
            content: "The complaint form reads right to left",
            trigger: "form.o_case_complaint_form",
            run: assertRightToLeft,
        },
        {
            content: "Send it empty first: the browser keeps it, fill in the name",
            trigger: "input[name='name']",
            run: "edit سارا احمدی",
        },
        {
            trigger: "input[name='phone']",
            run: "edit ۰۹۱۲ ۷۷۷ ۸۸۹۹",
        },
        {
            trigger: "textarea[name='description']",
            run: "edit پرستار دو ساعت دیر آمد.",
        },
        {
            content: "Send the complaint",
            trigger: "button.o_case_complaint_submit",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The tracking code is shown",
            trigger: ".o_case_complaint_done .o_case_number:not(:empty)",
            run: assertRightToLeft,
        },
    ],
});

registry.category("web_tour.tours").add("crm_case_portal_new_case_tour", {
    url: "/fa/my/cases/new",
    steps: () => [
        {
            content: "The new-case form reads right to left",
            trigger: "form.o_case_new_form",
            run: assertRightToLeft,
        },
        {
            content: "Type the title",
            trigger: "input.o_case_title_input",
            run: "edit چاپگر روشن نمی‌شود",
        },
        {
            content: "A published article for customers is suggested while typing",
            trigger: ".o_case_article_suggestion a:contains('فیوز چاپگر')",
        },
        {
            content: "Only the chosen type's own fields are shown",
            trigger: ".o_case_type_fields:not(.d-none) input[name='prop_serial']",
            run: "edit LP-42",
        },
        {
            trigger: "textarea[name='description']",
            run: "edit چاپگر پس از قطع برق روشن نمی‌شود.",
        },
        {
            content: "Submit",
            trigger: "button.o_case_submit",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The case page gives the tracking code",
            trigger: ".o_case_portal_page .alert-success strong:not(:empty)",
            run: assertRightToLeft,
        },
    ],
});
