"""Company numbers that are not personal data (switchboard, organisationsnummer, ...).

Matching is on the digits, so "08-123 456 78" in the config also allows "08123 45678",
"+46 8 123 456 78" and the spoken "noll åtta etthundratjugotre fyrtiofem sextiosju åttio"
(number words are read by `recognizers.numbers`); other values (an e-mail address) match
case- and space-folded. Works for every numeric type: phone, organisationsnummer, bankgiro, ...
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable

from recognizers import numbers
from recognizers.checksums import digits_only


def number_digits(text: str) -> str:
    """Digits of a written or spoken number ("735 999 ..." / "sju tre fem ...")."""
    if numbers.has_spoken_number(text):
        return numbers.words_to_digits(text)
    return digits_only(text)


@dataclass
class AllowlistFilter:
    values: Iterable[str] = ()
    _keys: set[str] = field(init=False, default_factory=set)
    _digits: set[str] = field(init=False, default_factory=set)

    def __post_init__(self) -> None:
        for value in self.values:
            self._keys.add(" ".join(value.casefold().split()))
            digits = number_digits(value)
            if len(digits) >= 6:
                self._digits.add(digits.lstrip("0"))

    def allows(self, entity_type: str, text: str) -> bool:
        if " ".join(text.casefold().split()) in self._keys:
            return True
        # Spoken: every reading ("sjuttio ett" is 71, or 70 and 1 said digit by digit), as the
        # recognizer may have matched the number on either.
        candidates = numbers.readings(text) if numbers.has_spoken_number(text) else [number_digits(text)]
        for digits in candidates:
            if len(digits) >= 6:
                # Compare without trunk zero / country code so +46 8 ... matches 08-...
                core = digits[2:] if digits.startswith("46") and len(digits) > 9 else digits
                if core.lstrip("0") in self._digits:
                    return True
        return False
