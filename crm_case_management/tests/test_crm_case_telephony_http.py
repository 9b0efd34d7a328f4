# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The PBX over HTTP: the signed webhook and JSON-2 with an API key."""

import json
import time

from odoo.tests import new_test_user

from ..tools.pbx_signature import sign
from .common import CaseRpcCommon, RpcError

URL = "/crm_case/telephony/event"
SECRET = "pbx-shared-secret"


class TestTelephonyWebhook(CaseRpcCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["ir.config_parameter"].sudo().set_param(
            "crm_case_management.telephony_secret", SECRET
        )
        # The system-wide secret: the company has none of its own (the
        # demo data gives the main company one).
        cls.company.case_telephony_secret = False
        cls.agent.phone_extension = "7101"
        cls.customer_contact.phone = "0912 555 7788"
        cls.bridge = new_test_user(
            cls.env,
            "case_pbx",
            groups="crm_case_management.group_crm_case_telephony",
            name="PBX",
        )

    def post(self, payload, secret=SECRET, signature=None):
        body = json.dumps(payload).encode()
        headers = {"Content-Type": "application/json"}
        if secret is not None:
            headers["X-Case-Signature"] = signature or sign(secret, body)
        return self.url_open(URL, data=body, headers=headers)

    def payload(self, event, call_ref="w1", **extra):
        return {
            "event": event,
            "call_ref": call_ref,
            "number": "+98 912 555 7788",
            "extension": "7101",
            "direction": "in",
            "timestamp": int(time.time()),
            **extra,
        }

    def calls(self, call_ref):
        return self.env["crm.case.call"].search([("call_ref", "=", call_ref)])

    def test_signed_events_log_the_call(self):
        response = self.post(self.payload("ringing"))
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.json()["state"], "ringing")
        self.assertEqual(
            self.post(self.payload("answered")).json()["state"], "answered"
        )
        self.assertEqual(
            self.post(self.payload("hangup", duration=42)).json()["state"], "done"
        )
        call = self.calls("w1")
        self.assertEqual(call.partner_id, self.customer_contact)
        self.assertEqual(call.user_id, self.agent)
        self.assertEqual(call.duration, 42)

    def test_unsigned_or_wrongly_signed_events_are_refused(self):
        self.assertEqual(
            self.post(self.payload("ringing"), secret=None).status_code, 401
        )
        self.assertEqual(
            self.post(self.payload("ringing"), secret="guessed").status_code, 401
        )
        self.assertEqual(
            self.post(self.payload("ringing"), signature="00" * 32).status_code, 401
        )
        self.assertFalse(self.calls("w1"))

    def test_replayed_old_event_is_refused(self):
        old = self.payload("ringing", timestamp=int(time.time()) - 3600)
        self.assertEqual(self.post(old).status_code, 401)
        self.assertFalse(self.calls("w1"))

    def test_no_secret_configured_refuses_everything(self):
        self.env["ir.config_parameter"].sudo().set_param(
            "crm_case_management.telephony_secret", ""
        )
        self.assertEqual(self.post(self.payload("ringing"), secret="").status_code, 401)

    def test_bad_event_is_a_bad_request(self):
        self.assertEqual(self.post(self.payload("dancing")).status_code, 400)
        self.assertEqual(self.post(self.payload("ringing", number="")).status_code, 400)

    def test_events_repeated_and_out_of_order(self):
        now = int(time.time())
        hangup = self.payload("hangup", timestamp=now, duration=30)
        self.assertFalse(self.post(hangup).json()["duplicate"])
        self.assertTrue(self.post(hangup).json()["duplicate"])
        self.post(self.payload("ringing", timestamp=now - 40))
        result = self.post(self.payload("answered", timestamp=now - 30)).json()
        self.assertEqual(result["state"], "done")
        call = self.calls("w1")
        self.assertEqual(len(call), 1)
        self.assertEqual(call.duration, 30)


class TestOpenFromCallJson2(CaseRpcCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.agent.phone_extension = "7101"
        cls.customer_contact.phone = "09125557788"
        cls.bridge = new_test_user(
            cls.env,
            "case_pbx",
            groups="crm_case_management.group_crm_case_telephony",
            name="PBX",
        )

    def test_bridge_opens_the_agents_case_with_an_api_key(self):
        case_id = self.json2(
            self.bridge,
            "crm.case",
            "open_from_call",
            phone="۰۹۱۲۵۵۵۷۷۸۸",
            call_ref="j1",
            extension="7101",
        )
        case = self.env["crm.case"].browse(case_id)
        self.assertEqual(case.create_uid, self.agent)
        self.assertEqual(case.user_id, self.agent)
        self.assertEqual(case.partner_id, self.customer_contact)
        self.assertEqual(case.channel_id, self.channel_phone)
        again = self.json2(
            self.bridge,
            "crm.case",
            "open_from_call",
            phone="09125557788",
            call_ref="j1",
            extension="7101",
        )
        self.assertEqual(again, case_id)

    def test_without_an_api_key_nothing_happens(self):
        response = self.url_open(
            "/json/2/crm.case/open_from_call",
            data=json.dumps({"phone": "09125557788", "call_ref": "j2"}),
            headers={"Content-Type": "application/json"},
        )
        self.assertEqual(response.status_code, 401)
        self.assertFalse(self.env["crm.case.call"].search([("call_ref", "=", "j2")]))

    def test_an_agent_cannot_open_cases_for_another(self):
        with self.assertRaises(RpcError) as caught:
            self.json2(
                self.other_agent,
                "crm.case",
                "open_from_call",
                phone="09125557788",
                call_ref="j3",
                extension="7101",
            )
        self.assertEqual(caught.exception.name, "odoo.exceptions.AccessError")

    def test_an_agent_cannot_take_over_a_colleagues_call(self):
        case_id = self.json2(
            self.bridge,
            "crm.case",
            "open_from_call",
            phone="09125557788",
            call_ref="j4",
            extension="7101",
        )
        with self.assertRaises(RpcError) as caught:
            self.json2(
                self.other_agent,
                "crm.case",
                "open_from_call",
                phone="09125557788",
                call_ref="j4",
            )
        self.assertEqual(caught.exception.name, "odoo.exceptions.AccessError")
        self.assertNotIn(str(case_id), caught.exception.message)
        call = self.env["crm.case.call"].search([("call_ref", "=", "j4")])
        self.assertEqual(call.user_id, self.agent)
