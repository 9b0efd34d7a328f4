"""Working-time arithmetic over intervals a calendar has already computed.

``resource.calendar._work_intervals_batch`` says when people work (weekly
hours, lunch breaks, holidays); these helpers only walk its intervals, given
as sorted ``(start, stop)`` pairs of datetimes, so they need no database and
one calendar query serves many SLA clocks.
"""

import datetime

# A clock is not judged on less than a second of working time.
EPSILON_HOURS = 1 / 3600


def plan_hours(intervals, start, hours):
    """The moment ``hours`` working hours after ``start``, or ``None``.

    Like ``resource.calendar.plan_hours``: zero hours gives the start of the
    next working interval (``start`` itself during work). ``None`` means the
    intervals end too early, so the caller can ask for a wider window.

    >>> day = datetime.datetime(2026, 11, 25)
    >>> work = [(day.replace(hour=8), day.replace(hour=12)),
    ...         (day.replace(hour=13), day.replace(hour=17))]
    >>> plan_hours(work, day.replace(hour=11), 2)
    datetime.datetime(2026, 11, 25, 14, 0)
    >>> plan_hours(work, day.replace(hour=12, minute=30), 0)
    datetime.datetime(2026, 11, 25, 13, 0)
    >>> plan_hours(work, day.replace(hour=16), 2) is None
    True
    """
    if hours < 0:
        raise ValueError("working hours to plan cannot be negative")
    # Whole seconds: deadlines read as times, not float remainders.
    left = datetime.timedelta(seconds=round(hours * 3600))
    for interval_start, interval_stop in intervals:
        if interval_stop <= start and hours:
            continue
        begin = max(interval_start, start)
        if begin > interval_stop or (begin == interval_stop and hours):
            continue
        if begin + left <= interval_stop:
            return begin + left
        left -= interval_stop - begin
    return None


def hours_between(intervals, start, stop):
    """Working hours from ``start`` to ``stop`` (negative if ``stop`` is first).

    >>> day = datetime.datetime(2026, 11, 25)
    >>> work = [(day.replace(hour=8), day.replace(hour=12)),
    ...         (day.replace(hour=13), day.replace(hour=17))]
    >>> hours_between(work, day.replace(hour=11), day.replace(hour=14))
    2.0
    >>> hours_between(work, day.replace(hour=14), day.replace(hour=11))
    -2.0
    """
    if stop < start:
        return -hours_between(intervals, stop, start)
    seconds = 0.0
    for interval_start, interval_stop in intervals:
        begin, end = max(interval_start, start), min(interval_stop, stop)
        if end > begin:
            seconds += (end - begin).total_seconds()
    return seconds / 3600


def warning_hours(target_hours, warning_percent):
    """Working hours into a target at which its warning is due, or ``None``.

    >>> warning_hours(8, 75)
    6.0
    >>> warning_hours(8, 0) is None
    True
    """
    if not target_hours or not warning_percent or warning_percent >= 100:
        return None
    return target_hours * warning_percent / 100


def worst_state(states):
    """The state a case shows for its KPIs: the worst of them, or ``False``.

    >>> worst_state(["met", "running", "warning"])
    'warning'
    >>> worst_state([])
    False
    """
    order = ("failed", "warning", "running", "paused", "met")
    present = set(states)
    return next((state for state in order if state in present), False)
