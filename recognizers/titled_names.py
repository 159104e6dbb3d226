"""PERSON after a title or a relation: "doktor sjöberg", "sköterskan Anna", "min son olle".

A name said in the middle of a turn has no greeting before it (`introduction.py`) and, in a
lowercase transcript, no capital for the name model to go by. A title ("doktor", "dr",
"sköterskan", "handläggaren") or a relation after a possessive ("min fru", "hans dotter") says
that a name may follow. The words after it count as a name when they are a first name or surname
of the name model's lexicon and no common Swedish word ("doktor sjöberg", "min son olle"), or
capitalised and no common word ("sköterskan Mirela"), or one word no lexicon knows followed by a
pause or a small word ("doktor okonkwo på vårdcentralen", "min lillebror jonte som"). An adjective or
a genitive may stand between ("min äldsta dotter tindra", "min sambos mamma agneta"). "doktorn sa",
"min fru ringde", "min son har", "min fru hemma" name no one.
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
    r"lillebror|storebror|lillasyster|storasyster|barnbarnet|sonen|dottern|brorsan|systern"
)
_RELATIONS = (
    r"fru|man|make|maka|sambo|pojkvän|flickvän|son|dotter|barn|mamma|pappa|mor|far|bror|syster|"
    r"farmor|farfar|mormor|morfar|barnbarn|kusin|granne|vän|kompis|kollega|chef"
)
# "min fru", "min äldsta dotter", "min sambos mamma"
_POSSESSOR = r"(?:min|mitt|mina|din|ditt|hans|hennes|deras|vår|er)(?:[ ]+[a-zåäö]+s)?"
_ADJECTIVE = r"(?:äldsta|yngsta|lilla|stora|gamla|nya|förra|före detta)[ ]+"
_WORD = r"[A-ZÅÄÖÉÜa-zåäöéü][a-zåäöéüA-ZÅÄÖÉÜ'’]+(?:-[A-ZÅÄÖÉÜa-zåäöéü][a-zåäöéü'’]+)?"
_PATTERN = re.compile(
    rf"(?<![\w-])(?P<lead>(?i:{_POSSESSOR}[ ]+(?:{_ADJECTIVE})?(?:{_RELATIONS})|{_TITLES})),?[ ]+"
    rf"(?P<name>{_WORD}(?:[ ]{_WORD})?)(?=(?P<after>[ ]+[\w]+|[ ]*[,.!?]|[ ]*$)?)",
)
_GATE = re.compile(rf"(?<![\w-])(?:{_TITLES}|{_RELATIONS})\b", re.IGNORECASE)
# Words after a relation that say where or how the person is, not who: "min fru hemma", "min son själv"
_NOT_NAMES = frozenset("hemma borta själv också sjuk igen nu här där idag imorgon igår ikväll snart sedan".split())
# Titles said right before a name; after the others ("läkaren", "handläggaren") a word no lexicon
# knows is more often an adverb than a name.
_BEFORE_NAMES = frozenset("doktor dr dr. syster fröken herr fru lillebror storebror lillasyster storasyster".split())


def _name_words(words: list[str], after: str, unknown: bool) -> int:
    """How many of the leading words are a name: a lexicon name or a capitalised uncommon word;
    or one lowercase word that no lexicon knows ("doktor okonkwo", "min lillebror jonte") when a
    pause or a small word follows it."""
    common, names = lexicon()
    n = 0
    for w in words:
        low = w.lower()
        if low in STOP_WORDS or low in _NOT_NAMES or (low in common and low not in names):
            break
        if low not in names and not w[0].isupper():
            nxt = (words[n + 1] if n + 1 < len(words) else after.strip(" ,.!?")).lower()
            return 1 if unknown and n == 0 and (not nxt or nxt in STOP_WORDS) else n
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
            lead = m.group("lead").lower()
            unknown = lead in _BEFORE_NAMES or " " in lead  # a bare title, or a relation after a possessive
            n = _name_words(words, m.group("after") or "", unknown)
            if n:
                start = m.start("name")
                out.append(
                    tagged_result(self, ENTITY, start, start + len(" ".join(words[:n])), SCORE, "name after a title")
                )
        return out
