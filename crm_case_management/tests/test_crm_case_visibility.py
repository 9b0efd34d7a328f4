# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Who sees what, tried as an RPC client would try it.

Roles: a portal user of the customer, case users (operator and agents), a
manager, a knowledge editor and internal users outside the Cases groups.
Each test calls the server over HTTP (``/json/2`` with an API key, or
``/web/dataset/call_kw`` in a session for portal users).
"""

from odoo.tests import new_test_user, tagged

from .common import CaseRpcCommon, RpcError

EDITOR_GROUP = "crm_case_management.group_crm_case_kb_editor"
# Fields of a case that are the desk's own business, not the customer's.
INTERNAL_CASE_FIELDS = [
    "reject_reason",
    "reject_count",
    "reopen_count",
    "root_cause_id",
    "unseen_user_ids",
    "is_unseen",
    "queue_id",
    "planned_hours",
    "total_hours",
    "remaining_hours",
    "progress",
    "timesheet_ids",
    "working_hours_to_close",
    "contract_id",
    "contract_line_id",
    "contract_overage",
    "merged_into_id",
    "origin_ref",
    "search_text",
    "duplicate_ids",
    "suggested_article_ids",
    "article_id",
    "parent_id",
    "child_ids",
]
# What the portal pages show of a case: it stays readable.
PORTAL_CASE_FIELDS = [
    "number",
    "name",
    "description",
    "state",
    "stage_id",
    "date_request",
    "date_deadline",
    "partner_id",
    "message_ids",
]
HIDDEN = "Restricted Case"
# Odoo's own fields that the roles below cannot read whatever this addon
# does: their computes need fields of groups or models the reader lacks
# (activities, Discuss calls, rotting stages, timesheets).
CORE_UNREADABLE = {
    "crm.case": {"activity_exception_decoration", "activity_exception_icon"},
    "res.partner": {"rtc_session_ids"},
    "project.project": {"rotting_days", "is_rotting", "timesheet_ids"},
}


@tagged("post_install", "-at_install")
class TestCaseVisibility(CaseRpcCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # No routing: cases assigned by hand sit in personal queues.
        Queue = cls.env["crm.case.queue"]
        Queue.search([("is_default", "=", True)]).is_default = False
        cls.env["crm.case.routing.rule"].search([]).unlink()
        Partner = cls.env["res.partner"]
        cls.portal_user = new_test_user(
            cls.env,
            "case_portal_visibility",
            groups="base.group_portal",
            partner_id=Partner.create(
                {"name": "Portal Contact", "parent_id": cls.customer.id}
            ).id,
        )
        cls.other_portal_user = new_test_user(
            cls.env,
            "case_other_portal_visibility",
            groups="base.group_portal",
            partner_id=Partner.create(
                {"name": "Clinic Contact", "parent_id": cls.other_customer.id}
            ).id,
        )
        cls.editor = new_test_user(
            cls.env, "case_editor_visibility", groups=EDITOR_GROUP, name="Editor"
        )
        # Internal users outside the Cases groups.
        cls.outsider = new_test_user(
            cls.env, "case_outsider", groups="base.group_user", name="Outsider"
        )
        cls.officer = new_test_user(
            cls.env,
            "case_hr_officer",
            groups="base.group_user,project.group_project_user,hr.group_hr_user",
            name="HR Officer",
        )
        cls.case = cls._create_case(user_id=cls.agent.id)
        cls.case.sudo().write(
            {
                "reject_reason": "The printer still stays dark.",
                "planned_hours": 2.0,
            }
        )
        cls.article = cls.env["crm.case.article"].create(
            {
                "name": "Printer stays dark after a power cut",
                "body": "<p>Replace the fuse of the power supply.</p>",
                "state": "published",
                "portal_published": True,
            }
        )

    def assertAccessError(self, call):
        with self.assertRaises(RpcError) as caught:
            call()
        self.assertIn("AccessError", caught.exception.name)
        self.env.invalidate_all()

    def assertRefused(self, call, message):
        with self.assertRaises(RpcError) as caught:
            call()
        self.assertIn(message, caught.exception.message)
        self.env.invalidate_all()

    def _read(self, user, model, records, fields=None):
        """Read as ``user``: json/2 for internal users, call_kw for portal."""
        params = {} if fields is None else {"fields": fields}
        if user.share:
            return self._portal_call(user, model, "read", [records.ids], **params)
        return self.json2(user, model, "read", ids=records.ids, **params)

    def _read_everything(self, user, model, records):
        """Read every field the server lists for ``user``, as a generic client.

        Returns the values and the names of the fields listed.
        """
        if user.share:
            listed = self._portal_call(user, model, "fields_get", [])
        else:
            listed = self.json2(user, model, "fields_get")
        names = sorted(set(listed) - CORE_UNREADABLE.get(model, set()))
        return self._read(user, model, records, names), set(listed)

    def _portal_call(self, user, model, method, args, **kwargs):
        """call_kw in a session, closed afterwards for the API-key calls."""
        try:
            return self.call_kw(user, model, method, args, **kwargs)
        finally:
            self.logout()

    # ------------------------------------------------------------------
    # 1. Internal fields are not the portal's
    # ------------------------------------------------------------------
    def test_portal_user_cannot_read_internal_case_fields(self):
        for field in INTERNAL_CASE_FIELDS:
            with self.subTest(field=field):
                self.assertAccessError(
                    lambda field=field: self._read(
                        self.portal_user, "crm.case", self.case, [field]
                    )
                )
        # A client reading every field it is offered gets the portal's ones.
        [values], listed = self._read_everything(
            self.portal_user, "crm.case", self.case
        )
        self.assertFalse(set(INTERNAL_CASE_FIELDS) & listed)
        self.assertEqual(values["number"], self.case.number)
        [values] = self._read(
            self.portal_user, "crm.case", self.case, PORTAL_CASE_FIELDS
        )
        self.assertEqual(values["state"], "open")

    def test_case_users_read_internal_fields_and_load_the_views(self):
        for user in (self.operator, self.agent, self.manager):
            with self.subTest(user=user.login):
                [values] = self._read(user, "crm.case", self.case, INTERNAL_CASE_FIELDS)
                self.assertEqual(values["planned_hours"], 2.0)
                self.assertEqual(
                    values["reject_reason"], "The printer still stays dark."
                )
                self.assertEqual(values["queue_id"][0], self.case.queue_id.id)
                for view_type in ("list", "form", "kanban", "calendar", "pivot"):
                    self._open_view(user, "crm.case", view_type, self.case)

    def _open_view(self, user, model, view_type, records):
        """Load a view as the web client does, then read what it shows."""
        result = self.json2(user, model, "get_views", views=[[False, view_type]])
        fields = result["models"][model]["fields"]
        spec = {
            name: {"fields": {"display_name": {}}}
            if field["type"] == "many2one"
            else {}
            for name, field in fields.items()
        }
        return self.json2(user, model, "web_read", ids=records.ids, specification=spec)

    def test_article_history_is_for_editors_only(self):
        # Written from a case of Parsian Trading, then rewritten for all.
        article = (
            self.env["crm.case.article"]
            .with_user(self.editor)
            .create(
                {
                    "name": "Dark printer",
                    "body": "<p>Parsian Trading's printer: fuse F2 blown.</p>",
                    "source_case_id": self.case.id,
                }
            )
        )
        article.with_user(self.editor).write(
            {"body": "<p>Replace the blown fuse.</p>", "portal_published": True}
        )
        article.with_user(self.editor).action_publish()
        for user in (self.other_portal_user, self.agent):
            with self.subTest(user=user.login):
                for field in ("html_field_history", "html_field_history_metadata"):
                    self.assertAccessError(
                        lambda user=user, field=field: self._read(
                            user, "crm.case.article", article, [field]
                        )
                    )
                [values], listed = self._read_everything(
                    user, "crm.case.article", article
                )
                self.assertEqual(values["name"], "Dark printer")
                self.assertNotIn("html_field_history", listed)
                self.assertEqual("source_case_id" in listed, not user.share)
        self.assertAccessError(
            lambda: self._portal_call(
                self.other_portal_user,
                "crm.case.article",
                "html_field_history_get_content_at_revision",
                [article.ids, "body", 1],
            )
        )
        restored = self.json2(
            self.editor,
            "crm.case.article",
            "html_field_history_get_content_at_revision",
            ids=article.ids,
            field_name="body",
            revision_id=1,
        )
        self.assertIn("fuse F2", restored)

    # ------------------------------------------------------------------
    # 2. Nobody learns the code or title of a case they cannot read
    # ------------------------------------------------------------------
    def _theirs(self):
        """A case of another customer, opened and worked by other people."""
        return self._create_case(
            user=self.other_agent,
            name="Clinic scanner leaks patient files",
            partner_id=self.other_customer.id,
            user_id=self.other_agent.id,
        )

    def assertHidden(self, value, case):
        self.assertEqual(value[0], case.id)
        self.assertNotIn(case.name, value[1])
        self.assertNotIn(case.number, value[1])
        self.assertEqual(value[1], HIDDEN)

    def test_parent_of_a_follow_up_is_named_only_to_its_readers(self):
        theirs = self._theirs()
        follow_up = self._create_case(
            user=self.manager, parent_id=theirs.id, user_id=self.agent.id
        )
        [values] = self._read(self.agent, "crm.case", follow_up, ["parent_id"])
        self.assertHidden(values["parent_id"], theirs)
        [values] = self.json2(
            self.agent,
            "crm.case",
            "web_read",
            ids=follow_up.ids,
            specification={"parent_id": {"fields": {"display_name": {}}}},
        )
        self.assertEqual(values["parent_id"]["display_name"], HIDDEN)
        [values] = self.json2(
            self.agent,
            "crm.case",
            "web_read_group",
            domain=[("id", "=", follow_up.id)],
            groupby=["parent_id"],
            aggregates=["__count"],
        )["groups"]
        self.assertEqual(values["parent_id"][1], HIDDEN)
        # Who may read the parent sees its name.
        [values] = self._read(self.manager, "crm.case", follow_up, ["parent_id"])
        self.assertEqual(values["parent_id"][1], theirs.display_name)

    def test_source_case_of_an_article_is_named_only_to_its_readers(self):
        theirs = self._theirs()
        article = self.env["crm.case.article"].create(
            {
                "name": "Scanner leaks",
                "body": "<p>Turn off the shared folder.</p>",
                "source_case_id": theirs.id,
                "state": "published",
                "portal_published": True,
            }
        )
        for user in (self.agent, self.operator, self.editor):
            with self.subTest(user=user.login):
                [values] = self._read(
                    user, "crm.case.article", article, ["source_case_id"]
                )
                self.assertHidden(values["source_case_id"], theirs)
        self.assertAccessError(
            lambda: self._read(
                self.portal_user, "crm.case.article", article, ["source_case_id"]
            )
        )
        for user in (self.other_agent, self.manager):
            [values] = self._read(user, "crm.case.article", article, ["source_case_id"])
            self.assertEqual(values["source_case_id"][1], theirs.display_name)

    # ------------------------------------------------------------------
    # 3. Reassigned: the previous assignee's personal queue lets go
    # ------------------------------------------------------------------
    def test_previous_assignee_loses_the_case_after_reassignment(self):
        Queue = self.env["crm.case.queue"]
        agent_queue = Queue._get_personal_queue(self.agent, self.company)
        self.assertEqual(self.case.queue_id, agent_queue)
        self.json2(
            self.agent,
            "crm.case",
            "write",
            ids=self.case.ids,
            vals={"user_id": self.other_agent.id},
        )
        self.env.invalidate_all()
        self.assertEqual(
            self.case.queue_id,
            Queue._get_personal_queue(self.other_agent, self.company),
        )
        self.assertAccessError(
            lambda: self._read(self.agent, "crm.case", self.case, ["name"])
        )
        self._read(self.other_agent, "crm.case", self.case, ["name"])
        # The hand-over still reached the new assignee, under the case's name.
        handover = self.case.activity_ids.filtered(
            lambda activity: activity.user_id == self.other_agent
        )
        self.assertEqual(handover.res_name, self.case.display_name)
        # Taken off everyone: it leaves the personal queue too.
        self.json2(
            self.manager,
            "crm.case",
            "write",
            ids=self.case.ids,
            vals={"user_id": False},
        )
        self.env.invalidate_all()
        self.assertFalse(self.case.queue_id.personal_user_id)
        self.assertAccessError(
            lambda: self._read(self.other_agent, "crm.case", self.case, ["name"])
        )
        # The creator still follows their case.
        self._read(self.operator, "crm.case", self.case, ["name"])

    # ------------------------------------------------------------------
    # 4. Knowledge base: editors publish; one vote each; companies
    # ------------------------------------------------------------------
    def _create_article(self, user, **values):
        vals = {"name": "Paper jam", "body": "<p>Open tray 2.</p>", **values}
        return self.json2(user, "crm.case.article", "create", vals_list=[vals])

    def test_only_editors_publish_articles(self):
        for values in (
            {"state": "published"},
            {"state": "archived"},
            {"portal_published": True},
        ):
            with self.subTest(values=values):
                self.assertRefused(
                    lambda values=values: self._create_article(self.agent, **values),
                    "Only knowledge editors publish",
                )
        [draft_id] = self._create_article(self.agent)
        draft = self.env["crm.case.article"].browse(draft_id)
        self.assertEqual((draft.state, draft.portal_published), ("draft", False))
        self.assertAccessError(
            lambda: self.json2(
                self.agent, "crm.case.article", "action_publish", ids=[draft_id]
            )
        )
        [article_id] = self._create_article(
            self.editor, state="published", portal_published=True
        )
        self.json2(self.editor, "crm.case.article", "action_publish", ids=[draft_id])
        self.env.invalidate_all()
        self.assertEqual(draft.state, "published")
        self.assertTrue(
            self.env["crm.case.article"].browse(article_id).portal_published
        )

    def test_a_vote_stays_with_its_voter(self):
        Vote = self.env["crm.case.article.vote"]
        self.json2(
            self.agent, "crm.case.article", "action_vote_helpful", ids=self.article.ids
        )
        vote = Vote.search([("article_id", "=", self.article.id)])
        self.assertEqual(vote.user_id, self.agent)
        # Handing the vote to someone else, to vote again, is refused.
        for vals in (
            {"user_id": self.other_agent.id},
            {"article_id": self.article.id + 10**6},
        ):
            with self.subTest(vals=vals):
                self.assertRefused(
                    lambda vals=vals: self.json2(
                        self.agent,
                        "crm.case.article.vote",
                        "write",
                        ids=vote.ids,
                        vals=vals,
                    ),
                    "stays with its voter",
                )
        # A vote in someone else's name, or a second one of one's own, too.
        self.assertAccessError(
            lambda: self.json2(
                self.agent,
                "crm.case.article.vote",
                "create",
                vals_list=[
                    {"article_id": self.article.id, "user_id": self.other_agent.id}
                ],
            )
        )
        with self.assertRaises(RpcError):
            self.json2(
                self.agent,
                "crm.case.article.vote",
                "create",
                vals_list=[{"article_id": self.article.id}],
            )
        self.env.invalidate_all()
        self.assertEqual(Vote.search([("article_id", "=", self.article.id)]), vote)
        self.assertEqual((self.article.helpful_count, vote.user_id), (1, self.agent))

    def test_articles_of_another_company_are_hidden(self):
        other_company = self.env["res.company"].create({"name": "Other Co"})
        foreign = self.env["crm.case.article"].create(
            {
                "name": "Other Co printer fix",
                "body": "<p>Their own procedure.</p>",
                "state": "published",
                "portal_published": True,
                "company_id": other_company.id,
            }
        )
        for user in (self.agent, self.editor):
            with self.subTest(user=user.login):
                found = self.json2(
                    user,
                    "crm.case.article",
                    "search",
                    domain=[("id", "in", (foreign | self.article).ids)],
                )
                self.assertEqual(found, self.article.ids)
                self.assertAccessError(
                    lambda user=user: self._read(
                        user, "crm.case.article", foreign, ["name"]
                    )
                )
        self.assertAccessError(
            lambda: self._read(self.portal_user, "crm.case.article", foreign, ["name"])
        )

    # ------------------------------------------------------------------
    # 5. Users outside the Cases groups read partners, projects, employees
    # ------------------------------------------------------------------
    def test_users_outside_the_cases_groups_read_partners(self):
        [values], listed = self._read_everything(
            self.outsider, "res.partner", self.customer
        )
        self.assertEqual(values["name"], "Parsian Trading")
        self.assertNotIn("case_count", listed)
        self._open_view(self.outsider, "res.partner", "form", self.customer)
        # Case users still get the counters.
        [values] = self._read(self.agent, "res.partner", self.customer, ["case_count"])
        self.assertEqual(values["case_count"], 1)

    def test_users_outside_the_cases_groups_read_projects(self):
        project = self.env["project.project"].create(
            {"name": "Printers", "privacy_visibility": "employees"}
        )
        [values], listed = self._read_everything(
            self.officer, "project.project", project
        )
        self.assertEqual(values["name"], "Printers")
        self.assertNotIn("case_hours", listed)
        self._open_view(self.officer, "project.project", "form", project)

    def test_users_outside_the_cases_groups_read_employees(self):
        employee = self.env["hr.employee"].create(
            {"name": "Sara Ahmadi", "user_id": self.agent.id}
        )
        [values], listed = self._read_everything(self.officer, "hr.employee", employee)
        self.assertEqual(values["name"], "Sara Ahmadi")
        self.assertNotIn("case_hours", listed)
        self._open_view(self.officer, "hr.employee", "form", employee)
