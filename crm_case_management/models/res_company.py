# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models

CASE_NUMBER_FIELDS = {"case_number_prefix", "case_number_random_digits"}


class ResCompany(models.Model):
    _inherit = "res.company"

    case_number_prefix = fields.Char(
        default="CS-",
        help="Text every tracking code of this company starts with.",
    )
    case_number_random_digits = fields.Integer(
        string="Random Digits",
        default=4,
        help="Random digits appended to the serial, so codes cannot be guessed.",
    )
    case_calendar_id = fields.Many2one(
        "resource.calendar",
        string="Case Working Calendar",
        help="Working days and holidays used for due dates. "
        "Empty means the company's working hours.",
    )

    case_project_id = fields.Many2one(
        "project.project",
        string="Default Support Project",
        help="Hours on cases with no project of their own, nor of their type.",
    )

    case_approval_reminder_hours = fields.Float(
        string="Remind Approvers After",
        default=8.0,
        help="Working hours a case may wait for its creator's approval before "
        "they are reminded again; 0: no reminder.",
    )

    case_due_reminder = fields.Boolean(
        string="Remind Assignees on the Due Date",
        default=True,
        help="On the morning of a case's due date, its assignee gets a reminder.",
    )

    _case_number_random_digits_range = models.Constraint(
        "CHECK (case_number_random_digits BETWEEN 0 AND 12)",
        "A case number can have between 0 and 12 random digits.",
    )
    _case_approval_reminder_hours_positive = models.Constraint(
        "CHECK (case_approval_reminder_hours >= 0)",
        "The approval reminder cannot come a negative number of hours later.",
    )

    def _get_case_calendar(self):
        self.ensure_one()
        return self.case_calendar_id or self.resource_calendar_id

    def write(self, vals):
        if CASE_NUMBER_FIELDS & set(vals):
            self.env.registry.clear_cache()  # crm.case._number_format
        return super().write(vals)
