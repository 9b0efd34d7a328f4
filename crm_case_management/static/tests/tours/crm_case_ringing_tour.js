import { registry } from "@web/core/registry";

/**
 * The telephone system rings an agent's extension: the tour plays the PBX
 * (a webhook event signed with the test's shared secret), then the agent.
 */
const PBX_SECRET = "tour-pbx-secret";

async function postRinging(callRef) {
    const body = JSON.stringify({
        event: "ringing",
        call_ref: callRef,
        number: "09125557788",
        extension: "7101",
        direction: "in",
        timestamp: Math.floor(Date.now() / 1000),
    });
    const encoder = new TextEncoder();
    const key = await crypto.subtle.importKey(
        "raw",
        encoder.encode(PBX_SECRET),
        { name: "HMAC", hash: "SHA-256" },
        false,
        ["sign"]
    );
    const digest = await crypto.subtle.sign("HMAC", key, encoder.encode(body));
    const signature = [...new Uint8Array(digest)]
        .map((byte) => byte.toString(16).padStart(2, "0"))
        .join("");
    const response = await fetch("/crm_case/telephony/event", {
        method: "POST",
        headers: { "Content-Type": "application/json", "X-Case-Signature": signature },
        body,
    });
    if (response.status !== 200) {
        throw new Error(`the webhook answered ${response.status}`);
    }
}

registry.category("web_tour.tours").add("crm_case_ringing_tour", {
    url: "/odoo/cases",
    steps: () => [
        {
            content: "The agent works the desk",
            trigger: ".o_action_manager .o_kanban_view",
        },
        {
            content: "The agent's extension rings",
            trigger: ".o_action_manager .o_kanban_view",
            run: () => postRinging("tour-call-1"),
        },
        {
            content: "The agent sees who is calling",
            trigger:
                ".o_notification:contains('Incoming call: 09125557788'):contains('Ali Rezaei'):contains('Parsian Trading')",
        },
        {
            content: "Register phone case",
            trigger: ".o_notification button:contains('Register phone case')",
            run: "click",
        },
        {
            content: "The case form has the caller",
            trigger: ".o_form_view .o_field_widget[name='partner_id'] input",
            run() {
                if (!this.anchor.value.includes("Ali Rezaei")) {
                    throw new Error(`the customer is "${this.anchor.value}"`);
                }
            },
        },
        {
            content: "The case form has channel phone",
            trigger: ".o_form_view .o_field_widget[name='channel_id'] input",
            run() {
                if (this.anchor.value !== "Phone") {
                    throw new Error(`the channel is "${this.anchor.value}"`);
                }
            },
        },
        {
            content: "Type the title",
            trigger: ".o_form_view .o_field_widget[name='name'] input",
            run: "edit Invoice copy",
        },
        {
            content: "Describe the request",
            trigger: ".o_form_view .o_field_widget[name='description'] .odoo-editor-editable",
            run: "editor Wants a copy of the last invoice.",
        },
        {
            content: "Save",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "The case is saved with its tracking code",
            trigger: ".o_form_saved .o_field_widget[name='number']:not(:empty)",
        },
        {
            content: "The customer's number is the button that calls back",
            trigger: ".o_form_view button[name='action_call_customer']:contains('912 555 7788')",
        },
    ],
});

registry.category("web_tour.tours").add("crm_case_ringing_elsewhere_tour", {
    url: "/odoo/cases",
    steps: () => [
        {
            content: "Another agent works the desk",
            trigger: ".o_action_manager .o_kanban_view",
        },
        {
            content: "A colleague's extension rings; then wait for a notification",
            trigger: ".o_action_manager .o_kanban_view",
            run: async () => {
                await postRinging("tour-call-2");
                await new Promise((resolve) => setTimeout(resolve, 2000));
            },
        },
        {
            content: "No ringing notification on this agent's screen",
            trigger: ".o_action_manager .o_kanban_view",
            run() {
                const ringing = [...document.querySelectorAll(".o_notification")].filter(
                    (notification) => notification.textContent.includes("Incoming call")
                );
                if (ringing.length) {
                    throw new Error("another agent's call rang on this screen");
                }
            },
        },
    ],
});
