"""SE_VEHICLE_REGISTRATION: a Swedish registration number (registreringsnummer), written or spelled.

A plate is three letters and three characters: "ABC 123", since 2019 also "ABC 12D" (letters A-Z
without I, Q, V, Å, Ä, Ö; the last one not O either). Transportstyrelsen's register gives the
owner, so a plate said in a call is personal data. Three letters and three digits are also model
names, currencies and codes ("GTX 970", "PLN 450", "ERR 503"), so a plate is taken only in a text
that speaks of a vehicle (bilen, regnummer, skylten, fordonet, parkering, motorcykeln):

- in capitals ("DKR 447", "MLB 82C"), anywhere in such a text (a call about a car), unless the
  letters are a currency, a unit, a brand or a model ("SEK 100", "BMW 330");
- a plate from abroad after the car is named as foreign ("en dansk bil, CX 48 317"), and a German
  one right after the plate is asked for or named ("Vilket registreringsnummer har husbilen?" /
  "HH-KS 4471."), a Spanish one with its digits first or a French one after the car or its number
  is named as of that country ("spanska nummer, 4821 KLM", "en fransk bil, GH-482-KT"); a
  Norwegian or Danish one, two letters and five digits, in lowercase, spelled or said, shortly
  after a plate's word in a call that names Norway or Denmark ("d n femtiofem åttahundratolv");
- in lowercase ("lut 117"), spelled letter by letter ("U, R, S", "e r g") or with the digits in
  words ("ABC ett två tre", "mlb åttiotvå c"), only within 300 characters after or 80 before a
  vehicle word, and not when the letters are a Swedish word ("har 120", "max 150", "zon 412").

A plate split over two turns ("DKR." / "Mm." / "447.") is found as its two parts. In such a text,
a vehicle identification number (VIN, chassinummer: 17 letters and digits without I, O, Q) is
reported as this entity too: it names the vehicle, and the register its owner. The letters may
be spelled with the Swedish or the international spelling alphabet ("Adam Bertil Caesar",
"Kilo Foxtrot Oscar, tre noll åtta").
"""

from __future__ import annotations

import re

from presidio_analyzer import RecognizerResult

from recognizers import numbers
from recognizers.base import TextRecognizer, tagged_result
from recognizers.heuristics import mentions

