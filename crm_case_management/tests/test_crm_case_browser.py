# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import HttpCase, new_test_user, tagged

USER_GROUP = "crm_case_management.group_crm_case_user"


@tagged("post_install", "-at_install")
class TestCaseBrowser(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("fa_IR")
        cls.env["ir.module.module"]._load_module_terms(
            ["base", "web", "mail", "crm_case_management"], ["fa_IR"]
        )
        cls.persian_user = new_test_user(
            cls.env,
            "case_fa",
            groups=USER_GROUP,
            name="کارشناس پشتیبانی",
            lang="fa_IR",
            tz="Asia/Tehran",
        )
        cls.customer = cls.env["res.partner"].create(
            {"name": "شرکت نمونه پارسیان", "is_company": True}
        )

    def test_persian_user_registers_a_case_right_to_left(self):
        self.start_tour("/odoo/cases", "crm_case_persian_desk_tour", login="case_fa")
        case = self.env["crm.case"].search([("name", "=", "چاپگر روشن نمی‌شود")])
        self.assertEqual(len(case), 1)
        self.assertEqual(case.create_uid, self.persian_user)
        self.assertEqual(case.partner_id, self.customer)
        self.assertRegex(case.number, r"^CS-\d{5}-\d{4}$")
