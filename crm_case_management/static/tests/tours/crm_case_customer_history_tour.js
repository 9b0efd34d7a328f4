import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("crm_case_customer_history_tour", {
    steps: () => [
        {
            content: "Open the customer's history",
            trigger: ".o_form_view button[name='action_view_case_history']",
            run: "click",
        },
        {
            content: "The open case is listed",
            trigger: ".o_crm_case_history .o_field_widget[name='case_history_open_ids'] .o_data_row:contains('Printer in the lobby')",
        },
        {
            content: "The case of a colleague is not",
            trigger: ".o_crm_case_history .o_field_widget[name='case_history_open_ids']",
            run() {
                if (this.anchor.textContent.includes("Colleague's case")) {
                    throw new Error("a case the user may not read is listed");
                }
            },
        },
        {
            content: "Files of the cases",
            trigger: ".o_crm_case_history .o_notebook a:contains('Files')",
            run: "click",
        },
        {
            content: "The file attached to the case is there",
            trigger: ".o_crm_case_history .o_field_widget[name='case_history_attachment_ids'] .o_data_row:contains('lobby-photo.png')",
        },
    ],
});
