"""Context heuristics around numbers, shared by the recognizers.

- Reference words: a number introduced as an OCR/invoice reference is not personal data (hard
  negatives), so the digit recognizers skip it.
- Topic words: which identifier the call is talking about decides between a personnummer and a
  phone number when the digits are valid as both.
- Dates and clock times written with dots or slashes are not identifiers.
- Cheap context-word gates for the recognizers' `may_match`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from recognizers.numbers import words_to_digits

_DIGIT_RX = re.compile(r"\d")


@lru_cache(maxsize=1024)
def lowered(text: str) -> str:
    """`text.lower()`, cached: the recognizers' cheap gates test context words on it."""
    return text.lower()


def mentions(text: str, words: Iterable[str]) -> bool:
    """Any of the (lowercase) words occurs in the text, as a substring."""
    low = lowered(text)
    return any(w in low for w in words)


# Numbers introduced as invoice/OCR references are not personal data (README: hard negatives);
# the digit recognizers skip a candidate right after these words.
# Only words that introduce a number count ("OCR", "OCR-numret", "fakturanummer", "referens"),
# not every word starting like one: after "Fakturafråga" or "fakturan" a personnummer is one.
REFERENCE_BEFORE = re.compile(
    r"(?:\b(?:ocr|(?:betalnings)?referens)(?:[- ]?(?:nummer|numret|nr\.?))?"
    r"|\b(?:faktura|order|ärende|boknings|kolli|serie|sändnings|spårnings|artikel|modell)[- ]?(?:nummer|numret|nr\.?)"
    r"|\b(?:faktura|order|ärende)nr\.?)[ :,]*(?:från[ ]+\w+[ ]+)?(?:är[ ]+)?$",
    re.IGNORECASE,
)
# Talk of the company's own references, anywhere before a number in its sentence or turn: a number
# read out or back there is one of them ("Jag lägger ärendet som INC fyra fyra nio åtta två").
REFERENCE_TALK = re.compile(
    r"(?<![\w])(?:ocr|referens|faktura|order|ärende|bokning|kolli|sändning|spårning|beställ|paket|artikel|serie|skade|"
    r"diarie|kontrollavgift|avgift|retur|inc|incident|felanmäl|bagagetag|offert)",
    re.IGNORECASE,
)
# "för referens" is said of the number itself, no other reference ("lånenumret för referens är ...")
NOT_FOR_REFERENCE = r"(?<!för[ ])"
# The same as lookbehinds for the written patterns (the `regex` module, as Presidio compiles them).
REF_LOOKBEHIND = (
    rf"(?<!{NOT_FOR_REFERENCE}(?:ocr|referens)(?:[- ]?(?:nummer|numret|nr\.?))?[ :]{{0,3}}(?:är[ ]{{1,2}})?)"
    r"(?<!(?:faktura|order|ärende)[- ]?(?:nummer|numret|nr\.?)[ :,]{0,3}(?:är[ ]{1,2})?)"
)


# Which identifier the call is talking about: the last of these words before a number decides
# between a personnummer and a phone number when the digits are valid as both (people born
# 2000-2009 have personnummer starting with 0, like a phone number).
PNR_WORDS = r"personn|pnr|samordningsn|födelsen|född|sista fyra"
PHONE_WORDS = r"telefon|mobil|\bring|\bnås\b|\bnå dig|\bsms|\btfn\b|\btel\b|växel|kundtjänst"
_TOPIC_RX = re.compile(rf"(?:(?P<pnr>{PNR_WORDS})|(?P<phone>{PHONE_WORDS}))", re.IGNORECASE)
TOPIC_WINDOW = 200


def topic_before(text: str, start: int) -> str | None:
    """ "pnr" or "phone": the kind of number the nearest preceding context word asks for. A
    personnummer word governs only the next number ("mitt personnummer är 880413-2382 och numret
    070-..."): with digits in between it no longer counts; a phone word also covers a read-back."""
    last = None
    for m in _TOPIC_RX.finditer(text, max(0, start - TOPIC_WINDOW), start):
        last = m
    if last is None:
        return None
    if last.lastgroup == "pnr":
        between = text[last.end() : start]
        if _DIGIT_RX.search(between) or len(words_to_digits(between)) >= 6:
            return None
    return last.lastgroup


