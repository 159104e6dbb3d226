"""SE_FACILITY_ID (anläggnings-id), CUSTOMER_NUMBER (kund-/avtalsnummer), IP_ADDRESS, and the
ID_NUMBER of a device: a MAC address, a SIM card's ICCID ("8946 2010 2240 1187 329") or an eSIM's
EID, a key tag's or a chip's number ("Min bricka är B 7702").

- SE_FACILITY_ID: the 18-digit GSRN of an electricity connection point, always starting 735999
  in Sweden ("735999123456789012", "735 999 123 456 789 012", spoken). The last digit is a GS1
  mod-10 check digit: valid ones score 1.0, an 18-digit 735999 number with a wrong check digit
  (a misheard digit) still scores 0.6: the prefix alone is specific enough.
- CUSTOMER_NUMBER: the retailer's customer/contract number. Its format is the company's own, so
  any 5-12 digit number (optionally a short capital prefix: "KN-448120") counts, but only right
  after a context word ("kundnummer", "kundnumret", "avtalsnummer", a care giver's "patient-id"
  and "journalnummer", ...): base score 0.2, raised
  above the threshold by Presidio's context enhancer. Spoken ones need the context word within the
  preceding words.
- IP_ADDRESS: IPv4 dotted quads (each part 0-255) and IPv6 (checked with `ipaddress`); not a
  router's factory address ("192.168.1.1 i webbläsaren"), which is every home's.
"""

from __future__ import annotations

import ipaddress
import re

import regex
from presidio_analyzer import Pattern, PatternRecognizer, RecognizerResult

from recognizers import base, heuristics, numbers
from recognizers.fold import ascii_digits

FACILITY = "SE_FACILITY_ID"
CUSTOMER = "CUSTOMER_NUMBER"
IP = "IP_ADDRESS"
FACILITY_PREFIX = "735999"  # every Swedish anläggnings-id starts so: it names no one


def gs1_ok(digits: str) -> bool:
    total = sum(int(ch) * (3 if i % 2 == 0 else 1) for i, ch in enumerate(reversed(digits[:-1])))
    return (10 - total % 10) % 10 == int(digits[-1])


_FACILITY_REGEX = r"(?<![\d\-.,])735[ ]?999(?:[ ]?\d){12}(?![\d]|[.,]\d)"
FACILITY_CONTEXT = ["anläggnings-id", "anläggningsid", "anläggningsnummer", "anläggning", "id", "gsrn", "mätpunkt"]


class KlangFacilityIdRecognizer(PatternRecognizer):
    def __init__(self, supported_language: str = "sv"):
        super().__init__(
            supported_entity=FACILITY,
            patterns=[Pattern("anläggnings-id (735999...)", _FACILITY_REGEX, 0.6)],
            context=FACILITY_CONTEXT,
            supported_language=supported_language,
            name=type(self).__name__,
        )

    def may_match(self, text: str) -> bool:
        """Cheap gate: written digits only."""
        return numbers.has_digit(text)

    def validate_result(self, pattern_text: str) -> bool | None:
        digits = ascii_digits(pattern_text)
        return True if gs1_ok(digits) else None


class KlangSpokenFacilityIdRecognizer(base.DigitWindowRecognizer):
    ENTITY = FACILITY
    LENGTHS = (18,)
    CONTEXT = FACILITY_CONTEXT

    def score_window(self, text, window):
        if not window.digits.startswith(FACILITY_PREFIX):
            return None
        return 0.9 if gs1_ok(window.digits) else 0.6


# ---- customer number ---------------------------------------------------------------------------

