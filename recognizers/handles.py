"""USERNAME: a user, account or network name written as one token ("kattis_62", "hallberg_5g",
"goran.ekstrom48").

Speech-to-text writes what a caller reads off a screen as they read it: a name joined by an
underscore or a dot with digits in it ("kattis_62", "goran.ekstrom48"), or a capitalised name
before an underscore ("Wikström_hemma"), is a handle someone chose, and most hold their name or
year of birth. Only tokens in lowercase after their first letter, with three letters or more
before the first separator, are taken (not the placeholders: "<EMAIL_ADDRESS_1>"), so
abbreviations ("t.ex."), versions ("v2.1"), file names ("faktura.pdf"), domains without digits
("telia.se"), the export's field names ("caller_number"), speaker ids ("spk_0") and ids a system made
("conv_7f3a91c2", "rec_20240101", "klang_page_2026": one separator only) are left; an e-mail address is the e-mail recognizer's.
A user name built from a name the call says is one too where log-ins are talked of ("Mona
Karlsson, monkar", "lisjoh2": the first letters of the first name and the surname; a child's
with a parent's surname, "sixobe11"; or both names whole, "emmalundgren"). Any token right
after the words for a user name is one too ("Användarnamnet är erikd_ske",
"profilen hette leobjork71", "användare ingermagnusson").
"""

from __future__ import annotations

import re
from functools import lru_cache

from presidio_analyzer import Pattern, PatternRecognizer

from recognizers.base import tagged_result
from recognizers.fold import unaccented
from recognizers.introduction import common_word, known_name
from recognizers.nicknames import nicknames
from recognizers.numbers import SMALL_NUMBER_WORDS

ENTITY = "USERNAME"
# a word of letters (and digits), then pieces joined by "_" or "."; not inside an e-mail address or a URL
# (not in an id read with its joiners as spaces or ";", "klang page_2026 11 24.json": where a number
# goes on after a space, or a ";" joins)
# (after a separator capitals too, as network names are written: "Sjögrens_5G", "Bergs_Wifi_5G")
_HANDLE_REGEX = r"(?<![\w@./;-])(?!www\.)[A-ZÅÄÖa-zåäö][a-zåäö0-9]+(?:[._][A-ZÅÄÖa-zåäö0-9]+)+(?![\w@/;-]|\.\w|[ ]+\d)"
_HANDLE = re.compile(_HANDLE_REGEX)
_SYSTEM_WORDS = frozenset(
    "spk speaker talare channel kanal agent caller customer kund user conv call rec seg segment track page file".split()
)
_FILE_ENDINGS = frozenset("pdf doc docx xls xlsx txt jpg jpeg png gif zip csv html htm exe".split())
# the words an export's field names are made of ("caller_number", "queue_name", "agent_id"): a token
# of these is a field, not a handle
_FIELD_WORDS = _SYSTEM_WORDS | frozenset(
    "number nr name id queue type status date time start end text phone mail email address key value count "
    "duration language lang direction created updated first last source target url path ref org company".split()
)


# a part of a system's own id: hex, or digits and letters mixed at length ("conv_7f3a91c2"); or six
# digits or more ("rec_20240101")
_GENERATED = re.compile(r"(?=[a-z]*\d)(?=\d*[a-z])[0-9a-z]{6,}")


def is_handle(token: str) -> bool:
    """A handle has a digit, or a capital and an underscore; not a file's name nor an id a system made."""
    parts = re.split(r"[._]", token)
    # one separator: more is a system's naming ("klang_page_2026", "export_2024_11"), unless a name
    # opens it ("Bergs_Wifi_5G"); capitals after a separator only so ("caller_ID" is a field's name)
    named = token[0].isupper() and "_" in token
    fielded = any(p.lower() in _FIELD_WORDS for p in parts)
    # three parts or more are a handle only with a name in them ("rosa_l_82", "erika_s_2004"), not a
    # system's naming ("klang_page_2026", "export_2024_11", "mina_sidor_v2")
    systems = fielded or not _holds_a_name(parts)
    if (
        _HANDLE.fullmatch(token) is None
        or (len(parts) > 2 and not named and systems)
        or parts[-1].lower() in _FILE_ENDINGS
        # three letters or more open it, or a title before a name: "r0bban_86", "dr_anders_m" (not
        # "v2_final", "eu_west_3")
        or (sum(ch.isalpha() for ch in parts[0]) < 3 and not (parts[0].lower() in _TITLES and _holds_a_name(parts[1:])))
    ):
        return False
    if not named and any(ch.isupper() for ch in token[1:]):
        return False
    if parts[0].lower() in _SYSTEM_WORDS:  # a speaker's or a record's id: "spk_0", "conv_12"
        return False
    if any(
        (_GENERATED.fullmatch(p) and sum(ch.isdigit() for ch in p) >= 3 and not _WORD_AND_NUMBER.fullmatch(p))
        or (p.isdigit() and len(p) >= 6)
        for p in parts[1:]
    ):
        return False
    # a digit, or a name and an underscore: "Wikström_hemma", "jonte_lundgren", "tommys_loppis"
    # ("caller_number" is a field's name, "session_timeout" a setting's, "gästnät_på_övervåningen" a
    # network's, "resa_till_thailand" a savings goal's)
    return any(ch.isdigit() for ch in token) or (
        "_" in token and (token[0].isupper() or _holds_a_name(parts) or _initialled(parts))
    )


