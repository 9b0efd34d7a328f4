"""Checks of what an anonymous visitor types into the public complaint form.

Plain functions, so the rules are tested without a database. Each returns
the cleaned values and a list of problems (message ids the controller
translates), never raising on bad input.
"""

import re

from .phone import to_e164

MAX_NAME = 100
MAX_DESCRIPTION = 5000
# One address, no spaces or angle brackets: enough to refuse junk; the
# address is then normalised by Odoo's email_normalize.
_EMAIL = re.compile(r"^[^@\s<>\"']+@[^@\s<>\"']+\.[^@\s<>\"']+$")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _clean(text, limit):
    text = _CONTROL.sub("", text if isinstance(text, str) else "").strip()
    return text, len(text) > limit


def check_complaint(name, phone, email, description, region="IR"):
    """Cleaned ``(values, problems)`` of a complaint form.

    >>> values, problems = check_complaint(
    ...     " Sara ", "۰۹۱۲ ۱۲۳ ۴۵۶۷", "", "The nurse came late.")
    >>> values["name"], values["phone"], problems
    ('Sara', '+989121234567', [])
    >>> check_complaint("", "", "", "")[1]
    ['name', 'contact', 'description']
    >>> check_complaint("Sara", "12", "", "late")[1]
    ['phone']
    >>> check_complaint("Sara", "", "a@b", "late")[1]
    ['email']
    >>> check_complaint("x" * 101, "", "sara@example.com", "y" * 5001)[1]
    ['name_long', 'description_long']
    """
    problems = []
    name, name_long = _clean(name, MAX_NAME)
    description, description_long = _clean(description, MAX_DESCRIPTION)
    phone_text, _long = _clean(phone, 40)
    email, email_long = _clean(email, 254)
    phone = None
    if not name:
        problems.append("name")
    elif name_long:
        problems.append("name_long")
    if phone_text:
        phone = to_e164(phone_text, region)
        if not phone:
            problems.append("phone")
    if email and (email_long or not _EMAIL.match(email)):
        problems.append("email")
    if not (phone_text or email):
        problems.append("contact")
    if not description:
        problems.append("description")
    elif description_long:
        problems.append("description_long")
    values = {
        "name": name,
        "phone": phone,
        "email": email,
        "description": description,
    }
    return values, problems
