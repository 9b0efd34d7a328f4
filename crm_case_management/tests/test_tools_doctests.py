# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The examples in the docstrings of ``tools`` are run as tests too."""

import doctest

from odoo.tests import BaseCase

from ..tools import (
    case_number,
    jalali,
    jalali_labels,
    jalali_period,
    kavenegar_client,
    public_form,
    sms_text,
    text_normalize,
    working_days,
    working_time,
)


class TestToolsDoctests(BaseCase):
    def test_docstring_examples_hold(self):
        for module in (
            case_number,
            jalali,
            jalali_labels,
            jalali_period,
            kavenegar_client,
            public_form,
            sms_text,
            text_normalize,
            working_days,
            working_time,
        ):
            with self.subTest(module=module.__name__):
                result = doctest.testmod(module)
                self.assertGreater(result.attempted, 0)
                self.assertEqual(result.failed, 0)
