# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta
from unittest.mock import patch

from odoo import fields
from odoo.tests.common import _super_send

from ..tools.kavenegar_client import KavenegarClient
from .common import CaseCommon
from .kavenegar_fake import FakeKavenegar

API_KEY = "4F6B2E-TEST-SECRET-KEY"


class KavenegarCase(CaseCommon):
    """The desk's company texts through a fake Kavenegar on 127.0.0.1."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.fake = FakeKavenegar().start()
        cls.addClassCleanup(cls.fake.stop)
        # The real client, with a timeout shorter than the fake's stall.
        cls.startClassPatcher(patch.object(KavenegarClient, "TIMEOUT", 0.5))
        # Crons commit their progress; a test keeps its one transaction.
        cls.startClassPatcher(
            patch.object(
                type(cls.env["ir.cron"]), "_commit_progress", lambda *a, **k: 1e9
            )
        )
        cls.env["ir.config_parameter"].set_param(
            "crm_case_management.kavenegar_url", cls.fake.url
        )
        cls.company.write(
            {
                "sms_provider": "kavenegar",
                "kavenegar_api_key": API_KEY,
                "kavenegar_sender": "10004346",
            }
        )
        # A database created with --load-language=fa_IR has no English yet.
        cls.env["res.lang"]._activate_lang("fa_IR")
        cls.env["res.lang"]._activate_lang("en_US")
        cls.env["ir.module.module"]._load_module_terms(
            ["crm_case_management"], ["fa_IR"]
        )
        cls.persian_customer = cls.env["res.partner"].create(
            {
                "name": "رضا احمدی",
                "phone": "۰۹۱۲ ۱۲۳ ۴۵۶۷",
                "lang": "fa_IR",
                "tz": "Asia/Tehran",
            }
        )
        cls.english_customer = cls.env["res.partner"].create(
            {
                "name": "John Smith",
                "phone": "+98 935 765 4321",
                "lang": "en_US",
                "tz": "Asia/Tehran",
            }
        )
        cls.type_general.write({"sms_on_register": "auto", "sms_on_close": "auto"})

    @classmethod
    def _request_handler(cls, session, request, /, **kw):
        # Odoo's tests raise short timeouts to 10 s; the stall tests need
        # the client's own.
        if request.url.startswith(cls.fake.url):
            return _super_send(session, request, **kw)
        return super()._request_handler(session, request, **kw)

    def setUp(self):
        super().setUp()
        self.fake.reset()

    # -- helpers -----------------------------------------------------------
    def _create_case(self, partner=None, user=None, **values):
        vals = {
            "name": "Printer is dark",
            "description": "<p>It prints nothing.</p>",
            "partner_id": (partner or self.persian_customer).id,
            "type_id": self.type_general.id,
            "channel_id": self.channel_phone.id,
            **values,
        }
        return self.env["crm.case"].with_user(user or self.operator).create(vals)

    def _run_case_cron(self):
        self.env["crm.case"].sudo()._cron_send_customer_messages()

    def _run_sms_queue(self):
        self.env["sms.sms"].sudo()._process_queue()

    def _deliver(self):
        """What the crons do after a registration: post, then send."""
        self._run_case_cron()
        self._run_sms_queue()

    def _case_sms(self, case):
        return (
            self.env["sms.sms"]
            .sudo()
            .search(
                [
                    ("mail_message_id.model", "=", "crm.case"),
                    ("mail_message_id.res_id", "=", case.id),
                ]
            )
        )

    def _sms_messages(self, case):
        return case.message_ids.filtered(lambda m: m.message_type == "sms")

    def _notes(self, case):
        """Notes posted after the creation message (which is a note too)."""
        note = self.env.ref("mail.mt_note")
        return case.message_ids[:-1].filtered(
            lambda m: m.subtype_id == note and m.message_type != "sms"
        )

    def _make_due(self, sms):
        """Let a waiting text's next attempt come now."""
        sms.kavenegar_next_try = fields.Datetime.now() - timedelta(seconds=1)
