import { _t } from "@web/core/l10n/translation";
import { registry } from "@web/core/registry";

/**
 * The ringing phone: the server tells the agent whose extension rings who
 * is calling (crm.case.call._notify_ringing); one click opens a case form
 * with the caller and channel phone filled in, linked to the call.
 */
export const incomingCallService = {
    dependencies: ["bus_service", "notification", "action"],

    start(env, { bus_service, notification, action }) {
        bus_service.subscribe("crm_case_management/incoming_call", (payload) => {
            const who = [payload.partner_name || _t("Unknown caller"), payload.company_name]
                .filter(Boolean)
                .join(" – ");
            const cases = payload.open_cases.map((c) => `${c.number} ${c.name}`);
            const openCases = _t("Open cases: %s", cases.join(", "));
            const message = cases.length ? `${who} · ${openCases}` : who;
            const close = notification.add(message, {
                title: _t("Incoming call: %s", payload.phone),
                type: "info",
                sticky: true,
                buttons: [
                    {
                        name: _t("Register phone case"),
                        primary: true,
                        onClick: () => {
                            close();
                            action.doAction({
                                type: "ir.actions.act_window",
                                res_model: "crm.case",
                                views: [[false, "form"]],
                                target: "current",
                                context: {
                                    default_partner_id: payload.partner_id || false,
                                    default_channel_id: payload.channel_id,
                                    default_call_ids: [[4, payload.call_id]],
                                },
                            });
                        },
                    },
                ],
            });
        });
    },
};

registry.category("services").add("crm_case_incoming_call", incomingCallService);
