"""A value said again in part, or corrected, right next to where a recognizer found it.

Runs over a text after every recognizer and the name model (`Detector._echoed`): a correction or
a short read-back names no slot, so only the value found beside it says what it is, whichever
recognizer found that value (an address, a postnummer, a customer number):

- a turn that opens by saying the turn before got a value wrong: its numbers ("Sernanders väg
  12?" / "Nej, fjorton."; `dialogue_slots.corrections`);
- numbers of another speaker's next turn that repeat the value (`_read_backs`): at the turn's
  opening, after another piece, or after "står", "säger", "slutar på", "noterar", "ändrar till",
  "rättar till", "skriver", the value again, a piece at its start or end, a piece of four digits
  or more, or the value with a digit or two other ("Ängsvägen 3 B." / "3 B, klart."; "...
  tjugofem" / "Tack, tjugofem."; "jag noterar 14 A"); anywhere in the turn, a piece of six digits
  or more or a near copy ("lägenhet 1203?" / "... nej, det står 1103"); a piece of a long value
  in its own turn, and a near copy read off after a value in its turn ("lägenheten är 1102, det
  står fel på fakturan, det står 1202");
- a number beside a value with only a correction between ("Götgatan 67, inte sextioett",
  "Ekvägen tjugotre... nej, tjugotvå"), and a list's next value of as many digits (`_beside`);
- a written number grouped as a value beside it ("20 18 44 7, och ... ett nytt: 20 91 33 0";
  `_same_shape`);
- the letter after a house number found without it, the post town after a postnummer (or
  opening the other speaker's next turn: "163 72." / "Spånga."), and a postnummer confirmed after
  an address (`_after_addresses`); a town right after a person's whole name or a relative's first name ("Kristoffer Testsson
  i Järpen", "rune provsson från saltsjöbaden"; `_towns_after`);
- a plate's digits read back or corrected, all of them in any order ("ABX 460. Fyra sex noll,
  inte fyra noll sex.");
- both numbers of "X, inte Y" or "X eller Y" where either is a piece of a value found in that turn
  or the one before ("det var två fyra sju, inte två fyra åtta", "är det 47B eller 74B";
  `set_against`, which `Detector` runs after the learned tail too);
- a long value given in pieces over turns and read back whole, and its pieces (`_read_whole`);
- a code of capitals and digits written by one speaker and spelled out by another, either first
  ("IL 482 DF" / "I L, fyra åtta två, D F"; `_spelled_out`);
- a word said and taken back right before a value it begins ("Kanelbulle... nej, Kanelbulle77";
  `_false_starts`).

Each step sees what the ones before it found, so a piece read back and then corrected
("Där, 28 92, inte 28 29") is found whole. Numbers that are amounts, measures, times or
references are never taken.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import NamedTuple

from recognizers import heuristics, numbers, phone, place_lines
from recognizers.address import one_word_towns, ordinary_place_name, ordinary_place_word
from recognizers.dialogue_slots import (
    LETTERED,
    PAUSE_AT,
    RETRACTS,
    SENTENCE_END,
    SPELLED_AS,
    Turn,
    corrections,
    letters_before,
    runs_reading,
    turns,
)
from recognizers.email import SPOKEN_SEP_WORDS
from recognizers.fold import fold_text
from recognizers.identifiers import FACILITY_PREFIX
from recognizers.introduction import DEFINITE, KIN_WORDS, common_word, known_name
from recognizers.vehicle import MAKES

# What a value found may be echoed as: numbers, and an address's house or flat number.
_ECHOED = frozenset(
    {
        "SE_PERSONNUMMER",
        "SE_ORGANISATIONSNUMMER",
        "PHONE_NUMBER",
        "SE_ADDRESS",
        "SE_POSTAL_CODE",
        "IBAN_CODE",
        "CREDIT_CARD",
        "SE_BANK_ACCOUNT",
        "SE_BANKGIRO",
        "SE_PLUSGIRO",
        "SE_FACILITY_ID",
        "CUSTOMER_NUMBER",
        "ID_NUMBER",
        "ACCESS_CODE",
        # a plate's number, read back or corrected in words: "ABX 460. Fyra sex noll, inte fyra noll sex."
        "SE_VEHICLE_REGISTRATION",
    }
)
# Values too short for a piece or a near copy of them to be theirs: a plate's digits echo it only
# all of them, perhaps in another order ("ABX 460. Fyra sex noll, inte fyra noll sex.")
_SHORT = frozenset({"SE_VEHICLE_REGISTRATION"})
# What a read-back opens with before the number: "Tack, tjugofem.", "Oj, 67, jag rättar.", "Eh, 12 B faktiskt.",
# "Det är 39 C, det saknas ett C."
_OPENER = re.compile(
    r"^[ ]*(?:(?:ja|jo|nej|nä|nei|tack|oj|ah|aha|okej|ok|så|där|förlåt|nästan|precis|bra|mm|då|alltså|eh|öh|det är|det ska vara)(?![\w])[ ,.!]*)*",
    re.IGNORECASE,
)
# Nothing but a correction between a value and a number: ", inte ", "... nej, ", ", jag menar ", ", eh, "
_CORRECTED = re.compile(
    rf"[ ,.…]*(?:(?:{RETRACTS}|inte|ikke|ikkje|menar jag|utan|eller|tror jag|i ?stället för|eh|öh)(?![\w])[ ,.…]*)+",
    re.IGNORECASE,
)
_LISTED = re.compile(r"(?:[ ]*,|[ ,]*och)[ ]+", re.IGNORECASE)  # the next value of a list, of as many digits
_JOINED = re.compile(r"[ ,.…]*(?:(?:och|sen|och sen)[ ,.…]+)?", re.IGNORECASE)
# ... or read off something, written down or as its end: "det står fjorton i", "folkbokföringen säger 44",
# "jag noterar 14 A", "Jag ändrar till 81", "slutar på 302"
_READ_FROM = re.compile(
    r"(?<![\w])(?:står|säger|slutar på|slutar med|noterar|ändrar till|rättar till|skriver)[ ]+(?:det[ ]+|här[ ]+)?$",
    re.IGNORECASE,
)
PIECE_DIGITS = 6  # a piece this long is the value's anywhere in the next turn, not only at its opening
_HOUSE_LETTER = re.compile(r"[ ]?[A-Ha-h](?![\w])")  # "3 B", "sju A"
_PLATE_LETTER = re.compile(r"(?-i:[A-Z])(?![\w])")  # "47B"

Span = tuple[str, int, int]
ECHO_RECOGNIZER = "KlangEchoes"  # what findings of this step record as their recognizer
ECHO_SCORE = 0.85
# A flat or a code is never an amount, however it is said ("Nej, det står tolvhundrafem ...").
_NO_AMOUNTS = frozenset({"SE_ADDRESS", "ACCESS_CODE"})


def echoes(text: str, spans: list[Span]) -> list[Span]:
    """Spans of `text` (a dialogue) that echo one of `spans` (entity, start, end): see the module."""
    found = [s for s in spans if s[0] in _ECHOED]
    ts = turns(text)
    if not found:
        return (
            _false_starts(text, spans)
            + _dictated(text, ts, spans)
            + _spelled_out(text, ts, spans)
            + _joined_names(text, spans)
            + _surnames_after(text, spans)
            + _towns_after(text, spans)
            + _farms_in(text, spans)
        )
    out = corrections(text, ts, [s for s in found if s[0] in _NO_AMOUNTS], shapes=False)
    out += corrections(text, ts, [s for s in found if s[0] not in _NO_AMOUNTS])
    # (a plate corrected by its digits: "Nej, fyra noll sex", not "Nej, jag köpte den 2019", "Nej, en Volvo 240")
    plates = [_digits(text, s, t) for e, s, t in found if e in _SHORT]
    out = [x for x in out if x[0] not in _SHORT or any(_reordered(_digits(text, x[1], x[2]), p) for p in plates)]
    out = [(e, s, _with_letter(text, e, t)) for e, s, t in dict.fromkeys(out) if _free(spans, s, t)]  # "fjorton A"
    out += _read_backs(text, ts, found + out)
    for _ in range(3):  # a number beside one found beside: "103... eh, 130, förlåt, etthundratrettio"
        more = [x for x in _beside(text, found + out) if x not in out]
        if not more:
            break
        out += more
    out += _same_shape(text, ts, found + out)
    out += _read_whole(text, ts, found + out)
    out += _dictated(text, ts, spans + out)
    out += _spelled_out(text, ts, spans + out)
    out += _after_addresses(text, ts, spans + out)
    out += _false_starts(text, spans + out)
    out += _joined_names(text, spans + out)
    out += _surnames_after(text, spans + out)
    out += _towns_after(text, spans + out)
    out += _farms_in(text, spans + out)
    # the steps look beside the numbers only; nothing inside what another recognizer found (a plate)
    return [x for x in out if not _within(spans, x[1], x[2])]


def _free(spans: list[Span], start: int, end: int) -> bool:
    return not any(s < end and start < t for _, s, t in spans)


def _within(spans: list[Span], start: int, end: int) -> bool:
    return any(s <= start and end <= t for _, s, t in spans)


def _taken(text: str, start: int, end: int, digits: str) -> bool:
    """An amount, a measure, a time or a reference ("Ditt ärendenummer blir 1104."), not a piece
    of a value."""
    return heuristics.quantity(text, start, end, digits, shapes=False) or heuristics.after_reference_word(text, start)


def _repeats(said: str, value: str) -> bool:
    """Whether digits `said` repeat those of `value`: all of them, a piece at its start or end (two
    digits or more), a piece anywhere (four or more), or all with one or two digits other."""
    if said == value:
        return True
    if len(said) >= 2 and (value.startswith(said) or value.endswith(said)):
        return True
    if len(said) >= 4 and said in value:
        return True
    return len(said) >= 3 and _digits_other(said, value) <= 2


def _with_letter(text: str, entity: str, end: int) -> int:
    """Where a house number or a new plate's number ends: after its letter, if one follows."""
    letter = {"SE_ADDRESS": _HOUSE_LETTER, "SE_VEHICLE_REGISTRATION": _PLATE_LETTER}.get(entity)
    at = letter.match(text, end) if letter else None
    return at.end() if at else end


