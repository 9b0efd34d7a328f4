"""Checks of what an anonymous visitor types into the public complaint form.

Plain functions, so the rules are tested without a database. Each returns
the cleaned values and a list of problems (message ids the controller
translates), never raising on bad input.
"""

import ipaddress
import re

from .phone import to_e164

MAX_NAME = 100
MAX_DESCRIPTION = 5000
# One address, no spaces or angle brackets: enough to refuse junk; the
# address is then normalised by Odoo's email_normalize.
_EMAIL = re.compile(r"^[^@\s<>\"']+@[^@\s<>\"']+\.[^@\s<>\"']+$")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# A person's name holds no address: a name with a link or an e-mail address
# would carry it into the acknowledgement the desk sends to the contact.
_ADDRESS_IN_NAME = re.compile(r"://|www\.|@|\.(com|net|org|ir|io|xyz)\b", re.IGNORECASE)


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
    >>> check_complaint("Bank: verify at evil.com/x", "", "a@b.ir", "late")[1]
    ['name_link']
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
    elif _ADDRESS_IN_NAME.search(name):
        problems.append("name_link")
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


def complaint_contact_key(email):
    """The mailbox an e-mail address reaches, to count complaints per person.

    Case and ``+tags`` are ignored: they reach the same mailbox, and would
    otherwise each get their own allowance.

    >>> complaint_contact_key("Victim+1@Example.org")
    'victim@example.org'
    >>> complaint_contact_key("")
    ''
    """
    local, _at, domain = (email or "").strip().lower().partition("@")
    return f"{local.split('+', 1)[0]}@{domain}" if domain else local


def client_key(address):
    """What one client is, for counting its attempts: an IPv4 address, or
    the /64 network of an IPv6 one (a single client is given a whole /64,
    so counting each of its addresses would give it endless attempts).

    >>> client_key("203.0.113.7")
    '203.0.113.7'
    >>> client_key("2001:db8:1:2:aaaa::1") == client_key("2001:db8:1:2::ffff")
    True
    >>> client_key("2001:db8:1:2::1")
    '2001:db8:1:2::/64'
    >>> client_key("not an address")
    'not an address'
    """
    try:
        parsed = ipaddress.ip_address(address)
    except ValueError:
        return address
    if parsed.version == 4:
        return str(parsed)
    if parsed.ipv4_mapped:
        return str(parsed.ipv4_mapped)
    return str(ipaddress.ip_network(f"{parsed}/64", strict=False))
