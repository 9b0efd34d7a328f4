# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The search box finds cases however Persian text and digits are typed."""

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import CaseCommon


@tagged("post_install", "-at_install")
class TestPersianSearch(CaseCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Stored with the Arabic yeh and kaf, as some keyboards type them.
        cls.arabic_customer = cls.env["res.partner"].create(
            {"name": "شركت علي", "phone": "+98 912 123 4567"}
        )
        cls.case = cls._create_case(partner_id=cls.arabic_customer.id)
        cls.other = cls._create_case()

    def _search_box(self, text, field="name"):
        # What the search view's "Case" and "Tracking code" options send.
        domains = {
            "name": [
                "|", "|", ("name", "ilike", text), ("number", "ilike", text),
                ("case_search", "ilike", text),
            ],
            "number": ["|", ("number", "ilike", text), ("case_search", "ilike", text)],
        }  # fmt: skip
        return self.env["crm.case"].with_user(self.operator).search(domains[field])

    def test_tracking_code_in_persian_digits(self):
        serial = self.case.number.split("-")[1]  # e.g. 00042
        persian = serial.translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹"))
        arabic = serial.translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"))
        for typed in (persian, arabic, serial):
            self.assertEqual(self._search_box(typed, "number"), self.case, typed)
            self.assertEqual(self._search_box(typed), self.case, typed)

    def test_customer_name_with_persian_letters_finds_arabic_spelling(self):
        self.assertEqual(self._search_box("شرکت علی"), self.case)
        self.assertEqual(self._search_box("علی"), self.case)

    def test_phone_as_typed_on_a_persian_keyboard(self):
        for typed in ("۰۹۱۲۱۲۳۴۵۶۷", "9121234567", "+989121234567", "۰۹۱۲ ۱۲۳"):
            self.assertEqual(self._search_box(typed), self.case, typed)

    def test_renaming_the_customer_is_found_at_once(self):
        self.arabic_customer.name = "پارسیان"
        self.assertEqual(self._search_box("پارسيان"), self.case)
        self.assertFalse(self._search_box("علی"))

    def test_clients_cannot_write_the_lookup_text(self):
        with self.assertRaises(UserError):
            self.case.with_user(self.operator).write({"lookup_text": "x"})
