"""PHONE_NUMBER: Swedish landline and mobile in every grouping, +46/0046, spoken digit by digit or
in pairs, mixed, split; numbers abroad with their country code; validation failures. Numbers from
PTS's series for fiction (070-174 06 xx, 08-465 004 xx, 031-390 06 xx) and abroad Ofcom's and the
NANP's."""

from __future__ import annotations

import pytest

from recognizers import canonical_value
from recognizers.phone import (
    ENTITY,
    KlangInternationalPhoneRecognizer,
    KlangPhoneRecognizer,
    KlangSpokenPhoneRecognizer,
    KlangTenDigitPhoneRecognizer,
    is_valid,
)
from tests.recognizers.helpers import found


@pytest.fixture(scope="module")
def recs():
    return (
        KlangPhoneRecognizer(),
        KlangTenDigitPhoneRecognizer(),
        KlangSpokenPhoneRecognizer(),
        KlangInternationalPhoneRecognizer(),
    )


@pytest.mark.parametrize(
    "value",
    [
        "070-174 06 55",
        "0701740655",
        "070 174 06 55",
        "070-17 40 655",
        "+46 70 174 06 55",
        "+46701740655",
        "0046 70 174 06 55",
        "+46 (0)70 174 06 55",
        "08-465 004 80",
        "08-46 50 04 80",
        "0846500480",
        "031-390 06 12",
        "031 390 06 12",
        "+46 31 390 06 12",
    ],
)
def test_written_groupings(recs, value):
    assert found(recs, f"Ring mig på {value} efter fem.") == [(ENTITY, value)]


@pytest.mark.parametrize(
    "value",
    [
        "noll sju noll ett sju fyra noll sex fem fem",
        "noll sju noll sjutton fyrtio sex femtiofem",
        "noll sju noll ett sju fyra noll sex femtiofem",
        "070 sjutton fyrtio sex fem fem",  # "fyrtio sex" read as 40, 6
        "noll åtta fyrtiosex femtio noll fyra åttio",
        "noll åtta fyra sex fem noll noll fyra åtta noll",
        "noll sju noll eh ett sju fyra, noll sex femtiofem",
        "NOLL SJU NOLL ett sju fyra noll sex fem fem",
        "noll noll fyrtiosex sjuttio ett sju fyra noll sex fem fem",
        "noll sjuttio, sjutton fyrtio, noll sex, sextio",  # a mobile said with one digit too many
        "noll sju tre fyrtioett fyrtioett nittiosex",  # ... or one too few
        "noll sju sex nittionio tjugoett fyrtiofyra",
        "nollåtta fyrtiosex femtio noll fyra åttio",  # a zero glued to the area code
    ],
)
def test_spoken_and_mixed(recs, value):
    assert found(recs, f"mitt nummer är {value} tack") == [(ENTITY, value)]


def test_country_code_plus_is_covered(recs):
    text = "det är +46 sjuttio ett sju fyra noll sex fem fem"
    assert found(recs, text) == [(ENTITY, "+46 sjuttio ett sju fyra noll sex fem fem")]


def test_split_over_turns(recs):
    text = "Kund: 070-174 ...\nAgent: Ja?\nKund: 06 55."
    assert found(recs, text) == [(ENTITY, "070-174"), (ENTITY, "06 55")]


@pytest.mark.parametrize(
    "text",
    [
        "Det kostar 1 250 kronor.",
        "349,50 kr per månad",
        "mätarställningen är 45 872",
        "den 15 mars",
        "2024-03-15",
        "klockan 08.00",
        "16 ampere",
        "OCR-numret är 0701740655",
        "070-174",
        "noll sju tre fyra",  # the start of a number only
        "tre sju noll sju två sex fyra fyra ett nio åtta",  # the end of a longer number
        "noll sju tre fyrtioett fyrtioett nittiosex kilowattimmar",  # a measure
        "noll sju tolv tjugo tjugofyra",  # a date
        "noll komma fem procent",
        "ett två tre fyra",
        # a company's service numbers: shared cost, free, premium
        "Ring oss på 0771-10 20 30 så hjälper vi dig.",
        "Vårt gratisnummer är 020-12 34 56.",
        "Ring 0900-123 45 67 för tävlingen.",
    ],
)
def test_not_phone_numbers(recs, text):
    assert found(recs, text) == []


