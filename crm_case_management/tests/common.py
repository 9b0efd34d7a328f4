# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import datetime
import json
import threading
from contextlib import contextmanager

from psycopg2.errors import SerializationFailure

from odoo import SUPERUSER_ID, Command, api
from odoo.exceptions import ConcurrencyError, UserError
from odoo.modules.registry import Registry
from odoo.tests import BaseCase, HttpCase, TransactionCase, new_test_user
from odoo.tests.common import get_db_name

USER_GROUP = "crm_case_management.group_crm_case_user"
MANAGER_GROUP = "crm_case_management.group_crm_case_manager"


def use_persian_and_english(
    env, modules=("base", "web", "mail", "crm_case_management")
):
    """Persian with the Persian terms of ``modules``, and English.

    The test database is made with Persian only; a test that reads or
    checks English needs it activated too.
    """
    env["res.lang"]._activate_lang("fa_IR")
    env["res.lang"]._activate_lang("en_US")
    if modules:
        env["ir.module.module"]._load_module_terms(list(modules), ["fa_IR"])


def persian_and_english_agents(env, persian_login, english_login):
    """Two desk users in Tehran, one reading Persian and one English."""
    return tuple(
        new_test_user(env, login, groups=USER_GROUP, lang=lang, tz="Asia/Tehran")
        for login, lang in ((persian_login, "fa_IR"), (english_login, "en_US"))
    )


def tehran_day_utc(year, month, day):
    """UTC bounds of a whole day in Tehran (UTC+03:30), as Odoo stores them."""
    start = datetime.datetime(year, month, day) - datetime.timedelta(
        hours=3, minutes=30
    )
    return start, start + datetime.timedelta(hours=23, minutes=59, seconds=59)


