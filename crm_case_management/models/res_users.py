# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class ResUsers(models.Model):
    _inherit = "res.users"

    case_capacity = fields.Integer(
        default=10,
        help="Open cases this person can carry; balanced queues fill "
        "people in proportion to it.",
    )
    case_available = fields.Boolean(
        string="Takes New Cases",
        default=True,
        help="Untick while away: queues skip this person.",
    )
    case_queue_ids = fields.Many2many(
        "crm.case.queue",
        "crm_case_queue_member_rel",
        "user_id",
        "queue_id",
        string="Case Queues",
    )
