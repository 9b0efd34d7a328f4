# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


def check_access_where_moved(records, vals, moving_fields):
    """Record rules are checked before a write: check them again on where
    the records went, so nobody moves a desk day or holiday to a calendar
    (or the whole company) they may not edit."""
    if moving_fields & vals.keys():
        records.check_access("write")


class ResourceCalendar(models.Model):
    # Which calendars the desk edits, beside their working dates (resource_calendar.py).
    _inherit = "resource.calendar"  # pylint: disable=consider-merging-classes-inherited

    case_desk = fields.Boolean(
        string="Case Desk Calendar",
        help="Case managers edit the days off and holidays of desk calendars "
        "under Cases > Configuration, without access to other calendars.",
    )

    def write(self, vals):
        result = super().write(vals)
        check_access_where_moved(self, vals, {"case_desk"})
        return result


class ResourceCalendarAttendance(models.Model):
    _inherit = "resource.calendar.attendance"

    def write(self, vals):
        result = super().write(vals)
        check_access_where_moved(self, vals, {"calendar_id"})
        return result


class ResourceCalendarLeaves(models.Model):
    _inherit = "resource.calendar.leaves"

    holiday_estimated = fields.Boolean(
        string="Estimated",
        help="A lunar holiday whose date is only predicted (Iran fixes it by "
        "moon sighting): check the date, then untick.",
    )

    def write(self, vals):
        result = super().write(vals)
        check_access_where_moved(self, vals, {"calendar_id", "resource_id"})
        return result