def regex_not_after(words: str, unless: str) -> str:
    """A lookbehind (for the `regex` module) that fails when one of `words` occurs in the
    preceding TOPIC_WINDOW characters with none of `unless` and no digit after it."""
    return rf"(?<!(?:{words})(?:(?!{unless})\D){{0,{TOPIC_WINDOW}}})"


# Dotted or slashed digits that read as a date or a clock time (range) are not identifiers:
# "01.12.2026", "1/12/26", "08.00-17.00".
_TIME = r"(?:[01]?\d|2[0-3])[.:][0-5]\d"
DATE_OR_TIME = re.compile(rf"(?:[0-3]?\d([./])[01]?\d\1(?:\d{{2}}|\d{{4}})|{_TIME}(?:[ ]?-[ ]?{_TIME})?)")


# A number that is a quantity, a year or a time, not an identifier: "1 480 kronor", "145 kvadrat",
# "sedan 2011", "efter 16.30".
QUANTITY_AFTER = re.compile(
    r"[ ]*(?::-|kr\b|kronor|spänn|öre|kwh|kilowatt|procent|%|kvadrat|kvm|m2|m²|ampere|amp\b|volt|megabit|mbit|grader|år\b|månader|"
    r"dagar|veckor|mån\b|timm(?:ar|e\b)|minuter|stycken|styck|st\b|mil\b|meter|liter|hushåll|mätare|personer|gånger|"
    r"sek\b|euro|gig\b|gb\b|mb\b|tum\b|kg\b|kilo\b|siffr|"
    r"(?:om|per|i|varje)[ ](?:året|år|månaden|månad|kvartalet|dygnet|dagen)|att betala)",
    re.IGNORECASE,
)
# Dates and amounts that are never an identifier: ISO dates, numbers said with "tusen", and one
# word of eleven hundred or more ("fjortonhundrafemtio", "nittonhundrasjuttiofyra"; an identifier
# is said in groups: "femhundratjugoåtta").
_ISO_DATE = re.compile(r"(?:19|20)\d\d-[01]\d-[0-3]\d")
_THOUSANDS = re.compile(r"tusen", re.IGNORECASE)
_HUNDREDS = re.compile(r"(?:elva|tolv|tretton|fjorton|femton|sexton|sjutton|arton|nitton|tjugo\w*)hundra\w*", re.I)
_SINCE = re.compile(
    r"(?<![\w])(?:sedan|sen|från|år|kunder?|medlem\w*|nytt|nya|köpte|köpt|flyttade|byggdes|byggt|byggd)[ ]*$",
    re.IGNORECASE,
)
YEAR = re.compile(r"(?:19|20)\d\d")  # a year of the last century or this one, written
MONTHS = (
    "januari",
    "februari",
    "mars",
    "april",
    "maj",
    "juni",
    "juli",
    "augusti",
    "september",
    "oktober",
    "november",
    "december",
)
WEEKDAYS = ("måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag", "söndag")
# A day of the month said as an ordinal: "tredje", "tjugoandra", "trettioförsta".
ORDINAL_WORDS = (
    "första andra tredje fjärde femte sjätte sjunde åttonde nionde tionde elfte tolfte trettonde fjortonde "
    "femtonde sextonde sjuttonde artonde nittonde tjugonde"
).split()
# ... and as Norwegian and Danish callers say them ("sjette i tolvte", "den ottende juni")
NORDIC_ORDINALS = {
    **dict.fromkeys(("første", "förste"), 1),
    "anden": 2,
    "fjerde": 4,
    "sjette": 6,
    **dict.fromkeys(("sjuende", "syvende"), 7),
    **dict.fromkeys(("åttende", "ottende"), 8),
    "niende": 9,
    "tiende": 10,
    "ellevte": 11,
    "tolvte": 12,
    "trettende": 13,
    "fjortende": 14,
    "femtende": 15,
    "sekstende": 16,
    "syttende": 17,
    "attende": 18,
    "nittende": 19,
    **dict.fromkeys(("tjuende", "tyvende"), 20),
    **dict.fromkeys(("trettiende", "tredevte", "tredivte"), 30),
}
_ORDINALS = (
    {w: n + 1 for n, w in enumerate(ORDINAL_WORDS)} | {"förste": 1, "andre": 2, "trettionde": 30} | NORDIC_ORDINALS
)
# A month said as its ordinal: "trettonde i fjärde", "sjette i tolvte"
MONTH_ORDINALS = (*ORDINAL_WORDS[:12], *(w for w, n in NORDIC_ORDINALS.items() if n <= 12))
# Danish counts the units first: "enogtyvende" is 21, "enogtredivte" 31
_DANISH_UNITS = {w: n + 1 for n, w in enumerate("en to tre fire fem seks syv otte ni".split())}
_DANISH_TENS = {"tyvende": 20, "tredivte": 30}


