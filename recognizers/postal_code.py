"""SE_POSTAL_CODE: Swedish postal codes ("532 31", "53231", spoken "fem tre två trettioett").

Five digits, the first 1-9, written "NNN NN" or "NNNNN". Five-digit numbers are everywhere in a
call (meter readings, kWh, amounts), so a postal code is only reported where the call says it is
one: right before a post town from the gazetteer ("532 31 Skara", "722 19, Västerås"), right
after a street line ("Storgatan 12, 532 31", also with the town between: "Tallstigen 4 i
Hedemora, 776 33"), written "NNN NN" right after "i" and its post town, in the turn or opening
the next ("i Järfälla 177 42", "Agent: i Linköping" / "Kund: ja 582 42", "Agent: till Bruksgatan 17 i
Kolbäck?" / "Kund: ja det stämmer, 734 31"), or after
"postnummer"/"postnumret"/"postnr", or opening a turn one or two turns after one that ends asking
for it ("... lgh 1203 postnummer" / "oj fem åtta fyra nånting trettiotvå" / "584 32 ..."). The
same holds for spoken codes, found on digit windows (`recognizers.numbers`).
"""

from __future__ import annotations

import re
from functools import lru_cache

from presidio_analyzer import Pattern, PatternRecognizer

from recognizers import address, base, numbers
from recognizers.fold import ascii_digits

ENTITY = "SE_POSTAL_CODE"
_L = "a-zåäöéüA-ZÅÄÖÉÜ"

CONTEXT = ["postnummer", "postnumret", "postnr", "postort", "adress", "adressen", "bor"]

_CODE = r"(?:[1-9]\d{2}[ ]?\d{2}|[1-9](?:[ ]\d){4})"  # also digit by digit: "7 4 5 9 2 Vallåsa"
_CODE_SPACED = r"[1-9]\d{2}[ ]\d{2}(?!\d)"  # "522 33", as a postnummer is written
# What may come before a postal code: "postnummer (är)", or the end of a street line
# ("...gatan 12", "...vägen 4 B", "lgh 1102", "2 tr") with an optional comma.
_POST_WORD = r"(?:postnummer|postnumret|postnr)\.?(?:[ ]+(?:är|blir))?[ :]{1,3}"
_SUFFIXES = "|".join(sorted({re.escape(s) for s in address.STREET_SUFFIXES}, key=len, reverse=True))
_FILLER = r"(?:eh|öh|ehm)"
_CLAUSE_END = r"(?=[ ]*(?:[.,!?]|$))"  # no unit, no more digits after it: "795 30 meter", "123 45 67"


def _street_end(towns: str = "") -> str:
    """The end of a street line, and the town after it if any; `towns`: an alternation of post
    towns also found in lowercase ("i sollentuna eh hundranittiotvå sextioåtta")."""
    town = rf"(?-i:[A-ZÅÄÖ][{_L}-]+)(?:[ ](?-i:[A-ZÅÄÖ])[{_L}-]+)?" + (rf"|(?:{towns})(?![{_L}])" if towns else "")
    return (
        rf"(?:(?:{_SUFFIXES})(?:[ ]+{_FILLER})?[ ]+(?:\d{{1,4}}|[{_L}]+)(?:[ ]?[a-hA-H])?"
        rf"(?:,?[ ]+(?:lgh|lägenhet)[ ]+\d{{4}})?(?:,?[ ]+\d[ ]?tr)?"
        # and the town between them: "Tallstigen 4 i Hedemora, 776 33", "Tallstigen 4, Hedemora, 776 33",
        # "uppe i Hedemora", "i Gamla Uppsala", "i Gnesta, eh, 646 31", "det är i västra frölunda"
        rf"(?:,?[ ]+(?:det[ ]+är[ ]+)?(?:(?:uppe|nere|ute|borta)[ ]+)?(?:i[ ]+)?(?:{town}))?"
        # "jag bor på Lönngatan tre nu, två ett fyra ...", "Storgatan 62 lägenhet 1203 det är 941 32"
        rf"(?:,?[ ]+(?:{_FILLER}|nu|då|alltså|det[ ]+är))?,?[ ]{{1,2}})"
    )


_STREET_END = _street_end()


@lru_cache(maxsize=1)
def _town_alt() -> str:
    return "|".join(re.escape(t) for t in sorted(address.towns(), key=len, reverse=True))


def _town_next() -> str:
    """A post town right after a postal code: "532 31 Skara", "722 19, Västerås", "fem tre två tre
    två eh skara"."""
    return rf"[,.]?[ ]{{1,3}}(?:{_FILLER}[,.]?[ ]+)?(?:i[ ]+)?(?:{_town_alt()})(?![{_L}])"


