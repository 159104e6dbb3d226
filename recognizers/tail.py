"""The learned tail: what no rule names, read from the dialogue by a trained model.

The rules find what they describe. What stays readable in the labelled calls is a long tail of
one-off kinds: a code read letter by letter after "det står på baksidan av routern", a child's
birth date after a sibling's, a clearing number alone ("Det är Nordea, 3300, ..."), a letter
spelled back at the end of an e-mail address. Rules written for one of them barely move the next
calls (docs/dialogue.md, "Blind sets"). This step reads every token the rules left, in its turn and
after the turn before, and redacts those a logistic model scores as personal data.

The model is linear over hashed features of the token and its dialogue: the word, its shape, its
first and last letters and the letter triples inside it (a name of an origin the lexicon lacks
still looks like one), whether it is a number word and what the name lexicon and the town list know
it as; its neighbours in the turn, what the lexicon knows them as, and whether they were found (and
as what); what was found in the turn and the one before; the last words of the turn before and
whether it asked a question, the first words of the turn after; the heads of long compounds before
it and in the turn before ("tillståndsnumret" ends as "kundnumret" does); and whether the word is said
again in the turns around it (a value read back, a name said twice). Weights are trained by
`python -m redactor.training.tail` on the labelled calls of bench/data (docs/model-card.md) and
shipped in recognizers/data/tail_model.npz.
"""

from __future__ import annotations

import hashlib
import re
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib.resources import files

import numpy as np

from recognizers import numbers
from recognizers.address import one_word_towns
from recognizers.dialogue_slots import TURN_LINE, dates_of
from recognizers.heuristics import QUANTITY_AFTER, REFERENCE_TALK
from recognizers.lexicon import shipped_lexicon
from recognizers.numbers import parse_word

TAIL_ENTITY = "PERSONAL_DETAIL"  # the type its findings carry
TAIL_RECOGNIZER = "KlangTail"  # what its findings record as their recognizer
TAIL_THRESHOLD = 0.5  # a token scoring this or more is redacted
MODEL_FILE = "tail_model.npz"
HASH_SLOTS = 1 << 20

_TOKEN = re.compile(r"\w+|[^\w\s]")
_WORD = re.compile(r"\w+")
_PREVIOUS_WORDS = 10  # last words of the turn before that the model reads
_TWO_BACK_WORDS = 8  # ... and of the turn before that
_NEXT_WORDS = 3  # first words of the turn after (the other speaker's "Tack, Amira." or "Och sen?")
_ECHO_TURNS = 4  # a word said again this many turns away or nearer is echoed
# A Swedish compound ends in its head: "tillståndsnumret", "anställningsnummer" and "brickkoden"
# are numbers and codes the calls it was trained on may never have named.
_COMPOUND = 9  # a word this long or longer is read as a compound ...
_HEAD = 6  # ... and its last letters as its head
# Words every turn says: their being said again tells nothing.
_EVERYDAY = frozenset(
    """
    och i på en ett det att är som för med har jag du vi ni han hon den de inte ja nej mm okej så till av om
    eller men kan ska var vad här där nu då också bara tack hej
    """.split()
)
# A company by its legal form ("Andersson Bygg AB"): the company's name, not a person's detail.
_COMPANY = re.compile(r"(?:\b[A-ZÅÄÖ][\w&-]*[ \t]+){1,4}(?:AB|HB|KB|Aktiebolag|Handelsbolag)\b")
# Between two redacted tokens, a gap of spaces and punctuation joins them into one finding.
# Separators a code is read with, beside the comma; the tail reads each as a comma.
_SEPARATORS = dict.fromkeys(";|·•", ",")
_JOINING_GAP = re.compile(rf"[\s,.\-–/:{''.join(_SEPARATORS)}]*")


@dataclass(frozen=True)
class Token:
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Candidate:
    """A word the rules left, with its features: its own, and those it shares with every word of
    its turn that is (or is not) a number, one list per turn, so they are weighed once a turn."""

    token: Token
    own: list[str]
    shared: list[str]

    @property
    def features(self) -> list[str]:
        return self.own + self.shared


@dataclass(frozen=True)
class Turn:
    label: str
    tokens: tuple[Token, ...]
    asks: bool  # ends with a question mark


