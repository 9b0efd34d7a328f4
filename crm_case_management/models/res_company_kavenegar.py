# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Kavenegar as the company's SMS provider: key, sender line, templates."""

from odoo import fields, models
from odoo.exceptions import UserError

from ..tools.kavenegar_client import DEFAULT_BASE_URL, KavenegarClient, KavenegarError
from ..tools.sms_api_kavenegar import SmsApiKavenegar

URL_PARAM = "crm_case_management.kavenegar_url"


class ResCompany(models.Model):
    _inherit = "res.company"  # pylint: disable=consider-merging-classes-inherited

    sms_provider = fields.Selection(
        selection_add=[("kavenegar", "Send via Kavenegar")],
        ondelete={"kavenegar": "set default"},
    )
    kavenegar_api_key = fields.Char(
        string="Kavenegar API Key", groups="base.group_system", copy=False
    )
    kavenegar_sender = fields.Char(
        string="Kavenegar Sender Line",
        help="The line texts are sent from; empty uses the account's default line.",
    )
    kavenegar_template_mode = fields.Boolean(
        string="Send with Kavenegar Templates",
        help="Public sender lines lose texts with numbers and links: send the "
        "case texts through templates approved in the Kavenegar panel "
        "(verify/lookup) instead.",
    )
    kavenegar_template_register = fields.Char(
        string="Registration Template",
        help="Kavenegar template with %token (tracking code) and %token2 (date).",
    )
    kavenegar_template_close = fields.Char(
        string="Closing Template",
        help="Kavenegar template with %token (tracking code).",
    )
    kavenegar_template_rating = fields.Char(
        string="Satisfaction Template",
        help="Kavenegar template with %token (the rating token of the link).",
    )

    def _get_sms_api_class(self):
        self.ensure_one()
        if self.sms_provider == "kavenegar":
            return SmsApiKavenegar
        return super()._get_sms_api_class()

    def _get_kavenegar_client(self):
        """The client for this company's account (call on a sudoed company)."""
        self.ensure_one()
        base_url = (
            self.env["ir.config_parameter"].sudo().get_param(URL_PARAM)
            or DEFAULT_BASE_URL
        )
        return KavenegarClient(self.kavenegar_api_key, base_url=base_url)

    def _kavenegar_test_connection(self):
        """The account's credit, or a clear error."""
        self.ensure_one()
        if not self.kavenegar_api_key:
            raise UserError(self.env._("Enter the Kavenegar API key first."))
        try:
            info = self._get_kavenegar_client().account_info()
        except KavenegarError as error:
            raise UserError(
                self.env._(
                    "Kavenegar refused the connection: %(error)s", error=str(error)
                )
            ) from None
        return (info or {}).get("remaincredit")
