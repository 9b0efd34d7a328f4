# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The ringing phone in a real browser: Chromium, the web client, the bus."""

import json

from odoo.tests import HttpCase, new_test_user, tagged

USER_GROUP = "crm_case_management.group_crm_case_user"
INCOMING = "crm_case_management/incoming_call"


@tagged("post_install", "-at_install")
class TestRingingInTheBrowser(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # The tour reads English labels; a database may have only Persian.
        cls.env["res.lang"]._activate_lang("en_US")
        cls.env.company.case_telephony_secret = "tour-pbx-secret"
        cls.agent = new_test_user(
            cls.env,
            "case_ringing_agent",
            groups=USER_GROUP,
            name="Ringing Agent",
            phone_extension="7101",
            tz="Asia/Tehran",
            lang="en_US",
        )
        cls.colleague = new_test_user(
            cls.env,
            "case_ringing_colleague",
            groups=USER_GROUP,
            name="Colleague",
            phone_extension="7102",
            lang="en_US",
        )
        cls.customer = cls.env["res.partner"].create(
            {"name": "Parsian Trading", "is_company": True}
        )
        cls.contact = cls.env["res.partner"].create(
            {
                "name": "Ali Rezaei",
                "parent_id": cls.customer.id,
                "phone": "+98 912 555 7788",
            }
        )

    def ringing_targets(self):
        return [
            json.loads(bus.channel)[2]
            for bus in self.env["bus.bus"].sudo().search([])
            if json.loads(bus.message)["type"] == INCOMING
        ]

    def test_ringing_agent_registers_a_phone_case_in_one_click(self):
        self.start_tour("/odoo/cases", "crm_case_ringing_tour", login=self.agent.login)
        call = self.env["crm.case.call"].search([("call_ref", "=", "tour-call-1")])
        self.assertEqual(call.user_id, self.agent)
        case = call.case_id
        self.assertEqual(case.name, "Invoice copy")
        self.assertEqual(case.partner_id, self.contact)
        self.assertEqual(case.commercial_partner_id, self.customer)
        self.assertEqual(
            case.channel_id, self.env.ref("crm_case_management.crm_case_channel_phone")
        )
        self.assertEqual(case.create_uid, self.agent)
        self.assertEqual(self.ringing_targets(), [self.agent.partner_id.id])

    def test_the_ringing_reaches_no_other_agent(self):
        self.start_tour(
            "/odoo/cases",
            "crm_case_ringing_elsewhere_tour",
            login=self.colleague.login,
        )
        call = self.env["crm.case.call"].search([("call_ref", "=", "tour-call-2")])
        self.assertEqual(call.user_id, self.agent)
        self.assertEqual(self.ringing_targets(), [self.agent.partner_id.id])
