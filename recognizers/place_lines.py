"""SE_ADDRESS in the forms a street line is not: a place and number before a postnummer, a box,
a flat number, a property designation.

`address.py` knows a street by its ending (-gatan, -vägen, ...). Swedish addresses also come as:

- a place name and a house number before a postnummer: "Hagaberg 3, 442 31 Kungälv",
  "Västanby 212, eh, 742 91", "Ed-Backa 5, 668 92 Ed" (rural addresses and named blocks have no
  street ending); in lowercase only before a post town ("hagaberg 3 442 31 kungälv"); the
  postnummer after it is reported too (SE_POSTAL_CODE);
- a post box: "Box 221, 791 24 Falun", "Box tvåhundratjugoett", "box nummer 221 791 24";
- a farm and its number: "Norrgården tvåhundraelva", "Gammelgården 15";
- a flat number on its own: "lägenhet nummer 1204", "lgh 1102" (the four digits Lantmäteriet
  gives every flat; also "lägenhet 101" as landlords number them), also in words ("lägenhet
  elvahundraarton", "lägenheten var tolvhundratvå", a room: "rum femhundrafemton", after the street line: "Kastanjegatan 19, tolv noll fyra"), a neighbour's house
  number ("grannen på nummer fjorton"), or a neighbour's four digits ("grannen i 1402");
- a property designation (fastighetsbeteckning), which names the owner through Lantmäteriet's
  register: "Hjorten 4:12", "sörby 1:45" (block and unit), only in a
  text that speaks of a fastighet, tomt, bygglov or rivningslov, or of a cottage or a piece of
  forest ("stugan", "skiftet"), and not a law, a chapter or a clock time ("Miljöbalken 7:15",
  "Kapitel 4:12", "Klockan 13:30"); anywhere when no clock reads it ("Gräddö 4:112"); a block
  alone after "fastighetsbeteckningen" or "fastigheten" ("fastigheten Korpen 4"); said with
  "kolon" anywhere, as no clock is read ("hennes hus lövnäs ett kolon nitton", "Hjorten fyra kolon
  tolv");
- a place's map coordinates, latitude and longitude in Sweden in either order, or in degrees and
  minutes: "57,7031... och 14,3318", "N 62° 23.472' E 17° 18.414'".
"""

from __future__ import annotations

import re

from presidio_analyzer import RecognizerResult

from recognizers import numbers
from recognizers.address import mentions_street, one_word_towns, ordinary_place_word
from recognizers.base import TextRecognizer, tagged_result
from recognizers.heuristics import MONTHS, QUANTITY_AFTER, WEEKDAYS, mentions
from recognizers.introduction import DEFINITE, common_word
from recognizers.lexicon import shipped_lexicon
from recognizers.postal_code import after_street_line

