# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Two follow-ups of one case opened at the same moment."""

from odoo.tests import tagged

from .common import RaceCase


@tagged("post_install", "-at_install")
class TestFollowUpConcurrency(RaceCase):
    def setUp(self):
        super().setUp()
        with self.committed_env() as env:
            partner = env["res.partner"].create({"name": "Follow-up race customer"})
            parent = env["crm.case"].create(
                {
                    "name": "Printer keeps failing",
                    "description": "<p>Again and again.</p>",
                    "partner_id": partner.id,
                }
            )
            self.ids = {"partner": partner.id, "parent": parent.id}
            self.parent_number = parent.number
        self.addCleanup(self._cleanup)

    def _cleanup(self):
        with self.committed_env() as env:
            cases = env["crm.case"].search([("partner_id", "=", self.ids["partner"])])
            cases.activity_ids.unlink()
            (cases - cases.browse(self.ids["parent"])).unlink()
            cases.browse(self.ids["parent"]).unlink()
            env["res.partner"].browse(self.ids["partner"]).unlink()

    def _follow_up(self, index):
        def create(env):
            case = env["crm.case"].create(
                {
                    "name": f"Follow-up {index}",
                    "description": "<p>It failed again.</p>",
                    "partner_id": self.ids["partner"],
                    "parent_id": self.ids["parent"],
                }
            )
            return case.number

        return create

    def test_follow_ups_get_distinct_numbers(self):
        numbers = self.run_together(self._follow_up(0), self._follow_up(1))
        self.assertEqual(
            sorted(numbers),
            [f"{self.parent_number}/1", f"{self.parent_number}/2"],
            numbers,
        )
