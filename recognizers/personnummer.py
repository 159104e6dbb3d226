"""SE_PERSONNUMMER: personnummer and samordningsnummer in every written and spaced form.

Forms: YYMMDD-NNNC, YYMMDD+NNNC (age 100+), YYYYMMDD-NNNC, compact 10/12 digits, and the spaced
forms ASR produces ("850312 4238", "85 03 12 42 38"). Valid means a real calendar date (day + 60
for samordningsnummer) and a correct Luhn digit over the 10-digit form.

Spoken, mixed and split forms ("åttiofem noll tre tolv fyrtiotvå trettioåtta", "850312 fyrtiotvå
trettioåtta", head and tail in two turns with "Mm." between) are found on digit windows
(`recognizers.numbers`) by `KlangSpokenPersonnummerRecognizer`, with the same validation.

Interim numbers (interimspersonnummer, used in healthcare before a personnummer exists): a letter
T, R, S, U, W, X, J, K, L, M or N in position 9 (the first of the last four: "850312-T238",
"19850312-T238"); validated like a personnummer with the letter counted as 1 in the Luhn sum, as
the public validation libraries do. Regional reservnummer (letters and digits with no public check
digit) are not recognised: nothing validates them, and nothing here could tell them from other
codes.

Numbers introduced as an OCR/invoice reference ("OCR-numret är ...") are not reported: see
`recognizers.heuristics.REFERENCE_BEFORE`.
"""

from __future__ import annotations

import re
from datetime import date

from presidio_analyzer import Pattern, PatternRecognizer

from recognizers import base, heuristics, numbers
from recognizers.checksums import luhn_ok, valid_date
from recognizers.fold import ascii_digits
from recognizers.lexicon import shipped_lexicon

ENTITY = "SE_PERSONNUMMER"

_SEP = r"[ ]?"
# Century digits optional; birth date in pairs that may be spaced; the separator before the last
# four is "-", "+", a space or nothing; the last four may be split in two pairs.
_BODY = rf"(?:(?:18|19|20){_SEP})?\d{{2}}{_SEP}\d{{2}}{_SEP}\d{{2}}[ ]?[-+]?[ ]?\d{{2}}{_SEP}\d{{2}}"
_REF = heuristics.REF_LOOKBEHIND
# Ten digits starting with 0 (born 2000-2009) look like a phone number: after a phone question
# ("vilket telefonnummer ...") with no personnummer word since, they are left to the phone recognizer.
_NOT_PHONE_TOPIC = (
    rf"(?:(?=[1-9])|(?=\d{{6}}[ ]?[-+])|"
    rf"(?=0){heuristics.regex_not_after(heuristics.PHONE_WORDS, heuristics.PNR_WORDS)})"
)
# A number in the personnummer layout with its dash or plus is never an OCR/invoice reference.
_DASH_FORM = r"(?=(?:\d{2})?\d{6}[-+]\d{4}(?!\d))"
_REGEX = rf"(?=\d)(?<![\d+\-])(?:{_DASH_FORM}|{_REF}){_NOT_PHONE_TOPIC}{_BODY}(?![\d])"
_INTERIM_LETTERS = "TRSUWXJKLMN"
_INTERIM_REGEX = (
    rf"(?=\d)(?<![\w+\-])(?:(?:18|19|20))?\d{{6}}[ ]?[-+]?[ ]?[{_INTERIM_LETTERS}{_INTERIM_LETTERS.lower()}]"
    rf"[ ]?\d{{2}}[ ]?\d(?![\w])"
)

CONTEXT = [
    "personnummer",
    "personnumret",
    "personnumer",
    "personnr",
    "pnr",
    "samordningsnummer",
    "födelsenummer",
    "född",
    "födelsedatum",
    "legitimera",
    "identifiera",
    "siffrorna",
    "sista fyra",
]


def _split(text: str) -> tuple[str, bool] | None:
    """Digits of the number (an interim letter counted as 1) and whether it used the 100+ '+'
    separator, or None if malformed."""
    digits = "".join(
        "1" if ch.upper() in _INTERIM_LETTERS and ch.isalpha() else ch for ch in text if ch.isdigit() or ch.isalpha()
    )
    if not digits.isdigit():
        return None
    if len(digits) not in (10, 12):
        return None
    return digits, "+" in text