ENTITY = "SE_ADDRESS"
POSTAL_CODE = "SE_POSTAL_CODE"
LOCATION = "LOCATION"
SCORE = 0.6
_NAME = r"[A-ZÅÄÖa-zåäö][a-zåäöé]+(?:-[A-ZÅÄÖa-zåäö][a-zåäöé]+)?"  # "Hagaberg", "Ed-Backa"
_FILLER = r"(?:,?[ ]+(?:eh|öh|ehm|alltså))*"
# Not a postnummer but an amount or a measure: "123 45 kr", "450 00 kvm".
_NO_UNIT_AFTER = r"(?![ ]*(?i:kr|kronor|sek|st|kwh|kilo|mil|km|kvm|kvadrat)\b)"
# A written postnummer (not from 0) right after: what makes "Hagaberg 3" an address.
_POSTAL_AFTER = (
    rf"(?={_FILLER},?[ ]+(?P<postal>[1-9]\d\d[ ]?\d\d)(?![ -]?\d)"
    rf"{_NO_UNIT_AFTER}(?P<town>,?[ ]+[^\W\d_]+)?)"
)
# Words that stand before a number and a postnummer-shaped number without being a place.
_NOT_PLACES = frozenset(
    "kr sek faktura fakturan order ordern ärende ärendet version nummer nr tel det den vi jag och men så "
    "totalt summa klockan kl vecka dag rad sida punkt steg till på från vid hos mot bor i ja nej adressen "
    "adress mätare mätaren kapitel paragraf avsnitt bilaga postnummer postnumret postort postorten är".split()
)
_CAP_NAME = r"(?-i:[A-ZÅÄÖ][a-zåäöé]+(?:-[A-ZÅÄÖa-zåäö][a-zåäöé]+)?)"
# capitalised, one or two words, or one word in lowercase (then a post town must follow)
_PLACE = re.compile(
    rf"(?<![\w-])(?P<place>{_CAP_NAME}(?:[ ]{_CAP_NAME})?|{_NAME})[ ]+\d{{1,4}}(?:[ ]?[A-Ha-h])?(?![\w])"
    rf"{_POSTAL_AFTER}"
)
# a postnummer said right after its place, between pauses: "Nej, Järvsö. 827 30", "postorten är
# Spånga, 163 70" (written as a postnummer is, "NNN NN", and no piece of a longer number)
_PLACE_THEN_CODE = re.compile(
    rf"(?<![\w-])(?P<place>{_CAP_NAME})[,.][ ]{{1,3}}(?:(?:eh|öh|ehm)[,.]?[ ]+)?"
    rf"(?<![\d][ ])(?P<postal>[1-9]\d\d[ ]\d\d)(?![ -]?\d|[,.:]\d){_NO_UNIT_AFTER}"
)
_OPENS_TURN = re.compile(r"(?:^|\n|: )$")
# a place and number named as the address, where a street ending says nothing: "Vi har Solvändan 2
# som adress?", "adressen är Ekbacken 4"
_LINE = rf"(?P<line>{_CAP_NAME}(?:[ ]{_CAP_NAME})?[ ]+\d{{1,4}}(?:[ ]?[A-Ha-h])?)(?![\w])"
_NAMED_ADDRESS = (
    re.compile(rf"(?<![\w-]){_LINE}(?=[ ]+som[ ]+\w*adress)"),
    re.compile(rf"(?<![\w-])(?i:adress(?:en)?[ ]+är)[ ]+{_LINE}"),
)
_BOX = re.compile(
    rf"(?<![\w-])(?P<box>box|postbox)(?:[ ]+(?:nummer|nr\.?))?[ ]+\d{{1,6}}(?![\d]){_POSTAL_AFTER}?", re.I
)
_BOX_WORDS = re.compile(r"(?<![\w-])(?-i:Box)[ ]+(?=[a-zåäö])")  # "Box tvåhundratjugoett"
_FLAT_NOUN = r"lägenhet(?:en)?|lägenhetsnummer|lägenhetsnumret|lägenhetsnr|lgh\.?"
# "lägenhet elvahundraarton", "lgh nummer tolv noll fyra"
_FLAT_WORDS = re.compile(
    rf"(?<![\w-])(?<!per[ ])(?:{_FLAT_NOUN}|rum(?:met)?|förråd(?:et)?)"
    r"(?:[ ]+(?:nummer|nr\.?|var|är))?[ ]+(?=[a-zåäö])",
    re.IGNORECASE,
)
# a farm and its number, as rural addresses are: "Norrgården tvåhundraelva", "Gammelgården 15"
_FARM = re.compile(r"(?<![\w-])(?-i:[A-ZÅÄÖ])[a-zåäö]*gården[ ]+(?=\w)")
# a flat by its four digits alone after a neighbour or "bor" ("grannen i 1402", "hon bor i 1103"),
# before "bor" ("i 1402 bor Olofsson") or after "in i" ("komma in i 1402"):
# floor and door as Lantmäteriet numbers them (08-18, 01-99), not a year
_FLOOR_AND_DOOR = r"(?:0[89]|1[0-8])(?:0[1-9]|[1-9]\d)"
# (or digit by digit, as some speech-to-text writes it: "han bor på 1 0 0 3")
_FLAT_NO = rf"(?P<flat>{_FLOOR_AND_DOOR}|(?:1[ ][0-8]|0[ ][89])[ ]\d[ ]\d)(?![\d:.,]\d|\d|[ ]\d)"
# ... also "bor på 1003", and where someone can be found or lives: "nyckeln finns hos Kjell i 1003",
# "den där unga tjejen i 1401", "han i 1401"
_SOMEONE = r"(?:tjejen|killen|kvinnan|mannen|damen|gubben|tanten|familjen|paret|han|hon|hen|de|dom|nån|någon)"
_FLAT_OF = re.compile(
    rf"(?<![\w-])(?:(?:grann\w*|bor|bodde)\b[^.\n\d]{{0,30}}?[ ](?:i|på)|in[ ]i|hos[ ]+(?-i:[A-ZÅÄÖ])[a-zåäö]+[ ]i"
    rf"|{_SOMEONE}[ ]i|i(?=[ ]+\d{{4}},?[ ]+bor\b))[ ]+(?!1177\b){_FLAT_NO}",
    re.IGNORECASE,
)


def _a_name(word: str) -> bool:
    """A first name or surname the lexicon knows that is no common word or place, or a word it does
    not know that is no definite noun ("Föreningslokalen", "Cykelrummet")."""
    flags = shipped_lexicon().get(word.lower(), set())
    if flags & {"common", "place"}:
        return False
    return bool(flags & {"first", "surname"}) or (not flags and DEFINITE.match(word) is None)


