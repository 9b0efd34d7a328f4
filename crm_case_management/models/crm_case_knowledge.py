# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The knowledge base on the case: suggested articles, solving with one,
sending one to the customer and writing the solution back as an article."""

from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import html2plaintext


class CrmCase(models.Model):
    # One concern of crm.case per file, as crm_case.py explains.
    _inherit = "crm.case"  # pylint: disable=consider-merging-classes-inherited

    article_id = fields.Many2one(
        "crm.case.article",
        string="Solved with Article",
        index="btree_not_null",
        tracking=True,
        help="The knowledge article that solved the case.",
        # Articles reach customers by being sent or portal-published, not
        # through the case: the portal may not read every article.
        groups="base.group_user",
    )
    suggested_article_ids = fields.Many2many(
        "crm.case.article",
        string="Suggested Articles",
        compute="_compute_suggested_article_ids",
        help="Published articles that best match the case's subject, product and text.",
        groups="base.group_user",
    )

    @api.depends("name", "description", "subject_id", "product_id")
    def _compute_suggested_article_ids(self):
        Article = self.env["crm.case.article"]
        for case in self:
            text = f"{case.name or ''} {html2plaintext(case.description or '')}"
            subjects = case.subject_id
            while subjects[-1:].parent_id:  # articles of parent subjects help too
                subjects |= subjects[-1:].parent_id
            case.suggested_article_ids = Article._ranked_search(
                text, subjects=subjects, products=case.product_id, limit=5
            ).filtered(lambda article: article.state == "published")

    def action_solve_with_article(self, article):
        """Close the case as solved by ``article``, through the normal path.

        The article becomes the resolution; the case is marked done (and
        assigned to the current user if it had nobody) and, when the current
        user may approve it, approved; otherwise it waits for its creator.
        """
        self.ensure_one()
        article = self.env["crm.case.article"].browse(getattr(article, "id", article))
        if article.state != "published":
            raise UserError(self.env._("Only a published article can solve a case."))
        if not self.user_id:
            self.user_id = self.env.user
        note = self.env._("Solved with the article %s.", article.name)
        self.write(
            {
                "article_id": article.id,
                "resolution": Markup("<p>%s</p>%s") % (note, article.body or ""),
            }
        )
        self.action_done()
        if self.can_approve:
            self.action_approve()
        return True

    def action_send_article(self, article):
        """Post the article to the customer in the chatter."""
        self.ensure_one()
        article = self.env["crm.case.article"].browse(getattr(article, "id", article))
        if not self.partner_id:
            raise UserError(self.env._("The case has no customer to send it to."))
        self.message_post(
            body=Markup("<h4>%s</h4>%s") % (article.name, article.body or ""),
            partner_ids=self.partner_id.ids,
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )
        return True

    def action_create_article(self):
        """Write the solution back as a draft article."""
        self.ensure_one()
        if self.state != "closed":
            raise UserError(self.env._("Only a closed case can become an article."))
        article = self.env["crm.case.article"].create(
            {
                "name": self.name,
                "body": Markup("<h3>%s</h3>%s<h3>%s</h3>%s")
                % (
                    self.env._("Problem"),
                    self.description or "",
                    self.env._("Solution"),
                    self.resolution or "",
                ),
                "subject_ids": self.subject_id.ids,
                "product_ids": self.product_id.ids,
                "source_case_id": self.id,
                "state": "draft",
            }
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": "crm.case.article",
            "res_id": article.id,
            "view_mode": "form",
        }
