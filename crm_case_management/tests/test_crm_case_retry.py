# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Work outside HTTP requests survives a conflict with a parallel request.

Each test makes the conflict happen for sure: the job's transaction takes
its snapshot, another transaction changes a row the job will write and
commits, then the job writes. Under REPEATABLE READ that is a serialization
failure, the same one two workers meet by chance in production.
"""

import datetime

from psycopg2.errors import SerializationFailure

from odoo import SUPERUSER_ID, Command, api
from odoo.tests import tagged
from odoo.tools import SQL

from .common import RaceCase

INCOMING = """\
From: Retry Customer <retry.customer@example.com>
To: support@example.com
Subject: Router lost its configuration
Message-ID: <retry-{tag}@example.com>
Content-Type: text/plain; charset=utf-8

The router forgot everything after the storm.
"""


@tagged("post_install", "-at_install")
class TestRetriesOutsideRequests(RaceCase):
    def setUp(self):
        super().setUp()
        with self.committed_env() as env:
            group = env.ref("crm_case_management.group_crm_case_user")
            agent = env["res.users"].create(
                {
                    "name": "Retry agent",
                    "login": "retry_agent",
                    "group_ids": [Command.set(group.ids)],
                }
            )
            partner = env["res.partner"].create(
                {"name": "Retry Customer", "email": "retry.customer@example.com"}
            )
            queue = env["crm.case.queue"].create(
                {
                    "name": "Retry queue",
                    "assignment_method": "balanced",
                    "member_ids": [Command.set(agent.ids)],
                }
            )
            contract = env["crm.case.contract"].create(
                {
                    "name": "Retry contract",
                    "partner_id": partner.id,
                    "date_start": datetime.date(2025, 1, 1),
                    "date_end": datetime.date(2025, 12, 31),
                    "state": "active",
                }
            )
            self.ids = {
                "agent": agent.id,
                "partner": partner.id,
                "queue": queue.id,
                "contract": contract.id,
            }
        self.addCleanup(self._cleanup)

    def _cleanup(self):
        with self.committed_env() as env:
            cases = env["crm.case"].search([("partner_id", "=", self.ids["partner"])])
            cases.activity_ids.unlink()
            cases.unlink()
            env["crm.case.contract"].browse(self.ids["contract"]).unlink()
            env["crm.case.queue"].browse(self.ids["queue"]).unlink()
            env["crm.case.queue"].search(
                [("personal_user_id", "=", self.ids["agent"])]
            ).unlink()
            env["res.users"].browse(self.ids["agent"]).unlink()
            env["res.partner"].browse(self.ids["partner"]).unlink()

    def _changed_by_another_transaction(self, cr, table, record_id):
        """Start ``cr``'s snapshot, then commit a change of the row elsewhere."""
        cr.execute("SELECT 1")
        with self.registry.cursor() as other:
            other.execute(
                SQL(
                    "UPDATE %s SET write_date = now() WHERE id = %s",
                    SQL.identifier(table),
                    record_id,
                )
            )

    def _contract_state(self):
        with self.committed_env() as env:
            return env["crm.case.contract"].browse(self.ids["contract"]).state

    def test_contract_expiry_job_is_retried_after_a_parallel_edit(self):
        # Without the retry, the conflict fails the job.
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            self._changed_by_another_transaction(
                cr, "crm_case_contract", self.ids["contract"]
            )
            env["crm.case.contract"]._expire_ended()
            with self.assertRaises(SerializationFailure):
                env.flush_all()
            cr.rollback()
        self.assertEqual(self._contract_state(), "active")

        # The scheduled job retries on fresh data and expires the contract.
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            self._changed_by_another_transaction(
                cr, "crm_case_contract", self.ids["contract"]
            )
            expired = env["crm.case.contract"]._cron_expire()
            self.assertEqual(expired.ids, [self.ids["contract"]])
        self.assertEqual(self._contract_state(), "expired")

    def _fetch(self, env, tag):
        """Process one message as the mail fetcher does."""
        return (
            env["mail.thread"]
            .with_context(fetchmail_cron_running=True)
            .message_process(
                "crm.case",
                INCOMING.format(tag=tag),
                custom_values={"queue_id": self.ids["queue"]},
            )
        )

    def _cases_from_mail(self):
        with self.committed_env() as env:
            cases = env["crm.case"].search([("partner_id", "=", self.ids["partner"])])
            return [(case.name, case.user_id.id) for case in cases]

    def test_fetched_mail_opens_its_case_after_a_parallel_assignment(self):
        # The parallel assignment in the same balanced queue commits first.
        # Without the retry, the fetcher's message fails and is dropped.
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            queue_id = self.ids["queue"]
            self._changed_by_another_transaction(cr, "crm_case_queue", queue_id)
            with self.assertRaises(SerializationFailure):
                env["mail.thread"].message_process(
                    "crm.case",
                    INCOMING.format(tag="lost"),
                    custom_values={"queue_id": self.ids["queue"]},
                )
                env.flush_all()
            cr.rollback()
        self.assertEqual(self._cases_from_mail(), [])

        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            queue_id = self.ids["queue"]
            self._changed_by_another_transaction(cr, "crm_case_queue", queue_id)
            case_id = self._fetch(env, "kept")
            self.assertTrue(case_id)
        self.assertEqual(
            self._cases_from_mail(),
            [("Router lost its configuration", self.ids["agent"])],
        )
