"""EMAIL_ADDRESS in written and spoken form.

Written: "anna.berg@exempel.se". Presidio's own EmailRecognizer calls tldextract, which fetches the
public-suffix list over the network on first use; this one validates the shape locally instead.

Spoken (speech-to-text): "anna punkt berg snabel-a gmail punkt com", with the at-sign said as
"snabel-a" / "snabel a" / "snabela" / "at" / "kommersiellt a", dots as "punkt" or "prick", "-" as
"bindestreck"/"streck", "_" as "understreck"/"underscore", freely mixed with written parts
("anna.berg snabel-a exempel.se"), with a spelling or an aside before the at-sign ("g punkt
strand, s-t-r-a-n-d, at exempel punkt se"), and written obfuscations ("anna.berg [at] exempel [dot] se",
"anna.berg(at)exempel.se", "exempel . se"). The span covers exactly what was said, from the first part of
the local name to the top-level domain. Pieces are only joined by an explicit separator, so
"min mejl är anna punkt berg ..." starts at "anna". A spoken address must end in a known
top-level domain, which keeps "at" and "punkt" from matching ordinary speech.
"""

from __future__ import annotations

import re

from presidio_analyzer import Pattern, PatternRecognizer

from recognizers.heuristics import mentions
from recognizers.introduction import common_word
from recognizers.numbers import SMALL_NUMBER_WORDS, words_to_digits

ENTITY = "EMAIL_ADDRESS"

WRITTEN_REGEX = r"(?<![\w.+-])[A-Za-z0-9ÅÄÖåäöéü._%+-]{1,64}@[A-Za-z0-9ÅÄÖåäö-]{1,63}(?:\.[A-Za-z0-9ÅÄÖåäö-]{1,63})*\.[A-Za-z]{2,24}(?![\w@])"
_TLD = re.compile(r"\.([A-Za-z]{2,24})$")

# Top-level domains a spoken address may end in (what Swedish callers actually use).
SPOKEN_TLDS = [
    "com",
    "se",
    "nu",
    "net",
    "org",
    "eu",
    "info",
    "io",
    "biz",
    "fi",
    "dk",
    "no",
    "de",
    "uk",
    "me",
    "co",
    "online",
    "email",
    "mail",
    "s e",  # spelled
    "kom",  # speech-to-text of "com"
]

# One piece of an address: letters/digits with written separators inside ("anna.berg", "a_b-c").
_PIECE = r"[a-z0-9åäöéü]+(?:[._-][a-z0-9åäöéü]+)*"
SPOKEN_SEP_WORDS = r"punkt|prick|bindestreck|streck|understreck|underscore"
# Written obfuscations: "namn [at] exempel [dot] se", "namn(at)exempel.se".
_BRACKETED_DOT = r"[ ]*[\[(][ ]*(?:dot|punkt)[ ]*[\])][ ]*"
_BRACKETED_AT = r"[ ]*[\[(][ ]*(?:at|snabel[- ]?a)[ ]*[\])][ ]*"
# Between pieces: a spoken separator word (with spaces) or a written one.
_SEP = rf"(?:[ ]+(?:{SPOKEN_SEP_WORDS})[ ]+|{_BRACKETED_DOT}|[._-])"
_DOMAIN_SEP = rf"(?:[ ]+(?:punkt|prick|dot|bindestreck|streck)[ ]+|{_BRACKETED_DOT}|[ ]+\.[ ]+|[.-])"
# The at-sign said in Swedish; "at" alone is English too, so a domain is not taken after it alone.
_SWEDISH_AT_WORDS = r"snabel[- ]?a|kommersiellt[ ]+a|kommersiella[ ]+a"
AT_WORDS = rf"{_SWEDISH_AT_WORDS}|at"
# "snabel-a... live punkt se"; between commas: "gunnis55, snabel-a, gmail punkt com" (a comma before it
# alone ends an aside: "hela efternamnet, snabel-a outlook punkt com")
# ... and pauses on both sides: "r.holmgren77 ... snabel-a ... yahoo punkt se"
_AT = (
    rf"(?:[ ]*@[ ]*|{_BRACKETED_AT}|[ ]+(?:{AT_WORDS})(?:\.\.\.|…)?[ ]+|,[ ]+(?:{AT_WORDS}),[ ]+"
    rf"|[ ]*(?:\.\.\.|…)[ ]*(?:{_SWEDISH_AT_WORDS})[ ]*(?:\.\.\.|…)[ ]*)"
)
_TLD_ALT = "|".join(SPOKEN_TLDS)
# A spelling or an aside between the name and the at-sign: "g punkt strand, s-t-r-a-n-d, at ...",
# "rasmus punkt holm, med ett M, at ..."; it is part of what was said.
_ASIDE = r"(?:(?:,[ ]+(?:[a-zåäö](?:[ -][a-zåäö]){2,}|med (?:ett |två |dubbelt? |dubbel-)?[a-zåäö]{1,2}|alltså|eh|öh)){1,2},)?"
# A number said after the name, with no separator: "jonas punkt lindahl sjuttiosex snabel-a ...".
_NUMBER_WORD = SMALL_NUMBER_WORDS
_SAID_NUMBER = rf"(?:[ ]+(?:\d{{1,4}}|(?:{_NUMBER_WORD})+)(?![\w]))?"
# The domain spelled after it: "at outlook, o-u-t-l-o-o-k, punkt com".
_SPELLING = r",[ ]+[a-zåäö](?:[ -][a-zåäö]){2,},"
# Words said to be written together: "villa solbacken ihopskrivet snabel-a ..."
_TOGETHER = r"ihopskrivet|ihopskrivna|i ett ord"
_SPOKEN_REGEX = (
    rf"(?<![\w.@-])(?:{_PIECE}(?:[ ]+{_PIECE}){{1,2}}[ ]+(?:{_TOGETHER})|{_PIECE}(?:{_SEP}{_PIECE}){{0,6}}{_SAID_NUMBER})"
    rf"{_ASIDE}(?:\.\.\.|…)?{_AT}"
    rf"{_PIECE}(?:{_SPELLING})?(?:{_DOMAIN_SEP}{_PIECE}){{0,4}}{_DOMAIN_SEP}(?:{_TLD_ALT})(?![\w@]|[.-]\w)"
)