def day_ordinal(word: str) -> int | None:
    """The number of a day's ordinal word ("tjugoandra" is 22, Norwegian "tjueandre" too), or None."""
    word = word.lower()
    for tens, base in (("tjugo", 20), ("trettio", 30), ("tjue", 20), ("tretti", 30)):
        if word.startswith(tens) and _ORDINALS.get(word[len(tens) :], 10) < 10:
            return base + _ORDINALS[word[len(tens) :]]
    unit, og, tens = word.partition("og")
    if og and unit in _DANISH_UNITS and tens in _DANISH_TENS:
        return _DANISH_TENS[tens] + _DANISH_UNITS[unit]
    return _ORDINALS.get(word)


def when_word(word: str) -> bool:
    """A month, a weekday or a day's ordinal: a word of the calendar, not a name."""
    low = word.lower()
    return low in MONTHS or low in WEEKDAYS or day_ordinal(low) is not None


_MONTH_BEFORE = re.compile(rf"(?<![\w])(?:{'|'.join(MONTHS)})[ ,]*$", re.IGNORECASE)
# An amount introduced as one: "faktura på 612", "Fakturan var 890", "runt 2 400". Not "Det som
# står på fakturan är 5845..." nor "Postnumret på räkningen är 41391" ("är" reads identifiers out),
# nor "791227 minus 2395" (the dash, said).
_BILL = r"\w*faktur\w*|\w*räkning\w*|summ\w*|belopp\w*|saldo\w*|pris\w*"
_AMOUNT_BEFORE = re.compile(
    rf"(?<![\w])(?:(?:{_BILL})(?:[ ]+(?:ligger|låg|landade|hamnade|var|blev|blir))?[ ]+(?:på|om)|"
    rf"(?:{_BILL})[ ]+(?:ligger|låg|landade|hamnade|var|blev)|"
    r"summan|beloppet|kosta\w*|betala\w*|runt|cirka|ca\.?|ungefär|omkring|"
    r"(?:mätar)?ställning\w*(?:[ ]+(?:är|var|på))*|förbrukning\w*(?:[ ]+(?:är|var|på))*|"
    r"(?:den|mätaren|displayen)[ ]+visar(?:[ ]+nu)?)[ ,:]*$",  # a reading: "Den visar 73 412."
    re.IGNORECASE,
)
# Thousands written apart, round ("25 000", "2 400") or after "för" ("för 12 490"): an amount.
_GROUPED = re.compile(r"\d{1,3} \d{3}")
_ROUND = re.compile(r"\d{1,3} \d00")
# Thousands written as Swedish spells amounts, one digit apart: "1 340", "2 215" (no identifier is
# grouped so; "fick tillbaka 1 340 och inte 1 430").
# Nobody says an amount with a dash ("åttatusen etthundrafem bindestreck nio" is a clearing number).
_DASH_SAID = re.compile(r"(?<![\w])(?:binde)?streck(?![\w])", re.IGNORECASE)
# A number named as an account right before it is no amount however it is said ("clearing
# åttatusen trehundrafyrtiotvå bindestreck sex").
_NAMED_BEFORE = re.compile(
    r"(?<![\w])(?:clearing\w*|kontonummer|kontonumret|bankgiro\w*|plusgiro\w*|swedbank|handelsbanken|nordea|seb|"
    r"danske bank|länsförsäkringar|sparbanken|ica banken)(?:[ ]+(?:är|nummer|numret|nr))*[ ,:]*(?:(?:eh|öh)[ ,]+)?$",
    re.IGNORECASE,
)
_ONE_THOUSANDS = re.compile(r"[1-9] \d{3}")
_FOR = re.compile(r"(?<![\w])för[ ]*$", re.IGNORECASE)
# A clock time after "efter", "innan", "klockan", "mellan": "efter fjorton trettio", "mellan 0800 och 1200".
_TIME_BEFORE = re.compile(
    r"(?<![\w])(?:efter|innan|före|klockan|kl\.?|mellan|mellan[ ]+\d{1,4}[ ]+(?:och|till|-))[ ]*$", re.IGNORECASE
)


