"""SE_ADDRESS (street line) and LOCATION (post town after an address or a postal code).

Street line: a street name + house number (+ letter) (+ "lgh 1102" / "lägenhet 1102" / "2 tr"),
as written ("Lövstigen 4B, lägenhet 1102") or as ASR writes speech ("storgatan tolv",
"kungsgatan fyrtiotre b"). A street name is recognised by its ending (gazetteer
`data/street_suffixes.txt`: -gatan, -vägen, -gränd, -stigen, ...), either compounded
("Storgatan") or after a genitive ("Olof Palmes gata") or an adjective ("Gamla vägen", "Stora
torget"). Endings that are also everyday compounds (-plan: "betalningsplan", -platsen, -backen,
...) count only when the word is capitalised; a short stop list removes road words ("motorvägen",
"riksväg 40").

Post town: a municipality or post town from the gazetteers (`data/municipalities.txt`,
`data/post_towns.txt`) right after a number: the postal code ("722 19 Västerås"), the house
number/letter/flat ("Storgatan 12, Västerås", "Lövstigen 4B i Umeå") or a spoken number
("sju två två nitton västerås"). Town names that are also common words ("Mora", "Vara", "Lund",
"Mark") must be capitalised, except right after a postal code or "<house number> i". Anywhere else, towns are left to the NER model.

Spoken house numbers 1-99 (`NUMBER_WORDS`) are made from the spoken-number engine's word list
(recognizers/numbers.py), and 100-999 from them and "hundra".
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import regex
from presidio_analyzer import Pattern, PatternRecognizer

from recognizers.heuristics import lowered, mentions, when_word
from recognizers.lexicon import shipped_lexicon
from recognizers.numbers import (
    COMPOUND_UNITS,
    STANDALONE_ONLY,
    TEEN_WORDS,
    TENS_WORDS,
    has_digit,
    parse_word,
    words_to_digits,
)

ENTITY = "SE_ADDRESS"
LOCATION = "LOCATION"
DATA = Path(__file__).resolve().parent / "data"

# House numbers 1-99 in words, from the spoken-number engine's word list: the unit words of a
# compound ("tjugoen", "fyrtiotre"; "en" is only accepted there), teens and tens as ASR writes
# them; not the digit names ("etta", "sjua") or "tju", which stand alone only.
_UNITS = {w: v for w, v in COMPOUND_UNITS.items() if w != "en"}
_TEENS = TEEN_WORDS
_TENS = {w: v for w, v in TENS_WORDS.items() if w not in STANDALONE_ONLY}

NUMBER_WORDS: dict[str, int] = {**_UNITS, **_TEENS, **_TENS}
for _t, _tv in _TENS.items():
    for _u, _uv in COMPOUND_UNITS.items():
        NUMBER_WORDS[_t + _u] = _tv + _uv
        NUMBER_WORDS[f"{_t} {_u}"] = _tv + _uv


def _alt(words) -> str:
    return "|".join(re.escape(w).replace(r"\ ", "[ ]+") for w in sorted(words, key=len, reverse=True))


def read_list(name: str) -> list[str]:
    """A list of recognizers/data (one entry a line, "#" opens a comment line)."""
    lines = (DATA / name).read_text("utf-8").splitlines()
    return [ln.strip() for ln in lines if ln.strip() and not ln.startswith("#")]


# Detection reads "é" as "e" (recognizers.fold): "allén" also as "allen" ("alle" alone would take "Kalle").
_FOLDED_SUFFIXES = ["allen", "alleen"]
STREET_SUFFIXES = read_list("street_suffixes.txt") + _FOLDED_SUFFIXES
# Endings that are also everyday compound nouns: only accepted on a capitalised word.
PROPER_ONLY_SUFFIXES = {
    "plan",
    "planen",
    "platsen",
    "plats",
    "backen",
    "backe",
    "leden",
    "parken",
    "hagen",
    "ängen",
    "kullen",
    "lunden",
    "höjden",
    "udden",
    "gången",
    "trappan",
    "ringen",
    "bryggan",
    "sluttningen",
    "liden",
    "vången",
    "kajen",
    "stråket",
    "gärdet",
    "svängen",
    "kroken",
    "slingan",
    "promenaden",
    "gården",
    "byn",
    "holmen",
    "brynet",
    "gläntan",
    *_FOLDED_SUFFIXES,
    # (abroad, those that end no Swedish word are taken in lowercase too: "ryesgade fyrtiofyra",
    # "toftesvej 12", "nygårdsgaten nittiotre")
    *"gate vei katu tie weg".split(),
}
# Road words, not addresses ("motorvägen 40", "riksväg 50"), unless capitalised.
ROAD_WORDS = re.compile(
    r"^(?:motor|riks|läns|europa|cykel|gång|gen|om|lands|bil|skogs|grus|åter|hem|bak|fram|mellan|halv|"
    r"väg|sido|in|ut|till|vinter|sommar)(?:väg|vägen|gata|gatan|led|leden)$"
    r"|^(?:bri|blocka|kaska|arka)gade$"  # words that end as a Danish street does: "en brigade"
)
# A standalone ending after a genitive ("Olof Palmes gata") or an adjective ("Gamla vägen").
_STANDALONE = [
    "gata",
    "gatan",
    "väg",
    "vägen",
    "gränd",
    "gränden",
    "torg",
    "torget",
    "allé",
    "allén",
    "alle",  # "allé" as detection reads it (a word of its own here: "Ryds allé")
    "allen",
    "backe",
    "backen",
    "stig",
    "stigen",
    "plan",
    "plats",
    "platsen",
    # abroad: "Thorvald Meyers gate", "Kongens vej"
    "gate",
    "vei",
    "veien",
    "vej",
]
_ADJECTIVES = [
    "stora",
    "lilla",
    "gamla",
    "nya",
    "norra",
    "södra",
    "östra",
    "västra",
    "övre",
    "nedre",
    "sankt",
    "s:t",
]

_L = "a-zåäöéüøæßA-ZÅÄÖÉÜØÆ"  # with the Danish, Norwegian and German letters of streets abroad
# NUMBER_WORDS as a compact regex (tens + optional unit | teens | units), not a 300-way alternation.
_ONE_TO_99 = rf"(?:(?:{_alt(_TENS)})(?:[ ]?(?:{_alt(COMPOUND_UNITS)}))?|{_alt(_TEENS)}|{_alt(_UNITS)})"
# ... and 100-999, a long road's numbers: "Sollentunavägen hundrasextioåtta", "tvåhundratolv"
_HUNDREDS = (
    rf"(?:(?:(?:{_alt(_UNITS)}|ett)[ ]?)?hundra(?:[ ]?{_ONE_TO_99})?"
    r"(?![ ]*(?:meter|kilometer|km\b|mil\b|kronor|kr\b|spänn)))"  # a distance or a price, not a house
)
_NUM_WORDS_ALT = rf"(?:{_HUNDREDS}|{_ONE_TO_99})(?![a-zåäöéü])"
# (digits one by one as some speech-to-text writes them: "Hornsgatan 1 5 8", "lägenhet 1 1 03")
_HOUSE_NO = rf"(?:\d(?:[ ]\d){{1,2}}(?!\d)|\d{{1,4}}|(?:{_NUM_WORDS_ALT})(?![{_L}]))"
_LETTER = rf"(?:[ ]?[a-hA-H](?![{_L}\d]))"
# the flat: "lägenhet 1102", "rum 214", or its four digits alone after a comma ("Kastanjegatan 19, 1204";
# a postnummer has five; not a year or an amount: "Kastanjegatan 19, 2019 till 2022")
_FLAT = (
    r"(?:,?[ ]+(?:lgh\.?|lägenhet|lägenhetsnummer|lägenhetsnumret|lägenhetsnr)[ ]+(?:nummer[ ]+|nr[ ]+)?\d(?:[ ]?\d){3}(?!\d)|"
    r",?[ ]+rum[ ]+\d{1,4}(?!\d)|"
    r",[ ]+(?!(?:19|20)\d\d)\d{4}(?![\d]|[ ]\d|[ ]*(?:kr|kronor|sek|mil|km|:-)))"
)
# the floor, written or said: "2 tr", "tredje våningen", "två trappor upp"
_FLOOR_NO = r"(?:\d[ ]?|(?:en|ett|två|tre|fyra|fem|sex|sju|åtta|nio|tio)[ ]+)"
_FLOOR = (
    rf"(?:,?[ ]+(?:{_FLOOR_NO}(?:tr|trappor|trappa|trp)(?:[ ]+upp)?|"
    r"(?:första|andra|tredje|fjärde|femte|sjätte|sjunde|åttonde|nionde|tionde|\d{1,2}:?[ae])[ ]+(?:våningen|vån|våning))"
    rf"(?![{_L}]))"
)
# The whole word first (possessive, no backtracking), then: does it end in a street suffix?
# (one capital before the ending is a whole name too: "Ågatan", "Övägen")
_COMPOUND = rf"[{_L}]{{3,}}+(?<=(?:[{_L}]{{2}}|(?<![{_L}])(?-i:[A-ZÅÄÖ]))(?:{_alt(STREET_SUFFIXES)}))"
_GENITIVE = rf"(?:(?-i:[A-ZÅÄÖ][a-zåäöéü]+)[ ]+)?[{_L}]{{2,}}s[ ]+(?:{_alt(_STANDALONE)})"
# ... or any capitalised adjective in its -a form before a standalone ending ("Gröna gatan", "Långa vägen")
_WITH_ADJ = (
    rf"(?:(?:{_alt(_ADJECTIVES)})[ ]+(?:{_COMPOUND}|{_alt(_STANDALONE)})"
    rf"|(?-i:[A-ZÅÄÖ][a-zåäö]{{2,}}a)[ ]+(?:{_alt(_STANDALONE)}))"
)
# streets abroad named after the word for street: "Ulica Długa", "Calle Mayor", "Rue de Rivoli"
_STREET_WORDS_ABROAD = ("ulica ", "calle ", "avenida ", "rue ", "via ", "rua ", "carrer ")  # as the gate looks for them
_PREFIXED = (
    # the word for street in either case ("ulica Długa 14"), the name capitalised
    rf"(?-i:(?:{'|'.join(w.strip().capitalize() + '|' + w.strip() for w in _STREET_WORDS_ABROAD)})(?:[ ]+(?:de|del|la|di|da|do|des|du))?"
    rf"(?:[ ]+[A-ZÅÄÖ][{_L}ńłśźżąęóć]+){{1,3}})"
)
_STREET = rf"(?:{_WITH_ADJ}|{_GENITIVE}|{_PREFIXED}|{_COMPOUND})"
# (a filler may stand between the street and its number: "till Ringvägen, eh, fjorton B")
_ADDRESS_REGEX = (
    rf"(?<![{_L}\d-]){_STREET}(?:,?[ ]+(?:eh|öh|ehm),?)?[ ]+(?:nummer[ ]+|nr\.?[ ]+)?{_HOUSE_NO}{_LETTER}?{_FLAT}?{_FLOOR}?"
    rf"(?![{_L}\d])"
)

# Town names that are also Swedish words or common names: must be capitalised.
AMBIGUOUS_TOWNS = {
    "Vara",
    "Mark",
    "Lund",
    "Kil",
    "Sala",
    "Mora",
    "Åre",
    "Boden",
    "Ale",
    "Berg",
    "Eda",
    "Nora",
    "Flen",
    "Habo",
    "Heby",
    "Orsa",
    "Viken",
    "Lima",
    "Dingle",
    "Åsa",
    "Kode",
    "Bohus",
    "Dalby",
    "Salem",
    "Ystad",
    "Kinda",
    "Grums",
    "Hjo",
    "Töre",
    "Duved",
    "Idre",
    "Handen",
    "Gimo",
    "Bjuv",
    "Osby",
    "Lerum",
    "Kumla",
    "Kalix",
    "Säter",
    "Klippan",
    "Arboga",
    "Sunne",
    "Tanum",
    "Orust",
    "Tjörn",
    "Hylte",
    "Ydre",
    "Malå",
    "Laxå",
    "Sveg",
    "Insjön",
    "Husum",
    "Sälen",
    "Ljusne",
    "Taberg",
}


@lru_cache(maxsize=1)
def towns() -> list[str]:
    seen: dict[str, None] = {}
    for name in read_list("municipalities.txt") + read_list("post_towns.txt"):
        seen.setdefault(name, None)
    return list(seen)


@lru_cache(maxsize=1)
def one_word_towns() -> frozenset[str]:
    """The towns named in one word, casefolded: to look a word up ("kungälv", "Stockholm")."""
    return frozenset(t.casefold() for t in towns() if " " not in t)


def _town_regex() -> str:
    plain = [t for t in towns() if t not in AMBIGUOUS_TOWNS]
    ambiguous = [t for t in towns() if t in AMBIGUOUS_TOWNS]
    num = rf"(?:{_NUM_WORDS_ALT}|noll)"
    # The number before the town is matched and dropped from the span with \K (cheaper than a
    # lookbehind tried at every position): a postal code/house/flat number, a house letter or a
    # spoken number, optionally with a comma and "i".
    before = (
        rf"(?:(?<![{_L}\d])\d+|(?<![{_L}])(?:\d|{num})[ ]?[a-hA-H]|(?<![{_L}]){num})"
        rf"[,.]?[ ]{{1,3}}(?:det[ ]+är[ ]+)?(?:i[ ]+)?"  # "femton a det är i västra frölunda"
    )
    # Ambiguous names in lower case only where the address is unmistakable: after a postal code
    # (written, or two spoken numbers) or after "<number> i".
    strong = rf"(?:(?<=\d{{3}}[ ]?\d{{2}}[,.]?[ ]{{1,3}})|(?<={num}[ ]+{num}[,.]?[ ]{{1,3}})|(?<=[ ]i[ ]+))"
    return (
        rf"{before}\K(?:{_alt(plain)}|(?-i:{_alt(ambiguous)})|{strong}(?:{_alt(ambiguous)}))"
        rf"(?![{_L}\d-])"
    )


ADDRESS_CONTEXT = [
    "adress",
    "adressen",
    "bor",
    "boende",
    "gatuadress",
    "postadress",
    "folkbokförd",
    "flyttat",
    "flytta",
    "lägenhet",
    "lgh",
    "leveransadress",
    "fakturaadress",
    "anläggningsadress",
]
TOWN_CONTEXT = ["adress", "adressen", "bor", "postnummer", "postort", "ort", "flyttat"]


def _number_value(word: str) -> int | None:
    return NUMBER_WORDS.get(" ".join(word.lower().split()))


# A spoken house number as a whole word, for the canonical form (case-folded text).
_SPOKEN_NUMBER = re.compile(rf"(?<![{_L}]){_NUM_WORDS_ALT}")


def canonical(text: str) -> str:
    """Case-folded street line with spoken house numbers as digits and "lgh" for the flat:
    "Storgatan tolv" and "storgatan 12" give the same key."""
    out = " ".join(text.casefold().replace(",", " ").split())
    out = _SPOKEN_NUMBER.sub(lambda m: str(NUMBER_WORDS.get(m.group(0)) or words_to_digits(m.group(0))), out)
    out = re.sub(
        r"\b(?:lägenhet|lägenhetsnummer|lägenhetsnumret|lägenhetsnr|lgh\.?)\s+(?:nummer\s+|nr\s+)?", "lgh ", out
    )
    out = re.sub(r"(\d)\s+([a-h])\b", r"\1\2", out)
    out = re.sub(r"\s+(?:nummer|nr\.?)\s+(\d)", r" \1", out)
    return out


# Every street line contains one of these as a substring (a compound's ending or a standalone word).
_STREET_ENDINGS = tuple(sorted({w.lower() for w in STREET_SUFFIXES} | set(_STANDALONE)))
_WORD = re.compile(r"\w+")
# In the answer to "Vilken adress?" a street line needs no capital, and road words count:
# "till ringvägen fyrtiotvå b" (recognizers/dialogue_slots.py).
_ANSWER_LINE = re.compile(
    rf"(?<![{_L}\d-])(?:[{_L}]{{2,}}|(?-i:[A-ZÅÄÖ]))(?:{_alt(_STREET_ENDINGS)})(?:,?[ ]+(?:eh|öh|alltså|nummer|nr\.?),?|[ ]*(?:\.\.\.|…)(?=[ ,]+(?:nummer[ ]+)?{_HOUSE_NO}))*(?:[ ]+{_HOUSE_NO}"
    rf"{_LETTER}?{_FLAT}?)?(?![{_L}])",
    re.IGNORECASE,
)


# ... and a street abroad in lowercase, its word for street apart: "eppendorfer weg hundrafyrtiotvå"
_ANSWER_ABROAD = re.compile(
    rf"(?<![{_L}\d-])[{_L}]{{3,}}[ ]+(?:weg|straße|strasse|gate|vej|gade|vei|veien|katu|tie|allee|street|road)"
    rf"[ ]+{_HOUSE_NO}{_LETTER}?(?![{_L}])",
    re.IGNORECASE,
)


# An answer that opens with a capitalised name and a house number is the address, whatever the
# name ends in: "Solvändan 7, det är ett radhus.", "Till mig: Hagaberg 3".
# (the number also said: "Hagalund sex C", "Norrby fyrahundratolv")
_PLACE_AND_NUMBER = (
    rf"(?P<place>(?-i:[A-ZÅÄÖ])[{_L}]+(?:[ -](?-i:[A-ZÅÄÖ])[{_L}]+)?[ ]+"
    rf"(?:\d{{1,4}}|(?:{_NUM_WORDS_ALT}|[{_L}]*hundra[{_L}]*)(?![{_L}]))(?:[ ]?[a-hA-H](?![{_L}]))?)"
)
_ANSWER_PLACE = re.compile(
    rf"^[ ]*(?:(?:ja|jo|det är|det blir|till|till mig|(?:jag |vi )?bor på)[,:.]?[ ]+)*{_PLACE_AND_NUMBER}(?![{_L}\d])",
    re.IGNORECASE,
)
# ... or stands on its own between commas: "Ute på landet, Västanby 212, utanför Mora."
_ANSWER_PLACE_LATER = re.compile(rf"(?<=[,:])[ ]+{_PLACE_AND_NUMBER}(?=[ ]*(?:[,.!?]|$))")


def mentions_street(text: str) -> bool:
    """A street ending is in the text (a cheap test before any street line pattern)."""
    return mentions(text, _STREET_ENDINGS) or mentions(text, _STREET_WORDS_ABROAD)


@lru_cache(maxsize=1)
def _full_line() -> regex.Pattern:
    """The street line pattern, compiled when first needed, as Presidio compiles it (lookbehinds of any width)."""
    return regex.compile(_ADDRESS_REGEX, regex.IGNORECASE)


# A word alone with a street's ending that is an everyday word: "Vi får adressen från
# folkbokföringen", "försäkringen", "parkeringen" (-ering, -föring, -säkring, -ändring), a past
# tense in lowercase ("frågade", "loggade": the Danish street's "-gade"), "förväg", "poängen".
_NOMINAL_ENDING = re.compile(r"(?:er|ör|äkr|ndr)ingen$", re.IGNORECASE)  # not "Björkringen", "Parkringen"
_LOWERCASE_PAST = re.compile(r"[a-zåäö]*[aåoug]gade")  # not "vestergade", "nørregade"


def _not_a_street(line: str) -> bool:
    """One word with a street's ending that is an everyday word, not a street without its number."""
    return " " not in line and (
        bool(_NOMINAL_ENDING.search(line) or _LOWERCASE_PAST.fullmatch(line))
        or "common" in shipped_lexicon().get(line.lower(), set())
    )


