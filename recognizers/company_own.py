"""What the company says is its own in a call: its references and its contact details, which are
no personal data (the brief's hard negatives), however the model or a rule that reads context
took them.

- **A reference after its word**, spoken or written, at most four letters spelled before its
  digits: "ärendenummer hos oss är B E åtta nio ett nio noll", "Bokningsnumret är K B sex noll
  två", "fyndnummer F T J noll åtta åtta", "Ärendet heter RF-77013", "ordernumret är AO 5 5 2 1
  9" (its letters written together). The model reads the letters
  as a name ("T S K"), the learned tail or an answer to a question the digits as a secret. In a
  reference the agent gives, and its read-back whole at the start of one of the next two turns
  (the caller's "K B sex noll två, tack."), what the name model, the tail, the dialogue's
  questions and echoes found is dropped; in one the caller names, only the model's names ("Vad
  har du för kundnummer?" / "Referensen är 558812" is an answer). A value a validating recognizer
  finds (a personnummer, a phone or card number, an account, a plate, a postnummer) stays.
- **The company's own contact in the agent's turn**, right after the words that make it the
  company's: "ring oss på 08-411 22 30", "vi ligger på Kungsgatan 48", "till vårt bankgiro
  5050-1055", "vårt kontor ligger på Stora Gatan 32", "hämta den på kontoret på ...", and the
  postcode and town after such a street line in its sentence ("vårt kontor på 480 Queen Street
  East, Toronto, postkoden är M5A 1T7"). Not in a
  sentence that asks something or speaks of someone's own ("din", "hos", "bor", "hemma": "Jobbar
  du på kontoret på ...?"), not in a turn that reads out or repeats ("I annonsen står det ring
  oss på ...", "Du sa ..."), never a mobile number (a small firm's mobile is its owner's), and an
  e-mail address only a role's ("info@", "kundtjanst@").
- **A role's mailbox at an organisation's domain**, wherever it stands and whoever says it, written
  or spoken: "skador@trygghem.se", "info snabel-a norrekonomi punkt se" (a caller's firm's too); not
  at a mail provider ("info@gmail.com" is someone's), nor at a domain that opens with a first name
  or a surname ("faktura@lindbergsredovisning.se" may be a sole trader's).
- **A service number**, wherever it stands and whoever says it: a valid 020, 0771, 0900, 0939
  or 0944 number (free, shared-cost and premium numbers are companies', never a subscriber's),
  written or spoken, grouped as one ("0771-22 33 00", not a meter's "09-448120"), taken as a
  phone number, an account or by the learned tail ("Ring Försäkringskassan på 0771-524 524");
  never what was taken as a personnummer, a customer, contract or member number, an ID or a code
  (their formats are the company's: "Vad är ditt kundnummer?" / "0900 1187 34"), nor digits that
  hold a date and a Luhn check.
- **A town in the company's name**, in the first clause of the agent's first turn, before the
  agent's name or a greeting: "Sveriges ambassad i Berlin, Jonatan.", "Husby församling, hej,
  Johan här."; not in an outbound call's first words ("Villan i Täby, hej, det är Stefan från
  Mäklarhuset."), nor a town that is also a first name ("trafikkontoret, Nora." may be the agent).

Fail closed: a code that holds what could be a personnummer or a phone number is no reference, and
what the company calls its own stays redacted when its digits hold a value found as personal data
elsewhere in the call. Only turns labelled "Agent" count as the agent's: with roles unknown
("Talare 1") "ring oss på" may be a family's number. Two attacks shaped these limits
(docs/usefulness.md, tests/recognizers/test_company_own.py).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from typing import Protocol, TypeVar

from recognizers import email, numbers, phone
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
    rf"|{_STEM}){_SAID}[ :]+",
    re.IGNORECASE,
)
# One piece of a code: a capital letter alone, a written code ("RF-77013", "K56"), digits, a word
# (a number word goes on, another word ends the code).
_TOKEN = re.compile(r"[A-ZÅÄÖ](?![\wåäö])|[A-ZÅÄÖ0-9]+(?:[-/][A-ZÅÄÖ0-9]+)*(?![\wåäö])|[a-zåäöA-ZÅÄÖ]+|\S")
# Between a code's pieces: spaces, a hyphen, its spoken names. A comma ends the code: "Ärende 5,
# 199103192390" is a reference and then another number.
_SEPARATOR = re.compile(r"(?:[ ](?:bindestreck|streck|snedstreck)(?=[ ])|[ ]|-)+", re.IGNORECASE)
# A code read back: at the start of its turn, after a word of assent at most ("Ja, K B sex noll två").
_READ_BACK = re.compile(r"(?:(?:ja|jo|okej|tack|precis|så)[,.!]?[ ]+)?", re.IGNORECASE)
# Letters and digits a code read back must have: a letter in it, or this many digits.
MIN_READ_BACK_DIGITS = 6
READ_BACK_TURNS = 2
# What may be dropped inside a reference: what the model, the tail, the dialogue's questions and
# echoes took there, never what a validating recognizer found.
INFERRED = frozenset({"SpacyRecognizer", "KlangTail", "KlangDialogueSlotRecognizer", "KlangEchoes"})
NAMES_INFERRED = frozenset({"SpacyRecognizer"})
# An agent's turn that speaks of the caller's own numbers makes no reference of them.
_THE_CALLERS = re.compile(r"medlems|kundnum|personnum|avtalsnum|födelse|clearing|kontonum", re.IGNORECASE)
# A spelled word in a code is a name: "bokningsnummer N Y Q V I S T sju"
MAX_LETTERS = 4

# The agent's words that make the value right after them the company's own.
_OWN_NOUN = (
    r"(?:nya |gamla )?(?:(?:telefon|växel|fax|jour|swish|bankgiro|plusgiro|organisations|org)?(?:nummer|numret)|"
    r"växel|växeln|jour|kundtjänst|reception|receptionen|bankgiro|bankgirot|plusgiro|plusgirot|huvudkontor|"
    r"kontor|kontoret|mottagning|verkstad|butik|butiken|salong|lokal|lokaler|expedition|lager)"
)
_OWN_BEFORE = re.compile(
    rf"(?:\b(?:ring|nå|når|kontakta|mejla|maila)[ ]+(?:oss|vår[ta]?[ ]+{_OWN_NOUN})[ ]+(?:igen[ ]+)?"
    r"(?:direkt[ ]+)?(?:på[ ]+|via[ ]+)?"
    r"|\bhittar[ ]+oss[ ]+på[ ]+"
    r"|\bvi[ ]+(?:ligger|finns|håller[ ]+till)[ ]+(?:(?:ju|nu|fortfarande|numera)[ ]+)*på[ ]+"
    # an office the caller is sent to: "hämta den på kontoret på ...", "Hittegodset finns på ..."
    r"|\b(?:hämta|hämtar|lämna|lämnar|besöka|besöker)[ ]+(?:\w+[ ]+){0,2}?på[ ]+(?:kontoret|servicekontoret|"
    r"förarprovskontoret|expeditionen|passexpeditionen|mottagningen|receptionen|kundcentret|kundcenter)[ ]+på[ ]+"
    r"|\b(?:kontoret|servicekontoret|expeditionen|passexpeditionen|mottagningen|kundcentret|hittegodset)[ ]+"
    r"(?:ligger|finns)[ ]+på[ ]+"
    rf"|\bvår[ta]?[ ]+{_OWN_NOUN}[ ]+(?:(?:är|blir)[ ]+)?(?:(?:ligger|finns)[ ]+)?(?:på[ ]+)?"
    r"|\bvår[ta]?[ ]+(?:organisationsnummer|bankgiro|plusgiro)[,:][ ]+"
    r"|\b(?:numret|telefonnumret|adressen|bankgirot)[ ]+till[ ]+oss[ ]+(?:är[ ]+)?)$",
    re.IGNORECASE,
)
OWN_ADDRESS_REST = 60  # characters from the company's street line to its postcode or town
OWN_CONTACT_TYPES = frozenset(
    {"PHONE_NUMBER", "EMAIL_ADDRESS", "SE_ADDRESS", "SE_BANKGIRO", "SE_PLUSGIRO", "SE_ORGANISATIONSNUMMER"}
)
# A sentence about the caller's or someone's own, or one that asks: its values are not the company's.
_SOMEONES = re.compile(
    r"\?|\b(?:din|ditt|dina|er|ert|era|min|mitt|mina|hans|hennes|deras|dig|sin|sitt|sina|honom|hos|bor|bodde|hem|"
    r"hemma|jobbar|arbetar|privat|privata)\b",
    re.IGNORECASE,
)
# A turn that reads out or repeats what someone wrote or said: "I annonsen står det ring oss på
# ...", "Du sa ring oss på ..." (the whole turn: "Jag läser upp annonsen. Vi finns på ...")
_QUOTING = re.compile(
    r"\b(?:skrev|skriver|skrivit|står|stod|annons\w*|formulär\w*|anmälan|meddelande\w*|läser[ ]+upp|sa|sade|säger)\b",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"[.!?](?:[ ]|$)")
# The first clause of the call: up to its first comma or full stop, and a few words ...
_FIRST_CLAUSE = re.compile(r"[^,.!?\n]{1,60}")
# ... with no pronoun, verb or number before the town: "Vi har Storgatan 5 i Gnesta", "Skadan
# inträffade i Mora", "jag söker Lars Berg i Sigtuna" name someone's place
_NOT_A_NAME_CLAUSE = re.compile(
    r"\d|\b(?:det|jag|vi|du|ni|han|hon|de|söker|ringer|angående|gäller|hos|bor|till|har|hade|var|är|blev|"
    r"inträffade|flyttade|står|finns|ligger|kommer|från)\b",
    re.IGNORECASE,
)
# ... and a greeting after it: the agent's name, "hej", "du pratar med ...": "Däckcentralen i Växjö,
# Dragan.", "Husby församling, hej, Johan här.", "djurkliniken i växjö hej det är malin"
_GREETING_AFTER = re.compile(
    r"[ ,]+(?:[^,.!?\n]{1,40},[ ]+)?(?:hej\b|hallå\b|god[ ]+(?:morgon|dag|middag|eftermiddag|kväll)|välkommen|"
    r"du[ ]+(?:pratar|talar)[ ]+med\b|det[ ]+är[ ]+\w+|jag[ ]+heter\b|(?:[A-ZÅÄÖ][a-zåäö-]+|[a-zåäö]+[ ]+här)[ ]*(?:[.!]|$))",
)
# ... in a turn that says nothing of anyone's own and asks nothing ("Ert hus i Ystad, hej, ...",
# "Anhörig i Köping, hej. Det gäller din pappa.")
_NOT_A_GREETING = re.compile(
    r"\?|\b(?:dig|din|ditt|dina|er|ert|era|ni|hans|hennes|deras|söker|ringer|från|angående|gäller|bor|bott)\b",
    re.IGNORECASE,
)
_AGENT_NAMED = re.compile(r"\bdu[ ]+(?:pratar|talar)[ ]+med\b", re.IGNORECASE)
# An e-mail address the company gives as its own is a role's, not a person's: "info@", "kundtjanst@"
_ROLES = (
    r"info|kundtjanst|kundtjänst|kundservice|support|order|faktura|fakturor|bokning|bokningar|kontakt|"
    r"reception|receptionen|registrator|ekonomi|skador|skada|skadeanmalan|ersattning|anmalan|intyg|kansli|"
    r"expedition|service|noreply|no-reply|medlem|dodsbo|reklamation|styrelsen|avbokning|bestrid|bestridande|"
    r"deklaration|parkering|antagning|skolskjuts|studentexpeditionen"
)
_ROLE_MAILBOX = re.compile(rf"(?:{_ROLES})(?:@|[ ]+snabel-a\b)", re.IGNORECASE)
_ROLE_ADDRESS = re.compile(rf"(?:{_ROLES})@(?P<domain>[\w-]+)\.[\w.-]+", re.IGNORECASE)
# ... wherever it stands, at an organisation's own domain: not a mail provider's ("info@gmail.com" is
# someone's), nor a domain that opens with a person's name ("faktura@lindbergsredovisning.se")
_MAIL_PROVIDERS = frozenset(
    "gmail hotmail outlook live msn yahoo icloud me mac telia bredband spray comhem proton protonmail pm gmx aol "
    "mail post tele2 bahnhof".split()
)


class _Finding(Protocol):
    entity_type: str
    start: int
    end: int
    recognizer: str


F = TypeVar("F", bound=_Finding)
_MAX_COMPARISONS = 100_000


def _code(text: str, start: int, limit: int) -> tuple[int, str, bool]:
    """A code starting at `start`: where its run of pieces ends, its key (its letters and digits
    in order: "K B sex noll två" -> "KB602"), and whether it is one (a digit in it, three
    characters at least). The run's end is given either way, so a scan can skip the run whole."""
    pos, end, key, digits, letters = start, start, [], 0, 0
    while pos < limit:
        m = _TOKEN.match(text, pos, limit)
        if m is None:
            break
        token = m.group()
        if len(token) == 1 and token.isupper():
            if digits or letters == MAX_LETTERS:  # another word: "Ordernummer 55 B E R G", "N Y Q V I S T"
                return start, "", False
            letters += 1
            key.append(token)
        elif token.isalpha() and token.isupper() and not key and len(token) <= MAX_LETTERS:
            letters += len(token)  # its letters written together first: "AO 5 5 2 1 9", read back "AO 55219"
            key.append(token)
        elif token[0].isupper() and any(c.isdigit() for c in token) or token.isdigit():
            key.append(re.sub(r"[-/]", "", token))
            digits += sum(c.isdigit() for c in token)
        elif token.isalpha() and numbers.parse_word(token.lower()) is not None:
            said = numbers.number_digits(token)
            key.append(said)
            digits += len(said)
        else:
            break
        end = m.end()
        sep = _SEPARATOR.match(text, end, limit)
        pos = sep.end() if sep else end
    joined = "".join(key)
    return end, joined, bool(digits) and len(joined) >= 3


