"""SE_VEHICLE_REGISTRATION: a Swedish registration number (registreringsnummer), written or spelled.

A plate is three letters and three characters: "ABC 123", since 2019 also "ABC 12D" (letters A-Z
without I, Q, V, Å, Ä, Ö; the last one not O either). Transportstyrelsen's register gives the
owner, so a plate said in a call is personal data. Written in capitals a plate is taken unless it
is a currency or a unit ("SEK 100", "KWH 450"). In lowercase ("lut 117") or spelled letter by
letter with the digits in words ("U, R, S, fyra tre sju", "e r g fyra nio d") it is taken only
with a vehicle word in the same stretch of the call (bilen, regnummer, registreringsnumret,
skylten, fordonet, parkering).
"""

from __future__ import annotations

import re

from presidio_analyzer import AnalysisExplanation, EntityRecognizer, Pattern, PatternRecognizer, RecognizerResult

from recognizers import numbers
from recognizers.heuristics import mentions

ENTITY = "SE_VEHICLE_REGISTRATION"
_LETTER = "A-HJ-PR-UW-Z"  # no I, Q, V (nor Å, Ä, Ö)
_LAST = "0-9A-HJ-NPR-UW-Z"  # a digit, or a letter other than I, O, Q, V
# Three capitals that stand before numbers and are no plate.
_NOT_PLATES = frozenset(
    "SEK EUR USD NOK DKK GBP CHF KWH MWH GWH OCR ISO SMS PIN CVC CVV TEL ART REF NUM MOM BIC "
    "DVD USB CPU RAM SSD HDD LTE ADSL MHZ GHZ MBIT".split()
)
_WRITTEN = rf"(?<![\w-])[{_LETTER}]{{3}}[ -]?\d{{2}}[{_LAST}](?![\w-])"

# Words that make a lowercase or spelled plate one: "bilen", "firmabilen", "regnummer",
# "registreringsnumret", "skylten", "fordonet", "parkeringstillstånd" (not "mobil", "bild").
_VEHICLE_WORDS = re.compile(
    r"(?<![\w])(?:\w*(?<!mo)bil(?:en|ar|arna|ens)?|reg-?n(?:umm|r)\w*|registreringsn\w*|skylt\w*|fordon\w*|"
    r"parkering\w*|p-tillstånd\w*)(?![\w])",
    re.IGNORECASE,
)
_GATE_WORDS = ("bil", "reg", "skylt", "fordon", "parkering", "p-tillstånd")
CONTEXT_CHARS = 300  # the vehicle word may be this far before the plate (a few turns), or 80 after
# "lut 117", "erg 49d": three letters and the rest, in lowercase speech-to-text; not a word that
# stands before a number in running speech ("vi har 120 kvadrat", "för 250 kronor").
_LOWER = re.compile(rf"(?<![\w-])([{_LETTER.lower()}]{{3}})[ -]?\d{{2}}[{_LAST.lower()}](?![\w-])")
_WORDS = frozenset(
    "har och för kör var som men den det dem han hon sin mer ett två tre sex sju nio tio tar får gör ser bor kan "
    "ska vid med mot per bra nya nytt hur när vad alla åka kom gav fem nej jag dom oss era våra mitt min din "
    "sen nog typ kul fick bet tog sig dag år nog ny nya ens runt upp ner all bil hem".split()
)
# "U, R, S", "e r g", "W-P-L": three letters spelled one by one, then the digits in words or digits.
_SPELLED = re.compile(rf"(?<![\w])([{_LETTER}])[ ,.-]+([{_LETTER}])[ ,.-]+([{_LETTER}])(?![\w])[ ,.-]*", re.IGNORECASE)


def canonical(text: str) -> str:
    """Capitals without spaces: "abc 123", "ABC-123" and "A, B, C, ett två tre" are one plate."""
    compact = re.sub(r"[\s,.-]", "", text).upper()
    m = _SPELLED.match(text)
    if re.fullmatch(rf"[{_LETTER}]{{3}}\d{{2}}[{_LAST}]", compact) or m is None:
        return compact
    rest = text[m.end() :]
    runs = numbers.runs(rest)
    if not runs:
        return compact
    return "".join(m.groups()).upper() + runs[0].digits + rest[runs[0].tokens[-1].end :].strip(" ,.-").upper()


class KlangVehicleRegistrationRecognizer(PatternRecognizer):
    """Plates written in capitals: "DKR 447", "MLB 82C"."""

    def __init__(self, supported_language: str = "sv"):
        super().__init__(
            supported_entity=ENTITY,
            patterns=[Pattern("plate in capitals", _WRITTEN, 0.6)],
            context=["bil", "bilen", "regnummer", "registreringsnummer", "skylt", "fordon"],
            supported_language=supported_language,
            name=type(self).__name__,
            global_regex_flags=re.DOTALL | re.MULTILINE,  # case matters: "abc 123" is the other one's
        )

    def may_match(self, text: str) -> bool:
        return numbers.has_digit(text)

    def validate_result(self, pattern_text: str) -> bool | None:
        return False if pattern_text[:3] in _NOT_PLATES else None


class KlangSpokenVehicleRegistrationRecognizer(EntityRecognizer):
    """Plates in lowercase or spelled letter by letter, near a vehicle word."""

    def __init__(self, supported_language: str = "sv"):
        super().__init__(supported_entities=[ENTITY], supported_language=supported_language, name=type(self).__name__)

    def load(self) -> None:
        pass

    def may_match(self, text: str) -> bool:
        return mentions(text, _GATE_WORDS)

    def analyze(self, text, entities, nlp_artifacts=None):
        if not self.may_match(text):
            return []
        words = [m.start() for m in _VEHICLE_WORDS.finditer(text)]
        if not words:
            return []
        spans = [m.span() for m in _LOWER.finditer(text) if m.group(1) not in _WORDS]
        for m in _SPELLED.finditer(text):
            tail = numbers.runs(text[m.end() : m.end() + 60])
            if not tail or tail[0].tokens[0].start != 0:
                continue
            end = m.end() + tail[0].tokens[-1].end
            digits = tail[0].digits
            letter = re.match(rf"[ ,.-]*([{_LAST}])(?![\w])", text[end:], re.IGNORECASE)
            if len(digits) == 2 and letter and not letter.group(1).isdigit():
                end += letter.end()  # "e r g fyra nio d"
            elif len(digits) != 3:
                continue
            spans.append((m.start(), end))
        return [self._result(s, e) for s, e in spans if any(-CONTEXT_CHARS <= w - s <= 80 for w in words)]

    def _result(self, start: int, end: int) -> RecognizerResult:
        expl = AnalysisExplanation(
            recognizer=self.name, original_score=0.7, textual_explanation="plate near a vehicle word"
        )
        return RecognizerResult(
            entity_type=ENTITY,
            start=start,
            end=end,
            score=0.7,
            analysis_explanation=expl,
            recognition_metadata={
                RecognizerResult.RECOGNIZER_NAME_KEY: self.name,
                RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id,
            },
        )
