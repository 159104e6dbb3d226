"""A street named without its number, as someone's (recognizers/street_named.py). Made-up people."""

from __future__ import annotations

import pytest

from recognizers.street_named import KlangStreetNamedRecognizer


@pytest.mark.parametrize(
    ("text", "found"),
    [
        # after a name, "bor ... på", a pronoun; sending or moving "till"; "som adress"
        ("Kund: ja hej det är rune holm på lärkvägen jag ringer om min mamma", ["lärkvägen"]),
        ("Kund: nej hon bor kvar i huset uppe på björkvägen", ["björkvägen"]),
        ("Agent: skolskjutsen hämtar henne vanligtvis på ängsvägen", ["ängsvägen"]),
        ("Kund: skicka blanketten till rinkebysvingen istället", ["rinkebysvingen"]),
        ("Kund: vi har flyttat till Bagarbyvägen nu", ["Bagarbyvägen"]),
        ("Agent: och ni har svärdsliljevägen som adress", ["svärdsliljevägen"]),
        # where a shop, an office, an event or an accident is; a road; a thing that moved
        ("Kund: det var kö på essingeleden och sen olyckan på kungsgatan", []),
        ("Agent: vi har kontor på sveavägen och butiken finns på drottninggatan", []),
        ("Agent: verkstaden har flyttat till industrivägen", []),
        ("Kund: ja hos pelican på industrigatan", []),
        ("Kund: han bor på motorvägen nästan", []),
        # staff by their first name at the company; a street someone does not live on
        ("Agent: hej det är Mikael på Säljtorget", []),
        ("Kund: jaha men jag bor ju inte på stationsgatan", []),
        ("Kund: bra. och grannen olle på ringvägen har också en nyckel", ["ringvägen"]),
    ],
)
def test_a_street_named_without_its_number_as_someones(text, found):
    rec = KlangStreetNamedRecognizer()
    assert [text[r.start : r.end] for r in rec.analyze(text, ["SE_ADDRESS"])] == found