def _holds_personnummer(digits: str) -> bool:
    """Ten digits in a row with a month and a Luhn check: what could be a personnummer."""
    return any(1 <= int(digits[i + 2 : i + 4]) <= 12 and luhn_ok(digits[i : i + 10]) for i in range(len(digits) - 9))


def _could_be_personal(text: str, key: str) -> bool:
    """A code that holds what could be a personnummer (ten or twelve digits, a date, Luhn) or a
    phone number (a group of eight digits or more from a zero, or the code's digits so) stays
    personal data."""
    digits = re.sub(r"\D", "", key)
    if _holds_personnummer(digits):
        return True
    groups = [*re.findall(r"\d+", text), *(re.sub(r"\D", "", g) for g in re.findall(r"\d[\d ]*\d", text)), digits]
    return any(g.startswith("0") and len(g) >= 8 for g in groups) or digits.startswith(("46", "0046"))


_SERVICE_PREFIXES = ("020", "0771", "0900", "0939", "0944")
# Numbers whose digits may be a service number's by chance: a personnummer may start "020", and a
# customer, contract or member number has the company's own format ("Vad är ditt kundnummer?" /
# "0900 1187 34").
ASKED_TYPES = frozenset({"SE_PERSONNUMMER", "CUSTOMER_NUMBER", "ID_NUMBER", "ACCESS_CODE"})
# where a number's first group ends: a hyphen, a comma or a slash written or said
_GROUP_END = re.compile(r"[-,/]|\b(?:bindestreck|streck)\b", re.IGNORECASE)


