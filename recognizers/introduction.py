"""PERSON from how a turn starts: a greeting or a self-introduction followed by a name.

"Hej, Giorgos Papadopoulos, jag äger huset.", "Hej, Donya Rahimi.", "Jag heter Nguyen Thi Lan."
The name model misses names it has never seen, whatever their origin; the shape of the turn does
not: a greeting or "jag heter"/"det är"/"mitt namn är" at the start of a turn, then one to four
capitalised words, then a pause (comma, full stop, end of turn) or "här"/"jag"/"och". Words that
are not names in that place (interjections, "Kundtjänst") are left out.

Dialects say "det är" as "dä e", "hä ä", "he e": after a greeting those introduce a name too. The
village or farm said with one's name in a later turn is LOCATION ("dä e Emir ... i Eskelhem.",
"det är Åsa på Björkhaga gård."), not a workplace ("det är Oskar på Skanska").

Lowercase speech-to-text ("hej oluwaseun nowak", "jag heter donya okafor") has no capitals to go
by: there the words after the introduction count when none is a common Swedish word and, after a
bare greeting or "det är", they are two (a first name and a surname) or one is a known first name
or surname (the name model's lexicon, recognizers/data/lexicon.tsv).
"""

from __future__ import annotations

import re
from functools import lru_cache

from recognizers import numbers
from recognizers.address import one_word_towns, ordinary_place_word
from recognizers.base import TextRecognizer, tagged_result
from recognizers.lexicon import shipped_lexicon

ENTITY = "PERSON"
SCORE = 0.8

