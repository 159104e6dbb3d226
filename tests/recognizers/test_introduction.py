"""`his_before`: when "hans" is "his" and when it is the name Hans."""

import pytest

from recognizers.introduction import his_before


@pytest.mark.parametrize(
    "word, next_word, opens, his",
    [
        ("hans", "lönekonto", False, True),  # a compound of what someone has
        ("hans", "storasyster", False, True),
        ("Hans", "e-post", True, True),  # capitalised where a sentence opens
        ("Hans", "personnummer", False, False),  # ... in mid-sentence it is the name
        ("hans", "malmsten", False, False),  # a surname no list has
        ("hans", "ringde", False, False),
        ("Hans", "tar", True, False),
        ("hanna", "lönekonto", False, False),
    ],
)
def test_hans_is_his_before_what_he_has(word, next_word, opens, his):
    assert his_before(word, next_word, opens) is his
