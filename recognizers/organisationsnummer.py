"""SE_ORGANISATIONSNUMMER: Swedish organisation numbers (company, association, public body).

Forms: NNNNNN-NNNN (the usual written form), NNNNNNNNNN, the 12-digit "16NNNNNNNNNN", spaced and
spoken forms. Valid means: a group digit first (1, 2, 3, 5, 6, 7, 8, 9: never 0 or 4), a third
digit of at least 2 (the "month" position is 20 or more, which keeps them apart from
personnummer) and a Luhn check digit.

Phone numbers: a Swedish number written as ten digits starts with the trunk zero ("0701234567"),
and no organisationsnummer starts with 0, so a 07x mobile is never taken for one. Presidio's own
KlangOrganisationsnummerRecognizer accepts 8 % of mobiles written as ten digits; this one accepts
none (`python -m bench.orgnr_vs_mobile` measures it on 200,000 numbers of every Swedish mobile
series).

The dash form validated is reported on its own (score 1.0); ten digits without a dash, or spoken,
need a context word ("organisationsnummer", "orgnr", "företaget", "firman", ...), since an
invoice or customer number can pass the check by chance.
The company's own number is allowlisted in the config (recognizers/allowlist.py).
"""

from __future__ import annotations

import re

from presidio_analyzer import Pattern, PatternRecognizer

from recognizers import base, heuristics, numbers
from recognizers.checksums import luhn_ok
from recognizers.fold import ascii_digits

ENTITY = "SE_ORGANISATIONSNUMMER"

_REF = heuristics.REF_LOOKBEHIND
_DASH = rf"(?=\d)(?<![\d+\-]){_REF}(?:16[ ]?)?[1235-9]\d[2-9]\d{{3}}[ ]?-[ ]?\d{{4}}(?![\d])"
_PLAIN = rf"(?=\d)(?<![\d+\-]){_REF}(?:16[ ]?)?[1235-9]\d[2-9]\d[ ]?\d{{2}}[ ]?\d{{2}}[ ]?\d{{2}}(?![\d])"
# The VAT number (momsregistreringsnummer): SE, the organisationsnummer, 01. A sole trader's
# organisationsnummer is their personnummer, so its ten digits need only the Luhn check.
_VAT = r"(?<![\w])SE[ ]?\d{6}[ -]?\d{4}[ ]?01(?![\d])"

CONTEXT = [
    "organisationsnummer",
    "organisationsnumret",
    "orgnummer",
    "orgnumret",
    "orgnr",
    "org",
    "företag",
    "firma",
    "firman",
    "bolag",
    "bolaget",
    "aktiebolag",
    "föreningen",
    "förening",
    "brf",
    "bostadsrättsförening",
]


def is_valid_digits(digits: str) -> bool:
    if len(digits) == 12:
        if not digits.startswith("16"):
            return False
        digits = digits[2:]
    if len(digits) != 10 or digits[0] in "04" or digits[2] < "2":
        return False
    return luhn_ok(digits)


def is_valid(text: str) -> bool:
    return is_valid_digits(ascii_digits(text))


def canonical(text: str) -> str:
    """NNNNNN-NNNN (ten digits with the dash; the "16" prefix dropped)."""
    digits = numbers.number_digits(text)
    if len(digits) == 12 and digits.startswith("16"):
        digits = digits[2:]
    return f"{digits[:6]}-{digits[6:]}" if len(digits) == 10 else digits


_DASH_QUICK = re.compile(r"[1235-9]\d[2-9]\d{3}[ ]?-|SE[ ]?\d{6}")
_CONTEXT_WORDS = tuple(w.lower() for w in CONTEXT)


class KlangOrganisationsnummerRecognizer(PatternRecognizer):
    PATTERNS = [
        Pattern("organisationsnummer NNNNNN-NNNN", _DASH, 0.5),
        Pattern("organisationsnummer without dash", _PLAIN, 0.4),
        Pattern("VAT number SE...01", _VAT, 0.6),
    ]

    def __init__(self, supported_language: str = "sv"):
        super().__init__(
            supported_entity=ENTITY,
            patterns=self.PATTERNS,
            context=CONTEXT,
            supported_language=supported_language,
            name=type(self).__name__,
        )

    def may_match(self, text: str) -> bool:
        """The dash form, or a context word (needed by every other form)."""
        return numbers.has_digit(text) and (
            heuristics.mentions(text, _CONTEXT_WORDS) or _DASH_QUICK.search(text) is not None
        )

    def validate_result(self, pattern_text: str) -> bool | None:
        if pattern_text[:2].upper() == "SE":
            return luhn_ok(ascii_digits(pattern_text)[:10]) or False
        if not is_valid(pattern_text):
            return False
        return True if "-" in pattern_text else None  # without a dash: context decides


class KlangSpokenOrganisationsnummerRecognizer(base.DigitWindowRecognizer):
    ENTITY = ENTITY
    LENGTHS = (10, 12)
    CONTEXT = CONTEXT

    def score_window(self, text, window):
        return 0.4 if is_valid_digits(window.digits) else None