@lru_cache(maxsize=1 << 16)
def _shape(word: str) -> str:
    """Letters as X/x, digits as d, runs of one kind shortened to two: "K7X9QP" -> "XdXdXX"."""
    s = re.sub(r"[^\W\d_]", lambda m: "X" if m.group().isupper() else "x", word)
    s = re.sub(r"\d", "d", s)
    return re.sub(r"(.)\1+", r"\1\1", s)[:6]


@lru_cache(maxsize=1 << 16)
def _kinds(word: str) -> str:
    """What the lexicon and the town list know the (casefolded) word as: "first,foreign_first",
    "surname", "common,first", "town", "" for a word neither knows."""
    kinds = set(shipped_lexicon().get(word, ()))
    if word in one_word_towns():
        kinds.add("town")
    return ",".join(sorted(kinds))


@lru_cache(maxsize=1 << 16)
def _is_number(word: str) -> bool:
    return word.isdigit() or parse_word(word) is not None


def turns(text: str) -> list[Turn]:
    """The dialogue's turns ("Label: text" lines; other lines are turns without a label)."""
    out, pos = [], 0
    for line in text.split("\n"):
        turn = TURN_LINE.match(line)
        body = turn.start("body") if turn else 0
        label = turn.group("label").strip().casefold() if turn else ""
        tokens = tuple(Token(pos + m.start(), pos + m.end(), m.group()) for m in _TOKEN.finditer(line, body))
        out.append(Turn(label, tokens, line.rstrip().endswith("?")))
        pos += len(line) + 1
    return out


def _runs(flags: list[bool]) -> list[tuple[int, int]]:
    """(first, last) index of each run of true flags."""
    out, start = [], None
    for i, flag in enumerate([*flags, False]):
        if flag and start is None:
            start = i
        elif not flag and start is not None:
            out.append((start, i - 1))
            start = None
    return out


def candidates(text: str, found: Iterable[tuple[str, int, int]]) -> list[Candidate]:
    """Each word token of the dialogue that no finding covers, with its features."""
    covered: dict[int, str] = {}
    for entity, start, end in [*found, *(("COMPANY", m.start(), m.end()) for m in _COMPANY.finditer(text))]:
        for i in range(start, end):
            covered[i] = entity
    dialogue = turns(text)
    spoken = [[t.text.casefold() for t in turn.tokens if t.text[0].isalnum()] for turn in dialogue]
    said = [set(words) for words in spoken]
    # What was found in each turn, by type: "CREDIT_CARD,PERSON".
    found_in = [
        ",".join(sorted({covered[t.start] for t in turn.tokens if t.start in covered}))[:40] for turn in dialogue
    ]
    out = []
    for n, turn in enumerate(dialogue):
        before = dialogue[n - 1] if n else None
        previous = spoken[n - 1][-_PREVIOUS_WORDS:] if n else []
        two_back = spoken[n - 2][-_TWO_BACK_WORDS:] if n > 1 else []
        after = spoken[n + 1][:_NEXT_WORDS] if n + 1 < len(dialogue) else []
        asked = int(before is not None and before.asks)
        in_turn, in_before = found_in[n], found_in[n - 1] if n else ""
        tokens = turn.tokens
        # The company's own references talked of earlier in the turn ("skadenumret blir ...")
        reference = REFERENCE_TALK.search(text, tokens[0].start, tokens[-1].end) if tokens else None
        words = [t.text.casefold() for t in tokens]
        numeric = [_is_number(w) for w in words]
        # How many number words in a row each stands in, counted once a turn (a turn of a
        # thousand digits must not cost a million steps).
        run_length = [0] * len(words)
        for first, last in _runs(numeric):
            run_length[first : last + 1] = [last - first + 1] * (last - first + 1)
        # Neighbours two either side, padded at the turn's ends: the word, and what it was found as.
        # Separators a code is read with are one kind ("K; 7; X" reads as "K, 7, X").
        near = ["<s>", "<s>", *(_SEPARATORS.get(w, w) for w in words), "</s>", "</s>"]
        near_found = ["|", "|", *(covered.get(t.start) or covered.get(t.end - 1) or "-" for t in tokens), "|", "|"]
        # The same for every word of the turn, by whether the word is a number.
        shared = {
            num: [
                f"len={min(len(tokens) // 4, 6)}",
                f"pq={asked}",
                f"lab={turn.label[:8]}",
                f"num_pq={num}_{asked}",
                f"ft={in_turn}",
                f"pft={in_before}",
                *(f"pt={x}" for x in previous),
                *(f"pt2={x}" for x in two_back),
                *(f"num_pt={num}_{x}" for x in previous),
                *(f"nt={x}_{num}" for x in after),
                *(f"num_pth={num}_{_head(x)}" for x in previous if len(x) >= _COMPOUND),
            ]
            for num in (0, 1)
        }
        for k, token in enumerate(tokens):
            if not token.text[0].isalnum() or any(i in covered for i in range(token.start, token.end)):
                continue
            w, shape, num = words[k], _shape(token.text), int(numeric[k])
            at = k + 2  # in the padded lists
            kinds = _kinds(w)
            own = [
                f"lex={kinds}",
                f"lex_pq={kinds}_{asked}",
                f"lex_p1={kinds}_{near[at - 1]}",
                f"w={w}",
                f"sh={shape}",
                f"num={num}",
                f"pre={w[:3]}",
                f"suf={w[-3:]}",
                f"suf4={w[-4:]}",
                f"suf2={w[-2:]}",
                f"p1={near[at - 1]}",
                f"p2={near[at - 2]}",
                f"n1={near[at + 1]}",
                f"n2={near[at + 2]}",
                f"p1p2={near[at - 2]}_{near[at - 1]}",
                f"pf={near_found[at - 1]}",
                f"nf={near_found[at + 1]}",
                f"pf2={near_found[at - 2]}",
                f"nf2={near_found[at + 2]}",
                f"pos={min(k, 4)}",
                f"sh_pq={shape}_{asked}",
                f"sh_p1={shape}_{near[at - 1]}",
                f"run={min(run_length[k], 6)}" if num else "run=w",
                f"ref={int(reference is not None and reference.start() < token.start)}_{num}",
                f"p1lex={_kinds(near[at - 1])}_{kinds}",
                f"n1lex={_kinds(near[at + 1])}_{kinds}",
                f"echo={_echoed(said, n, w)}_{num}",
                f"p1h={num}_{_head(near[at - 1])}",
                f"p2h={num}_{_head(near[at - 2])}",
            ]
            if not num and len(w) > 3:
                own += [f"g3={w[i : i + 3]}" for i in range(1, min(len(w) - 3, 8))]
            out.append(Candidate(token, own, shared[num]))
    return out