def _with_century(said: str, value: str) -> bool:
    """A birth date read back with its century: "19451027" after "451027"."""
    return len(value) >= 6 and len(said) == len(value) + 2 and said[:2] in ("19", "20") and said[2:] == value


def _reordered(said: str, value: str) -> bool:
    return bool(said) and sorted(said) == sorted(value)


def _near(said: str, value: str) -> bool:
    """The same number of digits, four or more, with one other (two from six digits) or two next
    to each other swapped: a value corrected anywhere in the next turn ("lägenhet 1203?" / "...
    nej, det står 1103."; "831 34 Östersund" / "det ska vara 831 43")."""
    if len(said) < 4:
        return False
    swapped = any(said == value[:i] + value[i + 1] + value[i] + value[i + 2 :] for i in range(len(value) - 1))
    return swapped or _digits_other(said, value) <= (1 if len(said) < 6 else 2)


def _digits_other(said: str, value: str) -> int:
    """How many digits differ between two numbers of as many digits; more than any bound if their
    lengths differ."""
    return sum(a != b for a, b in zip(said, value)) if len(said) == len(value) else len(said) + 1


def _read_backs(text: str, ts: list[Turn], spans: list[Span]) -> list[Span]:
    """Numbers of a turn that repeat a value found in the turn before by another speaker: any piece
    (`_repeats`) at the turn's opening, right after another piece, or after "står", "säger",
    "slutar på"; anywhere in the turn, a piece of PIECE_DIGITS or more ("Eh... ja, det är rätt, 834
    217 560" after "kontot 6189-834 217 560?") or a near copy (`_near`). And a piece of four digits
    or more of a long value said in the same turn ("Där, 28 92, inte 28 29. ... PL89 1020 2892 ..."),
    and a near copy read off after a value in its own turn ("lägenheten är 1102, ..., det står 1202")."""
    out: list[Span] = []
    for k, turn in enumerate(ts):
        prev = ts[k - 1] if k and ts[k - 1].label != turn.label else None
        # what was found in the turn before, a read-back found there too ("214 47." / "47, jag rättar.")
        said = [
            (e, d) for e, s, t in spans + out if prev and prev.start <= s < prev.end for d in _numbers_of(text, e, s, t)
        ]
        # ... and the speaker's own value before that read-back, which the turn puts right ("...
        # sju sju åtta." / "94 312 787?" / "Sju sju åtta. På slutet.")
        if said and k >= 2 and ts[k - 2].label == turn.label:
            own_before = ts[k - 2]
            said += [
                (e, d)
                for e, s, t in spans
                if own_before.start <= s < own_before.end
                for d in _numbers_of(text, e, s, t)
            ]
        own = [(e, s, t) for e, s, t in spans if turn.start <= s < turn.end]
        long_values = [(e, d) for e, s, t in own if len(d := _digits(text, s, t)) >= 10]
        # ... or in the turns before it, by others, said again whole ("Fyrtiofem... tio... tjugosju..." /
        # "Ja." / "...trettiofyra femtiotre." / "Tack, nittonhundrafyrtiofem tio tjugosju.")
        earlier = [
            (e, d)
            for x in ts[max(0, k - 3) : max(0, k - 1)]
            if x.label != turn.label
            for e, s, t in spans
            if x.start <= s < x.end
            for d in _numbers_of(text, e, s, t)
        ]
        if not (said or own or earlier):
            continue
        body = turn.body(text)
        opening = _OPENER.match(body).end()
        for run in numbers.runs(body):
            # the run whole, else its parts between pauses: "74... vänta, 740188..." starts over
            for tokens in [run.tokens, *(_parts(run) if "loose" in run.gaps[1:] else ())]:
                echo = _read_back_of(text, turn, body, opening, tokens, said, earlier, own, long_values, spans + out)
                if echo is not None:
                    out.append(echo)
                    if tokens is run.tokens:
                        break
    return out


def _parts(run: numbers.Run) -> list[list[numbers.Token]]:
    parts: list[list[numbers.Token]] = [[]]
    for k, token in enumerate(run.tokens):
        if k and run.gaps[k] == "loose":
            parts.append([])
        parts[-1].append(token)
    return parts


def _read_back_of(
    text: str,
    turn: Turn,
    body: str,
    opening: int,
    tokens: list[numbers.Token],
    said: list[tuple[str, str]],
    earlier: list[tuple[str, str]],
    own: list[Span],
    long_values: list[tuple[str, str]],
    spans: list[Span],
) -> Span | None:
    """The value these tokens of a turn read back (see `_read_backs`), or None."""
    digits = "".join(t.digits for t in tokens)
    start, end = turn.start + tokens[0].start, turn.start + tokens[-1].end
    # a read-back of the whole value, part of it found already ("sextusen sjuhundrafyrtiotre,
    # och sen två fyra noll tre sju sex ett nio ett")
    whole = len(digits) >= PIECE_DIGITS and any(digits == d for _, d in said + earlier)
    if not (whole or _free(spans, start, end)) or _taken(text, start, end, digits):
        return None
    # at the turn's opening, or right after a piece of it said again ("Första september fyrtiofyra, och 3838.")
    at_opening = (
        tokens[0].start == opening
        or _READ_FROM.search(body, 0, tokens[0].start) is not None
        or any(turn.start <= t <= start and _JOINED.fullmatch(text, t, start) for _, s, t in spans)
    )
    entity = next(
        (
            e
            for e, value in said
            if value
            and (e not in _SHORT or _reordered(digits, value))
            and (
                (at_opening and _repeats(digits, value))
                or (len(digits) >= PIECE_DIGITS and digits in value)
                or _near(digits, value)
                or _with_century(digits, value)
            )
        ),
        next(
            (e for e, value in long_values if len(digits) >= 4 and digits in value),
            next(
                (e for e, d in earlier if len(d) >= 6 and (digits == d or _with_century(digits, d))),
                None,
            ),
        ),
    )
    # a near copy read off something after the value in its own turn: "lägenheten är 1102, det
    # står fel på fakturan, det står 1202"
    if entity is None and _READ_FROM.search(body, 0, tokens[0].start):
        entity = next((e for e, s, t in own if t <= start and _near(digits, _digits(text, s, t))), None)
    if entity is None:
        return None
    # with the letters it opens with ("B4419", "NV-2077" read back after "B 4 4 1 9", "NV 2077")
    first = letters_before(text, start, entity) if entity in LETTERED else start
    return entity, first, _with_letter(text, entity, end)


def _numbers_of(text: str, entity: str, start: int, end: int) -> list[str]:
    """A value's digits; an address's numbers each on their own too ("Ringvägen 3 B, lägenhet 1203")."""
    whole = _digits(text, start, end)
    return [whole] + ([r.digits for r in numbers.runs(text[start:end])] if entity == "SE_ADDRESS" else [])


def _digits(text: str, start: int, end: int) -> str:
    return numbers.words_to_digits(text[start:end])


