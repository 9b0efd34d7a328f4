# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Likely duplicates: open cases of the same customer that read alike, and
merging them into one."""

from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL, html2plaintext

from ..tools.text_normalize import normalize_text
from .crm_case_workflow import APPROVE_ACTIVITY, HANDLE_ACTIVITY


class CrmCase(models.Model):
    # One concern of crm.case per file, as crm_case.py explains.
    _inherit = "crm.case"  # pylint: disable=consider-merging-classes-inherited

    # groups: look-alikes and merges are the desk's work, not the portal's.
    search_text = fields.Text(
        compute="_compute_search_text",
        store=True,
        index="trigram",
        help="Title and description in one spelling, to find look-alikes.",
        groups="base.group_user",
    )
    duplicate_ids = fields.Many2many(
        "crm.case",
        string="Likely Duplicates",
        compute="_compute_duplicate_ids",
        help="Open cases of the same customer that read alike.",
        groups="base.group_user",
    )
    merged_into_id = fields.Many2one(
        "crm.case",
        string="Merged into",
        readonly=True,
        index="btree_not_null",
        groups="base.group_user",
    )

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

        Only open cases of one customer and one company, each of which the
        user may edit. Messages, attachments and followers move; hours move
        only as the user could move them by hand. The merged cases close the
        way any case closes (the stage write, which sets the state), in a
        closing stage that uses no contract unit, and both sides keep a link
        in their chatter.
        """
        others = self - keep
        if not others:
            return keep
        (self | keep)._check_mergeable()
        others._check_may_close_by_merging()
        stages = {case: case._merge_stage() for case in others}
        others._move_timesheets_to(keep)
        # sudo: messages and attachments follow the cases the user was
        # just allowed to write; their own rules would block the move.
        self.env["mail.message"].sudo().search(
            [("model", "=", self._name), ("res_id", "in", others.ids)]
        ).write({"res_id": keep.id})
        self.env["ir.attachment"].sudo().search(
            [("res_model", "=", self._name), ("res_id", "in", others.ids)]
        ).write({"res_id": keep.id})
        keep.message_subscribe(partner_ids=others.message_partner_ids.ids)
        for case in others:
            case._close_as_merged(keep, stages[case])
            case.message_post(
                body=Markup(self.env._("Merged into %s.")) % keep._get_html_link()
            )
            keep.message_post(
                body=Markup(self.env._("%s was merged into this case."))
                % case._get_html_link()
            )
        return keep

    def _check_mergeable(self):
        """Refuse unless these cases may be merged by the current user."""
        self.check_access("write")
        if len(self.company_id) > 1:
            raise UserError(self.env._("Only cases of one company can be merged."))
        if len({case.commercial_partner_id for case in self}) > 1:
            raise UserError(self.env._("Only cases of one customer can be merged."))
        user = self.env.user
        for case in self:
            if case.state == "closed":
                raise UserError(
                    self.env._(
                        "Case %(case)s is closed: reopen it before merging.",
                        case=case.display_name,
                    )
                )
            reason = case._get_lock_reason(user)
            if reason:
                raise UserError(reason)

    def _check_may_close_by_merging(self):
        """Merging closes these cases: only who would approve them may."""
        user = self.env.user
        if self._is_manager():
            return
        for case in self:
            if not case._may_approve(user):
                raise UserError(
                    self.env._(
                        "Merging closes case %(case)s: only its creator or a "
                        "manager may merge it into another.",
                        case=case.display_name,
                    )
                )

    def _move_timesheets_to(self, keep):
        """Move the hours of these cases to ``keep``, as the user.

        The user moves what they could move by hand (their own lines, or
        anyone's for a timesheet approver); hours of others they may not
        touch stop the merge rather than move behind their back.
        """
        # sudo: only to see every line, whoever logged it; the move itself
        # is the user's own write.
        lines = self.sudo().timesheet_ids.with_env(self.env)
        forbidden = lines - lines._filtered_access("write")
        if forbidden:
            raise UserError(
                self.env._(
                    "Hours of %(employees)s are logged on case %(case)s and you "
                    "may not move them: ask a manager to merge these cases.",
                    employees=", ".join(
                        sorted(set(forbidden.sudo().employee_id.mapped("name")))
                    ),
                    case=forbidden.sudo().case_id[:1].display_name,
                )
            )
        lines.write({"case_id": keep.id})

    def _merge_stage(self):
        """Where a merged case closes: a closing stage that uses no contract
        unit, among those its process allows next."""
        self.ensure_one()
        candidates = (
            self.stage_id.next_stage_ids if self.stage_id else self.type_id.stage_ids
        )
        stage = candidates.filtered(
            lambda stage: (
                stage.is_closed
                and not stage.consumes_contract
                and self.type_id in stage.type_ids
            )
        ).sorted("sequence")[:1]
        if not stage:
            raise UserError(
                self.env._(
                    'Case %(case)s cannot be closed as merged from stage "%(stage)s": '
                    "its process leads from there to no closing stage that uses "
                    "no contract unit (such as Cancelled).",
                    case=self.display_name,
                    stage=self.stage_id.display_name,
                )
            )
        return stage

    def _close_as_merged(self, keep, stage):
        """Close the case into ``stage`` as merged into ``keep``.

        The stage write closes it as approval closes a case: the state
        follows the stage, the clause books what the stage uses (nothing,
        see ``_merge_stage``), and its to-dos are withdrawn.
        """
        self.ensure_one()
        self.activity_unlink([HANDLE_ACTIVITY, APPROVE_ACTIVITY])
        # sudo (_workflow_write): merged_into_id and the closing are the
        # system's; _check_mergeable checked that the user may edit the case.
        self._workflow_write({"merged_into_id": keep.id, "stage_id": stage.id})
