import { HotkeyCommandItem } from "@web/core/commands/default_providers";
import { _t } from "@web/core/l10n/translation";
import { registry } from "@web/core/registry";
import { user } from "@web/core/user";

export const CASE_USER_GROUP = "crm_case_management.group_crm_case_user";
// Done, Approve and Reject are buttons of the case form with their own
// data-hotkey (alt+d, alt+y, alt+shift+y): Odoo lists them in the palette.
export const CASE_HOTKEYS = {
    newCase: "alt+shift+n",
    unseen: "alt+shift+s",
};

export function openNewCase(env) {
    return env.services.action.doAction({
        type: "ir.actions.act_window",
        res_model: "crm.case",
        views: [[false, "form"]],
        target: "current",
    });
}

export async function openUnseenCases(env) {
    const action = await env.services.orm.call("crm.case", "action_open_counter", ["unseen"]);
    return env.services.action.doAction(action);
}

/** The desk's commands in the command palette (Ctrl+K). */
registry.category("command_provider").add("crm_case_management.commands", {
    async provide(env) {
        if (!(await user.hasGroup(CASE_USER_GROUP))) {
            return [];
        }
        return [
            {
                name: _t("New Case"),
                action: () => openNewCase(env),
                Component: HotkeyCommandItem,
                props: { hotkey: CASE_HOTKEYS.newCase },
            },
            {
                name: _t("My Unseen Cases"),
                action: () => openUnseenCases(env),
                Component: HotkeyCommandItem,
                props: { hotkey: CASE_HOTKEYS.unseen },
            },
        ];
    },
});
