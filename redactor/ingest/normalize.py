"""Unicode normalisation for detection, with a way back to the original offsets.

ASR output carries U+00A0, U+202F and U+2009 inside numbers ("070 123 45 67") and may carry
decomposed characters. Detection runs on NFC text with those spaces folded to ASCII space; every
normalised character remembers the original span it came from, so a finding maps back exactly.
"""

from __future__ import annotations

import unicodedata

import regex

from recognizers.fold import FoldedText

# Characters ASR and word processors put inside numbers and between words.
_SPACES = {"\u00a0", "\u202f", "\u2009", "\u2007", "\u2002", "\u2003", "\u200a", "\u3000"}
_DROP = {"\u200b", "\ufeff", "\u00ad"}  # zero-width space, BOM, soft hyphen
# Special spaces, dropped characters, and every character with a non-zero combining class (the
# `regex` module's Unicode data covers every such character of `unicodedata`'s, and newer ones).
_SPECIAL = regex.compile("[" + "".join(sorted(_SPACES | _DROP)) + r"]|\P{ccc=0}")


def _unchanged(text: str) -> bool:
    """`normalize` would return the text as it is with one-to-one offsets (most fields: ASCII, or
    NFC Swedish without combining marks), checked in C instead of the per-character loop below."""
    return text.isascii() or (unicodedata.is_normalized("NFC", text) and _SPECIAL.search(text) is None)


# The same offset map as the detection view's (a normalised text is folded once more there).
NormalizedText = FoldedText


def _clusters(text: str):
    """Yield (start, end) of each base character with its combining marks."""
    i, n = 0, len(text)
    while i < n:
        j = i + 1
        while j < n and unicodedata.combining(text[j]):
            j += 1
        yield i, j
        i = j


def normalize(text: str) -> NormalizedText:
    if _unchanged(text):
        n = len(text)
        return NormalizedText(text, tuple(range(n)), tuple(range(1, n + 1)), n)
    return normalize_by_cluster(text)


def normalize_by_cluster(text: str) -> NormalizedText:
    """The definition: each base character with its combining marks is one unit of the mapping."""
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    for i, j in _clusters(text):
        chunk = text[i:j]
        if chunk in _SPACES:
            chunk = " "
        elif chunk in _DROP:
            continue
        else:
            chunk = unicodedata.normalize("NFC", chunk)
        for ch in chunk:
            out.append(ch)
            starts.append(i)
            ends.append(j)
    return NormalizedText("".join(out), tuple(starts), tuple(ends), len(text))


def normalize_text(text: str) -> str:
    """The normalised string alone, for fields whose original offsets are not needed."""
    return text if _unchanged(text) else normalize_by_cluster(text).text
