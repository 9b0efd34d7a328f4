# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import random
import re

from markupsafe import Markup

from odoo import Command, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL, html2plaintext, is_html_empty

from ..tools.case_number import (
    child_case_number,
    format_case_number,
    normalize_case_number,
)
from ..tools.jalali import format_jalali_date, format_jalali_datetime, is_persian_lang
from ..tools.text_normalize import normalize_text
from ..tools.working_days import nth_working_day, window_for

MANAGER_GROUP = "crm_case_management.group_crm_case_manager"
# Fields the workflow and the chatter keep up to date: writing them is not
# "editing the case", so the edit lock of B3 lets them through.
BOOKKEEPING_FIELDS = {"unseen_user_ids", "color", "access_token"}
BOOKKEEPING_PREFIXES = ("message_", "activity_", "rating_")
OPEN_STATES = ("open", "rejected")
# What the creator may still fill in on a case waiting for approval.
APPROVER_FIELDS = {"root_cause_id"}
# Set by the system only (A3, B1): refused in any write outside the workflow.
SYSTEM_FIELDS = {
    "state",
    "date_request",
    "date_done",
    "date_closed",
    "reject_count",
    "reject_reason",
    "reopen_count",
    "merged_into_id",
}
# Random part of tracking codes: from the OS, so codes are not predictable.
_CODE_RNG = random.SystemRandom()


