"""The company's own numbers (config allowlist) are never redacted: every numeric type, written
in any grouping or spoken; the customer's numbers next to them still are."""

from __future__ import annotations

import pytest

from recognizers.allowlist import AllowlistFilter
from tests.recognizers.helpers import with_luhn

SWITCHBOARD = "08-465 004 80"  # PTS fiction series
ORGNR = with_luhn("556614270")
ORGNR_DASH = f"{ORGNR[:6]}-{ORGNR[6:]}"
BANKGIRO = with_luhn("5050105")
BANKGIRO_DASH = f"{BANKGIRO[:4]}-{BANKGIRO[4:]}"


@pytest.fixture(scope="module")
def detector(config):
    from redactor.detect import Detector

    return Detector(config.model_path, 0.5, [SWITCHBOARD, ORGNR_DASH, BANKGIRO_DASH, "kundtjanst@norrsken.example"])


def test_filter_matches_digits_in_any_form():
    f = AllowlistFilter([SWITCHBOARD, ORGNR_DASH])
    for form in [
        "08-465 004 80",
        "0846500480",
        "+46 8 465 004 80",
        "08 46 50 04 80",
        "noll åtta fyrtiosex femtio noll fyra åttio",
        "noll åtta fyra sex fem noll noll fyra åtta noll",
    ]:
        assert f.allows("PHONE_NUMBER", form), form
    assert f.allows("SE_ORGANISATIONSNUMMER", ORGNR) and f.allows("SE_ORGANISATIONSNUMMER", f"{ORGNR[:6]} {ORGNR[6:]}")
    assert not f.allows("PHONE_NUMBER", "070-174 06 55")


@pytest.mark.parametrize(
    "text, company",
    [
        (f"Ring vår växel på {SWITCHBOARD}.", SWITCHBOARD),
        (
            "Du når kundtjänst på noll åtta fyrtiosex femtio noll fyra åttio.",
            "noll åtta fyrtiosex femtio noll fyra åttio",
        ),
        ("ring oss på +46 8 465 004 80", "+46 8 465 004 80"),
        (f"Vårt organisationsnummer är {ORGNR_DASH}.", ORGNR_DASH),
        (f"organisationsnummer {ORGNR}", ORGNR),
        (f"Betala till bankgiro {BANKGIRO_DASH}.", BANKGIRO_DASH),
        ("Mejla kundtjanst@norrsken.example", "kundtjanst@norrsken.example"),
    ],
)
def test_company_numbers_not_redacted(detector, text, company):
    start = text.index(company)
    # Whatever else the name model makes of the sentence, nothing touches the company's value.
    assert not [d for d in detector.detect(text) if d.start < start + len(company) and start < d.end]
    assert not [d for d in detector.detect(text) if not d.from_model]


def test_customer_numbers_next_to_company_ones_still_found(detector):
    text = f"Vår växel är {SWITCHBOARD}, men ditt nummer är 070-174 06 55."
    dets = detector.detect(text)
    assert [(d.entity_type, text[d.start : d.end]) for d in dets] == [("PHONE_NUMBER", "070-174 06 55")]


def test_filter_tries_every_reading_of_a_spoken_number():
    # "sjuttio ett" may be 71 or "70, 1": a company number needing the second reading still matches
    f = AllowlistFilter(["0771-70 10 00"])
    assert f.allows("PHONE_NUMBER", "noll sju sju ett sjuttio ett noll noll noll")
    assert f.allows("PHONE_NUMBER", "noll sju sju ett, sjuttio, tio, noll noll")
    assert not f.allows("PHONE_NUMBER", "noll sju sju ett sjuttio två noll noll noll")


def test_a_company_value_shaped_as_the_customers_is_no_echo_of_it(detector):
    """The echo step (a number grouped as a value found beside it) keeps to the allowlist too."""
    text = f"Kund: vårt bankgiro är {BANKGIRO_DASH} nej vänta det är ert, vårt är 5402-9681"
    found = [(d.entity_type, text[d.start : d.end]) for d in detector.detect(text) if not d.from_model]
    assert found == [("SE_BANKGIRO", "5402-9681")]