def _regexes() -> list[tuple[str, str]]:
    town_ahead = rf"(?={_town_next()})"
    start = r"(?<![\d.:+\-/])(?<![\d,.][,])"  # "7B,75444 UPPSALA" as an exporter glues it; not "1,75444"
    end = r"(?![\d]|[,.:]\d)"
    return [
        ("postal code before a post town", rf"{start}{_CODE}{end}{town_ahead}"),
        ("postal code after 'postnummer'", rf"{start}(?<={_POST_WORD}){_CODE}{end}"),
        ("postal code after a street line", rf"{start}(?=[1-9])(?<={_STREET_END}){_CODE}{end}"),
        # after "i" and its post town (with its capital), ending a clause: in the turn ("ja i
        # Järfälla 177 42"), or opening the answer to a turn that only names the town ("Agent: i
        # Linköping" / "Kund: ja 582 42") or ends on a street line and its town ("till Bruksgatan 17
        # i Kolbäck?" / "ja det stämmer, 734 31");
        # written as a postnummer is, "NNN NN"
        (
            "postal code after its post town",
            rf"{start}(?<=(?<![{_L}])i[ ]+(?-i:{_town_alt()}),?[ ]+){_CODE_SPACED}{_CLAUSE_END}",
        ),
        (
            "postal code answering its post town",
            rf"{start}(?<=(?:^|\n)[^\n:]{{1,40}}:(?:[ ]*(?:(?:ja|och|okej|mm)[,]?[ ]+)?|[^\n]{{0,60}}(?:{_SUFFIXES})[ ]+\d{{1,4}}"
            rf"(?:[ ]?[A-Ha-h])?,?[ ]+)i[ ]+(?-i:{_town_alt()})[.?]?[ ]*"
            rf"\n[^\n:]{{1,40}}:[ ]*(?:(?:ja|jo|precis|japp|mm|det är|det stämmer|stämmer)[,.]?[ ]+){{0,2}}){_CODE_SPACED}"
            rf"{_CLAUSE_END}",
        ),
        # opening a turn one or two turns after one that ends asking for it, as a read-back of an
        # unsure answer ("ryds allé 4 lgh 1203 postnummer" / "oj fem åtta fyra nånting trettiotvå" /
        # "584 32 jag ber henne bekräfta det")
        (
            "postal code opening a turn after its question",
            rf"{start}(?<=(?i:postn(?:ummer|umret|r))[ ?.]*\n(?:[^\n]*\n)?[^\n:]{{1,40}}:[ ]*){_CODE_SPACED}(?![^\n]{{0,40}}(?:kr|kronor|sek|:-)(?![{_L}]))",
        ),
        # asked to confirm after the street line: "Gräsvägen 8... jag hittar två, är det 522 33?"
        (
            "postal code confirmed after a street line",
            rf"{start}(?<=(?:{_SUFFIXES})[ ]+\d{{1,4}}[^\n?!]{{0,40}}){_CODE_SPACED}(?=[ ]*\?)",
        ),
    ]


_TOWN_AFTER_RX = None
_BEFORE_RX = None


def _town_after() -> re.Pattern:
    global _TOWN_AFTER_RX
    if _TOWN_AFTER_RX is None:
        _TOWN_AFTER_RX = re.compile(_town_next(), re.IGNORECASE)
    return _TOWN_AFTER_RX


def _before() -> re.Pattern:
    global _BEFORE_RX
    if _BEFORE_RX is None:
        import regex

        _BEFORE_RX = regex.compile(rf"(?:{_POST_WORD}|{_street_end(_town_alt())})$", regex.IGNORECASE)
    return _BEFORE_RX


@lru_cache(maxsize=1)
def _street_before() -> re.Pattern:
    import regex

    return regex.compile(rf"{_street_end(_town_alt())}$", regex.IGNORECASE)


def after_street_line(text: str, start: int) -> bool:
    """A street line ends right before `start` ("Kastanjegatan 19, ")."""
    return _street_before().search(text[max(0, start - 60) : start]) is not None


def looks_like_postal_position(text: str, start: int, end: int) -> bool:
    """A post town right after, or 'postnummer'/a street line right before."""
    if _town_after().match(text, end):
        return True
    return _before().search(text[max(0, start - 60) : start]) is not None


def canonical(text: str) -> str:
    digits = numbers.number_digits(text)
    return f"{digits[:3]} {digits[3:]}" if len(digits) == 5 else digits


class KlangPostalCodeRecognizer(PatternRecognizer):
    def __init__(self, supported_language: str = "sv"):
        super().__init__(
            supported_entity=ENTITY,
            patterns=[Pattern(name, rx, 0.6) for name, rx in _regexes()],
            context=CONTEXT,
            supported_language=supported_language,
            name=type(self).__name__,
        )

    def may_match(self, text: str) -> bool:
        """Cheap gate: written digits only."""
        return numbers.has_digit(text)

    def validate_result(self, pattern_text: str) -> bool | None:
        return len(ascii_digits(pattern_text)) == 5 or False


class KlangSpokenPostalCodeRecognizer(base.DigitWindowRecognizer):
    """Spoken postal codes ("fem tre två trettioett Skara", "femhundratrettiotvå trettioett")."""

    ENTITY = ENTITY
    LENGTHS = (5,)
    CONTEXT = CONTEXT

    def score_window(self, text, window):
        if window.digits[0] == "0" or window.crosses_turn:
            return None
        return 0.7 if looks_like_postal_position(text, window.start, window.end) else None
