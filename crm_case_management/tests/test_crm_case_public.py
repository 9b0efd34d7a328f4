# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The public tracking page and complaint form, attacked over real HTTP."""

import re

from odoo.tests import tagged

from .portal_common import CSRF, CasePortalCommon

NOT_FOUND = "o_case_track_not_found"
LIMIT = "o_case_track_limit"
PARAM = "crm_case_management.rate_limit.%s"


def persian_digits(text):
    return text.translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹"))


def without_tokens(html):
    """The page minus what differs per request (CSRF tokens, asset hashes)."""
    html = CSRF.sub("", html)
    return re.sub(r'csrf_token: "[^"]+"', "", html)


@tagged("post_install", "-at_install")
class TestCaseTracking(CasePortalCommon):
    def track(self, code, contact):
        response = self.post_form("/case/track", {"code": code, "contact": contact})
        self.assertEqual(response.status_code, 200)
        return response.text

    def test_right_code_and_phone_show_the_status_in_any_digits(self):
        self.case_ali.with_user(self.agent).message_post(
            body="Technician booked for Sunday.",
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )
        self.case_ali.with_user(self.agent).message_post(
            body="Internal: customer is impatient.", subtype_xmlid="mail.mt_note"
        )
        for code, contact in (
            (self.case_ali.number, "09123456789"),
            (persian_digits(self.case_ali.number.lower()), "۰۹۱۲ ۳۴۵ ۶۷۸۹"),
            (f"  {self.case_ali.number} ", "+98 912 345 6789"),
            (self.case_ali.number, "ALI@parsian.ir"),
        ):
            with self.subTest(code=code, contact=contact):
                page = self.track(code, contact)
                self.assertIn("o_case_status", page)
                self.assertIn(self.case_ali.number, page)
                self.assertIn("Technician booked for Sunday.", page)
                self.assertNotIn("customer is impatient", page)

    def test_wrong_and_mixed_inputs_give_one_same_answer(self):
        answers = set()
        for code, contact in (
            (self.case_ali.number, "09350000000"),  # right code, wrong phone
            ("CS-99999-0000", "09123456789"),  # wrong code, right phone
            (self.case_ali.number, "09351112233"),  # another customer's phone
            (self.case_negin.number, "09123456789"),  # another customer's code
            (self.case_ali.number, "negin@clinic.ir"),
            (self.case_ali.number, ""),
            ("", ""),
            ("' OR 1=1 --", "%"),
            (self.case_ali.number[:-1] + "%", "0912%"),
            ("x" * 5000, "y" * 5000),
        ):
            with self.subTest(code=code[:30], contact=contact[:30]):
                page = self.track(code, contact)
                self.assertIn(NOT_FOUND, page)
                self.assertNotIn(self.case_ali.name, page)
                self.assertNotIn(self.case_negin.name, page)
                answers.add(re.sub(r'name="code"[^>]*>', "", without_tokens(page)))
        self.assertEqual(len(answers), 1, "every wrong input gets the same page")

    def test_attempts_are_limited_per_code_and_per_address(self):
        self.env["ir.config_parameter"].sudo().set_param(PARAM % "track_code", 3)
        for _attempt in range(3):
            self.assertIn(NOT_FOUND, self.track(self.case_ali.number, "0935 000 0000"))
        # Over the limit even the right contact is refused, and says nothing.
        page = self.track(self.case_ali.number, "09123456789")
        self.assertIn(LIMIT, page)
        self.assertNotIn(self.case_ali.name, page)
        # Another code from the same address still works...
        self.assertIn(
            "o_case_status", self.track(self.case_negin.number, "09351112233")
        )
        # ...until the address is over its own limit.
        self.env["ir.config_parameter"].sudo().set_param(PARAM % "track_address", 6)
        self.assertIn(NOT_FOUND, self.track("CS-1", "1"))
        self.assertIn(LIMIT, self.track(self.case_negin.number, "09351112233"))

    def test_call_me_back_only_for_a_case_proved_in_this_session(self):
        url = f"/case/track/{self.case_ali.id}/callback"
        page = self.post_form(url, {"phone": "09123456789"}, form_url="/case/track")
        self.assertIn(NOT_FOUND, page.text)
        call = self.env.ref("mail.mail_activity_data_call")
        self.assertFalse(
            self.case_ali.activity_ids.filtered(lambda a: a.activity_type_id == call)
        )
        self.track(self.case_ali.number, "09123456789")
        page = self.post_form(url, {"phone": "09123456789"}, form_url="/case/track")
        self.assertIn("o_case_callback_done", page.text)
        activity = self.case_ali.activity_ids.filtered(
            lambda a: a.activity_type_id == call
        )
        self.assertEqual(activity.user_id, self.agent)
        # The proof is for this case only.
        other = f"/case/track/{self.case_negin.id}/callback"
        page = self.post_form(other, {}, form_url="/case/track")
        self.assertIn(NOT_FOUND, page.text)

    def test_persian_visitors_read_right_to_left_with_jalali_dates(self):
        self.env["res.lang"]._activate_lang("fa_IR")
        response = self.url_open("/case/track", headers={"Accept-Language": "fa-IR,fa"})
        self.assertIn('dir="rtl"', response.text)
        # The switch on the page keeps Persian for the rest of the visit.
        self.url_open("/case/track?lang=fa_IR")
        page = self.track(self.case_ali.number, "09123456789")
        deadline = re.search(r'o_case_date_deadline">([^<]+)<', page).group(1)
        self.assertRegex(deadline, r"^[۰-۹]{1,2} \S+ [۰-۹]{4}$")
        english = self.url_open("/case/track?lang=en_US")
        self.assertIn('dir="ltr"', english.text)
        # The switch sticks for the session.
        self.assertIn('dir="ltr"', self.url_open("/case/track").text)


