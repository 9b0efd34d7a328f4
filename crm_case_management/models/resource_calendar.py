# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import datetime

import pytz

from odoo import models


class ResourceCalendar(models.Model):
    _inherit = "resource.calendar"

    def _get_working_dates(self, date_from, date_to):
        """The dates in ``[date_from, date_to]`` with working time.

        Days off and holidays (global ``resource.calendar.leaves``) have no
        work intervals, so they are left out. Dates are in the calendar's
        time zone.
        """
        self.ensure_one()
        tz = pytz.timezone(self.tz or "UTC")
        start = tz.localize(datetime.datetime.combine(date_from, datetime.time.min))
        stop = tz.localize(datetime.datetime.combine(date_to, datetime.time.max))
        intervals = self._work_intervals_batch(start, stop, compute_leaves=True)[False]
        return {
            interval_start.astimezone(tz).date() for interval_start, *_ in intervals
        }