CUSTOMER_CONTEXT = [
    "kundnummer",
    "kundnumret",
    "kundnr",
    "kund-id",
    "kundid",
    "avtalsnummer",
    "avtalsnumret",
    "avtalsnr",
    "medlemsnummer",
    "medlemsnumret",
    "klubbnummer",
    "klubbnumret",
    "kundnumme",
    "hyresgästnummer",
    "hyresgästnumret",
    "objektnummer",
    "objektnumret",
    "kontraktsnummer",
    "kontraktsnumret",
    # a housing queue's id for the one queueing
    "kö-id",
    # a patient's or a journal's number names the patient as a customer number does
    "patientnummer",
    "patientnumret",
    "patient-id",
    "patientid",
    "journalnummer",
    "journalnumret",
    # a pawn loan's, a job candidate's and a golfer's number name the person too
    "pantlånenummer",
    "pantlånenumret",
    "kandidatnummer",
    "kandidatnumret",
    "golf-id",
    "golf id",
    "golfid",
    # a loan's number names the borrower in the lender's register ("lånenumret är 9046 771 2038")
    "lånenummer",
    "lånenumret",
    "lånenumren",
]
# a number read digit by digit: "ditt medlemsnummer är 8 8 0 2 1 4", "avtal S N 4 4 0 2 1"
_DIGIT_BY_DIGIT = r"\d(?:[ ]\d){4,11}"
# not a reference said instead ("Har du kundnumret?" / "Nej, men jag har ordernumret, 4410 5523.")
_CUSTOMER_REGEX = (
    # (not a date: "kö-id registrerat sedan 2019-03-12")
    rf"(?<![\w\-.,+]){heuristics.REF_LOOKBEHIND}(?!(?:19|20)\d\d-[01]\d-[0-3]\d(?!\d))"
    rf"(?:(?-i:[A-Z]{{1,3}})[- ]?)?(?:{_DIGIT_BY_DIGIT}|\d{{2,6}}(?:[ -]?\d{{2,6}}){{0,2}})"
    r"(?![\d]|[.,]\d)"
)
_CUSTOMER_BEFORE = re.compile(rf"(?:{'|'.join(CUSTOMER_CONTEXT)})[a-zåäö]*\b[^\n\d]{{0,25}}$", re.IGNORECASE)


def code_canonical(text: str) -> str:
    """A number in its own format (customer number, ID document, code): its digits when said in
    words ("ett nio sju åtta" is 1978), else its letters and digits ("KN-448120" is KN448120)."""
    if numbers.has_spoken_number(text):
        return numbers.words_to_digits(text)
    return "".join(ch for ch in text.upper() if ch.isalnum())


_CUSTOMER_WORDS = (
    "kundn",
    "kund-id",
    "kundid",
    "avtalsn",
    "medlemsn",
    "klubbn",
    "hyresgästn",
    "objektn",
    "kontraktsn",
    "kö-id",
    "patientn",
    "patient-id",
    "patientid",
    "journaln",
    "pantlånen",
    "kandidatn",
    "golf-id",
    "golfid",
    "lånenum",
)
_CUSTOMER_WORD = re.compile(rf"(?:{'|'.join(map(re.escape, _CUSTOMER_WORDS))})", re.IGNORECASE)
# Another number named after the context word ("bokningsnumret", "remissnumret", "OCR", "ärendet"):
# the number is that one's.
_NAMED_NUMBER = re.compile(r"[^\W\d_]+(?:nummer|numret|nr)\b", re.I)
_OTHER_NUMBER = re.compile(
    rf"{_NAMED_NUMBER.pattern}|{heuristics.NOT_FOR_REFERENCE}(?:{heuristics.REFERENCE_TALK.pattern})|(?<![\w])ocr", re.I
)
_COUNTED = re.compile(r"[ ]+(?:kunder|patienter|medlemmar)\b", re.I)  # "vi har 10 000 patienter"
_YEARS_OR_DATE = re.compile(r"(?:(?:19|20)\d\d[ ]?)+|(?:19|20)\d\d(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])")


def _other_number(text: str, start: int, end: int) -> bool:
    """A number the context word is not about: a quantity ("vi har 10 000 patienter"), years or a
    date ("sedan 20190312"), or another number named after the word ("Jag har inget kundnummer,
    men bokningsnumret är ...")."""
    if heuristics.QUANTITY_AFTER.match(text, end) or _COUNTED.match(text, end):
        return True
    if _YEARS_OR_DATE.fullmatch(text[start:end].strip()):
        return True
    before = text[max(text.rfind("\n", 0, start) + 1, start - 80) : start]
    words = list(_CUSTOMER_WORD.finditer(before))
    if words:
        return _OTHER_NUMBER.search(before, words[-1].end()) is not None
    # the word in a turn before: only another number named in this one ("Har du ditt patient-id?"
    # / "Nej, men receptnumret är ...")
    return _NAMED_NUMBER.search(before) is not None


