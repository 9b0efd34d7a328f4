# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models
from odoo.tools import SQL


class CrmCaseTimesheetReport(models.Model):
    """One row per timesheet line logged on a case, with the case's context.

    Hours per customer, project, employee, case type... are pivots of this
    view; record rules mirror the case's, so nobody sums hours of cases they
    may not read.
    """

    _name = "crm.case.timesheet.report"
    _description = "Hours on Cases"
    _auto = False
    _order = "date desc"
    _depends = {
        "account.analytic.line": [
            "case_id",
            "date",
            "unit_amount",
            "employee_id",
            "project_id",
            "user_id",
            "company_id",
            "jalali_month",
        ],
        "crm.case": [
            "partner_id",
            "commercial_partner_id",
            "type_id",
            "subject_id",
            "channel_id",
            "product_id",
            "user_id",
            "create_uid",
            "state",
        ],
    }

    line_id = fields.Many2one(
        "account.analytic.line", string="Timesheet", readonly=True
    )
    case_id = fields.Many2one("crm.case", readonly=True)
    date = fields.Date(readonly=True)
    jalali_month = fields.Many2one("crm.case.jalali.period", readonly=True)
    hours = fields.Float(readonly=True, aggregator="sum")
    employee_id = fields.Many2one("hr.employee", readonly=True)
    project_id = fields.Many2one("project.project", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    partner_id = fields.Many2one("res.partner", string="Customer", readonly=True)
    commercial_partner_id = fields.Many2one(
        "res.partner", string="Customer Company", readonly=True
    )
    type_id = fields.Many2one("crm.case.type", string="Case Type", readonly=True)
    subject_id = fields.Many2one("crm.case.subject", readonly=True)
    channel_id = fields.Many2one("crm.case.channel", readonly=True)
    product_id = fields.Many2one("product.product", readonly=True)
    case_state = fields.Selection(
        selection=lambda self: self.env["crm.case"]._fields["state"].selection,
        string="Case Status",
        readonly=True,
    )
    case_user_id = fields.Many2one("res.users", string="Assignee", readonly=True)
    case_create_uid = fields.Many2one("res.users", string="Case Creator", readonly=True)

    @property
    def _table_query(self):
        return SQL(
            """
            SELECT line.id AS id,
                   line.id AS line_id,
                   line.case_id AS case_id,
                   line.date AS date,
                   line.unit_amount AS hours,
                   line.employee_id AS employee_id,
                   line.project_id AS project_id,
                   line.company_id AS company_id,
                   c.partner_id AS partner_id,
                   c.commercial_partner_id AS commercial_partner_id,
                   c.type_id AS type_id,
                   c.subject_id AS subject_id,
                   c.channel_id AS channel_id,
                   c.product_id AS product_id,
                   c.state AS case_state,
                   c.user_id AS case_user_id,
                   c.create_uid AS case_create_uid,
                   line.jalali_month AS jalali_month
              FROM account_analytic_line line
              JOIN crm_case c ON c.id = line.case_id
             WHERE line.project_id IS NOT NULL
            """
        )
