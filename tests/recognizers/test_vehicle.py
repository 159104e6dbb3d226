"""SE_VEHICLE_REGISTRATION: plates in a text about a vehicle, written, in lowercase, spelled or in
words; model names, currencies and words before numbers are no plates. Made-up plates."""

from __future__ import annotations

import pytest

from recognizers.vehicle import KlangVehicleRegistrationRecognizer, canonical


def _found(text: str) -> list[str]:
    return [text[r.start : r.end] for r in KlangVehicleRegistrationRecognizer().analyze(text, None)]


@pytest.mark.parametrize(
    "text, plate",
    [
        ("Det gäller bilen DKR 447.", "DKR 447"),
        ("Agent: Gäller det parkeringstillståndet?\nKund: Ja. MLB 82C, min man kör oftast.", "MLB 82C"),
        ("Regnumret på bilen är XYZ-123.", "XYZ-123"),
        ("Agent: Vilket registreringsnummer?\nKund: U, R, S, fyra tre sju.", "U, R, S, fyra tre sju"),
        ("kund: bilen är ny, det är e r g fyra nio d alltså", "e r g fyra nio d"),
        ("Agent: och registreringsnumret\nKund: A B C eh fyrtiotvå F", "A B C eh fyrtiotvå F"),  # a filler
        ("kund: ja lut 117 var den gamla bilen", "lut 117"),
        ("Agent: Vad har bilen för registreringsnummer?\nKund: lut ett ett sju.", "lut ett ett sju"),
        ("Agent: Och reg nummer på den?\nKund: mlb åttiotvå c", "mlb åttiotvå c"),
        ("Agent: Och regnumret?\nKund: mlb åttiotvå c", "mlb åttiotvå c"),
        ("Agent: Och registreringsnumret på bilen?\nKund: DKR, fyrahundrafyrtiosju.", "DKR, fyrahundrafyrtiosju"),
        # the spelling alphabets
        (
            "Agent: Vilket registreringsnummer?\nKund: Kilo Foxtrot Oscar, tre noll åtta.",
            "Kilo Foxtrot Oscar, tre noll åtta",
        ),
        ("kund: bilen har adam bertil caesar ett två tre", "adam bertil caesar ett två tre"),
        # ... "Olle" for O, and the last letter of a new plate as its spelling word
        (
            "Agent: Och registreringsnumret på bilen?\nKund: Cesar Olle Gustav fyrahundrasjuttioåtta.",
            "Cesar Olle Gustav fyrahundrasjuttioåtta",
        ),
        ("Agent: absolut regnummer\nKund: filip kalle tore fyra tre bertil", "filip kalle tore fyra tre bertil"),
        # each letter with the word that spells it
        (
            "Agent: Okej. Vilket registreringsnummer?\nKund: K som Kalle, M som Martin, R som Rudolf, fyra åtta P.",
            "K som Kalle, M som Martin, R som Rudolf, fyra åtta P",
        ),
        (
            "Agent: regnumret på bilen\nKund: k som karin m som martin r som rudolf fyrtioåtta p som petter",
            "k som karin m som martin r som rudolf fyrtioåtta p som petter",
        ),
        # ... "som i", and some letters spelled, some said alone
        (
            "Talare 1: vilken bil gäller det\nTalare 2: o som i olle p x tre nio sju",
            "o som i olle p x tre nio sju",
        ),
        # a VIN (made up: 17 characters without I, O, Q)
        ("Agent: Och chassinumret?\nKund: Det står WBA3B1C50EK123456.", "WBA3B1C50EK123456"),
        ("Kund: Det gäller släpet, DFG 55H, som ska besiktas på fredag.", "DFG 55H"),
        ("Agent: okej och båtplats d nitton och trailer j u s fyrtioett e", "j u s fyrtioett e"),
        # a VIN's part, or one read out a character short, after the VIN is asked for
        ("Agent: Chassinumret har du?\nKund: WVWZZZAUZGW... nej vänta, resten ser jag inte", "WVWZZZAUZGW"),
        (
            "Agent: jag behöver chassinumret också\nKund: J M Z K F 6 W 1 0 0 2 4 1 8 5 5... det är sjutton tecken?",
            "J M Z K F 6 W 1 0 0 2 4 1 8 5 5",
        ),
        # a motorcycle, in a call about residents' parking
        (
            "Agent: Din boendeparkering löper.\nKund: Och MC:n?\nAgent: Motorcyklar står gratis.\nKund: Det är en "
            "Honda, MPT 121.",
            "MPT 121",
        ),
        # the number said in words up to a comma; a car named by its make
        ("Agent: Regnumret?\nKund: Ja.\nAgent: KLM åtta fyra ett, en Volvo från tjugonitton.", "KLM åtta fyra ett"),
        ("Agent: Vi har tittat på din Passat, DFG sex noll nio.", "DFG sex noll nio"),
        ("Agent: han kör den svarta skodan, nbr sexhundratretton.", "nbr sexhundratretton"),  # the make, definite
        # a plate from abroad, after the car is named as foreign or the plate is named
        ("Kund: Ja, en tysk bil, B-MB 4471.", "B-MB 4471"),
        ("Kund: Det är en dansk bil, CX 48 317.", "CX 48 317"),
        # a Norwegian or Danish plate in lowercase or spelled, its number in words, where the call names the country
        (
            "Kund: den har norska skyltar\nAgent: och registreringsnumret\nKund: d n femtiofem åttahundratolv",
            "d n femtiofem åttahundratolv",
        ),
        ("Agent: bilen i norge, registreringsnumret br 90 441", "br 90 441"),
        ("Kund: Och han kommer köra egen bil, polska skyltar, WPR 4417C.", "WPR 4417C"),
        ("Kund: Min fru fick också en avgift, hennes bil är BV 12 904.", "BV 12 904"),
        ("Kund: Han heter Javier. Hans bil har spanska nummer, 4821 KLM.", "4821 KLM"),  # digits first
        ("Kund: Jag backade in i en fransk bil, GH-482-KT.", "GH-482-KT"),
        ("Kund: Hans bil har spanska skyltar med 4821-KLM.", "4821-KLM"),
        # ... or after the plate is named, or the car "var": the Dutch, Italian, Belgian and Swiss shapes
        ("Kund: gul skylt, det stod på papperet och registreringsnumret R-218-XK", "R-218-XK"),
        ("Kund: hon stannade. hennes bil var GE 431 TP", "GE 431 TP"),
        ("Kund: en vit Peugeot, registreringen 1-VXK-482", "1-VXK-482"),
        ("Kund: han har Zurich. registreringsnummer ZH 481 223.", "ZH 481 223"),
        # a VIN read aloud, capitals and numbers in words
        (
            "Agent: Står chassinumret i brevet?\nKund: Ja, W B A tre B ett C femtio E K ett två tre fyra fem sex.",
            "W B A tre B ett C femtio E K ett två tre fyra fem sex",
        ),
        # a German plate, anywhere in a text about a vehicle
        ("Vilket registreringsnummer har husbilen? HH-KS 4471.", "HH-KS 4471"),
    ],
)
def test_plates_are_found(text, plate):
    assert _found(text) == [plate]


