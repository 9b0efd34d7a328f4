# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""How many automatic texts each number got this hour, counted by PostgreSQL.

The public complaint form lets anyone register a case for any number; the
limit keeps the company from texting a stranger's phone over and over.
"""

from odoo import api, fields, models
from odoo.tools import SQL

LIMIT_PARAM = "crm_case_management.sms_per_number_hour"
DEFAULT_LIMIT = 5


class CrmCaseSmsCounter(models.Model):
    _name = "crm.case.sms.counter"
    _description = "Texts per Number and Hour"
    _log_access = False

    number = fields.Char(required=True, readonly=True)
    hour = fields.Datetime(required=True, readonly=True)
    count = fields.Integer(readonly=True)

    _number_hour_uniq = models.UniqueIndex("(number, hour)")

    @api.model
    def _count_text(self, number):
        """Count one more text to ``number`` in this hour; return the hour's count.

        One upsert: parallel transactions counting the same number wait on
        the row, so none of them sees a stale count.
        """
        rows = self.env.execute_query(
            SQL(
                """INSERT INTO crm_case_sms_counter (number, hour, count)
                   VALUES (%s, date_trunc('hour', now() AT TIME ZONE 'UTC'), 1)
                   ON CONFLICT (number, hour)
                   DO UPDATE SET count = crm_case_sms_counter.count + 1
                   RETURNING count""",
                number,
            )
        )
        return rows[0][0]

    @api.model
    def _allows(self, number):
        """Count a text to ``number``; False once it is over this hour's limit."""
        limit = int(
            self.env["ir.config_parameter"].sudo().get_param(LIMIT_PARAM, DEFAULT_LIMIT)
        )
        return self._count_text(number) <= limit

    @api.autovacuum
    def _gc_past_hours(self):
        self.env.execute_query(
            SQL(
                "DELETE FROM crm_case_sms_counter "
                "WHERE hour < (now() AT TIME ZONE 'UTC') - interval '1 day'"
            )
        )
