"""Pets' names: what the call gives its animals, and what it does not."""

import pytest

from recognizers.pets import is_pet, pet_names


@pytest.mark.parametrize(
    "text, names",
    [
        ("Kund: det gäller min hund Sixten som opererades förra veckan", {"sixten"}),
        ("Kund: Katten Sigge, tolv år. Och han äter inte.", {"sigge"}),
        ("Kund: ja, hunden heter Bamse, en golden retriever", {"bamse"}),
        ("Kund: Hästen som heter Doris har kolik", {"doris"}),
        ("kund: katten sixten har ont i tassen", {"sixten"}),
        ("Kund: hunden har ont i benet", set()),  # an everyday word, no name
        ("Kund: Jag har en katt. Fatima Benali heter jag.", set()),  # a sentence ends between
        ("Kund: min katt fatima benali heter jag", set()),  # a surname after it: a person
        # the speaker introduced, or someone spoken to, after the animal
        ("Kund: Hej, jag ringer om min hund, Eva heter jag.", set()),
        ("kund: hej jag ringer om min hund eva heter jag", set()),
        ("Kund: Ja hej, ringer om hästen Karin här.", set()),
        ("Agent: Och katten, Maria, hur gammal är hon?", set()),
    ],
)
def test_a_name_is_a_pets_where_the_call_says_so(text, names):
    assert pet_names(text) == names


def test_one_word_and_its_genitive_only():
    pets = frozenset({"bella"})
    assert is_pet("Bella", pets) and is_pet("Bellas", pets)
    assert not is_pet("Bella Svensson", pets)
    assert not is_pet("Lukas", frozenset({"luka"}))  # a name of its own, not Luka's


def test_a_name_a_rule_reads_as_someones_is_no_pet(detector):
    text = (
        "Agent: Djurkliniken, Maja.\nKund: Hej, det gäller min hund Eva.\nAgent: Och vad heter du?\n"
        "Kund: Eva.\nAgent: Tack Eva, och hunden?"
    )
    found = [text[d.start : d.end] for d in detector.detect(text) if d.entity_type == "PERSON"]
    assert "Eva" in found


def test_the_detector_keeps_the_owner_and_drops_the_pet(detector):
    text = (
        "Agent: Djurförsäkringar, Maja.\nKund: Hej, Tomas Wikström heter jag, det gäller min hund Sixten.\n"
        "Agent: Vad har hänt med Sixten?\nKund: Sixten haltar sen i söndags."
    )
    found = [text[d.start : d.end] for d in detector.detect(text) if d.entity_type == "PERSON"]
    assert "Tomas Wikström" in found and not any("Sixten" in f for f in found)
