# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The SLA of a case: which policy applies and why, and its KPI clocks.

``create`` starts the clocks of new cases once they are complete (routed,
assigned); ``write`` re-evaluates the policy when a field policies select on
changes, pauses or resumes on stage changes, and reaches or reopens the
resolution with the workflow's state. First responses come from the
chatter (``_message_post_after_hook``) and from answered outgoing calls.
"""

from ast import literal_eval

from odoo import api, fields, models
from odoo.tools import SQL

from ..tools.working_time import worst_state

# Changing one of these may change which policy applies (F1).
SLA_POLICY_FIELDS = {
    "type_id",
    "urgency_id",
    "channel_id",
    "queue_id",
    "contract_line_id",
    "partner_id",
    "company_id",
}
KPIS = ("first_response", "resolve")
# Cases whose policy must not be re-evaluated by a write in progress: new
# cases until their create is complete, and breach actions (which must not
# start another round of policies and breaches). Kept in the transaction,
# out of reach of any client.
HOLD_KEY = "crm_case_management.sla_hold"
SLA_STATES = [
    ("running", "Running"),
    ("paused", "Paused"),
    ("warning", "Warning"),
    ("met", "Met"),
    ("failed", "Failed"),
]


class CrmCase(models.Model):
    # One concern of crm.case per file, as crm_case.py explains.
    _inherit = "crm.case"  # pylint: disable=consider-merging-classes-inherited

    sla_line_ids = fields.One2many(
        "crm.case.sla.line",
        "case_id",
        string="SLA KPIs",
        readonly=True,
        groups="base.group_user",
    )
    sla_policy_id = fields.Many2one(
        "crm.case.sla.policy",
        string="SLA Policy",
        readonly=True,
        copy=False,
        index="btree_not_null",
        groups="base.group_user",
    )
    sla_policy_reason = fields.Selection(
        [
            ("clause", "Granted by the case's contract clause"),
            ("rule", "First matching policy by sequence"),
        ],
        string="Why This Policy",
        readonly=True,
        copy=False,
        groups="base.group_user",
    )
    date_first_response = fields.Datetime(
        string="First Response",
        readonly=True,
        copy=False,
        help="The first reply of the desk to the customer: a message sent "
        "from the chatter or an answered outgoing call.",
        groups="base.group_user",
    )
    sla_state = fields.Selection(
        SLA_STATES,
        string="SLA",
        compute="_compute_sla_state",
        store=True,
        index=True,
        help="The worst state of the case's KPIs.",
        groups="base.group_user",
    )
    sla_deadline = fields.Datetime(
        string="Next SLA Deadline",
        compute="_compute_sla_state",
        store=True,
        groups="base.group_user",
    )
    sla_hours_left = fields.Float(
        string="SLA Time Left",
        compute="_compute_sla_hours_left",
        help="Working hours left to the nearest SLA deadline; negative once passed.",
        groups="base.group_user",
    )

    @api.depends("sla_line_ids.state", "sla_line_ids.date_deadline")
    def _compute_sla_state(self):
        for case in self:
            lines = case.sla_line_ids
            case.sla_state = worst_state(lines.mapped("state"))
            deadlines = [
                line.date_deadline
                for line in lines
                if line.state in ("running", "warning") and line.date_deadline
            ]
            case.sla_deadline = min(deadlines) if deadlines else False

    @api.depends("sla_line_ids.date_deadline", "sla_line_ids.state")
    def _compute_sla_hours_left(self):
        now = fields.Datetime.now()
        # A failed KPI still open counts too: the time it is overdue.
        lines = self.sudo().sla_line_ids.filtered(
            lambda line: (
                not line.date_reached
                and line.state in ("running", "warning", "paused", "failed")
            )
        )
        overdue = lines.filtered("date_deadline")._hours_until(now, "date_deadline")
        left = {}
        for line in lines:
            if line in overdue:
                hours = -overdue[line]
            else:
                hours = line.target_hours - line.worked_hours
            left[line.case_id.id] = min(left.get(line.case_id.id, hours), hours)
        for case in self:
            case.sla_hours_left = left.get(case.id, 0.0)

    # ------------------------------------------------------------------
    # Hooks called by create and write
    # ------------------------------------------------------------------
    def _sla_hold(self):
        self.env.cr.cache.setdefault(HOLD_KEY, set()).update(self.ids)

    def _sla_release(self):
        self.env.cr.cache.get(HOLD_KEY, set()).difference_update(self.ids)

    def _sla_held_ids(self):
        return self.env.cr.cache.get(HOLD_KEY, set())

    def _sla_start(self):
        """New cases, complete at last: choose their policy, start clocks."""
        self._sla_release()
        # A case already has a policy only if a write during its create got
        # past the hold (a cleared transaction cache): evaluate it fully.
        started = self.sudo().filtered("sla_policy_id")
        (self - started)._sla_evaluate(new=True)
        (self & started)._sla_evaluate()
        self._sla_sync_stage()
        self._sla_sync_resolution()

    def _sla_on_write(self, vals):
        cases = self.filtered(lambda case: case.id not in self._sla_held_ids())
        if not cases:
            return
        if "date_request" in vals:
            # The clocks start at the request: a corrected request date
            # (only the system sets it) starts them again.
            cases.sudo().sla_line_ids.unlink()
            cases._sla_evaluate(new=True)
        elif vals.keys() & SLA_POLICY_FIELDS:
            cases._sla_evaluate()
        if "stage_id" in vals or "date_request" in vals:
            cases._sla_sync_stage()
        if "state" in vals or "date_request" in vals:
            cases._sla_sync_resolution()

    def _sla_write_without_evaluation(self, vals):
        """Write what an SLA action changes without re-evaluating the SLA."""
        self._sla_hold()
        try:
            self._workflow_write(vals)
        finally:
            self._sla_release()

    # ------------------------------------------------------------------
    # Which policy applies, and why
    # ------------------------------------------------------------------
    def _sla_find_rule(self):
        """The applying policy (as cached rule data) and the reason, or
        ``(None, False)``: a policy granted by the case's clause first, then
        the first general policy by sequence whose filter the case matches.
        """
        self.ensure_one()
        rules = self.env["crm.case.sla.policy"]._get_rules(self.company_id.id)
        clause_id = self.contract_line_id.id
        granted = [rule for rule in rules if clause_id in rule["clause_ids"]]
        general = [rule for rule in rules if not rule["clause_ids"]]
        for reason, candidates in (("clause", granted), ("rule", general)):
            for rule in candidates:
                if self._sla_matches(rule["domain"]):
                    return rule, reason
        return None, False

    def _sla_matches(self, domain):
        domain = literal_eval(domain)
        # sudo: a policy may select on fields the editor cannot read.
        return not domain or bool(self.sudo().filtered_domain(domain))

    def _sla_calendar(self, rule):
        calendar = self.env["resource.calendar"].browse(rule["calendar_id"])
        # sudo: the queue's working hours are the desk's configuration.
        return (
            calendar
            or self.queue_id.sudo().resource_calendar_id
            or self.company_id._get_case_calendar()
        )

    def _sla_evaluate(self, new=False):
        """Apply the right policy: retarget running KPIs, add missing ones.

        A KPI already met or failed is history and stays as it is. A running
        or paused one keeps its clock (time worked, pauses) under its new
        target and calendar. ``new``: the cases have no KPI yet.
        """
        held = self._sla_held_ids()
        Line = self.env["crm.case.sla.line"].sudo()
        now = fields.Datetime.now()
        to_create, to_plan, to_unlink = [], Line, Line
        by_policy = {}
        for case in self.filtered(lambda case: case.id not in held):
            rule, reason = case._sla_find_rule()
            policy_id = rule["id"] if rule else False
            current = case.sudo()
            if (policy_id, reason) != (
                current.sla_policy_id.id,
                current.sla_policy_reason,
            ):
                by_policy.setdefault((policy_id, reason), []).append(case.id)
            calendar = case._sla_calendar(rule) if rule else False
            lines = Line if new else case.sudo().sla_line_ids
            for kpi in KPIS:
                target = rule[kpi] if rule else 0.0
                line = lines.filtered(lambda line, kpi=kpi: line.kpi == kpi)[-1:]
                if line.date_reached or line.state == "failed":
                    continue
                if not target:
                    to_unlink |= line
                elif not line:
                    to_create.append(case._sla_line_values(kpi, rule, target, calendar))
                elif (line.policy_id.id, line.target_hours, line.calendar_id) != (
                    policy_id,
                    target,
                    calendar,
                ):
                    line._settle(now)
                    line.write(
                        {
                            "policy_id": policy_id,
                            "target_hours": target,
                            "calendar_id": calendar.id,
                        }
                    )
                    to_plan |= line
        # One write per policy, not per case: batches stay batches.
        for (policy_id, reason), case_ids in by_policy.items():
            self.browse(case_ids)._workflow_write(
                {"sla_policy_id": policy_id, "sla_policy_reason": reason}
            )
        to_unlink.unlink()
        to_plan._plan(now)
        Line._create_planned(to_create)._wake_cron()

    def _sla_line_values(self, kpi, rule, target, calendar):
        return {
            "case_id": self.id,
            "policy_id": rule["id"],
            "kpi": kpi,
            "target_hours": target,
            "calendar_id": calendar.id,
            "date_clock": self.date_request,
            "warning_percent": rule["warning_percent"],
        }

    # ------------------------------------------------------------------
    # Pauses, resolution, first response
    # ------------------------------------------------------------------
    def _sla_sync_stage(self, now=None):
        """Stop the clocks in the policy's pause stages, restart them after."""
        now = now or fields.Datetime.now()
        Policy = self.env["crm.case.sla.policy"]
        to_pause = to_resume = self.env["crm.case.sla.line"].sudo()
        for case in self.sudo().filtered("sla_line_ids"):
            rule = Policy._get_rule(case.sla_policy_id.id, case.company_id.id)
            pause_stage_ids = rule["pause_stage_ids"] if rule else ()
            if case.stage_id.id in pause_stage_ids:
                to_pause |= case.sla_line_ids
            else:
                to_resume |= case.sla_line_ids
        to_pause._pause(now)
        to_resume._resume(now)

    def _sla_sync_resolution(self, now=None):
        """Done (or closed) reaches the KPIs; back to work reopens the
        resolution, counting the time since it was reached."""
        now = now or fields.Datetime.now()
        finished = self.filtered(lambda case: case.state in ("done", "closed"))
        for case in finished.sudo().filtered("sla_line_ids"):
            moment = case.date_done or case.date_closed or now
            case.sla_line_ids._reach(min(moment, now))
        back = (
            (self - finished)
            .sudo()
            .sla_line_ids.filtered(
                lambda line: line.kpi == "resolve" and line.date_reached
            )
        )
        back._reopen(now)

    def _sla_register_response(self, moment):
        """The desk answered the customer at ``moment``: the first time counts."""
        # sudo: the first response is the system's record, whoever answered.
        cases = self.sudo().filtered(lambda case: not case.date_first_response)
        if not cases:
            return
        cases._workflow_write({"date_first_response": moment})
        cases.sla_line_ids.filtered(lambda line: line.kpi == "first_response")._reach(
            moment
        )

    def _message_post_after_hook(self, message, msg_vals):
        result = super()._message_post_after_hook(message, msg_vals)
        if self._sla_is_response(message):
            self._sla_register_response(message.date)
        return result

    def _sla_is_response(self, message):
        """A reply to the customer: a message (not a note, not an automatic
        message) written by an internal user."""
        if message.message_type != "comment":
            return False
        if message.subtype_id != self.env.ref("mail.mt_comment"):
            return False
        # sudo: whether the author is one of the desk's users, for any poster.
        return any(not user.share for user in message.author_id.sudo().user_ids)

    # ------------------------------------------------------------------
    # Cases opened before the SLA engine (upgrade, demo)
    # ------------------------------------------------------------------
    @api.model
    def _sla_backfill(self, batch_size=500):
        """Start the KPIs of open cases that have none, in batches.

        Their clocks start at the request date; first responses already
        given (messages, answered calls) and work already done count.
        """
        last_id = 0
        while True:
            cases = self.sudo().search(
                [
                    ("id", ">", last_id),
                    ("state", "!=", "closed"),
                    ("sla_line_ids", "=", False),
                ],
                order="id",
                limit=batch_size,
            )
            if not cases:
                return
            last_id = cases[-1].id
            cases._sla_evaluate(new=True)
            for case_id, moment in cases._sla_past_responses():
                self.browse(case_id)._sla_register_response(moment)
            cases._sla_sync_stage()
            cases._sla_sync_resolution()
            self.env.flush_all()
            self.env.invalidate_all()

    def _sla_past_responses(self):
        """(case id, moment) of the first reply already given to each case."""
        subtype_id = self.env["ir.model.data"]._xmlid_to_res_id("mail.mt_comment")
        return self.env.execute_query(
            SQL(
                """
                SELECT case_id, MIN(moment) FROM (
                    SELECT message.res_id AS case_id, message.date AS moment
                      FROM mail_message message
                      JOIN res_users author ON author.partner_id = message.author_id
                     WHERE message.model = 'crm.case'
                       AND message.res_id IN %(ids)s
                       AND message.message_type = 'comment'
                       AND message.subtype_id = %(subtype)s
                       AND NOT author.share
                    UNION ALL
                    SELECT call.case_id, call.date_answer
                      FROM crm_case_call call
                     WHERE call.case_id IN %(ids)s
                       AND call.direction = 'out'
                       AND call.date_answer IS NOT NULL
                ) AS responses
                GROUP BY case_id
                """,
                ids=tuple(self.ids),
                subtype=subtype_id,
            )
        )
