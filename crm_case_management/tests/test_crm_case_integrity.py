# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Data that must stay right: merges, clause balances and mail intake."""

import datetime
from contextlib import contextmanager

from odoo import Command
from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .common import CaseCommon, CaseRpcCommon, RpcError

MAIL = """From: {name} <{sender}>
To: support@example.com
Subject: {subject}
Message-ID: <{message_id}@mail.example.com>
MIME-Version: 1.0
Content-Type: text/plain; charset="utf-8"

The printer stays dark.
"""


def set_up_desk(cls):
    """Hours on the default support project, and a contract of the customer."""
    cls.support = cls.env["project.project"].create(
        {"name": "Helpdesk", "allow_timesheets": True}
    )
    cls.company.case_project_id = cls.support
    Employee = cls.env["hr.employee"]
    cls.employee_agent = Employee.create({"name": "Agent", "user_id": cls.agent.id})
    cls.employee_other = Employee.create(
        {"name": "Other Agent", "user_id": cls.other_agent.id}
    )
    Employee.create({"name": "Manager", "user_id": cls.manager.id})
    cls.email = cls.env.ref("crm_case_management.crm_case_channel_email")
    cls.website = cls.env.ref("crm_case_management.crm_case_channel_website")
    cls.cancelled = cls.env.ref("crm_case_management.crm_case_stage_cancelled")
    cls.solved = cls.env.ref("crm_case_management.crm_case_stage_solved")
    today = datetime.date.today()
    cls.contract = cls.env["crm.case.contract"].create(
        {
            "name": "Support",
            "partner_id": cls.customer.id,
            "date_start": today - datetime.timedelta(days=30),
            "date_end": today + datetime.timedelta(days=300),
            "user_id": cls.manager.id,
            "line_ids": [
                Command.create(
                    {
                        "name": "Cases by phone",
                        "allotment_type": "cases",
                        "allotted": 10,
                        "channel_ids": [Command.set(cls.channel_phone.ids)],
                    }
                ),
                Command.create(
                    {
                        "name": "Hours by e-mail",
                        "allotment_type": "hours",
                        "allotted": 10,
                        "on_exhaustion": "overage",
                        "channel_ids": [Command.set(cls.email.ids)],
                    }
                ),
                Command.create(
                    {
                        "name": "Hours on the website",
                        "allotment_type": "hours",
                        "allotted": 10,
                        "channel_ids": [Command.set(cls.website.ids)],
                    }
                ),
            ],
        }
    )
    cls.contract.action_activate()
    cls.cases_clause, cls.email_hours, cls.web_hours = cls.contract.line_ids


class IntegrityMixin:
    def _case(self, user=None, **values):
        return self._create_case(user=user, user_id=self.agent.id, **values)

    def _log(self, case, hours, user=None, employee=None):
        Line = self.env["account.analytic.line"].with_user(user or self.agent)
        vals = {"case_id": case.id, "unit_amount": hours, "name": "Work"}
        if employee:
            Line, vals["employee_id"] = Line.sudo(), employee.id
        return Line.create(vals)

    def _solve(self, case):
        case.with_user(self.agent).resolution = "<p>Solved.</p>"
        case.with_user(self.agent).action_done()
        case.with_user(case.create_uid).action_approve()

    @contextmanager
    def refused(self, exception, text):
        """assertRaisesRegex that also rolls back what the refused call did."""
        with self.assertRaises(exception) as caught:
            yield
        self.assertIn(text, str(caught.exception))

    def _booked(self, clause):
        clause.invalidate_recordset()
        return clause.consumed + clause.overage


