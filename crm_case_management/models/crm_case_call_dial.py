# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Click-to-call: Odoo asks the telephone system to connect the agent's
extension to the customer, with a request signed as the PBX signs its
webhook calls (``tools/pbx_signature.py``).

The call is logged before the request, and a refusal is told to the agent
as a notification rather than an exception: an exception would roll back
the logged call, and with it the trace of the attempt.
"""

import json
import logging
import time

import requests

from odoo import fields, models

from ..tools.pbx_signature import SIGNATURE_HEADER, sign

_logger = logging.getLogger(__name__)

DIAL_TIMEOUT = 10  # seconds to connect, and again to answer


class CrmCaseCall(models.Model):
    # Outgoing dialling, beside the call log and its events (crm_case_call.py).
    _inherit = "crm.case.call"  # pylint: disable=consider-merging-classes-inherited

    def _dial(self, url, secret):
        """Ask the telephone system at ``url`` to dial this outgoing call.

        Returns the client action telling the agent how it went.
        """
        self.ensure_one()
        body = json.dumps(
            {
                "event": "dial",
                "call_ref": self.call_ref,
                "call_id": self.id,
                "number": self.phone,
                "extension": self.extension,
                "timestamp": int(time.time()),
            }
        ).encode()
        headers = {
            "Content-Type": "application/json",
            SIGNATURE_HEADER: sign(secret, body),
        }
        try:
            response = requests.post(
                url, data=body, headers=headers, timeout=DIAL_TIMEOUT
            )
        except requests.Timeout:
            return self._dial_failed(
                self.env._("The telephone system did not answer in time.")
            )
        except requests.RequestException as error:
            _logger.warning("Click-to-call: %s unreachable: %s", url, error)
            return self._dial_failed(
                self.env._("The telephone system cannot be reached.")
            )
        if not response.ok:
            _logger.warning("Click-to-call refused: HTTP %s", response.status_code)
            return self._dial_failed(
                self.env._(
                    "The telephone system refused the call (HTTP %(status)s).",
                    status=response.status_code,
                )
            )
        return self._dial_notification(
            self.env._(
                "The telephone system is calling %(number)s: your phone "
                "(extension %(extension)s) rings first.",
                number=self.phone,
                extension=self.extension,
            ),
            "success",
        )

    def _dial_failed(self, reason):
        """Keep the call as not connected, with the reason in its chatter."""
        self.write({"date_end": fields.Datetime.now()})
        self.message_post(
            body=self.env._("Not connected: %(reason)s", reason=reason),
            message_type="notification",
        )
        return self._dial_notification(
            self.env._(
                "%(reason)s The call to %(number)s is logged as not connected.",
                reason=reason,
                number=self.phone,
            ),
            "danger",
        )

    def _dial_notification(self, message, kind):
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "title": self.env._("Call Customer"),
                "message": message,
                "type": kind,
                "sticky": kind == "danger",
                "next": {"type": "ir.actions.client", "tag": "soft_reload"},
            },
        }
