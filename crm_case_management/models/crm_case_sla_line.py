# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""One KPI of one case: a clock in working time, its deadline and its outcome.

The clock is kept as the working hours counted so far (``worked_hours``)
plus, while it runs, the moment it last started (``date_clock``). Each
change (pause, resume, reach, a new target) first settles the time up to
that moment, then plans the deadline from what is left, so pauses and
re-evaluations never lose or count time twice.

Lines change state on time without polling cases: ``date_next_check`` (the
warning, then the deadline) is indexed, a cron takes the due lines in
locked batches, and ``ir.cron._trigger`` only wakes it up: the cron
re-checks each line, so stale wake-ups (a pause since) do nothing (see
``crm_case_sla_line_alerts``).
"""

import datetime

import pytz

from odoo import api, fields, models

from ..tools.working_time import EPSILON_HOURS, hours_between, plan_hours, warning_hours

CRON_XMLID = "crm_case_management.ir_cron_crm_case_sla"
OPEN_STATES = ("running", "warning", "paused")
# Planning asks the calendar for this many days, then widens up to the limit
# (a target of weeks across Nowruz, or a calendar of few hours).
PLAN_WINDOW_DAYS = 31
PLAN_LIMIT_DAYS = 31 * 32


def _to_second(moment):
    """Round to the second: a calendar's day ends at 23:59:59.999999, which
    would leave a microsecond on deadlines planned across midnight."""
    if not moment:
        return moment
    return (moment + datetime.timedelta(microseconds=500000)).replace(microsecond=0)


class CrmCaseSlaLine(models.Model):
    _name = "crm.case.sla.line"
    _description = "SLA KPI of a Case"
    _order = "case_id, kpi, id"
    _rec_name = "kpi"

    case_id = fields.Many2one(
        "crm.case", required=True, index=True, ondelete="cascade", readonly=True
    )
    policy_id = fields.Many2one(
        "crm.case.sla.policy",
        string="SLA Policy",
        required=True,
        index=True,
        ondelete="restrict",
        readonly=True,
    )
    kpi = fields.Selection(
        [("first_response", "First Response"), ("resolve", "Resolution")],
        string="KPI",
        required=True,
        readonly=True,
    )
    company_id = fields.Many2one(
        related="case_id.company_id",
        store=True,
        index=True,
        readonly=True,
        precompute=True,
    )
    calendar_id = fields.Many2one(
        "resource.calendar", string="Working Hours", readonly=True
    )
    target_hours = fields.Float(
        string="Target (Working Hours)", readonly=True, aggregator="avg"
    )
    state = fields.Selection(
        [
            ("running", "Running"),
            ("paused", "Paused"),
            ("warning", "Warning"),
            ("met", "Met"),
            ("failed", "Failed"),
        ],
        required=True,
        default="running",
        readonly=True,
        index=True,
    )
    date_deadline = fields.Datetime(string="Deadline", readonly=True)
    date_warning = fields.Datetime(string="Warning At", readonly=True)
    date_reached = fields.Datetime(string="Reached At", readonly=True)
    date_clock = fields.Datetime(
        string="Clock Running Since",
        readonly=True,
        help="When the clock last started; empty while it stands still.",
    )
    date_paused = fields.Datetime(string="Paused Since", readonly=True)
    worked_hours = fields.Float(
        string="Working Hours Taken",
        readonly=True,
        aggregator="avg",
        help="Working time counted so far; final once the KPI is reached.",
    )
    paused_hours = fields.Float(
        string="Working Hours Paused", readonly=True, aggregator="sum"
    )
    date_next_check = fields.Datetime(
        compute="_compute_date_next_check",
        store=True,
        precompute=True,
        help="When the KPI changes state next if nothing happens: its "
        "warning, then its deadline.",
    )

    _due_idx = models.Index("(date_next_check) WHERE date_next_check IS NOT NULL")
    _case_kpi_idx = models.Index("(case_id, kpi)")

    @api.depends("state", "date_warning", "date_deadline")
    def _compute_date_next_check(self):
        for line in self:
            if line.state == "running" and line.date_warning:
                line.date_next_check = line.date_warning
            elif line.state in ("running", "warning"):
                line.date_next_check = line.date_deadline
            else:
                line.date_next_check = False

    @api.depends("kpi", "policy_id")
    def _compute_display_name(self):
        labels = dict(self._fields["kpi"]._description_selection(self.env))
        for line in self:
            line.display_name = f"{line.policy_id.name}: {labels.get(line.kpi, '')}"

    # ------------------------------------------------------------------
    # Working time: one calendar query for many clocks
    # ------------------------------------------------------------------
    @api.model
    def _work_intervals(self, calendar, start, stop):
        """Working intervals of ``calendar`` (holidays and breaks left out)
        between two naive UTC datetimes, as naive UTC pairs. No calendar:
        the clock runs around the clock."""
        if not calendar:
            return [(start, stop)]
        intervals = calendar._work_intervals_batch(
            pytz.utc.localize(start), pytz.utc.localize(stop), compute_leaves=True
        )[False]
        return [
            (
                begin.astimezone(pytz.utc).replace(tzinfo=None),
                end.astimezone(pytz.utc).replace(tzinfo=None),
            )
            for begin, end, _meta in intervals
        ]

    @api.model
    def _plan_many(self, calendar, requests):
        """``requests``: (start, hours) pairs; the moment each ends, in
        working time of ``calendar``; ``False`` beyond a year and a half."""
        if not requests:
            return []
        first = min(start for start, _hours in requests)
        days = PLAN_WINDOW_DAYS
        while True:
            stop = first + datetime.timedelta(days=days)
            intervals = self._work_intervals(calendar, first, stop)
            planned = [plan_hours(intervals, start, hours) for start, hours in requests]
            if all(planned) or days >= PLAN_LIMIT_DAYS:
                return [_to_second(moment) or False for moment in planned]
            days *= 4

    def _hours_until(self, at, date_field):
        """Working hours from each line's ``date_field`` to ``at``."""
        result = {}
        lines = self.filtered(date_field)
        for calendar, group in lines.grouped("calendar_id").items():
            start = min(min(group.mapped(date_field)), at)
            stop = max(max(group.mapped(date_field)), at)
            intervals = self._work_intervals(calendar, start, stop)
            for line in group:
                result[line] = hours_between(intervals, line[date_field], at)
        return result

    # ------------------------------------------------------------------
    # The clock
    # ------------------------------------------------------------------
    def _settle(self, at):
        """Count the working time up to ``at``: worked if the clock runs,
        paused if it stands in a pause."""
        open_lines = self.filtered(lambda line: not line.date_reached)
        worked = open_lines._hours_until(at, "date_clock")
        # A clock never runs backwards (an event dated before its start).
        for line, hours in worked.items():
            line.write(
                {"worked_hours": line.worked_hours + max(hours, 0), "date_clock": at}
            )
        paused = open_lines._hours_until(at, "date_paused")
        for line, hours in paused.items():
            line.write(
                {"paused_hours": line.paused_hours + max(hours, 0), "date_paused": at}
            )

    @api.model
    def _schedule(self, calendar, clocks):
        """Deadline and warning moment of each clock of ``calendar``.

        ``clocks``: (started at, hours worked, target hours, warning %)
        tuples; returns (deadline, warning or False) pairs, planned with one
        calendar query for all.
        """
        requests = []
        for start, worked, target, percent in clocks:
            warn = warning_hours(target, percent)
            requests.append((start, max(target - worked, 0.0)))
            requests.append((start, 0.0 if warn is None else max(warn - worked, 0.0)))
        planned = self._plan_many(calendar, requests)
        return [
            (
                planned[2 * index],
                warning_hours(target, percent) is not None and planned[2 * index + 1],
            )
            for index, (_start, _worked, target, percent) in enumerate(clocks)
        ]

    def _plan(self, now=None):
        """Deadline and warning of running clocks from what is left of them.

        A failed KPI keeps the deadline it missed.
        """
        now = now or fields.Datetime.now()
        ticking = self.filtered(
            lambda line: (
                line.date_clock and not line.date_reached and line.state != "failed"
            )
        )
        for calendar, lines in ticking.grouped("calendar_id").items():
            planned = self._schedule(
                calendar,
                [
                    (
                        line.date_clock,
                        line.worked_hours,
                        line.target_hours,
                        line.policy_id.warning_percent,
                    )
                    for line in lines
                ],
            )
            for line, (deadline, warning) in zip(lines, planned, strict=True):
                vals = {"date_deadline": deadline, "date_warning": warning}
                # A later deadline takes a warning back; the cron gives it.
                if line.state == "warning" and warning and warning > now:
                    vals["state"] = "running"
                line.write(vals)
        ticking._wake_cron()

    @api.model
    def _create_planned(self, vals_list):
        """Create new clocks with their deadlines, in one insert."""
        by_calendar = {}
        for vals in vals_list:
            by_calendar.setdefault(vals["calendar_id"], []).append(vals)
        Calendar = self.env["resource.calendar"]
        for calendar_id, group in by_calendar.items():
            planned = self._schedule(
                Calendar.browse(calendar_id),
                [
                    (
                        vals["date_clock"],
                        0.0,
                        vals["target_hours"],
                        vals["warning_percent"],
                    )
                    for vals in group
                ],
            )
            for vals, (deadline, warning) in zip(group, planned, strict=True):
                vals.update(date_deadline=deadline, date_warning=warning)
        for vals in vals_list:
            del vals["warning_percent"]
        return self.create(vals_list)

    def _pause(self, at):
        lines = self.filtered(lambda line: line.date_clock and not line.date_reached)
        lines._settle(at)
        for line in lines:
            vals = {"date_clock": False, "date_paused": at, "date_warning": False}
            if line.state != "failed":
                vals.update(state="paused", date_deadline=False)
            line.write(vals)

    def _resume(self, at):
        lines = self.filtered(lambda line: line.date_paused and not line.date_reached)
        lines._settle(at)
        for line in lines:
            vals = {"date_paused": False, "date_clock": at}
            if line.state == "paused":
                vals["state"] = "running"
            line.write(vals)
        lines._plan(at)

    def _reach(self, at):
        """The KPI is reached at ``at``: met within its target, else failed."""
        lines = self.filtered(lambda line: not line.date_reached)
        lines._settle(at)
        for line in lines:
            late = line.worked_hours > line.target_hours + EPSILON_HOURS
            line.write(
                {
                    "date_reached": at,
                    "date_clock": False,
                    "date_paused": False,
                    "date_warning": False,
                    "state": "failed" if line.state == "failed" or late else "met",
                }
            )

    def _reopen(self, now=None):
        """Reached, then taken back (a rejection): the clock runs on from the
        moment it stopped, so the time in between counts. Failed stays failed.
        """
        lines = self.filtered("date_reached")
        for line in lines:
            line.write(
                {
                    "date_clock": line.date_reached,
                    "date_reached": False,
                    "state": "failed" if line.state == "failed" else "running",
                }
            )
        lines._plan(now)

    def _wake_cron(self):
        moments = [moment for moment in self.mapped("date_next_check") if moment]
        if not moments:
            return
        at = min(moments)
        # sudo: the wake-up of the desk's own job, for any user's change.
        # The trigger row is what ir.cron._trigger writes; created here
        # directly, as the cron's record need not be read for a future time.
        cron_id = self.env["ir.model.data"]._xmlid_to_res_id(CRON_XMLID)
        cron = self.env["ir.cron"].sudo().browse(cron_id)
        self.env["ir.cron.trigger"].sudo().create({"cron_id": cron_id, "call_at": at})
        if at <= fields.Datetime.now():
            self.env.cr.postcommit.add(cron._notifydb)
