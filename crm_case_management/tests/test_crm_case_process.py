# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .common import CaseCommon

PREFIX = "crm_case_management.crm_case_stage_complaint_"
# Every arrow of the complaint process (Review, Decision, the fixes, Handled).
ALLOWED = {
    "review": {"unfounded", "decision"},
    "decision": {"fix_caregivers", "fix_experts", "fix_reception", "other"},
    "fix_caregivers": {"handled"},
    "fix_experts": {"handled"},
    "fix_reception": {"handled"},
    "other": {"handled"},
    "unfounded": set(),
    "handled": set(),
}
CLOSING = {"unfounded", "handled"}


@tagged("post_install", "-at_install")
class TestCaseProcess(CaseCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.stages = {key: cls.env.ref(PREFIX + key) for key in ALLOWED}

    def _complaint_in(self, key):
        """A complaint of the manager's, placed in stage ``key``."""
        return self._create_case(
            user=self.manager,
            type_id=self.type_complaint.id,
            stage_id=self.stages[key].id,
        )

    def test_new_complaint_starts_in_review(self):
        case = self._create_case(type_id=self.type_complaint.id)
        self.assertEqual(case.stage_id, self.stages["review"])

    def test_every_allowed_transition_works(self):
        for source, targets in ALLOWED.items():
            for target in targets:
                with self.subTest(source=source, target=target):
                    case = self._complaint_in(source)
                    case.with_user(self.manager).stage_id = self.stages[target]
                    self.assertEqual(case.stage_id, self.stages[target])
                    expected_state = "closed" if target in CLOSING else "open"
                    self.assertEqual(case.state, expected_state)

    def test_every_other_transition_is_refused(self):
        for source, targets in ALLOWED.items():
            for target in set(ALLOWED) - targets - {source}:
                with self.subTest(source=source, target=target):
                    case = self._complaint_in(source)
                    with self.assertRaisesRegex(ValidationError, "cannot move"):
                        case.with_user(self.manager).write(
                            {"stage_id": self.stages[target].id}
                        )
                    self.assertEqual(case.stage_id, self.stages[source])

    def test_statusbar_offers_only_allowed_stages(self):
        case = self._complaint_in("decision")
        expected = {
            "decision",
            "fix_caregivers",
            "fix_experts",
            "fix_reception",
            "other",
        }
        self.assertEqual(
            case.allowed_stage_ids,
            self.env["crm.case.stage"].union(*(self.stages[key] for key in expected)),
        )

    def test_stage_of_another_process_is_refused(self):
        case = self._create_case(type_id=self.type_complaint.id)
        in_progress = self.env.ref("crm_case_management.crm_case_stage_in_progress")
        with self.assertRaisesRegex(ValidationError, "not part of the process"):
            case.with_user(self.operator).stage_id = in_progress

    def test_users_close_only_through_approval(self):
        case = self._create_case(type_id=self.type_complaint.id)
        with self.assertRaisesRegex(UserError, "closed by approval"):
            case.with_user(self.operator).stage_id = self.stages["unfounded"]
        self.assertEqual(case.state, "open")

    def test_users_cannot_create_closed_cases(self):
        with self.assertRaisesRegex(UserError, "closed by approval"):
            self._create_case(
                type_id=self.type_complaint.id, stage_id=self.stages["handled"].id
            )

    def test_stage_must_belong_to_the_type(self):
        with self.assertRaisesRegex(ValidationError, "not part of the process"):
            self._create_case(
                user=self.manager,
                type_id=self.type_general.id,
                stage_id=self.stages["review"].id,
            )

    def test_changing_type_restarts_the_process(self):
        case = self._create_case(type_id=self.type_complaint.id)
        case.with_user(self.operator).stage_id = self.stages["decision"]
        case.with_user(self.operator).type_id = self.type_general
        self.assertEqual(
            case.stage_id, self.env.ref("crm_case_management.crm_case_stage_new")
        )

    def test_general_process_moves_forward(self):
        case = self._create_case()
        new = self.env.ref("crm_case_management.crm_case_stage_new")
        in_progress = self.env.ref("crm_case_management.crm_case_stage_in_progress")
        self.assertEqual(case.stage_id, new)
        case.with_user(self.operator).stage_id = in_progress
        with self.assertRaisesRegex(ValidationError, "cannot move"):
            case.with_user(self.operator).stage_id = new

    def test_reopening_a_closed_case_needs_an_arrow_back(self):
        case = self._complaint_in("handled")
        self.assertEqual(case.state, "closed")
        self.assertTrue(case.date_closed)
        self.stages["handled"].next_stage_ids = self.stages["review"]
        case.with_user(self.manager).stage_id = self.stages["review"]
        self.assertEqual(case.state, "open")
        self.assertFalse(case.date_closed)
