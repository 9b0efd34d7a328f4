/**
 * The date filters of every search view in the Jalali calendar for Jalali
 * users: the options of `<filter date="...">` are Jalali months, seasons and
 * years, their domains the exact Gregorian range of those periods, their
 * facets "آذر ۱۴۰۵".
 *
 * Odoo computes options, domains and facets with functions of
 * `@web/search/utils/dates` bound at load, so the SearchModel methods that
 * call them are patched. Other users keep Odoo's Gregorian periods.
 */
import { patch } from "@web/core/utils/patch";
import { SearchModel } from "@web/search/search_model";
import { yearSelected } from "@web/search/utils/dates";
import { usesJalali } from "./jalali_calendar";
import { jalaliDateDomain, jalaliPeriodOptions } from "./jalali_search_periods";

patch(SearchModel.prototype, {
    _enrichItem(searchItem) {
        const enriched = super._enrichItem(...arguments);
        if (!usesJalali() || !enriched || searchItem.type !== "dateFilter") {
            return enriched;
        }
        const activeIds = this._getSelectedGeneratorIds(searchItem.id);
        const options = jalaliPeriodOptions(this.referenceMoment, searchItem.optionsParams);
        enriched.options = options.map(({ description, id, groupNumber }) => ({
            description,
            id,
            groupNumber,
            isActive: activeIds.includes(id),
        }));
        return enriched;
    },

    _getDateFilterDomain(dateFilter, generatorIds, key = "domain") {
        if (!usesJalali()) {
            return super._getDateFilterDomain(...arguments);
        }
        return jalaliDateDomain(this.referenceMoment, dateFilter, generatorIds)[key];
    },

    toggleDateFilter(searchItemId, generatorId) {
        const searchItem = this.searchItems[searchItemId];
        const ids = generatorId ? [generatorId] : searchItem?.defaultGeneratorIds || [];
        if (
            usesJalali() &&
            searchItem.type === "dateFilter" &&
            !ids.some((id) => id.startsWith("year"))
        ) {
            // A month or season alone means one of the Jalali year it falls
            // in, which Odoo would take from the Gregorian calendar: add that
            // Jalali year first, so Odoo finds a year already chosen.
            const options = jalaliPeriodOptions(this.referenceMoment, searchItem.optionsParams);
            for (const id of ids) {
                const selected = this._getSelectedGeneratorIds(searchItemId);
                const option = options.find((option) => option.id === id);
                if (option?.defaultYearId && !selected.includes(id) && !yearSelected(selected)) {
                    this.query = this.query.filter(
                        (elem) =>
                            elem.searchItemId !== searchItemId ||
                            !elem.generatorId?.startsWith("custom")
                    );
                    this.query.push({ searchItemId, generatorId: option.defaultYearId });
                }
            }
        }
        return super.toggleDateFilter(...arguments);
    },
});
