# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The customer history screen (L1): what it lists, for whom, at what cost."""

from odoo.tests import HttpCase, new_test_user, tagged, users, warmup

from .common import CaseCommon, CaseRpcCommon, RpcError

# Reading the whole history screen of a customer: the partner, the case
# counters (contact tree, cases grouped, ratings), the cases, calls, files
# and clauses (one search each) and the rows the lists show (one read per
# list and model). The same whatever the number of cases.
HISTORY_QUERIES = 27

HISTORY_SPEC = {
    "name": {},
    "phone": {},
    "case_open_count": {},
    "case_closed_count": {},
    "case_call_count": {},
    "case_attachment_count": {},
    "case_hours": {},
    "case_rating_avg": {},
    "case_balance_visible": {},
    "case_balance": {},
    "case_history_open_ids": {
        "fields": {
            "number": {},
            "name": {},
            "partner_id": {"fields": {"display_name": {}}},
            "stage_id": {"fields": {"display_name": {}}},
            "user_id": {"fields": {"display_name": {}}},
            "date_request": {},
            "date_deadline": {},
            "total_hours": {},
            "state": {},
            "is_overdue": {},
        },
        "limit": 40,
    },
    "case_history_closed_ids": {
        "fields": {
            "number": {},
            "name": {},
            "date_closed": {},
            "total_hours": {},
            "rating_last_value": {},
        },
        "limit": 40,
    },
    "case_history_call_ids": {
        "fields": {
            "date_start": {},
            "phone": {},
            "case_id": {"fields": {"display_name": {}}},
            "duration": {},
            "state": {},
        },
        "limit": 40,
    },
    "case_history_attachment_ids": {
        "fields": {"name": {}, "res_name": {}, "create_date": {}},
        "limit": 40,
    },
    "case_contract_line_ids": {
        "fields": {
            "contract_id": {"fields": {"display_name": {}}},
            "name": {},
            "allotted": {},
            "consumed": {},
            "remaining": {},
        },
        "limit": 40,
    },
}


