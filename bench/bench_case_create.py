# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Benchmark of case creation beside OCA helpdesk_mgmt tickets.

Creates cases, and OCA helpdesk_mgmt tickets when that module is installed
in the same database, in one transaction that is rolled back: one record as
a form saves it (as superuser and as an internal user of the module's user
group), one through the mail gateway, and a batch of 100 in one create call.
Prints, per row, the SQL queries (flush included) and the median time of
--runs runs after a warm-up. The addons path is this repository, the
community addons of the installed Odoo, and --addons-path (searched first:
give the folder of helpdesk_mgmt, or another copy of crm_case_management).
--log-sql also prints each query of one form-like case create and the code
behind it.

    PGHOST=127.0.0.1 PGUSER=odoo python3 bench/bench_case_create.py \\
        --database crm_case_demo --addons-path /tmp/oca_helpdesk --runs 30
"""

import argparse
import itertools
import os
import statistics
import threading
import time
import traceback

import odoo
from odoo.fields import Command
from odoo.modules.module import get_module_path
from odoo.modules.registry import Registry
from odoo.tools import config

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
WARMUP = 3
BATCH = 100
MAIL = """\
From: Bench Customer <{email}>
To: support@example.com
Subject: Printer does not print (bench {index})
Message-Id: <bench-{index}-{model}@example.com>
Date: Mon, 2 Mar 2026 10:00:00 +0000
MIME-Version: 1.0
Content-Type: text/plain; charset=utf-8

The printer in room {index} does not print since this morning.
"""


def addons_path(extra):
    """The given folders, this repository, then Odoo's community addons."""
    paths = [*extra, ROOT, config.addons_community_dir]
    return ",".join(dict.fromkeys(path for path in paths if os.path.isdir(path)))


def measure(env, func, runs):
    """Median queries and milliseconds of ``func`` after a warm-up.

    Each run starts with an empty record cache, as a new request would.
    """
    counter = itertools.count()
    counts, times = [], []
    for run in range(WARMUP + runs):
        env.invalidate_all()
        before = env.cr.sql_log_count
        start = time.perf_counter()
        func(next(counter))
        env.flush_all()
        elapsed = time.perf_counter() - start
        if run >= WARMUP:
            counts.append(env.cr.sql_log_count - before)
            times.append(elapsed * 1000)
    spread = "" if min(counts) == max(counts) else f" ({min(counts)}-{max(counts)})"
    return f"{statistics.median(counts):g}{spread}", statistics.median(times)


def log_sql(env, func):
    """Print each query of one call of ``func`` and the line of code behind it."""
    queries = []

    def hook(cr, query, params, start, depth):
        frames = traceback.extract_stack()[:-2]
        ours = [frame for frame in frames if "/crm_case_management/" in frame.filename]
        addons = [
            frame for frame in frames if "/addons/" in frame.filename or frame in ours
        ]
        inner, outer = (addons or frames)[-1], (ours or frames)[-1]
        where = " < ".join(
            f"{os.path.basename(frame.filename)}:{frame.lineno} {frame.name}"
            for frame in ([inner] if inner is outer else [inner, outer])
        )
        text = cr._format(query, params) if params else str(query)
        queries.append(f"{where}\n       {' '.join(text.split())[:120]}")

    env.invalidate_all()
    thread = threading.current_thread()
    hooks = thread.__dict__.setdefault("query_hooks", [])
    hooks.append(hook)
    try:
        func(0)
        env.flush_all()
    finally:
        hooks.remove(hook)
    print(f"\n{len(queries)} queries of one form-like case create (superuser):")
    for number, line in enumerate(queries, 1):
        print(f"{number:4d} {line}")


