# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Warnings and breaches of SLA KPIs: the cron and what it does.

The cron takes the lines whose ``date_next_check`` has come in locked
batches (``FOR UPDATE SKIP LOCKED``), re-checks each against the clock, and
acts in batches: activities and e-mails to the assignee and the queue
manager, then the policy's breach actions.
"""

from markupsafe import Markup

from odoo import api, fields, models
from odoo.tools import SQL

from .retry import run_with_retries

WARNING_ACTIVITY = "crm_case_management.mail_activity_type_case_sla"
BATCH_SIZE = 500


class CrmCaseSlaLine(models.Model):
    # The alerts of the KPI lines, beside their clock.
    _inherit = "crm.case.sla.line"  # pylint: disable=consider-merging-classes-inherited

    @api.model
    def _cron_sla(self):
        """The scheduled job; retried on a conflict with a user's request
        as a request would be (models/retry.py)."""
        return run_with_retries(self.env, self._cron_process_due_lines)

    @api.model
    def _cron_process_due_lines(self, batch_size=BATCH_SIZE):
        """Warn and fail the KPIs whose time has come, a batch at a time.

        Lines locked by another worker are skipped, not waited for. Outside
        a cron (tests, demo) everything due is processed in this transaction.
        """
        in_cron = bool(self.env.context.get("ir_cron_progress_id"))
        while True:
            now = fields.Datetime.now()
            lines = self._lock_due_lines(now, batch_size)
            if not lines:
                return
            lines._process_due(now)
            if in_cron:
                remaining = self.search_count([("date_next_check", "<=", now)])
                time_left = self.env["ir.cron"]._commit_progress(
                    len(lines), remaining=remaining
                )
                if not time_left:
                    return

    @api.model
    def _lock_due_lines(self, now, limit):
        self.flush_model(["date_next_check"])
        rows = self.env.execute_query(
            SQL(
                "SELECT id FROM %s WHERE date_next_check <= %s "
                "ORDER BY date_next_check LIMIT %s FOR UPDATE SKIP LOCKED",
                SQL.identifier(self._table),
                now,
                limit,
            )
        )
        return self.browse(row[0] for row in rows)

    def _process_due(self, now):
        """Re-check each line against now: only then warn or fail it."""
        failed = self.filtered(
            lambda line: (
                line.state in ("running", "warning")
                and line.date_deadline
                and line.date_deadline <= now
            )
        )
        warned = (self - failed).filtered(
            lambda line: (
                line.state == "running"
                and line.date_warning
                and line.date_warning <= now
            )
        )
        warned.write({"state": "warning"})
        failed.write({"state": "failed"})
        warned.filtered("policy_id.notify_on_warning")._notify("warning")
        failed.filtered("policy_id.notify_on_breach")._notify("failed")
        failed._escalate()

    def _notify(self, kind):
        """An activity for the assignee (else the queue manager) and an
        e-mail to both, created in batches whatever the number of lines."""
        if not self:
            return
        activity_type = self.env.ref(WARNING_ACTIVITY)
        model_id = self.env["ir.model"]._get_id("crm.case")
        email_from = self.env.company.email_formatted or False
        # One look-up of the cases' reply-to addresses, not one per e-mail.
        reply_to = self.case_id.sudo()._notify_get_reply_to(default=email_from)
        activities, mails = [], []
        for line in self:
            case = line.case_id
            people = case.user_id | case.queue_id.user_id
            summary, body = line._notification_texts(kind)
            owner = case.user_id or case.queue_id.user_id
            if owner:
                activities.append(
                    {
                        "res_model_id": model_id,
                        "res_id": case.id,
                        "activity_type_id": activity_type.id,
                        "user_id": owner.id,
                        "summary": summary,
                        "note": body,
                        "date_deadline": fields.Date.context_today(line),
                    }
                )
            if people.partner_id:
                mails.append(
                    {
                        "subject": summary,
                        "body_html": body,
                        "email_from": email_from,
                        "reply_to": reply_to[case.id],
                        "model": "crm.case",
                        "res_id": case.id,
                        "recipient_ids": [(6, 0, people.partner_id.ids)],
                        "auto_delete": True,
                    }
                )
        # sudo: the system's own alerts, whoever's clock ran out; the
        # activity's notification is the e-mail below, sent once.
        self.env["mail.activity"].sudo().with_context(
            mail_activity_quick_update=True
        ).create(activities)
        self.env["mail.mail"].sudo().create(mails)

    def _notification_texts(self, kind):
        self.ensure_one()
        case = self.case_id
        kpi = dict(self._fields["kpi"]._description_selection(self.env))[self.kpi]
        if kind == "warning":
            summary = self.env._(
                "SLA at risk: %(kpi)s of %(case)s", kpi=kpi, case=case.display_name
            )
            text = self.env._(
                "%(kpi)s of case %(case)s is due by %(deadline)s (policy %(policy)s).",
                kpi=kpi,
                case=case.display_name,
                deadline=fields.Datetime.to_string(self.date_deadline),
                policy=self.policy_id.name,
            )
        else:
            summary = self.env._(
                "SLA breached: %(kpi)s of %(case)s", kpi=kpi, case=case.display_name
            )
            text = self.env._(
                "%(kpi)s of case %(case)s was due by %(deadline)s (policy %(policy)s).",
                kpi=kpi,
                case=case.display_name,
                deadline=fields.Datetime.to_string(self.date_deadline),
                policy=self.policy_id.name,
            )
        return summary, Markup("<p>%s</p>") % text

    def _escalate(self):
        """Breach actions of the policy: raise the urgency, change queue.

        Written without re-evaluating the SLA: an action taken on a breach
        never starts another round of policies, deadlines and breaches.
        """
        for policy, lines in self.grouped("policy_id").items():
            cases = lines.case_id
            urgency = policy.breach_urgency_id
            if urgency:
                less_urgent = cases.filtered(
                    lambda case, u=urgency: (
                        not case.urgency_id or case.urgency_id.days > u.days
                    )
                )
                less_urgent._sla_write_without_evaluation({"urgency_id": urgency.id})
            queue = policy.breach_queue_id
            if queue:
                elsewhere = cases.filtered(lambda case, q=queue: case.queue_id != q)
                elsewhere._sla_write_without_evaluation({"queue_id": queue.id})
