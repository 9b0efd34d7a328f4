# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The Cases counter in the top bar: the counts, the lists behind them, and
the bus message that tells the concerned user's clients to refetch."""

import datetime
import json

from odoo import api, fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged, users, warmup

from ..models.crm_case_counter import COUNTER_NOTIFICATION
from .common import CaseCommon, CaseRpcCommon, RpcError


class CounterMixin:
    def _bus_payloads(self, user):
        """The counter messages waiting in bus.bus for ``user``'s partner."""
        self.env.flush_all()
        channel = json.dumps(
            [self.env.cr.dbname, "res.partner", user.partner_id.id],
            separators=(",", ":"),
        )
        messages = self.env["bus.bus"].sudo().search([("channel", "=", channel)])
        return [
            json.loads(message.message)["payload"]
            for message in messages
            if json.loads(message.message)["type"] == COUNTER_NOTIFICATION
        ]

    def _clear_bus(self):
        self.env.flush_all()
        self.env["bus.bus"].sudo().search([]).unlink()


@tagged("post_install", "-at_install")
class TestCaseCounter(CounterMixin, CaseCommon):
    def _counters(self, user):
        return self.env["crm.case"].with_user(user).get_case_counters()

    def _listed(self, user, kind):
        action = self.env["crm.case"].with_user(user).action_open_counter(kind)
        return self.env["crm.case"].with_user(user).search(action["domain"])

    def test_counts_and_lists_follow_the_work(self):
        self.assertEqual(
            self._counters(self.agent), {"unseen": 0, "overdue": 0, "to_approve": 0}
        )
        case = self._create_case(user_id=self.agent.id)
        late = self._create_case(name="Late work", user_id=self.agent.id)
        late.sudo().date_deadline = fields.Date.today() - datetime.timedelta(days=2)
        self.assertEqual(
            self._counters(self.agent), {"unseen": 2, "overdue": 1, "to_approve": 0}
        )
        self.assertEqual(self._listed(self.agent, "unseen"), case | late)
        self.assertEqual(self._listed(self.agent, "overdue"), late)
        # the other agent and the operator have nothing of it
        self.assertEqual(
            self._counters(self.other_agent),
            {"unseen": 0, "overdue": 0, "to_approve": 0},
        )
        case.with_user(self.agent).action_mark_seen()
        case.with_user(self.agent).resolution = "<p>Fuse replaced.</p>"
        case.with_user(self.agent).action_done()
        self.assertEqual(
            self._counters(self.agent), {"unseen": 1, "overdue": 1, "to_approve": 0}
        )
        # the operator opened the case: it waits for their approval, unseen
        self.assertEqual(
            self._counters(self.operator), {"unseen": 1, "overdue": 0, "to_approve": 1}
        )
        self.assertEqual(self._listed(self.operator, "to_approve"), case)
        case.with_user(self.operator).action_approve()
        self.assertEqual(self._counters(self.operator)["to_approve"], 0)

    def test_unknown_counter_is_refused(self):
        with self.assertRaisesRegex(UserError, "Unknown case counter"):
            self.env["crm.case"].with_user(self.agent).action_open_counter("all")

    @users("case_agent")
    @warmup
    def test_counting_takes_three_queries_whatever_the_data(self):
        Case = self.env["crm.case"]
        Case.get_case_counters()
        with self.assertQueryCount(case_agent=3):
            Case.get_case_counters()
        self.env["crm.case"].with_user(self.operator).create(
            [
                {
                    "name": f"Case {index}",
                    "description": "<p>Perf</p>",
                    "partner_id": self.customer.id,
                    "user_id": self.agent.id,
                }
                for index in range(30)
            ]
        )
        self.env.flush_all()
        with self.assertQueryCount(case_agent=3):
            counts = Case.get_case_counters()
        self.assertEqual(counts["unseen"], 30)

    def test_assignment_messages_the_assignee_only(self):
        self._clear_bus()
        self._create_case(user_id=self.agent.id)
        self.env.cr.precommit.run()
        self.assertEqual(len(self._bus_payloads(self.agent)), 1)
        self.assertFalse(self._bus_payloads(self.other_agent))
        # the actor's own clients learn nothing from assigning someone else
        self.assertFalse(self._bus_payloads(self.operator))

    def test_pop_up_only_for_users_who_opted_in(self):
        self.other_agent.with_user(self.other_agent).case_notify_assigned = True
        self._clear_bus()
        told = self._create_case(name="For the eager one", user_id=self.other_agent.id)
        self._create_case(name="For the quiet one", user_id=self.agent.id)
        self.env.cr.precommit.run()
        assigned = [
            item
            for payload in self._bus_payloads(self.other_agent)
            for item in payload.get("assigned", [])
        ]
        self.assertEqual(
            assigned, [{"id": told.id, "number": told.number, "name": told.name}]
        )
        self.assertTrue(self._bus_payloads(self.agent))
        self.assertFalse(
            [p for p in self._bus_payloads(self.agent) if p.get("assigned")]
        )

    def test_done_messages_the_approver_and_seen_messages_oneself(self):
        case = self._create_case(user_id=self.agent.id)
        case.with_user(self.agent).resolution = "<p>Done.</p>"
        self._clear_bus()
        case.with_user(self.agent).action_done()
        self.env.cr.precommit.run()
        self.assertEqual(len(self._bus_payloads(self.operator)), 1)
        self.assertFalse(self._bus_payloads(self.other_agent))
        self._clear_bus()
        case.with_user(self.operator).action_mark_seen()
        self.env.cr.precommit.run()
        self.assertEqual(len(self._bus_payloads(self.operator)), 1)
        self.assertFalse(self._bus_payloads(self.agent))

    def test_preference_is_the_users_own(self):
        self.agent.with_user(self.agent).write({"case_notify_assigned": True})
        self.assertTrue(self.agent.case_notify_assigned)
        with self.assertRaises(AccessError):
            self.other_agent.with_user(self.agent).write({"case_notify_assigned": True})
        self.assertFalse(self.other_agent.case_notify_assigned)


