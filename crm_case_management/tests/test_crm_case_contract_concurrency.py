# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Two real transactions close cases on a clause with one unit left (D3).

These tests commit: they use their own cursors on the test database, run
the two closings in two threads at the same moment, and delete what they
created afterwards.
"""

import datetime
import threading

from psycopg2.errors import SerializationFailure

from odoo import SUPERUSER_ID, Command, api
from odoo.exceptions import UserError
from odoo.modules.registry import Registry
from odoo.tests import BaseCase, tagged
from odoo.tests.common import get_db_name

TRIES = 5


@tagged("post_install", "-at_install")
class TestContractConcurrency(BaseCase):
    def setUp(self):
        super().setUp()
        self.registry = Registry(get_db_name())
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            partner = env["res.partner"].create(
                {"name": "Race Customer", "is_company": True}
            )
            contract = env["crm.case.contract"].create(
                {
                    "name": "Race contract",
                    "partner_id": partner.id,
                    "date_start": datetime.date(2020, 1, 1),
                    "line_ids": [
                        Command.create({"name": "One case left", "allotted": 1})
                    ],
                }
            )
            contract.action_activate()
            cases = env["crm.case"].create(
                [
                    {
                        "name": f"Race {index}",
                        "description": "<p>race</p>",
                        "partner_id": partner.id,
                        "user_id": SUPERUSER_ID,
                        "contract_id": contract.id,
                        "contract_line_id": contract.line_ids.id,
                        "resolution": "<p>done</p>",
                    }
                    for index in range(2)
                ]
            )
            cases.action_done()
            self.ids = {
                "partner": partner.id,
                "contract": contract.id,
                "cases": cases.ids,
            }
            self.clause_id = contract.line_ids.id
        self.addCleanup(self._cleanup)

    def _cleanup(self):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            env["crm.case.contract"].browse(self.ids["contract"]).unlink()
            env["crm.case"].browse(self.ids["cases"]).unlink()
            env["res.partner"].browse(self.ids["partner"]).unlink()

    def _approve_in_own_transaction(self, case_id, barrier, outcomes):
        """What Odoo does for an RPC call: run, and retry on conflicts."""
        barrier.wait()
        for _try in range(TRIES):
            with self.registry.cursor() as cr:
                env = api.Environment(cr, SUPERUSER_ID, {})
                try:
                    env["crm.case"].browse(case_id).action_approve()
                    # Two real transactions are the point of this test.
                    cr.commit()  # pylint: disable=invalid-commit
                    outcomes[case_id] = "closed"
                    return
                except SerializationFailure:
                    cr.rollback()
                    outcomes.setdefault(f"retries {case_id}", 0)
                    outcomes[f"retries {case_id}"] += 1
                except UserError as error:
                    cr.rollback()
                    outcomes[case_id] = str(error)
                    return
        outcomes[case_id] = "gave up"

    def _race(self):
        barrier = threading.Barrier(2)
        outcomes = {}
        threads = [
            threading.Thread(
                target=self._approve_in_own_transaction,
                args=(case_id, barrier, outcomes),
            )
            for case_id in self.ids["cases"]
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            clause = env["crm.case.contract.line"].browse(self.clause_id)
            states = env["crm.case"].browse(self.ids["cases"]).mapped("state")
            return outcomes, clause.consumed, clause.overage, clause.remaining, states

    def test_blocking_clause_lets_exactly_one_case_close(self):
        outcomes, consumed, overage, remaining, states = self._race()
        results = [outcomes[case_id] for case_id in self.ids["cases"]]
        self.assertEqual(results.count("closed"), 1, outcomes)
        refused = next(result for result in results if result != "closed")
        self.assertIn("has only 0 left", refused)
        self.assertEqual((consumed, overage, remaining), (1.0, 0.0, 0.0))
        self.assertEqual(sorted(states), ["closed", "done"])

    def test_overage_clause_records_the_second_case_as_overage(self):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            env["crm.case.contract.line"].browse(
                self.clause_id
            ).on_exhaustion = "overage"
        outcomes, consumed, overage, remaining, states = self._race()
        self.assertEqual(
            [outcomes[case_id] for case_id in self.ids["cases"]], ["closed", "closed"]
        )
        self.assertEqual((consumed, overage, remaining), (1.0, 1.0, 0.0))
        self.assertEqual(states, ["closed", "closed"])
