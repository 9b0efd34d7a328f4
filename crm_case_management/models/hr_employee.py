# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class HrEmployee(models.Model):
    _inherit = "hr.employee"

    # groups: only people of the desk read hours on cases (see res_partner.py).
    case_hours = fields.Float(
        compute="_compute_case_hours",
        string="Hours on Cases",
        help="Hours this employee logged on cases.",
        groups="crm_case_management.group_crm_case_user",
    )

    def _compute_case_hours(self):
        hours = dict(
            self.env["account.analytic.line"]._read_group(
                [("case_id", "!=", False), ("employee_id", "in", self.ids)],
                ["employee_id"],
                ["unit_amount:sum"],
            )
        )
        for employee in self:
            employee.case_hours = hours.get(employee, 0.0)

    def action_view_case_hours(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "crm_case_management.crm_case_timesheet_report_action"
        )
        action["domain"] = [("employee_id", "=", self.id)]
        action["context"] = {"pivot_row_groupby": ["case_id"]}
        return action