def _beside(text: str, spans: list[Span]) -> list[Span]:
    """Numbers next to a value in its line with only a correction between, after it ("Götgatan 67,
    inte sextioett") or before it ("sjuttiosju... nej förlåt, sjuttiosex"), and the next value of
    a list with as many digits ("3905 447 218 0 och 3905 447 219 9")."""
    out: list[Span] = []
    for entity, s, t in sorted(spans, key=lambda x: x[1]):
        line_start, line_end = text.rfind("\n", 0, s) + 1, text.find("\n", t)
        line_end = len(text) if line_end < 0 else line_end
        length = len(_digits(text, s, t))
        candidates = []
        after = _CORRECTED.match(text, t, line_end)
        if after and after.group().strip(" ,.…"):
            runs = numbers.runs(text[after.end() : line_end])
            if runs and runs[0].tokens[0].start == 0:
                candidates.append((after.end(), after.end() + runs[0].tokens[-1].end, runs[0].digits))
        runs = numbers.runs(text[line_start:s])
        if runs:
            run = runs[-1]
            gap = _CORRECTED.fullmatch(text, line_start + run.tokens[-1].end, s)
            if gap and gap.group().strip(" ,.…"):
                candidates.append((line_start + run.tokens[0].start, line_start + run.tokens[-1].end, run.digits))
        listed = _LISTED.match(text, t, line_end)  # "lånenummer 3905 447 218 0 och 3905 447 219 9"
        runs = numbers.runs(text[listed.end() : line_end]) if listed else ()
        if runs and runs[0].tokens[0].start == 0 and len(runs[0].digits) == length >= 4:
            candidates.append((listed.end(), listed.end() + runs[0].tokens[-1].end, runs[0].digits))
        for start, end, digits in candidates:
            if len(digits) <= length + 2 and _free(spans + out, start, end) and not _taken(text, start, end, digits):
                out.append((entity, start, _with_letter(text, entity, end)))
    return out


# Two numbers set against each other, the right one and the wrong: "två fyra sju, inte två fyra
# åtta", "2306 på slutet, inte 2360", "Tolv B, inte tolv A"
_NOT_THAT = re.compile(
    r"(?:[ ]+[a-h](?![\w]))?(?:[ ]+(?:på[ ]+slutet|i[ ]+början))?[ ]*,?[ ]+inte[ ]+", re.IGNORECASE
)  # (a house's letter after the first: "Tolv B, inte tolv A")
# ... and the two a speaker cannot choose between, of as many digits: "var det 9 2 5 2 eller 9 2 5 3?",
# "är det 47B eller 74B"
_OR_THAT = re.compile(r"(?:[ ]?[a-hA-Z](?![\w]))?[ ]*,?[ ]+eller[ ]+", re.IGNORECASE)


def set_against(text: str, spans: list[Span]) -> list[Span]:
    """Both numbers of "X, inte Y" (of as many digits, one more or less, neither a quantity), or of
    "X eller Y" (of as many digits, four or more and no year, or each with a plate's letter), where
    either is a piece of a value found in that turn, or in the other speaker's turn just before (a
    read-back corrected: "Skolgatan 12 A?" / "Tolv B, inte tolv A."): a piece of it corrected, and
    the wrong piece said again ("noll åttiosju, inte sjuttioåtta" after "noll sjuttioåtta"; "var
    det 9 2 5 2 eller 9 2 5 3?").
    Run after the learned tail too (`Detector._echoed`), whose findings such pieces often are."""
    out: list[Span] = []
    ts = turns(text)
    for k, turn in enumerate(ts):
        body = turn.body(text)
        if "inte" not in body.lower() and "eller" not in body.lower():
            continue
        first = ts[k - 1].start if k and ts[k - 1].label != turn.label else turn.start
        near = [(e, _digits(text, s, t)) for e, s, t in spans if first <= s < turn.end]
        runs = numbers.runs(body) if near else ()
        for a, b in zip(runs, runs[1:]):
            gap = (a.tokens[-1].end, b.tokens[0].start)
            if _NOT_THAT.fullmatch(body, *gap):
                fits = abs(len(a.digits) - len(b.digits)) <= 1
            elif _OR_THAT.fullmatch(body, *gap):
                # a choice is a value's only when both are long and no years ("2019 eller 2020"),
                # or both carry a plate's letter ("47B eller 74B"; not "zon 47 eller 74", "18 eller 40")
                fits = len(a.digits) == len(b.digits) and (
                    (len(a.digits) >= 4 and not heuristics.YEAR.fullmatch(a.digits))
                    or all(_PLATE_LETTER.match(body, r.tokens[-1].end) for r in (a, b))
                )
            else:
                continue
            if min(len(a.digits), len(b.digits)) < 2 or not fits:
                continue
            pair = [(turn.start + r.tokens[0].start, turn.start + r.tokens[-1].end, r.digits) for r in (a, b)]
            if any(_taken(text, *x) for x in pair):  # "Jag betalade 350, inte 530."
                continue
            entity = next((e for e, d in near if _piece(a.digits, d) or _piece(b.digits, d)), None)
            for start, end, _ in pair if entity else ():
                if _free(spans + out, start, end):
                    out.append((entity, start, _with_letter(text, entity, end)))
    return out


def _piece(said: str, value: str) -> bool:
    """The value, a piece at its start or end, or three digits or more inside it."""
    return said == value or value.startswith(said) or value.endswith(said) or (len(said) >= 3 and said in value)


# A word broken off and taken back right before a value: "Kanelbulle... nej, " before "Kanelbulle77".
# ... or said again after a filler: "jonwes eh jonwes02"; or two capitals broken off: "RP... RP0418833"
_RETRACTED = rf"(?:{RETRACTS}|eh|öh|ehm)(?![\w])"
_TAKEN_BACK = re.compile(
    rf"(?<![\w])([^\W\d_]{{3,}}|(?-i:[A-Z]{{2}}))(?:(?:\.\.\.|…)[ ,]*(?:{_RETRACTED})?|[ ,]*{_RETRACTED})[ ,.…]*$",
    re.IGNORECASE,
)


# A sentence's end, and a sentence that lists children or gives names, up to where it is read
_CLOSES = re.compile(r"[ ]*(?:[.!?]|$)", re.MULTILINE)
_CHILDREN = re.compile(
    r"(?<![\w])(?:heter|hette|(?:två|tre|fyra|fem|\d)[ ]+(?:barn|döttrar|söner|barnbarn)|tvillingar(?:na)?|syskon(?:en)?)"
    r"(?![\w])[^.!?\n]*$",
    re.I,
)
# A second name joined to one found: "Jag ser Abdullah och Maria Provsson på den adressen."
_AND_NAME = re.compile(r"[ ]+(?:och|eller)[ ]+(?P<name>(?-i:[A-ZÅÄÖ])[a-zåäöéü]+(?:[ ]+(?-i:[A-ZÅÄÖ])[a-zåäöéü]+)?)")


# A town after a person's name, ending its clause or going on to another: "Kristoffer Ahl i Järpen",
# "Jari Mäkinen i Luleå.", "rune provsson från saltsjöbaden", "en kusin margareta i bollnäs men ..."
_TOWN_AFTER_NAME = re.compile(
    r"[ ]+(?:i|från)[ ]+([A-ZÅÄÖa-zåäö][a-zåäö-]+)(?=[ ]*(?:[.,!?]|$)|[ ]+(?:men|och|som)\b)", re.M
)

# ... or, capitalised, ending the line a register reads out: "820121-2381 Sofie Andersson Pershagen"
_TOWN_ENDS_NAME = re.compile(r"[ ]+((?-i:[A-ZÅÄÖ])[a-zåäö-]+)(?=[ ]*(?:[.!?]|$))", re.M)

_KIN_BEFORE = re.compile(rf"(?<![\w])(?:{'|'.join(sorted(KIN_WORDS))})(?![\w])[^.!?\n]*$", re.IGNORECASE)


def _towns_after(text: str, spans: list[Span]) -> list[Span]:
    """The town a person is of, said right after their whole name as an address line or a guest
    list puts it (with "i" or "från", or capitalised ending the line), or after a relative's first
    name ("en kusin margareta i bollnäs"; not "Det var Provo i Luleå", who may work there): a town
    the gazetteer knows, no ordinary word ("mark")."""
    out: list[Span] = []
    for entity, start, end in spans:
        whole = " " in text[start:end].strip()
        kin = not whole and _KIN_BEFORE.search(text, max(0, start - 25), start) is not None
        m = _TOWN_AFTER_NAME.match(text, end) if entity == "PERSON" and (whole or kin) else None
        if m is None and entity == "PERSON" and whole:
            m = _TOWN_ENDS_NAME.match(text, end)
        town = m.group(1) if m else ""
        if (
            m
            and town.casefold() in one_word_towns()
            and not ordinary_place_word(town)
            and _free(spans + out, *m.span(1))
        ):
            out.append(("LOCATION", *m.span(1)))
    return out


# A surname the lexicon does not know, shaped as Swedish surnames are, right after a first name
# found alone: "jag söker karin vestergren", "Peter Almgren"
_SURNAME_AFTER = re.compile(
    r"[ ]+([a-zåäöéA-ZÅÄÖÉ]{2,}(?:gren|ström|qvist|kvist|sson|berg|borg|holm|dahl|lund|stedt|blad|lind))(?![\w-])",
    re.IGNORECASE,
)


def _surnames_after(text: str, spans: list[Span]) -> list[Span]:
    """A surname right after a first name found alone: a word ending as Swedish surnames do
    ("-gren", "-ström", "-qvist", "-sson", "-berg"), no common word and no town ("Karin
    Stockholm", "Anna Visby" are not)."""
    out: list[Span] = []
    for entity, start, end in spans:
        m = _SURNAME_AFTER.match(text, end) if entity == "PERSON" else None
        if (
            m
            and " " not in text[start:end].strip()
            and known_name(text[start:end])
            and not common_word(m.group(1))
            and m.group(1).casefold() not in one_word_towns()
            and _free(spans + out, *m.span(1))
        ):
            out.append(("PERSON", *m.span(1)))
    return out