@tagged("post_install", "-at_install")
class TestCaseCounterRequests(CounterMixin, CaseRpcCommon):
    """Through real requests: what a committed change sends, and that a
    rolled-back one sends nothing."""

    def _request(self, user, function):
        """Run ``function(env)`` as a request would: commit at the end,
        roll back if it raises (the test cursor keeps Odoo's semantics)."""
        self.env.flush_all()
        with self.registry.cursor() as cr:
            function(api.Environment(cr, user.id, {}))
        self.env.invalidate_all()

    def test_committed_assignment_reaches_the_assignee_only(self):
        case = self._create_case()
        self._clear_bus()
        self._request(
            self.operator,
            lambda env: (
                env["crm.case"].browse(case.id).write({"user_id": self.agent.id})
            ),
        )
        self.assertEqual(len(self._bus_payloads(self.agent)), 1)
        self.assertFalse(self._bus_payloads(self.other_agent))
        self.assertFalse(self._bus_payloads(self.operator))

    def test_rolled_back_assignment_sends_nothing(self):
        case = self._create_case()
        self._clear_bus()

        def assign_then_fail(env):
            env["crm.case"].browse(case.id).write({"user_id": self.agent.id})
            env.flush_all()
            raise ValueError("the request fails after the assignment")

        with self.assertRaises(ValueError):
            self._request(self.operator, assign_then_fail)
        self.assertFalse(self._bus_payloads(self.agent))
        self.assertFalse(case.user_id)

    def test_json2_assignment_and_counters(self):
        case = self._create_case()
        self._clear_bus()
        self.json2(
            self.operator,
            "crm.case",
            "write",
            ids=[case.id],
            vals={"user_id": self.agent.id},
        )
        self.assertEqual(len(self._bus_payloads(self.agent)), 1)
        self.assertFalse(self._bus_payloads(self.other_agent))
        counts = self.json2(self.agent, "crm.case", "get_case_counters")
        self.assertEqual(counts["unseen"], 1)
        with self.assertRaises(RpcError):
            self.json2(self.agent, "crm.case", "action_open_counter", kind="secret")
        # nobody turns on another user's pop-up
        with self.assertRaises(RpcError):
            self.json2(
                self.operator,
                "res.users",
                "write",
                ids=[self.agent.id],
                vals={"case_notify_assigned": True},
            )
        self.json2(
            self.agent,
            "res.users",
            "write",
            ids=[self.agent.id],
            vals={"case_notify_assigned": True},
        )
        self.assertTrue(self.agent.case_notify_assigned)