ENTITY = "SE_VEHICLE_REGISTRATION"
SCORE = 0.7
SPELLED_SCORE = 0.9
_LETTER = "A-HJ-PR-UW-Z"  # no I, Q, V (nor Å, Ä, Ö)
_LAST = "0-9A-HJ-NPR-UW-Z"  # a digit, or a letter other than I, O, Q, V
# Letters that stand before numbers and are no plate: currencies, units, brands, models, codes.
_NOT_PLATES = frozenset(
    """
    sek eur usd nok dkk gbp chf pln cad aud jpy cny isk huf czk try thb inr rub brl mxn zar nzd sgd hkd krw
    kwh mwh gwh mhz ghz ocr iso sms pin cvc cvv tel art ref num mom bic dvd usb cpu ram ssd hdd lte err
    bmw eqa eqb eqc eqe eqs glc gle gla glb gls cla cls slk amg gtx rtx tcl hbo max wrt tgx man kia
    """.split()
)
# Swedish words that stand before a number in running speech: "vi har 120 kvadrat", "för 250 kronor".
_WORDS = frozenset(
    """
    har och för kör var som men den det dem han hon sin mer ett två tre sex sju nio tio tar får gör ser bor kan
    ska vid med mot per bra nya nytt hur när vad alla åka kom gav fem nej jag dom oss era mitt min din sen nog
    typ kul fick bet tog sig dag år ens runt upp ner all bil hem ger zon fel tur gav hyr nya rum kvm box
    """.split()
)
_NOT_LETTERS = _NOT_PLATES | _WORDS
# The Swedish and the international spelling alphabets: "Adam Bertil Caesar", "Kilo Foxtrot Oscar"
# (with the letters no plate has, and "Olle" for O, as callers say them: "Cesar Olle Gustav").
RADIO_WORDS = frozenset(
    """
    adam bertil cesar caesar david erik filip gustav helge ivar johan kalle ludvig martin niklas olof olle
    petter qvintus rudolf sigurd tore urban viktor wilhelm xerxes yngve zäta åke ärlig östen
    alfa alpha bravo charlie delta echo foxtrot golf
    hotel juliett juliet kilo lima mike november oscar papa romeo sierra tango uniform whiskey yankee zulu
    """.split()
)
_RADIO = "|".join(sorted(RADIO_WORDS, key=len, reverse=True))
# a letter and the word that spells it: "K som Kalle", "m som martin", "o som i olle"
_SPELLED_AS = r"[ ]+som[ ]+(?:i[ ]+)?[^\W\d_]+"
_AS = rf"[{_LETTER}](?:{_SPELLED_AS})?"
_PLATE_LETTERS = (
    rf"[{_LETTER}]{{3}}|[{_LETTER}][ ,.-]+[{_LETTER}][ ,.-]+[{_LETTER}]|(?:{_RADIO})(?:[ ,.-]+(?:{_RADIO})){{2}}"
    rf"|(?=[{_LETTER}][ ,.-]+(?:[{_LETTER}][ ,.-]+)?[{_LETTER}]{_SPELLED_AS}|[{_LETTER}]{_SPELLED_AS})"
    rf"{_AS}(?:[ ,.-]+{_AS}){{2}}"
)
# Three letters, together or spelled, before the number: the number is read by the spoken-number engine.
# The letter that ends a new plate, said alone or as its spelling word: "fyrtiotvå F", "fyra tre bertil"
_TAIL_LETTER = re.compile(rf"[ ,.-]*([{_LAST}](?:{_SPELLED_AS})?|(?:{_RADIO}))(?![\w])", re.IGNORECASE)
_LETTERS = re.compile(
    rf"(?<![\w-])(?P<letters>{_PLATE_LETTERS})(?![\w])[ ,.-]*(?:(?:eh|öh|ehm)(?![\w])[ ,.-]*)?", re.IGNORECASE
)  # "A B C eh fyrtiotvå F"
_WRITTEN = re.compile(rf"(?<![\w-])(?P<letters>[{_LETTER}]{{3}})[ -]?\d{{2}}[{_LAST}](?![\w-])")
# A car by its make or model: "vi har tittat på din Passat, DFG sex noll nio".
MAKES = (
    *"volvo saab tesla toyota volkswagen vw audi skoda škoda kia renault peugeot passat nissan mazda".split(),
    *"hyundai mercedes opel citroën subaru polestar porsche lexus honda ford fiat dacia suzuki mitsubishi".split(),
    *"yamaha kawasaki ducati husqvarna vespa".split(),  # motorcycles and mopeds
)
# Words of a call about a vehicle: "bilen", "bilförsäkringen", "reg nummer", "registreringsnumret",
# "skylten", "fordonet", "parkeringstillstånd", "boendeparkering", "motorcykeln", "motorcyklar", "MC:n",
# "båttrailern"
# (not "mobil", "bilaga", "bild", "biljett").
_PLATE_WORD = r"reg(?:-|[ ])?n(?:umm|umr|r)\w*|registreringsn\w*|skylt\w*"  # the plate's own words
_VEHICLE_WORDS = re.compile(
    rf"(?<![\w])(?:\w*(?<!mo)bil(?!aga|d|jett)\w*|{_PLATE_WORD}|"
    r"fordon\w*|\w*parkering\w*|p-tillstånd\w*|motorcyk(?:el|l)\w*|mc(?::n|-\w+)?|moped\w*|släp(?:vagn)?\w*|chassi\w*|traktor\w*|\w*trailer\w*|"
    rf"husvagn\w*|(?:{'|'.join(MAKES)})(?:n|en)?)(?![\w])",  # "den svarta Skodan"
    re.IGNORECASE,
)
_GATE_WORDS = (
    "bil",
    "reg",
    "skylt",
    "fordon",
    "parkering",
    "p-tillstånd",
    "motorcyk",
    "mc",
    "moped",
    "släp",
    "husvagn",
    "trailer",
    "chassi",
    "traktor",
    *MAKES,
)
# A vehicle identification number (chassinummer): 17 characters, no I, O, Q, letters and digits both.
_VIN = re.compile(
    r"(?<![\w-])(?=[A-HJ-NPR-Z0-9]{0,16}\d)(?=[A-HJ-NPR-Z0-9]{0,16}[A-HJ-NPR-Z])[A-HJ-NPR-Z0-9]{17}(?![\w-])",
    re.IGNORECASE,
)
_CORRECTED = re.compile(
    r"[ ,.…]*(?:(?:eller )?(?:nej|förlåt|jag menar|vänta)(?:[ ,]+jag läser fel)?)[ ,.…]+(?:(?:det är|det var)[ ]+)?",
    re.IGNORECASE,
)
# A turn change, with at most one short turn between: "\nAgent: Mm.\nKund: ".
_NEXT_TURN = re.compile(r"[ ,.]*\n(?:[^\n:]{1,40}:[^\n]{0,12}\n)?[^\n:]{1,40}:[ ]?")
BEFORE_CHARS = 300  # a lowercase or spelled plate: the vehicle word this far before it (a few turns)
AFTER_CHARS = 80  # ... or this far after it