_GREETING = (
    r"(?:hej(?:san)?|hallå|tjena(?:re)?|god(?:\s+(?:morgon|dag|middag|kväll))?|goddag|hej\s+hej"
    # ... and in the caller's other language: "salam", "cześć" (or folded, "czesc"), "hei", "hola"
    r"|salam|salaam|cześć|czesc|hei|moi|hola|merhaba|marhaba|hello|ciao)"
)
_INTRO = r"(?:jag\s+heter|mitt\s+namn\s+är|det\s+är|de\s+e|här\s+är|detta\s+är|jag\s+är)"
# ... and as dialects say "det är", after a greeting only ("Jo, goddag, dä e Ingvar"; "He e Posten." is none)
_DIALECT_INTRO = r"(?:dä|hä|he)\s+(?:e|ä|är)"
_WORD = r"[A-ZÅÄÖÉÜ][a-zåäöéüA-ZÅÄÖÉÜ'’]+(?:-[A-ZÅÄÖÉÜa-zåäöéü][a-zåäöéü'’]+)?"
_PARTICLE = r"(?:van|von|de|der|af|al|el|bin|ibn|da|di|dos|la|le)"
_NAME = rf"(?P<name>{_WORD}(?:[ ]+(?:{_PARTICLE}[ ]+)?{_WORD}){{0,3}})"
_AFTER = r"(?=[ ]*(?:[,.!?;]|$|[ ](?:här|jag|och|från|på|i|som|ringer)\b))"  # "Hej, Dragana på personskador."
# At the start of a turn: after a line start and a speaker label, or at the start of the text.
_TURN_START = r"(?:^|\n)(?:(?P<label>[^\n:]{1,40}):[ \t]*)?"
# Case-insensitive where speech-to-text may capitalise or not; the name itself must be capitalised.
_PATTERN = re.compile(
    rf"{_TURN_START}(?i:(?:ja|jo|nej|ah|åh|oh|aha|oj|nämen|okej)[,!. ]+){{0,2}}(?i:{_GREETING}[,!.]?[ ]+(?:(?:ja|jo|eh|öh)[,.]?[ ]+)?(?:(?:(?P<intro>{_INTRO})|(?P<dialect>{_DIALECT_INTRO}))[ ]+)?|(?P<only>{_INTRO})[ ]+){_NAME}(?i:{_AFTER})",
    re.MULTILINE,
)
# The farm or village the one introduced lives in, said with the name: "dä e Ingvar Hägg i Når.",
# "hej, det är Rauno Pekkala här, i Korpilombolo.", "dä e Lars-Göran på Nöbbelövs gård, ja har en ko",
# "dä e Nils-Åke Bengtsson, Västra Vemmerlöv." (LOCATION; a surname after a comma, "hä e Per-Erik på
# Gärde, Olofsson", too); no noun in its definite form ("Receptionen", "Skatteverket")
_PLACE_AFTER = re.compile(
    rf"(?:[ ]+här)?(?:,?[ ]+(?P<on>på|i)[ ]+|,[ ]+)(?P<place>{_WORD}(?:[ ]+(?:{_WORD}|gård|by|torp))?)"
    rf"(?:,[ ]+(?P<surname>{_WORD}))?(?=[ ]*(?:[,.!?;]|$))"
)
LOCATION = "LOCATION"
_FARM = re.compile(r"(?:gård|gården|torp|torpet)$", re.IGNORECASE)
# The agent's first words: the company, perhaps the queue, then the agent's name ("Hedin Bil, Max.",
# "Hyresbostäder i Borås, felanmälan, Lejla."), at the very start of the call only.
_ANSWERING = re.compile(
    rf"\A(?:[^\n:]{{1,40}}:[ \t]*)?(?P<first>[\w-]+)(?:[^\n,.?!]|\.(?=\w)){{0,40}},[ ]+(?:[^\n,.?!]{{2,30}},[ ]+)?(?P<name>{_WORD})"
    rf"(?=[ ]*(?:[.!]|$|[ ]här\b|[ ]heter jag\b))"
)
# ... and in lowercase speech-to-text, the name before "här" or "heter jag" closing that first turn:
# "hemtjänsten norra distriktet amra här", "fortum elin heter jag"
_ANSWERING_LOWER = re.compile(
    r"\A(?:[^\n:]{1,40}:[ \t]*)?(?=[a-zåäö])[^\n.?!]{0,60}?(?<![\w-])(?P<name>[a-zåäöé]{2,})[ ]+(?:här|heter jag)[ ]*(?=\n|\Z)"
)
# ... or before a closing greeting, or closing a short first turn: "folktandvården kista rebecka hej",
# "däckcentralen petra god morgon", "taxi kurir jimmy" (there a first name the lexicon knows only)
_ANSWERING_GREETED = re.compile(
    r"\A(?:[^\n:]{1,40}:[ \t]*)?(?=[a-zåäö])(?:[a-zåäö-]+[ ]+){1,4}?(?P<name>[a-zåäöé]{2,})"
    r"[ ]*(?:hej|hallå|god (?:morgon|dag|eftermiddag|kväll)|goddag)?[ ]*(?=\n|\Z)"
)
# A noun's definite form ("distriktet", "kundtjänsten", "källaren", "stan"): no name and no place,
# unless the lexicon or a gazetteer has the word.
DEFINITE = re.compile(r".*(?:en|et|an|na|rna)$", re.IGNORECASE)
# Words that open a reply, not a company's answering of the phone
_ANSWERS = frozenset("ja jo nej okej ok tack det jag vi du mm jaha precis absolut visst".split())
NOT_NAMES = frozenset(
    w.lower()
    for w in (
        "Kundtjänst",
        "Kundservice",
        "Support",
        "Välkommen",
        "Tack",
        "Jaha",
        "Okej",
        "Ja",
        "Jo",
        "Nej",
        "Nä",
        "Nämen",
        "Oj",
        "Aha",
        "Jaså",
        "Hej",
        "Hallå",
        "Alla",
        "Ni",
        "Du",
        "Vi",
        "Jag",
        "Det",
        "Där",
        "Här",
        "Igen",
        "Allihopa",
        "Frun",
        "Mamma",
        "Pappa",
        # interjections that open an answer: "Självklart, förlåt, Maj-Britt Engström heter jag."
        "Självklart",
        "Absolut",
        "Precis",
        "Javisst",
        "Visst",
        "Förlåt",
        "Ursäkta",
        # Thai politeness particles: "hej kha det är siriporn"
        "Kha",
        "Khrap",
        "Krap",
        # fillers, capitalised where a sentence opens: "hej! Eh jag har vunnit lite"
        "Eh",
        "Öh",
        "Ehm",
        "Äh",
        "Hm",
        "Mm",
    )
)


