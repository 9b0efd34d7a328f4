# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class CrmCaseBookingLine(models.Model):
    """One resource of one booking: the row the database keeps apart.

    An exclusion constraint cannot span a many2many table, so each booked
    resource gets a line that carries the booking's time range and state.
    """

    _name = "crm.case.booking.line"
    _description = "Booked Resource"
    _order = "date_start, id"
    _rec_name = "resource_id"

    booking_id = fields.Many2one(
        "crm.case.booking", required=True, index=True, ondelete="cascade"
    )
    resource_id = fields.Many2one(
        "resource.resource", required=True, index=True, ondelete="restrict"
    )
    date_start = fields.Datetime(related="booking_id.date_start", store=True)
    date_stop = fields.Datetime(related="booking_id.date_stop", store=True)
    state = fields.Selection(related="booking_id.state", store=True)
    duration = fields.Float(related="booking_id.duration", store=True)
    case_id = fields.Many2one(related="booking_id.case_id", store=True)
    company_id = fields.Many2one(related="booking_id.company_id", store=True)

    # Nobody is booked twice: whatever got past the locked check in the
    # booking (a direct SQL insert, a bug), the database still refuses.
    _no_double_booking = models.Constraint(
        "EXCLUDE USING gist (resource_id WITH =, "
        "tsrange(date_start, date_stop, '[)') WITH &&) "
        "WHERE (state <> 'cancelled')",
        "A resource cannot be booked twice at the same time.",
    )
    _one_line_per_resource = models.UniqueIndex("(booking_id, resource_id)")

    @api.model
    def _auto_init(self):
        # The exclusion constraint compares resource ids with "=" inside a
        # GiST index, which needs btree_gist; it is a trusted extension, so
        # the database owner may create it (PostgreSQL 13 and later).
        self.env.cr.execute("CREATE EXTENSION IF NOT EXISTS btree_gist")
        return super()._auto_init()