# ... or a surname: "uppsagd av Jönsson i 1402" (a name, not a place or a thing: "Kolla i 1177",
# "Föreningslokalen i 1001")
_NAMED_IN_FLAT = re.compile(rf"(?<![\w-])(?P<who>(?-i:[A-ZÅÄÖ])[a-zåäöé]+)[ ]i[ ]+(?!1177\b){_FLAT_NO}")
# a house on the street talked of, by its number and letter: "grannen Bengt ..., han bor i 39 B"
_HOUSE_OF = re.compile(
    r"(?<![\w-])(?:bor|bodde)\b[^.\n\d]{0,20}?[ ](?:i|på)[ ]+(?:nummer[ ]+)?(?P<house>\d{1,3}[ ]?(?-i:[A-H]))(?![\w-])",
    re.IGNORECASE,
)
_FLAT_DIGITS = re.compile(_FLOOR_AND_DOOR)
_FLATS_TALKED_OF = re.compile(r"(?<![\w-])(?:lägenhet\w*|ovanför|nedanför|grann\w*|våning\w*)\b", re.IGNORECASE)
_YEAR_BEFORE = re.compile(r"(?<![\w])(?:sen|sedan|år|född|från år)[ ]+$", re.IGNORECASE)  # "sen artonhundranittio"
_ON_DOOR = re.compile(r"[ ]+på[ ]+dörren\b", re.IGNORECASE)
_DOOR_BEFORE = re.compile(r"dörr\w*\b[^.\n\d]{0,30}?\bnummer[ ]+$", re.IGNORECASE)
# a neighbour's flat said: "Grannen i elvahundrafyra har samma problem"
_NEIGHBOUR_FLAT = re.compile(
    rf"(?<![\w-])(?:grann\w*\b[^.\n\d]{{0,20}}?|{_SOMEONE})[ ]i[ ]+(?=[a-zåäö])", re.IGNORECASE
)
# a neighbour's house: "grannen på nummer fjorton", "grannarna i nummer 12", "han bor i nummer 5"
_NEIGHBOUR_HOUSE = re.compile(
    r"(?<![\w-])(?:grann\w*\b[^.\n\d]{0,20}?|(?:han|hon|hen|de|dom)[ ]+bor)[ ](?:på|i)[ ]+nummer[ ]+", re.IGNORECASE
)
# ... or where someone lives, said as a bare number ending the clause: "Hon heter Aino, hon bor på 116."
_LIVES_AT_NUMBER = re.compile(
    r"(?<![\w-])(?:han|hon|hen|de|dom)[ ]+bor[ ]+(?:på|i)[ ]+(?=\d{1,4}[ ]*(?:[.,!?]|$))", re.IGNORECASE | re.MULTILINE
)
# ... or on the street, said without "nummer": "Grannen Lennart på fyrtiofem har ett elverk"
_NEIGHBOUR_AT = re.compile(r"(?<![\w-])grann\w*\b[^.\n\d]{0,20}?[ ]på[ ]+(?!nummer\b)", re.IGNORECASE)
# a flat by the number a housing association or landlord gives it, beside Lantmäteriet's: "i föreningens
# register har den nummer fyrtiotvå", "hyresvärden kallar den nummer fyrtiosex", "föreningens är 34"
_ASSOCIATION_FLAT = re.compile(
    r"(?<![\w-])(?:förening\w*|hyresvärd\w*|brf)\b(?:(?:[ ]+\w+){0,4}?[ ]+(?:nummer|numret)|[ ]+är)[ ]+(?!en\b|ett\b)",
    re.I,
)
_AMOUNT_AFTER = re.compile(r"[ ]*(?:kr|kronor|sek|:-|tusen|i månaden|kvadrat|kvm|rum|trappor)\b", re.IGNORECASE)
_FLAT = re.compile(
    # "lägenhet 1204", or any flat number named so: "lägenhet nummer 37", "Min lägenhet har nummer 1403"
    r"(?<![\w-])(?<!per[ ])(?:(?:lägenhet(?:en)?(?:(?:,?(?:[ ]+har)?[ ]+(?:nummer|nr\.?))(?:[ ]+(?:är|var))?[ ]+\d{1,4}|"
    r"(?:[ ]+(?:är|var))?[ ]+\d{3,4}))|"
    r"(?:lägenhetsnummer|lägenhetsnumret|lägenhetsnr|lgh\.?)(?:[ ]+(?:nummer|nr\.?))?[ ]+\d{1,4}|"
    # ... or where someone lives in it: "jag bor i lägenhet 23"
    r"(?:(?<=bor[ ]i[ ])|(?<=bodde[ ]i[ ]))lägenhet[ ]+\d{1,2}|"
    # a corridor room, by its letter: "rummet är B 214", "rum C1103" (a hotel's "rum 412" is the hotel's)
    r"rum(?:met)?(?:[ ]+(?:nummer|nr\.?))?(?:[ ]+(?:är|var))?[ ]+(?-i:[A-H])[ ]?\d{3,4})"
    r"(?![\d]|[ ]*(?:kr|kronor|sek|:-)\b)",
    re.IGNORECASE,
)
# capitalised, one or two words ("Stora Sörby 1:45"), or one word in lowercase ("hjorten 4:12")
_PROPERTY = re.compile(rf"(?<![\w-])(?:{_CAP_NAME}(?:[ ]{_CAP_NAME})?|[a-zåäö]+)[ ]+\d{{1,4}}:\d{{1,4}}(?![\d:])")
# ... or one no clock reads, anywhere: a unit of three digits or more ("det är på Gräddö, Gräddö 4:112")
_PROPERTY_UNTIMED = re.compile(rf"(?<![\w-]){_CAP_NAME}(?:[ ]{_CAP_NAME})?[ ]+\d{{1,3}}:\d{{3,4}}(?![\d:])")
# ... said: "Hjorten fyra kolon tolv"
_PROPERTY_SAID = re.compile(
    rf"(?<![\w-])(?:{_CAP_NAME}(?:[ ]{_CAP_NAME})?|[a-zåäö]+)[ ]+(?P<block>[a-zåäö]+)[ ]+kolon[ ]+(?P<unit>[a-zåäö]+)(?![\w])"
)
# (and where land or a cottage is talked of: "skiftet vid Gärde 3:41", "stugan på Ottsjö 2:19")
_PROPERTY_WORDS = (
    "fastighet",
    "tomt",
    "bygglov",
    "rivningslov",
    "marklov",
    "lantmäteri",
    "beteckning",
    "lagfart",
    "skiftet",
    "stugan",
    "hemmanet",
)
# ... or a block alone (one to three digits), in the answer to a question for the property
# ("vilken fastighet gäller det" / "Hjorten 7 på Ekbacksvägen 22"), or right after its word
# ("fastighetsbeteckningen är Lärkan 12")
_BLOCK = rf"(?P<property>(?P<block>{_CAP_NAME})[ ]+\d{{1,3}}(?::\d{{1,4}})?)(?![\d:])"
_SMALL = rf"(?:{numbers.SMALL_NUMBER_WORDS})+"  # "sex", "fjorton", "tjugotre"
_NAMED_PROPERTY = r"(?i:(?<![\w])(?:fastighetsbeteckning(?:en)?|fastighet(?:en)?|tomten(?=[ ]+heter))(?:[ ]+(?:är|var|blir|lyder|heter))?[ ]*:?[ ]+)"
_PROPERTY_ASKED = (
    re.compile(
        r"(?i:(?<![\w])(?:fastighetsbeteckning(?:en)?|vilken[ ]+fastighet))[^\n]*\n[^\n:]{1,40}:[^\n]{0,40}?"
        rf"(?<![\w-]){_BLOCK}"
    ),
    # (or "fastighet(en)" and "tomten heter": "då är det fastigheten Korpen 4 på Edsvägen 64")
    re.compile(rf"{_NAMED_PROPERTY}{_BLOCK}"),
    # ... there also in lowercase, its block and unit said: "fastigheten är lillträsk sex fjorton" (a
    # name that is no common word: not "fastigheten är ungefär tre fyra hektar")
    re.compile(
        rf"{_NAMED_PROPERTY}(?P<property>(?P<block>[a-zåäö]{{4,}})[ ]+{_SMALL}[ ]+(?:kolon[ ]+)?{_SMALL})(?![\w])"
    ),
)
# Words that stand before a number in talk of a property and are no block: "Hösten 2019", "Hus 3",
# "Etapp 2", "Vecka 34".
_NOT_BLOCKS = frozenset(
    """
    hösten våren sommaren vintern runt cirka ca sedan halv vecka veckan dag dagen år året klockan kl hus huset
    etapp etappen port porten garage garaget tvättstuga tvättstugan team kundtjänst ruta rutan ärende kap
    kapitel paragraf bilaga plan planet trappa trappan uppgång uppgången trappuppgång våning våningen rum
    lägenhet nummer sida sidan linje linjen förråd förrådet buss bussen spår spåret mån-fre
    """.split()
    + [*MONTHS, *WEEKDAYS]
)
# "Miljöbalken 7:15", "Klockan 13:30", "Kapitel 4:12" are no properties.
_NOT_PROPERTIES = re.compile(
    r"\w*(?:balken|lagen)\b|klockan\b|kl\b|kapitel\b|paragraf\b|avsnitt\b|bilaga\b|"
    r"psaltaren\b|predikaren\b|ordspråksboken\b|\w*mosebok\b|jesaja\b|johannesevangeliet\b|vers\b",  # a Bible verse
    re.I,
)
_CORRECTED_TO = re.compile(
    r"[ ,.…]*(?:eller[ ]+)?(?:nej|nä|förlåt|jag menar)(?:[ ,]+(?:förlåt|alltså|vänta))*[ ,]+", re.I
)
_GATE = (
    "box",
    "adress",
    "förening",
    "hyresvärd",
    "brf",
    "lägenhet",
    "lgh",
    "rum",
    "förråd",
    "ovanför",
    "nedanför",
    "våning",
    "gården",
    "grann",
    "bor",
    "bodde",
    "in i ",
    "hos ",
    "dörr",
    "kolon",
    *_PROPERTY_WORDS,
)
_POSTAL_SHAPED = re.compile(r"\d\d\d ?\d\d")
# A place given as map coordinates, latitude and longitude in Sweden with three decimals or more
# ("vänta... 57,7031... och 14,3318", "57.70312, 14.33180"): a stranded car's or a home's spot to
# a few metres. Both are needed, so no amount or reading ("12,500 liter") is one.
_LAT = r"(?:(?:latitud|lat)[ ]+)?(?:5[5-9]|6[0-9])[,.]\d{3,6}"
_LON = r"(?:(?:longitud|long|lon)[ ]+)?(?:1[0-9]|2[0-4])[,.]\d{3,6}"
_COORDINATE_SEP = r"(?![\d])(?:[ ]*(?:\.\.\.|…))?[ ]*(?:,|och)?[ ]*"
# ... in either order ("longitud 14,3318 latitud 57,7031"), or in degrees and minutes as a phone or
# a chart shows them ("N 62° 23.472' E 17° 18.414'", "58 grader 21 minuter nord 11 grader 13 minuter öst")
_DEGREES = r"\d{1,2}(?:°|[ ]+grader)[ ]*\d{1,2}(?:[.,]\d+)?(?:'|′|[ ]+minuter)?"
_COORDINATES = re.compile(
    rf"(?<![\d,.])(?:{_LAT}{_COORDINATE_SEP}{_LON}|{_LON}{_COORDINATE_SEP}{_LAT})(?![\d]|[,.]\d)"
    rf"|(?<![\w])[NS][ ]*{_DEGREES}[ ,]*[EÖOW][ ]*{_DEGREES}"
    rf"|(?<![\w]){_DEGREES}[ ]+(?:nord|norr)[ ,]+(?:och[ ]+)?{_DEGREES}[ ]+(?:öst|väst|ost)\b",
    re.IGNORECASE,
)

