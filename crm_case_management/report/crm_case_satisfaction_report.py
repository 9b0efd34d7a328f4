# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models
from odoo.tools import SQL


class CrmCaseSatisfactionReport(models.Model):
    """The customers' answers on cases: one row per rating received.

    Every way a customer answers ends as Odoo's ``rating.rating`` on the case
    (the e-mail survey, the SMS link, the portal, an answer an agent recorded
    from a call), so one report covers them all. The case's stage tells the
    decision a complaint took (its process branches by stage).
    """

    _name = "crm.case.satisfaction.report"
    _description = "Customer Satisfaction Analysis"
    _auto = False
    _order = "date desc"
    _depends = {
        "rating.rating": ["res_model", "res_id", "rating", "consumed", "partner_id"],
        "crm.case": [
            "user_id",
            "queue_id",
            "project_id",
            "type_id",
            "stage_id",
            "commercial_partner_id",
            "company_id",
        ],
    }

    case_id = fields.Many2one("crm.case", readonly=True)
    user_id = fields.Many2one("res.users", string="Assignee", readonly=True)
    queue_id = fields.Many2one("crm.case.queue", readonly=True)
    project_id = fields.Many2one("project.project", readonly=True)
    type_id = fields.Many2one("crm.case.type", string="Case Type", readonly=True)
    stage_id = fields.Many2one(
        "crm.case.stage", string="Stage (Decision)", readonly=True
    )
    partner_id = fields.Many2one("res.partner", string="Customer", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    date = fields.Datetime(readonly=True)
    rating = fields.Float(string="Average Rating", readonly=True, aggregator="avg")
    satisfied_rate = fields.Float(
        string="Satisfied (%)", readonly=True, aggregator="avg"
    )

    @property
    def _table_query(self):
        return SQL(
            """
            SELECT rating.id,
                   rating.res_id AS case_id,
                   c.user_id,
                   c.queue_id,
                   c.project_id,
                   c.type_id,
                   c.stage_id,
                   c.commercial_partner_id AS partner_id,
                   c.company_id,
                   rating.write_date AS date,
                   rating.rating,
                   CASE WHEN rating.rating >= 4 THEN 100.0 ELSE 0.0 END
                       AS satisfied_rate
              FROM rating_rating rating
              JOIN crm_case c ON c.id = rating.res_id
             WHERE rating.res_model = 'crm.case'
               AND rating.consumed
               AND rating.rating > 0
            """
        )
