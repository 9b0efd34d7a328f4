# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The Kavenegar client and mobile numbers, without a database."""

import socket

from odoo.tests import BaseCase
from odoo.tests.common import _super_send

from ..tools.kavenegar_client import (
    KavenegarClient,
    KavenegarError,
    KavenegarTransportError,
)
from ..tools.phone import iranian_mobile
from .kavenegar_fake import FakeKavenegar

KEY = "SECRET-KEY-0123"

# How customers and operators type Iranian mobiles, and what is no mobile.
MOBILE_TABLE = [
    ("09121234567", "09121234567"),
    ("9121234567", "09121234567"),
    ("+989121234567", "09121234567"),
    ("+98 912 123 4567", "09121234567"),
    ("0098 912 123 4567", "09121234567"),
    ("00989121234567", "09121234567"),
    ("0912-123-4567", "09121234567"),
    ("(0912) 123 4567", "09121234567"),
    ("۰۹۱۲۱۲۳۴۵۶۷", "09121234567"),
    ("٠٩١٢١٢٣٤٥٦٧", "09121234567"),
    ("+۹۸ ۹۳۵ ۷۶۵ ۴۳۲۱", "09357654321"),
    ("09901234567", "09901234567"),
    ("021 8877 6655", None),  # Tehran landline
    ("+982188776655", None),
    ("+1 650 253 0000", None),  # foreign
    ("0912123456", None),  # a digit short
    ("091212345678", None),  # a digit long
    ("1000", None),  # short code
    ("abc", None),
    ("", None),
    (False, None),
]


class TestMobileNumbers(BaseCase):
    def test_normalisation_table(self):
        for typed, expected in MOBILE_TABLE:
            with self.subTest(typed=typed):
                self.assertEqual(iranian_mobile(typed), expected)


class TestKavenegarClient(BaseCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.fake = FakeKavenegar().start()
        cls.addClassCleanup(cls.fake.stop)

    @classmethod
    def _request_handler(cls, session, request, /, **kw):
        if request.url.startswith(cls.fake.url):  # keep the client's timeout
            return _super_send(session, request, **kw)
        return super()._request_handler(session, request, **kw)

    def setUp(self):
        super().setUp()
        self.fake.reset()
        self.client = KavenegarClient(KEY, base_url=self.fake.url, timeout=0.5)

    def test_send_over_plain_http_to_the_configured_url(self):
        [entry] = self.client.sms_send(
            {"receptor": "09121234567", "message": "سلام", "localid": 7}
        )
        self.assertEqual(entry["receptor"], "09121234567")
        [(key, scope, method, params)] = self.fake.requests
        self.assertEqual((key, scope, method), (KEY, "sms", "send"))
        self.assertEqual(params["message"], "سلام")

    def test_refusal_has_a_numeric_status(self):
        self.fake.script.append(418)
        with self.assertRaises(KavenegarError) as caught:
            self.client.sms_send({"receptor": "09121234567", "message": "x"})
        self.assertEqual(caught.exception.status, 418)
        self.assertFalse(caught.exception.retryable)
        self.assertIn("اعتبار", caught.exception.message)

    def test_busy_and_rate_limit_are_retryable(self):
        for status in (409, 451, 500):
            self.fake.script.append(status)
            with self.assertRaises(KavenegarError) as caught:
                self.client.account_info()
            self.assertEqual(caught.exception.status, status)
            self.assertTrue(caught.exception.retryable)

    def test_not_json_is_a_retryable_transport_error(self):
        self.fake.script.append("nonjson")
        with self.assertRaises(KavenegarTransportError) as caught:
            self.client.account_info()
        self.assertEqual(caught.exception.status, 502)
        self.assertTrue(caught.exception.retryable)

    def test_stall_times_out_without_the_key(self):
        self.fake.script.append("stall")
        with self.assertRaises(KavenegarTransportError) as caught:
            self.client.sms_send({"receptor": "09121234567", "message": "x"})
        self.assertIsNone(caught.exception.status)
        self.assertTrue(caught.exception.retryable)
        self.assertFalse(caught.exception.answered)
        self.assertNotIn(KEY, str(caught.exception))
        self.assertNotIn(KEY, repr(caught.exception))
        self.assertEqual(len(self.fake.texts), 1, "the server had sent it")

    def test_refused_connection_hides_the_key(self):
        with socket.socket() as sock:  # a port nobody listens on
            sock.bind(("127.0.0.1", 0))
            port = sock.getsockname()[1]
        client = KavenegarClient(KEY, base_url=f"http://127.0.0.1:{port}/v1")
        with self.assertRaises(KavenegarTransportError) as caught:
            client.account_info()
        self.assertIn("***", str(caught.exception))
        self.assertNotIn(KEY, str(caught.exception))
        self.assertNotIn(KEY, repr(client))
        self.assertNotIn(KEY, str(client))
