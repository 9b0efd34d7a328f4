# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""crm.case: telling the customer, by SMS or e-mail, on registration and closing.

Every way a case is created (form, mail, telephony, the public complaint
form through sudo) goes through ``create``; every closing goes through
``_sync_state_with_stage``. Both only mark the case (``sms_*_state``): the
case type says whether to text automatically or let an operator review the
text in Odoo's own ``sms.composer``. A cron posts the automatic texts (Odoo's
SMS queue then sends them), so creating a case costs no HTTP call and only
one query more (the cron trigger) when its type texts automatically.
"""

import json
import logging

import pytz

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import html2plaintext

from ..tools.date_display import display_date
from ..tools.jalali import format_jalali_date, is_persian_lang, to_persian_digits
from ..tools.phone import iranian_mobile, to_e164
from ..tools.sms_text import fit_sms
from .retry import run_with_retries

_logger = logging.getLogger(__name__)

PENDING_STATES = [("auto", "To Send"), ("review", "To Review")]
CRON_XMLID = "crm_case_management.ir_cron_crm_case_customer_messages"
# The neutral face: the customer picks on the page before anything is stored.
RATING_LINK_VALUE = 5


class CrmCase(models.Model):
    _inherit = "crm.case"  # pylint: disable=consider-merging-classes-inherited

    sms_register_state = fields.Selection(
        PENDING_STATES, string="Registration SMS", readonly=True, copy=False
    )
    sms_close_state = fields.Selection(
        PENDING_STATES, string="Closing SMS", readonly=True, copy=False
    )

    _sms_pending_idx = models.Index(
        "(id) WHERE sms_register_state = 'auto' OR sms_close_state = 'auto'"
    )

    @api.model
    def _fields_set_by_system(self):
        return super()._fields_set_by_system() | {
            "sms_register_state",
            "sms_close_state",
        }

    # ------------------------------------------------------------------
    # Hooks: registration and closing
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        cases = super().create(vals_list)
        cases._plan_customer_messages("register")
        return cases

    def _sync_state_with_stage(self):
        was_closed = {case: case.state == "closed" for case in self}
        result = super()._sync_state_with_stage()
        # A merged case's customer hears from the case it was merged into.
        self.filtered(
            lambda case: (
                case.state == "closed"
                and not was_closed[case]
                and not case.merged_into_id
            )
        )._plan_customer_messages("close")
        return result

    def _plan_customer_messages(self, kind):
        """Mark the cases whose type tells the customer on ``kind``."""
        setting, state_field = f"sms_on_{kind}", f"sms_{kind}_state"
        planned = self.filtered(lambda case: case.type_id[setting] != "off")
        for mode, cases in planned.grouped(lambda c: c.type_id[setting]).items():
            cases._workflow_write({state_field: mode})
        if any(case.type_id[setting] == "auto" for case in planned):
            self.env.ref(CRON_XMLID)._trigger()

    def action_approve(self):
        result = super().action_approve()
        if len(self) == 1 and self.sms_close_state == "review":
            return self.action_review_sms()
        return result

    # ------------------------------------------------------------------
    # Review in Odoo's composer, or skip
    # ------------------------------------------------------------------
    def action_review_sms(self):
        self.ensure_one()
        self.check_access("write")
        kind = "register" if self.sms_register_state == "review" else "close"
        if self[f"sms_{kind}_state"] != "review":
            raise UserError(self.env._("No text of this case waits for review."))
        mobile = iranian_mobile(self.partner_id.phone)
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Review the text to the customer"),
            "res_model": "sms.composer",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
            "context": {
                "default_res_model": self._name,
                "default_res_id": self.id,
                "default_composition_mode": "comment",
                "default_body": self._get_customer_sms_body(kind),
                # E.164, so the composer's check reads it as Iranian
                # whatever the company's country.
                "default_recipient_single_number_itf": to_e164(mobile)
                if mobile
                else "",
                "crm_case_sms_review": kind,
            },
        }

    def action_skip_sms(self):
        """The operator decides the customer gets no text this time."""
        self.check_access("write")
        for kind in ("register", "close"):
            self.filtered(
                lambda c, k=kind: c[f"sms_{k}_state"] == "review"
            )._workflow_write({f"sms_{kind}_state": False})
        return True

    def _message_sms(self, body, *args, **kwargs):
        message = super()._message_sms(body, *args, **kwargs)
        # Sent from the review composer: that text is no longer waiting.
        # (A client setting this key can only clear its own review marker.)
        kind = self.env.context.get("crm_case_sms_review")
        if kind in ("register", "close") and self[f"sms_{kind}_state"] == "review":
            self._workflow_write({f"sms_{kind}_state": False})
            if kind == "close":
                self._post_rating_sms()
        return message

    # ------------------------------------------------------------------
    # Sending what was planned (cron)
    # ------------------------------------------------------------------
    @api.model
    def _cron_customer_messages(self):
        """The scheduled job; retried on a conflict (models/retry.py)."""
        return run_with_retries(self.env, self._cron_send_customer_messages)

    @api.model
    def _cron_send_customer_messages(self, limit=100):
        cases = self.search(
            [
                "|",
                ("sms_register_state", "=", "auto"),
                ("sms_close_state", "=", "auto"),
            ],
            limit=limit,
            order="id",
        )
        for case in cases:
            try:
                with self.env.cr.savepoint():
                    case._send_planned_messages()
            except (UserError, ValueError) as error:
                # One case's text must not hold back the others for ever.
                _logger.warning("Case %s: customer text failed: %s", case.id, error)
                case._workflow_write(
                    {"sms_register_state": False, "sms_close_state": False}
                )
                case.message_post(
                    body=self.env._("No text was sent: %(error)s", error=str(error)),
                    subtype_xmlid="mail.mt_note",
                )
            self.env["ir.cron"]._commit_progress(1)
        if len(cases) == limit:  # more are waiting: run again at once
            self.env.ref(CRON_XMLID)._trigger()

    def _send_planned_messages(self):
        self.ensure_one()
        if self.sms_register_state == "auto":
            self._workflow_write({"sms_register_state": False})
            self._send_customer_message("register")
        if self.sms_close_state == "auto":
            self._workflow_write({"sms_close_state": False})
            if self._send_customer_message("close"):
                self._post_rating_sms()

    def _send_customer_message(self, kind):
        """Text the customer, or e-mail a registration, or say on the case why not."""
        partner = self.partner_id
        mobile = iranian_mobile(partner.phone)
        if mobile:
            return self._post_customer_sms(kind, mobile)
        if kind == "register" and partner.email:
            self._post_acknowledgement_mail()
            return False
        self._post_not_texted(partner.phone)
        return False

    def _post_customer_sms(self, kind, mobile, body=None, lookup=None):
        """Queue a text in the chatter; False if this number had enough for now."""
        if not self.env["crm.case.sms.counter"]._allows(mobile):
            self.message_post(
                body=self.env._(
                    "No text was sent to %(number)s: it already got the most "
                    "automatic texts allowed in an hour.",
                    number=mobile,
                ),
                subtype_xmlid="mail.mt_note",
            )
            return False
        body = body or self._get_customer_sms_body(kind)
        message = self._message_sms(
            body,
            partner_ids=self.partner_id.ids,
            sms_pid_to_number={self.partner_id.id: mobile},
            put_in_queue=True,
        )
        lookup = lookup or self._get_kavenegar_lookup(kind)
        if lookup:
            sms_sudo = (
                self.env["sms.sms"]
                .sudo()
                .search([("mail_message_id", "=", message.id)])
            )
            sms_sudo.write(
                {
                    "kavenegar_template": lookup[0],
                    "kavenegar_tokens": json.dumps(lookup[1]),
                }
            )
        return True

    def _post_rating_sms(self):
        """Ask for a rating by SMS; the answer lands on the case (rating.rating)."""
        self.ensure_one()
        mobile = iranian_mobile(self.partner_id.phone)
        if not (self.type_id.rating_request and mobile):
            return
        token = self._rating_get_access_token()
        url = f"{self.get_base_url()}/rate/{token}/{RATING_LINK_VALUE}"
        lang = self._customer_lang()
        body = self._in_customer_lang(
            self.with_context(lang=lang).env._(
                "How satisfied are you with the answer to %(code)s? %(url)s",
                code=self.number,
                url=url,
            ),
            lang,
        ).replace(to_persian_digits(url), url)
        lookup = self._lookup_for("kavenegar_template_rating", {"token": token})
        self._post_customer_sms("rating", mobile, body=body, lookup=lookup)

    def _post_acknowledgement_mail(self):
        # An automatic message: never the SLA's first response.
        self.message_post_with_source(
            "crm_case_management.mail_template_crm_case_registered",
            message_type="auto_comment",
            subtype_xmlid="mail.mt_comment",
        )

    def _post_not_texted(self, number):
        if number:
            body = self.env._(
                "No text was sent: the customer's number %(number)s "
                "is not a mobile number.",
                number=number,
            )
        else:
            body = self.env._("No text was sent: the customer has no mobile number.")
        self.message_post(body=body, subtype_xmlid="mail.mt_note")

    def _on_sms_refused(self, number, reason):
        """Kavenegar refused a text of this case for good: say why, in the chatter."""
        self.message_post(
            body=self.env._(
                "The text to %(number)s was not sent: %(reason)s",
                number=number,
                reason=reason or self.env._("refused by the SMS provider."),
            ),
            subtype_xmlid="mail.mt_note",
        )

    # ------------------------------------------------------------------
    # Texts: in the customer's language, within two SMS parts
    # ------------------------------------------------------------------
    def _customer_lang(self):
        return self.partner_id.lang or self.env.lang or "en_US"

    def _in_customer_lang(self, text, lang):
        return to_persian_digits(text) if is_persian_lang(lang) else text

    def _customer_request_date(self, lang=None):
        """The request date in the customer's calendar (Jalali for Persian)."""
        lang = lang or self._customer_lang()
        tz = self.partner_id.tz or self.company_id._get_case_calendar().tz or "UTC"
        local = pytz.utc.localize(self.date_request).astimezone(pytz.timezone(tz))
        return display_date(self.env, local.date(), lang)

    def _get_customer_sms_body(self, kind):
        self.ensure_one()
        lang = self._customer_lang()
        env = self.with_context(lang=lang).env
        company = self.company_id.name
        if kind == "register":

            def render(title):
                return env._(
                    "Your request “%(title)s” was registered on %(date)s. "
                    "Tracking code: %(code)s\n%(company)s",
                    title=title,
                    date=self._customer_request_date(lang),
                    code=self.number,
                    company=company,
                )

            text = fit_sms(render, self.name)
        else:

            def render(result):
                return env._(
                    "Your request %(code)s is closed. %(result)s\n%(company)s",
                    code=self.number,
                    result=result,
                    company=company,
                )

            text = fit_sms(render, html2plaintext(self.resolution or ""))
        return self._in_customer_lang(text, lang)

    def _get_kavenegar_lookup(self, kind):
        """Template and tokens when the company texts through templates."""
        if kind == "register":
            date = format_jalali_date(self.date_request, persian_digits=False)
            return self._lookup_for(
                "kavenegar_template_register", {"token": self.number, "token2": date}
            )
        if kind == "close":
            return self._lookup_for("kavenegar_template_close", {"token": self.number})
        return None

    def _lookup_for(self, template_field, tokens):
        company = self.company_id
        if company.sms_provider != "kavenegar" or not company.kavenegar_template_mode:
            return None
        template = company[template_field]
        return (template, tokens) if template else None