# ----------------------------------------------------------------------
# 1. Merging
# ----------------------------------------------------------------------
@tagged("post_install", "-at_install")
class TestMergeIntegrity(IntegrityMixin, CaseRpcCommon):
    """The merge wizard, driven over JSON-RPC as a client can drive it."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        set_up_desk(cls)

    def _merge(self, user, cases, keep, context=None):
        [wizard_id] = self.json2(
            user,
            "crm.case.merge",
            "create",
            context=context,
            vals_list=[{"case_ids": [Command.set(cases.ids)], "keep_id": keep.id}],
        )
        return self.json2(
            user, "crm.case.merge", "action_merge", ids=[wizard_id], context=context
        )

    def test_merge_refuses_cases_of_another_customer(self):
        keep = self._case(name="Printer dark")
        theirs = self._case(name="Printer dark", partner_id=self.other_customer.id)
        with self.assertRaisesRegex(RpcError, "one customer"):
            self._merge(self.agent, keep | theirs, keep)
        self.assertEqual(theirs.state, "open")
        self.assertFalse(theirs.merged_into_id)

    def test_merge_refuses_cases_of_another_company(self):
        other_company = self.env["res.company"].create({"name": "Branch"})
        self.manager.company_ids |= other_company
        keep = self._case(name="Printer dark")
        elsewhere = (
            self.env["crm.case"]
            .with_user(self.manager)
            .with_company(other_company)
            .create(
                {
                    "name": "Printer dark",
                    "description": "<p>Dark.</p>",
                    "number": "BR-1",
                    "partner_id": self.customer.id,
                    "company_id": other_company.id,
                }
            )
        )
        context = {"allowed_company_ids": [self.company.id, other_company.id]}
        with self.assertRaisesRegex(RpcError, "one company"):
            self._merge(self.manager, keep | elsewhere, keep, context=context)
        self.assertEqual(elsewhere.state, "open")

    def test_merge_refuses_a_case_the_user_may_no_longer_edit(self):
        keep = self._create_case(user=self.agent, user_id=self.agent.id)
        # The agent opened it; the other agent has written the resolution,
        # so its creator only approves or rejects it now.
        judged = self._create_case(user=self.agent, user_id=self.other_agent.id)
        judged.with_user(self.other_agent).resolution = "<p>Replaced the fuse.</p>"
        with self.assertRaisesRegex(RpcError, "already worked on"):
            self._merge(self.agent, keep | judged, keep)
        self.assertEqual(judged.state, "open")

    def test_merged_case_closes_without_a_unit_and_without_to_dos(self):
        keep = self._case(channel_id=self.channel_phone.id)
        other = self._case(channel_id=self.channel_phone.id)
        self.assertEqual(other.contract_line_id, self.cases_clause)
        self.assertTrue(other.activity_ids)
        self._merge(self.operator, keep | other, keep)
        self.assertEqual(
            (other.state, other.stage_id, other.merged_into_id),
            ("closed", self.cancelled, keep),
        )
        self.assertTrue(other.date_closed)
        # The assignee's to-do on the merged case is withdrawn, not left
        # open on a closed case.
        self.assertFalse(other.activity_ids)
        self.assertEqual(self._booked(self.cases_clause), 0)

    def test_merge_never_closes_in_a_stage_that_uses_a_unit(self):
        self.cancelled.consumes_contract = True
        keep = self._case(channel_id=self.channel_phone.id)
        other = self._case(channel_id=self.channel_phone.id)
        with self.assertRaisesRegex(RpcError, "no closing stage that uses no"):
            self._merge(self.manager, keep | other, keep)
        self.assertEqual(other.state, "open")
        self.assertEqual(self._booked(self.cases_clause), 0)

    def test_merge_moves_only_hours_the_user_could_move(self):
        keep = self._case()
        other = self._case()
        mine = self._log(other, 1.0)
        theirs = self._log(other, 2.0, employee=self.employee_other)
        with self.assertRaisesRegex(RpcError, "Other Agent.*may not move them"):
            self._merge(self.operator, keep | other, keep)
        self.assertEqual((mine | theirs).case_id, other)
        self.assertEqual(other.state, "open")
        # A manager approves timesheets, so moves anyone's hours.
        self._merge(self.manager, keep | other, keep)
        self.assertEqual((mine | theirs).case_id, keep)
        self.assertEqual(keep.total_hours, 3.0)

    def test_negative_hours_on_a_case_are_refused(self):
        case = self._case(channel_id=self.email.id)
        self.assertEqual(case.contract_line_id, self.email_hours)
        self._log(case, 12.0)
        self.assertEqual(self.email_hours.overage, 2.0)
        with self.assertRaisesRegex(RpcError, "cannot be negative"):
            self.json2(
                self.agent,
                "account.analytic.line",
                "create",
                vals_list=[{"case_id": case.id, "unit_amount": -2.0, "name": "Fix"}],
            )
        self.email_hours.invalidate_recordset()
        self.assertEqual(self.email_hours.overage, 2.0)
        self.assertEqual(case.total_hours, 12.0)


# ----------------------------------------------------------------------
# 2. Clause balances
# ----------------------------------------------------------------------
@tagged("post_install", "-at_install")
class TestClauseIntegrity(IntegrityMixin, CaseCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        set_up_desk(cls)

    def test_users_do_not_change_hours_of_a_closed_case(self):
        case = self._case(channel_id=self.email.id)
        line = self._log(case, 2.0)
        self._solve(case)
        self.assertEqual(case.state, "closed")
        with self.refused(UserError, "only a manager can log"):
            self._log(case, 1.0)
        with self.refused(UserError, "only a manager can log"):
            line.with_user(self.agent).unit_amount = 5.0
        with self.refused(UserError, "only a manager can log"):
            line.with_user(self.agent).unlink()
        self.assertEqual(self._booked(self.email_hours), 2.0)
        # A manager's correction is booked like any change of hours.
        self._log(case, 1.0, user=self.manager)
        self.assertEqual(self._booked(self.email_hours), 3.0)
        self.assertEqual(self.contract.line_ids._audit_balance(), [])

    def test_changing_the_clause_then_the_hours_counts_them_once(self):
        case = self._case(channel_id=self.email.id)
        line = self._log(case, 3.0)
        self.web_hours.channel_ids |= self.email
        case.with_user(self.manager).contract_line_id = self.web_hours
        self.assertEqual(self._booked(self.email_hours), 0.0)
        self.assertEqual(self._booked(self.web_hours), 3.0)
        line.with_user(self.agent).unit_amount = 4.0
        self.assertEqual(self._booked(self.web_hours), 4.0)
        self.assertEqual(self.contract.line_ids._audit_balance(), [])

    def test_clause_recomputed_from_a_channel_change_moves_its_hours(self):
        case = self._case(channel_id=self.email.id)
        self._log(case, 3.0)
        self.assertEqual(self._booked(self.email_hours), 3.0)
        case.with_user(self.agent).channel_id = self.website
        self.assertEqual(case.contract_line_id, self.web_hours)
        self.assertEqual(self._booked(self.email_hours), 0.0)
        self.assertEqual(self._booked(self.web_hours), 3.0)
        self.assertEqual(self.contract.line_ids._audit_balance(), [])

    def test_clause_recomputed_while_closing_is_booked_once(self):
        case = self._case(user=self.manager, channel_id=self.email.id)
        # A manager changes the channel and closes in one write: the clause
        # is recomputed (hours by e-mail -> cases) and the case closes on it.
        case.with_user(self.manager).write(
            {"channel_id": self.channel_phone.id, "stage_id": self.solved.id}
        )
        self.assertEqual(case.contract_line_id, self.cases_clause)
        self.assertEqual(self._booked(self.cases_clause), 1.0)
        self.assertEqual(self.contract.line_ids._audit_balance(), [])

    def test_every_movement_is_explained_by_cases_and_hours(self):
        Clause = self.env["crm.case.contract.line"]
        # Hours logged, changed, deleted; a clause chosen, a clause
        # recomputed, a case closed, reopened and closed again, a merge.
        by_mail = self._case(channel_id=self.email.id)
        first = self._log(by_mail, 2.0)
        self._log(by_mail, 1.5, employee=self.employee_other)
        first.with_user(self.agent).unit_amount = 3.0
        by_mail.with_user(self.agent).channel_id = self.website
        first.with_user(self.agent).unit_amount = 2.5
        doomed = self._log(by_mail, 1.0)
        doomed.with_user(self.agent).unlink()
        by_phone = self._case(channel_id=self.channel_phone.id)
        self._log(by_phone, 1.0)
        self._solve(by_phone)
        self.solved.next_stage_ids |= self.env.ref(
            "crm_case_management.crm_case_stage_new"
        )
        by_phone.with_user(self.manager).stage_id = self.env.ref(
            "crm_case_management.crm_case_stage_new"
        )
        self._solve(by_phone)
        duplicate = self._case(channel_id=self.website.id)
        self._log(duplicate, 0.5)
        self.env["crm.case.merge"].with_user(self.manager).create(
            {
                "case_ids": [Command.set((by_mail | duplicate).ids)],
                "keep_id": by_mail.id,
            }
        ).action_merge()
        with self.assertRaises(ValidationError):
            self._log(by_mail, -1.0)

        self.assertEqual(Clause._audit_all_balances(), [])
        self.assertEqual(self._booked(self.email_hours), 0.0)
        self.assertEqual(self._booked(self.web_hours), 4.5)  # 2.5 + 1.5 + 0.5
        self.assertEqual(self._booked(self.cases_clause), 1.0)
        self.assertEqual(by_mail.total_hours, 4.5)

        # A movement nothing explains is reported, with what it should be.
        self.env["crm.case.contract.move"].create(
            {"line_id": self.web_hours.id, "case_id": by_mail.id, "quantity": 1.0}
        )
        [difference] = Clause._audit_all_balances()
        self.assertEqual(
            difference,
            {
                "clause": self.web_hours,
                "case": by_mail,
                "expected": 4.5,
                "booked": 5.5,
            },
        )


# ----------------------------------------------------------------------
# 3 and 4. Mail intake
# ----------------------------------------------------------------------
@tagged("post_install", "-at_install")
class TestIntakeIntegrity(IntegrityMixin, CaseCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        set_up_desk(cls)
        cls.customer_contact.email = "ali@parsian.example.com"

    def _receive(self, subject, sender, message_id, name="Sender"):
        return self.env["crm.case"].browse(
            self.env["mail.thread"].message_process(
                "crm.case",
                MAIL.format(
                    name=name, sender=sender, subject=subject, message_id=message_id
                ),
            )
        )

    def test_a_code_from_a_stranger_opens_a_new_case(self):
        case = self._case()
        got = self._receive(
            f"Re: {case.number}", "someone@elsewhere.example.com", "stranger"
        )
        self.assertNotEqual(got, case)
        self.assertNotIn(
            "stranger@mail.example.com", case.message_ids.mapped("message_id")
        )
        note = got.message_ids.filtered(lambda m: case.number in (m.body or ""))
        self.assertTrue(note, "the new case notes the code its mail named")
        self.assertNotIn(case.name, note.body)

    def test_a_code_from_the_customer_or_a_follower_joins(self):
        case = self._case()
        got = self._receive(
            f"Re: {case.number}", "ali@parsian.example.com", "contact", "Ali Rezaei"
        )
        self.assertEqual(got, case)
        watcher = self.env["res.partner"].create(
            {"name": "Watcher", "email": "watcher@example.com"}
        )
        case.message_subscribe(partner_ids=watcher.ids)
        got = self._receive(f"Re: {case.number}", "watcher@example.com", "follower")
        self.assertEqual(got, case)
        self.assertIn(
            "follower@mail.example.com", "".join(case.message_ids.mapped("message_id"))
        )

    def test_a_code_of_another_company_is_not_joined(self):
        other_company = self.env["res.company"].create({"name": "Branch"})
        elsewhere = (
            self.env["crm.case"]
            .sudo()
            .with_company(other_company)
            .create(
                {
                    "name": "Printer dark",
                    "description": "<p>Dark.</p>",
                    "number": "BR-77",
                    "partner_id": self.customer_contact.id,
                    "company_id": other_company.id,
                }
            )
        )
        got = self._receive(
            "Re: BR-77", "ali@parsian.example.com", "branch", "Ali Rezaei"
        )
        self.assertNotEqual(got, elsewhere)
        self.assertEqual(got.company_id, self.company)

    def test_codes_in_a_subject_are_bounded_and_found_in_one_query(self):
        first, second = self._case(), self._case()
        noise = [f"X-{index}" for index in range(40)]
        subject = " ".join([*noise[:3], second.number, *noise[3:], first.number])
        Case = self.env["crm.case"]
        self.env.flush_all()
        self.env.invalidate_all()
        with self.assertQueryCount(1):
            found = Case._find_by_number_in(subject.lower())
        # Only the first words with a digit are looked at.
        self.assertEqual(found, second)
        self.assertEqual(
            Case._find_by_number_in(f"{first.number} and {second.number}"),
            first | second,
        )

    def test_a_used_up_clause_does_not_cost_the_mail(self):
        self.email_hours.write({"allotted": 1.0, "on_exhaustion": "block"})
        earlier = self._case(channel_id=self.email.id)
        self._log(earlier, 1.0)
        self.assertTrue(self.email_hours._is_exhausted_and_blocking())
        got = self._receive(
            "Printer dark again", "ali@parsian.example.com", "blocked", "Ali Rezaei"
        )
        self.assertTrue(got)
        self.assertEqual(got.partner_id, self.customer_contact)
        self.assertFalse(got.contract_line_id)
        self.assertIn(
            "blocked@mail.example.com", "".join(got.message_ids.mapped("message_id"))
        )
        activity = got.activity_ids.filtered(
            lambda a: "Clause used up" in (a.summary or "")
        )
        self.assertEqual(activity.user_id, self.contract.user_id)
        self.assertTrue(
            got.message_ids.filtered(lambda m: "Hours by e-mail" in (m.body or ""))
        )

    def test_a_mail_still_gets_its_clause_when_there_is_one(self):
        got = self._receive(
            "Printer dark", "ali@parsian.example.com", "covered", "Ali Rezaei"
        )
        self.assertEqual(got.contract_line_id, self.email_hours)
        self.assertEqual(got.contract_id, self.contract)
