# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import random
import re

from odoo.tests import BaseCase

from ..tools.case_number import (
    child_case_number,
    format_case_number,
    normalize_case_number,
    random_digits,
)


class TestCaseNumberTools(BaseCase):
    def test_code_is_prefix_serial_and_random_part(self):
        code = format_case_number("CS-", "00042", 4, random.Random(7))
        self.assertRegex(code, r"^CS-00042-\d{4}$")

    def test_same_seed_gives_same_code(self):
        first = format_case_number("CS-", "00001", 6, random.Random(3))
        second = format_case_number("CS-", "00001", 6, random.Random(3))
        self.assertEqual(first, second)

    def test_random_part_varies(self):
        rng = random.Random(11)
        codes = {format_case_number("A", "1", 6, rng) for _i in range(50)}
        self.assertGreater(len(codes), 45)

    def test_no_random_part_and_no_prefix(self):
        self.assertEqual(format_case_number("", "00007", 0, random.Random(1)), "00007")
        self.assertEqual(format_case_number(None, "7", 0, random.Random(1)), "7")

    def test_random_digits_are_digits_of_the_right_length(self):
        self.assertTrue(re.fullmatch(r"\d{12}", random_digits(12, random.Random(2))))
        self.assertEqual(random_digits(0, random.Random(2)), "")

    def test_bad_input_is_refused(self):
        with self.assertRaises(ValueError):
            random_digits(-1, random.Random(1))
        with self.assertRaises(ValueError):
            format_case_number("CS-", "", 4, random.Random(1))

    def test_typed_code_is_normalised(self):
        self.assertEqual(normalize_case_number(" cs-۰۰۰۴۲-۲۹۱۴ "), "CS-00042-2914")
        self.assertEqual(normalize_case_number("cs-٠٠١"), "CS-001")
        self.assertEqual(normalize_case_number(None), "")

    def test_follow_up_numbers_share_the_parent_code(self):
        self.assertEqual(child_case_number("CS-1-55", []), "CS-1-55/1")
        self.assertEqual(
            child_case_number("CS-1-55", ["CS-1-55/1", "CS-1-55/3", "CS-9/7"]),
            "CS-1-55/4",
        )
