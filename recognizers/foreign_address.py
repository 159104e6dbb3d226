"""SE_POSTAL_CODE and LOCATION abroad: the postcode and town after a street line of a
neighbouring country ("Storgata 88, 9007 Tromsø", "Geilovegen 41, tre fem åtta noll Geilo",
"Hallituskatu 7 B 21, 90100 Uleåborg").

Norway and Denmark write four digits before the town, Finland five; the towns are seldom in the
gazetteers and a four-digit code is no postnummer, so `postal_code.py` and `address.py` see
neither. After a street line with a street ending of those countries (-gata, -gate, -veien,
-vegen, -vei, -veg, -gade, -vej, -katu, -tie) and a house number, a code of four or five digits,
written or spoken, then a capitalised word that is no month, weekday, currency, common word or
country: the code and the town are the person's.

A street line written number first (`KlangNumberFirstAddressRecognizer`) is one abroad too: in the
English form ("14 Marchmont Crescent, flat 2", a British postcode after it; in lowercase with the
commoner street words, "234 prospect place apartment 3R") and in the French
("14 rue des Tilleuls", a code of five digits before its town after it: "74000 Annecy").
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from recognizers import numbers
from recognizers.address import ordinary_place_word
from recognizers.base import TextRecognizer, tagged_result
from recognizers.introduction import common_word

POSTAL_CODE = "SE_POSTAL_CODE"
LOCATION = "LOCATION"
SCORE = 0.6
_UPPER = "A-ZÅÄÖÆØÜ"
_LOWER = "a-zåäöæøüé"
# "Storgata 88, ", "Kirkeveien 64 B, ", "Hovedgaden 5, ", "Bygdøy allé 5, ", "Søndre gate 7, ";
# after the number a letter, a Finnish flat ("Hallituskatu 7 B 21"), a Norwegian flat ("H0201") or
# a Danish floor and side ("3. tv.", "st. th.")
_ENDINGS = "gata|gate|gaten|gaden|veien|vegen|vei|veg|gade|vej|katu|tie"  # of one word: "Storgata"
_SECOND_WORDS = "gate|gata|allé|alle|vei|veg|vej|gade|plass|plads"  # of two: "Søndre gate"
_FINLAND_SWEDISH_ENDINGS = "vägen|gatan"
_FOREIGN_STREET = rf"[{_UPPER}{_LOWER}][{_LOWER}-]*(?:{_ENDINGS})"
_TWO_WORDS = rf"[{_UPPER}][{_LOWER}-]+[ ](?:{_SECOND_WORDS})"
_AFTER_NUMBER = (
    r"(?:[ ]?[A-Ha-h](?![\w]))?(?:[ ]\d{1,3})?(?:[ ]H\d{4})?"
    r"(?:,?[ ]+(?:\d{1,2}\.|st\.?)[ ]?(?:tv|th|mf|sal)?\.?)?"
)
_STREET = re.compile(rf"(?<![\w-])(?:{_FOREIGN_STREET}|{_TWO_WORDS})[ ]+\d{{1,4}}{_AFTER_NUMBER},?[ ]+")
# A Swedish street ending with a Finnish code, five digits from 0 (no Swedish postnummer starts
# with 0): "Mannerheimvägen 12, 00100 Helsingfors"
_FINLAND_SWEDISH = re.compile(
    rf"(?<![\w-])[{_UPPER}][{_LOWER}-]*(?:{_FINLAND_SWEDISH_ENDINGS})[ ]+\d{{1,4}}{_AFTER_NUMBER},?[ ]+(?=0\d{{4}}(?!\d))"
)
# Any of those endings before a number: what a text must hold for either pattern to match
_ENDING = re.compile(rf"(?:{_ENDINGS}|{_SECOND_WORDS}|{_FINLAND_SWEDISH_ENDINGS})[ ]+\d")
# the town, capitalised or as speech-to-text writes it, and a district's letter ("Aarhus C", "København V")
_TOWN = re.compile(
    rf"[ ]+(?P<town>[{_UPPER}{_LOWER}][{_LOWER}]+(?:-[{_UPPER}][{_LOWER}]+)?(?:[ ][A-Z](?![\w]))?)(?![\w-])"
)


# What follows a year or an amount after a street line ("2019 Mars", "1500 Kroner i måneden")
_NOT_TOWNS = frozenset(
    """
    januar januari january februar februari february mars marts march april mai maj may juni june juli july
    august augusti september oktober october november desember december
    mandag tirsdag onsdag torsdag fredag lørdag søndag kroner kronor kr euro nok dkk
    """.split()
)


def _no_town(word: str) -> bool:
    """A month, a weekday, a currency, a common Swedish word or a country."""
    return word.lower() in _NOT_TOWNS or ordinary_place_word(word)


class KlangForeignPostcodeRecognizer(TextRecognizer):
    ENTITIES = (POSTAL_CODE, LOCATION)

    def analyze(self, text, entities, nlp_artifacts=None):
        out = []
        if not _ENDING.search(text):  # no street ending before a number: most texts, one cheap scan
            return out
        for street in sorted([*_STREET.finditer(text), *_FINLAND_SWEDISH.finditer(text)], key=lambda m: m.start()):
            code = _code_at(text, street.end())
            if code is None:
                continue
            town = _TOWN.match(text, code[1])
            if town is None or _no_town(town.group("town")):
                continue
            if POSTAL_CODE in entities:
                out.append(tagged_result(self, POSTAL_CODE, *code, SCORE, "a postcode abroad after a street line"))
            if LOCATION in entities:
                out.append(tagged_result(self, LOCATION, *town.span("town"), SCORE, "the town after a postcode abroad"))
        return out


def _code_at(text: str, at: int) -> tuple[int, int] | None:
    """The span of a code of four or five digits starting at `at`, written or spoken ("9007",
    "ni null null sju"), in one turn."""
    for run in numbers.runs(text):
        tokens = run.tokens
        if not tokens or tokens[0].start > at or tokens[-1].end < at:
            continue
        first = next((k for k, t in enumerate(tokens) if t.start == at), None)
        if first is None:
            return None
        digits = ""
        for k in range(first, len(tokens)):
            if k > first and run.gaps[k] == "turn":
                return None
            digits += tokens[k].digits
            if len(digits) in (4, 5) and (k + 1 == len(tokens) or len(digits) == 5):
                return tokens[first].start, tokens[k].end
            if len(digits) > 5:
                return None
        return None
    return None


# A street line in the English form, the number first ("14 Marchmont Crescent, flat 2", "fjorton
# Marchmont Crescent", "Unit 7, 22 Bondi Road"): a house number in digits or a Swedish number
# word, one to three capitalised words and a street word; with a flat, unit or apartment before or
# after it. A British postcode after it ("EH9 1HN", "SW1A 1AA") is the person's too.
_EN_STREET_WORDS = (
    "Street|St|Road|Rd|Avenue|Ave|Lane|Crescent|Drive|Close|Terrace|Way|Place|Gardens|Court|Square|Boulevard|"
    "Blvd|Parade|Grove|Row|Mews|Walk|Highway|Hwy"
)
_EN_FLAT = r"(?:flat|apartment|apt\.?|unit|suite)[ ]+(?:\d{1,4}[A-Za-z]?|[a-zåäö]+)"
_EN_LINE = re.compile(
    rf"(?<![\w-])(?:(?i:{_EN_FLAT}),?[ ]+)?(?P<number>\d{{1,5}}[A-Za-z]?|[a-zåäö]+)[ ]+"
    rf"(?:(?:North|South|East|West|Northeast|Northwest|Southeast|Southwest)[ ]+)?(?:[A-Z][a-z]+[ ]+){{1,3}}"
    rf"(?:{_EN_STREET_WORDS})(?![\w-])(?:[ ]+(?:North|South|East|West|NE|NW|SE|SW)(?![\w-]))?"  # "Stone Way North"
    rf"(?:,?[ ]+(?i:{_EN_FLAT}))?"  # not "221B Baker Street-hållet"
)
# ... in lowercase, as speech-to-text writes it, with the commoner street words ("234 prospect place
# apartment 3R", "tvåhundratrettiofyra prospect place", "4417 xerxes avenue south")
_EN_LINE_LOWER = re.compile(
    rf"(?<![\w-])(?:{_EN_FLAT},?[ ]+)?(?P<number>\d{{1,5}}[a-z]?|[a-zåäö]+)[ ]+(?P<name>(?:[a-zåäöéè]+[ ]+){{1,2}})"
    r"(?:street|road|avenue|lane|drive|place|boulevard|crescent|terrace)(?![\w-])(?:[ ]+(?:north|south|east|west)(?![\w-]))?"
    rf"(?:,?[ ]+{_EN_FLAT})?"
)
# ... and in the French form, the number before the street's word ("14 rue des Tilleuls", "3 bis
# avenue Jean Jaurès"), with a code of five digits before its town after it ("74000 Annecy")
_FR_LINE = re.compile(
    r"(?<![\w-])(?P<number>\d{1,4}(?:[ ]?(?:bis|ter))?),?[ ]+"
    r"(?i:rue|avenue|boulevard|chemin|allée|impasse|place|quai|route|cours)[ ]+"
    r"(?:(?:de[ ]+la|des|du|de|la|le)[ ]+|[ld]['’])?[A-ZÉÈ][\w'’-]+(?:[ ][A-ZÉÈ][\w'’-]+){0,2}"
)
# A postcode after an English street line: Britain's ("EH9 1HN"), Canada's ("M5S 1G5"), the US's
# ZIP after its word ("zip-koden är 98103")
_EN_POSTCODE = re.compile(
    r"(?<![\w])(?:[A-Z]{1,2}\d[A-Z\d]?[ ]?\d[A-Z]{2}|[A-Z]\d[A-Z][ ]?\d[A-Z]\d|(?<=zip-koden är )\d{5}"
    r"|(?<=zip-koden )\d{5}|(?<=zip code )\d{5}|(?<=zip )\d{5})(?![\w])"
)
_FR_POSTCODE = re.compile(r"(?<![\w])\d{5}(?=[ ]+[A-ZÉÈ][a-zéèêëàâîïôûç-]+)")
POSTCODE_AFTER = 100  # characters after the street line: the town, a state between


def _house_number(number: str) -> bool:
    return number[0].isdigit() or (number.lower() not in ("en", "ett") and bool(numbers.words_to_digits(number)))


# Whose the line is, in its turn or the one before: someone lives or stays there ("vi bor hos min
# kusin ... det är tvåhundratrettiofyra prospect place"); not a bank's, a hotel's or a show's
_LIVED_IN = re.compile(
    r"(?<![\w])(?:bor|bodde|hos|min|mitt|vår|vårt|hans|hennes|deras|apartment|lägenhet)(?![\w])", re.I
)


def _lived_in(text: str, start: int) -> bool:
    """The turn holding `start`, or the one before it, says someone lives there."""
    line_start = text.rfind("\n", 0, start) + 1
    before = text.rfind("\n", 0, max(0, line_start - 1)) + 1
    line_end = text.find("\n", start)
    return _LIVED_IN.search(text, before, line_end if line_end >= 0 else len(text)) is not None


def _lowercase_lines(text: str) -> Iterator[re.Match]:
    """`_EN_LINE_LOWER`'s lines with a house number and a name of no common or number word, where
    the turn or the one before says someone lives there; a match that fails is tried again one
    character on ("det är tvåhundratrettiofyra prospect place")."""
    pos = 0
    while m := _EN_LINE_LOWER.search(text, pos):
        words = m.group("name").split()
        if (
            _house_number(m.group("number"))
            and not any(common_word(w) or numbers.parse_word(w) or w in ("bis", "ter") for w in words)
            and _lived_in(text, m.start())
        ):
            yield m
            pos = m.end()
        else:
            pos = m.start() + 1


class KlangNumberFirstAddressRecognizer(TextRecognizer):
    ENTITIES = ("SE_ADDRESS", POSTAL_CODE)

    def analyze(self, text, entities, nlp_artifacts=None):
        out = []
        lines = [(m, _EN_POSTCODE, "English") for m in _EN_LINE.finditer(text)]
        lines += [(m, _EN_POSTCODE, "English") for m in _lowercase_lines(text)]
        lines += [(m, _FR_POSTCODE, "French") for m in _FR_LINE.finditer(text)]
        for line, postcode, form in lines:
            if not _house_number(line.group("number")):
                continue  # "på Marchmont Crescent": no house number; "en Triumph Street Triple": an article
            if "SE_ADDRESS" in entities:
                out.append(tagged_result(self, "SE_ADDRESS", *line.span(), SCORE, f"a street line in the {form} form"))
            if POSTAL_CODE in entities:
                end = min(len(text), line.end() + POSTCODE_AFTER)
                out += [
                    tagged_result(
                        self, POSTAL_CODE, *m.span(), SCORE, f"a postcode after a street line in the {form} form"
                    )
                    for m in postcode.finditer(text, line.end(), end)
                ]
        return out
