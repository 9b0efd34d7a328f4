# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.fields import Domain

from ..tools.phone import national_number, to_e164
from ..tools.text_normalize import normalize_text, query_words


def phone_spellings(phone):
    """The ways a number is typed: 0912…, 912…, 98912…"""
    national = national_number(phone) if phone else None
    if not national:
        return []
    return [f"0{national}", (to_e164(phone) or "").lstrip("+")]


class CrmCase(models.Model):
    # Search in one spelling, beside the case itself (crm_case.py): Persian
    # or Arabic digits and letters find the same tracking code, customer
    # and phone.
    _inherit = "crm.case"  # pylint: disable=consider-merging-classes-inherited

    lookup_text = fields.Char(
        compute="_compute_lookup_text",
        store=True,
        index="trigram",
        readonly=True,
        groups="base.group_user",
        help="Tracking code, title, customer and phone in one spelling.",
    )
    case_search = fields.Char(
        string="Case, Customer or Phone",
        compute="_compute_case_search",
        search="_search_case_search",
    )

    @api.depends("number", "name", "partner_id.name", "partner_id.phone")
    def _compute_lookup_text(self):
        for case in self:
            partner = case.partner_id
            parts = [case.number, case.name, partner.name, partner.phone]
            parts += phone_spellings(partner.phone)
            case.lookup_text = normalize_text(" ".join(filter(None, parts)))

    def _compute_case_search(self):
        self.case_search = False

    def _search_case_search(self, operator, value):
        if operator not in ("ilike", "=ilike", "like", "="):
            return NotImplemented
        words = query_words(value)
        if not words:
            return Domain.TRUE
        return Domain.AND(Domain("lookup_text", "ilike", word) for word in words)
