# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""QWeb dates (mail templates, portal pages, reports) for Persian readers.

Whatever a template renders with ``t-field`` or ``t-options="{'widget':
'date'}"`` in a Persian language goes through ``tools/date_display.py``,
so others' templates need no Jalali code of their own.
"""

from odoo import api, fields, models

from ..tools.date_display import display_date, display_datetime
from ..tools.jalali import is_persian_lang


class IrQwebFieldDate(models.AbstractModel):
    _inherit = "ir.qweb.field.date"

    @api.model
    def value_to_html(self, value, options):
        lang_code = self.user_lang().code
        if value and is_persian_lang(lang_code):
            return display_date(self.env, fields.Date.to_date(value), lang_code)
        return super().value_to_html(value, options)


class IrQwebFieldDatetime(models.AbstractModel):
    _inherit = "ir.qweb.field.datetime"

    @api.model
    def value_to_html(self, value, options):
        lang_code = self.user_lang().code
        if not value or not is_persian_lang(lang_code) or options.get("time_only"):
            return super().value_to_html(value, options)
        value = fields.Datetime.to_datetime(value)
        tz = options.get("tz_name") or self.env.context.get("tz") or self.env.user.tz
        if options.get("date_only"):
            local = fields.Datetime.context_timestamp(self.with_context(tz=tz), value)
            return display_date(self.env, local.date(), lang_code)
        return display_datetime(self.env, value, lang_code, tz)
