# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Cases arriving at the same moment in a balanced queue."""

from odoo import Command
from odoo.tests import tagged

from .common import RaceCase


@tagged("post_install", "-at_install")
class TestQueueConcurrency(RaceCase):
    def setUp(self):
        super().setUp()
        with self.committed_env() as env:
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
        with self.committed_env() as env:
            cases = env["crm.case"].search([("queue_id", "=", self.ids["queue"])])
            cases.activity_ids.unlink()
            cases.unlink()
            env["crm.case.queue"].browse(self.ids["queue"]).unlink()
            env["crm.case.queue"].search(
                [("personal_user_id", "in", self.ids["users"])]
            ).unlink()
            env["res.users"].browse(self.ids["users"]).unlink()
            env["res.partner"].browse(self.ids["partner"]).unlink()

    def _create_case(self, index):
        def create(env):
            case = env["crm.case"].create(
                {
                    "name": f"Arrived together {index}",
                    "description": "<p>race</p>",
                    "partner_id": self.ids["partner"],
                    "queue_id": self.ids["queue"],
                }
            )
            return case.user_id.id

        return create

    def test_simultaneous_cases_are_spread_not_stacked(self):
        assignees = self.run_together(self._create_case(0), self._create_case(1))
        self.assertEqual(sorted(assignees), sorted(self.ids["users"]), assignees)


@tagged("post_install", "-at_install")
class TestPersonalQueueConcurrency(RaceCase):
    """Two cases assigned at once to a person who has no personal queue."""

    def setUp(self):
        super().setUp()
        with self.committed_env() as env:
            group = env.ref("crm_case_management.group_crm_case_user")
            user = env["res.users"].create(
                {
                    "name": "New colleague",
                    "login": "queue_racer_new",
                    "group_ids": [Command.set(group.ids)],
                }
            )
            partner = env["res.partner"].create({"name": "Personal race customer"})
            self.ids = {"user": user.id, "partner": partner.id}
        self.addCleanup(self._cleanup)

    def _cleanup(self):
        with self.committed_env() as env:
            cases = env["crm.case"].search([("partner_id", "=", self.ids["partner"])])
            cases.activity_ids.unlink()
            cases.unlink()
            env["crm.case.queue"].search(
                [("personal_user_id", "=", self.ids["user"])]
            ).unlink()
            env["res.users"].browse(self.ids["user"]).unlink()
            env["res.partner"].browse(self.ids["partner"]).unlink()

    def _assign_case(self, index):
        def create(env):
            case = env["crm.case"].create(
                {
                    "name": f"Assigned together {index}",
                    "description": "<p>race</p>",
                    "partner_id": self.ids["partner"],
                    "user_id": self.ids["user"],
                }
            )
            return case.queue_id.personal_user_id.id

        return create

    def test_both_cases_land_in_one_personal_queue(self):
        outcomes = self.run_together(self._assign_case(0), self._assign_case(1))
        self.assertEqual(outcomes, [self.ids["user"]] * 2, outcomes)
        with self.committed_env() as env:
            queues = env["crm.case.queue"].search(
                [("personal_user_id", "=", self.ids["user"])]
            )
            self.assertEqual(len(queues), 1)
