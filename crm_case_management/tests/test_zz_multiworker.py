# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The desk served by several Odoo worker processes to parallel clients.

Odoo runs in prefork mode (``--workers``) on the test database, as in
production, and a bounded number of JSON-2 clients work the desk at the
same moment: they assign cases to people who have no personal queue yet,
let a round-robin queue assign others, close cases on a clause with fewer
units than cases, log and correct hours on an hours clause, reject work
and merge duplicates, while e-mails arrive through the mail gateway into a
balanced queue. Then the database must
hold together: no request failed but for the refusals a person would get,
every tracking code is distinct, each person has one personal queue, and
every clause balance equals its movements, within its allotment, and every
e-mail opened exactly one assigned case.

It commits (a real server cannot see the test's transaction) and deletes
what it created. The file name makes it run last.
"""

import datetime
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request

from odoo import SUPERUSER_ID, Command, api
from odoo.modules.registry import Registry
from odoo.tests import BaseCase, tagged
from odoo.tests.common import get_db_name
from odoo.tools import config

WORKERS = 2
CLIENTS = 6
ASSIGNED_PER_CLIENT = 4
QUEUED_PER_CLIENT = 2
CASES_UNITS = 3  # fewer units than the clients that try to use one
HOURS_PER_CLIENT = (1.5, 0.75)
CORRECTED_HOURS = 0.5  # the first line of each client, corrected afterwards
MAIL_SUBJECT = "Scanner jams on every page"
INCOMING = """\
From: Multi-worker customer <mw.customer@example.com>
To: support@example.com
Subject: {subject} ({index})
Message-ID: <multiworker-{index}@example.com>
Content-Type: text/plain; charset=utf-8

It jams again.
"""
START_TIMEOUT = 90
REQUEST_TIMEOUT = 60
# What a person would be told, and is not a failure of the server.
BUSINESS_REFUSALS = ("has only 0 left", "is used up")


def _free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@tagged("post_install", "-at_install")
class TestMultiWorker(BaseCase):
    def setUp(self):
        super().setUp()
        self.registry = Registry(get_db_name())
        self.ids = self._create_desk()
        self.addCleanup(self._delete_desk)
        self.url = self._start_server()

    # ------------------------------------------------------------------
    # The desk and the server
    # ------------------------------------------------------------------
    def _env(self, cr):
        return api.Environment(cr, SUPERUSER_ID, {})

    def _create_desk(self):
        with self.registry.cursor() as cr:
            env = self._env(cr)
            group = env.ref("crm_case_management.group_crm_case_user")
            users = env["res.users"].create(
                [
                    {
                        "name": f"Worker test {index}",
                        "login": f"multiworker_{index}",
                        "group_ids": [Command.set(group.ids)],
                    }
                    for index in range(4)
                ]
            )
            operator, agents = users[0], users[1:]
            env["hr.employee"].create(
                [{"name": user.name, "user_id": user.id} for user in agents]
            )
            project = env["project.project"].create(
                {"name": "Multi-worker support", "allow_timesheets": True}
            )
            partner = env["res.partner"].create(
                {
                    "name": "Multi-worker customer",
                    "is_company": True,
                    "email": "mw.customer@example.com",
                }
            )
            queue = env["crm.case.queue"].create(
                {
                    "name": "Multi-worker queue",
                    "assignment_method": "round_robin",
                    "member_ids": [Command.set(agents.ids)],
                }
            )
            mail_queue = env["crm.case.queue"].create(
                {
                    "name": "Multi-worker mail queue",
                    "assignment_method": "balanced",
                    "member_ids": [Command.set(agents.ids)],
                }
            )
            contract = env["crm.case.contract"].create(
                {
                    "name": "Multi-worker contract",
                    "partner_id": partner.id,
                    "date_start": datetime.date(2020, 1, 1),
                    "line_ids": [
                        Command.create(
                            {
                                "name": "Few visits",
                                "allotment_type": "cases",
                                "allotted": CASES_UNITS,
                            }
                        ),
                        Command.create(
                            {
                                "name": "Hours",
                                "allotment_type": "hours",
                                "allotted": 5,
                                "on_exhaustion": "overage",
                            }
                        ),
                    ],
                }
            )
            contract.action_activate()
            expires = datetime.datetime.now() + datetime.timedelta(days=1)
            keys = {
                user.id: env["res.users.apikeys"]
                .with_user(user)
                ._generate(scope="rpc", name="multiworker", expiration_date=expires)
                for user in users
            }
            return {
                "operator": operator.id,
                "agents": agents.ids,
                "users": users.ids,
                "keys": keys,
                "partner": partner.id,
                "project": project.id,
                "queue": queue.id,
                "mail_queue": mail_queue.id,
                "contract": contract.id,
                "cases_clause": contract.line_ids[0].id,
                "hours_clause": contract.line_ids[1].id,
            }

    def _delete_desk(self):
        with self.registry.cursor() as cr:
            env = self._env(cr)
            cases = env["crm.case"].search([("partner_id", "=", self.ids["partner"])])
            cases.timesheet_ids.unlink()
            cases.activity_ids.unlink()
            env["crm.case.contract"].browse(self.ids["contract"]).unlink()
            cases.unlink()
            env["crm.case.queue"].search(
                [
                    "|",
                    ("id", "in", [self.ids["queue"], self.ids["mail_queue"]]),
                    ("personal_user_id", "in", self.ids["users"]),
                ]
            ).unlink()
            env["hr.employee"].search([("user_id", "in", self.ids["users"])]).unlink()
            env["project.project"].browse(self.ids["project"]).unlink()
            env["res.users.apikeys"].search(
                [("user_id", "in", self.ids["users"])]
            ).unlink()
            env["res.users"].browse(self.ids["users"]).unlink()
            env["res.partner"].browse(self.ids["partner"]).unlink()

    def _start_server(self):
        port = _free_port()
        command = [
            sys.executable,
            self._launcher(),
            "server",
            f"--database={get_db_name()}",
            f"--db-filter=^{get_db_name()}$",
            f"--addons-path={','.join(config['addons_path'])}",
            f"--workers={WORKERS}",
            "--max-cron-threads=0",
            "--http-interface=127.0.0.1",
            f"--http-port={port}",
            f"--gevent-port={_free_port()}",
            "--limit-time-real=300",
            "--log-level=warn",
            # The retries of conflicts, to tell which one gave up.
            "--log-handler=odoo.service.model:INFO",
        ]
        # A file, not a pipe that nobody reads while the clients run and
        # whose full buffer would stall the server.
        self.server_log = tempfile.NamedTemporaryFile(  # noqa: SIM115
            "w+", prefix="multiworker-", suffix=".log"
        )
        self.addCleanup(self.server_log.close)
        server = subprocess.Popen(
            command, stdout=subprocess.DEVNULL, stderr=self.server_log, text=True
        )
        self.addCleanup(self._stop_server, server)
        url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if server.poll() is not None:
                self.fail(f"the Odoo server stopped: {self._server_log_tail()}")
            try:
                with urllib.request.urlopen(f"{url}/web/health", timeout=2):
                    return url
            except OSError:
                time.sleep(0.5)
        self.fail(f"the Odoo server did not answer within {START_TIMEOUT} s")

    def _launcher(self):
        """A script that starts Odoo, as ``odoo-bin`` does.

        Not ``python -m odoo``: the prefork server starts its websocket
        process again with ``sys.argv[0]``, which is then Odoo's
        ``__main__.py``, a file that cannot run as a script; that process
        fails and is started again all the time, next to the workers.
        """
        folder = tempfile.mkdtemp(prefix="multiworker-")
        self.addCleanup(shutil.rmtree, folder)
        path = os.path.join(folder, "odoo-server")
        with open(path, "w") as script:
            script.write("from odoo.cli.command import main\n\nmain()\n")
        return path

    def _server_log_tail(self, size=4000):
        self.server_log.flush()
        self.server_log.seek(0)
        return self.server_log.read()[-size:]

    def _stop_server(self, server):
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()

    # ------------------------------------------------------------------
    # A client
    # ------------------------------------------------------------------
    def _call(self, user_id, target, method, **params):
        """One JSON-2 request to ``target`` (a model name); the server retries
        its own conflicts."""
        request = urllib.request.Request(
            f"{self.url}/json/2/{target}/{method}",
            data=json.dumps(params).encode(),
            headers={
                "Content-Type": "application/json; charset=utf-8",
                "Authorization": f"Bearer {self.ids['keys'][user_id]}",
                "X-Odoo-Database": get_db_name(),
            },
        )
        try:
            with urllib.request.urlopen(request, timeout=REQUEST_TIMEOUT) as answer:
                return json.loads(answer.read())
        except urllib.error.HTTPError as error:
            body = error.read().decode(errors="replace")
            try:
                message = json.loads(body).get("message", body)
            except ValueError:
                message = body
            raise RuntimeError(f"{target}.{method}: {message}") from None

    def _client(self, index, log):
        """What one person does at the desk, each step a request."""
        operator, agents = self.ids["operator"], self.ids["agents"]
        agent = agents[index % len(agents)]

        def step(what, user_id, target, method, **params):
            try:
                result = self._call(user_id, target, method, **params)
            except RuntimeError as error:
                log.append((what, str(error)))
                return None
            log.append((what, "ok"))
            return result

        def new_case(**values):
            vals = {
                "name": f"Parallel case {index}",
                "description": "<p>Opened by a parallel client.</p>",
                "partner_id": self.ids["partner"],
                "project_id": self.ids["project"],
                **values,
            }
            ids = step("create", operator, "crm.case", "create", vals_list=[vals])
            return ids[0] if ids else None

        # All clients assign to the same people in the same order, so that
        # workers meet on a person who has no personal queue yet.
        for number in range(ASSIGNED_PER_CLIENT):
            new_case(user_id=agents[number % len(agents)])
        for _number in range(QUEUED_PER_CLIENT):
            new_case(queue_id=self.ids["queue"])
        step(
            "mail",
            operator,
            "mail.thread",
            "message_process",
            model="crm.case",
            message=INCOMING.format(subject=MAIL_SUBJECT, index=index),
            custom_values={"queue_id": self.ids["mail_queue"]},
        )
        visit = new_case(
            user_id=agent,
            contract_id=self.ids["contract"],
            contract_line_id=self.ids["cases_clause"],
        )
        if visit:
            step(
                "resolve",
                agent,
                "crm.case",
                "write",
                ids=[visit],
                vals={"resolution": "<p>Visited.</p>"},
            )
            step("done", agent, "crm.case", "action_done", ids=[visit])
            step("approve", operator, "crm.case", "action_approve", ids=[visit])
        hours_case = new_case(
            user_id=agent,
            contract_id=self.ids["contract"],
            contract_line_id=self.ids["hours_clause"],
        )
        if hours_case:
            lines = []
            for hours in HOURS_PER_CLIENT:
                lines += (
                    step(
                        "log hours",
                        agent,
                        "account.analytic.line",
                        "create",
                        vals_list=[
                            {
                                "case_id": hours_case,
                                "unit_amount": hours,
                                "name": "work",
                            }
                        ],
                    )
                    or []
                )
            if lines:
                step(
                    "correct hours",
                    agent,
                    "account.analytic.line",
                    "write",
                    ids=lines[:1],
                    vals={"unit_amount": CORRECTED_HOURS},
                )
            step(
                "resolve",
                agent,
                "crm.case",
                "write",
                ids=[hours_case],
                vals={"resolution": "<p>Configured.</p>"},
            )
            step("done", agent, "crm.case", "action_done", ids=[hours_case])
            step(
                "reject",
                operator,
                "crm.case",
                "action_reject",
                ids=[hours_case],
                reason="The customer still sees the old settings.",
            )
        duplicates = [new_case(name=f"Same printer {index}") for _copy in range(2)]
        if all(duplicates):
            wizard = step(
                "merge wizard",
                operator,
                "crm.case.merge",
                "create",
                vals_list=[
                    {
                        "case_ids": [Command.set(duplicates)],
                        "keep_id": duplicates[0],
                    }
                ],
            )
            if wizard:
                step("merge", operator, "crm.case.merge", "action_merge", ids=wizard)

    # ------------------------------------------------------------------
    # The test
    # ------------------------------------------------------------------
    def test_parallel_desk_keeps_its_invariants(self):
        logs = [[] for _index in range(CLIENTS)]
        threads = [
            threading.Thread(target=self._client, args=(index, logs[index]))
            for index in range(CLIENTS)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=REQUEST_TIMEOUT * 10)
        steps = [entry for log in logs for entry in log]
        failures = [
            (what, outcome)
            for what, outcome in steps
            if outcome != "ok"
            and not any(refusal in outcome for refusal in BUSINESS_REFUSALS)
        ]
        log = self._server_log_tail()
        self.assertFalse(failures, f"requests failed under load; server log:\n{log}")
        created = [
            what
            for what, outcome in steps
            if what in ("create", "mail") and outcome == "ok"
        ]
        with self.registry.cursor() as cr:
            self._check_database(self._env(cr), len(created))

    def _check_database(self, env, created):
        cases = env["crm.case"].search([("partner_id", "=", self.ids["partner"])])
        self.assertEqual(len(cases), created)
        self.assertEqual(len(set(cases.mapped("number"))), len(cases))
        for agent in self.ids["agents"]:
            personal = env["crm.case.queue"].search_count(
                [("personal_user_id", "=", agent)]
            )
            self.assertEqual(personal, 1, f"personal queues of user {agent}")
        queued = cases.filtered(lambda case: case.queue_id.id == self.ids["queue"])
        self.assertTrue(all(queued.mapped("user_id")), "the queue assigns them all")
        mailed = cases.filtered(lambda case: case.name.startswith(MAIL_SUBJECT))
        self.assertEqual(
            sorted(mailed.mapped("name")),
            sorted(f"{MAIL_SUBJECT} ({index})" for index in range(CLIENTS)),
            "each e-mail opens one case",
        )
        self.assertEqual(set(mailed.queue_id.ids), {self.ids["mail_queue"]})
        self.assertTrue(all(mailed.mapped("user_id")), "the mail queue assigns all")
        Clause = env["crm.case.contract.line"]
        visits = Clause.browse(self.ids["cases_clause"])
        self.assertEqual(visits.consumed, CASES_UNITS)
        self.assertEqual(visits.consumed, sum(visits.move_ids.mapped("quantity")))
        closed = cases.filtered(lambda case: case.contract_line_id == visits)
        self.assertEqual(
            len(closed.filtered(lambda case: case.state == "closed")), CASES_UNITS
        )
        hours = Clause.browse(self.ids["hours_clause"])
        logged = CLIENTS * (sum(HOURS_PER_CLIENT[1:]) + CORRECTED_HOURS)
        self.assertAlmostEqual(hours.consumed + hours.overage, logged)
        self.assertFalse(Clause.browse(self.ids["cases_clause"])._audit_balance())
        self.assertFalse(hours._audit_balance())
        rejected = cases.filtered(lambda case: case.contract_line_id == hours)
        self.assertEqual(set(rejected.mapped("state")), {"rejected"})
        self.assertEqual(set(rejected.mapped("reject_count")), {1})
        merged = cases.filtered("merged_into_id")
        self.assertEqual(len(merged), CLIENTS)
        self.assertEqual(set(merged.mapped("state")), {"closed"})
        self.assertFalse(merged.merged_into_id.filtered("merged_into_id"))
        self.assertLessEqual(hours.consumed, hours.allotted)
        for case in cases:
            self.assertAlmostEqual(
                case.total_hours, sum(case.timesheet_ids.mapped("unit_amount"))
            )
