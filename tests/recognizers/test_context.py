"""Swedish context words change scores (lemmas are the lowercased tokens), and the detector as a
whole leaves the hard negatives of a call-centre transcript alone."""

from __future__ import annotations

import pytest


def by_type(detector, text):
    """Findings of the pattern recognizers (the NER model's names are measured elsewhere)."""
    return [
        (d.entity_type, text[d.start : d.end], d.score)
        for d in detector.detect(text)
        if d.recognizer != "SpacyRecognizer"
    ]


def test_context_word_raises_a_score(detector):
    # A customer number has a base score of 0.2: below the threshold on its own ...
    assert by_type(detector, "jag har 4471203 här") == []
    # ... and "kundnumret" before it (matched on the lowercased lemma) lifts it above.
    ((etype, text, score),) = by_type(detector, "Kundnumret är 4471203.")
    assert etype == "CUSTOMER_NUMBER" and text == "4471203" and score > 0.5


def test_context_word_for_giro_and_organisationsnummer(detector):
    from tests.recognizers.helpers import with_luhn

    bg = with_luhn("5050105")
    assert by_type(detector, f"betala {bg[:4]}-{bg[4:]} nu") == []
    assert [t for t, _, _ in by_type(detector, f"mitt bankgiro är {bg[:4]}-{bg[4:]}")] == ["SE_BANKGIRO"]
    # a depå's or an ISK's number is an account's; the word alone takes no number
    text = "Agent: Bra. Depånumret blir 9570 112 448 06, och avtalet ligger i appen."
    assert [(t, v) for t, v, _ in by_type(detector, text)] == [("SE_BANK_ACCOUNT", "9570 112 448 06")]
    assert by_type(detector, "Agent: Depån kostar 0 kronor, courtaget är 69 kronor, vi har 1200 fonder.") == []
    # "depå" inside other words is no account's word
    assert by_type(detector, "Agent: Bussdepån har hittegods, ditt ärende är 2024 556 812.") == []
    org = with_luhn("556614270")
    assert by_type(detector, f"jag har {org} här") == []
    assert [t for t, _, _ in by_type(detector, f"organisationsnumret är {org}")] == ["SE_ORGANISATIONSNUMMER"]


@pytest.mark.parametrize(
    "text",
    [
        "Fakturan på 1 250 kronor förföll den 15 mars.",
        "Det blir 349,50 kr inklusive moms, alltså 25 procent.",
        "Just nu ligger spotpriset på 42,5 öre per kilowattimme plus påslag.",
        "Mätarställningen är 45 872.",
        "mätarställningen är fyrtiofem tusen åttahundrasjuttiotvå",
        "Din förbrukning förra året var 18 450 kWh.",
        "Avläsningen gjordes 2024-03-15 klockan 08.30.",
        "Du har en säkring på 16 ampere, eller 20A om du uppgraderar.",
        "Fakturanummer 20240312345, och OCR-numret är 84711203958.",
        "ocr numret är 8804132382",
        "Vi har öppet mellan klockan åtta och fem, ring tillbaka i morgon vid tio.",
        "Elområde 3, huvudsäkringen är 25 ampere och villan är 140 kvadrat.",
        "Ditt månadsbelopp blir 1 120 kronor och 39 öre i fast avgift per dag.",
        "Det står 45872 ... 4 587 nej 45872.",
    ],
)
def test_hard_negatives_not_redacted(detector, text):
    assert by_type(detector, text) == []
