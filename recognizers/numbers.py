"""Spoken and spaced numbers: Swedish number words to digits, with the way back to the words.

Speech-to-text writes numbers as digits ("850312-4238", "85 03 12 42 38"), as words
("åttiofem noll tre tolv fyrtiotvå trettioåtta", "noll sju noll ett två tre fyrtiofem sextiosju")
or mixed ("850312 fyrtiotvå trettioåtta"), with fillers in the middle ("åttiofem eh noll tre"),
pauses written as commas or "...", and sometimes split over two turns with a back-channel in
between ("Kund: 850312\\nAgent: Mm.\\nKund: 4238"). This module turns all of that into digits for the
digit-based recognizers and maps every match back to the exact characters of what was said.

Number words: units (noll, ett/en, två, ... nio; the digit names nolla, etta, tvåa, ...), teens
(tio ... nitton, aderton), tens with the spoken variants ASR writes (tjugo/tjugu/tjugi/tjuge,
trettio/tretti, fyrtio/förtio/förti/fyrti, ...), compounds in one word or two ("tjugoen",
"tjugoett", "tjugo en", "tjugi tre"), hundreds and thousands ("etthundratjugotre", "ett hundra
tjugotre", "nittonhundraåttiofem", "tvåtusen tjugofyra"). A phrase without hundra/tusen is read as
digits in order ("noll tre" -> "03", "tolv" -> "12"), a phrase with them as its value
("femhundratrettiotvå" -> "532").

Two views of a text:

- `runs(text)`: the text's *digit runs*: sequences of tokens (a written digit group or a spoken
  number phrase) separated only by spaces, "-", "+", ", ", "...", a spoken dash ("streck"),
  fillers ("eh", "öh", "ehm", "alltså", ...) or a turn change with at most one short back-channel turn in between. Each token
  knows its digits and its exact span in the text. Digit recognizers search *windows* (consecutive
  tokens of one run) whose digits validate (Luhn, calendar, numbering plan), so
  "... trettioåtta tre gånger" still yields the personnummer before "tre".
- `digit_view(text)`: the whole text with every spoken phrase replaced by its digits (consecutive
  phrases of one run joined without spaces, fillers between them dropped) and a `to_original`
  mapping, for regex-based matching on digits.

The recognizers' base class for these forms is `recognizers.base.DigitWindowRecognizer`; the
context heuristics around numbers (reference words, which identifier the call talks about,
dates and times) are in `recognizers.heuristics`.

Speed: the text is scanned once with one precompiled regex for candidate tokens (digits or a
word made of number-word parts); texts without digits or number words cost one failed search.
Word parses are cached; results per text are cached (several recognizers ask for the same text).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from recognizers.fold import ascii_digits, fold_text

# ---- lexicon ---------------------------------------------------------------------------------

UNIT_WORDS: dict[str, int] = {
    "noll": 0,
    "nolla": 0,
    "ett": 1,
    "en": 1,
    "etta": 1,
    "två": 2,
    "tvåa": 2,
    "tre": 3,
    "trea": 3,
    "fyra": 4,
    "fyran": 4,
    "fem": 5,
    "femma": 5,
    "sex": 6,
    "sexa": 6,
    "sju": 7,
    "sjua": 7,
    "åtta": 8,
    "åttan": 8,
    "nio": 9,
    "nia": 9,
    "nie": 9,
}
TEEN_WORDS: dict[str, int] = {
    "tio": 10,
    "tie": 10,  # spoken, as "nie" for nio
    "elva": 11,
    "tolv": 12,
    "tretton": 13,
    "fjorton": 14,
    "femton": 15,
    "sexton": 16,
    "sjutton": 17,
    "arton": 18,
    "aderton": 18,
    "nitton": 19,
}
TENS_WORDS: dict[str, int] = {
    "tjugo": 20,
    "tjugu": 20,
    "tjugi": 20,
    "tjuge": 20,
    "tju": 20,
    "trettio": 30,
    "tretti": 30,
    "tretty": 30,
    "trätti": 30,
    "fyrtio": 40,
    "förtio": 40,
    "förti": 40,
    "fyrti": 40,
    "fyrtie": 40,
    "femtio": 50,
    "femti": 50,
    "sextio": 60,
    "sexti": 60,
    "sjuttio": 70,
    "sjutti": 70,
    "åttio": 80,
    "åtti": 80,
    "nittio": 90,
    "nitti": 90,
}
# English, for callers who give their numbers in English ("eighty-six eleven twenty-one", "two
# three eight seven"): the Swedish words stay the canonical ones (listed first).
_ENGLISH_UNITS = {"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8}
_ENGLISH_UNITS |= {"nine": 9}
_ENGLISH_TEENS = {"ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15}
_ENGLISH_TEENS |= {"sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19}
_ENGLISH_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80}
_ENGLISH_TENS |= {"ninety": 90}
UNIT_WORDS |= _ENGLISH_UNITS
TEEN_WORDS |= _ENGLISH_TEENS
TENS_WORDS |= _ENGLISH_TENS
HUNDRED_WORDS = {"hundra": 100}
THOUSAND_WORDS = {"tusen": 1000}


def _other_language(units: str, teens: str, tens: str, hundreds: str = "", thousands: str = "") -> dict[str, str]:
    """A language's number words as the Swedish words they stand for: units 0-9, teens 10-19,
    tens 20-90 and hundreds 200-900 in order, "/" between spellings of one value."""
    swedish = (
        ("noll ett två tre fyra fem sex sju åtta nio", units),
        ("tio elva tolv tretton fjorton femton sexton sjutton arton nitton", teens),
        ("tjugo trettio fyrtio femtio sextio sjuttio åttio nittio", tens),
        ("tvåhundra trehundra fyrahundra femhundra sexhundra sjuhundra åttahundra niohundra", hundreds),
    )
    out = {word: "tusen" for word in thousands.split()}
    for ours, theirs in swedish:
        for sv, spellings in zip(ours.split(), theirs.split()):
            out |= {word: sv for word in spellings.split("/") if word != "-"}
    return out


def _nordic_compounds() -> dict[str, str]:
    """Norwegian tens and a unit in one word ("tjueto", "syttifem": 22, 75) and Danish or old
    Norwegian a unit "og" tens ("toogtyve", "femoghalvtreds": 22, 55), as Swedish compounds."""
    units = {"en": "ett", "et": "ett", "ett": "ett", "to": "två", "tre": "tre", "fire": "fyra", "fem": "fem"}
    units |= {"seks": "sex", "sju": "sju", "syv": "sju", "åtte": "åtta", "otte": "åtta", "ni": "nio"}
    tens = {"tjue": "tjugo", "tretti": "trettio", "førti": "fyrtio", "femti": "femtio", "seksti": "sextio"}
    tens |= {"sytti": "sjuttio", "åtti": "åttio", "nitti": "nittio"}
    danish_tens = {"tyve": "tjugo", "tredive": "trettio", "tredve": "trettio", "fyrre": "fyrtio", "førti": "fyrtio"}
    danish_tens |= {"halvtreds": "femtio", "femti": "femtio", "tres": "sextio", "halvfjerds": "sjuttio"}
    danish_tens |= {"firs": "åttio", "halvfems": "nittio"}
    out = {t + u: sv_t + sv_u for t, sv_t in tens.items() for u, sv_u in units.items()}
    return out | {u + "og" + t: sv_t + sv_u for t, sv_t in danish_tens.items() for u, sv_u in units.items()}


# Persian, romanised (not "do", "se", "si", "haft": English and Swedish words, see _AMBIGUOUS;
# "hazar", a name)
_PERSIAN = _other_language(
    "- yek - - chahar/chahaar panj shesh/shash - hasht noh",
    "dah yazdah davazdah sizdah chahardah panzdah shanzdah hefdah hijdah noozdah",
    "bist - chehel panjah shast haftad hashtad navad",
    "devist sisad chaharsad pansad sheshsad haftsad hashtsad nohsad",
)
# Norwegian and Danish (the words Swedish shares left out; "to", "ni", "et", "fire": _AMBIGUOUS)
_NORDIC = {
    **_other_language(
        "null/nul - - - - - seks syv åtte/otte -",
        "- elleve - tretten - femten seksten sytten atten nitten",
        "tjue/tyve tredive/tredve førti/forti/fyrre halvtreds seksti sytti/halvfjerds firs halvfems",
    ),
    **{word: "hundra" for word in ("hundre", "hundrede")},
    "tusind": "tusen",
    **(_NORDIC_COMPOUNDS := _nordic_compounds()),
}
# Tigrinya, romanised ("hade", 1, is Swedish: _AMBIGUOUS; "asser", 10, "hamsa" and "susa", 50 and
# 60, names; "arba'a", 40, Arabic 4)
_TIGRINYA = _other_language(
    "bado - kilte seleste arbaete hamushte shidushte/shedushte shewate shemonte tesh'ate/teshate",
    "",
    "esra/'esra selasa - - - sebe'a semanya -",
)
# Number words that are everyday Swedish or English words too ("ni", "to", "du", "se", "hade"):
# a number only in a line that says a number word only their language has (for a Norwegian or a
# Dane: any line of theirs), and only right beside a number word of their language or another
# such word ("to tre ni syv", "du se noh du"; not "Har ni nummer sju?", "tjugotre nittio, ni har").
_LANGUAGES: dict[str, dict[str, str]] = {"nordic": _NORDIC, "persian": _PERSIAN, "tigrinya": _TIGRINYA}
_AMBIGUOUS: dict[str, tuple[str, str]] = {
    **{w: (sv, "nordic") for w, sv in {"to": "två", "ni": "nio", "et": "ett", "fire": "fyra", "ti": "tio"}.items()},
    **{w: (sv, "persian") for w, sv in {"du": "två", "do": "två", "se": "tre", "haft": "sju", "si": "trettio"}.items()},
    "hade": ("ett", "tigrinya"),
}
# ... and the Swedish number words a Norwegian or a Dane says too ("to tre", "femti en")
_SHARED = {"nordic": frozenset("en ett tre fem sju tolv fjorten tretti femti åtti nitti".split())}


# Numbers said in the caller's own language, as an interpreted call has them ("Dwa zero jeden
# dziewięć", "Dvadeset tri, osamdeset dva", "Seitsemänkymmentäseitsemän", "laba saddex siddeed"):
# Spanish, Polish, Bosnian/Croatian/Serbian, Finnish, Norwegian and Danish ("to tre ni syv",
# "femoghalvtreds"), and Somali, Arabic, Persian and Tigrinya as Latin letters write them
# ("kilte seleste shemonte"), read as the Swedish words they stand for (English is above).
# Not the words that are Swedish or English too ("sto", "mil", "once", "una"); "-" where one is left.
# Written with their letters and as the detection view folds them ("dziewięć", "dziewiec").
OTHER_LANGUAGES: dict[str, str] = {
    **_other_language(  # Spanish
        "cero uno dos tres/trés cuatro cinco seis siete ocho nueve",
        "diez - doce trece catorce quince dieciséis diecisiete dieciocho diecinueve",
        "veinte/veinti treinta cuarenta cincuenta sesenta setenta ochenta noventa",
        "doscientos trescientos cuatrocientos quinientos seiscientos setecientos ochocientos novecientos",
    ),
    **_other_language(  # Polish
        "- jeden dwa trzy cztery pięć sześć siedem osiem dziewięć",
        "dziesięć jedenaście dwanaście trzynaście czternaście piętnaście szesnaście siedemnaście osiemnaście"
        " dziewiętnaście",
        "dwadzieścia trzydzieści czterdzieści pięćdziesiąt sześćdziesiąt siedemdziesiąt osiemdziesiąt dziewięćdziesiąt",
        "dwieście trzysta czterysta pięćset sześćset siedemset osiemset dziewięćset",
        "tysiąc tysiące tysięcy",
    ),
    **_other_language(  # Bosnian, Croatian, Serbian
        "nula jedan/jedna dva/dvije tri četiri pet šest sedam osam devet",
        "deset jedanaest dvanaest trinaest četrnaest petnaest šesnaest sedamnaest osamnaest devetnaest",
        "dvadeset trideset četrdeset pedeset šezdeset/šestdeset sedamdeset osamdeset devedeset",
        "dvjesto/dvesta tristo četiristo petsto šeststo sedamsto osamsto devetsto",
        "hiljadu hiljada hiljade tisuću tisuća tisuće",
    ),
    **_other_language(  # Finnish (its "nolla" is Swedish too)
        "- yksi kaksi kolme neljä viisi kuusi seitsemän kahdeksan yhdeksän",
        "kymmenen yksitoista kaksitoista kolmetoista neljätoista viisitoista kuusitoista seitsemäntoista"
        " kahdeksantoista yhdeksäntoista",
        "kaksikymmentä kolmekymmentä neljäkymmentä viisikymmentä kuusikymmentä seitsemänkymmentä"
        " kahdeksankymmentä yhdeksänkymmentä",
        "kaksisataa kolmesataa neljäsataa viisisataa kuusisataa seitsemänsataa kahdeksansataa yhdeksänsataa",
        "tuhat tuhatta",
    ),
    **_other_language(  # Somali, as Latin letters write it (not "shan", 5, a name too; "konton", 50, "accounts")
        "eber kow laba saddex/sadex afar - lix toddoba/todoba siddeed/sideed sagaal",
        "toban",
        "labaatan soddon afartan - lixdan toddobaatan siddeetan sagaashan",
    ),
    **_other_language(  # Arabic, romanised (not "sitta", Swedish "sit"; "wahid" and "saba", names too)
        "sifr/sefr waahid/wahed ithnaan/ithnayn/ithnaa/itnein/itnen thalatha/thalaatha/talata arbaa/arbaaa"
        " khamsa/khamse - sabaa/sabaah thamaniya/thamaaniya/tamanya tisaa/tisaah",
        "ashara/ashra",
        "ishreen/ishrin/eshrin thalathin/thalatheen arbaeen/arbain khamsin/khamseen sittin/sitteen sabeen/sabein"
        " thamanin/thamaneen tisin/tiseen",
    ),
    **_PERSIAN,
    **_NORDIC,
    **_TIGRINYA,
    **_other_language(  # Levantine Arabic, romanised
        "- wahad tnein/tnen tlete/tlate arba'a - sitte sab'a tmenye/tmanye/tamanye tis'a",
        "'ashra hda'sh/ihda'sh tna'sh/itna'sh tlatta'sh/tletta'sh arba'ta'sh/arbata'sh khamsta'sh sitta'sh"
        " saba'ta'sh/sabata'sh tamanta'sh/tmenta'sh tisa'ta'sh/tisata'sh",
        "'ishrin/ishrin talatin/tlatin arba'in khamsin/khamseen sittin sab'in tmenyin/tamanin tis'in",
    ),
    "cien": "hundra",  # Spanish "cien"/"ciento": a hundred (not Finnish "sata", a computer's SATA too)
    "ciento": "hundra",
    "boqol": "hundra",  # Somali: a hundred
}
OTHER_LANGUAGES |= {fold_text(word): sv for word, sv in OTHER_LANGUAGES.items()}
OTHER_LANGUAGES |= {word.replace("'", "’"): sv for word, sv in OTHER_LANGUAGES.items() if "'" in word}  # "sab’a"
# Units allowed as the second part of a tens compound ("tjugoen", "tjugoett", "fyrtiotvå").
COMPOUND_UNITS = {"ett": 1, "en": 1, "två": 2, "tre": 3, "fyra": 4, "fem": 5, "sex": 6, "sju": 7, "åtta": 8, "nio": 9}
# Digit-name forms ("nolla", "sjua") and "tju"/"nie" stand alone only, never inside a compound.
# The digits' words, as one alternation for patterns: "noll", "ett", "en", "två", ... "nio"
DIGIT_WORD = "(?:noll|" + "|".join(COMPOUND_UNITS) + ")"
STANDALONE_ONLY = {"nolla", "etta", "tvåa", "trea", "fyran", "femma", "sexa", "sjua", "åttan", "nia", "nie", "tju"}

# The standard form of each value (the first listed above), for generators of spoken numbers.
_CANONICAL: dict[int, str] = {}
for _words in (UNIT_WORDS, TEEN_WORDS, TENS_WORDS):
    for _w, _v in _words.items():
        _CANONICAL.setdefault(_v, _w)


def number_words(n: int) -> str:
    """0-99 said as one number ("sju", "tolv", "fyrtiotvå"), as the readings below take it."""
    if n in _CANONICAL:
        return _CANONICAL[n]
    tens, ones = divmod(n, 10)
    return _CANONICAL[tens * 10] + _CANONICAL[ones]


FILLERS = [
    "eh",
    "eeh",
    "ehh",
    "ehm",
    "öh",
    "ööh",
    "öhh",
    "öhm",
    "äh",
    "ähm",
    "hm",
    "hmm",
    "mm",
    "mhm",
    "asså",
    "alltså",
    "va",
    "vänta",
    "liksom",
    "typ",
]

_L = "a-zA-ZåäöÅÄÖéÉüÜąćęłńóśźżčšžđñíĄĆĘŁŃÓŚŹŻČŠŽĐÑÍ"


def _alt(words: Iterable[str]) -> str:
    """The words as one regex group, longest match first, as a trie: "sex(?:tio|ton)?" rather than
    "sextio|sexton|sex", so a position no word starts at fails at its first letter, however many
    words there are (the number words of five languages)."""
    trie: dict[str, dict] = {}
    for word in set(words):
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def group(node: dict[str, dict]) -> str:
        branches = [re.escape(ch) + group(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        return "(?:" + "|".join(branches) + ")" + ("?" if "" in node else "")

    return group(trie)


# Number words below a hundred, as a regex alternation ("sjuttiotvå" is two of them glued)
SMALL_NUMBER_WORDS = _alt({*UNIT_WORDS, *TEEN_WORDS, *TENS_WORDS})
# "ettusen" is "ett" + "tusen" with one "t" dropped, as Swedish writes it ("ettusenett": 1001)
_ONE_THOUSAND = "ettusen"
_PARTS = [*UNIT_WORDS, *TEEN_WORDS, *TENS_WORDS, *HUNDRED_WORDS, *THOUSAND_WORDS, _ONE_THOUSAND, *OTHER_LANGUAGES]
# One number said in one word or written in digits ("fyrahundratolv", "412"), for patterns to build on
NUMBER_WORD = rf"(?:\d+|(?:{_alt(_PARTS)})+)(?![{_L}\d])"
_PART_RX = re.compile(_alt(_PARTS))
# A Norwegian compound may start a Swedish one ("åttiet" in "åttiett", "nittini" in "nittinio")
_SWEDISH_PART_RX = re.compile(_alt(p for p in _PARTS if p not in _NORDIC_COMPOUNDS))
# A candidate token: a run of digits, or one word made only of number-word parts.
# A digit said twice: "dubbel-fem", "dubbelnolla", "dubbel sju" (55, 00, 77)
_DOUBLE = rf"dubbel[- ]?(?:{_alt(UNIT_WORDS)})(?![{_L}\d])"
_TOKEN_RX = re.compile(rf"\d+|(?<![{_L}\d]){_DOUBLE}|(?<![{_L}\d])(?:{_alt(_PARTS)})+(?![{_L}\d])", re.IGNORECASE)
_QUICK_RX = re.compile(rf"\d|(?<![{_L}])(?:{_alt(_PARTS)})", re.IGNORECASE)
# "and" between a unit and the tens after it ("arba'a w tis'in", "kow iyo toban", "tnein wa 'ishrin")
_UNIT_AND = re.compile(r"[ \t]+(?:w|wa|iyo)[ \t]+", re.IGNORECASE)
_TENS_AND_TEN = frozenset(range(10, 100, 10))
_WORD_RX = re.compile(rf"[{_L}'’]+")
_AMBIGUOUS_RX = re.compile(rf"(?<![{_L}\d'’])(?:{_alt(_AMBIGUOUS)})(?![{_L}\d'’])", re.IGNORECASE)

# Between two tokens of one run, inside a turn.
_FILLER_ALT = _alt(FILLERS)
# "streck"/"bindestreck" is how people say the dash of a personnummer ("850312 streck 4238").
# Also the separators people write between digit groups: "880413.2382", "880413/2382",
# "880413_2382", "070:1740618", "031|3900657", "070~1740605" (no space around ":", "|", "~", so
# a speaker label "Talare 2: 811218" never joins), "(070) 174 06 05", and a line break inside a turn (a "." or "_" with a space on
# one side only is a sentence end or a word, not a separator).
_GAP_RX = re.compile(
    rf"(?:[ \t]+|[-–+](?![-–+])|,(?=[ \t])|\.\.\.|…|(?<![{_L}])(?:{_FILLER_ALT}|streck|bindestreck|snedstreck|dash"
    # "and" between the parts of a number in Norwegian and Danish, Arabic, Somali, Persian:
    # "femti en og så to", "arba'in w tnein", "haftad-o noh"
    rf"|og(?:[ \t]+så)?|w|wa|iyo|(?<=-)o)(?![{_L}]))+"
    rf"|[._:|~]|[ \t]+[._][ \t]+|[ \t]*[()/][ \t]*|[ \t]*\r?\n[ \t]*"
    # a pause and "(och) sen" go on with the same number: "femtiotvå elva tjugotre... och sen arton sextiofyra"
    # (and "å sen" as it is spoken: "fyrtiofem sextiosju åttionio... å sen sex")
    rf"|[ \t]*(?:\.\.\.|…)[ \t]*,?[ \t]*(?:(?:och|å)[ \t]+)?sen,?[ \t]+",
    re.IGNORECASE,
)
# "(och) sen" without a pause goes on with a number of THEN_DIGITS or more ("fyrtiotre noll två
# fjorton och sen fyrtiosex nittioåtta", "840118, sen 2392"); after a shorter one it is the next
# number ("Det var 12 och sen 14 stycken.", "Nittiotre och sen fem.")
_THEN_GAP = re.compile(r",?[ \t]+(?:ja,?[ \t]+)?(?:och[ \t]+)?sen,?[ \t]+", re.IGNORECASE)  # "... ja och sen ..."
THEN_DIGITS = 4
# ... and a "ja" the speaker says to themself after three digits or more ("noll sjuttiosex ja
# åttahundrafyrtiofyra eh tjugo tjugo")
_YES_GAP = re.compile(r",?[ \t]+ja,?[ \t]+", re.IGNORECASE)
YES_DIGITS = 3
# ... and a birth date goes on with its last four: "personnummer 20160815, och sista fyra 2383" (the
# words between hold a number word, "fyra", that is no digit of it)
_LAST_FOUR = re.compile(
    r",?[ \t]+(?:och[ \t]+)?(?:de[ \t]+|dom[ \t]+)?sista(?:[ \t]+fyra)?(?:[ \t]+är)?,?[ \t]+(?!fyra(?![\w]))",
    re.IGNORECASE,
)
BIRTH_DATE_DIGITS = (6, 8)
# "och sen en massa stjärnor", "och sen ett streck": an article after "sen", not the number going
# on as in "och sen ett två tre"
_THEN_ARTICLE = re.compile(
    rf"[ \t.…,]*(?i:och[ \t]+)?(?i:sen),?[ \t]+(?i:en|ett)(?![{_L}\d])(?![ \t,]*(?:\d|(?i:{_alt(_PARTS)})))"
)
# A turn change: end of line, the next speaker's label, optionally one short back-channel turn
# without digits (at most four words: "Mm.", "Ja?", "Och sista fyra?") and another label.
_LABEL = r"[ \t]*(?:\[[^\]\n]{1,20}\][ \t]*)?[^\n:]{1,40}:[ \t]*"
_BACKCHANNEL = r"(?=[^\n]{0,25}\n)[ \t]*(?:[^\s\d]+[ \t]+){0,3}[^\s\d]*[ \t]*"  # <= 4 words, <= 25 chars
# (a pause may end the first turn with its question, "190717...?", and open the next, "...2389.")
# (and the next may go on with "(och) sen": "tjugohundraarton, noll ett, noll fem..." / "Mm." / "Sen tjugotre nittioåtta.")
# (tried with the back-channel turn first, then without: a short turn may be the number going on,
# "Tjugotre nittiotre, ja.", not a back-channel before the next; but not a short question, which
# asks back: "Vi öppnar noll åtta trettio." / "Sjutton noll noll?")
_TURN_RXS = tuple(
    re.compile(
        rf"[ \t]*(?:\.\.\.[?]?|[.?!…,]|…[?])?[ \t]*\n{_LABEL}{between}(?:(?:\.\.\.|…)[ \t]*)?"
        r"(?:(?i:(?:och|å)[ \t]+)?(?i:sen),?[ \t]+)?"
    )
    for between in (f"{_BACKCHANNEL}\n{_LABEL}", r"(?![^\n]{0,25}\?[ \t]*\n)")
)


# ---- parsing number words ----------------------------------------------------------------------


@dataclass(frozen=True)
class Phrase:
    """A parsed number word: its digits and how it may combine with a neighbouring word."""

    digits: str
    value: int
    kind: str  # "unit", "teen", "tens" (bare tens: "tjugo"), "compound" (tens+unit), "big" (has hundra/tusen)
    ends_with_multiplier: bool = False  # "femhundra", "tusen": a following smaller phrase adds on
    tail: int = 0  # a unit added after "tusen", which "hundra" may still multiply ("sextusen ett hundra")


def _split_parts(word: str, part_rx: re.Pattern[str] = _PART_RX) -> list[str] | None:
    parts = []
    pos = 0
    while pos < len(word):
        m = part_rx.match(word, pos)
        if not m and part_rx is _PART_RX:
            return _split_parts(word, _SWEDISH_PART_RX)
        if not m:
            return None
        part = m.group(0)
        if part in OTHER_LANGUAGES:
            parts += _split_parts(OTHER_LANGUAGES[part]) or []
        else:
            parts += ["ett", "tusen"] if part == _ONE_THOUSAND else [part]
        pos = m.end()
    return parts


# What marks a line as a language's: its number words that are no Swedish one ("femtifem" is
# Swedish as much as Norwegian, "null" and "tjueto" are not)
_SWEDISH_ONLY_RX = re.compile(_alt([*UNIT_WORDS, *TEEN_WORDS, *TENS_WORDS, *HUNDRED_WORDS, *THOUSAND_WORDS]))
_ANCHORS = {
    name: frozenset(w for w in words if _split_parts(w, _SWEDISH_ONLY_RX) is None) for name, words in _LANGUAGES.items()
}
_ANY_ANCHOR = frozenset().union(*_ANCHORS.values())
_NEIGHBOURS = {
    name: frozenset(words) | {w for w, (_, n) in _AMBIGUOUS.items() if n == name} | _SHARED.get(name, frozenset())
    for name, words in _LANGUAGES.items()
}


def _small(parts: list[str], i: int) -> tuple[int | None, int, str]:
    """A value below 100 at parts[i]: (value, next index, kind) or (None, i, "")."""
    if i >= len(parts):
        return None, i, ""
    p = parts[i]
    if p in TENS_WORDS:
        if i + 1 < len(parts) and parts[i + 1] in COMPOUND_UNITS:
            return TENS_WORDS[p] + COMPOUND_UNITS[parts[i + 1]], i + 2, "compound"
        return TENS_WORDS[p], i + 1, "tens"
    if p in TEEN_WORDS:
        return TEEN_WORDS[p], i + 1, "teen"
    if p in UNIT_WORDS:
        return UNIT_WORDS[p], i + 1, "unit"
    return None, i, ""


@lru_cache(maxsize=4096)
def parse_word(word: str) -> Phrase | None:
    """One written word ("åttiofem", "etthundratjugotre", "noll") as a number, or None."""
    w = word.lower()
    if w in STANDALONE_ONLY:
        return Phrase(
            str(UNIT_WORDS.get(w, 20)) if w != "tju" else "20", UNIT_WORDS.get(w, 20), "unit" if w != "tju" else "tens"
        )
    parts = _split_parts(w)
    if not parts or any(p in STANDALONE_ONLY for p in parts):
        return None
    i = 0
    total = 0
    big = False
    ends_mult = False
    # [small] tusen
    if "tusen" in parts:
        k = parts.index("tusen")
        if k == 0:
            mult = 1
        else:
            sub = parse_word("".join(parts[:k]))
            if sub is None or sub.value == 0:
                return None
            mult = sub.value
        total += mult * 1000
        i = k + 1
        big = True
        ends_mult = i == len(parts)
    # [small] hundra
    if "hundra" in parts[i:]:
        k = parts.index("hundra", i)
        if k == i:
            mult = 1
        else:
            mult, nxt, _ = _small(parts, i)
            if mult is None or nxt != k or mult == 0:
                return None
        total += mult * 100
        i = k + 1
        big = True
        ends_mult = i == len(parts)
    if i < len(parts):
        val, nxt, kind = _small(parts, i)
        if val is None or nxt != len(parts):
            return None
        if big and val == 0:
            return None
        total += val
        if not big:
            digits = f"{val:02d}" if kind in ("tens", "compound", "teen") else str(val)
            return Phrase(digits, val, kind)
    if not big:
        return None
    return Phrase(str(total), total, "big", ends_mult)


def _ends_in_tens(p: Phrase) -> bool:
    """A number with hundreds that ends in bare tens ("nittonhundra åttio": 1980)."""
    return p.kind == "big" and p.value % 10 == 0 and p.value % 100 != 0


def _combine(prev: Phrase, nxt: Phrase) -> Phrase | None:
    """Two adjacent words read as one number: "tjugo en" (21), "tre hundra" (300),
    "femhundra trettiotvå" (532), "tvåtusen tjugofyra" (2024)."""
    if prev.kind == "tens" and nxt.kind == "unit" and 1 <= nxt.value <= 9:
        v = prev.value + nxt.value
        return Phrase(f"{v:02d}", v, "compound")
    if _ends_in_tens(prev) and nxt.kind == "unit" and 1 <= nxt.value <= 9:  # "nittonhundra åttio fyra"
        v = prev.value + nxt.value
        return Phrase(str(v), v, "big")
    if prev.ends_with_multiplier and nxt.value < (1000 if prev.value % 1000 == 0 and prev.value >= 1000 else 100):
        if nxt.value == 0:
            return None
        v = prev.value + nxt.value
        tail = nxt.value if prev.value % 1000 == 0 and nxt.kind == "unit" else 0
        return Phrase(str(v), v, "big", nxt.ends_with_multiplier, tail)
    return None


def _multiplied(prev: Phrase, word: str) -> Phrase | None:
    """ "tre hundra", "ett hundra", "två tusen": a small number then a bare multiplier word; also
    "sextusen ett hundra" (6100) and "tvåhundraåtta tusen" (208000)."""
    w = OTHER_LANGUAGES.get(word.lower(), word.lower())
    if w == "hundra" and prev.tail:
        v = prev.value + prev.tail * 99
        return Phrase(str(v), v, "big", True)
    if prev.value == 0 or (prev.kind == "big" and w != "tusen"):
        return None
    if w == "hundra" and prev.value < 100:
        return Phrase(str(prev.value * 100), prev.value * 100, "big", True)
    if w == "tusen" and prev.value < 1000:
        return Phrase(str(prev.value * 1000), prev.value * 1000, "big", True)
    return None


def words_to_digits(text: str) -> str:
    """All digits a phrase stands for, in order: written digits kept, number words converted,
    everything else dropped ("noll åtta - 12 34" -> "081234"). For allowlists and canonical forms."""
    return "".join(t.digits for run in runs(text) for t in run.tokens) if _QUICK_RX.search(text) else ""


def whole_number(text: str) -> str:
    """The digits of `text` if it is one number and nothing more ("elva noll två", "1 1 03"), else ""."""
    found = runs(text)
    whole = len(found) == 1 and found[0].tokens[0].start == 0 and found[0].tokens[-1].end == len(text)
    return found[0].digits if whole else ""


def number_digits(text: str) -> str:
    """Digits of a written or spoken number ("735 999 ..." / "sju tre fem ..."): the number
    words read if there are any, else every digit (of any script) as ASCII."""
    if has_spoken_number(text):
        return words_to_digits(text)
    return ascii_digits(text)


def readings(text: str, limit: int = 8) -> list[str]:
    """Digit strings the text may stand for, `words_to_digits` first: a tens word and a unit may be
    one number or two ("sjuttio ett": 71 or 70, 1), so canonical forms try each against the
    identifier's check."""
    if not _QUICK_RX.search(text):
        return [""]
    out = [""]
    for run in runs(text):
        for t in run.tokens:
            out = [r + d for r in out for d in ((t.digits, t.alt) if t.alt else (t.digits,))][:limit]
    return out


