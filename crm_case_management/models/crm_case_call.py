# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The call log: one record per call of the telephone system (J2).

A call is keyed by the PBX's call-level id (``call_ref``, Asterisk's
``linkedid``). Its events (ringing, answered, hung up) may arrive twice or
out of order: each sets its own date once, and the state follows from the
dates, whatever their order.
"""

from datetime import UTC, datetime

from psycopg2.errors import UniqueViolation

from odoo import api, fields, models
from odoo.exceptions import ConcurrencyError

from ..tools.phone import DEFAULT_REGION, clean_number, national_number, to_e164

EVENTS = ("ringing", "answered", "hangup")
EVENT_DATES = {
    "ringing": "date_start",
    "answered": "date_answer",
    "hangup": "date_end",
}
CALLBACK_ACTIVITY = "mail.mail_activity_data_call"


class CrmCaseCall(models.Model):
    _name = "crm.case.call"
    _description = "Phone Call"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date_start desc, id desc"
    _check_company_auto = True

    direction = fields.Selection(
        [("in", "Incoming"), ("out", "Outgoing")],
        required=True,
        default="in",
    )
    phone = fields.Char(string="Number", required=True, index="btree_not_null")
    phone_sanitized = fields.Char(
        string="Sanitized Number",
        compute="_compute_phone_sanitized",
        store=True,
        index="btree_not_null",
    )
    partner_id = fields.Many2one(
        "res.partner", string="Customer", index="btree_not_null", check_company=True
    )
    commercial_partner_id = fields.Many2one(
        related="partner_id.commercial_partner_id",
        string="Customer Company",
        store=True,
        index="btree_not_null",
    )
    user_id = fields.Many2one(
        "res.users",
        string="Agent",
        index="btree_not_null",
        domain="[('share', '=', False)]",
    )
    extension = fields.Char(help="The agent's extension the call rang on.")
    case_id = fields.Many2one(
        "crm.case", index="btree_not_null", ondelete="set null", check_company=True
    )
    queue_id = fields.Many2one(
        related="case_id.queue_id", store=True, string="Queue", groups="base.group_user"
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    date_start = fields.Datetime(
        string="Start", required=True, default=fields.Datetime.now, index=True
    )
    date_answer = fields.Datetime(string="Answered")
    date_end = fields.Datetime(string="Hung Up")
    duration = fields.Integer(
        help="Seconds of conversation, from answer to hang-up.", aggregator="sum"
    )
    call_ref = fields.Char(
        string="Call Reference",
        copy=False,
        help="The telephone system's id of the call (Asterisk linkedid).",
    )
    event_log = fields.Char(
        readonly=True, copy=False, help="Events of the telephone system received."
    )
    state = fields.Selection(
        [
            ("ringing", "Ringing"),
            ("answered", "Answered"),
            ("missed", "Missed"),
            ("done", "Done"),
        ],
        compute="_compute_state",
        store=True,
        index=True,
    )
    recording_url = fields.Char(
        string="Recording", groups="crm_case_management.group_crm_case_manager"
    )

    # Each company has its own telephone system, whose call ids may clash
    # with another's: a reference is unique within its company.
    _company_call_ref_uniq = models.UniqueIndex(
        "(company_id, call_ref) WHERE call_ref IS NOT NULL",
        "The telephone system already logged a call with this reference.",
    )

    @api.depends("phone", "company_id")
    def _compute_phone_sanitized(self):
        for call in self:
            call.phone_sanitized = to_e164(call.phone, call._phone_region())

    @api.depends("date_answer", "date_end", "direction")
    def _compute_state(self):
        for call in self:
            if call.date_end:
                call.state = "done" if call.date_answer else "missed"
            elif call.date_answer:
                call.state = "answered"
            else:
                call.state = "ringing"

    @api.depends("phone", "partner_id", "direction")
    def _compute_display_name(self):
        for call in self:
            who = call.partner_id.name or call.phone
            arrow = "←" if call.direction == "in" else "→"
            call.display_name = f"{arrow} {who}"

    def _phone_region(self):
        company = self.company_id or self.env.company
        return company.country_id.code or DEFAULT_REGION

    # ------------------------------------------------------------------
    # Matching numbers to customers and extensions to agents
    # ------------------------------------------------------------------
    @api.model
    def _find_partner(self, phone):
        """The contact whose number is ``phone``, contacts before companies.

        Odoo's ``phone_validation`` stores each partner's number in E.164
        (``phone_sanitized``, indexed); numbers it could not read in the
        partner's country are found by their national digits. Only the
        contacts of the current company (or shared) are candidates.
        """
        region = self._phone_region()
        Partner = self.env["res.partner"]
        in_company = [("company_id", "in", [False, self.env.company.id])]
        e164 = to_e164(phone, region)
        partners = Partner
        if e164:
            partners = Partner.search(
                [("phone_sanitized", "=", e164), *in_company],
                order="is_company, id",
                limit=1,
            )
        national = national_number(phone, region)
        if not partners and national and len(national) >= 7:
            partners = Partner.search(
                [("phone_mobile_search", "like", national), *in_company],
                order="is_company, id",
                limit=1,
            )
        return partners

    @api.model
    def _find_agent(self, extension):
        extension = clean_number(extension)
        if not extension:
            return self.env["res.users"]
        return self.env["res.users"].search(
            [
                ("phone_extension", "=", extension),
                ("share", "=", False),
                ("company_ids", "in", self.env.company.id),
            ],
            limit=1,
        )

    # ------------------------------------------------------------------
    # Events of the telephone system
    # ------------------------------------------------------------------
    @api.model
    def _register_event(self, event, call_ref, values):
        """Apply one PBX event to the call ``call_ref``; create it if new.

        Returns ``(call, applied)``: ``applied`` is False when this event
        of this call was already registered (a retry or a replay).
        """
        call = self.search(
            [("call_ref", "=", call_ref), ("company_id", "=", self.env.company.id)],
            limit=1,
        )
        done = set((call.event_log or "").split(","))
        if event in done:
            return call, False
        vals = {k: v for k, v in values.items() if v not in (None, False, "")}
        date_field = EVENT_DATES[event]
        vals.setdefault(date_field, fields.Datetime.now())
        if date_field != "date_start" and "ringing" in done:
            vals.pop("date_start", None)
        elif date_field != "date_start":
            # No ringing seen yet: the call started no later than this event.
            vals["date_start"] = min(
                vals[date_field], call.date_start or vals[date_field]
            )
        vals["event_log"] = ",".join(sorted((done - {""}) | {event}))
        if not call:
            try:
                with self.env.cr.savepoint():
                    call = self.create({**vals, "call_ref": call_ref})
            except UniqueViolation as error:
                # Two events of a new call at once: the request is retried
                # and then finds the call the other one created.
                raise ConcurrencyError("call logged concurrently") from error
        else:
            # What an earlier event already told is kept.
            call.write(
                {
                    name: value
                    for name, value in vals.items()
                    if name in (date_field, "date_start", "event_log", "duration")
                    or not call[name]
                }
            )
        call._after_event(event)
        return call, True

    @api.model
    def _process_pbx_event(self, payload):
        """One webhook event of the PBX; raises ValueError on a bad event.

        ``payload``: ``event`` (ringing, answered, hangup), ``call_ref``,
        ``number`` (the customer's number), ``extension`` (the agent's),
        ``direction`` (in/out), ``timestamp`` (Unix seconds of the event),
        optional ``duration`` (seconds), ``recording_url``.
        """
        event = payload.get("event")
        if event not in EVENTS:
            raise ValueError(f"unknown event {event!r}")
        call_ref = str(payload.get("call_ref") or "").strip()
        number = str(payload.get("number") or "").strip()
        if not call_ref or not number:
            raise ValueError("call_ref and number are required")
        direction = payload.get("direction") or "in"
        if direction not in ("in", "out"):
            raise ValueError(f"unknown direction {direction!r}")
        try:
            duration = int(payload.get("duration") or 0)
        except (TypeError, ValueError) as error:
            raise ValueError("duration is not a number of seconds") from error
        when = datetime.fromtimestamp(float(payload["timestamp"]), UTC)
        values = {
            "phone": number,
            "direction": direction,
            "extension": clean_number(str(payload.get("extension") or "")),
            "duration": duration,
            "recording_url": payload.get("recording_url"),
            EVENT_DATES[event]: when.replace(tzinfo=None),
        }
        call, applied = self._register_event(event, call_ref, values)
        return {
            "call_id": call.id,
            "state": call.state,
            "case_id": call.case_id.id,
            "duplicate": not applied,
        }

    def _after_event(self, event):
        self.ensure_one()
        in_company = self.with_company(self.company_id)
        if not self.partner_id and self.phone:
            self.partner_id = in_company._find_partner(self.phone)
        if not self.user_id and self.extension:
            self.user_id = in_company._find_agent(self.extension)
        if self.date_answer and self.date_end and not self.duration:
            self.duration = int((self.date_end - self.date_answer).total_seconds())
        if self.state == "missed" and self.direction == "in":
            self._schedule_callback()
        elif self.date_answer:
            self.activity_unlink([CALLBACK_ACTIVITY])
        if event == "ringing" and self.state == "ringing" and self.user_id:
            self._notify_ringing()

    def _schedule_callback(self):
        user = self.user_id or self.case_id.queue_id.user_id
        if not user or self.activity_ids:
            return
        self.activity_schedule(
            CALLBACK_ACTIVITY,
            user_id=user.id,
            summary=self.env._("Call back %(who)s", who=self.display_name),
        )

    def _ringing_payload(self):
        """What the agent's screen shows while the phone rings."""
        self.ensure_one()
        partner = self.partner_id
        # As the agent: the screen lists only cases the agent may read.
        cases = self.env["crm.case"].with_user(self.user_id)
        if partner:
            cases = cases.search(
                [
                    ("commercial_partner_id", "=", partner.commercial_partner_id.id),
                    ("state", "!=", "closed"),
                ],
                limit=5,
            )
        channel = self.env.ref("crm_case_management.crm_case_channel_phone")
        return {
            "call_id": self.id,
            "phone": self.phone,
            "partner_id": partner.id,
            "partner_name": partner.name or "",
            "company_name": partner.commercial_partner_id.name
            if partner.parent_id
            else "",
            "channel_id": channel.id,
            "open_cases": [
                {"id": case.id, "number": case.number, "name": case.name}
                for case in cases
            ],
        }

    def _notify_ringing(self):
        """Tell the ringing agent only, on the bus channel of their partner."""
        self.user_id.partner_id._bus_send(
            "crm_case_management/incoming_call", self._ringing_payload()
        )

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_new_case(self):
        """A new case form with the caller and channel phone filled in."""
        self.ensure_one()
        channel = self.env.ref("crm_case_management.crm_case_channel_phone")
        return {
            "type": "ir.actions.act_window",
            "res_model": "crm.case",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "current",
            "context": {
                "default_partner_id": self.partner_id.id,
                "default_channel_id": channel.id,
                "default_user_id": self.env.user.id,
                "default_call_ids": [fields.Command.link(self.id)],
            },
        }
