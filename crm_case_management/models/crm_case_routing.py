# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Queues: routing rules put each new case in a queue, which may assign it."""

import functools

from odoo import api, fields, models


class CrmCase(models.Model):
    # One concern of crm.case per file, as crm_case.py explains.
    _inherit = "crm.case"  # pylint: disable=consider-merging-classes-inherited

    queue_id = fields.Many2one(
        "crm.case.queue",
        index="btree_not_null",
        tracking=True,
        check_company=True,
        help="Routing rules pick the queue of new cases; its members work them.",
        # The desk's own organisation, not shown to customers.
        groups="base.group_user",
    )

    def action_route_again(self):
        """Run the routing rules again, and assign if the queue does."""
        self.check_access("write")  # routing then writes as the superuser
        self._route(force=True)
        return True

    @api.model
    def _assign_before_create(self, vals_list):
        """Take the queue's decisions in the new values where they are known.

        They are the decisions ``_route`` and ``_file_in_personal_queue``
        take after the create, taken before it when the values decide them:
        without routing rules in the company a case goes to the default
        queue, or else to its assignee's personal queue; a case in a queue
        and without assignee gets the member the queue picks. The case is
        then inserted with them instead of being written again at once (its
        tracking, checks and notifications a second time). Routing rules,
        a queue limited to a project's members and a case created in a
        closing stage are still decided after the create.
        """
        routing = functools.cache(self._routing_without_rules)
        personal_queue = functools.cache(self.env["crm.case.queue"]._get_personal_queue)
        default_company = functools.cache(self._default_company_of_new_case)
        for vals in vals_list:
            if vals.get("stage_id"):
                continue  # may be a closing stage, which is never assigned
            company = self.env["res.company"].browse(vals.get("company_id"))
            company = company or default_company()
            if not vals.get("queue_id"):
                decided, queue = routing(company)
                if not decided:
                    continue
                user = self.env["res.users"].browse(vals.get("user_id"))
                if not queue and user and company in user.company_ids:
                    queue = personal_queue(user, company)
                if queue:
                    vals["queue_id"] = queue.id
            if vals.get("queue_id") and not vals.get("user_id"):
                self._pick_before_create(vals, company)

    @api.model
    def _routing_without_rules(self, company):
        """``(True, default queue)`` when ``company`` routes without rules,
        ``(False, None)`` when its rules must see the created case."""
        # sudo: rules and queues are configuration every case creator
        # relies on, whatever their own access to it (as in _route).
        if (
            self.env["crm.case.routing.rule"]
            .sudo()
            .search_count([("company_id", "=", company.id)], limit=1)
        ):
            return False, None
        default = (
            self.env["crm.case.queue"]
            .sudo()
            .search(
                [("company_id", "=", company.id), ("is_default", "=", True)], limit=1
            )
        )
        return True, default.sudo(False)

    @api.model
    def _pick_before_create(self, vals, company):
        # sudo: as in _route, the queue's members and method are
        # configuration every case creator relies on. Only a queue of the
        # case's own company picks: another company's queue is refused by
        # the create, and must not have drawn a turn or taken a lock first.
        queue = self.env["crm.case.queue"].browse(vals["queue_id"]).sudo()
        if queue.company_id == company and not queue.limit_to_project_members:
            assignee = queue._pick_assignee(self.browse())
            if assignee:
                vals["user_id"] = assignee.id

    @api.model
    def _default_company_of_new_case(self):
        company_id = self.default_get(["company_id"]).get("company_id")
        return self.env["res.company"].browse(company_id)

    def _route(self, force=False, assign=True):
        """File the cases in their queue; ``assign``: let the queue assign."""
        # sudo: rules and queue membership are configuration every case
        # creator relies on, whatever their own access to it.
        to_route = self if force else self.filtered(lambda case: not case.queue_id)
        queues = self.env["crm.case.routing.rule"].sudo()._route(to_route)
        to_file = to_route.filtered(lambda case: queues[case])
        for queue, cases in to_file.grouped(queues.get).items():
            cases._workflow_write({"queue_id": queue.id})
        if not assign:
            return
        # One case at a time: each pick sees the load the previous one added.
        for case in self:
            if case.queue_id and not case.user_id and case.state != "closed":
                assignee = case.queue_id.sudo()._pick_assignee(case)
                if assignee:
                    case._workflow_write({"user_id": assignee.id})

    def _file_in_personal_queue(self):
        """A case outside a team queue sits in its assignee's personal queue.

        Called on every change of assignee. Cases assigned by hand outside
        any queue join their assignee's own queue. A case in someone's
        personal queue follows its assignee: queue members read the queue's
        cases (record rule on ``queue_id.member_ids``), so leaving it in the
        previous assignee's queue would let them keep reading it. A case
        taken off everyone (or given to someone who cannot have a queue in
        its company) leaves the personal queue and is filed by the routing
        rules, without being assigned again.
        """

        def personal_owner(case):
            # sudo: whose personal queue it is, configuration of the desk
            # read for whoever assigns; the case's queue is of its company.
            return case.queue_id.sudo().personal_user_id

        to_file = self.filtered(
            lambda case: (
                not case.queue_id
                or (personal_owner(case) and personal_owner(case) != case.user_id)
            )
        )
        has_queue = to_file.filtered(
            lambda case: case.user_id and case.company_id in case.user_id.company_ids
        )
        Queue = self.env["crm.case.queue"]
        by_owner = has_queue.grouped(lambda case: (case.user_id, case.company_id))
        for (user, company), cases in by_owner.items():
            queue = Queue._get_personal_queue(user, company)
            cases._workflow_write({"queue_id": queue.id})
        leaving = (to_file - has_queue).filtered("queue_id")
        if leaving:
            leaving._workflow_write({"queue_id": False})
            leaving._route(assign=False)
