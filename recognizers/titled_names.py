"""PERSON after a title or a relation: "doktor sjöberg", "sköterskan Anna", "min son olle", "hon
heter faadumo cabdi xasan".

A name said in the middle of a turn has no greeting before it (`introduction.py`) and, in a
lowercase transcript, no capital for the name model to go by. A title ("doktor", "dr",
"sköterskan", "handläggaren") or a relation after a possessive ("min fru", "hans dotter") says
that a name may follow. The words after it count as a name when they are a first name or surname
of the name model's lexicon and no common Swedish word ("doktor sjöberg", "min son olle"), or
capitalised and no common word ("sköterskan Mirela"), or one word no lexicon knows followed by a
pause or a small word ("doktor okonkwo på vårdcentralen", "min lillebror jonte som"). An adjective or
a genitive may stand between ("min äldsta dotter tindra", "min sambos mamma agneta"). "doktorn sa",
"min fru ringde", "min son har", "min fru hemma" name no one. Children are named after "barnen"
only as a list ("barnen Arman och Sara", not "Ge barnen Alvedon"); a nickname after "alla kallar
henne". A name on a door or a letterbox is a name too: "det står al-jabouri på dörren", "Lundström
Pettersson på brevlådan".
"""

from __future__ import annotations

import re
from collections.abc import Callable

from recognizers import heuristics, numbers
from recognizers.base import TextRecognizer, tagged_result
from recognizers.introduction import DEFINITE, KIN_WORDS, STOP_WORDS, common_word, known_name, lexicon
from recognizers.lexicon import shipped_lexicon
from recognizers.vehicle import MAKES

ENTITY = "PERSON"
SCORE = 0.7

