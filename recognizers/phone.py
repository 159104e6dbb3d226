"""PHONE_NUMBER: Swedish mobile and landline numbers in written forms.

Groupings seen in transcripts: 070-123 45 67, 0701234567, +46 70 123 45 67, 0046 70..., 08-123 456 78,
031-12 34 56. A candidate must start with a trunk 0 or the country code and hold a plausible
Swedish national number; libphonenumber's metadata (offline, shipped with `phonenumbers`) decides.
"""

from __future__ import annotations

from typing import Optional

import phonenumbers
from presidio_analyzer import Pattern, PatternRecognizer

from recognizers.checksums import digits_only

ENTITY = "PHONE_NUMBER"

# Country code or trunk zero, then 7-10 more digits in groups separated by space or hyphen.
_REGEX = r"(?<![\d+])(?:\+46|0046|0)(?:[ -]?\(0\))?[ -]?\d{1,3}(?:[ -]?\d){5,9}(?![\d])"

CONTEXT = [
    "telefon", "telefonnummer", "telefonnumret", "nummer", "numret", "mobil", "mobilnummer",
    "mobilnumret", "ring", "ringa", "nås", "sms", "tel", "tfn",
]


def national_number(text: str) -> str | None:
    """The national significant number (no trunk 0, no country code), or None."""
    digits = digits_only(text)
    stripped = text.lstrip()
    if stripped.startswith("+46"):
        digits = digits[2:]
    elif stripped.startswith("0046"):
        digits = digits[4:]
    elif digits.startswith("0"):
        digits = digits[1:]
    else:
        return None
    if digits.startswith("0"):  # "+46 (0)70..." keeps the trunk zero inside
        digits = digits[1:]
    return digits or None


def is_valid(text: str) -> bool:
    national = national_number(text)
    if national is None or not 7 <= len(national) <= 9:
        return False
    try:
        number = phonenumbers.parse("+46" + national, None)
    except phonenumbers.NumberParseException:
        return False
    return phonenumbers.is_valid_number(number)


def canonical(text: str) -> str:
    national = national_number(text)
    return f"+46{national}" if national else digits_only(text)


class SePhoneRecognizer(PatternRecognizer):
    PATTERNS = [Pattern("swedish phone (written)", _REGEX, 0.4)]

    def __init__(self, supported_language: str = "sv"):
        super().__init__(
            supported_entity=ENTITY,
            patterns=self.PATTERNS,
            context=CONTEXT,
            supported_language=supported_language,
            name="SePhoneRecognizer",
        )

    def validate_result(self, pattern_text: str) -> Optional[bool]:
        return is_valid(pattern_text)
