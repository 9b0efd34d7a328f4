# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The telephone system's webhook: validate, then hand over to the model."""

import json
import logging
import time

from odoo.http import Controller, request, route

from ..tools.pbx_signature import MAX_AGE, is_fresh, verify

_logger = logging.getLogger(__name__)

SECRET_PARAM = "crm_case_management.telephony_secret"
SIGNATURE_HEADER = "X-Case-Signature"


class TelephonyController(Controller):
    @route(
        "/crm_case/telephony/event",
        type="http",
        auth="public",
        methods=["POST"],
        csrf=False,
        save_session=False,
    )
    def telephony_event(self):
        body = request.httprequest.get_data()
        # sudo: reading the shared secret is what authenticates the caller.
        secret = request.env["ir.config_parameter"].sudo().get_param(SECRET_PARAM)
        signature = request.httprequest.headers.get(SIGNATURE_HEADER, "")
        if not verify(secret or "", body, signature):
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
        # sudo: the body is signed with the secret only the PBX knows; the
        # call log and the agent's notification are the system's doing.
        calls_sudo = request.env["crm.case.call"].sudo()
        try:
            result = calls_sudo._process_pbx_event(payload)
        except ValueError as error:
            return self._answer({"error": str(error)}, 400)
        return self._answer(result, 200)

    def _answer(self, data, status):
        return request.make_json_response(data, status=status)