def answer_street_lines(text: str) -> list[tuple[int, int]]:
    """Street lines in an answer to an address question, by their ending alone ("Björkvägen, eh,
    fjorton"; "Kvarnbacksvägen." with the number in the next turn; a street abroad with its word for
    street apart, "eppendorfer weg hundrafyrtiotvå"), or a name and house number
    that open the answer ("Solvändan 7, det är ett radhus.") or stand between commas ("Ute på
    landet, Västanby 212, utanför Mora.")."""
    found = [m.span() for m in _ANSWER_LINE.finditer(text) if not _not_a_street(m.group(0))]
    # ... and a street abroad in lowercase ("eppendorfer weg hundrafyrtiotvå"), and a street line whose
    # ending stands apart ("Thereses gate tjugoåtta", "Gröna gatan 6"), where no line was found yet
    for pattern in (_ANSWER_ABROAD, _full_line()):
        found += [m.span() for m in pattern.finditer(text) if not any(s < m.end() and m.start() < e for s, e in found)]
    places = [m.span("place") for m in [_ANSWER_PLACE.match(text)] if m]
    places += [m.span("place") for m in _ANSWER_PLACE_LATER.finditer(text)]
    # a number is no place: "Sjuhundrafemtiotvå sextiotre" is a postnummer, "Noll sju noll" a phone
    places = [(s, e) for s, e in places if not parse_word(text[s:e].split()[0])]
    found += [p for p in places if not any(s <= p[0] < e for s, e in found)]
    return sorted(found)


