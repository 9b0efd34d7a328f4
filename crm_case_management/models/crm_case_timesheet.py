# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Hours on a case: Odoo timesheets, the estimate and what is left of it."""

from odoo import api, fields, models
from odoo.exceptions import UserError


class CrmCase(models.Model):
    # One concern of crm.case per file, as crm_case.py explains.
    _inherit = "crm.case"  # pylint: disable=consider-merging-classes-inherited

    # groups: hours are the desk's own accounting, not shown to customers.
    timesheet_ids = fields.One2many(
        "account.analytic.line",
        "case_id",
        string="Timesheets",
        groups="base.group_user",
    )
    planned_hours = fields.Float(
        tracking=True,
        help="Estimate of the support time the case needs.",
        groups="base.group_user",
    )
    total_hours = fields.Float(
        string="Hours Spent",
        compute="_compute_hours",
        store=True,
        aggregator="sum",
        help="Hours logged on the case by the whole team.",
        groups="base.group_user",
    )
    remaining_hours = fields.Float(
        compute="_compute_hours",
        store=True,
        aggregator="sum",
        groups="base.group_user",
    )
    progress = fields.Float(
        compute="_compute_hours",
        store=True,
        aggregator="avg",
        groups="base.group_user",
    )
    timesheet_project_mismatch = fields.Boolean(
        compute="_compute_timesheet_project_mismatch",
        help="Some hours of the case are logged on another project.",
        groups="base.group_user",
    )

    @api.depends("timesheet_ids.unit_amount", "planned_hours")
    def _compute_hours(self):
        hours = self._logged_hours()
        for case in self:
            spent = hours.get(case, 0.0)
            case.total_hours = spent
            case.remaining_hours = case.planned_hours - spent
            case.progress = (
                100.0 * spent / case.planned_hours if case.planned_hours else 0.0
            )

    def _logged_hours(self):
        """Hours per case, in one grouped query."""
        if not any(self._ids):  # new records in a form: no line is stored yet
            return {
                case: sum(case.timesheet_ids.mapped("unit_amount")) for case in self
            }
        return dict(
            self.env["account.analytic.line"]._read_group(
                [("case_id", "in", self._ids)], ["case_id"], ["unit_amount:sum"]
            )
        )

    def _preset_totals_of_new_cases(self, vals_list):
        """A new case has no hours and no rating yet: set those totals now.

        Their computes would each ask the database for lines that cannot
        exist yet; cases created with timesheet or rating lines are left to
        them.
        """
        fresh = self.browse(
            case.id
            for case, vals in zip(self, vals_list, strict=True)
            if not (vals.get("timesheet_ids") or vals.get("rating_ids"))
        )
        zeros = {"total_hours": 0.0, "progress": 0.0, "rating_last_value": 0.0}
        preset = [self._fields[name] for name in [*zeros, "remaining_hours"]]
        with self.env.protecting(preset, fresh):
            for field in preset:
                self.env.remove_to_compute(field, fresh)
            for case in fresh:
                case.update(dict(zeros, remaining_hours=case.planned_hours))

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
