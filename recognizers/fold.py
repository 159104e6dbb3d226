"""The detection view of a text: what a person reads, with a map back to the original characters.

People and exporters write numbers in many alphabets and with many invisible or look-alike
characters. A reader sees "８８０４１３–２３８２" or "880413\u200d2382" as a personnummer; a regex over
the raw text does not, and `ord(ch) - 48` is no digit value. Recognizers therefore run on a folded
view, and every folded character remembers which original characters it came from:

- NFKC per character (fullwidth and mathematical digits and letters, "＠", "﹫", ligatures);
- every Unicode decimal digit as its ASCII digit (Arabic-Indic, Persian, Devanagari, ...:
  `unicodedata.decimal`, then `unicodedata.digit` for circled or superscript forms);
- format characters (category Cf: U+200B-U+200F, U+2060, soft hyphen, BOM) and stray marks
  (U+034F, variation selectors) dropped; diacritics dropped unless they make a Swedish letter
  (å, ä, ö), so "te\u0301lia" and "télia" read as "telia" and "8\u03018" as "88";
- every dash and hyphen (category Pd, U+2212 minus, U+02D7, U+2043, the katakana long-vowel mark
  and box-drawing lines that look like one) as "-", every space
  separator as " ", line and paragraph separators as a line break;
- full stops of other scripts ("。", "｡", "·") as ".", and the Cyrillic and Greek letters that look
  like Latin ones ("о", "е", "а", "ο", ...) as those Latin letters, and the Turkish dotless "ı" as
  "i" ("Aydın" reads as "Aydin").

Plain ASCII and NFC Swedish text is its own view (checked once in C, no per-character work).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import regex

# Letters whose diacritic is part of the Swedish alphabet (the model and context words need them).
_KEEP_ACCENTED = set("åäöÅÄÖ")
_DASHES = {"\u2212", "\u02d7", "\u2043", "\u2796", "\ufe63", "\uff0d", "\u30fc", "\uff70", "\u2500", "\u2501"}
_FULL_STOPS = {"\u3002", "\uff61", "\ufe12", "\u00b7", "\u2219", "\u22c5", "\u2024"}
_SLASHES = {"\u2044", "\u2215", "\u29f8"}
# Cyrillic and Greek letters a reader takes for Latin ones (Unicode confusables, the common part).
_HOMOGLYPHS = dict(
    zip(
        "аеорсухіјѕԁԛԝһӏАВЕКМНОРСТХІЈЅԜοαειкνρτυχΑΒΕΖΗΙΚΜΝΟΡΤΥΧı",
        "aeopcyxijsdqwhlABEKMHOPCTXIJSWoaeikvptuxABEZHIKMNOPTYXi",
    )
)
# Anything outside ASCII and the Swedish letters may need folding.
_MAY_CHANGE = regex.compile(r"[^\x00-\x7fåäöÅÄÖ]")


@dataclass(frozen=True)
class FoldedText:
    text: str
    orig_start: tuple[int, ...]  # original start offset of each folded character
    orig_end: tuple[int, ...]  # original end offset (exclusive) of each folded character
    orig_length: int
    changed: bool = True  # False: the text is its own view (the offset tuples are left empty)

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Original span of a folded [start, end): from the first character's origin to the end of
        the last one's, so characters dropped inside the value are covered too."""
        if not self.changed:
            return start, end
        if start >= end:
            pos = self.orig_start[start] if start < len(self.orig_start) else self.orig_length
            return pos, pos
        return self.orig_start[start], self.orig_end[end - 1]


def _is_mark(ch: str) -> bool:
    return unicodedata.category(ch)[0] == "M"


@lru_cache(maxsize=4096)
def fold_char(ch: str) -> str:
    """The folded form of one character (empty when it is dropped)."""
    if ch.isascii() or ch in _KEEP_ACCENTED:
        return ch
    cat = unicodedata.category(ch)
    if cat == "Cf" or cat[0] == "M":
        return ""
    if cat == "Zs":
        return " "
    if cat in ("Zl", "Zp") or ch == "\x85":  # U+0085 NEXT LINE is a line break too
        return "\n"
    if cat == "Cc":  # other C1 controls: a break between words, never part of one
        return " "
    if cat == "Pd" or ch in _DASHES:
        return "-"
    value = unicodedata.decimal(ch, None)
    if value is None:
        value = unicodedata.digit(ch, None)
    if value is not None:
        return str(value)
    if ch in _FULL_STOPS:
        return "."
    if ch in _SLASHES:
        return "/"
    if ch in _HOMOGLYPHS:
        return _HOMOGLYPHS[ch]
    nfkc = unicodedata.normalize("NFKC", ch)
    if nfkc != ch:
        return "".join(fold_char(c) for c in nfkc)
    if cat[0] == "L":
        base = "".join(c for c in unicodedata.normalize("NFD", ch) if not _is_mark(c))
        if base and base != ch:
            return "".join(fold_char(c) for c in base)
    return ch


def _cluster_end(text: str, i: int) -> int:
    j = i + 1
    while j < len(text) and _is_mark(text[j]):
        j += 1
    return j


def fold(text: str) -> FoldedText:
    """The detection view of `text` with its offset map. Stretches that need no folding are
    copied whole; only the characters `_MAY_CHANGE` finds (with their marks) are looked at."""
    n = len(text)
    hit = _MAY_CHANGE.search(text)
    if hit is None:
        return FoldedText(text, (), (), n, changed=False)
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    pos = 0
    while hit is not None:
        i = hit.start()
        # A mark right after an unchanged letter belongs to that letter's cluster.
        base = i - 1 if i > pos and _is_mark(text[i]) else i
        out.append(text[pos:base])
        starts.extend(range(pos, base))
        ends.extend(range(pos + 1, base + 1))
        j = _cluster_end(text, base)
        if j > base + 1:
            # A base with combining marks: a Swedish letter if it composes to one, else the base.
            composed = unicodedata.normalize("NFC", text[base:j])
            piece = composed if composed in _KEEP_ACCENTED else fold_char(text[base])
        else:
            piece = fold_char(text[base])
        out.append(piece)
        starts.extend([base] * len(piece))
        ends.extend([j] * len(piece))
        pos = j
        hit = _MAY_CHANGE.search(text, pos)
    out.append(text[pos:])
    starts.extend(range(pos, n))
    ends.extend(range(pos + 1, n + 1))
    folded = "".join(out)
    return FoldedText(folded, tuple(starts), tuple(ends), n, changed=folded != text)


def fold_text(text: str) -> str:
    """The folded string alone."""
    return text if _MAY_CHANGE.search(text) is None else fold(text).text


def unaccented(word: str) -> str:
    """The word without any diacritic, the Swedish letters' too ("Björkman" is "Bjorkman"), as user
    names and e-mail addresses write names."""
    return "".join(c for c in unicodedata.normalize("NFD", word) if not unicodedata.combining(c))


def ascii_digits(text: str) -> str:
    """Every digit of the text, of any script, as ASCII digits in order."""
    return "".join(ch for ch in fold_text(text) if "0" <= ch <= "9")
