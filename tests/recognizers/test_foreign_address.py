"""Postcodes and towns abroad after a street line (made-up addresses)."""

import pytest

from recognizers.foreign_address import KlangForeignPostcodeRecognizer

ENTITIES = ["SE_POSTAL_CODE", "LOCATION"]


def _found(text: str) -> list[tuple[str, str]]:
    return [(r.entity_type, text[r.start : r.end]) for r in KlangForeignPostcodeRecognizer().analyze(text, ENTITIES)]


@pytest.mark.parametrize(
    "text, code, town",
    [
        ("Til meg, Storgata 88, 9007 Tromsø.", "9007", "Tromsø"),
        ("Geilovegen 41, tre fem åtta noll Geilo. Det är personalbostaden.", "tre fem åtta noll", "Geilo"),
        ("Kirkeveien 64 B, null tre seks fire Oslo.", "null tre seks fire", "Oslo"),
        ("Busterudgata 12, sytten syttien Halden.", "sytten syttien", "Halden"),
        ("Hallituskatu 7 B 21, 90100 Uleåborg. På finska Oulu.", "90100", "Uleåborg"),
        ("Vestervej 3, 8000 Aarhus C", "8000", "Aarhus C"),
        # (a helper's attack) a Danish floor and side, "-gaden", "allé", a street of two words, a
        # Norwegian flat, lowercase speech-to-text, a Finnish code after a Swedish street ending
        ("Adressen er Vesterbrogade 12, 3. tv., 1620 København V.", "1620", "København V"),
        ("Hovedgaden 5, 4000 Roskilde.", "4000", "Roskilde"),
        ("Bygdøy allé 5, 0257 Oslo.", "0257", "Oslo"),
        ("Hun bor på Søndre gate 7, 7011 Trondheim.", "7011", "Trondheim"),
        ("Jeg bor i Storgata 88 H0201, 9007 Tromsø.", "9007", "Tromsø"),
        ("storgata 88, 9007 tromsø.", "9007", "tromsø"),
        ("Jag bor på Mannerheimvägen 12, 00100 Helsingfors.", "00100", "Helsingfors"),
    ],
)
def test_a_postcode_and_town_abroad_after_a_street_line(text, code, town):
    assert _found(text) == [("SE_POSTAL_CODE", code), ("LOCATION", town)]


@pytest.mark.parametrize(
    "text",
    [
        "Storgatan 12, 532 31 Skara",  # a Swedish street line: postal_code.py's
        "Vi ligger på Storgatan 4, 2019 var det",  # a Swedish street, a year
        "Storgata 88, 9007 kronor i månaden",  # no town after the number
        "Storgata 88, 123456 Tromsø",  # six digits: no postcode
        "Storgata 88.\nAgent: 9007 Tromsø?",  # another turn
        "Han bor i Tromsø, 9007 är koden.",  # no street line before it
        # (a helper's attack) a year or an amount after a street line, then a month or a currency
        "Bare Kirkeveien 12, 1500 Kroner i måneden koster det.",
        "Jag köpte tandkräm, Colgate 75, 2019 Mars var det.",
    ],
)
def test_no_postcode_abroad(text):
    assert _found(text) == []


@pytest.mark.parametrize(
    "text, found",
    [
        (
            "Agent: 14 Marchmont Crescent, flat 2, EH9 1HN. Och du är folkbokförd i Sverige?",
            [("SE_ADDRESS", "14 Marchmont Crescent, flat 2"), ("SE_POSTAL_CODE", "EH9 1HN")],
        ),
        (
            "Kund: den är fjorton Marchmont Crescent, flat två, Edinburgh",
            [("SE_ADDRESS", "fjorton Marchmont Crescent, flat två")],
        ),
        (
            "Kund: det ska vara 2215 Northeast Alberta Street, apartment three, Portland Oregon",
            [("SE_ADDRESS", "2215 Northeast Alberta Street, apartment three")],
        ),
        # ... a direction after the street; Canada's postcode, the US's ZIP after its word
        (
            "Kund: 4120 Stone Way North, apartment 305, Seattle, och zip-koden är 98103",
            [("SE_ADDRESS", "4120 Stone Way North, apartment 305"), ("SE_POSTAL_CODE", "98103")],
        ),
        (
            "Kund: 88 Harbord Street, Toronto, Ontario, M5S 1G5",
            [("SE_ADDRESS", "88 Harbord Street"), ("SE_POSTAL_CODE", "M5S 1G5")],
        ),
        # ... and in the French form, with a code of five digits before its town
        (
            "Kund: han bor där, 14 rue des Tilleuls, 74000 Annecy",
            [("SE_ADDRESS", "14 rue des Tilleuls"), ("SE_POSTAL_CODE", "74000")],
        ),
        ("Kund: 3 bis avenue Jean Jaurès i Lyon", [("SE_ADDRESS", "3 bis avenue Jean Jaurès")]),
        # ... in lowercase, as speech-to-text writes it, the number in digits or words
        (
            "Agent: 234 prospect place apartment 3R brooklyn 11238",
            [("SE_ADDRESS", "234 prospect place apartment 3R")],
        ),
        (
            "Kund: vi bor hos min kusin i brooklyn det är tvåhundratrettiofyra prospect place",
            [("SE_ADDRESS", "tvåhundratrettiofyra prospect place")],
        ),
        ("Kund: det kostar tre bra place och sen två nya street", []),  # common words
        ("Agent: banken har adressen 270 park avenue new york", []),  # no one lives there
        ("Agent: vi bodde på rue de Rivoli, det kostade 74000 euro", []),
        # no house number before it; a film, a record, a company's Swedish address
        ("Agent: Vi har Mulholland Drive på Netflix, och Abbey Road från 1969, på Drottninggatan 5.", []),
        ("Kund: jag bodde på Baker Street i London, SW1A 1AA står på vykortet.", []),
        ("Agent: Hotellet ligger på 221B Baker Street-hållet, som i Sherlock Holmes.", []),
        ("Kund: det är en Triumph Street Triple, och ett Abbey Road-album", []),
    ],
)
def test_a_street_line_in_the_english_form(text, found):
    from recognizers.foreign_address import KlangNumberFirstAddressRecognizer

    got = KlangNumberFirstAddressRecognizer().analyze(text, ["SE_ADDRESS", "SE_POSTAL_CODE"])
    assert [(r.entity_type, text[r.start : r.end]) for r in got] == found
