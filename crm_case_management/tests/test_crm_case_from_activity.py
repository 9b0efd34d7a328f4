# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import datetime

from odoo.exceptions import UserError
from odoo.tests import Form, tagged

from .common import CaseCommon


@tagged("post_install", "-at_install")
class TestCaseFromActivity(CaseCommon):
    def _open_and_save(self, model, res_id, user=None):
        user = user or self.operator
        action = self.env["crm.case"].with_user(user).action_new_from(model, res_id)
        form = Form(
            self.env["crm.case"].with_user(user).with_context(**action["context"])
        )
        if not form.description or form.description == "<p><br></p>":
            form.description = "<p>From the activity.</p>"
        return form.save()

    def test_case_from_a_customer_email_in_the_chatter(self):
        message = self.customer.message_post(
            subject="Toner ordered but not delivered",
            body="<p>Where is our toner?</p>",
            author_id=self.customer_contact.id,
            message_type="email",
        )
        case = self._open_and_save("mail.message", message.id)
        self.assertEqual(case.name, "Toner ordered but not delivered")
        self.assertEqual(case.partner_id, self.customer_contact)
        self.assertEqual(case.channel_id.code, "email")
        self.assertIn("Where is our toner", case.description)
        self.assertEqual(case.origin_ref, message)

    def test_case_from_a_logged_call_activity(self):
        call_type = self.env.ref("mail.mail_activity_data_call")
        activity = self.env["mail.activity"].create(
            {
                "res_model_id": self.env["ir.model"]._get_id("res.partner"),
                "res_id": self.customer.id,
                "activity_type_id": call_type.id,
                "summary": "Customer called about the scanner",
                "note": "<p>Scanner jams on every page.</p>",
                "user_id": self.operator.id,
            }
        )
        case = self._open_and_save("mail.activity", activity.id)
        self.assertEqual(case.partner_id, self.customer)
        self.assertEqual(case.channel_id, self.channel_phone)
        self.assertEqual(case.name, "Customer called about the scanner")
        self.assertEqual(case.origin_ref, activity)

    def test_case_from_a_meeting(self):
        event = self.env["calendar.event"].create(
            {
                "name": "On-site visit at Parsian",
                "start": datetime.datetime(2026, 11, 25, 8),
                "stop": datetime.datetime(2026, 11, 25, 9),
                "partner_ids": [
                    (6, 0, (self.customer_contact | self.operator.partner_id).ids)
                ],
                "description": "<p>Printer room is too hot.</p>",
            }
        )
        case = self._open_and_save("calendar.event", event.id)
        self.assertEqual(case.partner_id, self.customer_contact)
        self.assertEqual(case.channel_id.code, "in_person")
        self.assertEqual(case.origin_ref, event)

    def test_other_records_are_refused(self):
        with self.assertRaisesRegex(UserError, "cannot be opened from this record"):
            self.env["crm.case"].action_new_from("res.partner", self.customer.id)
