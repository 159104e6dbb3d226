"""EMAIL_ADDRESS in written form.

Presidio's own EmailRecognizer calls tldextract, which fetches the public-suffix list over the
network on first use; this one validates the shape locally instead.
"""

from __future__ import annotations

import re
from typing import Optional

from presidio_analyzer import Pattern, PatternRecognizer

ENTITY = "EMAIL_ADDRESS"

_REGEX = r"(?<![\w.+-])[A-Za-z0-9ÅÄÖåäöéü._%+-]{1,64}@[A-Za-z0-9ÅÄÖåäö-]{1,63}(?:\.[A-Za-z0-9ÅÄÖåäö-]{1,63})*\.[A-Za-z]{2,24}(?![\w@])"
_TLD = re.compile(r"\.([A-Za-z]{2,24})$")

CONTEXT = ["e-post", "epost", "mejl", "mail", "mailadress", "e-postadress", "mejladress", "adress"]


def canonical(text: str) -> str:
    return text.strip().lower()


class EmailRecognizer(PatternRecognizer):
    PATTERNS = [Pattern("email (written)", _REGEX, 0.5)]

    def __init__(self, supported_language: str = "sv"):
        super().__init__(
            supported_entity=ENTITY,
            patterns=self.PATTERNS,
            context=CONTEXT,
            supported_language=supported_language,
            name="SvEmailRecognizer",
        )

    def validate_result(self, pattern_text: str) -> Optional[bool]:
        local, _, domain = pattern_text.rpartition("@")
        if not local or local.startswith(".") or local.endswith(".") or ".." in pattern_text:
            return False
        return bool(_TLD.search(domain))
