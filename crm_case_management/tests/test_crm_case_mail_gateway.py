# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import tagged

from .common import CaseCommon

MIME = """Return-Path: <{sender}>
From: Ali Rezaei <{sender}>
To: support@example.com
Subject: {subject}
Message-ID: <{message_id}@mail.example.com>
{extra}MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="BOUNDARY"

--BOUNDARY
Content-Type: text/plain; charset="utf-8"

{body}
--BOUNDARY
Content-Type: text/plain; name="log.txt"
Content-Disposition: attachment; filename="log.txt"

error 42 at boot
--BOUNDARY--
"""


@tagged("post_install", "-at_install")
class TestCaseMailGateway(CaseCommon):
    """E-mails to a queue's alias open cases; replies join them."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.first_line = cls._create_first_line_queue()

    def _mail(self, subject, message_id, extra=""):
        return MIME.format(
            sender="ali@parsian.example.com",
            subject=subject,
            message_id=message_id,
            extra=extra,
            body="The printer stays dark.",
        )

    def test_email_opens_a_case_and_replies_thread(self):
        self.first_line.alias_name = "support"
        case_id = self.env["mail.thread"].message_process(
            "crm.case", self._mail("Printer is dark", "first")
        )
        case = self.env["crm.case"].browse(case_id)
        self.assertEqual(case.name, "Printer is dark")
        self.assertEqual(case.channel_id.code, "email")
        self.assertEqual(case.partner_id.email, "ali@parsian.example.com")
        self.assertEqual(case.queue_id, self.first_line)
        self.assertIn(case.user_id, self.agent | self.other_agent)
        self.assertIn("log.txt", case.message_ids.attachment_ids.mapped("name"))
        reply = self._mail(
            "Re: Printer is dark",
            "second",
            extra="In-Reply-To: <first@mail.example.com>\n",
        )
        self.env["mail.thread"].message_process("crm.case", reply)
        self.assertEqual(
            self.env["crm.case"].search_count([("name", "ilike", "Printer is dark")]), 1
        )
        self.assertEqual(
            len(case.message_ids.filtered(lambda m: m.message_type == "email")), 2
        )

    def test_case_number_in_the_subject_threads(self):
        # The sender is a contact of the customer (strangers get a new case).
        self.customer_contact.email = "ali@parsian.example.com"
        case = self._create_case()
        self.env["mail.thread"].message_process(
            "crm.case", self._mail(f"About {case.number.lower()} again", "third")
        )
        self.assertIn(
            "third@mail.example.com", case.message_ids.mapped("message_id")[0]
        )
