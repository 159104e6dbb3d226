"""The company's own data, which is not personal data (switchboard, organisationsnummer, ...).

Values: matching is on the digits, so "08-123 456 78" in the config also allows "08123 45678",
"+46 8 123 456 78", fullwidth or Arabic-Indic digits, and the spoken "noll åtta etthundratjugotre
fyrtiofem sextiosju åttio" (number words are read by `recognizers.numbers`); other values (an
e-mail address) match case- and space-folded, e-mail also spoken ("info snabel-a 7hkraft punkt se"). Works for every numeric type: phone,
organisationsnummer, bankgiro, ...

Phrases (the company's address, its company, brand, product and service names): a finding lying
inside an occurrence of a phrase in the text is allowed ("Skara" in the company's address, "7H"
in "7H krafts app"); the same words elsewhere are not ("Skara" where a customer lives).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from recognizers import email, numbers


def phrase_pattern(phrases: Iterable[str]) -> re.Pattern[str] | None:
    """One pattern for all phrases: words separated by any spaces, commas, dots or hyphens (or
    none: "7H-kraft", "7Hkraft"), case-insensitive, standing alone, optionally in the genitive."""
    bodies = []
    for phrase in phrases:
        words = [w for w in re.split(r"[\s,.\-]+", phrase) if w]
        if words:
            bodies.append(r"[\s,.\-]*".join(re.escape(w) for w in words))
    if not bodies:
        return None
    # Longest first, so a phrase is not cut short by one of its own prefixes.
    bodies.sort(key=len, reverse=True)
    return re.compile(rf"(?<!\w)(?:{'|'.join(bodies)})s?(?!\w)", re.IGNORECASE)


@dataclass
class AllowlistFilter:
    values: Iterable[str] = ()
    phrases: Iterable[str] = ()
    _keys: set[str] = field(init=False, default_factory=set)
    _digits: set[str] = field(init=False, default_factory=set)
    _phrases: re.Pattern[str] | None = field(init=False, default=None)

    def __post_init__(self) -> None:
        self._phrases = phrase_pattern(self.phrases)
        for value in self.values:
            self._keys.add(" ".join(value.casefold().split()))
            digits = numbers.number_digits(value)
            if len(digits) >= 6:
                self._digits.add(digits.lstrip("0"))

    def allows(self, entity_type: str, text: str) -> bool:
        if " ".join(text.casefold().split()) in self._keys:
            return True
        if entity_type == email.ENTITY and email.canonical(text).casefold() in self._keys:
            return True
        # Spoken: every reading ("sjuttio ett" is 71, or 70 and 1 said digit by digit), as the
        # recognizer may have matched the number on either.
        candidates = numbers.readings(text) if numbers.has_spoken_number(text) else [numbers.number_digits(text)]
        for digits in candidates:
            if len(digits) >= 6:
                # Compare without trunk zero / country code so +46 8 ... matches 08-...
                core = digits[2:] if digits.startswith("46") and len(digits) > 9 else digits
                if core.lstrip("0") in self._digits:
                    return True
        return False

    def phrase_spans(self, text: str) -> list[tuple[int, int]]:
        """Where the listed phrases stand in `text`."""
        if self._phrases is None:
            return []
        return [m.span() for m in self._phrases.finditer(text)]

    def allows_at(
        self, entity_type: str, text: str, start: int, end: int, phrase_spans: list[tuple[int, int]] | None = None
    ) -> bool:
        """Whether the finding text[start:end] is the company's own: a listed value, or inside a
        listed phrase (`phrase_spans` of the text, if already computed)."""
        if self.allows(entity_type, text[start:end]):
            return True
        spans = self.phrase_spans(text) if phrase_spans is None else phrase_spans
        return any(s <= start and end <= e for s, e in spans)