# Who is greeted when not by name: "hej farmor det är sebastian", "moi mummo", "hola primo"
KIN_WORDS = frozenset(
    "mamma pappa mor far farmor farfar mormor morfar moster faster morbror farbror kusin kusinen syster bror "
    "brorsan syrran svärmor svärfar svåger svägerska dotter son gumman gubben älskling vännen kompis grannen "
    "mummo mummi ukki äiti isä babcia dziadek kuzynka kuzyn ciocia wujek primo prima tia tio abuela abuelo "
    "mama baba nana habibi habibti khala khalo amma ammo dayi teyze abla abi "
    # ... and as family speech says them: "Morsan fyller sjuttio", "mamsen hon är sjuk"
    "morsan farsan mamsen pappsen gudmor gudfar mommo moffa fammo faffa gammelmormor gammelmorfar "
    "gammelfarmor gammelfarfar lillen lillan svärmorsan".split()
)
NAME_FEATURES = frozenset({"first", "foreign_first", "surname", "foreign_surname"})
_LOWER = re.compile(
    rf"{_TURN_START}(?P<pre>(?:(?:{_GREETING}|ja|jo|nej)[, ]+){{0,3}})"
    # the one greeted, then who speaks: "hej sirpa det är eyerusalem som hyr rummet"
    r"(?:(?P<greeted>[a-zåäöéü'’-]+)[, ]+(?=det är\b))?"
    # "ja och jag heter ceylan", "hej eh jag heter somchai"
    r"(?:(?P<strong>(?:(?:eh|öh)[, ]+)?(?:och[ ]+)?(?:jag heter|mitt namn är))[, ]+|det är[, ]+)?(?:eh[, ]+|öh[, ]+)?"
    r"(?P<name>[a-zåäöéü'’-]+(?:[ ][a-zåäöéü'’-]+){0,2})",
    re.MULTILINE,
)
STOP_WORDS = frozenset(
    (
        "eller",
        "och",
        "jag",
        "här",
        "från",
        "som",
        "ringer",
        "i",
        "på",
        "om",
        "det",
        "är",
        "ja",
        "nej",
        "hej",
        "tack",
        "alltså",
        "eh",
        "öh",
        "ehm",
        "mm",
        "min",
        "mitt",
        "bara",
        "med",
        "till",
        "den",
        "de",
        "dem",
        "där",
        "du",
        "vi",
        "ni",
        "han",
        "hon",
        "inte",
        "nog",
        "ett",
        "en",
        "så",
        "nu",
        "var",
        "vad",
        "hur",
        "mig",
        "dig",
        "oss",
        "sig",
        "sin",
        "kan",
        "ska",
        "har",
        "vill",
        "okej",
        # where or how something is, which the name lists also hold: "ja det är hemma, 184 36"
        "hemma",
        "ute",
        "sant",
        "lugnt",
        "färdigt",
    )
)


def common_word(word: str) -> bool:
    """A common word, or one that is never a name ("och", "bara", "Tack")."""
    w = word.lower()
    return w in lexicon()[0] or w in STOP_WORDS or w in NOT_NAMES


def known_name(word: str | None) -> bool:
    """A first name or surname the lexicon knows that is no common word ("petra", not "alla")."""
    return word is not None and word.lower() in lexicon()[1] and not common_word(word)