class CrmCase(models.Model):
    _name = "crm.case"
    _description = "Case"
    # rating.mixin brings mail.thread (listing both breaks the class order).
    _inherit = ["portal.mixin", "rating.mixin", "mail.activity.mixin"]
    _order = "date_request desc, id desc"
    _rec_names_search = ["number", "name"]
    _check_company_auto = True
    _mail_post_access = "read"

    # ------------------------------------------------------------------
    # Fields
    # ------------------------------------------------------------------
    number = fields.Char(
        string="Tracking Code",
        copy=False,
        index="trigram",
        tracking=True,
        help="Given to the customer to follow the case. Leave empty to "
        "get the next code; type one to use your own.",
    )
    name = fields.Char(string="Title", required=True, tracking=True)
    description = fields.Html(required=True)
    resolution = fields.Html(help="What the assignee did to solve the case.")
    company_id = fields.Many2one(
        "res.company",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Customer",
        index=True,
        tracking=True,
        check_company=True,
    )
    commercial_partner_id = fields.Many2one(
        related="partner_id.commercial_partner_id",
        string="Customer Company",
        store=True,
        index=True,
    )
    user_id = fields.Many2one(
        "res.users",
        string="Assignee",
        index=True,
        tracking=True,
        domain="[('share', '=', False), ('company_ids', 'in', company_id)]",
    )
    create_uid = fields.Many2one("res.users", string="Created by", readonly=True)
    type_id = fields.Many2one(
        "crm.case.type",
        string="Case Type",
        required=True,
        index=True,
        tracking=True,
        default=lambda self: self._default_type_id(),
        check_company=True,
    )
    type_partner_required = fields.Boolean(related="type_id.partner_required")
    stage_id = fields.Many2one(
        "crm.case.stage",
        compute="_compute_stage_id",
        store=True,
        readonly=False,
        index=True,
        tracking=True,
        copy=False,
        ondelete="restrict",
        group_expand="_read_group_stage_ids",
        domain="[('type_ids', 'in', type_id)]",
    )
    allowed_stage_ids = fields.Many2many(
        "crm.case.stage", compute="_compute_allowed_stage_ids"
    )
    state = fields.Selection(
        [
            ("open", "In Progress"),
            ("done", "Waiting Approval"),
            ("rejected", "Rejected"),
            ("closed", "Closed"),
        ],
        required=True,
        default="open",
        readonly=True,
        copy=False,
        index=True,
        tracking=True,
    )
    channel_id = fields.Many2one("crm.case.channel", index=True)
    subject_id = fields.Many2one("crm.case.subject", index=True)
    product_id = fields.Many2one("product.product", index=True, check_company=True)
    project_id = fields.Many2one(
        "project.project",
        index=True,
        tracking=True,
        check_company=True,
    )
    classification1_id = fields.Many2one(
        "crm.case.classification",
        string="Classification 1",
        domain="[('dimension', '=', '1')]",
    )
    classification2_id = fields.Many2one(
        "crm.case.classification",
        string="Classification 2",
        domain="[('dimension', '=', '2')]",
    )
    classification3_id = fields.Many2one(
        "crm.case.classification",
        string="Classification 3",
        domain="[('dimension', '=', '3')]",
    )
    urgency_id = fields.Many2one(
        "crm.case.urgency",
        default=lambda self: self._default_urgency_id(),
        tracking=True,
    )
    date_request = fields.Datetime(
        string="Request Date",
        required=True,
        readonly=True,
        default=fields.Datetime.now,
        index=True,
        copy=False,
    )
    date_deadline = fields.Date(
        string="Due Date",
        compute="_compute_date_deadline",
        store=True,
        readonly=False,
        index=True,
        tracking=True,
        copy=False,
        help="Request date plus the urgency's days, counted in working days "
        "of the company's case calendar (days off and holidays skipped).",
    )
    date_done = fields.Datetime(string="Done On", readonly=True, copy=False)
    date_closed = fields.Datetime(string="Closed On", readonly=True, copy=False)
    date_request_jalali = fields.Char(
        string="Request Date (Jalali)", compute="_compute_jalali_dates"
    )
    date_deadline_jalali = fields.Char(
        string="Due Date (Jalali)", compute="_compute_jalali_dates"
    )
    reject_count = fields.Integer(string="Rejections", readonly=True, copy=False)
    reject_reason = fields.Text(
        string="Last Rejection Reason", readonly=True, copy=False
    )
    parent_id = fields.Many2one(
        "crm.case",
        string="Parent Case",
        index=True,
        check_company=True,
        help="The case this one follows up; follow-ups share its code.",
    )
    child_ids = fields.One2many("crm.case", "parent_id", string="Follow-up Cases")
    child_count = fields.Integer(compute="_compute_child_count")
    unseen_user_ids = fields.Many2many(
        "res.users",
        "crm_case_unseen_user_rel",
        "case_id",
        "user_id",
        string="Not Yet Seen By",
        copy=False,
    )
    is_unseen = fields.Boolean(
        string="Unseen", compute="_compute_is_unseen", search="_search_is_unseen"
    )
    is_overdue = fields.Boolean(
        string="Overdue", compute="_compute_is_overdue", search="_search_is_overdue"
    )
    is_locked = fields.Boolean(
        compute="_compute_user_rights",
        help="The current user may no longer edit this case.",
    )
    can_mark_done = fields.Boolean(compute="_compute_user_rights")
    can_approve = fields.Boolean(compute="_compute_user_rights")
    case_properties = fields.Properties(
        "Case Fields", definition="type_id.case_properties_definition", copy=True
    )
    color = fields.Integer("Color Index")
    # Hours (H1-H3)
    timesheet_ids = fields.One2many(
        "account.analytic.line", "case_id", string="Timesheets"
    )
    planned_hours = fields.Float(
        tracking=True, help="Estimate of the support time the case needs."
    )
    total_hours = fields.Float(
        string="Hours Spent",
        compute="_compute_hours",
        store=True,
        aggregator="sum",
        help="Hours logged on the case by the whole team.",
    )
    remaining_hours = fields.Float(
        compute="_compute_hours", store=True, aggregator="sum"
    )
    progress = fields.Float(compute="_compute_hours", store=True, aggregator="avg")
    timesheet_project_mismatch = fields.Boolean(
        compute="_compute_timesheet_project_mismatch",
        help="Some hours of the case are logged on another project.",
    )
    queue_id = fields.Many2one(
        "crm.case.queue",
        index="btree_not_null",
        tracking=True,
        check_company=True,
        help="Routing rules pick the queue of new cases; its members work them.",
    )
    origin_ref = fields.Reference(
        [
            ("mail.message", "Message"),
            ("mail.activity", "Activity"),
            ("calendar.event", "Meeting"),
        ],
        string="Created From",
        readonly=True,
        help="The message, call, meeting or activity this case was opened from.",
    )
    # Duplicates (B8)
    search_text = fields.Text(
        compute="_compute_search_text",
        store=True,
        index="trigram",
        help="Title and description in one spelling, to find look-alikes.",
    )
    duplicate_ids = fields.Many2many(
        "crm.case",
        string="Likely Duplicates",
        compute="_compute_duplicate_ids",
        help="Open cases of the same customer that read alike.",
    )
    merged_into_id = fields.Many2one(
        "crm.case", string="Merged into", readonly=True, index="btree_not_null"
    )
    # Contract and clause (A8, D1-D3)
    contract_id = fields.Many2one(
        "crm.case.contract",
        index="btree_not_null",
        tracking=True,
        check_company=True,
        compute="_compute_contract",
        store=True,
        readonly=False,
        domain="[('partner_id', '=', commercial_partner_id), ('state', '=', 'active')]",
    )
    contract_line_id = fields.Many2one(
        "crm.case.contract.line",
        string="Clause",
        index="btree_not_null",
        tracking=True,
        compute="_compute_contract",
        store=True,
        readonly=False,
        domain="[('contract_id', '=', contract_id)]",
    )
    contract_overage = fields.Boolean(
        compute="_compute_contract_overage",
        help="Part of this case is beyond its clause's allotment.",
    )
    # Knowledge (A9, B4, G2)
    article_id = fields.Many2one(
        "crm.case.article",
        string="Solved with Article",
        index="btree_not_null",
        tracking=True,
        help="The knowledge article that solved the case.",
    )
    suggested_article_ids = fields.Many2many(
        "crm.case.article",
        string="Suggested Articles",
        compute="_compute_suggested_article_ids",
        help="Published articles that best match the case's subject, product and text.",
    )
    # Analysis (H4, H5)
    root_cause_id = fields.Many2one("crm.case.root.cause", index=True, tracking=True)
    type_root_cause_required = fields.Boolean(related="type_id.root_cause_required")
    working_hours_to_close = fields.Float(
        string="Working Hours to Close",
        compute="_compute_working_hours_to_close",
        store=True,
        aggregator="avg",
        help="Working time of the case calendar between request and closing.",
    )
    reopen_count = fields.Integer(string="Reopened", readonly=True, copy=False)

    _number_uniq = models.UniqueIndex(
        "(number)", "This tracking code is already used by another case."
    )
    _state_stage_idx = models.Index("(state, date_deadline)")

    # ------------------------------------------------------------------
    # Defaults and computes
    # ------------------------------------------------------------------
    def _default_type_id(self):
        return self.env["crm.case.type"].search(
            [("company_id", "in", [False, self.env.company.id])], limit=1
        )

    def _default_urgency_id(self):
        urgency = self.env.ref(
            "crm_case_management.crm_case_urgency_normal", raise_if_not_found=False
        )
        return urgency or self.env["crm.case.urgency"].search(
            [("active", "=", True)], limit=1
        )

    @api.depends("type_id")
    def _compute_stage_id(self):
        for case in self:
            if not case.type_id:
                case.stage_id = False
            elif case.type_id not in case.stage_id.type_ids:
                case.stage_id = case.type_id._get_first_stage()

    @api.depends("stage_id", "type_id")
    def _compute_allowed_stage_ids(self):
        for case in self:
            next_stages = case.stage_id.next_stage_ids.filtered(
                lambda stage, case=case: case.type_id in stage.type_ids
            )
            case.allowed_stage_ids = case.stage_id | next_stages

    # Only the case's own request date and urgency move its due date: editing
    # an urgency level or the calendar later does not rewrite history.
    @api.depends("date_request", "urgency_id")
    def _compute_date_deadline(self):
        for company, cases in self.grouped("company_id").items():
            calendar = company._get_case_calendar() if company else False
            for case in cases:
                case.date_deadline = case._get_deadline(calendar)

    def _get_deadline(self, calendar):
        """Request date plus the urgency's days, counted in working days."""
        self.ensure_one()
        if not (self.date_request and self.urgency_id):
            return False
        days = self.urgency_id.days
        if not calendar:
            return fields.Date.add(self.date_request.date(), days=days)
        start = fields.Datetime.context_timestamp(
            self.with_context(tz=calendar.tz), self.date_request
        ).date()
        date_from, date_to = window_for(start, days)
        # Widen the window while holidays push the due date out of it; a
        # calendar with no working day in a year falls back to plain days.
        for _attempt in range(5):
            working = calendar._get_working_dates(date_from, date_to)
            due = nth_working_day(start, days, working)
            if due:
                return due
            date_to = fields.Date.add(date_to, days=(date_to - date_from).days + 1)
        return fields.Date.add(start, days=days)

    @api.depends("date_request", "date_deadline")
    @api.depends_context("lang", "tz")
    def _compute_jalali_dates(self):
        persian = is_persian_lang(self.env.lang)
        for case in self:
            case.date_request_jalali = persian and format_jalali_datetime(
                case.date_request, self.env.tz
            )
            case.date_deadline_jalali = persian and format_jalali_date(
                case.date_deadline
            )

    @api.depends("child_ids")
    def _compute_child_count(self):
        counts = dict(
            self._read_group(
                [("parent_id", "in", self.ids)], ["parent_id"], ["__count"]
            )
        )
        for case in self:
            case.child_count = counts.get(case, 0)

    @api.depends("partner_id", "channel_id", "product_id", "type_id", "date_request")
    def _compute_contract(self):
        """Propose the customer's clause when exactly one fits (A8)."""
        for case in self:
            if case.contract_line_id and not case.contract_line_id._coverage_problem(
                case
            ):
                continue
            clauses = case._matching_clauses()
            if case.contract_id:
                clauses = clauses.filtered(
                    lambda line, case=case: line.contract_id == case.contract_id
                )
            if len(clauses) == 1:
                case.contract_line_id = clauses
                case.contract_id = clauses.contract_id
            else:
                case.contract_line_id = False

    def _matching_clauses(self):
        """Clauses of the customer's valid contracts that cover this case."""
        self.ensure_one()
        if not self.commercial_partner_id:
            return self.env["crm.case.contract.line"]
        day = (self.date_request or fields.Datetime.now()).date()
        contracts = self.env["crm.case.contract"].search(
            [
                ("partner_id", "=", self.commercial_partner_id.id),
                ("state", "=", "active"),
                ("company_id", "in", [self.company_id.id or self.env.company.id]),
            ]
        )
        return contracts.filtered(lambda c: c.is_valid_on(day)).line_ids.filtered(
            lambda line: not line._coverage_problem(self)
        )

    @api.depends("name", "description", "subject_id", "product_id")
    def _compute_suggested_article_ids(self):
        Article = self.env["crm.case.article"]
        for case in self:
            text = f"{case.name or ''} {html2plaintext(case.description or '')}"
            subjects = case.subject_id
            while subjects[-1:].parent_id:  # articles of parent subjects help too
                subjects |= subjects[-1:].parent_id
            case.suggested_article_ids = Article._ranked_search(
                text, subjects=subjects, products=case.product_id, limit=5
            ).filtered(lambda article: article.state == "published")

    @api.depends("name", "description")
    def _compute_search_text(self):
        for case in self:
            case.search_text = normalize_text(
                f"{case.name or ''} {html2plaintext(case.description or '')}"
            )

    @api.depends("search_text", "commercial_partner_id", "state")
    def _compute_duplicate_ids(self):
        for case in self:
            case.duplicate_ids = case._find_duplicates()

    def _find_duplicates(self, threshold=0.3, limit=5):
        """Open cases of the same customer whose text is similar (trigrams)."""
        self.ensure_one()
        if not (self.commercial_partner_id and self.search_text):
            return self.browse()
        readable = self._search(
            [
                ("commercial_partner_id", "=", self.commercial_partner_id.id),
                ("state", "!=", "closed"),
                ("id", "!=", self._origin.id or 0),
            ]
        )
        rows = self.env.execute_query(
            SQL(
                """SELECT id FROM crm_case
                    WHERE id IN %s AND similarity(search_text, %s) >= %s
                 ORDER BY similarity(search_text, %s) DESC, id DESC
                    LIMIT %s""",
                readable.subselect(),
                self.search_text,
                threshold,
                self.search_text,
                limit,
            )
        )
        return self.browse(row[0] for row in rows)

    @api.depends("contract_line_id")
    def _compute_contract_overage(self):
        groups = dict(
            self.env["crm.case.contract.move"]._read_group(
                [("case_id", "in", self.ids)], ["case_id"], ["overage:sum"]
            )
        )
        for case in self:
            case.contract_overage = groups.get(case, 0.0) > 0

    @api.depends("timesheet_ids.unit_amount", "planned_hours")
    def _compute_hours(self):
        if any(self._ids):
            hours = dict(
                self.env["account.analytic.line"]._read_group(
                    [("case_id", "in", self._ids)], ["case_id"], ["unit_amount:sum"]
                )
            )
        else:  # new records in a form: no line is in the database yet
            hours = {
                case: sum(case.timesheet_ids.mapped("unit_amount")) for case in self
            }
        for case in self:
            spent = hours.get(case, 0.0)
            case.total_hours = spent
            case.remaining_hours = case.planned_hours - spent
            case.progress = (
                100.0 * spent / case.planned_hours if case.planned_hours else 0.0
            )

    @api.depends("timesheet_ids.project_id", "project_id", "type_id", "company_id")
    def _compute_timesheet_project_mismatch(self):
        for case in self:
            target = case._get_timesheet_project()
            case.timesheet_project_mismatch = bool(
                target
                and case.timesheet_ids.filtered(
                    lambda line, t=target: line.project_id != t
                )
            )

    @api.depends("date_request", "date_closed")
    def _compute_working_hours_to_close(self):
        for case in self:
            calendar = case.company_id._get_case_calendar()
            if case.date_closed and case.date_request and calendar:
                case.working_hours_to_close = calendar.get_work_hours_count(
                    case.date_request, case.date_closed, compute_leaves=True
                )
            else:
                case.working_hours_to_close = 0.0

    @api.depends("unseen_user_ids")
    @api.depends_context("uid")
    def _compute_is_unseen(self):
        for case in self:
            case.is_unseen = self.env.user in case.unseen_user_ids

    def _search_is_unseen(self, operator, value):
        if operator != "in":
            return NotImplemented
        return [("unseen_user_ids", "in", [self.env.uid])]

    @api.depends("date_deadline", "state")
    def _compute_is_overdue(self):
        today = fields.Date.context_today(self)
        for case in self:
            case.is_overdue = bool(
                case.date_deadline
                and case.date_deadline < today
                and case.state != "closed"
            )

    def _search_is_overdue(self, operator, value):
        if operator != "in":
            return NotImplemented
        return [
            ("date_deadline", "<", fields.Date.context_today(self)),
            ("state", "!=", "closed"),
        ]

    @api.depends("state", "user_id", "resolution")
    @api.depends_context("uid")
    def _compute_user_rights(self):
        user = self.env.user
        is_manager = user.has_group(MANAGER_GROUP)
        for case in self:
            case.is_locked = bool(case._get_lock_reason(user))
            assignee = case.user_id == user or is_manager
            creator = case.create_uid == user or not case.id or is_manager
            case.can_mark_done = assignee and case.state in OPEN_STATES
            case.can_approve = creator and case.state == "done"

    @api.model
    def _read_group_stage_ids(self, stages, domain):
        type_id = self.env.context.get("default_type_id")
        if type_id:
            return stages.search([("type_ids", "in", [type_id])])
        return stages

    @api.depends("number", "name")
    def _compute_display_name(self):
        for case in self:
            case.display_name = (
                f"{case.number} {case.name}" if case.number else case.name
            )

    def _compute_access_url(self):
        for case in self:
            case.access_url = f"/my/cases/{case.id}"

    # ------------------------------------------------------------------
    # Constraints
    # ------------------------------------------------------------------
    @api.constrains("partner_id", "type_id")
    def _check_partner_required(self):
        for case in self:
            if case.type_id.partner_required and not case.partner_id:
                raise ValidationError(
                    self.env._(
                        "Cases of type %(type)s need a customer.",
                        type=case.type_id.display_name,
                    )
                )

    @api.constrains("stage_id", "type_id")
    def _check_stage_in_process(self):
        for case in self:
            if case.stage_id and case.type_id not in case.stage_id.type_ids:
                raise ValidationError(case._stage_not_in_process_message(case.stage_id))

    @api.constrains("contract_id", "contract_line_id", "partner_id", "channel_id")
    def _check_contract(self):
        for case in self:
            problem = case._contract_problem()
            if problem:
                raise ValidationError(problem)

    def _contract_problem(self):
        """Why the case's contract or clause does not fit it (A8, D2)."""
        contract, line = self.contract_id, self.contract_line_id
        if line and line.contract_id != contract:
            return self.env._("The clause must belong to the chosen contract.")
        if not contract:
            return ""
        if not line:
            return self.env._("Choose the clause of contract %s.", contract.name)
        if contract.partner_id != self.commercial_partner_id:
            return self.env._(
                "Contract %(contract)s belongs to %(partner)s, not to this customer.",
                contract=contract.name,
                partner=contract.partner_id.display_name,
            )
        day = (self.date_request or fields.Datetime.now()).date()
        if self.state != "closed" and not contract.is_valid_on(day):
            return self.env._(
                "Contract %(contract)s is not active on %(day)s.",
                contract=contract.name,
                day=day,
            )
        return line._coverage_problem(self)

    @api.constrains("description")
    def _check_description(self):
        for case in self:
            if is_html_empty(case.description):
                raise ValidationError(self.env._("Describe the case."))

    @api.constrains("parent_id")
    def _check_parent_recursion(self):
        if self._has_cycle():
            raise ValidationError(self.env._("A case cannot follow up itself."))

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("number"):
                vals["number"] = normalize_case_number(vals["number"])
            elif vals.get("parent_id"):
                vals["number"] = self.browse(vals["parent_id"])._next_child_number()
            else:
                company = self.env["res.company"].browse(vals.get("company_id"))
                vals["number"] = self._next_number(company or self.env.company)
        cases = super().create(vals_list)
        if not (self.env.su or self.env.user.has_group(MANAGER_GROUP)):
            for case in cases.filtered("stage_id.is_closed"):
                raise UserError(case._closed_by_approval_message())
        for case in cases.filtered("contract_line_id"):
            if case.contract_line_id._is_exhausted_and_blocking():
                raise UserError(case._exhausted_message())
        cases._sync_state_with_stage()
        # Routing may assign; its write hands those cases over itself.
        assigned_by_creator = cases.filtered("user_id")
        cases._route()
        for case in assigned_by_creator:
            case._on_assigned()
        return cases

    def write(self, vals):
        if not self.env.context.get("crm_case_workflow"):
            self._check_system_fields(vals)
            if self._is_real_edit(vals) and not self._is_approver_edit(vals):
                self._check_edit_lock()
        if vals.get("stage_id") and "type_id" not in vals:
            self._check_stage_transition(
                self.env["crm.case.stage"].browse(vals["stage_id"])
            )
        if "number" in vals:
            vals["number"] = normalize_case_number(vals["number"])
        assignees_before = {case: case.user_id for case in self}
        clauses_before = {case: case.contract_line_id for case in self}
        result = super().write(vals)
        if "contract_line_id" in vals:
            for case in self.filtered(
                lambda c: c.contract_line_id != clauses_before[c]
            ):
                case._move_consumption(clauses_before[case])
        if "stage_id" in vals:
            self._sync_state_with_stage()
        if "user_id" in vals:
            for case in self.filtered(lambda c: c.user_id != assignees_before[c]):
                case._on_assigned()
        return result

    @api.ondelete(at_uninstall=False)
    def _unlink_except_locked(self):
        user = self.env.user
        if self.env.su or user.has_group(MANAGER_GROUP):
            return
        for case in self:
            if case.create_uid != user:
                raise UserError(
                    self.env._(
                        "Only the creator of case %(case)s or a manager can delete it.",
                        case=case.display_name,
                    )
                )
            reason = case._get_lock_reason(user)
            if reason:
                raise UserError(reason)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_timesheets(self):
        for case in self:
            # sudo: hours of other employees count too, though the deleting
            # user may only read their own timesheet lines; nothing is changed.
            if case.sudo().timesheet_ids:
                raise UserError(
                    self.env._(
                        "Case %(case)s has hours logged on it; delete or move its "
                        "timesheets first.",
                        case=case.display_name,
                    )
                )

    def copy_data(self, default=None):
        vals_list = super().copy_data(default=default)
        for case, vals in zip(self, vals_list, strict=True):
            vals.setdefault("name", self.env._("%s (copy)", case.name))
        return vals_list

    # ------------------------------------------------------------------
    # Workflow: done, approve, reject (B1-B3)
    # ------------------------------------------------------------------
    def action_done(self):
        """The assignee reports the work done; the creator must approve it."""
        for case in self:
            if not case.can_mark_done:
                raise UserError(
                    self.env._(
                        "Only the assignee of case %(case)s can mark it done, "
                        "and only while it is in progress or rejected.",
                        case=case.display_name,
                    )
                )
            if is_html_empty(case.resolution):
                raise UserError(
                    self.env._(
                        "Write the resolution of case %(case)s before marking it done.",
                        case=case.display_name,
                    )
                )
        self._workflow_write({"state": "done", "date_done": fields.Datetime.now()})
        for case in self:
            case.activity_feedback(
                ["crm_case_management.mail_activity_type_case_handle"]
            )
            case._schedule_activity(
                "crm_case_management.mail_activity_type_case_approve", case.create_uid
            )
            case._mark_unseen(case.create_uid)
        return True

    def action_approve(self):
        """The creator accepts the work: the case moves to its closing stage."""
        for case in self:
            if not case.can_approve:
                raise UserError(
                    self.env._(
                        "Only the creator of case %(case)s can approve it, "
                        "once its assignee has marked it done.",
                        case=case.display_name,
                    )
                )
        self._close()
        self._send_rating_request()
        return True

    def action_reject(self, reason=None):
        """The creator sends the work back to the assignee, with a reason."""
        if not (reason or "").strip():
            raise UserError(self.env._("Say why the case is rejected."))
        for case in self:
            if not case.can_approve:
                raise UserError(
                    self.env._(
                        "Only the creator of case %(case)s can reject it, "
                        "once its assignee has marked it done.",
                        case=case.display_name,
                    )
                )
        for case in self:
            case._workflow_write(
                {
                    "state": "rejected",
                    "date_done": False,
                    "reject_reason": reason,
                    "reject_count": case.reject_count + 1,
                }
            )
            case.message_post(
                body=self.env._("Rejected: %(reason)s", reason=reason),
                subtype_xmlid="mail.mt_note",
            )
            case.activity_feedback(
                ["crm_case_management.mail_activity_type_case_approve"]
            )
            case._schedule_activity(
                "crm_case_management.mail_activity_type_case_handle",
                case.user_id,
                note=reason,
            )
            case._mark_unseen(case.user_id)
        return True

    def action_open_reject_wizard(self):
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Reject Case"),
            "res_model": "crm.case.reject",
            "view_mode": "form",
            "target": "new",
            "context": {"active_ids": self.ids, "active_model": self._name},
        }

    def _close(self):
        for case in self:
            stage = case.stage_id._get_closing_stage()
            if not stage:
                raise UserError(
                    self.env._(
                        'Case %(case)s cannot be closed from stage "%(stage)s": '
                        "move it to a stage that leads to a closing stage first.",
                        case=case.display_name,
                        stage=case.stage_id.display_name,
                    )
                )
            case._check_root_cause()
            case._workflow_write({"stage_id": stage.id})
            case.activity_feedback(
                [
                    "crm_case_management.mail_activity_type_case_approve",
                    "crm_case_management.mail_activity_type_case_handle",
                ]
            )
        return True

    def _exhausted_message(self):
        return self.env._(
            "Clause %(clause)s of contract %(contract)s is used up; it does not "
            "accept new cases.",
            clause=self.contract_line_id.name,
            contract=self.contract_id.name,
        )

    def _clause_sudo(self):
        """The case's clause, to book its consumption.

        sudo: whoever closes, reopens or re-files a case moves the clause
        balance; that bookkeeping is not the contract management the
        Cases / Manager group keeps for itself. Only the movements this
        case causes are written.
        """
        return self.contract_line_id.sudo()

    def _consumed_units(self, line):
        """What this case takes from ``line`` when closed or logged."""
        self.ensure_one()
        if line.allotment_type == "hours":
            return self.total_hours
        return (
            1.0 if self.state == "closed" and self.stage_id.consumes_contract else 0.0
        )

    def _move_consumption(self, old_line):
        """The case changed clause: give back to the old, take from the new."""
        self.ensure_one()
        # sudo: balances are contract bookkeeping (see _clause_sudo).
        if old_line:
            old_line.sudo()._give_back(self)
        new_line = self._clause_sudo()
        if new_line:
            if new_line._is_exhausted_and_blocking() and self.state != "closed":
                raise UserError(self._exhausted_message())
            units = self._consumed_units(new_line)
            if units:
                new_line._consume(units, self)

    # ------------------------------------------------------------------
    # Merge (B8)
    # ------------------------------------------------------------------
    def action_open_merge_wizard(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Merge Cases"),
            "res_model": "crm.case.merge",
            "view_mode": "form",
            "target": "new",
            "context": {
                "default_keep_id": self.id,
                "default_case_ids": (self | self.duplicate_ids).ids,
            },
        }

    def _merge_into(self, keep):
        """Move everything of these cases into ``keep`` and close them.

        Messages, attachments, timesheets and followers move; the merged
        cases close in a stage that uses no contract unit, and both sides
        keep a link in their chatter.
        """
        others = self - keep
        if not others:
            return keep
        others.check_access("write")
        keep.check_access("write")
        # sudo: messages and attachments follow the cases the user was
        # just allowed to write; their own rules would block the move.
        self.env["mail.message"].sudo().search(
            [("model", "=", self._name), ("res_id", "in", others.ids)]
        ).write({"res_id": keep.id})
        self.env["ir.attachment"].sudo().search(
            [("res_model", "=", self._name), ("res_id", "in", others.ids)]
        ).write({"res_id": keep.id})
        others.sudo().timesheet_ids.write({"case_id": keep.id})
        keep.message_subscribe(partner_ids=others.message_partner_ids.ids)
        for case in others:
            stage = case._merge_stage()
            case._workflow_write({"merged_into_id": keep.id, "stage_id": stage.id})
            case.message_post(
                body=Markup(self.env._("Merged into %s.")) % keep._get_html_link()
            )
            keep.message_post(
                body=Markup(self.env._("%s was merged into this case."))
                % case._get_html_link()
            )
        return keep

    def _merge_stage(self):
        closing = self.type_id.stage_ids.filtered("is_closed")
        return (
            closing.filtered(lambda stage: not stage.consumes_contract)[:1]
            or closing.sorted("sequence")[-1:]
        )

    # ------------------------------------------------------------------
    # Mail gateway (E4)
    # ------------------------------------------------------------------
    @api.model
    def message_new(self, msg_dict, custom_values=None):
        """A new e-mail opens a case, or joins the case its subject names."""
        subject = msg_dict.get("subject") or ""
        existing = self._find_by_number_in(subject)
        if existing:
            return existing
        values = dict(custom_values or {})
        email_channel = self.env.ref(
            "crm_case_management.crm_case_channel_email", raise_if_not_found=False
        )
        partner = self.env["res.partner"].browse(msg_dict.get("author_id"))
        if not partner and msg_dict.get("email_from"):
            partner = self.env["res.partner"].find_or_create(msg_dict["email_from"])
        values.setdefault("name", subject or self.env._("No Subject"))
        values.setdefault("description", msg_dict.get("body") or Markup("<p>-</p>"))
        values.setdefault("partner_id", partner.id)
        if email_channel:
            values.setdefault("channel_id", email_channel.id)
        if not values.get("type_id"):
            values["type_id"] = self._default_type_id().id
        # The gateway user is not the assignee; routing decides.
        return super(CrmCase, self.with_context(default_user_id=False)).message_new(
            msg_dict, custom_values=values
        )

    @api.model
    def action_new_from(self, model, res_id):
        """A new case form, prefilled from a message, activity or meeting (E4)."""
        if model not in dict(self._fields["origin_ref"].selection):
            raise UserError(self.env._("Cases cannot be opened from this record."))
        origin = self.env[model].browse(res_id).exists()
        if not origin:
            raise UserError(self.env._("The record to open a case from is gone."))
        origin.check_access("read")
        defaults = {
            f"default_{name}": value
            for name, value in self._values_from_origin(origin).items()
            if value
        }
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("New Case"),
            "res_model": self._name,
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "current",
            "context": {**defaults, "default_origin_ref": f"{model},{origin.id}"},
        }

    def _values_from_origin(self, origin):
        """Case values a message, activity or meeting suggests."""
        channel = self.env.ref  # channel("xmlid") reads better below
        if origin._name == "mail.message":
            author = origin.author_id
            partner = (
                author
                if not author.user_ids.filtered(lambda user: not user.share)
                else self._document_partner(origin.model, origin.res_id)
            )
            return {
                "name": origin.subject
                or html2plaintext(origin.body or "")[:80]
                or origin.record_name,
                "description": origin.body,
                "partner_id": partner.id,
                "channel_id": channel("crm_case_management.crm_case_channel_email").id
                if origin.message_type == "email"
                else False,
            }
        if origin._name == "mail.activity":
            is_call = origin.activity_category == "phonecall"
            return {
                "name": origin.summary or origin.activity_type_id.name,
                "description": origin.note,
                "partner_id": self._document_partner(
                    origin.res_model, origin.res_id
                ).id,
                "channel_id": channel("crm_case_management.crm_case_channel_phone").id
                if is_call
                else False,
            }
        attendees = origin.partner_ids.filtered(
            lambda partner: not partner.user_ids.filtered(lambda user: not user.share)
        )
        return {
            "name": origin.name,
            "description": origin.description,
            "partner_id": attendees[:1].id,
            "channel_id": channel("crm_case_management.crm_case_channel_in_person").id,
        }

    def _document_partner(self, model, res_id):
        """The customer of the record a message or activity belongs to."""
        if not model or model not in self.env or not res_id:
            return self.env["res.partner"]
        record = self.env[model].browse(res_id)
        if model == "res.partner":
            return record
        if "partner_id" in record._fields:
            return record.partner_id
        return self.env["res.partner"]

    @api.model
    def _find_by_number_in(self, text):
        """The case whose tracking code appears in ``text`` (a subject)."""
        for token in re.findall(r"[\w/-]+", text or ""):
            if any(char.isdigit() for char in token):
                case = self.search(
                    [("number", "=", normalize_case_number(token))], limit=1
                )
                if case:
                    return case
        return self.browse()

    # ------------------------------------------------------------------
    # Knowledge base (B4, G2)
    # ------------------------------------------------------------------
    def action_solve_with_article(self, article):
        """Close the case as solved by ``article``, through the normal path.

        The article becomes the resolution; the case is marked done (and
        assigned to the current user if it had nobody) and, when the current
        user may approve it, approved; otherwise it waits for its creator.
        """
        self.ensure_one()
        article = self.env["crm.case.article"].browse(getattr(article, "id", article))
        if article.state != "published":
            raise UserError(self.env._("Only a published article can solve a case."))
        if not self.user_id:
            self.user_id = self.env.user
        note = self.env._("Solved with the article %s.", article.name)
        self.write(
            {
                "article_id": article.id,
                "resolution": Markup("<p>%s</p>%s") % (note, article.body or ""),
            }
        )
        self.action_done()
        if self.can_approve:
            self.action_approve()
        return True

    def action_send_article(self, article):
        """Post the article to the customer in the chatter (G2)."""
        self.ensure_one()
        article = self.env["crm.case.article"].browse(getattr(article, "id", article))
        if not self.partner_id:
            raise UserError(self.env._("The case has no customer to send it to."))
        self.message_post(
            body=Markup("<h4>%s</h4>%s") % (article.name, article.body or ""),
            partner_ids=self.partner_id.ids,
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )
        return True

    def action_create_article(self):
        """Write the solution back as a draft article (B4)."""
        self.ensure_one()
        if self.state != "closed":
            raise UserError(self.env._("Only a closed case can become an article."))
        article = self.env["crm.case.article"].create(
            {
                "name": self.name,
                "body": Markup("<h3>%s</h3>%s<h3>%s</h3>%s")
                % (
                    self.env._("Problem"),
                    self.description or "",
                    self.env._("Solution"),
                    self.resolution or "",
                ),
                "subject_ids": self.subject_id.ids,
                "product_ids": self.product_id.ids,
                "source_case_id": self.id,
                "state": "draft",
            }
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": "crm.case.article",
            "res_id": article.id,
            "view_mode": "form",
        }

    def _check_root_cause(self):
        self.ensure_one()
        if self.type_id.root_cause_required and not self.root_cause_id:
            raise UserError(
                self.env._(
                    "Choose the root cause of case %(case)s before closing it.",
                    case=self.display_name,
                )
            )

    def _send_rating_request(self):
        """Ask the customer to rate the support they got (H5)."""
        template = self.env.ref(
            "crm_case_management.mail_template_crm_case_rating",
            raise_if_not_found=False,
        )
        if not template:
            return
        for case in self:
            if case.type_id.rating_request and case.partner_id.email:
                case.rating_send_request(
                    template, lang=case.partner_id.lang, force_send=False
                )

    # ------------------------------------------------------------------
    # Hours (H1-H3)
    # ------------------------------------------------------------------
    def _get_timesheet_project(self, raise_if_missing=False):
        """The project hours on this case are logged on.

        The case's project, else its type's support project, else the
        company's; each must accept timesheets.
        """
        self.ensure_one()
        project = (
            self.project_id
            or self.type_id.project_id
            or self.company_id.case_project_id
        )
        if raise_if_missing and not project:
            raise UserError(
                self.env._(
                    "Case %(case)s has no project to log hours on: set a project "
                    "on the case, on its case type or in the Cases settings.",
                    case=self.display_name or self.name,
                )
            )
        if raise_if_missing and not project.allow_timesheets:
            raise UserError(
                self.env._(
                    "Project %(project)s does not accept timesheets: turn on "
                    "Timesheets on the project or pick another one.",
                    project=project.display_name,
                )
            )
        return project

    def action_move_timesheets(self):
        """Move the case's hours to its current project, once confirmed."""
        for case in self:
            target = case._get_timesheet_project(raise_if_missing=True)
            lines = case.timesheet_ids.filtered(
                lambda line, t=target: line.project_id != t
            )
            lines.write({"project_id": target.id})
        return True

    def action_view_hours(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "crm_case_management.crm_case_timesheet_report_action"
        )
        action["domain"] = [("case_id", "=", self.id)]
        action["context"] = {"pivot_row_groupby": ["employee_id"]}
        return action

    def _workflow_write(self, vals):
        return self.with_context(crm_case_workflow=True).write(vals)

    # ------------------------------------------------------------------
    # Unseen work (B7)
    # ------------------------------------------------------------------
    def action_mark_seen(self):
        """Clear the current user's unseen marker on these cases."""
        # sudo: only the caller's own marker is removed, on cases the caller
        # could read (``self`` went through record rules to get here).
        self.check_access("read")
        unseen = self.filtered("is_unseen")
        unseen.sudo()._workflow_write(
            {"unseen_user_ids": [Command.unlink(self.env.uid)]}
        )
        return True

    @api.model
    def action_mark_all_seen(self):
        """Clear the current user's unseen marker on every case."""
        self.search([("is_unseen", "=", True)]).action_mark_seen()
        return True

    def _mark_unseen(self, users):
        """Flag the case as new work for ``users`` (not for the actor)."""
        users = users - self.env.user
        if users:
            self._workflow_write(
                {"unseen_user_ids": [Command.link(user.id) for user in users]}
            )

    # ------------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------------
    def _next_number(self, company):
        serial = self.env["ir.sequence"].with_company(company).next_by_code("crm.case")
        if not serial:
            raise UserError(
                self.env._(
                    "The sequence of case numbers (code crm.case) is missing; "
                    "ask an administrator to restore it."
                )
            )
        return format_case_number(
            company.case_number_prefix,
            serial,
            company.case_number_random_digits,
            _CODE_RNG,
        )

    def _next_child_number(self):
        self.ensure_one()
        siblings = self.with_context(active_test=False).search(
            [("parent_id", "=", self.id)]
        )
        return child_case_number(self.number, siblings.mapped("number"))

    def _is_real_edit(self, vals):
        return any(
            name not in BOOKKEEPING_FIELDS and not name.startswith(BOOKKEEPING_PREFIXES)
            for name in vals
        )

    def _is_approver_edit(self, vals):
        """The creator still picks the root cause while approving."""
        return set(vals) <= APPROVER_FIELDS and all(case.can_approve for case in self)

    def _get_lock_reason(self, user):
        """Why ``user`` may no longer edit this case, or an empty string (B3)."""
        self.ensure_one()
        if user.has_group(MANAGER_GROUP):
            return ""
        if self.state == "closed":
            return self.env._(
                "Case %(case)s is closed; only a manager can change it.",
                case=self.display_name,
            )
        is_only_creator = self.create_uid == user and self.user_id != user
        if is_only_creator and (
            self.state == "done" or not is_html_empty(self.resolution)
        ):
            return self.env._(
                "The assignee has already worked on case %(case)s: you can "
                "approve or reject it, but no longer edit or delete it.",
                case=self.display_name,
            )
        return ""

    def _check_system_fields(self, vals):
        if self.env.su:
            return
        protected = SYSTEM_FIELDS.intersection(vals)
        if protected:
            names = ", ".join(
                self._fields[name]._description_string(self.env)
                for name in sorted(protected)
            )
            raise UserError(
                self.env._("%(fields)s are set by the system.", fields=names)
            )

    def _check_edit_lock(self):
        if self.env.su:
            return
        for case in self:
            reason = case._get_lock_reason(self.env.user)
            if reason:
                raise UserError(reason)

    def _check_stage_transition(self, new_stage):
        """Refuse moves the case's process does not allow (B5)."""
        is_manager = self.env.su or self.env.user.has_group(MANAGER_GROUP)
        closing_allowed = self.env.context.get("crm_case_workflow") or is_manager
        for case in self:
            if case.stage_id == new_stage:
                continue
            if case.type_id not in new_stage.type_ids:
                raise ValidationError(case._stage_not_in_process_message(new_stage))
            if case.stage_id and new_stage not in case.stage_id.next_stage_ids:
                raise ValidationError(
                    self.env._(
                        'Case %(case)s cannot move from "%(from)s" to "%(to)s". '
                        "Allowed next stages: %(allowed)s.",
                        case=case.display_name,
                        **{"from": case.stage_id.display_name},
                        to=new_stage.display_name,
                        allowed=", ".join(case.stage_id.next_stage_ids.mapped("name"))
                        or "-",
                    )
                )
            if new_stage.is_closed and not closing_allowed:
                raise UserError(case._closed_by_approval_message())

    def _stage_not_in_process_message(self, stage):
        return self.env._(
            'Stage "%(stage)s" is not part of the process of %(type)s.',
            stage=stage.display_name,
            type=self.type_id.display_name,
        )

    def _closed_by_approval_message(self):
        return self.env._(
            "A case is closed by approval: mark case %(case)s done "
            "and let its creator approve it.",
            case=self.display_name,
        )

    def _sync_state_with_stage(self):
        now = fields.Datetime.now()
        closing = self.filtered(lambda c: c.stage_id.is_closed and c.state != "closed")
        for case in closing:
            case._check_root_cause()
        closing._workflow_write({"state": "closed", "date_closed": now})
        for case in closing.filtered("contract_line_id"):
            line = case._clause_sudo()
            if line.allotment_type == "cases" and case.stage_id.consumes_contract:
                line._consume(1.0, case)
        reopened = self.filtered(
            lambda c: not c.stage_id.is_closed and c.state == "closed"
        )
        for case in reopened.filtered("contract_line_id"):
            if case.contract_line_id.allotment_type == "cases":
                case._clause_sudo()._give_back(case)
        for case in reopened:
            case._workflow_write(
                {
                    "state": "open",
                    "date_closed": False,
                    "date_done": False,
                    "reopen_count": case.reopen_count + 1,
                }
            )

    # ------------------------------------------------------------------
    # Queues: routing and assignment (E1-E3)
    # ------------------------------------------------------------------
    def action_route_again(self):
        """Run the routing rules again, and assign if the queue does."""
        self._route(force=True)
        return True

    def _route(self, force=False):
        # sudo: rules and queue membership are configuration every case
        # creator relies on, whatever their own access to it.
        queues = self.env["crm.case.routing.rule"].sudo()._route(self)
        for case, queue in queues.items():
            if queue and (force or not case.queue_id):
                case._workflow_write({"queue_id": queue.id})
            if case.queue_id and not case.user_id and case.state != "closed":
                assignee = case.queue_id.sudo()._pick_assignee(case)
                if assignee:
                    case._workflow_write({"user_id": assignee.id})

    def _on_assigned(self):
        """New assignee: hand the work over as an activity and mark it unseen."""
        self.ensure_one()
        handle = "crm_case_management.mail_activity_type_case_handle"
        self.activity_unlink([handle])
        if (
            self.user_id
            and not self.queue_id
            and self.company_id in self.user_id.company_ids
        ):
            queue = self.env["crm.case.queue"]._get_personal_queue(
                self.user_id, self.company_id
            )
            self._workflow_write({"queue_id": queue.id})
        if self.user_id and self.state in OPEN_STATES:
            self._schedule_activity(handle, self.user_id)
        self._mark_unseen(self.user_id)

    def _schedule_activity(self, xmlid, user, note=None):
        if user:
            self.activity_schedule(
                xmlid,
                date_deadline=self.date_deadline or fields.Date.context_today(self),
                user_id=user.id,
                note=note,
            )
