# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Queues: routing rules put each new case in a queue, which may assign it."""

from odoo import fields, models


class CrmCase(models.Model):
    # One concern of crm.case per file, as crm_case.py explains.
    _inherit = "crm.case"  # pylint: disable=consider-merging-classes-inherited

    queue_id = fields.Many2one(
        "crm.case.queue",
        index="btree_not_null",
        tracking=True,
        check_company=True,
        help="Routing rules pick the queue of new cases; its members work them.",
    )

    def action_route_again(self):
        """Run the routing rules again, and assign if the queue does."""
        self.check_access("write")  # routing then writes as the superuser
        self._route(force=True)
        return True

    def _route(self, force=False):
        # sudo: rules and queue membership are configuration every case
        # creator relies on, whatever their own access to it.
        queues = self.env["crm.case.routing.rule"].sudo()._route(self)
        to_file = self.filtered(
            lambda case: queues[case] and (force or not case.queue_id)
        )
        for queue, cases in to_file.grouped(queues.get).items():
            cases._workflow_write({"queue_id": queue.id})
        # One case at a time: each pick sees the load the previous one added.
        for case in self:
            if case.queue_id and not case.user_id and case.state != "closed":
                assignee = case.queue_id.sudo()._pick_assignee(case)
                if assignee:
                    case._workflow_write({"user_id": assignee.id})

    def _file_in_personal_queue(self):
        """Cases assigned by hand outside any queue join their assignee's own."""
        unqueued = self.filtered(
            lambda case: (
                case.user_id
                and not case.queue_id
                and case.company_id in case.user_id.company_ids
            )
        )
        Queue = self.env["crm.case.queue"]
        by_owner = unqueued.grouped(lambda case: (case.user_id, case.company_id))
        for (user, company), cases in by_owner.items():
            queue = Queue._get_personal_queue(user, company)
            cases._workflow_write({"queue_id": queue.id})
