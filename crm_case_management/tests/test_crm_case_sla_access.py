# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Who sees and changes SLA policies and KPIs, by ORM and over JSON-2."""

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .common import CaseRpcCommon, RpcError
from .sla_common import SlaCommon


@tagged("post_install", "-at_install")
class TestSlaAccess(SlaCommon):
    def test_a_user_sees_the_kpis_of_the_cases_they_work_only(self):
        case = self._sla_case()
        Line = self.env["crm.case.sla.line"]
        self.assertEqual(
            Line.with_user(self.agent).search([("case_id", "=", case.id)]),
            case.sla_line_ids,
        )
        self.assertEqual(
            Line.with_user(self.operator).search_count([("case_id", "=", case.id)]), 2
        )
        self.assertFalse(
            Line.with_user(self.other_agent).search([("case_id", "=", case.id)])
        )
        with self.assertRaises(AccessError):
            case.sla_line_ids.with_user(self.other_agent).read(["state"])
        self.assertEqual(
            Line.with_user(self.manager).search_count([("case_id", "=", case.id)]), 2
        )

    def test_kpis_are_written_by_the_system_only(self):
        case = self._sla_case()
        line = case.sla_line_ids[:1]
        for user in (self.agent, self.manager):
            with self.assertRaises(AccessError):
                line.with_user(user).write({"state": "met"})
            with self.assertRaises(AccessError):
                self.env["crm.case.sla.line"].with_user(user).create(
                    {
                        "case_id": case.id,
                        "policy_id": self.standard.id,
                        "kpi": "resolve",
                    }
                )
            with self.assertRaises(AccessError):
                line.with_user(user).unlink()
        self.assertEqual(line.state, "running")

    def test_only_managers_configure_policies_and_read_the_report(self):
        with self.assertRaises(AccessError):
            self.standard.with_user(self.agent).write({"resolve_hours": 100})
        self.assertEqual(self.standard.with_user(self.agent).resolve_hours, 16)
        self.standard.with_user(self.manager).write({"resolve_hours": 20})
        self.assertEqual(self.standard.resolve_hours, 20)
        with self.assertRaises(AccessError):
            self.env["crm.case.sla.report"].with_user(self.agent).search([])
        self.env["crm.case.sla.report"].with_user(self.manager).search([])

    def test_portal_users_see_no_kpis(self):
        portal = self.env["res.users"].create(
            {
                "name": "Ali portal",
                "login": "ali_portal_sla",
                "partner_id": self.customer_contact.id,
                "group_ids": [Command.set([self.env.ref("base.group_portal").id])],
            }
        )
        case = self._sla_case()
        with self.assertRaises(AccessError):
            self.env["crm.case.sla.line"].with_user(portal).search([])
        with self.assertRaises(AccessError):
            case.with_user(portal).read(["sla_state"])
        self.assertEqual(case.with_user(portal).name, case.name)

    def test_policies_of_another_company_neither_show_nor_apply(self):
        other_company = self.env["res.company"].create({"name": "Tabriz branch"})
        foreign = self.env["crm.case.sla.policy"].create(
            {
                "name": "Tabriz",
                "sequence": 1,
                "company_id": other_company.id,
                "first_response_hours": 1,
            }
        )
        Policy = self.env["crm.case.sla.policy"].with_user(self.manager)
        self.assertNotIn(foreign, Policy.search([]))
        case = self._sla_case()
        self.assertEqual(case.sla_policy_id, self.standard)