_NUMBER_STEMS = tuple(sorted(set(_UNITS) | set(_TEENS) | set(_TENS) | {"noll", "hundra"}))


@lru_cache(maxsize=1)
def _town_first_words() -> frozenset[str]:
    return frozenset(_WORD.findall(t.lower())[0] for t in towns())


# A street named as someone's home without its number: "Vi bor på Sernanders väg, så ..."
_HOME_STREET_REGEX = (
    rf"(?<![{_L}])(?:bor|bodde)(?:[ ]+(?:kvar|nu|numera|fortfarande))?[ ]+på[ ]+\K(?=(?-i:[A-ZÅÄÖ])){_STREET}"
    rf"(?![{_L}\d])"
)


class KlangAddressRecognizer(PatternRecognizer):
    PATTERNS = [
        Pattern("swedish street address", _ADDRESS_REGEX, 0.55),
        Pattern("street someone lives on", _HOME_STREET_REGEX, 0.55),
    ]

    def __init__(self, supported_language: str = "sv"):
        super().__init__(
            supported_entity=ENTITY,
            patterns=self.PATTERNS,
            context=ADDRESS_CONTEXT,
            supported_language=supported_language,
            name=type(self).__name__,
        )

    def may_match(self, text: str) -> bool:
        """Cheap gate for the detector: no street ending, no street line."""
        return mentions_street(text)

    def validate_result(self, pattern_text: str) -> bool | None:
        m = re.match(rf"[{_L}:]+", pattern_text)
        first = m.group(0) if m else ""
        street_word = re.match(
            rf"(?:(?:[{_L}:]+[ ]+)*?)([{_L}]+)[ ]+(?:nummer[ ]+|nr\.?[ ]+)?(?:\d|{_NUM_WORDS_ALT})",
            pattern_text,
            flags=re.I,
        )
        word = street_word.group(1) if street_word else first
        return not first[:1].islower() or lowercase_street(word)


