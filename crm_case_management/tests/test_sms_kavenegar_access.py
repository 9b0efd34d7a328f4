# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Who may see the Kavenegar key and steer the texts, attacked over JSON-2."""

from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged
from odoo.tools import file_open

from .common import CaseRpcCommon, RpcError
from .sms_common import API_KEY


@tagged("post_install", "-at_install")
class TestSmsAccess(CaseRpcCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.write({"sms_provider": "kavenegar", "kavenegar_api_key": API_KEY})
        cls.admin = new_test_user(
            cls.env, "case_sysadmin", groups="base.group_system", name="Sysadmin"
        )

    def test_only_system_admins_read_the_key(self):
        self.assertEqual(self.company.with_user(self.admin).kavenegar_api_key, API_KEY)
        for user in (self.operator, self.manager):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self.company.with_user(user).read(["kavenegar_api_key"])

    def test_case_users_cannot_read_the_key_over_json2(self):
        for method, params in (
            ("read", {"fields": ["kavenegar_api_key"]}),
            ("search_read", {"domain": [], "fields": ["kavenegar_api_key"]}),
            ("web_read", {"specification": {"kavenegar_api_key": {}}}),
        ):
            with self.subTest(method=method):
                ids = None if method == "search_read" else self.company.ids
                with self.assertRaises(RpcError) as caught:
                    self.json2(self.manager, "res.company", method, ids=ids, **params)
                self.assertNotIn(API_KEY, str(caught.exception))
        # Searching by the key does not leak it either.
        with self.assertRaises(RpcError):
            self.json2(
                self.manager,
                "res.company",
                "search",
                domain=[("kavenegar_api_key", "=like", "4F%")],
            )

    def test_case_users_cannot_write_the_key_or_test_the_line(self):
        with self.assertRaises(RpcError):
            self.json2(
                self.manager,
                "res.company",
                "write",
                ids=self.company.ids,
                vals={"kavenegar_api_key": "stolen"},
            )
        with self.assertRaises(RpcError):
            self.json2(self.manager, "res.config.settings", "create", vals_list=[{}])
        self.assertEqual(self.company.sudo().kavenegar_api_key, API_KEY)

    def test_neutralized_copy_never_texts(self):
        with file_open("crm_case_management/data/neutralize.sql") as sql:
            self.env.cr.execute(sql.read())
        self.env.invalidate_all()
        self.assertFalse(self.company.sudo().kavenegar_api_key)

    def test_clients_cannot_set_or_clear_the_planned_texts(self):
        self.type_general.sms_on_register = "auto"
        case = self._create_case_as(self.operator)
        for field, value in (
            ("sms_register_state", False),
            ("sms_close_state", "auto"),
        ):
            with self.subTest(field=field):
                with self.assertRaises(RpcError) as caught:
                    self.json2(
                        self.operator,
                        "crm.case",
                        "write",
                        ids=case.ids,
                        vals={field: value},
                    )
                self.assertIn("set by the system", str(caught.exception))
        with self.assertRaises(RpcError):
            self.json2(
                self.operator,
                "crm.case",
                "create",
                vals_list=[
                    {
                        "name": "x",
                        "description": "<p>x</p>",
                        "partner_id": self.customer.id,
                        "sms_register_state": False,
                    }
                ],
            )
        self.assertEqual(case.sms_register_state, "auto")

    def _create_case_as(self, user):
        return (
            self.env["crm.case"]
            .with_user(user)
            .create(
                {
                    "name": "Printer",
                    "description": "<p>dark</p>",
                    "partner_id": self.customer.id,
                    "type_id": self.type_general.id,
                }
            )
        )
