import { registry } from "@web/core/registry";

const ARTICLE_TITLE = "Printer stays dark after a power cut";

registry.category("web_tour.tours").add("crm_case_suggest_unsaved_tour", {
    url: "/odoo/cases/new",
    steps: () => [
        {
            content: "Type the title of a published article",
            trigger: ".o_form_view .o_field_widget[name='name'] input",
            run: `edit ${ARTICLE_TITLE}`,
        },
        {
            content: "Leave the field for the knowledge tab",
            trigger: ".o_notebook a.nav-link[name='knowledge']",
            run: "click",
        },
        {
            content: "The article is suggested on the unsaved case",
            trigger: `.o_field_widget[name='suggested_article_ids'] .o_data_row:contains('${ARTICLE_TITLE}')`,
            run() {
                if (!document.querySelector(".o_form_view .o_form_status_indicator_buttons, .o_form_button_save")) {
                    throw new Error("the case should still be unsaved");
                }
                const solve = document.querySelector(
                    ".o_field_widget[name='suggested_article_ids'] button[name='action_solve_case']"
                );
                if (solve) {
                    throw new Error("'Solved with This' must wait until the case is saved");
                }
            },
        },
        {
            content: "Discard the case",
            trigger: ".o_form_button_cancel",
            run: "click",
        },
        {
            trigger: ".o_action_manager .o_kanban_view, .o_action_manager .o_list_view",
        },
    ],
});

registry.category("web_tour.tours").add("crm_case_counter_rtl_tour", {
    url: "/odoo",
    steps: () => [
        {
            content: "The top bar counts the unseen case",
            trigger: ".o_main_navbar .o_crm_case_counter .o_crm_case_counter_badge:contains('1')",
            run: "click",
        },
        {
            content: "The counter's menu reads right to left",
            trigger: ".o_crm_case_counter_menu .o_crm_case_counter_unseen:contains('دیده‌نشده')",
            run() {
                if (getComputedStyle(this.anchor).direction !== "rtl") {
                    throw new Error("the counter menu is not laid out right to left");
                }
                const [label, badge] = this.anchor.children;
                const labelBox = label.getBoundingClientRect();
                const badgeBox = badge.getBoundingClientRect();
                if (!(labelBox.left > badgeBox.left)) {
                    throw new Error("the label should stand right of its number");
                }
                if (badge.textContent.trim() !== "1") {
                    throw new Error(`unseen shows ${badge.textContent}, not 1`);
                }
            },
        },
        {
            content: "Open the unseen cases",
            trigger: ".o_crm_case_counter_menu .o_crm_case_counter_unseen",
            run: "click",
        },
        {
            content: "The list holds the unseen case",
            trigger: ".o_list_view .o_data_row:contains('کارت‌خوان پرداخت نمی‌کند')",
        },
    ],
});

registry.category("web_tour.tours").add("crm_case_keyboard_tour", {
    url: "/odoo",
    steps: () => [
        {
            content: "The counter is ready",
            trigger: ".o_main_navbar .o_crm_case_counter",
        },
        {
            content: "Alt+Shift+N opens a new case",
            trigger: ".o_main_navbar .o_crm_case_counter",
            run: "press alt+shift+n",
        },
        {
            content: "A new case form",
            trigger: ".o_form_view .o_field_widget[name='name'] input",
        },
        {
            content: "Open the command palette",
            trigger: ".o_form_view",
            run: "press ctrl+k",
        },
        {
            content: "The palette offers the new case command",
            trigger: ".o_command_palette .o_command:contains('New Case')",
        },
        {
            content: "and my unseen cases",
            trigger: ".o_command_palette .o_command:contains('My Unseen Cases')",
            run: "click",
        },
        {
            content: "The unseen list holds the case waiting for approval",
            trigger: ".o_list_view .o_data_row td[name='name']:contains('Keyboard approval')",
            run: "click",
        },
        {
            content: "Approve with Alt+Y",
            trigger: ".o_form_view button[name='action_approve'][data-hotkey='y']",
            run: "press alt+y",
        },
        {
            content: "The case is closed",
            trigger: ".o_form_view .ribbon:contains('Closed')",
        },
    ],
});

registry.category("web_tour.tours").add("crm_case_queue_item_tour", {
    url: "/odoo/action-crm_case_management.crm_case_queue_item_action",
    steps: () => [
        {
            content: "Waiting, picked and done columns",
            trigger: ".o_kanban_renderer:has(.o_kanban_group:nth-child(3))",
        },
        {
            content: "Pick the waiting message",
            trigger: ".o_kanban_record:contains('Tour call back') button[name='action_pick']",
            run: "click",
        },
        {
            content: "It is mine now: it can be released",
            trigger: ".o_kanban_record:contains('Tour call back') button[name='action_release']",
        },
    ],
});