class KlangCustomerNumberRecognizer(PatternRecognizer):
    """Context-only: `may_match` (the detector's cheap gate) is False unless a context word is in
    the text, so the many numbers of a call without one cost nothing."""

    def __init__(self, supported_language: str = "sv"):
        super().__init__(
            supported_entity=CUSTOMER,
            patterns=[Pattern("customer/contract number", _CUSTOMER_REGEX, 0.2)],
            context=CUSTOMER_CONTEXT,
            supported_language=supported_language,
            name=type(self).__name__,
        )

    def may_match(self, text: str) -> bool:
        return numbers.has_digit(text) and (heuristics.mentions(text, _CUSTOMER_WORDS))

    def analyze(self, text, entities, nlp_artifacts=None, regex_flags=None):
        results = super().analyze(text, entities, nlp_artifacts, regex_flags)
        return [r for r in results if not _other_number(text, r.start, r.end)]

    def validate_result(self, pattern_text: str) -> bool | None:
        n = len(ascii_digits(pattern_text))
        return None if 5 <= n <= 12 else False


# A number a person calls theirs by its kind, whatever the kind: "mitt faddernummer är F 20 44 19",
# "hans givarnummer är 88 41 20" (a register's number for the person), not a reference's ("mitt
# ärendenummer", "ditt bokningsnummer") nor one that names a case, an application or a receipt.
_OWN_NUMBER = regex.compile(
    r"(?<![\w])(?:mitt|ditt|hans|hennes|ert|sitt|deras)[ ]+(?P<kind>[a-zåäö]{3,}?)(?:-?nummer|-?numret|nr)"
    r"[ ]+(?:är[ ]+)?(?:eh[ ]+)?\K(?:(?-i:[A-Z]{1,3})[ -]?)?\d{2,}(?:[ -]?\d{2,}){0,4}(?![\d]|[.,]\d)",
    regex.IGNORECASE,
)
_NOT_OWN_KINDS = re.compile(
    rf"{heuristics.REFERENCE_TALK.pattern}|spärr|uppdrag|ansökn|kvitto|hittegods|reklamation|telefon|mobil|person|"
    r"organisations|konto|clearing|bankgiro|plusgiro|kort|pass|id|reg",
    re.IGNORECASE,
)


class KlangOwnNumberRecognizer(base.TextRecognizer):
    """A number a person calls their own by its kind ("mitt faddernummer är F 20 44 19"): a written
    number of four digits or more after "mitt/ditt/hans/hennes ...nummer", unless the kind is a
    reference's, a case's or another entity's (a phone, a personnummer, an account, an ID)."""

    ENTITIES = (CUSTOMER,)

    def may_match(self, text: str) -> bool:
        return numbers.has_digit(text) and heuristics.mentions(
            text, ("mitt", "ditt", "hans", "hennes", "ert", "sitt", "deras")
        )

    def analyze(self, text, entities, nlp_artifacts=None):
        if (entities and CUSTOMER not in entities) or not self.may_match(text):
            return []
        return [
            base.tagged_result(self, CUSTOMER, m.start(), m.end(), 0.6, "a number a person calls theirs")
            for m in _OWN_NUMBER.finditer(text)
            if not _NOT_OWN_KINDS.match(m.group("kind")) and len(ascii_digits(m.group())) >= 4
        ]


# Who says a thing is theirs when it is the company's own: "vårt tillstånd", "mot vår ansvarsförsäkring"
_OWN_WORDS = ("vår", "vårt", "våra", "företagets", "bolagets", "föreningens")
_OURS = f"(?:{'|'.join(_OWN_WORDS)})"


