# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Public pages: follow a case by its code, file a complaint. No login.

Nothing here tells a visitor whether a tracking code exists: a wrong code,
a wrong contact and a code over its attempt limit get the same page.
"""

from odoo import http
from odoo.http import request

from ..tools.case_number import normalize_case_number
from ..tools.date_display import display_date, display_datetime
from ..tools.public_form import check_complaint, client_key, complaint_contact_key

# Languages of the public pages, from the browser, the URL or a switch.
VISITOR_LANGS = ("fa_IR", "en_US")
TRACKED_SESSION_KEY = "crm_case_tracked_ids"


def reader_dates(env):
    """The date helpers of the customer pages, in the reader's language.

    Every page shows dates through tools/date_display: Jalali with Persian
    digits for Persian readers, Odoo's format otherwise.
    """
    # sudo: only the time zone of the desk's calendar is read.
    calendar_tz = env.company.sudo().case_calendar_id.tz
    tz = env.context.get("tz") or env.user.tz or calendar_tz
    return {
        "reader_date": lambda value: display_date(env, value, env.lang),
        "reader_datetime": lambda value: display_datetime(
            env, value, env.lang, tz or "UTC"
        ),
    }


class CasePublic(http.Controller):
    # ------------------------------------------------------------------
    # Language of anonymous visitors
    # ------------------------------------------------------------------
    def _set_visitor_lang(self, lang=None):
        """Persian or English for the page.

        Odoo's routing already picked the language from the URL (``/fa/``),
        the ``frontend_lang`` cookie or the browser's; the switch on the
        page (``?lang=``) overrides it and, through the cookie, sticks.
        """
        offered = [code for code, _name in self._offered_langs()]
        if lang in offered:
            request.update_context(lang=lang)
            request.future_response.set_cookie("frontend_lang", lang)
        elif offered and request.env.lang not in offered:
            request.update_context(lang="en_US" if "en_US" in offered else offered[0])

    def _render(self, template, values):
        values = dict(
            values, visitor_langs=self._offered_langs(), **reader_dates(request.env)
        )
        return request.render(template, values)

    def _offered_langs(self):
        installed = dict(request.env["res.lang"].get_installed())
        return [(code, installed[code]) for code in VISITOR_LANGS if code in installed]

    def _client_address(self):
        # Behind a proxy, Odoo's proxy_mode puts the client's address here.
        return client_key(request.httprequest.remote_addr or "unknown")

    def _within_limit(self, scope, value):
        # sudo: the counter table has no access rights; counting an attempt
        # changes nothing a visitor can read.
        return request.env["crm.case.rate.limit"].sudo()._hit(scope, value)

    # ------------------------------------------------------------------
    # Tracking
    # ------------------------------------------------------------------
    @http.route(
        "/case/track", type="http", auth="public", methods=["GET"], website=True
    )
    def track_form(self, lang=None, **_kwargs):
        self._set_visitor_lang(lang)
        return self._render("crm_case_management.public_case_track", {})

    @http.route(
        "/case/track", type="http", auth="public", methods=["POST"], website=True
    )
    def track_submit(self, code="", contact="", **_kwargs):
        self._set_visitor_lang()
        values = {"code": code if isinstance(code, str) else ""}
        # Both limits count every attempt, before any look-up, so the answer
        # over the limit says nothing about the code either.
        within = self._within_limit("track_address", self._client_address())
        within = (
            self._within_limit("track_code", normalize_case_number(values["code"]))
            and within
        )
        if not within:
            values["error"] = "limit"
            return self._render("crm_case_management.public_case_track", values)
        case = request.env["crm.case"]._find_for_tracking(code, contact)
        if not case:
            values["error"] = "not_found"
            return self._render("crm_case_management.public_case_track", values)
        tracked = set(request.session.get(TRACKED_SESSION_KEY, []))
        request.session[TRACKED_SESSION_KEY] = sorted(tracked | {case.id})[-20:]
        return self._render_tracked_case(case)

    def _render_tracked_case(self, case, **extra):
        return self._render(
            "crm_case_management.public_case_status",
            dict(case=case, messages=case._public_messages(), **extra),
        )

    def _tracked_case(self, case_id):
        """A case this visitor proved code and contact of, in this session."""
        if case_id not in request.session.get(TRACKED_SESSION_KEY, []):
            return request.env["crm.case"]
        # sudo: the visitor showed the code and contact of this case earlier
        # in this session (the id was stored only then).
        return request.env["crm.case"].sudo().browse(case_id).exists()

    @http.route(
        "/case/track/<int:case_id>/callback",
        type="http",
        auth="public",
        methods=["POST"],
        website=True,
    )
    def track_callback(self, case_id, phone="", **_kwargs):
        self._set_visitor_lang()
        case = self._tracked_case(case_id)
        if not case:
            return self._render(
                "crm_case_management.public_case_track", {"error": "not_found"}
            )
        if self._within_limit("callback_case", case.id):
            case._request_callback(phone if isinstance(phone, str) else "")
            return self._render_tracked_case(case, callback="requested")
        return self._render_tracked_case(case, callback="limit")

    # ------------------------------------------------------------------
    # Complaint form
    # ------------------------------------------------------------------
    @http.route(
        "/case/complaint", type="http", auth="public", methods=["GET"], website=True
    )
    def complaint_form(self, lang=None, **_kwargs):
        self._set_visitor_lang(lang)
        return self._render("crm_case_management.public_case_complaint", {})

    @http.route(
        "/case/complaint", type="http", auth="public", methods=["POST"], website=True
    )
    def complaint_submit(self, name="", phone="", email="", description="", **_kw):
        self._set_visitor_lang()
        Case = request.env["crm.case"]
        values, problems = check_complaint(
            name, phone, email, description, Case._phone_region_for_customers()
        )
        form = {
            "name": values["name"][:100],
            "phone": phone if isinstance(phone, str) else "",
            "email": values["email"][:254],
            "description": values["description"][:5000],
        }
        if problems:
            return self._render(
                "crm_case_management.public_case_complaint",
                {"problems": problems, "form": form},
            )
        within = self._within_limit("complaint_address", self._client_address())
        contact = values["phone"] or complaint_contact_key(values["email"])
        within = self._within_limit("complaint_contact", contact) and within
        if not within:
            return self._render(
                "crm_case_management.public_case_complaint",
                {"problems": ["limit"], "form": form},
            )
        case = Case._create_public_complaint(**values)
        tracked = set(request.session.get(TRACKED_SESSION_KEY, []))
        request.session[TRACKED_SESSION_KEY] = sorted(tracked | {case.id})[-20:]
        return self._render(
            "crm_case_management.public_case_complaint_done", {"case": case}
        )
