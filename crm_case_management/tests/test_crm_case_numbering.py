# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import re

from psycopg2.errors import CheckViolation, UniqueViolation

from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import CaseCommon


@tagged("post_install", "-at_install")
class TestCaseNumbering(CaseCommon):
    def _serial(self, case):
        return int(re.fullmatch(r"CS-(\d+)-\d{4}", case.number).group(1))

    def test_number_has_prefix_serial_and_random_part(self):
        case = self._create_case()
        self.assertRegex(case.number, r"^CS-\d{5}-\d{4}$")

    def test_serial_increases_by_one_per_case(self):
        first, second, third = (self._create_case() for _i in range(3))
        self.assertEqual(self._serial(second), self._serial(first) + 1)
        self.assertEqual(self._serial(third), self._serial(second) + 1)

    def test_prefix_and_random_length_come_from_settings(self):
        settings = self.env["res.config.settings"].create(
            {"case_number_prefix": "SR/", "case_number_random_digits": 6}
        )
        settings.execute()
        case = self._create_case()
        self.assertRegex(case.number, r"^SR/\d{5}-\d{6}$")
        self.company.case_number_random_digits = 0
        self.assertRegex(self._create_case().number, r"^SR/\d{5}$")

    def test_random_length_out_of_range_is_refused(self):
        with self.assertRaises(CheckViolation), mute_logger("odoo.sql_db"):
            self.company.case_number_random_digits = 40
            self.env.flush_all()

    def test_typed_code_is_kept_and_normalised(self):
        case = self._create_case(number=" job-۱۲۳ ")
        self.assertEqual(case.number, "JOB-123")

    def test_codes_are_unique(self):
        self._create_case(number="JOB-1")
        with self.assertRaises(UniqueViolation), mute_logger("odoo.sql_db"):
            self._create_case(number="job-1")
            self.env.flush_all()

    def test_case_is_found_by_its_code(self):
        case = self._create_case(name="Scanner offline")
        self._create_case(name="Other")
        Case = self.env["crm.case"].with_user(self.operator)
        self.assertEqual(Case.search([("number", "=", case.number)]), case)
        found = Case.name_search(case.number)
        self.assertEqual([row[0] for row in found], [case.id])
        self.assertIn(case.number, case.display_name)

    def test_follow_ups_share_the_parent_code(self):
        parent = self._create_case()
        first = self._create_case(parent_id=parent.id)
        second = self._create_case(parent_id=parent.id)
        self.assertEqual(first.number, f"{parent.number}/1")
        self.assertEqual(second.number, f"{parent.number}/2")
        self.assertEqual(parent.child_count, 2)

    def test_missing_sequence_gives_a_clear_error(self):
        self.env.ref("crm_case_management.seq_crm_case").unlink()
        with self.assertRaisesRegex(Exception, "sequence of case numbers"):
            self._create_case()

    def test_a_new_company_sequence_takes_over_at_once(self):
        self._create_case()  # the shared sequence numbers the company's cases
        self.env["ir.sequence"].create(
            {
                "name": "Cases of this company",
                "code": "crm.case",
                "company_id": self.company.id,
                "padding": 5,
                "number_next": 70000,
            }
        )
        self.assertEqual(self._serial(self._create_case()), 70000)
        self.assertEqual(self._serial(self._create_case()), 70001)
