# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A stage that asks for the customer's satisfaction before moving on."""

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import CaseCommon, CaseRpcCommon, RpcError


class SatisfactionMixin:
    @classmethod
    def _setup_complaint(cls):
        ref = cls.env.ref
        cls.fix_stage = ref("crm_case_management.crm_case_stage_complaint_fix_experts")
        cls.fix_stage.satisfaction_required = True
        cls.handled = ref("crm_case_management.crm_case_stage_complaint_handled")
        cls.complaint = cls._create_case(
            type_id=cls.type_complaint.id, user_id=cls.agent.id
        )
        cls.complaint.sudo().write(
            {
                "stage_id": ref(
                    "crm_case_management.crm_case_stage_complaint_decision"
                ).id
            }
        )
        cls.complaint.sudo().write({"stage_id": cls.fix_stage.id})
        cls.complaint.with_user(cls.agent).write({"resolution": "<p>Fixed.</p>"})

    def _finish(self):
        self.complaint.with_user(self.agent).action_done()
        self.complaint.with_user(self.operator).action_approve()


@tagged("post_install", "-at_install")
class TestCaseSatisfaction(SatisfactionMixin, CaseCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_complaint()

    def test_the_step_refuses_to_move_without_satisfaction(self):
        self.assertTrue(self.complaint.satisfaction_required)
        self.assertFalse(self.complaint.has_satisfaction)
        self.complaint.with_user(self.agent).action_done()
        with self.assertRaisesRegex(UserError, "satisfaction is known"):
            self.complaint.with_user(self.operator).action_approve()
        self.assertEqual(self.complaint.stage_id, self.fix_stage)
        self.assertEqual(self.complaint.state, "done")
        with self.assertRaisesRegex(UserError, "satisfaction is known"):
            self.complaint.with_user(self.manager).write({"stage_id": self.handled.id})

    def test_an_answer_recorded_from_a_call_lets_it_move_on(self):
        self.complaint.with_user(self.agent).action_record_satisfaction(
            5, self.customer_contact, "Happy with the new nurse."
        )
        self.assertTrue(self.complaint.has_satisfaction)
        rating = self.complaint.sudo().rating_ids
        self.assertEqual(rating.partner_id, self.customer_contact)  # who said it
        self.assertEqual(rating.create_uid, self.agent)  # who recorded it
        self.assertEqual((rating.rating, rating.consumed), (5, True))
        self.assertIn("Happy with the new nurse.", rating.message_id.body)
        self._finish()
        self.assertEqual(self.complaint.stage_id, self.handled)
        self.assertEqual(self.complaint.state, "closed")

    def test_a_rating_received_from_the_survey_lets_it_move_on(self):
        token = self.complaint.sudo()._rating_get_access_token()
        # as the public /rate controller applies it, after checking the token
        self.complaint.sudo().rating_apply(3, token=token, feedback="Okay.")
        self.assertTrue(self.complaint.has_satisfaction)
        self._finish()
        self.assertEqual(self.complaint.state, "closed")

    def test_bad_answers_are_refused_and_change_nothing(self):
        case = self.complaint.with_user(self.agent)
        with self.assertRaisesRegex(UserError, "satisfied, okay or dissatisfied"):
            case.action_record_satisfaction(0, self.customer_contact)
        with self.assertRaisesRegex(UserError, "Say who gave the answer"):
            case.action_record_satisfaction(5, self.other_customer)
        self.assertFalse(self.complaint.rating_ids)
        self.assertFalse(self.complaint.has_satisfaction)
        # who may not edit the case may not answer for its customer
        with self.assertRaises(UserError):
            self.complaint.with_user(self.other_agent).action_record_satisfaction(
                5, self.customer_contact
            )

    def test_the_wizard_records_who_said_it(self):
        wizard = (
            self.env["crm.case.satisfaction.record"]
            .with_user(self.agent)
            .create({"case_id": self.complaint.id, "rating": "1"})
        )
        self.assertEqual(wizard.partner_id, self.complaint.partner_id)
        wizard.partner_id = self.customer_contact
        wizard.action_record()
        rating = self.complaint.sudo().rating_ids
        self.assertEqual((rating.rating, rating.partner_id), (1, self.customer_contact))


@tagged("post_install", "-at_install")
class TestCaseSatisfactionRpc(SatisfactionMixin, CaseRpcCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_complaint()

    def test_agents_cannot_turn_off_the_step_or_skip_it(self):
        with self.assertRaises(RpcError):
            self.json2(
                self.agent,
                "crm.case.stage",
                "write",
                ids=[self.fix_stage.id],
                vals={"satisfaction_required": False},
            )
        with self.assertRaises(RpcError):
            self.json2(
                self.agent,
                "crm.case",
                "write",
                ids=[self.complaint.id],
                vals={"has_satisfaction": True},
            )
        self.json2(self.agent, "crm.case", "action_done", ids=[self.complaint.id])
        with self.assertRaises(RpcError):
            self.json2(
                self.operator, "crm.case", "action_approve", ids=[self.complaint.id]
            )
        self.json2(
            self.agent,
            "crm.case",
            "action_record_satisfaction",
            ids=[self.complaint.id],
            rating=5,
            partner=self.customer_contact.id,
            feedback="Fine now.",
        )
        self.json2(self.operator, "crm.case", "action_approve", ids=[self.complaint.id])
        self.assertEqual(self.complaint.state, "closed")

    def test_an_agent_cannot_answer_for_the_customer_over_rpc(self):
        self.json2(self.agent, "crm.case", "action_done", ids=[self.complaint.id])
        case_model = self.env["ir.model"]._get_id("crm.case")
        with self.assertRaises(RpcError):
            self.json2(
                self.agent,
                "rating.rating",
                "create",
                vals_list=[
                    {
                        "res_model_id": case_model,
                        "res_id": self.complaint.id,
                        "partner_id": self.customer_contact.id,
                        "rating": 5,
                        "consumed": True,
                    }
                ],
            )
        # A rating posted in the chatter is the agent's own, not the customer's.
        self.json2(
            self.agent,
            "crm.case",
            "message_post",
            ids=[self.complaint.id],
            body="Customer is happy",
            rating_value=5,
        )
        self.complaint.invalidate_recordset()
        self.assertTrue(self.complaint.sudo().rating_ids)
        self.assertFalse(self.complaint.has_satisfaction)
        with self.assertRaises(RpcError):
            self.json2(
                self.operator, "crm.case", "action_approve", ids=[self.complaint.id]
            )
        self.assertNotEqual(self.complaint.state, "closed")