_TITLES = (
    r"doktor(?:n)?|dr\.?|syster|(?:sjuk)?sköterska(?:n)?|barnmorska(?:n)?|tandläkare(?:n)?|läkare(?:n)?|"
    r"handläggare(?:n)?|kurator(?:n)?|rektor(?:n)?|lärare(?:n)?|mentor(?:n)?|fröken|herr|fru|pastor|"
    r"advokat(?:en)?|god man|förvaltare(?:n)?|chef(?:en)?|kollega(?:n)?|granne(?:n)?|hyresvärd(?:en)?|"
    # who leads a ceremony: "Imamen, Abdikadir, kommer", "prästen Gunilla"
    r"präst(?:en)?|imam(?:en)?|rabbin(?:en)?|diakon(?:en)?|officiant(?:en)?|"
    # family words said right before a name: "lillebror Adam", "storasyster Elsa", "barnbarnet wilmer"
    r"lillebror|storebror|lillasyster|storasyster|barnbarnet|sonen|dottern|brorsan|systern|frugan|hustrun|maken|makan|sambon|"
    # ... and a child by what it is: "den lilla pojken Elyas", "flickan Ayaan"
    r"pojken|flickan|bebisen|"
    # ... in an interpreted call's own words: Polish "moja córka Zosia", "mój syn Kacper"
    r"moja c[óo]rka|m[óo]j syn|moja [żz]ona|m[óo]j m[ąa][żz]|"
    # ... and before a list of them: "barnen Arman och Sara", "kusin Artem"
    r"barnen|barnbarnen|kusin|kusinen|"
    r"pappa|mamma|mormor|morfar|farmor|farfar|moster|faster|morbror|farbror|"
    r"vaktmästare(?:n)?|receptionist(?:en)?|"
    # an association's officers: "ordföranden Görel Sundin", "kassören Leif"
    r"ordförande(?:n)?|kassör(?:en)?|sekreterare(?:n)?|"
    # a letter's care-of: "Care of Lina Holmqvist", "c/o Ingrid Wallin"
    r"care of|c/o"
)
_RELATIONS = (
    r"fru|man|make|maka|sambo|pojkvän|flickvän|son|dotter|barn|mamma|pappa|mor|far|bror|syster|"
    r"farmor|farfar|mormor|morfar|barnbarn|kusin|granne|vän|kompis|kollega|chef|grabb|tjej|kille|"
    r"svåger|svägerska|svärmor|svärfar|moster|faster|morbror|farbror|brorson|systerson|brorsdotter|systerdotter"
)
# "min fru", "min äldsta dotter", "min sambos mamma"
_POSSESSOR = r"(?:min|mitt|mina|din|ditt|sin|sitt|sina|hans|hennes|deras|vår|er)(?:[ ]+[a-zåäö]+s)?"
_ADJECTIVE = r"(?:äldsta|yngsta|lilla|stora|gamla|nya|förra|före detta|två|tre|fyra|fem)[ ]+"
# "mina två barn rojhat och nalin": the second of a lowercase pair after counted children
_COUNTED = re.compile(r"(?:två|tre|fyra|fem)[ ]+(?:barn|barnbarn)$")
_AND_LOWER = re.compile(r"[ ]+och[ ]+(?P<name>[a-zåäö]{3,})(?=[ ]*[,.!?]|[ ]*$)", re.MULTILINE)
# who "heter": "hon heter ...", "den äldsta heter ..."
_WHO = r"(?:han|hon|hen|(?:den|det)[ ]+(?:äldsta|yngsta|minsta|mellersta|största|lilla|stora))"
# ... or a title or a relation: "grannen heter fereshteh", "pappan heter han rodrigo"
_NAMED = (
    rf"(?:{_WHO}|{_TITLES}|pappan|mamman|mannen|frun|killen|tjejen|barnet|"
    # ... or one's relation: "Min dotter heter Vilja"
    rf"{_POSSESSOR}[ ]+(?:{_ADJECTIVE})?(?:{_RELATIONS}))[ ]+heter(?:[ ]+(?:han|hon|hen)(?=[ ]))?"
)
# a nickname: "fast alla säger Pelle", "folk säger Stisse", "kallas Bettan", "kalla mig Micke"
_CALLED = (
    r"(?:(?:alla|folk|de|dom|vi)[ ]+säger|(?:han|hon|hen)[ ]+kalla(?:de)?s|kalla(?:de)?s(?:[ ]+(?:han|hon|hen))?|"
    r"kalla[ ]+mig|säg[ ]+bara|"
    # "han vill bli kallad Tusse"
    r"(?:vill[ ]+)?bli[ ]+kallad|"
    r"(?:alla|vi|de|dom)[ ]+kallar[ ]+(?:henne|honom|hen)(?:[ ]+för)?|"
    # ... a person in a relative clause: "en kille som alla kallar lillen" (not "appen som vi kallar portalen")
    r"(?:kille|killen|tjej|tjejen|man|mannen|kvinna|kvinnan|grabb|grabben|gubbe|gubben|kompis|granne|typ|snubbe)"
    r"[ ]+som[ ]+(?:alla|folk|vi|de|dom)[ ]+kallar(?:[ ]+för)?)"
)
_WORD = r"[A-ZÅÄÖÉÜa-zåäöéü][a-zåäöéüA-ZÅÄÖÉÜ'’]+(?:-[A-ZÅÄÖÉÜa-zåäöéü][a-zåäöéü'’]+)?"
_PATTERN = re.compile(
    rf"(?<![\w-])(?P<lead>(?i:{_NAMED}|{_POSSESSOR}[ ]+(?:{_ADJECTIVE})?(?:{_RELATIONS})|{_TITLES}|{_CALLED})),?[ ]+"
    # the name in a lookahead: its words may lead to the next title ("Doktorn sa att min son olle")
    rf"(?=(?P<name>{_WORD}(?:[ ]{_WORD}){{0,2}})(?P<after>[ ]+[\w]+|[ ]*[,.!?]|[ ]*$)?)",
)
_LISTED = re.compile(
    rf"(?:,[ ]*|[ ]+)(?:och[ ]+|sen[ ]+)?(?:(?:den|det)[ ]+(?:äldsta|yngsta|minsta|mellersta|lilla|stora)[ ]+)?"
    rf"(?P<name>(?=[A-ZÅÄÖÉÜ]){_WORD})"
)
# Children named only as a list ("barnen Arman och Sara"), and what goes on to the next name of it
_LISTING = frozenset(("barnen", "barnbarnen"))
_ANOTHER = re.compile(r"(?:,[ ]*|[ ]+och[ ]+)(?=[A-ZÅÄÖÉÜ])")
# A name on a door or a letterbox: "det står al-jabouri på dörren", "Lundström Pettersson på brevlådan"
_DOORS = r"(?:dörren|porten|brevlådan|postlådan|ringklockan|namnskylten|porttelefonen)"
_ON_THE_DOOR = re.compile(
    rf"(?<![\w-])(?:står|är)[ ]+(?P<name>{_WORD}(?:[ ](?:och[ ])?{_WORD}){{0,2}})[ ]+på[ ]+{_DOORS}\b"
    # ... or "Namnet på dörren är El-Amin"
    rf"|(?<![\w-])(?:namnet|det|vad)[ ]+(?:som[ ]+)?(?:står[ ]+)?på[ ]+{_DOORS}[ ]+(?:är|står)[ ]+(?:det[ ]+)?"
    rf"(?P<named>{_WORD}(?:[ ](?:och[ ])?{_WORD}){{0,2}})",
    re.IGNORECASE,
)
# Someone named in passing, as the one to call, tell, ask or invite: "kan ni ringa Arash", "säg
# till Kaveh", "ska vi bjuda aune": a name the lexicon knows, no common word, place or country.
_TO_PERSON = re.compile(
    r"(?<![\w-])(?i:ring(?:a|er)?(?:[ ]+(?:till|upp))?|säg(?:er)?[ ]+(?:till|åt)|sa[ ]+till|fråga(?:r)?|"
    r"hälsa(?:r)?(?:[ ]+(?:till|från))?|(?:prata|tala|snacka)(?:r)?[ ]+med|kontakta(?:r)?|bjud(?:a|er)?)[ ]+"
    rf"(?P<name>{_WORD}(?:[ ]{_WORD})?)"
)
# ... thanked, saved in a phone, or spoken to: "tack kaveh", "spara babak nummer", "sparat som
# babak", "kaveh ditt personnummer", "Amina, har du kortet?": first names only ("spara ström")
_SPOKEN_TO = re.compile(
    rf"(?<![\w-])(?i:tack(?:[ ]+så[ ]+mycket)?|spara(?:r|t|de)?(?:[ ]+som)?)[ ]+(?P<name>{_WORD}(?:[ ]{_WORD})?)"
    rf"|(?<![\w-])(?P<addressed>{_WORD})(?=,?[ ]+(?i:ditt|din|dina|har[ ]+du|kan[ ]+du|vad[ ]+är)(?![\w]))"
)
# ... or as the one to fetch, visit or write, verbs that take things and places as often: "hämtar
# Warsame", "gå till agneta", "skriv Demir", "ring på hos al-jabouri": capitalised, or in lowercase
# a Swedish first name or surname (not "hämtar glass", "går till ica"), or a name with an Arabic
# or other particle ("al-jabouri", not "tv-boxen").
_TO_THING = re.compile(
    r"(?<![\w-])(?i:hämta(?:r)?|(?:gå|går|lämna|lämnar|skicka|skickar|ge|ger)[ ]+(?:(?:den|det|nyckeln|paketet)[ ]+)?till|"
    r"skriv(?:er)?|(?:ring[ ]+på[ ]+)?hos)[ ]+"
    rf"(?P<name>{_WORD}(?:[ ]{_WORD})?)"
)
# ... or after someone's role that no title list has: "min redovisningskonsult dragana sa" (a word
# for a person: "-konsult", "-son", "-are"; not "min elbil Zoe")
_THEIR_ROLE = re.compile(
    rf"(?<![\w-])(?i:{_POSSESSOR})[ ]+(?P<role>[a-zåäö]{{3,}})[ ]+(?P<name>{_WORD}(?:[ ]{_WORD})?)(?![\w-])"
)
# Verbs that are names too, before whom they ask for: "ring min man", "fråga min fru"
_ASKING_VERBS = frozenset("ring fråga säg hälsa be kolla messa mejla".split())
# A relation in its definite form, after a name: "bahoz pappan till ronja", "kirsi grannen"
_THE_RELATION = (
    r"(?:pappan|mamman|grannen|systern|brodern|brorsan|kompisen|kusinen|sonen|dottern|frun|mannen|sambon|"
    r"farmor|mormor|farfar|morfar|svärmor|svärfar|moster|faster|morbror|farbror)"
)
# Two first names the lexicon knows joined by "och": "golnar och dariush", "valentina och emina"
_PAIR = re.compile(rf"(?<![\w-])(?P<first>{_WORD})[ ]+och[ ]+(?P<second>{_WORD})(?![\w-])")
# ... one of them "jag" or "du": "ja jag och parviz", "Kaveh och jag"
_ME = frozenset("jag mig du dig".split())
# A child named by whose parent someone is: "siriporn mamma till ploy", "pappa till Nima" (not a
# coach's or a teacher's: "tränare till AIK")
_PARENT_OF = re.compile(
    r"(?<![\w-])(?i:mamma|pappa|mamman|pappan|förälder|föräldern|vårdnadshavare|farmor|farfar|mormor|morfar|"
    rf"moster|faster|morbror|farbror)[ ]+till[ ]+(?P<name>{_WORD})"
    r"(?P<after>[ ]+\w+|[ ]*[,.!?]|[ ]*$)?"
)
# ... or whose relation is named: "Daryas pappa", "Noks mamma", "i Daryas rum" (not a school's,
# a club's or a company's: "Vasaskolans klass", "Hammarbys tränare", "Bredbandsbolagets man")
_WHOSE = re.compile(
    rf"(?<![\w-])(?P<name>{_WORD})s[ ]+(?i:mamma|pappa|bror|syster|fru|sambo|pojkvän|flickvän|son|"
    r"dotter|mormor|morfar|farmor|farfar|moster|faster|morbror|farbror|kusin|kompis|rum)(?![\w])"
)
# ... or who has a birthday: "Kasem fyller nio", "ella fyller år"
_BIRTHDAY = re.compile(rf"(?<![\w-])(?P<name>{_WORD})[ ]+fyller[ ]+(?P<after>\w+)")
# ... or said first and then taken up by a pronoun, as speech does: "eller yousef han är ju hemma"
_TAKEN_UP = re.compile(
    rf"(?<![\w-])(?P<name>{_WORD})[ ]+(?:han|hon)[ ]+(?:är|har|kan|ska|bor|jobbar|kommer|vill|brukar|pratar|sa|var|hade)(?![\w])"
)
# ... or said before "heter": "Moa heter hon tror jag", "en äldre kvinna, Rut tror jag hon heter"
_NAMED_BEFORE_HETER = re.compile(
    rf"(?<![\w-])(?P<name>{_WORD})[ ]+(?:(?:tror[ ]+jag|nog|väl|visst)[ ]+)?"
    r"(?:(?:han|hon|hen)[ ]+heter|heter[ ]+(?:han|hon|hen))(?![\w])"
)
# ... or before the name people called them: "jojje kallade vi honom", "Maggan kallades hon"
_CALLED_BEFORE = re.compile(
    rf"(?<![\w-])(?P<name>{_WORD})[ ]+(?:kallade[ ]+(?:vi|de|dom|alla|jag|folk)[ ]+(?:honom|henne|hen|mig|oss)|"
    r"kallades[ ]+(?:han|hon|hen))(?![\w])",
    re.IGNORECASE,
)
# ... and the surname added after it: "Stefan heter jag, Nyqvist."
_SURNAME_ADDED = re.compile(
    r"(?<![\w-])heter[ ]+jag,[ ]+(?P<name>(?-i:[A-ZÅÄÖ])[a-zåäöéü]+(?:-(?-i:[A-ZÅÄÖ])[a-zåäöéü]+)?)"
)
# What the word after it says of a word no lexicon knows, per rule: a name ("mamma till ploy",
# "Kasem fyller nio"; not "pappa till Göran-huset", "Kasem fyller ut")
_UNKNOWN_NAME_CONFIRMED: dict[str, Callable[[str, str], bool]] = {
    "a child": lambda name, after: not after or after in STOP_WORDS or name[0].isupper(),
    "a birthday": lambda name, after: after == "år" or numbers.parse_word(after) is not None or after.isdigit(),
}
_ROLE_ENDINGS = re.compile(
    r"(?:are|ist|ör|or|ent|ant|konsult|chef|son|dotter|bror|syster|man|kvinna|vän|kompis|granne|kollega|partner|"
    r"sambo|fru|ska|mor|far)$"
)
_PARTICLE = re.compile(r"(?:al|el|abu|abd|ben|bin|ibn|bint|van|von|de|di|da|du|le|la|mc|o)-[a-zåäöéü]{3,}")
# Shops and chains the lexicon knows as names: "jag går till ica", "hämtar på Max"
_SHOPS = frozenset({"ica", "max", "gross", "seven"})
# ... or named and then said who they are: "Och Kaveh, min man, har ...", "Sirpa, hans mamma"
_APPOSED = re.compile(
    rf"(?<![\w-])(?P<name>{_WORD}),?[ ]+(?i:{_POSSESSOR}[ ]+(?:{_RELATIONS})|{_THE_RELATION}[ ]+till)(?![\w])"
    # ... or after a comma, a relation in its definite form: "kirsi grannen", "Berivan, systern"
    rf"|(?<![\w-])(?P<before>{_WORD})(?:,[ ]+|[ ]+(?={_THE_RELATION}[ ]+(?!till\b)))(?i:{_THE_RELATION})(?![\w])"
)
# ... or capitalised in the middle of a sentence, where a capital marks a name: "det är en Jukka
# som står", "min fru har också telefon, Khadra, kan ni" (a name the lexicon knows, no common word,
# place or country; not after a sentence's end or a speaker label, nor in a name of a shop, a
# product or a car: "ICA Maxi", "TV-paket Bas", "en Skoda Octavia")
_CAPITALISED = re.compile(r"(?<=[\w,;] )[A-ZÅÄÖÉÜ][a-zåäöéü]{2,}(?![\w-])")
_PLACE_PARTICLES = frozenset("del de la le von van der di da du al el".split())
_GATE = re.compile(rf"(?<![\w-])(?:{_TITLES}|{_RELATIONS}|heter|{_CALLED}|och)\b", re.IGNORECASE)
# Words after a relation that say where or how the person is, not who: "min fru hemma", "min son själv"
_NOT_NAMES = frozenset(
    "hemma borta själv också sjuk igen nu här där idag imorgon igår ikväll snart sedan"
    # what the relation does, verbs the lexicon's news text rarely has lowercase ("kan min dotter hämta")
    " hämta hämtas hämtade lämnas fixa fixar kollar ordna ordnar skickar ändra ändrar sköta sköter"
    " signera signerar logga loggar boka bokar avboka avbokar kollade döptes döpte".split()
)
# Animals and the things people name ("vår båt kallades hon Virvelvinden"): what "heter" or "kallas"
# after them names is no person
_NAMED_THING = re.compile(
    r"(?<![\w])(?:(?:hund|katt|häst|kanin|marsvin|hamster|fågel|husdjur|valp|kattunge|båt|segelbåt|motorbåt)\w*|"
    r"(?:bilen|huset|stugan|sommarstugan|gården|torpet|villan))",
    re.IGNORECASE,
)
# Titles said right before a name; after the others ("läkaren", "handläggaren") a word no lexicon
# knows is more often an adverb than a name.
_BEFORE_NAMES = frozenset("doktor dr dr. syster fröken herr fru lillebror storebror lillasyster storasyster".split())


