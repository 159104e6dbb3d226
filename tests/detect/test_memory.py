"""A worker reads calls for hours: detection must not leave each call's words in spaCy's vocabulary."""

from __future__ import annotations

from redactor.detect.analyzer import LANGUAGE


def _calls(first: int, n: int) -> list[str]:
    # numbers and made-up words no other call has, as every real call has its own
    return [
        f"Agent: Vilket kundnummer?\nKund: {first + i:07d}, och jag bor på Zqx{first + i}gården i Vyrby{i}.\n"
        f"Agent: Och din kod?\nKund: Koden är {i:04d}ab{first + i}."
        for i in range(n)
    ]


def test_the_vocabulary_does_not_grow_with_the_calls_read(detector):
    strings = detector.nlp_engine.nlp[LANGUAGE].vocab.strings
    detector.detect_many(_calls(1_000_000, 20))  # anything a first batch adds once
    before = len(strings)
    found = detector.detect_many(_calls(2_000_000, 200))
    assert len(strings) - before < 20  # without the memory zone: ~1,000 strings for these calls
    # ... and what was found outside the zone is whole: offsets into the texts, with their words
    assert any(d.entity_type == "CUSTOMER_NUMBER" for dets in found for d in dets)
