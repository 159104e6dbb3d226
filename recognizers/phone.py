"""PHONE_NUMBER: Swedish mobile and landline numbers in written forms.

Groupings seen in transcripts: 070-123 45 67, 0701234567, +46 70 123 45 67, 0046 70..., 08-123 456 78,
031-12 34 56. A candidate must start with a trunk 0 or the country code and hold a plausible
Swedish national number; libphonenumber's metadata (offline, shipped with `phonenumbers`) decides.
A company's service numbers (020, 0771, 0900: free, shared-cost and premium) are no one's.

A number abroad is a person's too when its country code is written ("+49 152 2894 3310", "00358 40
123 4567"): `KlangInternationalPhoneRecognizer` takes any valid number in libphonenumber's plan.

Spoken forms ("noll sju noll ett två tre fyrtiofem sextiosju", pairs, digit by digit, mixed with
written groups, with fillers, split over two turns) are found on digit windows
(`recognizers.numbers`) by `KlangSpokenPhoneRecognizer`, with the same validation.
"""

from __future__ import annotations

import re

import phonenumbers
from presidio_analyzer import Pattern, PatternRecognizer

from recognizers import base, heuristics, numbers, personnummer
from recognizers.fold import ascii_digits

ENTITY = "PHONE_NUMBER"

# Country code or trunk zero, then 7-10 more digits in groups separated by space or hyphen.
_REF = heuristics.REF_LOOKBEHIND
# Ten digits starting with 0 may be a personnummer (born 2000-2009): not when they are a valid
# one in the personnummer layout NNNNNN-NNNN, and not right after a personnummer question (no
# phone word since).
_TEN = r"(?=\d(?:[ -]?\d){9}(?![ -]?\d))"
_PNR_LAYOUT = re.compile(r"\s*\d{6}[ ]?[-+][ ]?\d{4}\s*")
_REST = r"(?:[ -]?\(0\))?[ -]?\d{1,3}(?:[ -]?\d){5,9}(?![\d])"
# Every grouping the written patterns read (the spoken recognizer reports the others).
_LAYOUT = re.compile(rf"(?:\+46|0046|46|0){_REST}")
# Not ten digits with a trunk zero (those are decided below), or with a country code.
# "46701740622": the country code written without its "+" (compact only: "46 kr" is an amount).
_REGEX = rf"(?=[\d+])(?<![\d+]){_REF}(?:\+46|0046|46(?=[1-9]\d{{6,8}}(?!\d))|(?!{_TEN})0){_REST}"
# Ten digits with a trunk zero after a phone question (a phone word, no personnummer word since).
_PHONE_TOPIC = rf"(?<=(?:{heuristics.PHONE_WORDS})(?:(?!{heuristics.PNR_WORDS}).){{0,{heuristics.TOPIC_WINDOW}}})"
_REGEX_TEN_PHONE_TOPIC = rf"(?=0){_TEN}(?<![\d+]){_REF}{_PHONE_TOPIC}0{_REST}"
# The same without a phone question: a phone number unless the digits are a valid personnummer
# (KlangTenDigitPhoneRecognizer).
_REGEX_TEN_NO_TOPIC = (
    rf"(?=0){_TEN}(?<![\d+]){_REF}(?<!(?:{heuristics.PHONE_WORDS})(?:(?!{heuristics.PNR_WORDS}).){{0,{heuristics.TOPIC_WINDOW}}})"
    rf"0{_REST}"
)

# ("nummer" alone is not a phone word: Presidio matches substrings, and "personnummer" contains it.)
CONTEXT = [
    "telefon",
    "telefonnummer",
    "telefonnumret",
    "mobil",
    "mobilnummer",
    "mobilnumret",
    "mobilen",
    "ring",
    "ringa",
    "nås",
    "sms",
    "tel",
    "tfn",
    "hemnummer",
    "jobbnummer",
]


def national_number(text: str) -> str | None:
    """The national significant number (no trunk 0, no country code), or None."""
    digits = ascii_digits(text)
    stripped = text.lstrip()
    if stripped.startswith("+46"):
        digits = digits[2:]
    elif stripped.startswith("0046"):
        digits = digits[4:]
    elif digits.startswith("46") and 9 <= len(digits) <= 11:  # "+" left out
        digits = digits[2:]
    elif digits.startswith("0"):
        digits = digits[1:]
    else:
        return None
    if digits.startswith("0"):  # "+46 (0)70..." keeps the trunk zero inside
        digits = digits[1:]
    return digits or None


# A company's service numbers, never a subscriber's: 020 (free), 0771 (shared cost), 0900/0939/0944
# (premium). "Ring 0771-10 20 30" names no person.
_SERVICE_TYPES = frozenset(
    (
        phonenumbers.PhoneNumberType.TOLL_FREE,
        phonenumbers.PhoneNumberType.SHARED_COST,
        phonenumbers.PhoneNumberType.PREMIUM_RATE,
    )
)


