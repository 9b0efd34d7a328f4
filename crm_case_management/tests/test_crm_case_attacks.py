# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Attacks an RPC client tried on the desk, and what stops each now."""

import datetime

from odoo import Command
from odoo.tests import new_test_user, tagged

from .common import CaseRpcCommon, RpcError


@tagged("post_install", "-at_install")
class TestCaseAttacks(CaseRpcCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.support = cls.env["project.project"].create(
            {"name": "Helpdesk", "allow_timesheets": True}
        )
        cls.company.case_project_id = cls.support
        # An internal user who logs hours but does not work the desk.
        cls.outsider = new_test_user(
            cls.env,
            "timesheet_only",
            name="Timesheet only",
            groups="base.group_user,hr_timesheet.group_hr_timesheet_user",
        )
        for user in (cls.agent, cls.other_agent, cls.outsider, cls.operator):
            cls.env["hr.employee"].create({"name": user.name, "user_id": user.id})
        contract = cls.env["crm.case.contract"].create(
            {
                "name": "Support",
                "partner_id": cls.other_customer.id,
                "date_start": datetime.date(2020, 1, 1),
                "line_ids": [
                    Command.create(
                        {
                            "name": "10 hours",
                            "allotment_type": "hours",
                            "allotted": 10,
                            "on_exhaustion": "overage",
                        }
                    )
                ],
            }
        )
        contract.action_activate()
        cls.clause = contract.line_ids
        # A case of another agent, on the customer's hours clause.
        cls.secret = cls._create_case(
            user=cls.other_agent,
            name="Secret",
            partner_id=cls.other_customer.id,
            user_id=cls.other_agent.id,
            contract_id=contract.id,
            contract_line_id=cls.clause.id,
        )

    def _log(self, user, case, hours):
        return self.json2(
            user,
            "account.analytic.line",
            "create",
            vals_list=[
                {
                    "name": "work",
                    "case_id": case.id,
                    "project_id": self.support.id,
                    "unit_amount": hours,
                }
            ],
        )

    def assertRefused(self, call, message=None):
        with self.assertRaises(RpcError) as caught:
            call()
        if message:
            self.assertIn(message, caught.exception.message)
        self.env.invalidate_all()
        return caught.exception

    def test_no_hours_on_a_case_the_user_cannot_read(self):
        # Handling another case of the customer makes its clause readable.
        self._create_case(
            user=self.operator, user_id=self.agent.id, partner_id=self.other_customer.id
        )
        self.assertFalse(self.secret.with_user(self.agent)._filtered_access("read"))
        for user in (self.agent, self.outsider):
            self.assertRefused(lambda user=user: self._log(user, self.secret, 25))
        self.assertEqual((self.clause.consumed, self.clause.overage), (0.0, 0.0))
        self.assertEqual(self.secret.total_hours, 0.0)

    def test_refusing_hours_on_a_closed_case_names_no_code(self):
        case = self._create_case(
            user=self.other_agent,
            partner_id=self.other_customer.id,
            user_id=self.other_agent.id,
            contract_id=False,
            contract_line_id=False,
            resolution="<p>Done.</p>",
        )
        case.with_user(self.other_agent).action_done()
        case.with_user(self.other_agent).action_approve()
        error = self.assertRefused(lambda: self._log(self.outsider, case, 1))
        self.assertNotIn(case.number, error.message)

    def test_an_assignee_does_not_become_their_own_approver(self):
        own_queue = self.env["crm.case.queue"].create(
            {"name": "Agent's team", "user_id": self.agent.id}
        )
        ops = self.env["crm.case.queue"].create(
            {"name": "Ops", "user_id": self.manager.id}
        )
        # Opened by the system, as the mail gateway does.
        case = (
            self.env["crm.case"]
            .sudo()
            .create(
                {
                    "name": "From mail",
                    "description": "<p>Printer offline.</p>",
                    "partner_id": self.customer.id,
                    "queue_id": ops.id,
                    "user_id": self.agent.id,
                }
            )
        )
        self.json2(
            self.agent,
            "crm.case",
            "write",
            ids=case.ids,
            vals={"queue_id": own_queue.id, "resolution": "<p>Restarted.</p>"},
        )
        self.json2(self.agent, "crm.case", "action_done", ids=case.ids)
        self.assertRefused(
            lambda: self.json2(self.agent, "crm.case", "action_approve", ids=case.ids)
        )
        self.assertEqual(case.state, "done")

    def test_the_process_order_cannot_be_skipped(self):
        fix = self.env.ref("crm_case_management.crm_case_stage_complaint_fix_experts")
        case = self._create_case(user_id=self.agent.id, type_id=self.type_complaint.id)
        review = case.stage_id
        for vals in (
            {"type_id": self.type_complaint.id, "stage_id": fix.id},
            {"stage_id": False},
        ):
            self.assertRefused(
                lambda vals=vals: self.json2(
                    self.agent, "crm.case", "write", ids=case.ids, vals=vals
                )
            )
        self.assertEqual(case.stage_id, review)

    def test_an_assignee_cannot_close_a_case_by_merging_it(self):
        first = self._create_case(user_id=self.agent.id, name="Printer broken")
        second = self._create_case(user_id=self.agent.id, name="Printer broken again")

        def merge(user):
            wizard = self.json2(
                user,
                "crm.case.merge",
                "create",
                vals_list=[
                    {
                        "case_ids": [Command.set([first.id, second.id])],
                        "keep_id": second.id,
                    }
                ],
            )
            return self.json2(user, "crm.case.merge", "action_merge", ids=wizard)

        self.assertRefused(
            lambda: merge(self.agent), message="only its creator or a manager"
        )
        self.assertEqual(first.state, "open")
        merge(self.operator)  # the creator may
        self.env.invalidate_all()
        self.assertEqual((first.state, first.merged_into_id), ("closed", second))

    def test_bookkeeping_of_the_system_is_not_written_by_clients(self):
        case = self._create_case(user_id=self.agent.id, resolution="<p>Done.</p>")
        case.with_user(self.agent).action_done()
        case.with_user(self.operator).action_approve()
        token = case.access_token
        for vals in (
            {"rating_last_value": 5},
            {"access_token": "chosen"},
            {"unseen_user_ids": [Command.link(self.manager.id)]},
        ):
            self.assertRefused(
                lambda vals=vals: self.json2(
                    self.agent, "crm.case", "write", ids=case.ids, vals=vals
                ),
                message="set by the system",
            )
        self.assertEqual((case.rating_last_value, case.access_token), (0.0, token))
        self.assertNotIn(self.manager, case.unseen_user_ids)
