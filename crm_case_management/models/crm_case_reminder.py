# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Approval reminders: a case waiting for its creator is flagged at once
(workflow) and again after a number of working hours, on time, by the same
scheduling as the SLA: an indexed moment, a cron woken by triggers."""

from odoo import api, fields, models
from odoo.tools import SQL

REMINDER_CRON_XMLID = "crm_case_management.ir_cron_crm_case_approval_reminder"
APPROVE_ACTIVITY = "crm_case_management.mail_activity_type_case_approve"
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
    def _cron_send_approval_reminders(self, batch_size=BATCH_SIZE):
        """Remind the approvers whose cases still wait, a batch at a time."""
        in_cron = bool(self.env.context.get("ir_cron_progress_id"))
        while True:
            now = fields.Datetime.now()
            cases = self._lock_due_reminders(now, batch_size)
            if not cases:
                return
            cases._send_approval_reminders()
            if in_cron:
                remaining = self.search_count([("date_approval_reminder", "<=", now)])
                time_left = self.env["ir.cron"]._commit_progress(
                    len(cases), remaining=remaining
                )
                if not time_left:
                    return

    @api.model
    def _lock_due_reminders(self, now, limit):
        self.flush_model(["date_approval_reminder"])
        rows = self.env.execute_query(
            SQL(
                "SELECT id FROM crm_case WHERE date_approval_reminder <= %s "
                "ORDER BY date_approval_reminder LIMIT %s FOR UPDATE SKIP LOCKED",
                now,
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
        self._workflow_write({"date_approval_reminder": False})
