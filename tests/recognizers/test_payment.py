"""IBAN_CODE, CREDIT_CARD, SE_BANK_ACCOUNT, SE_BANKGIRO, SE_PLUSGIRO: forms, check digits,
context where the format alone is too common, OCR references and amounts left alone."""

from __future__ import annotations

import pytest

from recognizers import canonical_value
from recognizers.payment import (
    BANK_ACCOUNT,
    BANKGIRO,
    CARD,
    IBAN,
    PLUSGIRO,
    KlangBankAccountRecognizer,
    KlangBankClearingRecognizer,
    KlangBankgiroRecognizer,
    KlangCardDetailsRecognizer,
    KlangCreditCardRecognizer,
    KlangIbanRecognizer,
    KlangPlusgiroRecognizer,
    KlangSpokenBankAccountRecognizer,
    KlangSpokenBankgiroRecognizer,
    KlangSpokenCreditCardRecognizer,
    KlangSpokenPlusgiroRecognizer,
    account_score,
    card_valid_digits,
    iban_valid,
)
from tests.recognizers.helpers import with_luhn, with_wrong_luhn


def make_iban(bban: str, country: str = "SE") -> str:
    numeric = "".join(str(int(c, 36)) for c in bban + country + "00")
    return f"{country}{98 - int(numeric) % 97:02d}{bban}"


IBAN_SE = make_iban("50000000058398257466")
CARD_VISA = with_luhn("411111111111111")
CARD_MAESTRO = with_luhn("676123456789012")


@pytest.fixture(scope="module")
def recs():
    return (
        KlangIbanRecognizer(),
        KlangCreditCardRecognizer(),
        KlangSpokenCreditCardRecognizer(),
        KlangBankAccountRecognizer(),
        KlangBankgiroRecognizer(),
        KlangPlusgiroRecognizer(),
    )


def confident(recs, text, threshold=0.5):
    out = []
    for rec in recs:
        for r in rec.analyze(text, rec.supported_entities):
            if r.score >= threshold:
                out.append((r.start, r.entity_type, text[r.start : r.end]))
    return [(t, s) for _, t, s in sorted(out)]


def grouped(s: str, n: int = 4) -> str:
    return " ".join(s[i : i + n] for i in range(0, len(s), n))


@pytest.mark.parametrize(
    "value", [IBAN_SE, grouped(IBAN_SE), grouped(IBAN_SE).lower(), make_iban("NWBK60161331926819", "GB")]
)
def test_iban(recs, value):
    assert confident(recs, f"Mitt IBAN är {value} tack.") == [(IBAN, value)]


def test_iban_check_digits():
    assert iban_valid(IBAN_SE)
    assert not iban_valid(IBAN_SE[:-1] + str((int(IBAN_SE[-1]) + 1) % 10))
    assert not iban_valid("SE12")
    assert canonical_value(IBAN, grouped(IBAN_SE).lower()) == IBAN_SE


@pytest.mark.parametrize(
    "value",
    [
        CARD_VISA,
        grouped(CARD_VISA),
        "-".join(grouped(CARD_VISA).split()),
        grouped(CARD_MAESTRO),
        with_luhn("37144963539843")[:4]
        + " "
        + with_luhn("37144963539843")[4:10]
        + " "
        + with_luhn("37144963539843")[10:],
    ],
)
def test_card(recs, value):
    assert confident(recs, f"ja kortet är {value}.") == [(CARD, value)]


def test_card_validation_and_spoken(recs):
    assert card_valid_digits(CARD_VISA)
    assert not card_valid_digits(with_wrong_luhn("411111111111111"))
    assert not card_valid_digits(with_luhn("735999123456789"))  # no issuer starts with 7
    words = ["noll", "ett", "två", "tre", "fyra", "fem", "sex", "sju", "åtta", "nio"]
    spoken = " ".join(words[int(d)] for d in CARD_VISA)
    assert confident(recs, f"kortnumret är {spoken} tack") == [(CARD, spoken)]


