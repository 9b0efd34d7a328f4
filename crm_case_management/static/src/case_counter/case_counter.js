import { Component, onWillStart, onWillUnmount, useState } from "@odoo/owl";
import { browser } from "@web/core/browser/browser";
import { Dropdown } from "@web/core/dropdown/dropdown";
import { DropdownItem } from "@web/core/dropdown/dropdown_item";
import { _t } from "@web/core/l10n/translation";
import { registry } from "@web/core/registry";
import { user } from "@web/core/user";
import { useService } from "@web/core/utils/hooks";
import { useHotkey } from "@web/core/hotkeys/hotkey_hook";
import { CASE_HOTKEYS, openNewCase, openUnseenCases } from "../case_commands/case_commands";
import { debounce } from "@web/core/utils/timing";

export const COUNTER_NOTIFICATION = "crm_case_management/counter";
// Overdue work appears as time passes, without any change to tell us.
export const REFRESH_INTERVAL = 5 * 60 * 1000;

/**
 * The current user's cases in the top bar: unseen, overdue and waiting for
 * their approval. The server sends a bare "refetch" bus message when
 * something concerns the user; the counts are read with one call.
 */
export class CaseCounter extends Component {
    static components = { Dropdown, DropdownItem };
    static props = {};
    static template = "crm_case_management.CaseCounter";

    setup() {
        this.orm = useService("orm");
        this.action = useService("action");
        this.notification = useService("notification");
        this.busService = useService("bus_service");
        this.state = useState({ visible: false, unseen: 0, overdue: 0, to_approve: 0 });
        this.refetch = debounce(() => this.fetchCounts(), 300);
        this.onBusMessage = (payload) => {
            for (const assigned of payload.assigned || []) {
                this.showAssigned(assigned);
            }
            this.refetch();
        };
        // The desk's own hotkeys live with the counter, which every page shows.
        useHotkey(CASE_HOTKEYS.newCase, () => this.state.visible && openNewCase(this.env));
        useHotkey(CASE_HOTKEYS.unseen, () => this.state.visible && openUnseenCases(this.env));
        onWillStart(async () => {
            this.state.visible = await user.hasGroup(
                "crm_case_management.group_crm_case_user"
            );
            if (!this.state.visible) {
                return;
            }
            await this.fetchCounts();
            this.busService.subscribe(COUNTER_NOTIFICATION, this.onBusMessage);
            this.busService.start();
            this.interval = browser.setInterval(() => this.fetchCounts(), REFRESH_INTERVAL);
        });
        onWillUnmount(() => {
            if (this.state.visible) {
                this.busService.unsubscribe(COUNTER_NOTIFICATION, this.onBusMessage);
                browser.clearInterval(this.interval);
            }
        });
    }

    get total() {
        return this.state.unseen + this.state.overdue + this.state.to_approve;
    }

    async fetchCounts() {
        const counts = await this.orm.call("crm.case", "get_case_counters", []);
        Object.assign(this.state, counts);
    }

    async open(kind) {
        const action = await this.orm.call("crm.case", "action_open_counter", [kind]);
        await this.action.doAction(action);
    }

    showAssigned({ id, number, name }) {
        const close = this.notification.add(`${number || ""} ${name}`.trim(), {
            title: _t("A case was assigned to you"),
            type: "info",
            sticky: true,
            className: "o_crm_case_assigned_notification",
            buttons: [
                {
                    name: _t("Open Case"),
                    primary: true,
                    onClick: () => {
                        close();
                        this.action.doAction({
                            type: "ir.actions.act_window",
                            res_model: "crm.case",
                            res_id: id,
                            views: [[false, "form"]],
                        });
                    },
                },
            ],
        });
    }
}

registry
    .category("systray")
    .add("crm_case_management.CaseCounter", { Component: CaseCounter }, { sequence: 30 });