# ---- tokens and runs -------------------------------------------------------------------------


@dataclass
class Token:
    start: int
    end: int
    digits: str
    spoken: bool  # a number word (not written digits)
    alt: str = ""  # the other reading of two joined words ("fyrtio sex": "46", or "40" "6" -> "406")


@dataclass
class Run:
    tokens: list[Token]
    # gap kind before tokens[k] (k >= 1): "plain" (spaces, "-"), "loose" (fillers, ", ", "..."),
    # "turn" (another turn in between); gaps[0] is unused.
    gaps: list[str] = field(default_factory=list)
    plus_before: list[bool] = field(
        default_factory=list
    )  # a "+" in the gap before tokens[k] (or right before tokens[0])

    @property
    def digits(self) -> str:
        return "".join(t.digits for t in self.tokens)


@dataclass(frozen=True)
class Window:
    """Consecutive tokens i..j (inclusive) of a run and what they say."""

    run: Run
    i: int
    j: int
    digits: str

    @property
    def start(self) -> int:
        return self.run.tokens[self.i].start

    @property
    def end(self) -> int:
        return self.run.tokens[self.j].end

    @property
    def spoken(self) -> bool:
        return any(self.run.tokens[k].spoken for k in range(self.i, self.j + 1))

    @property
    def gap_kinds(self) -> set[str]:
        return {self.run.gaps[k] for k in range(self.i + 1, self.j + 1)}

    @property
    def crosses_turn(self) -> bool:
        return "turn" in self.gap_kinds

    @property
    def whole_utterance(self) -> bool:
        """Starts where an utterance of digits starts and ends where one ends (a turn of its run)."""
        gaps, last = self.run.gaps, len(self.run.tokens) - 1
        return (self.i == 0 or gaps[self.i] == "turn") and (self.j == last or gaps[self.j + 1] == "turn")

    @property
    def plain(self) -> bool:
        """Written digits with only spaces/hyphens between them (what the written patterns see)."""
        return not self.spoken and self.gap_kinds <= {"plain"}

    def has_plus(self) -> bool:
        return any(self.run.plus_before[k] for k in range(self.i + 1, self.j + 1))

    def pieces(self) -> list[tuple[int, int]]:
        """Character spans of the window, one per turn it lies in (the back-channel in between
        is not part of the number)."""
        out = []
        s = self.run.tokens[self.i].start
        for k in range(self.i + 1, self.j + 1):
            if self.run.gaps[k] == "turn":
                out.append((s, self.run.tokens[k - 1].end))
                s = self.run.tokens[k].start
        out.append((s, self.run.tokens[self.j].end))
        return out


