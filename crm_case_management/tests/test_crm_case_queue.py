# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import datetime

from odoo import Command
from odoo.tests import tagged

from .common import CaseCommon


@tagged("post_install", "-at_install")
class TestCaseQueue(CaseCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.first_line = cls._create_first_line_queue()
        Queue = cls.env["crm.case.queue"]
        cls.complaints = Queue.create(
            {
                "name": "Complaints desk",
                "assignment_method": "balanced",
                "member_ids": [Command.set((cls.agent | cls.other_agent).ids)],
            }
        )
        cls.phone_desk = Queue.create({"name": "Phone desk"})
        Rule = cls.env["crm.case.routing.rule"]
        Rule.create(
            {
                "name": "Complaints",
                "sequence": 1,
                "domain": f"[('type_id', '=', {cls.type_complaint.id})]",
                "queue_id": cls.complaints.id,
            }
        )
        Rule.create(
            {
                "name": "Phone",
                "sequence": 2,
                "domain": f"[('channel_id', '=', {cls.channel_phone.id})]",
                "queue_id": cls.phone_desk.id,
            }
        )

    def test_first_matching_rule_wins_and_default_takes_the_rest(self):
        complaint_by_phone = self._create_case(
            type_id=self.type_complaint.id, channel_id=self.channel_phone.id
        )
        by_phone = self._create_case(channel_id=self.channel_phone.id)
        other = self._create_case()
        self.assertEqual(complaint_by_phone.queue_id, self.complaints)
        self.assertEqual(by_phone.queue_id, self.phone_desk)
        self.assertEqual(other.queue_id, self.first_line)

    def test_manual_queue_leaves_cases_unassigned(self):
        case = self._create_case(channel_id=self.channel_phone.id)
        self.assertFalse(case.user_id)

    def test_round_robin_takes_members_in_turn(self):
        # Turns are counted across transactions (rolled-back tests draw
        # turns too), so who starts is not fixed; the alternation is.
        first, second, third, fourth = (
            self._create_case().user_id for _index in range(4)
        )
        self.assertEqual(first | second, self.agent | self.other_agent)
        self.assertEqual((third, fourth), (first, second))

    def test_routed_case_gets_one_handle_activity(self):
        case = self._create_case()
        handle = self.env.ref("crm_case_management.mail_activity_type_case_handle")
        activities = case.activity_ids.filtered(lambda a: a.activity_type_id == handle)
        self.assertEqual(len(activities), 1)
        self.assertEqual(activities.user_id, case.user_id)
        # The assignee hears of the case once ("You have been assigned"),
        # not once more for its activity.
        notifications = self.env["mail.message"].search(
            [
                ("model", "=", "crm.case"),
                ("res_id", "=", case.id),
                ("message_type", "=", "user_notification"),
            ]
        )
        self.assertEqual(len(notifications), 1)
        self.assertEqual(notifications.partner_ids, case.user_id.partner_id)
        self.assertIn(case.number, notifications.subject)

    def test_round_robin_skips_unavailable_members(self):
        self.other_agent.case_available = False
        assignees = {self._create_case().user_id for _index in range(3)}
        self.assertEqual(assignees, {self.agent})

    def test_members_on_leave_get_nothing(self):
        self.first_line.resource_calendar_id = self.calendar
        employee = self.env["hr.employee"].create(
            {"name": "Agent", "user_id": self.agent.id}
        )
        now = datetime.datetime.now()
        self.env["resource.calendar.leaves"].create(
            {
                "name": "Holiday",
                "calendar_id": self.calendar.id,
                "resource_id": employee.resource_id.id,
                "date_from": now - datetime.timedelta(hours=1),
                "date_to": now + datetime.timedelta(hours=8),
            }
        )
        assignees = {self._create_case().user_id for _index in range(2)}
        self.assertEqual(assignees, {self.other_agent})

    def test_balanced_fills_by_load_and_capacity(self):
        self.agent.case_capacity = 3
        self.other_agent.case_capacity = 1
        assignees = [
            self._create_case(type_id=self.type_complaint.id).user_id
            for _index in range(4)
        ]
        self.assertEqual(assignees.count(self.agent), 3)
        self.assertEqual(assignees.count(self.other_agent), 1)

    def test_project_cases_go_to_project_people(self):
        project = self.env["project.project"].create({"name": "Parsian roll-out"})
        project.message_subscribe(partner_ids=self.other_agent.partner_id.ids)
        self.first_line.limit_to_project_members = True
        assignees = {
            self._create_case(project_id=project.id).user_id for _index in range(3)
        }
        self.assertEqual(assignees, {self.other_agent})

    def test_route_again(self):
        case = self._create_case()
        self.assertEqual(case.queue_id, self.first_line)
        case.with_user(self.manager).channel_id = self.channel_phone
        case.with_user(self.manager).action_route_again()
        self.assertEqual(case.queue_id, self.phone_desk)

    def test_queue_members_see_the_queue_cases(self):
        outsider = self.env["res.users"].create(
            {
                "name": "Outsider",
                "login": "outsider",
                "group_ids": [
                    Command.set(
                        [self.env.ref("crm_case_management.group_crm_case_user").id]
                    )
                ],
            }
        )
        case = self._create_case(channel_id=self.channel_phone.id)
        self.assertNotIn(case, self.env["crm.case"].with_user(outsider).search([]))
        self.phone_desk.member_ids = outsider
        self.assertIn(case, self.env["crm.case"].with_user(outsider).search([]))

    def test_manual_assignment_goes_to_the_personal_queue(self):
        self.first_line.is_default = False
        case = self._create_case(user_id=self.agent.id)
        personal = self.env["crm.case.queue"].search(
            [("personal_user_id", "=", self.agent.id)]
        )
        self.assertEqual(case.queue_id, personal)
        self.assertEqual(self._create_case(user_id=self.agent.id).queue_id, personal)

    def test_queue_overview_counts(self):
        self.phone_desk.invalidate_recordset()
        for _index in range(2):
            self._create_case(channel_id=self.channel_phone.id)
        self.assertEqual(self.phone_desk.unassigned_count, 2)
