# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import float_is_zero

from .crm_case import MANAGER_GROUP


class AccountAnalyticLine(models.Model):
    _inherit = "account.analytic.line"

    case_id = fields.Many2one(
        "crm.case",
        index="btree_not_null",
        ondelete="restrict",
        check_company=True,
        help="The case these hours were spent on.",
    )
    booking_id = fields.Many2one(
        "crm.case.booking",
        index="btree_not_null",
        ondelete="set null",
        help="The service booking these hours were logged from.",
    )

    @api.depends("task_id.project_id", "case_id")
    def _compute_project_id(self):
        # Hours logged on a case go to the case's timesheet project. Only a
        # change of the line's own case moves it: changing the case's project
        # later leaves existing lines alone (see crm.case.action_move_timesheets).
        case_lines = self.filtered(lambda line: line.case_id and not line.task_id)
        for line in case_lines:
            line.project_id = line.case_id._get_timesheet_project(raise_if_missing=True)
        return super(AccountAnalyticLine, self - case_lines)._compute_project_id()

    @api.model_create_multi
    def create(self, vals_list):
        self._check_case_readable({vals.get("case_id") for vals in vals_list})
        for vals in vals_list:
            if vals.get("case_id") and not (
                vals.get("project_id") or vals.get("task_id")
            ):
                case = self.env["crm.case"].browse(vals["case_id"])
                project = case._get_timesheet_project(raise_if_missing=True)
                vals["project_id"] = project.id
        lines = super().create(vals_list)
        lines._check_case_open()
        lines._consume_hours()
        return lines

    def write(self, vals):
        tracked = {"case_id", "unit_amount"}.intersection(vals)
        if tracked:
            self._check_case_readable({vals.get("case_id"), *self.case_id.ids})
            self._check_case_open()
            self._give_back_hours()
        result = super().write(vals)
        if tracked:
            self._check_case_open()
            self._consume_hours()
        return result

    @api.ondelete(at_uninstall=False)
    def _unlink_give_back_hours(self):
        self._check_case_open()
        self._give_back_hours()

    @api.constrains("case_id", "unit_amount")
    def _check_case_hours_positive(self):
        # A negative line would cancel overage and hide hours spent; a
        # mistake is corrected by changing or deleting the line.
        for line in self:
            if line.case_id and line.unit_amount < 0:
                raise ValidationError(
                    self.env._(
                        "Hours logged on a case cannot be negative: correct "
                        "or delete the line instead."
                    )
                )

    def _check_case_readable(self, case_ids):
        """Hours go only on cases the user may read.

        Logging hours moves the case's totals and its clause balance as the
        system; a case the user cannot see is no place for their hours.
        """
        if not self.env.su:
            self.env["crm.case"].browse(filter(None, case_ids)).check_access("read")

    def _check_case_open(self):
        """Hours of a closed case are final: only a manager corrects them.

        Its clause was settled with the case; a manager's correction is
        booked on the clause like any other change.
        """
        if self.env.su or self.env.user.has_group(MANAGER_GROUP):
            return
        # sudo: the user's own lines may name a case they no longer read;
        # only its state is looked at.
        for case in self.sudo().case_id:
            if case.state == "closed":
                raise UserError(
                    self.env._(
                        "Case %(case)s is closed: only a manager can log, "
                        "change or delete its hours.",
                        case=case.with_env(self.env).display_name,
                    )
                )

    def _hours_clause_lines(self):
        return self.filtered(
            lambda line: line.case_id.contract_line_id.allotment_type == "hours"
        )

    def _consume_hours(self):
        """Hours on a case with an hours clause are deducted from it."""
        # sudo: the clause balance is bookkeeping of the contract; the user
        # logging hours on a case they may write need not manage contracts.
        for line in self._hours_clause_lines():
            line.case_id.contract_line_id.sudo()._book_case(
                line.case_id, timesheet=line
            )

    def _give_back_hours(self):
        """Each line gives back what it holds, on whichever clause."""
        lines = self.filtered("case_id")
        if not lines:
            return
        # sudo: see _consume_hours.
        held = (
            self.env["crm.case.contract.move"]
            .sudo()
            ._read_group(
                [("timesheet_id", "in", lines.ids)],
                ["line_id", "case_id", "timesheet_id"],
                ["quantity:sum", "overage:sum"],
            )
        )
        for clause, case, line, quantity, overage in held:
            if not (
                float_is_zero(quantity, precision_digits=6)
                and float_is_zero(overage, precision_digits=6)
            ):
                clause._release_case(case, timesheet=line)
