# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Start the SLA KPIs of the cases already open when the engine arrives."""

from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    env["crm.case"]._sla_backfill()
