# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import tagged, users, warmup

from .common import CaseCommon

# Queries to create one assigned case, measured: sequence, insert, due-date
# calendar, the customer's contracts for the clause proposal, routing rules,
# default queue and the assignee's personal queue, followers, the
# "assigned to you" mail and the assignee's activity with its mail. Most are
# Odoo's mail; none grows with the data.
CREATE_QUERIES = 54


@tagged("post_install", "-at_install")
class TestCasePerformance(CaseCommon):
    def _values(self, index):
        return {
            "name": f"Case {index}",
            "description": "<p>Perf</p>",
            "partner_id": self.customer.id,
            "user_id": self.agent.id,
            "urgency_id": self.normal.id,
            "channel_id": self.channel_phone.id,
        }

    def _bulk_cases(self, count):
        self.env["crm.case"].with_user(self.operator).create(
            [self._values(index) for index in range(count)]
        )
        self.env.flush_all()

    @users("case_operator")
    @warmup
    def test_create_query_count_is_flat(self):
        Case = self.env["crm.case"]
        Case.create(self._values(0))  # first case of the test fills caches
        self.env.flush_all()
        with self.assertQueryCount(case_operator=CREATE_QUERIES):
            Case.create(self._values(0))
            self.env.flush_all()
        self._bulk_cases(300)
        with self.assertQueryCount(case_operator=CREATE_QUERIES):
            Case.create(self._values(1))
            self.env.flush_all()

    @users("case_manager")
    @warmup
    def test_partner_counts_take_the_same_queries_for_1_and_50(self):
        partners = (
            self.env["res.partner"]
            .sudo()
            .create([{"name": f"Customer {index}"} for index in range(50)])
        )
        self.env["crm.case"].create(
            [
                dict(self._values(index), partner_id=partner.id)
                for index, partner in enumerate(partners)
            ]
        )
        # contact tree, cases grouped by partner, ratings grouped by partner,
        # and the partners' parents
        self.env.invalidate_all()
        with self.assertQueryCount(case_manager=4):
            partners[:1].mapped("case_count")
        self.env.invalidate_all()
        with self.assertQueryCount(case_manager=4):
            partners.mapped("case_count")
