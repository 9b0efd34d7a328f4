# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The case record: its fields, numbering, due date, guards and CRUD.

The other concerns of ``crm.case`` live beside this file, each extending the
same model: ``crm_case_workflow`` (process, done, approve, reject, unseen work),
``crm_case_number`` (tracking codes, follow-ups sharing a code),
``crm_case_entitlement`` (contract and clause), ``crm_case_timesheet``
(hours), ``crm_case_routing`` (queues), ``crm_case_intake`` (mail and
create-from), ``crm_case_duplicate`` and ``crm_case_knowledge``.
``create`` and ``write`` below call them in a visible order.
"""

import functools

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import is_html_empty

from ..tools.case_number import normalize_case_number
from ..tools.working_days import nth_working_day, window_for

MANAGER_GROUP = "crm_case_management.group_crm_case_manager"
# A case is someone's work until it is closed; the assignee's turn is while
# it is in progress or back from a rejection.
OPEN_STATES = ("open", "rejected", "done")
ASSIGNEE_STATES = ("open", "rejected")
# Fields the workflow and the chatter keep up to date: writing them is not
# "editing the case", so the edit lock lets them through.
BOOKKEEPING_FIELDS = {"unseen_user_ids", "color", "access_token"}
BOOKKEEPING_PREFIXES = ("message_", "activity_", "rating_")
# What the creator may still fill in on a case waiting for approval.
APPROVER_FIELDS = {"root_cause_id"}
# Set by the system only: refused in any write outside the workflow.
SYSTEM_FIELDS = {
    "state",
    "date_request",
    "date_done",
    "date_closed",
    "reject_count",
    "reject_reason",
    "reopen_count",
    "merged_into_id",
    # Bookkeeping the workflow and the portal keep as the system: who has
    # not seen the case yet, and the customer's link to it.
    "unseen_user_ids",
    "access_token",
    # The SLA engine's record of the case.
    "sla_line_ids",
    "sla_policy_id",
    "sla_policy_reason",
    "date_first_response",
    "escalation_level",
    "date_approval_reminder",
    "date_due_reminder",
}


class CrmCase(models.Model):
    _name = "crm.case"
    _description = "Case"
    # rating.mixin brings mail.thread (listing both breaks the class order).
    _inherit = ["portal.mixin", "rating.mixin", "mail.activity.mixin"]
    _order = "date_request desc, id desc"
    _rec_names_search = ["number", "name"]
    _check_company_auto = True
    _mail_post_access = "read"

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
    case_properties = fields.Properties(
        "Case Fields", definition="type_id.case_properties_definition", copy=True
    )
    color = fields.Integer("Color Index")

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

    def _fill_default_type(self, vals_list):
        """Look the default type up once for a batch, not once per case."""
        missing = [
            vals
            for vals in vals_list
            if "type_id" not in vals and "default_type_id" not in self.env.context
        ]
        if missing:
            type_id = self._default_type_id().id
            for vals in missing:
                vals["type_id"] = type_id

    def _default_urgency_id(self):
        # The xmlid lookup is cached and its record known to exist (deleting
        # a record deletes its xmlid), so a new case costs no query here.
        urgency_id = self.env["ir.model.data"]._xmlid_to_res_id(
            "crm_case_management.crm_case_urgency_normal", raise_if_not_found=False
        )
        Urgency = self.env["crm.case.urgency"]
        return Urgency.browse(urgency_id) or Urgency.search(
            [("active", "=", True)], limit=1
        )

    # Only the case's own request date and urgency move its due date: editing
    # an urgency level or the calendar later does not rewrite history.
    @api.depends("date_request", "urgency_id")
    def _compute_date_deadline(self):
        for company, cases in self.grouped("company_id").items():
            calendar = company._get_case_calendar() if company else False
            # Cases created together share their window of working dates.
            working_dates = functools.cache(
                calendar._get_working_dates if calendar else lambda *window: None
            )
            for case in cases:
                case.date_deadline = case._get_deadline(calendar, working_dates)

    def _get_deadline(self, calendar, working_dates):
        """Request date plus the urgency's days, counted in working days.

        ``working_dates(date_from, date_to)`` gives the calendar's working
        dates in a window.
        """
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
            due = nth_working_day(start, days, working_dates(date_from, date_to))
            if due:
                return due
            date_to = fields.Date.add(date_to, days=(date_to - date_from).days + 1)
        return fields.Date.add(start, days=days)

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

    @api.constrains("description")
    def _check_description(self):
        for case in self:
            if is_html_empty(case.description):
                raise ValidationError(self.env._("Describe the case."))

    # ------------------------------------------------------------------
    # CRUD: the order in which each concern sees a new or changed case
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        self._check_create_allowed(vals_list)
        self._fill_default_type(vals_list)
        self._assign_numbers(vals_list)
        self._give_portal_tokens(vals_list)
        self._assign_before_create(vals_list)
        cases = super().create(vals_list)
        cases._sla_hold()  # clocks start once the case is complete
        cases._preset_totals_of_new_cases(vals_list)
        cases._check_not_created_closed()
        cases._check_clauses_accept_new_cases()
        cases._sync_state_with_stage()
        # Routing may assign; its write hands those cases over itself.
        assigned_by_creator = cases.filtered("user_id")
        cases._route()
        assigned_by_creator._on_assigned(created=True)
        cases._sla_start()
        return cases

    def write(self, vals):
        self._check_write_allowed(vals)
        if "number" in vals:
            vals["number"] = normalize_case_number(vals["number"])
        assignees_before = {case: case.user_id for case in self}
        clauses_before = {case: case.contract_line_id for case in self}
        result = super().write(vals)
        self._move_consumption(clauses_before)
        if "stage_id" in vals:
            self._sync_state_with_stage()
        if "user_id" in vals:
            self.filtered(
                lambda case: case.user_id != assignees_before[case]
            )._on_assigned()
        self._sla_on_write(vals)
        self._on_write_reminders(vals)
        return result

    @api.ondelete(at_uninstall=False)
    def _unlink_except_locked(self):
        user = self.env.user
        if self._is_manager():
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

    def copy_data(self, default=None):
        vals_list = super().copy_data(default=default)
        for case, vals in zip(self, vals_list, strict=True):
            vals.setdefault("name", self.env._("%s (copy)", case.name))
        return vals_list

    # ------------------------------------------------------------------
    # Guards: who may change what
    # ------------------------------------------------------------------
    # Nothing here reads the context or anything else a client can send:
    # only the superuser writes what the system sets, and the workflow
    # methods become the superuser (``_workflow_write``) only after checking
    # the caller's right themselves.
    def _check_create_allowed(self, vals_list):
        if self.env.su:
            return
        # Odoo adds context defaults (default_state=...) to the values after
        # this override, so they are refused here too.
        defaults = {
            key[len("default_") :]
            for key in self.env.context
            if key.startswith("default_")
        }
        for vals in vals_list:
            self._check_client_fields(set(vals) | defaults, creating=True)

    def _check_write_allowed(self, vals):
        if not self.env.su:
            self._check_client_fields(set(vals))
            if self._is_real_edit(vals) and not self._is_approver_edit(vals):
                self._check_edit_lock()
        if "stage_id" in vals:
            if not vals["stage_id"] and not self._is_manager():
                raise UserError(self.env._("A case always has a stage."))
            new_type = self.env["crm.case.type"].browse(vals.get("type_id"))
            self._check_stage_transition(
                self.env["crm.case.stage"].browse(vals["stage_id"]), new_type
            )

    def _check_client_fields(self, names, creating=False):
        """Refuse fields a client never sets: the system's and computed ones.

        A user may type their own tracking code on a new case; only a
        manager changes it afterwards.
        """
        refused = names & self._fields_set_by_system()
        if "number" in names and not creating and not self._is_manager():
            refused.add("number")
        if refused:
            labels = ", ".join(
                self._fields[name]._description_string(self.env)
                for name in sorted(refused)
            )
            raise UserError(
                self.env._("%(fields)s are set by the system.", fields=labels)
            )

    @api.model
    def _fields_set_by_system(self):
        """The workflow's fields, and what computations and relations store."""
        computed = {
            name
            for name, field in self._fields.items()
            if field.readonly and (field.compute or field.related)
        }
        return SYSTEM_FIELDS | computed

    def _is_manager(self):
        return self.env.su or self.env.user.has_group(MANAGER_GROUP)

    def _check_not_created_closed(self):
        if self._is_manager():
            return
        for case in self.filtered("stage_id.is_closed"):
            raise UserError(case._closed_by_approval_message())

    def _is_real_edit(self, vals):
        return any(
            name not in BOOKKEEPING_FIELDS and not name.startswith(BOOKKEEPING_PREFIXES)
            for name in vals
        )

    def _is_approver_edit(self, vals):
        """The creator still picks the root cause while approving."""
        return set(vals) <= APPROVER_FIELDS and all(case.can_approve for case in self)

    def _get_lock_reason(self, user):
        """Why ``user`` may no longer edit this case, or an empty string.

        Once the assignee has written a resolution or marked the case done,
        the creator judges the work and no longer changes it.
        """
        self.ensure_one()
        if user.has_group(MANAGER_GROUP):
            return ""
        if self.state == "closed":
            return self.env._(
                "Case %(case)s is closed; only a manager can change it.",
                case=self.display_name,
            )
        is_only_approver = self._approver() == user and self.user_id != user
        if is_only_approver and (
            self.state == "done" or not is_html_empty(self.resolution)
        ):
            return self.env._(
                "The assignee has already worked on case %(case)s: you can "
                "approve or reject it, but no longer edit or delete it.",
                case=self.display_name,
            )
        return ""

    def _check_edit_lock(self):
        if self.env.su:
            return
        for case in self:
            reason = case._get_lock_reason(self.env.user)
            if reason:
                raise UserError(reason)
