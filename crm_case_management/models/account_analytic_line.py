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
        return super().create(vals_list)
