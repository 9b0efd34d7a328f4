# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Escalate: to an expert, an expert queue or the queue manager, one level
at a time, by people who may edit the case."""

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged

from .sla_common import SlaCommon


@tagged("post_install", "-at_install")
class TestCaseEscalation(SlaCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.expert = new_test_user(
            cls.env,
            "case_expert",
            groups="crm_case_management.group_crm_case_user",
            name="Expert",
        )
        cls.expert_queue = cls.env["crm.case.queue"].create(
            {
                "name": "Experts",
                "assignment_method": "round_robin",
                "member_ids": [Command.set(cls.expert.ids)],
            }
        )

    def _notes(self, case):
        return case.message_ids.filtered(lambda m: "Escalated" in (m.body or ""))

    def test_escalate_to_an_expert_then_the_queue_manager(self):
        case = self._sla_case(queue_id=self.queue.id)
        case.with_user(self.agent).action_escalate(
            "user", "Needs the printer specialist.", user_id=self.expert
        )
        self.assertEqual(case.user_id, self.expert)
        self.assertEqual(case.escalation_level, 1)
        self.assertIn("Needs the printer specialist.", self._notes(case).body)
        self.assertTrue(
            case.activity_ids.filtered(lambda activity: activity.user_id == self.expert)
        )
        case.with_user(self.expert).action_escalate("manager", "Customer is angry.")
        self.assertEqual(case.user_id, self.queue_manager)
        self.assertEqual(case.escalation_level, 2)

    def test_escalate_to_an_expert_queue_assigns_from_it(self):
        case = self._sla_case(queue_id=self.queue.id)
        wizard = (
            self.env["crm.case.escalate"]
            .with_user(self.agent)
            .with_context(active_model="crm.case", active_ids=case.ids)
            .create(
                {
                    "target": "queue",
                    "queue_id": self.expert_queue.id,
                    "reason": "Second opinion.",
                }
            )
        )
        wizard.action_escalate()
        self.assertEqual(case.queue_id, self.expert_queue)
        self.assertEqual(case.user_id, self.expert)
        self.assertEqual(case.escalation_level, 1)

    def test_bad_escalations_change_nothing(self):
        case = self._sla_case()  # in the agent's personal queue: no manager
        portal = self.env["res.users"].create(
            {
                "name": "Ali portal",
                "login": "ali_portal_escalate",
                "partner_id": self.customer_contact.id,
                "group_ids": [Command.set([self.env.ref("base.group_portal").id])],
            }
        )
        Case = case.with_user(self.agent)
        attempts = (
            ("user", "", {"user_id": self.expert}, "Say why"),
            ("user", "Why", {"user_id": portal}, "internal user"),
            ("user", "Why", {}, "internal user"),
            ("queue", "Why", {}, "expert queue"),
            ("manager", "Why", {}, "no manager"),
            ("nowhere", "Why", {}, "Escalate to"),
        )
        for target, reason, extra, message in attempts:
            with self.subTest(target=target, extra=extra):
                with self.assertRaises(UserError) as caught:
                    Case.action_escalate(target, reason, **extra)
                self.assertIn(message, str(caught.exception))
        self.assertEqual(case.user_id, self.agent)
        self.assertEqual(case.escalation_level, 0)

    def test_only_who_may_edit_the_case_escalates(self):
        case = self._sla_case()
        with self.assertRaises(AccessError):
            case.with_user(self.other_agent).action_escalate(
                "user", "Mine now", user_id=self.other_agent
            )
        self.assertEqual(case.user_id, self.agent)
        with self.assertRaises(UserError):
            case.with_user(self.agent).write({"escalation_level": 5})