# The domain said with its at-word, where the name before it is not joined to it (an aside too long,
# a name given in the turn before: "...snabel-a telia punkt com."): "..., alltså s j ö b e r g, snabel-a
# outlook punkt com". An at-word
# said aloud is only ever part of an address ("at" alone is English too, and is left out).
_SPOKEN_DOMAIN_REGEX = (
    rf"(?<![\w@-])(?<!\w\.)(?:{_SWEDISH_AT_WORDS})(?:\.\.\.|…)?[ ]+"
    rf"{_PIECE}(?:{_SPELLING})?(?:{_DOMAIN_SEP}{_PIECE}){{0,4}}{_DOMAIN_SEP}(?:{_TLD_ALT})(?![\w@]|[.-]\w)"
)
_SPOKEN_DOMAIN = re.compile(_SPOKEN_DOMAIN_REGEX, re.IGNORECASE)

# The address with "på" (or "at") for the at-sign before a webmail provider: "hannalindqvist97, på
# gmail", "hugo.lindberg på outlook.com", "stinaholm123 at gmail"; the name has a digit, dot, underscore or hyphen ("jobbar på
# telia" is no address).
_PROVIDERS = ("gmail", "hotmail", "outlook", "yahoo", "icloud", "live", "msn", "protonmail")
_ON_PROVIDER_REGEX = (
    r"(?<![\w.@-])(?=[a-z0-9._-]*[0-9._-])[a-z][a-z0-9._-]*[a-z0-9],?[ ]+(?:på|at)[ ]+"
    rf"(?:{'|'.join(_PROVIDERS)})(?:(?:\.|[ ]+(?:punkt|dot)[ ]+)(?:com|se|nu))?(?![\w@]|[.-]\w)"
)
_ON_PROVIDER = re.compile(_ON_PROVIDER_REGEX, re.IGNORECASE)

# The name alone before the at-word, the rest withdrawn, said later or never: "nyberg77 snabel-a... nej,
# det är ..."; or said again to be written together: "annakarin.wik@gmail.com, annakarin i ett ord".
# A common word before it is no name ("och sen snabel-a", "med snabel-a"), nor an aside ending with a
# comma ("Kalle sjuttiofyra, ja, det är mitt födelseår, snabel-a ...").
_NAME_BEFORE_AT_REGEX = (
    rf"(?<![\w.@-]){_PIECE}(?:{_SEP}{_PIECE}){{0,6}}"
    rf"(?=(?:\.\.\.|…)?[ ]+(?:{_SWEDISH_AT_WORDS})(?![\w-])|[ ]+(?:{_TOGETHER})(?![\w]))"
)
_NAME_BEFORE_AT = re.compile(_NAME_BEFORE_AT_REGEX, re.IGNORECASE)
_LOCAL_NAME = re.compile(_PIECE)  # one piece of an address, as written: what a name must be


