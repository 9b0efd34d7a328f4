"""Labels of date groups (list, kanban, pivot and graph headers) for readers
of the Jalali calendar.

A group of one day (or starting on one day: weeks, hours) is named in Jalali.
Gregorian months, quarters and years stay Gregorian buckets: they are named
in full Gregorian, never with a Jalali month or mixed digits.
"""

import babel.dates
import jdatetime

from .jalali import to_persian_digits


def digits(text, persian):
    return to_persian_digits(text) if persian else str(text)


def jalali_day_label(day, persian=True):
    """``day`` (a Gregorian date) as a Jalali day.

    >>> import datetime
    >>> jalali_day_label(datetime.date(2026, 11, 25))
    '۴ آذر ۱۴۰۵'
    >>> jalali_day_label(datetime.date(2026, 11, 25), persian=False)
    '4 Azar 1405'
    """
    jday = jdatetime.date.fromgregorian(date=day)
    months = jday.j_months_fa if persian else jday.j_months_en
    return digits(f"{jday.day} {months[jday.month - 1]} {jday.year}", persian)


def gregorian_month_label(day, locale, persian=True):
    """The Gregorian month of ``day`` in ``locale``'s Gregorian month names.

    >>> import datetime
    >>> gregorian_month_label(datetime.date(2026, 11, 25), "fa_IR")
    'نوامبر ۲۰۲۶'
    """
    month = babel.dates.format_date(day, format="LLLL", locale=locale)
    return f"{month} {digits(day.year, persian)}"


def gregorian_quarter(day):
    """The Gregorian quarter (1-4) of ``day``.

    >>> import datetime
    >>> gregorian_quarter(datetime.date(2026, 11, 25))
    4
    """
    return (day.month - 1) // 3 + 1
