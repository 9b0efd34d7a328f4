# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Attempts of anonymous visitors, counted in PostgreSQL.

Several workers serve the public pages and share no memory, so the count
lives in a table: one row per (scope, key, window) whose ``hits`` the
request increments with an upsert. Two requests that count the same row at
once serialize on it (the second waits, then fails to serialize and Odoo
retries it on fresh data), so no attempt is lost between workers.
"""

import hashlib
from datetime import timedelta

from odoo import api, fields, models
from odoo.tools import SQL

# scope: (default attempts allowed per window, window in minutes); a system
# parameter ``crm_case_management.rate_limit.<scope>`` overrides the count.
LIMITS = {
    "track_address": (20, 15),
    "track_code": (10, 15),
    "complaint_address": (5, 60),
    "complaint_contact": (3, 60),
    "callback_case": (2, 60),
}


class CrmCaseRateLimit(models.Model):
    _name = "crm.case.rate.limit"
    _description = "Public Page Attempts"
    _log_access = False

    scope = fields.Char(required=True)
    # A hash: client addresses, phones and codes are not kept readable.
    key = fields.Char(required=True)
    window_start = fields.Datetime(required=True, index=True)
    hits = fields.Integer(required=True, default=0)

    _window_uniq = models.UniqueIndex("(scope, key, window_start)")

    @api.model
    def _hit(self, scope, value):
        """Count one attempt of ``value`` in ``scope``; False when over the limit.

        ``value`` is what is limited: a client address, a tracking code, a
        phone number. Every attempt counts, so a visitor over the limit
        learns nothing more, whether the code exists or not.
        """
        allowed, minutes = LIMITS[scope]
        allowed = int(
            self.env["ir.config_parameter"]
            .sudo()
            .get_param(f"crm_case_management.rate_limit.{scope}", allowed)
        )
        now = fields.Datetime.now()
        window = now - timedelta(
            minutes=(now.hour * 60 + now.minute) % minutes,
            seconds=now.second,
            microseconds=now.microsecond,
        )
        key = hashlib.sha256(str(value).encode()).hexdigest()
        (hits,) = self.env.execute_query(
            SQL(
                """
                INSERT INTO crm_case_rate_limit (scope, key, window_start, hits)
                     VALUES (%s, %s, %s, 1)
                ON CONFLICT (scope, key, window_start)
                  DO UPDATE SET hits = crm_case_rate_limit.hits + 1
                  RETURNING hits
                """,
                scope,
                key,
                window,
            )
        )[0]
        return hits <= allowed

    @api.autovacuum
    def _gc_old_windows(self):
        """Windows older than a day no longer limit anything."""
        self.env.execute_query(
            SQL(
                "DELETE FROM crm_case_rate_limit WHERE window_start < %s",
                fields.Datetime.now() - timedelta(days=1),
            )
        )
