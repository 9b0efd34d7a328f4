# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Tracking codes: the next code, a typed one, and follow-up cases that
share their parent's code."""

import random

from odoo import SUPERUSER_ID, api, fields, models, tools
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL

from ..tools.case_number import (
    child_case_number,
    format_case_number,
    normalize_case_number,
)

CASE_SEQUENCE_CODE = "crm.case"
# Random part of tracking codes: from the OS, so codes are not predictable.
_CODE_RNG = random.SystemRandom()


class CrmCase(models.Model):
    # One concern of crm.case per file, as crm_case.py explains.
    _inherit = "crm.case"  # pylint: disable=consider-merging-classes-inherited

    parent_id = fields.Many2one(
        "crm.case",
        string="Parent Case",
        index=True,
        check_company=True,
        help="The case this one follows up; follow-ups share its code.",
        # The desk's own links between cases, not shown to customers.
        groups="base.group_user",
    )
    child_ids = fields.One2many(
        "crm.case", "parent_id", string="Follow-up Cases", groups="base.group_user"
    )
    child_count = fields.Integer(
        compute="_compute_child_count", groups="base.group_user"
    )

    # Odoo shows the display name of a linked record as the superuser: a
    # many2one read (``convert_to_read``, ``web_read``, ``read_group``) and
    # the record names of messages and activities all compute
    # ``value.sudo().display_name``, so whoever may read the link learns the
    # linked record's name. For a case that name is its tracking code and
    # title, customer data. As ``hr`` does for employees' bank accounts
    # (``res.partner.bank._compute_display_name``), the name of a case
    # computed as the superuser for a real user depends on that user's
    # rights: the parent of a follow-up, the case an article was written
    # from, a merged case or a timesheet's case shows "Restricted Case" to
    # a reader who cannot read that case.
    @api.depends_context("uid")
    def _compute_display_name(self):
        result = super()._compute_display_name()
        hidden = self._hidden_from_user()
        if hidden:
            hidden.display_name = self.env._("Restricted Case")
        return result

    def _hidden_from_user(self):
        """The cases whose code and title the current user may not learn.

        Only the superuser mode needs a check: otherwise reading the case
        itself already went through the access rules. The case's creator and
        assignee, and its followers (who get its notifications by e-mail),
        know its name even when they can no longer open it.
        """
        env = self.env
        if not env.su or env.uid == SUPERUSER_ID:
            return self.browse()
        user = env.user
        # New records (forms being filled in) have no id and are the user's.
        todo = self.filtered(
            lambda case: case.id and user not in (case.create_uid | case.user_id)
        )
        if not todo:
            return todo
        todo -= todo.with_env(env(su=False))._filtered_access("read")
        if todo:
            followed = (
                env["mail.followers"]
                .search_fetch(
                    [
                        ("res_model", "=", self._name),
                        ("res_id", "in", todo.ids),
                        ("partner_id", "=", user.partner_id.id),
                    ],
                    ["res_id"],
                )
                .mapped("res_id")
            )
            todo = todo.filtered(lambda case: case.id not in followed)
        return todo

    @api.depends("child_ids")
    def _compute_child_count(self):
        counts = dict(
            self._read_group(
                [("parent_id", "in", self.ids)], ["parent_id"], ["__count"]
            )
        )
        for case in self:
            case.child_count = counts.get(case, 0)

    @api.constrains("parent_id")
    def _check_parent_recursion(self):
        if self._has_cycle():
            raise ValidationError(self.env._("A case cannot follow up itself."))

    # ------------------------------------------------------------------
    # Numbering
    # ------------------------------------------------------------------
    def _assign_numbers(self, vals_list):
        """Normalise typed codes; give the others the next code."""
        for vals in vals_list:
            if vals.get("number"):
                vals["number"] = normalize_case_number(vals["number"])
            elif vals.get("parent_id"):
                vals["number"] = self.browse(vals["parent_id"])._next_child_number()
            else:
                company = self.env["res.company"].browse(vals.get("company_id"))
                company = company or self.env.company
                vals["number"] = self._next_number(*self._number_format(company.id))

    @api.model
    @tools.ormcache("company_id")
    def _number_format(self, company_id):
        """``(sequence id, prefix, random digits)`` of the company's codes.

        Kept in Odoo's cache between requests: searching the sequence and
        reading the company's row (all its columns) cost more than the rest
        of the numbering of a case. A change of the company's code settings
        or of a case sequence empties it (``res_company.py``,
        ``ir_sequence.py``).
        """
        company = self.env["res.company"].browse(company_id)
        sequence = self._number_sequence(company)
        return (
            sequence.id,
            company.case_number_prefix,
            company.case_number_random_digits,
        )

    def _number_sequence(self, company):
        """The ``ir.sequence`` of case serials that ``company`` uses."""
        sequence = self.env["ir.sequence"].search(
            [
                ("code", "=", CASE_SEQUENCE_CODE),
                ("company_id", "in", [company.id, False]),
            ],
            order="company_id",
            limit=1,
        )
        if not sequence:
            raise UserError(
                self.env._(
                    "The sequence of case numbers (code crm.case) is missing; "
                    "ask an administrator to restore it."
                )
            )
        return sequence

    def _next_number(self, sequence_id, prefix, random_digits):
        return format_case_number(
            prefix,
            self.env["ir.sequence"].browse(sequence_id)._next(),
            random_digits,
            _CODE_RNG,
        )

    def _next_child_number(self):
        self.ensure_one()
        # Two follow-ups opened at once would read the same siblings and
        # take the same number. Marking the parent's row changed first makes
        # a parallel one wait, then fail to serialize, and Odoo retries its
        # request on fresh data, where it sees this one's number.
        self.env.execute_query(
            SQL("UPDATE crm_case SET write_date = write_date WHERE id = %s", self.id)
        )
        siblings = self.with_context(active_test=False).search(
            [("parent_id", "=", self.id)]
        )
        return child_case_number(self.number, siblings.mapped("number"))