def test_a_card_named_before_its_number_is_a_card_though_its_check_digit_fails(recs):
    digits = with_wrong_luhn("552433810062914")
    words = ["noll", "ett", "två", "tre", "fyra", "fem", "sex", "sju", "åtta", "nio"]
    spoken = " ".join(words[int(d)] for d in digits[:4]) + " eh " + " ".join(words[int(d)] for d in digits[4:])
    assert confident(recs, f"öh ett mastercard {spoken}") == [(CARD, spoken)]
    assert confident(recs, f"ordernumret är {spoken}") == []  # not named a card: a number like any


def test_sixteen_digits_grouped_as_a_card_prints_them_are_a_card_though_its_check_digit_fails(recs):
    digits = with_wrong_luhn("457122089314665")
    grouped = " ".join(digits[i : i + 4] for i in range(0, 16, 4))
    text = f"Agent: Vilket kort var det?\nKund: jag har det här, det är {grouped}"
    assert confident(recs, text) == [(CARD, grouped)]
    assert confident(recs, f"Kund: det är VISA {grouped}") == [(CARD, grouped)]
    assert confident(recs, f"Kund: kortnumret är {grouped}") == [(CARD, grouped)]
    # no card named in its line or the one before: an order's, an invoice's or a booking's number
    assert [e for e, _ in confident(recs, f"Agent: Ordernumret?\nKund: det är {grouped}") if e == CARD] == []
    # a parcel's number after its letters, not grouped so, or no issuer's prefix: the checksum decides
    assert [e for e, _ in confident(recs, f"Kund: kortet, kollinumret är JJFI {grouped}") if e == CARD] == []
    assert [e for e, _ in confident(recs, f"Kund: det är {digits[:8]} {digits[8:]}") if e == CARD] == []
    other = with_wrong_luhn("757122089314665")
    assert [
        e
        for e, _ in confident(recs, "Kund: det är " + " ".join(other[i : i + 4] for i in range(0, 16, 4)))
        if e == CARD
    ] == []


def test_sixteen_digits_said_as_a_card_prints_them_after_a_card_is_named_are_a_card(recs):
    digits = with_wrong_luhn("492931008484206")
    words = ["noll", "ett", "två", "tre", "fyra", "fem", "sex", "sju", "åtta", "nio"]
    groups = [" ".join(words[int(d)] for d in digits[i : i + 4]) for i in range(0, 16, 4)]
    said = ", ".join(groups)
    text = f"Agent: betalning tar jag med kort\nKund: okej. {said}"
    assert confident(recs, text) == [(CARD, said)]
    assert confident(recs, f"Agent: vilket kort?\nKund: {' '.join(groups)}") == [(CARD, " ".join(groups))]
    # paused elsewhere than after each fourth digit, or no card named: not a card's
    regrouped = ", ".join(" ".join(words[int(d)] for d in digits[i : i + 3]) for i in range(0, 15, 3))
    assert [
        e for e, _ in confident(recs, f"Agent: med kort?\nKund: {regrouped} {words[int(digits[15])]}") if e == CARD
    ] == []
    assert [e for e, _ in confident(recs, f"Agent: Ordernumret?\nKund: okej. {said}") if e == CARD] == []


def test_sixteen_digits_said_in_words_without_a_pause_where_a_card_is_named_near_are_a_card(recs):
    """Words say no grouping: sixteen digits in a turn of their own, a card named in the two lines
    before or the line after, are a card's though the check digit fails (misheard)."""
    digits = with_wrong_luhn("457122339087112")
    words = ["noll", "ett", "två", "tre", "fyra", "fem", "sex", "sju", "åtta", "nio"]
    said = " ".join(words[int(d)] for d in digits)
    before = f"Kund: och det nya kortet\nAgent: mm\nKund: okej det är {said}"
    after = f"Agent: mm\nKund: okej det är {said}\nAgent: läs inte upp hela kortnumret"
    for text in (before, after):
        assert [t for e, t in confident(recs, text) if e == CARD] == [said]
    # no card named, or named three lines before
    far = f"Kund: och det nya kortet\nAgent: mm\nKund: ja\nAgent: och sen?\nKund: okej det är {said}"
    for text in (f"Agent: och sen?\nKund: okej det är {said}", far):
        assert [e for e, _ in confident(recs, text) if e == CARD] == []


