# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""What a case is entitled to: the customer's contract and the clause it uses.

A case on a clause of "cases" uses one unit when it closes in a consuming
stage and gives it back when reopened; on a clause of "hours" its timesheet
lines are booked as they are logged. The clause keeps the balance
(``_book_case``, ``_release_case``); this file only says when.
"""

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import float_is_zero


class CrmCase(models.Model):
    # One concern of crm.case per file, as crm_case.py explains.
    _inherit = "crm.case"  # pylint: disable=consider-merging-classes-inherited

    # groups: the clause's name shows its balance; contracts are managed on
    # the desk, not read from a case on the portal.
    contract_id = fields.Many2one(
        "crm.case.contract",
        index="btree_not_null",
        tracking=True,
        check_company=True,
        compute="_compute_contract",
        store=True,
        readonly=False,
        domain="[('partner_id', '=', commercial_partner_id), ('state', '=', 'active')]",
        groups="base.group_user",
    )
    contract_line_id = fields.Many2one(
        "crm.case.contract.line",
        string="Clause",
        index="btree_not_null",
        tracking=True,
        compute="_compute_contract",
        store=True,
        readonly=False,
        domain="[('contract_id', '=', contract_id)]",
        groups="base.group_user",
    )
    contract_overage = fields.Boolean(
        compute="_compute_contract_overage",
        help="Part of this case is beyond its clause's allotment.",
        groups="base.group_user",
    )

    @api.depends("partner_id", "channel_id", "product_id", "type_id", "date_request")
    def _compute_contract(self):
        """Propose the customer's clause when exactly one fits."""
        to_propose = self.filtered(
            lambda case: (
                not case.contract_line_id
                or case.contract_line_id._coverage_problem(case)
            )
        )
        contracts = to_propose._active_contracts()
        for case in to_propose:
            clauses = case._matching_clauses(contracts)
            if case.contract_id:
                clauses = clauses.filtered(
                    lambda line, case=case: line.contract_id == case.contract_id
                )
            if len(clauses) == 1:
                case.contract_line_id = clauses
                case.contract_id = clauses.contract_id
            else:
                case.contract_line_id = False

    def _active_contracts(self):
        """Active contracts of these cases' customers, in one query."""
        if not self.commercial_partner_id:
            return self.env["crm.case.contract"]
        companies = self.company_id or self.env.company
        return self.env["crm.case.contract"].search(
            [
                ("partner_id", "in", self.commercial_partner_id.ids),
                ("state", "=", "active"),
                ("company_id", "in", companies.ids),
            ]
        )

    def _matching_clauses(self, contracts):
        """Clauses of the customer's valid ``contracts`` that cover this case."""
        self.ensure_one()
        company = self.company_id or self.env.company
        day = (self.date_request or fields.Datetime.now()).date()
        return contracts.filtered(
            lambda contract: (
                contract.partner_id == self.commercial_partner_id
                and contract.company_id == company
                and contract.is_valid_on(day)
            )
        ).line_ids.filtered(lambda line: not line._coverage_problem(self))

    @api.depends("contract_line_id")
    def _compute_contract_overage(self):
        groups = dict(
            self.env["crm.case.contract.move"]._read_group(
                [("case_id", "in", self.ids)], ["case_id"], ["overage:sum"]
            )
        )
        for case in self:
            case.contract_overage = groups.get(case, 0.0) > 0

    @api.constrains("contract_id", "contract_line_id", "partner_id", "channel_id")
    def _check_contract(self):
        for case in self:
            problem = case._contract_problem()
            if problem:
                raise ValidationError(problem)

    def _contract_problem(self):
        """Why the case's contract or clause does not fit it."""
        contract, line = self.contract_id, self.contract_line_id
        if line and line.contract_id != contract:
            return self.env._("The clause must belong to the chosen contract.")
        if not contract:
            return ""
        if not line:
            return self.env._("Choose the clause of contract %s.", contract.name)
        if contract.partner_id != self.commercial_partner_id:
            return self.env._(
                "Contract %(contract)s belongs to %(partner)s, not to this customer.",
                contract=contract.name,
                partner=contract.partner_id.display_name,
            )
        day = (self.date_request or fields.Datetime.now()).date()
        if self.state != "closed" and not contract.is_valid_on(day):
            return self.env._(
                "Contract %(contract)s is not active on %(day)s.",
                contract=contract.name,
                day=day,
            )
        return line._coverage_problem(self)

    # ------------------------------------------------------------------
    # When the clause balance moves
    # ------------------------------------------------------------------
    def _check_clauses_accept_new_cases(self):
        for case in self.filtered("contract_line_id"):
            if case.contract_line_id._is_exhausted_and_blocking():
                raise UserError(case._exhausted_message())

    def _book_closed_cases(self):
        """Closed cases use a unit of their "cases" clause."""
        for case in self.filtered("contract_line_id"):
            if case.contract_line_id.allotment_type == "cases":
                case._clause_sudo()._book_case(case)

    def _release_reopened_cases(self):
        """Reopened cases give their unit back."""
        for case in self.filtered("contract_line_id"):
            if case.contract_line_id.allotment_type == "cases":
                case._clause_sudo()._release_case(case)

    def _move_consumption(self, clauses_before):
        """Cases that changed clause give back to the old and take from the new.

        The clause may change by a write of it, or be recomputed from a
        change of customer, channel, product or type.
        """
        for case in self.filtered(lambda c: c.contract_line_id != clauses_before[c]):
            new_line = case._clause_sudo()
            if (
                new_line
                and new_line._is_exhausted_and_blocking()
                and case.state != "closed"
            ):
                raise UserError(case._exhausted_message())
            case._settle_consumption()

    def _settle_consumption(self):
        """Make what each case holds on clauses equal what it uses.

        Everything held on a clause that is no longer the case's is given
        back; its own clause holds the case's unit (closed in a consuming
        stage) or its hours, once. Settling twice changes nothing, so it is
        safe whichever write led here and in whatever order.
        """
        # sudo: balances are contract bookkeeping (see _clause_sudo).
        Move = self.env["crm.case.contract.move"].sudo()
        for case in self:
            held = {
                clause: quantity + overage
                for clause, quantity, overage in Move._read_group(
                    [("case_id", "=", case.id)],
                    ["line_id"],
                    ["quantity:sum", "overage:sum"],
                )
            }
            current = case._clause_sudo()
            for clause, amount in held.items():
                if clause != current and not float_is_zero(amount, precision_digits=6):
                    clause._release_case(case)
            if not current:
                continue
            has = held.get(current, 0.0)
            if not float_is_zero(has - current._units_of(case), precision_digits=6):
                current._release_case(case)
                current._book_case(case)

    def _clause_sudo(self):
        """The case's clause, to book its consumption.

        sudo: whoever closes, reopens or re-files a case moves the clause
        balance; that bookkeeping is not the contract management the
        Cases / Manager group keeps for itself. Only the movements this
        case causes are written.
        """
        return self.contract_line_id.sudo()

    def _exhausted_message(self):
        return self.env._(
            "Clause %(clause)s of contract %(contract)s is used up; it does not "
            "accept new cases.",
            clause=self.contract_line_id.name,
            contract=self.contract_id.name,
        )
