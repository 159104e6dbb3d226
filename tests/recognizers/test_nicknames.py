"""PERSON: the short forms of first names ("Maggan", "Tobbe"). Made-up people."""

from __future__ import annotations

import pytest

from recognizers.introduction import common_word
from recognizers.lexicon import shipped_lexicon
from recognizers.nicknames import KlangCalledNameRecognizer, KlangNicknameRecognizer, nicknames


def found(text: str) -> list[str]:
    return [text[r.start : r.end] for r in KlangNicknameRecognizer().analyze(text, ["PERSON"])]


@pytest.mark.parametrize(
    "text, names",
    [
        ("Jo, du vet festen på lördag för Sebbe, jag har inte fått adressen.", ["Sebbe"]),
        ("ja jag har gått till tessan", ["tessan"]),
        ("Maggan skötte allt, det var Tobbes bil.", ["Maggan", "Tobbes"]),
    ],
)
def test_found(text, names):
    assert found(text) == names


def test_not_inside_words_or_hyphenated():
    assert found("Mickes-bilar, tobbeland och miniMaggan.") == []


def test_the_list_holds_no_common_word_and_no_lexicon_word():
    # the lexicon's words are the name model's; a common word would cost the analysts a word
    words = nicknames()
    assert len(words) == len(set(words)) >= 40
    assert [w for w in words if common_word(w) or w in shipped_lexicon()] == []


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("ja det står på hans lista under namnet malle", ["malle"]),
        ("barnen kallar henne farmor bitte", ["farmor bitte"]),
        ("vi kallar honom kalle på jobbet", ["kalle"]),
        ("vi kallar dem ofta så", []),  # a common word
        # a membership, an account, a dog the lexicon does not know
        ("du har medlemskapet som kallas flex och kontot under namnet buffert", []),
        ("han heter zeppo men vi kallar honom zeppe", []),
        ("vad var namnet på appen", []),
    ],
)
def test_the_name_someone_goes_by(text, names):
    assert [text[r.start : r.end] for r in KlangCalledNameRecognizer().analyze(text, ["PERSON"])] == names
