"""Phone numbers as telephone systems and people type them in Iran.

A caller's number reaches us as ``09121234567``, ``+989121234567``,
``00989121234567``, ``9121234567`` or in Persian digits; customers' numbers
are typed with spaces, dashes and brackets. Matching compares the E.164
form, which is what Odoo's ``phone_validation`` stores as
``phone_sanitized``, and falls back on the national number (the digits
after the country code and trunk prefix).
"""

import re

import phonenumbers

DEFAULT_REGION = "IR"
_DIGITS = str.maketrans(
    {
        **{persian: str(digit) for digit, persian in enumerate("۰۱۲۳۴۵۶۷۸۹")},
        **{arabic: str(digit) for digit, arabic in enumerate("٠١٢٣٤٥٦٧٨٩")},
    }
)
_NOT_DIALLED = re.compile(r"[^\d+]")


def clean_number(number):
    """Latin digits and a leading ``+`` only; ``00`` becomes ``+``.

    >>> clean_number(" ۰۹۱۲-۱۲۳ ۴۵۶۷ ")
    '09121234567'
    >>> clean_number("0098 (912) 123-4567")
    '+989121234567'
    >>> clean_number("")
    ''
    """
    digits = _NOT_DIALLED.sub("", (number or "").translate(_DIGITS))
    plus = digits.startswith("+")
    digits = digits.replace("+", "")
    if plus:
        return "+" + digits
    if digits.startswith("00"):
        return "+" + digits[2:]
    return digits


def _parse(number, region):
    """The number read in ``region``, else as an Iranian number.

    A valid reading wins over a merely possible one, so ``0912…`` typed on
    a desk whose company is elsewhere is still the Iranian mobile.
    """
    cleaned = clean_number(number)
    if len(cleaned.lstrip("+")) < 5:
        return None
    possible = None
    for reading in dict.fromkeys((region or DEFAULT_REGION, DEFAULT_REGION)):
        try:
            parsed = phonenumbers.parse(cleaned, reading)
        except phonenumbers.NumberParseException:
            continue
        if phonenumbers.is_valid_number(parsed):
            return parsed
        if possible is None and phonenumbers.is_possible_number(parsed):
            possible = parsed
    return possible


def to_e164(number, region=DEFAULT_REGION):
    """The E.164 form of ``number`` read in ``region``, or ``None``.

    >>> to_e164("09121234567")
    '+989121234567'
    >>> to_e164("۰۰۹۸۹۱۲۱۲۳۴۵۶۷")
    '+989121234567'
    >>> to_e164("021 8877 6655")
    '+982188776655'
    >>> to_e164("+1 650 253 0000", "IR")
    '+16502530000'
    >>> to_e164("09121234567", "US")
    '+989121234567'
    >>> to_e164("(650) 253-0000", "US")
    '+16502530000'
    >>> to_e164("101") is None
    True
    """
    parsed = _parse(number, region)
    if parsed is None:
        return None
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)


def national_number(number, region=DEFAULT_REGION):
    """The digits after country code and trunk prefix, or ``None``.

    >>> national_number("+98 912 123 4567")
    '9121234567'
    >>> national_number("09121234567")
    '9121234567'
    >>> national_number("abc") is None
    True
    """
    parsed = _parse(number, region)
    if parsed is None:
        return None
    return str(parsed.national_number)


def is_extension(number, max_digits=6):
    """A short internal number of the telephone system (an agent's line).

    >>> is_extension("۱۰۲")
    True
    >>> is_extension("09121234567")
    False
    """
    cleaned = clean_number(number)
    return cleaned.isdigit() and len(cleaned) <= max_digits


def iranian_mobile(number):
    """``number`` as an Iranian mobile in the form SMS lines expect, or ``None``.

    Landlines, short numbers and foreign numbers give ``None``: a text to
    them would be paid for and never read.

    >>> [iranian_mobile(n) for n in ("09121234567", "9121234567", "+98 912 1234567")]
    ['09121234567', '09121234567', '09121234567']
    >>> [iranian_mobile(n) for n in ("0098-912-123-4567", "۰۹۱۲ ۱۲۳ ۴۵۶۷")]
    ['09121234567', '09121234567']
    >>> iranian_mobile("٠٩١٢١٢٣٤٥٦٧")
    '09121234567'
    >>> [iranian_mobile(n) for n in ("021 8877 6655", "+1 650 253 0000", "0912")]
    [None, None, None]
    >>> iranian_mobile(""), iranian_mobile(None)
    (None, None)
    """
    parsed = _parse(number, DEFAULT_REGION)
    if (
        parsed is None
        or parsed.country_code != 98
        or phonenumbers.number_type(parsed) != phonenumbers.PhoneNumberType.MOBILE
    ):
        return None
    return f"0{parsed.national_number}"
