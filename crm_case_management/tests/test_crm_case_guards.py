# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""What an RPC client may send and still not get through.

Each test drives the server over HTTP as a client with its own choice of
context and values would, and checks the case in the database afterwards.
"""

import datetime

from odoo import Command
from odoo.tests import tagged

from .common import CaseRpcCommon, RpcError

# A context key the server once read to let its own writes through.
WORKFLOW_CONTEXT = {"crm_case_workflow": True}


@tagged("post_install", "-at_install")
class TestCaseGuards(CaseRpcCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.solved = cls.env.ref("crm_case_management.crm_case_stage_solved")

    def _assigned_case(self, **values):
        return self._create_case(user_id=self.agent.id, **values)

    def _write(self, user, case, vals, context=None):
        return self.json2(
            user, "crm.case", "write", ids=case.ids, vals=vals, context=context
        )

    def _create(self, user, vals, context=None):
        vals = {
            "name": "Scanner jams",
            "description": "<p>Every third page jams.</p>",
            "partner_id": self.customer.id,
            **vals,
        }
        return self.json2(user, "crm.case", "create", vals_list=[vals], context=context)

    def assertRefused(self, call, message="set by the system"):
        with self.assertRaises(RpcError) as caught:
            call()
        self.assertIn(message, caught.exception.message)
        self.env.invalidate_all()

    # ------------------------------------------------------------------
    # No context key switches a guard off
    # ------------------------------------------------------------------
    def test_agent_cannot_close_a_case_with_a_context_key(self):
        case = self._assigned_case()
        self.assertRefused(
            lambda: self._write(
                self.agent, case, {"state": "closed"}, context=WORKFLOW_CONTEXT
            )
        )
        self.assertEqual(case.state, "open")

    def test_agent_cannot_jump_to_a_closing_stage_with_a_context_key(self):
        case = self._assigned_case()
        progress = self.env.ref("crm_case_management.crm_case_stage_in_progress")
        self._write(self.agent, case, {"stage_id": progress.id})
        self.assertRefused(
            lambda: self._write(
                self.agent, case, {"stage_id": self.solved.id}, WORKFLOW_CONTEXT
            ),
            message="closed by approval",
        )
        self.assertEqual((case.stage_id, case.state), (progress, "open"))

    def test_creator_cannot_edit_a_done_case_with_a_context_key(self):
        case = self._assigned_case(resolution="<p>Replaced the roller.</p>")
        case.with_user(self.agent).action_done()
        self.assertRefused(
            lambda: self._write(
                self.operator, case, {"name": "Changed afterwards"}, WORKFLOW_CONTEXT
            ),
            message="no longer edit",
        )
        self.assertEqual(case.name, "Printer does not start")

    def test_code_and_request_date_are_not_rewritten(self):
        case = self._assigned_case()
        number, requested = case.number, case.date_request
        for vals in ({"number": "CS-00001-0000"}, {"date_request": "2020-01-01"}):
            self.assertRefused(
                lambda vals=vals: self._write(self.agent, case, vals, WORKFLOW_CONTEXT)
            )
        self.assertEqual((case.number, case.date_request), (number, requested))

    def test_only_a_manager_changes_a_tracking_code(self):
        case = self._assigned_case()
        self.assertRefused(
            lambda: self._write(self.operator, case, {"number": "CS-77"}),
        )
        self._write(self.manager, case, {"number": "cs-77"})
        self.assertEqual(case.number, "CS-77")

    # ------------------------------------------------------------------
    # The process
    # ------------------------------------------------------------------
    def test_changing_type_and_stage_together_is_still_checked(self):
        case = self._assigned_case()
        handled = self.env.ref("crm_case_management.crm_case_stage_complaint_handled")
        self.assertRefused(
            lambda: self._write(
                self.agent,
                case,
                {"type_id": self.type_complaint.id, "stage_id": handled.id},
            ),
            message="closed by approval",
        )
        self.assertRefused(
            lambda: self._write(
                self.agent,
                case,
                {"type_id": self.type_complaint.id, "stage_id": self.solved.id},
            ),
            message="not part of the process",
        )
        self.assertEqual((case.type_id, case.state), (self.type_general, "open"))

    # ------------------------------------------------------------------
    # Create takes no system fields
    # ------------------------------------------------------------------
    def test_create_refuses_system_fields(self):
        old = datetime.datetime(2020, 1, 1)
        for vals in (
            {"state": "done"},
            {"date_request": old.isoformat(sep=" ")},
            {"date_done": old.isoformat(sep=" ")},
            {"reject_count": 3},
            {"reopen_count": 2},
            {"merged_into_id": self._assigned_case().id},
        ):
            self.assertRefused(lambda vals=vals: self._create(self.operator, vals))
        self.assertFalse(
            self.env["crm.case"].search([("name", "=", "Scanner jams")]),
        )

    def test_create_refuses_system_fields_as_context_defaults(self):
        self.assertRefused(
            lambda: self._create(self.operator, {}, context={"default_state": "done"})
        )
        self.assertFalse(self.env["crm.case"].search([("name", "=", "Scanner jams")]))

    def test_a_typed_code_is_kept_and_the_creator_is_the_caller(self):
        [case_id] = self._create(
            self.operator,
            {"number": "cs-own-1", "create_uid": self.manager.id},
        )
        case = self.env["crm.case"].browse(case_id)
        self.assertEqual(case.number, "CS-OWN-1")
        self.assertEqual(case.create_uid, self.operator)

    # ------------------------------------------------------------------
    # What computations store is not written by clients
    # ------------------------------------------------------------------
    def test_stored_computations_are_not_writable(self):
        case = self._assigned_case(planned_hours=4)
        for vals in (
            {"commercial_partner_id": self.other_customer.id},
            {"total_hours": 100},
            {"remaining_hours": 100},
            {"progress": 100},
            {"working_hours_to_close": 1},
            {"search_text": "anything"},
        ):
            self.assertRefused(lambda vals=vals: self._write(self.agent, case, vals))
            self.assertRefused(lambda vals=vals: self._create(self.operator, vals))
        self.assertEqual(case.commercial_partner_id, self.customer)
        self.assertEqual((case.total_hours, case.remaining_hours), (0.0, 4.0))

    # ------------------------------------------------------------------
    # Arguments of the wrong type
    # ------------------------------------------------------------------
    def test_reject_with_a_reason_that_is_no_text(self):
        case = self._assigned_case(resolution="<p>Done.</p>")
        case.with_user(self.agent).action_done()
        self.assertRefused(
            lambda: self.json2(
                self.operator, "crm.case", "action_reject", ids=case.ids, reason=1
            ),
            message="Say why the case is rejected",
        )
        self.assertEqual(case.state, "done")

    def test_knowledge_search_with_arguments_that_are_no_words(self):
        for params in ({"query": 123}, {"query": "printer", "limit": "all"}):
            with self.assertRaises(RpcError) as caught:
                self.json2(self.agent, "crm.case.article", "search_text", **params)
            self.assertEqual(caught.exception.name, "odoo.exceptions.UserError")


@tagged("post_install", "-at_install")
class TestCaseApprover(CaseRpcCommon):
    """Cases no person opened are approved by their queue's manager."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["crm.case.routing.rule"].search([]).unlink()
        Queue = cls.env["crm.case.queue"]
        Queue.search([("is_default", "=", True)]).is_default = False
        # The queue's manager leads it without working its cases.
        cls.queue = Queue.create(
            {
                "name": "Mailbox",
                "is_default": True,
                "user_id": cls.other_agent.id,
                "member_ids": [Command.set(cls.agent.ids)],
                "assignment_method": "round_robin",
            }
        )

    def _case_from_mail(self):
        message = (
            "From: Ali Rezaei <ali@parsian.example.com>\n"
            "To: support@example.com\n"
            "Subject: Invoice printer offline\n"
            "Message-ID: <approver-1@mail.example.com>\n"
            "Content-Type: text/plain; charset=utf-8\n\nOffline since noon.\n"
        )
        case_id = self.env["mail.thread"].message_process("crm.case", message)
        case = self.env["crm.case"].browse(case_id)
        case.user_id = self.agent
        return case

    def test_queue_manager_approves_a_case_opened_by_mail(self):
        case = self._case_from_mail()
        case.with_user(self.agent).resolution = "<p>Restarted the spooler.</p>"
        case.with_user(self.agent).action_done()
        approve = self.env.ref("crm_case_management.mail_activity_type_case_approve")
        self.assertEqual(
            case.activity_ids.filtered(
                lambda activity: activity.activity_type_id == approve
            ).user_id,
            self.other_agent,
        )
        with self.assertRaises(RpcError):  # the assignee does not judge own work
            self.json2(self.agent, "crm.case", "action_approve", ids=case.ids)
        self.env.invalidate_all()
        self.assertEqual(case.state, "done")
        self.json2(self.other_agent, "crm.case", "action_approve", ids=case.ids)
        self.env.invalidate_all()
        self.assertEqual(case.state, "closed")