def test_a_number_and_its_read_back_are_no_card(recs):
    # 40118726 twice passes Luhn, as a fifth of such doubles do; across a turn it is a read-back
    assert card_valid_digits("4011872640118726")
    text = "Kund: Ja, 40 11 87 26.\nAgent: 4011 8726, ja."
    assert [e for e, _ in confident(recs, text) if e == CARD] == []


CLR = with_luhn("8327")  # Swedbank clearing with its check digit
ACC = with_luhn("123456789")


@pytest.mark.parametrize(
    "value",
    [f"{CLR[:4]}-{CLR[4]}, {ACC[:3]} {ACC[3:6]} {ACC[6:9]}-{ACC[9]}", f"{CLR[:4]}-{CLR[4]} {ACC}", f"{CLR} {ACC}"],
)
def test_swedbank_account_with_check_digits_alone(recs, value):
    assert account_score(value) == 1.0
    assert confident(recs, f"Swedbank, {value}.") == [(BANK_ACCOUNT, value)]


def test_other_bank_accounts_need_context():
    assert account_score("6789 123 456 789") == 0.4
    assert account_score("0123 4567890") is None  # clearing out of range
    assert account_score(f"{with_wrong_luhn('8327')} {ACC}") is None  # Swedbank clearing check digit wrong


BG = with_luhn("5050105")
PG = with_luhn("123456")


@pytest.mark.parametrize(
    "rec_cls, entity, value",
    [
        (KlangBankgiroRecognizer, BANKGIRO, f"{BG[:4]}-{BG[4:]}"),
        (KlangPlusgiroRecognizer, PLUSGIRO, f"{PG[:2]} {PG[2:4]} {PG[4:6]}-{PG[6]}"),
        (KlangPlusgiroRecognizer, PLUSGIRO, f"{PG[:6]}-{PG[6]}"),
    ],
)
def test_giro_forms_low_score_without_context(rec_cls, entity, value):
    (r,) = rec_cls().analyze(f"betala till {value}", [entity])
    assert 0 < r.score < 0.5  # Presidio's context enhancer lifts it with "bankgiro"/"plusgiro"
    assert rec_cls().may_match(f"bankgiro {value}") or rec_cls().may_match(f"plusgiro {value}")
    assert not rec_cls().may_match(f"betala till {value}")


def test_giro_check_digit():
    assert (
        KlangBankgiroRecognizer().analyze(
            f"bankgiro {with_wrong_luhn('5050105')[:4]}-{with_wrong_luhn('5050105')[4:]}", [BANKGIRO]
        )
        == []
    )


@pytest.mark.parametrize(
    "text",
    [
        "Det kostar 1 250 kronor.",
        "349,50 kr",
        "42,5 öre per kilowattimme",
        "mätarställningen är 45 872",
        "den 15 mars",
        "2024-03-15",
        "16 ampere",
        "20A",
        "klockan 16.30",
        f"OCR-numret är {CARD_VISA}",
        f"Fakturanummer {grouped(CARD_VISA)}",
    ],
)
def test_hard_negatives(recs, text):
    assert confident(recs, text) == []


# ---- spoken and two-part forms ---------------------------------------------------------------

_W = ["noll", "ett", "två", "tre", "fyra", "fem", "sex", "sju", "åtta", "nio"]


def said(digits: str) -> str:
    return " ".join(_W[int(d)] for d in digits)