# Between the groups of a written number; brackets too ("+46 (0)70", "(070) 174"), the written
# patterns decide on those layouts (`DigitWindowRecognizer.LAYOUT`).
_PLAIN_GAP = str.maketrans("", "", " \t-–+()")


def _gap_kind(gap: str) -> str:
    stripped = gap.translate(_PLAIN_GAP)
    return "plain" if not stripped else "loose"


# What may lead a glued word, longest first ("sextio" before "sex"); not "en", an article.
_GLUED_LEADS = dict(
    sorted(
        {**TENS_WORDS, **TEEN_WORDS, **{w: n for w, n in UNIT_WORDS.items() if w != "en"}}.items(),
        key=lambda item: -len(item[0]),
    )
)


def _glued_digits(word: str) -> str:
    """The digits of a number word glued to "dubbel" ("dubbel-fem" is 55), to a zero before it, as
    an area code is said ("nollfyrtio" is 040), or of two pairs glued by the speech-to-text
    ("nittiotjugo" is 9020, as a clearing number is said; "nittonsextiofyra" 1964), of a digit and
    a pair ("åttafemtiotvå" is 852, as a postnummer is said), or of three or more digits or pairs
    read one by one ("fyrasjunoll" is 470, "nollsjusex" 076); "" for any other word."""
    low = word.lower()
    if low.startswith("dubbel"):
        digit = parse_word(low[6:].lstrip("- "))
        return digit.digits * 2 if digit else ""
    if low.startswith("noll") and len(low) > 4 and (rest := parse_word(low[4:])):
        return "0" + rest.digits
    first = next((t for t in _GLUED_LEADS if low.startswith(t) and len(low) > len(t)), "")
    pair = parse_word(low[len(first) :]) if first else None
    if pair and len(pair.digits) == 2:
        return str(_GLUED_LEADS[first]) + pair.digits
    # digits read one by one and glued: "fyrasjunoll" is 470, "tolvnolltvå" 1202
    parts = _split_parts(low)
    if parts and len(parts) >= 3 and all(p in _GLUED_LEADS or p == "noll" for p in parts):
        return "".join(str(UNIT_WORDS[p]) if p in UNIT_WORDS else f"{_GLUED_LEADS[p]:02d}" for p in parts)
    return ""