def _spelled_with_words(said: str) -> bool:
    """A plate whose letters are said with spelling words ("K som Kalle", "Adam Bertil Caesar")."""
    return (
        re.search(_SPELLED_AS, said, re.IGNORECASE) is not None
        or sum(w.lower() in RADIO_WORDS for w in re.findall(r"[^\W\d_]+", said)) >= 2
    )


def _letters(text: str) -> str:
    """The letters said: "U, R, S", "Urban Rudolf Sigurd" and "U som Urban, R som Rudolf, S som
    Sigurd" are URS."""
    words = re.findall(r"[^\W\d_]+", re.sub(_SPELLED_AS, "", text, flags=re.IGNORECASE))
    if len(words) == 3 and all(w.lower() in RADIO_WORDS for w in words):
        return "".join(w[0] for w in words).upper()
    return "".join(words).upper()


def canonical(text: str) -> str:
    """Capitals without spaces: "abc 123", "ABC-123" and "A, B, C, ett två tre" are one plate."""
    m = _LETTERS.match(text)
    if m is None:
        return re.sub(r"[\s,.-]", "", text).upper()
    rest = text[m.end() :]
    runs = numbers.runs(rest)
    if not runs:
        return re.sub(r"[\s,.-]", "", text).upper()
    return _letters(m.group("letters")) + runs[0].digits + _letters(rest[runs[0].tokens[-1].end :])


# A piece of a VIN that ends a turn ("YV1DZ825..."): letters and digits both, no I, O, Q.
_VIN_HEAD = re.compile(
    r"(?<![\w-])(?=[A-HJ-NPR-Z0-9]*\d)(?=[A-HJ-NPR-Z0-9]*[A-HJ-NPR-Z])[A-HJ-NPR-Z0-9]{4,16}(?=[ .…]*\n)"
)
_VIN_TAIL = re.compile(r"[A-HJ-NPR-Z0-9]{1,13}(?![\w-])")


# A VIN read aloud: capitals and numbers, in words or digits ("Y V ett Z W tjugofem B fyra K ett noll
# åtta nio tre fyra sju"), in one turn or two; its characters counted as read.
# ... or in written chunks between pauses ("YV1ZW25... UDK... 123 40 57")
_SAID_TOKEN = rf"(?:(?-i:[A-HJ-NPR-Z0-9]+)(?![\w])|(?:{numbers.SMALL_NUMBER_WORDS})+)"
_SAID_SEP = r"(?:[ ,]+|[ ]*(?:\.\.\.|…)[ ]*)"
_SAID_VIN = re.compile(rf"(?<![\w]){_SAID_TOKEN}(?:{_SAID_SEP}{_SAID_TOKEN}){{2,}}(?![\w])", re.IGNORECASE)


