"""Counting working days once the calendar has said which days are worked.

The working calendar itself (weekly days off, holidays) stays in Odoo's
``resource.calendar``; these helpers only count over the set of dates it
returns, so they need no database.
"""

import datetime


def nth_working_day(start, days, working_dates):
    """The due date ``days`` working days after ``start``.

    ``days == 0`` means "today": ``start`` itself if it is a working day,
    else the next working day. Otherwise the ``days``-th working day strictly
    after ``start``. Returns ``None`` when ``working_dates`` does not reach
    far enough, so the caller can widen its window and ask again.

    >>> wed, sat, sun = (datetime.date(2026, 11, d) for d in (25, 28, 29))
    >>> nth_working_day(wed, 1, {wed, sat, sun})
    datetime.date(2026, 11, 28)
    """
    if days < 0:
        raise ValueError("a number of working days cannot be negative")
    ordered = sorted(day for day in working_dates if day >= start)
    if days == 0:
        return ordered[0] if ordered else None
    after = [day for day in ordered if day > start]
    return after[days - 1] if len(after) >= days else None


def window_for(start, days):
    """A first window of dates to ask the calendar about for ``days``.

    Twice the days plus two weeks covers a weekend every week and a
    holiday block such as Nowruz; ``nth_working_day`` says when it did not.
    """
    return start, start + datetime.timedelta(days=2 * days + 14)
