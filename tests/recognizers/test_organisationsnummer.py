"""SE_ORGANISATIONSNUMMER: forms, Luhn and group/third-digit rules, never a mobile number."""

from __future__ import annotations

import random

import pytest

from recognizers import canonical_value
from recognizers.organisationsnummer import (
    ENTITY,
    KlangOrganisationsnummerRecognizer,
    KlangSpokenOrganisationsnummerRecognizer,
    is_valid,
    is_valid_digits,
)
from tests.recognizers.helpers import found, with_luhn, with_wrong_luhn

ORG = with_luhn("556614270")  # made-up aktiebolag number with a valid check digit


@pytest.fixture(scope="module")
def recs():
    return KlangOrganisationsnummerRecognizer(), KlangSpokenOrganisationsnummerRecognizer()


def dash(n: str) -> str:
    return f"{n[:6]}-{n[6:]}"


@pytest.mark.parametrize("value", [dash(ORG), f"16{dash(ORG)}", f"{ORG[:6]} - {ORG[6:]}"])
def test_dash_forms_alone(recs, value):
    assert found(recs, f"Det är {value}.") == [(ENTITY, value)]


def test_compact_and_spoken_forms_score_low_until_context():
    rec = KlangOrganisationsnummerRecognizer()
    (r,) = rec.analyze(f"nummer {ORG}", [ENTITY])
    assert r.score < 0.5  # needs "organisationsnummer" nearby (Presidio's context enhancer)
    spoken = KlangSpokenOrganisationsnummerRecognizer()
    words = (
        "fem fem sex sex ett fyra två sju noll "
        + ["noll", "ett", "två", "tre", "fyra", "fem", "sex", "sju", "åtta", "nio"][int(ORG[-1])]
    )
    (r,) = spoken.analyze(f"organisationsnumret är {words}", [ENTITY])
    assert r.score < 0.5


@pytest.mark.parametrize(
    "digits",
    [
        with_wrong_luhn("556614270"),  # check digit
        with_luhn("551614270"),  # third digit 1: a personnummer month, not an organisation
        with_luhn("056614270"),  # group 0 does not exist (and this is how phone numbers start)
        with_luhn("456614270"),  # group 4 does not exist
    ],
)
def test_validation_failures(digits):
    assert not is_valid_digits(digits)
    assert not is_valid(dash(digits))


def test_no_mobile_number_is_an_organisationsnummer():
    rng = random.Random(1)
    mobiles = [rng.choice(["070", "072", "073", "076", "079"]) + f"{rng.randrange(10**7):07d}" for _ in range(5000)]
    assert sum(is_valid_digits(m) for m in mobiles) == 0  # Presidio's check accepts about 8 %


def test_canonical():
    assert canonical_value(ENTITY, f"16{ORG}") == dash(ORG) == canonical_value(ENTITY, f"{ORG[:6]} {ORG[6:]}")


def test_a_vat_number_holds_the_organisationsnummer_also_a_sole_trader_s(recs):
    sole_trader = "SE" + with_luhn("870310238") + "01"  # a personnummer-shaped organisationsnummer
    assert found(recs, f"Momsregistreringsnumret är {sole_trader}.") == [(ENTITY, sole_trader)]
    assert found(recs, "Momsregistreringsnumret är SE" + with_wrong_luhn("870310238") + "01.") == []