def _said_characters(said: str) -> tuple[int, int]:
    """(letters, digits) of a VIN read aloud."""
    tokens = [t for t in re.split(rf"{_SAID_SEP}", said) if t]
    written = [t for t in tokens if re.fullmatch(r"[A-Z0-9]+", t)]
    letters = sum(c.isalpha() for t in written for c in t)
    digits = sum(c.isdigit() for t in written for c in t)
    return letters, digits + sum(len(numbers.words_to_digits(t)) for t in tokens if t not in written)


def _vins_said(text: str) -> set[tuple[int, int]]:
    out: set[tuple[int, int]] = set()
    said = list(_SAID_VIN.finditer(text))
    for n, m in enumerate(said):
        letters, digits = _said_characters(m.group())
        if letters >= 2 and digits >= 2 and letters + digits == 17:
            out.add(m.span())
        bridge = _NEXT_TURN.match(text, m.end())
        tail = said[n + 1] if bridge and n + 1 < len(said) and said[n + 1].start() == bridge.end() else None
        if tail and letters >= 1 and letters + digits + sum(_said_characters(tail.group())) == 17:
            out |= {m.span(), tail.span()}
    return out


def _vin_over_turns(text: str) -> set[tuple[int, int]]:
    """A VIN said in two parts with a back-channel between ("YV1DZ825..." / "Mm." / "6C2271234.")."""
    out = set()
    for head in _VIN_HEAD.finditer(text):
        bridge = _NEXT_TURN.match(text, text.index("\n", head.end()))
        tail = _VIN_TAIL.match(text, bridge.end()) if bridge else None
        if tail and len(head.group(0)) + len(tail.group(0)) == 17:
            out |= {head.span(), tail.span()}
    return out


# A VIN asked for or named ("jag behöver chassinumret också", "VIN-numret"): in the turns after it, a
# part of one written ("JMZKF6W1", "WVWZZZAUZGW... nej vänta") or one read out a character short or
# long ("J M Z K F 6 W 1 0 0 2 4 1 8 5 5... det är sjutton tecken?") is the vehicle's too.
_VIN_WORDS = re.compile(r"(?<![\w])(?:chassi\w*|(?-i:VIN)(?:-?n\w*)?|vin-?n(?:umm|umr|r)\w*)(?![\w])", re.IGNORECASE)
_VIN_PART = re.compile(
    r"(?<![\w-])(?=[A-HJ-NPR-Z0-9]*[A-HJ-NPR-Z][A-HJ-NPR-Z0-9]*[A-HJ-NPR-Z])[A-HJ-NPR-Z0-9]{8,16}(?![\w-])"
)
VIN_AFTER_CHARS = 300


def _vin_parts(text: str) -> set[tuple[int, int]]:
    out: set[tuple[int, int]] = set()
    for word in _VIN_WORDS.finditer(text):
        end = min(len(text), word.end() + VIN_AFTER_CHARS)
        out.update(
            m.span()
            for m in _VIN_PART.finditer(text, word.end(), end)
            if any(c.isdigit() for c in m.group()) or len(m.group()) >= 10
        )
        for m in _SAID_VIN.finditer(text, word.end(), end):
            letters, digits = _said_characters(m.group())
            if letters >= 2 and digits >= 2 and 15 <= letters + digits <= 18:
                out.add(m.span())
    return out


