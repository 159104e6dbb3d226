"""Pure span arithmetic: merging overlaps, replacing spans, finding a value again."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from recognizers import heuristics, numbers
from recognizers.dialogue_slots import LETTERED
from recognizers.entities import DIGIT_ENTITIES
from recognizers.tail import TAIL_ENTITY


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    entity_type: str
    score: float


def merge(spans: list[Span]) -> list[Span]:
    """Overlapping or touching-inside spans become one; the highest-scoring type names it."""
    merged: list[Span] = []
    for s in sorted(spans, key=lambda s: (s.start, -s.end)):
        if merged and s.start < merged[-1].end:
            last = merged[-1]
            best = last if last.score >= s.score else s
            merged[-1] = Span(last.start, max(last.end, s.end), best.entity_type, max(last.score, s.score))
        else:
            merged.append(s)
    return merged


# Words that stand between the parts of one number, or before it, and never carry it: "8327-9, och
# kontot 994 123 456-7", "19470831... och sen 3103", "nitton eh åttio", "070... vänta... 211 93 40",
# "20010503 streck 2387", "i lägenhet 1104", Norwegian and Danish "og så", Somali "iyo" ("tjue, og
# så to tre ni fire"). They stay in the text beside the value's placeholder; the value is still
# replaced whole. Only numbers are cut so, and an address at its flat and its fillers: a name or a
# place may be such a word ("Rahul Sen", "Sedan Yilmaz"), and so may a password's or a written
# token's part ("Ja!Nej?2024").
_FILLERS = r"eh+|öh+|ehm|öhm|mm+|hmm+"
_FLAT = r"lägenhet|lägenheten|lägenhetsnummer|lägenhetsnumret|lgh"
_NUMBER_JOINING = re.compile(
    rf"(?<!\S)(?:och|sen|sedan|ja|nej|alltså|vänta|förlåt|streck|bindestreck|og|så|nei|iyo|{_FILLERS}|{_FLAT}|"
    rf"konto|kontot|kontonummer|kontonumret|clearing|clearingnummer|clearingnumret)(?=[\s,.;:!?…]|$)",
    re.IGNORECASE,
)
_ADDRESS_JOINING = re.compile(rf"(?<!\S)(?:{_FILLERS}|{_FLAT})(?=[\s,.;:!?…]|$)", re.IGNORECASE)
_JOINING_OF = {name: _NUMBER_JOINING for name in DIGIT_ENTITIES} | {
    "SE_POSTAL_CODE": _NUMBER_JOINING,
    "IBAN_CODE": _NUMBER_JOINING,
    "ID_NUMBER": _NUMBER_JOINING,
    "SE_VEHICLE_REGISTRATION": _NUMBER_JOINING,
    "SE_ADDRESS": _ADDRESS_JOINING,
}
_SEPARATORS = " \t\n\r\u00a0,.;:!?…"


def parts(text: str, span: Span) -> list[Span]:
    """The span without its joining words: the pieces that hold the value, in order (the whole
    span when no joining word stands in it; none when it is joining words only)."""
    joining = _JOINING_OF.get(span.entity_type)
    if joining is None:
        return [span]
    pieces: list[Span] = []
    pos = span.start
    for m in [*joining.finditer(text, span.start, span.end), None]:
        end = m.start() if m else span.end
        piece = text[pos:end]
        if any(c.isalnum() for c in piece):  # the piece without the separators at its edges
            start = pos + len(piece) - len(piece.lstrip(_SEPARATORS))
            pieces.append(Span(start, pos + len(piece.rstrip(_SEPARATORS)), span.entity_type, span.score))
        pos = m.end() if m else end
    return pieces


def replace(text: str, spans: list[Span], replacements: list[str]) -> tuple[str, list[tuple[int, int]]]:
    """Apply non-overlapping spans (sorted); return new text and each replacement's new offsets."""
    out: list[str] = []
    new_offsets: list[tuple[int, int]] = []
    pos = 0
    length = 0
    for span, rep in zip(spans, replacements):
        out.append(text[pos : span.start])
        length += span.start - pos
        new_offsets.append((length, length + len(rep)))
        out.append(rep)
        length += len(rep)
        pos = span.end
    out.append(text[pos:])
    return "".join(out), new_offsets


def genitive_of(name: str) -> str:
    """Swedish genitive of a name: -s, nothing after s/x/z (Lars, Max, Inez)."""
    return name if name[-1:].lower() in "sxz" else name + "s"