def _head(word: str) -> str:
    """A compound's head ("tillståndsnumret" -> "numret"); a shorter word is its own."""
    return word[-_HEAD:] if len(word) >= _COMPOUND else word


def _echoed(said: list[set[str]], n: int, word: str) -> str:
    """Where else the word of turn n is said: in the turn before, the turn after, a turn further
    off (a read-back, a name said again); "-" for a word every turn says."""
    if word in _EVERYDAY or len(word) < 2:
        return "-"
    far = any(
        word in said[m] for m in range(max(0, n - _ECHO_TURNS), min(len(said), n + _ECHO_TURNS + 1)) if abs(m - n) > 1
    )
    before, after = n > 0 and word in said[n - 1], n + 1 < len(said) and word in said[n + 1]
    return f"{int(before)}{int(after)}{int(far)}"


# Frequent features (lexicon kinds, everyday words) hit; a miss costs ~0.2 µs. A full cache of
# 2^16 features holds ~12 MB in each worker (2^18 held ~47 MB, a good part of the memory margin).
@lru_cache(maxsize=1 << 16)
def _slot(feature: str) -> int:
    return zlib.crc32(feature.encode()) % HASH_SLOTS


def hashed(features: Sequence[str]) -> np.ndarray:
    return np.array([_slot(f) for f in features], dtype=np.int64)


