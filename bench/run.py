"""One command for the desk's speed figures, beside OCA helpdesk_mgmt.

Sets up (once) a benchmark database with crm_case_management and OCA's
helpdesk_mgmt, helpdesk_mgmt_sla and helpdesk_mgmt_project 19.0 (installed
from PyPI with ``pip install --no-deps`` when missing: they declare a
dependency on an ``odoo`` distribution that no registry has), tops its data
up to each size by bulk SQL (cases and tickets cloned from one record each
that the ORM created, timesheet lines, articles), and prints one table: the
queries and milliseconds of each scenario for us and for OCA, the ratio, and
the target. Measurements run in transactions that are rolled back; the
generated data stays for the next run (``--fresh`` drops the database).

    PGHOST=127.0.0.1 PGUSER=odoo python3 bench/run.py \\
        --sizes 0,1000,20000 --lines 1000000 --articles 50000

``--profile SCENARIO`` prints where the time of one scenario goes.
"""

import argparse
import cProfile
import importlib.util
import io
import os
import pstats
import random
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OCA_MODULES = ("helpdesk_mgmt", "helpdesk_mgmt_sla", "helpdesk_mgmt_project")
RUNS = 15
LIST_LIMIT = 80


def ensure_oca_modules():
    """OCA's modules in the interpreter that runs Odoo (benchmark only)."""
    missing = [
        name
        for name in OCA_MODULES
        if importlib.util.find_spec(f"odoo.addons.{name}") is None
    ]
    if missing:
        subprocess.run(
            [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps"]
            + [f"odoo-addon-{name}>=19.0,<19.1" for name in missing],
            check=True,
        )
        # This process looked for them before pip put them on disk.
        importlib.invalidate_caches()


def odoo_args(database):
    """This repository, the folder pip put OCA's modules in, Odoo's addons."""
    from odoo.tools import config

    oca = importlib.util.find_spec(f"odoo.addons.{OCA_MODULES[0]}")
    folders = [
        ROOT,
        os.path.dirname(next(iter(oca.submodule_search_locations))),
        config.addons_community_dir,
    ]
    return [
        f"--database={database}",
        f"--addons-path={','.join(dict.fromkeys(folders))}",
        "--log-level=warn",
    ]


def ensure_database(database, fresh):
    import psycopg2

    # Not "with conn": psycopg2 opens a transaction there, which DROP DATABASE
    # refuses.
    conn = psycopg2.connect(dbname="postgres")
    conn.autocommit = True
    try:
        with conn.cursor() as cr:
            if fresh:
                cr.execute(f'DROP DATABASE IF EXISTS "{database}"')
            cr.execute("SELECT 1 FROM pg_database WHERE datname = %s", [database])
            exists = cr.fetchone()
    finally:
        conn.close()
    if exists:
        return
    print(f"installing crm_case_management and OCA helpdesk into {database} ...")
    modules = ",".join(("crm_case_management",) + OCA_MODULES)
    subprocess.run(
        [sys.executable, "-m", "odoo", "-i", modules, "--stop-after-init"]
        + odoo_args(database),
        check=True,
    )


def load_sibling(name):
    spec = importlib.util.spec_from_file_location(
        name, os.path.join(ROOT, "bench", f"{name}.py")
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# ----------------------------------------------------------------------
# Measuring
# ----------------------------------------------------------------------
def measure(env, func, runs=RUNS):
    """Median queries, median and 95th-percentile milliseconds."""
    counts, times = [], []
    for run in range(3 + runs):
        env.invalidate_all()
        before = env.cr.sql_log_count
        start = time.perf_counter()
        func(run)
        env.flush_all()
        elapsed = (time.perf_counter() - start) * 1000
        if run >= 3:
            counts.append(env.cr.sql_log_count - before)
            times.append(elapsed)
    times.sort()
    p95 = times[min(len(times) - 1, int(len(times) * 0.95))]
    return statistics.median(counts), statistics.median(times), p95


def view_specification(env, model, view_type):
    """What the web client asks for to draw the first page of a view."""
    views = env[model].get_views([(False, view_type)])
    fields = views["models"][model]["fields"]
    spec = {}
    for name in fields:
        field = env[model]._fields.get(name)
        if field is None:
            continue
        if field.type == "many2one":
            spec[name] = {"fields": {"display_name": {}}}
        elif field.type in ("one2many", "many2many"):
            spec[name] = {}
        else:
            spec[name] = {}
    return spec


def first_page(env, group, model, view_type):
    """The first page of a view for a user of ``group`` who sees every record
    (our case manager; OCA's helpdesk user sees all tickets)."""
    user = env["res.users"].create(
        {
            "name": f"Bench {model} {view_type} reader",
            "login": f"bench_{model}_{view_type}",
            "group_ids": [(6, 0, env.ref(group).ids)],
        }
    )
    spec = view_specification(env(user=user), model, view_type)

    def run(_index):
        result = env(user=user)[model].web_search_read(
            domain=[], specification=spec, limit=LIST_LIMIT
        )
        if not result["length"] and env[model].search_count([], limit=1):
            raise RuntimeError(f"{user.login} sees no {model}: the figure is void")

    return run


def counters(env, partners, field):
    def run(_index):
        partners.invalidate_recordset()
        partners.mapped(field)

    return run


class Table:
    def __init__(self):
        self.rows = []

    def add(self, scenario, size, ours, oca=None, target=""):
        self.rows.append((scenario, size, ours, oca, target))

    def print(self):
        head = (
            f"{'scenario':<36} {'size':>9} {'ours q':>7} {'OCA q':>6} "
            f"{'ours ms':>8} {'p95':>7} {'OCA ms':>8} {'ratio':>6}  target"
        )
        print("\n" + head + "\n" + "-" * len(head))
        for scenario, size, ours, oca, target in self.rows:
            oca_q = f"{oca[0]:g}" if oca else "-"
            oca_ms = f"{oca[1]:.1f}" if oca else "-"
            ratio = f"{ours[1] / oca[1]:.2f}" if oca and oca[1] else "-"
            print(
                f"{scenario:<36} {size:>9,} {ours[0]:>7g} {oca_q:>6} "
                f"{ours[1]:>8.1f} {ours[2]:>7.1f} {oca_ms:>8} {ratio:>6}  {target}"
            )


def measure_size(env, size, args, table, profile):
    create = load_sibling("bench_case_create")
    partner, ours, oca = create.setup(env)
    our_rows = create.scenarios(env, partner, ours, "crm.case")
    oca_rows = create.scenarios(env, partner, oca, "helpdesk.ticket")
    scenarios = []
    for (label, func), (_label, theirs) in zip(our_rows[:3], oca_rows[:3], strict=True):
        scenarios.append((f"create: {label}", func, theirs, "<= 1.0x OCA"))
    scenarios += [
        (
            f"first {view} page as a user",
            first_page(
                env, "crm_case_management.group_crm_case_manager", "crm.case", view
            ),
            first_page(
                env, "helpdesk_mgmt.group_helpdesk_user", "helpdesk.ticket", view
            ),
            "<= 0.5x OCA, < 20 ms",
        )
        for view in ("list", "kanban")
    ]
    partners = env["res.partner"].search([("ref", "=like", "bench-%")], limit=50)
    scenarios.append(
        (
            "counters of 50 customers",
            counters(env, partners, "case_count"),
            counters(env, partners, "helpdesk_ticket_count"),
            "constant queries",
        )
    )
    for label, ours_func, oca_func, target in scenarios:
        if profile and profile in label:
            run_profile(label, ours_func)
        with env.cr.savepoint(flush=False) as savepoint:
            our_figures = measure(env, ours_func, args.runs)
            savepoint.rollback()
        with env.cr.savepoint(flush=False) as savepoint:
            oca_figures = measure(env, oca_func, args.runs)
            savepoint.rollback()
        table.add(label, size, our_figures, oca_figures, target)


def measure_rollups(env, args, table, profile):
    report = env["crm.case.timesheet.report"]
    for label, groupby in (
        ("hours per customer and month", ["commercial_partner_id", "date:month"]),
        ("hours per project", ["project_id"]),
        ("hours per employee", ["employee_id"]),
    ):

        def run(_index, groupby=groupby):
            report._read_group([], groupby, ["hours:sum"])

        if profile and profile in label:
            run_profile(label, run)
        table.add(
            label,
            row_count(env, "account_analytic_line"),
            measure(env, run, 5),
            None,
            "< 300 ms at 1M",
        )


def measure_search(env, args, table, profile):
    data = load_sibling("bench_data")
    words, terms = data.WORDS, data.TERMS
    rng = random.Random(3)
    queries = [" ".join(rng.sample(words, rng.choice((1, 2)))) for _ in range(40)]
    queries += [f"{rng.choice(words)} {rng.choice(terms)}" for _ in range(20)]
    queries += ["nothing-matches-this", "printer 12", "چاپگر شبکه"]
    Article = env["crm.case.article"]

    def run(index):
        Article.search_text(queries[index % len(queries)])

    if profile and "search" in profile:
        run_profile("knowledge-base search", run)
    table.add(
        "knowledge-base search",
        row_count(env, "crm_case_article"),
        measure(env, run, len(queries)),
        None,
        "p50/p95 < 50 ms",
    )


def row_count(env, table):
    """The rows the database holds, whatever this run was asked to add."""
    env.cr.execute(f"SELECT count(*) FROM {table}")  # our own table names
    return env.cr.fetchone()[0]


def run_profile(label, func):
    profiler = cProfile.Profile()
    profiler.enable()
    for index in range(5):
        func(index)
    profiler.disable()
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(25)
    print(f"\nprofile of {label!r} (5 runs):\n{out.getvalue()}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", default="crm_case_bench")
    parser.add_argument("--sizes", default="0,1000,20000")
    parser.add_argument("--lines", type=int, default=100000)
    parser.add_argument("--articles", type=int, default=50000)
    parser.add_argument("--runs", type=int, default=RUNS)
    parser.add_argument("--profile", default="", help="part of a scenario's name")
    parser.add_argument(
        "--clients",
        type=int,
        default=8,
        help="parallel JSON-2 clients of the throughput run (0: skip it)",
    )
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--fresh", action="store_true", help="rebuild the database")
    args = parser.parse_args()
    sizes = sorted(int(size) for size in args.sizes.split(","))

    ensure_oca_modules()
    ensure_database(args.database, args.fresh)

    import odoo
    from odoo.modules.registry import Registry
    from odoo.tools import config

    config.parse_config(odoo_args(args.database))
    registry = Registry(args.database)
    table = Table()
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        data = load_sibling("bench_data")
        partners = data.bench_partners(env)
        for size in sizes:
            started = time.perf_counter()
            data.top_up_cases(env, size, partners)
            cr.commit()
            print(f"{size:,} cases and tickets ({time.perf_counter() - started:.0f} s)")
            measure_size(env, size, args, table, args.profile)
            cr.rollback()
        started = time.perf_counter()
        data.top_up_lines(env, args.lines, partners)
        data.top_up_articles(env, args.articles)
        cr.commit()
        print(f"lines and articles ready ({time.perf_counter() - started:.0f} s)")
        measure_rollups(env, args, table, args.profile)
        measure_search(env, args, table, args.profile)
        cr.rollback()
    table.print()
    print_sla_processing(args)
    if args.clients:
        print_throughput(args)


def print_sla_processing(args):
    """1,000 SLA lines crossing their warning at once (its own script, which
    plans deadlines on an office calendar under a frozen clock)."""
    print("\nSLA processing (target: 1,000 warnings in one run, queries by batch)")
    addons_path = next(
        option.split("=", 1)[1]
        for option in odoo_args(args.database)
        if option.startswith("--addons-path=")
    )
    subprocess.run(
        [
            sys.executable,
            os.path.join(ROOT, "bench", "bench_sla_cron.py"),
            f"--database={args.database}",
            "--cases=1000",
            f"--addons-path={addons_path}",
        ],
        check=True,
    )


def print_throughput(args):
    """Creates per second under parallel clients, ours beside OCA's."""
    parallel = load_sibling("bench_parallel_create")
    addons_path = next(
        option.split("=", 1)[1]
        for option in odoo_args(args.database)
        if option.startswith("--addons-path=")
    )
    per_client = 25
    results = parallel.measure(
        args.database, addons_path, args.workers, args.clients, per_client
    )
    print(
        f"\ncreate throughput: {args.clients} JSON-2 clients x {per_client} creates,"
        f" {args.workers} workers (target: ours >= 1.0x OCA)"
    )
    for side, figures in results.items():
        print(
            f"  {side:<11} {figures['per_second']:6.1f} creates/s  median "
            f"{figures['median_ms']:6.0f} ms  p95 {figures['p95_ms']:6.0f} ms  "
            f"failed {figures['failed']}"
        )
    for side in ("ours", "ours-manual"):
        ratio = results[side]["per_second"] / results["oca"]["per_second"]
        print(f"  ratio {side} / oca {ratio:.2f}")


if __name__ == "__main__":
    main()
