# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The customer portal over real HTTP: lists, pages and actions per customer."""

from odoo.tests import tagged

from .common import RpcError
from .portal_common import CasePortalCommon


@tagged("post_install", "-at_install")
class TestCasePortal(CasePortalCommon):
    def test_list_shows_only_the_customers_company_cases(self):
        self.authenticate("portal_ali", "portal_ali")
        page = self.url_open("/my/cases").text
        self.assertIn(self.case_ali.number, page)
        self.assertNotIn(self.case_negin.number, page)
        self.assertNotIn(self.case_other_company.number, page)
        searched = self.url_open(
            "/my/cases", params={"search": self.case_ali.number[-4:]}
        ).text
        self.assertIn(self.case_ali.number, searched)
        closed = self.url_open("/my/cases", params={"filterby": "closed"}).text
        self.assertNotIn(self.case_ali.number, closed)
        # Unknown filters and sortings fall back to the defaults.
        odd = self.url_open(
            "/my/cases", params={"filterby": "x'--", "sortby": "id; drop"}
        )
        self.assertEqual(odd.status_code, 200)
        self.assertIn(self.case_ali.number, odd.text)

    def test_home_counter_counts_the_companys_cases(self):
        self.authenticate("portal_ali", "portal_ali")
        counters = self.make_jsonrpc_request(
            "/my/counters", {"counters": ["case_count"]}
        )
        self.assertEqual(counters["case_count"], 1)

    def test_case_page_shows_status_due_date_and_conversation(self):
        self.case_ali.with_user(self.agent).message_post(
            body="We are on our way.",
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )
        self.authenticate("portal_ali", "portal_ali")
        response = self.url_open(f"/my/cases/{self.case_ali.id}")
        self.assertEqual(response.status_code, 200)
        self.assertIn(self.case_ali.number, response.text)
        self.assertIn(self.case_ali.stage_id.name, response.text)
        self.assertIn('id="discussion"', response.text)
        self.assertIn("o_case_date_deadline", response.text)

    def test_other_customers_and_companies_cases_are_not_found(self):
        self.authenticate("portal_ali", "portal_ali")
        missing_id = self.case_negin.id + 100000
        for case_id in (self.case_negin.id, self.case_other_company.id, missing_id):
            with self.subTest(case_id=case_id):
                # The same answer for all: back to the portal home, no data.
                response = self.url_open(f"/my/cases/{case_id}")
                self.assertTrue(response.url.endswith("/my"), response.url)
                self.assertNotIn(self.case_negin.number, response.text)
                self.assertNotIn(self.case_other_company.number, response.text)
        for action in ("confirm", "reopen", "callback"):
            response = self.post_form(
                f"/my/cases/{self.case_negin.id}/{action}",
                {"reason": "not solved", "phone": "09121234567"},
                form_url="/my/cases/new",
            )
            self.assertNotIn(self.case_negin.number, response.text)
        self.assertEqual(self.case_negin.state, "open")
        self.assertFalse(
            self.case_negin.activity_ids.filtered(
                lambda a: (
                    a.activity_type_id == self.env.ref("mail.mail_activity_data_call")
                )
            )
        )

    def test_post_without_csrf_token_is_refused(self):
        self.mark_done(self.case_ali)
        self.authenticate("portal_ali", "portal_ali")
        response = self.url_open(
            f"/my/cases/{self.case_ali.id}/confirm", data={"x": "1"}
        )
        self.assertEqual(response.status_code, 400)
        self.assertEqual(self.case_ali.state, "done")

    def test_confirming_a_case_the_desk_opened_is_recorded_for_its_creator(self):
        self.mark_done(self.case_ali)
        self.authenticate("portal_ali", "portal_ali")
        url = f"/my/cases/{self.case_ali.id}"
        self.post_form(f"{url}/confirm", {}, form_url=url)
        self.assertEqual(self.case_ali.state, "done", "the creator approves")
        self.assertIn(self.operator, self.case_ali.unseen_user_ids)
        last = self.case_ali.message_ids[0]
        self.assertEqual(last.author_id, self.customer_contact)
        self.assertIn("resolved", last.body)

    def test_customer_who_opened_the_case_approves_or_rejects_it(self):
        self.authenticate("portal_ali", "portal_ali")
        types = self.env["crm.case"].with_user(self.portal_ali)._portal_case_types()
        response = self.post_form(
            "/my/cases/new",
            {
                "type_id": types[:1].id,
                "name": "Router blinks red",
                "description": "Since this morning the router blinks red.",
            },
        )
        case = self.env["crm.case"].search([("name", "=", "Router blinks red")])
        self.assertIn(case.number, response.text)
        self.assertEqual(case.create_uid, self.portal_ali)
        case.user_id = self.agent
        self.mark_done(case)
        url = f"/my/cases/{case.id}"
        page = self.post_form(f"{url}/reopen", {"reason": "   "}, form_url=url)
        self.assertIn("o_case_error", page.text)
        self.assertEqual(case.state, "done")
        self.post_form(f"{url}/reopen", {"reason": "Still red."}, form_url=url)
        self.assertEqual(case.state, "rejected")
        self.assertEqual(case.reject_reason, "Still red.")
        self.mark_done(case)
        self.post_form(f"{url}/confirm", {}, form_url=url)
        self.assertEqual(case.state, "closed")

    def test_reopening_a_closed_case_asks_the_desk(self):
        self.mark_done(self.case_ali)
        self.case_ali.with_user(self.operator).action_approve()
        self.authenticate("portal_ali", "portal_ali")
        url = f"/my/cases/{self.case_ali.id}"
        self.post_form(
            f"{url}/reopen", {"reason": "The fuse blew again."}, form_url=url
        )
        self.assertEqual(self.case_ali.state, "closed")
        activity = self.case_ali.activity_ids.filtered(
            lambda a: a.user_id == self.agent
        )
        self.assertIn("The fuse blew again.", activity.note)

    def test_call_me_back_creates_an_activity_for_the_assignee(self):
        self.authenticate("portal_ali", "portal_ali")
        url = f"/my/cases/{self.case_ali.id}"
        response = self.post_form(
            f"{url}/callback", {"phone": "۰۹۱۲۳۴۵۶۷۸۹"}, form_url=url
        )
        self.assertNotIn("o_case_error", response.text)
        call = self.env.ref("mail.mail_activity_data_call")
        activity = self.case_ali.activity_ids.filtered(
            lambda a: a.activity_type_id == call
        )
        self.assertEqual(activity.user_id, self.agent)
        self.assertIn("+989123456789", activity.note)
        # Two more requests in the hour: the second is refused.
        self.post_form(f"{url}/callback", {}, form_url=url)
        page = self.post_form(f"{url}/callback", {}, form_url=url)
        self.assertIn("o_case_error", page.text)
        self.assertEqual(
            len(
                self.case_ali.activity_ids.filtered(
                    lambda a: a.activity_type_id == call
                )
            ),
            2,
        )

    def test_new_case_takes_only_what_a_customer_may_choose(self):
        self.type_general.case_properties_definition = [
            {"name": "serial", "string": "Serial", "type": "char"},
            {"name": "units", "string": "Units", "type": "integer"},
            {
                "name": "owner",
                "string": "Owner",
                "type": "many2one",
                "comodel": "res.users",
            },
        ]
        self.type_complaint.portal_selectable = False
        self.authenticate("portal_ali", "portal_ali")
        form = self.url_open("/my/cases/new").text
        self.assertIn('name="prop_serial"', form)
        self.assertNotIn('name="prop_owner"', form)
        self.assertIn(f'<option value="{self.type_general.id}">General', form)
        self.assertNotIn(f'<option value="{self.type_complaint.id}">Complaint', form)
        refused = self.post_form(
            "/my/cases/new",
            {
                "type_id": self.type_complaint.id,
                "name": "Sneaky",
                "description": "x",
            },
        )
        self.assertIn("o_case_error", refused.text)
        bad_number = self.post_form(
            "/my/cases/new",
            {
                "type_id": self.type_general.id,
                "name": "N",
                "description": "x",
                "prop_units": "many",
            },
        )
        self.assertIn("o_case_error", bad_number.text)
        self.post_form(
            "/my/cases/new",
            {
                "type_id": self.type_general.id,
                "name": "Label printer jams",
                "description": "<script>alert(1)</script> jams on every label",
                "prop_serial": "LP-42",
                "prop_units": "3",
                "prop_owner": str(self.manager.id),
                "user_id": str(self.manager.id),
                "state": "closed",
                "partner_id": str(self.other_contact.id),
                "company_id": str(self.other_company.id),
            },
        )
        case = self.env["crm.case"].search([("name", "=", "Label printer jams")])
        self.assertEqual(len(case), 1)
        self.assertEqual(case.partner_id, self.customer_contact)
        self.assertEqual(case.state, "open")
        self.assertNotEqual(case.user_id, self.manager)
        self.assertEqual(case.company_id, self.env.company)
        self.assertEqual(
            case.channel_id, self.env.ref("crm_case_management.crm_case_channel_portal")
        )
        self.assertNotIn("<script>", case.description)
        properties = dict(case.case_properties)
        self.assertEqual(properties["serial"], "LP-42")
        self.assertEqual(properties["units"], 3)
        self.assertFalse(properties.get("owner"))

    def test_new_case_page_suggests_articles_for_customers_only(self):
        Article = self.env["crm.case.article"]
        shown = Article.create(
            {
                "name": "Router blinks red",
                "body": "<p>Restart it.</p>",
                "state": "published",
                "portal_published": True,
            }
        )
        internal = Article.create(
            {
                "name": "Router blinks red: internal notes",
                "body": "<p>x</p>",
                "state": "published",
            }
        )
        self.authenticate("portal_ali", "portal_ali")
        found = self.make_jsonrpc_request("/my/cases/suggest", {"query": "router red"})
        ids = [article["id"] for article in found]
        self.assertIn(shown.id, ids)
        self.assertNotIn(internal.id, ids)
        self.assertEqual(
            self.make_jsonrpc_request("/my/cases/suggest", {"query": 5}), []
        )

    def test_knowledge_base_reads_and_counts_one_vote_each(self):
        Article = self.env["crm.case.article"]
        shown = Article.create(
            {
                "name": "Reset your password",
                "body": "<p>Use the link.</p>",
                "state": "published",
                "portal_published": True,
            }
        )
        internal = Article.create(
            {"name": "Reset passwords for agents", "state": "published"}
        )
        self.authenticate("portal_ali", "portal_ali")
        listing = self.url_open("/my/articles", params={"search": "password"}).text
        self.assertIn("Reset your password", listing)
        self.assertNotIn("Reset passwords for agents", listing)
        hidden = self.url_open(f"/my/articles/{internal.id}")
        self.assertTrue(hidden.url.endswith("/my/articles"), hidden.url)
        self.assertNotIn("Reset passwords for agents", hidden.text)
        url = f"/my/articles/{shown.id}"
        self.assertIn("Use the link.", self.url_open(url).text)
        self.post_form(f"{url}/vote", {"helpful": "1"}, form_url=url)
        self.post_form(f"{url}/vote", {"helpful": "1"}, form_url=url)
        self.assertEqual((shown.helpful_count, shown.unhelpful_count), (1, 0))
        self.post_form(f"{url}/vote", {"helpful": "0"}, form_url=url)
        self.assertEqual((shown.helpful_count, shown.unhelpful_count), (0, 1))
        self.post_form(
            f"/my/articles/{internal.id}/vote", {"helpful": "1"}, form_url=url
        )
        self.assertEqual(internal.helpful_count, 0)

    def test_portal_user_cannot_drive_the_workflow_over_rpc(self):
        self.mark_done(self.case_ali)
        for method in ("action_approve", "_portal_confirm_resolution"):
            with self.subTest(method=method), self.assertRaises(RpcError):
                self.call_kw(self.portal_ali, "crm.case", method, [[self.case_ali.id]])
        self.assertEqual(self.case_ali.state, "done")

    def test_customer_replies_with_a_file_through_the_portal_chatter(self):
        self.authenticate("portal_ali", "portal_ali")
        token = self.csrf(f"/my/cases/{self.case_ali.id}")
        upload = self.url_open(
            "/mail/attachment/upload",
            data={
                "thread_id": self.case_ali.id,
                "thread_model": "crm.case",
                "is_pending": "true",
                "csrf_token": token,
            },
            files={"ufile": ("photo.txt", b"the printer's fuse", "text/plain")},
        )
        self.assertEqual(upload.status_code, 200)
        attachment = upload.json()["data"]["attachment_id"]
        self.make_jsonrpc_request(
            "/mail/message/post",
            {
                "thread_model": "crm.case",
                "thread_id": self.case_ali.id,
                "post_data": {
                    "body": "Here is a photo of the fuse.",
                    "message_type": "comment",
                    "subtype_xmlid": "mail.mt_comment",
                    "attachment_ids": [attachment],
                    "attachment_tokens": [
                        self.env["ir.attachment"]
                        .browse(attachment)
                        ._get_ownership_token()
                    ],
                },
            },
        )
        message = self.case_ali.message_ids[0]
        self.assertEqual(message.author_id, self.customer_contact)
        self.assertIn("photo of the fuse", message.body)
        self.assertEqual(message.attachment_ids.name, "photo.txt")
        # Another customer's case takes no message from this customer.
        with self.assertRaises(Exception) as refused:
            self.make_jsonrpc_request(
                "/mail/message/post",
                {
                    "thread_model": "crm.case",
                    "thread_id": self.case_negin.id,
                    "post_data": {"body": "hi", "message_type": "comment"},
                },
            )
        self.assertIn("NotFound", str(refused.exception))
        self.assertNotIn("hi", self.case_negin.message_ids.mapped("body"))

    def test_list_queries_do_not_grow_with_the_cases(self):
        self.authenticate("portal_ali", "portal_ali")
        self.url_open("/my/cases")  # warm-up: assets, translations

        def list_queries():
            self.env.invalidate_all()
            before = self.cr.sql_log_count
            page = self.url_open("/my/cases")
            self.assertEqual(page.status_code, 200)
            return self.cr.sql_log_count - before

        counts = []
        for _round in range(3):
            counts.append(list_queries())
            for index in range(10):
                self._create_case(
                    name=f"Case {index}",
                    partner_id=self.customer_contact.id,
                    user_id=self.agent.id,
                )
        # One case reads less (one stage, one date); from ten cases on the
        # page costs the same whatever their number (16 since the SLA,
        # Jalali and agent's-day fields joined the case).
        self.assertEqual(counts[1], counts[2], counts)
        self.assertLessEqual(counts[2], 16, counts)
