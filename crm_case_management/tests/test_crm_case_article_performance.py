# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import tagged, users, warmup

from .common import CaseCommon

SEARCH_QUERIES = 4


@tagged("post_install", "-at_install")
class TestArticleSearchPerformance(CaseCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # 20,000 published articles, inserted in one statement to keep the
        # test fast; their search text is already normalised.
        cls.env.cr.execute(
            """
            INSERT INTO crm_case_article
                   (name, state, score, solved_count, use_count, search_title,
                    search_document, create_uid, write_uid, create_date, write_date)
            SELECT 'Generated article ' || n, 'published', 0.5, 0, 0,
                   'generated article ' || n || ' topic' || (n % 500),
                   'body of article ' || n || ' about topic' || (n % 500)
                   || ' چاپگر' || (n % 97),
                   1, 1, now(), now()
              FROM generate_series(1, 20000) AS n
            """
        )
        cls.env.cr.execute("ANALYZE crm_case_article")
        cls.target = cls.env["crm.case.article"].create(
            {
                "name": "Keyboard types wrong letters",
                "keywords": "layout persian",
                "body": "<p>Switch the keyboard layout.</p>",
                "state": "published",
            }
        )

    @users("case_operator")
    @warmup
    def test_search_over_20000_articles_takes_a_fixed_number_of_queries(self):
        Article = self.env["crm.case.article"]
        with self.assertQueryCount(case_operator=SEARCH_QUERIES):
            found = Article.search_text("keyboard layout", limit=20)
        self.assertEqual(found[:1].id, self.target.id)
        with self.assertQueryCount(case_operator=SEARCH_QUERIES):
            found = Article.search_text("topic42 چاپگر13", limit=20)
        self.assertEqual(len(found), 20)
