"""SE_PERSONNUMMER: every written, spaced, spoken, mixed and split form; validation failures;
interim numbers; personnummer vs phone number. Numbers from Skatteverket's test list only."""

from __future__ import annotations

import pytest

from recognizers import canonical_value
from recognizers.personnummer import (
    ENTITY,
    KlangNamedPersonnummerRecognizer,
    KlangPersonnummerRecognizer,
    KlangSpokenPersonnummerRecognizer,
    canonical,
    is_valid,
)
from recognizers.phone import KlangPhoneRecognizer, KlangSpokenPhoneRecognizer, KlangTenDigitPhoneRecognizer
from tests.recognizers.helpers import found

P12 = "198804132382"  # Skatteverket test numbers
P12_B = "200501012397"  # born 2005: starts with 0 in the ten-digit form, like a phone number
P12_OLD = "191002202388"  # 100+: the '+' form


@pytest.fixture(scope="module")
def recs():
    return (
        KlangPersonnummerRecognizer(),
        KlangSpokenPersonnummerRecognizer(),
        KlangPhoneRecognizer(),
        KlangTenDigitPhoneRecognizer(),
        KlangSpokenPhoneRecognizer(),
    )


def pnr_found(recs, text):
    return [s for t, s in found(recs, text) if t == ENTITY]


@pytest.mark.parametrize(
    "value",
    [
        "880413-2382",
        "8804132382",
        "19880413-2382",
        "198804132382",
        "880413 2382",
        "88 04 13 2382",
        "88 04 13 23 82",
        "19880413 2382",
        "880413 - 2382",
        "1988 04 13 23 82",
    ],
)
def test_written_and_spaced(recs, value):
    assert pnr_found(recs, f"Mitt personnummer är {value}, tack.") == [value]


@pytest.mark.parametrize(
    "value",
    [
        "åttioåtta noll fyra tretton tjugotre åttiotvå",
        "nitton åttioåtta noll fyra tretton tjugotre åttiotvå",
        "nittonhundraåttioåtta noll fyra tretton tjugotre åttiotvå",
        "åtti åtta noll fyra tretton tjugi tre åttiotvå",
        "åttioåtta noll fyra tretton två tre åtta två",
        "880413 tjugotre åttiotvå",
        "åttioåtta noll fyra tretton 2382",
        "åttioåtta eh noll fyra tretton öh tjugotre åttiotvå",
        "åttioåtta noll fyra tretton, tjugotre åttiotvå",
        "ÅTTIOÅTTA noll fyra Tretton tjugotre åttiotvå",
        "åttioåtta fyra tretton tjugotre åttiotvå",  # the month said as one digit word
    ],
)
def test_spoken_and_mixed(recs, value):
    assert pnr_found(recs, f"ja det är {value} tror jag") == [value]


def test_split_over_two_turns(recs):
    text = "Kund: 880413\nAgent: Mm, och sista fyra?\nKund: tjugotre åttiotvå."
    assert pnr_found(recs, text) == ["880413", "tjugotre åttiotvå"]


def test_plus_form_for_centenarians(recs):
    ten = P12_OLD[2:]
    value = f"{ten[:6]}+{ten[6:]}"
    assert pnr_found(recs, f"Det är {value}, jag är född 1910.") == [value]
    assert canonical(value) == P12_OLD


def test_samordningsnummer():
    # day + 60, built from a test number of 1890 (check digit recomputed): no one alive has it
    from tests.recognizers.helpers import with_luhn

    ten = with_luhn("900161980")
    assert is_valid(ten) and is_valid(f"{ten[:6]}-{ten[6:]}")
    assert is_valid(with_luhn("900191980"))  # 31 January + 60
    assert not is_valid(with_luhn("900192980"))  # "32 January" + 60
    assert canonical(ten) == "19" + ten  # no "+": the most recent century


