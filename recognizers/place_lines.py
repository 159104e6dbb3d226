"""SE_ADDRESS in the forms a street line is not: a place and number before a postnummer, a box,
a flat number, a property designation.

`address.py` knows a street by its ending (-gatan, -vägen, ...). Swedish addresses also come as:

- a place name and a house number before a postnummer: "Hagaberg 3, 442 31 Kungälv",
  "Västanby 212, eh, 742 91" (rural addresses and named blocks have no street ending);
- a post box: "Box 221, 791 24 Falun";
- a flat number on its own: "lägenhet nummer 1204", "lgh 1102" (the four digits Lantmäteriet
  gives every flat; also "lägenhet 101" as landlords number them);
- a property designation (fastighetsbeteckning), which names the owner through Lantmäteriet's
  register: "Hjorten 4:12", "Sörby 1:45" (block and unit), only in a text that speaks of a
  fastighet, tomt or bygglov ("Kapitel 4:12" elsewhere is no property).
"""

from __future__ import annotations

import re

from presidio_analyzer import EntityRecognizer, RecognizerResult

from recognizers.base import tagged_result
from recognizers.heuristics import mentions

ENTITY = "SE_ADDRESS"
SCORE = 0.6
_CAP = r"(?-i:[A-ZÅÄÖ][a-zåäöé]+)"
_FILLER = r"(?:,?[ ]+(?:eh|öh|ehm|alltså))*"
# A written postnummer (not from 0) right after: what makes "Hagaberg 3" an address.
_POSTAL_AFTER = (
    rf"(?={_FILLER},?[ ]+[1-9]\d\d[ ]?\d\d(?![ -]?\d)(?![ ]*(?i:kr|kronor|sek|st|kwh|kilo|mil|km|kvm|kvadrat)\b))"
)
# Capitalised words that stand before a number and a postnummer-shaped number without being a place.
_NOT_PLACES = frozenset(
    "kr sek faktura fakturan order ordern ärende ärendet version nummer nr tel det den vi jag och men så "
    "totalt summa klockan kl vecka dag rad sida punkt steg till på från vid hos mot bor i ja nej adressen "
    "adress mätare mätaren kapitel paragraf avsnitt bilaga".split()
)
_PATTERNS: tuple[tuple[re.Pattern, str], ...] = (
    (
        re.compile(rf"(?<![\w-])(?P<place>{_CAP}(?:[ ]{_CAP})?)[ ]+\d{{1,4}}(?:[ ]?[A-Ha-h])?(?![\w]){_POSTAL_AFTER}"),
        "place",
    ),
    (re.compile(r"(?<![\w-])(?-i:Box|Postbox|Box nr)[ ]+\d{1,6}(?![\d])"), "box"),
    (
        re.compile(
            r"(?<![\w-])(?<!per[ ])(?:(?:lägenhet(?:en)?(?:[ ]+(?:nummer|nr\.?))?[ ]+\d{3,4})|"
            r"(?:lägenhetsnummer|lägenhetsnumret|lägenhetsnr|lgh\.?)(?:[ ]+(?:nummer|nr\.?))?[ ]+\d{1,4})"
            r"(?![\d]|[ ]*(?:kr|kronor|sek|:-)\b)",
            re.IGNORECASE,
        ),
        "flat",
    ),
)
_PROPERTY = re.compile(rf"(?<![\w-]){_CAP}(?:[ ]{_CAP})?[ ]+\d{{1,4}}:\d{{1,4}}(?![\d:])")
_PROPERTY_WORDS = ("fastighet", "tomt", "bygglov", "rivningslov", "marklov", "lantmäteri", "beteckning", "lagfart")
# "Miljöbalken 7:15", "Klockan 13:30", "Kapitel 4:12" are no properties.
_NOT_PROPERTIES = re.compile(r"\w*(?:balken|lagen)\b|klockan\b|kl\b|kapitel\b|paragraf\b|avsnitt\b|bilaga\b", re.I)


def _law_or_clock(found: str) -> bool:
    return _NOT_PROPERTIES.match(found) is not None


_GATE = ("box", "lägenhet", "lgh", *_PROPERTY_WORDS)


class KlangPlaceLineRecognizer(EntityRecognizer):
    def __init__(self, supported_language: str = "sv"):
        super().__init__(
            supported_entities=[ENTITY],
            supported_language=supported_language,
            name=type(self).__name__,
            context=[],
        )

    def load(self) -> None:
        pass

    def may_match(self, text: str) -> bool:
        """Cheap gate for the detector: a written postnummer-shaped number or a word of the forms."""
        return bool(re.search(r"\d\d\d ?\d\d", text)) or mentions(text, _GATE)

    def analyze(self, text, entities, nlp_artifacts=None):
        if not self.may_match(text):
            return []
        spans = set()
        for pattern, kind in _PATTERNS:
            for m in pattern.finditer(text):
                start = m.start()
                if kind == "place":  # "Till Björkvägen 12, 532 92": the place is the last word
                    first, *rest = m.group("place").split()
                    if first.lower() in _NOT_PLACES:
                        if not rest:
                            continue
                        start += len(first) + 1
                spans.add((start, m.end()))
        if mentions(text, _PROPERTY_WORDS):
            spans.update(m.span() for m in _PROPERTY.finditer(text) if not _law_or_clock(m.group(0)))
        return [self._result(s, e) for s, e in sorted(spans)]

    def _result(self, start: int, end: int) -> RecognizerResult:
        return tagged_result(self, ENTITY, start, end, SCORE, "an address that is no street line")
