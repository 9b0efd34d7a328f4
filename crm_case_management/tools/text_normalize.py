"""Normalisation of Persian and English text for search and comparison.

The same word is typed in several ways in Iran: Arabic or Persian yeh and
kaf, Persian, Arabic or Latin digits, with or without the zero-width
non-joiner, with or without short vowels. Searching compares the
normalised forms.
"""

import re

ZWNJ = "\u200c"
_CHARACTERS = str.maketrans(
    {
        "ي": "ی",
        "ى": "ی",
        "ئ": "ی",
        "ك": "ک",
        "ة": "ه",
        "ۀ": "ه",
        "أ": "ا",
        "إ": "ا",
        "آ": "ا",
        **{persian: str(digit) for digit, persian in enumerate("۰۱۲۳۴۵۶۷۸۹")},
        **{arabic: str(digit) for digit, arabic in enumerate("٠١٢٣٤٥٦٧٨٩")},
        ZWNJ: None,
        "\u200d": None,  # zero-width joiner
        "\u0640": None,  # tatweel
    }
)
_DIACRITICS = re.compile("[\u064b-\u065f\u0670]")
_NON_WORD = re.compile(r"[^\w]+")


def normalize_text(text):
    """Lower-case words separated by single spaces, in one spelling.

    >>> normalize_text("  مي‌شود، چاپگرِ HP ۱۲۳ ")
    'میشود چاپگر hp 123'
    """
    text = _DIACRITICS.sub("", (text or "").translate(_CHARACTERS))
    return _NON_WORD.sub(" ", text.lower()).strip()


def query_words(text, limit=12):
    """The distinct normalised words of a search query, in order.

    >>> query_words("Printer printer، چاپگر")
    ['printer', 'چاپگر']
    """
    words = []
    for word in normalize_text(text).split():
        if word not in words:
            words.append(word)
    return words[:limit]
