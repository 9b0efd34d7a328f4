# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""What a new case is born with: its queue, its assignee and its portal link.

The queue's pick, the assignee's personal queue and the portal token go
into the insert itself; these tests check what the people concerned see.
"""

from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import CaseCommon


@tagged("post_install", "-at_install")
class TestCaseCreatePath(CaseCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.queue = cls._create_first_line_queue()

    def _assigned_notices(self, case, user):
        return self.env["mail.message"].search(
            [
                ("model", "=", "crm.case"),
                ("res_id", "=", case.id),
                ("message_type", "=", "user_notification"),
                ("partner_ids", "in", user.partner_id.ids),
            ]
        )

    def _assignee_changes(self, case):
        return case.sudo().message_ids.tracking_value_ids.filtered(
            lambda value: value.field_id.name == "user_id"
        )

    def test_a_case_opened_in_a_queue_reaches_a_member_once(self):
        first = self._create_case(queue_id=self.queue.id)
        second = self._create_case(queue_id=self.queue.id)
        members = self.agent | self.other_agent
        self.assertEqual(first.user_id | second.user_id, members, "members take turns")
        for case in first | second:
            self.assertEqual(case.queue_id, self.queue)
            self.assertEqual(len(self._assigned_notices(case, case.user_id)), 1)
            self.assertEqual(
                case.activity_ids.user_id, case.user_id, "the assignee's to-do"
            )
            self.assertIn(case.user_id, case.unseen_user_ids)
            self.assertIn(case.user_id.partner_id, case.message_partner_ids)
            # Born assigned: no "Assignee: None -> X" line in its history.
            self.assertFalse(self._assignee_changes(case))

    def test_a_case_opened_for_an_agent_still_follows_the_routing_rules(self):
        case = self._create_case(user_id=self.agent.id)
        self.assertEqual(case.queue_id, self.queue, "the default queue files it")
        self.assertEqual(case.user_id, self.agent, "the creator's choice stays")
        self.assertEqual(len(self._assigned_notices(case, self.agent)), 1)

    def test_a_queue_limited_to_project_members_still_picks_among_them(self):
        project = self.env["project.project"].create({"name": "Printers"})
        project.message_subscribe(partner_ids=self.other_agent.partner_id.ids)
        self.queue.limit_to_project_members = True
        for _index in range(2):
            case = self._create_case(queue_id=self.queue.id, project_id=project.id)
            self.assertEqual(case.user_id, self.other_agent)

    def test_a_manual_queue_leaves_new_cases_to_its_members(self):
        self.queue.assignment_method = "manual"
        case = self._create_case(queue_id=self.queue.id)
        self.assertFalse(case.user_id)
        self.assertEqual(case.queue_id, self.queue)

    def test_the_customer_link_exists_from_the_start_and_stays(self):
        case = self._create_case(user_id=self.agent.id)
        token = case.access_token
        self.assertTrue(token)
        case.with_user(self.agent).message_post(
            body="We are on our way.",
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
            partner_ids=self.customer.ids,
        )
        self.assertEqual(case.access_token, token)
        mail = self.env["mail.mail"].search(
            [
                ("res_id", "=", case.id),
                ("model", "=", "crm.case"),
                ("recipient_ids", "in", self.customer.ids),
            ],
            order="id desc",
            limit=1,
        )
        self.assertIn(token, mail.body_html, "the customer's button opens this case")

    def test_two_cases_never_share_a_customer_link(self):
        cases = (
            self.env["crm.case"]
            .with_user(self.operator)
            .create(
                [
                    {
                        "name": f"Twin {index}",
                        "description": "<p>twin</p>",
                        "partner_id": self.customer.id,
                    }
                    for index in range(2)
                ]
            )
        )
        self.assertEqual(len(set(cases.mapped("access_token"))), 2)
        self.assertNotIn(False, cases.mapped("access_token"))

    def test_a_client_cannot_choose_the_customer_link(self):
        with self.assertRaisesRegex(UserError, "set by the system"):
            self._create_case(access_token="chosen-by-the-client")
        self.assertFalse(
            self.env["crm.case"].search([("access_token", "=", "chosen-by-the-client")])
        )

    def test_another_companys_queue_is_refused_before_it_picks(self):
        # A client sending the id of another company's queue gets the
        # company check's refusal, and that queue's turns are untouched.
        branch = self.env["res.company"].create({"name": "Branch desk"})
        members = self.agent | self.other_agent
        members.company_ids += branch
        branch_queue = self.env["crm.case.queue"].create(
            {
                "name": "Branch line",
                "company_id": branch.id,
                "assignment_method": "round_robin",
                "member_ids": [Command.set(members.ids)],
            }
        )
        for _attempt in range(3):
            with self.assertRaises(UserError), self.env.cr.savepoint():
                self._create_case(queue_id=branch_queue.id)
        branch_case = (
            self.env["crm.case"]
            .with_company(branch)
            .create(
                {
                    "name": "At the branch",
                    "description": "<p>branch</p>",
                    "partner_id": self.customer.id,
                    "company_id": branch.id,
                    "queue_id": branch_queue.id,
                }
            )
        )
        # Three turns drawn by the refused creates would give this first
        # case the second member.
        self.assertEqual(branch_case.user_id, members.sorted("id")[0])
