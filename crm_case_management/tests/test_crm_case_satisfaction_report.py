# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import re

from odoo.tests import tagged

from .common import CaseRpcCommon, RpcError


@tagged("post_install", "-at_install")
class TestSatisfactionReport(CaseRpcCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.answers = []
        for assignee, rating in (
            (cls.agent, 5),
            (cls.agent, 1),
            (cls.other_agent, 3),
            (cls.other_agent, 5),
            (cls.other_agent, 5),
        ):
            case = cls._create_case(user_id=assignee.id)
            case.with_user(assignee).action_record_satisfaction(
                rating, cls.customer_contact.id
            )
            cls.answers.append((case, assignee, rating))

    def test_average_and_satisfied_share_per_assignee_match_the_answers(self):
        Report = self.env["crm.case.satisfaction.report"]
        cases = [case.id for case, _assignee, _rating in self.answers]
        rows = Report._read_group(
            [("case_id", "in", cases)],
            ["user_id"],
            ["rating:avg", "satisfied_rate:avg", "__count"],
        )
        got = {user: (avg, share, count) for user, avg, share, count in rows}
        for assignee in (self.agent, self.other_agent):
            ratings = [r for _c, a, r in self.answers if a == assignee]
            expected_avg = sum(ratings) / len(ratings)
            expected_share = 100.0 * sum(r >= 4 for r in ratings) / len(ratings)
            avg, share, count = got[assignee]
            self.assertEqual(count, len(ratings))
            self.assertAlmostEqual(avg, expected_avg)
            self.assertAlmostEqual(share, expected_share)

    def test_rows_carry_the_cases_queue_project_and_stage(self):
        case, assignee, rating = self.answers[0]
        row = self.env["crm.case.satisfaction.report"].search(
            [("case_id", "=", case.id)]
        )
        self.assertEqual(len(row), 1)
        self.assertEqual(
            (row.user_id, row.queue_id, row.project_id, row.stage_id, row.rating),
            (assignee, case.queue_id, case.project_id, case.stage_id, rating),
        )

    def test_only_managers_read_it(self):
        with self.assertRaises(RpcError):
            self.json2(
                self.agent,
                "crm.case.satisfaction.report",
                "search_read",
                domain=[],
                fields=["rating"],
            )
        rows = self.json2(
            self.manager,
            "crm.case.satisfaction.report",
            "search_read",
            domain=[("case_id", "in", [c.id for c, _a, _r in self.answers])],
            fields=["rating"],
        )
        self.assertEqual(len(rows), len(self.answers))

    def test_the_customers_rating_page_still_records_the_answer(self):
        """Ratings on cases are written only as the system: Odoo's own rating
        page, which works as the system for the token, still records them."""
        case = self._create_case(user_id=self.agent.id)
        token = case.sudo()._rating_get_access_token(self.customer_contact)
        page = self.url_open(f"/rate/{token}/5")
        self.assertEqual(page.status_code, 200)
        csrf = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
        response = self.url_open(
            f"/rate/{token}/submit_feedback",
            data={"rate": 5, "feedback": "Good", "csrf_token": csrf},
        )
        self.assertEqual(response.status_code, 200)
        rating = case.sudo().rating_ids
        self.assertEqual((rating.rating, rating.consumed), (5.0, True))
        case.invalidate_recordset()
        self.assertTrue(case.has_satisfaction)
