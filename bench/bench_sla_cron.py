"""Benchmark of the SLA engine (issue "SLA engine").

In one transaction of a database with crm_case_management installed:
creates cases under a policy on an Iranian office calendar with Nowruz
(planning deadlines), lets their first-response warnings fall due, times
the cron that warns them (activities and e-mails in batches), counts its
queries, and rolls back. Target: 1,000 warnings in under 10 seconds on
one core, with a number of queries that grows by batch (500 lines),
not by line.

    PGHOST=127.0.0.1 PGUSER=odoo python3 bench/bench_sla_cron.py \\
        --database crm_case_demo --cases 1000
"""

import argparse
import datetime
import os
import time

from freezegun import freeze_time

import odoo
from odoo.fields import Command
from odoo.modules.registry import Registry
from odoo.tools import config


def create_calendar(env):
    attendances = [
        Command.create(
            {
                "name": f"{day} {hour_from}",
                "dayofweek": day,
                "hour_from": hour_from,
                "hour_to": hour_to,
                "day_period": period,
            }
        )
        for day in ("5", "6", "0", "1", "2")
        for hour_from, hour_to, period in ((8, 12, "morning"), (13, 17, "afternoon"))
    ]
    calendar = env["resource.calendar"].create(
        {
            "name": "Bench office",
            "tz": "Asia/Tehran",
            "attendance_ids": [Command.clear(), *attendances],
        }
    )
    env["resource.calendar.leaves"].create(
        {
            "name": "Nowruz",
            "calendar_id": calendar.id,
            "date_from": datetime.datetime(2027, 3, 20, 20, 30),
            "date_to": datetime.datetime(2027, 3, 24, 20, 29),
            "time_type": "leave",
        }
    )
    return calendar


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", required=True)
    parser.add_argument("--cases", type=int, default=1000)
    parser.add_argument("--addons-path", default="", help="more addon folders")
    args = parser.parse_args()
    # This repository and Odoo's own addons, as a newcomer's clone has them.
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    addons = ",".join([root, *args.addons_path.split(","), config.addons_community_dir])
    config.parse_config(["-d", args.database, f"--addons-path={addons.strip(',')}"])
    with Registry(args.database).cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        env["crm.case.sla.policy"].search([]).active = False
        calendar = create_calendar(env)
        env["crm.case.sla.policy"].create(
            {
                "name": "Bench policy",
                "calendar_id": calendar.id,
                "first_response_hours": 4,
                "resolve_hours": 40,
                "warning_percent": 75,
            }
        )
        partner = env["res.partner"].create({"name": "Bench customer"})
        agent = env.ref("base.user_admin")
        Line = env["crm.case.sla.line"]
        now = datetime.datetime(2026, 11, 28, 4, 30)  # Saturday 8:00 Tehran
        for count in (10, args.cases):
            with freeze_time(now, tick=True):
                start = time.perf_counter()
                env["crm.case"].create(
                    [
                        {
                            "name": f"Bench case {index}",
                            "description": "<p>bench</p>",
                            "partner_id": partner.id,
                            "user_id": agent.id,
                        }
                        for index in range(count)
                    ]
                )
                env.flush_all()
                created = time.perf_counter() - start
            env.invalidate_all()
            later = now + datetime.timedelta(hours=3, minutes=30)
            with freeze_time(later, tick=True):
                queries = cr.sql_log_count
                start = time.perf_counter()
                Line._cron_process_due_lines()
                env.flush_all()
                elapsed = time.perf_counter() - start
                queries = cr.sql_log_count - queries
            warned = Line.search_count([("state", "=", "warning")])
            print(
                f"{count:5d} cases created in {created:6.2f} s; "
                f"cron: {elapsed:6.2f} s, {queries} queries, {warned} warnings"
            )
            # Out of the way of the next round: these were answered.
            Line.search([]).write({"state": "met", "date_warning": False})
            now += datetime.timedelta(days=7)
        cr.rollback()


if __name__ == "__main__":
    main()