def _role_address(said: str) -> bool:
    """A role's mailbox at an organisation's own domain, written or spoken ("skador snabel-a
    trygghem punkt se"): no one's name is in it."""
    m = _ROLE_ADDRESS.fullmatch(email.written_form(said))
    if m is None:
        return False
    domain = m.group("domain").lower()
    names = shipped_lexicon()
    opens_with_name = any({"first", "surname"} & names.get(domain[:n], set()) for n in range(4, len(domain) + 1))
    return domain not in _MAIL_PROVIDERS and not opens_with_name


def _service_number(text: str) -> bool:
    """A service number grouped as one: its prefix whole in the first group ("0771-22 33 00"),
    not a meter's "09-448120" whose digits only happen to start so."""
    digits = numbers.number_digits(text)
    cut = _GROUP_END.search(text)
    head = numbers.number_digits(text[: cut.start()]) if cut else digits
    return (
        any(digits.startswith(p) and len(head) >= len(p) for p in _SERVICE_PREFIXES)
        and phone.is_service_number(digits)
        and not _holds_personnummer(digits)
    )


@dataclass
class CompanyOwn:
    """The spans of one dialogue text the company says are its own."""

    text: str
    references: list[tuple[int, int]] = field(default_factory=list)
    agent_turns: list[tuple[int, int]] = field(default_factory=list)
    greeting: tuple[int, int] | None = None  # the first clause of the agent's first turn
    # the references the agent gives and their read-backs, and those the caller names (in which
    # only the model's names are dropped: "Referensen är 558812" may answer "Vad har du för kundnummer?")
    _given: list[tuple[int, int]] = field(default_factory=list, repr=False)
    _named: list[tuple[int, int]] = field(default_factory=list, repr=False)
    _agent_starts: list[int] = field(default_factory=list, repr=False)

    def __post_init__(self) -> None:
        text, keys = self.text, {}  # key -> the turn that gave it
        dialogue = turns(text)
        given: list[tuple[int, int]] = []
        for k, turn in enumerate(dialogue):
            agent = turn.label.lower().startswith("agent")
            if agent and _THE_CALLERS.search(text, turn.start, turn.end):
                continue  # "Ange medlemsnumret som referens, referens 778812."
            for m in _REFERENCE.finditer(text, turn.start, turn.end):
                end, key, is_code = _code(text, m.end(), turn.end)
                if is_code and not _could_be_personal(text[m.end() : end], key):
                    self.references.append((m.end(), end))
                    (given if agent else self._named).append((m.end(), end))
                    if agent:
                        keys[key] = k
        readable_back = {k for k in keys if re.search(r"[A-ZÅÄÖ]", k) or len(k) >= MIN_READ_BACK_DIGITS}
        for k, turn in enumerate(dialogue) if readable_back else ():  # read back at the start of a turn
            at = _READ_BACK.match(text, turn.start, turn.end)
            start = at.end() if at else turn.start
            end, key, _ = _code(text, start, turn.end)
            # ... of one of the next two turns: later, the same digits answer another question
            if key in readable_back and 0 < k - keys[key] <= READ_BACK_TURNS:
                self.references.append((start, end))
                given.append((start, end))
        self._given, self._named = _merge(given), _merge(self._named)
        self.agent_turns = [(t.start, t.end) for t in dialogue if t.label.lower().startswith("agent")]
        self._agent_starts = [s for s, _ in self.agent_turns]
        if dialogue and dialogue[0].label.lower().startswith("agent"):
            first = _FIRST_CLAUSE.match(text, dialogue[0].start, dialogue[0].end)
            if first is not None:
                self.greeting = first.span()

    def _owner(self, f: _Finding) -> tuple[int, int] | None:
        """The span that makes the finding the company's own: its reference, or the finding."""
        start, end = f.start, f.end
        for merged, recognizers in ((self._given, INFERRED), (self._named, NAMES_INFERRED)):
            k = bisect_right(merged, (start, float("inf"))) - 1
            if k >= 0 and merged[k][0] <= start and end <= merged[k][1] and f.recognizer in recognizers:
                return merged[k]
        if f.entity_type in OWN_CONTACT_TYPES and self._own_contact(f):
            return (start, end)
        if f.entity_type == "EMAIL_ADDRESS" and _role_address(self.text[start:end]):
            return (start, end)
        if f.entity_type not in ASKED_TYPES and _service_number(self.text[start:end]):
            return (start, end)
        g = self.greeting
        if f.entity_type != "LOCATION" or g is None or not (g[0] <= start and end <= g[1]):
            return None
        clause = self.text[g[0] : start]
        if _NOT_A_NAME_CLAUSE.search(clause) or len(clause.split()) > 5:
            return None
        turn_end = self.text.find("\n", end)
        rest = self.text[end : len(self.text) if turn_end < 0 else turn_end]
        if not _GREETING_AFTER.match(rest) or _NOT_A_GREETING.search(
            _AGENT_NAMED.sub("", self.text[g[0] : end] + rest)
        ):
            return None
        # a town that is also a first name may be the agent's ("trafikkontoret, Nora.")
        return None if "first" in shipped_lexicon().get(self.text[start:end].lower(), ()) else (start, end)

    def _own_contact(self, f: _Finding) -> bool:
        k = bisect_right(self._agent_starts, f.start) - 1
        turn = self.agent_turns[k] if k >= 0 else None
        if turn is None or f.start >= turn[1]:
            return False
        if f.entity_type == "PHONE_NUMBER" and numbers.number_digits(self.text[f.start : f.end]).startswith(
            ("07", "467", "4607", "00467", "004607")
        ):
            return False  # a mobile is a person's, a small firm's owner's
        if f.entity_type == "EMAIL_ADDRESS" and not _ROLE_MAILBOX.match(self.text, f.start, f.end):
            return False  # "Kontakta oss via anna.berg@..." gives a person's address
        if not _OWN_BEFORE.search(self.text, max(turn[0], f.start - 80), f.start):
            return False
        starts = [m.end() for m in _SENTENCE_END.finditer(self.text, turn[0], f.start)]
        after = _SENTENCE_END.search(self.text, f.end, turn[1])
        sentence = self.text[starts[-1] if starts else turn[0] : after.end() if after else turn[1]]
        return _SOMEONES.search(sentence) is None and _QUOTING.search(self.text, turn[0], turn[1]) is None

    def without_own(self, found: list[F]) -> list[F]:
        """The findings that are not the company's own. Fail closed: what the company says is its
        own stays redacted when its digits hold a value found as personal data elsewhere in the
        call (an OCR number that holds the caller's customer number: the transform would find the
        number again inside it), and a town in the greeting when a name stands before it there."""
        owners = [self._owner(f) for f in found]
        if not any(owners):
            return found
        owners = self._rest_of_own_addresses(found, owners)
        personal = {
            d
            for f, o in zip(found, owners)
            if o is None and len(d := numbers.number_digits(self.text[f.start : f.end])) >= 4
        }
        digits = {o: numbers.number_digits(self.text[o[0] : o[1]]) for o in owners if o is not None}
        if len(personal) * len(digits) > _MAX_COMPARISONS:
            return found  # too many to compare: nothing is taken for the company's
        shared = {o for o, d in digits.items() if any(p in d for p in personal)}
        g = self.greeting
        named_first = g is not None and any(
            f.entity_type == "PERSON" and g[0] <= f.start < g[1] and o is None for f, o in zip(found, owners)
        )
        return [
            f
            for f, o in zip(found, owners)
            if o is None or o in shared or (named_first and f.entity_type == "LOCATION" and o == (f.start, f.end))
        ]

    def _rest_of_own_addresses(
        self, found: list[F], owners: list[tuple[int, int] | None]
    ) -> list[tuple[int, int] | None]:
        """The postcode and town after the company's own street line, in its sentence ("vårt kontor
        på 480 Queen Street East, Toronto, postkoden är M5A 1T7"), are its own too."""
        lines = [f.end for f, o in zip(found, owners) if o == (f.start, f.end) and f.entity_type == "SE_ADDRESS"]
        if not lines:
            return owners
        return [
            (f.start, f.end)
            if o is None
            and f.entity_type in ("SE_POSTAL_CODE", "LOCATION")
            and any(
                0 <= f.start - end <= OWN_ADDRESS_REST
                and not _SENTENCE_END.search(self.text, end, f.start)
                and not _SOMEONES.search(self.text, end, f.start)
                for end in lines
            )
            else o
            for f, o in zip(found, owners)
        ]


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for s, e in sorted(spans):
        if out and s <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return out