@pytest.mark.parametrize(
    "text", ["Kund: bilen har norska skyltar, XC60.", "Kund: tyska skyltar, BMW 320.", "Kund: danska skyltar, EU 2019."]
)
def test_a_model_or_a_year_after_foreign_plates_is_no_plate(text):
    assert _found(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Det kostar SEK 100 i månaden, eller PLN 450.",  # currencies
        "Mitt grafikkort är ett GTX 970 och laddboxen visar ERR 503.",  # no vehicle in the text
        "Vi har en bil, en BMW 330, och jag kör en bmw 320 från 2016.",  # models near a vehicle word
        "jag bor på abc 123",  # no vehicle word
        "Mobilen kostar 199, och koden är abc 123.",  # "mobil" is no vehicle word
        "Vi är fyra personer, vi har 120 kvadrat och två bilar.",  # a word before a number
        "Parkeringen kostar max 150 per dygn i zon 412.",
        "Vi har tre vw på lager, de kostar 300 i månaden.",  # a make, no plate
        "Bilen är en Volvo XC 60 och bilen är 12 år gammal.",  # a model
        "Bilen är en Mercedes CLS 350, den hyrde vi med spanska nummer på 1200 EUR.",
        "Min bil är 9000 CSE, en Saab, och motorn är en 1400 TSI.",  # digits first, no country named
        "Bilen har utländska nummer, SE 123 456, ring mig där.",
        "Bilen är en GLC 63S och laddboxen MAX 16A.",  # a model, a charger's current
        "Bilen är bokad, bokningsnummer HB-0815, ärende MK-2024-0877.",  # references, no German plate
        "Om bilen: ärendenummer hos oss är HSB-F 90 214.",
        "Vi åt på McDonalds, och mitt grafikkort är ett GTX 970.",  # "mc" opens a word: no motorcycle
        "Bilens chassinummer står i registreringsbeviset, VOLVOCARS och SERVICE är bara ord där.",  # no digit, short
        "Kund: jag köpte bilen i norge och betalade av 12 345 kronor",  # a Swedish word before a number
        "Kund: bilen kom från norge\nAgent: och det står sf 20 881 på billetten för bilen",  # no plate's word before
        "Kund: bilen kostar tv 12 345 i månaden",  # no country named
    ],
)
def test_no_plate(text):
    assert _found(text) == []


