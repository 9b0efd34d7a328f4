# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Free-slot arithmetic on plain (start, stop) intervals.

Intervals are half-open ``[start, stop)`` pairs of datetimes (naive UTC in
the desk); touching intervals merge, so a shift that runs over midnight in
two pieces stays one stretch of working time, while a break splits it.
"""

import datetime

QUARTER = datetime.timedelta(minutes=15)


def normalize(intervals):
    """Sort and merge overlapping or touching intervals; drop empty ones.

    >>> d = datetime.datetime
    >>> normalize([(d(1, 1, 1, 9), d(1, 1, 1, 10)),
    ...            (d(1, 1, 1, 8), d(1, 1, 1, 9))])
    [(datetime.datetime(1, 1, 1, 8, 0), datetime.datetime(1, 1, 1, 10, 0))]
    """
    merged = []
    for start, stop in sorted(i for i in intervals if i[0] < i[1]):
        if merged and start <= merged[-1][1]:
            if stop > merged[-1][1]:
                merged[-1] = (merged[-1][0], stop)
        else:
            merged.append((start, stop))
    return merged


def intersect(left, right):
    """Intersection of two normalized interval lists."""
    result = []
    i = j = 0
    while i < len(left) and j < len(right):
        start = max(left[i][0], right[j][0])
        stop = min(left[i][1], right[j][1])
        if start < stop:
            result.append((start, stop))
        if left[i][1] < right[j][1]:
            i += 1
        else:
            j += 1
    return result


def subtract(intervals, removed):
    """``intervals`` minus ``removed``, both normalized."""
    result = []
    j = 0
    for start, stop in intervals:
        while j < len(removed) and removed[j][1] <= start:
            j += 1
        k = j
        while k < len(removed) and removed[k][0] < stop:
            if removed[k][0] > start:
                result.append((start, removed[k][0]))
            start = max(start, removed[k][1])
            k += 1
        if start < stop:
            result.append((start, stop))
    return result


def ceil_to_step(moment, step=QUARTER):
    """The first multiple of ``step`` (counted from midnight) at or after
    ``moment``. Every time zone in use is offset from UTC by whole quarter
    hours, so a UTC quarter hour is a quarter hour on every local clock.

    >>> ceil_to_step(datetime.datetime(2026, 5, 2, 8, 1))
    datetime.datetime(2026, 5, 2, 8, 15)
    >>> ceil_to_step(datetime.datetime(2026, 5, 2, 8, 30))
    datetime.datetime(2026, 5, 2, 8, 30)
    """
    midnight = moment.replace(hour=0, minute=0, second=0, microsecond=0)
    remainder = (moment - midnight) % step
    return moment + (step - remainder) if remainder else moment


def common_free_time(available, busy, date_from, date_to):
    """Time inside ``[date_from, date_to)`` when every resource is free.

    ``available`` and ``busy`` hold one list of intervals per resource, in
    the same order: when the resource can work, and when it is taken.
    """
    common = [(date_from, date_to)]
    for resource_available, resource_busy in zip(available, busy, strict=True):
        free = subtract(normalize(resource_available), normalize(resource_busy))
        common = intersect(common, free)
        if not common:
            break
    return common


def find_free_slots(
    available, busy, duration, date_from, date_to, limit=5, step=QUARTER
):
    """The earliest ``(start, stop)`` slots of ``duration`` when all
    resources are free together, starting on a multiple of ``step``.

    A slot lies inside one stretch of common free time, so it never crosses
    a break, a leave or another booking. ``limit`` of 0 or None: all slots.

    >>> d = datetime.datetime
    >>> work = [(d(2026, 5, 2, 8), d(2026, 5, 2, 12)),
    ...         (d(2026, 5, 2, 13), d(2026, 5, 2, 17))]
    >>> taken = [(d(2026, 5, 2, 8), d(2026, 5, 2, 10, 50))]
    >>> hour = datetime.timedelta(hours=1)
    >>> slots = find_free_slots([work, work], [taken, []], hour,
    ...                         d(2026, 5, 2), d(2026, 5, 3), limit=3)
    >>> [(start.strftime("%H:%M"), stop.strftime("%H:%M")) for start, stop in slots]
    [('11:00', '12:00'), ('13:00', '14:00'), ('13:15', '14:15')]
    """
    if duration <= datetime.timedelta(0):
        raise ValueError("A slot must last longer than zero.")
    slots = []
    for start, stop in common_free_time(available, busy, date_from, date_to):
        moment = ceil_to_step(start, step)
        while moment + duration <= stop:
            slots.append((moment, moment + duration))
            if limit and len(slots) >= limit:
                return slots
            moment += step
    return slots
