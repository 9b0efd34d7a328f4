# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Registration and closing texts through the real client and a fake Kavenegar."""

import re

from odoo.tests import Form, tagged

from ..tools.jalali import format_jalali_date, to_persian_digits
from ..tools.sms_text import localid_from_uuid, sms_part_count
from .sms_common import KavenegarCase


@tagged("post_install", "-at_install")
class TestSmsRegistration(KavenegarCase):
    def test_registration_texts_the_tracking_code_in_persian(self):
        case = self._create_case()
        self.assertEqual(case.sms_register_state, "auto")
        self.assertFalse(self.fake.requests, "nothing is sent inside the create")
        self._deliver()

        [params] = self.fake.calls("sms", "send")
        self.assertEqual(params["receptor"], "09121234567")
        self.assertEqual(params["sender"], "10004346")
        text = params["message"]
        self.assertIn(to_persian_digits(case.number), text)
        jalali_day = format_jalali_date(case.date_request, month_name=True)
        self.assertIn(jalali_day.split()[1], text, "the Jalali month by name")
        self.assertIn("کد پیگیری", text)
        self.assertNotRegex(text, "[0-9]", "Persian digits only")
        self.assertLessEqual(sms_part_count(text), 2)
        [sms] = self._case_sms(case)
        self.assertEqual(int(params["localid"]), localid_from_uuid(sms.uuid))
        self.assertFalse(case.sms_register_state)
        [message] = self._sms_messages(case)
        self.assertIn(to_persian_digits(case.number), message.body)
        tracker = self.env["sms.tracker"].sudo().search([("sms_uuid", "=", sms.uuid)])
        self.assertEqual(
            tracker.kavenegar_messageid, str(self.fake.texts[0]["messageid"])
        )
        self.assertEqual(tracker.mail_notification_id.notification_status, "pending")

    def test_english_reader_gets_english_with_latin_digits(self):
        case = self._create_case(partner=self.english_customer)
        self._deliver()
        [params] = self.fake.calls("sms", "send")
        self.assertEqual(params["receptor"], "09357654321")
        self.assertIn(f"Tracking code: {case.number}", params["message"])
        self.assertRegex(params["message"], r"\d{2}/\d{2}/\d{4}")

    def test_no_sender_line_uses_the_account_default(self):
        self.company.kavenegar_sender = False
        self._create_case()
        self._deliver()
        [params] = self.fake.calls("sms", "send")
        self.assertNotIn("sender", params)

    def test_long_title_is_cut_to_two_parts(self):
        self._create_case(name="چاپگر طبقه دوم " * 20)
        self._deliver()
        [params] = self.fake.calls("sms", "send")
        self.assertEqual(sms_part_count(params["message"]), 2)
        self.assertIn("...", params["message"])

    def test_off_sends_nothing_and_plans_nothing(self):
        self.type_general.sms_on_register = "off"
        case = self._create_case()
        self.assertFalse(case.sms_register_state)
        self._deliver()
        self.assertFalse(self.fake.requests)
        self.assertFalse(self._sms_messages(case))

    def test_every_creation_path_plans_the_text(self):
        """As the public complaint form does: a sudo create, no user."""
        public = self.env.ref("base.public_user")
        case = (
            self.env["crm.case"]
            .with_user(public)
            .sudo()
            .create(
                {
                    "name": "Rude answer",
                    "description": "<p>From the public form</p>",
                    "partner_id": self.persian_customer.id,
                    "type_id": self.type_general.id,
                }
            )
        )
        self.assertEqual(case.sms_register_state, "auto")
        self._deliver()
        self.assertEqual(len(self.fake.texts), 1)

    def test_a_text_that_cannot_be_built_holds_back_no_other(self):
        other_company = self.env["res.company"].create(
            {"name": "Company " * 60, "sms_provider": "kavenegar"}
        )
        self.operator.company_ids |= other_company
        broken = self._create_case(
            user=self.operator.with_company(other_company), company_id=other_company.id
        )
        fine = self._create_case()
        self._deliver()
        self.assertEqual(len(self.fake.texts), 1)
        self.assertTrue(self._sms_messages(fine))
        self.assertFalse(broken.sms_register_state)
        self.assertIn("No text was sent", self._notes(broken)[0].body)

    def test_landline_is_refused_with_a_message_on_the_case(self):
        partner = self.env["res.partner"].create(
            {"name": "Office", "phone": "021 8877 6655", "lang": "en_US"}
        )
        case = self._create_case(partner=partner)
        self._deliver()
        self.assertFalse(self.fake.requests)
        self.assertIn("021 8877 6655", self._notes(case)[0].body)
        self.assertIn("not a mobile number", self._notes(case)[0].body)

    def test_email_customer_gets_the_acknowledgement_by_mail(self):
        partner = self.env["res.partner"].create(
            {"name": "Mail only", "email": "mailonly@example.com", "lang": "en_US"}
        )
        case = self._create_case(partner=partner)
        self._deliver()
        self.assertFalse(self.fake.requests)
        [ack] = case.message_ids.filtered(lambda m: m.message_type == "auto_comment")
        self.assertIn(case.number, ack.subject)
        self.assertIn(case.number, ack.body)
        self.assertIn(partner, ack.partner_ids)
        self.assertFalse(
            case.message_ids.filtered(lambda m: m.message_type == "comment"),
            "an automatic message is no first response",
        )

    def test_per_number_limit_per_hour(self):
        self.env["ir.config_parameter"].set_param(
            "crm_case_management.sms_per_number_hour", "2"
        )
        cases = [self._create_case(name=f"Case {n}") for n in range(3)]
        self._deliver()
        self.assertEqual(len(self.fake.texts), 2)
        self.assertFalse(self._sms_messages(cases[2]))
        self.assertIn("most automatic texts allowed", self._notes(cases[2])[0].body)
        # Another number is not held back by this one.
        self._create_case(partner=self.english_customer)
        self._deliver()
        self.assertEqual(len(self.fake.texts), 3)


