import { registry } from "@web/core/registry";

// What to expect is computed by the Python test with jdatetime, independently
// of the web client, and set just before the tour starts (Odoo also builds
// the steps once before, to see whether the tour is ready).
function withExpectations(makeSteps) {
    return () => (window.crmCaseJalaliSearch ? makeSteps(window.crmCaseJalaliSearch) : []);
}

/** A trigger that matches once the list shows `inside` and none of `outside`. */
function listShows(inside, outside) {
    const has = inside.map((name) => `:has(.o_data_row:contains('${name}'))`).join("");
    const hasNot = outside.map((name) => `:not(:has(.o_data_row:contains('${name}')))`).join("");
    return {
        content: `The list shows ${inside.join(", ")} and not ${outside.join(", ")}`,
        trigger: `.o_list_view${has}${hasNot}`,
    };
}

function openDateFilter(label) {
    return [
        { content: "Open the filter menu", trigger: ".o_searchview_dropdown_toggler", run: "click" },
        {
            content: `Open the options of ${label}`,
            trigger: `.o_accordion_toggle:contains('${label}')`,
            run: "click",
        },
    ];
}

function checkOptions(options) {
    return {
        content: `The period options are ${options.join(", ")}`,
        trigger: ".o_accordion_values .o_item_option",
        run() {
            const shown = [...document.querySelectorAll(".o_accordion_values .o_item_option")].map(
                (el) => el.textContent.trim()
            );
            if (JSON.stringify(shown) !== JSON.stringify(options)) {
                throw new Error(`options are ${shown.join(", ")}; expected ${options.join(", ")}`);
            }
        },
    };
}

function pickOption(option, facet) {
    return [
        {
            content: `Choose ${option}`,
            trigger: `.o_accordion_values .o_item_option:contains('${option}')`,
            run: "click",
        },
        {
            content: `The search bar reads "${facet}"`,
            trigger: `.o_searchview_facet .o_facet_value:contains('${facet}')`,
        },
        { content: "Close the menu", trigger: ".o_searchview_dropdown_toggler", run: "click" },
    ];
}

function removeFacet(text) {
    return {
        content: `Remove the filter ${text}`,
        trigger: `.o_searchview_facet:contains('${text}') .o_facet_remove`,
        run: "click",
    };
}

function dateFilterSteps(filter) {
    return [
        ...openDateFilter(filter.label),
        checkOptions(filter.options),
        ...pickOption(filter.pick, filter.facet),
        listShows(filter.inside, filter.outside),
    ];
}

function groupBySteps(groups) {
    const menuItems = ".o_group_by_menu .o_menu_item";
    return [
        { content: "Open the search menu", trigger: ".o_searchview_dropdown_toggler", run: "click" },
        {
            content: "The Jalali month comes before the Gregorian date buckets",
            trigger: `${menuItems}:contains('${groups.jalali}')`,
            run() {
                const names = [...document.querySelectorAll(menuItems)].map((el) =>
                    el.textContent.trim()
                );
                if (!(names.indexOf(groups.jalali) < names.indexOf(groups.gregorian))) {
                    throw new Error(`group-by order: ${names.join(", ")}`);
                }
            },
        },
        {
            content: `Group by ${groups.gregorian}`,
            trigger: `.o_group_by_menu .o_accordion_toggle:contains('${groups.gregorian}')`,
            run: "click",
        },
        {
            content: `... per ${groups.day}`,
            trigger: `.o_group_by_menu .o_accordion_values .o_item_option:contains('${groups.day}')`,
            run: "click",
        },
        {
            content: `A day's group reads in Jalali: ${groups.dayGroup}`,
            trigger: `.o_list_view .o_group_name:contains('${groups.dayGroup}')`,
        },
    ];
}

registry.category("web_tour.tours").add("crm_case_jalali_search_tour", {
    steps: withExpectations(({ deadline, request, custom, groups }) => [
            { content: "As a list", trigger: ".o_switch_view.o_list", run: "click" },
            { trigger: ".o_list_view .o_data_row" },
            ...dateFilterSteps(deadline),
            removeFacet(deadline.facet),
            ...dateFilterSteps(request),
            removeFacet(request.facet),
            ...openDateFilter(deadline.label),
            ...pickOption(deadline.pick, deadline.facet),
            listShows(deadline.inside, deadline.outside),
            {
                content: "Edit the Jalali month filter as a condition",
                trigger: `.o_searchview_facet:contains('${deadline.facet}') .o_searchview_facet_label`,
                run: "click",
            },
            {
                content: `The condition's dates read ${custom.shown.join(" and ")}`,
                trigger: `.modal .o_tree_editor input:value('${custom.shown[1]}')`,
                run() {
                    const values = [...document.querySelectorAll(".modal .o_tree_editor input")]
                        .map((input) => input.value)
                        .filter(Boolean);
                    if (JSON.stringify(values) !== JSON.stringify(custom.shown)) {
                        throw new Error(`the editor shows ${values.join(", ")}`);
                    }
                },
            },
            {
                content: `Type the Jalali end date ${custom.typed}`,
                trigger: `.modal .o_tree_editor input:value('${custom.shown[1]}')`,
                run: `edit ${custom.typed} && press Enter`,
            },
            {
                content: "Search",
                trigger: ".modal .modal-footer .btn-primary",
                run: "click",
            },
            {
                content: `The facet reads the condition in Jalali: ${custom.facet.join(", ")}`,
                trigger: `.o_searchview_facet .o_facet_value:contains('${custom.facet[0]}')`,
                run() {
                    const text = this.anchor.textContent;
                    if (/[0-9]/.test(text) || !custom.facet.every((part) => text.includes(part))) {
                        throw new Error(`the condition does not read ${custom.facet}: "${text}"`);
                    }
                },
            },
            listShows(custom.inside, custom.outside),
            ...groupBySteps(groups),
        ]),
});

registry.category("web_tour.tours").add("crm_case_gregorian_search_tour", {
    steps: withExpectations(({ deadline }) => [
        { content: "As a list", trigger: ".o_switch_view.o_list", run: "click" },
        { trigger: ".o_list_view .o_data_row" },
        ...dateFilterSteps(deadline),
    ]),
});