@pytest.fixture(scope="module")
def spoken_recs():
    return (
        KlangBankAccountRecognizer(),
        KlangSpokenBankAccountRecognizer(),
        KlangBankgiroRecognizer(),
        KlangSpokenBankgiroRecognizer(),
        KlangPlusgiroRecognizer(),
        KlangSpokenPlusgiroRecognizer(),
    )


@pytest.mark.parametrize(
    "text, span",
    [
        # clearing and account as two numbers with words between: one span, written or spoken
        (
            f"clearingnummer {CLR[:4]}-{CLR[4]}, kontonummer {ACC[:3]} {ACC[3:6]} {ACC[6:9]}-{ACC[9]} tack",
            f"{CLR[:4]}-{CLR[4]}, kontonummer {ACC[:3]} {ACC[3:6]} {ACC[6:9]}-{ACC[9]}",
        ),
        (f"clearingnumret är {said(CLR)} och kontonumret {said(ACC)}", f"{said(CLR)} och kontonumret {said(ACC)}"),
        (
            "clearingnumret är sextiosju åttionio och kontonumret är ett två tre fyra fem sex sju åtta nio",
            "sextiosju åttionio och kontonumret är ett två tre fyra fem sex sju åtta nio",
        ),
        ("clearing 6789 konto 123 456 789", "6789 konto 123 456 789"),
        # one run, spoken or mixed
        (f"mitt kontonummer är {said(CLR)}, {said(ACC)}.", f"{said(CLR)}, {said(ACC)}"),
        (f"kontonumret {CLR} {said(ACC)}", f"{CLR} {said(ACC)}"),
    ],
)
def test_bank_account_spoken_and_two_part(spoken_recs, text, span):
    assert confident(spoken_recs, text) == [(BANK_ACCOUNT, span)]


def test_bank_account_wrong_clearing_leaves_the_account_alone(spoken_recs):
    # a clearing number that fails its check (or is out of range) is not joined to the account; the
    # account said after "kontonumret" is still reported on its own (it is bank data either way)
    for clearing in (said(with_wrong_luhn("8327")), said("0123")):
        text = f"clearingnummer {clearing} och kontonumret {said(ACC)}"
        assert confident(spoken_recs, text) == [(BANK_ACCOUNT, said(ACC))]


def test_bank_account_canonical_same_for_every_form():
    forms = [
        f"{CLR[:4]}-{CLR[4]}, {ACC[:3]} {ACC[3:6]} {ACC[6:9]}-{ACC[9]}",
        f"{CLR} {ACC}",
        f"{said(CLR)} och kontonumret {said(ACC)}",
        f"{CLR[:4]}-{CLR[4]}, kontonummer {ACC}",
    ]
    assert {canonical_value(BANK_ACCOUNT, f) for f in forms} == {f"{CLR}-{ACC}"}


@pytest.mark.parametrize(
    "text",
    [
        "på kontot har jag fyratusen tvåhundra kronor",  # an amount after an account word
        f"clearingnumret är {said(CLR)}",  # a clearing number alone is not an account
        f"jag ringde {said(CLR)} och sen {said(ACC)}",  # no account word
    ],
)
def test_bank_account_spoken_negatives(spoken_recs, text):
    assert [t for t, _ in confident(spoken_recs, text) if t == BANK_ACCOUNT] == []


@pytest.mark.parametrize(
    "text, entity, span",
    [
        (f"bankgiro {said(BG)}", BANKGIRO, said(BG)),
        ("vårt bankgiro är femtio femtio, tio femtiofem", BANKGIRO, "femtio femtio, tio femtiofem"),
        (f"bankgironumret är {said(BG[:4])} streck {said(BG[4:])}", BANKGIRO, f"{said(BG[:4])} streck {said(BG[4:])}"),
        (f"plusgiro {said(PG)}", PLUSGIRO, said(PG)),
        (f"mitt plusgiro är {said(PG[:6])} streck {said(PG[6])}", PLUSGIRO, f"{said(PG[:6])} streck {said(PG[6])}"),
    ],
)
def test_giro_spoken(spoken_recs, text, entity, span):
    assert confident(spoken_recs, text) == [(entity, span)]