# What a name is followed by besides a small word: a pronoun ("min mamma fatou henne på fritids";
# not a verb: "min dotter numer bor i malmö"), or "men" ("han kallas kaxen men jag tror ...")
_AFTER_A_NAME = frozenset("henne honom hen men".split())


def _name_words(words: list[str], after: str, unknown: int, named: bool = False) -> int:
    """How many of the leading words are a name: lexicon names or capitalised uncommon words (after
    "heter" any capitalised word: "hon heter Vilja", "han heter Frost"); else up to `unknown`
    lowercase words no lexicon knows ("doktor okonkwo", "min lillebror jonte", "hon heter faadumo
    cabdi xasan") when a pause or a small word follows them."""
    common, names = lexicon()

    def ordinary(w: str) -> bool:
        low = w.lower()
        if low in STOP_WORDS or low in _NOT_NAMES:
            return True
        # a capitalised common word after "heter": a name ("Vilja", "Frost"), not a contact saved as
        # "Mamma" or "Jobbet"
        named_so = named and w[0].isupper() and low not in KIN_WORDS and DEFINITE.match(low) is None
        return low in common and low not in names and not named_so

    n = 0
    while n < len(words) and not ordinary(words[n]) and (words[n].lower() in names or words[n][0].isupper()):
        n += 1
    if n:
        return n
    while n < min(len(words), unknown) and not ordinary(words[n]):
        n += 1
    following = (words[n] if n < len(words) else after.strip(" ,.!?")).lower()
    return n if n and (not following or following in STOP_WORDS or following in _AFTER_A_NAME) else 0