def _initialled(parts: list[str]) -> bool:
    """A word and an initial: "nisse_e" (not a field's "point_x")."""
    return len(parts) == 2 and len(parts[1]) == 1 and parts[0].isalpha() and parts[0] not in _FIELD_WORDS


_TITLES = frozenset("dr mr ms".split())  # before a name: "dr_anders_m"
# a word with a number after it is a handle's part, not a system's id: "stjarna009" (not "7f3a91c2")
_WORD_AND_NUMBER = re.compile(r"[a-zåäö]{3,}\d{1,4}")


def _holds_a_name(parts: list[str]) -> bool:
    """A part of four letters or more is a first name, a surname or a nickname, also in the
    genitive ("tommys", "robbans"); not "max" of "max_connections"."""
    return any(
        len(p) >= 4 and any(known_name(w) or w in _nicknames() for w in (p.lower(), p.lower().removesuffix("s")))
        for p in parts
        if p.isalpha()
    )


@lru_cache(maxsize=1)
def _nicknames() -> frozenset[str]:
    return frozenset(n.lower() for n in nicknames())


# ... or any token said right after the words for a user name: "Användarnamnet är erikd_ske",
# "användarnamnet båtkalle59", "Ditt användarnamn är kolsson49" (not a default such as "admin")
# (its joiners and digits may be said: "tova understreck wester noll två")
_NAMED = re.compile(
    r"(?<![\w-])(?:användarnamn(?:et)?|användar-?id|inloggningsnamn(?:et)?|username|alias(?:et)?|användare|"
    # a marketplace's profile, by what it is called: "profilen hette leobjork71" (not "profilen är låst")
    r"(?P<profile>(?:profil(?:en|namnet)?|kontot)(?=[ ]+(?:heter|hette|är|var)\b))|"
    # ... or a social network's, by its name: "Via din profil på Linkedin, fredrikwahlberg-ops"
    # (or "på github heter jag asjo88")
    r"(?P<social>(?:(?:profil(?:en)?|konto(?:t)?)[ ]+)?på[ ]+(?:linkedin|instagram|facebook|tiktok|twitter|snapchat|github|youtube|x)"
    r"(?:,|[ ]+heter[ ]+(?:jag|han|hon|hen)\b)?|"
    # ... or one's own by the network's name, what it is for said between: "mitt instagram där jag
    # bokar gig är djsimbo underscore noll ett"
    r"(?:mitt|ditt|hans|hennes|min|din)[ ]+(?:instagram|tiktok|snapchat|youtube|github)(?:konto)?"
    r"(?:[ ]+(?:där|som)(?:[ ]+[a-zåäö]+){0,4}?)?(?=[ ]+(?:är|heter)\b))|"
    # what the log-in will be: "inloggningen blir emros01", "hon är inloggad som jennyfalk79" (with a digit)
    # (or the account itself, "användarkontot noahv underscore noll åtta", not "användarkontot spärrat")
    r"(?P<login>inloggningen(?=[ ]+(?:blir|är))|inloggad[ ]+som|användarkonto(?:t)?))"
    r"(?:[ ]+(?P<verb>är|blir|var|heter|hette))?[ :]+(?P<handle>[A-ZÅÄÖa-zåäö][\w.-]*[\w]"
    r"(?:[ ]+(?:understreck|underscore|punkt|bindestreck|streck)[ ]+[\w]+)*"
    rf"(?:[ ]+(?:{SMALL_NUMBER_WORDS})+(?![\w]))*)(?![\w@])",
    re.IGNORECASE,
)
# ... or right before them, with a digit or "_" (not "på Steam är mitt användarnamn ..."): "och
# sofiedahl99 är mitt användarnamn på ert forum"
_NAMED_BEFORE = re.compile(
    r"(?<![\w@.-])(?P<handle>[A-ZÅÄÖa-zåäö][\w.-]*[\d_][\w.-]*)[ ]+(?:är|var)[ ]+(?:mitt|ditt|hans|hennes|vårt|ert)[ ]+"
    r"(?:användarnamn|användar-?id|inloggningsnamn|alias)",
    re.IGNORECASE,
)
DEVICE_DEFAULTS = frozenset("admin administrator root user guest gäst".split())
# what a user name is said to be, not the name: "Användarnamnet är mejladressen", "... är samma"
_DESCRIBED = re.compile(r"adress|mejl|mail|e-?post|nummer|numret|namn|samma|bankid|freja", re.IGNORECASE)


