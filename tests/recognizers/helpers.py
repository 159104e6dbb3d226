"""Check-digit helpers for building made-up test numbers (never real ones)."""

from __future__ import annotations

from recognizers.checksums import luhn_ok


def with_luhn(body: str) -> str:
    """`body` + the Luhn digit that makes it valid."""
    return next(body + d for d in "0123456789" if luhn_ok(body + d))


def with_wrong_luhn(body: str) -> str:
    return next(body + d for d in "0123456789" if not luhn_ok(body + d))


def found(recs, text, entity=None):
    """(entity, covered text) of every result of the recognizers, sorted by position."""
    out = []
    for rec in recs:
        for r in rec.analyze(text, [entity] if entity else rec.supported_entities):
            out.append((r.start, r.entity_type, text[r.start : r.end]))
    return [(t, s) for _, t, s in sorted(out)]
