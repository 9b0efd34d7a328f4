# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Messages and activities waiting in a queue as items."""

from psycopg2.errors import CheckViolation, UniqueViolation

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged
from odoo.tools import mute_logger

from .common import CaseCommon, CaseRpcCommon, RpcError


class QueueItemMixin:
    @classmethod
    def _setup_queues(cls):
        Queue = cls.env["crm.case.queue"]
        cls.back_office = Queue.create(
            {
                "name": "Back office",
                "member_ids": [Command.set((cls.agent | cls.other_agent).ids)],
            }
        )
        cls.billing = Queue.create(
            {"name": "Billing", "member_ids": [Command.set(cls.manager.ids)]}
        )
        # A case both agents read through their queue, and its message.
        cls.case = cls._create_case(queue_id=cls.back_office.id)
        cls.message = cls.case.with_user(cls.operator).message_post(
            body="Please call me back about the invoice.",
            subject="Call back about the invoice",
            message_type="comment",
        )
        cls.activity = cls.case.activity_schedule(
            "mail.mail_activity_data_todo",
            summary="Send the signed form",
            user_id=cls.operator.id,
        )
        Item = cls.env["crm.case.queue.item"]
        cls.item = Item.create(
            {"queue_id": cls.back_office.id, "message_id": cls.message.id}
        )
        cls.activity_item = Item.create(
            {"queue_id": cls.back_office.id, "activity_id": cls.activity.id}
        )