# A farm or a house by its name, right before the village found ("hedgården i lillbyn", "granbacken i
# nyland"): in the countryside the name is the address.
_FARM = r"(?<![\w-])([a-zåäöA-ZÅÄÖ]{2,}(?:gården|gärdet|backen|stugan|torpet|hagen|ängen|vik|näs|sätra|berga))(?![\w-])"
_FARM_IN = re.compile(_FARM + r"[ ]+i[ ]+$")
# (not a yard or a graveyard: "gamla kyrkogården i mora"; nor a project's or an association's name:
# "projektet Kvarnbacken i Sollentuna", "Brf Kvarnbacken")
_NO_FARM = re.compile(r"^(?:kyrko|skol|bak|inner|bond|lek|fram|slotts|kloster|präst|gäst)gården$", re.IGNORECASE)
_NAMED_PLACE_BEFORE = re.compile(
    r"(?<![\w])(?:gamla|nya|projektet|området|kvarteret|brf|föreningen|bostadsrättsföreningen)[ ]+$", re.IGNORECASE
)
# ... or where someone lives: "jag bor på backgården" (not "vi bodde på tällbergsgården förra året", a hotel)
_LIVES_ON_FARM = re.compile(r"(?<![\w])bor(?:[ ]+(?:kvar|nu|fortfarande))?[ ]+på[ ]+" + _FARM)


def _farms_in(text: str, spans: list[Span]) -> list[Span]:
    """A farm's or a house's name right before "i" and a place found, or where someone lives ("bor
    på"): a word shaped as such names are ("-gården", "-backen", "-stugan", "-vik"), no common word."""
    before = [
        _FARM_IN.search(text, max(0, start - 40), start)
        for entity, start, _ in spans
        if entity in ("LOCATION", "SE_ADDRESS")
    ]
    out: list[Span] = []
    for m in [m for m in before if m] + list(_LIVES_ON_FARM.finditer(text)):
        if (
            not common_word(m.group(1))
            and not _NO_FARM.search(m.group(1))
            and not _NAMED_PLACE_BEFORE.search(text, max(0, m.start(1) - 25), m.start(1))
            and _free(spans + out, *m.span(1))
        ):
            out.append(("SE_ADDRESS", *m.span(1)))
    return out


def _joined_names(text: str, spans: list[Span]) -> list[Span]:
    """A name joined by "och" or "eller" to a name found: a first name the lexicon knows, with a
    capitalised word after it, or after a known name one capitalised word that ends a sentence
    listing children or names, neither a common word nor a town ("Abdullah och Maria Provsson",
    "två barn, Yusuf och Leen."; not "Anna och Stockholm", "Erik och Tack", "Ahmed och
    Länsförsäkringar Skåne", "Erik och Volvo Cars")."""
    out: list[Span] = []
    for entity, start, end in spans:
        m = _AND_NAME.match(text, end) if entity == "PERSON" else None
        if m is None:
            continue
        words = m.group("name").split()
        if any(common_word(w) or ordinary_place_word(w) for w in words):
            continue
        # (not "Glansfull Städ och Service.", "Lukas och Fortnite.")
        key = words[0].casefold()
        alone = (
            len(words) == 1
            and _CLOSES.match(text, m.end())
            and known_name(text[start:end].split()[-1])
            and _CHILDREN.search(text, max(0, start - 60), start) is not None
            and key not in one_word_towns()
            and key not in MAKES
        )
        if (known_name(words[0]) or alone) and _free(spans + out, *m.span("name")):
            out.append(("PERSON", *m.span("name")))
    return out


# A token read back whole: letters, digits and the joiners of a user name ("sanmat01", "nguyen_lan")
_ONE_TOKEN = re.compile(r"(?<![\w@.-])[^\W_][\w.-]{3,}[^\W_](?![\w@]|[.-]\w)")
_SAID_JOINER = re.compile(rf"(?<![\w])(?:{SPOKEN_SEP_WORDS})(?![\w])", re.IGNORECASE)
_COMPACT_WITHIN = 2  # turns before the read-back in which the pieces were said


def _compact(said: str) -> str:
    """What a person reads in a value said or spelled in pieces: its letters and digits, number
    words as digits, joiners dropped ("S-A-N... M-A-T" is "sanmat", "understreck, L-A-N" "lan",
    "K som i Kalle" "k")."""
    view = numbers.digit_view(_SAID_JOINER.sub(" ", SPELLED_AS.sub(r"\1", said))).text
    return _alnum(view)


def _alnum(said: str) -> str:
    return "".join(ch for ch in said.lower() if ch.isalnum())


def compacted(text: str, spans: list[Span]) -> list[Span]:
    """A value spelled or said in pieces and read back by another speaker as one token: the
    token's letters and digits are one or more pieces found in the two turns before, in order
    ("S-A-N... M-A-T... noll ett." / "sanmat01."; "nguyen understreck lan" / "nguyen_lan";
    "niklasoberg åttioåtta" / "niklasoberg88", one piece said otherwise than written). Of the first
    piece's type, but a joined or mixed token is a user name. Runs after the learned
    tail too (`Detector._echoed`), as the pieces are often the tail's."""
    ts = turns(text)
    starts = [x.start for x in ts]
    # each value's turn, what a person reads in it, and whether it was said otherwise, once
    placed = sorted((s, _turn_of(ts, starts, s), e, _compact(text[s:t]), _alnum(text[s:t])) for e, s, t in spans)
    out: list[Span] = []
    for k, turn in enumerate(ts):
        pieces = [
            (s, e, said, said != as_written)
            for s, j, e, said, as_written in placed
            if k - _COMPACT_WITHIN <= j < k and ts[j].label != turn.label
        ]
        for m in _ONE_TOKEN.finditer(turn.body(text) if pieces else ""):
            said = _alnum(m.group(0))
            start, end = turn.start + m.start(), turn.start + m.end()
            for i in range(len(pieces)):
                joined, joins = pieces[i][2], 1
                for j in range(i + 1, len(pieces)):
                    if joined == said or not said.startswith(joined):
                        break
                    joined, joins = joined + pieces[j][2], joins + 1
                # one piece alone only where it was said otherwise ("niklasoberg åttioåtta"): the
                # same word again is the transform's to find, if it chases that kind at all
                if joined == said and (joins > 1 or pieces[i][3]) and _free(spans + out, start, end):
                    token = m.group(0)
                    mixed = any(ch.isdigit() for ch in said) and not said.isdigit()
                    out.append(("USERNAME" if mixed or "_" in token or "." in token else pieces[i][1], start, end))
                    break
    return out


_ECHO_AROUND = re.compile(r"(?<![\w])(?:ja|jo|okej|mm|mhm|hm|aha|precis)(?![\w])|[ ,.?!…]", re.IGNORECASE)  # "118, ja?"
_PIECES_JOINED = 4  # pieces of one value said over turns, the listener echoing each


CODE_DIGITS = 4  # a code's pieces joined: a door or a key box code has four digits


def pieces_read_back(text: str, spans: list[Span]) -> list[Span]:
    """A number given in pieces over turns, the listener echoing between, and read back whole ("och
    sen tre noll fem" / "Mm." / "ett ett åtta" / "118" / "fyra sju sex" / "476. Så 305 118 476."):
    two to four pieces found in a row within a few turns, their digits together six or more (four
    for a code's pieces: "koden är sju tre" / "mm" / "fyra åtta" / "7348"), as a number anywhere
    in the call; and a piece echoed alone in the next turn by another speaker.
    Runs after the learned tail, as the pieces are often the tail's."""
    ts = turns(text)
    starts = [x.start for x in ts]
    pieces = []  # (turn, entity, digits) of the spans that are numbers and nothing else, in order
    for entity, start, end in sorted(spans, key=lambda x: x[1]):
        runs = numbers.runs(text[start:end])
        if len(runs) == 1 and runs[0].tokens[0].start == 0 and runs[0].tokens[-1].end == len(text[start:end]):
            pieces.append((_turn_of(ts, starts, start), entity, runs[0].digits))
    out: list[Span] = []
    # ... and each piece echoed alone in the next turn: "ett ett åtta" / "118"
    said = {(turn, digits): entity for turn, entity, digits in pieces}
    for k, turn_k in enumerate(ts[1:], 1):
        body = turn_k.body(text)
        runs = numbers.runs(body)
        if len(runs) == 1 and ts[k - 1].label != turn_k.label and (k - 1, runs[0].digits) in said:
            if not _ECHO_AROUND.sub("", body[: runs[0].tokens[0].start] + body[runs[0].tokens[-1].end :]):
                start, end = turn_k.start + runs[0].tokens[0].start, turn_k.start + runs[0].tokens[-1].end
                out.append((said[(k - 1, runs[0].digits)], start, end))
    wholes: dict[str, str] = {}
    for i, (turn, entity, digits) in enumerate(pieces):
        joined, last = digits, digits
        for later_turn, _, more in pieces[i + 1 : i + _PIECES_JOINED]:
            if later_turn - turn > _WHOLE_WITHIN:
                break
            if more == last:  # the listener's echo of the piece before
                continue
            joined, last = joined + more, more
            if len(joined) >= (CODE_DIGITS if entity == "ACCESS_CODE" else PIECE_DIGITS):
                wholes.setdefault(joined, entity)
    read = runs_reading(text, wholes)  # the longest stretch read, not the pieces joined within it
    out += [x for x in read if not any(y[1] <= x[1] and x[2] <= y[2] and y != x for y in read)]
    return [x for x in out if _free(spans, x[1], x[2])]


