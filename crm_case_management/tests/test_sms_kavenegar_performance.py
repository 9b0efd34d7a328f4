# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import tagged, users, warmup

from .sms_common import KavenegarCase
from .test_crm_case_performance import CREATE_QUERIES

# A type that texts automatically adds the cron trigger to a create; the text
# itself is posted and sent by the crons, outside the operator's request.
SMS_QUERIES = 1


@tagged("post_install", "-at_install")
class TestSmsPerformance(KavenegarCase):
    def _values(self, index):
        return {
            "name": f"Case {index}",
            "description": "<p>Perf</p>",
            "partner_id": self.persian_customer.id,
            "type_id": self.type_general.id,
            "user_id": self.agent.id,
            "urgency_id": self.normal.id,
            "channel_id": self.channel_phone.id,
        }

    def _measure(self, mode, budget):
        self.type_general.sudo().sms_on_register = mode
        Case = self.env["crm.case"]
        Case.create(self._values(0))  # the first case of the test fills caches
        self.env.flush_all()
        with self.assertQueryCount(case_operator=budget):
            case = Case.create(self._values(1))
            self.env.flush_all()
        return case

    @users("case_operator")
    @warmup
    def test_auto_registration_text_costs_one_query(self):
        case = self._measure("auto", CREATE_QUERIES + SMS_QUERIES)
        self.assertEqual(case.sms_register_state, "auto")

    @users("case_operator")
    @warmup
    def test_sms_off_costs_nothing(self):
        case = self._measure("off", CREATE_QUERIES)
        self.assertFalse(case.sms_register_state)
