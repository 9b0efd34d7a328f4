# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The process of a case and its approval loop; unseen and overdue work.

A case moves only along the next stages its type's process allows. The
assignee writes the resolution and marks the case done; its creator
approves it (the case moves to a closing stage) or rejects it with a reason
(back to the assignee). Whoever must act next gets an activity and sees the
case as unseen until they open it.
"""

from odoo import Command, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import is_html_empty

from .crm_case import ASSIGNEE_STATES, MANAGER_GROUP

HANDLE_ACTIVITY = "crm_case_management.mail_activity_type_case_handle"
APPROVE_ACTIVITY = "crm_case_management.mail_activity_type_case_approve"


class CrmCase(models.Model):
    # One concern of crm.case per file, as crm_case.py explains.
    _inherit = "crm.case"  # pylint: disable=consider-merging-classes-inherited

    # groups: the approval loop and the desk's own bookkeeping are for the
    # people working cases, not for the customer on the portal.
    reject_count = fields.Integer(
        string="Rejections", readonly=True, copy=False, groups="base.group_user"
    )
    reject_reason = fields.Text(
        string="Last Rejection Reason",
        readonly=True,
        copy=False,
        groups="base.group_user",
    )
    reopen_count = fields.Integer(
        string="Reopened", readonly=True, copy=False, groups="base.group_user"
    )
    root_cause_id = fields.Many2one(
        "crm.case.root.cause", index=True, tracking=True, groups="base.group_user"
    )
    type_root_cause_required = fields.Boolean(
        related="type_id.root_cause_required", groups="base.group_user"
    )
    working_hours_to_close = fields.Float(
        string="Working Hours to Close",
        compute="_compute_working_hours_to_close",
        store=True,
        aggregator="avg",
        help="Working time of the case calendar between request and closing.",
        groups="base.group_user",
    )
    unseen_user_ids = fields.Many2many(
        "res.users",
        "crm_case_unseen_user_rel",
        "case_id",
        "user_id",
        string="Not Yet Seen By",
        copy=False,
        groups="base.group_user",
    )
    is_unseen = fields.Boolean(
        string="Unseen",
        compute="_compute_is_unseen",
        search="_search_is_unseen",
        groups="base.group_user",
    )
    is_overdue = fields.Boolean(
        string="Overdue", compute="_compute_is_overdue", search="_search_is_overdue"
    )
    is_locked = fields.Boolean(
        compute="_compute_user_rights",
        help="The current user may no longer edit this case.",
        groups="base.group_user",
    )
    can_mark_done = fields.Boolean(
        compute="_compute_user_rights", groups="base.group_user"
    )
    can_approve = fields.Boolean(
        compute="_compute_user_rights", groups="base.group_user"
    )

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
            approver = case._may_approve(user) or not case.id or is_manager
            case.can_mark_done = assignee and case.state in ASSIGNEE_STATES
            case.can_approve = approver and case.state == "done"

    def _may_approve(self, user):
        """Whether ``user`` judges this case's work (managers aside).

        Nobody approves their own work, unless they opened the case
        themselves: an assignee who files a case in a queue they manage
        does not become its approver.
        """
        self.ensure_one()
        approver = self._approver()
        if approver != user:
            return False
        return self.user_id != user or self.create_uid == user

    def _approver(self):
        """Who accepts or rejects the work: the person who opened the case.

        Cases that no person opened (from e-mail, a public form or a
        telephone system, created by the system's own users) are approved
        by their queue's manager; managers of the desk can always approve.
        """
        self.ensure_one()
        creator = self.create_uid
        if creator and not (creator._is_superuser() or creator._is_public()):
            return creator
        return self.queue_id.user_id

    # ------------------------------------------------------------------
    # The process: stages and the moves between them
    # ------------------------------------------------------------------
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

    @api.depends("date_request", "date_closed")
    def _compute_working_hours_to_close(self):
        for case in self:
            calendar = case.date_closed and case.company_id._get_case_calendar()
            if calendar and case.date_request:
                case.working_hours_to_close = calendar.get_work_hours_count(
                    case.date_request, case.date_closed, compute_leaves=True
                )
            else:
                case.working_hours_to_close = 0.0

    @api.model
    def _read_group_stage_ids(self, stages, domain):
        type_id = self.env.context.get("default_type_id")
        if type_id:
            return stages.search([("type_ids", "in", [type_id])])
        return stages

    @api.constrains("stage_id", "type_id")
    def _check_stage_in_process(self):
        for case in self:
            if case.stage_id and case.type_id not in case.stage_id.type_ids:
                raise ValidationError(case._stage_not_in_process_message(case.stage_id))

    def _check_stage_transition(self, new_stage, new_type=None):
        """Refuse moves the case's process does not allow.

        With a change of type (``new_type``), the stage must belong to the
        new type's process; closing stays for approval either way.
        """
        for case in self:
            type_changes = bool(new_type) and new_type != case.type_id
            case_type = new_type if type_changes else case.type_id
            if case.stage_id == new_stage and not type_changes:
                continue
            if case_type not in new_stage.type_ids:
                raise ValidationError(
                    case._stage_not_in_process_message(new_stage, case_type)
                )
            if not type_changes and new_stage not in case.stage_id.next_stage_ids:
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
            if new_stage.is_closed and not self._is_manager():
                raise UserError(case._closed_by_approval_message())

    def _stage_not_in_process_message(self, stage, case_type=None):
        return self.env._(
            'Stage "%(stage)s" is not part of the process of %(type)s.',
            stage=stage.display_name,
            type=(case_type or self.type_id).display_name,
        )

    def _closed_by_approval_message(self):
        return self.env._(
            "A case is closed by approval: mark case %(case)s done "
            "and let its creator approve it.",
            case=self.display_name,
        )

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_done(self):
        """The assignee reports the work done; the creator must approve it."""
        self._check_may(
            "can_mark_done",
            lambda case: self.env._(
                "Only the assignee of case %(case)s can mark it done, "
                "and only while it is in progress or rejected.",
                case=case.display_name,
            ),
        )
        for case in self:
            if is_html_empty(case.resolution):
                raise UserError(
                    self.env._(
                        "Write the resolution of case %(case)s before marking it done.",
                        case=case.display_name,
                    )
                )
        self._workflow_write({"state": "done", "date_done": fields.Datetime.now()})
        for case in self:
            case.activity_feedback([HANDLE_ACTIVITY])
            case._schedule_activity(APPROVE_ACTIVITY, case._approver())
            case._mark_unseen(case._approver())
        return True

    def action_approve(self):
        """The creator accepts the work: the case moves to its closing stage."""
        self._check_may(
            "can_approve",
            lambda case: self.env._(
                "Only the creator of case %(case)s can approve it, "
                "once its assignee has marked it done.",
                case=case.display_name,
            ),
        )
        self._close()
        self._send_rating_request()
        return True

    def action_reject(self, reason=None):
        """The creator sends the work back to the assignee, with a reason."""
        if not isinstance(reason, str) or not reason.strip():
            raise UserError(self.env._("Say why the case is rejected."))
        self._check_may(
            "can_approve",
            lambda case: self.env._(
                "Only the creator of case %(case)s can reject it, "
                "once its assignee has marked it done.",
                case=case.display_name,
            ),
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
            case.activity_feedback([APPROVE_ACTIVITY])
            case._schedule_activity(HANDLE_ACTIVITY, case.user_id, note=reason)
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

    def _check_may(self, right, message):
        """Refuse the action unless the current user has ``right`` on each case.

        ``right`` is one of the computed ``can_*`` fields; ``message(case)``
        says who may act instead. The caller must also be allowed to write
        the cases by access rules (their company included), since the
        action then writes as the superuser.
        """
        self.check_access("write")
        for case in self:
            if not case[right]:
                raise UserError(message(case))

    # ------------------------------------------------------------------
    # Closing and reopening
    # ------------------------------------------------------------------
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
            case.activity_feedback([APPROVE_ACTIVITY, HANDLE_ACTIVITY])
        return True

    def _check_root_cause(self):
        self.ensure_one()
        if self.type_id.root_cause_required and not self.root_cause_id:
            raise UserError(
                self.env._(
                    "Choose the root cause of case %(case)s before closing it.",
                    case=self.display_name,
                )
            )

    def _sync_state_with_stage(self):
        """``state`` follows the stage into and out of closing stages."""
        closing = self.filtered(lambda c: c.stage_id.is_closed and c.state != "closed")
        for case in closing:
            case._check_root_cause()
        closing._workflow_write(
            {"state": "closed", "date_closed": fields.Datetime.now()}
        )
        closing._book_closed_cases()
        reopened = self.filtered(
            lambda c: not c.stage_id.is_closed and c.state == "closed"
        )
        reopened._release_reopened_cases()
        for case in reopened:
            case._workflow_write(
                {
                    "state": "open",
                    "date_closed": False,
                    "date_done": False,
                    "reopen_count": case.reopen_count + 1,
                }
            )

    def _send_rating_request(self):
        """Ask the customer to rate the support they got."""
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

    def _workflow_write(self, vals):
        """Write what only the workflow sets, as the superuser.

        sudo: callers have checked the current user's right on these cases
        first (``_check_may``, or the user's own write that led here); the
        write guard lets only the superuser set system fields.
        """
        return self.sudo().write(vals)

    # ------------------------------------------------------------------
    # Hand-over: activities and unseen work
    # ------------------------------------------------------------------
    def _on_assigned(self, created=False):
        """New assignee: hand the work over as an activity and mark it unseen.

        ``created``: the cases were created just now, so they have no
        activity of a previous assignee to withdraw.
        """
        if not created:
            self.activity_unlink([HANDLE_ACTIVITY])
        self._file_in_personal_queue()
        to_handle = self.filtered(
            lambda case: case.user_id and case.state in ASSIGNEE_STATES
        )
        # Odoo's "You have been assigned" message already tells the assignee:
        # the activity joins their to-do list without a second message.
        quiet = to_handle.with_context(mail_activity_quick_update=True)
        for user, cases in quiet.grouped("user_id").items():
            cases._schedule_activity(HANDLE_ACTIVITY, user)
        for user, cases in self.grouped("user_id").items():
            cases._mark_unseen(user)

    def _schedule_activity(self, xmlid, user, note=None):
        """Give ``user`` an activity on each case, due on the case's due date."""
        if not user:
            return
        today = fields.Date.context_today(self)
        by_deadline = self.grouped(lambda case: case.date_deadline or today)
        for deadline, cases in by_deadline.items():
            # sudo: the caller acted on these cases with their own rights
            # (an action's check, or their write of the assignee); whoever
            # hands a case over may no longer read it once it left their
            # personal queue, yet the new assignee must get the activity.
            cases.sudo().activity_schedule(
                xmlid, date_deadline=deadline, user_id=user.id, note=note
            )

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
