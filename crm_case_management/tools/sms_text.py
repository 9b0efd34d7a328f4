# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Sizes of SMS texts, fitting a text in its parts, and retry timing.

A text in the GSM alphabet fits 160 characters in one part and 153 in each
part of a longer one; a text with any other character (Persian) is sent as
UCS-2: 70 characters in one part, 67 in each part of a longer one.
"""

import re

_GSM = (
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
    "^{}\\[~]|€"
)
_GSM_SET = frozenset(_GSM)
# Three dots, not "…", which is outside the GSM alphabet.
ELLIPSIS = "..."
_SPACES = re.compile(r"\s+")


def sms_part_count(text):
    """How many parts ``text`` is sent in.

    >>> sms_part_count("a" * 160), sms_part_count("a" * 161)
    (1, 2)
    >>> sms_part_count("س" * 70), sms_part_count("س" * 71), sms_part_count("س" * 135)
    (1, 2, 3)
    >>> sms_part_count("")
    0
    """
    if not text:
        return 0
    single, multi = (160, 153) if set(text) <= _GSM_SET else (70, 67)
    if len(text) <= single:
        return 1
    return -(-len(text) // multi)


def fit_sms(render, variable, max_parts=2):
    """``render(part)`` with ``part`` the longest start of ``variable`` that
    keeps the text within ``max_parts`` parts (``...`` marks a cut).

    >>> fit_sms(lambda v: f"Closed: {v}", "short", 1)
    'Closed: short'
    >>> text = fit_sms(lambda v: f"Closed: {v}", "word " * 60, 1)
    >>> len(text) <= 160, text.endswith("...")
    (True, True)
    >>> fit_sms(lambda v: "x" * 400 + v, "anything", 2)
    Traceback (most recent call last):
    ...
    ValueError: the text does not fit in 2 parts even without its variable part
    """
    variable = _SPACES.sub(" ", variable or "").strip()
    text = render(variable)
    if sms_part_count(text) <= max_parts:
        return text
    low, high = 0, len(variable)
    while low < high:  # the longest start that fits
        middle = (low + high + 1) // 2
        if sms_part_count(render(variable[:middle].rstrip() + ELLIPSIS)) <= max_parts:
            low = middle
        else:
            high = middle - 1
    text = render(variable[:low].rstrip() + ELLIPSIS if low else "")
    if sms_part_count(text) > max_parts:
        raise ValueError(
            f"the text does not fit in {max_parts} parts even without its variable part"
        )
    return text


def localid_from_uuid(uuid):
    """A numeric id for Kavenegar's ``localid``, stable for an SMS's uuid.

    Kavenegar sends a ``localid`` only once, so each retry of the same SMS
    reuses it. 60 bits fit its (long) field.

    >>> localid_from_uuid("0123456789abcdef0123456789abcdef")
    5124095576030430
    >>> localid_from_uuid("f" * 32) < 2**63
    True
    """
    return int(uuid[:15], 16)


def retry_delay_minutes(attempt):
    """Minutes before retry number ``attempt`` (1, 2...): 1, 2, 4, ... 4 hours.

    >>> [retry_delay_minutes(n) for n in (1, 2, 3, 4, 9, 20)]
    [1, 2, 4, 8, 240, 240]
    """
    return min(2 ** (attempt - 1), 240)
