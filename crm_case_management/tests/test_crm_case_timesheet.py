# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import datetime
import random

from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import Form, tagged, users, warmup

from .common import CaseCommon


@tagged("post_install", "-at_install")
class TestCaseTimesheet(CaseCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.support = cls.env["project.project"].create(
            {"name": "Helpdesk", "allow_timesheets": True}
        )
        cls.company.case_project_id = cls.support
        cls.client_project = cls.env["project.project"].create(
            {"name": "Parsian roll-out", "allow_timesheets": True}
        )
        cls.employee_agent = cls.env["hr.employee"].create(
            {"name": "Agent", "user_id": cls.agent.id}
        )
        cls.employee_other = cls.env["hr.employee"].create(
            {"name": "Other Agent", "user_id": cls.other_agent.id}
        )
        cls.employee_manager = cls.env["hr.employee"].create(
            {"name": "Manager", "user_id": cls.manager.id}
        )

    def _log(self, case, hours, user=None, **values):
        return (
            self.env["account.analytic.line"]
            .with_user(user or self.agent)
            .create(
                {"case_id": case.id, "unit_amount": hours, "name": "work", **values}
            )
        )

    def test_hours_go_to_the_case_project(self):
        case = self._create_case(
            user_id=self.agent.id, project_id=self.client_project.id
        )
        line = self._log(case, 1.5)
        self.assertEqual(line.project_id, self.client_project)
        self.assertEqual(line.employee_id, self.employee_agent)
        self.assertEqual(case.total_hours, 1.5)

    def test_then_the_case_type_project_then_the_company_project(self):
        type_project = self.env["project.project"].create(
            {"name": "Complaints", "allow_timesheets": True}
        )
        self.type_complaint.project_id = type_project
        complaint = self._create_case(
            type_id=self.type_complaint.id, user_id=self.agent.id
        )
        general = self._create_case(user_id=self.agent.id)
        self.assertEqual(self._log(complaint, 1).project_id, type_project)
        self.assertEqual(self._log(general, 1).project_id, self.support)

    def test_case_without_any_project_gets_a_clear_error(self):
        self.company.case_project_id = False
        case = self._create_case(user_id=self.agent.id)
        with self.assertRaisesRegex(UserError, "no project to log hours on"):
            self._log(case, 1)
        self.assertFalse(case.timesheet_ids)

    def test_project_without_timesheets_gets_a_clear_error(self):
        self.support.allow_timesheets = False
        case = self._create_case(user_id=self.agent.id)
        with self.assertRaisesRegex(UserError, "does not accept timesheets"):
            self._log(case, 1)

    def test_log_hours_from_the_case_form(self):
        case = self._create_case(user_id=self.agent.id)
        with (
            Form(case.with_user(self.agent)) as form,
            form.timesheet_ids.new() as line,
        ):
            line.employee_id = self.employee_agent
            line.unit_amount = 2.25
        # Read as the agent: other users see only their own timesheet lines.
        self.assertEqual(
            case.with_user(self.agent).timesheet_ids.project_id, self.support
        )
        self.assertEqual(case.total_hours, 2.25)

    def test_pick_the_case_on_an_ordinary_timesheet(self):
        case = self._create_case(
            user_id=self.agent.id, project_id=self.client_project.id
        )
        form = Form(
            self.env["account.analytic.line"].with_user(self.agent),
            view="hr_timesheet.hr_timesheet_line_form",
        )
        form.case_id = case
        self.assertEqual(form.project_id, self.client_project)
        form.unit_amount = 1
        line = form.save()
        self.assertEqual(line.case_id, case)

    def test_changing_the_case_project_moves_hours_only_on_request(self):
        case = self._create_case(user_id=self.agent.id)
        line = self._log(case, 1)
        case.with_user(self.operator).project_id = self.client_project
        self.assertEqual(line.project_id, self.support)
        self.assertTrue(case.timesheet_project_mismatch)
        case.with_user(self.manager).action_move_timesheets()
        self.assertEqual(line.project_id, self.client_project)
        self.assertFalse(case.timesheet_project_mismatch)

    def test_estimates(self):
        case = self._create_case(user_id=self.agent.id, planned_hours=4)
        self._log(case, 1)
        self._log(case, 0.5)
        self.assertEqual(case.total_hours, 1.5)
        self.assertEqual(case.remaining_hours, 2.5)
        self.assertAlmostEqual(case.progress, 37.5)
        other = self._create_case(user_id=self.agent.id, planned_hours=2)
        self._log(other, 3)
        self.assertEqual(other.remaining_hours, -1)
        groups = self.env["crm.case"]._read_group(
            [("id", "in", (case | other).ids)],
            [],
            ["planned_hours:sum", "total_hours:sum"],
        )
        self.assertEqual(groups, [(6.0, 4.5)])

    def test_new_cases_store_their_totals(self):
        planned = self._create_case(user_id=self.agent.id, planned_hours=3)
        Case = self.env["crm.case"].with_user(self.agent)
        logged_at_once = Case.create(
            {
                "name": "Logged while typing",
                "description": "<p>Hours entered before saving.</p>",
                "partner_id": self.customer.id,
                "user_id": self.agent.id,
                "planned_hours": 3,
                "timesheet_ids": [
                    Command.create(
                        {
                            "employee_id": self.employee_agent.id,
                            "unit_amount": 1.0,
                            "name": "first look",
                        }
                    )
                ],
            }
        )
        self.env.flush_all()
        self.env.invalidate_all()  # read back what was stored
        self.assertEqual(
            (planned.total_hours, planned.remaining_hours, planned.progress),
            (0.0, 3.0, 0.0),
        )
        self.assertEqual(
            (logged_at_once.total_hours, logged_at_once.remaining_hours),
            (1.0, 2.0),
        )

    def test_case_with_hours_cannot_be_deleted(self):
        case = self._create_case(user_id=self.agent.id)
        self._log(case, 1)
        with self.assertRaisesRegex(UserError, "has hours logged"):
            case.with_user(self.manager).unlink()

    def test_rollups_match_independent_sums(self):
        """Many lines over cases, employees, customers, projects, 2 companies."""
        rng = random.Random(42)
        company_b = self.env["res.company"].create({"name": "Branch B"})
        project_b = (
            self.env["project.project"]
            .with_company(company_b)
            .create(
                {
                    "name": "Support B",
                    "allow_timesheets": True,
                    "company_id": company_b.id,
                }
            )
        )
        company_b.case_project_id = project_b
        employees = self.employee_agent | self.employee_other | self.employee_manager
        employee_b = self.env["hr.employee"].create(
            {"name": "Branch agent", "company_id": company_b.id}
        )
        customers = self.customer | self.customer_contact | self.other_customer
        cases = self.env["crm.case"]
        for index in range(12):
            project = (
                self.client_project if index % 3 == 0 else self.env["project.project"]
            )
            cases |= self._create_case(
                user=self.manager,
                partner_id=customers[index % 3].id,
                project_id=project.id,
                user_id=self.agent.id,
            )
        cases_b = (
            self.env["crm.case"]
            .with_company(company_b)
            .create(
                [
                    {
                        "name": f"B{index}",
                        "description": "<p>b</p>",
                        "partner_id": self.other_customer.id,
                        "company_id": company_b.id,
                    }
                    for index in range(3)
                ]
            )
        )
        expected_by_case = {}
        for _index in range(120):
            case = rng.choice(cases)
            hours = rng.choice([0.25, 0.5, 1.0, 1.5, 2.0, 3.75])
            employee = rng.choice(employees)
            self.env["account.analytic.line"].create(
                {"case_id": case.id, "unit_amount": hours, "employee_id": employee.id}
            )
            expected_by_case[case] = expected_by_case.get(case, 0.0) + hours
        for case in cases_b:
            self.env["account.analytic.line"].with_company(company_b).create(
                {"case_id": case.id, "unit_amount": 2.0, "employee_id": employee_b.id}
            )
            expected_by_case[case] = 2.0
        self.env.flush_all()
        # Independent sums, straight from the table.
        self.env.cr.execute(
            """SELECT case_id, SUM(unit_amount) FROM account_analytic_line
                WHERE case_id IS NOT NULL GROUP BY case_id"""
        )
        from_sql = dict(self.env.cr.fetchall())
        for case, hours in expected_by_case.items():
            self.assertAlmostEqual(case.total_hours, hours)
            self.assertAlmostEqual(from_sql[case.id], hours)

        def sum_where(predicate):
            return sum(h for case, h in expected_by_case.items() if predicate(case))

        self.manager.company_ids |= company_b
        self.env.invalidate_all()
        manager_env = self.env(
            user=self.manager,
            context={"allowed_company_ids": [self.company.id, company_b.id]},
        )
        customer = self.customer.with_env(manager_env)
        self.assertAlmostEqual(
            customer.case_hours,
            sum_where(
                lambda c: c.partner_id in (self.customer | self.customer_contact)
            ),
        )
        other = self.other_customer.with_env(manager_env)
        self.assertAlmostEqual(
            other.case_hours, sum_where(lambda c: c.partner_id == self.other_customer)
        )
        project = self.client_project.with_env(manager_env)
        self.assertAlmostEqual(
            project.case_hours, sum_where(lambda c: c.project_id == self.client_project)
        )
        self.env.cr.execute(
            """SELECT employee_id, SUM(unit_amount) FROM account_analytic_line
                WHERE case_id IS NOT NULL GROUP BY employee_id"""
        )
        by_employee = dict(self.env.cr.fetchall())
        for employee in employees | employee_b:
            self.assertAlmostEqual(
                employee.with_env(manager_env).case_hours,
                by_employee.get(employee.id, 0.0),
            )
        # The report gives the same totals.
        report = self.env["crm.case.timesheet.report"].with_env(manager_env)
        test_cases = [("case_id", "in", list({case.id for case in expected_by_case}))]
        rows = report._read_group(test_cases, ["commercial_partner_id"], ["hours:sum"])
        self.assertAlmostEqual(
            dict(rows)[self.customer.commercial_partner_id],
            customer.case_hours,
        )
        self.assertAlmostEqual(
            sum(hours for _partner, hours in rows), sum(expected_by_case.values())
        )

    def test_report_shows_only_cases_the_user_may_read(self):
        mine = self._create_case(user=self.operator, user_id=self.agent.id)
        theirs = self._create_case(user=self.other_agent, user_id=self.other_agent.id)
        self._log(mine, 1.0)
        self._log(theirs, 2.0, user=self.other_agent)
        report = self.env["crm.case.timesheet.report"]
        as_operator = report.with_user(self.operator).search([])
        self.assertEqual(as_operator.case_id, mine)
        self.assertEqual(
            report.with_user(self.operator)._read_group([], [], ["hours:sum"]), [(1.0,)]
        )
        self.assertEqual(
            report.with_user(self.manager)
            .search([("case_id", "in", (mine | theirs).ids)])
            .case_id,
            mine | theirs,
        )

    def _shared_with_other_agent(self, case):
        """File the case in a team queue, so the other agent works it too."""
        case.queue_id = self.env["crm.case.queue"].create(
            {
                "name": "Both agents",
                "member_ids": [Command.set((self.agent | self.other_agent).ids)],
            }
        )
        return case

    def test_case_hours_per_employee(self):
        case = self._shared_with_other_agent(self._create_case(user_id=self.agent.id))
        self._log(case, 1.0)
        self._log(case, 2.0, user=self.other_agent)
        self._log(case, 0.5)
        action = case.action_view_hours()
        rows = self.env["crm.case.timesheet.report"]._read_group(
            action["domain"], ["employee_id"], ["hours:sum"]
        )
        self.assertEqual(
            dict(rows), {self.employee_agent: 1.5, self.employee_other: 2.0}
        )

    def test_hours_of_last_month_for_a_customer_by_project_and_employee(self):
        case = self._create_case(
            user_id=self.agent.id, project_id=self.client_project.id
        )
        last_month = datetime.date.today().replace(day=1) - datetime.timedelta(days=1)
        self._shared_with_other_agent(case)
        self._log(case, 2.0, date=last_month)
        self._log(case, 1.0, user=self.other_agent, date=last_month)
        self._log(case, 4.0, date=datetime.date.today())
        action = self.customer.with_user(self.manager).action_view_case_hours()
        domain = action["domain"] + [
            ("date", ">=", last_month.replace(day=1)),
            ("date", "<=", last_month),
        ]
        rows = self.env["crm.case.timesheet.report"]._read_group(
            domain, ["project_id", "employee_id"], ["hours:sum"]
        )
        self.assertEqual(
            sorted((p.name, e.name, h) for p, e, h in rows),
            [
                ("Parsian roll-out", "Agent", 2.0),
                ("Parsian roll-out", "Other Agent", 1.0),
            ],
        )

    @users("case_manager")
    @warmup
    def test_smart_buttons_take_the_same_queries_for_1_and_50(self):
        partners = (
            self.env["res.partner"]
            .sudo()
            .create([{"name": f"Customer {index}"} for index in range(50)])
        )
        projects = (
            self.env["project.project"]
            .sudo()
            .create([{"name": f"Project {index}"} for index in range(50)])
        )
        self.env["crm.case"].create(
            [
                {
                    "name": f"Case {index}",
                    "description": "<p>x</p>",
                    "partner_id": partner.id,
                    "project_id": project.id,
                }
                for index, (partner, project) in enumerate(
                    zip(partners, projects, strict=True)
                )
            ]
        )
        for records, field in ((partners, "case_hours"), (projects, "case_hours")):
            self.env.invalidate_all()
            with self.assertQueryCount(case_manager=4):
                records[:1].mapped(field)
            self.env.invalidate_all()
            with self.assertQueryCount(case_manager=4):
                records.mapped(field)