def _candidates(text: str) -> list[tuple[int, int, str]]:
    """Where a number token may stand: the token pattern's matches, and the `_AMBIGUOUS` words
    that are numbers here (see there)."""
    found = [(m.start(), m.end(), m.group(0)) for m in _TOKEN_RX.finditer(text)]
    if not found or not any(w[2].lower() in _ANY_ANCHOR for w in found):
        return found
    maybe = []
    for m in _AMBIGUOUS_RX.finditer(text):
        line_start = text.rfind("\n", 0, m.start()) + 1
        line_end = text.find("\n", m.end())
        line = text[line_start : line_end if line_end >= 0 else len(text)]
        language = _AMBIGUOUS[m.group(0).lower()][1]
        anchors = _ANCHORS[language]
        # a Norwegian or Dane says "ni" and "to" for 9 and 2 all along: any line of the speaker's
        # ("Ja, fire et et to." after "Atten nul et niogfirs")
        speaker = _SPEAKER.match(line) if language == "nordic" else None
        if _said_in(line, anchors) or (speaker and not _speaker_words(text, speaker.group(0)).isdisjoint(anchors)):
            maybe.append((m.start(), m.end(), m.group(0)))
    tokens = found + maybe
    taken = []
    for cand in maybe:
        own = _NEIGHBOURS[_AMBIGUOUS[cand[2].lower()][1]]
        if any(o is not cand and o[2].lower() in own and _adjacent(text, cand, o) for o in tokens):
            taken.append(cand)
    return sorted(found + taken)


