# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Create the Jalali month columns before the ORM sees the new fields, so it
does not compute them record by record; post-jalali.py fills them in SQL."""

from odoo.tools import SQL


def migrate(cr, version):
    if not version:
        return
    for table in ("crm_case", "account_analytic_line"):
        cr.execute(
            SQL(
                "ALTER TABLE %s ADD COLUMN IF NOT EXISTS jalali_month int4",
                SQL.identifier(table),
            )
        )
