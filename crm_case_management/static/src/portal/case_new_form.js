import { Interaction } from "@web/public/interaction";
import { registry } from "@web/core/registry";
import { rpc } from "@web/core/network/rpc";

/**
 * The customer's new-case form: shows the chosen type's own fields and
 * suggests published articles matching the title while it is typed.
 */
export class CaseNewForm extends Interaction {
    static selector = ".o_case_new_form";
    dynamicContent = {
        ".o_case_type_select": { "t-on-change": this.showTypeFields },
        ".o_case_title_input": { "t-on-input": this.debounced(this.suggest, 400) },
    };

    start() {
        this.showTypeFields();
    }

    showTypeFields() {
        const typeId = this.el.querySelector(".o_case_type_select").value;
        for (const block of this.el.querySelectorAll(".o_case_type_fields")) {
            const active = block.dataset.typeId === typeId;
            block.classList.toggle("d-none", !active);
            for (const input of block.querySelectorAll("input, select, textarea")) {
                input.disabled = !active;
            }
        }
    }

    async suggest() {
        const query = this.el.querySelector(".o_case_title_input").value;
        const articles = await this.waitFor(rpc("/my/cases/suggest", { query }));
        const card = document.querySelector(".o_case_article_suggestions");
        const list = card.querySelector(".o_case_article_suggestion_list");
        list.replaceChildren(
            ...articles.map((article) => {
                const item = document.createElement("li");
                item.className = "list-group-item o_case_article_suggestion";
                const link = document.createElement("a");
                link.href = article.url;
                link.target = "_blank";
                link.textContent = article.name;
                item.append(link);
                return item;
            })
        );
        card.classList.toggle("d-none", !articles.length);
    }
}

registry.category("public.interactions").add("crm_case_management.case_new_form", CaseNewForm);
