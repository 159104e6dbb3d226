"""SE_PERSONNUMMER: personnummer and samordningsnummer in every written and spaced form.

Forms: YYMMDD-NNNC, YYMMDD+NNNC (age 100+), YYYYMMDD-NNNC, compact 10/12 digits, and the spaced
forms ASR produces ("850312 4238", "85 03 12 42 38"). Valid means a real calendar date (day + 60
for samordningsnummer) and a correct Luhn digit over the 10-digit form.
"""

from __future__ import annotations

from datetime import date
from typing import Optional

from presidio_analyzer import Pattern, PatternRecognizer

from recognizers.checksums import digits_only, luhn_ok, valid_date

ENTITY = "SE_PERSONNUMMER"

_SEP = r"[ ]?"
# Century digits optional; birth date in pairs that may be spaced; the separator before the last
# four is "-", "+", a space or nothing; the last four may be split in two pairs.
_BODY = rf"(?:(?:18|19|20){_SEP})?\d{{2}}{_SEP}\d{{2}}{_SEP}\d{{2}}[ ]?[-+]?[ ]?\d{{2}}{_SEP}\d{{2}}"
_REGEX = rf"(?<![\d+\-]){_BODY}(?![\d])"

CONTEXT = [
    "personnummer", "personnumret", "personnumer", "personnr", "pnr", "samordningsnummer",
    "födelsenummer", "född", "födelsedatum", "legitimera", "identifiera", "siffrorna", "sista fyra",
]


def _split(text: str) -> tuple[str, bool] | None:
    """Digits of the number and whether it used the 100+ '+' separator, or None if malformed."""
    digits = digits_only(text)
    if len(digits) not in (10, 12):
        return None
    return digits, "+" in text


def century_candidates(yy: int, plus: bool, today: date | None = None) -> list[int]:
    """Full years a two-digit year can stand for, most likely first."""
    today = today or date.today()
    year = 1900 + yy if 1900 + yy <= today.year else 1800 + yy
    year = 2000 + yy if 2000 + yy <= today.year else year
    if plus:
        year -= 100
    return [year, year - 100] if not plus else [year]


def is_valid(text: str, today: date | None = None) -> bool:
    split = _split(text)
    if split is None:
        return False
    digits, plus = split
    if len(digits) == 12:
        years = [int(digits[:4])]
        ten = digits[2:]
    else:
        ten = digits
        years = century_candidates(int(ten[:2]), plus, today)
    month, day = int(ten[2:4]), int(ten[4:6])
    if day > 60:  # samordningsnummer
        day -= 60
    if not any(1800 <= y <= (today or date.today()).year and valid_date(y, month, day) for y in years):
        return False
    return luhn_ok(ten)


def canonical(text: str, today: date | None = None) -> str:
    """The 12-digit form, the key for pseudonyms and the subject index."""
    split = _split(text)
    if split is None:
        return digits_only(text)
    digits, plus = split
    if len(digits) == 12:
        return digits
    month, day = int(digits[2:4]), int(digits[4:6]) % 60 or int(digits[4:6])
    for year in century_candidates(int(digits[:2]), plus, today):
        if valid_date(year, month, day):
            return f"{year // 100:02d}{digits}"
    return f"{century_candidates(int(digits[:2]), plus, today)[0] // 100:02d}{digits}"


class SePersonnummerRecognizer(PatternRecognizer):
    PATTERNS = [Pattern("personnummer (written or spaced)", _REGEX, 0.5)]

    def __init__(self, supported_language: str = "sv"):
        super().__init__(
            supported_entity=ENTITY,
            patterns=self.PATTERNS,
            context=CONTEXT,
            supported_language=supported_language,
            name="SePersonnummerRecognizer",
        )

    def validate_result(self, pattern_text: str) -> Optional[bool]:
        return is_valid(pattern_text)
