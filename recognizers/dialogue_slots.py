"""Answers to the agent's questions: what follows "personnummer?" is a personnummer, even a piece.

A call is a dialogue: the agent asks for a slot ("vad har du för personnummer?", "och de fyra
sista?", "postnumret?", "vilket bankgiro?") and the customer answers in the next turn, often with
a fragment no recognizer could tell from any other number ("901120", "4667", "nittio nittio"),
sometimes after "Vänta lite." or with a back-channel between two parts. This recognizer reads a
dialogue text (labelled lines, `Label: text`, as `redactor scan` and the pipeline give it) and
marks, in the answer zone of a slot question, every number whose digit count fits the slot.

Answer zone: what follows the slot word in the asking turn ("Clearing och konto är 5362 10 456
78"; within SAME_TURN_CHARS); if that holds no answer, the turns after it by anyone but the asker
until ANSWER_TURNS of them have said something (within ZONE_TURNS), as long as the asker only
keeps the answer going (`_backchannel`: "Mm.", "Ja?", "Inga problem, ta den tid du behöver.",
"Har du dem?"). A complete value ends the answer unless a correction follows ("41319, nej
förlåt, det var 41391"); amounts, measures, clock times and references are never answers. The
asker's read-back ("Så 528-7875?") is redacted by value propagation, which matches digits
whatever their form.

Birth dates: in the answer to a birth-date or personnummer question, also a date with the month
named or day first in digits ("den åttonde november nittiotre", "13.04.1988"); right after
"född", such a date in any turn.

A repeat request names no slot ("Och det i ord?", "Kan du ta det igen?", "Och resten?"): it
re-opens the slot its speaker asked for within the last REOPEN_TURNS turns, so the value said
again in another form (often in words, in parts) is that slot's too.

Name slot ("vad heter du?"): the answer's capitalised words ("Nguyen Thi Lan."), or the words
after "heter"/"det är" in a lowercase transcript.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass

from presidio_analyzer import RecognizerResult

from recognizers import heuristics, introduction, numbers, phone
from recognizers.address import answer_street_lines, ordinary_place_word
from recognizers.base import TextRecognizer, tagged_result
from recognizers.checksums import valid_date
from recognizers.email import AT_WORDS, SPOKEN_SEP_WORDS, SPOKEN_TLDS
from recognizers.handles import DEVICE_DEFAULTS
from recognizers.lexicon import shipped_lexicon
from recognizers.personnummer import birth_date, is_valid_digits

SCORE = 0.85
ANSWER_TURNS = 3  # turns of the answerer that say something ("Eh.", "Vänta." do not count)
ZONE_TURNS = 8  # turns looked at after the question, in all
SAME_TURN_CHARS = 40
BACKCHANNEL_WORDS = 6
REOPEN_TURNS = 6

TURN_LINE = re.compile(r"^(?P<label>[^\n:]{1,40}):[ \t]?(?P<body>.*)$", re.MULTILINE)  # "Label: text"


def _month_said_alone(run: numbers.Run) -> bool:
    """A birth date said with its month as one digit ("nittiotre, åtta, sexton": YYMDD)."""
    d = run.digits
    return len(d) == 5 and any(t.spoken for t in run.tokens) and birth_date(d[:2] + "0" + d[2:])


def _personnummer_part(digits: str) -> bool:
    return len(digits) in (4, 10, 12) or birth_date(digits)


@dataclass(frozen=True)
class Slot:
    entity: str
    question: re.Pattern
    accept: Callable[[str], bool]  # digits of a number in the answer -> is it this slot's value
    # digits of a whole value: after it the answer is complete ("...+9803, jag är född 1909")
    complete: Callable[[str], bool] = lambda d: False
    dates: bool = False  # a date with its month named ("åttonde november nittiotre") is an answer
    years: bool = False  # a year is the value, not a quantity ("nittonhundraåttioåtta")
    # a value joined from pieces must pass this too ("tio" / "060315 2380" is no personnummer)
    joins: Callable[[str], bool] = lambda d: True
    # what an answer holds: "numbers", or "names", "spelled" (e-mail), "streets", "ips", "hex" (MAC),
    # "passwords" (numbers, and words of letters and digits)
    reads: str = "numbers"
    # a code or a flat, never an amount: "Portkoden är 1 340", "fjortonhundratvå" are the value
    code: bool = False
    # asks for a part of a value, whoever's ("sista är fyrtioåtta" may end a phone number too)
    part: bool = False


# "de fyra sista fakturorna" names no slot; "de fyra sista siffrorna" does.
_NOT_NOUN = r"(?![ ]+(?!siffr)[a-zåäö]+(?:orna|erna|arna|rna|na|en|et)\b)"


def _q(words: str) -> re.Pattern:
    return re.compile(rf"(?<![a-zåäö])(?:{words})", re.IGNORECASE)


# A bare "Vilket nummer?" / "Numret?" may ask for a bus line, a tyre size or a model ("148:an",
# "205 55 16", "Doro 8100"): only a number shaped like a phone number's start answers it. Right after
# the asker's own question for another slot ("Vilken bank?" / "Och numret?") it asks for that one.
BARE_NUMBER = Slot(
    "PHONE_NUMBER",
    # "Vilket nummer gäller det?", "Nytt nummer?"
    # "vilket nummer skulle det gått till", "då behöver jag ett nummer"
    _q(
        r"(?:(?:vilket|nytt|ditt|ert|ett|vad var det för) nummer|numret)(?:[ ]+(?:gäller det|är det|har du|har ni|till dig|"
        r"skulle det gå(?:tt)? till|ska det gå till|ringde du från|"
        # where a message or a call came from: "Från vilket nummer kom sms:et?", "Vilket nummer kom det från?"
        r"kom (?:det|sms:?et|samtalet|meddelandet)(?: från)?|(?:som )?ringde(?: (?:de|dom|han|hon|det))?(?: från)?))?(?=[ ?.]*$)"
        # ... and a speaker's own: "Mitt nummer är sjuttio... fyra sex sex..."
        r"|mitt nummer(?=[ ]+(?:är|står)\b|,)"
    ),
    lambda d: (d[0] == "0" or len(d) >= 8) and len(d) <= 13 and not phone.is_service_number(d),
    lambda d: len(d) >= 9,
)


_PASSWORD_WORDS = _q(r"[a-zåäö-]*lösenord\w*|lösen\b|kodord\w*|säkerhetsord\w*")
_CODE_WORD_ALTERNATIVES = (
    r"portkod|port kod|dörrkod|larmkod|pinkod|pin-kod|\bpin\b|utlämningskod|nyckel(?:gömma|låda|box|skåp)\w*|kodlås\w*|larmet\b|"
    r"(?<!-)kod(?:en)?\b|(?!(?:post|rabatt|kampanj|streck|fel|lands|pris|moms|produkt|artikel|boknings|zon)kod)[a-zåäö]+kod(?:en)?\b|öppna\w* (?:\w+ )?med\b|puk\w*|porten\b|välj (?:fyra|fem|sex) siffror|ny kod\b"
)
_CODE_WORDS = _q(_CODE_WORD_ALTERNATIVES)
# A word glued to a number, as passwords are made ("Kattenmisse1945", "sandra1992"), where a
# password is talked of; digits said one by one where a code is ("Den nya är 3 8 5 1?").
_GLUED_PASSWORD = re.compile(r"(?<![\w@.-])[^\W\d_]{3,}[!#?*&%]?\d{2,}[!#?*&%]?(?![\w@-]|\.\w)")  # "Nyberg!2019"
_SPACED_DIGITS = re.compile(r"(?<![\w,.-])\d(?:[ ]\d){3,7}(?![\w-]|[ ]\d|[,.]\d)")


# A password set to a word and a number: "jag har ändrat det till kanelbulle sju sju", "det ska vara
# sommartant tjugofyra utropstecken", "Det är fortfarande Nordin nittonhundraåttiotre utropstecken",
# "mitt gamla lösenord var typ sommar tjugotre"
_NUMBER_WORD = rf"(?:(?:{numbers.SMALL_NUMBER_WORDS})+|[a-zåäö]*(?:hundra|tusen)[a-zåäö]*)"  # "nittonhundraåttiotre"
_SET_TO = re.compile(
    rf"(?:(?<=\bdet till )|(?<=\bär )|(?<=\bblir )|(?<=\bska vara )|(?<=\bvar )|(?<=\btyp )|(?<=\bfortfarande ))[^\W\d_]{{4,}}[ ]+(?:\d+|{_NUMBER_WORD}(?:[ ]+{_NUMBER_WORD})*)(?![\w])",
    re.IGNORECASE,
)
_SIGN = re.compile(
    r"[ ]+(?:utropstecken|frågetecken|stjärna|brädgård|snabel-a|procent)\b", re.I
)  # a sign said after it
_ONE_WORD = re.compile(r"^[ ]*([^\W\d_]{4,})[ .!]*$")  # a whole turn, not a question
_A_WORD = re.compile(r"(?<![\w])(?:ett|något|ditt)[ ]+(?:\w+[ ]+)?ord\b", re.IGNORECASE)  # "välj ett ord"


def _ends_clause(body: str, at: int) -> bool:
    """Whether a clause ends at `at`: a stop or a comma (not "14.30"), or the turn's end."""
    return re.match(r"[ ]*(?:[.,!?](?!\d)|$)", body[at:]) is not None