# ... or said, each half read off a plotter or a phone with its compass word ("femtionio grader
# fyrtioett komma fyrahundratolv norr" / "arton grader femtiosex komma noll trettio öst"), or both
# after their letters ("n femtionio fyrtioett komma fyra ett två e arton femtiosex komma noll tre
# noll"): a temperature or an angle has no minutes with a compass word after them
_SAID_NUMBER = rf"{numbers.NUMBER_WORD}(?:[ ]+{numbers.NUMBER_WORD}){{0,3}}"
_COORDINATES_SAID = re.compile(
    rf"(?<![\w]){_SAID_NUMBER}[ ]+grader[ ]+{_SAID_NUMBER}(?:[ ]+komma[ ]+{_SAID_NUMBER})?(?:[ ]+minuter)?"
    r"[ ]+(?:nord|norr|syd|söder|öst|öster|ost|väst|väster)(?![\w])"
    rf"|(?<![\w])[ns][ ]+{_SAID_NUMBER}[ ]+komma[ ]+{_SAID_NUMBER}[ ]+[eöw][ ]+{_SAID_NUMBER}[ ]+komma[ ]+{_SAID_NUMBER}",
    re.IGNORECASE,
)

# A berth or a pitch a person rents, by its letter and number ("plats d tolv", "sommarplats g
# trettioett", "båtplats D12") or, for a berth's own word, its number ("uppställningsplats
# trettiotvå", "boj nummer sjutton"): a place in a queue has no letter ("plats tre i kön"), and
# "i", "å", "ö" are words, not a pier's letter. A bare "plats" is a seat, a pitch for sale or a
# place in a garage ("vagn fem plats c tjugotvå", "vi har plats b fyra och b sju lediga") unless
# someone has it: "jag har plats f nio", "med plats d ett", "jag ser dig här plats d tolv", "karin
# lund plats e fem"
_PIER = r"(?-i:[a-hj-zA-HJ-Z])"
_BERTH_CODE = rf"{_PIER}[ ]?(?:\d{{1,3}}(?![\d,.:])|{numbers.NUMBER_WORD})"
_BERTH_WORD = r"(?:båt|brygg|sommar|vinter|uppställnings|bojplats|camping)plats(?:en)?|boj(?:en)?"
_HELD = (
    r"(?:(?:jag|du|han|hon|hen|ni|de|dom)[ ]+(?:har|hade|hyr|hyrde|fick|får)(?:[ ]+(?:ju|nu|kvar))?|med"
    r"|(?:ser|har)(?:[ ]+jag)?[ ]+(?:dig|honom|henne|er)(?:[ ]+här)?)[ ]+"
)
_FREE_AFTER = (
    r"(?![ ]+(?:och[ ]+\w+[ ]+\w+[ ]+)?(?:lediga?|kvar|till)\b)"  # "... och b sju lediga", "a ett till a fyrtio"
)
_BERTH = re.compile(
    rf"(?<![\w-])(?<!ledig[ ])(?<!lediga[ ])(?:(?:{_BERTH_WORD})|(?P<held>{_HELD})?plats(?:en)?)(?:[ ]+(?:nummer|nr\.?))?"
    rf"[ ]+(?P<code>{_BERTH_CODE})(?![\w]){_FREE_AFTER}"
    rf"|(?<![\w-])(?:{_BERTH_WORD})(?:[ ]+(?:nummer|nr\.?))?[ ]+(?P<number>{numbers.NUMBER_WORD})(?![\w]|[ ]*(?:kr|kronor|meter|m)\b){_FREE_AFTER}",
    re.IGNORECASE,
)
_NAME_BEFORE = re.compile(r"([^\W\d_]+)[ ]+$")
_BOATS = re.compile(
    r"(?<![\w-])(?:båt\w*|segelbåt\w*|motorbåt\w*|brygg\w*|bojen|marinan|hamnen)(?![\w-])", re.IGNORECASE
)
_NAME_KINDS = frozenset({"first", "surname", "foreign_first", "foreign_surname"})
# ... and, in a call that gives one so, another said where a person or a boat lies ("roger på a
# tio", "vågspel ligger på c fjorton", "och du med d två"): not a road ("på e fyra", "e sex") or
# paper ("på a fyra")
_ON_BERTH = re.compile(
    rf"(?<![\w-])(?:på|med)[ ]+(?P<code>(?![eE][ ])(?![aA][ ]+(?:noll|ett|en|två|tre|fyra|fem|sex)\b){_PIER}[ ]+{numbers.NUMBER_WORD})(?![\w])",
    re.IGNORECASE,
)
# ... or, asked for, the answer's opening: "vilken plats har du" / "c tjugotvå"
_BERTH_ASKED = re.compile(
    rf"\bplats\w*\b[^\n]*\n[^\n:]{{1,40}}:[ ]*(?:(?:ja|jo|eh|öh)[ ,]+)?(?P<code>{_PIER}[ ]+{numbers.NUMBER_WORD})(?![\w])",
    re.IGNORECASE,
)
_BERTH_AGAIN = re.compile(rf"{_BERTH_CODE}(?![\w])", re.IGNORECASE)  # corrected: "plats h elva nej h tretton"