def century_candidates(yy: int, plus: bool, today: date | None = None) -> list[int]:
    """Full years a two-digit year can stand for, most likely first."""
    today = today or date.today()
    year = 1900 + yy if 1900 + yy <= today.year else 1800 + yy
    year = 2000 + yy if 2000 + yy <= today.year else year
    if plus:
        year -= 100
    return [year, year - 100] if not plus else [year]


def is_valid(text: str, today: date | None = None) -> bool:
    split = _split(text)
    if split is None:
        return False
    digits, plus = split
    if len(digits) == 12:
        years = [int(digits[:4])]
        ten = digits[2:]
    else:
        ten = digits
        years = century_candidates(int(ten[:2]), plus, today)
    month, day = int(ten[2:4]), int(ten[4:6])
    if day > 60:  # samordningsnummer
        day -= 60
    if not any(1800 <= y <= (today or date.today()).year and valid_date(y, month, day) for y in years):
        return False
    return luhn_ok(ten)


_WRITTEN = re.compile(_BODY)


def written_as_personnummer(text: str) -> bool:
    """Whether the written pattern reads this layout ("0701740656", "070174-0656", "07 01 74 06 56");
    a phone grouping such as "070-174 06 56" it does not."""
    return _WRITTEN.fullmatch(text.strip()) is not None


def is_valid_digits(digits: str, plus: bool = False, today: date | None = None) -> bool:
    if len(digits) == 12 and digits[:2] not in ("18", "19", "20"):
        return False
    return is_valid(digits + ("+" if plus else ""), today)


def canonical(text: str, today: date | None = None) -> str:
    """The 12-digit form, the key for pseudonyms and the subject index (spoken forms included;
    an interim number keeps its letter)."""
    if numbers.has_spoken_number(text):
        text = numbers.words_to_digits(text) + ("+" if "+" in text else "")
    letter = next((ch.upper() for ch in text if ch.isalpha()), None)
    if letter:
        digits = "".join(ch for ch in text if ch.isdigit())
        full = canonical(digits[:-3] + "1" + digits[-3:] + ("+" if "+" in text else ""), today)
        return full[:-4] + letter + full[-3:]
    split = _split(text)
    if split is None:
        return ascii_digits(text)
    digits, plus = split
    if len(digits) == 12:
        return digits
    month, day = int(digits[2:4]), int(digits[4:6]) % 60 or int(digits[4:6])
    for year in century_candidates(int(digits[:2]), plus, today):
        if valid_date(year, month, day):
            return f"{year // 100:02d}{digits}"
    return f"{century_candidates(int(digits[:2]), plus, today)[0] // 100:02d}{digits}"


class KlangPersonnummerRecognizer(PatternRecognizer):
    PATTERNS = [
        Pattern("personnummer (written or spaced)", _REGEX, 0.5),
        Pattern("interim personnummer (letter in position 9)", _INTERIM_REGEX, 0.5),
    ]

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

    def validate_result(self, pattern_text: str) -> bool | None:
        return is_valid(pattern_text)


def _month_or_day_padded(window: numbers.Window) -> str:
    """The ten digits of nine said with the month or the day as one digit word ("nittiofem åtta
    trettio tjugotre nittiosex" is 950830-2396), if that reading is a valid personnummer; else "".
    The calendar date and the Luhn digit make a chance reading rare."""
    toks = window.run.tokens[window.i : window.j + 1]
    # the year as one word opening the number, not within a phone number's digits
    if window.run.gaps[window.i] == "plain" or len(toks[0].digits) != 2:
        return ""
    head = ""
    for k, tok in enumerate(toks[:3]):
        if tok.alt:
            return ""
        if k and tok.spoken and len(tok.digits) == 1 and len(head) in (2, 4):
            padded = head + "0" + "".join(t.digits for t in toks[k:])
            if is_valid_digits(padded):
                return padded
        head += tok.digits
    return ""