def value_pattern(value: str, ignore_case: bool = True, genitive: bool = False) -> re.Pattern[str] | None:
    """A whitespace-tolerant pattern for a value standing on its own (case-insensitive by default).
    With `genitive`, a name's Swedish genitive matches too ("Eriks", not after s/x/z: "Lars")."""
    parts = value.split()
    if not parts or sum(len(p) for p in parts) < 2:
        return None
    body = r"\s+".join(re.escape(p) for p in parts)
    if genitive and genitive_of(parts[-1]) != parts[-1]:
        body += "s?"
    return re.compile(rf"(?<![\w]){body}(?![\w])", re.IGNORECASE if ignore_case else 0)


GLUED_NAME_LETTERS = 4  # shorter names glued into words are too often pieces of them ("Eva", "Ali")


def glued_pattern(name: str) -> re.Pattern[str] | None:
    """A handle or a network's name, with a digit or "_" in it, that holds a capitalised name glued
    on one side at least: after "_", "." or a small letter or digit, before "_", ".", a digit or a
    capital ("NymanKristoffer_2G", "Wikström_hemma", "Lind94"). The whole token, as written; not a
    brand's word ("BabyBjörn", "PostNord"), and `value_pattern` takes the name standing alone."""
    if len(name) < GLUED_NAME_LETTERS:
        return None
    body = re.escape(name)
    glued = rf"(?:[\w.]*?(?:(?<=[_.])|(?<=[a-zåäöé0-9])){body}[\w.]*|{body}(?=[_.\dA-ZÅÄÖ])[\w.]*)"
    return re.compile(rf"(?<![\w.])(?=[\w.]*[_\d])(?:{glued})(?<=\w)(?![\w])")


def occurrences(text: str, pattern: re.Pattern[str]) -> list[tuple[int, int]]:
    return [m.span() for m in pattern.finditer(text)]


# A long number said again with one digit more, less or other, or two swapped, is the same number:
# a slip ("noll sju noll, fyrtiofyra fyra ..." with a digit doubled) and its corrected read-back.
NEAR_DIGITS = 6


def number_occurrences(text: str, wanted: dict[str, Span], near_copies: bool = True) -> list[Span]:
    """Numbers in the text whose digits are one of `wanted`'s keys, whatever their form: written,
    grouped or spoken ("528-7875" for "femhundratjugoåtta, sjuttioåtta, sjuttiofem"), and, for keys
    of NEAR_DIGITS or more, with one digit added, dropped or changed or two neighbours swapped. A
    match lies within one turn of a run, and is no amount ("1 402 kronor"); it takes the type and
    score of the value it repeats."""
    if not wanted:
        return []
    out: list[Span] = []
    longest = max(len(d) for d in wanted) + 1
    near = [(d, s) for d, s in wanted.items() if len(d) >= NEAR_DIGITS and near_copies]
    for run in numbers.runs(text):
        toks = run.tokens
        close: list[tuple[int, int, Span]] = []
        for i in range(len(toks)):
            digits = ""
            for j in range(i, len(toks)):
                if j > i and run.gaps[j] == "turn":
                    break
                digits += toks[j].digits
                if len(digits) > longest:
                    break
                hit = wanted.get(digits)
                if hit is not None and heuristics.QUANTITY_AFTER.match(text, toks[j].end):
                    continue  # "1 402 kronor" is an amount, whatever value has its digits
                if hit is not None:
                    out.append(Span(toks[i].start, toks[j].end, hit.entity_type, hit.score))
                elif len(digits) >= NEAR_DIGITS:
                    near_hit = next((s for d, s in near if one_edit(digits, d)), None)
                    if near_hit is not None:
                        close.append((i, j, near_hit))
        # a near copy is a number said whole, beginning and ending where its run pauses: "...
        # sextiofem tre tre" is the number with a digit slipped, "5327-7182, 2 340 kronor" the
        # bankgiro and an amount, and "noll tre två ett sextioåtta åttionio noll noll" the
        # company's switchboard, not the customer number 2168189 with a digit dropped inside it
        out += [
            Span(toks[i].start, toks[j].end, s.entity_type, s.score)
            for i, j, s in close
            if (i == 0 or run.gaps[i] != "plain") and (j + 1 == len(toks) or run.gaps[j + 1] != "plain")
        ]
    return out