@tagged("post_install", "-at_install")
class TestCustomerHistory(CaseCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.solved = cls.env.ref("crm_case_management.crm_case_stage_solved")

    def _attach(self, case, name):
        return self.env["ir.attachment"].create(
            {"name": name, "res_model": "crm.case", "res_id": case.id, "raw": b"x"}
        )

    def _call(self, partner, user, **values):
        return self.env["crm.case.call"].create(
            {"phone": "09125557788", "partner_id": partner.id, "user_id": user.id}
            | values
        )

    def test_one_screen_with_everything_of_the_customer(self):
        open_case = self._create_case(partner_id=self.customer_contact.id)
        closed_case = self._create_case(user=self.manager)
        closed_case.stage_id = self.solved
        other = self._create_case(partner_id=self.other_customer.id)
        photo = self._attach(open_case, "photo.png")
        self._attach(other, "other.png")
        call = self._call(self.customer_contact, self.operator, case_id=open_case.id)
        self._call(self.other_customer, self.operator)
        contract = self.env["crm.case.contract"].create(
            {
                "name": "Gold",
                "partner_id": self.customer.id,
                "line_ids": [
                    (0, 0, {"name": "Hours", "allotment_type": "hours", "allotted": 10})
                ],
            }
        )
        contract.action_activate()

        # A contact's button opens the history of its company.
        action = self.customer_contact.with_user(
            self.manager
        ).action_view_case_history()
        self.assertEqual(action["res_id"], self.customer.id)
        history = self.customer.with_user(self.manager)
        self.assertEqual(history.case_history_open_ids, open_case)
        self.assertEqual(history.case_history_closed_ids, closed_case)
        self.assertEqual(history.case_history_call_ids, call)
        self.assertEqual(history.case_history_attachment_ids, photo)
        self.assertEqual(history.case_attachment_count, 1)
        self.assertEqual(history.case_contract_line_ids, contract.line_ids)
        self.assertEqual(history.case_contract_line_ids.remaining, 10)
        self.assertEqual((history.case_open_count, history.case_closed_count), (1, 1))

    def test_case_user_sees_what_record_rules_let_them_read(self):
        mine = self._create_case(user=self.operator)
        theirs = self._create_case(user=self.other_agent)
        self._attach(mine, "mine.pdf")
        self._attach(theirs, "theirs.pdf")
        my_call = self._call(self.customer_contact, self.operator)
        self._call(self.customer_contact, self.other_agent)

        history = self.customer.with_user(self.operator)
        self.assertEqual(history.case_history_open_ids, mine)
        self.assertEqual(history.case_history_call_ids, my_call)
        self.assertEqual(
            history.case_history_attachment_ids.mapped("name"), ["mine.pdf"]
        )
        self.assertEqual(history.case_open_count, 1)
        self.assertEqual(history.case_call_count, 1)
        manager_view = self.customer.with_user(self.manager)
        self.assertEqual(manager_view.case_history_open_ids, mine | theirs)
        self.assertEqual(manager_view.case_attachment_count, 2)
        # Read in the same transaction, each sees their own figures.
        self.assertEqual(manager_view.case_open_count, 2)
        self.assertEqual(manager_view.case_call_count, 2)
        self.assertEqual(history.case_call_count, 1)

    def test_no_invoicing_no_balance(self):
        if "credit" in self.env["res.partner"]._fields:
            self.skipTest("Invoicing is installed: see the balance test")
        history = self.customer.with_user(self.manager)
        self.assertFalse(history.case_balance_visible)
        self.assertEqual(history.case_balance, 0.0)

    def test_open_balance_from_invoicing(self):
        if "credit" not in self.env["res.partner"]._fields:
            self.skipTest("Invoicing (account) is not installed")
        product = self.env["product.product"].create(
            {"name": "Support visit", "list_price": 250.0, "taxes_id": False}
        )
        invoice = self.env["account.move"].create(
            {
                "move_type": "out_invoice",
                "partner_id": self.customer_contact.id,
                "invoice_line_ids": [
                    (
                        0,
                        0,
                        {
                            "product_id": product.id,
                            "price_unit": 250.0,
                            "tax_ids": False,
                        },
                    )
                ],
            }
        )
        invoice.action_post()
        accountant = self.manager
        accountant.group_ids += self.env.ref("account.group_account_invoice")
        history = self.customer.with_user(accountant)
        self.assertTrue(history.case_balance_visible)
        self.assertEqual(history.case_balance, 250.0)
        self.assertEqual(history.case_balance, self.customer.credit)
        # A case user who is no accountant does not see the figure.
        history = self.customer.with_user(self.operator)
        self.assertFalse(history.case_balance_visible)
        self.assertEqual(history.case_balance, 0.0)

    def _fill_history(self, count):
        cases = (
            self.env["crm.case"]
            .with_user(self.manager)
            .create(
                [
                    {
                        "name": f"Case {index}",
                        "description": "<p>History</p>",
                        "partner_id": self.customer_contact.id,
                        "user_id": self.agent.id,
                    }
                    for index in range(count)
                ]
            )
        )
        cases[: count // 2].write({"stage_id": self.solved.id})
        for case in cases:
            self._attach(case, f"file {case.id}")
            self._call(self.customer_contact, self.agent, case_id=case.id)
        # The chatter's tracking of these changes is written before the
        # commit: done now, so that it is not counted as the screen's work.
        self.env.flush_all()
        self.env.cr.precommit.run()
        self.env.invalidate_all()

    @users("case_manager")
    @warmup
    def test_history_query_count_is_flat(self):
        partner = self.env["res.partner"].browse(self.customer.id)
        self._fill_history(2)  # one open, one closed
        with self.assertQueryCount(case_manager=HISTORY_QUERIES):
            result = partner.web_read(HISTORY_SPEC)[0]
        self.assertEqual(len(result["case_history_open_ids"]), 1)
        self.assertEqual(len(result["case_history_closed_ids"]), 1)
        self._fill_history(38)
        with self.assertQueryCount(case_manager=HISTORY_QUERIES):
            result = partner.web_read(HISTORY_SPEC)[0]
        self.assertEqual(result["case_open_count"], 20)
        self.assertEqual(result["case_closed_count"], 20)
        self.assertEqual(result["case_attachment_count"], 40)
        self.assertEqual(len(result["case_history_call_ids"]), 40)


@tagged("post_install", "-at_install")
class TestCustomerHistoryBrowser(HttpCase, CaseCommon):
    def test_history_screen_in_the_web_client(self):
        # The tour reads English labels; a database may have only Persian.
        self.env["res.lang"]._activate_lang("en_US")
        self.operator.lang = "en_US"
        mine = self._create_case(name="Printer in the lobby")
        self._create_case(user=self.other_agent, name="Colleague's case")
        self.env["ir.attachment"].create(
            {
                "name": "lobby-photo.png",
                "res_model": "crm.case",
                "res_id": mine.id,
                "raw": b"x",
            }
        )
        self.start_tour(
            f"/odoo/action-base.action_partner_form/{self.customer_contact.id}",
            "crm_case_customer_history_tour",
            login=self.operator.login,
        )


@tagged("post_install", "-at_install")
class TestCustomerHistoryRpc(CaseRpcCommon):
    def test_history_over_json2_shows_only_readable_records(self):
        mine = self._create_case()
        self._create_case(user=self.other_agent)
        rows = self.json2(
            self.operator,
            "res.partner",
            "read",
            ids=[self.customer.id],
            fields=["case_history_open_ids", "case_open_count"],
        )
        self.assertEqual(rows[0]["case_history_open_ids"], mine.ids)
        self.assertEqual(rows[0]["case_open_count"], 1)

    def test_history_is_closed_to_people_outside_the_desk(self):
        self._create_case()
        employee = new_test_user(self.env, "plain_employee", groups="base.group_user")
        with self.assertRaises(RpcError) as caught:
            self.json2(
                employee,
                "res.partner",
                "read",
                ids=[self.customer.id],
                fields=["case_history_open_ids"],
            )
        self.assertEqual(caught.exception.name, "odoo.exceptions.AccessError")
