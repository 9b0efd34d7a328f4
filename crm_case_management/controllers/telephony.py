# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The telephone system's webhook: validate, then hand over to the model."""

import json
import logging
import time

from odoo.http import Controller, request, route

from ..tools.pbx_signature import MAX_AGE, SIGNATURE_HEADER, is_fresh, verify

_logger = logging.getLogger(__name__)


class TelephonyController(Controller):
    @route(
        [
            "/crm_case/telephony/event",
            "/crm_case/telephony/event/<int:company_id>",
        ],
        type="http",
        auth="public",
        methods=["POST"],
        csrf=False,
        save_session=False,
    )
    def telephony_event(self, company_id=None):
        """One call event of the telephone system of ``company_id``.

        Without a company in the address, the event is the main company's
        (the company of the public user), as in a single-company database.
        """
        body = request.httprequest.get_data()
        # sudo: the company is only looked up to know which secret signs
        # its events; an unknown one is refused like a bad signature.
        company_sudo = (
            request.env["res.company"].sudo().browse(company_id).exists()
            if company_id
            else request.env.company.sudo()
        )
        secret = company_sudo._case_telephony_secret() if company_sudo else ""
        signature = request.httprequest.headers.get(SIGNATURE_HEADER, "")
        if not verify(secret, body, signature):
            _logger.warning("Telephony webhook: missing or invalid signature")
            return self._answer({"error": "invalid signature"}, 401)
        try:
            payload = json.loads(body)
        except ValueError:
            return self._answer({"error": "body is not JSON"}, 400)
        if not isinstance(payload, dict):
            return self._answer({"error": "body is not a JSON object"}, 400)
        if not is_fresh(payload.get("timestamp"), time.time(), MAX_AGE):
            _logger.warning("Telephony webhook: stale or missing timestamp")
            return self._answer({"error": "stale timestamp"}, 401)
        # sudo: the body is signed with the secret only this company's PBX
        # knows; the call log and the agent's notification are the
        # system's doing, within that company.
        calls_sudo = request.env["crm.case.call"].sudo().with_company(company_sudo)
        try:
            result = calls_sudo._process_pbx_event(payload)
        except ValueError as error:
            return self._answer({"error": str(error)}, 400)
        return self._answer(result, 200)

    def _answer(self, data, status):
        return request.make_json_response(data, status=status)
