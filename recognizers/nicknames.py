"""PERSON: the short forms of first names people use for each other ("Maggan", "Tobbe", "tessan").

A nickname said once in passing ("festen på lördag för Sebbe", "jag har gått till tessan") has
no greeting or title before it, the name model has seldom seen it, and the lexicon lists full
names only. These forms (`recognizers/data/nicknames.txt`, hand-written) are no common Swedish
word, so each is taken as a name in any case wherever it stands, also in the genitive ("Tobbes").
"""

from __future__ import annotations

from functools import lru_cache

from presidio_analyzer import Pattern, PatternRecognizer

from recognizers.address import read_list

ENTITY = "PERSON"


@lru_cache(maxsize=1)
def nicknames() -> tuple[str, ...]:
    return tuple(read_list("nicknames.txt"))


def _regex() -> str:
    return rf"(?<![\w-])(?i:{'|'.join(sorted(nicknames(), key=len, reverse=True))})s?(?![\w-])"


class KlangNicknameRecognizer(PatternRecognizer):
    def __init__(self, supported_language: str = "sv"):
        super().__init__(
            supported_entity=ENTITY,
            patterns=[Pattern("a first name's short form", _regex(), 0.6)],
            supported_language=supported_language,
            name=type(self).__name__,
        )
