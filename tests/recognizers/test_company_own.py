"""What a call says is the company's own (recognizers/company_own.py): its references spoken with
letters, the contact the agent gives as "ours", the town in the agent's greeting; and what stays
personal data beside them."""

from __future__ import annotations

import pytest

from recognizers.company_own import CompanyOwn


def _found(detector, text: str) -> list[str]:
    return [text[d.start : d.end] for d in detector.detect(text)]


@pytest.mark.parametrize(
    "text, kept",
    [
        # a reference's letters are no name, its digits no secret, and said again it is the same
        (
            "Agent: Ditt ärendenummer är T S K fyrtioåtta nittio tolv.\nKund: T S K fyrtioåtta nittio tolv. Tack!",
            ["T S K", "fyrtioåtta"],
        ),
        ("Agent: Bokningsnumret är K B sex noll två.\nKund: K B sex noll två, tack.", ["K B", "sex noll två"]),
        ("Agent: Referensnummer för samtalet är H L tre tre noll åtta.\nKund: H L tre tre noll åtta.", ["tre tre"]),
        ("Agent: Ärendet heter RF-77013.\nKund: RF-77013, okej.", ["RF-77013"]),
        # the company's own contact, given by the agent
        ("Agent: Ring oss på 08-411 22 30 så löser vi det.\nKund: Tack.", ["08-411 22 30"]),
        ("Agent: Vi ligger på Kungsgatan 48, plan två.\nKund: Bra.", ["Kungsgatan 48"]),
        ("Agent: Betala till vårt bankgiro 5050-1055.\nKund: Okej.", ["5050-1055"]),
        ("Agent: Du kan hämta den på vårt kontor på Drottningtorget 5.\nKund: Bra.", ["Drottningtorget 5"]),
        # the town in the company's greeting
        ("Agent: Sveriges ambassad i Berlin, Jonatan.\nKund: Hej, jag behöver ett pass.", ["Berlin"]),
        ("Agent: Husby församling, hej, Johan här.\nKund: Hej, det gäller ett dop.", ["Husby"]),
    ],
)
def test_the_companys_own_is_kept(detector, text, kept):
    found = _found(detector, text)
    for value in kept:
        assert not any(value in f for f in found), (value, found)


@pytest.mark.parametrize(
    "text, redacted",
    [
        # a mobile number after a reference word is still personal data
        ("Agent: Vilket ärende gäller det?\nKund: Ärendet är 070-123 45 67, ring mig.", "070-123 45 67"),
        # "ring oss" in the caller's turn is the caller's household
        ("Agent: Hur når vi er?\nKund: Ring oss på 070-765 43 21 efter fem.", "070-765 43 21"),
        # the agent reading the caller's data back, and a town after the caller is addressed
        ("Agent: Och din adress är Storgatan 5?\nKund: Ja.", "Storgatan 5"),
        ("Agent: Hej, jag ringer från elbolaget till dig i Umeå.\nKund: Ja?", "Umeå"),
        # a contract number names its holder: no reference word
        ("Agent: Avtalet har nummer SW-20931.\nKund: Okej.", "SW-20931"),
    ],
)
def test_personal_data_beside_the_companys_words_stays_redacted(detector, text, redacted):
    assert any(redacted in f for f in _found(detector, text)), redacted


def test_a_code_that_could_be_a_personnummer_is_no_reference():
    text = "Agent: Ärendenumret är åttioett noll ett noll ett tjugotre åttiosex.\nKund: Mm."
    start = text.index("åttioett")
    assert CompanyOwn(text).references == []
    assert not CompanyOwn(text).owns("SE_PERSONNUMMER", start, text.index(".", start))


def test_a_code_said_again_must_be_the_whole_code():
    """A piece of a reference said again elsewhere is not taken for the reference: a PIN "1234"
    beside ärende 12345 stays the caller's."""
    text = "Agent: Ärendenummer 12345.\nKund: Och min pinkod är 1234."
    own = CompanyOwn(text)
    pin = text.index("1234", text.index("pinkod"))
    assert own.owns("PERSONAL_DETAIL", text.index("12345"), text.index("12345") + 5)
    assert not own.owns("ACCESS_CODE", pin, pin + 4)


def test_long_input_is_linear():
    """A turn of thousands of code pieces after a reference word is read once."""
    import time

    text = "Agent: Ärendenummer " + " ".join(["A", "sju"] * 20000) + "\nKund: " + " ".join(["A", "sju"] * 20000)
    started = time.perf_counter()
    CompanyOwn(text)
    assert time.perf_counter() - started < 5


def test_a_reference_that_holds_a_value_found_as_personal_data_stays_redacted(config, tmp_path):
    """An OCR number built on the caller's customer number (blind set 2): the reference and its
    read-back stay redacted, and the call is stored, not quarantined (the leak check would find the
    customer number inside the reference)."""
    from redactor.evaluation import Document
    from redactor.evaluation_pipeline import evaluate_stored

    text = (
        "Agent: och ditt kundnummer?\nKund: sju noll fyra fyra tre tre\nAgent: 704433 tack\n"
        "Agent: betala till vårt bankgiro 5678-1234 och ange ocr 70443302250\nKund: kan du ta ocr igen\n"
        "Agent: sju noll fyra fyra tre tre noll två två fem noll\nKund: sju noll fyra fyra tre tre noll två två fem noll"
    )
    first = text.index("sju noll fyra fyra tre tre")
    doc = Document("ocr", text, [("CUSTOMER_NUMBER", first, first + 26)], [])
    result = evaluate_stored(config, [doc], tmp_path)
    assert result["quarantined"] == 0 and result["readable"] == 0
