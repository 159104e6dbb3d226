"""USERNAME: a user, account or network name written as one token ("kattis_62", "hallberg_5g",
"goran.ekstrom48").

Speech-to-text writes what a caller reads off a screen as they read it: a name with an
underscore, or with a dot and digits, is a handle someone chose, and most hold their name or
year of birth ("Wikström_hemma"). Only tokens in lowercase after their first letter, with three
letters or more before the first separator, are taken (not the placeholders:
"<EMAIL_ADDRESS_1>"), so abbreviations ("t.ex.", "o.s.v."), versions ("v2.1"), file names and
domains without digits ("faktura.pdf", "telia.se") are left; an e-mail address is the e-mail
recognizer's.
"""

from __future__ import annotations

import re

from presidio_analyzer import Pattern, PatternRecognizer

ENTITY = "USERNAME"
# a word of letters (and digits), then pieces joined by "_" or "."; not inside an e-mail address or a URL
_HANDLE_REGEX = r"(?<![\w@./-])(?!www\.)[A-ZÅÄÖa-zåäö][a-zåäö]{2,}[a-zåäö0-9]*(?:[._][a-zåäö0-9]+)+(?![\w@/-]|\.\w)"
_HANDLE = re.compile(_HANDLE_REGEX)
_FILE_ENDINGS = frozenset("pdf doc docx xls xlsx txt jpg jpeg png gif zip csv html htm exe".split())


def is_handle(token: str) -> bool:
    """A handle has an underscore, or a dot and a digit; not a file's name."""
    if _HANDLE.fullmatch(token) is None or token.rsplit(".", 1)[-1] in _FILE_ENDINGS:
        return False
    return "_" in token or any(ch.isdigit() for ch in token)


class KlangHandleRecognizer(PatternRecognizer):
    PATTERNS = [Pattern("user or network name (written)", _HANDLE_REGEX, 0.5)]

    def __init__(self, supported_language: str = "sv"):
        super().__init__(
            supported_entity=ENTITY,
            patterns=self.PATTERNS,
            supported_language=supported_language,
            name=type(self).__name__,
            global_regex_flags=re.DOTALL | re.MULTILINE,  # case matters: "EMAIL_ADDRESS" is no handle
        )

    def may_match(self, text: str) -> bool:
        """Cheap gate: a handle has an underscore or a dot."""
        return "_" in text or "." in text

    def validate_result(self, pattern_text: str) -> bool | None:
        return is_handle(pattern_text)
