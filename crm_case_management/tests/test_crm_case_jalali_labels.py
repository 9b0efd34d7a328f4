# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""What a reader sees in date group headers and Jalali month groups."""

import datetime

from odoo.tests import tagged
from odoo.tools import SQL

from .common import CaseCommon, use_persian_and_english

GREGORIAN_MONTHS_FA = ("نوامبر", "دسامبر")
LATIN_DIGITS = set("0123456789")


@tagged("post_install", "-at_install")
class TestJalaliGroupLabels(CaseCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        use_persian_and_english(cls.env, modules=["crm_case_management"])
        # 2026-11-25 (4 Azar 1405) and 2026-12-22 (1 Dey 1405), in Tehran.
        cls.cases = cls._create_case(
            date_request=datetime.datetime(2026, 11, 25, 6, 0),
            date_deadline=datetime.date(2026, 11, 25),
        ) | cls._create_case(
            date_request=datetime.datetime(2026, 12, 22, 6, 0),
            date_deadline=datetime.date(2026, 12, 22),
        )

    def _labels(self, user, lang, groupby):
        Case = (
            self.env["crm.case"]
            .with_user(user)
            .with_context(lang=lang, tz="Asia/Tehran")
            .sudo()
        )
        groups = Case.formatted_read_group(
            [("id", "in", self.cases.ids)], [groupby], []
        )
        return [group[groupby][1] for group in groups]

    def test_a_persian_reader_sees_single_days_in_jalali(self):
        self.manager.lang = "fa_IR"
        self.assertEqual(
            self._labels(self.manager, "fa_IR", "date_deadline:day"),
            ["۴ آذر ۱۴۰۵", "۱ دی ۱۴۰۵"],
        )
        # A datetime's day is the day in the reader's zone.
        self.assertEqual(
            self._labels(self.manager, "fa_IR", "date_request:day"),
            ["۴ آذر ۱۴۰۵", "۱ دی ۱۴۰۵"],
        )
        weeks = self._labels(self.manager, "fa_IR", "date_deadline:week")
        self.assertEqual(len(weeks), 2)
        for week in weeks:
            self.assertTrue(week.startswith("هفتهٔ "), week)
            self.assertIn("۱۴۰۵", week)
            self.assertFalse(LATIN_DIGITS & set(week), week)

    def test_gregorian_buckets_stay_whole_gregorian(self):
        self.manager.lang = "fa_IR"
        self.assertEqual(
            self._labels(self.manager, "fa_IR", "date_deadline:month"),
            ["نوامبر ۲۰۲۶", "دسامبر ۲۰۲۶"],
        )
        self.assertEqual(
            self._labels(self.manager, "fa_IR", "date_deadline:quarter"),
            ["سه‌ماههٔ ۴ ۲۰۲۶"],
        )
        self.assertEqual(
            self._labels(self.manager, "fa_IR", "date_deadline:year"), ["۲۰۲۶"]
        )

    def test_an_english_reader_keeps_odoos_labels(self):
        self.manager.lang = "en_US"
        self.assertEqual(
            self._labels(self.manager, "en_US", "date_deadline:day"),
            ["25 Nov 2026", "22 Dec 2026"],
        )
        self.assertEqual(
            self._labels(self.manager, "en_US", "date_deadline:month"),
            ["November 2026", "December 2026"],
        )

    def test_an_english_reader_who_chose_jalali_reads_jalali_days(self):
        self.manager.write({"lang": "en_US", "date_calendar": "jalali"})
        self.assertEqual(
            self._labels(self.manager, "en_US", "date_deadline:day"),
            ["4 Azar 1405", "1 Dey 1405"],
        )


@tagged("post_install", "-at_install")
class TestJalaliPeriodNames(CaseCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        use_persian_and_english(cls.env, modules=())
        cls.case = cls._create_case(date_request=datetime.datetime(2026, 11, 25, 6, 0))

    def _group_names(self, lang):
        groups = (
            self.env["crm.case"]
            .with_user(self.manager)
            .with_context(lang=lang)
            .formatted_read_group([("id", "=", self.case.id)], ["jalali_month"], [])
        )
        return [group["jalali_month"][1] for group in groups]

    def test_an_english_reader_groups_by_azar_1405(self):
        self.assertEqual(self._group_names("en_US"), ["Azar 1405"])
        self.assertEqual(self._group_names("fa_IR"), ["آذر ۱۴۰۵"])

    def test_the_month_is_found_by_its_name_in_each_language(self):
        Period = self.env["crm.case.jalali.period"]
        azar = self.case.jalali_month
        self.assertIn(
            azar, Period.with_context(lang="en_US").search([("name", "=", "Azar 1405")])
        )
        found = Period.with_context(lang="fa_IR").name_search("آذر ۱۴۰۵")
        self.assertIn(azar.id, [period_id for period_id, _name in found])

    def test_months_named_before_translation_get_both_names(self):
        # As the column held them before: the Persian name only.
        self.env.cr.execute(
            SQL(
                "UPDATE crm_case_jalali_period SET name = %s::jsonb WHERE id = %s",
                '{"en_US": "آذر ۱۴۰۵"}',
                self.case.jalali_month.id,
            )
        )
        self.env["crm.case.jalali.period"].invalidate_model(["name", "display_name"])
        self.assertEqual(self._group_names("en_US"), ["آذر ۱۴۰۵"])
        self.env["crm.case.jalali.period"]._translate_names()
        self.assertEqual(self._group_names("en_US"), ["Azar 1405"])
        self.assertEqual(self._group_names("fa_IR"), ["آذر ۱۴۰۵"])

    def test_a_new_month_is_named_in_both_languages(self):
        Period = self.env["crm.case.jalali.period"]
        far = datetime.date(2090, 6, 1)  # Khordad 1469
        period = Period.browse(Period._period_ids_for_days([far])[far])
        self.assertEqual(period.with_context(lang="en_US").name, "Khordad 1469")
        self.assertEqual(period.with_context(lang="fa_IR").name, "خرداد ۱۴۶۹")
