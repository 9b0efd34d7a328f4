# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Cases arriving at the same moment in a round-robin queue (E3).

Real transactions in two threads, as two e-mails or two operators would
be; the tests delete what they created.
"""

import threading

from psycopg2.errors import SerializationFailure

from odoo import SUPERUSER_ID, Command, api
from odoo.modules.registry import Registry
from odoo.tests import BaseCase, tagged
from odoo.tests.common import get_db_name

TRIES = 5


@tagged("post_install", "-at_install")
class TestQueueConcurrency(BaseCase):
    def setUp(self):
        super().setUp()
        self.registry = Registry(get_db_name())
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            group = env.ref("crm_case_management.group_crm_case_user")
            users = env["res.users"].create(
                [
                    {
                        "name": f"Racer {index}",
                        "login": f"queue_racer_{index}",
                        "group_ids": [Command.set(group.ids)],
                    }
                    for index in range(2)
                ]
            )
            partner = env["res.partner"].create({"name": "Queue race customer"})
            queue = env["crm.case.queue"].create(
                {
                    "name": "Race queue",
                    "assignment_method": "balanced",
                    "member_ids": [Command.set(users.ids)],
                }
            )
            self.ids = {"users": users.ids, "partner": partner.id, "queue": queue.id}
        self.addCleanup(self._cleanup)

    def _cleanup(self):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            cases = env["crm.case"].search([("queue_id", "=", self.ids["queue"])])
            cases.activity_ids.unlink()
            cases.unlink()
            env["crm.case.queue"].browse(self.ids["queue"]).unlink()
            env["crm.case.queue"].search(
                [("personal_user_id", "in", self.ids["users"])]
            ).unlink()
            env["res.users"].browse(self.ids["users"]).unlink()
            env["res.partner"].browse(self.ids["partner"]).unlink()

    def _create_case(self, barrier, outcomes, index):
        barrier.wait()
        for _try in range(TRIES):
            with self.registry.cursor() as cr:
                env = api.Environment(cr, SUPERUSER_ID, {})
                try:
                    case = env["crm.case"].create(
                        {
                            "name": f"Arrived together {index}",
                            "description": "<p>race</p>",
                            "partner_id": self.ids["partner"],
                            "queue_id": self.ids["queue"],
                        }
                    )
                    # Two real transactions are the point of this test.
                    cr.commit()  # pylint: disable=invalid-commit
                    outcomes[index] = case.user_id.id
                    return
                except SerializationFailure:
                    cr.rollback()
        outcomes[index] = "gave up"

    def test_simultaneous_cases_are_spread_not_stacked(self):
        barrier = threading.Barrier(2)
        outcomes = {}
        threads = [
            threading.Thread(target=self._create_case, args=(barrier, outcomes, index))
            for index in range(2)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
        self.assertEqual(sorted(outcomes.values()), sorted(self.ids["users"]), outcomes)
