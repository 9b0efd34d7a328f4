# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL, html2plaintext

from ..tools.text_normalize import normalize_text, query_words

# Weighted search vector: the title counts more than keywords and body.
SEARCH_VECTOR = (
    "(setweight(to_tsvector('simple', coalesce(search_title, '')), 'A') || "
    "setweight(to_tsvector('simple', coalesce(search_document, '')), 'B'))"
)
# Candidates are ranked on the trigrams of title and body too: comparing
# costs a scan of each text, so only the best of the word ranking get it.
SHORTLIST = 100
EDITOR_GROUP = "crm_case_management.group_crm_case_kb_editor"
# What puts an article in front of agents or customers: editors decide it.
PUBLISHING_FIELDS = ("state", "portal_published")


class CrmCaseArticle(models.Model):
    """A knowledge-base article: an answer agents reuse and send."""

    _name = "crm.case.article"
    _description = "Knowledge Article"
    _inherit = ["mail.thread", "html.field.history.mixin"]
    _order = "solved_count desc, id desc"

    name = fields.Char(string="Title", required=True, tracking=True)
    body = fields.Html(sanitize_style=True)
    keywords = fields.Char(help="Other words customers use for this problem.")
    subject_ids = fields.Many2many("crm.case.subject", string="Subjects")
    # Internal tagging; customers have no access to products.
    product_ids = fields.Many2many(
        "product.product", string="Products", groups="base.group_user"
    )
    lang = fields.Selection(
        selection="_get_lang_selection", string="Language", default=lambda s: s.env.lang
    )
    state = fields.Selection(
        [("draft", "Draft"), ("published", "Published"), ("archived", "Archived")],
        default="draft",
        required=True,
        index=True,
        tracking=True,
    )
    user_id = fields.Many2one(
        "res.users", string="Owner", default=lambda self: self.env.user, tracking=True
    )
    portal_published = fields.Boolean(
        string="Visible to Customers",
        help="Published articles marked so can be read on the customer portal.",
    )
    company_id = fields.Many2one("res.company", default=lambda self: self.env.company)
    case_ids = fields.One2many(
        "crm.case", "article_id", string="Cases", groups="base.group_user"
    )
    # The case's code and title are shown only to who may read that case:
    # see crm.case._compute_display_name (crm_case_number.py).
    source_case_id = fields.Many2one(
        "crm.case",
        string="Written from Case",
        readonly=True,
        index="btree_not_null",
        groups="base.group_user",
    )
    use_count = fields.Integer(
        string="Cases Linked", compute="_compute_case_counts", store=True
    )
    solved_count = fields.Integer(
        string="Cases Solved", compute="_compute_case_counts", store=True
    )
    view_count = fields.Integer(string="Views", readonly=True, copy=False)
    vote_ids = fields.One2many(
        "crm.case.article.vote", "article_id", string="Votes", groups="base.group_user"
    )
    helpful_count = fields.Integer(compute="_compute_votes", store=True)
    unhelpful_count = fields.Integer(compute="_compute_votes", store=True)
    score = fields.Float(
        compute="_compute_votes",
        store=True,
        aggregator="avg",
        help="Share of helpful votes, smoothed so a single vote does not "
        "decide: (helpful + 1) / (votes + 2).",
    )
    search_title = fields.Char(
        compute="_compute_search_text", store=True, index="trigram"
    )
    search_document = fields.Text(
        compute="_compute_search_text", store=True, index="trigram"
    )

    # Earlier versions of the body may still hold what the article was
    # written from (a customer's case): only the editors, who write bodies,
    # read the history (the mixin's revision methods read these fields).
    html_field_history = fields.Json(groups=EDITOR_GROUP)
    html_field_history_metadata = fields.Json(groups=EDITOR_GROUP)

    def init(self):
        """The search vector, stored: PostgreSQL keeps it up to date.

        With an index on the expression, PostgreSQL parsed every candidate's
        text twice more per search (to recheck the match and to rank it):
        95 ms for a common word among 50,000 articles, against a few ms
        reading the stored vector. The ORM never writes the column.
        """
        result = super().init()
        self.env.cr.execute(
            SQL(
                "DROP INDEX IF EXISTS crm_case_article_search_vector_idx;"
                " ALTER TABLE crm_case_article ADD COLUMN IF NOT EXISTS"
                " search_vector tsvector GENERATED ALWAYS AS %s STORED;"
                " CREATE INDEX IF NOT EXISTS crm_case_article_search_vector_gin"
                " ON crm_case_article USING gin (search_vector)",
                SQL(SEARCH_VECTOR),
            )
        )
        return result

    @api.model_create_multi
    def create(self, vals_list):
        self._check_may_publish(
            any(
                vals.get("state", "draft") != "draft" or vals.get("portal_published")
                for vals in vals_list
            )
        )
        return super().create(vals_list)

    def write(self, vals):
        self._check_may_publish(any(name in vals for name in PUBLISHING_FIELDS))
        return super().write(vals)

    def _check_may_publish(self, publishes):
        """Only knowledge editors publish, archive or show articles to customers.

        Users may write drafts (a case written back is one); what agents and
        customers then read is the editors' decision, over RPC too.
        """
        if not publishes or self.env.su or self.env.user.has_group(EDITOR_GROUP):
            return
        raise AccessError(
            self.env._(
                "Only knowledge editors publish articles, archive them or show "
                "them to customers."
            )
        )

    @api.model
    def _get_lang_selection(self):
        return self.env["res.lang"].get_installed()

    def _get_versioned_fields(self):
        return ["body"]

    @api.depends("name", "keywords", "body")
    def _compute_search_text(self):
        for article in self:
            article.search_title = normalize_text(article.name)
            article.search_document = normalize_text(
                f"{article.keywords or ''} {html2plaintext(article.body or '')}"
            )

    @api.depends("case_ids.state")
    def _compute_case_counts(self):
        groups = self.env["crm.case"]._read_group(
            [("article_id", "in", self.ids)], ["article_id", "state"], ["__count"]
        )
        counts = {}
        for article, state, count in groups:
            used, solved = counts.get(article, (0, 0))
            counts[article] = (
                used + count,
                solved + (count if state == "closed" else 0),
            )
        for article in self:
            article.use_count, article.solved_count = counts.get(article, (0, 0))

    @api.depends("vote_ids.helpful")
    def _compute_votes(self):
        groups = self.env["crm.case.article.vote"]._read_group(
            [("article_id", "in", self.ids)], ["article_id", "helpful"], ["__count"]
        )
        votes = {}
        for article, helpful, count in groups:
            votes.setdefault(article, [0, 0])[0 if helpful else 1] += count
        for article in self:
            helpful, unhelpful = votes.get(article, (0, 0))
            article.helpful_count = helpful
            article.unhelpful_count = unhelpful
            article.score = (helpful + 1) / (helpful + unhelpful + 2)

    # ------------------------------------------------------------------
    # Search
    # ------------------------------------------------------------------
    @api.model
    def search_text(self, query, limit=20):
        """Articles matching ``query``, best first (title, keywords, body)."""
        if not isinstance(query, str):
            raise UserError(self.env._("Search the knowledge base with words."))
        if not isinstance(limit, int) or isinstance(limit, bool) or limit < 1:
            raise UserError(
                self.env._("The number of articles to find must be 1 or more.")
            )
        return self._ranked_search(query, limit=limit)

    @api.model
    def _ranked_search(self, text, subjects=None, products=None, limit=20):
        """Rank readable articles by full-text rank, trigram similarity and
        a bonus for the subjects and products given.

        One query; PostgreSQL's GIN indexes on the search vector and on the
        trigrams of the document keep it fast on large bases. Record rules
        apply (drafts stay with editors).
        """
        words = query_words(text)
        subject_ids = list(subjects.ids) if subjects else []
        product_ids = list(products.ids) if products else []
        if not (words or subject_ids or product_ids):
            return self.browse()
        phrase = " ".join(words)
        readable = self._search([])
        vector = SQL("a.search_vector")
        subject_match = SQL(
            """EXISTS (SELECT 1 FROM crm_case_article_crm_case_subject_rel r
                        WHERE r.crm_case_article_id = a.id
                          AND r.crm_case_subject_id = ANY(%s))""",
            subject_ids,
        )
        product_match = SQL(
            """EXISTS (SELECT 1 FROM crm_case_article_product_product_rel r
                        WHERE r.crm_case_article_id = a.id
                          AND r.product_product_id = ANY(%s))""",
            product_ids,
        )
        # No words (a case with only a product or subject so far): an empty
        # query, which matches nothing and ranks 0.
        tsq = SQL("to_tsquery('simple', %s)", " | ".join(words) or "")
        # Each branch of the UNION uses its own index (GIN on the vector, GIN
        # trigram on the title for typos); only candidates get ranked, and
        # only a shortlist of them on trigrams (SHORTLIST). A
        # trigram branch on the whole body was dropped: measured on 20,000
        # articles it rechecked every row (270 ms) for common words.
        rows = self.env.execute_query(
            SQL(
                """
                WITH word_hits AS (
                    SELECT id FROM crm_case_article a WHERE %(vector)s @@ %(tsq)s
                ), candidates AS (
                    SELECT id FROM word_hits
                    UNION
                    -- Typos: titles with similar words, when the words
                    -- themselves find too few (PostgreSQL then skips the
                    -- scan, which rechecks every title with a common word).
                    SELECT id FROM crm_case_article
                     WHERE search_title %%> %(phrase)s
                       AND (SELECT count(*) FROM (
                                SELECT 1 FROM word_hits w
                                 WHERE w.id IN %(readable)s LIMIT %(limit)s
                            ) enough) < %(limit)s
                    UNION
                    SELECT crm_case_article_id
                      FROM crm_case_article_crm_case_subject_rel
                     WHERE crm_case_subject_id = ANY(%(subject_ids)s)
                    UNION
                    SELECT crm_case_article_id
                      FROM crm_case_article_product_product_rel
                     WHERE product_product_id = ANY(%(product_ids)s)
                ), shortlist AS (
                    SELECT a.id, a.search_title, a.search_document,
                           ts_rank(%(vector)s, %(tsq)s)
                           + CASE WHEN %(subject_match)s THEN 0.5 ELSE 0 END
                           + CASE WHEN %(product_match)s THEN 0.5 ELSE 0 END
                           + a.score * 0.1 AS rank
                      FROM crm_case_article a
                      JOIN candidates c ON c.id = a.id
                     WHERE a.id IN %(readable)s
                  ORDER BY rank DESC, a.id DESC
                     LIMIT %(shortlist)s
                )
                SELECT id
                  FROM shortlist
              ORDER BY rank
                       + word_similarity(%(phrase)s, coalesce(search_title, ''))
                       + word_similarity(%(phrase)s, coalesce(search_document, ''))
                       DESC,
                       id DESC
                 LIMIT %(limit)s
                """,
                readable=readable.subselect(),
                vector=vector,
                tsq=tsq,
                phrase=phrase,
                subject_ids=subject_ids,
                product_ids=product_ids,
                subject_match=subject_match,
                product_match=product_match,
                shortlist=max(SHORTLIST, limit),
                limit=limit,
            )
        )
        return self.browse(row[0] for row in rows)

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_publish(self):
        self.write({"state": "published"})
        return True

    def action_archive_article(self):
        self.write({"state": "archived"})
        return True

    def action_vote_helpful(self):
        return self._vote(True)

    def action_vote_unhelpful(self):
        return self._vote(False)

    def _vote(self, helpful):
        """One vote per person and article; voting again changes it.

        Only on articles the voter may read: votes move the ranking.
        """
        self.check_access("read")
        Vote = self.env["crm.case.article.vote"]
        for article in self:
            mine = Vote.search(
                [("article_id", "=", article.id), ("user_id", "=", self.env.uid)]
            )
            if mine:
                mine.helpful = helpful
            else:
                Vote.create({"article_id": article.id, "helpful": helpful})
        return True

    def _case_from_context(self):
        case_id = self.env.context.get("crm_case_id")
        return self.env["crm.case"].browse(case_id).exists() if case_id else None

    def action_solve_case(self):
        """Button on a suggestion: solve the case of the context with me."""
        self.ensure_one()
        case = self._case_from_context()
        return case.action_solve_with_article(self) if case else False

    def action_send_to_case_customer(self):
        self.ensure_one()
        case = self._case_from_context()
        return case.action_send_article(self) if case else False

    def action_count_view(self):
        """Opened from a case: count the view and show the article."""
        self.ensure_one()
        self.check_access("read")
        # sudo: a view counter, not an edit of the article by its reader.
        self.sudo().view_count += 1
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "new",
        }
