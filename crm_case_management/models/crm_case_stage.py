# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class CrmCaseStage(models.Model):
    """A stage of a process; ``next_stage_ids`` are the allowed moves."""

    _name = "crm.case.stage"
    _description = "Case Stage"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    fold = fields.Boolean(
        string="Folded in Kanban", help="Fold this stage's column in the kanban."
    )
    is_closed = fields.Boolean(
        string="Closing Stage",
        help="Cases in this stage are closed; only approval brings them here.",
    )
    consumes_contract = fields.Boolean(
        default=True,
        help="Closing a case in this stage uses one unit of its contract "
        "clause (clauses counted in cases).",
    )
    description = fields.Text(translate=True)
    type_ids = fields.Many2many(
        "crm.case.type",
        "crm_case_stage_type_rel",
        "stage_id",
        "type_id",
        string="Case Types",
        help="The processes (case types) this stage belongs to.",
    )
    next_stage_ids = fields.Many2many(
        "crm.case.stage",
        "crm_case_stage_next_rel",
        "stage_id",
        "next_stage_id",
        string="Next Stages",
        help="The stages a case may move to from this one.",
    )
    active = fields.Boolean(default=True)

    def _get_closing_stage(self):
        """The stage that approval moves a case to, from this stage.

        A closed stage stays where it is; otherwise the first closing stage
        (by sequence) among the allowed next stages, or nothing.
        """
        self.ensure_one()
        if self.is_closed:
            return self
        return self.next_stage_ids.filtered("is_closed").sorted("sequence")[:1]
