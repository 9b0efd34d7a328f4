# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64

from odoo.tests import tagged

from .common import CaseCommon


@tagged("post_install", "-at_install")
class TestCaseDuplicate(CaseCommon):
    def test_look_alike_case_of_the_same_customer_is_flagged(self):
        first = self._create_case(
            name="چاپگر بعد از قطع برق روشن نمی‌شود",
            description="<p>چاپگر اتاق ۲ کار نمی‌کند</p>",
        )
        # Same words typed with Arabic yeh/kaf, Arabic digits and no ZWNJ.
        second = self._create_case(
            name="چاپگر بعد از قطع برق روشن نميشود",
            description="<p>چاپگر اتاق ٢ کار نميکند</p>",
        )
        unrelated = self._create_case(
            name="Invoice copy", description="<p>Send the March invoice.</p>"
        )
        self.assertEqual(second.duplicate_ids, first)
        self.assertNotIn(unrelated, second.duplicate_ids)

    def test_other_customers_and_closed_cases_are_not_duplicates(self):
        mine = self._create_case(name="VPN drops every ten minutes")
        theirs = self._create_case(
            name="VPN drops every ten minutes", partner_id=self.other_customer.id
        )
        self.assertNotIn(theirs, mine.duplicate_ids)
        closed = self._create_case(
            user=self.manager, name="VPN drops every ten minutes"
        )
        closed.with_user(self.manager).stage_id = self.env.ref(
            "crm_case_management.crm_case_stage_cancelled"
        )
        mine.invalidate_recordset(["duplicate_ids"])
        self.assertNotIn(closed, mine.duplicate_ids)

    def test_merge_keeps_every_message_attachment_hour_and_follower(self):
        self.env["project.project"].create(
            {"name": "Helpdesk", "allow_timesheets": True}
        )
        self.company.case_project_id = self.env["project.project"].search(
            [("name", "=", "Helpdesk")], limit=1
        )
        self.env["hr.employee"].create({"name": "Agent", "user_id": self.agent.id})
        keep = self._create_case(name="Printer dark", user_id=self.agent.id)
        other = self._create_case(name="Printer is dark", user_id=self.agent.id)
        other.message_post(body="Customer called again")
        attachment = self.env["ir.attachment"].create(
            {
                "name": "photo.png",
                "res_model": "crm.case",
                "res_id": other.id,
                "datas": base64.b64encode(b"png"),
            }
        )
        self.env["account.analytic.line"].with_user(self.agent).create(
            {"case_id": other.id, "unit_amount": 1.5}
        )
        watcher = self.env["res.partner"].create({"name": "Watcher"})
        other.message_subscribe(partner_ids=watcher.ids)
        moved_messages = other.message_ids
        wizard = (
            self.env["crm.case.merge"]
            .with_user(self.manager)
            .create({"case_ids": [(6, 0, (keep | other).ids)], "keep_id": keep.id})
        )
        wizard.action_merge()
        self.assertLessEqual(moved_messages, keep.message_ids)
        self.assertEqual(attachment.res_id, keep.id)
        self.assertEqual(keep.total_hours, 1.5)
        self.assertIn(watcher, keep.message_partner_ids)
        self.assertEqual(other.state, "closed")
        self.assertEqual(other.merged_into_id, keep)
        self.assertEqual(
            other.stage_id, self.env.ref("crm_case_management.crm_case_stage_cancelled")
        )
        self.assertIn(other.number, keep.message_ids[0].body)
