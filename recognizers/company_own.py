"""What the company says is its own in a call: its references and its contact details, which are
no personal data (the brief's hard negatives), however a recognizer or the model read them.

- **A reference after its word**, spoken or written, letters spelled before its digits:
  "ärendenummer hos oss är B E åtta nio ett nio noll", "Bokningsnumret är K B sex noll två",
  "fyndnummer F T J noll åtta åtta", "Ärendet heter RF-77013". The letters read as a name ("T S K")
  and the digits as a secret or a phone number otherwise. The same code said again in the call
  (the caller's "K B sex noll två, tack.") is the same reference.
- **The company's own contact in the agent's turn**, right after the words that make it the
  company's: "ring oss på 08-411 22 30", "vi ligger på Kungsgatan 48", "till vårt bankgiro
  5050-1055", "vårt kontor ligger på Stora Gatan 32", "numret till oss är ...".
- **A town in the agent's first turn**, said before the caller is addressed or asked anything:
  the company's name or place ("Sveriges ambassad i Berlin, Jonatan.", "Umeå stadsförsamling");
  not a town that is also a first name ("trafikkontoret, Nora." may be the agent).

Fail closed: a code whose digits could be a personnummer or a phone number is never a reference,
and what is found elsewhere in the call as personal data is still redacted everywhere (the
transform propagates every value found). Only turns labelled "Agent" count as the agent's: with
roles unknown ("Talare 1") "ring oss på" may be a family's number.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from typing import Protocol, TypeVar

from recognizers import numbers
from recognizers.checksums import luhn_ok
from recognizers.dialogue_slots import turns
from recognizers.lexicon import shipped_lexicon

# The company's references, named: "ärendenummer (hos oss är)", "Bokningsnumret är", "fyndnummer",
# "Ärendet heter", "Ansökan har nummer", "Kreditnota", "OCR"; not "det står på fakturan, ..." (where
# a number is written, not what it is) nor "objektnummer" (a flat's number names its tenant).
_STEM = (
    r"(?:ärende|boknings?|referens|fynd|order|kreditnota|ocr|faktura|[a-zåäö]*anmälan|anmälnings|ansökan|"
    r"leverans|kvitto|retur|reklamation|skade|diarie|incident|ticket|kolli|sändning|spårning)"
)
_SAID = r"(?:[ ,]+(?:hos[ ]+oss|för[ ]+[a-zåäö]+))?"  # "ärendenummer hos oss", "referensnummer för samtalet"
_REFERENCE = re.compile(
    r"(?<!\bpå )(?<!\bi )(?<!\bfrån )(?<!\bav )\b"
    rf"(?:{_STEM}-?s?(?:nummer|numret|numren|nr){_SAID}(?:[ ,]+(?:är|blir|heter))?"
    rf"|{_STEM}(?:en|et|n|t)?{_SAID}[ ,]+(?:är|blir|heter|(?:har|med)[ ]+nummer)(?:[ ]+nummer)?"
    rf"|{_STEM}){_SAID}[ :,]+",
    re.IGNORECASE,
)
# One piece of a code: a capital letter alone, a written code ("RF-77013", "K56"), digits, a number word.
_TOKEN = re.compile(
    r"[A-ZÅÄÖ](?![\wåäö])|[A-ZÅÄÖ0-9]+(?:[-/][A-ZÅÄÖ0-9]+)*(?![\wåäö])|[a-zåäöA-ZÅÄÖ]+|\S",
)
_SEPARATOR = re.compile(r"(?:[ ,]|-|bindestreck|streck|snedstreck)+", re.IGNORECASE)
MIN_KEY = 4  # letters and digits of a code said again; shorter ones are too common to match

# The agent's words that make the value right after them the company's own.
_OWN_NOUN = (
    r"(?:nya |gamla )?[a-zåäö\-]*(?:nummer|numret|växel|växeln|jour|kundtjänst|reception|receptionen|giro|girot|"
    r"kontor|kontoret|mottagning|verkstad|butik|butiken|salong|lokal|lokaler|expedition|lager|konto)"
)
_OWN_BEFORE = re.compile(
    r"(?:\b(?:ring|nå|når|kontakta|mejla|maila|hittar|besök|sms:a)[ ]+(?:oss|vår[ ]+\w+)[ ]+(?:igen[ ]+)?"
    r"(?:direkt[ ]+)?(?:på[ ]+|via[ ]+)?"
    r"|\bvi[ ]+(?:ligger|finns|sitter|håller[ ]+till)[ ]+(?:(?:ju|nu|fortfarande|numera)[ ]+)*på[ ]+"
    r"|\b[a-zåäö]*(?:kontoret|expeditionen|mottagningen|receptionen|butiken|salongen|verkstaden|lagret|kundcentret|"
    r"kundcenter|hittegodset)[ ]+(?:(?:ligger|finns)[ ]+)?på[ ]+"
    rf"|\bvår[ta]?[ ]+{_OWN_NOUN}[ ]+(?:(?:är|har|blir)[ ]+)?(?:(?:ligger|finns)[ ]+)?(?:på[ ]+)?"
    rf"|\bvår[ta]?[ ]+{_OWN_NOUN}[ ,:]+"
    r"|\b(?:numret|telefonnumret|adressen|mejlen|e-posten|bankgirot)[ ]+till[ ]+oss[ ]+(?:är[ ]+)?)$",
    re.IGNORECASE,
)
OWN_CONTACT_TYPES = frozenset(
    {"PHONE_NUMBER", "EMAIL_ADDRESS", "SE_ADDRESS", "SE_BANKGIRO", "SE_PLUSGIRO", "SE_ORGANISATIONSNUMMER"}
)
_ADDRESSED = re.compile(r"\b(?:du|dig|din|ditt|dina|ni|er|ert|era)\b|\?", re.IGNORECASE)


def _is_number_word(word: str) -> bool:
    return numbers.parse_word(word.lower()) is not None


def _code_end(text: str, start: int, limit: int) -> tuple[int, str]:
    """Where a code starting at `start` ends (pieces joined by separators), and its key: its
    letters and digits in order ("K B sex noll två" -> "KB602"). (start, "") when none starts."""
    pos, end, key, digits = start, start, [], 0
    while pos < limit:
        m = _TOKEN.match(text, pos, limit)
        if m is None:
            break
        token = m.group()
        if len(token) == 1 and token.isupper():
            key.append(token)
        elif token[0].isupper() and any(c.isdigit() for c in token) or token.isdigit():
            key.append(re.sub(r"[-/]", "", token))
            digits += sum(c.isdigit() for c in token)
        elif token.isalpha() and _is_number_word(token):
            said = numbers.number_digits(token)
            key.append(said)
            digits += len(said)
        else:
            break
        end = m.end()
        sep = _SEPARATOR.match(text, end, limit)
        pos = sep.end() if sep else end
    joined = "".join(key)
    return (end, joined) if digits and len(joined) >= 3 else (start, "")


def _could_be_personal(key: str) -> bool:
    """A code whose digits could be a personnummer or a phone number stays personal data."""
    digits = re.sub(r"\D", "", key)
    if len(digits) in (10, 12) and luhn_ok(digits[-10:]):
        return True
    return digits.startswith(("07", "46", "00")) and len(digits) >= 9


_MAX_COMPARISONS = 100_000


class _Finding(Protocol):
    entity_type: str
    start: int
    end: int


F = TypeVar("F", bound=_Finding)


_WORD_START = re.compile(r"(?<!\S)\S")


@dataclass
class CompanyOwn:
    """The spans of one dialogue text the company says are its own."""

    text: str
    references: list[tuple[int, int]] = field(default_factory=list)
    agent_turns: list[tuple[int, int]] = field(default_factory=list)
    greeting: tuple[int, int] | None = None  # the agent's first turn up to the caller addressed
    _merged: list[tuple[int, int]] = field(default_factory=list, repr=False)
    _agent_starts: list[int] = field(default_factory=list, repr=False)

    def __post_init__(self) -> None:
        text, keys = self.text, set()
        dialogue = turns(text)
        for turn in dialogue:
            for m in _REFERENCE.finditer(text, turn.start, turn.end):
                end, key = _code_end(text, m.end(), turn.end)
                if key and not _could_be_personal(key):
                    self.references.append((m.end(), end))
                    keys.add(key)
        if keys:  # the same code said again, anywhere in the call
            seen = set(self.references)
            for turn in dialogue:
                pos = turn.start
                while (w := _WORD_START.search(text, pos, turn.end)) is not None:
                    end, key = _code_end(text, w.start(), turn.end)
                    if len(key) >= MIN_KEY and key in keys and (w.start(), end) not in seen:
                        self.references.append((w.start(), end))
                    pos = max(end, w.start() + 1)
        self._merged = _merge(self.references)
        self.agent_turns = [(t.start, t.end) for t in dialogue if t.label.lower().startswith("agent")]
        self._agent_starts = [s for s, _ in self.agent_turns]
        if dialogue and dialogue[0].label.lower().startswith("agent"):
            first = dialogue[0]
            addressed = _ADDRESSED.search(text, first.start, first.end)
            self.greeting = (first.start, addressed.start() if addressed else first.end)

    def owns(self, entity_type: str, start: int, end: int) -> bool:
        """Whether the finding text[start:end] is the company's own."""
        return self._owner(entity_type, start, end) is not None

    def _owner(self, entity_type: str, start: int, end: int) -> tuple[int, int] | None:
        """The span that makes the finding the company's own: its reference, or the finding."""
        k = bisect_right(self._merged, (start, float("inf"))) - 1
        if k >= 0 and self._merged[k][0] <= start and end <= self._merged[k][1]:
            return self._merged[k]
        if entity_type in OWN_CONTACT_TYPES:
            k = bisect_right(self._agent_starts, start) - 1
            turn = self.agent_turns[k] if k >= 0 else None
            if turn is not None and start < turn[1] and _OWN_BEFORE.search(self.text, max(turn[0], start - 80), start):
                return (start, end)
        g = self.greeting
        if entity_type != "LOCATION" or g is None or not (g[0] <= start and end <= g[1]):
            return None
        # a town that is also a first name may be the agent's ("trafikkontoret, Nora.")
        return None if "first" in shipped_lexicon().get(self.text[start:end].lower(), ()) else (start, end)

    def without_own(self, found: list[F]) -> list[F]:
        """The findings that are not the company's own. Fail closed: what the company says is its
        own stays redacted when its digits hold a value found as personal data elsewhere in the
        call (an OCR number that holds the caller's customer number: the transform would find the
        number again inside it)."""
        owners = [self._owner(f.entity_type, f.start, f.end) for f in found]
        if not any(owners):
            return found
        personal = {
            d
            for f, o in zip(found, owners)
            if o is None and len(d := numbers.number_digits(self.text[f.start : f.end])) >= 4
        }
        digits = {o: numbers.number_digits(self.text[o[0] : o[1]]) for o in owners if o is not None}
        if len(personal) * len(digits) > _MAX_COMPARISONS:
            return found  # too many to compare: nothing is taken for the company's
        shared = {o for o, d in digits.items() if any(p in d for p in personal)}
        return [f for f, o in zip(found, owners) if o is None or o in shared]


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for s, e in sorted(spans):
        if out and s <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return out