@tagged("post_install", "-at_install")
class TestSmsFailures(KavenegarCase):
    def _queued_sms(self):
        case = self._create_case()
        self._run_case_cron()
        return case, self._case_sms(case)

    def test_stall_then_retry_sends_once(self):
        case, sms = self._queued_sms()
        self.fake.script.append("stall")  # sent, but the answer is lost
        self._run_sms_queue()
        self.assertEqual(len(self.fake.texts), 1)
        self.assertEqual(sms.state, "outgoing")
        self.assertEqual(sms.kavenegar_attempts, 1)
        self.assertTrue(sms.kavenegar_next_try)
        self._run_sms_queue()
        self.assertEqual(len(self.fake.requests), 1, "not before its next try")

        self._make_due(sms)
        self._run_sms_queue()
        first, second = self.fake.calls("sms", "send")
        self.assertEqual(first["localid"], second["localid"])
        self.assertEqual(len(self.fake.texts), 1, "the customer got one text")
        self.assertEqual(sms.state, "pending")
        self.assertTrue(sms.to_delete)
        [message] = self._sms_messages(case)
        self.assertEqual(message.notification_ids.notification_status, "pending")

    def test_busy_rate_limit_5xx_and_garbage_go_back_to_the_queue(self):
        case, sms = self._queued_sms()
        delays = []
        for answer in (409, 451, 500, "nonjson"):
            self.fake.script.append(answer)
            self._make_due(sms)
            self._run_sms_queue()
            self.assertEqual(sms.state, "outgoing", answer)
            delays.append(sms.kavenegar_next_try - sms.write_date)
        self.assertEqual(sms.kavenegar_attempts, 4)
        self.assertEqual(delays, sorted(delays), "a growing delay")
        self.assertLess(delays[0], delays[-1])
        self.assertFalse(self.fake.texts)
        self.assertFalse(self._notes(case), "a retry is no failure")
        self._make_due(sms)
        self._run_sms_queue()
        self.assertEqual(len(self.fake.texts), 1)
        self.assertEqual(sms.state, "pending")

    def test_refusals_fail_with_a_reason_on_the_case(self):
        expected = {
            418: ("sms_credit", "no credit"),
            411: ("sms_number_format", "recipient's number"),
            403: ("sms_acc", "API key is not valid"),
            422: ("unknown", "code 422"),
        }
        for status, (failure_type, reason) in expected.items():
            with self.subTest(status=status):
                case, sms = self._queued_sms()
                self.fake.script.append(status)
                self._run_sms_queue()
                self.assertEqual(sms.state, "error")
                self.assertEqual(sms.failure_type, failure_type)
                self.assertIn(reason, self._notes(case)[0].body)
                self.assertNotIn("TEST-SECRET", self._notes(case)[0].body)
                [message] = self._sms_messages(case)
                self.assertEqual(
                    message.notification_ids.notification_status, "exception"
                )
                self._make_due(sms)
                self._run_sms_queue()
                self.assertEqual(sms.state, "error", "a refusal is not retried")

    def test_gives_up_after_the_last_attempt_until_resent_by_hand(self):
        _case, sms = self._queued_sms()
        sms.kavenegar_attempts = 9
        self.fake.script.append(500)
        self._run_sms_queue()
        self.assertEqual(sms.state, "error")
        self.assertEqual(sms.kavenegar_attempts, 10)
        self.fake.script.append(409)
        sms.resend_failed()
        self.assertEqual(sms.state, "outgoing", "a fresh series of attempts")
        self.assertEqual(sms.kavenegar_attempts, 1)
        self._make_due(sms)
        self._run_sms_queue()
        self.assertEqual(sms.state, "pending")
        self.assertEqual(len(self.fake.texts), 1)

    def test_persian_reason_for_a_persian_user(self):
        case, _sms = self._queued_sms()
        self.fake.script.append(418)
        self.env["sms.sms"].with_context(lang="fa_IR").sudo()._process_queue()
        self.assertIn("اعتبار", self._notes(case)[0].body)