# The floor someone lives on, said with "bor" ("han bor på fjärde våningen och hissen är trasig"):
# the floor narrows the address to a few doors, as after the street line (`address.py`)
_FLOOR_LIVED = re.compile(
    r"(?<![\w-])(?:bor|bodde)(?:[ ]+[^\W\d_]+){0,2}?[ ]+(?:på[ ]+)?"
    r"(?P<floor>(?:första|andra|tredje|fjärde|femte|sjätte|sjunde|åttonde|nionde|tionde)[ ]+våningen"
    r"|(?:en|ett|två|tre|fyra|fem|sex|sju|åtta|nio|tio|\d)[ ]+trappor?(?:[ ]+upp)?)(?![\w])",
    re.IGNORECASE,
)

# A home someone lives in named after its kind ("han bor nu på ett gruppboende Ljuragården",
# "äldreboendet solgläntan", "servicebostaden Granen"): its name is where the person lives, found
# again wherever it is said
_CARE_HOME = re.compile(
    r"(?<![\w-])(?:(?:grupp|äldre|demens|service|vård|korttids|lss-|stöd)?boende(?:t)?|(?:grupp|service|lss-)bostad(?:en)?)"
    r"[ ]+(?:heter[ ]+)?"
    r"(?P<home>(?-i:[A-ZÅÄÖ])[a-zåäö]{3,}|[a-zåäö]{4,})(?![\w-])",
    re.IGNORECASE,
)


