# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The customer's side of a case: the portal, public tracking, complaints.

Customers read their company's cases through the portal record rule and
have no write access: what they may do (confirm a resolution, ask to
reopen, ask for a call) goes through the private methods below, which the
portal controllers call after checking who asks. Each runs the case's own
workflow methods, so the guards of the desk still judge the real user.
"""

import datetime
import uuid

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL, email_normalize, plaintext2html

from ..tools.case_number import normalize_case_number
from ..tools.phone import DEFAULT_REGION, national_number, to_e164
from .crm_case_workflow import HANDLE_ACTIVITY

CALL_ACTIVITY = "mail.mail_activity_data_call"
# Compared with the visitor's input when no case has the code, so that a
# wrong code costs the same work as a wrong contact.
TRACKING_STAND_IN = ("+989000000000", "-", "+989000000000", "-")
MAX_REASON = 2000
# Property types a customer may fill in: values, never record pickers that
# would list records they cannot read.
PLAIN_PROPERTY_TYPES = {
    "char",
    "text",
    "integer",
    "float",
    "boolean",
    "date",
    "datetime",
    "selection",
}


class CrmCase(models.Model):
    # One concern of crm.case per file, as crm_case.py explains.
    _inherit = "crm.case"  # pylint: disable=consider-merging-classes-inherited

    @api.model
    def _give_portal_tokens(self, vals_list):
        """Each new case gets its portal token with its first insert.

        Odoo's portal gives a record its token when the first notification
        about it is sent (``_portal_ensure_token``), which for a new case is
        during its create: a second write of the case, with the whole write
        path of a case, for one random string. The value is Odoo's own
        (a uuid4); ``access_token`` is refused from clients by the guards.
        """
        for vals in vals_list:
            vals.setdefault("access_token", str(uuid.uuid4()))

    # ------------------------------------------------------------------
    # Portal customers acting on their cases
    # ------------------------------------------------------------------
    def message_post(self, **kwargs):
        """A customer's message is a comment to the desk, whatever they send.

        Customers may post on the cases they read (``_mail_post_access``);
        over RPC they could otherwise file internal notes or records that
        look like the desk's SMS texts. Code acting for the system (sudo)
        chooses its own kind.
        """
        if self.env.user.share and not self.env.su:
            kwargs.pop("subtype_id", None)
            kwargs.update(message_type="comment", subtype_xmlid="mail.mt_comment")
        return super().message_post(**kwargs)

    def _check_portal_customer(self):
        """The current user is a customer who may read each of these cases."""
        if not self.env.user.share or self.env.su:
            raise AccessError(self.env._("This is for customers on the portal."))
        self.check_access("read")

    def _desk_approver(self):
        """The case's approver, read as the system.

        sudo: customers may not read the desk's queues; the approver is
        only compared with the customer or given work, never shown.
        """
        return self.sudo()._approver().with_env(self.env)

    def _handler(self):
        """Who on the desk acts on the customer's request: an internal user."""
        self.ensure_one()
        # sudo: as in _desk_approver, the queue is read, not shown.
        case = self.sudo()
        for user in (case.user_id, case._approver(), case.queue_id.user_id):
            if user and not user.share:
                return user.with_env(self.env)
        return self.env["res.users"]

    def _customer_says(self, text):
        """Post ``text`` in the case's conversation as the customer."""
        self.message_post(
            body=plaintext2html(text),
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )

    def _portal_confirm_resolution(self):
        """The customer accepts the work of a case waiting for approval.

        On a case the customer opened, this is the creator's approval: the
        case closes. Otherwise the creator approves; the customer's word is
        recorded in the conversation and the creator sees the case as new.
        """
        self.ensure_one()
        self._check_portal_customer()
        if self.state != "done":
            raise UserError(
                self.env._(
                    "Case %(case)s is not waiting for your confirmation.",
                    case=self.number,
                )
            )
        if self._desk_approver() == self.env.user:
            # sudo: customers have no write access, which the action checks;
            # sudo keeps the user, so action_approve's own right
            # (``can_approve``: the creator, on a case marked done) is still
            # judged for this customer.
            self.sudo().action_approve()
            return True
        self._customer_says(self.env._("I confirm that the case is resolved."))
        self._mark_unseen(self._desk_approver())
        return True

    def _portal_reopen(self, reason):
        """The customer says the work does not solve the problem.

        On a case the customer opened and that waits for approval, this is
        the creator's rejection: back to the assignee. Otherwise (a closed
        case, or one the desk opened) the request and its reason go to the
        desk as an activity: only the desk reopens or follows a case up.
        """
        self.ensure_one()
        self._check_portal_customer()
        reason = reason.strip() if isinstance(reason, str) else ""
        if not reason:
            raise UserError(self.env._("Say why the case should be reopened."))
        if len(reason) > MAX_REASON:
            raise UserError(
                self.env._(
                    "Keep the reason under %(count)s characters.", count=MAX_REASON
                )
            )
        if self.state not in ("done", "closed"):
            raise UserError(
                self.env._("Case %(case)s is still being worked on.", case=self.number)
            )
        self._customer_says(
            self.env._("Please reopen the case: %(reason)s", reason=reason)
        )
        if self.state == "done" and self._desk_approver() == self.env.user:
            # sudo: as in _portal_confirm_resolution; action_reject judges
            # ``can_approve`` for this customer.
            self.sudo().action_reject(reason)
            return True
        self._schedule_activity(HANDLE_ACTIVITY, self._handler(), note=reason)
        self._mark_unseen(self._handler())
        return True

    def _request_callback(self, phone=None):
        """Ask the desk to call the customer: a call activity for the handler.

        Called for a portal customer who reads the case, or for a visitor
        who proved the case's code and contact on the tracking page.
        """
        self.ensure_one()
        handler = self._handler()
        number = to_e164(phone or "", self._phone_region_for_customers())
        note = self.env._("The customer asks to be called back.")
        if number:
            note = self.env._(
                "The customer asks to be called back at %(phone)s.", phone=number
            )
        if handler:
            # sudo: customers and visitors cannot create activities; the
            # caller proved its right to this case, and only a call task
            # for the desk is created.
            self.sudo().activity_schedule(
                CALL_ACTIVITY,
                date_deadline=fields.Date.context_today(self),
                user_id=handler.id,
                summary=self.env._("Call the customer back"),
                note=note,
            )
            self._mark_unseen(handler)
        # sudo: the note is the desk's own record of the request.
        self.sudo().message_post(body=note, subtype_xmlid="mail.mt_note")
        return True

    # ------------------------------------------------------------------
    # Public tracking
    # ------------------------------------------------------------------
    def _phone_region_for_customers(self):
        return self.env.company.country_id.code or DEFAULT_REGION

    @api.model
    def _find_for_tracking(self, code, contact):
        """The case of ``code`` whose customer has ``contact`` on file.

        ``contact`` is a phone number or an e-mail address. One indexed
        query by code, then the same comparisons whether a case was found
        or not (against a stand-in), so a wrong code, a wrong contact and a
        contact that is another customer's cost the same time and give the
        same empty answer.
        """
        number = normalize_case_number(code if isinstance(code, str) else "")[:64]
        contact = contact.strip()[:254] if isinstance(contact, str) else ""
        self.env["res.partner"].flush_model(["phone", "email_normalized"])
        self.flush_model(["number", "partner_id", "commercial_partner_id"])
        rows = self.env.execute_query(
            SQL(
                """
                SELECT c.id, p.phone, p.email_normalized, cp.phone, cp.email_normalized
                  FROM crm_case c
             LEFT JOIN res_partner p ON p.id = c.partner_id
             LEFT JOIN res_partner cp ON cp.id = c.commercial_partner_id
                 WHERE c.number = %s
                """,
                number or "-",
            )
        )
        case_id, *on_file = rows[0] if rows else (None, *TRACKING_STAND_IN)
        phones, emails = on_file[0::2], on_file[1::2]
        region = self._phone_region_for_customers()
        if "@" in contact:
            wanted = email_normalize(contact) or "-"
            matches = [wanted == (email or "") for email in emails]
        else:
            wanted = to_e164(contact, region) or "-"
            matches = [wanted == to_e164(phone or "", region) for phone in phones]
        # sudo: an anonymous visitor asks; only a case whose code and
        # contact both match is returned, and the caller shows only its
        # public part.
        return self.sudo().browse(case_id if any(matches) and case_id else [])

    def _public_messages(self):
        """The conversation the customer may read: comments, no notes."""
        self.ensure_one()
        comment = self.env.ref("mail.mt_comment")
        # sudo: called on a case whose right to read the caller proved.
        return (
            self.env["mail.message"]
            .sudo()
            .search(
                [
                    ("model", "=", self._name),
                    ("res_id", "=", self.id),
                    ("message_type", "in", ("comment", "email", "auto_comment")),
                    ("subtype_id", "=", comment.id),
                ],
                order="date desc, id desc",
                limit=50,
            )
        )

    # ------------------------------------------------------------------
    # Cases customers open
    # ------------------------------------------------------------------
    @api.model
    def _create_public_complaint(self, name, phone, email, description):
        """Open a complaint from the public form; values already checked.

        The complainant is always a new contact. A visitor proves nothing
        by typing a phone or an e-mail address: filed on the customer who
        has them, the complaint would show the desk's replies to whoever
        typed them (the case is theirs to follow) and speak in the
        customer's name. A customer who has them is named to the desk in a
        note, to link the case once the caller is confirmed. The title is
        the desk's own words: it goes into the acknowledgement texts.
        """
        # sudo: an anonymous visitor has no rights; the form's values were
        # validated (tools/public_form.py) and only these fields are set.
        env = self.sudo().env
        partner = env["res.partner"].create(
            {"name": name, "phone": phone or False, "email": email or False}
        )
        complaint = env.ref("crm_case_management.crm_case_type_complaint")
        website = env.ref("crm_case_management.crm_case_channel_website")
        case = (
            self.sudo()
            .with_context(mail_create_nosubscribe=True)
            .create(
                {
                    "name": self.env._("Complaint from the website"),
                    "description": plaintext2html(description),
                    "partner_id": partner.id,
                    "type_id": complaint.id,
                    "channel_id": website.id,
                }
            )
        )
        case._note_customers_with_same_contact(phone, email)
        return case

    def _note_customers_with_same_contact(self, phone, email):
        """Tell the desk which customers already have this phone or e-mail."""
        # sudo: the anonymous complaint's own case; the note is internal.
        Partner = self.sudo().env["res.partner"]
        others = [
            ("id", "!=", self.partner_id.id),
            ("company_id", "in", [False, self.company_id.id]),
        ]
        same = []
        if phone:
            national = national_number(phone) or phone
            same.append(
                [
                    "|",
                    ("phone_sanitized", "=", phone),
                    ("phone_mobile_search", "like", national),
                ]
            )
        if email:
            same.append([("email_normalized", "=", email_normalize(email))])
        known = Partner.browse()
        for domain in same:
            known |= Partner.search([*others, *domain], limit=3)
        if known:
            self.sudo().message_post(
                body=self.env._(
                    "Filed from the website by an unconfirmed visitor. Customers "
                    "with the same phone or e-mail: %(names)s. Link the case to "
                    "one of them only once the caller is confirmed.",
                    names=", ".join(known.mapped("display_name")),
                ),
                subtype_xmlid="mail.mt_note",
            )

    @api.model
    def _portal_case_types(self):
        """The case types a customer may open."""
        return self.env["crm.case.type"].search([("portal_selectable", "=", True)])

    @api.model
    def _portal_products(self):
        """Products customers may name: those the company sells.

        sudo: customers have no access to products; only the names of
        sellable products are shown, and a chosen id is checked against
        this list.
        """
        return (
            self.env["product.product"]
            .sudo()
            .search(
                [
                    ("sale_ok", "=", True),
                    ("company_id", "in", [False, self.env.company.id]),
                ],
                limit=200,
            )
        )

    @api.model
    def _plain_properties(self, case_type):
        # sudo: only the type's field definitions are read, to offer their
        # plain-valued fields; the type itself passed the record rules.
        return [
            definition
            for definition in case_type.sudo().case_properties_definition or []
            if definition.get("type") in PLAIN_PROPERTY_TYPES
        ]

    @api.model
    def _portal_create(self, values):
        """Open a case for the portal customer; ``values`` are checked here.

        ``values``: ``name``, ``description`` (text), ``type_id``,
        ``subject_id``, ``product_id`` and ``properties`` ({name: text}).
        """
        user = self.env.user
        if not user.share or user._is_public():
            raise AccessError(self.env._("This is for customers on the portal."))
        name = (values.get("name") or "").strip()
        description = (values.get("description") or "").strip()
        if not name or not description:
            raise UserError(self.env._("Give the case a title and a description."))
        if len(name) > 200 or len(description) > 20000:
            raise UserError(self.env._("The title or description is too long."))
        case_type = self._portal_case_types().filtered(
            lambda t: t.id == values.get("type_id")
        )
        if not case_type:
            raise UserError(self.env._("Choose a type of case."))
        subject = self.env["crm.case.subject"].browse(values.get("subject_id") or [])
        subject = subject.exists()
        product = self._portal_products().filtered(
            lambda p: p.id == values.get("product_id")
        )
        if values.get("product_id") and not product:
            raise UserError(self.env._("Choose a product from the list."))
        properties = self._parse_properties(case_type, values.get("properties") or {})
        portal = self.env.ref(
            "crm_case_management.crm_case_channel_portal", raise_if_not_found=False
        )
        vals = {
            "name": name,
            "description": plaintext2html(description),
            "partner_id": user.partner_id.id,
            "type_id": case_type.id,
            "subject_id": subject.id,
            "product_id": product.id,
            "channel_id": portal.id if portal else False,
            "company_id": user.company_id.id,
        }
        if properties:
            vals["case_properties"] = properties
        # sudo: customers have no create access; every value above was
        # chosen from what the customer may pick. sudo keeps the user, so
        # the customer is the case's creator and approves its resolution.
        case = self.sudo().create(vals)
        return case.with_env(self.env)

    @api.model
    def _parse_properties(self, case_type, raw):
        """The type's plain fields from the form's text values."""
        result = {}
        for definition in self._plain_properties(case_type):
            key, kind = definition["name"], definition["type"]
            text = raw.get(key)
            if kind == "boolean":
                result[key] = bool(text)
                continue
            text = (text or "").strip()[:1000] if isinstance(text, str) else ""
            if not text:
                continue
            try:
                if kind == "integer":
                    result[key] = int(text)
                elif kind == "float":
                    result[key] = float(text)
                elif kind == "date":
                    result[key] = datetime.date.fromisoformat(text).isoformat()
                elif kind == "datetime":
                    result[key] = fields.Datetime.to_string(
                        datetime.datetime.fromisoformat(text)
                    )
                elif kind == "selection":
                    allowed = {option[0] for option in definition.get("selection", [])}
                    if text not in allowed:
                        raise ValueError(text)
                    result[key] = text
                else:
                    result[key] = text
            except ValueError as error:
                raise UserError(
                    self.env._(
                        "%(field)s: %(value)s is not a valid value.",
                        field=definition.get("string") or key,
                        value=text,
                    )
                ) from error
        return result