def lowercase_street(word: str) -> bool:
    """A street's word that may stand in lowercase: not one whose ending is an everyday compound's
    only ("-backen", "-leden"), nor a road ("motorvägen", "riksväg")."""
    lower = word.lower()
    if any(lower.endswith(s) and len(lower) > len(s) for s in PROPER_ONLY_SUFFIXES) and not any(
        lower.endswith(s) for s in STREET_SUFFIXES if s not in PROPER_ONLY_SUFFIXES
    ):
        return False
    return not ROAD_WORDS.match(lower)


# One word that is a street's name, in any case ("lärkvägen", "Rinkebysvingen")
ONE_WORD_STREET = regex.compile(rf"(?<![{_L}]){_COMPOUND}(?![{_L}\d-])", regex.IGNORECASE)


# Where someone lives: "jag bor i bollebygd nu", "vi har flyttat till Gnesta", "vi bor långt ut, i
# Järbo", "här i Alunda" (towns that are no ordinary word, in any case).
_LIVES_IN = r"(?:(?:bor|bodde|bosatt|bosatta|flytta[rt]?|flyttade)\b[^.\n\d]{0,20}?[ ](?:i|till)|här[ ]+i)[ ]+"


def _lives_in_regex() -> str:
    plain = [t for t in towns() if t not in AMBIGUOUS_TOWNS]
    return rf"(?<![{_L}]){_LIVES_IN}\K(?:{_alt(plain)})(?![{_L}])"