# Each of these patterns opens with alternatives, so a search tries it at every position of a long
# dialogue: it is tried only around a word every match of it holds, that far before and after
_ANCHORS = {
    _CARE_HOME: (re.compile(r"boende|bostad", re.IGNORECASE), 30, 40),
    _BERTH: (re.compile(r"plats|boj", re.IGNORECASE), 40, 80),
    _COORDINATES_SAID: (re.compile(r" grader | komma "), 120, 160),
}


def _around(rx: re.Pattern[str], text: str) -> list[re.Match[str]]:
    """`rx`'s matches in `text`, found in windows around its anchor word (`_ANCHORS`), in order."""
    anchor, before, after = _ANCHORS[rx]
    seen: dict[tuple[int, int], re.Match[str]] = {}
    for a in anchor.finditer(text):
        for m in rx.finditer(text, max(0, a.start() - before), min(len(text), a.end() + after)):
            seen.setdefault(m.span(), m)
    found = sorted(seen.values(), key=lambda m: (m.start(), -m.end()))
    return [m for k, m in enumerate(found) if not any(o.start() <= m.start() and m.end() <= o.end() for o in found[:k])]


def _care_homes(text: str) -> list[tuple[int, int]]:
    """`_CARE_HOME`'s names that are no common word, weekday or month ("gruppboende Ljuragården"; not
    "boendet där", "ett besök på boendet onsdag")."""
    return [
        m.span("home")
        for m in _around(_CARE_HOME, text)
        if not ordinary_place_word(m.group("home")) and m.group("home").lower() not in _NOT_BLOCKS
    ]


def _someones(text: str, m: re.Match[str]) -> bool:
    """A berth's word, or "plats" that someone has: after "jag har", "med" or a name, or anywhere in
    a call about boats ("och plats v trettio på vinterplanen har jag kvar")."""
    if not m.group(0).lower().startswith("plats") or m.group("held") or _BOATS.search(text):
        return True
    name = _NAME_BEFORE.search(text, max(0, m.start() - 30), m.start())
    flags = shipped_lexicon().get(name.group(1).lower(), set()) if name else set()
    return bool(flags & _NAME_KINDS) and "common" not in flags


def _berths(text: str) -> list[tuple[int, int]]:
    said = [m for m in _around(_BERTH, text) if _someones(text, m)]
    found = [m.span("code" if m.group("code") else "number") for m in said]
    for m in said:
        if (
            m.group("code")
            and (fix := _CORRECTED_TO.match(text, m.end()))
            and (again := _BERTH_AGAIN.match(text, fix.end()))
        ):
            found.append(again.span())
    if any(m.group("code") for m in said):
        found += [m.span("code") for rx in (_ON_BERTH, _BERTH_ASKED) for m in rx.finditer(text)]
    return found


# ... where the position is someone's: a home, a cabin, a buoy or a boat named in its line or the
# line before, or coordinates asked for; or the rest of a position just given ("... norr" / "mm" /
# "arton grader ... öst"). A lighthouse's or a hunting tower's position is kept.
_SOMEONES_PLACE = re.compile(
    r"(?<![\w-])(?:\w*stug\w*|hus(?:et)?|hem\w*|bor|boj\w*|båt\w*|tomt\w*|plotter\w*|koordinat\w*|position\w*|"
    r"min|mitt|vår|vårt|hans|hennes|deras)(?![\w-])",
    re.IGNORECASE,
)
_POSITION_GOES_ON = 120  # characters from one half to the next


def _positions_said(text: str) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for m in _around(_COORDINATES_SAID, text):
        line_start = text.rfind("\n", 0, m.start()) + 1
        context = text[text.rfind("\n", 0, max(0, line_start - 1)) + 1 : m.start()]  # this line and the one before
        if _SOMEONES_PLACE.search(context) or (out and m.start() - out[-1][1] <= _POSITION_GOES_ON):
            out.append(m.span())
    return out


def coordinates(value: str) -> bool:
    """Whether a place found is map coordinates (no street line, with no place or postnummer to it)."""
    return _COORDINATES.fullmatch(value) is not None or _COORDINATES_SAID.fullmatch(value) is not None


_FLAT_VALUE = re.compile(
    rf"^(?:{_FLAT_NOUN})(?:[ ]+(?:nummer|nr\.?))?[ ]+(.+)$",
    re.IGNORECASE,
)


_ROOM_CODE = re.compile(r"^rum(?:met)?\b.*?(?<![\w])([a-h][ ]?\d{3,4})$", re.IGNORECASE)


def room_code(value: str) -> str:
    """A corridor room's letter and number ("B 412" of "rum B 412"), so it is found again read back
    alone ("rum... B 412"); "" for anything else."""
    m = _ROOM_CODE.match(value)
    return m.group(1) if m else ""