# A number word broken off by a pause right before the value: "Nittio... ja, 900320-2398"
_BROKEN_OFF = re.compile(
    rf"(?<![\w])({numbers.SMALL_NUMBER_WORDS})(?:\.\.\.|…)[ ,]*(?:(?:ja|jo|eh|öh|mm)[ ,.]*)?$", re.IGNORECASE
)


def _false_starts(text: str, spans: list[Span]) -> list[Span]:
    """A word said and taken back right before a value it begins ("Kanelbulle... nej,
    Kanelbulle77"), a number word broken off by a pause before a value it begins ("Nittio... ja,
    900320-2398"), or a plate's letters in another order ("NMX... nej, NXM 774"): a false start
    of the value, as readable as the value itself."""
    out: list[Span] = []
    for entity, start, end in spans:
        # a number broken off and begun again as the value: "Nittio... ja, 900320-2398"
        broken = _BROKEN_OFF.search(text, max(0, start - 40), start)
        if broken and (said := _digits(text, *broken.span(1))) and _digits(text, start, end).startswith(said):
            if _free(spans + out, *broken.span(1)) and not _taken(text, *broken.span(1), said):
                out.append((entity, *broken.span(1)))
        if entity == "SE_ADDRESS":
            out += [("SE_ADDRESS", *at) for at in _street_begun(text, start, end) if _free(spans + out, *at)]
        m = _TAKEN_BACK.search(text, max(0, start - 40), start)
        if m is None:
            continue
        word, value = m.group(1), text[start:end]
        first = next(iter(value.split()), "")
        if (value.lower().startswith(word.lower()) and len(value) > len(word)) or (
            word.isupper() and sorted(word) == sorted(first) and word != first
        ):
            if _free(spans + out, m.start(1), m.end(1)):
                out.append((entity, m.start(1), m.end(1)))
    return out


_CAPITALISED = re.compile(r"(?<![\w-])(?-i:[A-ZÅÄÖ])[^\W\d_]{4,}(?![\w-])")
_TAKEN_BACK_BETWEEN = re.compile(rf"(?<![\w])(?:{_RETRACTED}|alltså(?![\w]))", re.IGNORECASE)
_BEGUN_WITHIN = 60