# "Hans" is a name and "his". It is "his" before what someone has, said alone or as the last part
# of a compound ("hans personnummer", "från hans lönekonto", "ja hans storasyster Tyra"): lowercase,
# or capitalised where a sentence opens ("Hans e-post, har du den?"); a capitalised Hans in
# mid-sentence is the name ("jag och Hans som står på kontraktet"), and so is "hans" before anything
# else ("hans malmsten heter jag", "Hans tar hand om mamma").
_HIS = "hans"
_HIS_THINGS = frozenset(
    """
personnummer nummer numret telefon mobil konto kontot adress adressen mejl e-post namn efternamn lösenord
pappa mamma fru man sambo son sons dotter bror syster barn barnbarn föräldrar familj dödsbo lägenhet hus
rum bil cykel del nya gamla egen egna vägnar räkning räkningar pengar lön pension skuld skulder lån
abonnemang avtal kort fullmakt journal medicin mediciner ärende ärenden el försäkring post brev papper
saker nycklar plånbok körkort pass jobb chef arbetsgivare läkare
""".split()
)


def his_before(word: str, next_word: str, opens: bool = False) -> bool:
    """`word` is "his" before `next_word`, not the name Hans; `opens`: it opens a sentence."""
    if word.casefold() != _HIS or not (word[0].islower() or opens):
        return False
    nxt = next_word.casefold()
    return nxt in _HIS_THINGS or any(nxt.endswith(t) for t in _HIS_THINGS if len(t) >= 4)


@lru_cache(maxsize=1)
def lexicon() -> tuple[frozenset[str], frozenset[str]]:
    """(common words, name words) of the name model's lexicon; empty when it is not there."""
    table = shipped_lexicon()
    names = frozenset(w for w, fs in table.items() if fs & NAME_FEATURES)
    return frozenset(w for w, fs in table.items() if "common" in fs) - names, names


_CLAUSE_ENDS = re.compile(r"[ ]*(?:[,.!?]|$|här\b|heter\b)", re.MULTILINE)
_ANSWER_WORDS = re.compile(r"(?:(?:ja|jo|nej)[, ]+)+")


def _lowercase_names(text: str) -> list[tuple[int, int]]:
    names = lexicon()[1]
    out = []
    for m in _LOWER.finditer(text):
        words, start = [], m.start("name")
        for w in m.group("name").split(" "):
            # nor a number, a letter or a slot word: "ja det är fyrtiotvåtusen ...", "det är c k z",
            # "ja förlåt personnummer nittioett ..."
            if common_word(w) or len(w) < 2 or "nummer" in w or numbers.parse_word(w):
                break
            words.append(w)
        introduced = m.group("pre") or m.end("pre") < m.start("name")
        # one greeted and one speaking, both unknown words: "hej aziz det är sanaz jag är admin"
        greeted = m.group("greeted")
        # ... not kin, nor a place of work in its definite form: "hej växeln det är receptionen"
        pair = bool(
            words
            and greeted
            and m.group("pre")
            and not any(common_word(w) or w.lower() in KIN_WORDS or DEFINITE.match(w) for w in (greeted, *words))
            and not numbers.parse_word(greeted)
        )
        # after an answer word alone, one word is a name only where the clause ends: "ja anna." but
        # "ja ring 031-704 22 10" (a verb that is a surname too)
        answered = _ANSWER_WORDS.fullmatch(m.group("pre") or "") is not None and m.end("pre") == start
        if answered and len(words) == 1 and not _CLAUSE_ENDS.match(text, start + len(words[0])):
            words = []
        if words and introduced and (m.group("strong") or pair or len(words) >= 2 or any(w in names for w in words)):
            out.append((start, start + len(" ".join(words))))
        if known_name(greeted) or pair:
            out.append(m.span("greeted"))
    return out


def _his_thing(text: str, start: int, end: int) -> bool:
    words = text[start:end].split()
    opens = not text[:start].strip() or text[:start].rstrip()[-1] in ".!?:\n"
    return len(words) >= 2 and his_before(words[0], words[1], opens)


