# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import BaseCase

from ..tools.text_normalize import normalize_text, query_words


class TestTextNormalize(BaseCase):
    def test_arabic_and_persian_letters_meet(self):
        self.assertEqual(normalize_text("كيبورد"), normalize_text("کیبورد"))
        self.assertEqual(normalize_text("كيبورد"), "کیبورد")

    def test_zero_width_non_joiner_and_spaces(self):
        self.assertEqual(normalize_text("می‌شود"), "میشود")
        self.assertEqual(normalize_text("  a\tb\n c "), "a b c")

    def test_digits_become_latin(self):
        self.assertEqual(normalize_text("خطای ۴۰۴ و ٥٠٠"), "خطای 404 و 500")

    def test_short_vowels_and_punctuation_go(self):
        self.assertEqual(normalize_text("چاپگرِ، (HP)!"), "چاپگر hp")

    def test_query_words_are_distinct_and_bounded(self):
        self.assertEqual(query_words("VPN vpn وی‌پی‌ان"), ["vpn", "ویپیان"])
        self.assertEqual(len(query_words(" ".join(f"w{i}" for i in range(30)))), 12)
        self.assertEqual(query_words(None), [])
