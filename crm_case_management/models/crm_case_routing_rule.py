# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from ast import literal_eval

from odoo import api, fields, models
from odoo.exceptions import ValidationError


class CrmCaseRoutingRule(models.Model):
    """If a new case matches ``domain``, it goes to ``queue_id``."""

    _name = "crm.case.routing.rule"
    _description = "Case Routing Rule"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    domain = fields.Char(
        required=True,
        default="[]",
        help="Conditions on the case: type, subject, channel, product, "
        "customer tags, urgency or any other field.",
    )
    queue_id = fields.Many2one("crm.case.queue", required=True, ondelete="cascade")

    @api.constrains("domain")
    def _check_domain(self):
        for rule in self:
            try:
                self.env["crm.case"].search_count(rule._get_domain(), limit=1)
            except Exception as error:
                raise ValidationError(
                    self.env._(
                        "The conditions of rule %(rule)s are not valid: %(error)s",
                        rule=rule.name,
                        error=error,
                    )
                ) from error

    def _get_domain(self):
        self.ensure_one()
        return literal_eval(self.domain or "[]")

    @api.model
    def _route(self, cases):
        """The queue of each case: first matching rule, else the default."""
        result = {}
        for company, company_cases in cases.grouped("company_id").items():
            rules = self.search([("company_id", "=", company.id)])
            default = self.env["crm.case.queue"].search(
                [("company_id", "=", company.id), ("is_default", "=", True)], limit=1
            )
            todo = company_cases
            for rule in rules:
                if not todo:
                    break
                matched = todo.filtered_domain(rule._get_domain())
                for case in matched:
                    result[case] = rule.queue_id
                todo -= matched
            for case in todo:
                result[case] = default
        return result
