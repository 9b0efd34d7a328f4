# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class CrmCaseSubject(models.Model):
    """A node of the subject tree, laid out like product categories."""

    _name = "crm.case.subject"
    _description = "Case Subject"
    _parent_store = True
    _rec_name = "complete_name"
    _order = "complete_name"

    name = fields.Char(required=True, translate=True)
    complete_name = fields.Char(
        compute="_compute_complete_name", recursive=True, store=True
    )
    parent_id = fields.Many2one(
        "crm.case.subject", string="Parent Subject", index=True, ondelete="cascade"
    )
    parent_path = fields.Char(index=True)
    child_ids = fields.One2many("crm.case.subject", "parent_id", string="Sub-subjects")
    active = fields.Boolean(default=True)

    @api.depends("name", "parent_id.complete_name")
    def _compute_complete_name(self):
        for subject in self:
            if subject.parent_id:
                subject.complete_name = (
                    f"{subject.parent_id.complete_name} / {subject.name}"
                )
            else:
                subject.complete_name = subject.name

    @api.constrains("parent_id")
    def _check_subject_recursion(self):
        if self._has_cycle():
            raise ValidationError(self.env._("A subject cannot be its own ancestor."))