class KlangPostTownRecognizer(PatternRecognizer):
    """LOCATION: the post town of an address (after a postal code or a street line), or the town
    someone lives in ("jag bor i bollebygd")."""

    def __init__(self, supported_language: str = "sv"):
        super().__init__(
            supported_entity=LOCATION,
            patterns=[
                Pattern("swedish post town after an address", _town_regex(), 0.6),
                Pattern("the town someone lives in", _lives_in_regex(), 0.6),
            ],
            context=TOWN_CONTEXT,
            supported_language=supported_language,
            name=type(self).__name__,
        )

    def may_match(self, text: str) -> bool:
        """Cheap gate for the detector: a town's first word as a word of the text, and a number
        (digit or number word) or "bor"/"flytta" somewhere before it could be."""
        if not (
            has_digit(text) or mentions(text, _NUMBER_STEMS) or mentions(text, ("bor", "bodde", "flytta", "här i"))
        ):
            return False
        return not _town_first_words().isdisjoint(_WORD.findall(lowered(text)))


# A capitalised place right after "bor i" that no gazetteer lists: "Jag bor kvar uppe i Moskosel",
# "Vi bor långt ut, i Järbo" (not a country: "bor i Norge").
_CARE_HOMES = "äldreboende|vårdboende|demensboende|gruppboende|serviceboende|servicehus|vård-?[ ]och[ ]omsorgsboende|omsorgsboende"
_HOME_PLACE = (
    # (an adverb between: "bor kvar", "bor långt ut, i Järbo", "Han bor närmare, i Kallhäll")
    # (the subject after the verb: "nu bor jag i Tranås", "där bor ja i Mora" in dialect)
    rf"(?<![{_L}])(?:bor|bodde)(?:[ ]+(?:jag|ja|vi|han|hon|hen|de|dom|du|ni))?"
    rf"(?:[ ]+(?:kvar|fortfarande|numera|nu|ju|långt ut|närmare|också|ihop|själv|ensam),?)?"
    rf"(?:[ ]+(?:uppe|nere|ute|borta))?"
    # ... also after the home itself: "han bor kvar i huset i Vittangi"
    rf"(?:[ ]+i[ ]+(?:huset|lägenheten|stugan|villan|radhuset|en villa|ett hus|en lägenhet|ett radhus))?"
    rf"[ ]+i[ ]+\K(?:(?-i:[A-ZÅÄÖ])[{_L}]{{2,}}|(?-i:[a-zåäöü])[{_L}]{{3,}})(?![{_L}])"
    # ... or right before "där vi bor": "vi ska till Ödeshög där vi bor"
    rf"|(?<![{_L}])(?-i:[A-ZÅÄÖ])[{_L}]{{2,}}(?=,?[ ]+där[ ]+(?:vi|jag|han|hon|de|dom|ni)[ ]+bor\b)"
    # ... or where someone has moved: "vi har flyttat till Smedby", "jag har flyttat till Norge", "i juni
    # flyttar vi till Åbo", in lowercase as "bor i" after "flyttat" or "flyttade" ("vi flyttade till
    # andersberg i oktober"; not "flytta numret till comviq", "flytta till fondkontot")
    rf"|(?<![{_L}])(?:flyttat|flyttar|flyttade|flytta)(?:[ ]+(?:jag|vi|han|hon|hen|de|dom))?(?:[ ]+hem)?[ ]+till[ ]+"
    rf"\K(?:(?-i:[A-ZÅÄÖ])[{_L}]{{2,}}|(?<=(?:flyttat|flyttade)[ ]+till[ ]+)(?-i:[a-zåäöü])[{_L}]{{3,}})(?![{_L}])"
    rf"(?![ ]+(?:{_CARE_HOMES}))"
    # ... or a care home by its name: "Solbackens äldreboende" (where someone lives, and few do)
    rf"|(?<![{_L}])(?-i:[A-ZÅÄÖ])[{_L}]{{2,}}s[ ]+(?:{_CARE_HOMES})(?![{_L}])"
    # ... in lowercase where someone lives on it: "mamma bor på solgårdens äldreboende nu", "nu bor
    # hon på lindgårdens vård och omsorgsboende"
    rf"|(?<![{_L}])(?:bor|bodde)(?:[ ]+(?:jag|vi|han|hon|hen|de|dom))?(?:[ ]+(?:kvar|nu|numera|fortfarande))?[ ]+på[ ]+\K[{_L}]{{3,}}s[ ]+(?:{_CARE_HOMES})(?![{_L}])"
    # ... or a post town named as one: "postorten är havdhem", "det står havdhem som postort"
    rf"|(?<![{_L}])postort(?:en)?(?:[ ]+(?:är|blir|var))?[ ]+\K[{_L}]{{3,}}(?![{_L}])"
    rf"|(?<![{_L}])[{_L}]{{3,}}(?=[ ]+som[ ]+postort(?![{_L}]))"
    # ... or a village or a farm by what it is called: "jag bor i en by som heter norrbäcken"
    rf"|(?<![{_L}])(?:en[ ]+by|byn|en[ ]+gård|gården|ett[ ]+torp|torpet)(?:[ ]+som)?[ ]+heter[ ]+\K[{_L}]{{3,}}(?![{_L}])"
)


