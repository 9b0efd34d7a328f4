# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import datetime

import holidays
import jdatetime
import pytz

from odoo import api, fields, models
from odoo.exceptions import UserError

TEHRAN = pytz.timezone("Asia/Tehran")
ESTIMATED_FA = "(تخمینی)"


def iranian_holidays(jalali_year):
    """``{day: (name, estimated)}`` of the public holidays of a Jalali year.

    The ``holidays`` package works in Gregorian years; a Jalali year runs
    from March to March, so two of them are read and cut at 1 Farvardin.
    Names are Persian; lunar dates after the package's confirmed ones are
    marked estimated.
    """
    first = jdatetime.date(jalali_year, 1, 1).togregorian()
    last = jdatetime.date(jalali_year + 1, 1, 1).togregorian() - datetime.timedelta(1)
    years = range(first.year, last.year + 1)
    persian = holidays.country_holidays("IR", years=years, language="fa_IR")
    english = holidays.country_holidays("IR", years=years, language="en_US")
    result = {}
    for day, name in persian.items():
        if first <= day <= last:
            estimated = "estimated" in english.get(day, "")
            result[day] = (name.replace(ESTIMATED_FA, "").strip(), estimated)
    return result


def tehran_day_bounds(day):
    """The naive-UTC bounds of a Tehran calendar day, as leaves store them."""
    start = TEHRAN.localize(datetime.datetime.combine(day, datetime.time.min))
    stop = TEHRAN.localize(datetime.datetime.combine(day, datetime.time(23, 59, 59)))
    return (
        start.astimezone(pytz.utc).replace(tzinfo=None),
        stop.astimezone(pytz.utc).replace(tzinfo=None),
    )


class CrmCaseHolidayImport(models.TransientModel):
    _name = "crm.case.holiday.import"
    _description = "Import Iranian Holidays"

    calendar_id = fields.Many2one(
        "resource.calendar",
        required=True,
        domain=[("case_desk", "=", True)],
        default=lambda self: self._default_calendar(),
    )
    jalali_year = fields.Integer(
        required=True,
        default=lambda self: jdatetime.date.today().year,
    )

    @api.model
    def _default_calendar(self):
        company_calendar = self.env.company.case_calendar_id
        if company_calendar.case_desk:
            return company_calendar
        return self.env["resource.calendar"].search([("case_desk", "=", True)], limit=1)

    def action_import(self):
        """Add the year's holidays the calendar lacks; run again, add nothing."""
        self.ensure_one()
        if not 1300 <= self.jalali_year <= 1500:
            raise UserError(
                self.env._(
                    "%s is not a Jalali year this import knows.", self.jalali_year
                )
            )
        if not self.calendar_id.case_desk:
            raise UserError(
                self.env._("Holidays are imported into desk calendars only.")
            )
        found = iranian_holidays(self.jalali_year)
        Leaves = self.env["resource.calendar.leaves"]
        bounds = {day: tehran_day_bounds(day) for day in found}
        covered = self._days_with_holiday(bounds)
        new = Leaves.create(
            [
                {
                    "name": name,
                    "calendar_id": self.calendar_id.id,
                    "date_from": bounds[day][0],
                    "date_to": bounds[day][1],
                    "time_type": "leave",
                    "holiday_estimated": estimated,
                }
                for day, (name, estimated) in sorted(found.items())
                if day not in covered
            ]
        )
        return self._notify(found, new)

    def _days_with_holiday(self, bounds):
        """The days of ``bounds`` a holiday of the calendar already covers,
        whether imported before or typed by hand over several days."""
        leaves = self.env["resource.calendar.leaves"].search(
            [
                ("calendar_id", "=", self.calendar_id.id),
                ("resource_id", "=", False),
                ("date_from", "<=", max(stop for _start, stop in bounds.values())),
                ("date_to", ">=", min(start for start, _stop in bounds.values())),
            ]
        )
        return {
            day
            for day, (start, stop) in bounds.items()
            if any(
                leave.date_from <= start and leave.date_to >= stop for leave in leaves
            )
        }

    def _notify(self, found, new):
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success",
                "message": self.env._(
                    "%(new)s holidays added to %(calendar)s (%(estimated)s estimated, "
                    "to confirm); %(known)s were already there.",
                    new=len(new),
                    calendar=self.calendar_id.name,
                    estimated=len(new.filtered("holiday_estimated")),
                    known=len(found) - len(new),
                ),
                "next": {"type": "ir.actions.act_window_close"},
            },
        }