class KlangTitledNameRecognizer(TextRecognizer):
    ENTITIES = (ENTITY,)

    def may_match(self, text: str) -> bool:
        return bool(
            _GATE.search(text)
            or _ON_THE_DOOR.search(text)
            or _TO_PERSON.search(text)
            or _SPOKEN_TO.search(text)
            or _TO_THING.search(text)
            or _THEIR_ROLE.search(text)
            or _CAPITALISED.search(text)
            or _PARENT_OF.search(text)
            or _WHOSE.search(text)
            or _BIRTHDAY.search(text)
            or _TAKEN_UP.search(text)
            or _CALLED_BEFORE.search(text)
        )

    def analyze(self, text, entities, nlp_artifacts=None):
        if (entities and ENTITY not in entities) or not self.may_match(text):
            return []
        out = []
        for m in _PATTERN.finditer(text):
            words = m.group("name").split(" ")
            lead = m.group("lead").lower()
            named = " heter" in lead
            if (named or "kalla" in lead) and _NAMED_THING.search(text, max(0, m.start() - 80), m.start()):
                continue  # "Vad heter hunden?" / "Han heter Bamse.", "vår hund han kallas doffe"
            # a bare title or a relation after a possessive may come before one unknown word; "heter"
            # before a whole name
            unknown = 3 if named else 1 if lead in _BEFORE_NAMES or " " in lead else 0
            # ("Tandläkaren heter, Ingen aning": a comma after "heter" names no one)
            comma = text[m.end("lead") : m.start("name")].startswith(",")
            n = _name_words(words, m.group("after") or "", unknown, named and not comma)
            listing = lead in _LISTING
            end = m.start("name") + len(" ".join(words[:n]))
            if listing and not _ANOTHER.match(text, end):
                continue  # children named only in a list: "barnen Arman och Sara", not "Ge barnen Alvedon."
            # counted children ("mina två barn rojhat och nalin"): the second of the pair
            counted = _COUNTED.search(lead) is not None
            pair = _AND_LOWER.match(text, end) if counted else None
            if counted and words[0].islower() and not _counted_pair(words[:n], pair):
                continue  # not "mina två barn sover"
            if n:
                start = m.start("name")
                out.append(tagged_result(self, ENTITY, start, end, SCORE, "name after a title"))
                # the names listed after it: "Den äldsta heter Cabdiraxmaan, sen Sagal och den minsta Ayaan."
                while (named or listing) and (more := _LISTED.match(text, end)):
                    said = more.group("name")
                    if not _name_words([said], "", 0) or "place" in shipped_lexicon().get(said.lower(), ()):
                        break
                    end = more.end("name")
                    out.append(tagged_result(self, ENTITY, more.start("name"), end, SCORE, "name listed after one"))
                if pair:  # (a counted lead is neither named nor a listing: `end` is unchanged)
                    out.append(tagged_result(self, ENTITY, *pair.span("name"), SCORE, "name listed after one"))
        for m in _ON_THE_DOOR.finditer(text):
            # names the lexicon knows, capitalised words, or a hyphenated lowercase one ("al-jabouri");
            # not "tvättstuga" or "hundvakt"
            group = "name" if m.group("name") else "named"
            words = [w for w in m.group(group).split(" ") if w != "och"]
            n = len(words) if m.group("name") else _name_words(words, "", 0)  # after "är": the name, then the sentence
            if n and (_name_words(words[:n], "", 0) == n or all("-" in w for w in words[:n])):
                # up to the n-th name, the "och" between them counted in: "laine och salo"
                said = m.group(group).split(" ")
                upto = [k for k, w in enumerate(said) if w != "och"][n - 1] + 1
                start = m.start(group)
                out.append(
                    tagged_result(self, ENTITY, start, start + len(" ".join(said[:upto])), SCORE, "name on a door")
                )
        for pattern, kind in ((_TO_PERSON, "person"), (_SPOKEN_TO, "first"), (_THEIR_ROLE, "first"), (_TO_THING, "")):
            for m in pattern.finditer(text):
                role = m.groupdict().get("role")
                if role and not _ROLE_ENDINGS.search(role):
                    continue  # a thing, not a role: "min gamla ring", "min elbil Zoe", "hans men ring"
                group = "addressed" if m.groupdict().get("addressed") else "name"
                words = m.group(group).split(" ")
                if kind == "first" and not _first_name(words[0]):
                    continue  # a first name first; a surname may follow it: "Din revisor Gunnar Lindell"
                if words and (n := _passing_name(words, bool(kind))):
                    start = m.start(group)
                    end = start + len(" ".join(words[:n]))
                    out.append(tagged_result(self, ENTITY, start, end, SCORE, "name in passing"))
        for m in _CAPITALISED.finditer(text):
            before = text[text.rfind(" ", 0, m.start() - 1) + 1 : m.start()]
            before = before.lower() if before.rstrip().endswith(",") else before  # "Mamma till Kerem, Gülay,"
            following = text[m.end() : m.end() + 5]
            after = text[m.end() + 1 : m.end() + 30].split(" ")[0].strip(",.!?")
            if (
                (_known_name(m.group(0)) or _month_as_name(m.group(0), before, text[m.end() : m.end() + 30]))
                and before.islower()
                # a particle of a place ("Costa del Sol"), or a thing ("en Bosch", but "en Jukka som står")
                and before.strip() not in _PLACE_PARTICLES
                and not (before.strip() in ("en", "ett") and not following.startswith(" som"))
                and not after[:1].isupper()  # a company or a product: "hos Svea Bank", "via Aimo Park"
                and m.group(0).lower() not in _HOMOGRAPHS
                and m.group(0).lower() not in MAKES
            ):
                out.append(tagged_result(self, ENTITY, *m.span(), SCORE, "a name capitalised mid-sentence"))
        for m in _APPOSED.finditer(text):
            group = "name" if m.group("name") else "before"
            # not "Förresten, min man", "Alanya, min fru", "ring min man Stig"
            known = _known_name if "," in m.group(0) else _first_name
            if known(m.group(group)) and m.group(group).lower() not in _ASKING_VERBS:
                out.append(tagged_result(self, ENTITY, *m.span(group), SCORE, "name before who they are"))
        for m in _PAIR.finditer(text):
            names = [g for g in ("first", "second") if _first_name(m.group(g))]
            mine = [g for g in ("first", "second") if m.group(g).lower() in _ME]
            if len(names) == 2 or (len(names) == 1 and len(mine) == 1):
                for group in names:
                    out.append(tagged_result(self, ENTITY, *m.span(group), SCORE, "names joined by och"))
        for pattern, what in ((_PARENT_OF, "a child"), (_BIRTHDAY, "a birthday"), (_TAKEN_UP, "taken up")):
            confirms = _UNKNOWN_NAME_CONFIRMED.get(what)  # None: first names the lexicon knows only
            for m in pattern.finditer(text):
                name = m.group("name")
                after = (m.groupdict().get("after") or "").strip(" ,.!?").lower()
                if _first_name(name) or (confirms is not None and _unknown_word(name) and confirms(name, after)):
                    out.append(tagged_result(self, ENTITY, *m.span("name"), SCORE, f"name of {what}"))
        for m in _NAMED_BEFORE_HETER.finditer(text):
            # a first name, or any capitalised word where no sentence opens, the common ones too
            # ("kvinna, Rut tror jag hon heter"; not "Egentligen heter hon", "Vad heter han")
            name = m.group("name")
            low = name.lower()
            if _first_name(name) or (
                name[0].isupper() and _mid_sentence(text, m.start()) and low not in STOP_WORDS and low not in _NOT_NAMES
            ):
                out.append(tagged_result(self, ENTITY, *m.span("name"), SCORE, "name before heter"))
        for m in _CALLED_BEFORE.finditer(text):
            name = m.group("name")
            if (_first_name(name) or _unknown_word(name)) and not _NAMED_THING.search(
                text, max(0, m.start() - 80), m.end("name")
            ):
                out.append(tagged_result(self, ENTITY, *m.span("name"), SCORE, "name before kallade"))
        for m in _SURNAME_ADDED.finditer(text):
            if not common_word(m.group("name")):
                out.append(tagged_result(self, ENTITY, *m.span("name"), SCORE, "surname after heter jag"))
        for m in _WHOSE.finditer(text):
            name = m.group("name")
            # a capitalised word no lexicon knows where no sentence opens ("Farid här, Daryas pappa";
            # not "Grattis mamma")
            if _first_name(name) or (name[0].isupper() and _mid_sentence(text, m.start()) and _unknown_word(name)):
                out.append(
                    tagged_result(self, ENTITY, m.start("name"), m.end("name") + 1, SCORE, "name in the genitive")
                )
        # one result per name, the longest, however many rules found it
        return [
            r
            for i, r in enumerate(out)
            if not any(
                o.start <= r.start and r.end <= o.end and (o.end - o.start, -j) > (r.end - r.start, -i)
                for j, o in enumerate(out)
                if j != i
            )
        ]