@pytest.mark.parametrize(
    "value",
    # the series for fiction of Ofcom (020 7946 0xxx) and the NANP (555-01xx)
    ["+44 20 7946 0958", "0044 20 7946 0958", "+44 (0)20 7946 0958", "+1 202 555 0143", "+1-613-555-0182"],
)
def test_a_number_abroad_with_its_country_code(recs, value):
    assert ("PHONE_NUMBER", value) in found(recs, f"Han hade ett nummer utomlands, {value}, ring honom där.")


@pytest.mark.parametrize(
    "text", ["Fakturan 0012 3456 7890 gäller.", "Ordernummer 00123456789.", "Kollinummer 00358401234567."]
)
def test_digits_after_00_that_no_plan_holds_are_no_number_abroad(recs, text):
    assert found(recs, text) == []


def test_validation():
    assert is_valid("070-174 06 55") and is_valid("+46 8 465 004 80")
    assert not is_valid("070-17")  # too short
    assert not is_valid("0000000000")
    assert not is_valid("12345678")  # no trunk zero / country code


def test_canonical_written_and_spoken_agree():
    forms = ["070-174 06 55", "+46 70 174 06 55", "noll sju noll ett sju fyra noll sex fem fem"]
    assert {canonical_value(ENTITY, f) for f in forms} == {"+46701740655"}


@pytest.mark.parametrize(
    "text, span",
    [
        (
            "telefon plus fyrtiosex sjuttio ett sju fyra noll sex fem fem",
            "plus fyrtiosex sjuttio ett sju fyra noll sex fem fem",
        ),
        (
            "ring Plus fyra sex sju noll ett sju fyra noll sex fem fem",
            "Plus fyra sex sju noll ett sju fyra noll sex fem fem",
        ),
    ],
)
def test_spoken_plus_is_the_country_code_prefix_and_covered(recs, text, span):
    assert found(recs, text) == [(ENTITY, span)]
    assert canonical_value(ENTITY, span) == "+46701740655"


def test_plus_word_without_country_code_is_not_a_prefix(recs):
    # "plus" as addition: 46 not following it, and no trunk zero: nothing
    assert found(recs, "det blir tre plus fyra sju noll ett sju fyra noll sex fem fem") == []


@pytest.mark.parametrize(
    "value",
    [
        "070-174 06 56",
        "070 174 06 56",
        "070-17 40 656",
        "070-1740656",
        "040-628 04 53",
        "040-62 80 453",
    ],
)
def test_a_number_valid_as_a_personnummer_in_a_phone_grouping_is_a_phone_number(recs, value):
    """0701740656 and 0406280453 are valid personnummer digits too. Written in a personnummer layout
    the personnummer recognizer reports them; in a phone grouping nothing else would, so the phone
    recognizer must (before: neither did, and the number stayed in the output)."""
    from recognizers.fold import ascii_digits
    from recognizers.personnummer import KlangPersonnummerRecognizer, is_valid_digits

    assert is_valid_digits(ascii_digits(value))
    assert found((KlangPersonnummerRecognizer(),), f"Det är {value}.") == []
    assert found(recs, f"Det är {value}.") == [(ENTITY, value)]


@pytest.mark.parametrize("value", ["0701740656", "070174-0656", "070174 0656", "07 01 74 06 56"])
def test_the_same_digits_in_a_personnummer_layout_are_left_to_the_personnummer_recognizer(recs, value):
    assert found(recs, f"Det är {value}.") == []


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Kund: vi fyllde i en blankett och han skrev sitt nummer 5384 1127", ["5384 1127"]),
        ("Kund: min kusin bor här, hon har nummer 697 554 0091", ["697 554 0091"]),
        ("Kund: hon skrev bara sitt förnamn och numret 06 5539 1108", ["06 5539 1108"]),
        # a reference, an order or the company's; a count or a year
        ("Agent: ordern har nummer 4412 8891 och går i dag", []),
        ("Agent: Bra. Kreditfakturan har nummer 9 004 331 27.", []),
        ("Agent: vi har nummer 0771 22 33 44 till växeln", []),
        ("Kund: han har nummer 12 på tröjan sen 2019", []),
    ],
)
def test_a_persons_number_told_of(text, expected):
    from recognizers.phone import KlangToldPhoneRecognizer

    assert [v for _, v in found((KlangToldPhoneRecognizer(),), text)] == expected
