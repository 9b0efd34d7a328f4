# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import datetime

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import CaseCommon


def tehran(year, month, day, hour):
    return datetime.datetime(year, month, day, hour) - datetime.timedelta(
        hours=3, minutes=30
    )


@tagged("post_install", "-at_install")
class TestCaseAnalysis(CaseCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.customer.email = "support@parsian.example.com"
        cls.root_cause = cls.env["crm.case.root.cause"].create({"name": "Training"})

    def _solve(self, case):
        case.with_user(self.agent).resolution = "<p>Done.</p>"
        case.with_user(self.agent).action_done()
        case.with_user(case.create_uid).action_approve()

    def test_root_cause_required_by_the_case_type(self):
        self.type_general.root_cause_required = True
        case = self._create_case(user_id=self.agent.id)
        case.with_user(self.agent).resolution = "<p>Done.</p>"
        case.with_user(self.agent).action_done()
        with self.assertRaisesRegex(UserError, "root cause"):
            case.with_user(self.operator).action_approve()
        self.assertEqual(case.state, "done")
        case.with_user(self.operator).root_cause_id = self.root_cause
        case.with_user(self.operator).action_approve()
        self.assertEqual(case.state, "closed")

    def test_root_cause_optional_elsewhere(self):
        case = self._create_case(user_id=self.agent.id)
        self._solve(case)
        self.assertEqual(case.state, "closed")

    def test_working_hours_to_close(self):
        # Wed 25 Nov 15:00 to Sat 28 Nov 10:00 Tehran: Wed 15-17 (2 h) and
        # Sat 8-10 (2 h); Thursday and Friday are off.
        case = self._create_case(
            user=self.manager,
            date_request=tehran(2026, 11, 25, 15),
            user_id=self.agent.id,
        )
        case.with_user(self.agent).resolution = "<p>Done.</p>"
        case.with_user(self.agent).action_done()
        case._workflow_write({"date_closed": tehran(2026, 11, 28, 10)})
        self.assertEqual(case.working_hours_to_close, 4.0)

    def test_reopen_and_reject_are_counted(self):
        case = self._create_case(user=self.manager, user_id=self.agent.id)
        case.with_user(self.agent).resolution = "<p>Try 1</p>"
        case.with_user(self.agent).action_done()
        case.with_user(self.manager).action_reject("Not yet")
        case.with_user(self.agent).action_done()
        case.with_user(self.manager).action_approve()
        solved = self.env.ref("crm_case_management.crm_case_stage_solved")
        new = self.env.ref("crm_case_management.crm_case_stage_new")
        solved.next_stage_ids = new
        case.with_user(self.manager).stage_id = new
        self.assertEqual((case.reject_count, case.reopen_count), (1, 1))
        self.assertEqual(case.state, "open")

    def test_customer_rates_the_approved_case(self):
        case = self._create_case(user_id=self.agent.id)
        self._solve(case)
        mail = (
            self.env["mail.mail"]
            .search([("model", "=", "crm.case"), ("res_id", "=", case.id)])
            .filtered(lambda m: "/rate/" in m.body_html)
        )
        self.assertEqual(len(mail), 1)
        self.assertIn(self.customer, mail.recipient_ids)
        token = case._rating_get_access_token()
        self.assertIn(f"/rate/{token}/5", mail.body_html)
        # As Odoo's rating page applies it: as the system, for the token.
        case.sudo().rating_apply(5, token=token, feedback="Quick and kind")
        self.assertEqual(case.rating_last_value, 5)
        self.assertEqual(self.customer.with_user(self.manager).case_rating_avg, 5)
        other = self._create_case(user_id=self.agent.id)
        self._solve(other)
        other.sudo().rating_apply(1, token=other._rating_get_access_token())
        self.customer.invalidate_recordset()
        self.assertEqual(self.customer.with_user(self.manager).case_rating_avg, 3)

    def test_no_rating_request_when_the_type_says_no(self):
        self.type_general.rating_request = False
        case = self._create_case(user_id=self.agent.id)
        self._solve(case)
        self.assertFalse(case.rating_ids)

    def test_case_analysis_by_project(self):
        project = self.env["project.project"].create({"name": "Quality"})
        for _index in range(3):
            self._create_case(project_id=project.id)
        closed = self._create_case(project_id=project.id, user_id=self.agent.id)
        self._solve(closed)
        groups = self.env["crm.case"]._read_group(
            [("project_id", "=", project.id)], ["state"], ["__count"]
        )
        self.assertEqual(dict(groups), {"open": 3, "closed": 1})
        action = self.env.ref("crm_case_management.crm_case_analysis_action")
        self.assertEqual(action.res_model, "crm.case")
