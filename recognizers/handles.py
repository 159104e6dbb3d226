"""USERNAME: a user, account or network name written as one token ("kattis_62", "hallberg_5g",
"goran.ekstrom48").

Speech-to-text writes what a caller reads off a screen as they read it: a name joined by an
underscore or a dot with digits in it ("kattis_62", "goran.ekstrom48"), or a capitalised name
before an underscore ("Wikström_hemma"), is a handle someone chose, and most hold their name or
year of birth. Only tokens in lowercase after their first letter, with three letters or more
before the first separator, are taken (not the placeholders: "<EMAIL_ADDRESS_1>"), so
abbreviations ("t.ex."), versions ("v2.1"), file names ("faktura.pdf"), domains without digits
("telia.se"), the export's field names ("caller_number"), speaker ids ("spk_0") and ids a system made
("conv_7f3a91c2", "rec_20240101", "klang_page_2026": one separator only) are left; an e-mail address is the e-mail recognizer's.
"""

from __future__ import annotations

import re

from presidio_analyzer import Pattern, PatternRecognizer

ENTITY = "USERNAME"
# a word of letters (and digits), then pieces joined by "_" or "."; not inside an e-mail address or a URL
# (not in an id read with its joiners as spaces or ";", "klang page_2026 11 24.json": where a number
# goes on after a space, or a ";" joins)
_HANDLE_REGEX = (
    r"(?<![\w@./;-])(?!www\.)[A-ZÅÄÖa-zåäö][a-zåäö]{2,}[a-zåäö0-9]*(?:[._][a-zåäö0-9]+)+(?![\w@/;-]|\.\w|[ ]+\d)"
)
_HANDLE = re.compile(_HANDLE_REGEX)
_SYSTEM_WORDS = frozenset(
    "spk speaker talare channel kanal agent caller customer kund user conv call rec seg segment track page file".split()
)
_FILE_ENDINGS = frozenset("pdf doc docx xls xlsx txt jpg jpeg png gif zip csv html htm exe".split())


# a part of a system's own id: hex, or digits and letters mixed at length ("conv_7f3a91c2"); or six
# digits or more ("rec_20240101")
_GENERATED = re.compile(r"(?=[a-z]*\d)(?=\d*[a-z])[0-9a-z]{6,}")


def is_handle(token: str) -> bool:
    """A handle has a digit, or a capital and an underscore; not a file's name nor an id a system made."""
    parts = re.split(r"[._]", token)
    # one separator: more is a system's naming ("klang_page_2026", "export_2024_11")
    if _HANDLE.fullmatch(token) is None or len(parts) > 2 or parts[-1] in _FILE_ENDINGS:
        return False
    if parts[0].lower() in _SYSTEM_WORDS:  # a speaker's or a record's id: "spk_0", "conv_12"
        return False
    if any(
        (_GENERATED.fullmatch(p) and sum(ch.isdigit() for ch in p) >= 3) or (p.isdigit() and len(p) >= 6)
        for p in parts[1:]
    ):
        return False
    # a digit, or a name before the underscore ("Wikström_hemma"); "caller_number" is a field's name
    return any(ch.isdigit() for ch in token) or ("_" in token and token[0].isupper())


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
