# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Create the Jalali month and lookup text columns before the ORM sees the
new fields, so it does not compute them record by record at once;
post-jalali.py fills them in batches."""

from odoo.tools import SQL


def migrate(cr, version):
    if not version:
        return
    for table, column, kind in (
        ("crm_case", "jalali_month", "int4"),
        ("account_analytic_line", "jalali_month", "int4"),
        ("crm_case", "lookup_text", "varchar"),
    ):
        cr.execute(
            SQL(
                "ALTER TABLE %s ADD COLUMN IF NOT EXISTS %s %s",
                SQL.identifier(table),
                SQL.identifier(column),
                SQL(kind),
            )
        )
