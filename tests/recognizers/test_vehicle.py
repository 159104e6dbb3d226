"""SE_VEHICLE_REGISTRATION: plates written, in lowercase near a vehicle word, and spelled. Made-up plates."""

from __future__ import annotations

import pytest

from recognizers.vehicle import KlangSpokenVehicleRegistrationRecognizer, KlangVehicleRegistrationRecognizer, canonical


def _found(text: str) -> list[str]:
    results = KlangVehicleRegistrationRecognizer().analyze(text, None)
    results += KlangSpokenVehicleRegistrationRecognizer().analyze(text, None)
    return [text[r.start : r.end] for r in sorted(results, key=lambda r: r.start)]


@pytest.mark.parametrize(
    "text, plate",
    [
        ("Det gäller bilen DKR 447.", "DKR 447"),
        ("MLB 82C, min man kör oftast.", "MLB 82C"),
        ("Regnumret är XYZ-123.", "XYZ-123"),
        ("Agent: Vilket registreringsnummer?\nKund: U, R, S, fyra tre sju.", "U, R, S, fyra tre sju"),
        ("kund: bilen är ny, det är e r g fyra nio d alltså", "e r g fyra nio d"),
        ("kund: ja lut 117 var den gamla bilen", "lut 117"),
    ],
)
def test_plates_are_found(text, plate):
    assert _found(text) == [plate]


@pytest.mark.parametrize(
    "text",
    [
        "Det kostar SEK 100 i månaden.",
        "Vi förbrukade KWH 450 i mars.",  # units and currencies in capitals
        "jag bor på abc 123",  # lowercase without a vehicle word
        "Mobilen kostar 199, och koden är abc 123.",  # "mobil" is no vehicle word
        "Ordernummer ABC 12 och 3 till.",  # not a plate's shape
        "Vi är fyra personer, vi har 120 kvadrat och två bilar.",  # a word before a number
    ],
)
def test_no_plate(text):
    assert _found(text) == []


def test_written_and_spelled_forms_are_one_plate():
    assert canonical("abc-123") == canonical("ABC 123") == "ABC123"
    assert canonical("U, R, S, fyra tre sju") == "URS437"
    assert canonical("e r g fyra nio d") == "ERG49D"
