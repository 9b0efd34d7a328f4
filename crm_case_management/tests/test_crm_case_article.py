# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged

from .common import CaseCommon


@tagged("post_install", "-at_install")
class TestCaseArticle(CaseCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Article = cls.env["crm.case.article"]
        # A clean knowledge base, whatever demo data the database holds.
        Article.search([]).unlink()
        cls.editor = new_test_user(
            cls.env,
            "case_editor",
            groups="crm_case_management.group_crm_case_kb_editor",
        )
        cls.printer = cls.env["crm.case.subject"].create({"name": "Printers"})
        cls.laser = cls.env["crm.case.subject"].create(
            {"name": "Laser", "parent_id": cls.printer.id}
        )
        cls.vpn_product = cls.env["product.product"].create({"name": "VPN Box"})
        cls.article_printer = Article.create(
            {
                "name": "چاپگر بعد از قطع برق روشن نمی‌شود",
                "keywords": "printer power",
                "body": "<p>فیوز منبع تغذیه را بررسی و تعویض کنید.</p>",
                "subject_ids": [(6, 0, cls.printer.ids)],
                "state": "published",
            }
        )
        cls.article_vpn = Article.create(
            {
                "name": "VPN disconnects every few minutes",
                "keywords": "tunnel timeout",
                "body": "<p>Raise the keep-alive interval of the VPN client.</p>",
                "product_ids": [(6, 0, cls.vpn_product.ids)],
                "state": "published",
            }
        )
        cls.article_draft = Article.create(
            {
                "name": "Printer firmware upgrade (draft)",
                "body": "<p>Not reviewed yet.</p>",
                "state": "draft",
            }
        )
        cls.article_portal = Article.create(
            {
                "name": "How to reset your portal password",
                "body": "<p>Use the reset link.</p>",
                "state": "published",
                "portal_published": True,
            }
        )

    def test_persian_search_with_arabic_letters_and_without_zwnj(self):
        # Typed with Arabic yeh/kaf and no zero-width non-joiner.
        found = self.env["crm.case.article"].search_text("چاپگر روشن نميشود")
        self.assertEqual(found[:1], self.article_printer)

    def test_english_search_ranks_the_title_first(self):
        found = self.env["crm.case.article"].search_text("vpn disconnects")
        self.assertEqual(found[:1], self.article_vpn)
        self.assertNotIn(self.article_portal, found)

    def test_keywords_and_typos_are_found(self):
        Article = self.env["crm.case.article"]
        self.assertEqual(Article.search_text("tunnel")[:1], self.article_vpn)
        self.assertEqual(Article.search_text("disconects")[:1], self.article_vpn)

    def test_empty_query_finds_nothing(self):
        self.assertFalse(self.env["crm.case.article"].search_text("  ،  "))

    def test_drafts_are_for_editors_only(self):
        Article = self.env["crm.case.article"]
        self.assertNotIn(
            self.article_draft, Article.with_user(self.operator).search_text("printer")
        )
        self.assertIn(
            self.article_draft, Article.with_user(self.editor).search_text("printer")
        )
        with self.assertRaises(AccessError):
            self.article_draft.with_user(self.operator).read(["name"])
        with self.assertRaises(AccessError):
            self.article_vpn.with_user(self.operator).write({"name": "Mine"})

    def test_portal_reads_only_articles_published_for_customers(self):
        portal = new_test_user(self.env, "case_kb_portal", groups="base.group_portal")
        visible = self.env["crm.case.article"].with_user(portal).search([])
        self.assertEqual(visible, self.article_portal)

    def test_suggestions_follow_subject_product_and_text(self):
        case = self._create_case(name="Laser printer dark", subject_id=self.laser.id)
        self.assertEqual(case.suggested_article_ids[:1], self.article_printer)
        vpn_case = self._create_case(
            name="Connection drops", product_id=self.vpn_product.id
        )
        self.assertEqual(vpn_case.suggested_article_ids[:1], self.article_vpn)
        self.assertNotIn(self.article_draft, case.suggested_article_ids)
        self.article_printer.action_archive_article()
        case.invalidate_recordset(["suggested_article_ids"])
        self.assertNotIn(self.article_printer, case.suggested_article_ids)

    def test_solved_with_article_closes_and_counts_once(self):
        case = self._create_case(name="Printer is dark", subject_id=self.laser.id)
        case.with_user(self.operator).with_context(crm_case_id=case.id).env[
            "crm.case.article"
        ].browse(self.article_printer.id).action_solve_case()
        self.assertEqual(case.state, "closed")
        self.assertEqual(case.article_id, self.article_printer)
        self.assertIn("فیوز", case.resolution)
        self.assertEqual(self.article_printer.solved_count, 1)
        self.assertEqual(self.article_printer.use_count, 1)
        with self.assertRaises(UserError):
            case.with_user(self.operator).action_solve_with_article(
                self.article_printer
            )
        self.assertEqual(self.article_printer.solved_count, 1)

    def test_solving_waits_for_the_creator_when_the_assignee_solves(self):
        case = self._create_case(user_id=self.agent.id)
        case.with_user(self.agent).action_solve_with_article(self.article_vpn)
        self.assertEqual(case.state, "done")
        self.assertEqual(self.article_vpn.solved_count, 0)
        case.with_user(self.operator).action_approve()
        self.assertEqual(self.article_vpn.solved_count, 1)

    def test_draft_article_cannot_solve(self):
        case = self._create_case(user=self.manager)
        with self.assertRaisesRegex(UserError, "published"):
            case.with_user(self.manager).action_solve_with_article(self.article_draft)
        with self.assertRaises(AccessError):  # users do not even see drafts
            self._create_case().action_solve_with_article(self.article_draft)

    def test_send_article_to_the_customer(self):
        case = self._create_case()
        case.with_user(self.operator).action_send_article(self.article_vpn)
        message = case.message_ids[0]
        self.assertIn("keep-alive", message.body)
        self.assertIn(self.customer, message.partner_ids)

    def test_write_back_drafts_an_article(self):
        case = self._create_case(
            name="Scanner not found", subject_id=self.laser.id, user_id=self.operator.id
        )
        mine = case.with_user(self.operator)
        with self.assertRaisesRegex(UserError, "closed case"):
            mine.action_create_article()
        mine.resolution = "<p>Installed the driver.</p>"
        mine.action_done()
        mine.action_approve()
        action = mine.action_create_article()
        article = self.env["crm.case.article"].browse(action["res_id"])
        self.assertEqual(article.state, "draft")
        self.assertEqual(article.source_case_id, case)
        self.assertEqual(article.subject_ids, self.laser)
        self.assertIn("Installed the driver", article.body)

    def test_votes_and_score(self):
        self.article_vpn.with_user(self.agent).action_vote_helpful()
        self.article_vpn.with_user(self.operator).action_vote_helpful()
        self.article_vpn.with_user(self.other_agent).action_vote_unhelpful()
        self.article_vpn.with_user(self.other_agent).action_vote_helpful()
        self.assertEqual(
            (self.article_vpn.helpful_count, self.article_vpn.unhelpful_count), (3, 0)
        )
        self.assertAlmostEqual(self.article_vpn.score, 4 / 5)
        self.article_vpn.with_user(self.agent).action_vote_unhelpful()
        self.assertAlmostEqual(self.article_vpn.score, 3 / 5)

    def test_body_keeps_its_revisions(self):
        self.article_vpn.body = "<p>Second version.</p>"
        self.assertTrue(self.article_vpn.html_field_history_metadata["body"])
