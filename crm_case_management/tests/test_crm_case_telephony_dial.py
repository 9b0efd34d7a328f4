# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Click-to-call against a fake telephone system on 127.0.0.1.

The fake PBX checks the signature of each dial request as a real one
would, and can refuse, stall or be switched off.
"""

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from odoo.exceptions import AccessError, UserError

from ..models import crm_case_call_dial
from ..tools.pbx_signature import verify
from .common import CaseRpcCommon, RpcError
from .test_crm_case_telephony import TelephonyCommon

SECRET = "dial-secret"


class FakePbx:
    """An HTTP server that answers dial requests as told by ``mode``."""

    def __init__(self, secret):
        self.secret = secret
        self.mode = "ok"
        self.requests = []
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                signed = verify(
                    fake.secret, body, self.headers.get("X-Case-Signature", "")
                )
                fake.requests.append((json.loads(body), signed))
                if fake.mode == "stall":
                    # Longer than the dial timeout (Odoo's tests raise any
                    # request timeout to at least 10 seconds).
                    time.sleep(crm_case_call_dial.DIAL_TIMEOUT + 1)
                status = 200 if signed and fake.mode != "refuse" else 403
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.end_headers()
                self.wfile.write(b'{"ok": true}' if status == 200 else b"{}")

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/dial"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def stop(self):
        self.server.shutdown()
        self.server.server_close()


class TestClickToCall(TelephonyCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.pbx = FakePbx(SECRET)
        cls.addClassCleanup(cls.pbx.stop)
        cls.company.write(
            {"case_telephony_secret": SECRET, "case_click_to_call_url": cls.pbx.url}
        )
        cls.case = cls._create_case(
            user=cls.agent, user_id=cls.agent.id, partner_id=cls.customer_contact.id
        )

    def setUp(self):
        super().setUp()
        self.pbx.mode = "ok"
        self.pbx.requests.clear()

    def call_customer(self, user=None):
        return self.case.with_user(user or self.agent).action_call_customer()

    def test_the_pbx_is_asked_to_dial_with_a_signed_request(self):
        action = self.call_customer()
        self.assertEqual(action["params"]["type"], "success")
        self.assertIn("7101", action["params"]["message"])
        call = self.case.call_ids
        self.assertEqual(call.direction, "out")
        self.assertEqual(call.user_id, self.agent)
        self.assertEqual(call.state, "ringing")
        [(body, signed)] = self.pbx.requests
        self.assertTrue(signed)
        self.assertEqual(body["event"], "dial")
        self.assertEqual(body["extension"], "7101")
        self.assertEqual(body["number"], "0912 555 7788")
        self.assertEqual(body["call_ref"], call.call_ref)
        self.assertEqual(body["call_id"], call.id)

    def test_pbx_events_for_the_dialled_call_land_on_its_log_line(self):
        self.call_customer()
        call = self.case.call_ids
        self.event("answered", call.call_ref, number="09125557788", direction="out")
        self.event(
            "hangup", call.call_ref, number="09125557788", direction="out", duration=20
        )
        self.assertEqual(self.case.call_ids, call)
        self.assertEqual((call.state, call.duration), ("done", 20))

    def test_refused_call_is_logged_as_not_connected(self):
        self.pbx.mode = "refuse"
        action = self.call_customer()
        self.assertEqual(action["params"]["type"], "danger")
        self.assertIn("refused the call (HTTP 403)", action["params"]["message"])
        call = self.case.call_ids
        self.assertEqual(call.state, "missed")
        self.assertIn("Not connected", call.message_ids[0].body)
        # A refused outgoing call asks nobody to call back: the agent knows.
        self.assertFalse(call.activity_ids)

    def test_wrong_secret_is_refused_by_the_pbx(self):
        self.company.case_telephony_secret = "not-the-pbx-secret"
        action = self.call_customer()
        self.assertEqual(action["params"]["type"], "danger")
        self.assertFalse(self.pbx.requests[0][1])
        self.assertEqual(self.case.call_ids.state, "missed")

    def test_unreachable_pbx(self):
        switched_off = FakePbx(SECRET)
        switched_off.stop()
        self.company.case_click_to_call_url = switched_off.url
        action = self.call_customer()
        self.assertEqual(action["params"]["type"], "danger")
        self.assertIn("cannot be reached", action["params"]["message"])
        self.assertEqual(self.case.call_ids.state, "missed")

    def test_slow_pbx_times_out(self):
        self.pbx.mode = "stall"
        action = self.call_customer()
        self.assertIn("did not answer in time", action["params"]["message"])
        self.assertEqual(self.case.call_ids.state, "missed")

    def test_agent_without_extension_is_told_and_nothing_is_logged(self):
        self.agent.phone_extension = False
        with self.assertRaisesRegex(UserError, "Set your phone extension"):
            self.call_customer()
        self.assertFalse(self.case.call_ids)
        self.assertFalse(self.pbx.requests)

    def test_url_without_secret_is_a_configuration_error(self):
        self.company.case_telephony_secret = False
        with self.assertRaisesRegex(UserError, "without a telephony secret"):
            self.call_customer()
        self.assertFalse(self.case.call_ids)

    def test_without_url_the_browser_dials(self):
        self.company.case_click_to_call_url = False
        action = self.call_customer()
        self.assertEqual(action["url"], "tel:0912 555 7788")
        self.assertEqual(self.case.call_ids.direction, "out")
        self.assertFalse(self.pbx.requests)

    def test_system_parameters_serve_a_company_without_its_own(self):
        self.company.write(
            {"case_telephony_secret": False, "case_click_to_call_url": False}
        )
        params = self.env["ir.config_parameter"].sudo()
        params.set_param("crm_case_management.telephony_secret", SECRET)
        params.set_param("crm_case_management.click_to_call_url", self.pbx.url)
        action = self.call_customer()
        self.assertEqual(action["params"]["type"], "success")
        self.assertTrue(self.pbx.requests[0][1])

    def test_agents_and_case_managers_cannot_read_the_secrets(self):
        for user in (self.agent, self.manager):
            with self.assertRaises(AccessError):
                self.company.with_user(user).read(["case_telephony_secret"])
            with self.assertRaises(AccessError):
                self.company.with_user(user).read(["case_click_to_call_url"])


class TestTelephonyOverRpc(CaseRpcCommon):
    def test_secret_is_neither_readable_nor_writable_by_a_case_manager(self):
        self.company.case_telephony_secret = SECRET
        with self.assertRaises(RpcError) as caught:
            self.json2(
                self.manager,
                "res.company",
                "read",
                ids=[self.company.id],
                fields=["case_telephony_secret"],
            )
        self.assertEqual(caught.exception.name, "odoo.exceptions.AccessError")
        self.assertNotIn(SECRET, caught.exception.message)
        with self.assertRaises(RpcError):
            self.json2(
                self.manager,
                "res.company",
                "write",
                ids=[self.company.id],
                vals={"case_click_to_call_url": "http://attacker.example/dial"},
            )
        self.assertFalse(self.company.case_click_to_call_url)

    def test_customer_phone_on_the_case_is_not_writable(self):
        self.customer_contact.phone = "09125557788"
        case = self._create_case(
            user=self.agent, user_id=self.agent.id, partner_id=self.customer_contact.id
        )
        self.assertEqual(case.with_user(self.agent).partner_phone, "09125557788")
        with self.assertRaises(RpcError) as caught:
            self.json2(
                self.agent,
                "crm.case",
                "write",
                ids=case.ids,
                vals={"partner_phone": "09000000000"},
            )
        self.assertIn("set by the system", caught.exception.message)
        self.assertEqual(self.customer_contact.phone, "09125557788")
