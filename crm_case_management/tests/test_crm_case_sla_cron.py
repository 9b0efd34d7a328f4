# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Warnings and breaches on time: the cron, its actions, its cost; the report."""

from odoo.tests import freeze_time, tagged

from .sla_common import SlaCommon, tehran

SLA_ACTIVITY = "crm_case_management.mail_activity_type_case_sla"


@tagged("post_install", "-at_install")
class TestSlaCron(SlaCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.escalation_queue = cls.env["crm.case.queue"].create(
            {"name": "Escalations", "user_id": cls.manager.id}
        )
        cls.standard.write(
            {
                "breach_urgency_id": cls.urgent.id,
                "breach_queue_id": cls.escalation_queue.id,
            }
        )
        # A policy that would apply once the urgency is raised: the breach
        # action must not switch to it (no evaluation loop).
        cls.urgent_policy = cls.env["crm.case.sla.policy"].create(
            {
                "name": "Urgent",
                "sequence": 5,
                "domain": f"[('urgency_id', '=', {cls.urgent.id})]",
                "calendar_id": cls.calendar.id,
                "first_response_hours": 1,
                "resolve_hours": 2,
            }
        )

    def _run_cron(self):
        self.env["crm.case.sla.line"]._cron_process_due_lines()

    def _sla_activities(self, case):
        return case.activity_ids.filtered(
            lambda activity: activity.activity_type_id == self.env.ref(SLA_ACTIVITY)
        )

    def _mails(self, case):
        return self.env["mail.mail"].search(
            [
                ("model", "=", "crm.case"),
                ("res_id", "=", case.id),
                ("subject", "ilike", "SLA"),
            ]
        )

    def test_warning_then_breach_on_time(self):
        with freeze_time(tehran(2026, 11, 28, 8)):  # Saturday
            case = self._sla_case(queue_id=self.queue.id, urgency_id=self.normal.id)
        first = self._line(case, "first_response")
        with freeze_time(tehran(2026, 11, 28, 10, 59)):
            self._run_cron()
        self.assertEqual(first.state, "running")
        self.assertFalse(self._sla_activities(case))
        with freeze_time(tehran(2026, 11, 28, 11)):  # 3 of 4 hours
            self._run_cron()
        self.assertEqual(first.state, "warning")
        self.assertEqual(case.sla_state, "warning")
        activity = self._sla_activities(case)
        self.assertEqual(activity.user_id, self.agent)
        self.assertIn("SLA at risk", activity.summary)
        mail = self._mails(case)
        self.assertEqual(
            mail.recipient_ids, (self.agent | self.queue_manager).partner_id
        )
        self.assertEqual(first.date_next_check, first.date_deadline)
        with freeze_time(tehran(2026, 11, 28, 13)):  # past 12:00 and lunch
            self._run_cron()
        self.assertEqual(first.state, "failed")
        self.assertEqual(case.sla_state, "failed")
        self.assertFalse(first.date_next_check)
        self.assertEqual(len(self._sla_activities(case)), 2)
        self.assertEqual(len(self._mails(case)), 2)
        # Breach actions: urgency raised, case moved, policy not re-evaluated.
        self.assertEqual(case.urgency_id, self.urgent)
        self.assertEqual(case.queue_id, self.escalation_queue)
        self.assertEqual(case.sla_policy_id, self.standard)
        self.assertEqual(self._line(case, "resolve").target_hours, 16)
        # Running again changes nothing.
        with freeze_time(tehran(2026, 11, 28, 14)):
            self._run_cron()
        self.assertEqual(len(self._mails(case)), 2)

    def test_a_pause_leaves_a_stale_wake_up_that_does_nothing(self):
        with freeze_time(tehran(2026, 11, 28, 8)):
            case = self._sla_case()
        first = self._line(case, "first_response")
        trigger = self.env["ir.cron.trigger"].search(
            [
                (
                    "cron_id",
                    "=",
                    self.env.ref("crm_case_management.ir_cron_crm_case_sla").id,
                )
            ],
            order="id desc",
            limit=1,
        )
        self.assertEqual(trigger.call_at, first.date_warning)
        with freeze_time(tehran(2026, 11, 28, 9)):
            self._move(case, self.stage_waiting)
        with freeze_time(tehran(2026, 11, 28, 11)):
            self._run_cron()
        self.assertEqual(first.state, "paused")
        self.assertFalse(self._sla_activities(case))

    def test_a_met_kpi_is_never_warned(self):
        with freeze_time(tehran(2026, 11, 28, 8)):
            case = self._sla_case()
        with freeze_time(tehran(2026, 11, 28, 9)):
            case.with_user(self.agent).message_post(
                body="On it.", message_type="comment", subtype_xmlid="mail.mt_comment"
            )
        with freeze_time(tehran(2026, 11, 28, 13)):
            self._run_cron()
        self.assertEqual(self._line(case, "first_response").state, "met")
        self.assertFalse(self._sla_activities(case))

    def _cron_queries_for(self, count):
        """Queries of the cron run in which ``count`` new lines reach their
        warning together."""
        with freeze_time(tehran(2026, 11, 28, 8)):
            cases = (
                self.env["crm.case"]
                .with_user(self.operator)
                .create(
                    [
                        {
                            "name": f"Case {index}",
                            "description": "<p>Dark</p>",
                            "partner_id": self.customer.id,
                            "user_id": self.agent.id,
                            "queue_id": self.queue.id,
                        }
                        for index in range(count)
                    ]
                )
            )
        self.env.flush_all()
        self.env.invalidate_all()
        with freeze_time(tehran(2026, 11, 28, 11, 30)):
            before = self.cr.sql_log_count
            self._run_cron()
            self.env.flush_all()
            queries = self.cr.sql_log_count - before
        warned = cases.sla_line_ids.filtered(lambda line: line.state == "warning")
        self.assertEqual(len(warned), count)
        self.assertEqual(len(self._sla_activities(cases[-1])), 1)
        return queries

    def test_cron_queries_are_the_same_for_1_and_100_warnings(self):
        self._cron_queries_for(1)  # caches
        one = self._cron_queries_for(1)
        hundred = self._cron_queries_for(100)
        self.assertEqual(one, hundred)


@tagged("post_install", "-at_install")
class TestSlaReport(SlaCommon):
    def test_report_matches_what_happened(self):
        Report = self.env["crm.case.sla.report"]
        outcomes = []
        with freeze_time(tehran(2026, 11, 28, 8)):
            cases = [self._sla_case(name=f"Case {index}") for index in range(4)]
        # Case 0 answered after 1 h and resolved after 4 h; case 1 answered
        # after 6 h (failed) and resolved after 20 h (failed); 2 and 3 run.
        with freeze_time(tehran(2026, 11, 28, 9)):
            cases[0].with_user(self.agent).message_post(
                body="On it", message_type="comment", subtype_xmlid="mail.mt_comment"
            )
        with freeze_time(tehran(2026, 11, 28, 12)):
            cases[0].with_user(self.agent).resolution = "<p>Fixed</p>"
            cases[0].with_user(self.agent).action_done()
        with freeze_time(tehran(2026, 11, 28, 15)):
            cases[1].with_user(self.agent).message_post(
                body="Late", message_type="comment", subtype_xmlid="mail.mt_comment"
            )
        with freeze_time(tehran(2026, 11, 30, 13)):
            cases[1].with_user(self.agent).resolution = "<p>Fixed</p>"
            cases[1].with_user(self.agent).action_done()
        for line in (cases[0] | cases[1]).sla_line_ids:
            outcomes.append((line.kpi, line.state, line.worked_hours))
        self.env.flush_all()
        rows = Report._read_group(
            [("case_id", "in", [case.id for case in cases])],
            ["kpi"],
            ["success_rate:avg", "first_response_hours:avg", "resolve_hours:avg"],
        )
        by_kpi = {kpi: values for kpi, *values in rows}
        for kpi in ("first_response", "resolve"):
            mine = [(state, hours) for k, state, hours in outcomes if k == kpi]
            rate = 100 * sum(state == "met" for state, _h in mine) / len(mine)
            average = sum(hours for _s, hours in mine) / len(mine)
            self.assertAlmostEqual(by_kpi[kpi][0], rate)
            column = 1 if kpi == "first_response" else 2
            self.assertAlmostEqual(by_kpi[kpi][column], average)
        self.assertEqual(
            sorted(outcomes),
            [
                ("first_response", "failed", 6.0),
                ("first_response", "met", 1.0),
                ("resolve", "failed", 20.0),
                ("resolve", "met", 4.0),
            ],
        )
        self.assertEqual(Report.search_count([("case_id", "=", cases[2].id)]), 0)
