# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Suggestions while the case is typed: the form's onchange computes them
on the unsaved record, under the typist's record rules."""

from odoo.tests import Form, new_test_user, tagged

from .common import CaseCommon


@tagged("post_install", "-at_install")
class TestCaseSuggestUnsaved(CaseCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Article = cls.env["crm.case.article"]
        Article.search([]).unlink()
        cls.product = cls.env["product.product"].create({"name": "Laser Printer X"})
        cls.article = Article.create(
            {
                "name": "Printer stays dark after a power cut",
                "body": "<p>Replace the fuse of the power supply.</p>",
                "state": "published",
            }
        )
        cls.article_product = Article.create(
            {
                "name": "Paper jams in the rear tray",
                "body": "<p>Open the rear door.</p>",
                "product_ids": [(6, 0, cls.product.ids)],
                "state": "published",
            }
        )
        cls.draft = Article.create(
            {
                "name": "Printer stays dark after a power cut (draft)",
                "body": "<p>Not reviewed.</p>",
                "state": "draft",
            }
        )
        cls.editor = new_test_user(
            cls.env,
            "case_kb_editor2",
            groups="crm_case_management.group_crm_case_kb_editor",
        )

    def _new_case_form(self, user):
        return Form(self.env["crm.case"].with_user(user))

    def test_typed_title_suggests_the_article_before_saving(self):
        form = self._new_case_form(self.operator)
        self.assertFalse(len(form.suggested_article_ids))
        form.name = "Printer stays dark after a power cut"
        self.assertIn(self.article, list(form.suggested_article_ids))

    def test_product_alone_suggests_its_articles(self):
        form = self._new_case_form(self.operator)
        form.product_id = self.product
        self.assertIn(self.article_product, list(form.suggested_article_ids))
        self.assertNotIn(self.article, list(form.suggested_article_ids))

    def test_drafts_are_never_suggested_even_to_editors(self):
        form = self._new_case_form(self.editor)
        form.name = "Printer stays dark after a power cut"
        self.assertNotIn(self.draft, list(form.suggested_article_ids))

    def test_duplicates_appear_before_saving_within_record_rules(self):
        own = self._create_case(
            self.operator, name="Printer stays dark after a power cut"
        )
        # A look-alike the agent may not read: opened and handled by others.
        hidden = self._create_case(
            self.manager,
            name="Printer stays dark after a power cut again",
            user_id=self.manager.id,
        )
        self.assertFalse(
            self.env["crm.case"].with_user(self.agent).search([("id", "=", hidden.id)])
        )
        form = self._new_case_form(self.operator)
        form.partner_id = self.customer
        form.name = "Printer stays dark after the power cut"
        self.assertIn(own, list(form.duplicate_ids))
        agent_form = self._new_case_form(self.agent)
        agent_form.partner_id = self.customer
        agent_form.name = "Printer stays dark after the power cut"
        self.assertNotIn(hidden, list(agent_form.duplicate_ids))
        # another customer's look-alike is no duplicate
        agent_form.partner_id = self.other_customer
        self.assertFalse(len(agent_form.duplicate_ids))

    def test_suggestions_follow_the_text_as_it_changes(self):
        form = self._new_case_form(self.operator)
        form.name = "Printer stays dark after a power cut"
        self.assertIn(self.article, list(form.suggested_article_ids))
        self.assertNotIn(self.article_product, list(form.suggested_article_ids))
        form.name = "Paper jams in the rear tray"
        self.assertIn(self.article_product, list(form.suggested_article_ids))
