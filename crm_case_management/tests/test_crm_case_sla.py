# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The SLA clock: deadlines in working time, pauses, first response,
resolution with a rejection, re-evaluation and precedence."""

from odoo import Command
from odoo.tests import freeze_time, tagged

from .sla_common import SlaCommon, tehran


@tagged("post_install", "-at_install")
class TestSlaDeadlines(SlaCommon):
    def assertPlannedLikeOdoo(self, line):
        """The deadline equals resource.calendar.plan_hours with leaves."""
        expected = self.calendar.plan_hours(
            line.target_hours, line.date_clock, compute_leaves=True
        )
        self.assertEqual(line.date_deadline, expected)

    @freeze_time(tehran(2026, 11, 25, 15))  # Wednesday 15:00
    def test_deadlines_skip_thursday_friday_and_lunch(self):
        case = self._sla_case()
        self.assertEqual(case.sla_policy_id, self.standard)
        self.assertEqual(case.sla_policy_reason, "rule")
        first, resolve = self._line(case, "first_response"), self._line(case, "resolve")
        # 2 h on Wednesday, then Saturday from 8:00.
        self.assertEqual(first.date_deadline, tehran(2026, 11, 28, 10))
        # 3 of the 4 hours: Wednesday 15-17, then Saturday 8-9.
        self.assertEqual(first.date_warning, tehran(2026, 11, 28, 9))
        # Wed 2 h + Sat 8 h (lunch off) + Sun 8-12 and 13-15.
        self.assertEqual(resolve.date_deadline, tehran(2026, 11, 29, 15))
        self.assertPlannedLikeOdoo(first)
        self.assertPlannedLikeOdoo(resolve)
        self.assertEqual(case.sla_state, "running")
        self.assertEqual(case.sla_deadline, first.date_deadline)

    @freeze_time(tehran(2026, 3, 18, 15))  # Wednesday 27 Esfand 1404
    def test_deadline_across_nowruz(self):
        case = self._sla_case()
        resolve = self._line(case, "resolve")
        # Wed 2 h; Thu-Fri off; Nowruz Sat 21 - Tue 24; Wed 25 8 h; Thu-Fri
        # off; Saturday 28 March 8-12 and 13-15.
        self.assertEqual(resolve.date_deadline, tehran(2026, 3, 28, 15))
        self.assertPlannedLikeOdoo(resolve)

    @freeze_time(tehran(2026, 11, 28, 16))  # Saturday 16:00
    def test_holiday_added_later_moves_only_new_plans(self):
        self.env["resource.calendar.leaves"].create(
            {
                "name": "Extra holiday",
                "calendar_id": self.calendar.id,
                "date_from": tehran(2026, 11, 29, 0),
                "date_to": tehran(2026, 11, 29, 23, 59),
                "time_type": "leave",
            }
        )
        case = self._sla_case()
        # Saturday 1 h, Sunday is off, Monday 8-11.
        self.assertEqual(
            self._line(case, "first_response").date_deadline, tehran(2026, 11, 30, 11)
        )

    def test_time_left_in_working_hours(self):
        with freeze_time(tehran(2026, 11, 28, 8)):
            case = self._sla_case()
        with freeze_time(tehran(2026, 11, 28, 14)):
            # 5 of the 16 hours worked (lunch excluded): 11 left; the first
            # response (4 h) is 1 h late and counts first.
            case.invalidate_recordset(["sla_hours_left"])
            self.assertAlmostEqual(case.sla_hours_left, -1.0)
            # Once the cron failed it, the overdue time still shows.
            self.env["crm.case.sla.line"]._cron_process_due_lines()
            self.assertEqual(case.sla_state, "failed")
            case.invalidate_recordset(["sla_hours_left"])
            self.assertAlmostEqual(case.sla_hours_left, -1.0)


@tagged("post_install", "-at_install")
class TestSlaClock(SlaCommon):
    def test_pause_stops_the_clock_and_resume_replans(self):
        with freeze_time(tehran(2026, 11, 28, 8)):  # Saturday
            case = self._sla_case()
        resolve = self._line(case, "resolve")
        with freeze_time(tehran(2026, 11, 28, 10)):
            self._move(case, self.stage_waiting)
        self.assertEqual(resolve.state, "paused")
        self.assertAlmostEqual(resolve.worked_hours, 2.0)
        self.assertFalse(resolve.date_deadline)
        self.assertFalse(resolve.date_next_check)
        self.assertEqual(case.sla_state, "paused")
        with freeze_time(tehran(2026, 11, 29, 9)):  # Sunday 9:00
            self._move(case, self.stage_progress)
        self.assertEqual(resolve.state, "running")
        # Saturday 10-12 and 13-17, Sunday 8-9 stood still.
        self.assertAlmostEqual(resolve.paused_hours, 7.0)
        # 14 h left from Sunday 9:00: Sunday 7 h, Monday 8-12 and 13-16.
        self.assertEqual(resolve.date_deadline, tehran(2026, 11, 30, 16))

    def test_first_response_counts_only_replies_of_the_desk(self):
        with freeze_time(tehran(2026, 11, 28, 8)):
            case = self._sla_case()
        first = self._line(case, "first_response")
        agent_case = case.with_user(self.agent)
        with freeze_time(tehran(2026, 11, 28, 9)):
            agent_case.message_post(body="Internal note", subtype_xmlid="mail.mt_note")
            agent_case.message_post(
                body="We received your case.",
                message_type="auto_comment",
                subtype_xmlid="mail.mt_comment",
            )
            case.message_post(
                body="Any news?",
                author_id=self.customer_contact.id,
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
            )
        self.assertFalse(case.date_first_response)
        self.assertEqual(first.state, "running")
        with freeze_time(tehran(2026, 11, 28, 10)):
            agent_case.message_post(
                body="We are sending a technician.",
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
            )
        self.assertEqual(case.date_first_response, tehran(2026, 11, 28, 10))
        self.assertEqual(first.state, "met")
        self.assertAlmostEqual(first.worked_hours, 2.0)
        with freeze_time(tehran(2026, 11, 28, 11)):
            agent_case.message_post(
                body="Second reply",
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
            )
        self.assertEqual(case.date_first_response, tehran(2026, 11, 28, 10))
        # The resolution still runs.
        self.assertEqual(self._line(case, "resolve").state, "running")

    def test_sending_an_article_to_the_customer_is_a_response(self):
        article = self.env["crm.case.article"].create(
            {
                "name": "Restart the printer",
                "body": "<p>Hold the power button.</p>",
                "state": "published",
            }
        )
        with freeze_time(tehran(2026, 11, 28, 8)):
            case = self._sla_case()
        with freeze_time(tehran(2026, 11, 28, 8, 30)):
            case.with_user(self.agent).action_send_article(article.id)
        self.assertEqual(case.date_first_response, tehran(2026, 11, 28, 8, 30))
        self.assertEqual(self._line(case, "first_response").state, "met")

    def test_a_portal_customer_message_is_no_response(self):
        portal = self.env["res.users"].create(
            {
                "name": "Ali portal",
                "login": "ali_portal",
                "partner_id": self.customer_contact.id,
                "group_ids": [Command.set([self.env.ref("base.group_portal").id])],
            }
        )
        case = self._sla_case()
        case.with_user(portal).message_post(
            body="Hello?", message_type="comment", subtype_xmlid="mail.mt_comment"
        )
        self.assertFalse(case.date_first_response)

    def test_an_answered_outgoing_call_is_a_first_response(self):
        with freeze_time(tehran(2026, 11, 28, 8)):
            case = self._sla_case()
        Call = self.env["crm.case.call"].with_user(self.agent)
        with freeze_time(tehran(2026, 11, 28, 9)):
            missed = Call.create(
                {
                    "direction": "out",
                    "phone": "+982188776655",
                    "case_id": case.id,
                    "user_id": self.agent.id,
                }
            )
            Call.create(
                {
                    "direction": "in",
                    "phone": "+982188776655",
                    "case_id": case.id,
                    "user_id": self.agent.id,
                    "date_answer": tehran(2026, 11, 28, 9),
                }
            )
        self.assertFalse(case.date_first_response)
        with freeze_time(tehran(2026, 11, 28, 11)):
            missed.date_answer = tehran(2026, 11, 28, 11)
        self.assertEqual(case.date_first_response, tehran(2026, 11, 28, 11))
        self.assertEqual(self._line(case, "first_response").state, "met")

    def test_resolution_with_a_rejection_counts_the_time_between(self):
        with freeze_time(tehran(2026, 11, 28, 8)):  # Saturday
            case = self._sla_case()
        resolve = self._line(case, "resolve")
        with freeze_time(tehran(2026, 11, 28, 12)):
            case.with_user(self.agent).resolution = "<p>Replaced the fuse.</p>"
            case.with_user(self.agent).action_done()
        self.assertEqual(resolve.state, "met")
        self.assertAlmostEqual(resolve.worked_hours, 4.0)
        self.assertEqual(resolve.date_reached, tehran(2026, 11, 28, 12))
        with freeze_time(tehran(2026, 11, 29, 8)):  # Sunday
            case.with_user(self.operator).action_reject("Still dark.")
        self.assertEqual(resolve.state, "running")
        self.assertFalse(resolve.date_reached)
        # The clock ran on since Saturday 12:00: 12 h left from there,
        # Saturday afternoon and all of Sunday.
        self.assertEqual(resolve.date_deadline, tehran(2026, 11, 29, 17))
        with freeze_time(tehran(2026, 11, 29, 11)):
            case.with_user(self.agent).action_done()
        # Saturday 8-12, 13-17 and Sunday 8-11.
        self.assertAlmostEqual(resolve.worked_hours, 11.0)
        self.assertEqual(resolve.state, "met")

    def test_late_resolution_fails(self):
        with freeze_time(tehran(2026, 11, 28, 8)):
            case = self._sla_case()
        with freeze_time(tehran(2026, 12, 1, 9)):  # Tuesday: 25 working hours
            case.with_user(self.agent).resolution = "<p>Done.</p>"
            case.with_user(self.agent).action_done()
        self.assertEqual(self._line(case, "resolve").state, "failed")
        self.assertEqual(case.sla_state, "failed")


@tagged("post_install", "-at_install")
class TestSlaPolicies(SlaCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.urgent_policy = cls.env["crm.case.sla.policy"].create(
            {
                "name": "Urgent",
                "sequence": 5,
                "domain": f"[('urgency_id', '=', {cls.urgent.id})]",
                "calendar_id": cls.calendar.id,
                "first_response_hours": 1,
                "resolve_hours": 4,
                "warning_percent": 50,
            }
        )
        cls.contract = cls.env["crm.case.contract"].create(
            {
                "name": "Gold 1405",
                "partner_id": cls.other_customer.id,
                "date_start": "2026-01-01",
                "date_end": "2026-12-31",
                "user_id": cls.manager.id,
                "line_ids": [
                    Command.create(
                        {
                            "name": "Gold support",
                            "allotment_type": "cases",
                            "allotted": 100,
                        }
                    )
                ],
            }
        )
        cls.contract.action_activate()
        cls.clause = cls.contract.line_ids
        cls.gold = cls.env["crm.case.sla.policy"].create(
            {
                "name": "Gold",
                "sequence": 50,
                "calendar_id": cls.calendar.id,
                "first_response_hours": 2,
                "resolve_hours": 8,
                "contract_line_ids": [Command.link(cls.clause.id)],
            }
        )

    def test_the_clause_grants_its_policy_first(self):
        case = self._sla_case(
            partner_id=self.other_customer.id,
            urgency_id=self.urgent.id,
            contract_id=self.contract.id,
            contract_line_id=self.clause.id,
        )
        self.assertEqual(case.sla_policy_id, self.gold)
        self.assertEqual(case.sla_policy_reason, "clause")
        self.assertEqual(self._line(case, "resolve").target_hours, 8)
        plain = self._sla_case(urgency_id=self.urgent.id)
        self.assertEqual(plain.sla_policy_id, self.urgent_policy)
        self.assertEqual(plain.sla_policy_reason, "rule")
        normal = self._sla_case(urgency_id=self.normal.id)
        self.assertEqual(normal.sla_policy_id, self.standard)

    def test_changing_urgency_retargets_and_keeps_the_clock(self):
        with freeze_time(tehran(2026, 11, 28, 8)):
            case = self._sla_case(urgency_id=self.normal.id)
        resolve = self._line(case, "resolve")
        with freeze_time(tehran(2026, 11, 28, 10)):
            case.with_user(self.operator).urgency_id = self.urgent
        self.assertEqual(case.sla_policy_id, self.urgent_policy)
        self.assertEqual(resolve.policy_id, self.urgent_policy)
        self.assertEqual(resolve.target_hours, 4)
        self.assertAlmostEqual(resolve.worked_hours, 2.0)
        # 2 h left from 10:00.
        self.assertEqual(resolve.date_deadline, tehran(2026, 11, 28, 12))
        self.assertEqual(len(case.sla_line_ids), 2)

    def test_a_failed_kpi_stays_failed_on_reevaluation(self):
        with freeze_time(tehran(2026, 11, 28, 8)):
            case = self._sla_case(urgency_id=self.urgent.id)
        first = self._line(case, "first_response")
        with freeze_time(tehran(2026, 11, 28, 10)):
            self.env["crm.case.sla.line"]._cron_process_due_lines()
            self.assertEqual(first.state, "failed")
            case.with_user(self.operator).urgency_id = self.normal
        self.assertEqual(case.sla_policy_id, self.standard)
        self.assertEqual(first.state, "failed")
        self.assertEqual(first.policy_id, self.urgent_policy)
        # The running resolution took the standard target.
        self.assertEqual(self._line(case, "resolve").target_hours, 16)

    def test_no_policy_no_lines_until_one_applies(self):
        self.standard.active = False
        case = self._sla_case(urgency_id=self.normal.id)
        self.assertFalse(case.sla_line_ids)
        self.assertFalse(case.sla_state)
        case.with_user(self.operator).urgency_id = self.urgent
        self.assertEqual(case.sla_policy_id, self.urgent_policy)
        self.assertEqual(len(case.sla_line_ids), 2)

    def test_queue_calendar_when_the_policy_has_none(self):
        around_the_clock = self.env["resource.calendar"].create(
            {
                "name": "Around the clock",
                "tz": "UTC",
                "attendance_ids": [Command.clear()]
                + [
                    Command.create(
                        {
                            "name": "All day",
                            "dayofweek": str(day),
                            "hour_from": 0,
                            "hour_to": 24,
                            "day_period": "full_day",
                        }
                    )
                    for day in range(7)
                ],
            }
        )
        self.standard.calendar_id = False
        self.queue.resource_calendar_id = around_the_clock
        with freeze_time(tehran(2026, 11, 26, 20)):  # Thursday evening
            case = self._sla_case(queue_id=self.queue.id)
        line = self._line(case, "first_response")
        self.assertEqual(line.calendar_id, around_the_clock)
        self.assertEqual(line.date_deadline, tehran(2026, 11, 27, 0))

    def test_an_invalid_policy_filter_is_refused(self):
        with self.assertRaises(Exception) as caught:
            self.standard.domain = "[('no_such_field', '=', 1)]"
        self.assertIn("not a valid filter", str(caught.exception))

    def test_backfill_starts_cases_without_kpis(self):
        with freeze_time(tehran(2026, 11, 28, 8)):
            case = self._sla_case()
            case.message_post(
                body="x", message_type="comment", subtype_xmlid="mail.mt_comment"
            )
        case.sla_line_ids.sudo().unlink()
        case.sudo().write({"sla_policy_id": False, "date_first_response": False})
        with freeze_time(tehran(2026, 11, 28, 12)):
            self.env["crm.case"]._sla_backfill(batch_size=1)
        self.assertEqual(len(case.sla_line_ids), 2)
        self.assertEqual(case.date_first_response, tehran(2026, 11, 28, 8))
        self.assertEqual(self._line(case, "first_response").state, "met")
        self.assertEqual(
            self._line(case, "resolve").date_clock, tehran(2026, 11, 28, 8)
        )
