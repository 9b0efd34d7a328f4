# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Reminders, on the same scheduling as the SLA (an indexed moment, a cron
that re-checks): the assignee on the morning of the due date; the creator
of a case waiting for approval, flagged at once by the workflow, again after
a number of working hours (woken on time by triggers)."""

import datetime

import pytz

from odoo import api, fields, models
from odoo.tools import SQL

from .crm_case import ASSIGNEE_STATES
from .retry import run_with_retries

REMINDER_CRON_XMLID = "crm_case_management.ir_cron_crm_case_approval_reminder"
APPROVE_ACTIVITY = "crm_case_management.mail_activity_type_case_approve"
HANDLE_ACTIVITY = "crm_case_management.mail_activity_type_case_handle"
# Each reminder: its moment on the case and the method that sends it.
REMINDERS = (
    ("date_approval_reminder", "_send_approval_reminders"),
    ("date_due_reminder", "_send_due_reminders"),
)
BATCH_SIZE = 500


class CrmCase(models.Model):
    # One concern of crm.case per file, as crm_case.py explains.
    _inherit = "crm.case"  # pylint: disable=consider-merging-classes-inherited

    date_approval_reminder = fields.Datetime(
        string="Approval Reminder",
        readonly=True,
        copy=False,
        index="btree_not_null",
        groups="base.group_user",
    )

    # Computed with the due date and stored in the same UPDATE, so a new
    # case pays no query for it; no trigger either: the cron's hourly run
    # sends it early on the due date.
    date_due_reminder = fields.Datetime(
        string="Due Date Reminder",
        compute="_compute_date_due_reminder",
        store=True,
        readonly=False,
        copy=False,
        index="btree_not_null",
        groups="base.group_user",
    )

    @api.depends("date_deadline", "state", "user_id")
    def _compute_date_due_reminder(self):
        now = fields.Datetime.now()
        for case in self:
            moment = case._due_reminder_moment()
            case.date_due_reminder = moment if moment and moment > now else False

    def _due_reminder_moment(self):
        """The start of the due date in the case calendar's time zone."""
        self.ensure_one()
        company = self.company_id
        if not (
            self.date_deadline
            and self.user_id
            and self.state in ASSIGNEE_STATES
            and company.case_due_reminder
        ):
            return False
        calendar = company._get_case_calendar()
        tz = pytz.timezone(calendar.tz if calendar and calendar.tz else "UTC")
        start = datetime.datetime.combine(self.date_deadline, datetime.time.min)
        return tz.localize(start).astimezone(pytz.utc).replace(tzinfo=None)

    def _on_write_reminders(self, vals):
        if "state" in vals:
            self._schedule_approval_reminder()

    def _schedule_approval_reminder(self):
        """Cases waiting for approval get their reminder; others lose it."""
        waiting = self.filtered(lambda case: case.state == "done" and case.date_done)
        (self - waiting).filtered("date_approval_reminder")._workflow_write(
            {"date_approval_reminder": False}
        )
        Line = self.env["crm.case.sla.line"]
        moments = []
        for company, cases in waiting.grouped("company_id").items():
            hours = company.case_approval_reminder_hours
            if not hours:
                continue
            planned = Line._plan_many(
                company._get_case_calendar(),
                [(case.date_done, hours) for case in cases],
            )
            for case, moment in zip(cases, planned, strict=True):
                case._workflow_write({"date_approval_reminder": moment})
                moments.append(moment)
        if any(moments):
            cron = self.env.ref(REMINDER_CRON_XMLID).sudo()
            cron._trigger(at=min(moment for moment in moments if moment))

    @api.model
    def _cron_reminders(self):
        """The scheduled job; retried on a conflict (models/retry.py)."""
        return run_with_retries(self.env, self._cron_send_reminders)

    @api.model
    def _cron_send_reminders(self, batch_size=BATCH_SIZE):
        """Send the reminders whose moment has come, a batch at a time."""
        in_cron = bool(self.env.context.get("ir_cron_progress_id"))
        for field_name, method in REMINDERS:
            while True:
                now = fields.Datetime.now()
                cases = self._lock_due_reminders(field_name, now, batch_size)
                if not cases:
                    break
                getattr(cases, method)()
                cases._workflow_write({field_name: False})
                if in_cron:
                    remaining = self.search_count([(field_name, "<=", now)])
                    time_left = self.env["ir.cron"]._commit_progress(
                        len(cases), remaining=remaining
                    )
                    if not time_left:
                        return

    @api.model
    def _lock_due_reminders(self, field_name, now, limit):
        self.flush_model([field_name])
        rows = self.env.execute_query(
            SQL(
                "SELECT id FROM crm_case WHERE %s <= %s "
                "ORDER BY %s LIMIT %s FOR UPDATE SKIP LOCKED",
                SQL.identifier(field_name),
                now,
                SQL.identifier(field_name),
                limit,
            )
        )
        return self.browse(row[0] for row in rows)

    def _send_approval_reminders(self):
        """Re-check each case (approved or rejected since?), then flag it
        again to its approver with an activity due today."""
        waiting = self.filtered(lambda case: case.state == "done")
        today = fields.Date.context_today(self)
        activity_type = self.env.ref(APPROVE_ACTIVITY)
        model_id = self.env["ir.model"]._get_id("crm.case")
        activities = []
        for case in waiting:
            approver = case._approver()
            if not approver:
                continue
            activities.append(
                {
                    "res_model_id": model_id,
                    "res_id": case.id,
                    "activity_type_id": activity_type.id,
                    "user_id": approver.id,
                    "summary": self.env._(
                        "Reminder: case %(case)s waits for your approval "
                        "since %(since)s",
                        case=case.display_name,
                        since=fields.Datetime.to_string(case.date_done),
                    ),
                    "date_deadline": today,
                }
            )
            case._mark_unseen(approver)
        # sudo: the system's reminder, on cases whose approver is known.
        self.env["mail.activity"].sudo().create(activities)

    def _send_due_reminders(self):
        """Re-check each case (done or reassigned since?), then remind its
        assignee that it is due today."""
        today = fields.Date.context_today(self)
        due = self.filtered(
            lambda case: (
                case.state in ASSIGNEE_STATES
                and case.user_id
                and case.date_deadline
                and case.date_deadline <= today
            )
        )
        activity_type = self.env.ref(HANDLE_ACTIVITY)
        model_id = self.env["ir.model"]._get_id("crm.case")
        # sudo: the system's reminder to the assignee of each case.
        self.env["mail.activity"].sudo().create(
            [
                {
                    "res_model_id": model_id,
                    "res_id": case.id,
                    "activity_type_id": activity_type.id,
                    "user_id": case.user_id.id,
                    "summary": self.env._(
                        "Reminder: case %(case)s is due today", case=case.display_name
                    ),
                    "date_deadline": case.date_deadline,
                }
                for case in due
            ]
        )