_SPEAKER = re.compile(r"[^\n:]{1,40}:")


@lru_cache(maxsize=64)
def _speaker_words(text: str, label: str) -> frozenset[str]:
    """Every word said in the text's lines that open with this speaker label."""
    return frozenset().union(*(_words_of(line) for line in text.split("\n") if line.startswith(label)))


@lru_cache(maxsize=1024)
def _words_of(line: str) -> frozenset[str]:
    return frozenset(w.lower() for w in _WORD_RX.findall(line))


def _said_in(line: str, words: frozenset[str]) -> bool:
    """Whether the line says one of these words."""
    return not _words_of(line).isdisjoint(words)


def _adjacent(text: str, a: tuple[int, int, str], b: tuple[int, int, str]) -> bool:
    first, second = (a, b) if a[0] < b[0] else (b, a)
    gap = text[first[1] : second[0]]
    return "\n" not in gap and _GAP_RX.fullmatch(gap) is not None


def _scan_tokens(text: str) -> list[Token]:
    tokens: list[Token] = []
    prev: Phrase | None = None
    for s, e, word in _candidates(text):
        if word[0].isdigit():
            tokens.append(Token(s, e, word, False))
            prev = None
            continue
        said = _AMBIGUOUS.get(word.lower(), (word,))[0]  # an ambiguous word as the Swedish it stands for
        ph = parse_word(said)
        if ph is None:
            glued = _glued_digits(word)
            if glued:
                tokens.append(Token(s, e, glued, True))
            prev = None
            continue
        # Join with the previous word when the two make one number ("tjugo en", "tre hundra"); a
        # tens word and a unit also across a pause ("nittio, ett"), where both readings are kept.
        if prev is not None and tokens and tokens[-1].spoken:
            between = text[tokens[-1].end : s]
            plain = between.strip(" \t") == ""
            joined = None
            if plain:
                joined = _combine(prev, ph) or _multiplied(prev, said)
            elif prev.kind == "tens" and ph.kind == "unit" and _GAP_RX.fullmatch(between):
                joined = _combine(prev, ph)
            elif prev.kind == "unit" and prev.value >= 1 and ph.value in _TENS_AND_TEN and _UNIT_AND.fullmatch(between):
                # Arabic and Somali say the unit first: "arba'a w tis'in" is 94, "saddex iyo toban" 13
                v = ph.value + prev.value
                joined = Phrase(f"{v:02d}", v, "compound")
            if joined is not None:
                last = tokens[-1]
                # "fyrtio sex" may be 46 or 40, 6 (a digit read on its own): keep both readings
                tens = prev.kind == "tens" or _ends_in_tens(prev)
                alt = last.digits + ph.digits if tens and ph.kind == "unit" and not last.alt else ""
                tokens[-1] = Token(last.start, e, joined.digits, True, alt)
                prev = joined
                continue
        tokens.append(Token(s, e, ph.digits, True))
        prev = ph
    return tokens


