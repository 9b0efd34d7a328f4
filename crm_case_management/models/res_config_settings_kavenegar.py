# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models
from odoo.exceptions import AccessError


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"  # pylint: disable=consider-merging-classes-inherited

    kavenegar_api_key = fields.Char(
        related="company_id.kavenegar_api_key",
        readonly=False,
        groups="base.group_system",
    )
    kavenegar_sender = fields.Char(
        related="company_id.kavenegar_sender", readonly=False
    )
    kavenegar_template_mode = fields.Boolean(
        related="company_id.kavenegar_template_mode", readonly=False
    )
    kavenegar_template_register = fields.Char(
        related="company_id.kavenegar_template_register", readonly=False
    )
    kavenegar_template_close = fields.Char(
        related="company_id.kavenegar_template_close", readonly=False
    )
    kavenegar_template_rating = fields.Char(
        related="company_id.kavenegar_template_rating", readonly=False
    )

    def action_kavenegar_test_connection(self):
        self.ensure_one()
        if not self.env.user._is_system():
            raise AccessError(self.env._("Only administrators test the SMS line."))
        # sudo: the caller is a system administrator (the key's group); the
        # key is used to ask for the balance and never returned.
        credit = self.company_id.sudo()._kavenegar_test_connection()
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success",
                "title": self.env._("Kavenegar connected"),
                "message": self.env._(
                    "Account balance: %(credit)s rials", credit=credit
                ),
            },
        }
