# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import datetime

from odoo import Command

from .common import CaseCommon


def tehran(year, month, day, hour, minute=0):
    """A Tehran wall-clock time (UTC+03:30) as the naive UTC Odoo stores."""
    return datetime.datetime(year, month, day, hour, minute) - datetime.timedelta(
        hours=3, minutes=30
    )


class SlaCommon(CaseCommon):
    """One standard policy on the Iranian calendar (Saturday to Wednesday,
    8-12 and 13-17, Nowruz off), with a stage that waits for the customer."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Whatever the demo configured, these tests set their own policies.
        cls.env["crm.case.sla.policy"].search([]).active = False
        cls.stage_new = cls.env.ref("crm_case_management.crm_case_stage_new")
        cls.stage_progress = cls.env.ref(
            "crm_case_management.crm_case_stage_in_progress"
        )
        cls.stage_waiting = cls.env["crm.case.stage"].create(
            {
                "name": "Waiting for Customer",
                "sequence": 25,
                "type_ids": [Command.link(cls.type_general.id)],
                "next_stage_ids": [Command.link(cls.stage_progress.id)],
            }
        )
        (cls.stage_new | cls.stage_progress).next_stage_ids = [
            Command.link(cls.stage_waiting.id)
        ]
        cls.queue_manager = cls.manager
        cls.queue = cls.env["crm.case.queue"].create(
            {
                "name": "Second line",
                "user_id": cls.queue_manager.id,
                "member_ids": [Command.set(cls.agent.ids)],
            }
        )
        cls.standard = cls.env["crm.case.sla.policy"].create(
            {
                "name": "Standard",
                "sequence": 10,
                "calendar_id": cls.calendar.id,
                "first_response_hours": 4,
                "resolve_hours": 16,
                "warning_percent": 75,
                "pause_stage_ids": [Command.link(cls.stage_waiting.id)],
            }
        )

    def _sla_case(self, **values):
        return self._create_case(user_id=self.agent.id, **values)

    def _line(self, case, kpi):
        return case.sla_line_ids.filtered(lambda line: line.kpi == kpi)

    def _move(self, case, stage):
        case.with_user(self.agent).stage_id = stage