# A car or its plates named as of a country: "en tysk bil", "polska skyltar" ("-a" for the plural).
_COUNTRIES = "tysk|dansk|norsk|finsk|polsk|holländsk|brittisk|engelsk|fransk|spansk|litauisk|estnisk|lettisk"
_PLATE_NOUNS = "bil|registrering|skyltar|skylt|plåtar"
# A plate from abroad, in its own letters and digits, right after the car is named as foreign or
# the plate is named: "en tysk bil, B-MB 4471", "en dansk bil, CX 48 317", "hennes bil var BV 12
# 904", "polska skyltar, WPR 4417C", "registreringsnumret R-218-XK" (the Dutch, Italian, French
# and Croatian shapes too: "GE 431 TP", "EK-731-PB", "ST 482-KL"; the Belgian "1-VXK-482").
_FOREIGN_PLATE = re.compile(
    rf"(?:(?:{_COUNTRIES}|utländsk)(?:a)? (?:{_PLATE_NOUNS})|bil(?:en)? (?:är|var)|bilen har"
    r"|registreringsnum\w*|registreringen|regnum\w*)[ ,:]+"
    r"(?P<plate>(?-i:[A-Z]{1,2})[ -]\d{2,3}[ -](?-i:[A-Z]{2})|\d-(?-i:[A-Z]{3})-\d{3}"
    r"|(?-i:[A-ZÆØÅ]{1,3})(?:-(?-i:[A-Z]{1,3}))?[ -]?\d{1,5}(?:[ ]\d{2,3})?(?-i:[A-Z]{1,2})?)(?![\w-])",
    re.IGNORECASE,
)
# ... and with its digits first (Spanish) or in the French form, only after the car or its number
# is named as of a country: "spanska nummer, 4821 KLM", "en fransk bil, GH-482-KT" ("bilen är 9000
# CSE" is a Saab, "1400 TSI" an engine)
_COUNTRY_PLATE = re.compile(
    rf"(?:{_COUNTRIES}|italiensk|portugisisk)(?:a)? (?:{_PLATE_NOUNS}|nummer)(?:[ ,:]+med)?[ ,:]+"
    r"(?P<plate>\d{4}[ -]?(?-i:[A-Z]{3})|(?-i:[A-Z]{2})[ -]\d{3}[ -](?-i:[A-Z]{2}))(?![\w-])",
    re.IGNORECASE,
)


# ... or in the German form, a place's letters, a hyphen, letters and digits ("HH-KS 4471", "B-MB
# 4471E"), right after the plate is asked for or named: references and codes are written so too
_GERMAN_PLATE = re.compile(
    r"(?i:registreringsnumm\w*|regnumm\w*|regnumret|skylt\w*|plåt\w*)[^\n]{0,80}\n?[^\n:]{0,40}:?[^\n]{0,20}?"
    r"(?<![\w-])(?P<plate>[A-ZÄÖÜ]{1,3}-[A-Z]{1,2}[ ]?\d{1,4}[EH]?)(?![\w-]|[ ]\d)"  # not "HSB-F 90 214"
)


def _foreign_plate(plate: str) -> bool:
    """A plate abroad has three digits or more and letters that are no brand, model or unit, and is
    no year ("BMW 320", "XC60", "A4 format", "EU 2019" are not plates)."""
    letters, digits = "".join(re.findall(r"[^\W\d_]", plate)), "".join(re.findall(r"\d", plate))
    return (
        len(digits) >= 3
        and letters.lower()[:3] not in _NOT_LETTERS
        and letters.lower() not in _NOT_LETTERS
        and not re.fullmatch(r"(?:19|20)\d\d", digits)
    )


# A Norwegian or Danish plate, two letters and five digits, in lowercase, spelled or with its number
# in words ("dn 55 812", "b r nittio fyrtiofyra ett"), in a call that names Norway or Denmark, shortly
# after the plate's own word: tickets, invoices and subscriptions are numbered so too ("det står sf
# 20 881 på billetten", "fakturaen har nummer fa 10 552"); the letters no Swedish word before a
# number ("på", "om", "en", "av" ...).
_NORDIC = re.compile(r"(?<![\w])(?:norsk|norska|norge|dansk|danska|danmark|norske|danske)(?![\w])", re.IGNORECASE)
_TWO_LETTERS = re.compile(rf"(?<![\w-])(?P<letters>[{_LETTER}]{{2}}|[{_LETTER}][ ,.-]+[{_LETTER}])[ ,.-]+", re.I)
_TWO_LETTER_WORDS = frozenset("en av de nu ca kr st ja vi du ni se bl tv ex typ nr tr ok".split())
_PLATE_WORDS = re.compile(rf"(?<![\w])(?:{_PLATE_WORD}|nummerpl\w*|kjenne\w*)", re.IGNORECASE)
PLATE_WORD_BEFORE = 250  # a Nordic plate: its word this far before it (the question, a turn or two)


