# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Odoo's SMS queue sends the texts of Kavenegar companies through Kavenegar.

A text Kavenegar could not take (no answer, busy, rate limit, 5xx) goes back
to the queue with an attempt counter and waits longer after each attempt;
it keeps its uuid, hence its ``localid``, so Kavenegar never sends it twice.
"""

import logging
from collections import defaultdict
from datetime import timedelta

from odoo import api, fields, models

from ..tools.sms_api_kavenegar import RETRY_STATE, SmsApiKavenegar
from ..tools.sms_text import retry_delay_minutes

_logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 10  # about 18 hours of retries (1, 2, 4 ... 240 minutes)


class SmsSms(models.Model):
    _inherit = "sms.sms"

    kavenegar_attempts = fields.Integer(readonly=True, copy=False)
    kavenegar_next_try = fields.Datetime(
        readonly=True, copy=False, index="btree_not_null"
    )
    kavenegar_template = fields.Char(
        readonly=True, help="Kavenegar template this text is sent with, if any."
    )
    kavenegar_tokens = fields.Char(readonly=True, help="The template's tokens (JSON).")

    # ------------------------------------------------------------------
    # Sending
    # ------------------------------------------------------------------
    def _is_kavenegar(self):
        return self._get_sms_company().sms_provider == "kavenegar"

    def _split_by_api(self):
        by_company = defaultdict(lambda: self.browse())
        for sms in self:
            by_company[sms._get_sms_company()] |= sms
        others = self.browse()
        for company, company_sms in by_company.items():
            if company.sms_provider == "kavenegar":
                sms_api = SmsApiKavenegar(self.env)
                sms_api._set_company(company)
                yield sms_api, company_sms
            else:
                others |= company_sms
        if others:
            yield from super(SmsSms, others)._split_by_api()

    def _get_send_batch_size(self):
        if any(
            company.sms_provider == "kavenegar" for company in self._get_sms_company()
        ):
            return int(
                self.env["ir.config_parameter"]
                .sudo()
                .get_param("crm_case_management.kavenegar_batch_size", 50)
            )
        return super()._get_send_batch_size()

    def send(self, unlink_failed=False, unlink_sent=True, raise_exception=False):
        # A text waiting for its next attempt is not sent before its time.
        now = fields.Datetime.now()
        due = self.filtered(
            lambda sms: not sms.kavenegar_next_try or sms.kavenegar_next_try <= now
        )
        return super(SmsSms, due).send(
            unlink_failed=unlink_failed,
            unlink_sent=unlink_sent,
            raise_exception=raise_exception,
        )

    def resend_failed(self):
        # A resend by hand starts a fresh series of attempts.
        self.filtered(lambda sms: sms.state == "error").write(
            {"kavenegar_attempts": 0, "kavenegar_next_try": False}
        )
        return super().resend_failed()

    @api.model
    def _process_queue(self):
        """Odoo's queue, minus texts waiting to be retried, sent per provider.

        Odoo's own version sends a batch of several companies with the API
        of the first one; grouping by provider (``_split_by_api``) keeps
        each company's texts on its provider.
        """
        now = fields.Datetime.now()
        domain = [
            ("state", "=", "outgoing"),
            ("to_delete", "!=", True),
            "|",
            ("kavenegar_next_try", "=", False),
            ("kavenegar_next_try", "<=", now),
        ]
        batch_size = self._get_send_batch_size()
        records = self.search(
            domain, limit=batch_size, order="id"
        ).try_lock_for_update()
        if not records:
            return
        for sms_api, sms in records._split_by_api():
            sms.with_context(sms_api=sms_api)._send(
                unlink_failed=False, unlink_sent=True, raise_exception=False
            )
        remaining = self.search_count(domain) if len(records) == batch_size else 0
        self.env["ir.cron"]._commit_progress(len(records), remaining=remaining)

    # ------------------------------------------------------------------
    # Results
    # ------------------------------------------------------------------
    def _handle_call_result_hook(self, results):
        kavenegar_sms = self.filtered(lambda sms: sms._is_kavenegar())
        by_uuid = kavenegar_sms.grouped("uuid")
        retry = self.browse()
        for result in results:
            sms = by_uuid.get(result.get("uuid"))
            if not sms:
                continue
            if result.get("kavenegar_messageid") and sms.sms_tracker_id:
                sms.sms_tracker_id.kavenegar_messageid = result["kavenegar_messageid"]
            if result["state"] in (RETRY_STATE, "server_error"):
                retry |= sms
        retry._schedule_retry()
        failed = kavenegar_sms.filtered(lambda sms: sms.state == "error") - retry
        failed._report_failure_on_record(
            {result["uuid"]: result.get("failure_reason") for result in results}
        )
        return super(SmsSms, self - kavenegar_sms)._handle_call_result_hook(results)

    def _schedule_retry(self):
        """Back to the queue, later each time; given up after MAX_ATTEMPTS."""
        now = fields.Datetime.now()
        cron = self.env.ref("sms.ir_cron_sms_scheduler_action")
        for sms in self:
            attempt = sms.kavenegar_attempts + 1
            if attempt >= MAX_ATTEMPTS:
                _logger.warning(
                    "SMS %s: Kavenegar gave up after %s attempts", sms.id, attempt
                )
                sms.kavenegar_attempts = attempt
                continue
            next_try = now + timedelta(minutes=retry_delay_minutes(attempt))
            sms.write(
                {
                    "state": "outgoing",
                    "failure_type": False,
                    "to_delete": False,
                    "kavenegar_attempts": attempt,
                    "kavenegar_next_try": next_try,
                }
            )
            sms.sms_tracker_id._action_update_from_sms_state("outgoing")
            cron._trigger(at=next_try)

    def _report_failure_on_record(self, reasons):
        """A refused text says why on the case it was sent from."""
        for sms in self.filtered(lambda sms: sms.mail_message_id.model == "crm.case"):
            case = self.env["crm.case"].browse(sms.mail_message_id.res_id).exists()
            case._on_sms_refused(sms.number, reasons.get(sms.uuid))
