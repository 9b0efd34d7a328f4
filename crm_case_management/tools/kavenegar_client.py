# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The ``kavenegar`` package with its flaws fixed.

``kavenegar.KavenegarAPI`` 1.1.2 posts with no timeout, always over https to
a fixed host, raises errors whose only content is a byte string, and puts
the API key (part of every URL) into its error texts and ``repr``. This
subclass keeps the package's methods (``sms_send``, ``sms_status``,
``verify_lookup``, ``account_info``...) and replaces the one method that
talks to the server.
"""

import json

import requests
from kavenegar import APIException, HTTPException, KavenegarAPI

DEFAULT_BASE_URL = "https://api.kavenegar.com/v1"
# Kavenegar's answers that mean "not done, try again later": server busy,
# too many requests. Any 5xx too (see ``is_retryable``).
RETRYABLE_STATUSES = {409, 451}
# Delivery statuses of ``sms/status`` (kavenegar-dotnet MessageStatus).
DELIVERED_STATUSES = {10}
UNDELIVERED_STATUSES = {6, 11, 13, 14, 100}
MASK = "***"


def is_retryable(status):
    """Whether an answer with ``status`` (None: no answer) may be retried.

    >>> [is_retryable(s) for s in (None, 409, 451, 500, 502)]
    [True, True, True, True, True]
    >>> [is_retryable(s) for s in (200, 411, 418, 403)]
    [False, False, False, False]
    """
    return status is None or status in RETRYABLE_STATUSES or status >= 500


def mask_key(text, apikey):
    """``text`` with the API key hidden.

    >>> mask_key("POST https://h/v1/SECRET/sms/send.json failed", "SECRET")
    'POST https://h/v1/***/sms/send.json failed'
    >>> mask_key("no key here", "")
    'no key here'
    """
    return text.replace(apikey, MASK) if apikey else text


class KavenegarError(APIException):
    """An answer that is not a success, or no usable answer at all.

    ``status`` is Kavenegar's numeric code (the HTTP status for a body that
    is not Kavenegar's JSON), or ``None`` when no answer came (timeout,
    refused connection): then the text may or may not have gone out.
    """

    def __init__(self, status, message):
        super().__init__(f"Kavenegar [{status}] {message}")
        self.status = status
        self.message = message

    @property
    def retryable(self):
        return is_retryable(self.status)

    @property
    def answered(self):
        """Kavenegar answered, so it certainly did not send the text."""
        return self.status is not None


class KavenegarTransportError(KavenegarError, HTTPException):
    """No answer, or an answer that is not Kavenegar's JSON."""


class KavenegarClient(KavenegarAPI):
    """``KavenegarAPI`` with a base URL, a timeout and the key kept secret."""

    # Seconds to connect and, again, to wait for the answer. One number, not
    # a (connect, read) pair, which Odoo's test harness cannot compare.
    TIMEOUT = 10

    def __init__(self, apikey, base_url=None, timeout=None):
        super().__init__(apikey or "")
        self.base_url = (base_url or DEFAULT_BASE_URL).rstrip("/")
        self.timeout = timeout or self.TIMEOUT

    def __repr__(self):
        return f"KavenegarClient({self.base_url!r}, apikey={MASK!r})"

    __str__ = __repr__

    def _request(self, action, method, params=None):
        url = f"{self.base_url}/{self.apikey}/{action}/{method}.json"
        try:
            response = requests.post(
                url, headers=self.headers, data=params or {}, timeout=self.timeout
            )
        except requests.exceptions.RequestException as error:
            # The exception's text holds the URL, hence the key.
            raise KavenegarTransportError(
                None, mask_key(f"{type(error).__name__}: {error}", self.apikey)
            ) from None
        try:
            answer = json.loads(response.content.decode("utf-8"))
            status = int(answer["return"]["status"])
            message = str(answer["return"].get("message") or "")
        except (ValueError, KeyError, TypeError):
            raise KavenegarTransportError(
                response.status_code if response.status_code >= 400 else None,
                f"HTTP {response.status_code}: not a Kavenegar answer",
            ) from None
        if status != 200:
            raise KavenegarError(status, mask_key(message, self.apikey))
        return answer.get("entries")
