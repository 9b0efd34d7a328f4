# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""How cases come in besides the form: e-mail, and any message, activity or
meeting a user opens a case from."""

import re

from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import html2plaintext

from ..tools.case_number import normalize_case_number


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
    )

    # ------------------------------------------------------------------
    @api.model
    def message_new(self, msg_dict, custom_values=None):
        """A new e-mail opens a case, or joins the case its subject names."""
        subject = msg_dict.get("subject") or ""
        existing = self._find_by_number_in(subject)
        if existing:
            return existing
        values = dict(custom_values or {})
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
        # The gateway user is not the assignee; routing decides.
        return super(CrmCase, self.with_context(default_user_id=False)).message_new(
            msg_dict, custom_values=values
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
    def _find_by_number_in(self, text):
        """The case whose tracking code appears in ``text`` (a subject)."""
        for token in re.findall(r"[\w/-]+", text or ""):
            if any(char.isdigit() for char in token):
                case = self.search(
                    [("number", "=", normalize_case_number(token))], limit=1
                )
                if case:
                    return case
        return self.browse()