@tagged("post_install", "-at_install")
class TestSlaRpc(CaseRpcCommon, SlaCommon):
    def assertRefused(self, call, message=None):
        with self.assertRaises(RpcError) as caught:
            call()
        if message:
            self.assertIn(message, caught.exception.message)
        self.env.invalidate_all()
        return caught.exception

    def _vals(self, **values):
        return {
            "name": "Printer",
            "description": "<p>Dark</p>",
            "partner_id": self.customer.id,
            "user_id": self.agent.id,
            **values,
        }

    def test_clients_cannot_set_what_the_sla_records(self):
        forged = (
            {"sla_state": "met"},
            {"date_first_response": "2026-01-01 08:00:00"},
            {"sla_policy_id": self.standard.id},
            {"sla_policy_reason": "clause"},
            {"sla_deadline": "2030-01-01 08:00:00"},
            {
                "sla_line_ids": [
                    Command.create(
                        {
                            "policy_id": self.standard.id,
                            "kpi": "resolve",
                            "state": "met",
                        }
                    )
                ]
            },
        )
        for extra in forged:
            self.assertRefused(
                lambda extra=extra: self.json2(
                    self.operator, "crm.case", "create", vals_list=[self._vals(**extra)]
                ),
                "set by the system",
            )
        case = self._sla_case()
        for extra in forged:
            self.assertRefused(
                lambda extra=extra: self.json2(
                    self.agent, "crm.case", "write", ids=case.ids, vals=extra
                ),
                "set by the system",
            )
        self.assertFalse(case.date_first_response)
        self.assertEqual(len(case.sla_line_ids), 2)
        self.assertEqual(case.sla_state, "running")

    def test_clients_cannot_touch_kpi_lines_or_run_the_cron(self):
        case = self._sla_case()
        line = case.sla_line_ids[:1]
        self.assertRefused(
            lambda: self.json2(
                self.agent,
                "crm.case.sla.line",
                "write",
                ids=line.ids,
                vals={"state": "met"},
            )
        )
        self.assertRefused(
            lambda: self.json2(
                self.manager,
                "crm.case.sla.line",
                "create",
                vals_list=[
                    {
                        "case_id": case.id,
                        "policy_id": self.standard.id,
                        "kpi": "resolve",
                    }
                ],
            )
        )
        for method in ("_cron_process_due_lines", "_reach", "_process_due"):
            self.assertRefused(
                lambda method=method: self.json2(
                    self.manager, "crm.case.sla.line", method, ids=line.ids
                )
            )
        self.assertEqual(line.state, "running")

    def test_a_client_change_of_urgency_reevaluates(self):
        urgent_policy = self.env["crm.case.sla.policy"].create(
            {
                "name": "Urgent",
                "sequence": 5,
                "domain": f"[('urgency_id', '=', {self.urgent.id})]",
                "first_response_hours": 1,
                "resolve_hours": 4,
            }
        )
        case = self._sla_case(urgency_id=self.normal.id)
        self.json2(
            self.agent,
            "crm.case",
            "write",
            ids=case.ids,
            vals={"urgency_id": self.urgent.id},
        )
        self.env.invalidate_all()
        self.assertEqual(case.sla_policy_id, urgent_policy)
        self.assertEqual(set(case.sla_line_ids.mapped("target_hours")), {1.0, 4.0})

    def test_another_agent_cannot_read_kpis_over_rpc(self):
        case = self._sla_case()
        outsider = new_test_user(
            self.env,
            "sla_outsider",
            groups="crm_case_management.group_crm_case_user",
        )
        result = self.json2(
            outsider,
            "crm.case.sla.line",
            "search_read",
            domain=[("case_id", "=", case.id)],
            fields=["state"],
        )
        self.assertEqual(result, [])

    def test_escalation_over_rpc_checks_its_target(self):
        case = self._sla_case()
        portal = self.env["res.users"].create(
            {
                "name": "Ali portal",
                "login": "ali_portal_rpc",
                "partner_id": self.customer_contact.id,
                "group_ids": [Command.set([self.env.ref("base.group_portal").id])],
            }
        )
        for user_id in (portal.id, 999999):
            self.assertRefused(
                lambda user_id=user_id: self.json2(
                    self.agent,
                    "crm.case",
                    "action_escalate",
                    ids=case.ids,
                    target="user",
                    reason="Take it",
                    user_id=user_id,
                ),
                "internal user",
            )
        self.assertRefused(
            lambda: self.json2(
                self.other_agent,
                "crm.case",
                "action_escalate",
                ids=case.ids,
                target="user",
                reason="Mine",
                user_id=self.other_agent.id,
            )
        )
        self.assertEqual(case.user_id, self.agent)
        self.assertEqual(case.escalation_level, 0)
