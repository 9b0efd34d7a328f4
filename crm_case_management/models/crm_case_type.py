# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class CrmCaseType(models.Model):
    """A kind of case: it carries its process and its extra fields."""

    _name = "crm.case.type"
    _description = "Case Type"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one("res.company")
    description = fields.Text(translate=True)
    partner_required = fields.Boolean(
        string="Customer Required",
        default=True,
        help="Cases of this type cannot be saved without a customer.",
    )
    stage_ids = fields.Many2many(
        "crm.case.stage",
        "crm_case_stage_type_rel",
        "type_id",
        "stage_id",
        string="Stages",
        help="The stages of this type's process.",
    )
    case_properties_definition = fields.PropertiesDefinition("Case Fields")
    project_id = fields.Many2one(
        "project.project",
        string="Support Project",
        domain="[('allow_timesheets', '=', True)]",
        check_company=True,
        help="Hours on cases of this type without a project of their own go here.",
    )
    root_cause_required = fields.Boolean(
        help="A root cause must be chosen before a case of this type is closed.",
    )
    rating_request = fields.Boolean(
        string="Ask for Rating",
        default=True,
        help="When a case is approved, e-mail the customer a satisfaction survey.",
    )
    portal_selectable = fields.Boolean(
        string="Customers Can Open",
        default=True,
        help="Customers can choose this type when they open a case on the portal.",
    )

    def _get_first_stage(self):
        """The stage new cases of this type start in."""
        self.ensure_one()
        open_stages = self.stage_ids.filtered(lambda stage: not stage.is_closed)
        return open_stages.sorted("sequence")[:1]
