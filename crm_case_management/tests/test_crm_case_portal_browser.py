# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The customer pages in Chromium, in Persian, right to left."""

from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestCasePortalBrowser(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("fa_IR")
        cls.env["ir.module.module"]._load_module_terms(
            ["base", "web", "mail", "portal", "crm_case_management"], ["fa_IR"]
        )
        company = cls.env["res.partner"].create(
            {"name": "شرکت نمونه پارسیان", "is_company": True}
        )
        cls.contact = cls.env["res.partner"].create(
            {"name": "علی رضایی", "parent_id": company.id, "phone": "09123456789"}
        )
        cls.portal_user = new_test_user(
            cls.env,
            "portal_fa",
            groups="base.group_portal",
            lang="fa_IR",
            tz="Asia/Tehran",
        )
        cls.portal_user.partner_id.parent_id = company
        cls.agent = new_test_user(
            cls.env, "agent_fa", groups="crm_case_management.group_crm_case_user"
        )
        Case = cls.env["crm.case"].with_user(cls.portal_user).sudo()
        cls.case = Case.create(
            {
                "name": "چاپگر خاموش است",
                "description": "<p>چاپگر پس از قطع برق روشن نمی‌شود.</p>",
                "partner_id": cls.portal_user.partner_id.id,
                "user_id": cls.agent.id,
                "number": "CS-TOUR-4242",
            }
        )
        cls.case.with_user(cls.agent).write({"resolution": "<p>فیوز عوض شد.</p>"})
        cls.case.with_user(cls.agent).action_done()
        cls.case.partner_id.phone = "09123456789"

    def test_portal_customer_confirms_a_resolution(self):
        self.start_tour(
            "/fa/my/cases", "crm_case_portal_persian_tour", login="portal_fa"
        )
        self.assertEqual(self.case.state, "closed")

    def test_visitor_follows_a_case_and_asks_for_a_call(self):
        self.start_tour("/case/track?lang=fa_IR", "crm_case_track_persian_tour")
        call = self.env.ref("mail.mail_activity_data_call")
        activity = self.case.activity_ids.filtered(lambda a: a.activity_type_id == call)
        self.assertEqual(activity.user_id, self.agent)

    def test_visitor_files_a_complaint(self):
        self.start_tour("/case/complaint?lang=fa_IR", "crm_case_complaint_persian_tour")
        case = self.env["crm.case"].search([("partner_id.name", "=", "سارا احمدی")])
        self.assertEqual(len(case), 1)
        self.assertEqual(
            case.type_id, self.env.ref("crm_case_management.crm_case_type_complaint")
        )

    def test_portal_customer_opens_a_case_with_a_suggested_article(self):
        self.env["crm.case.article"].create(
            {
                "name": "فیوز چاپگر را بررسی کنید",
                "keywords": "چاپگر روشن",
                "body": "<p>فیوز را عوض کنید.</p>",
                "state": "published",
                "portal_published": True,
            }
        )
        general = self.env.ref("crm_case_management.crm_case_type_general")
        general.case_properties_definition = [
            {"name": "serial", "string": "شماره سریال", "type": "char"}
        ]
        self.start_tour(
            "/fa/my/cases/new", "crm_case_portal_new_case_tour", login="portal_fa"
        )
        case = self.env["crm.case"].search([("name", "=", "چاپگر روشن نمی‌شود")])
        self.assertEqual(case.create_uid, self.portal_user)
        self.assertEqual(case.case_properties.get("serial"), "LP-42")
