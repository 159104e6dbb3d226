"""Synthetic call-centre utterances with PER/LOC/ORG annotations, deterministic for a seed.

News text alone teaches the model nothing about how callers introduce themselves, spell their
names or talk about an estate (dödsbo), and nothing about unpunctuated lowercase ASR output.
Templates are lists of literal strings and (label, slot) pairs; each piece is rendered and
case-transformed on its own, so entity character offsets stay exact.

All names are drawn from the lexicon (models/data/lexicon.tsv), not from Faker at run time, so
the output does not change with the Faker version.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .lexicon import HOMOGRAPH_NAMES, IMMIGRANT_FIRST, IMMIGRANT_SURNAMES, load_lexicon, names_of

DEFAULT_LEXICON = Path(__file__).resolve().parents[2] / "models" / "data" / "lexicon.tsv"

COMPANIES = ["Klang Energi", "Norrsken Energi", "Fjällkraft", "Solbacka Elhandel", "Vattenfall",
             "Ellevio", "E.ON", "Tibber", "Fortum", "Skellefteå Kraft", "Jämtkraft", "Göteborg Energi",
             "Mälarenergi", "Öresundskraft", "Telia", "Skatteverket", "Kronofogden", "Handelsbanken",
             "Swedbank", "Nordea", "SEB", "Försäkringskassan", "Hemsö Energi", "Vindkraft Norr"]
STREET_SUFFIXES = ["gatan", "vägen", "stigen", "gränd", "backen", "allén", "torget", "plan"]
STREET_PREFIXES = ["Stor", "Kyrko", "Skol", "Björk", "Ek", "Lind", "Park", "Järnvägs", "Sjö", "Mål",
                   "Ring", "Strand", "Trädgårds", "Kvarn", "Hamn", "Tall", "Gran", "Sten", "Berg"]
RELATIVES = ["mammas", "pappas", "mormors", "farfars", "morfars", "farmors", "makes", "makas",
             "brors", "systers", "mosters", "farbrors"]

# (label, slot) placeholders; strings are literal text.
P = ("PER", "full")
F = ("PER", "first")
S = ("PER", "surname")
L = ("LOC", "place")
A = ("LOC", "street")
O = ("ORG", "company")
E = ("PER", "elder")  # an older-generation first name + surname, for dödsbo calls

NAME_TEMPLATES = [
    ["hej du pratar med ", F, " på ", O, " vad kan jag hjälpa dig med"],
    ["Hej, du pratar med ", F, " på ", O, ", vad kan jag hjälpa till med?"],
    ["välkommen till ", O, " du pratar med ", F],
    ["God morgon, ", O, ", det är ", F, "."],
    ["jag heter ", P],
    ["Jag heter ", P, " och ringer om min faktura."],
    ["ja hej jag heter ", P, " och jag bor i ", L],
    ["mitt namn är ", P],
    ["Mitt namn är ", P, ", jag har ett elavtal hos er."],
    ["det är ", P, " här"],
    ["Hej, det är ", F, " här, jag ringde i går."],
    ["ja det är ", F, " ", S, " som ringer"],
    ["det gäller min ", ("REL", ""), " dödsbo ", E],
    ["Det gäller min ", ("REL", ""), " dödsbo, ", E, "."],
    ["jag ringer för dödsboet efter ", E],
    ["Jag är dödsbodelägare efter ", E, " som gick bort i mars."],
    ["så det var ", S, " med två s"],
    ["Så det var ", S, " med två s?"],
    ["och efternamnet var ", S, " eller"],
    ["stavas det ", S, " med k eller c"],
    ["är det ", P, " som står på avtalet"],
    ["Avtalet står på ", P, ", min man."],
    ["kan jag få prata med ", F],
    ["jag blev kopplad från ", F, " i växeln"],
    ["min fru ", F, " har redan ringt om det här"],
    ["Fakturan är ställd till ", P, "."],
    ["det var ", F, " på er kundtjänst som lovade det"],
    ["jag ska flytta ihop med ", P, " i ", L],
    ["okej ", F, " då har jag noterat det"],
    ["Tack ", F, ", ha en bra dag!"],
    ["tack så mycket ", F, " hej hej"],
    ["jag pratade med en ", F, " förra veckan"],
    ["kontaktpersonen är ", P],
    ["hyresvärden heter ", P, " och bor i ", L],
    ["jag bor i ", L],
    ["Jag bor på ", A, " i ", L, "."],
    ["vi flyttar till ", L, " i maj"],
    ["Vi flyttar till ", L, " den första juni."],
    ["adressen är ", A, " ", ("NUM", ""), " i ", L],
    ["anläggningen ligger i ", L],
    ["jag har ett sommarhus utanför ", L],
    ["ni har väl kontor i ", L, "?"],
    ["jag bytte från ", O, " till er"],
    ["elnätet ägs av ", O, " här i ", L],
    ["mamma heter ", P, " och pappa ", P],
    ["jag och ", F, " har gemensamt avtal"],
]

NEGATIVE_TEMPLATES = [
    "jag vill byta elavtal", "Jag vill säga upp mitt elavtal.", "fakturan var mycket högre än vanligt",
    "Hur mycket kostar det per kWh?", "mätarställningen är fyrtiotusen tvåhundra", "vi har fast pris",
    "jag har rörligt elpris", "elnätsavgiften har höjts", "Kan ni skicka fakturan via e-faktura?",
    "det står fel förbrukning på fakturan", "vi har en säkring på sexton ampere", "elnätet var nere i går",
    "kan jag få autogiro", "jag vill ha ett timprisavtal", "förbrukningen var 1 200 kWh i januari",
    "Jag läste av mätaren i morse.", "ni har dragit pengar två gånger", "det gäller en kreditfaktura",
    "björnen har gått i ide", "vi såg en björn i skogen", "det ligger en stor sten framför garaget",
    "Den gamla eken blåste ner i stormen.", "eken i trädgården är hundra år", "vi bor nära ett berg",
    "huset är målat i rosa", "Hon köpte en rosa tröja.", "jag köpte en ros till min fru",
    "rosorna har slagit ut", "björken utanför fönstret", "vi har en lind på tomten",
    "det är en holme ute i sjön", "stig på bara", "priset steg kraftigt", "stigen upp till berget",
    "stenen låg kvar", "det är hårt som sten", "vi åkte upp på berget", "bergen syns härifrån",
    "vi har björkved i pannan", "kan du stå still", "strömmen gick i hela kvarteret",
    "en strand vid havet", "vi har ström igen", "ja precis", "nej det stämmer inte",
    "Jag förstår.", "mm okej", "kan du vänta ett ögonblick", "jag ska bara kolla en sak",
    "ni får ringa tillbaka i morgon", "vad är mitt kundnummer", "Betalningen har inte kommit in.",
    "jag har fått en påminnelse", "vi har solceller på taket", "hur går jag in på mina sidor",
    "säkringen gick i natt", "elpriset har gått upp i vinter", "vi har bergvärme",
    "vi eldar med ved", "jag vill ha pappersfaktura", "kan jag dela upp betalningen",
]

FILLERS = ["eh", "öh", "ja", "alltså", "liksom", "mm", "ehm", "okej", "ja men"]


@dataclass
class Example:
    text: str
    entities: list[tuple[int, int, str]] = field(default_factory=list)  # char start, end, label


class Generator:
    def __init__(self, seed: int = 0, lexicon_path: str | Path = DEFAULT_LEXICON):
        self.rng = random.Random(seed)
        table = load_lexicon(lexicon_path)
        cap = lambda ws: sorted({w[:1].upper() + w[1:] for w in ws})  # noqa: E731
        self.first = cap(names_of(table, "first")) + IMMIGRANT_FIRST
        self.surname = cap(names_of(table, "surname")) + IMMIGRANT_SURNAMES
        self.foreign_first = cap(names_of(table, "foreign_first"))
        self.foreign_surname = cap(names_of(table, "foreign_surname"))
        self.places = [w for w in cap(names_of(table, "place")) if len(w) > 2]
        self.homograph_first = HOMOGRAPH_NAMES["first"]
        self.homograph_surname = HOMOGRAPH_NAMES["surname"]

    # --- slot fillers -------------------------------------------------------------------------
    def first_name(self) -> str:
        r = self.rng.random()
        if r < 0.12:
            return self.rng.choice(self.homograph_first)
        if r < 0.22:
            return self.rng.choice(IMMIGRANT_FIRST)
        if r < 0.30:
            return self.rng.choice(self.foreign_first)
        if r < 0.38:  # double first names, hyphenated or not
            sep = self.rng.choice(["-", " "])
            return self.rng.choice(self.first) + sep + self.rng.choice(self.first)
        return self.rng.choice(self.first)

    def surname_(self) -> str:
        r = self.rng.random()
        if r < 0.15:
            return self.rng.choice(self.homograph_surname)
        if r < 0.27:
            return self.rng.choice(IMMIGRANT_SURNAMES)
        if r < 0.35:
            return self.rng.choice(self.foreign_surname)
        if r < 0.40:
            return self.rng.choice(self.surname) + "-" + self.rng.choice(self.surname)
        return self.rng.choice(self.surname)

    def fill(self, slot: str) -> str:
        if slot == "first":
            return self.first_name()
        if slot == "surname":
            return self.surname_()
        if slot in ("full", "elder"):
            return self.first_name() + " " + self.surname_()
        if slot == "place":
            return self.rng.choice(self.places)
        if slot == "street":
            return self.rng.choice(STREET_PREFIXES) + self.rng.choice(STREET_SUFFIXES)
        if slot == "company":
            return self.rng.choice(COMPANIES)
        raise ValueError(slot)

    # --- rendering ----------------------------------------------------------------------------
    def render(self, template: list, asr: bool) -> Example:
        text = ""
        ents: list[tuple[int, int, str]] = []
        for piece in template:
            if isinstance(piece, str):
                chunk, label = piece, None
            elif piece[0] == "REL":
                chunk, label = self.rng.choice(RELATIVES), None
            elif piece[0] == "NUM":
                chunk, label = str(self.rng.randint(1, 120)), None
            else:
                chunk, label = self.fill(piece[1]), piece[0]
            if asr:
                chunk = _asr(chunk)
            if label:
                ents.append((len(text), len(text) + len(chunk), label))
            text += chunk
        if asr and self.rng.random() < 0.3:
            filler = self.rng.choice(FILLERS) + " "
            text = filler + text
            ents = [(s + len(filler), e + len(filler), lab) for s, e, lab in ents]
        return Example(text.strip(), ents) if text == text.strip() else _strip(text, ents)

    def examples(self, n: int, negative_share: float = 0.35, asr_share: float = 0.5) -> Iterator[Example]:
        for _ in range(n):
            asr = self.rng.random() < asr_share
            if self.rng.random() < negative_share:
                text = self.rng.choice(NEGATIVE_TEMPLATES)
                yield Example(_asr(text) if asr else text, [])
            else:
                yield self.render(self.rng.choice(NAME_TEMPLATES), asr)


def _asr(text: str) -> str:
    """Lowercase, drop sentence punctuation; keep hyphens and the dot inside names like E.ON."""
    out = text.lower()
    for ch in ",?!":
        out = out.replace(ch, "")
    if out.endswith("."):
        out = out[:-1]
    return out


def _strip(text: str, ents: list[tuple[int, int, str]]) -> Example:
    lead = len(text) - len(text.lstrip())
    return Example(text.strip(), [(s - lead, e - lead, lab) for s, e, lab in ents])


def to_docs(nlp, examples) -> Iterator:
    """spaCy Docs with entities; examples whose spans don't align to tokens are skipped."""
    for ex in examples:
        doc = nlp.make_doc(ex.text)
        spans = [doc.char_span(s, e, label=lab) for s, e, lab in ex.entities]
        if any(sp is None for sp in spans):
            continue
        doc.ents = spans
        yield doc
