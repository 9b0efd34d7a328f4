# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Follow-up cases: later work on the same job, under its parent's code."""

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..tools.case_number import child_case_number


class CrmCase(models.Model):
    # One concern of crm.case per file, as crm_case.py explains.
    _inherit = "crm.case"  # pylint: disable=consider-merging-classes-inherited

    parent_id = fields.Many2one(
        "crm.case",
        string="Parent Case",
        index=True,
        check_company=True,
        help="The case this one follows up; follow-ups share its code.",
    )
    child_ids = fields.One2many("crm.case", "parent_id", string="Follow-up Cases")
    child_count = fields.Integer(compute="_compute_child_count")

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

    def _next_child_number(self):
        self.ensure_one()
        siblings = self.with_context(active_test=False).search(
            [("parent_id", "=", self.id)]
        )
        return child_case_number(self.number, siblings.mapped("number"))
