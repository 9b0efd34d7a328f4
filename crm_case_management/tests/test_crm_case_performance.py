# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import tagged, users, warmup

from .common import CaseCommon

# Query budgets of a case create, measured. Later features of the case
# (SLA, SMS, ...) must fit in what they add to these, and say so here.
#
# One assigned case, as the form creates it: the serial, the case type,
# the insert, the customer's contracts for the clause proposal, the
# description for its check, followers, the creation message, the
# assignee's activity with its notification, the unseen marker and the
# final update, plus the routing rules and the default and personal queues
# (a search each). The due-date calendar's working dates and the company's
# code settings (sequence, prefix, random digits) are kept in Odoo's cache
# between requests; the portal token goes into the insert itself, not into
# a write after it.
# None of these grows with the data. SLA (+4): the policy's calendar
# (attendances and holidays), the insert of the KPI lines with their
# deadlines and the cron's wake-up; the policies themselves are cached.
CREATE_QUERIES = 38
# One case from an e-mail: the same, plus finding the sender and the
# gateway's own work on the message and its attachment.
MAIL_QUERIES = 50
# A hundred cases in one create: look-ups, insert and checks are shared;
# each case still gets its serial, its assignee as follower and the
# activity with its notification (Odoo's mail, about 16 queries a case).
BATCH_100_QUERIES = 1722
# The agent's day: whether the assignee asked to be told at once of new
# work (one read of the user, shared by a batch); the bus message itself
# joins the transaction's one bus insert before the commit.
CREATE_QUERIES += 1
BATCH_100_QUERIES += 1


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

    @users("case_operator")
    @warmup
    def test_batch_create_is_batched(self):
        Case = self.env["crm.case"]
        Case.create([self._values(index) for index in range(2)])
        self.env.flush_all()
        with self.assertQueryCount(case_operator=BATCH_100_QUERIES):
            cases = Case.create([self._values(index) for index in range(100)])
            self.env.flush_all()
        self.assertEqual(len(set(cases.mapped("number"))), 100)
        self.assertEqual(set(cases.mapped("user_id")), {self.agent})

    @warmup
    def test_mail_gateway_create(self):
        Queue = self.env["crm.case.queue"]
        Queue.search([("is_default", "=", True)]).is_default = False
        queue = Queue.create({"name": "Mail desk", "is_default": True})

        def message(index):
            return (
                f"From: Ali Rezaei <ali{index}@parsian.example.com>\n"
                "To: support@example.com\n"
                f"Subject: Printer {index} is dark\n"
                f"Message-ID: <perf-{index}@mail.example.com>\n"
                "Content-Type: text/plain; charset=utf-8\n\nIt stays dark.\n"
            )

        MailThread = self.env["mail.thread"]
        MailThread.message_process("crm.case", message(0))
        self.env.flush_all()
        with self.assertQueryCount(MAIL_QUERIES):
            case_id = MailThread.message_process("crm.case", message(1))
            self.env.flush_all()
        case = self.env["crm.case"].browse(case_id)
        self.assertEqual(case.queue_id, queue)
        self.assertEqual(case.partner_id.email, "ali1@parsian.example.com")

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
