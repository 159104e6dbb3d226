"""PERSON: a double first name said in lowercase ("per-anders", "maj-britt", "karl-erik").

Speech-to-text writes double names in lowercase with their hyphen, where the name model, which
learnt names from capitalised text, misses them or takes one half ("per-<name>"). Two first names
the lexicon knows, joined by a hyphen, are no common word's form: a compound of two common words
("ja-nej", "bo-och") is not taken, nor one half of a name with a word that is no name.
"""

from __future__ import annotations

import re

from recognizers.base import TextRecognizer, tagged_result
from recognizers.lexicon import shipped_lexicon

ENTITY = "PERSON"
SCORE = 0.6
_DOUBLE = re.compile(r"(?<![\w-])(?P<first>[a-zåäöé]{2,})-(?P<second>[a-zåäöé]{2,})(?![\w-])")


def _first_name(word: str, genitive: bool = False) -> set[str] | None:
    """The word's lexicon kinds when it is a first name (the second half may be in the genitive:
    "maj-britts")."""
    kinds = shipped_lexicon().get(word)
    if (not kinds or "first" not in kinds) and genitive and word.endswith("s"):
        kinds = shipped_lexicon().get(word[:-1])
    return kinds if kinds and "first" in kinds else None


class KlangDoubleFirstNameRecognizer(TextRecognizer):
    ENTITIES = (ENTITY,)

    def may_match(self, text: str) -> bool:
        return "-" in text

    def analyze(self, text, entities, nlp_artifacts=None):
        if (entities and ENTITY not in entities) or not self.may_match(text):
            return []
        out = []
        for m in _DOUBLE.finditer(text):
            first, second = _first_name(m.group("first")), _first_name(m.group("second"), genitive=True)
            if first and second and not ("common" in first and "common" in second):
                out.append(tagged_result(self, ENTITY, m.start(), m.end(), SCORE, "a double first name"))
        return out