@tagged("post_install", "-at_install")
class TestSmsClosingAndReview(KavenegarCase):
    def _closed_case(self, **values):
        case = self._create_case(user_id=self.agent.id, **values)
        case.with_user(self.agent).resolution = "<p>The toner was replaced.</p>"
        case.with_user(self.agent).action_done()
        result = case.with_user(self.operator).action_approve()
        return case, result

    def test_closing_texts_the_result_and_a_rating_link(self):
        self.type_general.sms_on_register = "off"
        case, _result = self._closed_case()
        self.assertEqual(case.state, "closed")
        self.assertEqual(case.sms_close_state, "auto")
        self.fake.reset()
        self._deliver()
        closing, rating = self.fake.calls("sms", "send")
        self.assertIn(to_persian_digits(case.number), closing["message"])
        self.assertIn("toner", closing["message"])
        rating_record = case.rating_ids
        self.assertEqual(len(rating_record), 1)
        self.assertIn(f"/rate/{rating_record.access_token}/5", rating["message"])
        self.assertFalse(case.sms_close_state)

    def test_review_edits_reach_the_server(self):
        self.type_general.sms_on_register = "review"
        case = self._create_case()
        self._deliver()
        self.assertFalse(self.fake.requests, "review waits for the operator")
        action = case.with_user(self.operator).action_review_sms()
        self.assertEqual(action["res_model"], "sms.composer")
        composer_env = self.env["sms.composer"].with_user(self.operator)
        with Form(composer_env.with_context(**action["context"])) as composer:
            self.assertIn(to_persian_digits(case.number), composer.body)
            composer.body = f"{composer.body} - ویرایش اپراتور"
        composer.save().action_send_sms()
        [params] = self.fake.calls("sms", "send")
        self.assertTrue(params["message"].endswith("ویرایش اپراتور"))
        self.assertFalse(case.sms_register_state)
        self.assertEqual(len(self._sms_messages(case)), 1)

    def test_review_on_closing_opens_the_composer(self):
        self.type_general.sms_on_close = "review"
        case, result = self._closed_case()
        self.assertEqual(result["res_model"], "sms.composer")
        self.assertEqual(case.sms_close_state, "review")
        case.with_user(self.operator).action_skip_sms()
        self.assertFalse(case.sms_close_state)
        self._deliver()
        self.assertFalse(self.fake.calls("sms", "send")[1:])

    def test_merged_case_sends_no_closing_text(self):
        self.type_general.sms_on_register = "off"
        keep = self._create_case()
        other = self._create_case()
        other.with_user(self.manager)._merge_into(keep)
        self.assertEqual(other.state, "closed")
        self.assertFalse(other.sms_close_state)
        self._deliver()
        self.assertFalse(self.fake.requests)


