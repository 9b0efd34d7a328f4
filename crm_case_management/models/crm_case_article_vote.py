# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models
from odoo.exceptions import UserError


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

    def write(self, vals):
        # The record rule lets users write only their own votes, but it is
        # checked before the write: handing a vote to someone else and voting
        # again would stack the score. A vote stays its voter's, on its
        # article; voting again changes ``helpful``.
        for name in ("user_id", "article_id"):
            if name in vals and any(vote[name].id != vals[name] for vote in self):
                raise UserError(
                    self.env._("A vote stays with its voter and its article.")
                )
        return super().write(vals)
