"""Swedish PII recognizers for Presidio: one module per entity family.

Each module exposes Presidio recognizer classes and, where the entity has a natural normal form,
a `canonical(text)` used for pseudonym tokens and the subject index (e.g. personnummer as 12 digits).
`recognizers.entities` is the registry that ties each entity type to its recognizers, canonical
form, subject-index kind and default policy.
"""

from __future__ import annotations

from presidio_analyzer import EntityRecognizer

from recognizers.allowlist import AllowlistFilter
from recognizers.entities import CANONICAL, canonical_value, recognizer_classes
from recognizers.numbers import number_digits


def build_recognizers(language: str = "sv") -> list[EntityRecognizer]:
    """The pattern recognizers the analyzer registers, one of each class the entity registry
    lists, in its order (the NER model adds PERSON/LOCATION)."""
    return [cls(supported_language=language) for cls in recognizer_classes()]


__all__ = ["AllowlistFilter", "CANONICAL", "build_recognizers", "canonical_value", "number_digits"]
