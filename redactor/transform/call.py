"""Rewrite a call given its detections: every field, every word, consistently.

Rules, in order:
1. A value detected in one field is redacted wherever it stands in the call (agent read-backs,
   names in the summary, the caller number in metadata).
2. Overlapping findings merge into one replaced span.
3. A word touched by a replaced span is replaced too, so no word keeps what the text lost.
4. A final check looks for every detected value in the output; finding one is a `LeakError`,
   and the caller quarantines the call instead of writing it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from dataclasses import replace as dc_replace
from functools import lru_cache

from recognizers import (
    canonical_value,
    dialogue_slots,
    email,
    heuristics,
    introduction,
    number_digits,
    numbers,
    phone,
    place_lines,
)
from recognizers.entities import DIGIT_ENTITIES, LOCAL_ENTITIES, NOT_NUMBERS, SUBJECT_ENTITIES
from recognizers.fold import fold, fold_text, unaccented
from recognizers.lexicon import shipped_lexicon
from redactor.detect import Detection
from redactor.detect.dialogue import Dialogue, build_dialogue
from redactor.domain import Call, Finding, RedactedCall, Segment
from redactor.errors import RedactorError
from redactor.transform import spans as sp
from redactor.transform.policy import PlaceholderNumbers, Policy
from redactor.transform.pseudonym import Pseudonymiser

_FIELD = re.compile(
    r"^(?:segments\[(?P<seg>\d+)\]\.(?P<segpart>text|speaker|unaligned_words)"
    r"|participants\[(?P<part>\d+)\]|metadata\.(?P<meta>.+)|metadata_keys\[(?P<mkey>\d+)\]"
    r"|(?P<top>title|digest|summary|source_id|source_file))$"
)


# Fewer digits than this would take every matching amount or time of the call along.
MIN_PROPAGATED_DIGITS = 4
# An e-mail address's local part shorter than this ("info", "anna") is chased as a name or not at all.
MIN_LOCAL_PART = 6


class LeakError(RedactorError):
    """A detected value survived the transformation; the message names the field, not the value."""


DIALOGUE = "dialogue"  # the detection text of all segments together (not a stored field)
# An export's id and file name glue words and numbers with "-" and "_" ("conv-0010-76 03 13 2395"):
# they are detected as written and, on further lines, with those read as " " ("conv 880413 2382")
# and as ";" (no digit run crosses a ";": "0010;76 03 13 2395"), so a number glued to the id is a
# number on its own too. `id_detections` maps back.
ID_FIELDS = frozenset({"source_id", "source_file"})
# ...but not the dash before a number's last four ("-2382", invisible characters inside allowed).
_ID_JOINERS = re.compile(r"[-_](?!(?:\d[\u00ad\u200b-\u200f\u2060\ufeff]*){4}(?![\d\u00ad\u200b-\u200f\u2060\ufeff]))")
ID_READINGS = (" ", ";")


@dataclass
class ScanUnits:
    """The texts detection runs on, and where each word of each segment lives in them."""

    texts: dict[str, str] = field(default_factory=dict)
    # The segments' texts, detected together as the call's dialogue (the fields it stands for).
    dialogue: Dialogue = field(default_factory=lambda: build_dialogue([]))
    dialogue_fields: frozenset[str] = frozenset()

    def detection_texts(self) -> dict[str, str]:
        """What detection runs on: every field on its own, except the segments' texts, which
        stand together as the dialogue (key DIALOGUE)."""
        texts = {
            name: "\n".join([text] + [_ID_JOINERS.sub(j, text) for j in ID_READINGS]) if name in ID_FIELDS else text
            for name, text in self.texts.items()
            if name not in self.dialogue_fields
        }
        texts[DIALOGUE] = self.dialogue.text
        return texts

    # (segment index, word index) -> (field name, start, end)
    word_spans: dict[tuple[int, int], tuple[str, int, int]] = field(default_factory=dict)


def _align_words(seg: Segment, units: ScanUnits) -> None:
    text_field = f"segments[{seg.index}].text"
    lowered = seg.text.lower()
    pos = 0
    unaligned: list[tuple[int, str]] = []
    for k, word in enumerate(seg.words):
        token = word.text.strip().lower()
        at = lowered.find(token, pos) if token else -1
        # A word more than a few characters past the cursor means the text and words disagree.
        if at < 0 or (at - pos) > 3 + len(token):
            unaligned.append((k, word.text))
            continue
        units.word_spans[(seg.index, k)] = (text_field, at, at + len(token))
        pos = at + len(token)
    if unaligned:
        # Words the text does not contain are scanned on their own, so they cannot slip through.
        name = f"segments[{seg.index}].unaligned_words"
        parts, offset = [], 0
        for k, text in unaligned:
            units.word_spans[(seg.index, k)] = (name, offset, offset + len(text))
            parts.append(text)
            offset += len(text) + 1
        units.texts[name] = " ".join(parts)


def id_detections(text: str, dets: list[Detection]) -> list[Detection]:
    """Detections on an id field's detection text (its readings one a line, each as long as the
    field) as detections on the field itself."""
    line = len(text) + 1
    out = []
    for d in dets:
        shift = d.start // line * line
        out.append(dc_replace(d, start=d.start - shift, end=min(d.end - shift, len(text))))
    return out


def scan_units(call: Call) -> ScanUnits:
    units = ScanUnits()
    units.texts.update(call.text_fields())
    units.texts["source_id"] = call.source_id
    units.texts["source_file"] = call.source_file.rsplit("/", 1)[-1]
    for seg in call.segments:
        if seg.words:
            _align_words(seg, units)
    units.dialogue = build_dialogue(call.segments)
    units.dialogue_fields = frozenset(name for _, name, _ in units.dialogue.pieces)
    return units


def _set_field(call: Call, name: str, value: str) -> None:
    m = _FIELD.match(name)
    if not m:
        raise ValueError(f"unknown field {name!r}")
    if m.group("seg") is not None:
        part = m.group("segpart")
        if part != "unaligned_words":  # synthetic: its words are rewritten one by one
            setattr(call.segments[int(m.group("seg"))], part, value)
    elif m.group("part") is not None:
        call.participants[int(m.group("part"))] = value
    elif m.group("meta") is not None:
        call.metadata[m.group("meta")] = value
    elif m.group("mkey") is not None:
        _rename_key(call, int(m.group("mkey")), value)
    else:
        setattr(call, m.group("top"), value)


# Between two pieces of a number given over turns: the end of one turn and the start of the next,
# or a short back-channel turn between ("Ja?", "Mm.", "Och sen?").
_PIECES_APART = re.compile(r"[ ,.…]*")
_BACK_CHANNEL_WORDS = 3


def _joined_pieces(units: ScanUnits, found: dict[str, list[sp.Span]]) -> list[tuple[str, sp.Span]]:
    """The digits of a number given in pieces over turns, the pieces joined: a piece that ends its
    segment and one of the same type that opens the next (or the one after a back-channel)."""
    texts = {int(m.group("seg")): name for name in found if (m := _FIELD.match(name)) and m.group("segpart") == "text"}
    out: list[tuple[str, sp.Span]] = []
    run: list[tuple[str, sp.Span]] = []  # (digits, span) of the pieces so far
    last = -9
    for index in sorted(texts):
        text = units.texts[texts[index]]
        spans = sorted((s for s in found[texts[index]] if s.entity_type not in NOT_NUMBERS), key=lambda s: s.start)
        between = [units.texts.get(f"segments[{k}].text", "") for k in range(last + 1, index)]
        opens = spans and _PIECES_APART.fullmatch(text, 0, spans[0].start) is not None
        joins = (
            run
            and opens
            and len(between) <= 1
            and all(len(t.split()) <= _BACK_CHANNEL_WORDS for t in between)
            and spans[0].entity_type == run[-1][1].entity_type
        )
        if not joins:
            run = []
        pieces = [(numbers.words_to_digits(text[s.start : s.end]), s) for s in spans]
        # the turn's first piece goes on from the run; a later one starts a run of its own
        run = run + pieces[:1] if len(pieces) < 2 else pieces[-1:]
        if len(run) >= 2 and len(joined := "".join(d for d, _ in run)) >= MIN_PROPAGATED_DIGITS:
            out.append((joined, run[0][1]))
        # only a piece that ends its turn goes on in the next
        if not (spans and _PIECES_APART.fullmatch(text, spans[-1].end) is not None):
            run = []
        last = index if spans else last
    return out


def _distinctive(value: str) -> bool:
    """Several words, one of them neither a common word nor a number ("ekbacken fem", not "tredje
    mars"), or one such word of five letters or more ("sofiia", found where it was spelled)."""
    words = re.findall(r"[^\W\d_]+", value)
    rare = [
        w for w in words if len(w) >= 4 and not introduction.common_word(w) and numbers.parse_word(w.lower()) is None
    ]
    if len(value.split()) >= 2:
        return bool(rare)
    return len(rare) == 1 and rare[0] == value.strip() and len(value.strip()) >= 5


def _rename_key(call: Call, index: int, new_key: str) -> None:
    """Metadata key number `index` becomes `new_key` (its redacted form), in place and in order;
    a key already taken gets a "#n" suffix so no value is lost."""
    keys = list(call.metadata)
    taken = set(keys) - {keys[index]}
    key, n = new_key, 1
    while key in taken:
        n += 1
        key = f"{new_key}#{n}"
    call.metadata = {key if i == index else k: v for i, (k, v) in enumerate(call.metadata.items())}


def _propagate(units: ScanUnits, found: dict[str, list[sp.Span]]) -> dict[str, list[sp.Span]]:
    """Add every other occurrence of every detected value, in every field."""
    found = _whole_numbers(units, found)
    values: dict[str, sp.Span] = {}
    digit_keys: dict[str, sp.Span] = {}
    local_numbers: dict[str, sp.Span] = {}
    for name, spans in found.items():
        for s in spans:
            value = units.texts[name][s.start : s.end]
            if s.entity_type in LOCAL_ENTITIES:
                # a number of several digits is distinctive enough to chase ("3340 8812" said again)
                if len(digits := numbers.words_to_digits(value)) >= MIN_PROPAGATED_DIGITS:
                    local_numbers.setdefault(digits, s)
                # ... and so are words with an uncommon one ("ekbacken fem", read back)
                if not _distinctive(value):
                    continue
            key = " ".join(fold_text(value).lower().split())
            if key not in values or values[key].score < s.score:
                values[key] = s
            for digits in digit_keys_of(s.entity_type, value):
                digit_keys.setdefault(digits, s)
    # Names also in the genitive: the model may find "Erik" in one turn and miss "Eriks faktura".
    patterns = [(pattern_of(v, s.entity_type), s) for v, s in values.items()]
    # "Hallonbåt sjuttiotre" read back as "Hallonbåt73"
    patterns += [
        (sp.value_pattern(w), s) for v, s in values.items() if s.entity_type == "ACCESS_CODE" if (w := _glued(v))
    ]
    # A code of letters and digits read back with other spaces: "C4J7K2L91" as "C4 J7 K2 L91"
    patterns += [(p, s) for v, s in values.items() if (p := _code_spaced_anyhow(v))]
    # A person's first and last names also stand alone ("Toppen Sofia", "punkt nordin" in an e-mail
    # address), in any case, as the leak check reads them: matched with their capital only, a call
    # with "nordin" in lowercase failed the check and was quarantined whole. Not where the name is the
    # ordinary word it also is (`ordinary_use`: "öre per kilowattimme").
    parts = {p for v, s in values.items() if s.entity_type == "PERSON" for p in _name_parts(units, found, v)}
    parts |= _mailbox_names(units, [v for v, s in values.items() if s.entity_type == "EMAIL_ADDRESS"])
    # ... and written without the Swedish letters, as in an e-mail address ("björkman" / "ja utan
    # prickar, bjorkman"); five letters or more and no word ("Bäck" and "Hård" are "back" and "hard")
    parts |= {a for p in parts if (a := unaccented(p)) != p and len(a) >= 5 and not introduction.common_word(a)}
    # An address's local part said alone, as written or run together: "elinprov02, ihop."
    patterns += [
        (sp.value_pattern(local), s)
        for v, s in values.items()
        if s.entity_type == "EMAIL_ADDRESS"
        for local in _local_parts(v)
    ]
    patterns += [(sp.value_pattern(p, genitive=True), sp.Span(0, 0, "PERSON", 1.0)) for p in sorted(parts)]
    # ... and glued into a network's or a user's name: "NymanKristoffer_2G" (not a word: "Bank" in "BankID")
    patterns += [
        (sp.glued_pattern(p), sp.Span(0, 0, "PERSON", 1.0))
        for p in sorted(parts)
        if p[:1].isupper() and not introduction.common_word(p)
    ]
    # A plate's letters also stand alone, and its number after them ("GHW..." / "G-H-W, sju åtta, nio" /
    # "GHW 789"; "p t n fem noll åtta" read back as "ptn 508" or "p t n femhundraåtta"); so does the
    # number of a new plate, with its letter ("KXP 47B" / "är det 47B eller ...")
    plates = {
        canonical_value(s.entity_type, v): s for v, s in values.items() if s.entity_type == "SE_VEHICLE_REGISTRATION"
    }
    patterns += [
        (sp.value_pattern(form), s)
        for plate, s in sorted(plates.items())
        if re.fullmatch(r"[A-Z]{3}\d\d[A-Z\d]", plate)
        for form in (plate[:3], f"{plate[:3]} {plate[3:]}", " ".join(plate[:3]))
        + ((plate[3:],) if plate[-1].isalpha() else ())
    ]
    # ... and a corridor room's letter and number ("rum B 412" / "rum... B 412")
    patterns += [
        (p, s)
        for v, s in values.items()
        if s.entity_type == "SE_ADDRESS" and (code := place_lines.room_code(v)) and (p := sp.value_pattern(code))
    ]
    # A street's name also stands alone ("Björkhagen fjorton" / "Björkhagen, är det en väg?")
    streets = {name: s for v, s in values.items() if s.entity_type == "SE_ADDRESS" if (name := _street_name(v))}
    patterns += [(sp.value_pattern(name), s) for name, s in sorted(streets.items())]
    # Numbers also by their digits: a read-back says the same number in another form.
    by_digits = {}
    centuries: dict[str, sp.Span] = {}  # a personnummer's birth date with its century
    trunkless: dict[str, sp.Span] = {}
    # (day, month) of a birth date found: (its year's last two digits, if said; the value)
    birthdays: dict[tuple[int, int], tuple[str | None, sp.Span]] = {}
    for v, s in values.items():
        if s.entity_type not in NOT_NUMBERS:  # propagated by its digits too
            digits = numbers.words_to_digits(v)
            if len(digits) >= MIN_PROPAGATED_DIGITS:
                by_digits[digits] = s
            # a phone number read back without its trunk "0", whole ("070-174 06 94" / "sjuttio ett sju
            # fyra noll sex nittiofyra"; its pieces are no phone's: "fakturanummer 5 504 271")
            if s.entity_type == "PHONE_NUMBER" and digits.startswith("0") and len(digits) >= 10:
                trunkless.setdefault(digits[1:], s)
        elif s.entity_type == "SE_ADDRESS" and (flat := place_lines.flat_digits(v)):
            by_digits[flat] = s  # a flat, said again alone
        if s.entity_type == "SE_PERSONNUMMER":
            if len(whole := canonical_value(s.entity_type, v)) == 12:
                # its birth date said again ("Fyrtioett, elva, tjugonio, det är jag."), its last four
                # read back alone ("... februari. Och 2399.")
                by_digits.setdefault(whole[2:8], s)
                # ... with its century, exactly ("nittonhundraåttio noll ett noll fem"; not a date
                # with two digits swapped: "1975-06-21" for 19750612)
                centuries.setdefault(whole[:8], s)
                by_digits.setdefault(whole[8:], s)
                birthdays.setdefault((int(whole[6:8]), int(whole[4:6])), (whole[2:4], s))
            else:
                for date in dialogue_slots.birth_dates(v):  # "Tjugoåttonde november, åttiosju" read back as "871128"
                    by_digits.setdefault(date, s)
                    for century in ("19", "20"):  # ... or as "1987-11-28"
                        by_digits.setdefault(century + date, s)
            for _, _, day, month, yy in dialogue_slots.dates_of(v):  # "den tredje mars", with its year or not
                birthdays.setdefault((day, month), (yy, s))
        if len(restart := _restarted(v)) >= MIN_PROPAGATED_DIGITS:
            by_digits.setdefault(restart, s)  # "tretton... trettonhundratvå", read back as "1302"
    for digits, s in local_numbers.items():
        if digits not in centuries:  # a personnummer's date with its century is found again exactly
            by_digits.setdefault(digits, s)
    for digits, s in _joined_pieces(units, found):
        by_digits.setdefault(digits, s)  # "tre tre nio..." / "Ja?" / "sju ett.", read back as "33971"
    out = {name: list(spans) for name, spans in found.items()}
    # Searched in each text's folded view, so a value is found again in any alphabet or grouping.
    for name, text in units.texts.items():
        view = fold(text)
        hits = [
            (start, end, s)
            for pattern, s in patterns
            if pattern is not None
            for start, end in find_again(pattern, s.entity_type, view.text)
        ]
        if digit_keys:
            hits += [
                (start, end, digit_keys[key]) for start, end, key in sp.digit_occurrences(view.text, set(digit_keys))
            ]
        # a birth date said again with its month named: "Ja, noll fyra noll sju, april. Sjunde april."
        hits += [
            (start, end, birthdays[day, month][1])
            for start, end, day, month, yy in (dialogue_slots.dates_of(view.text) if birthdays else ())
            if (day, month) in birthdays and (yy is None or birthdays[day, month][0] in (None, yy))
        ]
        if centuries:
            hits += [(x.start, x.end, x) for x in sp.number_occurrences(view.text, centuries, near_copies=False)]
        if trunkless:
            hits += [(x.start, x.end, x) for x in sp.number_occurrences(view.text, trunkless)]
        if by_digits:
            hits += [(x.start, x.end, x) for x in sp.number_occurrences(view.text, by_digits)]
            hits += [(x.start, x.end, x) for x in sp.piece_occurrences(view.text, by_digits)]
        for start, end, s in hits:
            # a number glued to letters is one word ("HF4430982"): redacting its digits alone would
            # leave "HF<CUSTOMER_NUMBER_1>", a new word that may be a value of its own
            while start > 0 and view.text[start - 1].isalnum():
                start -= 1
            while end < len(view.text) and view.text[end].isalnum():
                end += 1
            o_start, o_end = view.to_original(start, end)
            out.setdefault(name, []).append(sp.Span(o_start, o_end, s.entity_type, s.score))
    return _whole_numbers(units, out)


# The digits of a value already said whole, which what is said after it does not go on:
_WHOLE: dict[str, Callable[[str], bool]] = {
    "PHONE_NUMBER": phone.is_valid,
    "SE_PERSONNUMMER": lambda d: len(d) in (10, 12),
    "SE_ORGANISATIONSNUMMER": lambda d: len(d) in (10, 12),
    "SE_POSTAL_CODE": lambda d: len(d) == 5,
    "CREDIT_CARD": lambda d: len(d) >= 15,
    "SE_FACILITY_ID": lambda d: len(d) == 18,
}


def _whole_numbers(units: ScanUnits, found: dict[str, list[sp.Span]]) -> dict[str, list[sp.Span]]:
    """Each number found as said whole (`spans.widened`): with the rest of its run, and a wrong or
    broken-off try before it; not into a value of another type found beside it ("lgh 1002 sju noll
    sju sjuttitvå": a flat, then a postnummer)."""
    out: dict[str, list[sp.Span]] = {}
    for name, spans in found.items():
        if not name.startswith("segments["):  # speech only: an export id or a field is written
            out[name] = list(spans)
            continue
        out[name] = []
        for s in spans:
            grown = (
                sp.widened(units.texts[name], s, _WHOLE.get(s.entity_type))
                if s.entity_type not in NOT_NUMBERS or s.entity_type in LOCAL_ENTITIES
                else [s]
            )
            others = [o for o in spans if o.entity_type != s.entity_type]
            out[name] += [s] if any(o.start < w.end and w.start < o.end for w in grown for o in others) else grown
    return out


# Names that are ordinary words too, beyond those the lexicon saw lowercase in news text.
_HOMOGRAPHS = {
    "berg",
    "lind",
    "holm",
    "ek",
    "björk",
    "sten",
    "ros",
    "rosa",
    "ström",
    "sjö",
    "strand",
    "hall",
    "falk",
    "rask",
    "björn",
    "stig",
    "ull",
}


@lru_cache(maxsize=1)
def _ordinary_word_names() -> frozenset[str]:
    """First names and surnames that are also ordinary Swedish words ("per", "bo", "mark", "holm"):
    the name lexicon's words seen lowercase in running news text, and a few more."""
    return frozenset(
        _HOMOGRAPHS | {w for w, f in shipped_lexicon().items() if "common" in f and f & {"first", "surname"}}
    )


# "171 öre per kilowattimme", "två gånger per månad": a name that is also an ordinary word, used
# as that word (a rate), is not the person.
_RATE_AFTER = re.compile(
    r"\s+(?:kilowattimm\w*|kwh|kw|megawattimm\w*|mwh|månad\w*|år|året|dag|dagen|dygn\w*"
    r"|timm\w*|veck\w*|kvartal\w*|person\w*|st|styck|gång\w*|kilometer|mil|liter|krona|kronor"
    r"|öre|procent|kvadratmeter)\b",
    re.IGNORECASE,
)
_RATE_BEFORE = re.compile(r"(?:\d|\b(?:öre|kronor|kr|procent|gånger|gång|ampere|kwh))[\s,.]*$", re.IGNORECASE)


def ordinary_use(text: str, start: int, end: int) -> bool:
    """Whether text[start:end], a name that is also an ordinary word, is written lowercase in a
    rate ("öre per kilowattimme"), or is the pronoun "hans" lowercase in a turn written with
    capitals ("Det droppar i hans hall.", where the name Hans would be capitalised), or is a month
    ("Juni" the child, "i juni" the month), where it is that word and not the person. In lowercase
    speech-to-text "karin hans dotter" may be a name, and stays one; other names that are words
    ("bo", "mina", "inga") stay names lowercase in any turn, as a transcript that capitalises only
    a turn's first letter writes them."""
    word = text[start:end]
    if word in heuristics.MONTHS:
        return True
    if not word.islower() or word not in _ordinary_word_names():
        return False
    return bool(
        _RATE_AFTER.match(text, end)
        or _RATE_BEFORE.search(text, max(0, start - 12), start)
        or (word == "hans" and _sentence_case(text, start))
    )


def _sentence_case(text: str, at: int) -> bool:
    """Whether the turn around `at` (its line, without a "Label: ") opens with a capital letter:
    written with capitals, its names capitalised."""
    end = text.find("\n", at)
    line = text[text.rfind("\n", 0, at) + 1 : len(text) if end < 0 else end]
    turn = dialogue_slots.TURN_LINE.match(line)
    body = turn.group("body") if turn is not None else line
    return next((c for c in body if c.isalpha()), "").isupper()


def pattern_of(value: str, entity_type: str) -> re.Pattern[str] | None:
    """How a detected value is found again: whitespace-tolerant, any case; names also in the genitive."""
    return sp.value_pattern(value, genitive=entity_type == "PERSON")


def find_again(pattern: re.Pattern[str], entity_type: str, text: str) -> list[tuple[int, int]]:
    """Where a value (its `pattern_of`) stands in `text`, for propagation and the leak check alike:
    not where a name is used as the ordinary word it also is (`ordinary_use`), nor where a short
    number is an amount ("lägenhet 1102" and "1102 kronor", as `sp.number_occurrences` reads it)."""
    spans = sp.occurrences(text, pattern)
    if entity_type == "PERSON":
        spans = [(s, e) for s, e in spans if not ordinary_use(text, s, e)]
    elif entity_type not in NOT_NUMBERS or entity_type == "SE_ADDRESS":
        spans = [(s, e) for s, e in spans if not _amount(text, s, e)]
    return spans


def _amount(text: str, start: int, end: int) -> bool:
    """A number of six digits or fewer right before a unit: "1102 kronor"."""
    said = text[start:end]
    return (
        said[-1:].isdigit()
        and sum(c.isdigit() for c in said) <= 6
        and heuristics.QUANTITY_AFTER.match(text, end) is not None
    )


def _name_parts(units: ScanUnits, found: dict[str, list[sp.Span]], key: str) -> set[str]:
    """Capitalised parts (two letters or more) of a detected full name, as written (folded)."""
    parts: set[str] = set()
    for name, spans in found.items():
        for s in spans:
            value = fold_text(units.texts[name][s.start : s.end])
            if s.entity_type == "PERSON" and " ".join(value.lower().split()) == key:
                capitalised = [
                    p for p in re.split(r"[\s-]+", value) if len(p) >= 2 and p[0].isupper() and p[1:].islower()
                ]
                parts.update(capitalised)
                # a name found in the genitive only: "Ranias" / "Rania har ..." (not "Hans": "han")
                parts.update(
                    p[:-1]
                    for p in capitalised
                    if len(p) >= 5 and p.endswith("s") and not introduction.common_word(p[:-1])
                )
                if value.islower():  # lowercase speech-to-text: parts that are no common word
                    common = introduction.lexicon()[0]
                    parts.update(
                        p for p in value.split() if len(p) >= 3 and p not in common and p not in introduction.STOP_WORDS
                    )
    return parts


def _street_name(value: str) -> str:
    """The name of a street line found ("sernanders väg" of "sernanders väg 12", "skogsbrynet" of
    "skogsbrynet... nummer fyra"): the words before its number, five letters or more; not a flat's
    noun ("lägenhet 1102")."""
    runs = numbers.runs(value)
    name = re.sub(r"[ ,.…]*(?:nummer|nr\.?)?[ ,.…]*$", "", value[: runs[0].tokens[0].start] if runs else "")
    return (
        name
        if len(name) >= 5
        and place_lines.flat_digits(value) == ""
        and re.fullmatch(r"[^\W\d_]+(?:[ -][^\W\d_]+)*", name)
        else ""
    )


def _code_spaced_anyhow(value: str) -> re.Pattern[str] | None:
    """A pattern for a code of letters and digits, not words (no four letters in a row with a vowel:
    "bdkx 412" is a code), with a space or hyphen or none between any two of its characters."""
    chars = [c for c in value if c.isalnum()]
    worded = any(re.search(r"[aeiouyåäöé]", w, re.IGNORECASE) for w in re.findall(r"[^\W\d_]{4,}", value))
    if len(chars) < 6 or sum(c.isdigit() for c in chars) < 3 or worded:
        return None
    if not any(c.isalpha() for c in chars):
        return None
    return re.compile(r"(?<!\w)" + "[ -]?".join(map(re.escape, chars)) + r"(?!\w)", re.IGNORECASE)


def _glued(value: str) -> str:
    """A word and the number said after it, written as one: "hallonbåt sjuttiotre" is "hallonbåt73"."""
    m = re.fullmatch(r"([^\W\d_]+)[ ]+(.+)", value)
    digits = numbers.whole_number(m.group(2)) if m else ""
    return m.group(1) + digits if digits else ""


def _restarted(value: str) -> str:
    """The digits of a value said in pieces between pauses, without a piece said again at the start
    of the next (a false start): "fyra åtta... fyra åtta sju sju... tretton tjugo" is 48771320."""
    said = re.split(r"\.\.\.|…", value)
    pieces: list[str] = []
    for piece in filter(None, map(numbers.words_to_digits, said)):
        if pieces and piece.startswith(pieces[-1]):
            pieces[-1] = piece
        else:
            pieces.append(piece)
    return "".join(pieces) if len(pieces) < len(said) else ""


_CAPITALISED = re.compile(r"(?<![\w-])[A-ZÅÄÖ][a-zåäöéü]{2,}\b")
_INSIDE_SENTENCE = re.compile(r"[\w,] $")  # what stands before a capital that opens no sentence


def _local_part(address: str) -> str:
    """An e-mail address's part before "@", written and lowercased ("elin punkt prov02" is "elin.prov02")."""
    return email.written_form(address).split("@")[0]


def _local_parts(address: str) -> set[str]:
    """An e-mail address's local part, and the same run together, when it is someone's own: long
    enough, with a digit or a separator in it ("elin.prov02" and "elinprov02"; not "info",
    "kontakt" or "support", which are words of their own in the call)."""
    local = _local_part(address)
    if len(local) < MIN_LOCAL_PART or not re.search(r"[\d._-]", local):
        return set()
    return {local, re.sub(r"[._-]+", "", local)}


def _mailbox_names(units: ScanUnits, addresses: list[str]) -> set[str]:
    """Words of an e-mail address's local part that the call also writes as a name, capitalised
    inside a sentence ("tunde punkt a snabel-a telia punkt com" and "Ha en fin dag, Tunde."), or
    opening one after the address in its line when no common word ("kristoffer punkt nystrom
    snabel-a ... Nystrom utan prickar alltså."). The capital keeps a local part's ordinary words
    ("info", "kontakt") out."""
    words = {w.capitalize() for a in addresses for w in re.split(r"[^a-zåäöéü]+", _local_part(a)) if len(w) >= 3}
    if not words:
        return set()
    common = introduction.lexicon()[0]
    return {
        m.group()
        for t in units.texts.values()
        for line in fold_text(t).split("\n")
        for m in _CAPITALISED.finditer(line)
        if m.group() in words
        and (
            _INSIDE_SENTENCE.search(line, 0, m.start())
            or (m.group().lower() not in common and m.group().lower() in line[: m.start()])
        )
    }


def _audio_range(
    seg: Segment, field_name: str, start: int, end: int, units: ScanUnits
) -> tuple[float | None, float | None]:
    times = []
    for k, word in enumerate(seg.words):
        where = units.word_spans.get((seg.index, k))
        if where and where[0] == field_name and where[1] < end and start < where[2]:
            times.append((word.start, word.end))
    if times:
        starts = [t[0] for t in times if t[0] is not None]
        ends = [t[1] for t in times if t[1] is not None]
        return (min(starts) if starts else None, max(ends) if ends else None)
    return seg.start, seg.end  # no word timings: the whole segment is the finest range known


def transform_call(
    call: Call,
    units: ScanUnits,
    detections: dict[str, list[Detection]],
    policy: Policy,
    pseudonymiser: Pseudonymiser | None,
    pipeline_version: str,
    taken: Iterable[str] = (),
) -> RedactedCall:
    """`taken`: placeholders the call already holds where `units` cannot show them (a re-scan
    hides them from the detector), so new values are numbered after them."""
    found = {
        name: [sp.Span(d.start, d.end, d.entity_type, d.score) for d in dets]
        for name, dets in detections.items()
        if dets
    }
    recognizer_of = {(name, d.start, d.end): d.recognizer for name, dets in detections.items() for d in dets}
    found = _propagate(units, found)

    out = _copy_for_rewrite(call)
    findings: list[Finding] = []
    values: dict[str, str] = {}  # value -> entity type, kept in memory for the leak check (not local ones)
    subject: set[str] = set()
    # Per field: merged spans with their replacement, for rewriting words afterwards.
    replaced: dict[str, list[tuple[sp.Span, str]]] = {}

    # Each merged span with the pieces it is replaced by; a span of joining words alone ("lägenhet")
    # holds no value and is left as it stands.
    pieces_of = {
        name: {s: p for s in sp.merge(spans) if (p := sp.parts(units.texts[name], s))} for name, spans in found.items()
    }
    merged_of = {name: list(pieces) for name, pieces in pieces_of.items()}
    numbering = _numbering(units, merged_of, taken)
    # Keys last: a value is set under its key as parsed, then the key takes its redacted form.
    for name, merged in sorted(merged_of.items(), key=lambda item: item[0].startswith("metadata_keys[")):
        text = units.texts[name]
        pieces: list[tuple[sp.Span, sp.Span, str]] = []  # (piece, its merged span, replacement)
        for s in merged:
            value = text[s.start : s.end]
            if s.entity_type not in LOCAL_ENTITIES:
                values[value] = s.entity_type
            rep = policy.replacement(s.entity_type, value, numbering.number(s.entity_type, value))
            pieces += [(piece, s, rep) for piece in pieces_of[name][s]]
            if pseudonymiser is not None and s.entity_type in SUBJECT_ENTITIES:
                subject.add(pseudonymiser.index_token(s.entity_type, canonical_value(s.entity_type, value)))
        new_text, new_offsets = sp.replace(text, [p for p, _, _ in pieces], [r for _, _, r in pieces])
        _set_field(out, name, new_text)
        replaced[name] = [(p, r) for p, _, r in pieces]
        seg = _segment_of(call, name)
        for (p, s, _), (ns, ne) in zip(pieces, new_offsets):
            audio = _audio_range(seg, name, p.start, p.end, units) if seg is not None else (None, None)
            findings.append(
                Finding(
                    field=name,
                    entity_type=s.entity_type,
                    start=ns,
                    end=ne,
                    score=s.score,
                    recognizer=recognizer_of.get((name, s.start, s.end), "propagated"),
                    value=text[s.start : s.end],
                    audio_start=audio[0],
                    audio_end=audio[1],
                )
            )

    _rewrite_words(out, units, replaced)
    renamed = {f"metadata.{old}": f"metadata.{new}" for old, new in zip(call.metadata, out.metadata) if old != new}
    findings = [dc_replace(f, field=renamed.get(f.field, f.field)) for f in findings]
    _verify(out, values)
    return RedactedCall(call=out, findings=findings, subject_tokens=sorted(subject), pipeline_version=pipeline_version)


def _numbering(units: ScanUnits, merged_of: dict[str, list[sp.Span]], taken: Iterable[str]) -> PlaceholderNumbers:
    """Placeholder numbers for the call's values, given in dialogue order (the segments, then the
    other fields), so <PERSON_1> is whoever is named first in the conversation."""

    def order(name: str) -> tuple[int, int, str]:
        m = _FIELD.match(name)
        return (0, int(m.group("seg")), name) if m and m.group("seg") is not None else (1, 0, name)

    ordered = [
        (units.texts[name][s.start : s.end], s.entity_type)
        for name in sorted(merged_of, key=order)
        for s in merged_of[name]
    ]
    numbering = PlaceholderNumbers([v for v, t in ordered if t == "PERSON"], [*units.texts.values(), *taken])
    for value, entity_type in ordered:
        numbering.number(entity_type, value)
    return numbering


def _copy_for_rewrite(call: Call) -> Call:
    """A copy whose fields, lists and segments can be rewritten without touching the input (a
    deep copy cost a sixth of the ingest time). Words are shared: they are replaced, never changed."""
    return dc_replace(
        call,
        participants=list(call.participants),
        metadata=dict(call.metadata),
        segments=[dc_replace(seg, words=list(seg.words)) for seg in call.segments],
    )


def _segment_of(call: Call, field_name: str) -> Segment | None:
    m = _FIELD.match(field_name)
    if m and m.group("seg") is not None:
        return call.segments[int(m.group("seg"))]
    return None


def _rewrite_words(out: Call, units: ScanUnits, replaced: dict[str, list[tuple[sp.Span, str]]]) -> None:
    """Each word touched by a replaced span carries the replacement, keeping its own timing."""
    for seg in out.segments:
        for k, word in enumerate(seg.words):
            name, start, end = units.word_spans[(seg.index, k)]
            for span, rep in replaced.get(name, ()):
                if span.start < end and start < span.end:
                    seg.words[k] = dc_replace(word, text=rep)
                    break


def _verify(out: Call, values: dict[str, str]) -> None:
    """Every stored string, folded as the detector reads it, must be free of every detected value,
    in any form: as written (folded), and for numbers their digits in any grouping."""
    texts = dict(out.text_fields())
    texts["source_id"] = out.source_id
    texts["source_file"] = out.source_file.rsplit("/", 1)[-1]
    for seg in out.segments:
        texts[f"segments[{seg.index}].words"] = " ".join(w.text for w in seg.words)
        texts[f"segments[{seg.index}].role"] = seg.role or ""
    texts["language"], texts["status"] = out.language or "", out.status or ""
    folded = {name: fold_text(text) for name, text in texts.items()}
    keys = {k for value, entity_type in values.items() for k in digit_keys_of(entity_type, value)}
    patterns = [
        (p, entity_type)
        for value, entity_type in values.items()
        if (p := pattern_of(fold_text(value), entity_type)) is not None
    ]
    for name, text in folded.items():
        if any(find_again(p, t, text) for p, t in patterns) or (keys and sp.digit_occurrences(text, keys)):
            raise LeakError(f"a detected value survived in field {name}")


MIN_KEY_DIGITS = 7


def digit_keys_of(entity_type: str, value: str) -> set[str]:
    """The digit strings a detected number is recognised by in any form: its digits as said, and
    for a personnummer the 10- and 12-digit forms, for a phone number the national number."""
    if entity_type not in DIGIT_ENTITIES:
        return set()
    keys = {number_digits(fold_text(value))}
    if entity_type in ("SE_PERSONNUMMER", "PHONE_NUMBER"):
        canonical = canonical_value(entity_type, value)
        keys |= {canonical, canonical[2:]} if entity_type == "SE_PERSONNUMMER" else {canonical.removeprefix("+46")}
    return {k for k in keys if len(k) >= MIN_KEY_DIGITS and k.isdigit()}
