# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models

from .retry import run_with_retries


class MailThread(models.AbstractModel):
    _inherit = "mail.thread"

    def message_process(
        self,
        model,
        message,
        custom_values=None,
        save_original=False,
        strip_attachments=False,
        thread_id=None,
    ):
        """The mail fetcher's messages are retried on a conflict.

        The fetcher (``fetchmail.server._fetch_mail``) runs each message in
        a cursor of its own and, on any error, rolls it back and marks the
        message as seen: a case that lost a race with a colleague's request
        (the same queue's turn, the same customer's clause) would never be
        opened. Rolling back that cursor loses only this message's work,
        so retrying it is safe. Other callers (the RPC mail gateway) are
        already retried by Odoo.
        """
        args = (model, message, custom_values, save_original, strip_attachments)
        parent = super()
        if not self.env.context.get("fetchmail_cron_running"):
            return parent.message_process(*args, thread_id=thread_id)
        return run_with_retries(
            self.env, lambda: parent.message_process(*args, thread_id=thread_id)
        )