class KlangSpokenPersonnummerRecognizer(base.DigitWindowRecognizer):
    """Spoken, mixed, paused and split personnummer (10 or 12 digits on a digit window; nine with
    the month or the day said as one digit word)."""

    ENTITY = ENTITY
    LENGTHS = (9, 10, 12)
    CONTEXT = CONTEXT
    LAYOUT = _WRITTEN

    def score_window(self, text, window):
        if len(window.digits) == 9:
            return 0.7 if _month_or_day_padded(window) and not window.crosses_turn else None
        if not is_valid_digits(window.digits, window.has_plus()):
            return None
        if window.digits[0] == "0" and heuristics.topic_before(text, window.start) == "phone":
            return None
        # Luhn and a calendar date: as strong as the written form; split over turns a bit less.
        return 0.7 if window.crosses_turn else 0.85


_TAIL_BEFORE = re.compile(
    r"(?:sista[ ]+fyra|fyra[ ]+sista)(?:[ ]+siffrorna)?(?:[ ]+(?:i|på)[ ]+(?:personnumret|personnumret|numret))?"
    r"(?:[ ]+(?:är|blir))?[ ]*[:,]?[ ]*(?:eh[ ]+|öh[ ]+)?$",
    re.IGNORECASE,
)
# ... or "och sista" right after a birth date: "Åttioåtta noll tre noll åtta, och sista två tre nio åtta"
_AND_LAST = re.compile(r"[ ]*,?[ ]+och[ ]+sista[ ]*[:,]?[ ]*$", re.IGNORECASE)


def birth_date(digits: str) -> bool:
    """YYMMDD or YYYYMMDD, day + 60 for a samordningsnummer."""
    if len(digits) == 6:
        y, m, d = 1900 + int(digits[:2]), int(digits[2:4]), int(digits[4:6])
    elif len(digits) == 8:
        y, m, d = int(digits[:4]), int(digits[4:6]), int(digits[6:8])
        if not 1880 <= y <= 2100:
            return False
    else:
        return False
    return valid_date(y, m, d if d <= 60 else d - 60) or valid_date(2000 + y % 100, m, d if d <= 60 else d - 60)


# A birth date written in three pairs right after a name ("Hanna Karlsson, 81 08 04 om ni
# behöver."), volunteered: asked for, the dialogue's slots take it. Elsewhere such pairs are tooth
# numbers, meter readings, dates and references ("tänderna 46 11 21", "Mätaren visar 45 10 22",
# "ärende ts 40 12 77"). Not a piece of a longer number ("070 12 34 56"), nor an amount.
_DATE_PAIRS = re.compile(
    r"(?<![\w+\-.,/:])(?<!\d[ \-])\d{2} \d{2} \d{2}(?![ \-]?\d)(?![.,:/]\d)(?![ ]?(?:kr\b|kronor|:-|%|procent))"
)
_NAME_BEFORE = re.compile(r"(?<![\w])(?-i:[A-ZÅÄÖ])[a-zåäöéü]+(?:-(?-i:[A-ZÅÄÖ])[a-zåäöéü]+)?,?[ ]$")


class KlangBirthDatePairsRecognizer(base.TextRecognizer):
    """A birth date written YY MM DD in three pairs right after a name (a capitalised word that is
    no common word); a valid calendar date (day + 60 for a samordningsnummer)."""

    ENTITIES = (ENTITY,)

    def may_match(self, text: str) -> bool:
        """Cheap gate: written digits only."""
        return numbers.has_digit(text)

    def analyze(self, text, entities, nlp_artifacts=None):
        if entities and ENTITY not in entities:
            return []
        return [
            base.tagged_result(self, ENTITY, m.start(), m.end(), 0.85, "birth date in three pairs after a name")
            for m in _DATE_PAIRS.finditer(text)
            if birth_date(m.group().replace(" ", "")) and _after_a_name(text, m.start())
        ]


def _after_a_name(text: str, at: int) -> bool:
    m = _NAME_BEFORE.search(text, max(0, at - 40), at)
    return m is not None and "common" not in shipped_lexicon().get(m.group().strip(" ,").lower(), ())


_TAIL_QUICK = re.compile(r"sista[ ]+fyra|fyra[ ]+sista|och[ ]+sista", re.IGNORECASE)