@tagged("post_install", "-at_install")
class TestCaseComplaintForm(CasePortalCommon):
    def complain(self, **values):
        data = {"name": "", "phone": "", "email": "", "description": ""}
        data.update(values)
        return self.post_form("/case/complaint", data).text

    def complaints(self):
        return self.env["crm.case"].search([("type_id", "=", self.type_complaint.id)])

    def test_a_complaint_files_for_a_new_contact_and_names_the_known_one(self):
        """A typed phone proves nothing: the complaint is the visitor's own,
        and the customer with that phone is only named to the desk."""
        before = self.complaints()
        page = self.complain(
            name="Ali",
            phone="۰۹۱۲ ۳۴۵ ۶۷۸۹",
            description="The nurse came two hours late.",
        )
        case = self.complaints() - before
        self.assertEqual(len(case), 1)
        self.assertIn(case.number, page)
        self.assertIn("o_case_complaint_done", page)
        self.assertNotEqual(case.partner_id, self.customer_contact)
        self.assertEqual(case.partner_id.name, "Ali")
        self.assertEqual(case.partner_id.phone_sanitized, "+989123456789")
        self.assertEqual(case.name, "Complaint from the website")
        self.assertNotIn(case, self.customer_contact.commercial_partner_id.case_ids)
        note = case.message_ids.filtered(
            lambda message: (
                message.subtype_id == self.env.ref("mail.mt_note")
                and self.customer_contact.name in message.body
            )
        )
        self.assertTrue(note, "the desk is told who has this phone")
        self.assertEqual(
            case.channel_id,
            self.env.ref("crm_case_management.crm_case_channel_website"),
        )
        self.assertEqual(case.type_id, self.type_complaint)
        # The visitor may follow their own complaint right away.
        tracked = self.post_form(
            "/case/track", {"code": case.number, "contact": "09123456789"}
        )
        self.assertIn("o_case_status", tracked.text)
        self.assertNotIn(self.customer_contact.name, tracked.text)

    def test_a_known_email_does_not_reach_the_customers_cases(self):
        by_email = self.complain(
            name="Sara", email="NEGIN@clinic.ir", description="Rude reception."
        )
        case = self.complaints().filtered(lambda c: c.number in by_email)
        self.assertNotEqual(case.partner_id, self.other_contact)
        self.assertEqual(case.partner_id.email, "NEGIN@clinic.ir")
        page = self.complain(
            name="Sara Ahmadi", phone="0912 777 8899", description="Rude reception."
        )
        case = self.complaints().filtered(lambda c: c.number in page)
        self.assertEqual(case.partner_id.name, "Sara Ahmadi")
        self.assertEqual(case.partner_id.phone_sanitized, "+989127778899")

    def test_a_name_with_a_link_is_refused(self):
        before = self.complaints()
        for name in (
            "Bank Melli: your card is blocked, verify at http://evil.example/x",
            "visit www.evil.example",
            "mail me@evil.example",
            "evil.com support",
        ):
            with self.subTest(name=name):
                page = self.complain(
                    name=name, email="victim@example.org", description="x"
                )
                self.assertIn("cannot contain a web or e-mail address", page)
        self.assertEqual(self.complaints(), before)

    def test_bad_input_is_refused_and_changes_nothing(self):
        before = self.complaints()
        partners = self.env["res.partner"].search_count([])
        for values, problem in (
            ({}, "Enter your name."),
            ({"name": "Sara", "description": "late"}, "Enter a phone number"),
            (
                {"name": "Sara", "phone": "12", "description": "late"},
                "phone number is not valid",
            ),
            (
                {"name": "Sara", "phone": "abc-def", "description": "x"},
                "phone number is not valid",
            ),
            (
                {"name": "Sara", "email": "a@b", "description": "x"},
                "e-mail address is not valid",
            ),
            (
                {"name": "Sara", "email": "<x@y.z>", "description": "x"},
                "e-mail address is not valid",
            ),
            ({"name": "Sara", "phone": "09121234567"}, "Describe your complaint."),
            (
                {"name": "S" * 101, "phone": "09121234567", "description": "x"},
                "name is too long",
            ),
            (
                {"name": "Sara", "phone": "09121234567", "description": "x" * 5001},
                "too long",
            ),
            (
                {"name": " \x00 ", "phone": "09121234567", "description": "x"},
                "Enter your name.",
            ),
        ):
            with self.subTest(values=str(values)[:60]):
                page = self.complain(**values)
                self.assertIn("o_case_complaint_problems", page)
                self.assertIn(problem, page)
        self.assertEqual(self.complaints(), before)
        self.assertEqual(self.env["res.partner"].search_count([]), partners)

    def test_script_tags_are_kept_as_text(self):
        page = self.complain(
            name="<script>alert('name')</script>",
            email="sara@example.com",
            description="<script>alert('x')</script><img src=x onerror=alert(1)>",
        )
        self.assertNotIn("<script>alert", page)
        case = self.complaints().filtered(lambda c: c.number in page)
        self.assertNotIn("<script", case.description)
        self.assertNotIn("<img", case.description)
        self.assertIn("&lt;script&gt;", case.description)
        refused = self.complain(
            name="<b>x</b>", email="bad", description="<script>y</script>"
        )
        self.assertNotIn("<script>y", refused)
        self.assertIn("&lt;script&gt;y", refused)

    def test_a_flood_is_stopped_per_address_and_per_contact(self):
        params = self.env["ir.config_parameter"].sudo()
        params.set_param(PARAM % "complaint_contact", 2)
        before = self.complaints()
        for _attempt in range(2):
            self.complain(name="Bot", phone="09121110000", description="spam")
        page = self.complain(name="Bot", phone="+989121110000", description="spam")
        self.assertIn("Too many complaints", page)
        self.assertEqual(len(self.complaints() - before), 2)
        # The address counted those three attempts too.
        params.set_param(PARAM % "complaint_address", 4)
        self.complain(name="Bot", phone="09121110001", description="spam")
        page = self.complain(name="Bot", phone="09121110002", description="spam")
        self.assertIn("Too many complaints", page)
        self.assertEqual(len(self.complaints() - before), 3)

    def test_complaint_without_csrf_token_is_refused(self):
        before = self.complaints()
        response = self.url_open(
            "/case/complaint",
            data={"name": "Sara", "phone": "09121234567", "description": "late"},
        )
        self.assertEqual(response.status_code, 400)
        self.assertEqual(self.complaints(), before)
