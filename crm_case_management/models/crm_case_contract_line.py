# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import float_is_zero

from .row_lock import lock_rows


def _is_zero(quantity):
    return float_is_zero(quantity, precision_digits=6)


class CrmCaseContractLine(models.Model):
    """A clause: an allotment of cases or hours, with what it covers."""

    _name = "crm.case.contract.line"
    _description = "Contract Clause"
    _order = "contract_id, sequence, id"

    contract_id = fields.Many2one(
        "crm.case.contract", required=True, index=True, ondelete="cascade"
    )
    sequence = fields.Integer(default=10)
    name = fields.Char(required=True)
    allotment_type = fields.Selection(
        [("cases", "Number of Cases"), ("hours", "Hours")],
        required=True,
        default="cases",
        help="Cases: each case closed on the clause consumes one. "
        "Hours: the hours logged on its cases are deducted.",
    )
    allotted = fields.Float(required=True, default=1.0)
    consumed = fields.Float(compute="_compute_balance", store=True)
    overage = fields.Float(
        compute="_compute_balance",
        store=True,
        help="Used beyond the allotment, to be invoiced or discussed.",
    )
    remaining = fields.Float(compute="_compute_balance", store=True)
    channel_ids = fields.Many2many(
        "crm.case.channel",
        string="Channels",
        help="Channels the customer may ask through; empty means all.",
    )
    product_ids = fields.Many2many(
        "product.product",
        string="Products",
        help="Products this clause covers; empty means all.",
    )
    type_ids = fields.Many2many(
        "crm.case.type",
        string="Case Types",
        help="Case types this clause covers; empty means all.",
    )
    on_exhaustion = fields.Selection(
        [("block", "Block new cases"), ("overage", "Allow as overage")],
        string="When Exhausted",
        required=True,
        default="block",
    )
    warning_threshold = fields.Float(
        help="Warn the contract's responsible when the remaining balance "
        "drops to this value or below.",
    )
    move_ids = fields.One2many("crm.case.contract.move", "line_id", string="Movements")
    partner_id = fields.Many2one(related="contract_id.partner_id", store=True)
    company_id = fields.Many2one(related="contract_id.company_id", store=True)

    _allotted_positive = models.Constraint(
        "CHECK (allotted >= 0)", "An allotment cannot be negative."
    )
    # The hard guarantee of an exact balance: never more than allotted.
    _never_over_consumed = models.Constraint(
        "CHECK (consumed <= allotted)",
        "A clause cannot consume more than it allots; record the rest as overage.",
    )

    @api.depends("allotted", "move_ids.quantity", "move_ids.overage")
    def _compute_balance(self):
        groups = {}
        if any(self._ids):
            groups = {
                line: (quantity, overage)
                for line, quantity, overage in self.env[
                    "crm.case.contract.move"
                ]._read_group(
                    [("line_id", "in", self._ids)],
                    ["line_id"],
                    ["quantity:sum", "overage:sum"],
                )
            }
        for line in self:
            consumed, overage = groups.get(line, (0.0, 0.0))
            line.consumed = consumed
            line.overage = overage
            line.remaining = line.allotted - consumed

    @api.depends("contract_id.name", "name", "remaining", "allotment_type")
    def _compute_display_name(self):
        for line in self:
            unit = (
                self.env._("cases")
                if line.allotment_type == "cases"
                else self.env._("hours")
            )
            line.display_name = self.env._(
                "%(contract)s: %(clause)s (%(remaining)s %(unit)s left)",
                contract=line.contract_id.name,
                clause=line.name,
                remaining=f"{line.remaining:g}",
                unit=unit,
            )

    # ------------------------------------------------------------------
    # Coverage
    # ------------------------------------------------------------------
    def _coverage_problem(self, case):
        """Why this clause does not cover ``case``, or an empty string."""
        self.ensure_one()
        if (
            case.channel_id
            and self.channel_ids
            and case.channel_id not in self.channel_ids
        ):
            return self.env._(
                "Clause %(clause)s does not cover requests by %(channel)s.",
                clause=self.name,
                channel=case.channel_id.name,
            )
        if self.product_ids and case.product_id not in self.product_ids:
            return self.env._(
                "Clause %(clause)s does not cover the product %(product)s.",
                clause=self.name,
                product=case.product_id.display_name or "-",
            )
        if self.type_ids and case.type_id not in self.type_ids:
            return self.env._(
                "Clause %(clause)s does not cover cases of type %(type)s.",
                clause=self.name,
                type=case.type_id.name,
            )
        return ""

    def _is_exhausted_and_blocking(self):
        self.ensure_one()
        return self.on_exhaustion == "block" and self.remaining <= 0

    # ------------------------------------------------------------------
    # Consumption
    # ------------------------------------------------------------------
    def _lock(self):
        """Lock the clause rows; the balance is read only after the lock."""
        lock_rows(self)
        self.invalidate_recordset(["consumed", "overage", "remaining"])

    def _book_case(self, case, timesheet=None):
        """Take from the balance what ``case`` (or one of its lines) uses.

        On a clause of hours every timesheet line is booked as a movement of
        its own, also when the whole case comes to the clause: a later change
        of the line then gives back exactly what that line took.
        """
        self.ensure_one()
        if timesheet is None and self.allotment_type == "hours":
            for line in self._timesheets_of(case):
                self._book_case(case, timesheet=line)
            return
        units = timesheet.unit_amount if timesheet else self._units_of(case)
        if units:
            self._consume(units, case, timesheet=timesheet)

    def _timesheets_of(self, case):
        """Every timesheet line of ``case``, whoever logged it."""
        # sudo: the hours of every employee count against the clause, while
        # the user moving the case may read only their own lines.
        return (
            self.env["account.analytic.line"]
            .sudo()
            .search([("case_id", "=", case.id)], order="id")
        )

    def _release_case(self, case, timesheet=None):
        """Give back what ``case`` (or one of its lines) had taken."""
        self._give_back(case, timesheet=timesheet)

    def _units_of(self, case):
        """What the whole of ``case`` takes from this clause."""
        self.ensure_one()
        if self.allotment_type == "hours":
            return sum(self._timesheets_of(case).mapped("unit_amount"))
        consumes = case.state == "closed" and case.stage_id.consumes_contract
        return 1.0 if consumes else 0.0

    def _consume(self, quantity, case, timesheet=None):
        """Take ``quantity`` from the balance, the excess as overage."""
        self.ensure_one()
        self._lock()
        within = max(0.0, min(quantity, self.remaining))
        beyond = quantity - within
        if beyond > 0 and self.on_exhaustion == "block":
            raise UserError(
                self.env._(
                    "Clause %(clause)s of contract %(contract)s has only "
                    "%(remaining)s left, %(asked)s asked.",
                    clause=self.name,
                    contract=self.contract_id.name,
                    remaining=f"{self.remaining:g}",
                    asked=f"{quantity:g}",
                )
            )
        move = self.env["crm.case.contract.move"].create(
            {
                "line_id": self.id,
                "case_id": case.id,
                "timesheet_id": timesheet.id if timesheet else False,
                "quantity": within,
                "overage": beyond,
            }
        )
        self._warn_if_low()
        return move

    def _give_back(self, case, timesheet=None):
        """Return what ``case`` (or one of its timesheets) had consumed.

        One movement per timesheet line that had taken something, so each
        line's movements still add up to what it holds on the clause.
        """
        self.ensure_one()
        self._lock()
        Move = self.env["crm.case.contract.move"]
        domain = [("line_id", "=", self.id), ("case_id", "=", case.id)]
        if timesheet:
            domain.append(("timesheet_id", "=", timesheet.id))
        held = Move._read_group(
            domain, ["timesheet_id"], ["quantity:sum", "overage:sum"]
        )
        Move.create(
            [
                {
                    "line_id": self.id,
                    "case_id": case.id,
                    "timesheet_id": line.id,
                    "quantity": -quantity,
                    "overage": -overage,
                }
                for line, quantity, overage in held
                if not (_is_zero(quantity) and _is_zero(overage))
            ]
        )

    def _warn_if_low(self):
        activity_type = "mail.mail_activity_data_todo"
        for line in self:
            responsible = line.contract_id.user_id
            if not responsible or line.remaining > line.warning_threshold:
                continue
            already = line.contract_id.activity_search(
                [activity_type], user_id=responsible.id
            ).filtered(
                lambda activity, line=line: line.name in (activity.summary or "")
            )
            if not already:
                line.contract_id.activity_schedule(
                    activity_type,
                    user_id=responsible.id,
                    summary=self.env._(
                        "Clause %(clause)s is running low: %(remaining)s left",
                        clause=line.name,
                        remaining=f"{line.remaining:g}",
                    ),
                )

    # ------------------------------------------------------------------
    # Audit: every movement explained by the cases and timesheets
    # ------------------------------------------------------------------
    @api.model
    def _audit_all_balances(self):
        """``_audit_balance`` of every clause of every contract."""
        return self.search([("contract_id", "!=", False)])._audit_balance()

    def _audit_balance(self):
        """Recompute what these clauses hold from their sources.

        A clause of cases holds one unit for each of its cases closed in a
        stage that consumes; a clause of hours holds every hour logged on its
        cases. Returns where the movements say otherwise, per clause and
        case: dicts of ``clause``, ``case``, ``expected`` and ``booked``
        (movements taken plus overage). An empty list means every movement
        is explained.
        """
        # sudo: the sources are every case and every employee's hours, and
        # only figures are compared; nothing is changed.
        clauses = self.sudo()
        booked = {
            (clause, case): quantity + overage
            for clause, case, quantity, overage in self.env["crm.case.contract.move"]
            .sudo()
            ._read_group(
                [("line_id", "in", clauses.ids)],
                ["line_id", "case_id"],
                ["quantity:sum", "overage:sum"],
            )
        }
        cases = (
            self.env["crm.case"]
            .sudo()
            .search([("contract_line_id", "in", clauses.ids)])
        )
        hours = dict(
            self.env["account.analytic.line"]
            .sudo()
            ._read_group(
                [("case_id", "in", cases.ids)], ["case_id"], ["unit_amount:sum"]
            )
        )
        expected = {}
        for case in cases:
            clause = case.contract_line_id
            if clause.allotment_type == "hours":
                expected[clause, case] = hours.get(case, 0.0)
            else:
                consumes = case.state == "closed" and case.stage_id.consumes_contract
                expected[clause, case] = 1.0 if consumes else 0.0
        differences = []
        for clause, case in sorted(
            expected.keys() | booked.keys(), key=lambda key: (key[0].id, key[1].id)
        ):
            should, has = (
                expected.get((clause, case), 0.0),
                booked.get((clause, case), 0.0),
            )
            if not _is_zero(should - has):
                differences.append(
                    {"clause": clause, "case": case, "expected": should, "booked": has}
                )
        return differences