# A contract's or a policy's number with its letters, right after its word, in a statement as much as
# after a question ("du har avtalet PL 2219504", "hyresavtalet HY 30418", "avtal LA 2021 30562"): the
# letters make it a number, not a term or a price ("avtalet 24 månader", "avtalet 299 kronor").
_CONTRACT_CODE = (
    r"(?:(?<=avtal[ ])|(?<=avtalet[ ])|(?<=kontrakt[ ])|(?<=kontraktet[ ])|(?<=avtal,[ ])|(?<=avtalet,[ ])"
    # ... and an insurance policy's ("jag ser försäkringen HT 3308 1165", "under din försäkring, HT 5520 9134")
    r"|(?<=försäkring[ ])|(?<=försäkringen[ ])|(?<=försäkring,[ ])|(?<=försäkringen,[ ]))"
    # ... not the company's own: "mot vår ansvarsförsäkring S 1 0 4 2 5"
    rf"(?<!{_OURS}[ ]+[a-zåäö]*(?:avtal|kontrakt|försäkring)(?:en|et)?,?[ ])"
    r"(?!(?-i:SEK|EUR|USD|NOK|DKK|KR)\b)(?-i:[A-Z](?:[ ]?[A-Z]){0,2})[- ]?"
    # three digits or more first, a year only before five more: not a model ("XC 40 2022"), an amount
    # ("XL 24 000") or years ("IT 2023 2025"); or read letter by letter and digit by digit
    rf"(?:(?!(?:19|20)\d\d(?![ -]?\d{{5}}))\d{{3,7}}(?:[ -]?\d{{2,6}}){{0,2}}(?:[ -]\d)?|{_DIGIT_BY_DIGIT})"
    r"(?![\w]|[.,]\d)"  # "SE-118 204 7"
)


# ... and a policy's, grouped in any way, its first group a year too ("livförsäkringen LF 1988 0213",
# "försäkring BF 77 30 215"): seven digits or more, eight after a year, not years alone ("IT 2023 2025")
_POLICY_CODE = (
    r"(?<=försäkring(?:en)?,?[ ])"
    rf"(?<!{_OURS}[ ]+[a-zåäö]*försäkring(?:en)?,?[ ])"
    r"(?!(?-i:SEK|EUR|USD|NOK|DKK|KR)\b)(?-i:[A-Z]{1,3})[- ]?"
    r"(?!(?:(?:19|20)\d\d[ -]?){2}(?![\d]))(?!(?:19|20)\d\d(?:[ -]?\d){3}(?![\d]))(?=(?:\d[ -]?){7,12}(?![\d]))"
    r"\d{2,4}(?:[ -]\d{2,4}){1,3}(?![\w]|[.,]\d)"
)


class KlangContractCodeRecognizer(PatternRecognizer):
    def __init__(self, supported_language: str = "sv"):
        super().__init__(
            supported_entity=CUSTOMER,
            patterns=[
                Pattern("contract number with letters", _CONTRACT_CODE, 0.6),
                Pattern("policy number with letters", _POLICY_CODE, 0.6),
            ],
            supported_language=supported_language,
            name=type(self).__name__,
        )

    def may_match(self, text: str) -> bool:
        return numbers.has_digit(text) and heuristics.mentions(text, ("avtal", "kontrakt", "försäkring"))

    def validate_result(self, pattern_text: str) -> bool | None:
        return 5 <= len(ascii_digits(pattern_text)) <= 12


# A member's share in an economic association (a fibre or water association, a cooperative): its
# number names the member in the association's register, and it is short ("andel 41 till köparen",
# "din andel är 119", "Betalarnumret blir ditt andelsnummer, 049"). Not a proportion: "andelen 30
# procent", "en andel på 20 000", "andelstal 1,25".
_SHARE_NUMBER = (
    r"(?<=(?<![\w-])andel(?:en|snummer|snumret|snr)?(?:[ ]+(?:nummer|nr))?(?:[ ]+(?:är|blir|var))?[ ,]{1,2})"
    r"\d{1,4}(?![\w]|[.,:]\d|[ ]*(?:%|procent|kr\b|kronor|:-|st\b|stycken|år\b|månad|dag|vecka|kvm|kvadrat|tusen|miljon)"
    r"|[ ]+(?:i|per|om|varje)[ ]+(?:månad|år|kvartal|vecka))"  # "min andel är 412 i månaden"
)


class KlangShareNumberRecognizer(PatternRecognizer):
    def __init__(self, supported_language: str = "sv"):
        super().__init__(
            supported_entity=CUSTOMER,
            patterns=[Pattern("a member's share number", _SHARE_NUMBER, 0.6)],
            supported_language=supported_language,
            name=type(self).__name__,
        )

    def may_match(self, text: str) -> bool:
        return numbers.has_digit(text) and "andel" in text.lower()

    def validate_result(self, pattern_text: str) -> bool | None:
        return heuristics.YEAR.fullmatch(pattern_text) is None  # "andelen 2024 var hög"


