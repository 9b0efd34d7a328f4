# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The attempt counter is shared by every worker: it lives in PostgreSQL."""

from odoo.tests import tagged

from .common import RaceCase

SCOPE = "track_code"
PARAM = "crm_case_management.rate_limit.track_code"


@tagged("post_install", "-at_install")
class TestRateLimitAcrossWorkers(RaceCase):
    KEY = "CS-RACE-0001"

    def setUp(self):
        super().setUp()
        with self.committed_env() as env:
            env["ir.config_parameter"].set_param(PARAM, 3)
        self.addCleanup(self._clean)

    def _clean(self):
        with self.committed_env() as env:
            env["ir.config_parameter"].search([("key", "=", PARAM)]).unlink()
            env["crm.case.rate.limit"].search([("scope", "=", SCOPE)]).unlink()

    def _hit(self, env):
        return env["crm.case.rate.limit"]._hit(SCOPE, self.KEY)

    def test_separate_transactions_share_one_count(self):
        outcomes = []
        for _attempt in range(4):
            with self.committed_env() as env:  # a new cursor, as another worker
                outcomes.append(self._hit(env))
        self.assertEqual(outcomes, [True, True, True, False])

    def test_simultaneous_attempts_are_all_counted(self):
        outcomes = self.run_together(*[self._hit] * 6)
        self.assertEqual(sorted(outcomes, key=str), [False] * 3 + [True] * 3)
        with self.committed_env() as env:
            rows = env["crm.case.rate.limit"].search([("scope", "=", SCOPE)])
            self.assertEqual(sum(rows.mapped("hits")), 6)