@lru_cache(maxsize=256)
def _runs_cached(text: str) -> tuple[Run, ...]:
    tokens = _scan_tokens(text)
    out: list[Run] = []
    if not tokens:
        return ()
    starts = [t.start for t in tokens]
    k = 0
    n = len(tokens)
    while k < n:
        first = tokens[k]
        plus0 = first.start > 0 and text[first.start - 1] == "+"
        run = Run([first], ["start"], [plus0])
        k += 1
        while k < n:
            prev, nxt = run.tokens[-1], tokens[k]
            gap = text[prev.end : nxt.start]
            if gap == "" and prev.spoken != nxt.spoken:
                # "5b", "3a": a digit glued to a word is not a run continuation
                break
            if gap == "" or _goes_on(text, prev.end, gap, run):
                run.tokens.append(nxt)
                run.gaps.append(_gap_kind(gap) if gap else "plain")
                run.plus_before.append("+" in gap)
                k += 1
                continue
            joined = _next_after_turn(text, run, tokens, starts, k)
            if joined is not None:
                kk, kind = joined
                run.tokens.append(tokens[kk])
                run.gaps.append(kind)
                run.plus_before.append(False)
                k = kk + 1
                continue
            break
        out.append(run)
    return tuple(out)


def _next_after_turn(text: str, run: Run, tokens: list[Token], starts: list[int], k: int) -> tuple[int, str] | None:
    """The token (its index from `k`) a run goes on with after a turn change, and the gap's kind:
    the next turn, past a back-channel or not, or a birth date's "och sista fyra". The token
    must start right after it (tokens inside a skipped back-channel, or the "fyra" of "sista
    fyra", are not part of the number)."""
    at = run.tokens[-1].end
    changes = [(rx, "turn") for rx in _TURN_RXS]
    if len(run.digits) in BIRTH_DATE_DIGITS:
        changes.append((_LAST_FOUR, "loose"))
    for rx, kind in changes:  # in order, each tried only if the one before finds no number after it
        m = rx.match(text, at)
        if m is None:
            continue
        kk = bisect_left(starts, m.end(), lo=k)
        if kk < len(tokens) and tokens[kk].start == m.end():
            return kk, kind
    return None


