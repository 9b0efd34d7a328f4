# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    case_number_prefix = fields.Char(
        related="company_id.case_number_prefix", readonly=False
    )
    case_number_random_digits = fields.Integer(
        related="company_id.case_number_random_digits", readonly=False
    )
    case_calendar_id = fields.Many2one(
        related="company_id.case_calendar_id", readonly=False
    )
    case_project_id = fields.Many2one(
        related="company_id.case_project_id", readonly=False
    )
    case_telephony_secret = fields.Char(
        related="company_id.case_telephony_secret",
        readonly=False,
        groups="base.group_system",
    )
    case_click_to_call_url = fields.Char(
        related="company_id.case_click_to_call_url",
        readonly=False,
        groups="base.group_system",
    )
    case_approval_reminder_hours = fields.Float(
        related="company_id.case_approval_reminder_hours", readonly=False
    )
    case_due_reminder = fields.Boolean(
        related="company_id.case_due_reminder", readonly=False
    )
