# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A portal customer with an RPC client, trying what the pages do not offer."""

from odoo.tests import tagged

from .common import RpcError
from .portal_common import CasePortalCommon


@tagged("post_install", "-at_install")
class TestPortalRpcAttacks(CasePortalCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.internal_article = cls.env["crm.case.article"].create(
            {"name": "Agents only: refund tricks", "state": "published"}
        )

    def test_no_vote_or_view_on_an_article_the_customer_cannot_read(self):
        article = self.internal_article
        for method in ("action_vote_helpful", "action_vote_unhelpful"):
            with self.subTest(method=method), self.assertRaises(RpcError) as caught:
                self.call_kw(self.portal_ali, "crm.case.article", method, [article.ids])
            self.assertIn("AccessError", caught.exception.name)
        with self.assertRaises(RpcError):
            self.call_kw(
                self.portal_ali, "crm.case.article", "action_count_view", [article.ids]
            )
        article.invalidate_recordset()
        self.assertEqual(article.view_count, 0)
        self.assertFalse(
            self.env["crm.case.article.vote"].search([("article_id", "=", article.id)])
        )

    def test_a_customer_cannot_take_a_phone_extension(self):
        with self.assertRaises(RpcError):
            self.call_kw(
                self.portal_ali,
                "res.users",
                "write",
                [self.portal_ali.ids, {"phone_extension": "205"}],
            )
        self.portal_ali.invalidate_recordset()
        self.assertFalse(self.portal_ali.sudo().phone_extension)
        # An agent still sets their own.
        self.agent.with_user(self.agent).write({"phone_extension": "205"})
        self.assertEqual(self.agent.phone_extension, "205")

    def test_a_customers_message_is_a_comment_whatever_they_send(self):
        for forged in (
            {"message_type": "sms"},
            {"subtype_xmlid": "mail.mt_note"},
            {"message_type": "notification", "subtype_xmlid": "mail.mt_note"},
        ):
            with self.subTest(forged=forged):
                message_id = self.call_kw(
                    self.portal_ali,
                    "crm.case",
                    "message_post",
                    [self.case_ali.ids],
                    body="The technician never came.",
                    **forged,
                )
                message = self.env["mail.message"].browse(message_id)
                self.assertEqual(message.message_type, "comment")
                self.assertEqual(message.subtype_id, self.env.ref("mail.mt_comment"))
                self.assertEqual(message.author_id, self.customer_contact)
