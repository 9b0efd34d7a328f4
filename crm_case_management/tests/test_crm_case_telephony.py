# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Telephony in the ORM: callers found, calls logged, cases opened."""

import json
import time
from collections import Counter
from datetime import UTC, date, datetime

import pytz

from odoo.exceptions import AccessError
from odoo.tests import new_test_user
from odoo.tools.safe_eval import safe_eval

from .common import USER_GROUP, CaseCommon

INCOMING = "crm_case_management/incoming_call"


class TelephonyCommon(CaseCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.agent.phone_extension = "7101"
        cls.other_agent.phone_extension = "7102"
        cls.customer_contact.phone = "0912 555 7788"
        cls.other_customer.phone = "+98 21 5555 1234"
        cls.bridge = new_test_user(
            cls.env,
            "case_pbx",
            groups="crm_case_management.group_crm_case_telephony",
            name="PBX",
        )
        cls.Call = cls.env["crm.case.call"].sudo()

    def event(self, event, call_ref, number="09125557788", extension="7101", **extra):
        payload = {
            "event": event,
            "call_ref": call_ref,
            "number": number,
            "extension": extension,
            "timestamp": extra.pop("timestamp", time.time()),
            **extra,
        }
        return self.Call._process_pbx_event(payload)

    def incoming_notifications(self):
        """(partner id, payload) of the ringing notifications sent so far."""
        self.env.cr.precommit.run()
        found = []
        for bus in self.env["bus.bus"].sudo().search([]):
            message = json.loads(bus.message)
            if message["type"] == INCOMING:
                found.append((json.loads(bus.channel)[2], message["payload"]))
        return found


class TestTelephonyMatching(TelephonyCommon):
    def test_caller_found_whatever_the_form_of_the_number(self):
        for number in (
            "09125557788",
            "+989125557788",
            "00989125557788",
            "۰۹۱۲۵۵۵۷۷۸۸",
            "9125557788",
        ):
            with self.subTest(number=number):
                self.assertEqual(self.Call._find_partner(number), self.customer_contact)
        self.assertEqual(self.Call._find_partner("021 5555 1234"), self.other_customer)
        self.assertFalse(self.Call._find_partner("09350000000"))

    def test_extension_finds_the_agent(self):
        self.assertEqual(self.Call._find_agent("۷۱۰۱"), self.agent)
        self.assertFalse(self.Call._find_agent("999"))

    def test_user_sets_own_extension_in_preferences(self):
        self.operator.with_user(self.operator).write({"phone_extension": "۷۱۰۵"})
        self.assertEqual(self.operator.phone_extension, "7105")


class TestTelephonyEvents(TelephonyCommon):
    def test_ringing_answered_hangup_give_a_done_call(self):
        start = time.time() - 60
        self.event("ringing", "c1", timestamp=start)
        self.event("answered", "c1", timestamp=start + 5)
        result = self.event("hangup", "c1", timestamp=start + 65)
        call = self.Call.browse(result["call_id"])
        self.assertEqual(call.state, "done")
        self.assertEqual(call.partner_id, self.customer_contact)
        self.assertEqual(call.user_id, self.agent)
        self.assertEqual(call.duration, 60)
        self.assertFalse(call.activity_ids)

    def test_events_out_of_order_and_twice_give_the_same_call(self):
        start = time.time() - 60
        first = self.event("hangup", "c2", timestamp=start + 65, duration=60)
        self.assertEqual(first["state"], "missed")
        again = self.event("hangup", "c2", timestamp=start + 65, duration=60)
        self.assertTrue(again["duplicate"])
        self.event("answered", "c2", timestamp=start + 5)
        self.event("ringing", "c2", timestamp=start)
        calls = self.Call.search([("call_ref", "=", "c2")])
        self.assertEqual(len(calls), 1)
        self.assertEqual(calls.state, "done")
        self.assertEqual(calls.duration, 60)
        self.assertEqual(int(calls.date_start.timestamp()), int(start))
        # A late "answered" withdraws the call-back the hang-up had asked.
        self.assertFalse(calls.activity_ids)

    def test_missed_call_asks_the_agent_to_call_back(self):
        self.event("ringing", "c3")
        result = self.event("hangup", "c3")
        call = self.Call.browse(result["call_id"])
        self.assertEqual(call.state, "missed")
        self.assertEqual(call.activity_ids.user_id, self.agent)
        self.assertEqual(
            call.activity_ids.activity_type_id,
            self.env.ref("mail.mail_activity_data_call"),
        )
        self.assertFalse(call.case_id, "a missed call opens no case")

    def test_ringing_notifies_the_ringing_agent_only(self):
        mine = self._create_case(
            partner_id=self.customer_contact.id, user_id=self.agent.id
        )
        # Not the agent's to read: not on the agent's screen.
        self._create_case(partner_id=self.customer_contact.id, name="Invoice")
        self.event("ringing", "c4", extension="7101")
        notifications = self.incoming_notifications()
        self.assertEqual(len(notifications), 1)
        partner_id, payload = notifications[0]
        self.assertEqual(partner_id, self.agent.partner_id.id)
        self.assertEqual(payload["partner_id"], self.customer_contact.id)
        self.assertEqual(payload["company_name"], self.customer.name)
        self.assertEqual(payload["channel_id"], self.channel_phone.id)
        self.assertEqual([case["id"] for case in payload["open_cases"]], mine.ids)
        self.assertFalse(self.env["crm.case"].search([("call_ids", "!=", False)]))
        # The same ringing again (a retry) rings no second time.
        self.event("ringing", "c4", extension="7101")
        self.assertEqual(len(self.incoming_notifications()), 1)

    def test_register_phone_case_prefills_the_form(self):
        result = self.event("ringing", "c5")
        call = self.Call.browse(result["call_id"]).with_user(self.agent)
        action = call.action_new_case()
        Case = self.env["crm.case"].with_user(self.agent)
        defaults = Case.with_context(**action["context"]).default_get(
            ["partner_id", "channel_id", "user_id", "call_ids"]
        )
        self.assertEqual(defaults["partner_id"], self.customer_contact.id)
        self.assertEqual(defaults["channel_id"], self.channel_phone.id)
        case = Case.with_context(**action["context"]).create(
            {"name": "Printer", "description": "<p>Dark</p>"}
        )
        self.assertEqual(case.call_ids, call)
        self.assertEqual(case.create_uid, self.agent)

    def test_report_counts_match_the_log(self):
        """Calls per day (the reader's day), agent, queue and customer."""
        queue = self.env["crm.case.queue"].create({"name": "Second line"})
        case = self._create_case(partner_id=self.customer_contact.id)
        case.sudo().queue_id = queue
        # 22:00 UTC is already the next day in Tehran (01:30).
        late = datetime(2026, 11, 21, 22, 0, tzinfo=UTC).timestamp()
        early = datetime(2026, 11, 22, 6, 0, tzinfo=UTC).timestamp()
        log = [
            ("r1", "7101", "09125557788", late, True),
            ("r2", "7101", "09125557788", early, False),
            ("r3", "7102", "02155551234", early, False),
            ("r4", "7102", "09125557788", early - 86400, True),
        ]
        for ref, extension, number, when, answered in log:
            self.event("ringing", ref, number, extension, timestamp=when)
            if answered:
                self.event("answered", ref, number, extension, timestamp=when + 5)
            self.event("hangup", ref, number, extension, timestamp=when + 65)
        refs = [ref for ref, *_rest in log]
        calls = self.env["crm.case.call"].search([("call_ref", "in", refs)])
        calls.filtered(lambda call: call.call_ref in ("r1", "r4")).case_id = case
        report = self.env.ref("crm_case_management.crm_case_call_action_report")
        self.assertEqual(
            safe_eval(report.context)["pivot_row_groupby"],
            ["date_start:day"],
        )
        groupby = ["date_start:day", "user_id", "queue_id", "commercial_partner_id"]
        rows = (
            self.env["crm.case.call"]
            .with_user(self.manager)
            .with_context(tz="Asia/Tehran")
            ._read_group(
                [("id", "in", calls.ids)], groupby, ["__count", "duration:sum"]
            )
        )
        # The day groups come as the reader's midnight.
        rows = [(day.date(), *rest) for day, *rest in rows]
        tehran = pytz.timezone("Asia/Tehran")
        expected = Counter()
        seconds = Counter()
        for call in calls:
            day = pytz.utc.localize(call.date_start).astimezone(tehran).date()
            key = (day, call.user_id, call.queue_id, call.commercial_partner_id)
            expected[key] += 1
            seconds[key] += call.duration
        self.assertEqual({tuple(row[:4]): row[4] for row in rows}, dict(expected))
        self.assertEqual({tuple(row[:4]): row[5] for row in rows}, dict(seconds))
        # What the log says, read by a person: two calls on 22 November
        # (Tehran) for the first agent, one in the second line queue.
        first_agent = Counter(
            (row[0], row[2])
            for row in rows
            if row[1] == self.agent
            for _ in range(row[4])
        )
        self.assertEqual(
            first_agent,
            {
                (date(2026, 11, 22), queue): 1,
                (date(2026, 11, 22), self.env["crm.case.queue"]): 1,
            },
        )
        self.assertEqual(sum(seconds.values()), 60 * 2)


class TestOpenFromCall(TelephonyCommon):
    def test_the_answering_agent_creates_and_works_the_case(self):
        Case = self.env["crm.case"].with_user(self.bridge)
        case_id = Case.open_from_call("09125557788", call_ref="o1", extension="7101")
        case = self.env["crm.case"].browse(case_id)
        self.assertEqual(case.create_uid, self.agent)
        self.assertEqual(case.user_id, self.agent)
        self.assertEqual(case.partner_id, self.customer_contact)
        self.assertEqual(case.channel_id, self.channel_phone)
        self.assertEqual(case.state, "open")
        self.assertEqual(case.call_ids.call_ref, "o1")
        self.assertEqual(case.call_ids.state, "answered")
        # The agent approves what they opened, as for any case.
        self.assertEqual(case._approver(), self.agent)
        # Called again for the same call: the same case.
        self.assertEqual(
            Case.open_from_call("+989125557788", call_ref="o1", extension="7101"),
            case_id,
        )
        self.assertEqual(
            self.env["crm.case"].search_count([("call_ids", "!=", False)]), 1
        )

    def test_unknown_caller_gets_a_contact_to_fill_in(self):
        case_id = (
            self.env["crm.case"]
            .with_user(self.agent)
            .open_from_call("09350001122", call_ref="o2")
        )
        case = self.env["crm.case"].browse(case_id)
        self.assertIn("09350001122", case.partner_id.name)
        self.assertEqual(case.partner_id.phone, "09350001122")
        self.assertEqual(case.create_uid, self.agent)

    def test_tracking_code_typed_in_the_ivr_names_the_case(self):
        existing = self._create_case(user=self.agent, user_id=self.agent.id)
        case_id = (
            self.env["crm.case"]
            .with_user(self.bridge)
            .open_from_call(
                "09125557788",
                call_ref="o3",
                extension="7101",
                case_code=existing.number,
            )
        )
        self.assertEqual(case_id, existing.id)
        self.assertEqual(existing.call_ids.call_ref, "o3")

    def test_an_agent_opens_cases_for_themselves_only(self):
        Case = self.env["crm.case"].with_user(self.other_agent)
        with self.assertRaises(AccessError):
            Case.open_from_call("09125557788", call_ref="o4", extension="7101")
        case = self.env["crm.case"].browse(
            Case.open_from_call("09125557788", call_ref="o5")
        )
        self.assertEqual(case.create_uid, self.other_agent)

    def test_customer_new_case_button_presets_phone(self):
        action = self.customer.with_user(self.agent).action_new_case()
        self.assertEqual(action["context"]["default_channel_id"], self.channel_phone.id)
        self.assertEqual(action["context"]["default_partner_id"], self.customer.id)


class TestCallAccess(TelephonyCommon):
    def test_agents_see_their_calls_managers_all(self):
        mine = self.Call.create({"phone": "0912", "user_id": self.agent.id})
        theirs = self.Call.create({"phone": "0913", "user_id": self.other_agent.id})
        unassigned = self.Call.create({"phone": "0914"})
        calls = mine | theirs | unassigned
        seen = (
            self.env["crm.case.call"]
            .with_user(self.agent)
            .search([("id", "in", calls.ids)])
        )
        self.assertEqual(seen, mine | unassigned)
        seen = (
            self.env["crm.case.call"]
            .with_user(self.manager)
            .search([("id", "in", calls.ids)])
        )
        self.assertEqual(seen, calls)
        with self.assertRaises(AccessError):
            theirs.with_user(self.agent).write({"duration": 1})
        with self.assertRaises(AccessError):
            mine.with_user(self.agent).unlink()

    def test_recording_is_for_managers(self):
        call = self.Call.create(
            {
                "phone": "0912",
                "user_id": self.agent.id,
                "recording_url": "https://pbx/r.wav",
            }
        )
        self.assertEqual(
            call.with_user(self.manager).recording_url, "https://pbx/r.wav"
        )
        with self.assertRaises(AccessError):
            call.with_user(self.agent).read(["recording_url"])

    def test_outgoing_call_from_the_case_is_logged(self):
        case = self._create_case(
            user=self.agent, user_id=self.agent.id, partner_id=self.customer_contact.id
        )
        action = case.with_user(self.agent).action_call_customer()
        self.assertTrue(action["url"].startswith("tel:"))
        self.assertEqual(case.call_ids.direction, "out")
        self.assertEqual(case.call_ids.user_id, self.agent)

    def test_portal_users_have_no_calls(self):
        portal = new_test_user(self.env, "case_portal", groups="base.group_portal")
        with self.assertRaises(AccessError):
            self.env["crm.case.call"].with_user(portal).search([])
        self.assertFalse(portal.has_group(USER_GROUP))