def _goes_on(text: str, at: int, gap: str, run: Run) -> bool:
    """Whether the words between two number tokens (`gap`, from `at`) join them in one number."""
    if "sen" in gap.lower() and _THEN_ARTICLE.match(text, at):  # "och sen en massa stjärnor"
        return False
    if _GAP_RX.fullmatch(gap):
        return True
    if _YES_GAP.fullmatch(gap):
        return len(run.digits) >= YES_DIGITS
    return _THEN_GAP.fullmatch(gap) is not None and len(run.digits) >= THEN_DIGITS


@lru_cache(maxsize=1024)
def runs(text: str) -> tuple[Run, ...]:
    """The text's digit runs (cached per text: the digit recognizers share one scan)."""
    if not _QUICK_RX.search(text):
        return ()
    return _runs_cached(text)


@lru_cache(maxsize=1024)
def longest_unwritten_run(text: str) -> int:
    """Most digits any run could give that the written patterns cannot see (a number word, a
    filler or pause, a turn change inside): 0 when there is none. The digit-window recognizers'
    cheap `may_match` compares it with their shortest length."""
    best = 0
    for run in runs(text):
        if any(t.spoken for t in run.tokens) or any(g != "plain" for g in run.gaps[1:]):
            best = max(best, sum(len(t.alt or t.digits) for t in run.tokens))
    return best


