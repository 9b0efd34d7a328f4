"""Benchmark of routing and assignment (issue "Queues").

Creates a balanced queue of 10 members and a routing rule in one
transaction of a database with crm_case_management installed, then times
the creation of cases routed and assigned one by one (as e-mails arrive)
and in one batch (as an import), and rolls back. Target: 20 cases per
second one by one on one core.

    PGHOST=127.0.0.1 PGUSER=odoo python3 bench/bench_assignment.py \\
        --database crm_case_demo --cases 300
"""

import argparse
import os
import time

import odoo
from odoo.fields import Command
from odoo.modules.registry import Registry
from odoo.tools import config


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", required=True)
    parser.add_argument("--cases", type=int, default=300)
    args = parser.parse_args()
    # This repository and Odoo's own addons, as a newcomer's clone has them.
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    addons = f"{root},{config.addons_community_dir}"
    config.parse_config(["-d", args.database, f"--addons-path={addons}"])
    with Registry(args.database).cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {"tracking_disable": False})
        group = env.ref("crm_case_management.group_crm_case_user")
        members = env["res.users"].create(
            [
                {
                    "name": f"Bench agent {index}",
                    "login": f"bench_agent_{index}",
                    "group_ids": [Command.set(group.ids)],
                }
                for index in range(10)
            ]
        )
        queue = env["crm.case.queue"].create(
            {
                "name": "Bench queue",
                "assignment_method": "balanced",
                "member_ids": [Command.set(members.ids)],
            }
        )
        env["crm.case.routing.rule"].create(
            {"name": "Bench", "sequence": 0, "domain": "[]", "queue_id": queue.id}
        )
        partner = env["res.partner"].create({"name": "Bench customer"})

        def values(index):
            return {
                "name": f"Bench case {index}",
                "description": "<p>bench</p>",
                "partner_id": partner.id,
            }

        start = time.perf_counter()
        for index in range(args.cases):
            env["crm.case"].create(values(index))
            env.flush_all()
        one_by_one = time.perf_counter() - start
        start = time.perf_counter()
        env["crm.case"].create([values(index) for index in range(args.cases)])
        env.flush_all()
        batch = time.perf_counter() - start
        loads = env["crm.case"]._read_group(
            [("queue_id", "=", queue.id)], ["user_id"], ["__count"]
        )
        print(f"one by one: {args.cases / one_by_one:6.1f} cases/s")
        print(f"batch:      {args.cases / batch:6.1f} cases/s")
        print("spread:", sorted(count for _user, count in loads))
        cr.rollback()


if __name__ == "__main__":
    main()
