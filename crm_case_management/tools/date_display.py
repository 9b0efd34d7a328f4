"""The one way the desk writes a date for a reader: Jalali for Persian readers.

SMS texts, mail templates, portal and public pages and QWeb reports all show
dates through these two functions, so a Persian customer never meets a
Gregorian or a mixed date and other readers get Odoo's own formatting.
The reader's language decides (a customer's ``lang``, a user's ``lang``),
not the language of whoever triggered the message. Without a language the
reader is the current user, whose *Calendar* preference is honoured.
"""

from odoo.tools.misc import format_date, format_datetime

from .jalali import format_jalali_date, format_jalali_datetime, is_persian_lang


def display_date(env, value, lang_code=None):
    """``value`` (a date or datetime) as the reader of ``lang_code`` reads it."""
    if not value:
        return ""
    if _reads_jalali(env, lang_code):
        return format_jalali_date(value, month_name=True)
    lang_code = lang_code or env.lang
    return format_date(env, value, lang_code=lang_code)


def display_datetime(env, value, lang_code=None, tz=None):
    """A naive-UTC datetime in time zone ``tz`` (default the env's)."""
    if not value:
        return ""
    tz = tz or env.context.get("tz") or env.user.tz or "UTC"
    if _reads_jalali(env, lang_code):
        return format_jalali_datetime(value, tz)
    lang_code = lang_code or env.lang
    return format_datetime(env, value, tz=tz, dt_format="short", lang_code=lang_code)


def _reads_jalali(env, lang_code):
    """A named reader's language decides; else the current user's choice."""
    if lang_code:
        return is_persian_lang(lang_code)
    if "date_calendar" in env["res.users"]._fields:
        return env["res.users"]._reads_jalali()
    return is_persian_lang(env.lang)