def test_a_plate_s_number_corrected_is_found_too():
    assert _found("Agent: Registreringsnummer?\nKund: O P X, tjugonio sju... nej två nio sju") == [
        "O P X, tjugonio sju",
        "två nio sju",
    ]
    assert _found("Agent: Och regnumret?\nKund: A B C eh fyrtiotvå F, nej fyrtiotvå E") == [
        "A B C eh fyrtiotvå F",
        "fyrtiotvå E",
    ]
    assert _found("Agent: Regnumret?\nKund: MLB 308. Eller vänta, jag läser fel, 380.") == ["MLB 308", "380"]


def test_a_plate_split_over_turns_is_found_in_its_two_parts():
    text = "Agent: Regnumret?\nKund: DKR.\nAgent: Mm.\nKund: 447."
    assert _found(text) == ["DKR", "447"]
    text = "Agent: Registreringsnumret?\nKund: D K R\nAgent: Mm.\nKund: fyra fyra sju."
    assert _found(text) == ["D K R", "fyra fyra sju"]
    # a VIN in two parts: together they are 17 characters
    text = "Agent: Och chassinumret på bilen?\nKund: YV1DZ825...\nAgent: Mm.\nKund: 6C2271234.\nAgent: Tack."
    assert _found(text) == ["YV1DZ825", "6C2271234"]
    text = "Agent: Chassinumret?\nKund: W B A tre B ett C femtio...\nAgent: Mm.\nKund: E K ett två tre fyra fem sex."
    assert _found(text) == ["W B A tre B ett C femtio", "E K ett två tre fyra fem sex"]
    # written chunks between pauses
    assert _found("Agent: Kan du läsa chassinumret?\nKund: WBA3B1C... 50E... K123456.") == ["WBA3B1C... 50E... K123456"]
    text = "Agent: Och bilen?\nKund: Modell XC60...\nAgent: Mm.\nKund: 2019."  # 8 characters, no VIN
    assert _found(text) == []


def test_written_spelled_and_spoken_forms_are_one_plate():
    assert canonical("abc-123") == canonical("ABC 123") == canonical("a, b, c, ett två tre") == "ABC123"
    assert canonical("U, R, S, fyra tre sju") == "URS437"
    assert canonical("e r g fyra nio d") == "ERG49D"
    assert canonical("Kilo Foxtrot Oscar, tre noll åtta") == "KFO308"
    assert canonical("K som Kalle, M som Martin, R som Rudolf, fyra åtta P") == "KMR48P"
    assert canonical("o som i olle p x tre nio sju") == "OPX397"
