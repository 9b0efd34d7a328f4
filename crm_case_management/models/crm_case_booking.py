# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import datetime

import pytz

from odoo import api, fields, models
from odoo.exceptions import UserError

from ..tools.slots import subtract

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
