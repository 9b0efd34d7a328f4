# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models


class IrHttp(models.AbstractModel):
    _inherit = "ir.http"

    def session_info(self):
        """The web client learns the user's calendar with the session."""
        info = super().session_info()
        if self.env.user._is_internal():
            info["crm_case_calendar"] = (
                "jalali" if self.env["res.users"]._reads_jalali() else "gregorian"
            )
        return info
