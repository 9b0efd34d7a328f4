"""Benchmark of the free-slot search (issue "Service scheduling").

Creates 50 people on the demo's Saturday-to-Wednesday calendar with a
Tehran time zone, 10 bookings each and a weekly meeting, in one
transaction of a database with crm_case_management installed; then times
``crm.case.booking.find_slots`` over a month, for all 50 together, for
groups of 3 and for each person alone, and rolls back.

    PGHOST=127.0.0.1 PGUSER=odoo python3 bench/bench_booking_slots.py \\
        --database crm_case_demo --addons-path "$PWD,/opt/odoo19/addons"
"""

import argparse
import datetime
import random
import time

import odoo
from odoo.fields import Command
from odoo.modules.registry import Registry
from odoo.tools import config


def timed(label, function, repeat=3):
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - start)
    print(
        f"{label}: first {times[0] * 1000:.0f} ms, best {min(times) * 1000:.0f} ms "
        f"of {repeat}, {len(result)} slots"
    )
    return result


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", required=True)
    parser.add_argument("--resources", type=int, default=50)
    parser.add_argument(
        "--addons-path", help="Odoo's --addons-path, with this repository"
    )
    args = parser.parse_args()
    options = ["-d", args.database]
    if args.addons_path:
        options.append(f"--addons-path={args.addons_path}")
    config.parse_config(options)
    rng = random.Random(16)
    with Registry(args.database).cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {"tracking_disable": True})
        calendar = env["resource.calendar"].create(
            {
                "name": "Bench Tehran office",
                "tz": "Asia/Tehran",
                "attendance_ids": [Command.clear()]
                + [
                    Command.create(
                        {
                            "name": f"{day} {hour_from}",
                            "dayofweek": day,
                            "hour_from": hour_from,
                            "hour_to": hour_to,
                        }
                    )
                    for day in ("5", "6", "0", "1", "2")
                    for hour_from, hour_to in ((8, 12), (13, 17))
                ],
            }
        )
        users = env["res.users"].create(
            [
                {"name": f"Bench tech {i}", "login": f"bench_tech_{i}"}
                for i in range(args.resources)
            ]
        )
        resources = env["resource.resource"].create(
            [
                {
                    "name": user.name,
                    "user_id": user.id,
                    "calendar_id": calendar.id,
                    "tz": "Asia/Tehran",
                }
                for user in users
            ]
        )
        partner = env["res.partner"].create({"name": "Bench customer"})
        case = env["crm.case"].create(
            {"name": "Bench", "description": "<p>bench</p>", "partner_id": partner.id}
        )
        date_from = datetime.datetime(2030, 1, 5)  # a Saturday
        date_to = date_from + datetime.timedelta(days=30)
        working_days = [
            date_from + datetime.timedelta(days=d)
            for d in range(30)
            if (date_from + datetime.timedelta(days=d)).weekday() not in (3, 4)
        ]
        values = []
        for resource in resources:
            for day in rng.sample(working_days, 10):
                start = day + datetime.timedelta(hours=rng.choice([5, 6, 7, 10]))
                values.append(
                    {
                        "case_id": case.id,
                        "date_start": start,
                        "date_stop": start + datetime.timedelta(hours=1),
                        "resource_ids": [Command.set(resource.ids)],
                        "state": "confirmed",
                    }
                )
        start = time.perf_counter()
        env["crm.case.booking"].create(values)
        print(
            f"{len(values)} bookings created in "
            f"{time.perf_counter() - start:.1f} s (each checked under lock)"
        )
        env["calendar.event"].with_context(no_mail_to_attendees=True).create(
            [
                {
                    "name": "Weekly meeting",
                    "start": day + datetime.timedelta(hours=4, minutes=30),
                    "stop": day + datetime.timedelta(hours=5, minutes=30),
                    "partner_ids": [Command.set(users.partner_id.ids)],
                }
                for day in working_days[::5]
            ]
        )
        env.flush_all()
        env.invalidate_all()
        Booking = env["crm.case.booking"]
        timed(
            f"{len(resources)} resources together, a month, first 5",
            lambda: Booking.find_slots(resources, 1.5, date_from, date_to),
        )
        timed(
            f"{len(resources)} resources together, a month, all slots",
            lambda: Booking.find_slots(resources, 1.5, date_from, date_to, limit=0),
        )
        timed(
            "3 resources together, a month, all slots",
            lambda: Booking.find_slots(resources[:3], 1.5, date_from, date_to, limit=0),
        )

        def each_alone():
            found = []
            for resource in resources:
                found += Booking.find_slots(resource, 1.5, date_from, date_to)
            return found

        timed(f"each of {len(resources)} alone, first 5 each", each_alone, repeat=1)
        cr.rollback()


if __name__ == "__main__":
    main()
