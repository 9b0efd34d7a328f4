"""Create throughput under parallel clients, beside OCA helpdesk tickets.

Starts Odoo in prefork mode (``--workers``) on a database that has both
crm_case_management and OCA's helpdesk_mgmt installed (``bench/run.py``
builds one), and lets ``--clients`` JSON-2 clients create records at the same
moment, as agents of a small team would: half of them assigned to a person,
half left to the queue or team; our queue assigns them (round robin), and a
second run of ours uses a queue that leaves them to its members, as OCA's
team does. The sides take turns in five rounds, so
that a change of load on the machine hits both. Prints the creates per second
and the median and 95th-percentile latency of each side, then deletes what it
created.

    PGHOST=127.0.0.1 PGUSER=odoo python3 bench/bench_parallel_create.py \\
        --database crm_case_bench --workers 2 --clients 8 --per-client 25
"""

import argparse
import datetime
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
# Turns the two sides take (see measure).
ROUNDS = 5
SIDES = (
    ("ours", "crm.case"),
    ("ours-manual", "crm.case"),
    ("oca", "helpdesk.ticket"),
)


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Server:
    def __init__(self, database, addons_path, workers):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.database = database
        # A script, not ``python -m odoo``: prefork starts its websocket
        # process again with ``sys.argv[0]``, and Odoo's ``__main__.py`` does
        # not run as a script (that process would fail and restart all along).
        self.launcher = tempfile.NamedTemporaryFile(  # noqa: SIM115
            "w", prefix="odoo-server-", suffix=".py"
        )
        self.launcher.write("from odoo.cli.command import main\n\nmain()\n")
        self.launcher.flush()
        self.process = subprocess.Popen(
            [
                sys.executable,
                self.launcher.name,
                "server",
                f"--database={database}",
                f"--db-filter=^{database}$",
                f"--addons-path={addons_path}",
                f"--workers={workers}",
                "--max-cron-threads=0",
                "--http-interface=127.0.0.1",
                f"--http-port={self.port}",
                f"--gevent-port={free_port()}",
                "--log-level=warn",
            ],
            stdout=subprocess.DEVNULL,
            # The server's warnings and errors, to see why a request failed.
            stderr=open(  # noqa: SIM115 - open while the server runs
                os.environ.get("BENCH_SERVER_LOG", os.devnull), "a"
            ),
        )
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"{self.url}/web/health", timeout=2):
                    return
            except OSError:
                time.sleep(0.5)
        self.stop()
        raise RuntimeError("the Odoo server did not start")

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
        self.launcher.close()

    def call(self, key, model, method, **params):
        request = urllib.request.Request(
            f"{self.url}/json/2/{model}/{method}",
            data=json.dumps(params).encode(),
            headers={
                "Content-Type": "application/json",
                "Authorization": f"Bearer {key}",
                "X-Odoo-Database": self.database,
            },
        )
        with urllib.request.urlopen(request, timeout=120) as answer:
            return json.loads(answer.read())


def prepare(env, clients):
    """Users with API keys, a customer, our queue and OCA's team."""
    from odoo import Command

    def users(prefix, group):
        return env["res.users"].create(
            [
                {
                    "name": f"{prefix} {index}",
                    "login": f"{prefix.lower().replace(' ', '_')}_{index}",
                    "group_ids": [Command.set(env.ref(group).ids)],
                }
                for index in range(clients)
            ]
        )

    ours = users("Parallel agent", "crm_case_management.group_crm_case_user")
    theirs = users("Parallel helpdesk agent", "helpdesk_mgmt.group_helpdesk_user")
    partner = env["res.partner"].create({"name": "Parallel bench customer"})
    queue, manual_queue = env["crm.case.queue"].create(
        [
            {
                "name": f"Parallel bench queue ({method})",
                "assignment_method": method,
                "member_ids": [Command.set(ours.ids)],
            }
            for method in ("round_robin", "manual")
        ]
    )
    team = env["helpdesk.ticket.team"].create(
        {"name": "Parallel bench team", "user_ids": [Command.set(theirs.ids)]}
    )
    expires = datetime.datetime.now() + datetime.timedelta(days=1)

    def keys(users):
        return [
            env["res.users.apikeys"]
            .with_user(user)
            ._generate(scope="rpc", name="bench", expiration_date=expires)
            for user in users
        ]

    return {
        "ours": (ours.ids, keys(ours), {"queue_id": queue.id}),
        "ours-manual": (ours.ids, keys(ours), {"queue_id": manual_queue.id}),
        "oca": (theirs.ids, keys(theirs), {"team_id": team.id}),
        "users": (ours | theirs).ids,
        "partner": partner.id,
        "queues": (queue | manual_queue).ids,
        "team": team.id,
    }


