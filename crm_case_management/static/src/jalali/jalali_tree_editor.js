/**
 * Date conditions of domains described in Jalali for Jalali users: the
 * facets of custom filters ("Due Date is between ۱۴۰۵/۰۹/۰۱ and ..."),
 * their tooltips, domain fields and read-only domain editors.
 *
 * The `tree_processor` service formats condition values with Odoo's
 * Gregorian `formatDate` bound in its module, except values that are
 * expressions, which it prints as they are. So its methods are given a copy
 * of the tree whose date values are Jalali texts posing as expressions; the
 * domain itself is built from the caller's tree and stays Gregorian.
 * The value editors need nothing here: they use the date picker service
 * and the `formatters` registry, both Jalali already (jalali_input.js,
 * jalali_fields.js).
 */
import { deserializeDate, deserializeDateTime } from "@web/core/l10n/dates";
import { registry } from "@web/core/registry";
import { Expression, isTree } from "@web/core/tree_editor/condition_tree";
// Registers the service wrapped below: it must be there first.
import "@web/core/tree_editor/tree_processor";
import { getResModel } from "@web/core/tree_editor/utils";
import { formatJalaliDate, formatJalaliDateTime, usesJalali } from "./jalali_calendar";

const DATE_TYPES = ["date", "datetime"];

/** A text the tree processor prints as is. */
function verbatim(text) {
    const value = Object.create(Expression.prototype);
    value._expr = text;
    return value;
}

/** Jalali text of a serialized date or datetime, else `value` unchanged. */
export function jalaliValue(value, fieldType) {
    if (typeof value !== "string") {
        return value;
    }
    const date = fieldType === "date" ? deserializeDate(value) : deserializeDateTime(value);
    if (!date.isValid) {
        return value;
    }
    return verbatim(fieldType === "date" ? formatJalaliDate(date) : formatJalaliDateTime(date));
}

/** `node` (a condition) with its date values in Jalali, for its field `fieldDef`. */
export function jalaliCondition(node, fieldDef) {
    if (node.type !== "condition" || !DATE_TYPES.includes(fieldDef?.type) || isTree(node.value)) {
        return node;
    }
    const value = Array.isArray(node.value)
        ? node.value.map((val) => jalaliValue(val, fieldDef.type))
        : jalaliValue(node.value, fieldDef.type);
    return { ...node, value };
}

function withJalaliDates(service) {
    /** A copy of `tree` (on `resModel`) whose date values read Jalali. */
    async function jalaliTree(resModel, tree) {
        const getFieldDef = await service.makeGetFieldDef(resModel, tree);
        async function visit(node) {
            if (node.type === "connector") {
                return { ...node, children: await Promise.all(node.children.map(visit)) };
            }
            const fieldDef = getFieldDef(node.path);
            if (isTree(node.value) && getResModel(fieldDef)) {
                return { ...node, value: await jalaliTree(getResModel(fieldDef), node.value) };
            }
            return jalaliCondition(node, fieldDef);
        }
        return visit(tree);
    }

    return {
        ...service,
        async getDomainTreeDescription(resModel, tree, ...rest) {
            if (usesJalali()) {
                tree = await jalaliTree(resModel, tree);
            }
            return service.getDomainTreeDescription(resModel, tree, ...rest);
        },
        async getDomainTreeTooltip(resModel, tree) {
            if (usesJalali()) {
                tree = await jalaliTree(resModel, tree);
            }
            return service.getDomainTreeTooltip(resModel, tree);
        },
        async makeGetConditionDescription(resModel, tree, ...rest) {
            const describe = await service.makeGetConditionDescription(resModel, tree, ...rest);
            if (!usesJalali()) {
                return describe;
            }
            const getFieldDef = await service.makeGetFieldDef(resModel, tree);
            // The read-only editor asks node by node, with its own nodes.
            return (node) => describe(jalaliCondition(node, getFieldDef(node.path)));
        },
    };
}

const services = registry.category("services");
const gregorianTreeProcessor = services.get("tree_processor");
services.add(
    "tree_processor",
    {
        ...gregorianTreeProcessor,
        start(env, dependencies) {
            return withJalaliDates(gregorianTreeProcessor.start(env, dependencies));
        },
    },
    { force: true }
);
