# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models
from odoo.tools import SQL


class CrmCaseSlaReport(models.Model):
    """SLA outcomes: one row per KPI that was met or failed.

    A met KPI counts in the month it was reached, a failed one in the month
    its deadline passed. Working times are those stored on the line when it
    was reached (SQL cannot count working hours).
    """

    _name = "crm.case.sla.report"
    _description = "SLA Analysis"
    _auto = False
    _order = "date desc"
    _depends = {
        "crm.case.sla.line": [
            "case_id",
            "policy_id",
            "kpi",
            "state",
            "company_id",
            "date_deadline",
            "date_reached",
            "worked_hours",
        ],
        "crm.case": ["queue_id", "type_id"],
    }

    case_id = fields.Many2one("crm.case", readonly=True)
    policy_id = fields.Many2one(
        "crm.case.sla.policy", string="SLA Policy", readonly=True
    )
    queue_id = fields.Many2one("crm.case.queue", readonly=True)
    type_id = fields.Many2one("crm.case.type", string="Case Type", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    kpi = fields.Selection(
        [("first_response", "First Response"), ("resolve", "Resolution")],
        string="KPI",
        readonly=True,
    )
    state = fields.Selection([("met", "Met"), ("failed", "Failed")], readonly=True)
    date = fields.Datetime(readonly=True)
    success_rate = fields.Float(
        string="Success Rate (%)", readonly=True, aggregator="avg"
    )
    first_response_hours = fields.Float(
        string="Working Hours to First Response", readonly=True, aggregator="avg"
    )
    resolve_hours = fields.Float(
        string="Working Hours to Resolve", readonly=True, aggregator="avg"
    )

    @property
    def _table_query(self):
        return SQL(
            """
            SELECT line.id,
                   line.case_id,
                   line.policy_id,
                   crm_case.queue_id,
                   crm_case.type_id,
                   line.company_id,
                   line.kpi,
                   line.state,
                   CASE WHEN line.state = 'met' THEN line.date_reached
                        ELSE line.date_deadline END AS date,
                   CASE WHEN line.state = 'met' THEN 100.0 ELSE 0.0 END
                        AS success_rate,
                   CASE WHEN line.kpi = 'first_response'
                         AND line.date_reached IS NOT NULL
                        THEN line.worked_hours END AS first_response_hours,
                   CASE WHEN line.kpi = 'resolve'
                         AND line.date_reached IS NOT NULL
                        THEN line.worked_hours END AS resolve_hours
              FROM crm_case_sla_line line
              JOIN crm_case ON crm_case.id = line.case_id
             WHERE line.state IN ('met', 'failed')
            """
        )