def _parsed(text: str) -> phonenumbers.PhoneNumber | None:
    national = national_number(text)
    if national is None or not 7 <= len(national) <= 9:
        return None
    try:
        number = phonenumbers.parse("+46" + national, None)
    except phonenumbers.NumberParseException:
        return None
    return number if phonenumbers.is_valid_number(number) else None


def is_valid(text: str) -> bool:
    """A Swedish number a person may have: valid, and no company's service number."""
    number = _parsed(text)
    return number is not None and phonenumbers.number_type(number) not in _SERVICE_TYPES


def is_service_number(text: str) -> bool:
    """A valid service number (020, 0771, 0900, ...): a company's, never a person's."""
    number = _parsed(text)
    return number is not None and phonenumbers.number_type(number) in _SERVICE_TYPES


def canonical(text: str) -> str:
    if numbers.has_spoken_number(text):
        head = text.lstrip()
        plus = "+" if head.startswith("+") or head[:4].lower() == "plus" else ""
        # the reading the recognizer validated ("sjuttio ett" may be 70, 1), else the plain one
        cands = [plus + d for d in numbers.readings(text)]
        text = next((c for c in cands if is_valid(c)), cands[0])
    national = national_number(text)
    return f"+46{national}" if national else ascii_digits(text)


class _WrittenPhoneRecognizer(PatternRecognizer):
    """A phone number in written digits, found by the class's PATTERNS."""

    PATTERNS: list[Pattern] = []

    def __init__(self, supported_language: str = "sv"):
        super().__init__(
            supported_entity=ENTITY,
            patterns=self.PATTERNS,
            context=CONTEXT,
            supported_language=supported_language,
            name=type(self).__name__,
        )

    def may_match(self, text: str) -> bool:
        """Cheap gate: written digits only."""
        return numbers.has_digit(text)


class KlangPhoneRecognizer(_WrittenPhoneRecognizer):
    PATTERNS = [
        Pattern("swedish phone (written)", _REGEX, 0.4),
        Pattern("swedish phone, ten digits, after a phone question", _REGEX_TEN_PHONE_TOPIC, 0.4),
    ]

    def validate_result(self, pattern_text: str) -> bool | None:
        if _PNR_LAYOUT.fullmatch(pattern_text) and personnummer.is_valid_digits(ascii_digits(pattern_text)):
            return False  # a personnummer, even after a phone question: its recognizer reports it
        return is_valid(pattern_text)


class KlangTenDigitPhoneRecognizer(_WrittenPhoneRecognizer):
    """Ten digits starting with 0 and no phone question before them: a phone number unless the
    digits are also a valid personnummer (born 2000-2009: 1.1 % of mobile numbers are) written as
    one ("0701740656", "070174-0656"), which is far likelier for a number nobody asked as a phone
    number and which the personnummer recognizer reports. In a phone grouping ("070-174 06 56")
    it is a phone number: nothing else would report it."""

    PATTERNS = [Pattern("swedish phone, ten digits, no topic", _REGEX_TEN_NO_TOPIC, 0.4)]

    def validate_result(self, pattern_text: str) -> bool | None:
        if personnummer.is_valid_digits(ascii_digits(pattern_text)) and personnummer.written_as_personnummer(
            pattern_text
        ):
            return False
        return is_valid(pattern_text)


# "+" or "00" and a country code other than Sweden's, then 6-14 digits in groups ("+49 152 2894 3310",
# "+358-40-123 4567", "0047 912 34 567", "+44 (0)20 7946 0958"); after "00" in groups only, as a
# number is written ("Kollinummer 00358401234567" is a parcel's)
_INTERNATIONAL = (
    rf"(?<![\w+]){_REF}(?:\+(?!46)[1-9]\d{{0,2}}(?:[ .-]?\(0\))?(?:[ .-]?\(?\d{{1,5}}\)?){{2,7}}"
    rf"|00(?!46)[1-9]\d{{0,2}}(?:[ .-]?\(0\))?(?:[ .-]\(?\d{{1,5}}\)?){{2,7}})(?![\d])"
)


def is_valid_international(text: str) -> bool:
    """A valid number in another country's plan, written with its country code."""
    digits = ascii_digits(text.replace("(0)", ""))
    digits = digits[2:] if text.lstrip().startswith("00") else digits
    if not 8 <= len(digits) <= 15 or digits.startswith("46"):
        return False
    try:
        return phonenumbers.is_valid_number(phonenumbers.parse("+" + digits, None))
    except phonenumbers.NumberParseException:
        return False


class KlangInternationalPhoneRecognizer(_WrittenPhoneRecognizer):
    PATTERNS = [Pattern("phone abroad, with its country code", _INTERNATIONAL, 0.5)]

    def validate_result(self, pattern_text: str) -> bool | None:
        return is_valid_international(pattern_text)