# ... and the one said instead: "användarnamnet är maria.lundgren... eller mlundgren kanske"
_OR_ELSE = re.compile(
    r"[ ,.…]*eller(?:[ ]+(?:det|den)[ ]+(?:hette|heter|var))?[ ]+(?P<handle>[a-zåäö][\w.-]*\w)(?![\w@])"
)


_JOINED_OR_NUMBERED = re.compile(rf"\d|(?<![\w])(?:understreck|underscore|punkt|{SMALL_NUMBER_WORDS})(?![\w])", re.I)


def named_handles(text: str) -> list[tuple[int, int]]:
    """Tokens said right after the words for a user name, or right before "är mitt användarnamn",
    and one said instead after "eller": three characters or more, not a common word
    ("Användarnamnet är samma") nor a device's default ("admin")."""
    named = [*_NAMED.finditer(text), *_NAMED_BEFORE.finditer(text)]
    named += [alt for m in named if (alt := _OR_ELSE.match(text, m.end("handle")))]
    return [
        m.span("handle")
        for m in named
        if len(h := m.group("handle")) >= 3
        and h.lower() not in DEVICE_DEFAULTS
        # what the log-in is like is no name of it: "inloggningen är krånglig"
        and not (m.groupdict().get("login") and not _JOINED_OR_NUMBERED.search(h))
        # what a profile is, not what it is called: "profilen är låst", a thermostat's "Profilen heter
        # Eko" (a word alone only in lowercase after "heter")
        and not (
            m.groupdict().get("profile")
            and h.isalpha()
            # (no verb matched: the handle is the verb itself, "vet du vad profilen heter" ending a line)
            and ((m.group("verb") or "").lower() not in ("heter", "hette") or not h.islower())
        )
        and not (h.isalpha() and (common_word(h) or _DESCRIBED.search(h)))
        # a network's profile: a handle with a digit, "_", "." or "-" in it, not the next word ("profil
        # på Instagram och Facebook", "min profil på linkedin är uppdaterad")
        and not (m.groupdict().get("social") and not re.search(r"[\d_.-]", h) and not _SPELLED_IN_PARTS.search(h))
    ]


# Where a call talks of log-ins, letters glued to two digits said as what an account "står som" or
# what the "konto" is are a user name as systems make them from a name and a year or a counter ("Nour
# står som noukal11", "Här står jkorhonen93"), as is an external's "ext-warali"; a word a short answer
# says is written "ihop" is the one spelled in parts just before ("vale underscore rojas" / "nej ihop
# valerojas"). Not a common word, a thing a system numbers ("router02"), a folder ("tmp-filer") nor a
# verb with "ihop" ("räkna ihop", "jag blandar ihop det").
_LOG_IN_TALK = re.compile(r"användar|inlogg|logga(?:r)? in|står som|vpn|lösenord|konto", re.IGNORECASE)
_GLUED = re.compile(
    r"(?<![\w])(?:står(?:[ ]+(?:som|det|här))?|konto(?:t)?(?:[ ]+(?:är|heter))?|gamla)[ :]+"
    r"(?P<handle>[a-zåäö]{4,}\d{2}|ext-(?P<rest>[a-zåäö]{4,})\d*)(?![\w@-]|\.\w)",
    re.IGNORECASE,
)
_SAID_JOINED = re.compile(
    r"^(?:[^\W\d_][\w ]{0,20}:[ ]*)?(?:(?:nej|ja|bara)[ ,]+)+(?:ihop[ ,:]+(?P<after>[a-zåäö]{5,}\d*)|(?P<before>[a-zåäö]{5,}\d*)[ ,]+ihop)"
    r"[ .!]*$",
    re.IGNORECASE | re.MULTILINE,
)
# what a system names with a counter, not a person: "routern står som router02", "kontot står som hyresgast12"
_THINGS = tuple(
    "skrivare router server laptop dator boxen modem wifi hemmanet kamera mobil telefon surfplatta "
    "paket kurs sommar vinter höst kampanj incident felkod backup hyresgast gäst test admin".split()
)
_SPELLED_IN_PARTS = re.compile(r"\b(?:punkt|underscore|understreck|bindestreck)\b", re.IGNORECASE)


