# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""How cases come in besides the form: e-mail, and any message, activity or
meeting a user opens a case from."""

import re

from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import email_normalize, html2plaintext

from ..tools.case_number import normalize_case_number

# A subject is searched for tracking codes in its first few words with a
# digit only, each of a code's length at most, all in one query.
CODE_TOKENS_MAX = 10
CODE_TOKEN_LENGTH_MAX = 64


class CrmCase(models.Model):
    # One concern of crm.case per file, as crm_case.py explains.
    _inherit = "crm.case"  # pylint: disable=consider-merging-classes-inherited

    origin_ref = fields.Reference(
        [
            ("mail.message", "Message"),
            ("mail.activity", "Activity"),
            ("calendar.event", "Meeting"),
        ],
        string="Created From",
        readonly=True,
        help="The message, call, meeting or activity this case was opened from.",
        # An internal message, call or meeting: not for the portal.
        groups="base.group_user",
    )

    # ------------------------------------------------------------------
    @api.model
    def message_new(self, msg_dict, custom_values=None):
        """A new e-mail opens a case, or joins the case its subject names.

        It joins a case of the company it came to only when its sender is
        the case's customer, a contact of the customer's company or a
        follower; otherwise it opens a new case that notes the code named.
        A mail is never refused for its customer's clause: when the clause
        proposed is used up and blocks, the case opens without it and a
        person decides (``_flag_used_up_clause``).
        """
        subject = msg_dict.get("subject") or ""
        values = dict(custom_values or {})
        named = self._find_by_number_in(subject, company=self._intake_company(values))
        joined = named._sent_by_correspondent(msg_dict)[:1]
        if joined:
            return joined
        email_channel = self.env.ref(
            "crm_case_management.crm_case_channel_email", raise_if_not_found=False
        )
        partner = self.env["res.partner"].browse(msg_dict.get("author_id"))
        if not partner and msg_dict.get("email_from"):
            partner = self.env["res.partner"].find_or_create(msg_dict["email_from"])
        values.setdefault("name", subject or self.env._("No Subject"))
        values.setdefault("description", msg_dict.get("body") or Markup("<p>-</p>"))
        values.setdefault("partner_id", partner.id)
        if email_channel:
            values.setdefault("channel_id", email_channel.id)
        if not values.get("type_id"):
            values["type_id"] = self._default_type_id().id
        used_up = self._propose_clause(values)
        # The gateway user is not the assignee; routing decides.
        case = super(CrmCase, self.with_context(default_user_id=False)).message_new(
            msg_dict, custom_values=values
        )
        if named:
            case._note_named_cases(named)
        if used_up:
            case._flag_used_up_clause(used_up)
        return case

    @api.model
    def _intake_company(self, values):
        """The company a mail came to: its alias's queue's, else the gateway's."""
        company = self.env["res.company"].browse(values.get("company_id"))
        if not company and values.get("queue_id"):
            company = self.env["crm.case.queue"].browse(values["queue_id"]).company_id
        return company or self.env.company

    def _sent_by_correspondent(self, msg_dict):
        """These cases whose customer, customer's contacts or followers sent
        the mail of ``msg_dict``."""
        Partner = self.env["res.partner"]
        senders = Partner.browse(msg_dict.get("author_id"))
        email = email_normalize(msg_dict.get("email_from") or "")
        if self and email:
            senders |= Partner.search([("email_normalized", "=", email)])
        return self.filtered(
            lambda case: (
                senders & (case.partner_id | case.message_partner_ids)
                or (
                    case.commercial_partner_id
                    and case.commercial_partner_id in senders.commercial_partner_id
                )
            )
        )

    @api.model
    def _propose_clause(self, values):
        """Fill in the clause a new case from ``values`` gets, as the form does.

        A clause that is used up and blocks new cases is left out, and
        returned, so that the mail still opens its case.
        """
        probe = self.new(values)
        clause = probe.contract_line_id
        if clause and clause._is_exhausted_and_blocking():
            values.update(contract_id=False, contract_line_id=False)
            return clause
        values.update(
            contract_id=probe.contract_id.id, contract_line_id=clause.id or False
        )
        return clause.browse()

    def _flag_used_up_clause(self, clause):
        """The case came in while ``clause`` is used up: a person decides."""
        self.ensure_one()
        note = self.env._(
            "Clause %(clause)s of contract %(contract)s would cover this case but "
            "is used up, so the case was opened without a clause. Decide whether "
            "to extend the clause, choose another one or decline the request.",
            clause=clause.name,
            contract=clause.contract_id.name,
        )
        self.message_post(body=note, subtype_xmlid="mail.mt_note")
        decider = clause.contract_id.user_id or self.queue_id.user_id or self.user_id
        if decider:
            self.activity_schedule(
                "mail.mail_activity_data_todo",
                user_id=decider.id,
                summary=self.env._("Clause used up: decide on this case"),
                note=note,
            )

    def _note_named_cases(self, named):
        """Say on this new case which cases its mail named, by code only."""
        self.ensure_one()
        links = Markup(", ").join(
            case._get_html_link(title=case.number) for case in named
        )
        self.message_post(
            body=Markup(
                self.env._(
                    "The subject names %(cases)s, but the sender is neither its "
                    "customer, a contact of its customer nor a follower: the mail "
                    "opened this new case instead."
                )
            )
            % {"cases": links},
            subtype_xmlid="mail.mt_note",
        )

    @api.model
    def action_new_from(self, model, res_id):
        """A new case form, prefilled from a message, activity or meeting."""
        if model not in dict(self._fields["origin_ref"].selection):
            raise UserError(self.env._("Cases cannot be opened from this record."))
        origin = self.env[model].browse(res_id).exists()
        if not origin:
            raise UserError(self.env._("The record to open a case from is gone."))
        origin.check_access("read")
        defaults = {
            f"default_{name}": value
            for name, value in self._values_from_origin(origin).items()
            if value
        }
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("New Case"),
            "res_model": self._name,
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "current",
            "context": {**defaults, "default_origin_ref": f"{model},{origin.id}"},
        }

    def _values_from_origin(self, origin):
        """Case values a message, activity or meeting suggests."""
        channel = self.env.ref  # channel("xmlid") reads better below
        if origin._name == "mail.message":
            author = origin.author_id
            partner = (
                author
                if not author.user_ids.filtered(lambda user: not user.share)
                else self._document_partner(origin.model, origin.res_id)
            )
            return {
                "name": origin.subject
                or html2plaintext(origin.body or "")[:80]
                or origin.record_name,
                "description": origin.body,
                "partner_id": partner.id,
                "channel_id": channel("crm_case_management.crm_case_channel_email").id
                if origin.message_type == "email"
                else False,
            }
        if origin._name == "mail.activity":
            is_call = origin.activity_category == "phonecall"
            return {
                "name": origin.summary or origin.activity_type_id.name,
                "description": origin.note,
                "partner_id": self._document_partner(
                    origin.res_model, origin.res_id
                ).id,
                "channel_id": channel("crm_case_management.crm_case_channel_phone").id
                if is_call
                else False,
            }
        attendees = origin.partner_ids.filtered(
            lambda partner: not partner.user_ids.filtered(lambda user: not user.share)
        )
        return {
            "name": origin.name,
            "description": origin.description,
            "partner_id": attendees[:1].id,
            "channel_id": channel("crm_case_management.crm_case_channel_in_person").id,
        }

    def _document_partner(self, model, res_id):
        """The customer of the record a message or activity belongs to."""
        if not model or model not in self.env or not res_id:
            return self.env["res.partner"]
        record = self.env[model].browse(res_id)
        if model == "res.partner":
            return record
        if "partner_id" in record._fields:
            return record.partner_id
        return self.env["res.partner"]

    @api.model
    def _find_by_number_in(self, text, company=None):
        """The cases whose tracking codes appear in ``text`` (a subject).

        Only the first ``CODE_TOKENS_MAX`` words with a digit are looked at,
        all in one query, in ``company`` when given; the cases come in the
        order their codes appear.
        """
        tokens = []
        for match in re.finditer(r"[\w/-]+", text or ""):
            token = match.group()
            if len(token) <= CODE_TOKEN_LENGTH_MAX and any(
                char.isdigit() for char in token
            ):
                tokens.append(normalize_case_number(token))
                if len(tokens) == CODE_TOKENS_MAX:
                    break
        if not tokens:
            return self.browse()
        domain = [("number", "in", tokens)]
        if company:
            domain.append(("company_id", "=", company.id))
        cases = self.search_fetch(domain, ["number"])
        return cases.sorted(lambda case: tokens.index(case.number))
