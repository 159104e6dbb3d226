"""SE_ADDRESS: a street someone lives on or is sent to, named without its number.

"rune holm på lärkvägen", "han bor nu på tallåsvägen", "till mig på vallmovägen", "skicka
blanketten till rinkebysvingen": one word for a street, in any case, after "på" or "till" where
the words before make it a person's: "bor", a person's whole name, a relative's first name or a
pronoun right before "på", sending or moving before "till", or "som adress" after it. A street
where a shop, an office, an accident or an event is
("vi har kontor på sveavägen", "olyckan på kungsgatan", "verkstaden har flyttat till
industrivägen") is left: most streets said without a number in a call are such places.
"""

from __future__ import annotations

import re

from recognizers.address import ONE_WORD_STREET, lowercase_street, mentions_street
from recognizers.base import TextRecognizer, tagged_result
from recognizers.introduction import KIN_WORDS, known_name

ENTITY = "SE_ADDRESS"
SCORE = 0.55
# Whose the street is, said right before "på": someone living there, or a person by name or pronoun
# ("hon bor kvar i huset uppe på björkvägen", "hämtar henne vanligtvis på ängsvägen")
# (not "jag bor ju inte på stationsgatan")
_LIVES_ON = re.compile(r"(?<![\w])(?:bor|bodde|bott)(?:[ ]+(?!inte\b|aldrig\b)[\w-]+){0,4}[ ]+på[ ]+$", re.IGNORECASE)
_PRONOUN_ON = re.compile(
    r"(?<![\w])(?:mig|dig|honom|henne|hen|oss|er|dem|dom)(?:[ ]+[\w-]+)?[ ]+på[ ]+$", re.IGNORECASE
)
# ... a whole name ("rune holm på lärkvägen"), or a first name after a relation ("grannen olle på
# ringvägen"); not a first name alone, as staff give theirs ("du pratar med Elin på Säljtorget")
_NAME_ON = re.compile(r"(?<![\w-])(?P<first>[\w-]+)[ ]+(?P<name>[\w-]+)[ ]+på[ ]+$")
# ... or where a person sends a thing or moves, right before "till"
_SENT_TO = re.compile(
    r"(?<![\w])(?:(?:hem)?skicka[rst]?|skickade|hemskickad|hemskickat|levereras|leverera|posta|postas)"
    r"(?:[ ]+[\w-]+){0,2}[ ]+till[ ]+$"
    r"|(?<![\w])(?:jag|vi|han|hon|hen|de|dom)[ ]+(?:har[ ]+|hade[ ]+|ska[ ]+)?(?:flyttat|flyttar|flyttade|flytta)[ ]+till[ ]+$",
    re.IGNORECASE,
)


# ... or said to be someone's address: "och ni har svärdsliljevägen som adress"
_AS_ADDRESS = re.compile(r"[ ]+som[ ]+(?:hem|folkbokförings|post)?adress\b", re.IGNORECASE)


def _whose(before: str) -> bool:
    if before.endswith(("till ", "Till ")):
        return _SENT_TO.search(before) is not None
    named = _NAME_ON.search(before)
    return bool(
        _LIVES_ON.search(before)
        or _PRONOUN_ON.search(before)
        or (
            named
            and known_name(named.group("name"))
            and (known_name(named.group("first")) or named.group("first").lower() in KIN_WORDS)
        )
    )


class KlangStreetNamedRecognizer(TextRecognizer):
    ENTITIES = (ENTITY,)

    def may_match(self, text: str) -> bool:
        return mentions_street(text)

    def analyze(self, text, entities, nlp_artifacts=None):
        if (entities and ENTITY not in entities) or not self.may_match(text):
            return []
        out = []
        for m in ONE_WORD_STREET.finditer(text):
            line = text[text.rfind("\n", 0, m.start()) + 1 : m.start()]
            if (m.group()[:1].isupper() or lowercase_street(m.group())) and (
                _whose(line[-60:]) or _AS_ADDRESS.match(text, m.end())
            ):
                out.append(tagged_result(self, ENTITY, *m.span(), SCORE, "a street named without its number"))
        return out
