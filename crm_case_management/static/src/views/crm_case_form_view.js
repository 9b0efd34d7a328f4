import { useEffect } from "@odoo/owl";
import { registry } from "@web/core/registry";
import { formView } from "@web/views/form/form_view";
import { FormController } from "@web/views/form/form_controller";

/**
 * Opening a case clears the "unseen" marker of the current user.
 */
export class CrmCaseFormController extends FormController {
    setup() {
        super.setup();
        useEffect(
            (resId, isUnseen) => {
                if (resId && isUnseen) {
                    this.orm.call("crm.case", "action_mark_seen", [[resId]]);
                }
            },
            () => [this.model.root.resId, this.model.root.data.is_unseen]
        );
    }
}

registry.category("views").add("crm_case_form", {
    ...formView,
    Controller: CrmCaseFormController,
});