@tagged("post_install", "-at_install")
class TestSmsTemplatesAndDelivery(KavenegarCase):
    def test_template_mode_sends_through_verify_lookup(self):
        self.company.write(
            {
                "kavenegar_template_mode": True,
                "kavenegar_template_register": "case-registered",
            }
        )
        case = self._create_case()
        self._deliver()
        self.assertFalse(self.fake.calls("sms", "send"))
        [params] = self.fake.calls("verify", "lookup")
        self.assertEqual(params["template"], "case-registered")
        self.assertEqual(params["token"], case.number)
        self.assertRegex(params["token2"], r"^1[34]\d\d/\d\d/\d\d$")
        self.assertEqual(params["receptor"], "09121234567")

    def test_template_mode_lost_answer_is_not_sent_twice(self):
        self.company.write(
            {
                "kavenegar_template_mode": True,
                "kavenegar_template_register": "case-registered",
            }
        )
        case = self._create_case()
        self._run_case_cron()
        [sms] = self._case_sms(case)
        self.fake.script.append("stall")
        self._run_sms_queue()
        self.assertEqual(sms.state, "error", "no localid: not retried blindly")
        self.assertIn("may have been sent", self._notes(case)[0].body)

    def test_delivery_reports_update_the_chatter(self):
        delivered = self._create_case()
        undelivered = self._create_case(partner=self.english_customer)
        self._deliver()
        first, second = self.fake.texts
        self.fake.delivery.update({first["messageid"]: 10, second["messageid"]: 11})
        self.env["sms.tracker"].sudo()._cron_poll_kavenegar_delivery()
        [status_call] = self.fake.calls("sms", "status")
        self.assertEqual(
            set(status_call["messageid"].split(",")),
            {str(first["messageid"]), str(second["messageid"])},
        )
        notif = self._sms_messages(delivered).notification_ids
        self.assertEqual(notif.notification_status, "sent")
        notif = self._sms_messages(undelivered).notification_ids
        self.assertEqual(notif.notification_status, "exception")
        self.assertEqual(notif.failure_type, "sms_not_delivered")
        # Final statuses are not asked again.
        self.fake.reset()
        self.env["sms.tracker"].sudo()._cron_poll_kavenegar_delivery()
        self.assertFalse(self.fake.requests)

    def test_provider_is_chosen_per_company(self):
        other = self.env["res.company"].create({"name": "Odoo IAP desk"})
        case = self._create_case()
        self._run_case_cron()
        [kavenegar_sms] = self._case_sms(case)
        iap_sms = (
            self.env["sms.sms"]
            .sudo()
            .create(
                {"number": "+989121234567", "body": "x", "record_company_id": other.id}
            )
        )
        apis = {
            type(api).__name__: sms
            for api, sms in (kavenegar_sms | iap_sms)._split_by_api()
        }
        self.assertEqual(apis["SmsApiKavenegar"], kavenegar_sms)
        self.assertEqual(apis["SmsApi"], iap_sms)
        self.assertEqual(iap_sms._get_send_batch_size(), 500)
        self.assertEqual(kavenegar_sms._get_send_batch_size(), 50)

    def test_test_connection_shows_the_balance(self):
        settings = self.env["res.config.settings"].create({})
        action = settings.action_kavenegar_test_connection()
        self.assertIn("125", action["params"]["message"])
        self.fake.script.append(403)
        with self.assertRaisesRegex(Exception, "403") as caught:
            settings.action_kavenegar_test_connection()
        self.assertNotIn("TEST-SECRET", str(caught.exception))

    def test_no_text_is_ever_without_a_reason(self):
        """The texts' wording stays free of markup the SMS would show."""
        case = self._create_case(partner=self.english_customer)
        self._deliver()
        [params] = self.fake.calls("sms", "send")
        self.assertFalse(re.search(r"<[^>]+>", params["message"]))
        self.assertIn(case.company_id.name, params["message"])
