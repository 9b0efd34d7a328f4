# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class CrmCaseArticleVote(models.Model):
    """Helpful or not: one vote per person and article."""

    _name = "crm.case.article.vote"
    _description = "Knowledge Article Vote"

    article_id = fields.Many2one(
        "crm.case.article", required=True, index=True, ondelete="cascade"
    )
    user_id = fields.Many2one(
        "res.users", required=True, default=lambda self: self.env.user, index=True
    )
    helpful = fields.Boolean(default=True)

    _one_vote_per_user = models.UniqueIndex(
        "(article_id, user_id)", "You already voted on this article."
    )
