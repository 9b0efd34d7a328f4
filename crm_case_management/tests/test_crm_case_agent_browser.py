# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import HttpCase, new_test_user, tagged

from .common import USER_GROUP


@tagged("post_install", "-at_install")
class TestCaseAgentBrowser(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["crm.case.article"].search([]).unlink()
        cls.article = cls.env["crm.case.article"].create(
            {
                "name": "Printer stays dark after a power cut",
                "body": "<p>Replace the fuse of the power supply.</p>",
                "state": "published",
            }
        )
        # The English tours read English whatever the database's languages
        # (scripts/test installs Persian only, which new users then get).
        cls.env["res.lang"]._activate_lang("en_US")
        cls.agent = new_test_user(
            cls.env, "case_tour_agent", groups=USER_GROUP, lang="en_US"
        )

    def test_article_is_suggested_while_the_case_is_typed(self):
        cases_before = self.env["crm.case"].search_count([])
        self.start_tour(
            "/odoo/cases/new", "crm_case_suggest_unsaved_tour", login="case_tour_agent"
        )
        # the suggestion came before (and without) saving
        self.assertEqual(self.env["crm.case"].search_count([]), cases_before)

    def test_counter_in_the_top_bar_reads_right_to_left(self):
        self.env["res.lang"]._activate_lang("fa_IR")
        self.env["ir.module.module"]._load_module_terms(
            ["base", "web", "mail", "crm_case_management"], ["fa_IR"]
        )
        persian = new_test_user(
            self.env,
            "case_tour_fa",
            groups=USER_GROUP,
            name="کارشناس",
            lang="fa_IR",
            tz="Asia/Tehran",
        )
        customer = self.env["res.partner"].create({"name": "فروشگاه آفتاب"})
        self.env["crm.case"].with_user(self.agent).create(
            {
                "name": "کارت‌خوان پرداخت نمی‌کند",
                "description": "<p>از صبح پرداخت انجام نمی‌شود.</p>",
                "partner_id": customer.id,
                "user_id": persian.id,
            }
        )
        self.start_tour("/odoo", "crm_case_counter_rtl_tour", login="case_tour_fa")

    def test_keyboard_new_case_palette_and_approve(self):
        creator = new_test_user(
            self.env, "case_tour_keys", groups=USER_GROUP, lang="en_US"
        )
        customer = self.env["res.partner"].create({"name": "Keyboard Customer"})
        case = (
            self.env["crm.case"]
            .with_user(creator)
            .create(
                {
                    "name": "Keyboard approval",
                    "description": "<p>Approve me from the keyboard.</p>",
                    "partner_id": customer.id,
                    "user_id": self.agent.id,
                }
            )
        )
        case.with_user(self.agent).write({"resolution": "<p>Done it.</p>"})
        case.with_user(self.agent).action_done()
        self.start_tour("/odoo", "crm_case_keyboard_tour", login="case_tour_keys")
        self.assertEqual(case.state, "closed")

    def test_queue_item_kanban_pick(self):
        queue = self.env["crm.case.queue"].create(
            {"name": "Tour queue", "member_ids": [(6, 0, self.agent.ids)]}
        )
        customer = self.env["res.partner"].create({"name": "Tour Customer"})
        case = (
            self.env["crm.case"]
            .with_user(self.agent)
            .create(
                {
                    "name": "Tour case",
                    "description": "<p>For the queue item tour.</p>",
                    "partner_id": customer.id,
                    "user_id": self.agent.id,
                }
            )
        )
        message = case.message_post(
            body="Call back", subject="Tour call back", message_type="comment"
        )
        item = self.env["crm.case.queue.item"].create(
            {"queue_id": queue.id, "message_id": message.id}
        )
        self.start_tour(
            "/odoo/action-crm_case_management.crm_case_queue_item_action",
            "crm_case_queue_item_tour",
            login="case_tour_agent",
        )
        self.assertEqual((item.state, item.user_id), ("picked", self.agent))
