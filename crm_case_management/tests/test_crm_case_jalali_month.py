# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Cases and hours grouped by Jalali month, checked against jdatetime."""

import datetime
from collections import defaultdict

import jdatetime

from odoo.tests import tagged

from .common import CaseCommon, CaseRpcCommon, RaceCase, RpcError

PERSIAN = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")


def expected_month_name(day):
    """The month's name by jdatetime's own locale, not by the addon's code."""
    jdate = jdatetime.date.fromgregorian(date=day, locale="fa_IR")
    return jdate.strftime("%B %Y").translate(PERSIAN)


@tagged("post_install", "-at_install")
class TestJalaliMonth(CaseCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("fa_IR")
        cls.support = cls.env["project.project"].create(
            {"name": "Helpdesk", "allow_timesheets": True}
        )
        cls.company.case_project_id = cls.support
        cls.env["hr.employee"].create({"name": "Agent", "user_id": cls.agent.id})

    def test_the_month_turns_at_midnight_in_tehran(self):
        # 1405/01/01 00:00 in Tehran is 2026-03-20 20:30 UTC.
        before = self._create_case(date_request=datetime.datetime(2026, 3, 20, 20, 29))
        after = self._create_case(date_request=datetime.datetime(2026, 3, 20, 20, 30))
        before, after = (case.with_context(lang="fa_IR") for case in (before, after))
        self.assertEqual(before.jalali_month.name, "اسفند ۱۴۰۴")
        self.assertEqual(before.jalali_month.code, "1404-12")
        self.assertEqual(after.jalali_month.name, "فروردین ۱۴۰۵")
        self.assertEqual(after.jalali_month.season, "spring")
        self.assertEqual(after.jalali_month.date_start, datetime.date(2026, 3, 21))

    def test_hours_pivot_by_jalali_month_matches_jdatetime_for_every_row(self):
        case = self._create_case(user_id=self.agent.id)
        Line = self.env["account.analytic.line"].with_user(self.agent)
        start = datetime.date(2024, 12, 1)  # across the leap Esfand of 1403
        days = [start + datetime.timedelta(days=n * 9) for n in range(60)]
        lines = Line.create(
            [
                {
                    "case_id": case.id,
                    "name": "work",
                    "date": day,
                    "unit_amount": n % 4 + 0.5,
                }
                for n, day in enumerate(days)
            ]
        )
        expected = defaultdict(float)
        for line in lines:
            expected[expected_month_name(line.date)] += line.unit_amount
        groups = (
            self.env["crm.case.timesheet.report"]
            .with_user(self.manager)
            .with_context(lang="fa_IR")
            .formatted_read_group(
                [("case_id", "=", case.id)], ["jalali_month"], ["hours:sum"]
            )
        )
        got = {group["jalali_month"][1]: group["hours:sum"] for group in groups}
        self.assertEqual(got, dict(expected))
        codes = [group["jalali_month"][1] for group in groups]
        self.assertEqual(len(codes), len(set(codes)))
        # Chronological order, as a pivot shows it.
        first_days = [
            self.env["crm.case.jalali.period"]
            .browse(group["jalali_month"][0])
            .date_start
            for group in groups
        ]
        self.assertEqual(first_days, sorted(first_days))

    def test_months_outside_the_shipped_years_are_created_once(self):
        Period = self.env["crm.case.jalali.period"]
        far = datetime.date(2090, 6, 1)  # 1469
        self.assertFalse(Period.search([("year", "=", 1469)]))
        first = Period._period_ids_for_days([far])[far]
        again = Period._period_ids_for_days([far])[far]
        Period._insert_months({(1469, 3)})
        self.assertEqual(first, again)
        self.assertEqual(Period.search_count([("code", "=", "1469-03")]), 1)
        self.assertEqual(
            Period.browse(first).with_context(lang="fa_IR").name,
            expected_month_name(far),
        )

    def test_case_create_reads_no_period_when_the_month_is_known(self):
        self._create_case()  # warm the registry cache
        with self.assertQueryCount(0):
            self.env["crm.case.jalali.period"]._period_ids_for_days(
                [datetime.date(2026, 11, 25)]
            )


class TestJalaliMonthRace(RaceCase):
    def test_two_requests_create_the_same_new_month_once(self):
        far = datetime.date(2095, 1, 10)

        def create_month(env):
            return env["crm.case.jalali.period"]._period_ids_for_days([far])[far]

        try:
            outcomes = self.run_together(create_month, create_month)
            self.assertEqual(len(set(outcomes)), 1, outcomes)
            self.assertIsInstance(outcomes[0], int, outcomes)
        finally:
            with self.committed_env() as env:
                env["crm.case.jalali.period"].search([("year", "=", 1473)]).unlink()


@tagged("post_install", "-at_install")
class TestJalaliMonthRpc(CaseRpcCommon):
    def test_a_client_cannot_set_the_jalali_month(self):
        case = self._create_case(user=self.agent)
        other = self.env["crm.case.jalali.period"].search([("code", "=", "1390-01")])
        with self.assertRaises(RpcError):
            self.json2(
                self.agent,
                "crm.case",
                "write",
                ids=case.ids,
                vals={"jalali_month": other.id},
            )
        with self.assertRaises(RpcError):
            self.json2(
                self.agent,
                "crm.case",
                "create",
                vals_list=[
                    {"name": "x", "description": "<p>x</p>", "jalali_month": other.id}
                ],
            )
        self.assertNotEqual(case.jalali_month, other)

    def test_a_client_cannot_misfile_a_timesheet_line(self):
        self.env["hr.employee"].create({"name": "Agent", "user_id": self.agent.id})
        self.company.case_project_id = self.env["project.project"].create(
            {"name": "Helpdesk", "allow_timesheets": True}
        )
        case = self._create_case(user=self.agent, user_id=self.agent.id)
        other = self.env["crm.case.jalali.period"].search([("code", "=", "1390-01")])
        line = (
            self.env["account.analytic.line"]
            .with_user(self.agent)
            .create({"case_id": case.id, "name": "work", "unit_amount": 1})
        )
        month = line.jalali_month
        with self.assertRaises(RpcError):
            self.json2(
                self.agent,
                "account.analytic.line",
                "write",
                ids=line.ids,
                vals={"jalali_month": other.id},
            )
        self.assertEqual(line.jalali_month, month)
        self.assertTrue(month)
