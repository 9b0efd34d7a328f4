"""Jalali (Persian solar) calendar formatting on top of ``jdatetime``."""

import datetime

import jdatetime
import pytz

PERSIAN_DIGITS = "۰۱۲۳۴۵۶۷۸۹"
ARABIC_DIGITS = "٠١٢٣٤٥٦٧٨٩"
_TO_PERSIAN = str.maketrans("0123456789", PERSIAN_DIGITS)
_TO_LATIN = str.maketrans(PERSIAN_DIGITS + ARABIC_DIGITS, "0123456789" * 2)


def to_persian_digits(text):
    """``'1405/01/01'`` becomes ``'۱۴۰۵/۰۱/۰۱'``."""
    return str(text).translate(_TO_PERSIAN)


def to_latin_digits(text):
    """Persian and Arabic-Indic digits become ``0-9``; the rest is kept."""
    return str(text).translate(_TO_LATIN)


def is_persian_lang(lang):
    """True for Odoo language codes of Persian (``fa_IR``, ``fa``)."""
    return bool(lang) and (lang == "fa" or lang.startswith("fa_"))


def format_jalali_date(value, persian_digits=True, month_name=False):
    """Format a Gregorian ``date`` (or ``datetime``) as a Jalali date.

    >>> format_jalali_date(datetime.date(2026, 3, 21), persian_digits=False)
    '1405/01/01'
    >>> format_jalali_date(datetime.date(2026, 3, 21), month_name=True)
    '۱ فروردین ۱۴۰۵'
    """
    if not value:
        return ""
    if isinstance(value, datetime.datetime):
        value = value.date()
    jdate = jdatetime.date.fromgregorian(date=value, locale="fa_IR")
    if month_name:
        text = f"{jdate.day} {jdate.j_months_fa[jdate.month - 1]} {jdate.year}"
    else:
        text = jdate.strftime("%Y/%m/%d")
    return to_persian_digits(text) if persian_digits else text


def format_jalali_datetime(value, tz="UTC", persian_digits=True):
    """Format a naive-UTC ``datetime`` (as Odoo stores it) in time zone ``tz``.

    ``tz`` is a zone name or a ``tzinfo`` (such as Odoo's ``env.tz``).

    >>> format_jalali_datetime(
    ...     datetime.datetime(2026, 3, 20, 20, 30), "Asia/Tehran", False
    ... )
    '1405/01/01 00:00'
    """
    if not value:
        return ""
    if value.tzinfo is None:
        value = pytz.utc.localize(value)
    if not isinstance(tz, datetime.tzinfo):
        tz = pytz.timezone(tz or "UTC")
    local = value.astimezone(tz)
    jvalue = jdatetime.datetime.fromgregorian(datetime=local)
    text = jvalue.strftime("%Y/%m/%d %H:%M")
    return to_persian_digits(text) if persian_digits else text


def parse_jalali_date(text):
    """Parse ``'1405/01/01'`` (Persian digits allowed) into a Gregorian date.

    Raises ``ValueError`` for text that is not a valid Jalali date.
    """
    cleaned = to_latin_digits((text or "").strip()).replace("-", "/")
    try:
        jdate = jdatetime.datetime.strptime(cleaned, "%Y/%m/%d").date()
    except (ValueError, TypeError) as error:
        raise ValueError(f"not a Jalali date: {text!r}") from error
    return jdate.togregorian()
