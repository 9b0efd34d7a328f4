# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Date group labels for Jalali readers, on every model.

Odoo names date groups on the server (babel, Gregorian) and every view
shows that name: list and kanban group headers, pivot and graph. For a
reader of the Jalali calendar a group of one day (day, week, hour) is named
by its Jalali day; Gregorian months, quarters and years stay Gregorian
buckets (the issue's rule) but are named in full Gregorian with the
reader's digits. Only the label changes: values and domains stay Odoo's.
"""

from odoo import api, models

from ..tools.jalali import is_persian_lang, to_persian_digits
from ..tools.jalali_labels import (
    gregorian_month_label,
    gregorian_quarter,
    jalali_day_label,
)

DAY_GRANULARITIES = ("hour", "day", "week")
GREGORIAN_GRANULARITIES = ("month", "quarter", "year")


class Base(models.AbstractModel):
    _inherit = "base"

    def _web_read_group_groupby_formatter(self, groupby_spec, values):
        formatter = super()._web_read_group_groupby_formatter(groupby_spec, values)
        field_name, _sep, granularity = groupby_spec.partition(":")
        field = self._fields.get(field_name)
        if not field or field.type not in ("date", "datetime"):
            return formatter
        label_of = self._jalali_group_labeller(granularity)
        if not label_of:
            return formatter

        def formatter_jalali(value):
            result, domain = formatter(value)
            if not value:
                return result, domain
            # ``value`` is the group's start, a wall time in the user's zone.
            return (result[0], label_of(value)), domain

        return formatter_jalali

    @api.model
    def _jalali_group_labeller(self, granularity):
        """The label function of this reader's date groups, or None to keep
        Odoo's."""
        lang = self.env.lang or self.env.user.lang
        persian = is_persian_lang(lang)
        if granularity in GREGORIAN_GRANULARITIES and persian:
            return {
                "month": lambda value: gregorian_month_label(value, lang),
                "quarter": lambda value: self.env._(
                    "Q%(quarter)s %(year)s",
                    quarter=to_persian_digits(gregorian_quarter(value)),
                    year=to_persian_digits(value.year),
                ),
                "year": lambda value: to_persian_digits(value.year),
            }[granularity]
        if granularity not in DAY_GRANULARITIES:
            return None
        if not self.env["res.users"]._reads_jalali(lang):
            return None
        if granularity == "day":
            return lambda value: jalali_day_label(value, persian)
        if granularity == "week":
            return lambda value: self.env._(
                "Week of %s", jalali_day_label(value, persian)
            )
        return lambda value: self.env._(
            "%(hour)s:00 on %(day)s",
            hour=to_persian_digits(f"{value.hour:02d}")
            if persian
            else f"{value.hour:02d}",
            day=jalali_day_label(value, persian),
        )
