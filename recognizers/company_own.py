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
  the company's name or place ("Sveriges ambassad i Berlin, Jonatan.", "Umeå stadsförsamling").

Fail closed: a code whose digits could be a personnummer or a phone number is never a reference,
and what is found elsewhere in the call as personal data is still redacted everywhere (the
transform propagates every value found). Only turns labelled "Agent" count as the agent's: with
roles unknown ("Talare 1") "ring oss på" may be a family's number.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from recognizers import numbers
from recognizers.checksums import luhn_ok
from recognizers.dialogue_slots import turns

# The company's references: the word, then a few words of its own ("hos oss är", "för samtalet är").
_REFERENCE = re.compile(
    r"\b(?:ärende|boknings?|bokningen|referens|fynd|objekt|order|kreditnota|ocr|faktura|anmälan|polisanmälan|"
    r"anmälnings|ansökan|leverans|kvitto|retur|reklamation|skade|diarie|incident|ticket|kolli|sändning|spårning)"
    r"[a-zåäö]*(?:[ ,]+(?:nummer|numret|nr|är|blir|har|hos|oss|er|för[ ]+[a-zåäö]+|heter|då|alltså|eh|öh))*[ :,]+",
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
    r"kontor|kontoret|mottagning|verkstad|butik|butiken|salong|lokal|lokaler|adress|mejl|mejladress|e-post|"
    r"expedition|lager|konto)"
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


_WORD_START = re.compile(r"(?<!\S)\S")


@dataclass
class CompanyOwn:
    """The spans of one dialogue text the company says are its own."""

    text: str
    references: list[tuple[int, int]] = field(default_factory=list)
    agent_turns: list[tuple[int, int]] = field(default_factory=list)
    greeting: tuple[int, int] | None = None  # the agent's first turn up to the caller addressed

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
            for turn in dialogue:
                pos = turn.start
                while (w := _WORD_START.search(text, pos, turn.end)) is not None:
                    end, key = _code_end(text, w.start(), turn.end)
                    if len(key) >= MIN_KEY and key in keys:
                        self.references.append((w.start(), end))
                    pos = max(end, w.start() + 1)
        self.agent_turns = [(t.start, t.end) for t in dialogue if t.label.lower().startswith("agent")]
        if dialogue and dialogue[0].label.lower().startswith("agent"):
            first = dialogue[0]
            addressed = _ADDRESSED.search(text, first.start, first.end)
            self.greeting = (first.start, addressed.start() if addressed else first.end)

    def owns(self, entity_type: str, start: int, end: int) -> bool:
        """Whether the finding text[start:end] is the company's own."""
        if any(s <= start and end <= e for s, e in self.references):
            return True
        if entity_type in OWN_CONTACT_TYPES:
            turn = next((t for t in self.agent_turns if t[0] <= start < t[1]), None)
            if turn is not None and _OWN_BEFORE.search(self.text, max(turn[0], start - 80), start):
                return True
        g = self.greeting
        return entity_type == "LOCATION" and g is not None and g[0] <= start and end <= g[1]
