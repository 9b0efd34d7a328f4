# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Each company's link to its telephone system: the shared secret and the
address Odoo asks to dial. A company without its own falls back on the
system parameters, so a single-company database needs no company setting.
"""

from odoo import fields, models
from odoo.exceptions import UserError

SECRET_PARAM = "crm_case_management.telephony_secret"
DIAL_URL_PARAM = "crm_case_management.click_to_call_url"


class ResCompany(models.Model):
    # Telephony's part of res.company, beside numbering and hours.
    _inherit = "res.company"  # pylint: disable=consider-merging-classes-inherited

    case_telephony_secret = fields.Char(
        string="Telephony Secret",
        copy=False,
        groups="base.group_system",
        help="Shared with the telephone system: it signs the call events it "
        "sends and checks the dial requests Odoo sends. Empty: the system "
        "parameter crm_case_management.telephony_secret.",
    )
    case_click_to_call_url = fields.Char(
        string="Click-to-Call URL",
        copy=False,
        groups="base.group_system",
        help="Address of the telephone system Odoo asks to dial the customer "
        "when an agent presses Call Customer. Empty: the system parameter "
        "crm_case_management.click_to_call_url, else the browser's tel: link.",
    )

    def _case_telephony_secret(self):
        """The secret that authenticates this company's telephone system."""
        self.ensure_one()
        # sudo: the secret is read to sign or verify, never shown.
        company_sudo = self.sudo()
        return company_sudo.case_telephony_secret or (
            company_sudo.env["ir.config_parameter"].get_param(SECRET_PARAM) or ""
        )

    def _case_dial_config(self):
        """``(url, secret)`` for click-to-call, or ``("", "")`` when not used."""
        self.ensure_one()
        # sudo: agents dial through the company's telephone system without
        # being able to read its address or secret.
        company_sudo = self.sudo()
        url = company_sudo.case_click_to_call_url or (
            company_sudo.env["ir.config_parameter"].get_param(DIAL_URL_PARAM) or ""
        )
        if not url:
            return "", ""
        secret = self._case_telephony_secret()
        if not secret:
            raise UserError(
                self.env._(
                    "Click-to-call is set up without a telephony secret: ask "
                    "an administrator to set the secret of %(company)s.",
                    company=self.name,
                )
            )
        return url, secret
