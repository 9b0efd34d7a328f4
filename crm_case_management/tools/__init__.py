"""Plain functions, tested on their own; only ``date_display`` takes an env,
to reach Odoo's own formatting for readers who are not Persian."""
