# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Kavenegar's message id on Odoo's SMS tracker, and delivery reports.

``sms.sms`` rows are deleted once sent; the tracker and its notification
stay, so Kavenegar's id lives here (as ``sms_twilio``'s sid does) and the
delivery poll moves the notification to delivered or undelivered.
"""

import logging
from datetime import timedelta

from odoo import api, fields, models
from odoo.tools import split_every

from ..tools.kavenegar_client import (
    DELIVERED_STATUSES,
    UNDELIVERED_STATUSES,
    KavenegarError,
)

_logger = logging.getLogger(__name__)

POLL_DAYS = 3  # a text with no final status after three days stays "sent"
POLL_BATCH = 100  # message ids per sms/status call


class SmsTracker(models.Model):
    _inherit = "sms.tracker"

    kavenegar_messageid = fields.Char(
        string="Kavenegar Message ID", readonly=True, index="btree_not_null"
    )

    @api.model
    def _cron_poll_kavenegar_delivery(self):
        """Ask Kavenegar how the texts sent lately fared, in batches."""
        trackers = self.search(
            [
                ("kavenegar_messageid", "!=", False),
                ("mail_notification_id.notification_status", "=", "pending"),
                (
                    "create_date",
                    ">=",
                    fields.Datetime.now() - timedelta(days=POLL_DAYS),
                ),
            ],
            order="id",
        )
        by_company = trackers.grouped(
            lambda tracker: (
                tracker.mail_notification_id.mail_message_id.record_company_id
            )
        )
        for company, company_trackers in by_company.items():
            if company.sms_provider != "kavenegar":
                continue
            client = company.sudo()._get_kavenegar_client()
            for batch_ids in split_every(POLL_BATCH, company_trackers.ids):
                batch = self.browse(batch_ids)
                batch._update_from_kavenegar(client)
                self.env["ir.cron"]._commit_progress(len(batch))

    def _update_from_kavenegar(self, client):
        by_messageid = self.grouped("kavenegar_messageid")
        try:
            entries = client.sms_status({"messageid": ",".join(by_messageid)})
        except KavenegarError as error:
            _logger.warning("Kavenegar delivery reports unavailable: %s", error)
            return
        for entry in entries or []:
            tracker = by_messageid.get(str(entry.get("messageid")))
            status = entry.get("status")
            if not tracker:
                continue
            if status in DELIVERED_STATUSES:
                tracker._action_update_from_sms_state("sent")
            elif status in UNDELIVERED_STATUSES:
                tracker.with_context(
                    sms_known_failure_reason=entry.get("statustext")
                )._action_update_from_provider_error("not_delivered")
