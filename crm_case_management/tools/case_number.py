"""Composition and normalisation of case tracking codes."""

from .jalali import to_latin_digits


def random_digits(count, rng):
    """Return ``count`` random decimal digits drawn from ``rng``.

    ``rng`` is any object with ``randrange`` (``random.SystemRandom`` in
    production, a seeded ``random.Random`` in tests).
    """
    if count < 0:
        raise ValueError("the number of random digits cannot be negative")
    return "".join(str(rng.randrange(10)) for _index in range(count))


def format_case_number(prefix, serial, random_count, rng):
    """Compose a tracking code: prefix, running serial, then a random part.

    The random part makes codes hard to guess, so a customer's code does not
    reveal the codes of other customers' cases.

    >>> import random
    >>> format_case_number("CS-", "00042", 4, random.Random(1))
    'CS-00042-2914'
    >>> format_case_number("", "7", 0, random.Random(1))
    '7'
    """
    if not serial:
        raise ValueError("a case number needs a serial")
    code = f"{prefix or ''}{serial}"
    if random_count:
        code = f"{code}-{random_digits(random_count, rng)}"
    return code


def normalize_case_number(text):
    """Clean up a tracking code typed by a person.

    Persian or Arabic digits become Latin ones, spaces around it go and
    letters are upper-cased, so ``" cs-۰۰۰۴۲-۲۹۱۴ "`` finds ``CS-00042-2914``.
    """
    return to_latin_digits((text or "").strip()).upper()


def child_case_number(parent_number, sibling_numbers):
    """Number of a follow-up case: the parent's code plus ``/n``.

    Follow-ups of one job share the parent's code, and the
    suffix keeps each of them unique. ``n`` is one more than the highest
    suffix already used, so a deleted sibling never frees its number.

    >>> child_case_number("CS-1-55", ["CS-1-55/1", "CS-1-55/3"])
    'CS-1-55/4'
    """
    used = [0]
    head = f"{parent_number}/"
    for number in sibling_numbers:
        tail = (number or "")[len(head) :] if (number or "").startswith(head) else ""
        if tail.isdigit():
            used.append(int(tail))
    return f"{head}{max(used) + 1}"