def run_side(server, model, user_ids, keys, routing, partner_id, per_client, tag=0):
    """One round: every client creates ``per_client`` records at once."""
    latencies, failures = [], []
    barrier = threading.Barrier(len(keys))

    def client(index):
        barrier.wait()
        for number in range(per_client):
            values = {
                "name": f"Parallel bench {tag}.{index}.{number}",
                "description": "<p>Opened by a parallel client.</p>",
                "partner_id": partner_id,
            }
            if number % 2:
                values["user_id"] = user_ids[(index + number) % len(user_ids)]
            else:
                values.update(routing)
            start = time.perf_counter()
            try:
                server.call(keys[index], model, "create", vals_list=[values])
            except urllib.error.HTTPError as error:
                failures.append(error.read().decode(errors="replace")[-300:])
                continue
            except (urllib.error.URLError, OSError) as error:
                failures.append(str(error))
                continue
            latencies.append(time.perf_counter() - start)

    threads = [
        threading.Thread(target=client, args=(index,)) for index in range(len(keys))
    ]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return latencies, failures, time.perf_counter() - started


def figures(latencies, failures, elapsed):
    latencies = sorted(latencies)
    p95 = latencies[min(len(latencies) - 1, int(len(latencies) * 0.95))]
    return {
        "per_second": len(latencies) / elapsed,
        "median_ms": statistics.median(latencies) * 1000,
        "p95_ms": p95 * 1000,
        "failed": len(failures),
        "failures": failures,
    }


def clean(env, prepared):
    for model in ("crm.case", "helpdesk.ticket"):
        records = env[model].search([("partner_id", "=", prepared["partner"])])
        records.activity_ids.unlink()
        records.unlink()
    users = env["res.users"].browse(prepared["users"])
    env["crm.case.queue"].search(
        ["|", ("id", "in", prepared["queues"]), ("personal_user_id", "in", users.ids)]
    ).unlink()
    env["helpdesk.ticket.team"].browse(prepared["team"]).unlink()
    env["res.users.apikeys"].search([("user_id", "in", users.ids)]).unlink()
    users.unlink()
    env["res.partner"].browse(prepared["partner"]).unlink()


def measure(database, addons_path, workers, clients, per_client):
    """``{"ours": figures, "oca": figures}`` for one parallel load."""
    import odoo
    from odoo.modules.registry import Registry

    registry = Registry(database)
    with registry.cursor() as cr:
        prepared = prepare(odoo.api.Environment(cr, odoo.SUPERUSER_ID, {}), clients)
    server = Server(database, addons_path, workers)
    try:
        # The sides take turns, a few creates per client each time, so that
        # a change of load on the machine during the run hits both alike.
        # "ours-manual": the queue leaves its cases to its members, as OCA's
        # team does; "ours": the queue also assigns each one (the
        # assignee's activity and notification come with it).
        sides = SIDES
        totals = {side: ([], [], 0.0) for side, _model in sides}
        rounds = max(1, min(ROUNDS, per_client))
        for turn in range(rounds):
            for side, model in sides:
                user_ids, keys, routing = prepared[side]
                latencies, failures, elapsed = run_side(
                    server,
                    model,
                    user_ids,
                    keys,
                    routing,
                    prepared["partner"],
                    per_client // rounds + (turn < per_client % rounds),
                    tag=turn,
                )
                done, failed, spent = totals[side]
                totals[side] = (done + latencies, failed + failures, spent + elapsed)
        return {side: figures(*total) for side, total in totals.items()}
    finally:
        server.stop()
        with registry.cursor() as cr:
            clean(odoo.api.Environment(cr, odoo.SUPERUSER_ID, {}), prepared)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", default="crm_case_bench")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--per-client", type=int, default=25)
    args = parser.parse_args()
    sys.path.insert(0, os.path.join(ROOT, "bench"))
    import run as bench_run

    options = bench_run.odoo_args(args.database)
    from odoo.tools import config

    config.parse_config(options)
    addons_path = next(o for o in options if o.startswith("--addons-path="))
    results = measure(
        args.database,
        addons_path.split("=", 1)[1],
        args.workers,
        args.clients,
        args.per_client,
    )
    print(f"{args.clients} clients x {args.per_client} creates, {args.workers} workers")
    for side, figures in results.items():
        print(
            f"{side:<11} {figures['per_second']:6.1f} creates/s  median "
            f"{figures['median_ms']:6.0f} ms  p95 {figures['p95_ms']:6.0f} ms  "
            f"failed {figures['failed']}"
        )
        for failure in figures["failures"]:
            print(f"      {failure}")


if __name__ == "__main__":
    main()
