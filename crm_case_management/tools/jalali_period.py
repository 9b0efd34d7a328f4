"""Jalali months of Gregorian days, for the ``crm.case.jalali.period`` rows."""

import datetime

import jdatetime
import pytz

from .jalali import to_persian_digits

TEHRAN = pytz.timezone("Asia/Tehran")
SEASONS = [
    ("spring", "Spring"),
    ("summer", "Summer"),
    ("autumn", "Autumn"),
    ("winter", "Winter"),
]


def jalali_month_of(day):
    """``(year, month)`` of the Jalali month holding the Gregorian ``day``.

    >>> jalali_month_of(datetime.date(2026, 3, 21))
    (1405, 1)
    >>> jalali_month_of(datetime.date(2026, 3, 20))
    (1404, 12)
    """
    jdate = jdatetime.date.fromgregorian(date=day)
    return jdate.year, jdate.month


def tehran_day(moment):
    """The Tehran calendar day of a naive-UTC datetime, as Odoo stores it.

    >>> tehran_day(datetime.datetime(2026, 3, 20, 20, 30))
    datetime.date(2026, 3, 21)
    """
    return pytz.utc.localize(moment).astimezone(TEHRAN).date()


def period_names(year, month):
    """The month's name per language: Persian, and the English spelling
    every other language falls back to.

    >>> period_names(1405, 9)
    {'en_US': 'Azar 1405', 'fa_IR': 'آذر ۱۴۰۵'}
    """
    return {
        "en_US": f"{jdatetime.date.j_months_en[month - 1]} {year}",
        "fa_IR": to_persian_digits(f"{jdatetime.date.j_months_fa[month - 1]} {year}"),
    }


def period_values(year, month):
    """The row of the Jalali month ``year``/``month``.

    >>> values = period_values(1405, 9)
    >>> values["name"]["fa_IR"], values["code"], values["season"]
    ('آذر ۱۴۰۵', '1405-09', 'autumn')
    >>> values["date_start"], values["date_end"]
    (datetime.date(2026, 11, 22), datetime.date(2026, 12, 21))
    """
    first = jdatetime.date(year, month, 1)
    following = jdatetime.date(year + month // 12, month % 12 + 1, 1)
    return {
        "name": period_names(year, month),
        "code": f"{year:04d}-{month:02d}",
        "year": year,
        "month": month,
        "season": SEASONS[(month - 1) // 3][0],
        "date_start": first.togregorian(),
        "date_end": following.togregorian() - datetime.timedelta(days=1),
    }