class KlangPersonnummerTailRecognizer(base.DigitWindowRecognizer):
    """The last four digits said on their own after "sista fyra" ("... och sista fyra är tjugotre
    åttiotvå"), or after "och sista" right after a birth date: only part of a personnummer, but
    with the birth date said elsewhere in the call it identifies the person. Written or spoken;
    nothing without those words right before."""

    ENTITY = ENTITY
    LENGTHS = (4,)
    CONTEXT = CONTEXT
    SKIP_PLAIN = False

    def may_match(self, text):
        return _TAIL_QUICK.search(text) is not None

    def score_window(self, text, window):
        if window.crosses_turn:
            return None
        lead = text[max(0, window.start - 80) : window.start]
        if _TAIL_BEFORE.search(lead):
            return 0.6
        last = _AND_LAST.search(lead)
        runs = numbers.runs(lead[: last.start()]) if last else ()
        return 0.6 if runs and runs[-1].tokens[-1].end == last.start() and birth_date(runs[-1].digits) else None


# A personnummer named right before it ("mitt personnummer är 19440421-8016", "personnumret:
# nittonhundrafyrtiofyra noll fyra tjugoett åttio sexton"), or asked about in the two lines before
# and said whole, in twelve digits, as a turn of its own ("... på hans personnummer" / "vad är det"
# / "nittonhundrafyrtiofyra ..."): ten or twelve digits that open with a birth date are the
# personnummer though the check digit fails (a digit misheard, misspoken or mistyped).
_NAMED = re.compile(
    r"(?<![\w])(?:personnummer|personnumret|personnumer|personnr|pnr|samordningsnummer|samordningsnumret)"
    r"(?:[ ]+(?:är|blir|var|lyder))?[ ]*[:,]?[ ]*(?:(?:eh|öh)[ ,]+)?",
    re.IGNORECASE,
)
_ALONE = re.compile(r"^[^\n:]{0,30}:[ ]*(?:(?:ja|eh|öh|det är)[ ,]+)*$", re.IGNORECASE)


class KlangNamedPersonnummerRecognizer(base.TextRecognizer):
    ENTITIES = (ENTITY,)

    def may_match(self, text: str) -> bool:
        return heuristics.mentions(text, ("pers", "pnr", "samordning"))

    def analyze(self, text, entities, nlp_artifacts=None):
        if (entities and ENTITY not in entities) or not self.may_match(text):
            return []
        out = []
        for m in _NAMED.finditer(text):
            line_end = text.find("\n", m.end())
            after = text[m.end() : line_end if line_end >= 0 else len(text)]
            runs = numbers.runs(after)
            if runs and runs[0].tokens[0].start == 0 and _dated(runs[0].digits):
                out.append((m.end(), m.end() + runs[0].tokens[-1].end))
            # the next two lines: a turn that says twelve digits and nothing else of note
            for line in _next_lines(text, m.end(), 2):
                start, body = line
                runs = numbers.runs(body)
                if (
                    len(runs) == 1
                    and len(runs[0].digits) == 12
                    and _dated(runs[0].digits)
                    and _ALONE.match(body[: runs[0].tokens[0].start])
                    and not body[runs[0].tokens[-1].end :].strip(" .,!?")
                ):
                    out.append((start + runs[0].tokens[0].start, start + runs[0].tokens[-1].end))
        return [
            base.tagged_result(self, ENTITY, s, e, 0.7, "a personnummer named, its check digit failing")
            for s, e in sorted(set(out))
        ]


def _dated(digits: str) -> bool:
    """Ten or twelve digits that open with a birth date (the twelve with a century of 18-20)."""
    if len(digits) == 12:
        return digits[:2] in ("18", "19", "20") and birth_date(digits[:8])
    return len(digits) == 10 and birth_date(digits[:6])


def _next_lines(text: str, at: int, n: int) -> list[tuple[int, str]]:
    """The n lines after the one `at` is in: (start, text)."""
    out = []
    pos = text.find("\n", at)
    while pos >= 0 and len(out) < n:
        end = text.find("\n", pos + 1)
        out.append((pos + 1, text[pos + 1 : end if end >= 0 else len(text)]))
        pos = end
    return out
