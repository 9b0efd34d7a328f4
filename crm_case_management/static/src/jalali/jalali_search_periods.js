/**
 * Jalali periods of the search bar's date filters: which options a date
 * filter offers (this Jalali month and the ones before, the four seasons,
 * Jalali years) and the Gregorian domain of the chosen ones.
 *
 * The options keep Odoo's generator ids ("month", "month-1", "first_quarter",
 * "year-1", ...), so saved favorites, `default_period` and the filter's
 * `start_month`/`end_year` attributes keep working; only what each id means
 * changes: a Jalali month, a season, a Jalali year. A month or season is
 * always combined with a year, as in Odoo.
 */
import { Domain } from "@web/core/domain";
import { serializeDate, serializeDateTime } from "@web/core/l10n/dates";
import { _t } from "@web/core/l10n/translation";
import { clamp } from "@web/core/utils/numbers";
import { toGeneratorId } from "@web/search/utils/dates";
import { fromJalali, inJalali, jalaliParts, plusJalaliMonths } from "./jalali_calendar";

// Odoo's ids of the quarter options: here the seasons of the Jalali year.
export const SEASON_IDS = ["first_quarter", "second_quarter", "third_quarter", "fourth_quarter"];

function seasonName(season) {
    return [_t("Spring"), _t("Summer"), _t("Autumn"), _t("Winter")][season - 1];
}

/** "آذر" */
export function jalaliMonthName(year, month) {
    return inJalali(fromJalali(year, month, 1)).toFormat("MMMM");
}

/** "۱۴۰۵" */
export function jalaliYearName(year) {
    return inJalali(fromJalali(year, 1, 1)).toFormat("yyyy");
}

/**
 * The first and last moment of a Jalali year, season (1-4) or month (1-12)
 * in `zone`; the last moment is the millisecond before the next period.
 */
export function jalaliPeriodRange(year, { month, season } = {}, zone = "default") {
    let first = 1;
    let months = 12;
    if (month) {
        [first, months] = [month, 1];
    } else if (season) {
        [first, months] = [(season - 1) * 3 + 1, 3];
    }
    const start = fromJalali(year, first, 1, zone);
    const end = plusJalaliMonths(start, months).minus({ millisecond: 1 });
    return [start, end];
}

/** Odoo's date filter options for a Jalali user, relative to `reference`. */
export function jalaliPeriodOptions(reference, optionsParams) {
    const { startYear, endYear, startMonth, endMonth, customOptions } = optionsParams;
    const thisYear = jalaliParts(reference).year;
    // As Odoo: the months are those of the year the filter opens on.
    const yearShift = clamp(0, startYear, endYear);
    const months = [];
    for (let offset = startMonth; offset <= endMonth; offset++) {
        const start = plusJalaliMonths(reference, 12 * yearShift + offset);
        const { year, month } = jalaliParts(start);
        months.unshift({
            id: toGeneratorId("month", offset),
            defaultYearId: toGeneratorId("year", clamp(year - thisYear, startYear, endYear)),
            description: jalaliMonthName(year, month),
            granularity: "month",
            groupNumber: 1,
            jalali: { month },
        });
    }
    const seasons = [4, 3, 2, 1].map((season) => ({
        id: SEASON_IDS[season - 1],
        defaultYearId: toGeneratorId("year", yearShift),
        description: seasonName(season),
        granularity: "quarter",
        groupNumber: 1,
        jalali: { season },
    }));
    const years = [];
    for (let offset = startYear; offset <= endYear; offset++) {
        years.unshift({
            id: toGeneratorId("year", offset),
            description: jalaliYearName(thisYear + offset),
            granularity: "year",
            groupNumber: 2,
            jalali: { year: thisYear + offset },
        });
    }
    const custom = customOptions.map((option) => ({
        id: option.id,
        description: option.description,
        granularity: "withDomain",
        groupNumber: 3,
        domain: option.domain,
    }));
    return [...months, ...seasons, ...years, ...custom];
}

function periodDescription(year, { month, season }) {
    const yearName = jalaliYearName(year);
    if (month) {
        return `${jalaliMonthName(year, month)} ${yearName}`;
    }
    return season ? `${seasonName(season)} ${yearName}` : yearName;
}

function periodDomain(fieldName, fieldType, [start, end]) {
    const serialize = fieldType === "date" ? serializeDate : serializeDateTime;
    return new Domain([
        "&",
        [fieldName, ">=", serialize(start)],
        [fieldName, "<=", serialize(end)],
    ]);
}

/**
 * The domain and facet text of a date filter with the options
 * `generatorIds` chosen: every chosen year crossed with every chosen month
 * and season (or the whole years when none is chosen), OR-ed together.
 */
export function jalaliDateDomain(reference, searchItem, generatorIds) {
    const options = jalaliPeriodOptions(reference, searchItem.optionsParams);
    const chosen = generatorIds
        .map((id) => options.find((option) => option.id === id))
        .filter(Boolean);
    const custom = chosen.find((option) => option.granularity === "withDomain");
    if (custom) {
        return {
            description: custom.description,
            domain: Domain.and([custom.domain, searchItem.domain]),
        };
    }
    const years = chosen
        .filter((option) => option.granularity === "year")
        .map((option) => option.jalali.year)
        .sort((a, b) => a - b);
    const byNumber = (key) => (a, b) => a[key] - b[key];
    const ofGranularity = (granularity) =>
        chosen.filter((option) => option.granularity === granularity).map((o) => o.jalali);
    // Months before seasons, each in calendar order, as Odoo sorts them.
    const parts = [
        ...ofGranularity("month").sort(byNumber("month")),
        ...ofGranularity("quarter").sort(byNumber("season")),
    ];
    const periods = years.flatMap((year) =>
        (parts.length ? parts : [{}]).map((part) => ({ year, part }))
    );
    const { fieldName, fieldType } = searchItem;
    const zone = reference.zone;
    const domain = Domain.combine(
        periods.map(({ year, part }) =>
            periodDomain(fieldName, fieldType, jalaliPeriodRange(year, part, zone))
        ),
        "OR"
    );
    return {
        domain: Domain.and([domain, searchItem.domain]),
        description: periods.map(({ year, part }) => periodDescription(year, part)).join("/"),
    };
}
