# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Two agents opening cases for one customer at the same moment.

Odoo's portal prepares the customer's signup link for every notification
about a record of theirs, and used to write the customer's row each time:
the second of two parallel requests then failed to serialize. Real
transactions, committed, cleaned up afterwards.
"""

from psycopg2.errors import SerializationFailure

from odoo import SUPERUSER_ID, Command, api
from odoo.tests import tagged

from .common import RaceCase


@tagged("post_install", "-at_install")
class TestCustomerRowRace(RaceCase):
    def setUp(self):
        super().setUp()
        with self.committed_env() as env:
            group = env.ref("crm_case_management.group_crm_case_user")
            users = env["res.users"].create(
                [
                    {
                        "name": f"Customer racer {index}",
                        "login": f"customer_racer_{index}",
                        "email": f"customer_racer_{index}@example.com",
                        "group_ids": [Command.set(group.ids)],
                    }
                    for index in range(2)
                ]
            )
            customer = env["res.partner"].create(
                {"name": "Busy customer", "email": "busy.customer@example.com"}
            )
            Params = env["ir.config_parameter"]
            self.scope = Params.get_param("auth_signup.invitation_scope")
            # Customers may sign up from their links: Odoo's default.
            Params.set_param("auth_signup.invitation_scope", "b2c")
            # The customer was already notified once: their signup is ready.
            customer.signup_prepare()
            self.ids = {"users": users.ids, "customer": customer.id}
        self.addCleanup(self._cleanup)

    def _cleanup(self):
        with self.committed_env() as env:
            env["ir.config_parameter"].set_param(
                "auth_signup.invitation_scope", self.scope
            )
            cases = env["crm.case"].search([("partner_id", "=", self.ids["customer"])])
            cases.activity_ids.unlink()
            cases.unlink()
            env["crm.case.queue"].search(
                [("personal_user_id", "in", self.ids["users"])]
            ).unlink()
            env["res.users"].browse(self.ids["users"]).unlink()
            env["res.partner"].browse(self.ids["customer"]).unlink()

    def _open_case(self, env, author, assignee):
        case = (
            env["crm.case"]
            .with_user(author)
            .create(
                {
                    "name": f"Opened by user {author}",
                    "description": "<p>The customer called twice.</p>",
                    "partner_id": self.ids["customer"],
                    "user_id": assignee,
                }
            )
        )
        env.flush_all()
        return case

    def _customer_write_date(self):
        with self.committed_env() as env:
            return env["res.partner"].browse(self.ids["customer"]).write_date

    def test_second_agent_is_not_refused_by_the_first(self):
        first, second = self.ids["users"]
        written = self._customer_write_date()
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            # The second request has started and read the customer ...
            env["res.partner"].browse(self.ids["customer"]).name  # noqa: B018
            # ... when the first one opens its case and commits.
            with self.committed_env() as other:
                self._open_case(other, first, second)
            try:
                self._open_case(env, second, first)
            except SerializationFailure:
                self.fail("the second agent's case was refused: customer row written")
            # Two real transactions are the point of this test.
            cr.commit()  # pylint: disable=invalid-commit
        self.assertEqual(self._customer_write_date(), written, "customer untouched")
        with self.committed_env() as env:
            cases = env["crm.case"].search([("partner_id", "=", self.ids["customer"])])
            self.assertEqual(len(cases), 2)
            # Both assignees were told, with the customer's link prepared.
            notices = env["mail.message"].search(
                [
                    ("model", "=", "crm.case"),
                    ("res_id", "in", cases.ids),
                    ("message_type", "=", "user_notification"),
                ]
            )
            self.assertEqual(len(notices), 2)