# A person's number told of, as a note or a form gave it, without its country code when it is a
# number abroad ("han skrev sitt nummer 5384 1127", "hon har nummer 697 554 0091", "och numret 06
# 5539 1108"): eight to thirteen digits in groups after the words, a person the one who has or gave
# it ("Kreditfakturan har nummer 9 004 331 27" is an invoice's); not where a reference, an order or
# the company is talked of just before ("vi har nummer ...").
_TOLD_NUMBER = re.compile(
    r"(?<![\w])(?:(?:han|hon|hen|de|dom|jag)[ ]+(?:skrev|gav|lämnade|har|hade)(?:[ ]+(?:mig|oss|upp))?[ ]+"
    r"(?:(?:sitt|hans|hennes|mitt|sina)[ ]+)?"
    r"(?:telefon|mobil)?(?:nummer|numret)|(?:och|med)[ ]+(?:telefon|mobil)?numret)[ ,:]+(?:(?:är|var)[ ]+)?"
    r"(?P<number>\d{1,5}(?:[ -]\d{2,5}){1,4})(?![\w]|[.,]\d|[ -]\d)",
    re.IGNORECASE,
)
_NOT_A_PERSONS = re.compile(
    rf"{heuristics.REFERENCE_TALK.pattern}|företag|bolag|butik|kundtjänst|växel|\b(?:vi|ni)[ ]+har\b", re.I
)
TOLD_BEFORE_CHARS = 40


class KlangToldPhoneRecognizer(base.TextRecognizer):
    ENTITIES = (ENTITY,)

    def may_match(self, text: str) -> bool:
        low = text.lower()
        return numbers.has_digit(text) and ("numm" in low or "numr" in low)

    def analyze(self, text, entities, nlp_artifacts=None):
        if not self.may_match(text):
            return []
        return [
            base.tagged_result(self, ENTITY, *m.span("number"), 0.6, "a person's number told of")
            for m in _TOLD_NUMBER.finditer(text)
            if 8 <= len(ascii_digits(m.group("number"))) <= 13
            and not _NOT_A_PERSONS.search(text, max(0, m.start() - TOLD_BEFORE_CHARS), m.start("number"))
        ]


_SPOKEN_PLUS = re.compile(r"(?<![a-zåäö])plus[ ]+$", re.IGNORECASE)


class KlangSpokenPhoneRecognizer(base.DigitWindowRecognizer):
    """Spoken, mixed, paused and split phone numbers on digit windows."""

    ENTITY = ENTITY
    LENGTHS = tuple(range(8, 14))
    CONTEXT = CONTEXT
    LAYOUT = _LAYOUT

    def extend_start(self, text, start):
        m = _SPOKEN_PLUS.search(text, max(0, start - 8), start)
        if m:
            return m.start()
        # the area code in brackets: "(070) 174 06 05"
        return start - 1 if start > 0 and text[start - 1] == "(" else super().extend_start(text, start)

    def score_window(self, text, window):
        digits = window.digits
        # "+" written, or said ("plus fyrtiosex sjuttio ...")
        plus = (window.start > 0 and text[window.start - 1] == "+") or _SPOKEN_PLUS.search(
            text, max(0, window.start - 8), window.start
        ) is not None
        if plus and digits.startswith("46"):
            candidate = "+" + digits
        elif digits.startswith("0046") or (digits.startswith("0") and not digits.startswith("00")):
            candidate = digits
        else:
            return None
        if not is_valid(candidate):
            # a mobile number said with one digit too many ("noll sjuttio, sjutton fyrtio, noll sex,
            # sextio": 11 digits): a reader still reads the number
            slipped = window.spoken and len(digits) == 11 and digits.startswith("07")
            # ... or with a digit or two dropped ("noll sju tre fyrtioett fyrtioett nittiosex"): still a
            # mobile number to whoever reads it, when it is all that is said (not the end of a
            # longer number: "tre sju noll sju två sex fyra fyra ett nio åtta")
            dropped = (
                window.spoken
                and window.whole_utterance
                and len(digits) in (8, 9)
                and digits.startswith("07")
                and not heuristics.QUANTITY_AFTER.match(text, window.end)  # "... kilowattimmar"
                and not (len(digits) == 8 and digits[4:6] in ("19", "20"))  # a date: "noll sju tolv tjugo tjugofyra"
            )
            return 0.5 if (slipped or dropped) and not window.crosses_turn else None
        if (
            len(digits) == 10
            and digits[0] == "0"
            and personnummer.is_valid_digits(digits)
            and heuristics.topic_before(text, window.start) != "phone"
        ):
            return None  # valid as a personnummer too and nobody asked for a phone number
        if heuristics.topic_before(text, window.start) == "pnr":
            return 0.45  # digits right after a personnummer question: a phone word must confirm it
        return 0.55 if window.crosses_turn else 0.65
