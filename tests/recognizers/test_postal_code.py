"""SE_POSTAL_CODE: only where the call says it is one (before a post town, after a street line or
'postnummer'); written and spoken; meter readings and amounts are not postal codes."""

from __future__ import annotations

import pytest

from recognizers import canonical_value
from recognizers.postal_code import ENTITY, KlangPostalCodeRecognizer, KlangSpokenPostalCodeRecognizer
from tests.recognizers.helpers import found


@pytest.fixture(scope="module")
def recs():
    return KlangPostalCodeRecognizer(), KlangSpokenPostalCodeRecognizer()


@pytest.mark.parametrize(
    "text, value",
    [
        ("Storgatan 12, 532 31 Skara.", "532 31"),
        ("storgatan 12 53231 skara", "53231"),
        ("722 19, Västerås", "722 19"),
        ("KVARNGÄRDET 7B,75444 UPPSALA", "75444"),  # glued to the street line by an exporter
        ("Nej jag bor på Lönngatan tre nu, två ett fyra tre sex", "två ett fyra tre sex"),
        ("vi bor på Storgatan 62 lägenhet 1203 det är 941 32", "941 32"),
        ("postnummer 532 31", "532 31"),
        ("Hagvägen 14, 7 4 5 9 2 Vallåsa.", "7 4 5 9 2"),  # written digit by digit
        ("postnumret är 53231", "53231"),
        ("Lövstigen 4B, lgh 1102, 722 19", "722 19"),
        ("Kungsgatan 43 b 2 tr 111 27", "111 27"),
        ("storgatan tolv fem tre två trettioett skara", "fem tre två trettioett"),
        ("sju två två nitton västerås", "sju två två nitton"),
        ("postnumret är femhundratrettiotvå trettioett", "femhundratrettiotvå trettioett"),
        ("fem tre två tre ett i skara", "fem tre två tre ett"),
        # the town between the street line and the postnummer
        ("Jag bor på Tallstigen 4 i Hedemora, sju sju sex trettiotre.", "sju sju sex trettiotre"),
        ("Tallstigen 4, Hedemora, 776 33 heter det.", "776 33"),
        ("Det är Tallstigen 4 uppe i Hedemora, 776 33.", "776 33"),
        ("Till Sjöbacken 12 i Gamla Uppsala, 754 40.", "754 40"),
        ("Till Lindvägen 7 i Gnesta, eh, 646 31.", "646 31"),
        # ... in lowercase, after a filler
        ("till ängsvägen fyra i sollentuna eh hundranittiotvå sextioåtta", "hundranittiotvå sextioåtta"),
        ("klövervägen eh femton a det är i västra frölunda fyra två ett eh fyrtiosex", "fyra två ett eh fyrtiosex"),
        ("fem tre två tre två eh skara så det är kvar i kommunen", "fem tre två tre två"),  # a filler before the town
        # asked to confirm after the street line
        ("Agent: Lindvägen 7... jag hittar två, är det 646 31?", "646 31"),
        # after its post town, in the turn or opening the next
        ("Kund: ja i Järfälla 177 42", "177 42"),
        ("Agent: i Linköping\nKund: ja 582 42", "582 42"),
        ("Agent: i Jönköping?\nKund: precis, 553 15.", "553 15"),
        # ... a turn that ends on the town, the answer confirming first
        ("Agent: till Bruksgatan 17 i Kolbäck?\nKund: ja det stämmer, 734 31", "734 31"),
        # opening a turn after one that asked for it, the answer unsure between
        ("Agent: lgh 1203 postnummer\nKund: oj fem åtta fyra nånting\nAgent: 584 32 jag ber henne", "584 32"),
    ],
)
def test_found(recs, text, value):
    assert found(recs, text) == [(ENTITY, value)]


@pytest.mark.parametrize(
    "text",
    [
        "mätarställningen är 45 872",
        "det är 45 872 kilowattimmar",
        "Det blir 12 500 kronor.",
        "förbrukningen var 18 450 kWh",
        "kundnummer 53231",
        "fyrtiofem tusen åttahundrasjuttiotvå",
        "Storgatan 4 i Malmö, 25 000 kronor i månaden.",
        "Storgatan 4, och hyran, är det 8 450?",  # no postnummer's shape
        "Vi betalar i Lund 550 00 kronor, och i Malmö 120 kvm.",  # an amount, a size
        "Agent: Vi har en butik i Uppsala.\nKund: Okej. 753 20 i kassan?",  # no answer's opening
        # after a town: a phone number, a distance, a question that is more than the town
        "Kund: Du kan ringa mig på jobbet i Västerås 123 45 67 efter lunch.",
        "Kund: Min mamma bor i Mora 795 30 meter från kyrkan.",
        "Agent: Vilket nummer står på mätaren i Skövde?\nKund: 541 28",
        "Kund: det var i handen 120 50 gånger",  # a town's name as a common word
        "Agent: och postnummer\nKund: vänta\nAgent: 123 45 kronor",  # an amount after the question
        "Agent: och postnummer\nKund: vänta\nAgent: 149 00 alltså hundrafyrtionio kronor",
    ],
)
def test_hard_negatives(recs, text):
    assert found(recs, text) == []


def test_canonical():
    assert {canonical_value(ENTITY, v) for v in ["532 31", "53231", "fem tre två trettioett"]} == {"532 31"}