# In lowercase, where speech-to-text writes a place like any word, what follows "bor i" is a place
# only when it is no word of a home: not a common word, not a noun in its definite form ("trappan",
# "radhuset", "föreningen"), not a kind of dwelling ("hyresrätt", "studentkorridor", "andrahand").
_DEFINITE_END = re.compile(r"(?:en|et|an|rna|ar|er|or)$")  # definite, or plural: "bor i kartonger"
_DWELLING = re.compile(r"hus|rätt|korridor|lägenhet|rum|hand|stug|villa|zon|område|kvarter|bostad|hyr|kollektiv|boende")


# ... but a compound ending in a definite word of the land is a village's or a farm's name
# ("norrbäcken", "lillsjöliden", "västergården"; not "backen" alone, which the lexicon knows)
_LAND_END = re.compile(
    r"[a-zåäö]{3,}(?:bäcken|gården|berget|liden|sjön|viken|ängen|backen|dalen|åsen|holmen|näset|torpet|"
    r"skogen|myren|träsket|forsen|heden|hagen|lunden|udden|vallen|tjärnen)$"
)


def _lowercase_home_place(word: str) -> bool:
    return not (
        (_DEFINITE_END.search(word) and not _LAND_END.match(word))
        or _DWELLING.search(word)
        or shipped_lexicon().get(word)
    )


