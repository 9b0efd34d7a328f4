# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Benchmark of the public tracking look-up: a wrong code and a wrong
contact must cost the same.

Creates --cases customers with a case each in one transaction that is
rolled back, then times ``crm.case._find_for_tracking`` for a right pair, a
wrong code, a wrong phone, a wrong e-mail and another customer's phone.
Prints per kind the SQL queries and the median time of --runs runs.

    PGHOST=127.0.0.1 PGUSER=odoo python3 bench/bench_public_tracking.py \\
        --database crm_case_demo --cases 5000 --runs 200
"""

import argparse
import os
import statistics
import time

import odoo
from odoo.modules.registry import Registry
from odoo.tools import config

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--database", required=True)
    parser.add_argument("--cases", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=200)
    args = parser.parse_args()
    config.parse_config(
        [
            "-d",
            args.database,
            f"--addons-path={ROOT},{config.addons_community_dir}",
            "--http-interface=127.0.0.1",
            "--log-level=warn",
        ]
    )
    registry = Registry(args.database)
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        partners = env["res.partner"].create(
            [
                {
                    "name": f"Bench {i}",
                    "phone": f"+98912{i:07d}",
                    "email": f"bench{i}@example.com",
                }
                for i in range(args.cases)
            ]
        )
        cases = env["crm.case"].create(
            [
                {"name": "Bench", "description": "<p>x</p>", "partner_id": p.id}
                for p in partners
            ]
        )
        env.flush_all()
        case = cases[len(cases) // 2]
        kinds = {
            "right code and phone": (case.number, "0912" + case.partner_id.phone[-7:]),
            "wrong code": ("CS-99999-0000", case.partner_id.phone),
            "wrong phone": (case.number, "09350000000"),
            "wrong e-mail": (case.number, "nobody@example.com"),
            "another customer's phone": (case.number, partners[0].phone),
        }
        Case = env["crm.case"]
        for kind, (code, contact) in kinds.items():
            timings = []
            for _run in range(args.runs):
                env.invalidate_all()
                queries = cr.sql_log_count
                start = time.perf_counter()
                found = Case._find_for_tracking(code, contact)
                timings.append(time.perf_counter() - start)
                queries = cr.sql_log_count - queries
            print(
                f"{kind:26} found={bool(found)!s:5} queries={queries} "
                f"median={statistics.median(timings) * 1000:.2f} ms"
            )
        cr.rollback()


if __name__ == "__main__":
    main()
