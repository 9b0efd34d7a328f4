# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import CaseCommon

HANDLE = "crm_case_management.mail_activity_type_case_handle"
APPROVE = "crm_case_management.mail_activity_type_case_approve"


@tagged("post_install", "-at_install")
class TestCaseApproval(CaseCommon):
    def setUp(self):
        super().setUp()
        self.case = self._create_case(user_id=self.agent.id)
        self.as_agent = self.case.with_user(self.agent)
        self.as_operator = self.case.with_user(self.operator)

    def _activities(self, xmlid):
        return self.case.activity_ids.filtered(
            lambda activity: activity.activity_type_id == self.env.ref(xmlid)
        )

    def _resolve(self):
        self.as_agent.resolution = "<p>Replaced the fuse.</p>"
        self.as_agent.action_done()

    def test_creator_is_recorded_and_assignee_gets_an_activity(self):
        self.assertEqual(self.case.create_uid, self.operator)
        self.assertEqual(self._activities(HANDLE).user_id, self.agent)

    def test_done_needs_a_resolution(self):
        with self.assertRaisesRegex(UserError, "Write the resolution"):
            self.as_agent.action_done()
        self.assertEqual(self.case.state, "open")

    def test_only_the_assignee_marks_done(self):
        self.as_operator.resolution = "<p>Done by someone else.</p>"
        with self.assertRaisesRegex(UserError, "Only the assignee"):
            self.as_operator.action_done()

    def test_done_sets_date_and_asks_the_creator_to_approve(self):
        self._resolve()
        self.assertEqual(self.case.state, "done")
        self.assertTrue(self.case.date_done)
        self.assertFalse(self._activities(HANDLE))
        self.assertEqual(self._activities(APPROVE).user_id, self.operator)
        self.assertTrue(self.as_operator.can_approve)
        self.assertFalse(self.as_agent.can_approve)

    def test_system_dates_and_state_are_read_only(self):
        readonly = self.env["crm.case"].fields_get(
            ["date_request", "date_done", "create_uid", "state"], ["readonly"]
        )
        self.assertTrue(all(attrs["readonly"] for attrs in readonly.values()))
        self._resolve()
        for vals in (
            {"date_done": False},
            {"state": "closed"},
            {"date_request": False},
        ):
            with self.assertRaisesRegex(UserError, "set by the system"):
                self.case.with_user(self.manager).write(vals)
        self.assertEqual(self.case.state, "done")

    def test_approve_closes_the_case(self):
        self._resolve()
        self.as_operator.action_approve()
        self.assertEqual(self.case.state, "closed")
        self.assertEqual(
            self.case.stage_id,
            self.env.ref("crm_case_management.crm_case_stage_solved"),
        )
        self.assertTrue(self.case.date_closed)
        self.assertFalse(self.case.activity_ids)

    def test_only_the_creator_approves(self):
        self._resolve()
        with self.assertRaisesRegex(UserError, "Only the creator"):
            self.as_agent.action_approve()
        with self.assertRaisesRegex(UserError, "Only the creator"):
            self.as_agent.action_reject("not good")

    def test_approve_before_done_is_refused(self):
        with self.assertRaisesRegex(UserError, "Only the creator"):
            self.as_operator.action_approve()

    def test_reject_sends_the_case_back_marked(self):
        self._resolve()
        wizard = (
            self.env["crm.case.reject"]
            .with_user(self.operator)
            .with_context(active_model="crm.case", active_ids=self.case.ids)
            .create({"reason": "The printer still does not start."})
        )
        wizard.action_reject()
        self.assertEqual(self.case.state, "rejected")
        self.assertEqual(self.case.reject_count, 1)
        self.assertEqual(self.case.reject_reason, "The printer still does not start.")
        self.assertFalse(self.case.date_done)
        self.assertEqual(self._activities(HANDLE).user_id, self.agent)
        self.assertFalse(self._activities(APPROVE))
        self.assertTrue(
            any(
                "still does not start" in body
                for body in self.case.message_ids.mapped("body")
            )
        )
        # The assignee fixes it and the creator approves.
        self.as_agent.action_done()
        self.as_operator.action_approve()
        self.assertEqual(self.case.state, "closed")

    def test_reject_needs_a_reason(self):
        self._resolve()
        with self.assertRaisesRegex(UserError, "Say why"):
            self.as_operator.action_reject("  ")
        self.assertEqual(self.case.state, "done")

    def test_creator_cannot_edit_once_the_assignee_wrote_the_result(self):
        self.as_agent.resolution = "<p>Checked the cable.</p>"
        with self.assertRaisesRegex(UserError, "no longer edit"):
            self.as_operator.name = "Changed title"
        self.assertTrue(self.as_operator.is_locked)
        self.assertFalse(self.as_agent.is_locked)

    def test_creator_cannot_edit_or_delete_after_done(self):
        self._resolve()
        with self.assertRaisesRegex(UserError, "no longer edit"):
            self.as_operator.description = "<p>Other</p>"
        with self.assertRaisesRegex(UserError, "no longer edit"):
            self.as_operator.unlink()
        self.assertTrue(self.case.exists())

    def test_manager_can_still_edit_and_delete(self):
        self._resolve()
        as_manager = self.case.with_user(self.manager)
        as_manager.name = "Corrected title"
        self.assertEqual(self.case.name, "Corrected title")
        as_manager.unlink()
        self.assertFalse(self.case.exists())

    def test_creator_can_delete_untouched_case(self):
        self.as_operator.unlink()
        self.assertFalse(self.case.exists())

    def test_assignee_cannot_delete_the_creators_case(self):
        with self.assertRaisesRegex(UserError, "Only the creator"):
            self.as_agent.unlink()

    def test_closed_case_is_read_only_for_users(self):
        self._resolve()
        self.as_operator.action_approve()
        with self.assertRaisesRegex(UserError, "is closed"):
            self.as_agent.name = "Reopen?"

    def test_approve_needs_a_closing_stage_ahead(self):
        case = self._create_case(type_id=self.type_complaint.id, user_id=self.agent.id)
        case.with_user(self.operator).stage_id = self.env.ref(
            "crm_case_management.crm_case_stage_complaint_decision"
        )
        case.with_user(self.agent).resolution = "<p>Talked to the team.</p>"
        case.with_user(self.agent).action_done()
        with self.assertRaisesRegex(UserError, "cannot be closed from stage"):
            case.with_user(self.operator).action_approve()
        self.assertEqual(case.state, "done")

    def test_unfounded_complaint_closes_from_review(self):
        case = self._create_case(type_id=self.type_complaint.id, user_id=self.agent.id)
        case.with_user(self.agent).resolution = "<p>Nothing wrong happened.</p>"
        case.with_user(self.agent).action_done()
        case.with_user(self.operator).action_approve()
        self.assertEqual(
            case.stage_id,
            self.env.ref("crm_case_management.crm_case_stage_complaint_unfounded"),
        )

    def test_reassignment_moves_the_activity(self):
        self.as_operator.user_id = self.other_agent
        self.assertEqual(self._activities(HANDLE).user_id, self.other_agent)

    def test_self_assigned_creator_works_the_whole_loop(self):
        case = self._create_case(user_id=self.operator.id)
        mine = case.with_user(self.operator)
        mine.resolution = "<p>Called back, solved.</p>"
        mine.action_done()
        mine.action_approve()
        self.assertEqual(case.state, "closed")

    def test_other_users_cannot_act_on_the_case(self):
        with self.assertRaises(AccessError):
            self.case.with_user(self.other_agent).action_done()
