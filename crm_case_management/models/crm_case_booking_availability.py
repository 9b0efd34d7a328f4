# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""When people and equipment are free: working hours, leaves, meetings,
other bookings, and the search for free slots."""

import datetime
from collections import defaultdict

import pytz

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL

from ..tools.date_display import display_datetime
from ..tools.slots import find_free_slots, normalize, subtract
from .crm_case_booking import BUSY_STATES, _naive_utc


class CrmCaseBooking(models.Model):
    # One concern of crm.case.booking per file, as crm_case_booking.py is.
    _inherit = "crm.case.booking"  # pylint: disable=consider-merging-classes-inherited

    # ------------------------------------------------------------------
    # Availability
    # ------------------------------------------------------------------

    def _check_bookable(self, check_hours=True):
        """Refuse double bookings, work outside hours, leave and meetings.

        The resources' rows are touched first, in id order: a concurrent
        booking of one of them then waits, and after this transaction
        commits it fails to serialize and Odoo retries it on fresh data,
        where it meets this booking and gets the clear message below. The
        exclusion constraint on the lines remains the last guard.
        """
        active = self.filtered(lambda b: b.state != "cancelled" and b.resource_ids)
        if not active:
            return
        self._touch_resources(active.resource_ids)
        for booking in active:
            reason = booking._conflict_reason(
                booking.resource_ids, booking.date_start, booking.date_stop
            )
            if not reason and check_hours and booking.state in ("planned", "confirmed"):
                reason = booking._unavailability_reason(
                    booking.resource_ids, booking.date_start, booking.date_stop
                )
            if reason:
                raise ValidationError(reason)

    def _touch_resources(self, resources):
        self.env.execute_query(
            SQL(
                "UPDATE %s SET write_date = write_date WHERE id IN %s",
                SQL.identifier(resources._table),
                tuple(sorted(resources.ids)),
            )
        )

    def _format_dt(self, moment):
        return display_datetime(self.env, moment)

    def _conflict_reason(self, resources, date_start, date_stop):
        """Why ``resources`` cannot be booked then, if another booking has one."""
        # sudo: the dispatcher must learn that a resource is taken even by a
        # booking of a case they cannot read; only its reference is shown.
        other = (
            self.sudo()
            .with_context(active_test=False)
            .search(
                [
                    ("id", "not in", self.ids),
                    ("state", "in", BUSY_STATES),
                    ("resource_ids", "in", resources.ids),
                    ("date_start", "<", date_stop),
                    ("date_stop", ">", date_start),
                ],
                limit=1,
                order="date_start",
            )
        )
        if not other:
            return False
        resource = (other.resource_ids & resources)[:1]
        return self.env._(
            "%(resource)s is already booked from %(start)s to %(stop)s "
            "by %(booking)s (case %(case)s).",
            resource=resource.display_name,
            start=self._format_dt(other.date_start),
            stop=self._format_dt(other.date_stop),
            booking=other.name,
            case=other.case_id.number or other.case_id.name,
        )

    def _unavailability_reason(self, resources, date_start, date_stop):
        """Why one of ``resources`` does not work then, or has a meeting."""
        start = pytz.utc.localize(date_start)
        stop = pytz.utc.localize(date_stop)
        wanted = [(date_start, date_stop)]
        for calendar, group in resources.grouped("calendar_id").items():
            if not calendar:
                continue
            # sudo: users may read only their own leaves, but a dispatcher
            # must not book a colleague on leave; only the times are used.
            calendar = calendar.sudo()
            with_leaves = calendar._work_intervals_batch(start, stop, resources=group)
            without = calendar._work_intervals_batch(
                start, stop, resources=group, compute_leaves=False
            )
            for resource in group:
                if subtract(wanted, self._plain(without[resource.id])):
                    return self.env._(
                        "%(resource)s does not work from %(start)s to %(stop)s "
                        "(outside working hours or during a break).",
                        resource=resource.display_name,
                        start=self._format_dt(date_start),
                        stop=self._format_dt(date_stop),
                    )
                if subtract(wanted, self._plain(with_leaves[resource.id])):
                    return self.env._(
                        "%(resource)s is on leave between %(start)s and %(stop)s.",
                        resource=resource.display_name,
                        start=self._format_dt(date_start),
                        stop=self._format_dt(date_stop),
                    )
        meetings = self._meetings(resources, date_start, date_stop)
        for resource in resources:
            if meetings.get(resource.id):
                meeting_start, meeting_stop = meetings[resource.id][0]
                return self.env._(
                    "%(resource)s has a meeting from %(start)s to %(stop)s.",
                    resource=resource.display_name,
                    start=self._format_dt(meeting_start),
                    stop=self._format_dt(meeting_stop),
                )
        return False

    @staticmethod
    def _plain(intervals):
        return normalize(
            [(_naive_utc(start), _naive_utc(stop)) for start, stop, _meta in intervals]
        )

    @api.model
    def _meetings(self, resources, date_from, date_to):
        """Busy meetings of the people among ``resources``, per resource id."""
        people = resources.filtered("user_id")
        partner_resources = defaultdict(list)
        for resource in people:
            partner_resources[resource.user_id.partner_id.id].append(resource.id)
        result = defaultdict(list)
        if not partner_resources:
            return result
        # sudo: private meetings of others still make them busy; only their
        # times are used, never their subject.
        attendees = (
            self.env["calendar.attendee"]
            .sudo()
            .search(
                [
                    ("partner_id", "in", list(partner_resources)),
                    ("state", "!=", "declined"),
                    ("event_id.show_as", "=", "busy"),
                    ("event_id.start", "<", date_to),
                    ("event_id.stop", ">", date_from),
                ]
            )
        )
        for attendee in attendees:
            for resource_id in partner_resources[attendee.partner_id.id]:
                result[resource_id].append(
                    (attendee.event_id.start, attendee.event_id.stop)
                )
        for intervals in result.values():
            intervals.sort()
        return result

    @api.model
    def _busy_intervals(self, resources, date_from, date_to, exclude=None):
        """Bookings and meetings of each resource, per resource id."""
        busy = self._meetings(resources, date_from, date_to)
        domain = [
            ("resource_id", "in", resources.ids),
            ("state", "in", BUSY_STATES),
            ("date_start", "<", date_to),
            ("date_stop", ">", date_from),
        ]
        if exclude:
            domain.append(("booking_id", "not in", exclude.ids))
        # sudo: every booking makes its resources busy, readable or not.
        lines = (
            self.env["crm.case.booking.line"]
            .sudo()
            .search_fetch(domain, ["resource_id", "date_start", "date_stop"])
        )
        for line in lines:
            busy[line.resource_id.id].append((line.date_start, line.date_stop))
        return busy

    @api.model
    def _available_intervals(self, resources, date_from, date_to):
        """Working time of each resource (its calendar minus leaves)."""
        start = pytz.utc.localize(date_from)
        stop = pytz.utc.localize(date_to)
        available = {}
        for calendar, group in resources.grouped("calendar_id").items():
            if not calendar:
                # No calendar: fully flexible, as Odoo's resource module says.
                for resource in group:
                    available[resource.id] = [(date_from, date_to)]
                continue
            # sudo: leaves of others count, see _unavailability_reason.
            intervals = calendar.sudo()._work_intervals_batch(
                start, stop, resources=group
            )
            for resource in group:
                available[resource.id] = self._plain(intervals[resource.id])
        return available

    @api.model
    def find_slots(self, resources, hours, date_from, date_to, limit=5):
        """The earliest free ``(start, stop)`` pairs when all ``resources``
        can work together for ``hours`` without a break, starting on the
        quarter hour, inside ``[date_from, date_to)`` (UTC).

        ``resources`` is a recordset or a list of ids of resource.resource.
        """
        if not isinstance(resources, models.BaseModel):
            resources = self.env["resource.resource"].browse(resources)
        date_from = fields.Datetime.to_datetime(date_from)
        date_to = fields.Datetime.to_datetime(date_to)
        if not resources or not hours or hours <= 0 or date_from >= date_to:
            raise UserError(
                self.env._(
                    "Give the resources, a number of hours and a window "
                    "that ends after it starts."
                )
            )
        available = self._available_intervals(resources, date_from, date_to)
        busy = self._busy_intervals(resources, date_from, date_to)
        return find_free_slots(
            [available[resource.id] for resource in resources],
            [busy.get(resource.id, []) for resource in resources],
            datetime.timedelta(hours=hours),
            date_from,
            date_to,
            limit=limit,
        )