def _name_before_at(said: str) -> bool:
    written = written_form(said)
    return (
        len(written) > 1
        and _LOCAL_NAME.fullmatch(written) is not None
        and (re.search(r"[\d._-]", written) is not None or not common_word(written))
    )


_SPOKEN_TO_WRITTEN = [
    (re.compile(rf",?[ ]+på[ ]+(?=(?:{'|'.join(_PROVIDERS)})\b)", re.I), "@"),  # "hannalindqvist97, på gmail"
    (re.compile(_SPELLING, re.I), ""),  # a spelling said beside a piece is no part of the address
    (re.compile(rf"[ ]+(?:{_TOGETHER})(?=[ ])", re.I), ""),
    (re.compile(r"\.\.\.|…"), ""),  # a pause: "lindahl sjuttiosex... snabel-a"
    (re.compile(_BRACKETED_AT, re.I), "@"),
    (re.compile(_BRACKETED_DOT, re.I), "."),
    (re.compile(r"[ ]+\.[ ]+"), "."),
    (re.compile(rf"[ ]+(?:{AT_WORDS})[ ]+|,[ ]+(?:{AT_WORDS}),[ ]+", re.I), "@"),
    (re.compile(r"[ ]+(?:understreck|underscore)[ ]+", re.I), "_"),
    (re.compile(r"[ ]+(?:bindestreck|streck)[ ]+", re.I), "-"),
    (re.compile(r"[ ]+(?:punkt|prick|dot)[ ]+", re.I), "."),
    (re.compile(r"[ ]*@[ ]*"), "@"),
]

CONTEXT = [
    "e-post",
    "epost",
    "mejl",
    "mail",
    "mailadress",
    "e-postadress",
    "mejladress",
    "adress",
    "e-postadressen",
    "mejladressen",
    "mailen",
    "mejlen",
]


_NUMBER_BEFORE_AT = re.compile(
    rf"(?<=[ ])(?:{_NUMBER_WORD})+(?:[ ](?:{_NUMBER_WORD})+)*(?=(?:\.\.\.|…)?[ ]+(?:{AT_WORDS})[ ])", re.IGNORECASE
)


def written_form(text: str) -> str:
    """The written address a spoken (or mixed) one stands for, lowercased."""
    out = " " + " ".join(text.split())  # " snabel-a outlook punkt com" is "@outlook.com"
    out = _NUMBER_BEFORE_AT.sub(lambda m: words_to_digits(m.group(0)) or m.group(0), out)
    for rx, repl in _SPOKEN_TO_WRITTEN:
        out = rx.sub(repl, out)
    return out.replace(" ", "").lower()


def canonical(text: str) -> str:
    return written_form(text.strip())


def is_valid_address(written: str) -> bool:
    local, _, domain = written.rpartition("@")
    if not local or "@" in local or local.startswith(".") or local.endswith(".") or ".." in written:
        return False
    return bool(_TLD.search(domain))


_WRITTEN_WHOLE = re.compile(rf"^{WRITTEN_REGEX}$")


def is_written_address(text: str) -> bool:
    """The whole text is one written e-mail address of a valid shape (what an officer types)."""
    return _WRITTEN_WHOLE.match(text) is not None and is_valid_address(written_form(text))


class KlangEmailRecognizer(PatternRecognizer):
    PATTERNS = [
        Pattern("email (written)", WRITTEN_REGEX, 0.5),
        Pattern("email (spoken)", _SPOKEN_REGEX, 0.6),
        Pattern("email domain (spoken)", _SPOKEN_DOMAIN_REGEX, 0.5),
        Pattern("email with på (spoken)", _ON_PROVIDER_REGEX, 0.5),
        Pattern("email name before the at-word (spoken)", _NAME_BEFORE_AT_REGEX, 0.5),
    ]

    def __init__(self, supported_language: str = "sv"):
        super().__init__(
            supported_entity=ENTITY,
            patterns=self.PATTERNS,
            context=CONTEXT,
            supported_language=supported_language,
            name=type(self).__name__,
        )

    def may_match(self, text: str) -> bool:
        """Cheap gate for the detector: an address has an "@", a spoken or bracketed at-word, or a
        webmail provider's name."""
        return "@" in text or mentions(text, ("snabel", "kommersiell", " at ", "(at", "[at", *_PROVIDERS))

    def validate_result(self, pattern_text: str) -> bool | None:
        return (
            is_valid_address(written_form(pattern_text))
            or _SPOKEN_DOMAIN.fullmatch(pattern_text) is not None
            or _ON_PROVIDER.fullmatch(pattern_text) is not None
            or _name_before_at(pattern_text)
        )