class KlangSpokenCustomerNumberRecognizer(base.DigitWindowRecognizer):
    ENTITY = CUSTOMER
    LENGTHS = tuple(range(5, 13))
    CONTEXT = CUSTOMER_CONTEXT

    def score_window(self, text, window):
        if window.crosses_turn:
            return None
        return 0.6 if _CUSTOMER_BEFORE.search(text[max(0, window.start - 60) : window.start]) else None


# ---- MAC address (a device's: ID_NUMBER) ---------------------------------------------------------

# Six hex pairs, one separator throughout ("00:1A:79:FE:33:0C", "A4-3C-00-1F-BE-72", "A4, 3C, 00, 1F,
# BE, 72" as an agent reads it back); with a letter and a digit in it, so no list of numbers is one.
# (only written with colons may a comma and more words follow: "08:B2:7C:11:E4:9A, toppen"; not a list of
# moves or seats: "e4 e5 d4 d5 c4 c6, sen ...")
# (its colons also said: "F0 kolon 18 kolon 98 kolon 2A kolon CC kolon 01")
_MAC = (
    r"(?<![\w:-])[0-9A-Fa-f]{2}(:|-|,[ ]|[ ]kolon[ ]|[ ])[0-9A-Fa-f]{2}(?:\1[0-9A-Fa-f]{2}){4}(?![\w:-])"
    r"(?!(?<![:][0-9A-Fa-f]{2}),[ ]\w)"
)


class KlangMacAddressRecognizer(PatternRecognizer):
    def __init__(self, supported_language: str = "sv"):
        super().__init__(
            supported_entity="ID_NUMBER",
            patterns=[Pattern("MAC address", _MAC, 0.6)],
            context=["mac", "mac-adress", "mac-adressen", "router"],
            supported_language=supported_language,
            name=type(self).__name__,
        )

    def may_match(self, text: str) -> bool:
        """Cheap gate: written digits only."""
        return numbers.has_digit(text)

    def validate_result(self, pattern_text: str) -> bool | None:
        hexes = re.sub(r"[^0-9A-Fa-f]", "", pattern_text)
        return any(c.isdigit() for c in hexes) and any(c.isalpha() for c in hexes)


# A SIM card's number (ICCID) as an agent reads it off the system: "89" for telecom and "46" for
# Sweden, 18-20 digits in all ("Det gamla SIM-kortet, 8946 2010 2240 1187 329"); it names the
# subscriber through the operator's register. The prefix alone is specific enough.
_ICCID = r"(?<![\d\-.,])89[ ]?46(?:[ ]?\d){14,16}(?![\d]|[.,]\d)"
# ... and an eSIM's EID, 32 digits from "89", read off a phone's settings ("89049032 0072 0110 ...")
_EID = r"(?<![\d\-.,])89(?:[ ]?\d){30}(?![\d]|[.,]\d)"


class KlangSimCardRecognizer(PatternRecognizer):
    def __init__(self, supported_language: str = "sv"):
        super().__init__(
            supported_entity="ID_NUMBER",
            patterns=[Pattern("SIM card number (ICCID 8946...)", _ICCID, 0.6), Pattern("eSIM EID", _EID, 0.6)],
            context=["sim", "simkort", "simkortet", "sim-kort", "sim-kortet", "icc", "kortet", "eid", "esim"],
            supported_language=supported_language,
            name=type(self).__name__,
        )

    def may_match(self, text: str) -> bool:
        """Cheap gate: the prefix, written."""
        return "89" in text


def _one_per_span(results: list[RecognizerResult]) -> list[RecognizerResult]:
    """The first finding of each span: a code two patterns or two words before it found is one."""
    return list({(r.start, r.end): r for r in results}.values())