class KlangSelfIntroductionRecognizer(TextRecognizer):
    ENTITIES = (ENTITY, LOCATION)

    def may_match(self, text: str) -> bool:
        low = text.lower()
        return (
            _ANSWERING.match(text) is not None
            or _ANSWERING_LOWER.match(text) is not None
            or _ANSWERING_GREETED.match(text) is not None
            or any(
                w in low
                for w in (
                    "hej",
                    "hallå",
                    "tjena",
                    "god",
                    "heter",
                    "namn",
                    "det är",
                    "de e",
                    "dä e",
                    "dä ä",
                    "hä e",
                    "hä ä",
                    "he e",
                    "här är",
                    "detta är",
                    "jag är",
                )
            )
        )

    def analyze(self, text, entities, nlp_artifacts=None):
        if entities and not set(self.ENTITIES) & set(entities):
            return []
        spans: list[tuple[int, int]] = []
        places: list[tuple[str, int, int]] = []
        for m in _PATTERN.finditer(text):
            start, end = m.span("name")
            words = text[start:end].split()
            while words and words[0].lower() in NOT_NAMES:
                start += len(words[0]) + 1
                words = words[1:]
            introduced = bool(m.group("intro") or m.group("dialect") or m.group("only"))
            # a company greeting, not a name, before its town: "Hej, Synhuset i Lund, Petra heter jag."
            if text.startswith(" i ", end) and not introduced:
                continue
            # not a department said in capitals ("jag är HR på Byggkoncernen")
            if words and not any(w.lower() in NOT_NAMES or (w.isupper() and len(w) <= 3) for w in words):
                spans.append((start, end))
                # after "det är", "dä e", "jag heter" in a later turn and not the agent's: the one who
                # answers names their workplace ("Hej, det är Robin på Kvitt Mobil.", "Hej, Linda på Mobilia.")
                agent = (m.group("label") or "").strip().lower().startswith("agent")
                if introduced and "\n" in text[: m.start("name")] and not agent:
                    places += _place_after(text, end, dialect=bool(m.group("dialect")))
        spans += [s for s in _lowercase_names(text) if not any(a <= s[0] < b for a, b in spans)]
        answering = _ANSWERING.match(text)
        if (
            answering
            and answering.group("first").lower() not in _ANSWERS  # "Ja det stämmer, Stockholm."
            and answering.group("name").lower() not in NOT_NAMES | lexicon()[0] | one_word_towns()
        ):
            spans.append(answering.span("name"))
        lower = _ANSWERING_LOWER.match(text)
        name = lower.group("name") if lower else ""
        if name and (
            name in lexicon()[1] or not (common_word(name) or DEFINITE.match(name) or name in one_word_towns())
        ):
            spans.append(lower.span("name"))
        greeted = _ANSWERING_GREETED.match(text)
        if greeted and known_name(greeted.group("name")) and greeted.span("name") not in spans:
            spans.append(greeted.span("name"))
        # "ja hans storasyster Tyra": his sister, not Hans Storasyster
        spans = [(s, e) for s, e in spans if not _his_thing(text, s, e)]
        return [
            tagged_result(self, ENTITY, s, e, SCORE, "name after a greeting or self-introduction") for s, e in spans
        ] + [tagged_result(self, entity, s, e, SCORE, "place said with an introduced name") for entity, s, e in places]


def _place_after(text: str, at: int, dialect: bool) -> list[tuple[str, int, int]]:
    """The place (and a surname after it) said right after a name introduced at `at`; not a
    department or a common word ("Anna på Kundtjänst", "Karin i Receptionen"). After "på" a farm,
    or any place in a dialect's introduction ("dä e Per-Erik på Gärde"): "det är Oskar på Skanska"
    names a workplace."""
    m = _PLACE_AFTER.match(text, at)
    words = m.group("place").split() if m else []
    if not words or DEFINITE.match(words[-1]) or all(common_word(w) or ordinary_place_word(w) for w in words):
        return []
    if m.group("on") == "på" and not (dialect or _FARM.search(m.group("place"))):
        return []
    out = [(LOCATION, *m.span("place"))]
    return out + ([(ENTITY, *m.span("surname"))] if m.group("surname") else [])
