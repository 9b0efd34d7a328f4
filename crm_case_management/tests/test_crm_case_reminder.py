# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Approval reminders: flagged at once, reminded again after working hours."""

from psycopg2.errors import CheckViolation

from odoo.tests import freeze_time, tagged
from odoo.tools import mute_logger

from .sla_common import SlaCommon, tehran

APPROVE_ACTIVITY = "crm_case_management.mail_activity_type_case_approve"


@tagged("post_install", "-at_install")
class TestApprovalReminder(SlaCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.case_approval_reminder_hours = 8

    def _done_case(self):
        with freeze_time(tehran(2026, 11, 28, 8)):  # Saturday
            case = self._sla_case()
        with freeze_time(tehran(2026, 11, 28, 10)):
            case.with_user(self.agent).resolution = "<p>Fuse replaced.</p>"
            case.with_user(self.agent).action_done()
        return case

    def _approvals(self, case):
        return case.activity_ids.filtered(
            lambda activity: activity.activity_type_id == self.env.ref(APPROVE_ACTIVITY)
        )

    def _run_cron(self):
        self.env["crm.case"]._cron_send_reminders()

    def test_the_creator_is_reminded_after_working_hours(self):
        case = self._done_case()
        # Flagged at once: an activity and an unseen mark for the creator.
        self.assertEqual(self._approvals(case).user_id, self.operator)
        self.assertIn(self.operator, case.unseen_user_ids)
        # Saturday 10-12 and 13-17, then Sunday 8-10: 8 working hours.
        self.assertEqual(case.date_approval_reminder, tehran(2026, 11, 29, 10))
        case.with_user(self.operator).action_mark_seen()
        with freeze_time(tehran(2026, 11, 29, 9, 59)):
            self._run_cron()
        self.assertEqual(len(self._approvals(case)), 1)
        with freeze_time(tehran(2026, 11, 29, 10)):
            self._run_cron()
        reminders = self._approvals(case)
        self.assertEqual(len(reminders), 2)
        self.assertIn("Reminder", reminders.sorted("id")[-1].summary)
        self.assertIn(self.operator, case.unseen_user_ids)
        self.assertFalse(case.date_approval_reminder)
        with freeze_time(tehran(2026, 11, 30, 10)):
            self._run_cron()
        self.assertEqual(len(self._approvals(case)), 2)

    def test_no_reminder_once_judged(self):
        case = self._done_case()
        with freeze_time(tehran(2026, 11, 28, 11)):
            case.with_user(self.operator).action_reject("Still dark.")
        self.assertFalse(case.date_approval_reminder)
        with freeze_time(tehran(2026, 11, 30, 10)):
            self._run_cron()
        self.assertFalse(self._approvals(case))

    def test_a_negative_delay_is_refused(self):
        with (
            mute_logger("odoo.sql_db"),
            self.assertRaises(CheckViolation),
            self.cr.savepoint(),
        ):
            self.company.case_approval_reminder_hours = -1
            self.env.flush_all()

    def test_reminders_can_be_turned_off(self):
        self.company.case_approval_reminder_hours = 0
        case = self._done_case()
        self.assertFalse(case.date_approval_reminder)


@tagged("post_install", "-at_install")
class TestDueReminder(SlaCommon):
    HANDLE = "crm_case_management.mail_activity_type_case_handle"

    def _reminders(self, case):
        return case.activity_ids.filtered(
            lambda activity: (
                activity.activity_type_id == self.env.ref(self.HANDLE)
                and "Reminder" in (activity.summary or "")
            )
        )

    def test_the_assignee_is_reminded_on_the_morning_of_the_due_date(self):
        with freeze_time(tehran(2026, 11, 28, 8)):  # Saturday, due Sunday
            case = self._sla_case(urgency_id=self.normal.id)
        self.assertEqual(str(case.date_deadline), "2026-11-29")
        self.assertEqual(case.date_due_reminder, tehran(2026, 11, 29, 0))
        with freeze_time(tehran(2026, 11, 28, 23)):
            self.env["crm.case"]._cron_send_reminders()
        self.assertFalse(self._reminders(case))
        with freeze_time(tehran(2026, 11, 29, 7)):
            self.env["crm.case"]._cron_send_reminders()
        reminder = self._reminders(case)
        self.assertEqual(reminder.user_id, self.agent)
        self.assertFalse(case.date_due_reminder)

    def test_no_reminder_for_work_already_done_or_due_today(self):
        with freeze_time(tehran(2026, 11, 28, 8)):
            done = self._sla_case(urgency_id=self.normal.id)
            today = self._sla_case(urgency_id=self.urgent.id)
            self.env.flush_all()
        self.assertFalse(today.date_due_reminder)
        with freeze_time(tehran(2026, 11, 28, 12)):
            done.with_user(self.agent).resolution = "<p>Done.</p>"
            done.with_user(self.agent).action_done()
        self.assertFalse(done.date_due_reminder)
        with freeze_time(tehran(2026, 11, 29, 7)):
            self.env["crm.case"]._cron_send_reminders()
        self.assertFalse(self._reminders(done) | self._reminders(today))
