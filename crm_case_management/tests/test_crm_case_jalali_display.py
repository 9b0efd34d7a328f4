# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Server-side dates: QWeb fields and the user's calendar preference."""

import datetime

from odoo.tests import TransactionCase, new_test_user, tagged

from ..tools.date_display import display_date, display_datetime
from .common import use_persian_and_english


@tagged("post_install", "-at_install")
class TestJalaliDisplay(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        use_persian_and_english(cls.env, modules=())
        cls.env["res.lang"]._lang_get("en_US").date_format = "%m/%d/%Y"

    def test_qweb_date_fields_render_jalali_for_persian_readers(self):
        day = datetime.date(2026, 11, 24)
        field = self.env["ir.qweb.field.date"]
        self.assertEqual(
            field.with_context(lang="fa_IR").value_to_html(day, {}), "۳ آذر ۱۴۰۵"
        )
        self.assertEqual(
            field.with_context(lang="en_US").value_to_html(day, {}), "11/24/2026"
        )

    def test_qweb_datetime_fields_in_the_readers_time_zone(self):
        moment = datetime.datetime(2026, 3, 20, 20, 30)  # naive UTC
        field = self.env["ir.qweb.field.datetime"].with_context(
            lang="fa_IR", tz="Asia/Tehran"
        )
        self.assertEqual(field.value_to_html(moment, {}), "۱۴۰۵/۰۱/۰۱ ۰۰:۰۰")
        self.assertEqual(
            field.value_to_html(moment, {"date_only": True}), "۱ فروردین ۱۴۰۵"
        )
        english = self.env["ir.qweb.field.datetime"].with_context(
            lang="en_US", tz="UTC"
        )
        self.assertTrue(english.value_to_html(moment, {}).startswith("03/20/2026"))

    def test_mail_template_rendering_in_persian_uses_jalali(self):
        partner = self.env["res.partner"].create({"name": "مشتری", "lang": "fa_IR"})
        view = self.env["ir.ui.view"].create(
            {
                "name": "date probe",
                "type": "qweb",
                "arch": '<t t-name="probe"><span t-field="partner.write_date" '
                "t-options=\"{'widget': 'date'}\"/></t>",
            }
        )
        html = (
            self.env["ir.qweb"]
            .with_context(lang="fa_IR")
            ._render(view.id, {"partner": partner})
        )
        self.assertRegex(str(html), r"[۰-۹]+ [آ-ی]+ [۰-۹]{4}")
        self.assertNotRegex(str(html), r"[0-9]{4}")

    def test_the_users_calendar_choice_is_honoured(self):
        moment = datetime.datetime(2026, 3, 20, 20, 30)
        persian_gregorian = new_test_user(
            self.env,
            "fa_greg",
            lang="fa_IR",
            tz="Asia/Tehran",
            date_calendar="gregorian",
        )
        english_jalali = new_test_user(
            self.env, "en_jal", lang="en_US", tz="Asia/Tehran", date_calendar="jalali"
        )
        as_greg = self.env(user=persian_gregorian)
        as_jal = self.env(user=english_jalali, context={"lang": "en_US"})
        self.assertNotIn("۱۴۰۵", display_date(as_greg, moment.date()))
        self.assertEqual(display_datetime(as_jal, moment), "۱۴۰۵/۰۱/۰۱ ۰۰:۰۰")
        # A named reader (a customer) is read by their language, whatever
        # the user's own choice.
        self.assertEqual(display_date(as_jal, moment.date(), "en_US"), "03/20/2026")
        # What the web client is told with the session.
        Users = self.env["res.users"]
        self.assertTrue(Users.with_user(english_jalali)._reads_jalali())
        self.assertFalse(Users.with_user(persian_gregorian)._reads_jalali())

    def test_users_may_change_their_own_calendar(self):
        user = new_test_user(self.env, "self_cal", lang="fa_IR")
        user.with_user(user).write({"date_calendar": "gregorian"})
        self.assertEqual(user.date_calendar, "gregorian")
