"""`his_before`: when "hans" is "his" and when it is the name Hans."""

import pytest

from recognizers.introduction import his_before


@pytest.mark.parametrize(
    "word, next_word, his",
    [
        ("hans", "lönekonto", True),
        ("Hans", "storasyster", True),
        ("hans", "persson", False),  # a surname
        ("Hans", "Persson", False),
        ("hans", "ringde", False),  # a verb: the name as the subject
        ("hans", "är", False),
        ("hanna", "lönekonto", False),
    ],
)
def test_hans_is_his_before_what_he_has(word, next_word, his):
    assert his_before(word, next_word) is his