# A key tag's or a chip's number: registered to the one who carries it, it names them in the
# door's log ("två brickor registrerade på dig, 0047 1192 och 0047 1193", "du har två chip, A 2201
# och A 2202", "Min bricka är B 7702", "tagg 04-B7731"); a home's key by its number, which the home
# help's key register ties to the address ("de har nyckel med nummer T 0877"); a charging tag's,
# its letters and groups ("din bricka LD 4410 2076 8", "nummer NL-0093-3318", "slutar på 4471"). A code in the sentence after the word, right
# after the word, "nummer", "är", "blir", "har", "och" or a comma: a capital letter and three digits or more,
# four digits or more, or a pet's chip (fifteen digits, "752 098 100 443 217"); not a model, a
# price, a room, a year or a count ("av typen EM 4100", "min Volvo 940", "Pant för brickan är
# 200", "2019 års modell", "sattes in 2018").
_TAG_WORDS = re.compile(
    r"(?<![\w-])(?:(?:nyckel|passer|port)?brick(?:a|an|or|orna)|(?:nyckel)?tagg(?:en|ar|arna)?|nyckel(?:n|ar|arna)?|"
    r"chip(?:et|pet|pen|s|nummer|numret)?)\b",
    re.IGNORECASE,
)
_TAG_CODE = re.compile(
    r"(?<![\w,.-])(?:\d{3}(?:[ ]?\d{3}){4}|(?:\d\d-)?[A-Z]{1,2}[ -]?\d{3,4}(?:[ -]\d{1,4}){0,2}|\d{4}(?:[ ]\d{3,4})?)"
    r"(?![\w]|[.,]\d|[ ]+(?:års|st|stycken|lägenheter|kr|kronor)\b)"
)
# A card's long number the same way ("ditt gamla kort, det var nummer 20060 0058 1127", "barnkortet
# är 20062 0118 3307", "Extrakortet 0045 7781 9207"): a library's, a club's or a bank's card names its
# holder; twelve to nineteen digits in groups, so no phone number ("+46 70 ...") nor amount.
_CARD_WORDS = re.compile(r"(?<![\w-])[a-zåäö]*kort(?:et|s)?\b", re.IGNORECASE)
_CARD_CODE = re.compile(r"(?<![\w,.+-])\d{3,6}(?:[ -]\d{3,6}){1,4}(?![\w]|[.,]\d)")


def _card_number(code: str) -> bool:
    """Twelve to nineteen digits, or the first groups of four of a card being read out ("jag har
    kortet här, 4581 0923")."""
    return 12 <= len(ascii_digits(code)) <= 19 or (
        re.fullmatch(r"\d{4}(?:[ -]\d{4}){1,3}", code) is not None
        and not all(heuristics.YEAR.fullmatch(g) for g in re.split(r"[ -]", code))  # "2024 2025"
    )


# A permit's number: the holder is in the authority's register ("Ditt tillstånd R-2021-0412 går ut",
# "parkeringstillståndet PT-2019-1183"): letters, a year and a serial, after the permit's word.
# (not the company's own: "vårt tillstånd T-2018-0042 från Transportstyrelsen")
_PERMIT_WORDS = re.compile(
    r"(?<![\w-])"
    + "".join(f"(?<!{w}[ ])" for w in _OWN_WORDS)
    + r"[a-zåäö]*tillstånd(?:et|s(?:bevis\w*|nummer|numret))?\b",
    re.IGNORECASE,
)
# (or letters and groups of digits, as a färdtjänst card prints it: "tillstånd FT 90 31 77")
_PERMIT_CODE = re.compile(
    r"(?<![\w,.-])[A-Z]{1,3}[ -]?(?:(?:19|20)\d\d[ -]\d{3,6}|\d{2,4}(?:[ ]\d{2,4}){1,3})(?![\w-])"
)
# what may stand right before a code (or the tag's word itself)
_BEFORE_CODE = re.compile(
    r"(?:(?<![\w])(?:nummer|numret|nr|är|var|blir|har|här|och|slutar på)|[,:])[ ]*$", re.IGNORECASE
)
_SENTENCE_END = re.compile(r"[.?!](?:\s|$)|\n")
_NUMBERED = re.compile(r"[ ]+(?:nummer|numret|nr)[ ]+(?=\w)", re.IGNORECASE)


