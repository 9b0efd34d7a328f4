# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Fill the Jalali month of existing cases and timesheet lines, in batches.

Cases take the month of their request in Tehran time, lines of their date.
Each batch is one UPDATE joining a small (day -> month) table, so millions of
lines cost a few hundred statements, not one per row.
"""

import logging

from odoo import SUPERUSER_ID, api
from odoo.tools import SQL

_logger = logging.getLogger(__name__)
BATCH = 50000
DAY_OF = {
    "crm_case": SQL(
        "(t.date_request AT TIME ZONE 'UTC' AT TIME ZONE 'Asia/Tehran')::date"
    ),
    "account_analytic_line": SQL("t.date"),
}


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    for table, day in DAY_OF.items():
        fill_table(env, SQL.identifier(table), day)
    fill_lookup_text(env)
    # The Iranian week was demo data before; it is the shipped desk calendar now.
    iran = env.ref(
        "crm_case_management.resource_calendar_iran", raise_if_not_found=False
    )
    if iran:
        iran.case_desk = True


def fill_table(env, table, day):
    cr = env.cr
    cr.execute(
        SQL("SELECT DISTINCT %s FROM %s t WHERE %s IS NOT NULL", day, table, day)
    )
    days = [row[0] for row in cr.fetchall()]
    if not days:
        return
    period_of = env["crm.case.jalali.period"]._period_ids_for_days(days)
    cr.execute("CREATE TEMP TABLE jalali_day (day date PRIMARY KEY, period int4)")
    cr.execute(
        "INSERT INTO jalali_day SELECT * FROM unnest(%s::date[], %s::int4[])",
        [list(period_of), list(period_of.values())],
    )
    cr.execute(SQL("SELECT min(id), max(id) FROM %s", table))
    first, last = cr.fetchone()
    filled = 0
    for start in range(first, last + 1, BATCH):
        cr.execute(
            SQL(
                """UPDATE %s t SET jalali_month = d.period
                     FROM jalali_day d
                    WHERE d.day = %s AND t.id >= %s AND t.id < %s
                      AND t.jalali_month IS DISTINCT FROM d.period""",
                table,
                day,
                start,
                start + BATCH,
            )
        )
        filled += cr.rowcount
    cr.execute("DROP TABLE jalali_day")
    _logger.info("Jalali month filled on %s rows of %s", filled, table.code)


def fill_lookup_text(env, batch=2000):
    """The normalised lookup text of existing cases, a batch at a time."""
    env.cr.execute("SELECT id FROM crm_case WHERE lookup_text IS NULL ORDER BY id")
    ids = [row[0] for row in env.cr.fetchall()]
    Case = env["crm.case"].with_context(active_test=False)
    for start in range(0, len(ids), batch):
        cases = Case.browse(ids[start : start + batch])
        env.add_to_compute(Case._fields["lookup_text"], cases)
        cases.flush_recordset(["lookup_text"])
        env.invalidate_all()
    _logger.info("Lookup text filled on %s cases", len(ids))