def _codes_talked_of(text: str, ts: list[Turn], spans: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    """Codes said, asked for or not, in the turn that speaks of a password or a code, the turn
    before it and the ZONE_TURNS after it ("Vi tar Kattenmisse1945." four turns after "lösenord";
    "Jag har sett den, 0 5 1 8, va?" after "portkoden"): where a password is talked of, words
    glued to numbers, a word and a number it is set to ("ändrat det till kanelbulle sju sju"), a
    word that is the other speaker's whole turn; digits said one by one where either is talked
    of; not a reference nor a value found already."""
    out = []
    for k, turn in enumerate(ts):
        body = turn.body(text)
        password = _PASSWORD_WORDS.search(body) is not None
        if not (password or _CODE_WORDS.search(body)):
            continue
        # ... and the turn before it: "jag skrev Simba2019! men det går inte" / "Säg inte lösenordet till mig"
        for j in range(max(0, k - 1), min(len(ts), k + ZONE_TURNS + 1)):
            later, said = ts[j], ts[j].body(text)
            found = [
                m.span() for m in _SPACED_DIGITS.finditer(said) if not heuristics.after_reference_word(said, m.start())
            ]
            found += _digit_words(said)
            if password:
                found += [m.span() for m in _GLUED_PASSWORD.finditer(said)]
                # letters and digits mixed through it ("Fick den, X7K2-PQ9M."; not "RT-AX58U", "KB5034441")
                found += [m.span() for m in _MIXED.finditer(said) if len(_MIXING.findall(m.group())) >= 3]
                # (where the transcript has no punctuation, anywhere: "lösenord var typ sommar tjugotre kan de ...")
                bare = said.islower() and not re.search(r"[.,!?]", said)
                found += [
                    m.span()
                    for m in _SET_TO.finditer(said)
                    if bare or _ends_clause(said, m.end()) or _SIGN.match(said, m.end())
                ]
                # the other speaker's whole turn a word, right after a turn that asks for a word or a
                # password ("välj ett ord" / "blåbärspaj"; in lowercase where the transcript has no capitals)
                alone = _ONE_WORD.match(said)
                word = alone.group(1) if alone else ""
                asked = ts[j - 1].body(text) if j else ""
                if (
                    word
                    and (word[0].isupper() or said.islower())
                    and later.label != turn.label
                    and (_PASSWORD_WORDS.search(asked) or _A_WORD.search(asked))
                    and not (_ordinary(word) or _KEYWORD.search(word.lower()))
                ):
                    out.append(("ACCESS_CODE", later.start + alone.start(1), later.start + alone.end(1)))
            out += [("ACCESS_CODE", later.start + a, later.start + b) for a, b in found]
    return [x for x in out if not any(s < x[2] and x[1] < t for _, s, t in spans)]


# a number's noun before it in its sentence: "ordernummer M O sex sex ...", "ärendet har nummer två ..."
_NUMBER_NOUN = re.compile(r"(?:nummer|numret|nr)\b[^.?!]*$", re.IGNORECASE)


def _digit_words(body: str) -> list[tuple[int, int]]:
    """Four to six digits said one by one in words that end a clause, as a code is read ("Den är
    två fyra fem nio."); not a number named as one, nor where a reference is talked of in its
    sentence ("Jag lägger ärendet som INC fyra fyra nio åtta två."), nor a quantity."""
    return [
        (run.tokens[0].start, run.tokens[-1].end)
        for run in numbers.runs(body)
        if 4 <= len(run.tokens) <= 6
        and all(t.spoken and len(t.digits) == 1 for t in run.tokens)
        and _ends_clause(body, run.tokens[-1].end)
        and not _NUMBER_NOUN.search(body, max(0, run.tokens[0].start - 60), run.tokens[0].start)
        and not heuristics.REFERENCE_TALK.search(body, _sentence_start(body, run.tokens[0].start), run.tokens[0].start)
        and all(g == "plain" for g in run.gaps[1:])
        and not heuristics.after_reference_word(body, run.tokens[0].start)
        and not heuristics.quantity(body, run.tokens[0].start, run.tokens[-1].end, run.digits, shapes=False)
    ]


# A code read off something the caller holds: "Det står på passerkortet... F 20 88 31", "Det står på
# kvittot... 4 0 1 7 - 2 2" (not the invoice: its numbers are references).
_ON_THING = (
    r"på (?:mitt |ditt |hans |hennes )?"
    r"(?P<what>kortet|passerkortet|id-kortet|medlemskortet|legitimationen|kvittot|lappen|etiketten|brickan)"
)
_READ_OFF_CARD = re.compile(
    rf"(?<![\w])står (?:det )?{_ON_THING}[ ,.…:]*(?:(?:eh|öh|ja|alltså)[ ,.…]+)*(?-i:[A-Z]{{1,3}}[ -]?)?$",
    re.IGNORECASE,
)
# ... or named after it: "Det står sex tre nio åtta, nittiosju noll ett, tjugoåtta på kortet."
_STANDS_BEFORE = re.compile(r"(?<![\w])(?:det|här)[ ]+står[ ]+(?-i:[A-Z]{1,3}[ -]?)?$", re.IGNORECASE)
_ON_THING_AFTER = re.compile(rf"[ ,]*{_ON_THING}\b", re.IGNORECASE)


def _codes_read_off(text: str, ts: list[Turn]) -> list[tuple[str, int, int]]:
    """The first number after "det står på kortet", "... på kvittot" and the like in a turn, or
    between "det står" and "på kortet": an identifier read off a card or a receipt, not an amount
    or a reference."""
    out = []
    for turn in ts:
        body = turn.body(text)
        if "står" not in body:
            continue
        for run in numbers.runs(body):
            rs, re_ = run.tokens[0].start, run.tokens[-1].end
            m = _READ_OFF_CARD.search(body, max(0, rs - 60), rs)
            if m is None and _STANDS_BEFORE.search(body, max(0, rs - 20), rs):
                m = _ON_THING_AFTER.match(body, re_)
            if m is None or len(run.digits) < 4 or heuristics.quantity(body, rs, re_, run.digits, False):
                continue
            if heuristics.after_reference_word(body, rs):
                continue
            entity = (
                "ID_NUMBER"
                if "kort" in m.group("what").lower() or "legitim" in m.group("what").lower()
                else "CUSTOMER_NUMBER"
            )
            out.append((entity, turn.start + rs, turn.start + re_))  # a letter before it: `letters_before`
    return out


def _access_code(question: re.Pattern, reads: str = "numbers") -> Slot:
    """A code's slot: three to eight digits, never an amount; four or more are a whole one."""
    return Slot("ACCESS_CODE", question, lambda d: 3 <= len(d) <= 8, lambda d: len(d) >= 4, code=True, reads=reads)


def _birth_year(digits: str) -> bool:
    """A year someone alive was born in: "tjugohundrafyra" opening the answer to a personnummer
    question begins the personnummer; it is no amount ("Huset byggdes nittonhundrasjuttiofyra")."""
    return len(digits) == 4 and 1900 <= int(digits) <= 2029


def _year_said(digits: str) -> bool:
    """Two digits ("nittiosex", "-96") or a year someone alive was born in."""
    return len(digits) == 2 or _birth_year(digits)


_DIED_WORDS = ("dog", "avled", "gick bort", "somnade in")  # also the slots' keywords (KEYWORDS)
_DIED = rf"(?:{'|'.join(_DIED_WORDS)})\b"
_KIN_DIED = "mamma|pappa|mor|far|farmor|farfar|mormor|morfar|maken|makan|frun|mannen|sambon|brodern|systern"


# Order matters where the words overlap: the first slot whose question matches wins.
# a card that is no customer's number with the company: a licence, a SIM card's carrier, a payment card
_NOT_OWN_CARD = r"(?!(?:kör|fri|id-?|sim|bank|kredit|betal|present|plast)kort)"

SLOTS: tuple[Slot, ...] = (
    Slot(
        "SE_PERSONNUMMER",
        _q(
            rf"(?:fyra|4) sista{_NOT_NOUN}|sista (?:fyra|4){_NOT_NOUN}|sista siffr|slutsiffr|kontrollsiffr|"
            # ... in Danish and Norwegian: "Og de sidste fire?"
            r"(?:sidste|siste) (?:fire|4)\b|"
            r"efter (?:binde?)?strecket|sista (?:är|delen)|(?:de|dom|och) sista(?:[ ]+då)?(?=[ ?.]*$)"
        ),
        lambda d: len(d) == 4,
        lambda d: True,
        part=True,
    ),
    Slot(
        "SE_PERSONNUMMER",
        _q(r"personn|person numm|person nr|pnr|samordnings ?n"),
        _personnummer_part,
        lambda d: len(d) >= 10,
        True,
        joins=lambda d: len(d) not in (10, 12) or is_valid_digits(d),
    ),
    # "Vilka år är ni födda?" / "Jag är fyrtiosju och han fyrtiofyra.": years, several
    Slot(
        "SE_PERSONNUMMER",
        _q(r"(?:vilket|vilka) år (?:är|var) (?:du|ni|han|hon|de|dom) födda?"),
        _year_said,
        years=True,
    ),
    Slot(
        "SE_PERSONNUMMER",
        _q(r"födelse ?dat|födelse ?dag|födelse ?år|födda?\b|föddes\b|fyller (?:du )?år"),
        birth_date,  # or a year that opens the answer ("När är du född?" / "1988."), see _answers
        lambda d: True,
        True,
    ),
    # a date of death, with the deceased's name or relatives beside it, narrows down who died
    # ("Datum när han dog?" / "i natt. Så åttonde november.", "Dödsdatum var 23 oktober?")
    Slot(
        "PERSONAL_DETAIL",
        _q(
            r"dödsdat\w*|dödsdag(?:en)?\b|"
            # someone died, not a battery: "Hon dog i januari", "när dog han", "pappa gick bort"
            rf"(?:han|hon|hen|{_KIN_DIED})[ ]+(?:[a-zåäö]+[ ]+)?{_DIED}|{_DIED}[ ]+(?:han|hon|hen)\b|"
            # ... asked the other way round: "vilket datum gick han bort?", "när dog din mamma?"
            rf"(?:gick|somnade)[ ]+(?:han|hon|hen|(?:din|er|hans|hennes)[ ]+(?:{_KIN_DIED}))[ ]+(?:bort|in)\b|"
            rf"(?:dog|avled)[ ]+(?:din|er|hans|hennes)[ ]+(?:{_KIN_DIED})\b"
        ),
        birth_date,
        lambda d: True,
        True,
    ),
    Slot(
        "SE_POSTAL_CODE",
        _q(
            r"postn(?!ord)|post numm|post nr|postkod|zip ?code|zip ?kod"
        ),  # speech-to-text writes "post nummer"; not PostNord
        lambda d: len(d) in (3, 5),
        lambda d: len(d) == 5,
    ),
    Slot("SE_BANKGIRO", _q(r"bank ?giro|bg-n"), lambda d: 7 <= len(d) <= 8, lambda d: True),
    Slot("SE_PLUSGIRO", _q(r"plus ?giro|post ?giro|pg-n"), lambda d: 2 <= len(d) <= 8, lambda d: len(d) >= 5),
    # "SE45" / "Mm." / "5000 0000 0583 9825 7466": the country's letters are taken with the digits
    Slot(
        "IBAN_CODE",
        _q(r"iban|internationella kontonumret|internationellt kontonummer"),
        lambda d: 2 <= len(d) <= 32,
        lambda d: len(d) >= 22,
        code=True,  # its groups are no amounts: "sen niotusen femhundra, sen noll noll noll noll"
    ),
    Slot(
        "SE_BANK_ACCOUNT",
        # not "ett konto på Mina sidor", nor "kontoret"
        # autogiro is drawn from an account: "Vill du ha autogiro?" / "Ja, Swedbank, åtta fyra ..."
        _q(
            r"clearing|konto ?num|kontonr|bankkonto|konto(?:t|n)?\b(?![ ]+(?:på|hos)\b)|autogiro\b|vilken bank\b|dra[rs]?\b[^.?!\n]{0,25}\bautomatiskt"
        ),
        lambda d: 4 <= len(d) <= 16,
        lambda d: len(d) >= 11,
    ),
    Slot(
        "SE_FACILITY_ID",
        _q(r"anläggnings|anläggnings-?id|mätpunkt|gsrn"),
        lambda d: 12 <= len(d) <= 18,
        lambda d: len(d) == 18,
    ),
    Slot(
        "SE_ORGANISATIONSNUMMER",
        _q(r"organisationsn|orgn|org-n|org\.n|org numm|org nr"),
        lambda d: 4 <= len(d) <= 12,  # also in pieces: "sexton femtio fyrtiofyra, sjuttioåtta tjugoett"
        lambda d: len(d) in (10, 12),
    ),
    # a member's share in an association, short: "och andelsnumret?" / "jag tror det är 45"
    Slot("CUSTOMER_NUMBER", _q(r"andelsn|andels numm"), lambda d: 1 <= len(d) <= 4, lambda d: True, code=True),
    Slot(
        "CUSTOMER_NUMBER",
        _q(
            r"kundn|kund numm|kund nr|kund-?id|pantlånen|pantlåne ?numm|kandidatn|golf[- ]?id|patientn|patient numm|journaln|journal numm|avtalsn|avtals numm|avtals-?id|medlems ?n|medlem ?numm|klubbn|klubb ?numm|(?:membership|member) ?(?:number|no)\b|elevn|elev ?numm|licensn|licens ?numm|försäkringsn|"
            r"abonnemangsn|kontraktsn|hyresgästn|hyresgäst numm|objekts?n(?:umm|umr|r)|(?:ditt|mitt|ert|vårt) kontrakt(?= är\b)|kö-?nummer|kö-?numret|köplats-?id|köplats ?id|köplatsn|kön (?:med|har) nummer|(?!(?:kör|fri|id-?)kort)[a-zåäö]+kortsn|givarn|givar numm|(?:kund|kontrakt|avtal)(?=,?[ ]+(?:[A-Z]{1,3}-?)?(?:\d|(?:noll|ett|två|tre|fyra|fem|sex|sju|åtta|nio)\b))|kundprofil|lånen|låne ?numm|lån-?nr|kreditn|kredit ?numm|"
            r"lånelöftes?-?n(?:umm|umr|r)|medlemskort|mätarnumm|mätarnumr|numr?et på (?:vatten|el)?mätaren|mätaren?(?: (?!visar|står)[a-zåäö]{1,4}){0,3}? (?:har |får |är )?(?:ett )?(?:nummer|numret|nr)\b|nummer på mätaren|tillståndsn|\w*bonus-?n|\w*-?friends-?n|stamkundsn|stamkunds?kort|"
            # a meter's number, not its reading: "Mätaren är 16-093377" (not "mätaren är på 45 213")
            r"mätaren är(?=[ ]+(?:\d{2}-\d{4}|\d{6}))|"
            # "villahemförsäkringen framme, nummer 10 44 78 21", "livförsäkringen med nummer L 55 03 19 77"
            r"\w*(?:försäkring|avtal|abonnemang|kontrakt|lån(?!g)|tillstånd|kort)\w*(?:[ ,]+\w+){0,9}?[ ,]+(?:har |med )?(?:nummer|numret)\b|"
            # a membership named by the club: "Du är medlem i Synklubben, nummer 7 7 4 1 0 3?"
            r"medlem i (?-i:[A-ZÅÄÖ])\w+(?:[ ]+(?-i:[A-ZÅÄÖ])\w+)?(?:[ ,]+\w+){0,3}?[ ,]+(?:med )?(?:nummer|numret)\b|"
            # ... or asked whether one is a member: "är du medlem i scandic friends" / "ja numret är ..."
            r"(?:är|var) (?:du|ni) medlem\b|"
            # "Ni har två lån, 9021 337 418 på 1,8 miljoner och ..."
            r"(?:två|tre|fyra|\d) lån,?(?=[ ]+\d)"
        ),
        lambda d: 4 <= len(d) <= 12,
        lambda d: len(d) >= 6,  # "trettioåtta sextiotvå" / "Mm." / "nittioett fyrtio" is one number
    ),
    Slot(
        "CUSTOMER_NUMBER",
        _q(
            # a card of one's own, asked about: "Har du ett ledsagarkort?" / "ja, numret är eh L 2 2 4 0 7 1"
            # ... or said to be had: "men du har ju serviceavtal" / "ja det har jag, numret är SA-004471"
            # (with its kind and on one: "har du ditt europeiska sjukförsäkringskort med dig?")
            r"(?:har (?:du|ni)|(?:du|ni) har)(?:[ ]+(?:ju|också|redan))?[ ]+(?:(?:ett|något|en|ditt|ert)[ ]+)?(?:[a-zåäö]+a[ ]+)?"
            rf"{_NOT_OWN_CARD}[a-zåäö]*(?:kort|avtal|försäkring)(?:et|en)?"
            r"(?=(?:[ ]+med (?:dig|er))?[ ]*[?,.]|[ ]*$)|"
            # a card's number named: "numret på hans gröna kort är 4418 207 993" (an insurance's green card)
            r"(?:nummer|numret) på (?:(?:hans|hennes|deras|ditt|ert|mitt|vårt|det|den)[ ]+)?(?:[a-zåäö]+a[ ]+)?"
            rf"{_NOT_OWN_CARD}[a-zåäö]*kort(?:et)?\b"
        ),
        lambda d: 4 <= len(d) <= 20,  # a European health insurance card's twenty
        lambda d: len(d) >= 6,
    ),
    Slot(
        "PHONE_NUMBER",
        # the number, not the phone or the plan: "Vilken mobil har du?", "mobilabonnemang", "telefonfakturan"
        _q(
            r"telefon ?n|telefonnr|tel\.? ?nr|telefon(?:en)?\b|(?<!vilken )(?<!vilket )mobil(?:en)?\b|mobil ?n|"
            r"mobilnr|mobiltelefon|kontaktn|nå (?:dig|dej)|(?:når|ringa|ringer) (?:\w+ )?(?:dig|dej|er)\b|nås\b|"
            r"(?:når|nå|ring|ringa|sms:?a) (?:mig|mej|oss)\b|(?:ringer|ringa) vi\b|sms:?a (?:\w+ )?till\b|swisha\w* till\b|swishnummer|"
            r"ringer du från|ditt nummer|numret du|(?:hennes|hans|deras) nummer"
        ),
        lambda d: 3 <= len(d) <= 13 and not phone.is_service_number(d),  # not "växeln, 0771-44 55 66"
        lambda d: len(d) >= 9,
    ),
    BARE_NUMBER,
    # the number of an ID document or a device: it names its holder in a register
    Slot(
        "ID_NUMBER",
        _q(
            r"pass ?n|pass(?:et|en)?\b|passport\b|passuppgift\w*|körkortsn|körkort numm|körkort(?:et)?\b|id-?kort|legitimationsn|imei|chip ?n|ueln|"
            r"chipnumret|id-handling|legitimationen\b|legitimation(?=[ ]*\?)|lma|frikort(?:et)?\b|"
            r"frikortsn|frikort numm|ramn|ram numm|icc|simkortsn|simkortets numm|långa numret på (?:plast)?kortet|"
            # a device's serial number names its owner in the seller's or the operator's register
            r"serien|serie numm|tillverkningsn|tillverknings numm|"
            # ... and an aid's lent by the region ("sängen har individnummer VS 20 19 44 83")
            r"individn|individ numm|"
            # the Migration Agency's number of a person's file
            r"dossiern|dossier numm|"
            # the neighbours' personal identity numbers: Norway's fødselsnummer and D-nummer,
            # Denmark's CPR, Finland's personbeteckning (henkilötunnus)
            # (a D-nummer someone has, not a count of them: "Hur många har fått D-nummer?")
            r"fødselsn|fodselsn|fnr\b|d-numret|(?:ditt|ett|hans|hennes|ert|norskt|norska) d-?nummer|cpr|"
            r"personbeteckn|henkilötunn|hetu\b|sotu\b|"
            # ... and Poland's PESEL, Spain's NIE, Britain's National Insurance number, the US's SSN
            r"pesel|nie-?numm|nie-?numr|national insurance|ni-?numm|social security|\bssn\b"
        ),
        lambda d: 5 <= len(d) <= 20,
        lambda d: len(d) >= 8,
    ),
    # an employee's number names them in the employer's register, and it is often short: "0457", "113"
    Slot(
        "ID_NUMBER",
        # (a freelance courier's or driver's id: "bud-id 5 1 0 6 2", "det är Sebastian, bud nummer 4 8 8 3 0")
        # (an authorised interpreter's four digits in Kammarkollegiet's register: "tolknummer 3 9 7 7")
        _q(
            r"anställningsn|anställnings-id|personaln|medarbetarn|(?:bud|förar|chaufför|kurir)s?-?(?:id\b|nummer|numret)|bud nummer|"
            r"tolkn|tolk numm|tolk-id"
        ),
        lambda d: 3 <= len(d) <= 10,
        lambda d: len(d) >= 6,
    ),
    # the flat of an address: "Vilken lägenhet bor du i?" / "Ett noll ett."
    Slot(
        "SE_ADDRESS",
        # ... "lägenhet... mamma, vilket nummer?"
        _q(
            r"lägenhetsn|lägenhets numm|vilken lägenhet|lgh-?n|lägenheten (?:har )?för nummer|lägenhet\b(?=.{0,30}\bvilket nummer\b)"
        ),
        lambda d: 3 <= len(d) <= 4,
        lambda d: True,
        code=True,
    ),
    # the card number, also in part ("kortnumret också, typ 4581 7730"); its last digits read from
    # the system ("ett kort som slutar på 4702") are _last_digits'
    Slot("CREDIT_CARD", _q(r"kortn|kort numm"), lambda d: 4 <= len(d) <= 19, lambda d: len(d) >= 12),
    # the card's expiry date and security code: "Giltigt till?" / "Elva tjugoåtta.", "Och CVC?" / "Sex noll två."
    Slot(
        "CREDIT_CARD",
        _q(
            r"giltig(?:t|het|[ ]till)|utgångsdat|går kortet ut|cvc|cvv|säkerhetskod|siffrorna på baksidan|(?:de )?tre siffrorna(?=[ ?.]*$)"
        ),
        lambda d: 2 <= len(d) <= 4,
        lambda d: len(d) >= 3,
        code=True,
    ),
    # a password: a code that may hold letters ("x7 k9 m4 q2", "Hallonbåt sjuttiotre")
    _access_code(_PASSWORD_WORDS, reads="passwords"),
    # a user name, read as a password is: "Vad är ditt användarnamn?" / "solros underscore åttiofyra"
    # (or what an account or a profile is called: "vad heter kontot nu")
    Slot(
        "USERNAME",
        _q(
            r"användarnamn\w*|inloggningsnamn\w*|användar-?id|vad heter (?:ditt |hans |hennes )?(?:konto|kontot|profilen)"
        ),
        lambda d: False,
        reads="passwords",
    ),
    # a code that opens something: the street door, the alarm, a key box, a PIN, a parcel's pickup;
    # also in English after what it opens ("the door downstairs, the code is 1-9-5-8"; not an error's
    # or a discount's code), which opens no talk of codes for the turns after it ("the case number?"
    # / "F eight eight five four zero")
    _access_code(
        _q(
            rf"{_CODE_WORD_ALTERNATIVES}|(?:door|gate|entrance|entry|alarm|key[ ]?box)\b[^.?!\n]{{0,30}}?(?<![\w-])code\b"
        )
    ),
    # before the address: "routerns externa adress", "WAN-adressen"
    Slot(
        "IP_ADDRESS",
        _q(r"ip-adress|ip adress|ipadress|ip-numm|\bip\b|wan-?adress|(?:lokala?|externa?|publika?) adress"),
        lambda d: False,
        reads="ips",
    ),
    # a device's MAC address, read as hex pairs: "a fyra, tre c, noll noll" / "noll noll kolon ett a"
    Slot("ID_NUMBER", _q(r"mac-?adress|mac adress|\bmac\b"), lambda d: False, reads="hex"),
    Slot(
        "SE_ADDRESS",
        _q(
            r"(?<!-)adress|gatuadress|(?:upphämtnings|hämtnings|avhämtnings|lämnings|leverans|fakturerings|faktura|hem|post|besöks|folkbokförings|bostads)adress|var bor (?:du|ni|han|hon|de|dom)|vart? flyttar (?:du|ni|han|hon|de|dom)\b|bor (?:du|ni) (?:kvar|på|i)\b|(?:du|ni) bor (?:\w+ )?(?:kvar|på)\b|vart? ska vi skicka|vart? ska (?:fakturan|brevet|den)|vart?\b[^.?!\n]{0,30}\bskickas|vilken gata|levereras|leverera (?:till|hem)|vart? ska (?:vi|ni|jag|den|paketet) leverera|heter gården|gården heter"
        ),
        lambda d: False,
        reads="streets",
    ),
    Slot(
        "PERSON",
        _q(
            r"vad heter du|ditt namn|ert namn|för- och efternamn|efternamn|vem pratar jag med|"
            r"vem talar jag med|"
            # "Och du heter?", "Och namnet?" (asked at a turn's end)
            # a question of its own at the turn's end, not "Vad var namnet på appen?"
            r"(?:och )?du heter(?=[ ]*[?.]?[ ]*$)|(?<![^.?!,][ ])(?:och |ditt |hela )?namnet(?=[ ]*[?]?[ ]*$)|"
            r"vad var namnet(?=[ ]*[?]?[ ]*$)|"
            # someone else's: "Vad heter han?", "vad heter din sambo", "vem äger abonnemanget"
            r"vad heter (?:han|hon|hen|ni|de|dom|(?:din|ditt|hans|hennes|deras) [a-zåäö]+|"
            # ... someone by who they are: "Vad heter dottern?", "och bonuspappan, vad heter han?"
            r"[a-zåäö]*(?:dottern|sonen|pojken|flickan|barnet|barnen|bebisen|mamman|pappan|frun|sambon))\b|"
            r"(?:på )?vilket namn\b|vems namn\b|"
            r"vem (?:äger|står på|har) (?:abonnemanget|avtalet|kontot|kontraktet|lägenheten|bilen)"
        ),
        lambda d: False,
        reads="names",
    ),
    # A spoken e-mail address is the e-mail recognizer's; spelled letters ("h o l m") are this one's.
    Slot("EMAIL_ADDRESS", _q(r"e-?post|e-?mail|mejl|mail"), lambda d: False, reads="spelled"),
)
# "Och året?" after "När fyller du år?": the year of birth. Asked only right after a birth date.
BIRTH_YEAR = Slot(
    "SE_PERSONNUMMER",
    _q(r"året\b|vilket år\b|årtal|(?<=och )år\b(?=[ ?.]*$)"),
    _year_said,
    lambda d: True,
    years=True,
)
KEYWORDS = (
    "org",
    "andel",
    "fyra",
    "sista",
    "född",
    "död",
    "avlidit",
    *_DIED_WORDS,
    "födelse",
    "personn",
    "pnr",
    "samordn",
    "post",
    "giro",
    "bg-",
    "pg-",
    "clearing",
    "konto",
    "anläggning",
    "mätpunkt",
    "gsrn",
    "kund",
    "lån",
    "golf",
    "kredit",
    "sms",
    "swish",
    "puk",
    "välj",
    "port",
    "lma",
    "automatiskt",
    "internationell",
    "handling",
    "lösen",
    "säkerhetsord",
    "larm",
    "öppna",
    "bank",
    "iban",
    "avtal",
    "pass",
    "körkort",
    "id-kort",
    "idkort",
    "legitimation",
    "imei",
    "serie",
    "mac",
    "mätar",
    "bud",
    "förar",
    "chaufför",
    "kurir",
    "tillstånd",
    "bonus",
    "friends",
    "stamkund",
    "giltig",
    "utgång",
    "går kortet",
    "cvc",
    "cvv",
    "säkerhetskod",
    "siffrorna",
    "chip",
    "ueln",
    "frikort",
    "könum",
    "medlem",
    "member",
    "klubb",
    "försäkring",
    "abonnemang",
    "kontrakt",
    "kontakt",
    "telefon",
    "mobil",
    "nå dig",
    "når",
    "nås",
    "ringa",
    "ringer",
    "nummer",
    "numr",  # "numret", "numren"
    "ramn",
    "ip",
    "punkt",
    "prick",
    "heter",
    "namn",
    "pratar",
    "talar",
    "mejl",
    "mail",
    "stava",
    "adress",
    "lägenhet",
    "lgh",
    "kort",
    "slutar",
    "kod",
    "code",
    "pin",
    "nyckel",
    "bor ",
    "skicka",
    "lever",
    "gata",
    "fyller",
    "strecket",
    "siffr",
    "datum",
    # the neighbours' identity numbers, and Danish and Norwegian "the last four"
    "cpr",
    "fnr",
    "hetu",
    "sotu",
    "beteckn",
    "henkilö",
    "sidste",
    "siste",
    "pesel",
    "nie-",
    "tillverkning",
)

_KEYWORD = re.compile("|".join(map(re.escape, KEYWORDS)))

# Asking for the value again, or for the rest of it; these name no slot of their own.
REPEAT = _q(
    r"i ord\b|i bokstäver|igen\b|upprepa|repetera|en gång till|vad sa du|hörde inte|uppfattade inte|"
    r"långsamt|siffra för siffra|en i taget|resten\b|fortsätt|förlåt\?|ursäkta\?|hur var det|"
    r"har du (?:det|dem|den)\b|hittade du|var det allt|något mer|och sen\b|stava"
)
# The same slot for something else: "Och förrådet då?" after the door code, "Och din frus då?"
_AND_THEN = re.compile(r"^[ ]*och[ ]+(?:[\w-]+[ ]+){0,2}då[ ]*\?[ ]*$", re.IGNORECASE)
# The same slot for someone else, the turn's last sentence: "96582347. Och Eriks?", "Barnens då?",
# "Och hennes?"; a name's or a definite noun's genitive, after "och" or before "då".
_WHOSE = re.compile(
    r"(?:^|[.!?…][ ]+)(?:och[ ]+(?P<a>(?:din|er|hans|hennes|deras)[ ]+)?(?=\w+[ ]*\?)|(?=\w+[ ]+då[ ]*\?))"
    r"(?:(?-i:[A-ZÅÄÖ])[a-zåäöéü]+s|[a-zåäö]+(?:ens|ns|ets)|hans|hennes|deras|ditt|din|dina|ert|era|"
    # ... or a relation's: "Och din man?" (for the name, or for the number just asked)
    r"(?(a)(?:[a-zåäö]+s|fru|man|make|maka|sambo|son|dotter|mamma|pappa|bror|syster|partner)|(?!)))"
    r"(?:[ ]+då)?[ ]*\?[ ]*$",
    re.IGNORECASE,
)


def _asked_last(words: str, then: bool = True) -> re.Pattern:
    """A turn's last sentence that is these words asked: "Tack. Och det andra?", "Den nästa då?"
    (`then`: "då" may end it)."""
    return re.compile(rf"(?:^|[.!?…][ ]+)(?:och[ ]+)?{words}{'(?:[ ]+då)?' if then else ''}[ ]*\?[ ]*$", re.I)


# ... or the next of several: "Och det andra?" (a second IMEI), "Den nästa då?", "Samma för Nils?"
_THE_OTHER = _asked_last(r"(?:(?:det|den|de|dom)[ ]+(?:andra|nästa|tredje)|samma[ ]+(?:för|på|till)[ ]+\w+)")
# ... or a name alone: "Tack. Maria?" after the first person's personnummer
_NAME_ALONE = _asked_last(r"((?-i:[A-ZÅÄÖ])[a-zåäöéü]{2,})", then=False)  # not "Mätarställningen då?"
# The other speaker's slot asked for in turn: "Det står chassinummer på brevet." / "Kan du läsa det?";
# or offered and accepted: "Och koden till telefonen, behöver ni den?" / "Helst." / "Ett fyra ...".
# ... or told where to find it: "Den frågar efter lösenord." / "Det står på undersidan av routern."
_IT_REQUEST = re.compile(
    r"(?<![\w])(?:(?:(?:kan|vill) (?:du|ni) (?:läsa|säga|ta|ge mig)(?: upp)?|läs upp|säg) (?:det|den|dem|dom)\b"
    r"|^(?:det|den|de|dom) (?:står|finns) (?:på|under|i|längst)"
    # ... or asked for the new one: "Jag behöver ändra min mejladress." / "Vad är den nya?"
    r"|(?:vad|vilken|vilket) är (?:den|det) nya\b|^och (?:den|det) nya\b"
    # ... or only invited to go on: "Jag behöver ändra passnumret." / "Ja?"
    r"|^(?:ja|jaha|okej|mm|visst|absolut|varsågod|kör)[ ,.!]*\?)",
    re.I,
)
_OFFER = re.compile(
    r"[^.?!]{0,20}?(?:(?:behöver|vill|ska) (?:ni|du)(?: ha)?|ska jag (?:ge|säga|läsa)(?: upp)?(?: \w+)?) (?:den|det|dem|dom)[ ]*\?",
    re.IGNORECASE,
)
# ... or offered before it is named, asked: "Jag har inte kundnumret. Kan du ta personnummer?", "ska
# jag ge dig mitt personnummer istället" (not "Jag kan ge kortnumret nu.", given at once)
_OFFER_BEFORE = re.compile(
    r"(?<![\w])(?:(?:kan (?:du|ni) ta|ska jag (?:ge|säga|läsa)(?: upp)?(?: dig| er)?)(?: mitt| min| mina| hans| hennes)?|"
    # not "Vill du ha autogiro?", a product
    r"vill (?:du|ni) ha (?:mitt|min|mina|hans|hennes))[ ]+$",
    re.IGNORECASE,
)
_DECLINES_OFFER = re.compile(r"^[ ,.]*(?:nej|nä|behövs inte|inte nödvändigt)", re.IGNORECASE)
# A field of a form asked for in one word that is not the slot and no name asked back: "Dödsdatum?"
_OTHER_FIELD = re.compile(r"\w+(?:datum|datumet|nummer|numret|namn|namnet|adress|adressen)\W*$", re.IGNORECASE)
# The rest of a birth date after its year: "Nittonhundranittioett, och datum?"
_DATE_AGAIN = re.compile(r"(?<![\w])(?:datum(?:et)?|dag och månad|månad(?:en)?)(?=[ ?.]*$)", re.IGNORECASE)
# The asker waiting or checking, not moving on ("Inga problem, ta den tid du behöver.").
_WAITING = re.compile(
    r"ta den tid|ta det lugnt|ingen brådska|ingen fara|inga problem|jag väntar|vi väntar|stämmer det|är det rätt|"
    r"ett ögonblick|ber om ursäkt|systemet är|det laddar",
    re.IGNORECASE,
)
# The answerer has no value to give: the answer is over ("Vet inte.", "Det har jag inte här.").
_NOT = r"(?:[ ](?:jag|vi|det|den|dem|dom)){0,2}[ ]inte\b"  # "... jag inte", "... det inte"
# ... and will not give it ("Det tänker jag inte ge ut i telefon."), a narrower case.
_UNWILLING_WORDS = rf"(?:vill|tänker){_NOT}|inte ge ut|ger inte ut|lämnar inte ut"
_UNWILLING = re.compile(_UNWILLING_WORDS, re.IGNORECASE)
_DECLINED = re.compile(
    rf"(?:vet|har|minns|kan){_NOT}|{_UNWILLING_WORDS}|inte ihåg|vet ej|har ingen|ingen aning|strunta i", re.IGNORECASE
)
# An e-mail address's domain opening a turn, and its name ending the turn before.
_DOMAIN_TURN = re.compile(
    rf"^[ ]*(?:(?:ja|och|sen|så),?[ ]+)*((?:{AT_WORDS})[ ]+[a-z0-9åäö-]+(?:[ ]+(?:punkt|dot)[ ]+[a-z0-9-]+){{1,3}})"
    r"(?=[ .!?]*$)",
    re.IGNORECASE,
)
_LOCAL_SEP = rf"(?:[ ]+(?:{SPOKEN_SEP_WORDS})[ ]+|[._-])"
# "jonas punkt ek.", "Jo, det är majsan sjuttiotvå" (a number after the name)
_LOCAL_TURN = re.compile(
    rf"[ ]*(?:(?:ja|jo|det är|den är),?[ ]+)*([a-z0-9åäö]+(?:{_LOCAL_SEP}[a-z0-9åäö]+){{0,3}}"
    rf"(?:[ ]+(?:{numbers.SMALL_NUMBER_WORDS})+)?)[ .…]*$",
    re.IGNORECASE,
)
# ... or the address up to its domain, the top-level domain in the next turn: "... snabel-a gmail..." / "punkt com"
_TLD_TURN = re.compile(
    rf"^[ ]*(?:(?:ja|och|sen),?[ ]+)*((?:punkt|dot)[ ]+(?:{'|'.join(SPOKEN_TLDS)}))(?=[ .!?]*$)", re.I
)
_UP_TO_DOMAIN = re.compile(
    rf"(?:.*?[ ,])??([a-z0-9åäö]+(?:{_LOCAL_SEP}[a-z0-9åäö]+){{0,3}}[ ]+(?:{AT_WORDS})[ ]+[a-z0-9åäö-]+)[ .…]*$",
    re.IGNORECASE,
)
_LOCAL_PART = re.compile(
    r"(?<![\w])[a-zåäö]{2,}(?:[ ]+(?:punkt|prick)[ ]+[a-zåäö]{2,})+(?![\w])|(?<![\w])[a-zåäö]{2,}[ ]+punkt(?=[ ]*(?:\.\.\.|…))",
    re.IGNORECASE,
)
# ... or up to the at-word, the domain in the next turn: "kicki underscore sjuttiotre snabel-a..." / "hotmail punkt com."
_UP_TO_AT = re.compile(
    rf"(?:.*?[ ,])??([a-z0-9åäö]+(?:{_LOCAL_SEP}[a-z0-9åäö]+){{0,3}}(?:[ ]+(?:{numbers.SMALL_NUMBER_WORDS})+)?"
    rf"[ ]+(?:{AT_WORDS}))[ .…]*$",
    re.IGNORECASE,
)
_DOMAIN_ALONE = re.compile(
    rf"^[ ]*(?:(?:ja|och|sen),?[ ]+)*([a-z0-9åäö-]+(?:[ ]+(?:punkt|dot)[ ]+[a-z0-9-]+){{0,2}}[ ]+(?:punkt|dot)[ ]+"
    rf"(?:{'|'.join(SPOKEN_TLDS)}))(?=[ .!?]*$)",
    re.IGNORECASE,
)
# A number said to be no value: "Välj fyra siffror, men inte 1234."
_NOT_THIS = re.compile(r"(?<![\w])men[ ]+inte[ ]+$", re.IGNORECASE)
# Another value of the same kind after one ("..., och till källaren 2580").
_ANOTHER = re.compile(r"[^.?!\n\d]{0,30}(?<![\w])och(?![\w])[^.?!\n\d]{0,70}", re.IGNORECASE)
# A number broken off for a correction is a false start of the value ("fyrahundratjugo sju... nej,").
# A number read off a document is the value however it is said: "Det står femtiotusen trehundrafyrtioett."
_READ_OFF = re.compile(r"(?<![\w])(?:det|här)[ ]+står(?:[ ]+(?:det|här))*(?:[ ]+på[ ]+\w+)?[ ,:]*$", re.I)
# (not the spelling alphabet's "som i Wilhelm")
_IN_PLACE = re.compile(
    r"(?:^|(?<=[ ,.]))(?<!som )(?:(?:uppe|nere|ute|borta)[ ]+)?(?i:i)[ ]+((?-i:[A-ZÅÄÖ])[a-zåäöé-]{2,})"
)
_PLACE_ENDS_ANSWER = re.compile(r"[ ,]+(?:(?:i|på)[ ]+)?((?-i:[A-ZÅÄÖ])[a-zåäöé-]{2,})(?=[ ]*(?:[.!?,]|$))")
_OPENS_SENTENCE = re.compile(r"(?:^|[.!?…])[ ]*$")
# A turn broken off here: "..." or "…" ending it (in a turn's body, or at a line end of the text).
PAUSE_AT = re.compile(r"[ ]*(?:\.\.\.|…)[ ]*(?=\n|$)")
_GOES_ON = re.compile(r"[ .…,]*(?:(?:och|sen|sedan|så|eh|öh|ja)[ ,.…]+)*", re.IGNORECASE)  # a piece's lead-in
_LISTED = re.compile(r"(?<![\w])och(?![ ]+sen)(?![\w])", re.IGNORECASE)
# Nothing but a correction between a value and the number after it.
RETRACTS = r"nej|nä|nää|nei|förlåt|vänta|vent|jag menar"  # words that take back what was just said (also Norwegian)
_RESTATED = re.compile(rf"[ ,.…]*(?:(?:{RETRACTS}|alltså|utan|eh|öh)(?![\w])[ ,.…]*)+", re.I)
_BROKEN_OFF = re.compile(rf"[ ,]*(?:\.\.\.|…)?[ ,]*(?:{RETRACTS})(?![\w])", re.IGNORECASE)
# A value corrected after it was given ("41319, nej förlåt, det var 41391"): the answer goes on.
_CORRECTION = re.compile(
    r"(?<![\w])(?:nej|nä|nää|nei|förlåt|fel|jag menar|menar|rättelse|vänta|vent|stämmer inte|inte riktigt|ska vara|rätt är|"
    r"egentligen|eller|utan|ändrade?s?|ändrat|bytte?s?|bytt|nya)(?![\w])",  # ... or changed: "den ändrades till 8840"
    re.IGNORECASE,
)

# A date with its month named: "den 8 november 1993", "åttonde november nittiotre", "tolv mars".
_MONTH = "|".join(heuristics.MONTHS) + "|jan|feb|apr|aug|sept|sep|okt|nov|dec"
_ISO_DATE = re.compile(r"(?<![\d-])((?:18|19|20)\d\d)-([01]\d)-([0-3]\d)(?![\d-])")
_WRITTEN_PNR = re.compile(r"(?<!\d)(?:\d{8}|\d{6})[-+ ]?\d{4}(?!\d)")
# "trettonde i fjärde", "sjuttonde elfte" (the day before it is found from it, so "första" alone is no date)
_MONTH_ORDINAL = rf"(?:i[ ]+)?(?:{'|'.join(heuristics.MONTH_ORDINALS)})"
# Found from the month (most words are no month), then the day before it.
_MONTH_WORD = re.compile(rf"(?<![\w])(?:{_MONTH}|{_MONTH_ORDINAL})(?![\w])", re.IGNORECASE)
# (the day is any word here: dates_of reads it as an ordinal or a number, or drops the date)
_DAY_BEFORE = re.compile(r"(?<![\w])(?:den[ ]+)?(?P<day>\d{1,2}(?::[ae])?|[a-zåäö]+)[ ]+$", re.IGNORECASE)
# Letters spelled one by one ("h o l m"), or with the spelling alphabet ("K som Kalle, V som Viktor")
_SOM = r"[^\W\d_][ ,]+som[ ]+(?:i[ ]+)?[^\W\d_]+"
# ... or both, mixed: "s som i sigurd i r i p o r n"
_SPELLED_LETTER = r"(?<![\w])(?:[^\W\d_][ ]+som[ ]+(?:i[ ]+)?[^\W\d_]+|[^\W\d_](?![\w]))"
# ... and groups of letters joined by "och (sen)": "a l och sen r a s h i d"
_SPELLED = re.compile(
    rf"(?<![\w])(?:{_SOM}(?:[ ,.]+(?:och[ ]+)?{_SOM}){{2,}}"
    rf"|{_SPELLED_LETTER}(?:(?:[ ,.-]+|[ ,]+och(?:[ ]+sen)?[ ]+){_SPELLED_LETTER}){{3,}})"
)


def _spellings(text: str, body: str, start: int) -> list[tuple[int, int]]:
    """Letters spelled in `body` (at `start` in the text), and the word they spell wherever it is
    said whole in the call: the agent's "Öksell, tack."."""
    found = [m for m in _SPELLED.finditer(body) if not _abbreviation(m.group(0)) and _spelling_holds(m.group(0))]
    words = {_spelled_word(m.group(0)) for m in found}
    return [(start + m.start(), start + m.end()) for m in found] + [
        w.span()
        for word in words
        if len(word) >= 3
        for w in re.finditer(rf"(?<![\w]){re.escape(word)}(?![\w])", text, re.IGNORECASE)
    ]


# A letter named by the spelling alphabet: "K som i Kalle" (the letter, the word)
SPELLED_AS = re.compile(r"(?<![\w])([^\W\d_])[ ,]+som[ ]+(?:i[ ]+)?([^\W\d_]+)", re.IGNORECASE)
# Letters in groups joined by "och" spell a word of this many letters or more ("a l och sen r a s h
# i d"), not a list ("sektion A, B och C i kontraktet")
_MIN_JOINED_LETTERS = 6


def _spelling_holds(spelled: str) -> bool:
    """Each "X som Y" names its letter by a word that starts with it ("S som i Sigurd"; not "I K E
    A, som möbelvaruhuset"), and groups joined by "och" spell a word, not a list."""
    pairs = list(SPELLED_AS.finditer(spelled))
    if any(m.group(1).lower() != m.group(2)[0].lower() for m in pairs):
        return False
    joined = re.search(r"(?<![\w])och(?![\w])", spelled, re.IGNORECASE) is not None
    return bool(pairs) or not joined or len(_spelled_word(spelled)) >= _MIN_JOINED_LETTERS


def _spelled_anywhere(text: str, ts: list[Turn], spans: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    """Letters spelled in any turn are a name's, unless a slot took them (an e-mail's, a plate's):
    "Nej, Nyqvist. N y q v i s t." after the agent's wrong read-back."""
    out = []
    for turn in ts:
        body = turn.body(text)
        for s, e in _spellings(text, body, turn.start):
            if not any(a < e and s < b for _, a, b in spans):
                out.append(("PERSON", s, e))
    return out


def _spelled_word(spelled: str) -> str:
    """The word spelled: "K som Kalle, V som Viktor, ..." and "l, i, n, d" give their letters."""
    return "".join(m.group(0)[0] for m in re.finditer(_SPELLED_LETTER, spelled, re.IGNORECASE))


# "född den 13 april 1988", "Han föddes den tredje mars" anywhere, whatever else the turn asks.
_BORN = re.compile(
    r"(?<![\w])född(?:es)?(?:[?.…]+(?:[ ]*(?:\.\.\.|…))?)?[ ]+", re.IGNORECASE
)  # "när är Adnan född? ... Tolfte augusti"
# Day and month in digits, the year after them: "13.04.1988", "13/4-88", "13/4 1988".
_NUMERIC_DATE = re.compile(
    r"(?<![\d.,/-])(?P<day>[0-3]?\d)[./](?P<month>[01]?\d)(?:[./-]|[ ]-[ ]?|[ ](?=\d{4}))(?:\d{4}|\d{2})(?![\d])"
)

# A spoken or written IPv4 address: four numbers joined by "punkt" or ".".
_DOT = r"(?:punkt|prick|komma|dot)"  # "prick", "komma", "dot" too; a filler may follow: "punkt eh hundraåttio"
_DIGIT_WORD = numbers.DIGIT_WORD
# one or two words ("tvåhundrafyrtioett", "hundra åtta"), or three digits said one by one ("ett nio fem")
_NUM = (
    rf"(?:\d{{1,3}}|{_DIGIT_WORD}(?:[ ]{_DIGIT_WORD}){{2}}(?![\w])|"
    rf"(?!{_DOT}\b|eh\b|öh\b)[a-zåäö]+(?:[ ](?!{_DOT}\b|eh\b|öh\b)[a-zåäö]+)?)"
)
# "ett nio fem, punkt, ett nio åtta", "Åttiofem punkt tvåhundratjugotvå... punkt fjorton", "nio eh punkt"
_IP_SEP = rf"[ ]*(?:(?:eh|öh)[ ,]+)?(?:(?:\.\.\.|…)[ ]*(?={_DOT}))?,?[ ]*(?:{_DOT}|\.)[ ]*,?[ ]*(?:(?:eh|öh)[ ,]+)?"
_IP_PART = re.compile(
    rf"(?<![\w.])(?:{_DOT}[ ]+)?{_NUM}(?:{_IP_SEP}{_NUM}){{1,3}}(?![\w])|(?<![\w]){_DOT}[ ]+{_NUM}(?![\w])",
    re.IGNORECASE,
)
_IP_APART = re.compile(r"(?<![\d.])\d{1,3}(?: \d{1,3}){3}(?![\d.])")
# "åttiofem, tvåhundratjugosex, fyrtio, elva" (each a number of its own)
_IP_COMMAS = re.compile(
    r"(?<![\w,])(?:\d{1,3}|[a-zåäö]+)(?:,[ ](?:\d{1,3}|[a-zåäö]+)){3}(?![\w]|,[ ]\w)", re.IGNORECASE
)
# Hex pairs said: letters a-f, digits, number words ("a fyra, tre c, noll noll, fyrtiofyra"), three or more.
_HEX_TOKEN = rf"(?:[a-f]|[0-9a-f]{{2}}|\d|(?:{numbers.SMALL_NUMBER_WORDS})+)(?![\w])"
_HEX_RUN = re.compile(rf"(?<![\w]){_HEX_TOKEN}(?:(?:[ ]*(?:,|:|-|kolon)[ ]*|[ ]+){_HEX_TOKEN}){{2,}}", re.I)
_IP_COMMAS_PART = re.compile(r"(?<![\w,])(?:\d{1,3}|[a-zåäö]+)(?:,[ ](?:\d{1,3}|[a-zåäö]+)){1,2}(?![\w]|,[ ]\w)", re.I)
_VERSION = re.compile(r"(?:version|firmware|v\.?)[ ]*$", re.IGNORECASE)

# Names in an answer: capitalised words, at most four, with the particles of names ("Thi", "van").
_CAP = r"[A-ZÅÄÖÉÜ][a-zåäöéüA-ZÅÄÖÉÜ'’-]+"
_CAP_NAME = re.compile(rf"{_CAP}(?:[ ]+(?:{_CAP}|van|von|de|af|al|el|bin|ibn|da|di|der)){{0,3}}")
_HETER = re.compile(
    r"(?:heter|det är|jag är|namnet är)[ ]+(?:jag[ ]+)?(?P<name>[a-zåäöéü'’-]+(?:[ ][a-zåäöéü'’-]+)?)", re.IGNORECASE
)
NOT_NAMES = introduction.NOT_NAMES | frozenset(
    (
        "hejsan",
        "jo",
        "ok",
        "mitt",
        "min",
        "vänta",
        "eh",
        "öh",
        "mm",
        "god",
        "morgon",
        "dag",
        "han",
        "hon",
        "och",
        "eller",
        "men",
        "så",
        "nu",
        "bara",
        "alltså",
        # what an answer to "vad heter du?" may be besides a name
        "nämen",
        "asså",
        "typ",
        "hmm",
        "hm",
        "näe",
        "nä",
        "nej",
        "ehm",
        "öhm",
        "ingen",
        "aning",
        "samma",
    )
)


QUESTION_WORDS = frozenset(
    (
        "vad",
        "vilken",
        "vilket",
        "vilka",
        "hur",
        "när",
        "var",
        "vart",
        "vem",
        "varför",
        "kan",
        "har",
        "är",
        "ska",
        "vill",
        "får",
        "brukar",
    )
)


@dataclass(frozen=True)
class Turn:
    label: str
    start: int  # of the body in the text
    end: int

    def body(self, text: str) -> str:
        return text[self.start : self.end]


def turns(text: str) -> list[Turn]:
    """The labelled lines of a dialogue text; an unlabelled line continues the turn before it."""
    out: list[Turn] = []
    pos = 0
    for line in text.split("\n"):
        m = TURN_LINE.match(line)
        if m:
            out.append(Turn(m.group("label").strip(), pos + m.start("body"), pos + len(line)))
        elif out and line.strip():
            out[-1] = Turn(out[-1].label, out[-1].start, pos + len(line))
        pos += len(line) + 1
    return out


def _slots_of(body: str) -> list[tuple[Slot, int]]:
    """The slots a turn asks for ("postnummer och personnummer?" asks for two), in the order
    named, each with where its asking ends (the answer may follow in the turn). Where the words
    of two slots overlap, the first slot in SLOTS is the one."""
    found: dict[tuple[str, str], tuple[int, Slot, int]] = {}
    for slot in SLOTS:
        m = slot.question.search(body)
        if m and all(not (a <= m.start() < b) for a, _, b in found.values()):
            found.setdefault((slot.entity, slot.reads), (m.start(), slot, m.end()))
    return [(slot, e) for _, slot, e in sorted(found.values(), key=lambda x: x[0])]


# Numbers that may start with letters: a passport "FA1234567", a customer number "KN-448120".
LETTERED = ("ID_NUMBER", "CUSTOMER_NUMBER", "IBAN_CODE", "ACCESS_CODE", "CREDIT_CARD")  # a card: "RP0418833", a permit
_LETTER_PREFIX = re.compile(
    r"(?<![\w-])(?:[A-Z]{1,3}-?|(?!(?:PIN|PUK|OCR|SMS|BG|PG)[ ])[A-Z]{2,3}[ ]|(?:[A-Z][ ]?(?:,|\.\.\.|…)?[ ]){1,3})$"
)  # "FA", "NV " (not the code's name: "PIN 1 2 3 4"), "K L ", "L N ... "
# a password: letters and digits glued into one word ("Hjortron1981")
_GLUED_WORD = re.compile(
    r"(?<![\w-])[^\W\d_]{2,}[!#?*&%]?$"
)  # "Hjortron" of "Hjortron1981", "Nyberg!" of "Nyberg!2019"


def letters_before(text: str, start: int, entity: str) -> int:
    """The start of a number with its letter prefix glued on ("FA" of "FA1234567"), or, for a
    code, with the word it is glued to ("Hjortron" of "Hjortron1981")."""
    m = _LETTER_PREFIX.search(text, max(0, start - 12), start)
    if m is None and entity == "ACCESS_CODE":
        m = _GLUED_WORD.search(text, max(0, start - 30), start)
    return m.start() if m else start


def _other_slot_start(body: str, slot: Slot, after: int) -> int:
    """Where, after `after`, the word of a slot with another entity stands with that slot's value
    right after it in its sentence ("och portkoden är 7 3 9 1"; not "Jag har ett foto på det i
    telefonen faktiskt. fyrtiofem ..."), else the turn's end."""
    starts = []
    for o in SLOTS:
        m = o.question.search(body, after) if o.entity != slot.entity and not o.part else None
        runs = numbers.runs(body[m.end() : m.end() + 40]) if m else ()
        if (
            m
            and runs
            and o.accept(runs[0].digits)
            and not SENTENCE_END.search(body, m.end(), m.end() + runs[0].tokens[0].start)
        ):
            starts.append(m.start())
    return min(starts, default=len(body))


# A password: words of letters and digits ("x7 k9 m4 q2", "Hjortron1981"), or a word and a number
# said after it ("Hallonbåt sjuttiotre")
_MIXED = re.compile(
    r"(?<![\w-])(?=[\w-]*\d)(?=[\w-]*[^\W\d_])(?!\d+-|[A-Z]{1,3}-)\w+(?:-\w+)*"
    r"(?:[ ]+(?=\w*\d)(?=\w*[^\W\d_])\w{2,})*(?![\w-])"
)  # "x7 k9 m4 q2", "Solrosen-Kaffe-47"; not "6-kabel", "RT-AX58U"
_PRODUCT = re.compile(r"\d[A-Za-z]{1,2}|[A-Z]{1,2}\d")  # "5G", "PS5", "A4": a product's name, no password
_WORD_BEFORE_NUMBER = re.compile(r"(?<![\w-])(?-i:[A-ZÅÄÖ])[a-zåäöéü]{3,}(?=[ ]+\S)")


# ... or a word alone that ends the sentence after "är": "lösenordet är Pelargon"
_WORD_ALONE = re.compile(
    r"(?:(?<=\bär )|(?<=\bblir ))(?-i:[A-ZÅÄÖ])[a-zåäöéü]{3,}(?=[ ]*(?:[.!?]|$))"
    r"|^[ ]*(?-i:[A-ZÅÄÖ])[a-zåäöéü]{3,}(?=[ .!?]*$)"
)  # ... or the whole answer: "Blåbärsskogen."


def _ordinary(word: str) -> bool:
    """A common word or one that is never a name ("Tack", "Ärende"): no password."""
    return word.lower() in introduction.lexicon()[0] or word.lower() in NOT_NAMES


_MIXING = re.compile(r"(?<=[^\W\d_])(?=\d)|(?<=\d)(?=[^\W\d_])")  # where letters and digits meet
_WORDS_FIRST = re.compile(r"^[ ]*((?:[^\W\d_]{2,}[ ]+){1,3})")


def _passwords(body: str) -> list[tuple[int, int]]:
    out = [m.span() for m in _MIXED.finditer(body) if not _PRODUCT.fullmatch(m.group())]
    out += [m.span() for m in _WORD_ALONE.finditer(body) if not _ordinary(m.group().strip())]  # not "Tack."
    for m in _WORD_BEFORE_NUMBER.finditer(body):
        runs = numbers.runs(body[m.end() : m.end() + 40])
        at = m.end() + runs[0].tokens[0].start if runs else 0
        if runs and not body[m.end() : at].strip() and not heuristics.after_reference_word(body, at):
            if not _ordinary(m.group()):  # not "Ärende 77 120 44"
                out.append((m.start(), m.end() + runs[0].tokens[-1].end))
    # ... or the answer's first words and a number, in any case: "gröna stolen åttiotvå, ihop",
    # "sommartant tjugofyra utropstecken"
    runs = numbers.runs(body)
    words = _WORDS_FIRST.fullmatch(body, 0, runs[0].tokens[0].start) if runs else None
    said = words.group(1).lower().split() if words else []
    if words and not any(w in introduction.STOP_WORDS or numbers.words_to_digits(w) for w in said):
        out.append((words.start(1), runs[0].tokens[-1].end))
    return out


# Capitals and digits read off in pieces between pauses: "BDKX... 412", "WCR... 0 8 8 1 3 4 5",
# "C02 F... K7X... Q6L4", "31882... MZ... 145" (not over a comma: "en Volvo V60, RJU 88A")
_CODE_PIECE = r"(?-i:[A-Z0-9]{1,12})"
_PIECES = re.compile(
    rf"(?<![\w-]){_CODE_PIECE}(?:(?:[ -]+|[ ]*(?:\.\.\.|…)[ ]*(?:(?:och[ ]+)?sen[ ]+)?|[ ]+(?:eh|öh)[ ,.…]*){_CODE_PIECE})+(?![\w-])"
)
_PAUSED = re.compile(r"\.\.\.|…|(?<![\w])(?:eh|öh)(?![\w])")


def _document_numbers(body: str) -> list[tuple[int, int]]:
    """Letters and digits mixed, as passports and ID cards are numbered ("C4J7K2L91", "C4 J7 K2
    L91"): five digits at least, so no product ("PS5"), price ("250kr") or flight ("SK1415"); or
    read off in pieces, two capitals and three digits at least, with a pause between or seven
    characters ("BDKX 412")."""
    out = [m.span() for m in _MIXED.finditer(body) if sum(c.isdigit() for c in m.group()) >= 5]
    for m in _PIECES.finditer(body):
        said = m.group()
        if (
            (_PAUSED.search(said) or sum(c.isalnum() for c in said) >= 7)
            and sum(c.isdigit() for c in said) >= 3
            and sum(c.isalpha() and c.isupper() for c in said) >= 2
            and not any(a <= m.start() and m.end() <= b for a, b in out)
        ):
            out.append(m.span())
    return out


# The word an answer names as the password; the answer is read from after the slot's word when it
# names it (" är blåbärssoppa.", "Kodordet är Stjärnfall förresten, ...").
_NAMED_PASSWORD = re.compile(
    r"(?:^[ ,]*(?P<it>(?:(?:ja|det|den)[ ,]+)*)|(?<![\w])(?:lösenord|kodord|säkerhetsord|användarnamn)(?:et)?[ ]+)"
    r"(?:är|blir)[ ]+(?P<word>[^\W\d_][\w-]{3,})(?=(?:[ ]+(?:förresten|alltså))?[ ]*(?:[.,!?](?![\w])|$))",
    re.IGNORECASE,
)

# a user name as the whole answer, in lowercase, said to be written joined: "annajberglund allt ihop",
# "sommarregn bara så ett ord"
_HANDLE_ALONE = re.compile(
    r"^[ ,]*(?:(?:ja|det[ ]+är|den[ ]+är)[ ,]+)?(?P<word>[a-zåäö][a-zåäö0-9]{4,})"
    r"(?=[ ,]*(?P<joined>(?:bara[ ]+)?(?:så[ ]+)?(?:(?:allt[ ]+)?ihop|(?:i|som)?[ ]*ett[ ]+ord))?[ ]*(?:[.,!?]|$))"
)

_SAYS_WHAT_IT_IS = frozenset("samma detsamma hemligt hemlig fel rätt nytt ändrat bytt gammalt kort långt".split())


def _named_password(body: str, entity: str) -> list[tuple[int, int]]:
    """The word an answer names as the password, any word but one that says what it is ("samma som
    förut", "hemligt"); as the user name, or after "det är", no common word ("det är bra"), nor
    what names a field, a definite noun or a participle ("Det är mejladressen", "det är BankID",
    "Det är spärrat"), which the lexicon's words do not all cover; a user name also as the whole
    answer in lowercase ("annajberglund allt ihop")."""
    alone = _HANDLE_ALONE.finditer(body) if entity == "USERNAME" else ()
    return [
        m.span("word")
        for m in _NAMED_PASSWORD.finditer(body)
        if m.group("word").lower() not in _SAYS_WHAT_IT_IS
        and not ((entity != "ACCESS_CODE" or m.group("it")) and _says_a_thing(m.group("word")))
    ] + [
        m.span("word")
        for m in alone
        if m.group("word").lower() not in _SAYS_WHAT_IT_IS | DEVICE_DEFAULTS
        # (said to be joined, "-lund" is no participle's "-d"; "spärrat" still is one)
        and not _says_a_thing(m.group("word"), _A_JOINED_THING if m.group("joined") else _A_THING)
    ]


# a participle ("spärrat", "återställt") or a field's name ("kundnummer", "mejl", "BankID"); of a word
# said to be written joined only a participle's "-at", "-it", "-ad" ("annajberglund" is no "-d")
_A_THING = re.compile(r".*(?:at|t|d|nummer|adress|mejl|mail|kod|namn)$", re.IGNORECASE)
_A_JOINED_THING = re.compile(r".*(?:at|it|ad)$", re.IGNORECASE)


def _says_a_thing(word: str, endings: re.Pattern = _A_THING) -> bool:
    return _ordinary(word) or introduction.DEFINITE.match(word) is not None or endings.match(word) is not None


_LETTERS_ON = re.compile(r"[^\W\d_]*")


def _runs_to_the_end(body: str, at: int) -> bool:
    """A number right after the slot's word that the turn ends on, the rest to come in the speaker's
    next turn ("... den har bankgiro fem fyra tre" / "två sju åtta ett")."""
    runs = numbers.runs(body[at:])
    return (
        len(runs) == 1
        and not body[at : at + runs[0].tokens[0].start].strip()
        and not body[at + runs[0].tokens[-1].end :].strip(" .…,")
    )


def _asked_back_at_end(body: str, at: int) -> bool:
    """The turn ends on a number after `at` and a question mark: a value read back to be confirmed."""
    runs = numbers.runs(body[at:])
    return bool(runs) and re.fullmatch(r"[ .…]*\?[ ]*", body[at + runs[-1].tokens[-1].end :]) is not None


# "... är" before a number, in digits or words ("Koden är tre sju...", "är fyrahundra...", also
# the neighbours' "er" and English "is": "the code is 1-9-5-8") ... or "Körkortet. Nummer 3 3 0 4 ..."
_GIVES = re.compile(
    rf"(?:(?:[ ]+till[ ]+[a-zåäö]+)?[ ]+(?:är|blir|er|is)|[.,]?[ ]+(?:nummer|numret|nr|number)(?:[ ]+(?:är|blir|er|is))?[:,]?)[ ]+"
    rf"(?=\d|(?:{numbers.SMALL_NUMBER_WORDS})+(?![a-zåäö])|[a-zåäö]*(?:hundra|tusen))",
    re.I,
)


def _asked_start(body: str, slot: Slot, asked_end: int) -> int:
    """Where the slot's word that ends at `asked_end` starts."""
    return next((m.start() for m in slot.question.finditer(body) if m.end() == asked_end), asked_end)


def _sentences_before(body: str, slot: Slot, named_end: int) -> int:
    """Where the sentences before the one naming the slot end, when they hold a number, or a date
    for a slot of dates ("Åttonde juni. Han dog på plats."); else 0."""
    ends = [e.end() for e in SENTENCE_END.finditer(body, 0, _asked_start(body, slot, named_end))]
    said = body[: ends[-1]] if ends else ""
    return ends[-1] if said and (numbers.runs(said) or (slot.dates and dates_of(said))) else 0


def _slot_of(body: str) -> tuple[Slot | None, int]:
    """The slot a turn asks for last: the one its answer is about."""
    named = _slots_of(body)
    return named[-1] if named else (None, 0)


class KlangDialogueSlotRecognizer(TextRecognizer):
    ENTITIES = tuple(sorted({s.entity for s in SLOTS}))

    def may_match(self, text: str) -> bool:
        return "\n" in text and ":" in text and heuristics.mentions(text, KEYWORDS)

    def analyze(self, text, entities, nlp_artifacts=None):
        if not self.may_match(text):
            return []
        spans: list[tuple[str, int, int]] = []
        ts = turns(text)
        asked: dict[str, tuple[Slot, int]] = {}  # per speaker: the last slot asked for, and in which turn
        handed: tuple[Slot, Turn, bool] | None = None  # a slot the last turn named or offered (True) to the listener
        for k, turn in enumerate(ts):
            body = turn.body(text)
            low = body.lower()
            if "född" in low and (not entities or "SE_PERSONNUMMER" in entities):
                spans.extend(("SE_PERSONNUMMER", turn.start + s, turn.start + e) for s, e in _born(body))
            if "fyller" in low and (not entities or "SE_PERSONNUMMER" in entities):
                spans.extend(("SE_PERSONNUMMER", turn.start + s, turn.start + e) for s, e in _birthday(body))
            if not entities or "SE_PERSONNUMMER" in entities:
                spans.extend(("SE_PERSONNUMMER", turn.start + s, turn.start + e) for s, e in _dated_personnummer(body))
            # an IP address said whole in words is one whatever was asked ("Vänta, jag skriver. Hundranittiotre
            # punkt hundraåttio punkt fyrtiofyra punkt sjutton.")
            if ("punkt" in low or "prick" in low or "dot" in low) and (not entities or "IP_ADDRESS" in entities):
                spans.extend(_ips_said(text, ts, k))
            if ("..." in low or "…" in low) and (not entities or "IP_ADDRESS" in entities):
                spans.extend(_ip_over_turns(text, ts, k))
            if "slutar" in low or "slutade" in low or "slutande" in low:
                spans.extend(x for x in _last_digits(text, ts, k) if not entities or x[0] in entities)
            if "går ut" in low and (not entities or "CREDIT_CARD" in entities):
                spans.extend(("CREDIT_CARD", turn.start + s, turn.start + e) for s, e in _card_expiry(text, ts, k))
            # Most turns name no slot: a substring test is cheaper than every slot's pattern.
            named = _slots_of(body) if _KEYWORD.search(low) else []
            last = asked.get(turn.label)
            if named and named[-1][0] is BARE_NUMBER and last and k - last[1] <= REOPEN_TURNS:
                named = [(last[0], named[-1][1])]
            # "Och samma på klubbhuset?" asks for the slot last named, whoever named it
            last = last or (max(asked.values(), key=lambda x: x[1]) if asked and _THE_OTHER.search(body) else None)
            if not named and last:
                named = [x for x in [_reopened(body, last, k)] if x[0] is not None]
                if not named and _question(body):
                    asked.pop(turn.label, None)  # a new topic: "igen?" after it is not about the slot
            given, handed = handed, None
            taken = (
                not named
                and given is not None
                and given[1] is ts[k - 1]
                and given[1].label != turn.label
                and (_IT_REQUEST.search(body) is not None or (given[2] and not _DECLINES_OFFER.match(body)))
            )
            if given is not None and taken:
                named = [(given[0], len(body))]  # the listener asks for it in turn
            if not named:
                continue
            asked[turn.label] = (named[-1][0], k)
            for slot, asked_end in named:
                asked_start = _asked_start(body, slot, asked_end)
                offered = (
                    _OFFER.match(body, asked_end) is not None or _OFFER_BEFORE.search(body, 0, asked_start) is not None
                )
                asks = _asks(body, asked_start, asked_end)
                given_too = any(slot.accept(r.digits) for r in numbers.runs(body[asked_end:]))
                if handed is None and (offered or not (given_too or asks)):
                    handed = (slot, turn, offered)  # the first named: "koden till telefonen, behöver ni den?"
                if offered:
                    continue  # answered by the one who offered it, after the listener's yes
                if not entities or slot.entity in entities:
                    spans.extend(self._zone(text, ts, k, slot, asked_end, taken))
        if not entities or "SE_PERSONNUMMER" in entities:
            spans.extend(_birthday_echoes(text, ts, spans))
            spans.extend(_dates_beside(text, spans))
        spans.extend(corrections(text, ts, spans))
        if not entities or "ACCESS_CODE" in entities:
            spans.extend(_codes_talked_of(text, ts, spans))
        if not entities or "PERSON" in entities:
            spans.extend(_spelled_anywhere(text, ts, spans))
        if "står" in text:  # a code read off a card where no slot took it already
            spans.extend(
                x
                for x in _codes_read_off(text, ts)
                if (not entities or x[0] in entities) and not any(s < x[2] and x[1] < t for _, s, t in spans)
            )
        spans.extend(_read_backs(text, spans))
        spans = [(e, letters_before(text, s, e) if e in LETTERED else s, t) for e, s, t, *_ in spans]
        return [self._result(e, s, t) for e, s, t in sorted(set(spans), key=lambda x: (x[1], x[2]))]

    def _zone(
        self, text: str, ts: list[Turn], k: int, slot: Slot, asked_end: int, taken: bool = False
    ) -> list[tuple[str, int, int]]:
        """The answers to the slot asked for in turn k: in the same turn, else in the turns after.
        `taken`: turn k asks for the slot the turn before it named or offered."""
        turn = ts[k]
        body = turn.body(text)
        # Dates are everywhere in a call ("förfaller den sjuttonde januari"): one is a birth date
        # only in the answer to a question for it ("och ditt födelsedatum" in ASR has no "?"),
        # not after "jag är född ..." in a statement.
        asked_start = _asked_start(body, slot, asked_end)
        asks = taken or _asks(body, asked_start, asked_end)
        # An answer in the asking turn comes right after a question; a speaker who names the slot
        # in a statement ("mina fyra sista är alltså, vänta lite nu, ...") gives it in that sentence.
        stop = _sentence_end(body, asked_end)
        # the speaker gives it, perhaps after naming it again: "... nyckelbox vid dörren. Koden är tre sju..."
        goes_on = k + 1 < len(ts) and ts[k + 1].label == turn.label  # the speaker's next turn follows
        gives = any(
            _GIVES.match(body, at := _LETTERS_ON.match(body, m.end()).end()) or (goes_on and _runs_to_the_end(body, at))
            for m in slot.question.finditer(body)
        )
        if not asks and gives:
            stop = len(body)
        # "Till mitt plusgiro. Nittio trettiotre...": the speaker's own value may come in the next sentence
        if not asks and _own(body, asked_end) and not numbers.runs(body[asked_end:stop]):
            stop = _sentence_end(body, stop + 1)
            # ... after a pause said as a sentence: "jag har ett kundnummer. vänta. fyra fyra"
            while (
                stop < len(body) and not numbers.runs(body[asked_end:stop]) and len(body[asked_end:stop].split()) <= 6
            ):
                stop = _sentence_end(body, stop + 1)
        end = turn.start + (min(len(body), asked_end + SAME_TURN_CHARS) if asks else stop)
        # ... or the asker's own read-back, asked at the turn's end after more words: "Har hon samma
        # personnummer? Alltså, jag behöver kolla att det stämmer, sjuttiosex noll fyra tjugosju?"
        if asks and _asked_back_at_end(body, asked_end):
            end = turn.end
        # the answer after the slot's word, not in its ending: "postkod|en åttio" is no "en"
        said_from = _LETTERS_ON.match(body, asked_end).end()
        same = [  # "född den 13 april 1988" in the asking turn is a birth date whatever the turn is
            a for a in self._answers(text, slot, [(turn.start + said_from, turn.end)], slot.dates) if a[1] <= end
        ]
        if not asks or same:
            # the slot named again later in the statement: "... nyckelgömman ... Men koden är 0 4 2 6",
            # "min dörrkod är 5512, och portkoden är 7 3 9 1": each mention's value; so in a question
            # after a value ("Det står PIN 3 3 0 9 och PUK 7 1 8 8 4 0 2 6. Ska jag sätta in det nu?")
            for m in slot.question.finditer(body, asked_end):
                if same and turn.start + m.start() < same[-1][2]:
                    continue
                later_end = turn.start + _sentence_end(body, m.end())
                same += [a for a in self._answers(text, slot, [(turn.start + m.end(), turn.end)]) if a[1] <= later_end]
        # "Är det tjugotre åttionio ni har som sista fyra?", "4238 är mina fyra sista."
        before = self._answers(text, slot, [(turn.start + s, turn.start + e) for s, e in _value_before(body, slot)])
        # A statement about the slot ("Kundnumret står uppe till höger på fakturan.") is answered
        # only by a whole value (not "Jag har ditt kundnummer framför mig nu." / "Den var 2140."); one
        # about the speaker's own ("mitt personnummer, vänta, nittio") goes on in their next turns.
        # the speaker's own, or one they give: "Koden är tre sju..." / "Mm." / "nio ett."
        own_value = not asks and (_own(body, asked_end) or gives)
        whole = not (asks or own_value)
        # a statement's value that is not whole ("organisationsnummer sexton fem ...", one digit too
        # many) goes on to the listener's turns, where its read-back may be the whole one
        done = (
            asks
            or slot.reads != "numbers"
            or (same and slot.complete(numbers.words_to_digits(text[same[-1][1] : same[-1][2]])))
        )
        if same and not _question(body) and done:
            return before + same  # a question with a value in it may be corrected: "43173, stämmer det?"
        asks = asks or whole
        dialogue = any(t.label != turn.label for t in ts)
        answer_turns: list[list[tuple[int, int]]] = [[]]  # one list per value the answerer announces
        own: list[tuple[int, int]] = []
        said: dict[str, int] = {}  # per speaker: a third speaker's talk does not use up the answer's turns
        broken_off = False  # the answer's last turn broke off after a number: more of it is to come
        asked_back = False  # the answerer asked what is meant ("Vad är det?"): the asker explains
        for nxt in ts[k + 1 : k + 1 + ZONE_TURNS]:
            nb = nxt.body(text)
            if dialogue and (nxt.label == turn.label) == asks:  # the asker, or the listener of a statement
                # the asker moved on; not by talking while the answerer finds the rest ("Det är noll
                # sjuttiotre..." / "Mm, och medan du säger det kan jag nämna ..." / "Okej. Femhundratolv...")
                # or explaining what was asked for ("Fyra siffror, det står på dörren.")
                if not _backchannel(nb, slot) and (_question(nb) or not broken_off) and not asked_back:
                    break
                asked_back = False
                # the answer under the asker's label (diarization), or a read-back: read on its own, not
                # joined to the answer's parts
                if (asks and not whole or own_value) and _bare_number(nb):
                    own.append((nxt.start, nxt.end))
                continue
            # "..., och mitt födelsedatum är 17.10.1975": after the slot word, when the answer names it;
            # "Clearing 84309" / "Ja." / "och kontot 934657 ...": a new value, not joined to the one before
            named, named_end = _slot_of(nb)
            # "Andra maj tjugotolv. Och Vilgot är född ...": a value in the sentences before it answers the question
            said_before = _sentences_before(nb, slot, named_end) if named is slot else 0
            if said_before:
                answer_turns[-1].append((nxt.start, nxt.start + said_before))
            if named is slot and answer_turns[-1]:
                answer_turns.append([])
            # "Bra, och portkoden är 7 3 9 1": a value after another slot's word is that slot's
            begin = named_end if named is slot else 0
            other = _other_slot_start(nb, slot, begin)
            answer_turns[-1].append((nxt.start + begin, nxt.start + other))
            if other < len(nb):
                break  # the answerer went on to another slot's value: the zone ends there
            # "Ett ögonblick." says no number; "Eh." and "Vänta." say nothing; a turn broken off after a
            # number ("Femhundratolv...") goes on in the next
            runs = numbers.runs(nb)
            broken_off = bool(runs) and PAUSE_AT.match(nb, runs[-1].tokens[-1].end) is not None
            asked_back = not runs and _WHAT_IS_IT.match(nb) is not None
            said[nxt.label] = said.get(nxt.label, 0) + (
                not broken_off and (len(nb.split()) > BACKCHANNEL_WORDS or any(len(r.digits) > 1 for r in runs))
            )
            if said[nxt.label] == ANSWER_TURNS:
                break
        # a statement's value may start in its own turn ("mitt personnummer, vänta, nittio" / "Mm." / ...)
        rest = [] if asks else [(turn.start + said_from, end)]
        # after a value in the question ("Jag har postnummer 43173 här, stämmer det?") only a correction
        closed = same[-1][2] if same and done else -1
        dates = slot.dates and asks and not same and not whole
        answers = self._answers(text, slot, rest + answer_turns[0], dates, closed, whole)
        answers += [a for group in answer_turns[1:] for a in self._answers(text, slot, group, dates, -1, whole)]
        mislabelled = [a for r in own for a in self._answers(text, slot, [r])]
        return before + same + answers + mislabelled

    def _answers(
        self,
        text: str,
        slot: Slot,
        ranges: list[tuple[int, int]],
        dates: bool = False,
        closed: int = -1,
        whole: bool = False,
    ) -> list[tuple[str, int, int]]:
        """The slot's values in these parts of the text, in order. A number too short for the
        slot is kept pending: with the next one it may be the value given in two parts ("sju två"
        / "Mm." / "noll fem åtta ett"). A complete value ends the answer. `whole`: only values
        that are complete on their own count (the answer to a statement, not a question)."""
        out: list[tuple[str, int, int]] = []
        pending: list[tuple[int, int, str]] = []
        dates_asked = dates
        # closed: where a complete value ended; the answer is over unless a correction follows
        corrected = False  # after "nej förlåt": the next number is the value, or a piece of it
        postal_head: tuple[int, int] | None = None  # a postnummer's first three digits ending a turn
        prev: tuple[int, int] | None = None  # the range before, for an e-mail address over two turns
        local_parts: list[tuple[str, int, int]] = []  # an e-mail's name part alone, unless more was found
        for start, end in ranges:
            body = text[start:end]
            if slot.reads in ("names", "spelled"):
                # "Åkerblom, med å, å k e r blom"; after a statement ("Jag skriver in ditt efternamn
                # här.") only the letters spelled
                named = _names(body) if slot.reads == "names" and not whole else []
                out += [(slot.entity, s, e) for s, e in _spellings(text, body, start)]
                out += [(slot.entity, start + s, start + e) for s, e in named]
                if slot.reads == "names" and out:
                    return out  # the name is given: "jag ringer från Bostadsrättsföreningen Tallen" is not
                # the name part alone, the rest said later or not at all: "obrien punkt sean", "anna punkt..."
                if slot.reads == "spelled" and not whole:
                    local_parts += [
                        (slot.entity, start + m.start(), start + m.end())
                        for m in _LOCAL_PART.finditer(body)
                        if m.group(0).split()[-1].lower() not in SPOKEN_TLDS  # a domain: the e-mail recognizer's
                    ]
                # an address said over two turns: "jonas punkt ek." / "Mm." / "snabel-a telia punkt com."
                if slot.reads == "spelled" and not whole and prev:
                    for second, first in (
                        (_DOMAIN_TURN, _LOCAL_TURN),
                        (_TLD_TURN, _UP_TO_DOMAIN),
                        (_DOMAIN_ALONE, _UP_TO_AT),
                    ):
                        tail = second.match(body)
                        head = first.match(text[prev[0] : prev[1]]) if tail else None
                        if tail and head:
                            out += [
                                (slot.entity, prev[0] + head.start(1), prev[0] + head.end(1)),
                                (slot.entity, start + tail.start(1), start + tail.end(1)),
                            ]
                prev = (start, end)
                continue
            if slot.reads == "streets":
                streets = answer_street_lines(body)
                out += [(slot.entity, start + s, start + e) for s, e in streets]
                # the place after the street line, ending the answer: "Skogsbrynet tre, Vissefjärda"
                codes = _postal_codes(body, streets)
                out += [("SE_POSTAL_CODE", start + s, start + e) for s, e in codes]
                # ... and after the street line or the postnummer: "Skogsbrynet tre, Vissefjärda", "..., noll
                # ett åttiotvå Oslo"; not "Storgatan 12, Tack."
                out += [
                    ("LOCATION", start + e + m.start(1), start + e + m.end(1))
                    for _, e in streets + codes
                    for m in [_PLACE_ENDS_ANSWER.match(body[e:])]
                    if m and m.group(1).lower() not in NOT_NAMES
                ]
                # the place the answer names after "i": "I Axvall, på Ängsvägen.", "Det är uppe i Våmhus."
                out += [
                    ("LOCATION", start + m.start(1), start + m.end(1))
                    for m in _IN_PLACE.finditer(body)
                    if m.group(1).lower() not in NOT_NAMES and not ordinary_place_word(m.group(1))
                ]
                head, postal_head = postal_head, _postal_head(body)
                tail = _postal_tail(body) if head else None
                if head and tail:  # "Rönnbärsstigen 4, fyrahundrafemton..." / "Mm?" / "sextiosex, Göteborg."
                    out += [("SE_POSTAL_CODE", *head), ("SE_POSTAL_CODE", start + tail[0], start + tail[1])]
                if postal_head:
                    postal_head = (start + postal_head[0], start + postal_head[1])
                continue
            if slot.reads == "hex":
                out += [(slot.entity, start + m.start(), start + m.end()) for m in _HEX_RUN.finditer(body)]
                continue
            if slot.reads == "ips":
                out += [(slot.entity, start + s, start + e) for s, e in _spoken_ips(body, whole)]
                continue
            if slot.entity == "ID_NUMBER":  # a document's number of letters and digits: "C4J7K2L91"
                out += [(slot.entity, start + s, start + e) for s, e in _document_numbers(body)]
            if slot.reads == "passwords":  # and its digits, as a code's, below
                out += [(slot.entity, start + s, start + e) for s, e in _passwords(body)]
                # the word named as the password or the user name: "Kodordet är blåbärssoppa.", "det är selmakosk"
                out += [(slot.entity, start + s, start + e) for s, e in _named_password(body, slot.entity)]
            if closed >= 0 and not _CORRECTION.search(text, closed, end):
                return out
            # "Vet inte, men fakturan förföll den 15 december.": the dates after it are not the
            # answer, nor is anything in the turns after; a number in the turn still may be ("Jag
            # har inte. Det är Swedbank, åtta fyra nio noll fem, ..."), unless the answer is
            # unwilling ("Det tänker jag inte ge ut i telefon. Mätaren står på 4587."): then only
            # one in the same sentence.
            refusal = _DECLINED.search(body) if not out and not pending else None
            declined = refusal is not None
            after_refusal = _sentence_end(body, refusal.end()) if refusal and _UNWILLING.search(body) else len(body)
            # ... unless the answerer's next turn takes it back: "född tjugonionde juli nittiosju." /
            # "nej, kontot står på mig! Mitt är nionde december åttiotvå."
            retaken = dates_asked and bool(out) and _BROKEN_OFF.match(body) is not None and not declined
            said = _birth_dates(body) if dates and not declined else _dates_retaken(body) if retaken else []
            out += [(slot.entity, start + s, start + e) for s, e in said]
            if slot.dates and not whole:  # "Nittonhundrasextiotre, fjortonde... nej vänta, elva fjorton"
                out += [(slot.entity, start + s, start + e) for s, e in _broken_off_days(body)]
            dates = dates and not said  # one birth date: "Och jag flyttade in den första mars" is not another
            runs = numbers.runs(body)
            # only a number that ended the turn before carries over, past turns with none ("Mm.")
            carried, pending = pending, (pending if not runs else [])
            given, unplaced = len(out), []  # pieces that fit no value, in a turn that gives one
            amount_end = -1  # "Fakturan var 890, nej förlåt, 980": the corrected amount is an amount
            for n, run in enumerate(runs):
                rs, re_ = run.tokens[0].start, run.tokens[-1].end
                if rs > after_refusal:
                    break
                if closed >= 0:
                    # "koden till porten är 7401, och till källaren 2580": codes come several at a time
                    # ... and so do the birth dates of several people ("Liam, ..., och Alva, tjugo noll två tjugotre")
                    between = text[closed : start + rs]
                    whole_date = birth_date(run.digits) or len(run.digits) in (10, 12)
                    # ... and numbers of the same shape listed ("det är två, 3948 22 18810 och 3948 22 18829")
                    listed = bool(out) and _same_shape(text[out[-1][1] : out[-1][2]], text[start + rs : start + re_])
                    another = (
                        (slot.code or (slot.dates and whole_date) or listed)
                        and _ANOTHER.fullmatch(between)
                        and not _slots_of(between)
                    )
                    if not (another or _CORRECTION.search(text, closed, start + rs)):
                        return out
                    closed, corrected = -1, not another
                # "Tjugohundrafyra, nej, noll fyra ...", "När är du född?" / "1988.": the year of birth
                born_in = slot.dates and _year_said(run.digits) and _opens_turn(text, start + rs)
                # a turn that is the number alone is the value however it is said ("Kundnumret?" /
                # "Tvåhundrafemtiotusen fyrahundraelva."); so is a number no amount has the digits of
                # ("åttatusen tvåhundrasextio, nio, nittioen åttioett, femtiotre tjugofem, tre")
                alone = len(runs) == 1 and _bare_number(body) and _opens_turn(text, start + rs)
                # a number said right after a correction of the slot's value is the value however it is
                # said ("tjugohundratvå... nej tvåtusentvå noll tre noll ett")
                after = start <= out[-1][2] <= start + rs if out else False
                # ... or a turn that opens with the correction ("Nittonhundranittiotre..." / "Mm." / "Nej
                # förlåt, nittiofyra.")
                reopens = n == 0 and bool(out) and _RESTATED.fullmatch(body, 0, rs) is not None
                restated = reopens or (after and _RESTATED.fullmatch(text, out[-1][2], start + rs))
                # (a number written "1 340" by the speech-to-text is an amount still)
                read_off = run.tokens[0].spoken and _READ_OFF.search(body, max(0, rs - 40), rs)
                named = heuristics.named_account(text, start + rs) or read_off
                shapes = not (slot.code or alone or restated or named or len(run.digits) >= 9)
                if (
                    heuristics.after_reference_word(body, rs)
                    or (
                        not (slot.years or born_in)
                        and heuristics.quantity(body, rs, re_, run.digits, _four_digits(slot), shapes)
                    )
                    or (amount_end >= 0 and _CORRECTION.search(body, amount_end, rs) and rs - amount_end <= 20)
                ):
                    amount_end = re_
                    continue
                if any(s <= rs < e for s, e in said) or _NOT_THIS.search(body, max(0, rs - 12), rs):
                    continue  # "Välj fyra siffror, men inte 1234."
                if reopens or (after and _CORRECTION.search(text, out[-1][2], start + rs)):
                    corrected = True  # "Noll sju tre, fyrtio... nej, femtio, tjugo, tjugo, sju"
                part = (start + rs, start + re_, run.digits)
                # a piece that opens the turn may finish the one the turn before ended with
                # (or that opens a sentence after one broken off: "noll sjuttiotre..." / ... / "Okej, bra.
                # Femhundratolv...")
                opens = (
                    bool(carried)
                    and (
                        len(body[:rs].split()) <= 1
                        or _GOES_ON.fullmatch(body[:rs]) is not None  # "...och sen två efter strecket."
                        or (
                            PAUSE_AT.match(text, carried[-1][1]) is not None
                            and _OPENS_SENTENCE.search(body[:rs]) is not None
                        )
                    )
                )
                joined = _joined(text, carried, part) if n == 0 and opens else ""
                if joined and slot.accept(joined) and slot.joins(joined) and (not whole or slot.complete(joined)):
                    parts, run_digits = carried + [part], joined
                elif (
                    slot.accept(run.digits)
                    or born_in
                    or (corrected and len(run.digits) >= 2)
                    or (slot.dates and _month_said_alone(run))
                ) and (not whole or slot.complete(run.digits)):
                    # a false start and the value in one run ("tjugohundra... eh, tvåtusen, noll nio
                    # tjugofem"): the value from the restart on
                    parts, run_digits = (
                        [part],
                        (not slot.joins(run.digits) and _restarted(run, slot, whole)) or run.digits,
                    )
                elif restart := _restarted(run, slot, whole):  # "Fyrtionio... fyrtionio noll fyra tjugosex"
                    parts, run_digits = [part], restart
                elif not whole and len(run.digits) >= 2 and _BROKEN_OFF.match(body, re_):
                    out.append((slot.entity, start + rs, start + re_))  # a false start, then the value
                    continue
                else:  # after a statement too: a piece is kept only to be joined into a whole value,
                    # with the pieces it goes on from ("fyra sju..." / "Fyra sju... ja?" / "noll noll..." / ...)
                    pending = (carried if joined else []) + [part] if not body[re_:].strip(" .,!?…") else []
                    unplaced += [part] if not whole and len(run.digits) >= 2 else []
                    continue
                out += [(slot.entity, s, e) for s, e, _ in parts]
                corrected = False
                # a value broken off with a pause goes on in the next turn ("Åtta sex fyra två noll fyra,
                # noll fem..." / "Mm." / "tre noll sju åtta, nio ett åtta.")
                if slot.complete(run_digits) and not PAUSE_AT.match(body, re_):
                    closed, pending = start + re_, []
                else:  # a part that may go on in the next turn ("fyrahundratretton" / "nittioett")
                    pending = parts if not body[re_:].strip(" .,!?…") else []
            # an answer that gives the value: the numbers said before it are false starts and pieces of
            # it ("Det börjar på nittio, sen sju noll tjugo... vänta nu, noll sju tjugo."), not another
            # value listed before it ("41321, och 880413")
            if len(out) > given:
                last = out[-1][1]
                out += [(slot.entity, s, e) for s, e, _ in unplaced if e <= last and not _LISTED.search(text, e, last)]
            if declined and not out:
                return out
        return out + [p for p in local_parts if not any(a < p[2] and p[1] < b for _, a, b in out)]

    def _result(self, entity: str, start: int, end: int) -> RecognizerResult:
        return tagged_result(self, entity, start, end, SCORE, "answer to the slot question before it")


def _same_shape(value: str, said: str) -> bool:
    """Two numbers written alike, six digits or more: the same groups of digits ("3948 22 18810"),
    whatever was said before the first ("två, 3948 22 18810")."""
    written = re.search(r"\d[\d -]*$", value)
    shape = re.sub(r"\d", "9", written.group()) if written else ""
    return shape.count("9") >= 6 and shape == re.sub(r"\d", "9", said)


def _restarted(run: numbers.Run, slot: Slot, whole: bool) -> str:
    """The value of a run that begins again after a pause ("Fyrtionio... fyrtionio noll fyra
    tjugosex", "sjuttiotre... sjuttiotre noll nio noll sex"): the digits from a restart on, when
    they fit the slot; the false start is part of what was said. "" when no restart fits."""
    for i in range(1, len(run.tokens)):
        if run.gaps[i] != "loose":
            continue
        digits = "".join(t.digits for t in run.tokens[i:])
        if slot.accept(digits) and slot.joins(digits) and (not whole or slot.complete(digits)):
            return digits
    return ""


def _joined(text: str, carried: list[tuple[int, int, str]], part: tuple[int, int, str]) -> str:
    """The digits of a value given in parts: the parts' words read as one phrase where they are
    words ("tjugo" / "tre åttio" is 2380, not 20380), else their digits in order."""
    said = " ".join(text[s:e] for s, e, _ in carried + [part])
    runs = numbers.runs(said)
    if len(runs) == 1 and runs[0].tokens[0].start == 0 and runs[0].tokens[-1].end == len(said):
        return runs[0].digits
    return "".join(p[2] for p in carried) + part[2]


def _reopened(body: str, last: tuple[Slot, int] | None, k: int) -> tuple[Slot | None, int]:
    """The slot a repeat request in turn k asks for again: the speaker's last one, if recent."""
    if last is None or k - last[1] > REOPEN_TURNS:
        return None, 0
    m = REPEAT.search(body) or _AND_THEN.search(body) or _WHOSE.search(body) or _THE_OTHER.search(body)
    if m:
        return last[0], m.end()
    name = _NAME_ALONE.search(body)
    said = name.group(1).lower() if name else ""
    if name and not (
        said in introduction.lexicon()[0] or said in NOT_NAMES or said in QUESTION_WORDS or _OTHER_FIELD.match(said)
    ):
        return last[0], name.end()
    if not last[0].dates:
        return None, 0
    date = _DATE_AGAIN.search(body)
    if date:
        return last[0], date.end()
    year = BIRTH_YEAR.question.search(body)
    return (BIRTH_YEAR, year.end()) if year else (None, 0)


# Words that may stand between a value and the slot word after it: "4238 är mina fyra sista",
# "Är det 2389 ni har som sista fyra?", "Stämmer 4238 som de fyra sista?"; not "ringde 2019 om".
_LINKING = frozenset(
    "är var blir det de dom den mina mitt min dina ditt din era ert er våra vårt vår som ni du jag vi har hade "
    "väl alltså ju då så och nog också stämmer".split()
)


def _value_before(body: str, slot: Slot) -> list[tuple[int, int]]:
    """Where a value said right before the slot word may be: from the start of the number run that
    ends just before it, when only linking words stand between them in the same sentence."""
    m = slot.question.search(body)
    if m is None:
        return []
    for run in reversed(numbers.runs(body[: m.start()])):
        end = run.tokens[-1].end
        between = body[end : m.start()]
        words = re.findall(r"[^\W\d_]+", between)
        # (not a number of the clause before: "3310, och mätaren är nummer 21-776540")
        if re.search(r"[.?!]", between) or any(w.lower() not in _LINKING for w in words) or words == ["och"]:
            return []
        return [(run.tokens[0].start, end)]
    return []


def _postal_codes(body: str, streets: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Postnummer in an answer about the address ("Ja, 752 63.", "Ekbacken 5, sjuhundrafemtiotvå
    sextiotre"): five digits, not from 0, said as one group (only spaces between their parts),
    right after a street line, before a capitalised word (the town), or as a short answer's
    number; not "mätaren visar 45 213"."""
    short = len(body.split()) <= BACKCHANNEL_WORDS
    out = []
    for run in numbers.runs(body):
        toks, gaps = run.tokens, run.gaps
        for i in range(len(toks)):
            if i and gaps[i] == "plain":
                continue  # not the start of a group
            j, digits = i, toks[i].digits
            while len(digits) < 5 and j + 1 < len(toks) and gaps[j + 1] == "plain":
                j += 1
                digits += toks[j].digits
            ends_group = j + 1 == len(toks) or gaps[j + 1] != "plain"
            end = toks[j].end
            town = re.match(r",?[ ]+(?-i:[A-ZÅÄÖ])", body[end:])
            # abroad, four or five digits, from 0 too, before the town: "Storgata åtta, noll ett åttiotvå Oslo"
            abroad = (
                len(digits) in (4, 5)
                and town
                and any(e <= toks[i].start and not _FLAT_WORD.search(body, e, toks[i].start) for _, e in streets)
            )
            if not ends_group or not (abroad or (len(digits) == 5 and digits[0] != "0")):
                continue
            # "kvarngatan sju i västerås öh sjuhundratjugotvå tjugoett": the place between, fillers not counted
            after_street = any(
                0 <= toks[i].start - e and len(_FILLER_WORDS.sub("", body[e : toks[i].start])) <= 12 for _, e in streets
            )
            if (short or after_street or town) and not heuristics.quantity(body, toks[i].start, end, digits):
                out.append((toks[i].start, end))
    return out


_FLAT_WORD = re.compile(r"lägenhet|lgh|rum\b", re.IGNORECASE)
_FILLER_WORDS = re.compile(rf"(?<![\w])(?:{'|'.join(numbers.FILLERS)})(?![\w])[ ,.]*", re.IGNORECASE)


def _postal_head(body: str) -> tuple[int, int] | None:
    """Three digits, not from 0, that end the turn: a postnummer's first part, the rest to come."""
    runs = numbers.runs(body)
    last = runs[-1].tokens[-1] if runs else None
    if last is None or len(last.digits) != 3 or last.digits[0] == "0" or body[last.end :].strip(" .,!?…"):
        return None
    return last.start, last.end


def _postal_tail(body: str) -> tuple[int, int] | None:
    """Two digits that open the turn: the rest of a postnummer begun in the turn before."""
    runs = numbers.runs(body)
    first = runs[0].tokens[0] if runs else None
    if first is None or len(first.digits) != 2 or body[: first.start].strip(" .,…"):
        return None
    return first.start, first.end


def _bare_number(body: str) -> bool:
    """A turn that is a number and at most two words besides ("2385.", "Ja, tjugotre åttiofem."),
    "det är" not counted ("ja det är fyrtiotvåtusen etthundrafemtiofem")."""
    runs = numbers.runs(body)
    if not runs or all(len(r.digits) < 2 for r in runs):
        return False
    rest = "".join(body[a.tokens[-1].end : b.tokens[0].start] for a, b in zip(runs, runs[1:]))
    rest = body[: runs[0].tokens[0].start] + rest + body[runs[-1].tokens[-1].end :]
    return len(re.findall(r"[^\W\d_]+", re.sub(r"(?i)\bdet är\b", "", rest))) <= 2


# A request for the slot that is no question: "Då behöver jag ditt personnummer, tolv siffror eller tio."
_REQUEST = re.compile(
    r"(?<![\w])(?:(?<!om ni )(?<!om du )behöver(?! (?:ändra|byta|uppdatera|rätta))|behövs|skulle behöva|saknar|saknas|vill (?:jag )?(?:gärna )?(?:ha|få)|tar (?:jag )?gärna|tar jag|tar vi|ska (?:bara )?(?:ha|få)|kan jag få|får jag|"
    r"be(?:r)? (?:dig|om)|ge mig|uppge|säg|berätta|läs upp|har (?:du|ni)|börjar (?:vi|jag) med|börja med|"
    r"(?:du|ni) kan (?:\w+ )?lämna|kan (?:du|ni) (?:\w+ )?lämna|"
    # a question without its "?" in unpunctuated speech: "... på det namnet vad är ditt födelsedatum"
    r"(?:vad|vilket|vilken) är (?:ditt|din|dina|ert|er|era|hans|hennes))(?![\w])",
    re.IGNORECASE,
)
# What may follow the slot word in a short turn that asks for it without "?": "och ditt födelsedatum",
# "Personnumret är", "Kundnumret tack".
_LEADING = frozenset(
    "och så då okej ok bra tack ja mm ditt din dina ert er era de dom det sen hans hennes deras barnets barnens".split()
)
_TRAILING = frozenset("är då tack alltså ja eh öh också och nu så va siffrorna siffror numret nummer".split())
_FOR_CHECKING = r"(?:för att (?:bekräfta|kontrollera|verifiera|stämma av|se|kolla)|för säkerhets skull|för kontroll(?:ens skull)?)\b"
# "personnummer för att bekräfta", "barnens födelsedatum för priset"
_PURPOSE = re.compile(rf"[ ,]+(?:{_FOR_CHECKING}.*|för[ ]+[a-zåäö]+)$", re.IGNORECASE)
_PURPOSE_BEFORE = re.compile(rf"(?<![\w]){_FOR_CHECKING}", re.IGNORECASE)  # "för att verifiera ditt födelsedatum"
# The speaker's own value: "mitt personnummer", "mina fyra sista", "vårt kundnummer".
_OWN = re.compile(
    r"(?<![\w])(?:(?:mitt|min|mina|vårt|vår|våra|mit|mine)[ ]+(?:[\w-]+[ ]+)?"  # (Danish, Norwegian "mit", "mine")
    r"|(?:jag|vi)[ ]+har[ ]+(?:(?!(?:ditt|din|dina|ert|er|era|hans|hennes|deras)[ ])[\w-]+[ ]+)?"  # "Jag har kortnumret här"
    r"|(?:jag|vi)[ ]+(?:kan|ska)[ ]+(?:ge|läsa upp)[ ]+(?:(?:dig|er)[ ]+)?)$",  # "Jag kan ge kortnumret nu."
    re.IGNORECASE,
)
# A sentence ends at "." "!" "?", not at "..." (a pause) nor inside "12.03".
SENTENCE_END = re.compile(r"[!?]|(?<![.\d])\.(?![.\d])")


_ANSWER_OPENERS = frozenset("ja jo eh öh ehm alltså det är den mitt min okej".split())


def _opens_turn(text: str, at: int) -> bool:
    """Nothing but an answer's opening words before `at` in its turn, or in its sentence:
    "Tjugohundrafyra, ...", "Ja, det är 1988.", "Jag har papperet här... ja. Det är
    nittonhundratjugonio..."; not "jag är född 1909" said in passing."""
    line = text.rfind("\n", 0, at) + 1
    m = TURN_LINE.match(text, line)
    before = text[line + (m.start("body") - m.start() if m else 0) : at]
    sentence = before[_sentence_start(before, len(before)) :]
    return all(w.lower() in _ANSWER_OPENERS for w in re.findall(r"[^\W\d_]+", sentence))


def _four_digits(slot: Slot) -> bool:
    """The slot takes a number of four digits (the last four): a year or a clock time may be it."""
    return slot.accept("2010") and not slot.accept("20100")


_WHO_IS_BORN = re.compile(r"[ ]*(?:(?:och|så)[ ]+)?(?:han|hon|hen|du|ni|de|dom)[ ]+(?:är|e)[ ]+", re.IGNORECASE)
_ASKED_LAST = re.compile(r"(?<![\w])(?:när|vad|vilket|vilken|vilka)(?:[ ]+[^\W\d_]+){0,3}[ ]+$", re.IGNORECASE)
_AND_YOURS = re.compile(r"(?<![\w])och[ ]+(?:(?:ditt|din|dina|ert|er|era|hans|hennes|deras)[ ]+)?$", re.IGNORECASE)


def _around_the_slot_word(words: str) -> bool:
    """Only words that may stand before or after a slot word that asks for it ("och ditt", "tack")."""
    return all(w.lower() in _TRAILING or w.lower() in _LEADING for w in re.findall(r"[^\W\d_]+", words))


def _asks(body: str, asked_start: int, asked_end: int) -> bool:
    """The turn asks for its slot: a question, a request, or a short turn that ends with the slot word."""
    # the turn, or the sentence naming the slot: "... ja jag ser den. vem pratar jag med"
    if _question(body) or _question(body[_sentence_start(body, asked_start) :]) or _REQUEST.search(body):
        return True
    # a short turn that is the slot's noun phrase: "och ditt födelsedatum", "Personnumret, tack.";
    # not "Jag söker på ditt personnummer." nor "Postnumret ser jag här."
    rest = re.sub(r"^[\w-]*", "", body[asked_end:])  # the rest of the slot word ("personn|umret")
    rest = _PURPOSE.sub("", rest)
    lead = _PURPOSE_BEFORE.sub("", body[:asked_start])  # what comes before the slot word
    if len(body.split()) <= BACKCHANNEL_WORDS and _around_the_slot_word(lead + " " + rest):
        return True
    # ... or the turn's last sentence is ("självklart. ditt anställningsnummer", "hej Karin.
    # Tillståndsnummer"): unpunctuated speech asks so too
    last_sentence = not SENTENCE_END.search(body, asked_end, len(body.rstrip(" .!")))
    if last_sentence and _around_the_slot_word(lead[_sentence_start(lead, len(lead)) :] + " " + rest):
        return True
    # ... or a longer turn that ends with it: "ett fyra fyra noll nio två sex och ditt födelsedatum",
    # "okej c o nyberg och postnummer", or with a question that opens with its question word ("eh
    # vänta han sitter här erik när är du född")
    # ("och han är född" alone asks; "Hon är född 2019." does not)
    return bool(_AND_YOURS.search(lead) or _ASKED_LAST.search(lead) or _WHO_IS_BORN.fullmatch(lead)) and not rest.strip(
        " ?.,"
    )


def _own(body: str, asked_end: int) -> bool:
    """The slot word is the speaker's own value: "mitt personnummer", "vårt bankgiro"."""
    return _OWN.search(re.sub(r"[\w-]*$", "", body[:asked_end])[-40:]) is not None


def _sentence_end(body: str, pos: int) -> int:
    m = SENTENCE_END.search(body, pos)
    return m.start() if m else len(body)


def _sentence_start(body: str, pos: int) -> int:
    """Where the sentence that holds `pos` starts."""
    ends = [m.end() for m in SENTENCE_END.finditer(body, 0, pos)]
    return ends[-1] if ends else 0


# The answerer asks what is meant: "Vad är det?", "Var hittar jag det?", "Vilket menar du?"
_WHAT_IS_IT = re.compile(
    r"^[ ]*(?:(?:eh|öh|förlåt|okej),?[ ]+)?(?:vad|var|vilket|vilken|hur)(?:[ ]+[\w-]+){0,3}[ ]*\?[ ]*$", re.I
)
_OPENERS = frozenset("och så men okej ok ja jaha aha ah jaså tack bra då eh öh mm mhm hm precis toppen perfekt".split())


def _question(body: str) -> bool:
    """A "?", or a question word first, after "och", "så", "okej" ("och vilket bank giro betalade du till")."""
    words = [w.strip(",.?!") for w in body.lower().split()]
    # (after a value read back too: "a 771 0934 vem är beställaren")
    while words and (words[0] in _OPENERS or _read_back_word(words[0])):
        words = words[1:]
    return "?" in body or bool(words and words[0] in QUESTION_WORDS)


def _read_back_word(word: str) -> bool:
    """A word of a value read back: digits, a letter, a number word."""
    return word.isdigit() or (len(word) == 1 and word.isalpha()) or numbers.parse_word(word) is not None


def _backchannel(body: str, slot: Slot) -> bool:
    """A turn of the asker that keeps the answer going ("Mm.", "Ja?", "Inga problem, ta den tid du
    behöver.", "Har du dem?", "Och sista fyra?", "Så 528-7875?"), not a new question ("vilken
    säkring har du", "Tack. Och mätarställningen?", "Och kundnumret, har du det?")."""
    named = _slot_of(body)[0]
    if named is not None:
        return named.entity == slot.entity
    words = body.lower().split()
    asked = re.split(r"[.!,]\s+", body.strip())[-1]  # the question, if any: the last sentence
    new_question = "?" in asked and asked.split()[0].lower() in QUESTION_WORDS and not REPEAT.search(asked)
    if len(words) <= 4 * BACKCHANNEL_WORDS and (_WAITING.search(body) or REPEAT.search(body)) and not new_question:
        return True
    if len(words) > BACKCHANNEL_WORDS or (words and words[0].strip(",.?!") in QUESTION_WORDS):
        return False
    if "?" not in body:
        return True
    return len(asked.split()) <= 1 or bool(numbers.runs(asked))


def _born(body: str) -> list[tuple[int, int]]:
    """Dates right after "född" ("Så du är född den trettonde april nittonhundraåttioåtta"), else
    the year of birth said alone ("Amanda Eriksson, född nittiosex", "jag är född 1909"): with the
    name or the rest of the personnummer beside it, it narrows down who it is."""
    out = []
    for m in _BORN.finditer(body):
        after = body[m.end() : m.end() + 60]
        date = [(m.end() + s, m.end() + e) for s, e in _dates(after) if s == 0][:1]
        year = _BORN_YEAR.match(after)
        runs = numbers.runs(after[year.end() :]) if year else ()
        day = _BORN_DAY.match(after)
        if date:
            out += date
        elif runs and runs[0].tokens[0].start == 0 and _year_said(runs[0].digits):
            at = m.end() + year.end() if year else m.end()
            out.append((at, at + runs[0].tokens[-1].end))
        elif day and heuristics.day_ordinal(day.group("day")):
            # the day alone, asked back, and the day the speaker thought instead: "du är född den
            # sextonde? Jag trodde sjätte."
            out.append((m.end() + day.start("day"), m.end() + day.end("day")))
            stop = after.find(".", day.end())
            out += [
                (m.end() + w.start("day"), m.end() + w.end("day"))
                for w in _THOUGHT_DAY.finditer(after, day.end(), stop if stop >= 0 else len(after))
                if heuristics.day_ordinal(w.group("day"))
            ]
    return out


# "den" before the day: not "född tredje, av sju barn", "hon är född. Andra, tredje dagen på BB"
_BORN_DAY = re.compile(r"den[ ]+(?P<day>[a-zåäö]+)(?=[ ]*[?.,!…]|$)", re.IGNORECASE)
# the day thought instead, ending its clause, before a full stop: not "inte första gången"
_THOUGHT_DAY = re.compile(
    rf"(?<![\w])(?:trodde(?:[ ]+det[ ]+var)?|eller[ ]+(?:var[ ]+det[ ]+)?|{RETRACTS})[ ,]+(?:den[ ]+)?"
    rf"(?P<day>[a-zåäö]+)(?=[ ]*[?.,!…]|[ ]*$)",
    re.IGNORECASE,
)


_BORN_YEAR = re.compile(r"(?:år[ ]+|i[ ]+)?-?")


# whose date the retaking turn gives: "Mitt är ...", "hon är född ..."
_WHOSE_DATE = re.compile(r"(?<![\w])(?:mitt|min|hans|hennes|född)(?![\w])", re.IGNORECASE)


def _dates_retaken(body: str) -> list[tuple[int, int]]:
    """A birth date in a turn that takes the answer back: whose it is named before it, its year
    said ("nej, kontot står på mig! Mitt är nionde december åttiotvå"; not "nej, jag flyttade hit
    den första april", "nej, mötet är den tjugotredje maj 2025" has no "mitt")."""
    whose = _WHOSE_DATE.search(body)
    return [(s, e) for s, e, _, _, yy in dates_of(body) if whose and whose.end() <= s and yy is not None]


# A birthday is the birth date without its year: "Rune fyller ju alltid år den tjugoåttonde september",
# "hon fyller sjuttio år den 3 maj" (with the age, the year too); a person's, named or by a pronoun
# or kin word, not a shop's ("butiken fyller 40 år den 14 oktober").
_BIRTHDAY = re.compile(r"(?<![\w])(?P<who>[^\W\d_]+)[ ]+fyller[ ]+(?:[a-zåäö0-9]+[ ]+){0,3}?år[ ]+", re.IGNORECASE)
_BIRTHDAY_KIN = re.compile(
    rf"jag|du|han|hon|hen|{_KIN_DIED}|(?:lill|stor)?(?:son|dotter|bror|syster)(?:n|en|ern)?|barnet|barnbarnet|brorsan|syrran",
    re.IGNORECASE,
)


def _birthday(body: str) -> list[tuple[int, int]]:
    """The date with its month named right after "fyller ... år"."""
    return [
        (m.end() + s, m.end() + e)
        for m in _BIRTHDAY.finditer(body)
        if _BIRTHDAY_KIN.fullmatch(m.group("who")) or introduction.known_name(m.group("who"))
        for s, e, *_ in dates_of(body[m.end() : m.end() + 60])[:1]
        if s == 0
    ]


def _dates(body: str) -> list[tuple[int, int]]:
    return [(s, e) for s, e, *_ in dates_of(body, holidays=True)]


# A birth date given in parts, each its own short answer: "Den fjortonde." / "Och månad?" / "Juli, nittioett."
_DAY_ALONE = re.compile(r"^[ ]*(?:(?:ja|jo|den),?[ ]+)*(?P<day>[a-zåäö]+)(?=[ .!?]*$)", re.IGNORECASE)
_MONTH_ALONE = re.compile(rf"^[ ]*(?:(?:ja|jo|och),?[ ]+)*(?P<month>{_MONTH})\b", re.IGNORECASE)


_NAME_THEN = re.compile(r"(?:,|\boch)[ ]+(?-i:[A-ZÅÄÖ])[a-zåäöé]+(?:[ ]+(?:är[ ]+)?född)?[ ,]*(?:den[ ]+)?$")


def _birth_dates(body: str) -> list[tuple[int, int]]:
    """The birth date an answer gives: its first date, and one after a correction ("Nittonde januari
    femtiofem... nej förlåt, sjunde mars femtiofem"), not an appointment said after it ("... Och
    tiden hos tandläkaren är den tjugonde mars.")."""
    said = sorted(_dates(body) + _date_parts(body) + _year_first(body))
    # ... and the next person's after their name: "Zofia sjuttonde januari tjugotretton, Jakub tjugofjärde oktober ..."
    named = [d for d in said[1:] if _NAME_THEN.search(body, max(0, d[0] - 40), d[0])]
    return said[:1] + [d for a, d in zip(said, said[1:]) if _CORRECTION.search(body, a[1], d[0]) or d in named]


# A birth date said year first, then the month and the day: "tjugohundrafemton, i november, den
# tjugosjätte", "Tjugohundraelva... nionde månaden... trettionde.", "tjugohundranitton, i september.
# Den tjugofjärde, tror jag."
_MONTH_AFTER_YEAR = re.compile(rf"[ ,.…]*(?:i[ ]+)?(?P<month>(?:{_MONTH})(?![\w])|[a-zåäö]+[ ]+månaden)", re.IGNORECASE)
_DAY_AFTER_MONTH = re.compile(
    r"[ ,.…]*(?:den[ ]+)?(?P<day>[a-zåäö]+|(?P<digits>\d{1,2})(?::?e)?)(?![\w])", re.IGNORECASE
)


def _year_first(body: str) -> list[tuple[int, int]]:
    """Such dates opening the answer, or after "född" ("Han är född... tjugohundratjugo... nej,
    nitton, tjugohundranitton, i september."); not "ansökan jag skickade 2019 i mars"."""
    out = []
    for n, run in enumerate(numbers.runs(body)):
        year = run.tokens[-1]
        month = _MONTH_AFTER_YEAR.match(body, year.end)
        if len(year.digits) != 4 or not _year_of_birth(year.digits) or month is None:
            continue
        lead = body[: run.tokens[0].start]
        if not ("född" in lead[-50:].lower() or (n == 0 and len(lead.split()) <= 3)):
            continue
        word = month.group("month").split()
        if len(word) > 1 and not 1 <= (heuristics.day_ordinal(word[0]) or 0) <= 12:  # "nionde månaden"
            continue
        day = _DAY_AFTER_MONTH.match(body, month.end())
        number = (
            (int(day.group("digits")) if day.group("digits") else heuristics.day_ordinal(day.group("day")))
            if day
            else None
        )
        said_day = 1 <= (number or 0) <= 31
        out.append((year.start, day.end("day") if said_day else month.end("month")))
    return out


def _date_parts(body: str) -> list[tuple[int, int]]:
    """A day alone ("Den fjortonde."), or a month with the year after it ("Juli, nittioett."), as
    a short answer of its own."""
    day = _DAY_ALONE.match(body)
    if day and heuristics.day_ordinal(day.group("day")) is not None:
        return [day.span("day")]
    month = _MONTH_ALONE.match(body)
    if not month or len(body.split()) > 4:
        return []
    end = month.end("month")
    year = numbers.runs(body[end : end + 30])
    if year and not body[end : end + year[0].tokens[0].start].strip(" ,") and len(year[0].digits) in (2, 4):
        end += year[0].tokens[-1].end
    return [(month.start("month"), end)]


def _broken_off_days(body: str) -> list[tuple[int, int]]:
    """Days of the month said and broken off for a correction: a false start of a birth date."""
    return [
        m.span()
        for m in re.finditer(r"(?<![\w])[a-zåäö]+(?![\w])", body, re.IGNORECASE)
        if heuristics.day_ordinal(m.group(0)) and _BROKEN_OFF.match(body, m.end())
    ]


def dates_of(body: str, holidays: bool = False) -> list[tuple[int, int, int, int, str | None]]:
    """Dates with the month named, with the year said right after them if it is, and dates in
    digits with the day first: (start, end, day, month, the year's last two digits or None); with
    `holidays`, the holidays of a fixed date too (only where a birth date is read: "vi har stängt
    på julafton" is no one's birthday where the call has one on the 24th of December)."""
    out: list[tuple[int, int, int, int, str | None]] = []
    for m in _NUMERIC_DATE.finditer(body):
        day, month = int(m.group("day")), int(m.group("month"))
        if 1 <= day <= 31 and 1 <= month <= 12:
            out.append((m.start(), m.end(), day, month, m.group(0)[-2:]))
    for m in _ISO_DATE.finditer(body):
        year, month, day = (int(x) for x in m.groups())
        if valid_date(year, month, day):
            out.append((m.start(), m.end(), day, month, m.group(1)[-2:]))
    for mm in _MONTH_WORD.finditer(body):
        m = _DAY_BEFORE.search(body, max(0, mm.start() - 30), mm.start())
        if m is None:
            continue
        day_word, month_word = m.group("day"), mm.group(0).lower()
        day = heuristics.day_ordinal(day_word)
        if day is None:
            d = day_word.split(":")[0] if day_word[0].isdigit() else numbers.words_to_digits(day_word)
            if not (d.isdigit() and 1 <= int(d) <= 31):
                continue
            day = int(d)
        month = heuristics.day_ordinal(month_word.split()[-1]) or _MONTHS.get(month_word[:3])
        start, end, yy = m.start(), mm.end(), None
        # the year said in full right before: "Nittonhundratrettiosex, tjugofemte mars"
        lead = body[max(0, start - 40) : start].rstrip(" ,")
        before = numbers.runs(lead)
        if before and before[-1].tokens[-1].end == len(lead) and len(before[-1].digits) == 4:
            if _year_of_birth(before[-1].digits):
                start, yy = max(0, start - 40) + before[-1].tokens[0].start, before[-1].digits[-2:]
        year = numbers.runs(body[end : end + 40]) if yy is None else ()  # ... or right after, if said
        # a filler is a pause: "Född tjugonde april, eh, tjugofjorton"
        gap = _FILLER_WORDS.sub("…", body[end : end + year[0].tokens[0].start]) if year else ""
        # after a pause only a year ("Sjunde mars... femtiofem", not "... nittio trettiosex", the last four)
        if year and not gap.strip(" ,.…") and (not gap.strip(" ,") or _year_of_birth(year[0].digits)):
            end += year[0].tokens[-1].end
            yy = year[0].digits[-2:] if len(year[0].digits) in (2, 4) else None
        out.append((start, end, day, month or 0, yy))
    # a holiday of a fixed date, with its year if said right after: "född på nyårsdagen", "julafton 2015"
    for m in _HOLIDAY.finditer(body) if holidays else ():
        day, month = _HOLIDAYS[" ".join(m.group(0).lower().split())]
        year = numbers.runs(body[m.end() : m.end() + 30])
        if (
            year
            and not body[m.end() : m.end() + year[0].tokens[0].start].strip(" ,")
            and _year_of_birth(year[0].digits)
        ):
            out.append((m.start(), m.end() + year[0].tokens[-1].end, day, month, year[0].digits[-2:]))
        else:
            out.append((m.start(), m.end(), day, month, None))
    return out


# (day, month) of the holidays whose date is fixed
_HOLIDAYS = {
    "nyårsdagen": (1, 1),
    "trettondagsafton": (5, 1),
    "trettondagen": (6, 1),
    "trettondedag jul": (6, 1),
    "alla hjärtans dag": (14, 2),
    "valborg": (30, 4),
    "valborgsmässoafton": (30, 4),
    "nationaldagen": (6, 6),
    "julafton": (24, 12),
    "juldagen": (25, 12),
    "annandag jul": (26, 12),
    "nyårsafton": (31, 12),
}
_HOLIDAY = re.compile(
    r"(?<![\w])(?:" + "|".join(k.replace(" ", "[ ]+") for k in _HOLIDAYS) + r")(?![\w])", re.IGNORECASE
)


def birth_dates(text: str) -> list[str]:
    """The dates of `text` said with their year, as a personnummer opens: "Tjugoåttonde november,
    åttiosju" is "871128", the form an agent reads back."""
    return [f"{yy}{month:02d}{day:02d}" for _, _, day, month, yy in dates_of(text) if yy and month]


_MONTHS = {m[:3]: n + 1 for n, m in enumerate(heuristics.MONTHS)}  # "jan" ... "dec"
_COMMA = re.compile(r"[ ]*(?:,|\.\.\.|…)?[ ]+(?:(?:och[ ]+)?sen,?[ ]+)?")  # groups apart: ", ", " ", "... ", ", sen "


def _year_of_birth(digits: str) -> bool:
    """Two digits, or a year of four from 1900 ("Nittonhundraåttionio")."""
    return len(digits) == 2 or (len(digits) == 4 and digits[:2] in ("19", "20"))


def _dated_personnummer(body: str) -> list[tuple[int, int]]:
    """A personnummer said as its birth date with the month named and its last four after it, asked
    for or not: "Fyrtiosex, nittonde oktober, sextiosex nittiofem", "nittonde oktober fyrtiosex,
    sextiosex nittiofem", "Nittonhundraåttionio, tjugofjärde juli, tjugotre åttiofem" (a year of
    two digits or four before the date, of two after it, then four digits, not an amount or a
    clock time: "tolfte mars, 2024, 1450 kronor")."""
    out = []
    for mm in _MONTH_WORD.finditer(body):
        day = _DAY_BEFORE.search(body, max(0, mm.start() - 30), mm.start())
        if day is None or (heuristics.day_ordinal(day.group("day")) is None and not day.group("day").isdigit()):
            continue
        lead = body[: day.start()].rstrip(" ,")
        before = [r for r in numbers.runs(lead) if r.tokens[-1].end == len(lead) and _year_of_birth(r.digits)]
        groups = [
            (mm.end() + r.tokens[0].start, mm.end() + r.tokens[-1].end, r.digits)
            for r in numbers.runs(body[mm.end() : mm.end() + 60])
        ]
        apart = [h for g, h in zip([(0, mm.end(), "")] + groups, groups) if _COMMA.fullmatch(body, g[1], h[0])]
        if before and apart[:1] and len(apart[0][2]) == 4:
            start, four = before[-1].tokens[0].start, apart[0]
        elif len(apart) >= 2 and len(apart[0][2]) == 2 and len(apart[1][2]) == 4 and apart[1] is groups[1]:
            start, four = day.start("day"), apart[1]
        else:
            continue
        if not heuristics.quantity(body, four[0], four[1], four[2], True):
            out.append((start, four[1]))
    return out


def _birthday_echoes(text: str, ts: list[Turn], spans: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    """A birth date said again with its month named ("Tack. Sjuttonde oktober sjuttiofem, och ..."
    after "751017-9281"): the dates of the call that are the birth date of a personnummer in it,
    with its year, or without one in the next turn by someone else (an invoice due the same day
    later in the call is not)."""
    born: list[tuple[int, int, str | None, int]] = []  # day, month, year's last two digits, where said
    found = [(s, r.digits) for e, s, t in spans if e == "SE_PERSONNUMMER" for r in numbers.runs(text[s:t])]
    # a personnummer no question asked for, written out ("751017-9281"): the spoken ones are the slots'
    found += [(m.start(), re.sub(r"\D", "", m.group(0))) for m in _WRITTEN_PNR.finditer(text)]
    for at, d in found:
        if len(d) in (6, 8, 10, 12) and birth_date(d[: 8 if len(d) in (8, 12) else 6]):
            if len(d) >= 10 and not is_valid_digits(d):
                continue
            ymd = d[-10:] if len(d) >= 10 else d[-6:]  # YYMMDD... without the century
            born.append((int(ymd[4:6]) % 60, int(ymd[2:4]), ymd[:2], at))
    # ... or a birth date found said with its month ("Fjärde november nittiotre" / "1993-11-04.")
    born += [
        (day, month, yy, s)
        for e, s, t in spans
        if e == "SE_PERSONNUMMER"
        for _, _, day, month, yy in dates_of(text[s:t])
    ]
    if not born:
        return []
    starts = [t.start for t in ts]
    # one search over the whole text (a date does not run across lines), each date in its turn
    dated = [(bisect_right(starts, s) - 1, s, e, day, month, yy) for s, e, day, month, yy in dates_of(text)]

    def next_turn(at: int) -> int:  # the first turn after the one at `at` by another speaker
        k = max(0, bisect_right(starts, at) - 1)
        return next((j for j in range(k + 1, len(ts)) if ts[j].label != ts[k].label), -1)

    echoes = [
        ("SE_PERSONNUMMER", s, e)
        for j, s, e, day, month, yy in dated
        if any(
            day == bd
            and month == bm
            and ((by is not None and yy == by) or ((yy is None or by is None) and next_turn(at) == j))
            for bd, bm, by, at in born
        )
    ]
    # day first in numbers, in the next turn: "Tack, sjutton tio sjuttiofem, och du bor kvar?"
    for bd, bm, by, at in born:
        j = next_turn(at)
        if j >= 0 and by is not None:
            said = {f"{bd:02d}{bm:02d}{by}", f"{bd}{bm:02d}{by}"}
            t = ts[j]
            body = t.body(text)
            echoes += [
                ("SE_PERSONNUMMER", t.start + r.tokens[0].start, t.start + r.tokens[-1].end)
                for r in numbers.runs(body)
                if r.digits in said
            ]
    # the year said in full in words near it: "Sextio, tolv, sjutton, och sen 2737. Nittonhundrasextio alltså."
    years: list[tuple[str, int, int]] = []
    for _, _, by, at in born:
        k = bisect_right(starts, at) - 1
        for t in ts[max(0, k - 3) : k + 4] if by is not None else ():
            body = t.body(text)
            years += [
                ("SE_PERSONNUMMER", t.start + r.tokens[0].start, t.start + r.tokens[-1].end)
                for r in numbers.runs(body)
                if r.digits in (f"19{by}", f"20{by}") and r.tokens[0].spoken  # not "huset har nummer 1907"
            ]
    found = spans + echoes

    def inside(x: tuple[str, int, int]) -> bool:  # the date itself, or a year said with a date said again
        return any(s <= x[1] and x[2] <= t and x != (e, s, t) for e, s, t in found)

    return [x for x in echoes + years if not inside(x)]


# Between a personnummer's pieces and a month or a day said with them: pauses and corrections only.
_BESIDE = re.compile(rf"[ ,.…]*(?:(?:{RETRACTS}|alltså|eh|öh|den|och|sen)(?![\w])[ ,.…]*)*", re.IGNORECASE)
_DAY_OR_MONTH = re.compile(r"(?<![\w])[a-zåäö]{3,}(?![\w])", re.IGNORECASE)  # a month or a day: read below
_MONTH_NAME = re.compile(_MONTH, re.IGNORECASE)


def _dates_beside(text: str, spans: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    """Months and days said among a personnummer's pieces, each a piece of it: "Femtioett... maj...
    elfte. Femtiotvå, nej, 25 84.", "1948, december, den 16:e. 15 96." (its date is the birth
    date; an appointment said after it is not: "..., och tiden är den elfte maj")."""
    taken = sorted((s, t) for e, s, t in spans if e == "SE_PERSONNUMMER")
    if not taken:
        return []
    lines = set()  # the lines that hold a piece: (start, end)
    for s, _ in taken:
        end = text.find("\n", s)
        lines.add((text.rfind("\n", 0, s) + 1, len(text) if end < 0 else end))
    words = [
        m.span()
        for at, end in lines
        for m in _DAY_OR_MONTH.finditer(text, at, end)
        if _MONTH_NAME.fullmatch(m.group(0)) or heuristics.day_ordinal(m.group(0))
    ]
    out: list[tuple[str, int, int]] = []
    grown = True
    while grown:  # a word beside a piece, or beside a word beside one
        grown = False
        for s, e in words:
            if any(a <= s < b for a, b in taken):
                continue
            if any(
                _BESIDE.fullmatch(text, b, s) or _BESIDE.fullmatch(text, e, a) for a, b in taken if b <= s or e <= a
            ):
                taken.append((s, e))
                out.append(("SE_PERSONNUMMER", s, e))
                grown = True
    return out


# A turn that opens by saying the turn before got a value wrong: "Nej, slutet är sextionio.",
# "Nä, det ska vara fyrtio.", "Inte riktigt, nio två i mitten."
_CORRECTS = re.compile(
    r"^[ ]*(?:(?:ja|jo|eh|öh|mm|precis|okej),?[ ]+){0,2}(?:nej|nä|nää|inte riktigt|fel|det ska vara|det är fel|fast)(?![\w])",
    re.IGNORECASE,
)


def _read_backs(text: str, spans: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    """A value given in two pieces, said again whole ("Trehundrafemtiosex, noll nio..." / "Mm." /
    "arton bindestreck nio." / "Så 3560-9189."): the pieces' digits together, six or more, found
    in one turn."""
    wholes: dict[str, str] = {}
    ordered = sorted(spans, key=lambda x: x[1])
    for (e1, s1, t1), (e2, s2, t2) in zip(ordered, ordered[1:]):
        if e1 == e2 and text.count("\n", t1, s2) <= 2:
            digits = numbers.words_to_digits(text[s1:t1]) + numbers.words_to_digits(text[s2:t2])
            if len(digits) >= 6:
                wholes[digits] = e1
    return runs_reading(text, wholes)


def runs_reading(text: str, wholes: dict[str, str]) -> list[tuple[str, int, int]]:
    """Where a turn's number, whole or a stretch of it, says one of `wholes` (digits -> entity)."""
    if not wholes:
        return []
    out, longest = [], max(len(d) for d in wholes)
    for run in numbers.runs(text):
        toks = run.tokens
        for i in range(len(toks)):
            digits = ""
            for j in range(i, len(toks)):
                if (j > i and run.gaps[j] == "turn") or len(digits) > longest:
                    break
                digits += toks[j].digits
                if digits in wholes:
                    out.append((wholes[digits], toks[i].start, toks[j].end))
    return out


def _read_back_kind(digits: str) -> str:
    """A mobile number or a personnummer, by its digits alone; "" for anything else."""
    if digits[0] == "0" and 8 <= len(digits) <= 11:
        return "PHONE_NUMBER"
    return "SE_PERSONNUMMER" if len(digits) in (10, 12) and is_valid_digits(digits) else ""


def corrections(
    text: str, ts: list[Turn], spans: list[tuple[str, int, int]], shapes: bool = True
) -> list[tuple[str, int, int]]:
    """The numbers of a turn that corrects a value said in the turn before by another speaker (a
    read-back, or the answer read back): pieces of that value, whatever their length
    ("Åttiotre noll tre noll ett, tjugotre åttiotre?" / "Nej, åttiotvå."). `shapes=False`: the
    values are known to be no amounts, so how a number is said does not make it one ("Nej, det
    står tolvhundrafem på avtalet." of a flat)."""
    out = []
    for k in range(1, len(ts)):
        prev, turn = ts[k - 1], ts[k]
        body = turn.body(text)
        if prev.label == turn.label or not _CORRECTS.match(body):
            continue
        said = [e for e, s, t in spans if prev.start <= s < prev.end and e not in ("PERSON", "LOCATION")]  # numbers'
        # a read-back another recognizer finds ("Åttiotre noll tre noll ett, tjugotre åttiotre?"):
        # a long number, of the slot answered in the turns before
        long_runs = [r.digits for r in numbers.runs(prev.body(text)) if len(r.digits) >= 6]
        if not said and long_runs:
            said = [e for e, s, t in spans if ts[max(0, k - 4)].start <= s < prev.start]
            kind = _read_back_kind(long_runs[-1])  # ... or what the number itself is
            said = said or ([kind] if kind else [])
        if not said:
            continue
        for run in numbers.runs(body):
            rs, re_ = run.tokens[0].start, run.tokens[-1].end
            taken = any(s < turn.start + re_ and turn.start + rs < t for _, s, t in spans)
            if not (
                taken
                # "ett seniorboende"; a house number of one digit only ending its clause ("Det ska vara sju.")
                or (len(run.digits) < 2 and not (said[-1] == "SE_ADDRESS" and _house_digit(body, rs, re_)))
                or heuristics.quantity(body, rs, re_, run.digits, shapes=shapes)
                or heuristics.after_reference_word(body, rs)
            ):
                out.append((said[-1], turn.start + rs, turn.start + re_))
    return out


def _house_digit(body: str, start: int, end: int) -> bool:
    """A one-digit house number said alone to end its clause ("Det ska vara sju."), not an article."""
    return body[start:end].lower() not in ("en", "ett") and _ends_clause(body, end)


def _octet(part: str) -> bool:
    """A number 0-255, the whole part ("fyra", not "fyra gigahertz")."""
    runs = numbers.runs(part)
    if len(runs) != 1 or runs[0].tokens[0].start != 0 or runs[0].tokens[-1].end != len(part):
        return False
    return len(runs[0].digits) <= 3 and int(runs[0].digits) <= 255


def _spoken_ips(body: str, whole: bool = False) -> list[tuple[int, int]]:
    """An IP address in the answer: four numbers 0-255 joined by "punkt"/"." (a word before the
    first is not part of it; not after "version"), four written apart ("83 241 17 5"), or a part of
    one said over turns ("Åttiotre punkt tvåhundrafyrtioett" / "Mm." / "punkt sjutton punkt fem")."""
    out, false_starts = [], []
    for m in _IP_PART.finditer(body):
        start, value = m.start(), m.group(0)
        first = value.split(" ", 1)[0]
        if not re.fullmatch(_DOT, first, re.I) and not first.isdigit() and not numbers.words_to_digits(first):
            start += len(first) + 1
            value = value[len(first) + 1 :]
        end = m.end()
        parts = [p for p in re.split(_IP_SEP, value, flags=re.IGNORECASE) if p]
        last = parts[-1].split(" ") if parts else []
        if len(parts) == 4 and len(last) == 2 and not _octet(parts[-1]) and _octet(last[0]):
            parts[-1], end = last[0], end - len(last[1]) - 1  # "... punkt fem om det hjälper"
        if _VERSION.search(body[:start]) or not all(_octet(p) for p in parts):
            continue
        # part of one said over turns stands at the turn's start or end, not "två punkt fyra gigahertz"
        dot_first = re.match(rf"{_DOT}(?![\w])", value, re.I) is not None
        edge = dot_first or not body[end:].strip(" .,!?…")
        if len(parts) == 4 or (not whole and edge and (len(parts) >= 2 or dot_first)):
            out.append((start, end))
        elif len(parts) >= 2 and _BROKEN_OFF.match(body, end):  # "åttiotre punkt tvåhundrafjorton... vänta"
            false_starts.append((start, end))
    out += false_starts if out else []
    out += [m.span() for m in _IP_APART.finditer(body) if all(_octet(p) for p in m.group(0).split())]
    if not whole:  # in the answer to an IP question: four numbers read with commas
        out += [m.span() for m in _IP_COMMAS.finditer(body) if all(_octet(p) for p in m.group(0).split(", "))]
        # ... and part of one so read over turns ("det står åttiofem, tvåhundratjugosex..." / "Ja?" /
        # "fyrtiotre, sjutton.")
        out += [
            m.span()
            for m in _IP_COMMAS_PART.finditer(body)
            if (m.start() == 0 or not body[m.end() :].strip(" .,!?…"))
            and all(_octet(p) for p in m.group(0).split(", "))
            and not any(a < m.end() and m.start() < b for a, b in out)
        ]
        # ... or the first number alone, the turn broken off after it ("Ja, etthundrafyrtiosex...")
        paused = PAUSE_AT.search(body)
        runs = numbers.runs(body[: paused.start()]) if paused else []
        if runs and runs[-1].tokens[-1].end == paused.start() and int(runs[-1].digits or 999) <= 255:
            s, e = runs[-1].tokens[0].start, runs[-1].tokens[-1].end
            out += [] if any(a < e and s < b for a, b in out) else [(s, e)]
    return out


# "ett kort som slutar på 5502 och ett som slutar på 7713", "det slutar med fyra sju noll två",
# "kortet slutade på 1 1 5 8"
_ENDS_WITH = re.compile(
    r"(?<![\w])(?:slutar|slutade|slutande)[ ]+(?:(?:det|den|de|dom|numret)[ ]+)?(?:på|med)(?:[ ]*(?:\.\.\.|…))?[ ]+"
    r"(?:(?:eh|öh|vänta)[ ,]+)*"  # "lånet som slutar på eh vänta sex sex åtta ..."
    # ... and the next in a list: "ett som slutar på sex ett noll noll och ett på åtta tre två fem"
    r"|(?<=[0-9a-zåäö])[ ,]+och[ ]+(?:ett|en|det|den)(?:[ ]+andra)?[ ]+(?:på|med)[ ]+"
    # ... or named by its kind: "ett bankkort som slutar på 1185 och ett kreditkort 7340"
    r"|(?<=\d)[ ,]+och[ ]+(?:ett|en)[ ]+[a-zåäö]*(?:kort|konto)[ ]+(?=\d)"
    # ... or without "på": "kort som slutar 6 1 0 3" (a card's or an account's four digits only)
    r"|(?<![\w])(?P<bare>slutar|slutade)[ ]+(?=\d|(?:noll|ett|två|tre|fyra|fem|sex|sju|åtta|nio)\b)",
    re.IGNORECASE,
)
_LISTED_NEXT = re.compile(r"[ ,]+och[ ]+")
_CARD_WORD = re.compile(r"kort|visa|mastercard|amex", re.IGNORECASE)
# What the digits end: the nearest such word before them, in the turn or the two before it.
_ENDS_OF = (
    ("CREDIT_CARD", _CARD_WORD),
    ("SE_BANK_ACCOUNT", re.compile(r"konto", re.IGNORECASE)),
    ("PHONE_NUMBER", re.compile(r"telefon|mobil", re.IGNORECASE)),
    ("SE_FACILITY_ID", re.compile(r"anläggnings[- ]?(?:id|nummer|numret)|mätpunkt|gsrn", re.IGNORECASE)),
    # a device's: "jag läser av IMEI, XS:en slutar på 0364"
    ("ID_NUMBER", re.compile(r"imei|serienumm|serienumr", re.IGNORECASE)),
    ("CUSTOMER_NUMBER", re.compile(r"nummer|numret|avtal|lån", re.IGNORECASE)),
    ("SE_PERSONNUMMER", re.compile(r"sista fyra|fyra sista|personn", re.IGNORECASE)),
)


def _last_digits(text: str, ts: list[Turn], k: int) -> list[tuple[str, int, int]]:
    """The last digits of a card, account, phone or customer number said in turn k ("Jag ser två
    kort på dig, ett som slutar på 5502 och ett som slutar på 7713"): two to six digits (eight of a
    facility id) right after "slutar på/med", when the turn or the two before it name what they end."""
    turn = ts[k]
    body = turn.body(text)
    out = []
    for m in _ENDS_WITH.finditer(body):
        runs = numbers.runs(body[m.end() : m.end() + 40])
        if not runs or runs[0].tokens[0].start != 0 or not 2 <= len(runs[0].digits) <= 8:
            continue
        s, e = m.end(), m.end() + runs[0].tokens[-1].end
        if heuristics.quantity(body, s, e, runs[0].digits, True):
            continue  # "avtalet slutar på 450 kronor"
        before = text[ts[max(0, k - 2)].start : turn.start + m.start()]
        found = [(w.end(), entity) for entity, rx in _ENDS_OF for w in rx.finditer(before)]
        # up to six digits; a facility id's 18 leave up to eight ("slutar på 4 0 5 6 0 8 6")
        if not found or len(runs[0].digits) > (8 if max(found)[1] == "SE_FACILITY_ID" else 6):
            continue
        if m.group("bare") and (
            max(found)[1] not in ("CREDIT_CARD", "SE_BANK_ACCOUNT")
            or len(runs[0].digits) != 4
            or heuristics.YEAR.fullmatch(runs[0].digits)
        ):
            continue  # "avtalet slutar 2027", "slutar 15 mars"
        out.append((max(found)[1], turn.start + s, turn.start + e))
        # a list of as many digits after it: "de slutar på tre tre åtta ett och sju noll noll två"
        listed = _LISTED_NEXT.match(body, e)
        more = numbers.runs(body[listed.end() : listed.end() + 40]) if listed else []
        if more and more[0].tokens[0].start == 0 and len(more[0].digits) == len(runs[0].digits):
            out.append((max(found)[1], turn.start + listed.end(), turn.start + listed.end() + more[0].tokens[-1].end))
    return out


# A card's expiry said with "går ut": "..., går ut elva tjugofem", "det går ut nionde månaden tjugosju"
_EXPIRES = re.compile(
    rf"(?<![\w])går[ ]+ut[ ,]+(?:den[ ]+|i[ ]+)?(?P<month>(?:{_MONTH})(?![\w])|(?:{'|'.join(heuristics.ORDINAL_WORDS[:12])})[ ]+månaden)?[ ,]*",
    re.IGNORECASE,
)


def _card_expiry(text: str, ts: list[Turn], k: int) -> list[tuple[int, int]]:
    """The expiry date after "går ut" in a turn that, or whose turn before, speaks of a card: a month
    named and a year, or four digits said as month and year ("elva tjugofem"), not a year alone."""
    body = ts[k].body(text)
    if not _CARD_WORD.search(text, ts[max(0, k - 1)].start, ts[k].end):
        return []
    out = []
    for m in _EXPIRES.finditer(body):
        runs = numbers.runs(body[m.end() : m.end() + 30])
        if not runs or runs[0].tokens[0].start != 0:
            continue
        digits, end = runs[0].digits, m.end() + runs[0].tokens[-1].end
        month = int(digits[:-2]) if len(digits) in (3, 4) and not m.group("month") else 0
        if (m.group("month") and len(digits) == 2) or 1 <= month <= 12:
            out.append((m.start("month") if m.group("month") else m.end(), end))
    return out


_DOT_OPENS = re.compile(rf"[ ,.…]*(?:{_DOT})?[ ,]*", re.IGNORECASE)


def _ip_parts(value: str) -> list[str]:
    return [p for p in re.split(_IP_SEP, value, flags=re.IGNORECASE) if p.strip(" ,")]


def _ip_over_turns(text: str, ts: list[Turn], k: int) -> list[tuple[str, int, int]]:
    """An IP address said over two turns of one speaker, whatever was asked: the first numbers end
    turn k ("Ett nio fem, punkt, ett nio åtta..."), the rest open the speaker's next turn ("punkt, sex
    fyra, punkt, två tre noll."), four numbers 0-255 in all."""
    turn = ts[k]
    body = turn.body(text)
    heads = [(s, e) for s, e in _spoken_ips(body) if not body[e:].strip(" .,!?…")]
    nxt = next((t for t in ts[k + 1 : k + 3] if t.label == turn.label), None)
    if not heads or nxt is None or _ABOUT_VERSIONS.search(text, ts[max(0, k - 2)].start, nxt.end):
        return []  # "Vilken version?" / "Fyra punkt två..." / "Ja?" / "punkt ett punkt noll."
    nb = nxt.body(text)
    # the rest opens with a dot: "punkt, sex fyra, ..."
    opens = re.match(rf"[ ,.…]*{_DOT}(?![\w])", nb, re.IGNORECASE)
    tails = [(s, e) for s, e in _spoken_ips(nb) if opens and _DOT_OPENS.fullmatch(nb[:s])]
    if not tails or len(_ip_parts(body[slice(*heads[-1])])) + len(_ip_parts(nb[slice(*tails[0])])) != 4:
        return []
    return [
        ("IP_ADDRESS", turn.start + heads[-1][0], turn.start + heads[-1][1]),
        ("IP_ADDRESS", nxt.start + tails[0][0], nxt.start + tails[0][1]),
    ]


_SENTENCE = re.compile(r".+?(?:(?:[!?]|(?<![.\d])\.(?![.\d]))(?=\s|$)|$)")  # not at "..." (a pause)
_ABOUT_VERSIONS = re.compile(r"version|firmware|mjukvara|uppdater|avsnitt|kapitel|paragraf|villkor", re.IGNORECASE)


def _ips_said(text: str, ts: list[Turn], k: int) -> list[tuple[str, int, int]]:
    """IP addresses said whole in words in turn k, sentence by sentence; not in a sentence about
    versions or sections ("avsnitt fyra punkt två punkt ett punkt tre i villkoren"), nor first
    in the answer to a question about them ("Vilken version?" / "Fyra punkt två punkt ett punkt
    noll.")."""
    turn = ts[k]
    body = turn.body(text)
    sentences = list(_SENTENCE.finditer(body))
    # a question about versions just before: the answer's first sentence is a version too
    asked = k > 0 and ts[k - 1].label != turn.label and _ABOUT_VERSIONS.search(ts[k - 1].body(text))
    return [
        ("IP_ADDRESS", turn.start + m.start() + s, turn.start + m.start() + e)
        for i, m in enumerate(sentences)
        if not _ABOUT_VERSIONS.search(m.group(0)) and not (asked and i == 0)
        for s, e in _spoken_ips(m.group(0), whole=True)
        if re.search(_DOT, m.group(0)[s:e], re.IGNORECASE)
    ]


# Abbreviations written with dots are no spelled letters: "o.s.v.", "t.ex.", "d.v.s."
_ABBREVIATIONS = frozenset("osv tex dvs bla mm pga fd obs ev etc osa ung".split())


def _abbreviation(spelled: str) -> bool:
    return "".join(re.findall(r"[^\W\d_]", spelled)).lower() in _ABBREVIATIONS


def _names(body: str) -> list[tuple[int, int]]:
    """The name in an answer to "Vad heter du?": its first capitalised words ("Ahmed Yusuf, jag
    bor i Göteborg" gives "Ahmed Yusuf"), else the words after "heter"; and a false start taken
    back before it ("mosman... nej, musosm")."""
    wrong = _FALSE_START.match(body)
    if (
        wrong
        and _name_like(said := wrong.group("name"))
        and not _ordinary(said)
        and not introduction.DEFINITE.match(said)
    ):
        # only when the name said right after it is found: "mosman... nej, Musosm"
        rest = [(wrong.end() + s, wrong.end() + e) for s, e in _names(body[wrong.end() :])]
        if rest and rest[0][0] - wrong.end() <= 3:
            return [wrong.span("name"), *rest]
    out: list[tuple[int, int]] = []
    first = ""
    for m in _CAP_NAME.finditer(body):
        words = m.group(0).split()
        while words and (words[0].lower() in NOT_NAMES or words[0].lower() in introduction.STOP_WORDS):
            words = words[1:]  # "Jo", "På fakturan står ..."
        if out:
            # the name said again whole: "Navid. Navid Karimi.", "Somchai... Somchai Rattanakul"
            if words and words[0] == first and len(words) > 1:
                out.append((m.start() + m.group(0).index(words[0]), m.end()))
            return out
        if words:
            first = words[0]
            out.append((m.start() + m.group(0).index(first), m.end()))
    if not out:
        m = _HETER.search(body)
        if m and all(_name_like(w) for w in m.group("name").split()):  # not "det är jag som ringer"
            out.append(m.span("name"))
    if not out:
        # the name spelled after it is the spelling's: "farida haidari h a i d a r i"; or the name,
        # then who it is: "anan wongsakul han pratar inte så bra svenska"
        m = _BARE_NAME.fullmatch(_SPELLED_AFTER.sub("", body)) or _NAME_THEN_WHO.match(body)
        if m and all(_name_like(w) and w.lower() not in introduction.KIN_WORDS for w in m.group("name").split()):
            out.append(m.span("name"))
    return out


_FALSE_START = re.compile(rf"[ ]*(?P<name>[a-zåäöéü'’-]{{4,}})[ ]*(?:\.\.\.|…)[ ,]*(?:{RETRACTS})(?![\w])[ ,.]*")
_SPELLED_AFTER = re.compile(r"(?:[ ,]+[a-zåäö]){2,}[ .!]*$")
# A lowercase answer that is a name and nothing else: "sagal mustafe", "jag filmon berhane"
_BARE_NAME = re.compile(
    r"[ ]*(?:(?:ja|jo|jag|eh|öh|mm)[, ]+)*(?P<name>[a-zåäöéü'’-]{2,}(?:[ ][a-zåäöéü'’-]{2,}){0,2})[ ]*[.!]?[ ]*"
)

_NAME_THEN_WHO = re.compile(
    r"[ ]*(?:(?:ja|jo|eh|öh|mm)[, ]+)*(?P<name>[a-zåäöéü'’-]{2,}(?:[ ][a-zåäöéü'’-]{2,}){0,2})[ ,]+(?:han|hon|hen)[ ]"
)


def _name_like(word: str) -> bool:
    """A name in the lexicon, or a word it does not know at all; no ordinary word ("vänta", "inte")."""
    kinds = shipped_lexicon().get(word.lower(), set())
    # a place only where it is a name too ("Lund"), not "stockholm"
    named = not kinds or (kinds & introduction.NAME_FEATURES and kinds <= introduction.NAME_FEATURES | {"place"})
    return word.lower() not in NOT_NAMES and "common" not in kinds and bool(named)