def _placed(text: str, word_end: int, start: int) -> bool:
    """A code at `start` is the one the tag's word ending at `word_end` names: right after it, or
    after "nummer", "är", "var", ... ("brickan, numret på den gamla var 0047 1192")."""
    return (
        not text[word_end:start].strip(" ,") or _BEFORE_CODE.search(text, max(word_end, start - 12), start) is not None
    )


class KlangTagNumberRecognizer(base.TextRecognizer):
    ENTITIES = ("ID_NUMBER",)

    def may_match(self, text: str) -> bool:
        low = text.lower()
        worded = _TAG_WORDS.search(text) is not None or "kort" in low or "tillstånd" in low
        return worded and (numbers.has_digit(text) or numbers.has_spoken_number(text))

    def analyze(self, text, entities, nlp_artifacts=None):
        if (entities and "ID_NUMBER" not in entities) or not self.may_match(text):
            return []
        out = []
        # (a tag's or a permit's code as its pattern reads it, a card's number as `_card_number` does)
        for words, codes, fits, why in (
            (_TAG_WORDS, _TAG_CODE, None, "a key tag's number"),
            (_CARD_WORDS, _CARD_CODE, _card_number, "a card's long number"),
            (_PERMIT_WORDS, _PERMIT_CODE, None, "a permit's number"),
        ):
            for word in words.finditer(text):
                stop = _SENTENCE_END.search(text, word.end())
                for m in codes.finditer(text, word.end(), stop.start() if stop else len(text)):
                    placed = _placed(text, word.end(), m.start())
                    if not placed or heuristics.YEAR.fullmatch(m.group()) or (fits is not None and not fits(m.group())):
                        continue
                    out.append(base.tagged_result(self, "ID_NUMBER", *m.span(), 0.85, why))
        # a tag's number said in words, five digits or more: "din bricka noll noll tre ett sex två två
        # nio", or two or more after "nummer" ("brickan nummer hundrafjorton"; not "brickan, två stycken")
        for word in _TAG_WORDS.finditer(text):
            stop = _SENTENCE_END.search(text, word.end())
            runs = numbers.runs(text[word.end() : stop.start() if stop else len(text)])
            fewest = 2 if _NUMBERED.match(text, word.end()) else 5
            if not runs or not any(t.spoken for t in runs[0].tokens) or len(runs[0].digits) < fewest:
                continue
            start, end = word.end() + runs[0].tokens[0].start, word.end() + runs[0].tokens[-1].end
            if _placed(text, word.end(), start) and not heuristics.quantity(text, start, end, runs[0].digits):
                out.append(base.tagged_result(self, "ID_NUMBER", start, end, 0.85, "a key tag's number said"))
        # a code after two of the words ("kort ... kortet här, 4581 0923") is one finding
        return _one_per_span(out)


# A dog's number in the kennel club's register (SKK: "SE12345/2021"), which names its owner there:
# "SE", five or six digits, a slash and the year, written or read digit by digit ("SE 1 2 6 6 4 /
# 2016", "SE 5 5 0 1 8 snedstreck 2022", the year in two digits: "/ 2 3"); the Nordic registers'
# letters too (NO, DK, FI, S).
_DIGIT = rf"(?:\d|{numbers.DIGIT_WORD})"
_DOG_REGISTRATION = (
    rf"(?<![\w-])(?-i:SE|NO|DK|FI|S)[ -]?{_DIGIT}(?:[ ]?{_DIGIT}){{4,5}}[ ]*(?:/|snedstreck)[ ]*"
    r"(?:(?:19|20)\d\d|\d[ ]?\d)(?![\w])"
)


class KlangDogRegistrationRecognizer(PatternRecognizer):
    def __init__(self, supported_language: str = "sv"):
        super().__init__(
            supported_entity="ID_NUMBER",
            patterns=[Pattern("a dog's registration number (SE12345/2021)", _DOG_REGISTRATION, 0.7)],
            supported_language=supported_language,
            name=type(self).__name__,
        )

    def may_match(self, text: str) -> bool:
        return "/" in text or "snedstreck" in text.lower()


