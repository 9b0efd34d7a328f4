# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The agent's counter in the top bar: unseen, overdue and to-approve cases.

Counting happens only when a client asks (``get_case_counters``). A change
that concerns another user only leaves a small bus message for that user's
partner; ``bus.bus`` stores it with the transaction (a rolled-back change
sends nothing) and wakes the clients after the commit, which then refetch.
"""

from odoo import api, models
from odoo.exceptions import UserError

from .crm_case import ASSIGNEE_STATES
from .crm_case_workflow import APPROVE_ACTIVITY

COUNTER_NOTIFICATION = "crm_case_management/counter"


class CrmCase(models.Model):
    # One concern of crm.case per file, as crm_case.py explains.
    _inherit = "crm.case"  # pylint: disable=consider-merging-classes-inherited

    @api.model
    def _counter_domains(self):
        """The current user's three piles, as domains of readable cases."""
        # cached look-up: no query per count, unlike env.ref()
        approve_type_id = self.env["ir.model.data"]._xmlid_to_res_id(APPROVE_ACTIVITY)
        uid = self.env.uid
        return {
            "unseen": [("is_unseen", "=", True)],
            "overdue": [
                ("user_id", "=", uid),
                ("state", "in", ASSIGNEE_STATES),
                ("is_overdue", "=", True),
            ],
            "to_approve": [
                ("state", "=", "done"),
                (
                    "activity_ids",
                    "any",
                    [("activity_type_id", "=", approve_type_id), ("user_id", "=", uid)],
                ),
            ],
        }

    @api.model
    def get_case_counters(self):
        """Counts of the current user's unseen, overdue and to-approve cases.

        One count query per pile, under the user's record rules; overdue is
        recounted on every call, so the day turning over shows too.
        """
        return {
            kind: self.search_count(domain)
            for kind, domain in self._counter_domains().items()
        }

    @api.model
    def action_open_counter(self, kind):
        """The list behind one number of the counter."""
        domains = self._counter_domains()
        if kind not in domains:
            raise UserError(self.env._("Unknown case counter: %s", kind))
        names = {
            "unseen": self.env._("Unseen Cases"),
            "overdue": self.env._("My Overdue Cases"),
            "to_approve": self.env._("Waiting for My Approval"),
        }
        return {
            "type": "ir.actions.act_window",
            "name": names[kind],
            "res_model": self._name,
            "views": [(False, "list"), (False, "form")],
            "domain": domains[kind],
            "context": {"create": False},
        }

    # ------------------------------------------------------------------
    # Telling the concerned users' clients to refetch
    # ------------------------------------------------------------------
    def _on_assigned(self, created=False):
        # Every assignee's counter is refreshed by _mark_unseen; those who
        # asked to be told at once also get the cases for a pop-up.
        result = super()._on_assigned(created=created)
        for user, cases in self.grouped("user_id").items():
            if user and user != self.env.user and user.case_notify_assigned:
                cases._notify_counter(user, assigned_cases=cases)
        return result

    def _mark_unseen(self, users):
        result = super()._mark_unseen(users)
        self._notify_counter(users - self.env.user)
        return result

    # The actor's own piles change with these actions: their other tabs
    # (and the top bar of this one) refetch too.
    def action_mark_seen(self):
        result = super().action_mark_seen()
        self._notify_counter(self.env.user)
        return result

    def action_done(self):
        result = super().action_done()
        self._notify_counter(self.env.user)
        return result

    def action_approve(self):
        result = super().action_approve()
        self._notify_counter(self.env.user)
        return result

    def action_reject(self, reason=None):
        result = super().action_reject(reason=reason)
        self._notify_counter(self.env.user)
        return result

    def _notify_counter(self, users, assigned_cases=None):
        """Leave each of ``users`` a message to refetch their counter.

        No counting here: the message only says "refetch". With
        ``assigned_cases`` (assigned to these users, so theirs to read), it
        also carries their code and title for the "tell me at once" pop-up.
        ``bus.bus`` inserts every message of the transaction in one batch
        before the commit and notifies the clients after it.
        """
        payload = {}
        if assigned_cases:
            payload["assigned"] = [
                {"id": case.id, "number": case.number, "name": case.name}
                for case in assigned_cases
            ]
        Bus = self.env["bus.bus"]
        for user in users:
            Bus._sendone(user.partner_id, COUNTER_NOTIFICATION, payload)