@tagged("post_install", "-at_install")
class TestQueueItem(QueueItemMixin, CaseCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_queues()

    def _items(self, user):
        return self.env["crm.case.queue.item"].with_user(user).search([])

    def test_items_are_named_after_what_waits(self):
        self.assertEqual(self.item.name, "Call back about the invoice")
        self.assertEqual(self.activity_item.name, "Send the signed form")
        self.assertEqual(self.item.record_ref, self.message)
        self.assertEqual(self.activity_item.record_ref, self.activity)

    def test_pick_release_done_by_members(self):
        item = self.item.with_user(self.agent)
        item.action_pick()
        self.assertEqual((item.state, item.user_id), ("picked", self.agent))
        with self.assertRaisesRegex(UserError, "already picked by Agent"):
            self.item.with_user(self.other_agent).action_pick()
        with self.assertRaisesRegex(UserError, "Only who picked"):
            self.item.with_user(self.other_agent).action_release()
        item.action_release()
        self.assertEqual((item.state, item.user_id.id), ("waiting", False))
        self.item.with_user(self.other_agent).action_pick()
        self.item.with_user(self.other_agent).action_done()
        self.assertEqual(self.item.state, "done")
        self.assertGreaterEqual(self.item.age_hours, 0)
        with self.assertRaisesRegex(UserError, "already picked"):
            self.item.with_user(self.agent).action_pick()

    def test_route_to_another_queue(self):
        self.item.with_user(self.agent).action_pick()
        with self.assertRaisesRegex(UserError, "Only who picked"):
            self.item.with_user(self.other_agent).action_route(self.billing)
        self.item.with_user(self.agent).action_route(self.billing)
        self.assertEqual(
            (self.item.queue_id, self.item.state, self.item.user_id.id),
            (self.billing, "waiting", False),
        )
        # the back office no longer sees it; the billing queue does
        self.assertNotIn(self.item, self._items(self.agent))
        self.assertIn(self.item, self._items(self.manager))

    def test_only_members_see_and_pick(self):
        outsider = new_test_user(
            self.env, "case_outsider", groups="crm_case_management.group_crm_case_user"
        )
        self.assertEqual(self._items(self.agent), self.item | self.activity_item)
        self.assertFalse(self._items(outsider))
        with self.assertRaises(AccessError):
            self.item.with_user(outsider).action_pick()
        with self.assertRaises(AccessError):
            self.item.with_user(outsider).read(["name"])

    def test_item_shows_only_to_who_may_read_its_record(self):
        # A message on a case the agents may not read, in their own queue.
        private = self._create_case(
            self.manager, name="Salary complaint", user_id=self.manager.id
        )
        message = private.with_user(self.manager).message_post(
            body="Confidential.", message_type="comment"
        )
        hidden = self.env["crm.case.queue.item"].create(
            {"queue_id": self.back_office.id, "message_id": message.id}
        )
        self.assertNotIn(hidden, self._items(self.agent))
        self.assertEqual(
            self.env["crm.case.queue.item"]
            .with_user(self.agent)
            .search_count([("id", "=", hidden.id)]),
            0,
        )
        with self.assertRaises(AccessError):
            hidden.with_user(self.agent).read(["name"])
        with self.assertRaises(AccessError):
            hidden.with_user(self.agent).action_pick()
        self.assertEqual(hidden.state, "waiting")
        # nor can an agent put such a message in a queue themselves
        other = private.with_user(self.manager).message_post(
            body="Also confidential.", message_type="comment"
        )
        with self.assertRaises(AccessError):
            self.env["crm.case.queue.item"].with_user(self.agent).create(
                {"queue_id": self.back_office.id, "message_id": other.id}
            )

    def test_state_and_picker_are_not_edited_by_hand(self):
        with self.assertRaises(UserError):
            self.env["crm.case.queue.item"].with_user(self.agent).create(
                {
                    "queue_id": self.back_office.id,
                    "message_id": self.case.message_post(body="x").id,
                    "state": "done",
                }
            )
        # (AccessError is a UserError: the guard or the missing write right)
        with self.assertRaises(UserError):
            self.item.with_user(self.agent).write({"user_id": self.agent.id})
        with self.assertRaises(UserError):
            self.item.with_user(self.manager).write({"state": "done"})

    def test_one_open_item_per_record_and_one_record_per_item(self):
        with (
            self.assertRaises(UniqueViolation),
            mute_logger("odoo.sql_db"),
            self.cr.savepoint(),
        ):
            self.env["crm.case.queue.item"].create(
                {"queue_id": self.billing.id, "message_id": self.message.id}
            )
            self.env.flush_all()
        with (
            self.assertRaises(CheckViolation),
            mute_logger("odoo.sql_db"),
            self.cr.savepoint(),
        ):
            self.env["crm.case.queue.item"].create({"queue_id": self.billing.id})
            self.env.flush_all()

    def test_cases_keep_their_own_queue(self):
        self.item.with_user(self.agent).action_route(self.billing)
        self.assertEqual(self.case.queue_id, self.back_office)


@tagged("post_install", "-at_install")
class TestQueueItemRpc(QueueItemMixin, CaseRpcCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_queues()

    def test_members_pick_over_json2_and_cannot_forge_state(self):
        self.json2(self.agent, "crm.case.queue.item", "action_pick", ids=[self.item.id])
        self.assertEqual(self.item.user_id, self.agent)
        with self.assertRaises(RpcError):
            self.json2(
                self.other_agent,
                "crm.case.queue.item",
                "write",
                ids=[self.item.id],
                vals={"user_id": self.other_agent.id, "state": "picked"},
            )
        with self.assertRaises(RpcError):
            self.json2(
                self.other_agent,
                "crm.case.queue.item",
                "action_pick",
                ids=[self.item.id],
                context={"active_test": False, "bypass_access": True},
            )
        self.assertEqual(self.item.user_id, self.agent)
        outsider = new_test_user(
            self.env,
            "case_rpc_outsider",
            groups="crm_case_management.group_crm_case_user",
        )
        found = self.json2(
            outsider, "crm.case.queue.item", "search_read", domain=[], fields=["name"]
        )
        self.assertEqual(found, [])
        with self.assertRaises(RpcError):
            self.json2(
                outsider,
                "crm.case.queue.item",
                "action_route",
                ids=[self.activity_item.id],
                queue=self.billing.id,
            )
        self.assertEqual(self.activity_item.queue_id, self.back_office)
