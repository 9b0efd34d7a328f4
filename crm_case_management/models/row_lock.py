# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tools import SQL


def lock_rows(records):
    """Lock the rows of ``records`` until the end of the transaction.

    A waiting ``FOR NO KEY UPDATE``, not ``lock_for_update()``: that one
    skips locked rows and raises LockError, which Odoo does not retry.
    Waiting, then meeting the other transaction's committed change, raises a
    serialization failure instead, and Odoo retries the whole request on
    fresh data. Callers read what they guard only after this returns.
    """
    if records._ids:
        records.env.execute_query(
            SQL(
                "SELECT id FROM %s WHERE id IN %s FOR NO KEY UPDATE",
                SQL.identifier(records._table),
                tuple(records._ids),
            )
        )
