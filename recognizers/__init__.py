"""Swedish PII recognizers for Presidio: one module per entity family.

Each module exposes a Presidio recognizer class and, where the entity has a natural normal form,
a `canonical(text)` used for pseudonym tokens and the subject index (e.g. personnummer as 12 digits).
"""

from __future__ import annotations

from typing import Callable

from presidio_analyzer import EntityRecognizer

from recognizers import address, email, personnummer, phone
from recognizers.allowlist import AllowlistFilter

CANONICAL: dict[str, Callable[[str], str]] = {
    personnummer.ENTITY: personnummer.canonical,
    phone.ENTITY: phone.canonical,
    email.ENTITY: email.canonical,
    address.ENTITY: address.canonical,
    # Subject-index identifiers without a recognizer module yet: spacing and case must not change
    # the token (an officer types "KN-448120", a transcript says "kn 448120").
    "CUSTOMER_NUMBER": lambda text: "".join(ch for ch in text.upper() if ch.isalnum()),
    "SE_FACILITY_ID": lambda text: "".join(ch for ch in text if ch.isdigit()),
}


def canonical_value(entity_type: str, text: str) -> str:
    """Normal form of a detected value; types without one are case- and space-folded."""
    fn = CANONICAL.get(entity_type)
    if fn is not None:
        return fn(text)
    return " ".join(text.casefold().split())


def build_recognizers(language: str = "sv") -> list[EntityRecognizer]:
    """The pattern recognizers the analyzer registers (the NER model adds PERSON/LOCATION)."""
    return [
        personnummer.SePersonnummerRecognizer(supported_language=language),
        phone.SePhoneRecognizer(supported_language=language),
        email.EmailRecognizer(supported_language=language),
        address.SeAddressRecognizer(supported_language=language),
        address.SePostTownRecognizer(supported_language=language),
    ]


__all__ = ["AllowlistFilter", "CANONICAL", "build_recognizers", "canonical_value"]
