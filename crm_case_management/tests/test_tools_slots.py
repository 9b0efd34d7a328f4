# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import datetime
import doctest
import random

from odoo.tests import BaseCase

from ..tools import slots
from ..tools.slots import find_free_slots, normalize, subtract

HOUR = datetime.timedelta(hours=1)
DAY0 = datetime.datetime(2026, 5, 2)  # a Saturday


def at(hours, day=0):
    return DAY0 + datetime.timedelta(days=day, hours=hours)


def office(days=1):
    """08:00-12:00 and 13:00-17:00 on each day."""
    return [
        interval
        for day in range(days)
        for interval in ((at(8, day), at(12, day)), (at(13, day), at(17, day)))
    ]


def brute_force(available, busy, duration, date_from, date_to, step):
    """Every step from the first one, checked minute by minute."""
    minute = datetime.timedelta(minutes=1)
    first = date_from.replace(hour=0, minute=0)
    while first < date_from:
        first += step
    found = []
    moment = first
    while moment + duration <= date_to:
        ok = True
        for resource_available, resource_busy in zip(available, busy, strict=True):
            tick = moment
            while ok and tick < moment + duration:
                ok = any(s <= tick < e for s, e in resource_available) and not any(
                    s <= tick < e for s, e in resource_busy
                )
                tick += minute
        if ok:
            found.append((moment, moment + duration))
        moment += step
    return found


class TestSlots(BaseCase):
    def test_docstring_examples_hold(self):
        result = doctest.testmod(slots)
        self.assertGreater(result.attempted, 0)
        self.assertEqual(result.failed, 0)

    def test_slot_never_crosses_the_lunch_break(self):
        found = find_free_slots([office()], [[]], 2 * HOUR, at(0), at(24), limit=0)
        self.assertNotIn((at(11), at(13)), found)
        self.assertEqual(found[-1], (at(15), at(17)))
        self.assertIn((at(10), at(12)), found)
        self.assertNotIn((at(10, 0) + datetime.timedelta(minutes=15), at(12.25)), found)

    def test_touching_a_booking_is_free(self):
        found = find_free_slots(
            [office()], [[(at(8), at(9))]], HOUR, at(0), at(24), limit=1
        )
        self.assertEqual(found, [(at(9), at(10))])

    def test_slots_start_on_the_quarter_hour(self):
        busy = [[(at(8), at(8) + datetime.timedelta(minutes=7))]]
        found = find_free_slots([office()], busy, HOUR, at(0), at(24), limit=2)
        self.assertEqual(
            [start.minute for start, _stop in found],
            [15, 30],
        )

    def test_all_resources_must_be_free_together(self):
        technician = office()
        device = [(at(14), at(20))]
        found = find_free_slots(
            [technician, device], [[], []], HOUR, at(0), at(24), limit=0
        )
        self.assertEqual(found[0], (at(14), at(15)))
        self.assertEqual(found[-1], (at(16), at(17)))

    def test_a_night_shift_runs_over_midnight(self):
        night = [(at(22), at(24)), (at(0, 1), at(6, 1))]
        found = find_free_slots([night], [[]], 4 * HOUR, at(0), at(24, 1), limit=1)
        self.assertEqual(found, [(at(22), at(26))])

    def test_the_window_bounds_the_slots(self):
        found = find_free_slots([office()], [[]], HOUR, at(9.5), at(11), limit=0)
        self.assertEqual(found[0], (at(9.5), at(10.5)))
        self.assertEqual(found[-1], (at(10), at(11)))

    def test_zero_duration_is_refused(self):
        with self.assertRaises(ValueError):
            find_free_slots([office()], [[]], datetime.timedelta(0), at(0), at(24))

    def test_subtract_splits_and_trims(self):
        self.assertEqual(
            subtract(normalize([(at(8), at(17))]), [(at(7), at(9)), (at(12), at(13))]),
            [(at(9), at(12)), (at(13), at(17))],
        )

    def test_same_slots_as_a_brute_force_search(self):
        rng = random.Random(16)
        five = datetime.timedelta(minutes=5)
        for _round in range(25):
            resources = rng.randint(1, 3)
            available, busy = [], []
            for _resource in range(resources):
                days = office(3) if rng.random() < 0.7 else [(at(0), at(72))]
                available.append(days)
                busy.append(
                    [
                        (start, start + five * rng.randint(1, 30))
                        for start in (
                            at(0) + five * rng.randint(0, 72 * 12) for _ in range(6)
                        )
                    ]
                )
            duration = five * rng.randint(3, 36)
            date_from = at(0) + five * rng.randint(0, 24)
            date_to = at(72) - five * rng.randint(0, 24)
            with self.subTest(round=_round):
                self.assertEqual(
                    find_free_slots(
                        available, busy, duration, date_from, date_to, limit=0
                    ),
                    brute_force(
                        available, busy, duration, date_from, date_to, slots.QUARTER
                    ),
                )
