"""PERSON: the short forms of first names people use for each other ("Maggan", "Tobbe", "tessan").

A nickname said once in passing ("festen på lördag för Sebbe", "jag har gått till tessan") has
no greeting or title before it, the name model has seldom seen it, and the lexicon lists full
names only. These forms (`recognizers/data/nicknames.txt`, hand-written) are no common Swedish
word, so each is taken as a name in any case wherever it stands, also in the genitive ("Tobbes").

Any word is a name where the call says someone goes by it: "under namnet malle", "barnen kallar
henne farmor bitte" (`KlangCalledNameRecognizer`).
"""

from __future__ import annotations

import re
from functools import lru_cache

from presidio_analyzer import Pattern, PatternRecognizer

from recognizers.address import read_list
from recognizers.base import TextRecognizer, tagged_result
from recognizers.introduction import known_name

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


# A name given as what someone is called: "under namnet malle", "barnen kallar henne farmor bitte"
# (a kin word before it is part of the name the family uses); not "kallas" alone, which products
# and memberships are ("medlemskapet som kallas flex")
_CALLED = re.compile(
    r"(?<![\w])(?:under[ ]+namnet|kallar[ ]+(?:henne|honom|mig|oss|dem|dom|hen)(?:[ ]+för)?)"
    r"[ ]+(?P<name>(?P<kin>(?:farmor|farfar|mormor|morfar|moster|faster|morbror|farbror|tant)[ ]+)?"
    r"[a-zåäöéüA-ZÅÄÖÉÜ][a-zåäöéü-]+)(?![\w])",
    re.IGNORECASE,
)


class KlangCalledNameRecognizer(TextRecognizer):
    """PERSON: the name someone goes by, said after "under namnet" or "kallar henne" ("det står på
    hans lista under namnet malle"): a name the lexicon knows, or any word after a kin word
    ("farmor bitte"); not an account's or a product's name ("kontot under namnet buffert"), nor
    a dog's the lexicon does not know ("vi kallar honom zeppe")."""

    ENTITIES = (ENTITY,)

    def may_match(self, text: str) -> bool:
        return "namnet" in text or "kallar" in text

    def analyze(self, text, entities, nlp_artifacts=None):
        if (entities and ENTITY not in entities) or not self.may_match(text):
            return []
        return [
            tagged_result(self, ENTITY, *m.span("name"), 0.6, "the name someone goes by")
            for m in _CALLED.finditer(text)
            if m.group("kin") or known_name(m.group("name"))
        ]