def _mid_sentence(text: str, at: int) -> bool:
    """A word or a comma and a space right before `at`: no sentence opens there."""
    return at >= 2 and re.match(r"[\w,] ", text[at - 2 : at]) is not None


def _counted_pair(first: list[str], second: re.Match[str] | None) -> bool:
    """Counted children named as a pair, each a name the lexicon knows or an unknown word that is
    no verb in the present or past ("sover", "pluggar", "besökte") nor a relation ("bonusdottern")."""

    def named(word: str) -> bool:
        # a verb, or a relation's word ("bonusdottern")
        ordinary = re.search(r"(?:ar|er|ir|or|ade|te|de|dottern|sonen|brodern|systern|barnet)$", word.lower())
        return _first_name(word) or (_unknown_word(word) and ordinary is None)

    return len(first) == 1 and second is not None and named(first[0]) and named(second.group("name"))


def _known_name(word: str) -> bool:
    """A name the lexicon knows (`introduction.known_name`) that is no place or country either."""
    return known_name(word) and not shipped_lexicon().get(word.lower(), set()) & {"common", "place", "country"}


# A Swedish month is written in lowercase, so one capitalised in mid-sentence is a name ("två barn,
# Juni på fritids och Melker på förskolan"), where no date is said with it ("i Juni", "den 3 Maj").
_DATE_WORDS = frozenset("i till från sedan sen under efter före om den nästa förra in på".split())