def setup(env):
    """Users, a customer and, for OCA, a team; returns the scenario values."""
    partner = env["res.partner"].create(
        {"name": "Bench Customer", "email": "bench.customer@example.com"}
    )

    def user(login, groups):
        return env["res.users"].create(
            {
                "name": login.replace("_", " ").title(),
                "login": login,
                "email": f"{login}@example.com",
                "group_ids": [Command.set([env.ref(xmlid).id for xmlid in groups])],
            }
        )

    group = "crm_case_management.group_crm_case_user"
    ours = {
        "creator": user("bench_case_creator", [group]),
        "values": {
            "description": "<p>The printer does not print since this morning.</p>",
            "partner_id": partner.id,
            "user_id": user("bench_case_agent", [group]).id,
            "channel_id": env.ref("crm_case_management.crm_case_channel_phone").id,
            "urgency_id": env.ref("crm_case_management.crm_case_urgency_urgent").id,
        },
    }
    if "helpdesk.ticket" not in env:
        return partner, ours, None
    group = "helpdesk_mgmt.group_helpdesk_user"
    creator = user("bench_ticket_creator", [group])
    agent = user("bench_ticket_agent", [group])
    team = env["helpdesk.ticket.team"].create(
        {"name": "Bench team", "user_ids": [Command.set((creator | agent).ids)]}
    )
    oca = {
        "creator": creator,
        "values": {
            "description": "<p>The printer does not print since this morning.</p>",
            "partner_id": partner.id,
            "user_id": agent.id,
            "team_id": team.id,
            "channel_id": env.ref("helpdesk_mgmt.helpdesk_ticket_channel_phone").id,
            "priority": "2",
        },
    }
    return partner, ours, oca


def scenarios(env, partner, side, model):
    """(label, function of a run index) for one side: ours or OCA."""
    values = side["values"]
    as_user = env(user=side["creator"])

    def one(target_env):
        def create(index):
            target_env[model].create({"name": f"Bench {index}", **values})

        return create

    def mail(index):
        message = MAIL.format(email=partner.email, index=index, model=model)
        env["mail.thread"].message_process(model, message.encode())

    def batch(index):
        env[model].create(
            [{"name": f"Bench {index}.{row}", **values} for row in range(BATCH)]
        )

    return [
        ("form create, superuser", one(env)),
        ("form create, internal user", one(as_user)),
        ("mail gateway", mail),
        (f"batch of {BATCH}, superuser", batch),
    ]


def run(env, args):
    partner, ours, oca = setup(env)
    installed = env["ir.module.module"].search_count(
        [("name", "=", "helpdesk_mgmt"), ("state", "=", "installed")]
    )
    if not oca:
        print(
            "helpdesk_mgmt is "
            + (
                "installed but its code is not on the addons path (give its "
                "folder with --addons-path)"
                if installed
                else f"not installed in {args.database}"
            )
            + ": measuring crm_case_management only."
        )
    print(f"crm_case_management from {get_module_path('crm_case_management')}")
    if oca:
        print(f"helpdesk_mgmt from {get_module_path('helpdesk_mgmt')}")
    print(f"median of {args.runs} runs after {WARMUP} warm-up runs\n")
    rows = scenarios(env, partner, ours, "crm.case")
    theirs = scenarios(env, partner, oca, "helpdesk.ticket") if oca else None
    print(f"{'what':<28} {'ours q':>10} {'OCA q':>10} {'ours ms':>9} {'OCA ms':>9}")
    for index, (label, func) in enumerate(rows):
        our_queries, our_ms = measure(env, func, args.runs)
        oca_queries, oca_ms = "-", "-"
        if theirs:
            oca_queries, oca_ms = measure(env, theirs[index][1], args.runs)
            oca_ms = f"{oca_ms:.1f}"
        print(
            f"{label:<28} {our_queries:>10} {oca_queries:>10} "
            f"{our_ms:>9.1f} {oca_ms:>9}"
        )
    if args.log_sql:
        log_sql(env, rows[0][1])


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", required=True)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument(
        "--addons-path",
        default="",
        help="comma-separated folders searched before this repository",
    )
    parser.add_argument(
        "--log-sql",
        action="store_true",
        help="also print the queries of one form-like case create",
    )
    args = parser.parse_args()
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    extra = [os.path.abspath(path) for path in args.addons_path.split(",") if path]
    config.parse_config(
        [
            "-d",
            args.database,
            f"--addons-path={addons_path(extra)}",
            "--http-interface=127.0.0.1",
            "--log-level=warn",
        ]
    )
    with Registry(args.database).cursor() as cr:
        try:
            run(odoo.api.Environment(cr, odoo.SUPERUSER_ID, {}), args)
        finally:
            cr.rollback()


if __name__ == "__main__":
    main()
