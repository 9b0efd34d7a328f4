"""Benchmark of the hours roll-ups (issue "Hours on cases").

Creates cases and timesheet lines inside one transaction of an existing
database that has crm_case_management installed, times the roll-ups a
project manager uses and prints the plan of the hours report query, then
rolls everything back. Targets: partner/project smart buttons under 50 ms
and the month-by-customer pivot under 300 ms for 20,000 lines.

    PGHOST=127.0.0.1 PGUSER=odoo python3 bench/bench_case_hours.py \\
        --database crm_case_demo --cases 2000 --lines 20000
"""

import argparse
import os
import random
import time

import odoo
from odoo.modules.registry import Registry
from odoo.tools import SQL, config


def timed(label, func, repeat=5):
    best = float("inf")
    for _index in range(repeat):
        start = time.perf_counter()
        func()
        best = min(best, time.perf_counter() - start)
    print(f"{label:<55} {best * 1000:8.1f} ms (best of {repeat})")
    return best


def populate(env, case_count, line_count, rng):
    partners = env["res.partner"].create(
        [{"name": f"Bench customer {index}"} for index in range(case_count // 10)]
    )
    projects = env["project.project"].create(
        [
            {"name": f"Bench project {index}", "allow_timesheets": True}
            for index in range(20)
        ]
    )
    employees = env["hr.employee"].create(
        [{"name": f"Bench employee {index}"} for index in range(30)]
    )
    cases = env["crm.case"].create(
        [
            {
                "name": f"Bench case {index}",
                "description": "<p>bench</p>",
                "partner_id": rng.choice(partners).id,
                "project_id": rng.choice(projects).id,
            }
            for index in range(case_count)
        ]
    )
    env["account.analytic.line"].create(
        [
            {
                "case_id": rng.choice(cases).id,
                "employee_id": rng.choice(employees).id,
                "unit_amount": rng.choice([0.25, 0.5, 1.0, 2.0]),
                "date": f"2026-{rng.randint(1, 11):02d}-{rng.randint(1, 28):02d}",
            }
            for _index in range(line_count)
        ]
    )
    env.flush_all()
    env.cr.execute("ANALYZE account_analytic_line; ANALYZE crm_case")
    return partners, projects


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", required=True)
    parser.add_argument("--cases", type=int, default=2000)
    parser.add_argument("--lines", type=int, default=20000)
    args = parser.parse_args()
    # This repository and Odoo's own addons, as a newcomer's clone has them.
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    addons = f"{root},{config.addons_community_dir}"
    config.parse_config(["-d", args.database, f"--addons-path={addons}"])
    registry = Registry(args.database)
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        start = time.perf_counter()
        partners, projects = populate(env, args.cases, args.lines, random.Random(1))
        print(
            f"populated {args.cases} cases, {args.lines} lines in "
            f"{time.perf_counter() - start:.1f} s"
        )

        def partner_hours():
            env.invalidate_all()
            partners.mapped("case_hours")

        def project_hours():
            env.invalidate_all()
            projects.mapped("case_hours")

        def pivot():
            env["crm.case.timesheet.report"]._read_group(
                [], ["commercial_partner_id", "date:month"], ["hours:sum"]
            )

        timed(f"case_hours of {len(partners)} customers", partner_hours)
        timed(f"case_hours of {len(projects)} projects", project_hours)
        timed("hours per customer per month (report pivot)", pivot)
        report = env["crm.case.timesheet.report"]
        plan_sql = SQL(
            "EXPLAIN ANALYZE SELECT commercial_partner_id,"
            " date_trunc('month', date), SUM(hours) FROM (%s) r GROUP BY 1, 2",
            report._table_query,
        )
        cr.execute(plan_sql)
        print("\nplan of the report pivot:")
        for (row,) in cr.fetchall():
            print("  ", row)
        cr.rollback()


if __name__ == "__main__":
    main()
