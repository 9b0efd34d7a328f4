"""Signing of the telephone system's webhook calls.

The PBX signs the raw request body with a shared secret (HMAC-SHA256, hex)
and puts the hex digest in the ``X-Case-Signature`` header; the body
carries the event's Unix ``timestamp``, so an old body replayed later is
refused even with its valid signature.
"""

import hashlib
import hmac

MAX_AGE = 300  # seconds a signed event stays acceptable, either way
SIGNATURE_HEADER = "X-Case-Signature"


def sign(secret, body):
    """The hex HMAC-SHA256 of ``body`` (bytes) under ``secret`` (str).

    >>> sign("s3cret", b'{"event": "ringing"}')[:16]
    '45da66fa234eea37'
    """
    return hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def verify(secret, body, signature):
    """Whether ``signature`` signs ``body``; constant-time comparison.

    >>> verify("s3cret", b"{}", sign("s3cret", b"{}"))
    True
    >>> verify("s3cret", b"{}", sign("other", b"{}"))
    False
    >>> verify("", b"{}", sign("", b"{}"))
    False
    """
    if not secret or not signature:
        return False
    return hmac.compare_digest(sign(secret, body), signature.strip().lower())


def is_fresh(timestamp, now, max_age=MAX_AGE):
    """Whether an event stamped ``timestamp`` may be accepted at ``now``.

    >>> is_fresh(1000, 1200)
    True
    >>> is_fresh(1000, 1400)
    False
    >>> is_fresh("x", 1000)
    False
    """
    try:
        return abs(float(now) - float(timestamp)) <= max_age
    except (TypeError, ValueError):
        return False
