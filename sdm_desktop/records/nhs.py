"""Checking an NHS number as it is typed, with a message a person can act on.

The Modulus 11 check digit and the number ranges come from the ``nhs-number``
package; this module only turns its yes/no into the reason, in plain words.
Spaces and dashes anywhere are accepted; the stored form is 10 digits.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from nhs_number.constants import (
    REGION_ENGLAND_WALES_IOM,
    REGION_NORTHERN_IRELAND,
    REGION_SCOTLAND,
    REGION_SYNTHETIC,
)
from nhs_number.validate import calculate_checksum, is_valid

# Numbers issued to patients in the UK health services.
_ISSUED_REGIONS = (REGION_ENGLAND_WALES_IOM, REGION_SCOTLAND, REGION_NORTHERN_IRELAND)

MSG_EMPTY = "Please type the patient's NHS number (10 digits)"
MSG_NOT_DIGITS = "An NHS number has only digits (spaces and dashes are fine) — please check it"
MSG_CHECK_DIGIT = "That NHS number's check digit is wrong — please check it"
MSG_RANGE = "That number is not in a range used for NHS numbers — please check it"
MSG_TEST_NUMBER = "That is a test number (starting with 9), not a patient's NHS number"
MSG_CHI_DATE = "That CHI number does not start with a real date of birth — please check it"


def _in(region: Any, digits: str) -> bool:
    """Whether the number falls in one of the package's regions (its classes are untyped)."""
    return bool(region.contains_number(digits))


def strip_separators(text: str) -> str:
    """The text without spaces, dashes or surrounding white space."""
    return "".join(ch for ch in text.strip() if ch not in " -\u2010\u2011\u2012\u2013\t")


def validate_nhs_number(text: str, *, allow_test_numbers: bool = False) -> tuple[str | None, str | None]:
    """``(ten_digits, None)`` for a valid NHS number, else ``(None, message)``.

    ``allow_test_numbers`` accepts the 999 range kept for test patients
    (training sessions); real consultations should leave it off.
    """
    digits = strip_separators(text)
    if not digits:
        return None, MSG_EMPTY
    if not digits.isascii() or not digits.isdigit():
        return None, MSG_NOT_DIGITS
    if len(digits) != 10:
        return None, f"An NHS number has 10 digits; this has {len(digits)} — please check it"
    if calculate_checksum(digits[:9]) != int(digits[9]):
        return None, MSG_CHECK_DIGIT
    if _in(REGION_SYNTHETIC, digits):
        if not allow_test_numbers:
            return None, MSG_TEST_NUMBER
    elif not any(_in(region, digits) for region in _ISSUED_REGIONS):
        return None, MSG_RANGE
    if _in(REGION_SCOTLAND, digits):
        try:
            dt.datetime.strptime(digits[:6], "%d%m%y")
        except ValueError:
            return None, MSG_CHI_DATE
    # The package's own verdict, as a second opinion on everything above.
    if not is_valid(digits):
        return None, MSG_CHECK_DIGIT
    return digits, None


def format_nhs_number(digits: str) -> str:
    """'943 476 5919' from '9434765919' (the way it is printed on NHS letters)."""
    return f"{digits[:3]} {digits[3:6]} {digits[6:]}" if len(digits) == 10 else digits