def _street_begun(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """A street's name begun earlier in the line, before the street line itself ("från jobbet
    Morabergs eh jag jobbar på ett lager där Morabergsvägen 21", "Vivalla Centrum nej Vivallagatan
    22"): capitalised, five letters or more, no common word, and taken back by a filler or a
    correction before the street line (not "en björk vid Björkvägen 3", nor a place named after
    its street: "vi har en station i Birsta på Birstavägen 7")."""
    street = text[start:end].split()[0].lower()
    line_start = text.rfind("\n", 0, start) + 1
    return [
        m.span()
        for m in _CAPITALISED.finditer(text, max(line_start, start - _BEGUN_WITHIN), start)
        if street.startswith(m.group().lower())
        and street != m.group().lower()
        and not common_word(m.group())
        and _TAKEN_BACK_BETWEEN.search(text, m.end(), start) is not None
    ]


LONG_DIGITS = 10  # a value this long is said in pieces and read back whole
_WHOLE_WITHIN = 6  # turns between the first piece and the read-back: pieces, back-channels
_PIECE_WORDS = 8  # a turn that gives a piece is short: "sen 000 014", "och sist 428 851."


def _read_whole(text: str, ts: list[Turn], spans: list[Span]) -> list[Span]:
    """A long value given in pieces over turns and read back whole ("Ja, från kartongen: 35 391011"
    / "Ja." / "512 944" / "Mm." / "3." / "353910115129443."): a number of LONG_DIGITS or more that
    opens or ends with a value found (six digits or more) in the turns before it by another
    speaker; and the pieces (three digits or more) of a long value said in short turns before it
    ("... det börjar på 735 999" / "Ja?" / "sen 000 014" / "Mm." / "och sist 428 851." / "Så
    735999000014428851?"), or its opening where a longer turn breaks off, but not the prefix every
    anläggnings-id has, which names no one."""
    starts = [x.start for x in ts]
    placed = [(e, _turn_of(ts, starts, s), _digits(text, s, t)) for e, s, t in spans]  # each value's turn and digits
    out: list[Span] = []
    for k, turn in enumerate(ts):
        others = {j for j in range(max(0, k - _WHOLE_WITHIN), k) if ts[j].label != turn.label}
        before = [(e, d) for e, j, d in placed if j in others]
        for run in numbers.runs(turn.body(text)) if before else ():
            start, end = turn.start + run.tokens[0].start, turn.start + run.tokens[-1].end
            if len(run.digits) < LONG_DIGITS or not _free(spans + out, start, end):
                continue
            entity = next(
                (e for e, d in before if len(d) >= 6 and (run.digits.startswith(d) or run.digits.endswith(d))), None
            )
            if entity is not None and not _taken(text, start, end, run.digits):
                out.append((entity, start, end))
    longs = [(e, j, d) for e, j, d in placed if len(d) >= LONG_DIGITS and j >= 0]
    longs += [(e, _turn_of(ts, starts, s), d) for e, s, t in out if len(d := _digits(text, s, t)) >= LONG_DIGITS]
    for entity, k, value in longs:
        for piece in ts[max(0, k - _WHOLE_WITHIN) : k]:
            body = piece.body(text)
            # a long turn is an explanation ("... börjar på sjuttiofem ..."), unless it breaks off on
            # the value's opening: "Vänta... Swedbank, åtta tre två sju, bindestreck nio..."
            explains = len(body.split()) > _PIECE_WORDS
            for r in numbers.runs(body):
                s, t = piece.start + r.tokens[0].start, piece.start + r.tokens[-1].end
                if len(r.digits) < 3 or r.digits not in value or FACILITY_PREFIX.startswith(r.digits):
                    continue
                if explains and not (
                    len(r.digits) >= 4 and value.startswith(r.digits) and PAUSE_AT.match(body, r.tokens[-1].end)
                ):
                    continue
                if _free(spans + out, s, t) and not _taken(text, s, t, r.digits):
                    out.append((entity, s, t))
    return out


DICTATED_DIGITS = 7  # a number this long, said and read back digit for digit, is a value confirmed


def _dictated(text: str, ts: list[Turn], spans: list[Span]) -> list[Span]:
    """A number of DICTATED_DIGITS or more said by one speaker, in pieces or in words (perhaps over
    turns with back-channels between), and read back digit for digit by another within three
    turns: a value given and confirmed, whatever names it ("Ja, det står ett noll noll... åtta
    sju... tre tre två." / "10087332."). Not where a reference of the company's is talked of in
    the number's first turn or the one before, nor an amount, a date or a time."""
    if len(ts) < 2:  # a summary or a title: no one reads anything back
        return []
    pieces = [p for p in _turn_pieces(text, ts) if p.turn >= 0]
    out: list[Span] = []
    for i, first in enumerate(pieces):
        speaker = ts[first.turn].label
        # the value said: this piece and the same speaker's next pieces of the same run
        said = [first]
        for nxt in pieces[i + 1 :]:
            if nxt.run != first.run or ts[nxt.turn].label != speaker:
                break
            said.append(nxt)
        digits = "".join(p.digits for p in said)
        if len(digits) < DICTATED_DIGITS or not (len(said) > 1 or first.said):
            continue
        back = _read_back(pieces[i + len(said) :], ts, said[-1].turn, speaker, digits)
        # the company's own references are dictated and read back too: talk of them marks the number
        if back is None or heuristics.REFERENCE_TALK.search(text, ts[max(0, first.turn - 1)].start, first.start):
            continue
        found = [(p.start, p.end) for p in [*said, back]]
        if not any(_taken(text, a, b, digits) for a, b in found) and not phone.is_service_number(digits):
            # of the kind found for a piece already (an IMEI's pieces), else a customer's number
            kind = next((e for e, s, t in spans for a, b in found if s < b and a < t), "CUSTOMER_NUMBER")
            out += [(kind, a, b) for a, b in found if _free(spans + out, a, b)]
    return out


# A code written in capitals and digits ("GE 431 TP", "HRO-KL 77", "KX19 ORT", "1-VXK-482",
# "QN482107C"), and a word that may spell one out: a letter alone, a few capitals, digits, a number
# word; "sen" or a filler between them goes on spelling ("HMC sen 0 4 4 7 1 8")
_WRITTEN_CODE = re.compile(r"(?<![\w-])(?-i:[A-Z0-9]{5,12}|[A-Z0-9]{1,8}(?:[ -][A-Z0-9]{1,8}){1,3})(?![\w-])")
_SPELLING_WORD = re.compile(r"[^\W_]+")
_SPELLING_GAP = re.compile(r"[ ,.…-]*")
_GOES_ON = frozenset({"sen", "och", "eh", "öh"})
SPELLED_WITHIN = 2  # turns between a code written and spelled out
GUARD_AFTER = 30  # characters after the later form where talk of a flight or a reference still counts


def _code(said: str) -> str:
    """What a person reads in a code written in capitals: its letters and digits, when it mixes two
    letters or more with two digits or more ("GE 431 TP"); else ""."""
    chars = _alnum(said)
    letters, digits = sum(c.isalpha() for c in chars), sum(c.isdigit() for c in chars)
    return chars if letters >= 2 and digits >= 2 and 5 <= len(chars) <= 12 else ""


def _reads(word: str) -> str:
    """What a word reads as when it spells: a letter, a few capitals, digits; else ""."""
    if len(word) == 1 or word.isdigit() or (len(word) <= 4 and word.isupper() and word.isalpha()):
        return word.lower()
    digits = numbers.digit_view(word).text
    return digits if digits.isdigit() else ""


def _spells(text: str, run: list[tuple[int, int, str]]) -> bool:
    """A run spells a code when it reads two letters or more and says two of its characters or
    more aloud, as a letter alone, a digit alone or a number word ("I L, fyra åtta två, D F", "HMC
    sen 0 4 4 7 1 8"; not a code written again: "CV 48 217", "AV 77 18 01")."""
    letters = sum(c.isalpha() for w in run for c in w[2])
    aloud = sum(len(w[2]) == 1 or not text[w[0] : w[1]].isdigit() and w[2].isdigit() for w in run)
    return letters >= 2 and aloud >= 2


def _spellings(text: str, turn: Turn) -> list[list[tuple[int, int, str]]]:
    """A turn's runs of words that spell characters, each word with what it reads as ("G E fyra tre
    ett T P": g, e, 4, 3, 1, t, p; "tvåhundrasjutton": 217)."""
    runs: list[list[tuple[int, int, str]]] = []
    last = -1
    for m in _SPELLING_WORD.finditer(text, turn.start, turn.end):
        if last >= 0 and m.group().lower() in _GOES_ON:
            last = m.end()
            continue
        reads = _reads(m.group())
        if not reads:
            last = -1
            continue
        if last < 0 or _SPELLING_GAP.fullmatch(text, last, m.start()) is None:
            runs.append([])
        runs[-1].append((m.start(), m.end(), reads))
        last = m.end()
    return [r for r in runs if _spells(text, r)]


def _spelled_out(text: str, ts: list[Turn], spans: list[Span]) -> list[Span]:
    """A code of capitals and digits written in one turn and spelled out character by character in
    another speaker's turn within SPELLED_WITHIN, either first: one value given and confirmed,
    whatever names it ("IL 482 DF" / "I L, fyra åtta två, D F"; "GE 431 TP" / "G E fyra tre ett T
    P"). Of the kind found for either form (a number's or a plate's), else an ID number; not where a
    reference of the company's, a flight, a build or a model is talked of from two turns before the
    first form to just after the second ("Har du bokningsnumret?" / "M A 10 66 29" / "MA 10 66 29,
    Malmö"; "SK 1427 till Nice" / "S K, ett fyra två sju, avgång tio och femton?")."""
    if len(ts) < 2:
        return []
    codes = [
        (j, m, code)
        for j, turn in enumerate(ts)
        for m in _WRITTEN_CODE.finditer(text, turn.start, turn.end)
        if (code := _code(m.group()))
    ]
    # a turn's spellings only where a code is written within reach: most calls write none
    near = {k for j, _, _ in codes for k in range(j - SPELLED_WITHIN, j + SPELLED_WITHIN + 1) if 0 <= k < len(ts)}
    spelled = [(k, run) for k in sorted(near) for run in _spellings(text, ts[k])]
    out: list[Span] = []
    for j, m, code in codes:
        turn = ts[j]
        for k, run in spelled:
            if k == j or abs(k - j) > SPELLED_WITHIN or ts[k].label == turn.label:
                continue
            back = _spelled_as(text, run, code)
            if back is None:
                continue
            later = max(m.end(), back[1])
            if _reference_talk(text, ts[max(0, min(j, k) - 2)].start, min(later + GUARD_AFTER, ts[max(j, k)].end)):
                continue
            found = [m.span(), back]
            kinds = (e for e, s, t in spans for a, b in found if s < b and a < t and e in _ECHOED | _SHORT)
            kind = next(kinds, "ID_NUMBER")
            # whole, over what found a part only (the name model's "C V fyrtioåtta")
            out += [(kind, a, b) for a, b in found if not _within(spans + out, a, b)]
    return out


# a flight, a build or a model is spelled out and read back as a person's code is
_NO_PERSONS_CODE = re.compile(r"(?<![\w])(?:flyg|flight|avgång|build|version|modell|reklamation)", re.IGNORECASE)


def _reference_talk(text: str, start: int, end: int) -> bool:
    """Talk of the company's references, a flight, a build or a model, but of a serial number: a
    device's names its owner."""
    return _NO_PERSONS_CODE.search(text, start, end) is not None or any(
        not m.group().lower().startswith("serie") for m in heuristics.REFERENCE_TALK.finditer(text, start, end)
    )


def _spelled_as(text: str, run: list[tuple[int, int, str]], code: str) -> tuple[int, int] | None:
    """Where in a run of spelling words a code is spelled whole, itself spelling ("NS 40 96 32 01,
    noll ett på slutet" writes the code, its correction says it), or None."""
    for i in range(len(run)):
        said = ""
        for j in range(i, len(run)):
            said += run[j][2]
            if said == code:
                return (run[i][0], run[j][1]) if _spells(text, run[i : j + 1]) else None
            if not code.startswith(said):
                break
    return None


def _read_back(later: list[_Piece], ts: list[Turn], last: int, speaker: str, digits: str) -> _Piece | None:
    """The first of `later` (in the text's order) that another speaker says with these digits,
    within three turns of `last`."""
    for p in later:
        if p.turn - last > 3:
            return None
        if p.digits == digits and ts[p.turn].label != speaker:
            return p
    return None


class _Piece(NamedTuple):
    """A number's part within one turn: its run, its turn (-1: before any), where it stands, its
    digits, and whether it was said in words or in pieces."""

    run: int
    turn: int
    start: int
    end: int
    digits: str
    said: bool


def _turn_pieces(text: str, ts: list[Turn]) -> list[_Piece]:
    """The numbers of a text cut where a turn changes."""
    starts = [x.start for x in ts]
    out = []
    for n, run in enumerate(numbers.runs(text)):
        groups: list[list[numbers.Token]] = [[run.tokens[0]]]
        for tok, gap in zip(run.tokens[1:], run.gaps[1:]):
            if gap == "turn":
                groups.append([])
            groups[-1].append(tok)
        for toks in groups:
            start, end = toks[0].start, toks[-1].end
            digits = "".join(t.digits for t in toks)
            out.append(_Piece(n, _turn_of(ts, starts, start), start, end, digits, len(toks) > 1 or toks[0].spoken))
    return out


def _turn_of(ts: list[Turn], starts: list[int], at: int) -> int:
    """The turn that holds a position (`starts`: the turns' starts), or -1."""
    k = bisect_right(starts, at) - 1
    return k if k >= 0 and at < ts[k].end else -1


_GROUPS = re.compile(r"\d+")


def _shape(value: str) -> tuple[int, ...]:
    """How a written number is grouped: "20 18 44 7" is (2, 2, 2, 1); () for a spoken one."""
    return () if numbers.has_spoken_number(value) else tuple(len(g) for g in _GROUPS.findall(value))


def _between_sentences(text: str, a: tuple[int, int], b: tuple[int, int]) -> bool:
    """A sentence ends between the two spans."""
    first, second = sorted((a, b))
    return SENTENCE_END.search(text, first[1], max(first[1], second[0])) is not None


def _same_shape(text: str, ts: list[Turn], spans: list[Span]) -> list[Span]:
    """A written number grouped as a value found in the turn before or in the same sentence, six
    digits or more in two groups or more: the same kind of value ("Hans gamla kundnummer var 20 18
    44 7, och dödsboet får ett nytt: 20 91 33 0."); not a reference, nor a number of the next
    sentence ("388 140 ja Marianne Ek. Resan 610 253 till ...")."""
    out: list[Span] = []
    for k, turn in enumerate(ts):
        # the values of the turn before (True) and of this turn (False), grouped so
        near = [(e, s, t, True) for e, s, t in spans if k and ts[k - 1].start <= s < ts[k - 1].end]
        own = [(e, s, t, False) for e, s, t in spans if turn.start <= s < turn.end]
        grouped = [(e, s, t, sh, b) for e, s, t, b in near + own if len(sh := _shape(text[s:t])) >= 2 and sum(sh) >= 6]
        if not grouped:
            continue
        body = turn.body(text)
        for run in numbers.runs(body):
            start, end = turn.start + run.tokens[0].start, turn.start + run.tokens[-1].end
            shape = _shape(text[start:end])
            # the last value of its shape the number stands beside
            entity = next(
                (
                    e
                    for e, s, t, sh, before in reversed(grouped)
                    if sh == shape and (before or not _between_sentences(text, (s, t), (start, end)))
                ),
                None,
            )
            if (
                entity
                and _free(spans + out, start, end)
                and not _taken(text, start, end, run.digits)  # a reference too
            ):
                out.append((entity, start, end))
    return out


# A post town after a postnummer: a word, or two capitalised ("29780 Nerja", "sju åtta ett nio sex ornäs")
_TOWN = re.compile(
    r"[ ,]+((?-i:[A-ZÅÄÖ])[\w-]+(?:[ ](?-i:[A-ZÅÄÖ])[\w-]+)?|[a-zåäö][\w-]+)(?=[ ]*(?:[.,!?]|$))", re.I | re.M
)
# ... ending its clause, or before its postnummer ("källvägen två i alfta åttahundratjugotvå trettio",
# "Övre Husargatan 31 i Linnéstaden eh 413 14")
_IN_AFTER = re.compile(
    rf"[ ]+i[ ]+([^\W\d_]{{3,}}(?:-[^\W\d_]+)?)(?=[ ]*(?:[.,!?]|$)|(?:[ ]+(?:eh|öh),?)?[ ]+(?:\d|{numbers.SMALL_NUMBER_WORDS}))"
    # ... "utanför" it, whatever follows ("norrbyvägen tolv utanför öregrund det är en röd stuga"), or
    # capitalised after a comma, closing the phrase ("Tallstigen 8, Ösmo?"; not "Storgatan 12,
    # Stämmer det?", "Lindvägen 7, Kanon.")
    r"|[ ]+utanför[ ]+([^\W\d_]{3,}(?:-[^\W\d_]+)?)(?![\w-])"
    r"|,[ ]+((?-i:[A-ZÅÄÖ])[^\W\d_]{2,}(?:-[^\W\d_]+)?)(?=[ ]*(?:[.,!?]|$))",
    re.M | re.I,
)
# ... and said before it: "i gottsunda valthornsvägen 8 c", "Från Kallhäll, Tallstigen 8"
_IN_BEFORE = re.compile(r"(?<![\w-])(?i:i|från)[ ]+([^\W\d_]{3,}(?:-[^\W\d_]+)?),?[ ]+$")
_BETWEEN_NAME_AND_LINE = re.compile(r"[ ,]+((?-i:[A-ZÅÄÖ])[a-zåäö]{2,}(?:-[A-ZÅÄÖa-zåäö]+)?),?[ ]+$")
# Words that answer or name a shop, not a place: "Lindvägen 7, Kanon.", "Storgatan 3 utanför Willys"
_NOT_PLACES = frozenset(
    "kanon japp uppfattat toppen perfekt super exakt korrekt strålande utmärkt fint yes "
    "ica willys coop hemköp lidl biltema byggmax bauhaus jula ikea åhléns systembolaget apoteket "
    "elgiganten netonnet mediamarkt stadium intersport lindex kappahl rusta granit clas".split()
)
_TOWN_OPENS = re.compile(r"[ ]*(?:(?:ja|jo|okej|mm|aha)[,.!]?[ ]+)?((?-i:[A-ZÅÄÖ])[a-zåäö-]+)(?=[ ]*[.,!?])", re.I)


def _town_next(text: str, ts: list[Turn], end: int) -> tuple[int, int] | None:
    k = _turn_of(ts, [x.start for x in ts], end)
    if k < 0 or k + 1 >= len(ts) or ts[k + 1].label == ts[k].label or text[end : ts[k].end].strip(" .,!?"):
        return None
    nxt = ts[k + 1]
    m = _TOWN_OPENS.match(nxt.body(text))
    if m is None or m.group(1).casefold() not in one_word_towns():
        return None
    return nxt.start + m.start(1), nxt.start + m.end(1)


_IN_PLACE = re.compile(r"^[ ]*(?:(?:ja|jo|precis|stämmer),?[ ]+)?(?:i|på)[ ]+([\w-]{3,})(?=[ ]*(?:[.,!?]|$))", re.I)
# A postnummer confirmed after an address read back: "Gammelbyvägen 6, Årsunda." / "Stämmer. 811 94."
_SENTENCE_START = re.compile(r"(?:^|[.!?])[ ]*(?:(?:ja|jo|stämmer|precis|tack|och)[ ,.!]*)*$", re.IGNORECASE)


# A part of the building an address goes on with, that narrows it to a few homes: "Rackarbergsgatan
# 32, korridor 4, rum 11", "Tegelbruksvägen 3, uppgång C" (a floor or an entrance is left: callers
# say them to find the door, and the testers' calls keep them as ordinary words)
_BUILDING_PART = re.compile(
    rf"(?<![\w])(?:(?:trapp)?uppgång|korridor|rum)[ ]+(?:[A-Ha-h]|\d{{1,3}}|(?:{numbers.SMALL_NUMBER_WORDS})+)(?![\w])",
    re.IGNORECASE,
)
_PARTS_WITHIN = 80  # characters after the address, in its turn or the same speaker's next
# A house number opening the turn after a street said alone at a turn's end, a back-channel between:
# "sollentuna malmvägen" / "mm" / "femton b och jag tror postnumret är ..."
# (the number alone, with its letter, or before the flat: not "två saker till", "tio över nio", "ett ögonblick")
_HOUSE_NUMBER_OPENS = re.compile(
    rf"[ ]*(?:(?:eh|öh|ja|jo)[, ]+)*((?!(?:ett|en)\b)(?:\d{{1,3}}|(?:{numbers.SMALL_NUMBER_WORDS})+)(?:[ ]?[A-Ha-h](?![\w]))?)"
    r"(?=[ ]*(?:[,.!?]|$|lägenhet|lgh|och[ ]+(?:jag|postnumret|postnummer)))",
    re.IGNORECASE,
)
# ... after a back-channel between, not a question: "mm", "ja?", "och numret?" (not "hur många?")
_BACK_CHANNEL = re.compile(
    r"[ ]*(?:(?:mm+|mhm|ja|jaha|jo|okej|ok|aha|japp|och|sen|numret|nummer)[ ,.!?]*)+", re.IGNORECASE
)


def _a_place(word: str, line: str) -> bool:
    """A word that may name a place: no common word, country, number, shop, reply word or definite
    noun ("i källaren", "garaget"), unless a gazetteer has it ("Boden"); in lowercase only in a
    line with no capitals, where no name has one ("I korridor, ...")."""
    if word.casefold() in one_word_towns():
        return True
    return not (
        common_word(word)
        or ordinary_place_word(word)
        or word.lower() in _NOT_PLACES
        or numbers.parse_word(word.lower())
        or DEFINITE.match(word)
        or (word.islower() and not line.islower())
    )


def _building_parts(text: str, ts: list[Turn], start: int, end: int) -> list[tuple[int, int]]:
    """The parts of the building an address found at text[start:end] goes on with, in its turn
    or in its speaker's next turn after a back-channel ("..., korridor 4, rum 11", "Ja?" /
    "...uppgång B")."""
    k = _turn_of(ts, [x.start for x in ts], start)
    if k < 0:
        return []
    limit = min(ts[k].end, end + _PARTS_WITHIN)
    found = [m.span() for m in _BUILDING_PART.finditer(text, end, limit)]
    after = [x for x in ts[k + 1 : k + 3] if x.label == ts[k].label]
    if after and not found:  # "Ja?" / "...uppgång B, tredje våningen."
        found = [m.span() for m in _BUILDING_PART.finditer(text, after[0].start, after[0].end)]
    return found


def _house_number_next(text: str, ts: list[Turn], start: int, end: int) -> tuple[int, int] | None:
    """The house number of a street found at text[start:end] without one, ending its turn, said to
    open the next turn or the one after a back-channel ("malmvägen" / "mm" / "femton b")."""
    k = _turn_of(ts, [x.start for x in ts], start)
    if k < 0 or text[end : ts[k].end].strip(" ,.?!…"):
        return None
    later = ts[k + 1 : k + 3]
    if later and _BACK_CHANNEL.fullmatch(later[0].body(text)):
        later = later[1:]  # "mm", "ja?", "och numret?"
    elif later and later[0].label != ts[k].label:
        return None  # the other speaker said more than a back-channel: "Hur många?"
    m = _HOUSE_NUMBER_OPENS.match(text, later[0].start, later[0].end) if later else None
    if m is None or heuristics.QUANTITY_AFTER.match(text, m.end(1)):
        return None
    return m.span(1)


_NAMED_AS = re.compile(r"[ ,]*(?:är|var|blir)(?![\w])", re.IGNORECASE)


def _code_after(text: str, end: int) -> tuple[int, int] | None:
    """A postnummer's five digits said right after `end` in its line (a comma between at most), not
    an amount."""
    stop = text.find("\n", end)
    runs = numbers.runs(text[end : stop if stop >= 0 else len(text)])
    if not runs:
        return None
    start, stop = end + runs[0].tokens[0].start, end + runs[0].tokens[-1].end
    digits = runs[0].digits
    if text[end:start].strip(" ,") or len(digits) != 5 or not 10000 <= int(digits) <= 98999:
        return None
    if _NAMED_AS.match(text, stop):  # a number said to be something else: "48 216 är numret på den"
        return None
    return None if heuristics.quantity(text, start, stop, digits) else (start, stop)


def _after_addresses(text: str, ts: list[Turn], spans: list[Span]) -> list[Span]:
    """The letter after a house number found without it, the place said after a street line
    ("storbyvägen tolv i bjursås"), the post town after a postnummer found,
    the place an address read back lies in ("Ja, i Kovland."), and a postnummer given at a
    sentence's start after an address, in the turn before or earlier in the same turn (not a common
    word, not an amount)."""
    out: list[Span] = []
    for e, s, t in spans:
        if e == "SE_ADDRESS":
            out += [("SE_ADDRESS", *p) for p in _building_parts(text, ts, s, t) if _free(spans + out, *p)]
        # the house number of a street said alone, in the next turn
        if e == "SE_ADDRESS" and text[t - 1 : t].isalpha() and (number := _house_number_next(text, ts, s, t)):
            if _free(spans + out, *number):
                out.append((e, *number))
        # the letter after a house number found without it ("fjorton A", the number a slot's answer)
        if e == "SE_ADDRESS" and text[t - 1 : t].isalnum() and (letter := _with_letter(text, e, t)) > t:
            out.append((e, t, letter))
        # a postnummer said right after the address, and the town ending the clause after it
        # ("ängebäck tjugotre åtta fyra två nio tre hede", "skogsåsen 40 875 93")
        if e == "SE_ADDRESS" and (code := _code_after(text, t)) and _free(spans + out, *code):
            out.append(("SE_POSTAL_CODE", *code))
            town = _TOWN.match(text, code[1])
            if town and not ordinary_place_name(town.group(1)) and _free(spans + out, *town.span(1)):
                out.append(("LOCATION", *town.span(1)))
        # the place a street line lies in, said after it ("storbyvägen tolv i bjursås") or before it
        if e == "SE_ADDRESS" and text[t - 1 : t].isalnum() and not place_lines.coordinates(text[s:t]):
            end = text.find("\n", t)
            line = text[text.rfind("\n", 0, s) + 1 : end if end >= 0 else len(text)].split(":", 1)[-1]
            before = max(0, s - 40)
            # (or between a name and the street line, as a register reads a line out: "Ludvig Testsson
            # Dalsjöfors Kyrkvägen 2")
            named = _BETWEEN_NAME_AND_LINE.search(text[before:s])
            if named and not any(e2 == "PERSON" and t2 == before + named.start() for e2, _, t2 in spans):
                named = None
            for place, offset in (
                (_IN_AFTER.match(text, t), 0),
                (_IN_BEFORE.search(text[before:s]), before),
                (named, before),
            ):
                # each alternative captures the place in a group of its own: the one that matched
                at = (offset + place.start(place.lastindex), offset + place.end(place.lastindex)) if place else None
                if at and _a_place(text[at[0] : at[1]], line) and _free(spans + out, *at):
                    out.append(("LOCATION", *at))
        # the post town the other speaker names, opening the next turn, after a postnummer ending its
        # turn ("163 72." / "Spånga. Mm. Och ett telefonnummer?"): a town the gazetteer knows
        town = _town_next(text, ts, t) if e == "SE_POSTAL_CODE" else None
        if town and _free(spans + out, *town):
            out.append(("LOCATION", *town))
        m = _TOWN.match(text, t) if e == "SE_POSTAL_CODE" else None
        if m is None or ordinary_place_name(m.group(1)) or not _free(spans + out, m.start(1), m.end(1)):
            continue
        # in lowercase only where the transcript has no capitals ("Postnumret 431 37 stämmer?")
        line = text[text.rfind("\n", 0, t) + 1 : m.end()]
        if m.group(1)[0].isupper() or line.split(":", 1)[-1].islower():
            out.append(("LOCATION", m.start(1), m.end(1)))
    addresses = [s for e, s, _ in spans if e == "SE_ADDRESS"]
    for k, turn in enumerate(ts if addresses else ()):
        prev = ts[k - 1] if k and ts[k - 1].label != turn.label else None
        in_prev = prev is not None and any(prev.start <= s < prev.end for s in addresses)
        body = turn.body(text)
        # the place an address read back lies in: "Tallstigen 6?" / "Ja, i Kovland."
        place = _IN_PLACE.match(body) if in_prev else None
        if (
            place
            # an island's "på" too ("Gräddö byväg 45" / "ja på rådmansö"), in lowercase where the turn has no capitals
            and (place.group(1)[0].isupper() or body.islower())
            and _a_place(place.group(1), body)
            and _free(spans + out, *(turn.start + i for i in place.span(1)))
        ):
            out.append(("LOCATION", turn.start + place.start(1), turn.start + place.end(1)))
        for run in numbers.runs(body):
            start, end = turn.start + run.tokens[0].start, turn.start + run.tokens[-1].end
            # after an address in the turn before, or earlier in the same turn ("... Eskilstuna. 633 40.")
            if not (in_prev or any(turn.start <= s < start for s in addresses)):
                continue
            if (
                len(run.digits) == 5
                and 10000 <= int(run.digits) <= 98999
                and _SENTENCE_START.search(body, 0, run.tokens[0].start)
                and _free(spans + out, start, end)
                and not heuristics.quantity(text, start, end, run.digits)
            ):
                out.append(("SE_POSTAL_CODE", start, end))
    return out


# Months as callers name them in a birth date, in Swedish and in the languages of interpreted
# calls (English, Polish, Levantine Arabic, Somali, Tigrinya and Amharic as Latin letters write them)
_MONTHS = (
    *heuristics.MONTHS,
    *"january february june july august october".split(),
    *"styczeń stycznia luty lutego marzec marca kwiecień kwietnia czerwiec czerwca lipiec lipca sierpień sierpnia"
    " wrzesień września październik października listopad listopada grudzień grudnia".split(),
    *"kanun el-tani|kanun el-thani|kanun el-awwal|shubat|adar|nisan|ayyar|ayar|haziran|tammuz|aab|aylul|"
    "tishrin el-awwal|tishrin el-tani|tishrin el-thani".split("|"),
    *"jannaayo febraayo maarso abriil maajo juun luulyo agoosto sebtembar oktoobar noofembar diseembar".split(),
    *"jenuwari febuwari meskerem tikimt hidar tahsas tir yekatit megabit miyazya ginbot sene hamle nehase".split(),
)
# (with their letters and as the detection view folds them: "październik", "pazdziernik")
_MONTH_NAME = re.compile(
    rf"(?<![\w-])(?:{'|'.join(sorted({*_MONTHS, *map(fold_text, _MONTHS)}, key=len, reverse=True))})(?![\w-])",
    re.IGNORECASE,
)
# only punctuation, pauses and fillers between a month and the piece of the date beside it
_DATE_GAP = re.compile(r"[ ,.…]*(?:(?:eh|öh|ehm|mm)(?![\w])[ ,.…]*)*")
_MONTH_BEFORE = re.compile(rf"(?:{_MONTH_NAME.pattern})(?={_DATE_GAP.pattern}$)", re.IGNORECASE)


def months_beside(text: str, spans: list[Span]) -> list[Span]:
    """A month named right beside a piece of a personnummer or birth date, in the same turn,
    is part of that date ("2015 ... październik ... jedenaście ... 2384", "1989 ... jenuwari ...
    shewate"): the digits are found, the month would be left between them. Run after the learned
    tail (`Detector._echoed`)."""
    dates = [(s, t) for e, s, t in spans if e == "SE_PERSONNUMMER"]
    if not dates:
        return []
    out: list[Span] = []
    for s, t in dates:
        after = _MONTH_NAME.match(text, _DATE_GAP.match(text, t).end())
        before = _MONTH_BEFORE.search(text, max(0, s - 40), s)
        for m in (after, before):
            if m is not None and _free(spans + out, *m.span()):
                out.append(("SE_PERSONNUMMER", *m.span()))
    return out
