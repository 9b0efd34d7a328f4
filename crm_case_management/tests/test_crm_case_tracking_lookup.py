# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The tracking look-up does the same work whichever input is wrong."""

from .common import CaseCommon


class TestTrackingLookup(CaseCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.customer_contact.write(
            {"phone": "0912 345 6789", "email": "ali@parsian.ir"}
        )
        cls.case = cls._create_case(partner_id=cls.customer_contact.id)
        cls.other = cls._create_case(
            partner_id=cls.env["res.partner"]
            .create({"name": "Sara", "phone": "09350001122"})
            .id
        )

    def queries_of(self, code, contact):
        Case = self.env["crm.case"]
        Case._find_for_tracking("warm-up", "cache")  # company, region
        self.env.invalidate_all()
        before = self.env.cr.sql_log_count
        found = Case._find_for_tracking(code, contact)
        return found, self.env.cr.sql_log_count - before

    def test_same_queries_for_right_wrong_and_mixed_inputs(self):
        counts = {}
        for label, code, contact, expected in (
            ("right", self.case.number, "+98 912 345 6789", self.case),
            ("right e-mail", self.case.number, "Ali@Parsian.ir", self.case),
            ("wrong code", "CS-00000-0000", "09123456789", None),
            ("wrong phone", self.case.number, "09120000000", None),
            ("other's phone", self.case.number, "09350001122", None),
            ("other's code", self.other.number, "09123456789", None),
            ("garbage", None, ["x"], None),
        ):
            with self.subTest(label):
                found, counts[label] = self.queries_of(code, contact)
                self.assertEqual(found, expected or self.env["crm.case"])
        self.assertEqual(len(set(counts.values())), 1, counts)
