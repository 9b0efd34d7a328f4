# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Phone numbers and webhook signatures, without a database."""

import doctest

from odoo.tests import BaseCase

from ..tools import pbx_signature, phone


class TestTelephonyTools(BaseCase):
    def test_iranian_forms_of_one_mobile_number_match(self):
        forms = [
            "09121234567",
            "+989121234567",
            "00989121234567",
            "9121234567",
            "۰۹۱۲۱۲۳۴۵۶۷",
            "٠٩١٢١٢٣٤٥٦٧",
            "+98 (912) 123-4567",
            "0912 123 4567",
        ]
        for form in forms:
            with self.subTest(form=form):
                self.assertEqual(phone.to_e164(form), "+989121234567")
                self.assertEqual(phone.national_number(form), "9121234567")

    def test_landlines_and_foreign_numbers(self):
        self.assertEqual(phone.to_e164("021-8800-1234"), "+982188001234")
        self.assertEqual(phone.to_e164("+44 20 7946 0958"), "+442079460958")
        self.assertEqual(phone.to_e164("0044 20 7946 0958"), "+442079460958")
        # Read in another country, the national form means another number.
        self.assertEqual(phone.to_e164("020 7946 0958", "GB"), "+442079460958")

    def test_what_is_not_a_customer_number(self):
        for value in ("", None, "abc", "12", "101"):
            with self.subTest(value=value):
                self.assertIsNone(phone.to_e164(value))
        self.assertTrue(phone.is_extension("۱۰۱"))
        self.assertFalse(phone.is_extension("09121234567"))

    def test_signature_needs_the_secret_and_the_exact_body(self):
        body = b'{"event": "ringing", "call_ref": "1.1"}'
        good = pbx_signature.sign("secret", body)
        self.assertTrue(pbx_signature.verify("secret", body, good))
        self.assertTrue(pbx_signature.verify("secret", body, good.upper()))
        self.assertFalse(pbx_signature.verify("secret", body + b" ", good))
        self.assertFalse(pbx_signature.verify("other", body, good))
        self.assertFalse(pbx_signature.verify("secret", body, ""))
        self.assertFalse(pbx_signature.verify("", body, pbx_signature.sign("", body)))

    def test_docstring_examples_hold(self):
        for module in (phone, pbx_signature):
            with self.subTest(module=module.__name__):
                result = doctest.testmod(module)
                self.assertGreater(result.attempted, 0)
                self.assertEqual(result.failed, 0)
