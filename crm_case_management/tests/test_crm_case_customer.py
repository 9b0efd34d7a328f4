# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import Form, tagged

from .common import CaseCommon


@tagged("post_install", "-at_install")
class TestCaseCustomer(CaseCommon):
    def test_partner_counts_include_its_contacts(self):
        self._create_case(partner_id=self.customer.id)
        self._create_case(partner_id=self.customer_contact.id)
        closed = self._create_case(user=self.manager, partner_id=self.customer.id)
        closed.write(
            {"stage_id": self.env.ref("crm_case_management.crm_case_stage_solved").id}
        )
        self._create_case(partner_id=self.other_customer.id)
        customer = self.customer.with_user(self.manager)
        self.assertEqual(customer.case_count, 3)
        self.assertEqual(customer.case_open_count, 2)
        self.assertEqual(self.customer_contact.with_user(self.manager).case_count, 1)

    def test_counts_respect_what_the_user_may_see(self):
        self._create_case(user=self.operator, partner_id=self.customer.id)
        self._create_case(user=self.other_agent, partner_id=self.customer.id)
        self.assertEqual(self.customer.with_user(self.operator).case_count, 1)

    def test_new_case_from_the_customer_is_prefilled(self):
        action = self.customer.with_user(self.operator).action_new_case()
        form = Form(
            self.env["crm.case"]
            .with_user(self.operator)
            .with_context(**action["context"])
        )
        self.assertEqual(form.partner_id, self.customer)
        form.name = "Called about the invoice"
        form.description = "<p>Wants a copy.</p>"
        case = form.save()
        self.assertEqual(case.partner_id, self.customer)
        self.assertEqual(case.create_uid, self.operator)

    def test_customer_is_optional_for_complaints(self):
        case = self._create_case(type_id=self.type_complaint.id, partner_id=False)
        self.assertFalse(case.partner_id)
        with self.assertRaisesRegex(Exception, "need a customer"):
            self._create_case(type_id=self.type_general.id, partner_id=False)

    def test_files_of_all_customer_cases(self):
        case = self._create_case(partner_id=self.customer_contact.id)
        attachment = self.env["ir.attachment"].create(
            {
                "name": "photo.png",
                "res_model": "crm.case",
                "res_id": case.id,
                "raw": b"x",
            }
        )
        action = self.customer.with_user(self.operator).action_view_case_attachments()
        files = self.env["ir.attachment"].search(action["domain"])
        self.assertEqual(files, attachment)

    def test_project_smart_button(self):
        project = self.env["project.project"].create({"name": "Support Desk"})
        self._create_case(project_id=project.id)
        self._create_case(project_id=project.id)
        self.assertEqual(project.case_count, 2)
        action = project.action_view_cases()
        self.assertEqual(self.env["crm.case"].search_count(action["domain"]), 2)

    def test_case_type_fields_are_properties(self):
        self.type_complaint.case_properties_definition = [
            {"name": "ward", "string": "Ward", "type": "char"}
        ]
        case = self._create_case(
            type_id=self.type_complaint.id, case_properties={"ward": "Cardiology"}
        )
        self.assertEqual(case.case_properties.get("ward"), "Cardiology")
