"""PERSON after a title or a relation: "doktor sjöberg", "sköterskan Anna", "min son olle".

A name said in the middle of a turn has no greeting before it (`introduction.py`) and, in a
lowercase transcript, no capital for the name model to go by. A title ("doktor", "dr",
"sköterskan", "handläggaren") or a relation after a possessive ("min fru", "hans dotter") says
that a name may follow. The words after it count as a name when they are a first name or surname
of the name model's lexicon and no common Swedish word ("doktor sjöberg", "min son olle"), or
capitalised and no common word ("sköterskan Mirela"). "doktorn sa", "min fru ringde", "min son
har" name no one.
"""

from __future__ import annotations

import re

from recognizers.base import TextRecognizer, tagged_result
from recognizers.introduction import STOP_WORDS, lexicon

ENTITY = "PERSON"
SCORE = 0.7

_TITLES = (
    r"doktor(?:n)?|dr\.?|syster|(?:sjuk)?sköterska(?:n)?|barnmorska(?:n)?|tandläkare(?:n)?|läkare(?:n)?|"
    r"handläggare(?:n)?|kurator(?:n)?|rektor(?:n)?|lärare(?:n)?|mentor(?:n)?|fröken|herr|fru|pastor|"
    r"advokat(?:en)?|god man|förvaltare(?:n)?|chef(?:en)?|kollega(?:n)?|granne(?:n)?|hyresvärd(?:en)?|"
    # siblings are named by it: "lillebror Adam", "storasyster Elsa"
    r"lillebror|storebror|lillasyster|storasyster"
)
_RELATIONS = (
    r"fru|man|make|maka|sambo|pojkvän|flickvän|son|dotter|barn|mamma|pappa|mor|far|bror|syster|"
    r"farmor|farfar|mormor|morfar|kusin|granne|vän|kompis|kollega|chef"
)
_POSSESSIVE = r"min|mitt|mina|din|ditt|hans|hennes|deras|vår|er"
_WORD = r"[A-ZÅÄÖÉÜa-zåäöéü][a-zåäöéüA-ZÅÄÖÉÜ'’]+(?:-[A-ZÅÄÖÉÜa-zåäöéü][a-zåäöéü'’]+)?"
_PATTERN = re.compile(
    rf"(?<![\w-])(?i:(?:{_POSSESSIVE})[ ]+(?:{_RELATIONS})|{_TITLES}),?[ ]+(?P<name>{_WORD}(?:[ ]{_WORD})?)",
)
_GATE = re.compile(rf"(?<![\w-])(?:{_TITLES}|{_RELATIONS})\b", re.IGNORECASE)


def _name_words(words: list[str]) -> int:
    """How many of the leading words are a name: a lexicon name or a capitalised uncommon word."""
    common, names = lexicon()
    n = 0
    for w in words:
        low = w.lower()
        if low in STOP_WORDS or (low in common and low not in names):
            break
        if low not in names and not w[0].isupper():
            break
        n += 1
    return n


class KlangTitledNameRecognizer(TextRecognizer):
    ENTITIES = (ENTITY,)

    def may_match(self, text: str) -> bool:
        return bool(_GATE.search(text))

    def analyze(self, text, entities, nlp_artifacts=None):
        if (entities and ENTITY not in entities) or not self.may_match(text):
            return []
        out = []
        for m in _PATTERN.finditer(text):
            words = m.group("name").split(" ")
            n = _name_words(words)
            if n:
                start = m.start("name")
                out.append(
                    tagged_result(self, ENTITY, start, start + len(" ".join(words[:n])), SCORE, "name after a title")
                )
        return out
