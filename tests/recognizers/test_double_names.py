"""A double first name said in lowercase (recognizers/double_names.py). Made-up people."""

from __future__ import annotations

import pytest

from recognizers.double_names import KlangDoubleFirstNameRecognizer


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("gäller det per-anders hennes bror", ["per-anders"]),
        ("ja och maj-britts också", ["maj-britts"]),  # the genitive
        ("Agent: karl-erik och eva-lena kommer båda", ["karl-erik", "eva-lena"]),
        # not two common words, nor a name and a word that is no name
        ("det blev ett ja-nej svar", []),
        ("per-person och anna-bok", []),
        ("Per-Anders", []),  # capitalised: the name model's
    ],
)
def test_a_double_first_name_in_lowercase(text, found):
    rec = KlangDoubleFirstNameRecognizer()
    assert [text[r.start : r.end] for r in rec.analyze(text, ["PERSON"])] == found
