"""Pets' names in a call: no personal data, though the name model takes them for people.

A vet's or an animal insurer's call names the animal many times ("Sixten har ont i benet",
"Bellas försäkring") and its owner seldom; redacting "Sixten" costs the analysts the call's
subject and protects no one. A name is the animal's where the call says so: right after the
animal's word, with no comma between ("hunden Sixten", "katten heter Molly", "Hästen som heter
Doris"; "Och katten, Maria, hur gammal är hon?" speaks to Maria), standing alone there (a full
stop, a comma or an everyday word after it: "min katt Fatima Benali" is a person), and not
introducing the speaker ("min hund eva heter jag", "hästen Karin här"). The detector drops what
the name model, the learned tail and the echoes take for a one-word PERSON with such a name
anywhere in the call, in every field, unless a rule that reads people (a self-introduction, a
question for a name) found it as someone's (`redactor.detect.analyzer.without_pets`); a name of
two words or more ("Bella Svensson") stays a person.
"""

from __future__ import annotations

import re

from recognizers.introduction import common_word, known_name

_ANIMALS = (
    "hund hunden valp valpen tik tiken katt katten kattunge kattungen kanin kaninen marsvin marsvinet "
    "hamster hamstern häst hästen ponny ponnyn sto stoet valack valacken hingst hingsten undulat undulaten "
    "papegoja papegojan"
).split()
_INTRODUCING = frozenset(("heter", "här"))  # "min hund eva heter jag", "hästen Karin här"
_PET = re.compile(
    rf"(?<![\w-])(?i:{'|'.join(_ANIMALS)})(?:[ ]+(?i:som[ ]+)?(?i:heter))?[ ]+"
    r"(?P<name>[A-ZÅÄÖa-zåäö][a-zåäöé]{1,})(?P<after>[ ]*(?:[.,!?]|$)|[ ]+(?P<next>[\w-]+))",
    re.MULTILINE,
)


def pet_names(text: str) -> frozenset[str]:
    """The casefolded names the call gives its animals."""
    out = set()
    for m in _PET.finditer(text):
        name, following = m.group("name"), m.group("next")
        if common_word(name) or (following and not (common_word(following) or following[0].isdigit())):
            continue
        if following and following.lower() in _INTRODUCING:
            continue
        out.add(name.casefold())
    return frozenset(out)


def is_pet(name: str, pets: frozenset[str]) -> bool:
    """A one-word name that the call gives an animal, also in the genitive ("Bellas"; not "Lukas"
    where the dog is Luka: a name of its own)."""
    key = name.strip().casefold()
    return " " not in key and (key in pets or (key.endswith("s") and key[:-1] in pets and not known_name(key)))
