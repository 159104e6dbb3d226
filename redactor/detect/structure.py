"""Names known from the call's structure rather than its text.

Klang's `participants[].name` is a resolved real name, speaker labels are often names
("Sofia Ekström:"), and exports carry agent/caller names in metadata. These are PERSON findings by
position, whatever the model thinks of the text; generic labels ("Talare 2", "Agent", "spk_0") and
relations ("Pappa", "Dotter") are not.
"""

from __future__ import annotations

import re

from redactor.detect.analyzer import Detection

RECOGNIZER = "CallStructure"
_ROLE_WORDS = (
    r"(?:talare|speaker|spk|agent|kund|customer|caller|handläggare|operatör|operator|kundtjänst|support|säljare|ch|"
    r"channel|"
    # a speaker labelled by who they are to the caller ("Pappa: Nittonhundrafemtiotvå."): no name
    r"pappa|mamma|far|mor|dotter|son|bror|syster|fru|make|maka|man|sambo|partner|farmor|mormor|farfar|morfar|"
    r"barn|granne|grannen|tolk|anhörig|vårdnadshavare|förälder)"
)
_GENERIC = re.compile(rf"^\s*(?:{_ROLE_WORDS}?[\s_-]*\d*|[A-Za-z])\s*$", re.IGNORECASE)
_LEADING_ROLE = re.compile(rf"^\s*{_ROLE_WORDS}\b[\s:_-]*", re.IGNORECASE)
_NAME_METADATA = re.compile(
    r"(?:^|[._\]])(?:agent|agent_name|caller_name|customer_name|kund|namn|name|handläggare)$", re.IGNORECASE
)


def _name_span(text: str) -> tuple[int, int] | None:
    if not text.strip() or _GENERIC.match(text):
        return None
    lead = _LEADING_ROLE.match(text)
    start = lead.end() if lead else len(text) - len(text.lstrip())
    end = len(text.rstrip())
    if start >= end or not any(ch.isalpha() for ch in text[start:end]):
        return None
    return start, end


def structural_detections(texts: dict[str, str]) -> dict[str, list[Detection]]:
    out: dict[str, list[Detection]] = {}
    for name, text in texts.items():
        is_name_field = (
            name.startswith("participants[")
            or name.endswith(".speaker")
            or (name.startswith("metadata.") and _NAME_METADATA.search(name[len("metadata.") :]))
        )
        if not is_name_field:
            continue
        span = _name_span(text)
        if span:
            out[name] = [Detection("PERSON", span[0], span[1], 1.0, RECOGNIZER)]
    return out