def flat_digits(value: str) -> str:
    """The four digits of a flat found with its word ("lägenhet fjortonhundratvå" is 1402) or
    alone (the flat's slot: "Vilket lägenhetsnummer?" / "elva noll två"), so it is found again said
    alone or in digits ("Jag bodde i fjortonhundratvå förut", "elva noll två. 1102."); "" for
    anything else."""
    m = _FLAT_VALUE.match(value)
    digits = numbers.words_to_digits(m.group(1)) if m else numbers.whole_number(value)
    return digits if len(digits) == 4 else ""


def _said_after(text: str, at: int, lengths) -> int | None:
    """The end of a number said in words right at `at` with so many digits, not an amount; the
    number may go on after a pause into another ("Box fyrahundrasjutton, niohundraåttiotvå
    tjugoett": the box, then the postnummer), or straight into a postnummer ("lägenhet
    tolvhundraåtta fyrahundraarton sextiosju göteborg")."""
    runs = numbers.runs(text[at : at + 60])
    if not runs or runs[0].tokens[0].start != 0:
        return None
    toks, gaps = runs[0].tokens, runs[0].gaps
    for k in range(len(toks), 0, -1):  # the longest part that ends at a pause, the run's end or a postnummer
        rest = "".join(t.digits for t in toks[k:])
        if (k == len(toks) or gaps[k] != "plain" or len(rest) == 5) and len(
            "".join(t.digits for t in toks[:k])
        ) in lengths:
            end = at + toks[k - 1].end
            return None if _AMOUNT_AFTER.match(text, end) or QUANTITY_AFTER.match(text, end) else end
    return None


def _flats_by_position(text: str) -> list[tuple[int, int]]:
    """A flat's four digits said after the street line ("Kastanjegatan 19, tolv noll fyra"; written
    ones are the street line's own, `address.py`; a postnummer has five), said of a door ("det
    står fjorton noll tre på dörren", "dörren längst in, nummer elva noll två"), or said where
    flats, floors or neighbours are talked of."""
    out = []
    for run in numbers.runs(text):
        end = run.tokens[-1].end
        on_door = _ON_DOOR.match(text, end) is not None
        for k, tok in enumerate(run.tokens):  # the house number may be in the same run: "19, tolv noll fyra"
            tail = run.tokens[k:]
            if not _FLAT_DIGITS.fullmatch("".join(t.digits for t in tail)) or _AMOUNT_AFTER.match(text, end):
                continue
            door = on_door or _DOOR_BEFORE.search(text, max(0, tok.start - 50), tok.start) is not None
            spoken = any(t.spoken for t in tail)
            # ... or said where flats are talked of: "från trettonhundraett till trettonhundrafyra",
            # "rakt ovanför mig i tretton noll fem", "Vet du vem som bor ovanför?" / "Tomas, fjorton noll två"
            near = (
                spoken
                and all(g == "plain" for g in run.gaps[k + 1 :])  # said at once, in one turn
                and _FLATS_TALKED_OF.search(text, max(0, tok.start - 100), tok.start) is not None
                and not _YEAR_BEFORE.search(text, max(0, tok.start - 12), tok.start)
            )
            if door or near or (spoken and after_street_line(text, tok.start)):
                out.append((tok.start, end))
                break
    return out


def _place_start(start: int, said: str) -> tuple[int, str]:
    """Where a place's name starts in `said` (at `start`), past words that are no place ("Till
    Björkvägen 12"), and its first word; "" when none is left."""
    words = said.split()
    while words and words[0].lower() in _NOT_PLACES:
        start += len(words.pop(0)) + 1
    return start, words[0] if words and not words[0][0].isdigit() else ""


def _town_follows(m: re.Match) -> bool:
    """A post town from the gazetteers right after the postnummer ("... 442 31 kungälv")."""
    words = (m.group("town") or "").strip(" ,").split()
    return bool(words) and words[0].casefold() in one_word_towns()


def _same_block(text: str, blocks: set[str]) -> set[tuple[str, int, int]]:
    """A block found, said again with another number ending a clause: the caller's "Hjorten 7"
    and the neighbour's "Hjorten 8"."""
    if not blocks:
        return set()
    alt = "|".join(re.escape(b) for b in sorted(blocks))
    said = re.finditer(
        rf"(?<![\w-])(?:{alt})[ ]+\d{{1,3}}(?::\d{{1,4}})?(?=[ ]*(?:[.,!?]|$)|[ ]+(?:och|på|i)\b)", text, re.M
    )
    return {(ENTITY, *m.span()) for m in said}