_DIGIT_RX = re.compile(r"\d")


@lru_cache(maxsize=1024)
def has_digit(text: str) -> bool:
    """Cheap gate for the written digit patterns: nothing to find in a text without a digit."""
    return _DIGIT_RX.search(text) is not None


@lru_cache(maxsize=1024)
def longest_run(text: str) -> int:
    """Most digits any run could give, whatever its layout."""
    return max((sum(len(t.alt or t.digits) for t in run.tokens) for run in runs(text)), default=0)


def has_spoken_number(text: str) -> bool:
    return any(t.spoken for r in runs(text) for t in r.tokens)


def windows(
    text: str,
    lengths: Iterable[int],
    accept: Callable[[Window], bool],
    *,
    skip_plain: bool = True,
    min_tokens: int = 1,
    written: Callable[[Window], bool] | None = None,
) -> list[Window]:
    """Non-overlapping windows whose digit count is in `lengths` and that `accept` takes, longest
    first, then leftmost. With `skip_plain`, windows the written patterns already see (written
    digits, spaces/hyphens only, and in a layout `written` takes if given) are left out."""
    lens = set(lengths)
    if not lens:
        return []
    lo, hi = min(lens), max(lens)
    cands: list[Window] = []
    covered: list[tuple[int, int]] = []
    for run in runs(text):
        toks = run.tokens
        if sum(len(t.alt or t.digits) for t in toks) < lo:
            continue
        for i in range(len(toks)):
            readings = [""]
            for j in range(i, len(toks)):
                tok = toks[j]
                readings = [
                    r + d
                    for r in readings
                    for d in ((tok.digits, tok.alt) if tok.alt else (tok.digits,))
                    if len(r) + len(d) <= hi
                ][:8]
                if not readings:
                    break
                if j - i + 1 < min_tokens:
                    continue
                for acc in readings:
                    if len(acc) not in lens:
                        continue
                    w = Window(run, i, j, acc)
                    if skip_plain and w.plain and (written is None or written(w)):
                        if written is not None:
                            covered.append((w.start, w.end))
                        continue
                    # A number split over turns is taken whole: a window crossing a turn change starts
                    # where an utterance of digits starts and ends where one ends.
                    if w.crosses_turn and not w.whole_utterance:
                        continue
                    if accept(w):
                        cands.append(w)
                        break
    # Parts of a number the written patterns read whole are theirs too ("(0)70 ..." in "+46 (0)70 ...").
    cands = [w for w in cands if not any(s <= w.start and w.end <= e for s, e in covered)]
    if not cands:
        return []
    cands.sort(key=lambda w: (-(w.end - w.start), w.start))
    chosen: list[Window] = []
    for w in cands:
        if all(w.end <= c.start or c.end <= w.start for c in chosen):
            chosen.append(w)
    return sorted(chosen, key=lambda w: w.start)


# ---- digit view --------------------------------------------------------------------------------


@dataclass(frozen=True)
class DigitView:
    """The text with spoken numbers as digits. `segments` are (view_start, view_end, orig_start,
    orig_end, exact): exact segments map character by character, the others (a spoken token)
    map any character inside to the whole token."""

    text: str
    segments: tuple[tuple[int, int, int, int, bool], ...]

    def _locate(self, pos: int) -> tuple[int, int, int, int, bool]:
        lo, hi = 0, len(self.segments) - 1
        while lo < hi:
            mid = (lo + hi) // 2
            if self.segments[mid][1] <= pos:
                lo = mid + 1
            else:
                hi = mid
        return self.segments[lo]

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Original span of the view span [start, end): whole words for spoken digits."""
        if not self.segments:
            return start, end
        vs, _ve, os_, oe, exact = self._locate(start)
        o_start = os_ + (start - vs) if exact else os_
        vs, _ve, os_, oe, exact = self._locate(max(start, end - 1))
        o_end = os_ + (end - vs) if exact else oe
        return o_start, o_end


@lru_cache(maxsize=64)
def digit_view(text: str) -> DigitView:
    """Spoken number phrases replaced by their digits; the phrases of one run written together
    (fillers and pauses between them dropped), written text unchanged."""
    rs = runs(text)
    if not any(t.spoken for r in rs for t in r.tokens):
        return DigitView(text, ((0, len(text), 0, len(text), True),))
    out: list[str] = []
    segs: list[tuple[int, int, int, int, bool]] = []
    vpos = 0
    opos = 0

    def copy(upto: int) -> None:
        nonlocal vpos, opos
        if upto > opos:
            out.append(text[opos:upto])
            segs.append((vpos, vpos + upto - opos, opos, upto, True))
            vpos += upto - opos
            opos = upto

    for run in rs:
        for k, tok in enumerate(run.tokens):
            if not tok.spoken:
                continue
            prev = run.tokens[k - 1] if k else None
            if prev is not None and prev.spoken and run.gaps[k] != "turn":
                opos = tok.start  # drop the space/filler between two spoken phrases
            copy(tok.start)
            out.append(tok.digits)
            segs.append((vpos, vpos + len(tok.digits), tok.start, tok.end, False))
            vpos += len(tok.digits)
            opos = tok.end
    copy(len(text))
    return DigitView("".join(out), tuple(segs))