@pytest.mark.parametrize(
    "text",
    [
        "880413-2383",  # wrong check digit
        "880231-2382",  # 31 February
        "881313-2380",  # month 13
        "8804132",  # too short
        "OCR-numret är 8804132382",  # an invoice reference, not a person
        "fakturanummer 198804132382",
        "åttioåtta fyra tretton tjugotre åttiotre",  # nine digits: no valid reading with the month padded
        "åttioåtta 4 13 2382",  # ... nor written digits
    ],
)
def test_not_reported(recs, text):
    assert pnr_found(recs, text) == []


def test_validation_failures():
    assert is_valid("880413-2382")
    assert not is_valid("880413-2383")
    assert not is_valid("010229-2381")  # 29 Feb 2001 does not exist
    assert not is_valid("12345")


@pytest.mark.parametrize("value, digits", [("880413-T382", "880413T382"), ("19880413-T382", "19880413T382")])
def test_interim_numbers(recs, value, digits):
    # interim number: a letter in position 9, Luhn with the letter counted as 1 (880413-1382 is
    # not valid, so build one that is: 880413-T38C with C the Luhn digit of 880413138)
    from tests.recognizers.helpers import with_luhn

    c = with_luhn("880413138")[-1]
    value = value[:-1] + c
    assert pnr_found(recs, f"reservnumret är {value}") == [value]
    assert canonical(value) == "19880413T38" + c
    bad = value[:-1] + str((int(c) + 1) % 10)
    assert pnr_found(recs, f"reservnumret är {bad}") == []


def test_born_2005_is_a_personnummer_after_a_personnummer_question(recs):
    ten = P12_B[2:]
    text = f"Agent: Kan jag få ditt personnummer?\nKund: {ten}"
    assert found(recs, text) == [(ENTITY, ten)]
    spoken = "noll fem noll ett noll ett tjugotre nittiosju"
    assert found(recs, f"Agent: Och personnumret?\nKund: {spoken}") == [(ENTITY, spoken)]


def test_same_digits_after_a_phone_question_are_a_phone_number(recs):
    ten = P12_B[2:]
    text = f"Agent: Vilket telefonnummer når vi dig på?\nKund: {ten}"
    assert found(recs, text) == [("PHONE_NUMBER", ten)]


def test_dash_layout_is_never_a_phone_number(recs):
    ten = P12_B[2:]
    value = f"{ten[:6]}-{ten[6:]}"
    assert found(recs, f"det är {value}") == [(ENTITY, value)]


def test_canonical_forms_agree():
    forms = ["880413-2382", "19880413-2382", "88 04 13 23 82", "åttioåtta noll fyra tretton tjugotre åttiotvå"]
    assert {canonical_value(ENTITY, f) for f in forms} == {P12}


@pytest.mark.parametrize(
    "text, tail",
    [
        ("född trettonde april och sista fyra är tjugotre åttiotvå", "tjugotre åttiotvå"),
        ("de fyra sista siffrorna är 2382", "2382"),
        ("sista fyra 23 82 tack", "23 82"),
        ("sista fyra tjugotre åttiotvå", "tjugotre åttiotvå"),
    ],
)
def test_last_four_after_sista_fyra(text, tail):
    from recognizers.personnummer import KlangPersonnummerTailRecognizer

    rec = KlangPersonnummerTailRecognizer()
    assert [text[r.start : r.end] for r in rec.analyze(text, [ENTITY])] == [tail]
    assert rec.analyze(text.replace("sista fyra", "klockan").replace("fyra sista", "klockan"), [ENTITY]) == []


@pytest.mark.parametrize(
    "text, tails",
    [
        ("Åttioåtta noll tre noll åtta, och sista två tre nio åtta.", ["två tre nio åtta"]),
        ("19880413, och sista 2382.", ["2382"]),
        ("Jag betalade 450, och sista 1200 kronor.", []),  # no birth date before it
        ("Vi åkte dit i maj och sista 2019 var vi där.", []),
    ],
)
def test_last_four_after_och_sista_right_after_a_birth_date(text, tails):
    from recognizers.personnummer import KlangPersonnummerTailRecognizer

    assert [text[r.start : r.end] for r in KlangPersonnummerTailRecognizer().analyze(text, [ENTITY])] == tails


