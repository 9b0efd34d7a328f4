# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class AccountAnalyticLine(models.Model):
    _inherit = "account.analytic.line"

    case_id = fields.Many2one(
        "crm.case",
        index="btree_not_null",
        ondelete="restrict",
        check_company=True,
        help="The case these hours were spent on.",
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
        for vals in vals_list:
            if vals.get("case_id") and not (
                vals.get("project_id") or vals.get("task_id")
            ):
                case = self.env["crm.case"].browse(vals["case_id"])
                project = case._get_timesheet_project(raise_if_missing=True)
                vals["project_id"] = project.id
        lines = super().create(vals_list)
        lines._consume_hours()
        return lines

    def write(self, vals):
        tracked = {"case_id", "unit_amount"}.intersection(vals)
        if tracked:
            self._give_back_hours()
        result = super().write(vals)
        if tracked:
            self._consume_hours()
        return result

    @api.ondelete(at_uninstall=False)
    def _unlink_give_back_hours(self):
        self._give_back_hours()

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
        # sudo: see _consume_hours.
        for line in self._hours_clause_lines():
            line.case_id.contract_line_id.sudo()._release_case(
                line.case_id, timesheet=line
            )