def one_edit(a: str, b: str) -> bool:
    """Whether a and b differ by at most one digit added, dropped or changed, or two neighbours
    swapped ("9218" for "9281")."""
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [k for k, (x, y) in enumerate(zip(a, b)) if x != y]
        return len(diff) <= 1 or (
            len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]]
        )
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    k = next((k for k, (x, y) in enumerate(zip(short, long_)) if x != y), len(short))
    return short[k:] == long_[k + 1 :]


# Digit groups as people write them: any of these between groups ("880 413 238 2", "880413.2382",
# "(070) 174 06 05", a line break inside a turn). Texts are folded first (recognizers.fold).
_DIGIT_RUN = re.compile(r"\d+(?:(?:[ \t]*[-./_()+,][ \t]*|[ \t]+|[ \t]*\r?\n[ \t]*)\d+)*")
_GROUP = re.compile(r"\d+")


def digit_occurrences(text: str, keys: set[str]) -> list[tuple[int, int, str]]:
    """Where one of the digit strings `keys` stands in the (folded) text in any grouping: inside a
    run of digit groups, starting or ending where a group does (so "19880413-2382" holds
    "8804132382", and "0701740605" holds the national "701740605"). Returns (start, end, key)."""
    out: list[tuple[int, int, str]] = []
    for m in _DIGIT_RUN.finditer(text):
        groups = [(g.start() + m.start(), g.end() + m.start()) for g in _GROUP.finditer(m.group())]
        digits = "".join(text[s:e] for s, e in groups)
        at: list[int] = []  # text offset of each digit
        firsts: set[int] = set()  # digit index where a group starts / ends
        lasts: set[int] = set()
        for s, e in groups:
            firsts.add(len(at))
            at.extend(range(s, e))
            lasts.add(len(at))
        for key in keys:
            i = digits.find(key)
            while i >= 0:
                if i in firsts or i + len(key) in lasts:
                    out.append((at[i], at[i + len(key) - 1] + 1, key))
                i = digits.find(key, i + 1)
    return out


# Parts of one number said in one go: spaces, a pause or a filler between them ("åtta åtta ett eh
# fyra", "070... tre... tre... fyrtio")
_SPACES_OR_FILLERS = re.compile(r"(?:[ ]+|[ ]*(?:\.\.\.|…)[ ]*|[ ,]*\b(?:eh+|öh+|ehm|öhm)\b[ ,]*)+", re.IGNORECASE)
# A number given wrong and then right: "tvåhundra eh nej tvåhundraelva", "912 40... vänta, nej, 912 04"
_CORRECTION = re.compile(
    r"[ ,.…]*(?:(?:eh|öh|vänta)[ ,.…]*)*(?:nej|förlåt|jag menar|alltså)[ ,.…!]*(?:(?:eh|öh|vänta)[ ,.…]*)*",
    re.IGNORECASE,
)
# A number begun and broken off before it is said whole: "076... hon har bytt nyligen... 076-990 31 12"
_BROKEN_OFF = re.compile(r"[ ]*(?:\.\.\.|…|-[ ])")
_BROKEN_OFF_REACH = 80
# What a wrong or broken-off try at a number is redacted as: a piece, as the learned tail's findings are
PIECE = TAIL_ENTITY
# A number this long is chased by its pieces too (`piece_occurrences`), of this many digits or more
PIECE_OF = 8
PIECE_DIGITS = 6
# ... but for the start every anläggnings-id shares ("arton siffror som börjar på 735999")
NOT_PIECES = frozenset({"735999"})


def _said_together(text: str, run: numbers.Run, k: int) -> bool:
    """Whether tokens k-1 and k of the run are one number said in one go: spaces, pauses or fillers
    between (not a hyphen or a comma, which may join two values: "conv-0010-76 03 13 2395")."""
    return _SPACES_OR_FILLERS.fullmatch(text, run.tokens[k - 1].end, run.tokens[k].start) is not None


