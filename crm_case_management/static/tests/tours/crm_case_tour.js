import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("crm_case_persian_desk_tour", {
    url: "/odoo/cases",
    steps: () => [
        {
            content: "The desk reads right to left",
            trigger: ".o_action_manager .o_kanban_view",
            run() {
                const direction = getComputedStyle(this.anchor).direction;
                if (direction !== "rtl") {
                    throw new Error(`the case desk is laid out ${direction}, not rtl`);
                }
            },
        },
        {
            content: "The desk speaks Persian",
            trigger: ".o_breadcrumb:contains('پرونده‌ها')",
        },
        {
            content: "Create a case",
            trigger: ".o_control_panel_main_buttons button.o-kanban-button-new",
            run: "click",
        },
        {
            content: "Type the title",
            trigger: ".o_form_view .o_field_widget[name='name'] input",
            run: "edit چاپگر روشن نمی‌شود",
        },
        {
            content: "Pick the customer",
            trigger: ".o_form_view .o_field_widget[name='partner_id'] input",
            run: "edit شرکت نمونه",
        },
        {
            trigger: ".o-autocomplete--dropdown-item a:contains('شرکت نمونه')",
            run: "click",
        },
        {
            content: "Describe the problem",
            trigger: ".o_form_view .o_field_widget[name='description'] .odoo-editor-editable",
            run: "editor دستگاه پس از قطع برق دیگر روشن نمی‌شود.",
        },
        {
            content: "Save",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "The tracking code was given and the due date shows in Jalali",
            trigger: ".o_form_saved .o_field_widget[name='number']:not(:empty)",
            run() {
                const due = document.querySelector(
                    ".o_field_widget[name='date_deadline']"
                ).textContent.trim();
                if (!/[۰-۹]/.test(due) || /[0-9]/.test(due)) {
                    throw new Error(`due date is not shown in Jalali: "${due}"`);
                }
            },
        },
    ],
});