@pytest.mark.parametrize(
    "text",
    [
        f"bankgiro {said(with_wrong_luhn('5050105'))}",  # check digit wrong
        f"jag sa {said(BG)}",  # no giro word
        f"bankgiro, sen sa jag {said('12')} och {said(BG)}",  # not the number right after the giro word
        f"plusgiro {said('12')}",  # too short to say on its own
        f"bankgiro {said(BG)} kronor",  # an amount
    ],
)
def test_giro_spoken_negatives(spoken_recs, text):
    assert confident(spoken_recs, text) == []


@pytest.mark.parametrize(
    "text, span",
    [
        ("Agent: till ditt Swedbank 8214 5 slutar på 031-6", "8214 5 slutar på 031-6"),
        ("Kund: Handelsbanken, 6152... ", "6152"),
        ("Kund: Det är ICA Banken, 9271, och 103 558 2.", "9271"),
        ("Kund: Nordea, clearing 3300, och kontonumret är mitt personnummer", "3300"),
        ("Kund: Sparbanken, clearingnummer 8105-9", "8105-9"),
        ("Kund: och sen avanza 9550 3314 882", "9550"),
    ],
)
def test_a_clearing_number_after_its_bank(text, span):
    got = [text[r.start : r.end] for r in KlangBankClearingRecognizer().analyze(text, None)]
    assert got == [span]


@pytest.mark.parametrize(
    "text",
    [
        "Kund: Jag har betalat SEB, 1200 kronor i månaden.",  # outside SEB's ranges
        "Kund: Nordea 2023 hade bättre ränta.",  # in Nordea's ranges, but a year
        "Agent: Swedbank 8214,50 kronor",  # an amount
        "Agent: Handelsbanken har 6000 kontor",  # not right after the name
        "Kund: Jag har Swedbank, 8200 kronor fanns på kontot i morse.",  # an amount, a count
        "Kund: hej jag har fört över från swedbank 7000 2 gånger nu",
        "Kund: vi har billånet på danske bank 1250 i månaden",
    ],
)
def test_no_clearing_after_a_bank(text):
    assert KlangBankClearingRecognizer().analyze(text, None) == []


def test_giro_word_earlier_in_the_line():
    text = f"vårt bankgiro är alltså, vänta lite nu ska jag se, nej jag hittar det, det är {BG[:4]}-{BG[4:]}"
    assert confident((KlangBankgiroRecognizer(),), text) == [(BANKGIRO, f"{BG[:4]}-{BG[4:]}")]
    # the word on another line (another turn) does not count
    assert confident((KlangBankgiroRecognizer(),), text.replace("det är", "\ndet är")) == []
    assert canonical_value(BANKGIRO, said(BG)) == canonical_value(BANKGIRO, f"{BG[:4]}-{BG[4:]}") == f"{BG[:7]}-{BG[7]}"


def test_personnummer_after_an_account_word_is_not_an_account(spoken_recs):
    # Skatteverket test number said after "kontot": the personnummer recognizer's, not an account
    assert confident(spoken_recs, "kontot står på mig, åttioåtta noll fyra tretton tjugotre åttiotvå") == []


@pytest.mark.parametrize(
    "text, found",
    [
        ("Kortet går ut, exp 07/28, cvv 044.", ["exp 07/28", "cvv 044"]),
        ("giltigt t.o.m. 03/29", ["giltigt t.o.m. 03/29"]),
        ("CVC: 118", ["CVC: 118"]),
        ("Leverans 07/28 och 044 paket.", []),  # no card word: a date and a count
    ],
)
def test_card_expiry_and_code_written_after_their_word(text, found):
    rec = KlangCardDetailsRecognizer()
    assert [text[r.start : r.end] for r in rec.analyze(text, rec.supported_entities)] == found