def ordinary_place_word(word: str) -> bool:
    """A common word or a country ("bor i Norge"): no one's home place, capitalised or not."""
    return bool({"common", "country"} & shipped_lexicon().get(word.lower(), set()))


def ordinary_place_name(name: str) -> bool:
    """`ordinary_place_word` for a name of one or two words: an adjective that begins a place's name
    ("Stora Mellösa", "Västra Vemmerlöv") leaves the word after it to decide."""
    words = name.split()
    if len(words) == 2 and words[0].casefold() in _ADJECTIVES:
        return ordinary_place_word(words[1])
    return ordinary_place_word(words[0])


class KlangHomePlaceRecognizer(PatternRecognizer):
    """LOCATION: the place someone lives in, named right after "bor i" or "flyttat till" when no
    gazetteer has it (not a country), a care home by its name ("Solbackens äldreboende"), a post
    town named as one, or a village or a farm by what it is called ("en by som heter ...")."""

    def __init__(self, supported_language: str = "sv"):
        super().__init__(
            supported_entity=LOCATION,
            patterns=[Pattern("the place someone lives in", _HOME_PLACE, 0.6)],
            supported_language=supported_language,
            name=type(self).__name__,
        )

    def may_match(self, text: str) -> bool:
        return mentions(
            text,
            ("bor", "bodde", "boende", "servicehus", "flytta", "postort", "gård", "torp", "by som", "by heter", "byn "),
        )

    def validate_result(self, pattern_text: str) -> bool | None:
        # not a country: most callers' countries the testers' calls keep as ordinary words
        if ordinary_place_word(pattern_text) or (
            pattern_text.isalpha() and pattern_text.islower() and not _lowercase_home_place(pattern_text)
        ):
            return False
        # an appointment moved, not a home: "jag kan flytta till onsdag", "flytta till tjugotredje"
        if when_word(pattern_text) or parse_word(pattern_text.lower()) is not None:
            return False
        # a care home's name, not whose it is: "kommunens äldreboende", "stadens", "nåns"
        owner = pattern_text.split()[0][:-1] if re.search(rf"[ ](?:{_CARE_HOMES})$", pattern_text) else ""
        return not owner or not (len(owner) < 4 or shipped_lexicon().get(owner.lower(), set()) & {"common"})


