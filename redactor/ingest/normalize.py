"""Unicode normalisation for detection, with a way back to the original offsets.

ASR output carries U+00A0, U+202F and U+2009 inside numbers ("070 123 45 67") and may carry
decomposed characters. Detection runs on NFC text with those spaces folded to ASCII space; every
normalised character remembers the original span it came from, so a finding maps back exactly.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

# Characters ASR and word processors put inside numbers and between words.
_SPACES = {"\u00a0", "\u202f", "\u2009", "\u2007", "\u2002", "\u2003", "\u200a", "\u3000"}
_DROP = {"\u200b", "\ufeff", "\u00ad"}  # zero-width space, BOM, soft hyphen


@dataclass(frozen=True)
class NormalizedText:
    text: str
    orig_start: tuple[int, ...]  # original start offset of each normalised character
    orig_end: tuple[int, ...]  # original end offset (exclusive) of each normalised character
    orig_length: int

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a normalised [start, end) span back to the original text."""
        if start >= end:
            pos = self.orig_start[start] if start < len(self.orig_start) else self.orig_length
            return pos, pos
        return self.orig_start[start], self.orig_end[end - 1]


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
    if text.isascii():
        return text
    return normalize(text).text
