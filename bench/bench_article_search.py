"""Benchmark of the knowledge-base search (issue "Knowledge base").

Inserts generated published articles in one transaction of a database with
crm_case_management installed, times ``search_text`` for a few Persian and
English queries and prints the plan of one, then rolls back. Target: under
50 ms per search with 20,000 articles.

    PGHOST=127.0.0.1 PGUSER=odoo python3 bench/bench_article_search.py \\
        --database crm_case_demo --articles 20000
"""

import argparse
import os
import time

import odoo
from odoo.modules.registry import Registry
from odoo.tools import config

QUERIES = ["keyboard layout", "چاپگر روشن نمیشود", "topic42 چاپگر13", "vpn"]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", required=True)
    parser.add_argument("--articles", type=int, default=20000)
    args = parser.parse_args()
    # This repository and Odoo's own addons, as a newcomer's clone has them.
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    addons = f"{root},{config.addons_community_dir}"
    config.parse_config(["-d", args.database, f"--addons-path={addons}"])
    with Registry(args.database).cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        cr.execute(
            """
            INSERT INTO crm_case_article
                   (name, state, score, solved_count, use_count, search_title,
                    search_document, create_uid, write_uid, create_date, write_date)
            SELECT 'Generated article ' || n, 'published', 0.5, 0, 0,
                   'generated article ' || n || ' topic' || (n %% 500),
                   'body of article ' || n || ' about topic' || (n %% 500)
                   || ' چاپگر' || (n %% 97) || ' keyboard' || (n %% 13),
                   1, 1, now(), now()
              FROM generate_series(1, %s) AS n
            """,
            [args.articles],
        )
        cr.execute("ANALYZE crm_case_article")
        Article = env["crm.case.article"]
        for query in QUERIES:
            best = float("inf")
            for _index in range(5):
                start = time.perf_counter()
                found = Article.search_text(query)
                best = min(best, time.perf_counter() - start)
            print(f"{query!r:<28} {len(found):3d} found {best * 1000:8.1f} ms")
        cr.rollback()


if __name__ == "__main__":
    main()