class CaseCommon(TransactionCase):
    """A desk with an Iranian working week, people in each role, customers."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=False))
        cls.company = cls.env.company
        cls.calendar = cls._create_iranian_calendar()
        cls.company.write(
            {
                "case_calendar_id": cls.calendar.id,
                "case_number_prefix": "CS-",
                "case_number_random_digits": 4,
            }
        )
        cls.operator = new_test_user(
            cls.env, "case_operator", groups=USER_GROUP, name="Operator"
        )
        cls.agent = new_test_user(
            cls.env, "case_agent", groups=USER_GROUP, name="Agent"
        )
        cls.other_agent = new_test_user(
            cls.env, "case_other_agent", groups=USER_GROUP, name="Other Agent"
        )
        cls.manager = new_test_user(
            cls.env, "case_manager", groups=MANAGER_GROUP, name="Manager"
        )
        cls.customer = cls.env["res.partner"].create(
            {"name": "Parsian Trading", "is_company": True}
        )
        cls.customer_contact = cls.env["res.partner"].create(
            {"name": "Ali Rezaei", "parent_id": cls.customer.id}
        )
        cls.other_customer = cls.env["res.partner"].create(
            {"name": "Negin Clinic", "is_company": True}
        )
        cls.type_general = cls.env.ref("crm_case_management.crm_case_type_general")
        cls.type_complaint = cls.env.ref("crm_case_management.crm_case_type_complaint")
        # Start from the shipped settings, whatever the demo data changed.
        (cls.type_general | cls.type_complaint).root_cause_required = False
        (cls.type_general | cls.type_complaint).write(
            {"sms_on_register": "off", "sms_on_close": "off"}
        )
        cls.urgent = cls.env.ref("crm_case_management.crm_case_urgency_urgent")
        cls.normal = cls.env.ref("crm_case_management.crm_case_urgency_normal")
        cls.channel_phone = cls.env.ref("crm_case_management.crm_case_channel_phone")

    @classmethod
    def _create_iranian_calendar(cls):
        """Saturday to Wednesday at work; Thursday and Friday off; Nowruz."""
        attendances = [
            Command.create(
                {
                    "name": f"{day} {period}",
                    "dayofweek": day,
                    "hour_from": hour_from,
                    "hour_to": hour_to,
                    "day_period": period,
                }
            )
            for day in ("5", "6", "0", "1", "2")  # Sat, Sun, Mon, Tue, Wed
            for hour_from, hour_to, period in (
                (8, 12, "morning"),
                (13, 17, "afternoon"),
            )
        ]
        calendar = cls.env["resource.calendar"].create(
            {
                "name": "Tehran office",
                "tz": "Asia/Tehran",
                "attendance_ids": [Command.clear(), *attendances],
            }
        )
        # Nowruz 1405: 1 to 4 Farvardin = 21 to 24 March 2026.
        date_from = tehran_day_utc(2026, 3, 21)[0]
        date_to = tehran_day_utc(2026, 3, 24)[1]
        cls.env["resource.calendar.leaves"].create(
            {
                "name": "Nowruz",
                "calendar_id": calendar.id,
                "date_from": date_from,
                "date_to": date_to,
                "time_type": "leave",
            }
        )
        return calendar

    @classmethod
    def _create_first_line_queue(cls):
        """Routing from scratch: no rule, and a round-robin default queue
        worked by both agents."""
        Queue = cls.env["crm.case.queue"]
        Queue.search([("is_default", "=", True)]).is_default = False
        cls.env["crm.case.routing.rule"].search([]).unlink()
        return Queue.create(
            {
                "name": "First line",
                "is_default": True,
                "assignment_method": "round_robin",
                "member_ids": [Command.set((cls.agent | cls.other_agent).ids)],
            }
        )

    @classmethod
    def _create_case(cls, user=None, **values):
        """Create a case as ``user`` (the operator by default)."""
        vals = {
            "name": "Printer does not start",
            "description": "<p>The printer stays dark since the power cut.</p>",
            "partner_id": cls.customer.id,
            **values,
        }
        Case = cls.env["crm.case"].with_user(user or cls.operator)
        if "date_request" in values:
            # Only the system sets the request date; tests that need an
            # older case create it the way the system would, for the user.
            Case = Case.sudo()
        return Case.create(vals)


class RaceCase(BaseCase):
    """Real transactions in parallel threads, as concurrent requests run.

    These tests commit: they work on their own cursors of the test
    database and delete what they created in their clean-up.
    """

    TRIES = 5

    def setUp(self):
        super().setUp()
        self.registry = Registry(get_db_name())

    @contextmanager
    def committed_env(self):
        """A superuser environment whose changes are committed at the end."""
        with self.registry.cursor() as cr:
            yield api.Environment(cr, SUPERUSER_ID, {})

    def run_together(self, *functions):
        """Start ``function(env)`` of each in its own thread at one moment.

        Each runs in its own transaction and is retried on a serialization
        failure or a ConcurrencyError, as Odoo retries a request. Returns,
        per function, what it returned, the message of the UserError it
        raised, "failed: ..." for any other error, or "gave up".
        """
        barrier = threading.Barrier(len(functions))
        outcomes = [None] * len(functions)

        def run(index, function):
            barrier.wait()
            outcomes[index] = self._run_and_commit(function)

        threads = [
            threading.Thread(target=run, args=(index, function))
            for index, function in enumerate(functions)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
        return outcomes

    def _run_and_commit(self, function):
        for _try in range(self.TRIES):
            with self.registry.cursor() as cr:
                try:
                    result = function(api.Environment(cr, SUPERUSER_ID, {}))
                    # Two real transactions are the point of these tests.
                    cr.commit()  # pylint: disable=invalid-commit
                    return result
                except (SerializationFailure, ConcurrencyError):
                    cr.rollback()
                except UserError as error:
                    cr.rollback()
                    return str(error)
                except Exception as error:  # noqa: BLE001 - the outcome to check
                    cr.rollback()
                    return f"failed: {type(error).__name__}: {error}"
        return "gave up"


class RpcError(Exception):
    """An error the server answered an RPC call with."""

    def __init__(self, name, message):
        super().__init__(f"{name}: {message}")
        self.name = name
        self.message = message


class CaseRpcCommon(HttpCase, CaseCommon):
    """The desk, driven as an RPC client would drive it over HTTP.

    ``json2`` calls ``/json/2/<model>/<method>`` with an API key (internal
    users); ``call_kw`` calls ``/web/dataset/call_kw`` in a session (any
    user, portal included). Both send whatever ``context`` and values the
    test chooses, and raise ``RpcError`` with the server's error.
    """

    def json2(self, user, model, method, ids=None, context=None, **params):
        key = self._api_key(user)
        body = dict(params, context=context or {})
        if ids is not None:
            body["ids"] = list(ids)
        response = self.url_open(
            f"/json/2/{model}/{method}",
            data=json.dumps(body),
            headers={
                "Content-Type": "application/json; charset=utf-8",
                "Authorization": f"Bearer {key}",
            },
        )
        if response.status_code != 200:
            error = response.json()
            raise RpcError(error.get("name"), error.get("message"))
        return response.json()

    def call_kw(self, user, model, method, args=(), context=None, **kwargs):
        self.authenticate(user.login, user.login)
        response = self.url_open(
            "/web/dataset/call_kw",
            data=json.dumps(
                {
                    "jsonrpc": "2.0",
                    "method": "call",
                    "id": 1,
                    "params": {
                        "model": model,
                        "method": method,
                        "args": list(args),
                        "kwargs": dict(kwargs, context=context or {}),
                    },
                }
            ),
            headers={"Content-Type": "application/json"},
        )
        answer = response.json()
        if "error" in answer:
            data = answer["error"]["data"]
            raise RpcError(data.get("name"), data.get("message"))
        return answer["result"]

    def _api_key(self, user):
        # A new key per call, as the user would create it: a key kept from
        # an earlier attempt of the test would be rolled back with it.
        return (
            self.env["res.users.apikeys"]
            .with_user(user)
            ._generate(
                scope="rpc",
                name="test client",
                expiration_date=datetime.datetime.now() + datetime.timedelta(days=1),
            )
        )