class KlangPlaceLineRecognizer(TextRecognizer):
    ENTITIES = (ENTITY, POSTAL_CODE, LOCATION)

    def may_match(self, text: str) -> bool:
        """Cheap gate for the detector: a written postnummer-shaped number, a word of the forms, a
        street ending (a flat said after the street line), or a flat by its four digits."""
        return (
            bool(_POSTAL_SHAPED.search(text))
            or mentions(text, _GATE)
            or mentions_street(text)
            or _FLAT_OF.search(text) is not None
            or _NAMED_IN_FLAT.search(text) is not None
            or _NEIGHBOUR_FLAT.search(text) is not None
            or _PROPERTY_UNTIMED.search(text) is not None
            or _COORDINATES.search(text) is not None
            or any(_around(rx, text) for rx in (_CARE_HOME, _BERTH, _COORDINATES_SAID))
        )

    def analyze(self, text, entities, nlp_artifacts=None):
        if not self.may_match(text):
            return []
        found: set[tuple[str, int, int]] = set()
        for m in _PLACE.finditer(text):
            start, first = _place_start(m.start(), m.group("place"))
            # lowercase ("hagaberg 3 442 31 kungälv") only before a post town
            if first and (first[0].isupper() or _town_follows(m)):
                found |= {(ENTITY, start, m.end()), (POSTAL_CODE, *m.span("postal"))}
        for m in _PLACE_THEN_CODE.finditer(text):
            place = m.group("place")
            if place.lower() in _NOT_PLACES or ordinary_place_word(place):
                continue
            found.add((POSTAL_CODE, *m.span("postal")))
            # the word opening a turn may be no place ("Stämmer. 811 94."), unless a gazetteer has it
            if not _OPENS_TURN.search(text, max(0, m.start() - 2), m.start()) or place.casefold() in one_word_towns():
                found.add((LOCATION, *m.span("place")))
        for m in (m for rx in _NAMED_ADDRESS for m in rx.finditer(text)):
            start, first = _place_start(m.start("line"), m.group("line"))
            if first and not ordinary_place_word(first):  # not "Vi har Volvo 240 som adress"
                found.add((ENTITY, start, m.end("line")))
        for m in _BOX.finditer(text):
            if m.group("box")[0].isupper() or m.group("postal"):
                found.add((ENTITY, m.start(), m.end()))
                if m.group("postal"):
                    found.add((POSTAL_CODE, *m.span("postal")))
        # (the pattern, the digits the number may have, whether the words before it are in the span)
        for rx, lengths, with_words in (
            (_BOX_WORDS, range(1, 7), True),
            (_FLAT_WORDS, (2, 3, 4), True),
            (_NEIGHBOUR_HOUSE, (1, 2, 3), False),
            (_NEIGHBOUR_FLAT, (4,), False),
            (_NEIGHBOUR_AT, (1, 2, 3), False),
            (_LIVES_AT_NUMBER, (1, 2, 3, 4), False),
            (_ASSOCIATION_FLAT, (1, 2, 3, 4), False),
            (_FARM, (1, 2, 3), True),
        ):
            for m in rx.finditer(text):
                end = _said_after(text, m.end(), lengths)
                if end is not None:
                    found.add((ENTITY, m.start() if with_words else m.end(), end))
        found |= {(ENTITY, *m.span()) for m in _FLAT.finditer(text)}
        found |= {(ENTITY, *m.span("flat")) for m in _FLAT_OF.finditer(text)}
        found |= {(ENTITY, *m.span("flat")) for m in _NAMED_IN_FLAT.finditer(text) if _a_name(m.group("who"))}
        found |= {(ENTITY, *m.span("house")) for m in _HOUSE_OF.finditer(text)}
        found |= {
            (ENTITY, s, e)
            for s, e in _flats_by_position(text)
            if not any(a <= s and e <= b for _, a, b in found)  # not again inside "lägenhet tolvhundratre"
        }
        # a flat corrected: "lägenhet fjortonhundratvå, eller nej, fjortonhundratolv"
        for _, _, e in [f for f in found if f[0] == ENTITY]:
            m = _CORRECTED_TO.match(text, e)
            end = _said_after(text, m.end(), (2, 3, 4)) if m else None
            if m and end is not None:
                found.add((ENTITY, m.end(), end))
        found |= {
            (ENTITY, *m.span()) for m in _PROPERTY_UNTIMED.finditer(text) if not _NOT_PROPERTIES.match(m.group(0))
        }
        written = [m.span() for m in _COORDINATES.finditer(text)]
        found |= {(ENTITY, *at) for at in written}
        found |= {(LOCATION, s, e) for s, e in _berths(text)}
        found |= {(ENTITY, *m.span("floor")) for m in _FLOOR_LIVED.finditer(text)}
        found |= {(LOCATION, s, e) for s, e in _care_homes(text)}
        # (a half said, not within both written: "58 grader 21 minuter nord 11 grader 13 minuter öst")
        said = _positions_said(text)
        found |= {(ENTITY, s, e) for s, e in said if not any(a <= s and e <= b for a, b in written)}
        # said with "kolon", anywhere: no clock or paragraph is read so ("hennes hus lövnäs ett kolon nitton")
        found |= {
            (ENTITY, *m.span())
            for m in _PROPERTY_SAID.finditer(text)
            if numbers.parse_word(m.group("block"))
            and numbers.parse_word(m.group("unit"))
            and numbers.parse_word(text[m.start() : m.start("block")].split()[-1].lower()) is None
            and m.group("unit").lower() != "noll"  # a clock's "tolv kolon noll noll"
            and not _NOT_PROPERTIES.match(m.group(0))
        }
        if mentions(text, _PROPERTY_WORDS):
            found |= {(ENTITY, *m.span()) for m in _PROPERTY.finditer(text) if not _NOT_PROPERTIES.match(m.group(0))}
            asked = [
                m
                for rx in _PROPERTY_ASKED
                for m in rx.finditer(text)
                if m.group("block").lower() not in _NOT_BLOCKS
                and not QUANTITY_AFTER.match(text, m.end("property"))
                and not (m.group("block").islower() and common_word(m.group("block")))
            ]
            found |= {(ENTITY, *m.span("property")) for m in asked}
            found |= _same_block(text, {m.group("block") for m in asked})
        return [self._result(*f) for f in sorted(found, key=lambda f: f[1:]) if not entities or f[0] in entities]

    def _result(self, entity: str, start: int, end: int) -> RecognizerResult:
        return tagged_result(self, entity, start, end, SCORE, "an address that is no street line")