@dataclass(frozen=True)
class TailModel:
    weights: np.ndarray  # one per hash slot
    bias: float

    @property
    def digest(self) -> str:
        """The first eight hex digits of the weights' and bias's SHA-256."""
        return hashlib.sha256(self.weights.tobytes() + repr(self.bias).encode()).hexdigest()[:8]

    @classmethod
    def from_arrays(cls, slots: np.ndarray, values: np.ndarray, bias: float) -> TailModel:
        weights = np.zeros(HASH_SLOTS, dtype=np.float32)
        weights[slots] = values
        return cls(weights, float(bias))

    def scores(self, features: Sequence[Sequence[str]]) -> np.ndarray:
        """The probability of personal data for each list of features."""
        return self._probability(self._sums(features))

    def _sums(self, features: Sequence[Sequence[str]]) -> np.ndarray:
        if not features:
            return np.zeros(0)
        slots = np.fromiter((_slot(f) for fs in features for f in fs), dtype=np.int64)
        starts = np.cumsum([0, *(len(fs) for fs in features[:-1])])
        return np.add.reduceat(self.weights[slots].astype(np.float64), starts)

    def _probability(self, sums: np.ndarray) -> np.ndarray:
        return 1.0 / (1.0 + np.exp(-(sums + self.bias)))

    def find(
        self, text: str, found: Iterable[tuple[str, int, int]], threshold: float = TAIL_THRESHOLD
    ) -> list[tuple[str, int, int, float]]:
        """Spans of the dialogue the model reads as personal data, next to what was `found`, each
        with its highest word's score."""
        words = candidates(text, found)
        if not words:
            return []
        shared = {id(c.shared): c.shared for c in words}
        shared_sums = dict(zip(shared, self._sums(list(shared.values()))))
        scores = self._probability(self._sums([c.own for c in words]) + [shared_sums[id(c.shared)] for c in words])
        tokens = [c.token for c in words]
        # A number or code said in parts is one value: its parts share their mean score, so that
        # it is redacted whole or kept whole rather than left with every other digit or letter.
        parts = [_is_part(t.text.casefold()) for t in tokens]
        start = 0
        for k in range(1, len(tokens) + 1):
            if k < len(tokens) and parts[k] and parts[k - 1] and _joined(text, tokens[k - 1], tokens[k]):
                continue
            if k - start > 1:
                scores[start:k] = scores[start:k].mean()
            start = k
        spans: list[tuple[int, int, float]] = []
        for t, p in zip(tokens, scores):
            if p < threshold:
                continue
            if spans and _joined(text, Token(spans[-1][0], spans[-1][1], ""), t):
                spans[-1] = (spans[-1][0], t.end, max(spans[-1][2], float(p)))
            else:
                spans.append((t.start, t.end, float(p)))
        # an amount or a measure is no one's ("trettiofem ampere", "tvåhundra kronor"), nor a date of
        # this decade with its year: a move's, a payment's or an appointment's ("när flyttade du in?" /
        # "den tjugotredje november tjugotjugofyra"; a child's asked-for birth date is the slots')
        return [
            (TAIL_ENTITY, s, e, round(p, 4))
            for s, e, p in spans
            if not _quantity(text, s, e) and not _recent_date(text, s, e)
        ]


# Letters said alone that are also words ("i", "å", "ö"; "o" and "e" for "och" and "är"): no code's.
_WORD_LETTERS = frozenset("ioeåö")


def _is_part(word: str) -> bool:
    """A part of a number or a code said in parts: a number, or a letter said alone."""
    return _is_number(word) or (len(word) == 1 and word.isalpha() and word not in _WORD_LETTERS)


def _quantity(text: str, start: int, end: int) -> bool:
    """A number with a unit after it, in the span or right after it ("trettiofem ampere")."""
    return any(
        _is_number(m.group().casefold()) and QUANTITY_AFTER.match(text, m.end()) is not None
        for m in _WORD.finditer(text, start, end)
    )


RECENT_YEARS = range(2020, 2030)


def _recent_date(text: str, start: int, end: int) -> bool:
    """The span lies in a date said with a year of this decade (a year said in two digits is of
    this century; "nittonhundratjugotre" is a birth year, not a recent one)."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line = text[line_start : line_end if line_end >= 0 else len(text)]
    return any(
        yy is not None and _year(line[s:e], yy) in RECENT_YEARS and line_start + s <= start and end <= line_start + e
        for s, e, _day, _month, yy in dates_of(line)
    )


def _year(date: str, yy: str) -> int:
    """The year of a date whose year ends in yy: the one said in full ("1923", an ISO date's first
    four digits), or 20yy."""
    for run in numbers.runs(date):
        full = run.digits[:4] if len(run.digits) in (4, 8) else ""
        if full.endswith(yy):
            return int(full)
    return 2000 + int(yy)


def _joined(text: str, before: Token, after: Token) -> bool:
    """Only spaces and punctuation between two tokens of one line."""
    return (
        _JOINING_GAP.fullmatch(text, before.end, after.start) is not None and "\n" not in text[before.end : after.start]
    )


@cache
def shipped_model() -> TailModel:
    with files("recognizers").joinpath("data", MODEL_FILE).open("rb") as fh:
        data = np.load(fh)
        return TailModel.from_arrays(data["slots"], data["values"], float(data["bias"]))