# The place said last in a turn, right after a street line and its number: "prästgårdsvägen sju
# östervåla", "Gamla landsvägen 112 i skultuna" (a village or a district no gazetteer lists); a word
# no lexicon knows, no noun in its definite form, no dwelling, no word of a number or a confirmation.
# ... or before "och", "men", "alltså", "nej", "postnummer" going on to something else ("Kyrkvägen 17
# Brunflo och ditt eget nummer", "kvarngatan fjorton b i gränby alltså uppsala");
# and the place right before a street line after "i" ("jag bor hos mina föräldrar nu i Brunflo
# Kyrkvägen 17")
_PLACE_AFTER_STREET = (
    rf"(?<![{_L}\d-]){_STREET}[ ]+{_HOUSE_NO}{_LETTER}?,?[ ]+(?:i[ ]+)?\K[{_L}]{{4,}}"
    rf"(?=[ ]*[.?!]?[ ]*$|,?[ ]+(?:och|men|alltså|eller|nej|postnummer|postnumret)[ ]+)"
    rf"|(?<![{_L}])i[ ]+\K[{_L}]{{4,}}(?=,?[ ]+{_STREET}[ ]+{_HOUSE_NO}(?![{_L}\d]))"
)
_NOT_PLACES_AFTER = frozenset(
    "stämmer förlåt noterat ampere precis exakt korrekt toppen perfekt nånstans någonstans ungefär kanske".split()
)


class KlangPlaceAfterStreetRecognizer(PatternRecognizer):
    """LOCATION: the word that ends a turn (or its clause) right after a street line and its number,
    or stands after "i" right before one, when it is no word a lexicon knows, no definite noun and
    no number ("prästgårdsvägen sju östervåla", "i Brunflo Kyrkvägen 17")."""

    def __init__(self, supported_language: str = "sv"):
        super().__init__(
            supported_entity=LOCATION,
            patterns=[Pattern("the place after a street line, last in its turn", _PLACE_AFTER_STREET, 0.55)],
            supported_language=supported_language,
            name=type(self).__name__,
        )

    def may_match(self, text: str) -> bool:
        return mentions_street(text)

    def validate_result(self, pattern_text: str) -> bool | None:
        word = pattern_text.lower()
        return not (
            word in _NOT_PLACES_AFTER
            or word.endswith("nummer")
            or re.fullmatch(_NUM_WORDS_ALT, word)
            or not _lowercase_home_place(word)
        )


class KlangAddressLowercaseRecognizer(PatternRecognizer):
    """Street lines whose ending is also an everyday word ("-slingan", "-backen", "-leden", ...)
    in lowercase ASR text, where `KlangAddressRecognizer` wants a capital: accepted only when the call
    marks them as an address: a postal code or "i <post town>"/"<post town>" right after, or
    "bor på"/"adressen är"/"flyttar till"/"skickades till" right before."""

    def __init__(self, supported_language: str = "sv"):
        proper = _alt(sorted(PROPER_ONLY_SUFFIXES))
        towns_alt = _alt(towns())
        street = rf"[{_L}]{{3,}}+(?<=[{_L}]{{2}}(?:{proper}))"
        line = rf"{street}(?:[ ]+(?:eh|öh|ehm))?[ ]+(?:nummer[ ]+|nr\.?[ ]+)?{_HOUSE_NO}{_LETTER}?{_FLAT}?{_FLOOR}?(?![{_L}\d])"
        after = rf"(?=,?[ ]+(?:\d{{3}}[ ]?\d{{2}}(?!\d)|(?:i[ ]+)?(?:{towns_alt})(?![{_L}])|(?:{_NUM_WORDS_ALT}|noll)[ ]+(?:{_NUM_WORDS_ALT}|noll)))"
        before = (
            r"(?<=(?:bor(?:[ ]+kvar)?[ ]+på|adress(?:en)?[ ]+(?:är[ ]+)?|flytta[rt]?[ ]+till|flyttar[ ]+in[ ]+på|"
            # where a parcel or a letter went: "den skickades till kvarngärdet tolv c"
            r"(?:skickades|skickas|skickat|levereras|levererades|levererats)[ ]+till)[ ]+(?:eh[ ]+|öh[ ]+)?)"
        )
        super().__init__(
            supported_entity=ENTITY,
            patterns=[
                Pattern(
                    "street line (everyday ending) before a postal code/town", rf"(?<![{_L}\d-]){line}{after}", 0.55
                ),
                # not "levererades till arbetsplatsen två gånger"
                Pattern(
                    "street line (everyday ending) after 'bor på'",
                    rf"(?<![{_L}\d-]){before}{line}(?![ ]+(?:gång|gånger|dagar|veckor|timmar|minuter)\b)",
                    0.55,
                ),
            ],
            context=ADDRESS_CONTEXT,
            supported_language=supported_language,
            name=type(self).__name__,
        )

    def may_match(self, text: str) -> bool:
        return mentions(text, PROPER_ONLY_SUFFIXES)

    def validate_result(self, pattern_text: str) -> bool | None:
        first = pattern_text.split()[0].lower()
        return not ROAD_WORDS.match(first) and not first.endswith(("betalningsplan", "planen"))
