import { registerMessageAction } from "@mail/core/common/message_actions";
import { _t } from "@web/core/l10n/translation";

/**
 * "Create Case" on any chatter message outside cases.
 */
registerMessageAction("create-crm-case", {
    condition: ({ message, thread, store }) =>
        thread?.model &&
        thread.model !== "crm.case" &&
        message.message_type !== "user_notification" &&
        store.self.main_user_id?.share === false,
    icon: "fa fa-life-ring",
    name: _t("Create Case"),
    onSelected: async ({ message, store }) => {
        const action = await store.env.services.orm.call("crm.case", "action_new_from", [
            "mail.message",
            message.id,
        ]);
        await store.env.services.action.doAction(action);
    },
    sequence: 115,
});
