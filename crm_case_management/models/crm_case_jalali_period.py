# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Jalali months as records, so cases and hours group by "آذر ۱۴۰۵".

Gregorian ``date:month`` groups stay Gregorian; a Jalali month is a stored,
indexed many2one to one of these rows, cheap to group at millions of lines.
The name is translated ("Azar 1405" for readers who are not Persian): a
group's label is read from its few period rows, never per grouped line.
"""

from psycopg2.extras import Json

from odoo import api, fields, models, tools
from odoo.tools import SQL

from ..tools.jalali_period import SEASONS, jalali_month_of, period_names, period_values


class CrmCaseJalaliPeriod(models.Model):
    _name = "crm.case.jalali.period"
    _description = "Jalali Month"
    _order = "code"
    _rec_names_search = ["name", "code"]

    name = fields.Char(required=True, readonly=True, translate=True)
    code = fields.Char(required=True, readonly=True, help="Jalali year-month, 1405-09.")
    year = fields.Integer(required=True, readonly=True, aggregator=None)
    month = fields.Integer(required=True, readonly=True, aggregator=None)
    season = fields.Selection(SEASONS, required=True, readonly=True)
    date_start = fields.Date("First Day", required=True, readonly=True)
    date_end = fields.Date("Last Day", required=True, readonly=True)

    _code_uniq = models.UniqueIndex("(code)", "Each Jalali month exists once.")

    @api.model
    def _period_ids_for_days(self, days):
        """``{day: period id}`` for Gregorian ``days``, creating missing months.

        Known months cost no query (registry cache); a missing one is
        inserted race-free (``ON CONFLICT DO NOTHING``) and read back.
        """
        months = {day: jalali_month_of(day) for day in days if day}
        known = self._period_ids_by_month()
        missing = set(months.values()) - known.keys()
        if missing:
            # Read back outside the shared cache: until this transaction
            # commits, other requests must not see these ids.
            known = {**known, **self._insert_months(missing)}
        return {day: known[month] for day, month in months.items()}

    @api.model
    @tools.ormcache()
    def _period_ids_by_month(self):
        rows = self.env.execute_query(
            SQL("SELECT year, month, id FROM crm_case_jalali_period")
        )
        return {(year, month): period_id for year, month, period_id in rows}

    @api.model
    def _insert_months(self, months):
        """Insert the ``(year, month)`` pairs race-free; ``{pair: id}``."""
        if not months:
            return {}
        rows = [period_values(year, month) for year, month in sorted(months)]
        now = SQL("now() AT TIME ZONE 'UTC'")
        columns = list(rows[0])
        self.env.execute_query(
            SQL(
                """INSERT INTO crm_case_jalali_period
                   (%s, create_uid, create_date, write_uid, write_date)
                   VALUES %s ON CONFLICT (code) DO NOTHING""",
                SQL(", ").join(SQL.identifier(column) for column in columns),
                SQL(", ").join(
                    SQL(
                        "(%s, %s, %s, %s, %s)",
                        SQL(", ").join(
                            Json(row[column]) if column == "name" else row[column]
                            for column in columns
                        ),
                        self.env.uid,
                        now,
                        self.env.uid,
                        now,
                    )
                    for row in rows
                ),
            )
        )
        self.env.registry.clear_cache()
        rows = self.env.execute_query(
            SQL(
                "SELECT year, month, id FROM crm_case_jalali_period WHERE code IN %s",
                tuple(row["code"] for row in rows),
            )
        )
        return {(year, month): period_id for year, month, period_id in rows}

    @api.model
    def _ensure_years(self, first_year, last_year):
        """Create the months of Jalali years ``first_year``..``last_year``."""
        self._insert_months(
            {
                (year, month)
                for year in range(first_year, last_year + 1)
                for month in range(1, 13)
            }
            - self._period_ids_by_month().keys()
        )

    @api.model
    def _translate_names(self):
        """Name in every language the months inserted before names were
        translated (their column then held the Persian name only)."""
        rows = self.env.execute_query(
            SQL(
                """SELECT id, year, month FROM crm_case_jalali_period
                   WHERE NOT name ? 'fa_IR'"""
            )
        )
        if not rows:
            return
        self.env.execute_query(
            SQL(
                """UPDATE crm_case_jalali_period AS period SET name = named.name
                   FROM (VALUES %s) AS named (id, name) WHERE period.id = named.id""",
                SQL(", ").join(
                    SQL("(%s, %s::jsonb)", period_id, Json(period_names(year, month)))
                    for period_id, year, month in rows
                ),
            )
        )
        self.invalidate_model(["name", "display_name"])