# A crypto wallet's address names its owner at the exchange that knows them, and is read out in
# part ("den börjar på bc1q", "bc1qvj5g och sluta på c67me", "0x68b1 och så vidare, slutar på de361"):
# a Bitcoin address's "bc1" and what follows it, anywhere; an Ethereum one's "0x" and its hex where
# the text speaks of a wallet (not a Windows error code's eight hex digits: "0x80070005"); and the
# piece of letters and digits after "slutar på" right after either.
_BECH32 = r"(?<![\w])(?:bc1[a-z0-9]{1,87}|b[ ,]+c[ ,]+(?:ett|1)[ ,]+q)(?![\w])"
_WALLET_WORDS = re.compile(r"plånbok|wallet|bitcoin|ethereum|\beth\b|krypto|insättningsadress|usdt", re.IGNORECASE)
_HEX_ADDRESS = re.compile(r"(?<![\w])0x(?![0-9a-f]{8}(?![0-9a-f]))[0-9a-f]{4,40}(?![\w])", re.IGNORECASE)
WALLET_END_CHARS = 40  # "0x68b1 och så vidare, slutar på de361"
_WALLET_END = re.compile(
    r"(?<![\w])(?:slutar|sluta|slutade|börjar|börja|började)[ ]+(?:på|med)[ ]+"
    r"(?P<piece>(?=[a-z0-9]*\d)(?=[a-z0-9]*[a-z])[a-z0-9]{4,12})(?![\w])",
    re.IGNORECASE,
)


class KlangWalletAddressRecognizer(PatternRecognizer):
    def __init__(self, supported_language: str = "sv"):
        super().__init__(
            supported_entity="ID_NUMBER",
            patterns=[Pattern("a Bitcoin address or its opening (bc1...)", _BECH32, 0.7)],
            supported_language=supported_language,
            name=type(self).__name__,
        )

    def may_match(self, text: str) -> bool:
        low = text.lower()
        return "bc1" in low or "b c " in low or _WALLET_WORDS.search(text) is not None

    def analyze(self, text, entities, nlp_artifacts=None, regex_flags=None):
        if not self.may_match(text):
            return []
        out = super().analyze(text, entities, nlp_artifacts, regex_flags)
        if _WALLET_WORDS.search(text):
            out += [
                base.tagged_result(self, "ID_NUMBER", *m.span(), 0.7, "an Ethereum address or its opening (0x...)")
                for m in _HEX_ADDRESS.finditer(text)
            ]
        heads = [r.end for r in out]
        out += [
            base.tagged_result(self, "ID_NUMBER", *m.span("piece"), 0.7, "a wallet address's end")
            for m in _WALLET_END.finditer(text)
            if any(0 <= m.start() - h <= WALLET_END_CHARS for h in heads)
        ]
        return _one_per_span(out)


# ---- IP address ---------------------------------------------------------------------------------

_OCTET = r"(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)"
# not a version number: "version 3.0.0.4", "v2.1.0.7"
_IPV4 = rf"(?<![\d.])(?<!version )(?<![a-z]){_OCTET}(?:\.{_OCTET}){{3}}(?![\d]|\.\d)"
_IPV6 = r"(?<![:\w])[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,7}(?![:\w])"
IP_CONTEXT = ["ip", "ip-adress", "ip-adressen", "ipadress", "adress", "router", "inloggning", "loggar"]


# The addresses a router answers on out of the box, the same in every home: no one's address.
ROUTER_DEFAULTS = frozenset({"192.168.0.1", "192.168.1.1", "192.168.1.254", "192.168.0.254", "10.0.0.1", "127.0.0.1"})


def ip_canonical(text: str) -> str:
    return text.strip().lower()


class KlangIpAddressRecognizer(PatternRecognizer):
    def __init__(self, supported_language: str = "sv"):
        super().__init__(
            supported_entity=IP,
            patterns=[Pattern("IPv4", _IPV4, 0.6), Pattern("IPv6", _IPV6, 0.6)],
            context=IP_CONTEXT,
            supported_language=supported_language,
            name=type(self).__name__,
        )

    def may_match(self, text: str) -> bool:
        """Cheap gate: written digits only."""
        return numbers.has_digit(text)

    def validate_result(self, pattern_text: str) -> bool | None:
        try:
            ipaddress.ip_address(pattern_text)
        except ValueError:
            return False
        return False if pattern_text in ROUTER_DEFAULTS else None
