# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import datetime
from collections import defaultdict

import pytz

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL, format_datetime

from ..tools.jalali import format_jalali_datetime, is_persian_lang
from ..tools.slots import find_free_slots, normalize, subtract

BUSY_STATES = ("planned", "confirmed", "done")


def _naive_utc(moment):
    return moment.astimezone(pytz.utc).replace(tzinfo=None)


class CrmCaseBooking(models.Model):
    _name = "crm.case.booking"
    _description = "Service Booking"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date_start desc, id desc"
    _check_company_auto = True

    name = fields.Char(
        "Reference", required=True, readonly=True, copy=False, default="/"
    )
    case_id = fields.Many2one(
        "crm.case", required=True, index=True, ondelete="cascade", tracking=True
    )
    company_id = fields.Many2one(
        related="case_id.company_id", store=True, index=True, precompute=True
    )
    partner_id = fields.Many2one(
        related="case_id.partner_id", string="Customer", store=True
    )
    commercial_partner_id = fields.Many2one(
        related="case_id.partner_id.commercial_partner_id",
        string="Customer Company",
        store=True,
        index=True,
    )
    product_id = fields.Many2one(
        "product.product", string="Service", check_company=True, tracking=True
    )
    address_id = fields.Many2one(
        "res.partner",
        string="Place",
        compute="_compute_address_id",
        store=True,
        readonly=False,
        help="Where the service takes place: the customer's address or a site.",
    )
    date_start = fields.Datetime("Start", required=True, tracking=True)
    date_stop = fields.Datetime("Stop", required=True, tracking=True)
    date_start_jalali = fields.Char("Start (Jalali)", compute="_compute_jalali_dates")
    date_stop_jalali = fields.Char("Stop (Jalali)", compute="_compute_jalali_dates")
    duration = fields.Float(
        "Hours", compute="_compute_duration", store=True, aggregator="sum"
    )
    resource_ids = fields.Many2many(
        "resource.resource",
        "crm_case_booking_resource_rel",
        "booking_id",
        "resource_id",
        string="Resources",
        help="People and equipment the service needs.",
    )
    line_ids = fields.One2many("crm.case.booking.line", "booking_id", readonly=True)
    role_id = fields.Many2one(
        "hr.employee.category",
        string="Needs Role",
        help="Employees tagged with this role are proposed, least loaded first.",
    )
    proposed_resource_ids = fields.Many2many(
        "resource.resource",
        string="Available, Least Loaded First",
        compute="_compute_proposed_resource_ids",
    )
    state = fields.Selection(
        [
            ("planned", "Planned"),
            ("confirmed", "Confirmed"),
            ("done", "Done"),
            ("cancelled", "Cancelled"),
        ],
        default="planned",
        required=True,
        tracking=True,
        index=True,
    )
    notes = fields.Html()
    timesheet_ids = fields.One2many(
        "account.analytic.line", "booking_id", string="Hours Logged"
    )

    _stop_after_start = models.Constraint(
        "CHECK (date_stop > date_start)",
        "A booking must end after it starts.",
    )

    @api.depends("case_id")
    def _compute_address_id(self):
        for booking in self:
            booking.address_id = booking.case_id.partner_id

    @api.depends("date_start", "date_stop")
    @api.depends_context("lang", "tz")
    def _compute_jalali_dates(self):
        persian = is_persian_lang(self.env.lang)
        for booking in self:
            booking.date_start_jalali = persian and format_jalali_datetime(
                booking.date_start, self.env.tz
            )
            booking.date_stop_jalali = persian and format_jalali_datetime(
                booking.date_stop, self.env.tz
            )

    @api.depends("date_start", "date_stop")
    def _compute_duration(self):
        for booking in self:
            if booking.date_start and booking.date_stop:
                delta = booking.date_stop - booking.date_start
                booking.duration = delta.total_seconds() / 3600
            else:
                booking.duration = 0.0

    @api.depends("role_id", "date_start", "date_stop", "resource_ids")
    def _compute_proposed_resource_ids(self):
        for booking in self:
            if booking.role_id and booking.date_start and booking.date_stop:
                booking.proposed_resource_ids = (
                    booking._propose_resources(
                        booking.role_id, booking.date_start, booking.date_stop
                    )
                    - booking.resource_ids
                )
            else:
                booking.proposed_resource_ids = False

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                vals["name"] = self.env["ir.sequence"].next_by_code(
                    "crm.case.booking"
                ) or self.env._("New")
        bookings = super().create(vals_list)
        bookings._check_bookable()
        bookings._sync_lines()
        return bookings

    def write(self, vals):
        result = super().write(vals)
        if {"date_start", "date_stop", "resource_ids", "state"} & vals.keys():
            self._check_bookable(
                check_hours="state" not in vals
                or vals["state"] in ("planned", "confirmed")
            )
            self._sync_lines()
        return result

    def _sync_lines(self):
        """Keep one line per booked resource, so the database sees them."""
        # sudo: the lines are the booking's own bookkeeping, read-only to
        # users; whoever may write the booking has been checked already.
        Line = self.env["crm.case.booking.line"].sudo()
        for booking in self:
            current = booking.line_ids.resource_id
            Line.create(
                [
                    {"booking_id": booking.id, "resource_id": resource.id}
                    for resource in booking.resource_ids - current
                ]
            )
            booking.line_ids.filtered(
                lambda line, b=booking: line.resource_id not in b.resource_ids
            ).sudo().unlink()

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------

    def action_confirm(self):
        self.write({"state": "confirmed"})

    def action_done(self):
        self.write({"state": "done"})

    def action_cancel(self):
        self.write({"state": "cancelled"})

    def action_reset(self):
        self.write({"state": "planned"})

    def action_log_hours(self):
        """Log the hours of a done booking on its case, one line per booked
        employee not logged yet, with the rights of who presses it."""
        lines = []
        for booking in self:
            if booking.state != "done":
                raise UserError(
                    self.env._("Only the hours of a done booking can be logged.")
                )
            logged = booking.timesheet_ids.employee_id
            for employee in booking.resource_ids.employee_id - logged:
                lines.append(
                    {
                        "booking_id": booking.id,
                        "case_id": booking.case_id.id,
                        "employee_id": employee.id,
                        "date": booking.date_start.date(),
                        "unit_amount": booking.duration,
                        "name": booking.product_id.display_name or booking.name,
                    }
                )
        return self.env["account.analytic.line"].create(lines)

    def action_add_proposed(self):
        """Add the least loaded available person of the needed role."""
        for booking in self:
            if not booking.proposed_resource_ids:
                raise UserError(
                    self.env._(
                        "Nobody with role %(role)s is free at that time.",
                        role=booking.role_id.display_name,
                    )
                )
            booking.resource_ids = [
                fields.Command.link(booking.proposed_resource_ids[0].id)
            ]

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
        if is_persian_lang(self.env.lang):
            return format_jalali_datetime(moment, self.env.tz)
        return format_datetime(self.env, moment, dt_format="short")

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

    # ------------------------------------------------------------------
    # Proposals by load
    # ------------------------------------------------------------------

    @api.model
    def _propose_resources(self, role, date_start, date_stop):
        """People with ``role`` free from start to stop, least booked first
        in the week (Monday to Sunday, UTC) of the start."""
        employees = (
            self.env["hr.employee"]
            .sudo()
            .search(
                [
                    ("category_ids", "in", role.ids),
                    ("company_id", "in", self.env.companies.ids),
                ]
            )
        )
        candidates = employees.resource_id
        busy = self._busy_intervals(
            candidates, date_start, date_stop, exclude=self._origin
        )
        available = self._available_intervals(candidates, date_start, date_stop)
        wanted = [(date_start, date_stop)]
        free = candidates.filtered(
            lambda r: not subtract(wanted, available[r.id]) and not busy.get(r.id)
        )
        load = self._week_load(free, date_start)
        return free.sorted(lambda r: (load.get(r.id, 0.0), r.name or ""))

    @api.model
    def _week_load(self, resources, moment):
        week_start = datetime.datetime.combine(
            moment.date() - datetime.timedelta(days=moment.weekday()),
            datetime.time.min,
        )
        groups = (
            self.env["crm.case.booking.line"]
            .sudo()
            ._read_group(
                [
                    ("resource_id", "in", resources.ids),
                    ("state", "in", BUSY_STATES),
                    ("date_start", ">=", week_start),
                    ("date_start", "<", week_start + datetime.timedelta(days=7)),
                ],
                ["resource_id"],
                ["duration:sum"],
            )
        )
        return {resource.id: hours for resource, hours in groups}
