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
        self._route(force=True)
        return True

    def _route(self, force=False):
        # sudo: rules and queue membership are configuration every case
        # creator relies on, whatever their own access to it.
        queues = self.env["crm.case.routing.rule"].sudo()._route(self)
        for case, queue in queues.items():
            if queue and (force or not case.queue_id):
                case._workflow_write({"queue_id": queue.id})
            if case.queue_id and not case.user_id and case.state != "closed":
                assignee = case.queue_id.sudo()._pick_assignee(case)
                if assignee:
                    case._workflow_write({"user_id": assignee.id})

    def _file_in_personal_queue(self):
        """A case assigned by hand outside any queue joins its assignee's own."""
        self.ensure_one()
        if (
            self.user_id
            and not self.queue_id
            and self.company_id in self.user_id.company_ids
        ):
            queue = self.env["crm.case.queue"]._get_personal_queue(
                self.user_id, self.company_id
            )
            self._workflow_write({"queue_id": queue.id})
