# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Two members pick one queue item at the same moment."""

from odoo import Command
from odoo.tests import new_test_user, tagged

from .common import USER_GROUP, RaceCase


@tagged("post_install", "-at_install")
class TestQueueItemRace(RaceCase):
    def setUp(self):
        super().setUp()
        with self.committed_env() as env:
            first = new_test_user(env, "race_item_first", groups=USER_GROUP)
            second = new_test_user(env, "race_item_second", groups=USER_GROUP)
            queue = env["crm.case.queue"].create(
                {
                    "name": "Race item queue",
                    "member_ids": [Command.set((first | second).ids)],
                }
            )
            partner = env["res.partner"].create({"name": "Race item customer"})
            message = partner.message_post(body="Race", message_type="comment")
            item = env["crm.case.queue.item"].create(
                {"queue_id": queue.id, "message_id": message.id}
            )
            self.ids = {
                "users": (first | second).ids,
                "queue": queue.id,
                "partner": partner.id,
                "item": item.id,
            }
        self.addCleanup(self._cleanup)

    def _cleanup(self):
        with self.committed_env() as env:
            env["crm.case.queue.item"].browse(self.ids["item"]).unlink()
            env["crm.case.queue"].browse(self.ids["queue"]).unlink()
            users = env["res.users"].browse(self.ids["users"])
            partners = users.partner_id
            users.unlink()
            (partners | env["res.partner"].browse(self.ids["partner"])).unlink()

    def _pick_as(self, user_id):
        def pick(env):
            item = (
                env["crm.case.queue.item"].with_user(user_id).browse(self.ids["item"])
            )
            item.action_pick()
            return "picked"

        return pick

    def test_two_members_pick_at_once_one_gets_it(self):
        first, second = self.ids["users"]
        outcomes = self.run_together(self._pick_as(first), self._pick_as(second))
        self.assertEqual(outcomes.count("picked"), 1, outcomes)
        loser = next(outcome for outcome in outcomes if outcome != "picked")
        self.assertIn("already picked by", loser)
        with self.committed_env() as env:
            item = env["crm.case.queue.item"].browse(self.ids["item"])
            winner = first if outcomes[0] == "picked" else second
            self.assertEqual((item.state, item.user_id.id), ("picked", winner))
