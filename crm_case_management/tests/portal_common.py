# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Customers on the portal and visitors of the public pages, over HTTP."""

import re

from odoo.tests import new_test_user

from .common import CaseRpcCommon

CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


class CasePortalCommon(CaseRpcCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # The pages are checked in English, whatever the database's default
        # language (scripts/test installs Persian only).
        cls.env["res.lang"]._activate_lang("en_US")
        cls.customer_contact.write(
            {"phone": "0912 345 6789", "email": "ali@parsian.ir"}
        )
        cls.portal_ali = cls._portal_user("portal_ali", cls.customer_contact)
        cls.other_contact = cls.env["res.partner"].create(
            {
                "name": "Dr. Negin",
                "parent_id": cls.other_customer.id,
                "phone": "0935 111 2233",
                "email": "negin@clinic.ir",
            }
        )
        cls.portal_negin = cls._portal_user("portal_negin", cls.other_contact)
        cls.case_ali = cls._create_case(
            partner_id=cls.customer_contact.id, user_id=cls.agent.id
        )
        cls.case_negin = cls._create_case(
            name="Clinic scanner is broken",
            partner_id=cls.other_contact.id,
            user_id=cls.agent.id,
        )
        cls.other_company = cls.env["res.company"].create({"name": "Other Desk"})
        cls.case_other_company = (
            cls.env["crm.case"]
            .sudo()
            .create(
                {
                    "name": "Other company's case",
                    "description": "<p>Secret of another company.</p>",
                    "partner_id": cls.customer_contact.id,
                    "company_id": cls.other_company.id,
                    "type_id": cls.type_complaint.id,
                }
            )
        )

    @classmethod
    def _portal_user(cls, login, partner):
        user = new_test_user(
            cls.env, login, groups="base.group_portal", name=login, lang="en_US"
        )
        old_partner = user.partner_id
        user.partner_id = partner
        partner.lang = "en_US"
        old_partner.unlink()
        return user

    def csrf(self, url):
        """The page's CSRF token, as a browser would get it with the form."""
        response = self.url_open(url)
        self.assertEqual(response.status_code, 200, response.text[:500])
        return CSRF.search(response.text).group(1)

    def post_form(self, url, data, form_url=None):
        token = self.csrf(form_url or url)
        response = self.url_open(url, data=dict(data, csrf_token=token))
        # The server wrote through its own environment.
        self.env.invalidate_all()
        return response

    def mark_done(self, case):
        case.with_user(case.user_id).write({"resolution": "<p>Replaced the fuse.</p>"})
        case.with_user(case.user_id).action_done()
        self.assertEqual(case.state, "done")
