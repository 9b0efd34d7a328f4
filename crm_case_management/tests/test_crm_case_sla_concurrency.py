# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Two SLA cron runs at once: each KPI is warned once, not once per run."""

import datetime

from odoo import Command, fields
from odoo.tests import tagged

from .common import RaceCase

SLA_ACTIVITY = "crm_case_management.mail_activity_type_case_sla"


@tagged("post_install", "-at_install")
class TestSlaCronConcurrency(RaceCase):
    def setUp(self):
        super().setUp()
        with self.committed_env() as env:
            partner = env["res.partner"].create({"name": "SLA race customer"})
            # Around the clock, so the warning is due whatever the day.
            calendar = env["resource.calendar"].create(
                {
                    "name": "SLA race, around the clock",
                    "tz": "UTC",
                    "attendance_ids": [Command.clear()]
                    + [
                        Command.create(
                            {
                                "name": "All day",
                                "dayofweek": str(day),
                                "hour_from": 0,
                                "hour_to": 24,
                                "day_period": "full_day",
                            }
                        )
                        for day in range(7)
                    ],
                }
            )
            policy = env["crm.case.sla.policy"].create(
                {
                    "name": "SLA race",
                    "sequence": -100,
                    "domain": f"[('partner_id', '=', {partner.id})]",
                    "calendar_id": calendar.id,
                    "first_response_hours": 1,
                    "warning_percent": 50,
                }
            )
            past = fields.Datetime.now() - datetime.timedelta(minutes=45)
            cases = env["crm.case"].create(
                [
                    {
                        "name": f"Race {index}",
                        "description": "<p>race</p>",
                        "partner_id": partner.id,
                        "user_id": env.ref("base.user_admin").id,
                        "date_request": past,
                    }
                    for index in range(20)
                ]
            )
            self.ids = {
                "partner": partner.id,
                "policy": policy.id,
                "calendar": calendar.id,
                "cases": cases.ids,
            }
        self.addCleanup(self._cleanup)

    def _cleanup(self):
        with self.committed_env() as env:
            cases = env["crm.case"].browse(self.ids["cases"])
            env["mail.mail"].search(
                [("model", "=", "crm.case"), ("res_id", "in", cases.ids)]
            ).unlink()
            cases.activity_ids.unlink()
            cases.unlink()
            env["crm.case.sla.policy"].browse(self.ids["policy"]).unlink()
            env["resource.calendar"].browse(self.ids["calendar"]).unlink()
            env["res.partner"].browse(self.ids["partner"]).unlink()

    def test_parallel_runs_warn_each_kpi_once(self):
        def run_cron(env):
            env["crm.case.sla.line"]._cron_process_due_lines()
            return "ran"

        outcomes = self.run_together(run_cron, run_cron)
        self.assertEqual(outcomes, ["ran", "ran"])
        with self.committed_env() as env:
            cases = env["crm.case"].browse(self.ids["cases"])
            lines = cases.sla_line_ids
            self.assertEqual(len(lines), 20)
            self.assertEqual(set(lines.mapped("state")), {"warning"})
            activities = cases.activity_ids.filtered(
                lambda activity: activity.activity_type_id == env.ref(SLA_ACTIVITY)
            )
            self.assertEqual(
                sorted(activities.mapped("res_id")), sorted(self.ids["cases"])
            )
