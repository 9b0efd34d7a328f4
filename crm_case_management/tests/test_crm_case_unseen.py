# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import tagged

from .common import CaseCommon


@tagged("post_install", "-at_install")
class TestCaseUnseen(CaseCommon):
    def _unseen_for(self, user):
        return self.env["crm.case"].with_user(user).search([("is_unseen", "=", True)])

    def test_new_assignment_is_unseen_for_the_assignee_only(self):
        case = self._create_case(user_id=self.agent.id)
        self.assertEqual(self._unseen_for(self.agent), case)
        self.assertFalse(self._unseen_for(self.operator))
        self.assertTrue(case.with_user(self.agent).is_unseen)
        self.assertFalse(case.with_user(self.operator).is_unseen)

    def test_self_assignment_is_not_unseen(self):
        self._create_case(user_id=self.operator.id)
        self.assertFalse(self._unseen_for(self.operator))

    def test_opening_the_case_clears_only_my_marker(self):
        case = self._create_case(user_id=self.agent.id)
        case.with_user(self.agent).resolution = "<p>Fixed.</p>"
        case.with_user(self.agent).action_done()
        self.assertEqual(case.unseen_user_ids, self.agent | self.operator)
        case.with_user(self.agent).action_mark_seen()
        self.assertEqual(case.unseen_user_ids, self.operator)

    def test_done_is_unseen_for_the_creator_and_reject_for_the_assignee(self):
        case = self._create_case(user_id=self.agent.id)
        case.with_user(self.agent).action_mark_seen()
        case.with_user(self.agent).resolution = "<p>Fixed.</p>"
        case.with_user(self.agent).action_done()
        self.assertEqual(self._unseen_for(self.operator), case)
        case.with_user(self.operator).action_mark_seen()
        case.with_user(self.operator).action_reject("Still broken")
        self.assertEqual(self._unseen_for(self.agent), case)
        self.assertFalse(self._unseen_for(self.operator))

    def test_reassignment_is_unseen_for_the_new_assignee(self):
        case = self._create_case(user_id=self.agent.id)
        case.with_user(self.operator).user_id = self.other_agent
        self.assertEqual(self._unseen_for(self.other_agent), case)

    def test_mark_all_as_seen(self):
        cases = self._create_case(user_id=self.agent.id) | self._create_case(
            user_id=self.agent.id
        )
        other = self._create_case(user_id=self.other_agent.id)
        self.assertEqual(self._unseen_for(self.agent), cases)
        self.env["crm.case"].with_user(self.agent).action_mark_all_seen()
        self.assertFalse(self._unseen_for(self.agent))
        self.assertEqual(self._unseen_for(self.other_agent), other)

    def test_seen_works_on_a_case_locked_for_edits(self):
        case = self._create_case(user_id=self.agent.id)
        case.with_user(self.agent).resolution = "<p>Fixed.</p>"
        case.with_user(self.agent).action_done()
        # The creator can no longer edit, but opening it still clears the flag.
        self.assertTrue(case.with_user(self.operator).is_locked)
        case.with_user(self.operator).action_mark_seen()
        self.assertFalse(case.with_user(self.operator).is_unseen)