def widened(text: str, span: Span, whole: Callable[[str], bool] | None = None) -> list[Span]:
    """A number's span grown to all of it as said: the rest of its run over spaces, pauses and
    fillers (a detected piece of "så två tre fyra åtta noll nio ett sju fem fem", not into an
    amount); and the number given wrong right before it ("fem fem fem nej ...") or begun and
    broken off ("070... vänta, 070-614 22 87"), as a span of its own. A number `whole` takes (a
    valid phone number, a personnummer) is not grown: what follows it is said after it
    ("070-412 20 23... 14 30 idag")."""
    runs = numbers.runs(text)
    for r, run in enumerate(runs):
        toks = run.tokens
        inside = [k for k, t in enumerate(toks) if t.start < span.end and span.start < t.end]
        if not inside:
            continue
        first, last = inside[0], inside[-1]
        if whole is None or not whole("".join(t.digits for t in toks[first : last + 1])):
            while first > 0 and _said_together(text, run, first):
                first -= 1
            while last + 1 < len(toks) and _said_together(text, run, last + 1):
                last += 1
        if last > inside[-1] and heuristics.QUANTITY_AFTER.match(text, toks[last].end):
            last = inside[-1]  # "... 2 340 kronor": an amount goes on, not the number
        said = Span(min(span.start, toks[first].start), max(span.end, toks[last].end), span.entity_type, span.score)
        if span.entity_type in CHECKED_AFTER and (check := _CHECK_DIGIT_AFTER.match(text, said.end)):
            said = Span(said.start, check.end(), said.entity_type, said.score)
        if span.entity_type in LETTERED and (
            letters := _SPELLED_BEFORE.search(text, max(0, said.start - _SPELLED_REACH), said.start)
        ):
            said = Span(letters.start(), said.end, said.entity_type, said.score)
        tried = _tried_before(text, runs[r - 1], said.start, run.digits) if r and first == 0 else None
        # the try is a piece, redacted where it stands (its digits are no value to chase)
        return [said] if tried is None else [said, Span(*tried, PIECE, span.score)]
    return [span]


# An account's or a giro number's check digit said after a word for its hyphen ("... noll ett minus
# sex", "... fem tre streck ett"): a single digit, not a number that goes on ("minus sex kronor")
CHECKED_AFTER = frozenset({"SE_BANK_ACCOUNT", "SE_BANKGIRO", "SE_PLUSGIRO"})
_CHECK_DIGIT_AFTER = re.compile(
    r"[ ,]*(?:streck|bindestreck|minus)[ ]+(?:\d|noll|ett|en|två|tre|fyra|fem|sex|sju|åtta|nio)(?![\w-])(?![ ]+(?:\d|kr|kronor|procent))",
    re.IGNORECASE,
)
# A code's letters spelled before its digits, one to three, the last no letter that is a word
# ("medlemsnumret ö r fyra fyra sju ett nio"; not "det är i 4 5 6", "a 4 5 6" for "ja")
_SPELLED_BEFORE = re.compile(r"(?<![\w])(?:[a-zåäö][ ]){0,2}[b-df-hj-np-zäA-Z][ ]$")
_SPELLED_REACH = 6  # the longest such prefix: three letters and their spaces (the lookbehind sees further)


def _tried_before(text: str, tried: numbers.Run, start: int, digits: str) -> tuple[int, int] | None:
    """The run `tried` before a number that starts at `start`, when it is that number given wrong
    ("tvåhundra eh nej tvåhundraelva") or begun and broken off ("076... hon har bytt... 076-990 31 12")."""
    end = tried.tokens[-1].end
    if _CORRECTION.fullmatch(text, end, start) or (
        start - end <= _BROKEN_OFF_REACH
        and 3 <= len(tried.digits) <= 4
        and digits.startswith(tried.digits)
        and _BROKEN_OFF.match(text, end)
    ):
        return tried.tokens[0].start, end
    return None


def piece_occurrences(text: str, wanted: dict[str, Span]) -> list[Span]:
    """Numbers said in one go that are a piece of a long number found (`wanted`'s keys of
    PIECE_OF digits or more), PIECE_DIGITS of it or more ("fem fem ett trettio åttiotvå" of
    0765513082 after a false start): not an amount, a date, a time or a reference ("ärendet har
    nummer 412 205"); shorter pieces are years, times and prices too often ("i mars 2023",
    "klockan tio trettio", "1 500 totalt")."""
    long_keys = [d for d in wanted if len(d) >= PIECE_OF]
    out: list[Span] = []
    for run in numbers.runs(text) if long_keys else ():
        toks = run.tokens
        first = 0
        for k in range(1, len(toks) + 1):
            if k < len(toks) and _said_together(text, run, k):
                continue
            digits = "".join(t.digits for t in toks[first:k])
            start, end = toks[first].start, toks[k - 1].end
            key = next((d for d in long_keys if len(digits) >= PIECE_DIGITS and digits in d), None)
            if (
                key is not None
                and digits != key
                and digits not in NOT_PIECES
                and not heuristics.quantity(text, start, end, digits)
                and not heuristics.after_reference_word(text, start)
            ):
                out.append(Span(start, end, wanted[key].entity_type, wanted[key].score))
            first = k
    return out