def talked_of_handles(text: str) -> list[tuple[int, int]]:
    """User names where log-ins are talked of, and a word a short answer says is written joined
    after it was spelled in parts."""
    out = [
        m.span("handle")
        for m in (_GLUED.finditer(text) if _LOG_IN_TALK.search(text) else ())
        if not common_word(word := m.group("rest") or m.group("handle")[:-2]) and not word.startswith(_THINGS)
    ]
    for m in _SAID_JOINED.finditer(text):
        group = "after" if m.group("after") else "before"
        said = m.group(group)
        if (
            not common_word(said)
            and said.lower() not in ("allting", "alltihop", "alltihopa")
            and _SPELLED_IN_PARTS.search(text, max(0, m.start() - 200), m.start())
        ):
            out.append(m.span(group))
    return out


# A user name an organisation builds from a person's name: the first letters of the first name and
# of the surname, perhaps a counter and a letter ("Mona Karlsson, monkar", "Jonny Åström" / "jonast",
# "lisjoh2", "noasve12b"), or both names whole ("Emma Lundgren" / "emmalundgren"), where the call
# names the person and talks of log-ins or accounts. Two to four letters of each, five letters or
# more in all, no common word. A child's user name takes a parent's surname: any first name the call
# says (one the lexicon knows, capitalised) goes with any full name's surname ("Maria Öberg, mamma
# till Sixten" / "sixobe11").
_FULL_NAME = re.compile(r"(?<![\w-])[A-ZÅÄÖ][a-zåäöéü]{2,}[ ]+[A-ZÅÄÖ][a-zåäöéü]{2,}(?![\w-])")
_FIRST_NAME = re.compile(r"(?<![\w-])[A-ZÅÄÖ][a-zåäöéü]{2,}(?![\w-])")
_BUILT_TOKEN = re.compile(r"(?<![\w@.-])(?P<letters>[a-zåäö]{5,20})(?:\d{1,2}[a-z]?)?(?![\w@-]|\.\w)")


def built_from_names(text: str) -> list[tuple[int, int]]:
    """Tokens made of the first letters of a first name and a surname the call says, or of both
    whole, where log-ins or accounts are talked of."""
    if _LOG_IN_TALK.search(text) is None:
        return []
    fulls = [[unaccented(w.lower()) for w in m.group().split()] for m in _FULL_NAME.finditer(text)]
    if not fulls:
        return []
    firsts = {f for f, _ in fulls} | {
        unaccented(m.group().lower()) for m in _FIRST_NAME.finditer(text) if known_name(m.group())
    }
    built = {f + last for f, last in fulls}
    for _, last in fulls:
        built |= {first[:i] + last[:j] for first in firsts for i in range(2, 5) for j in range(2, 5) if i + j >= 5}
    return [
        m.span()
        for m in _BUILT_TOKEN.finditer(text)
        if unaccented(m.group("letters").lower()) in built and not common_word(m.group("letters"))
    ]


class KlangHandleRecognizer(PatternRecognizer):
    PATTERNS = [Pattern("user or network name (written)", _HANDLE_REGEX, 0.5)]

    def __init__(self, supported_language: str = "sv"):
        super().__init__(
            supported_entity=ENTITY,
            patterns=self.PATTERNS,
            supported_language=supported_language,
            name=type(self).__name__,
            global_regex_flags=re.DOTALL | re.MULTILINE,  # case matters: "EMAIL_ADDRESS" is no handle
        )

    def may_match(self, text: str) -> bool:
        """Cheap gate: a handle has an underscore or a dot, or is named."""
        low = text.lower()
        return (
            "_" in text
            or "." in text
            or "namn" in low
            or "alias" in low
            or "profil" in low
            or "ihop" in low
            or _LOG_IN_TALK.search(text) is not None
        )

    def validate_result(self, pattern_text: str) -> bool | None:
        return is_handle(pattern_text)

    def analyze(self, text, entities, nlp_artifacts=None, regex_flags=None):
        found = super().analyze(text, entities, nlp_artifacts, regex_flags)
        seen = {(r.start, r.end) for r in found}
        named = [(s, e, "a token named a user name") for s, e in named_handles(text)]
        talked = [(s, e, "a user name where log-ins are talked of") for s, e in talked_of_handles(text)]
        built = [(s, e, "a user name built from a name in the call") for s, e in built_from_names(text)]
        out = found
        for s, e, why in named + talked + built:
            if (s, e) not in seen:
                seen.add((s, e))
                out.append(tagged_result(self, ENTITY, s, e, 0.6, why))
        return out
