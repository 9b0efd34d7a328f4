# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Each company's telephone system signs with its own secret, and what it
says stays within its company."""

import json
import time

from odoo.modules.neutralize import get_neutralization_queries
from odoo.tests import new_test_user

from ..tools.pbx_signature import sign
from .common import CaseRpcCommon

SECRET_A = "secret-of-company-a"
SECRET_B = "secret-of-company-b"
SYSTEM_SECRET = "system-wide-secret"
INCOMING = "crm_case_management/incoming_call"


class TestTelephonyPerCompany(CaseRpcCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company_b = cls.env["res.company"].create({"name": "Tabriz Branch"})
        cls.company.case_telephony_secret = SECRET_A
        cls.company_b.case_telephony_secret = SECRET_B
        cls.env["ir.config_parameter"].sudo().set_param(
            "crm_case_management.telephony_secret", SYSTEM_SECRET
        )
        cls.agent.phone_extension = "7101"
        cls.customer_contact.phone = "09125557788"
        cls.agent_b = new_test_user(
            cls.env,
            "case_agent_b",
            groups="crm_case_management.group_crm_case_user",
            name="Agent B",
            company_id=cls.company_b.id,
            company_ids=[cls.company_b.id],
            phone_extension="7201",
        )

    def post(self, company, secret, **payload):
        body = json.dumps(
            {
                "event": "ringing",
                "call_ref": "1764000000.1",
                "number": "09125557788",
                "extension": "7101",
                "timestamp": int(time.time()),
                **payload,
            }
        ).encode()
        url = "/crm_case/telephony/event"
        if company:
            url += f"/{company.id}"
        return self.url_open(
            url,
            data=body,
            headers={
                "Content-Type": "application/json",
                "X-Case-Signature": sign(secret, body),
            },
        )

    def calls(self):
        return self.env["crm.case.call"].search([("call_ref", "=", "1764000000.1")])

    def ringing_partners(self):
        self.env.cr.precommit.run()
        return [
            json.loads(bus.channel)[2]
            for bus in self.env["bus.bus"].sudo().search([])
            if json.loads(bus.message)["type"] == INCOMING
        ]

    def test_each_company_signs_with_its_own_secret(self):
        self.assertEqual(self.post(self.company, SECRET_A).status_code, 200)
        response = self.post(self.company_b, SECRET_B, extension="7201")
        self.assertEqual(response.status_code, 200)
        calls = self.calls()
        self.assertEqual(len(calls), 2, "the same PBX id in two companies")
        self.assertEqual(
            {(call.company_id, call.user_id) for call in calls},
            {(self.company, self.agent), (self.company_b, self.agent_b)},
        )

    def test_another_companys_secret_is_refused(self):
        self.assertEqual(self.post(self.company, SECRET_B).status_code, 401)
        self.assertEqual(self.post(self.company_b, SECRET_A).status_code, 401)
        # The system-wide secret does not open a company with its own.
        self.assertEqual(self.post(self.company, SYSTEM_SECRET).status_code, 401)
        self.assertFalse(self.calls())

    def test_unknown_company_is_refused_like_a_bad_signature(self):
        ghost = self.env["res.company"].browse(999999)
        self.assertEqual(self.post(ghost, SECRET_A).status_code, 401)

    def test_company_without_secret_uses_the_system_secret(self):
        self.company_b.case_telephony_secret = False
        self.assertEqual(self.post(self.company_b, SYSTEM_SECRET).status_code, 200)
        self.assertEqual(self.calls().company_id, self.company_b)

    def test_address_without_company_is_the_main_company(self):
        self.assertEqual(self.post(None, SECRET_A).status_code, 200)
        self.assertEqual(self.post(None, SECRET_B).status_code, 401)
        self.assertEqual(self.calls().company_id, self.company)

    def test_other_company_pbx_reaches_neither_our_agents_nor_customers(self):
        # Company B's PBX, with its own valid secret, names company A's
        # agent extension and customer number.
        response = self.post(self.company_b, SECRET_B, extension="7101")
        self.assertEqual(response.status_code, 200)
        call = self.calls()
        self.assertEqual(call.company_id, self.company_b)
        self.assertFalse(call.user_id)
        self.assertFalse(self.ringing_partners())
        # The customer belongs to company A: company B learns nothing of it.
        (self.customer | self.customer_contact).company_id = self.company
        self.post(self.company_b, SECRET_B, call_ref="1764000000.2")
        other = self.env["crm.case.call"].search([("call_ref", "=", "1764000000.2")])
        self.assertFalse(other.partner_id)

    def test_other_company_pbx_cannot_touch_our_call(self):
        self.assertEqual(self.post(self.company, SECRET_A).status_code, 200)
        ours = self.calls()
        self.post(
            self.company_b,
            SECRET_B,
            event="hangup",
            recording_url="http://attacker.example/r.wav",
        )
        self.assertEqual(ours.state, "ringing")
        self.assertFalse(ours.recording_url)

    def test_neutralized_copy_forgets_the_secrets(self):
        self.company_b.case_click_to_call_url = "https://pbx-b.example.com/dial"
        params = self.env["ir.config_parameter"].sudo()
        params.set_param("crm_case_management.click_to_call_url", "https://pbx/dial")
        self.env.flush_all()
        for query in get_neutralization_queries(["crm_case_management"]):
            self.env.cr.execute(query)
        self.env.invalidate_all()
        self.env.registry.clear_cache()  # get_param is cached
        companies = self.company | self.company_b
        self.assertFalse(any(companies.mapped("case_telephony_secret")))
        self.assertFalse(any(companies.mapped("case_click_to_call_url")))
        self.assertFalse(params.get_param("crm_case_management.telephony_secret"))
        self.assertFalse(params.get_param("crm_case_management.click_to_call_url"))
        # A PBX that still signs with the old secret is refused.
        self.assertEqual(self.post(self.company, SECRET_A).status_code, 401)
        self.assertEqual(self.post(self.company, SYSTEM_SECRET).status_code, 401)
