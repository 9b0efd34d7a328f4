# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import datetime

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import CaseCommon


@tagged("post_install", "-at_install")
class TestCaseContract(CaseCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.email = cls.env.ref("crm_case_management.crm_case_channel_email")
        cls.website = cls.env.ref("crm_case_management.crm_case_channel_website")
        cls.support = cls.env["project.project"].create(
            {"name": "Helpdesk", "allow_timesheets": True}
        )
        cls.company.case_project_id = cls.support
        cls.employee_agent = cls.env["hr.employee"].create(
            {"name": "Agent", "user_id": cls.agent.id}
        )
        cls.contract = cls.env["crm.case.contract"].create(
            {
                "name": "Support 1405",
                "partner_id": cls.customer.id,
                "date_start": datetime.date(2026, 1, 1),
                "date_end": datetime.date(2026, 12, 31),
                "user_id": cls.manager.id,
                "line_ids": [
                    Command.create(
                        {
                            "name": "20 cases by phone and e-mail",
                            "allotment_type": "cases",
                            "allotted": 20,
                            "channel_ids": [
                                (6, 0, (cls.channel_phone | cls.email).ids)
                            ],
                        }
                    ),
                    Command.create(
                        {
                            "name": "40 hours on site",
                            "allotment_type": "hours",
                            "allotted": 40,
                            "warning_threshold": 5,
                        }
                    ),
                ],
            }
        )
        cls.contract.action_activate()
        cls.cases_clause, cls.hours_clause = cls.contract.line_ids

    def _case(self, clause=None, **values):
        clause = clause or self.cases_clause
        defaults = {
            "user_id": self.agent.id,
            "channel_id": self.channel_phone.id,
            "contract_id": clause.contract_id.id,
            "contract_line_id": clause.id,
            "date_request": datetime.datetime(2026, 6, 1, 8),
        }
        return self._create_case(**{**defaults, **values})

    def _solve(self, case):
        case.with_user(self.agent).resolution = "<p>Solved.</p>"
        case.with_user(self.agent).action_done()
        case.with_user(case.create_uid).action_approve()

    def test_closing_a_case_consumes_one(self):
        case = self._case()
        self.assertEqual(self.cases_clause.consumed, 0)
        self._solve(case)
        self.assertEqual(self.cases_clause.consumed, 1)
        self.assertEqual(self.cases_clause.remaining, 19)
        move = self.cases_clause.move_ids
        self.assertEqual((move.case_id, move.quantity), (case, 1.0))

    def test_rejection_consumes_nothing_and_reopening_gives_back(self):
        case = self._case()
        case.with_user(self.agent).resolution = "<p>Solved.</p>"
        case.with_user(self.agent).action_done()
        case.with_user(self.operator).action_reject("Not yet")
        self.assertEqual(self.cases_clause.consumed, 0)
        case.with_user(self.agent).action_done()
        case.with_user(self.operator).action_approve()
        self.assertEqual(self.cases_clause.consumed, 1)
        solved = self.env.ref("crm_case_management.crm_case_stage_solved")
        solved.next_stage_ids = self.env.ref("crm_case_management.crm_case_stage_new")
        case.with_user(self.manager).stage_id = solved.next_stage_ids
        self.assertEqual(self.cases_clause.consumed, 0)
        self.assertEqual(self.cases_clause.move_ids.mapped("quantity"), [-1.0, 1.0])

    def test_cancelled_case_consumes_nothing(self):
        case = self._case()
        case.with_user(self.manager).stage_id = self.env.ref(
            "crm_case_management.crm_case_stage_cancelled"
        )
        self.assertEqual(case.state, "closed")
        self.assertEqual(self.cases_clause.consumed, 0)

    def test_hours_are_deducted_and_given_back(self):
        case = self._case(clause=self.hours_clause)
        Line = self.env["account.analytic.line"].with_user(self.agent)
        first = Line.create({"case_id": case.id, "unit_amount": 3.0})
        Line.create({"case_id": case.id, "unit_amount": 1.5})
        self.assertEqual(self.hours_clause.consumed, 4.5)
        first.unit_amount = 2.0
        self.assertEqual(self.hours_clause.consumed, 3.5)
        first.unlink()
        self.assertEqual(self.hours_clause.consumed, 1.5)
        self.assertEqual(self.hours_clause.remaining, 38.5)
        self.assertAlmostEqual(sum(self.hours_clause.move_ids.mapped("quantity")), 1.5)

    def test_exhausted_blocking_clause_refuses_new_cases(self):
        self.cases_clause.allotted = 1
        self._solve(self._case())
        self.assertEqual(self.cases_clause.remaining, 0)
        with self.assertRaisesRegex(UserError, "used up"):
            self._case()

    def test_overage_clause_lets_cases_through_and_records_it(self):
        self.hours_clause.write({"allotted": 2, "on_exhaustion": "overage"})
        case = self._case(clause=self.hours_clause)
        self.env["account.analytic.line"].with_user(self.agent).create(
            {"case_id": case.id, "unit_amount": 3.0}
        )
        self.assertEqual(
            (self.hours_clause.consumed, self.hours_clause.overage), (2.0, 1.0)
        )
        self.assertEqual(self.hours_clause.remaining, 0)
        self.assertTrue(case.contract_overage)
        later = self._case(clause=self.hours_clause)
        self.assertEqual(later.contract_line_id, self.hours_clause)

    def test_blocking_hours_clause_refuses_more_hours(self):
        self.hours_clause.allotted = 2
        case = self._case(clause=self.hours_clause)
        with self.assertRaisesRegex(UserError, "has only 2 left"):
            self.env["account.analytic.line"].with_user(self.agent).create(
                {"case_id": case.id, "unit_amount": 3.0}
            )
        self.assertEqual(self.hours_clause.consumed, 0)

    def test_clause_must_cover_the_channel(self):
        with self.assertRaisesRegex(ValidationError, "does not cover requests by"):
            self._case(channel_id=self.website.id)

    def test_clause_must_cover_product_and_type(self):
        product = self.env["product.product"].create({"name": "Printer X"})
        self.cases_clause.product_ids = product
        with self.assertRaisesRegex(ValidationError, "does not cover the product"):
            self._case()
        self.cases_clause.write(
            {"product_ids": [(5, 0, 0)], "type_ids": [(6, 0, self.type_complaint.ids)]}
        )
        with self.assertRaisesRegex(ValidationError, "does not cover cases of type"):
            self._case()

    def test_contract_needs_its_clause(self):
        with self.assertRaisesRegex(ValidationError, "Choose the clause"):
            self._create_case(
                channel_id=self.website.id,
                contract_id=self.contract.id,
                date_request=datetime.datetime(2026, 6, 1, 8),
            )

    def test_only_active_contracts_of_the_customer(self):
        draft = self.contract.copy({"name": "Draft one"})
        with self.assertRaisesRegex(ValidationError, "not active"):
            self._case(clause=draft.line_ids[0])
        with self.assertRaisesRegex(ValidationError, "not to this customer"):
            self._case(partner_id=self.other_customer.id)
        with self.assertRaisesRegex(ValidationError, "not active"):
            self._case(date_request=datetime.datetime(2027, 2, 1, 8))

    def test_the_only_matching_clause_is_proposed(self):
        case = self._create_case(
            channel_id=self.email.id, date_request=datetime.datetime(2026, 6, 1, 8)
        )
        # Phone/e-mail cases clause and the all-channels hours clause match.
        self.assertFalse(case.contract_line_id)
        self.hours_clause.channel_ids = self.channel_phone
        case = self._create_case(
            channel_id=self.email.id, date_request=datetime.datetime(2026, 6, 1, 8)
        )
        self.assertEqual(case.contract_line_id, self.cases_clause)
        self.assertEqual(case.contract_id, self.contract)
        contact_case = self._create_case(
            partner_id=self.customer_contact.id,
            channel_id=self.email.id,
            date_request=datetime.datetime(2026, 6, 1, 8),
        )
        self.assertEqual(contact_case.contract_line_id, self.cases_clause)

    def test_expiry_job(self):
        self.contract.date_end = datetime.date(2026, 3, 1)
        # The job's entry point commits; its work is tested in this transaction.
        expired = self.env["crm.case.contract"]._expire_ended()
        self.assertIn(self.contract, expired)
        self.assertEqual(self.contract.state, "expired")

    def test_renewal_copies_clauses_with_new_dates(self):
        action = self.contract.action_renew()
        renewal = self.env["crm.case.contract"].browse(action["res_id"])
        self.assertEqual(renewal.state, "draft")
        self.assertEqual(renewal.date_start, datetime.date(2027, 1, 1))
        self.assertEqual(renewal.date_end, datetime.date(2027, 12, 31))
        self.assertEqual(renewal.line_ids.mapped("allotted"), [20.0, 40.0])
        self.assertEqual(renewal.line_ids.mapped("consumed"), [0.0, 0.0])

    def test_low_balance_warns_the_responsible(self):
        case = self._case(clause=self.hours_clause)
        self.env["account.analytic.line"].with_user(self.agent).create(
            {"case_id": case.id, "unit_amount": 36.0}
        )
        activity = self.contract.activity_ids
        self.assertEqual(activity.user_id, self.manager)
        self.assertIn("40 hours on site", activity.summary)

    def test_partner_shows_active_clauses(self):
        self.assertEqual(
            self.customer_contact.case_contract_line_ids, self.contract.line_ids
        )
        self.contract.action_cancel()
        self.customer.invalidate_recordset()
        self.assertFalse(self.customer.case_contract_line_ids)

    def test_users_see_contracts_of_customers_they_handle(self):
        Contract = self.env["crm.case.contract"]
        self.assertFalse(Contract.with_user(self.agent).search([]))
        self._create_case(user_id=self.agent.id)
        self.assertEqual(Contract.with_user(self.agent).search([]), self.contract)
        self.assertFalse(Contract.with_user(self.other_agent).search([]))
        with self.assertRaises(AccessError):
            self.contract.with_user(self.agent).write({"name": "Mine now"})
        with self.assertRaises(AccessError):
            Contract.with_user(self.agent).create(
                {"name": "x", "partner_id": self.customer.id}
            )
        self.contract.with_user(self.manager).write({"name": "Support 1405 bis"})
        self.assertEqual(self.contract.name, "Support 1405 bis")
