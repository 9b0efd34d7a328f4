# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models


class ResPartner(models.Model):
    # One concern of res.partner per file.
    _inherit = "res.partner"  # pylint: disable=consider-merging-classes-inherited

    def signup_prepare(self, signup_type="signup"):
        """Write the signup type only where it changes.

        Odoo's portal prepares the customer's signup for the link of every
        notification about a record of theirs (``signup_get_auth_param``),
        even when the customer is not a recipient. Odoo writes the same type
        again each time, which still updates the partner's row: two agents
        working on cases of one customer at the same moment then conflict
        on that row, and one request is rolled back and retried (or fails
        after five tries). The type is all the signup token depends on
        here, so skipping a write of the same value changes no link.
        """
        # sudo: the type is readable by ERP managers only; Odoo itself
        # calls this as the superuser, and only the comparison is read.
        changing = self.filtered(
            lambda partner: partner.sudo().signup_type != signup_type
        )
        return super(ResPartner, changing).signup_prepare(signup_type=signup_type)