@pytest.mark.parametrize(
    "text, dates",
    [
        ("Hanna Testsson, 88 04 13 om ni behöver.", ["88 04 13"]),  # volunteered after a name
        ("Det är min son Kalle 05 01 01.", ["05 01 01"]),
        # no valid date, a piece of a longer number, an amount, no name before it
        ("Hanna Testsson, 88 13 04 tror jag", []),
        ("ring 070 12 04 11 eller 08-12 05 11", []),
        ("Det kostar Anna 12 05 11 kronor.", []),
        ("Remissen gäller tänderna 46 11 21, en lagning. Mätaren visar 45 10 22.", []),
        ("Bokningen är HQ 74 12 09, ärende ts 40 12 77, ärendenummer är E 55 10 29.", []),
        ("Kund: 50 04 03", []),
    ],
)
def test_a_birth_date_in_three_pairs(text, dates):
    from recognizers.personnummer import KlangBirthDatePairsRecognizer

    assert [text[r.start : r.end] for r in KlangBirthDatePairsRecognizer().analyze(text, [ENTITY])] == dates


def test_hesitation_words_inside_a_spoken_number(recs):
    value = "åttioåtta noll fyra tretton eh vänta tjugotre åttiotvå"
    assert pnr_found(recs, f"personnumret alltså {value}") == [value]


def test_a_phone_number_after_a_given_personnummer_is_a_phone_number(recs):
    text = "Mitt personnummer är 880413-2382 och numret 070-174 06 55."
    assert found(recs, text) == [(ENTITY, "880413-2382"), ("PHONE_NUMBER", "070-174 06 55")]
    text = "personnumret är åttioåtta noll fyra tretton tjugotre åttiotvå och numret noll sju noll ett sju fyra noll sex fem fem"
    assert found(recs, text) == [
        (ENTITY, "åttioåtta noll fyra tretton tjugotre åttiotvå"),
        ("PHONE_NUMBER", "noll sju noll ett sju fyra noll sex fem fem"),
    ]


WRONG = P12[:-1] + str((int(P12[-1]) + 1) % 10)  # a test number with its check digit misheard


@pytest.mark.parametrize(
    ("text", "said"),
    [
        (f"Kund: mitt personnummer är {WRONG[:8]}-{WRONG[8:]}", f"{WRONG[:8]}-{WRONG[8:]}"),
        (f"Kund: personnumret: {WRONG[2:]} tack", WRONG[2:]),
        (
            "Kund: och rot-avdraget på hans personnummer\nAgent: vad är det\n"
            f"Kund: nittonhundraåttioåtta noll fyra tretton {WRONG[8:10]} {WRONG[10:]}",
            f"nittonhundraåttioåtta noll fyra tretton {WRONG[8:10]} {WRONG[10:]}",
        ),
    ],
)
def test_a_personnummer_named_is_found_though_its_check_digit_fails(text, said):
    assert not is_valid(WRONG)
    rec = KlangNamedPersonnummerRecognizer()
    assert [text[r.start : r.end] for r in rec.analyze(text, [ENTITY])] == [said]


@pytest.mark.parametrize(
    "text",
    [
        "Kund: personnumret har jag inte här\nAgent: okej\nKund: men ring 0701234567",  # a phone number
        "Kund: vad är ditt pnr\nAgent: nej det är ordernumret 202401234567",  # not a turn of its own
        f"Kund: mitt personnummer är {WRONG[:4]}13{WRONG[6:]}",  # no calendar date
    ],
)
def test_a_number_after_the_personnummer_word_that_is_none_is_not_taken(text):
    assert KlangNamedPersonnummerRecognizer().analyze(text, [ENTITY]) == []
