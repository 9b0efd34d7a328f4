# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Kavenegar as an Odoo SMS provider, as ``sms_twilio/tools/sms_api.py`` is Twilio.

``_send_sms_batch`` gets the texts Odoo's ``sms.sms`` queue hands over and
returns one result per text. Besides Odoo's states it answers
``kavenegar_retry`` (not sent, send again later: the ``sms.sms`` goes back to
the queue) and carries Kavenegar's message id for delivery reports.
"""

import json

from odoo.addons.sms.tools.sms_api import SmsApiBase

from .kavenegar_client import KavenegarError
from .phone import iranian_mobile
from .sms_text import localid_from_uuid

RETRY_STATE = "kavenegar_retry"
# Kavenegar's refusals, by the Odoo failure they are shown as.
STATE_BY_STATUS = {
    401: "kavenegar_account",
    403: "kavenegar_account",
    407: "kavenegar_account",
    411: "wrong_number_format",
    412: "kavenegar_account",
    416: "kavenegar_account",
    418: "kavenegar_credit",
    426: "kavenegar_account",
    501: "kavenegar_account",
}


class SmsApiKavenegar(SmsApiBase):
    PROVIDER_TO_SMS_FAILURE_TYPE = SmsApiBase.PROVIDER_TO_SMS_FAILURE_TYPE | {
        RETRY_STATE: "sms_server",
        "kavenegar_credit": "sms_credit",
        "kavenegar_account": "sms_acc",
    }

    def _send_sms_batch(self, messages, delivery_reports_url=False):
        # sudo: the key is readable by system administrators only; whoever
        # may queue a text may have it sent, and the key never leaves here.
        company_sudo = self.company.sudo()
        client = company_sudo._get_kavenegar_client()
        uuids = [info["uuid"] for message in messages for info in message["numbers"]]
        lookups = self._get_lookups(uuids)
        return [
            self._send_one(
                client,
                company_sudo,
                message["content"],
                info,
                lookups.get(info["uuid"]),
            )
            for message in messages
            for info in message["numbers"]
        ]

    def _get_lookups(self, uuids):
        """Template and tokens of the texts sent through ``verify/lookup``."""
        # sudo: sms.sms is readable by system administrators only.
        sms_sudo = (
            self.env["sms.sms"]
            .sudo()
            .search([("uuid", "in", uuids), ("kavenegar_template", "!=", False)])
        )
        return {
            sms.uuid: (sms.kavenegar_template, json.loads(sms.kavenegar_tokens or "{}"))
            for sms in sms_sudo
        }

    def _send_one(self, client, company, body, number_info, lookup):
        uuid = number_info["uuid"]
        receptor = iranian_mobile(number_info["number"])
        if not receptor:
            return self._failure(uuid, "wrong_number_format")
        try:
            if lookup:
                template, tokens = lookup
                entries = client.verify_lookup(
                    {"receptor": receptor, "template": template, **tokens}
                )
            else:
                params = {
                    "receptor": receptor,
                    "message": body,
                    # The same localid on every attempt: Kavenegar sends it
                    # once, so a retry never texts twice.
                    "localid": localid_from_uuid(uuid),
                }
                if company.kavenegar_sender:  # else the account's default line
                    params["sender"] = company.kavenegar_sender
                entries = client.sms_send(params)
        except KavenegarError as error:
            return self._error_result(uuid, error, idempotent=not lookup)
        entry = (entries or [{}])[0]
        return {
            "uuid": uuid,
            "state": "success",
            "kavenegar_messageid": str(entry.get("messageid") or ""),
        }

    def _error_result(self, uuid, error, idempotent):
        if error.retryable and (idempotent or error.answered):
            reason = self.env._(
                "Kavenegar is not available (%(error)s); the text is sent again later.",
                error=error.status or self.env._("no answer"),
            )
            return self._failure(uuid, RETRY_STATE, reason)
        if error.retryable:
            # verify/lookup has no localid: after a lost answer the text may
            # have gone out, and sending it again could text twice.
            reason = self.env._(
                "Kavenegar did not answer; the text may have been sent. "
                "Check the Kavenegar panel before sending it again."
            )
            return self._failure(uuid, "kavenegar_unknown", reason)
        state = STATE_BY_STATUS.get(error.status, "kavenegar_refused")
        return self._failure(uuid, state, self._refusal_reason(error))

    def _refusal_reason(self, error):
        reasons = {
            401: self.env._("The Kavenegar account is disabled."),
            403: self.env._("The Kavenegar API key is not valid."),
            411: self.env._("Kavenegar refused the recipient's number."),
            412: self.env._(
                "The sender line does not belong to the Kavenegar account."
            ),
            413: self.env._("The text is empty or too long for Kavenegar."),
            418: self.env._("The Kavenegar account has no credit left."),
            424: self.env._(
                "The Kavenegar template does not exist or is not approved."
            ),
        }
        return reasons.get(error.status) or self.env._(
            "Kavenegar refused the text (code %(code)s).", code=error.status
        )

    def _failure(self, uuid, state, reason=None):
        return {
            "uuid": uuid,
            "state": state,
            "failure_reason": reason or self._get_sms_api_error_messages().get(state),
        }

    def _get_sms_api_error_messages(self):
        messages = super()._get_sms_api_error_messages()
        messages["wrong_number_format"] = self.env._(
            "The number is not an Iranian mobile number."
        )
        return messages