_ORDINAL = re.compile(r"(?:första|andra|[a-zåäö]*(?:de|te|dje))$", re.IGNORECASE)  # "tjugotredje April"


def _month_as_name(word: str, before: str, rest: str) -> bool:
    said_before = before.strip(" ,").lower()
    said_after = rest.lstrip(" ,").split(" ")[0].strip(",.!?").lower()
    return (
        word.lower() in heuristics.MONTHS
        and said_before not in _DATE_WORDS
        and not _ORDINAL.search(said_before)
        and not any(c.isdigit() for c in said_before + said_after)
        and numbers.parse_word(said_before) is None
        and numbers.parse_word(said_after) is None
    )


# Names that are ordinary words or things too: "i ull och lin", "fråga Siri", "Rut-avdrag", "Ale kommun"
_HOMOGRAPHS = _SHOPS | frozenset("ull siri rut rot ale alexa".split())


def _first_name(word: str) -> bool:
    """A first name the lexicon knows, no common word, place or homograph ("golnar", "Kaveh"; not
    the surnames "ström", "skog", "storm")."""
    return (
        _known_name(word)
        and word.lower() not in _HOMOGRAPHS
        and bool(shipped_lexicon().get(word.lower(), set()) & {"first", "foreign_first"})
    )


def _unknown_word(word: str) -> bool:
    """A word the lexicon does not know as a common word, place or country, nor a number word."""
    return (
        len(word) >= 3
        and not common_word(word)
        and word.lower() not in KIN_WORDS  # "min svärfar fyller sjuttio"
        and word.lower() not in MAKES
        and word.lower()[:-1] not in MAKES  # a car: "Volvon fyller tio"
        and not DEFINITE.match(word)  # a noun's definite form: "till klassen", "Abonnemanget fyller", "Vasaskolans"
        and not word.isupper()  # a club or a company: "tränare till AIK"
        and not shipped_lexicon().get(word.lower(), set()) & {"place", "country"}
        and numbers.parse_word(word.lower()) is None
        and word.lower() not in _HOMOGRAPHS
    )


def _passing_name(words: list[str], to_person: bool) -> int:
    """How many of the words after a verb of passing are a name (see `_TO_PERSON`, `_TO_THING`)."""
    if to_person:
        n = 0
        while n < len(words) and _known_name(words[n]):
            n += 1
        return n
    first = words[0]
    if _PARTICLE.fullmatch(first):
        return 1
    if first.lower() in _SHOPS or not _known_name(first):
        return 0
    if first.islower() and not shipped_lexicon().get(first.lower(), set()) & {"first", "surname"}:
        return 0
    # a company: "hos Svea Bank", a capitalised common word after the name
    if len(words) > 1 and words[1][:1].isupper() and common_word(words[1]):
        return 0
    return 2 if len(words) > 1 and _known_name(words[1]) else 1