def _amount_shaped(said: str) -> bool:
    """Said as an amount is said: digits ("612", "2 400") or one word ("tolvhundra"); an identifier
    said in words comes in groups ("Cirka fem fem sju fem nio två", "fyrtiofyra åttioåtta tolv")."""
    return len(said.split()) == 1 or re.fullmatch(r"\d{1,3}(?: \d{3})*", said) is not None


def _clock(digits: str) -> bool:
    return (
        len(digits) <= 2
        and int(digits) <= 24
        or len(digits) in (3, 4)
        and int(digits[:-2]) < 24
        and int(digits[-2:]) < 60
    )


def quantity(text: str, start: int, end: int, digits: str, four_digits: bool = False, shapes: bool = True) -> bool:
    """True when the number text[start:end] (its digits given) is an amount, a measure, a date
    or clock time, said in thousands ("tretusen"), or a year after "sedan" ("medlem sedan 2011";
    "och sen 4238" is not a year). `four_digits`: where the value asked for is four digits (the
    last four of a personnummer), a year or a clock time may be it ("och sen 2010", "efter 1732").
    `shapes=False`: the value asked for is a code or a flat, never an amount, so how the number is
    said or written does not make it one ("Portkoden är 1 340", "fjortonhundratvå")."""
    before = text[max(0, start - 30) : start]
    shaped = (
        shapes
        and not (named_account(text, start) or _DASH_SAID.search(text, start, end))
        and bool(
            _THOUSANDS.search(text, start, end)
            or _HUNDREDS.fullmatch(text, start, end)
            or _ROUND.fullmatch(text, start, end)
            or (not four_digits and _ONE_THOUSANDS.fullmatch(text, start, end))
        )
    )
    return bool(
        shaped
        or QUANTITY_AFTER.match(text, end)
        or DATE_OR_TIME.fullmatch(text, start, end)
        or _ISO_DATE.fullmatch(text, start, end)
        or (not four_digits and YEAR.fullmatch(digits) and _SINCE.search(before))
        or (YEAR.fullmatch(digits) and _MONTH_BEFORE.search(before))  # "i september 2022"
        or (_AMOUNT_BEFORE.search(before) and _amount_shaped(text[start:end]) and not four_digits)
        or (_GROUPED.fullmatch(text, start, end) and _FOR.search(before))
        or (not four_digits and _clock(digits) and _TIME_BEFORE.search(before))
    )


def named_account(text: str, start: int) -> bool:
    """True when the number at `start` is named as an account right before it ("clearing
    åttatusen trehundrafyrtiotvå bindestreck sex"): no amount however it is said."""
    return _NAMED_BEFORE.search(text, max(0, start - 30), start) is not None


def after_reference_word(text: str, start: int) -> bool:
    """True when the number at `start` is introduced as an OCR/invoice reference."""
    return REFERENCE_BEFORE.search(text[max(0, start - 40) : start]) is not None
