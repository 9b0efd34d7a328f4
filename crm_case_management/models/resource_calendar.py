# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Working dates of a calendar, kept in Odoo's cache between requests.

Every new case counts its due date in working days, which reads the
calendar's attendances and holidays (five queries and the interval walk).
They change rarely: any change of a calendar, its attendances or its
leaves empties the cache, in every worker (``clear_cache`` signals it).
"""

import datetime

import pytz

from odoo import api, models, tools


class WorkingDatesSource(models.AbstractModel):
    """A record whose changes empty the cached working dates (any worker)."""

    _name = "crm.case.working.dates.source"
    _description = "Source of Cached Working Dates"

    @api.model_create_multi
    def create(self, vals_list):
        if self._creates_working_time(vals_list):
            self.env.registry.clear_cache()
        return super().create(vals_list)

    def write(self, vals):
        if self._changes_working_time(vals):
            self.env.registry.clear_cache()
        return super().write(vals)

    def unlink(self):
        if self._changes_working_time():
            self.env.registry.clear_cache()
        return super().unlink()

    @api.model
    def _creates_working_time(self, vals_list):
        return True

    def _changes_working_time(self, vals=None):
        return True


class ResourceCalendar(models.Model):
    _inherit = ["resource.calendar", "crm.case.working.dates.source"]

    def _get_working_dates(self, date_from, date_to):
        """The dates in ``[date_from, date_to]`` with working time.

        Days off and holidays (global ``resource.calendar.leaves``) have no
        work intervals, so they are left out. Dates are in the calendar's
        time zone.
        """
        self.ensure_one()
        return self._working_dates_cached(date_from, date_to)

    @tools.ormcache("self.id", "date_from", "date_to")
    def _working_dates_cached(self, date_from, date_to):
        tz = pytz.timezone(self.tz or "UTC")
        start = tz.localize(datetime.datetime.combine(date_from, datetime.time.min))
        stop = tz.localize(datetime.datetime.combine(date_to, datetime.time.max))
        intervals = self._work_intervals_batch(start, stop, compute_leaves=True)[False]
        return frozenset(
            interval_start.astimezone(tz).date() for interval_start, *_ in intervals
        )


class ResourceCalendarAttendance(models.Model):
    # The working dates' cache; the desk's editing is resource_calendar_desk.py.
    _inherit = ["resource.calendar.attendance", "crm.case.working.dates.source"]  # pylint: disable=consider-merging-classes-inherited


class ResourceCalendarLeaves(models.Model):
    # The working dates' cache; the desk's editing is resource_calendar_desk.py.
    _inherit = ["resource.calendar.leaves", "crm.case.working.dates.source"]  # pylint: disable=consider-merging-classes-inherited

    # Only holidays (leaves of no one in particular) change the working dates
    # above; a person's time off does not empty the cache.
    @api.model
    def _creates_working_time(self, vals_list):
        return any(not vals.get("resource_id") for vals in vals_list)

    def _changes_working_time(self, vals=None):
        return "resource_id" in (vals or {}) or any(
            not leave.resource_id for leave in self
        )
