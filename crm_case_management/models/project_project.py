# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class ProjectProject(models.Model):
    _inherit = "project.project"

    # groups: only people of the desk may read cases (see res_partner.py).
    case_ids = fields.One2many(
        "crm.case",
        "project_id",
        string="Cases",
        groups="crm_case_management.group_crm_case_user",
    )
    case_count = fields.Integer(
        compute="_compute_case_count", groups="crm_case_management.group_crm_case_user"
    )

    case_hours = fields.Float(
        compute="_compute_case_count",
        string="Hours on Cases",
        help="Hours logged on this project's cases.",
        groups="crm_case_management.group_crm_case_user",
    )

    def _compute_case_count(self):
        groups = self.env["crm.case"]._read_group(
            [("project_id", "in", self.ids)],
            ["project_id"],
            ["__count", "total_hours:sum"],
        )
        stats = {project: (count, hours) for project, count, hours in groups}
        for project in self:
            project.case_count, project.case_hours = stats.get(project, (0, 0.0))

    def action_view_cases(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "crm_case_management.crm_case_action"
        )
        action["domain"] = [("project_id", "=", self.id)]
        action["context"] = {
            "default_project_id": self.id,
            "default_partner_id": self.partner_id.id,
        }
        return action
