# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged, users

from .common import CaseCommon


@tagged("post_install", "-at_install")
class TestCaseAccess(CaseCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.mine = cls._create_case(user=cls.operator, user_id=cls.agent.id)
        cls.theirs = cls._create_case(
            user=cls.other_agent, partner_id=cls.other_customer.id
        )
        cls.contact_case = cls._create_case(
            user=cls.other_agent, partner_id=cls.customer_contact.id
        )
        cls.portal_user = new_test_user(
            cls.env,
            "case_portal",
            groups="base.group_portal",
            partner_id=cls.env["res.partner"]
            .create({"name": "Portal Contact", "parent_id": cls.customer.id})
            .id,
        )

    @users("case_operator", "case_agent")
    def test_creator_and_assignee_see_the_case(self):
        cases = self.env["crm.case"].search([])
        self.assertIn(self.mine, cases)
        self.assertNotIn(self.theirs, cases)
        self.mine.with_env(self.env).read(["name"])

    @users("case_operator", "case_agent")
    def test_others_cases_are_out_of_reach(self):
        theirs = self.theirs.with_env(self.env)
        with self.assertRaises(AccessError):
            theirs.read(["name"])
        with self.assertRaises(AccessError):
            theirs.write({"name": "Hijacked"})
        with self.assertRaises(AccessError):
            theirs.unlink()

    @users("case_manager")
    def test_manager_sees_and_edits_all(self):
        cases = self.env["crm.case"].search([])
        self.assertIn(self.mine, cases)
        self.assertIn(self.theirs, cases)
        self.theirs.with_env(self.env).write({"name": "Renamed by manager"})
        self.assertEqual(self.theirs.name, "Renamed by manager")

    @users("case_portal")
    def test_portal_user_reads_only_their_company_cases(self):
        cases = self.env["crm.case"].search([])
        self.assertEqual(cases, self.mine | self.contact_case)
        with self.assertRaises(AccessError):
            self.theirs.with_env(self.env).read(["name"])
        with self.assertRaises(AccessError):
            self.mine.with_env(self.env).write({"name": "Changed"})
        with self.assertRaises(AccessError):
            self.env["crm.case"].create(
                {"name": "x", "description": "<p>x</p>", "partner_id": self.customer.id}
            )

    @users("case_operator")
    def test_configuration_is_read_only_for_users(self):
        with self.assertRaises(AccessError):
            self.env["crm.case.channel"].create({"name": "Telegram"})
        self.assertTrue(self.env["crm.case.channel"].search([]))

    @users("case_manager")
    def test_manager_configures_the_desk(self):
        channel = self.env["crm.case.channel"].create({"name": "Telegram"})
        self.assertEqual(channel.name, "Telegram")

    def test_other_company_cases_are_hidden(self):
        other_company = self.env["res.company"].create({"name": "Other Co"})
        foreign = self._create_case(
            user=self.env.user,
            company_id=other_company.id,
            partner_id=self.other_customer.id,
            user_id=self.agent.id,
        )
        # Assigned, but in a company the agent does not belong to.
        self.assertNotIn(foreign, self.env["crm.case"].with_user(self.agent).search([]))
        self.manager.company_ids |= other_company
        as_manager = self.env["crm.case"].with_user(self.manager)
        main_only = as_manager.with_context(allowed_company_ids=self.company.ids)
        self.assertNotIn(foreign, main_only.search([]))
        both = as_manager.with_context(
            allowed_company_ids=(self.company | other_company).ids
        )
        self.assertIn(foreign, both.search([]))

    def test_desk_can_be_a_users_home_screen(self):
        action = self.env.ref("crm_case_management.crm_case_action")
        self.agent.action_id = action.id
        self.assertEqual(self.agent.action_id.id, action.id)
