# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Two real transactions close cases on a clause with one unit left."""

import datetime

from odoo import SUPERUSER_ID, Command
from odoo.tests import tagged

from .common import RaceCase


@tagged("post_install", "-at_install")
class TestContractConcurrency(RaceCase):
    def setUp(self):
        super().setUp()
        with self.committed_env() as env:
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
        with self.committed_env() as env:
            env["crm.case.contract"].browse(self.ids["contract"]).unlink()
            env["crm.case"].browse(self.ids["cases"]).unlink()
            env["res.partner"].browse(self.ids["partner"]).unlink()

    def _approve(self, case_id):
        def approve(env):
            env["crm.case"].browse(case_id).action_approve()
            return "closed"

        return approve

    def _race(self):
        outcomes = self.run_together(*map(self._approve, self.ids["cases"]))
        with self.committed_env() as env:
            clause = env["crm.case.contract.line"].browse(self.clause_id)
            states = env["crm.case"].browse(self.ids["cases"]).mapped("state")
            return outcomes, clause.consumed, clause.overage, clause.remaining, states

    def test_blocking_clause_lets_exactly_one_case_close(self):
        outcomes, consumed, overage, remaining, states = self._race()
        self.assertEqual(outcomes.count("closed"), 1, outcomes)
        refused = next(result for result in outcomes if result != "closed")
        self.assertIn("has only 0 left", refused)
        self.assertEqual((consumed, overage, remaining), (1.0, 0.0, 0.0))
        self.assertEqual(sorted(states), ["closed", "done"])

    def test_overage_clause_records_the_second_case_as_overage(self):
        with self.committed_env() as env:
            clause = env["crm.case.contract.line"].browse(self.clause_id)
            clause.on_exhaustion = "overage"
        outcomes, consumed, overage, remaining, states = self._race()
        self.assertEqual(outcomes, ["closed", "closed"])
        self.assertEqual((consumed, overage, remaining), (1.0, 1.0, 0.0))
        self.assertEqual(states, ["closed", "closed"])