def _nordic_plates(text: str) -> set[tuple[int, int]]:
    if not _NORDIC.search(text):
        return set()
    out = set()
    for m in _TWO_LETTERS.finditer(text):
        if _letters(m.group("letters")).lower() in _TWO_LETTER_WORDS:
            continue
        if not _PLATE_WORDS.search(text, max(0, m.start() - PLATE_WORD_BEFORE), m.start()):
            continue
        runs = numbers.runs(text[m.end() : m.end() + 80])
        if runs and runs[0].tokens[0].start == 0 and len(runs[0].digits) == 5:
            out.add((m.start(), m.end() + runs[0].tokens[-1].end))
    return out


class KlangVehicleRegistrationRecognizer(TextRecognizer):
    ENTITIES = (ENTITY,)

    def may_match(self, text: str) -> bool:
        """Cheap gate for the detector: a text that names no vehicle holds no plate."""
        return mentions(text, _GATE_WORDS)

    def analyze(self, text, entities, nlp_artifacts=None):
        if not self.may_match(text):
            return []
        words = [m.start() for m in _VEHICLE_WORDS.finditer(text)]
        if not words:
            return []
        spans = {
            m.span()
            for m in _WRITTEN.finditer(text)
            if m.group("letters").lower() not in _NOT_LETTERS  # capitals, anywhere in a vehicle text
        }
        spans.update(m.span("plate") for m in _FOREIGN_PLATE.finditer(text) if _foreign_plate(m.group("plate")))
        spans.update(m.span("plate") for m in _COUNTRY_PLATE.finditer(text))
        spans.update(m.span("plate") for m in _GERMAN_PLATE.finditer(text))
        spans.update(_nordic_plates(text))
        spans.update(m.span() for m in _VIN.finditer(text))
        spans.update(_vin_over_turns(text))
        spans.update(_vins_said(text))
        spans.update(_vin_parts(text))
        for m in _LETTERS.finditer(text):
            letters = _letters(m.group("letters"))
            if letters.lower() in _NOT_LETTERS:
                continue
            near = any(-BEFORE_CHARS <= w - m.start() <= AFTER_CHARS for w in words)
            if not near:
                continue
            end = self._plate_end(text, m.end())
            if end is not None:
                spans.add((m.start(), end))
                # its number corrected: "O P X, tjugonio sju... nej två nio sju", "fyrtiotvå F, nej fyrtiotvå E"
                fix = _CORRECTED.match(text, end)
                fixed = self._plate_end(text, fix.end()) if fix else None
                if fix and fixed is not None:
                    spans.add((fix.end(), fixed))
                continue
            # the rest in the next turn, perhaps after a back-channel: "DKR." / "Mm." / "447."
            bridge = _NEXT_TURN.match(text, m.end())
            end = self._plate_end(text, bridge.end()) if bridge else None
            if bridge and end is not None:
                spans.update({(m.start(), m.start() + len(m.group("letters"))), (bridge.end(), end)})
        return [self._result(s, e, _spelled_with_words(text[s:e])) for s, e in sorted(spans)]

    @staticmethod
    def _plate_end(text: str, at: int) -> int | None:
        """Where the plate's three characters after its letters end: three digits, or two and a
        letter ("åttiotvå c", "fyra tre bertil"), in digits or words; None when what follows is no
        plate's tail."""
        runs = numbers.runs(text[at : at + 60])
        if not runs or runs[0].tokens[0].start != 0:
            return None
        toks, gaps = runs[0].tokens, runs[0].gaps
        # the whole run, or its first group when the run goes on past a comma: "KLM åtta fyra ett, en Volvo"
        first = next((k for k in range(1, len(toks)) if gaps[k] != "plain"), len(toks))
        for n in dict.fromkeys((len(toks), first)):
            end = at + toks[n - 1].end
            digits = "".join(t.digits for t in toks[:n])
            if len(digits) == 3:
                return end
            letter = _TAIL_LETTER.match(text, end)
            if len(digits) == 2 and letter and not letter.group(1).isdigit():
                return letter.end()
        return None

    def _result(self, start: int, end: int, spelled: bool = False) -> RecognizerResult:
        # a plate spelled with words names its letters, not people: it outscores the name model's
        # reading of "Kalle Martin Rudolf" so the value keeps its type
        score = SPELLED_SCORE if spelled else SCORE
        return tagged_result(self, ENTITY, start, end, score, "a plate in a text about a vehicle")
