# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Cases from the telephone: ``crm.case.open_from_call`` and the call log.

A telephone bridge (or the agent's own screen) calls ``open_from_call``
when an agent answers. The case it opens is the agent's: the agent creates
it (so the agent approves it, as for any case they open) and works it.
"""

import uuid

from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from ..tools.case_number import normalize_case_number

USER_GROUP = "crm_case_management.group_crm_case_user"
MANAGER_GROUP = "crm_case_management.group_crm_case_manager"
BRIDGE_GROUP = "crm_case_management.group_crm_case_telephony"
PHONE_CHANNEL = "crm_case_management.crm_case_channel_phone"


class CrmCase(models.Model):
    # One concern of crm.case per file, as crm_case.py explains.
    _inherit = "crm.case"  # pylint: disable=consider-merging-classes-inherited

    call_ids = fields.One2many(
        "crm.case.call", "case_id", string="Calls", groups="base.group_user"
    )
    call_count = fields.Integer(compute="_compute_call_count", groups="base.group_user")
    # Shown on the case as the button that logs and dials a call to it.
    partner_phone = fields.Char(
        related="partner_id.phone", string="Customer Phone", groups="base.group_user"
    )

    @api.depends("call_ids")
    def _compute_call_count(self):
        counts = dict(
            self.env["crm.case.call"]._read_group(
                [("case_id", "in", self.ids)], ["case_id"], ["__count"]
            )
        )
        for case in self:
            case.call_count = counts.get(case, 0)

    def action_view_calls(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "crm_case_management.crm_case_call_action"
        )
        action["domain"] = [("case_id", "=", self.id)]
        action["context"] = {"default_case_id": self.id}
        return action

    def action_call_customer(self):
        """Log an outgoing call to the customer, by the current user, and
        dial it: through the telephone system when the company has a
        click-to-call address, else through the browser's ``tel:`` link.
        """
        self.ensure_one()
        self.check_access("read")
        phone = self.partner_id.phone
        if not phone:
            raise UserError(self.env._("The customer has no phone number."))
        url, secret = self.company_id._case_dial_config()
        extension = self.env.user.phone_extension
        if url and not extension:
            raise UserError(
                self.env._(
                    "Set your phone extension in your preferences: the "
                    "telephone system rings it before dialling the customer."
                )
            )
        call = self.env["crm.case.call"].create(
            {
                "direction": "out",
                "phone": phone,
                "partner_id": self.partner_id.id,
                "user_id": self.env.user.id,
                "extension": extension,
                "case_id": self.id,
                "company_id": self.company_id.id,
                # The telephone system reports this call's events under
                # this reference, so they land on this log line.
                "call_ref": f"odoo-{uuid.uuid4().hex}" if url else False,
            }
        )
        if not url:
            return {"type": "ir.actions.act_url", "url": f"tel:{phone}"}
        return call._dial(url, secret)

    # ------------------------------------------------------------------
    # The telephony entry point
    # ------------------------------------------------------------------
    @api.model
    def open_from_call(self, phone, **call_info):
        """Log the answered call, find the caller and return the case id.

        ``call_info`` (all optional): ``call_ref`` (the PBX's call id;
        calling twice with it returns the same case), ``extension`` or
        ``user_id`` of the answering agent (default: the calling user),
        ``case_code`` (a tracking code the caller typed in the IVR),
        ``direction`` (``in``/``out``), ``duration`` (seconds).

        Only a case manager or a telephone bridge (group *Telephony
        Bridge*) opens cases for another agent.
        """
        agent = self._answering_agent(call_info)
        Call = self.env["crm.case.call"].with_company(agent.company_id)
        call_ref = call_info.get("call_ref")
        if call_ref:
            self._check_call_is_agents(str(call_ref), agent)
        values = {
            "phone": phone,
            "direction": call_info.get("direction") or "in",
            "extension": call_info.get("extension"),
            "user_id": agent.id,
            "duration": call_info.get("duration"),
            "company_id": agent.company_id.id,
        }
        # sudo: the log is the system's record of the PBX's calls; the
        # caller's right to act for ``agent`` was checked just above.
        if call_ref:
            call = Call.sudo()._register_event("answered", str(call_ref), values)[0]
        else:
            call = Call.sudo().create(values)
            call._after_event("answered")
        if call.case_id:
            return call.case_id.id
        Case = self.with_user(agent).with_company(agent.company_id)
        case = Case._case_named_in_call(call_info.get("case_code"))
        if not case:
            case = Case._create_from_call(call)
        call.write({"case_id": case.id, "user_id": agent.id})
        return case.id

    @api.model
    def _answering_agent(self, call_info):
        user = self.env.user
        agent = self.env["res.users"]
        if call_info.get("user_id"):
            agent = self.env["res.users"].browse(int(call_info["user_id"])).exists()
        elif call_info.get("extension"):
            agent = self.env["crm.case.call"].sudo()._find_agent(call_info["extension"])
        agent = agent or user
        if agent != user and not (
            self.env.su or user.has_group(MANAGER_GROUP) or user.has_group(BRIDGE_GROUP)
        ):
            raise AccessError(
                self.env._("Only a telephone bridge opens cases for other agents.")
            )
        if agent.share or not agent.has_group(USER_GROUP):
            raise UserError(
                self.env._(
                    "%(user)s does not work cases: no case opened for the call.",
                    user=agent.name,
                )
            )
        return agent

    @api.model
    def _check_call_is_agents(self, call_ref, agent):
        """A call another agent answered is not taken over by its reference.

        Call references come from the telephone system and can be guessed;
        without this, any agent could attach themselves to a colleague's
        call and learn which case it opened.
        """
        # sudo: only the owner of the call is compared, nothing is shown.
        owner = (
            self.env["crm.case.call"]
            .sudo()
            .search(
                [
                    ("call_ref", "=", call_ref),
                    ("company_id", "=", agent.company_id.id),
                ],
                limit=1,
            )
            .user_id
        )
        if owner and owner != agent and not self._is_manager():
            raise AccessError(self.env._("This call was answered by another agent."))

    @api.model
    def _case_named_in_call(self, code):
        if not code:
            return self.browse()
        return self.search([("number", "=", normalize_case_number(str(code)))], limit=1)

    @api.model
    def _create_from_call(self, call):
        """A new case of the agent for the caller, or an unknown caller."""
        partner = call.partner_id or self._unknown_caller(call)
        channel = self.env.ref(PHONE_CHANNEL, raise_if_not_found=False)
        return self.create(
            {
                "name": self.env._("Phone call from %(who)s", who=partner.name),
                "description": Markup("<p>%s</p>")
                % self.env._("Call from %(phone)s.", phone=call.phone),
                "partner_id": partner.id,
                "channel_id": channel.id if channel else False,
                "user_id": self.env.user.id,
            }
        )

    @api.model
    def _unknown_caller(self, call):
        """A contact to fill in for a number no customer has."""
        # sudo: the contact only holds the number that rang; whether the
        # agent may create contacts is the company's contact policy, and
        # the case still needs a customer to call back.
        partner = (
            self.env["res.partner"]
            .sudo()
            .create(
                {
                    "name": self.env._("Unknown caller %(phone)s", phone=call.phone),
                    "phone": call.phone,
                    "company_id": self.env.company.id,
                }
            )
        )
        call.partner_id = partner
        return partner.sudo(False)
