"""spaCy components the analyzer appends to the shipped pipeline.

`name_shape` drops entities that cannot be a name or a place: the model judges an unknown token
partly by its shape and now and then tags a file name, web address or reference code.
`not_names` trims discourse words off the edges of a person or place ("Jaha", "Toppen Sofia") and
drops services, countries and regions (redactor/detect/not_names.py: "Kivra", "Sveriges", "hela
Västra Götaland"), which the news-trained model takes for names in call-centre speech.
`name_particles` extends a person over a following surname with an Arabic article or kinship
particle ("Ida Al-Hassan", "Omar El-Sayed"), which the model leaves out of the span.

Presidio matches context words against token lemmas. A pipeline without a Swedish lemmatizer has
empty lemmas, so no Swedish context word would ever fire; the lowercased form is a good stand-in
(Presidio matches context words as substrings, so "personnumret" still contains "personnummer"'s stem
only if listed; recognizers list the inflected forms they need).
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from redactor.detect.not_names import DISCOURSE, ENGLISH_WORDS, is_not_name, is_word_here


@Language.component("lower_lemmas")
def lower_lemmas(doc: Doc) -> Doc:
    for token in doc:
        if not token.lemma_:
            token.lemma_ = token.lower_
    return doc


# A name or place can hold letters and the hyphen, apostrophe, dot and colon of "Berg-Lind",
# "O'Brien", "J. Berg", "SVT:s"; a digit, "/", "@", "_", "#" or a dotted word ("klang-energi.se",
# "export.json") makes it a code, file name or address.
_NOT_A_NAME = re.compile(r"[\d/@_#\\]|[^\W\d_]{2}\.[^\W\d_]")


@Language.component("name_shape")
def name_shape(doc: Doc) -> Doc:
    kept = [ent for ent in doc.ents if not _NOT_A_NAME.search(ent.text)]
    if len(kept) < len(doc.ents):
        doc.ents = kept
    return doc


# A surname beginning with an article or kinship particle and a hyphen: Al-Hassan, el-sayed, Abu-Bakr.
_PARTICLE_SURNAME = re.compile(r"(?:al|el|abu|abd|bin|ben|ibn|bint)-[^\W\d_]{2,}", re.IGNORECASE)


@Language.component("name_particles")
def name_particles(doc: Doc) -> Doc:
    ents = list(doc.ents)
    changed = False
    for i, ent in enumerate(ents):
        nxt = doc[ent.end] if ent.end < len(doc) else None
        if (
            ent.label_ in ("PER", "PERSON")
            and nxt is not None
            and _PARTICLE_SURNAME.fullmatch(nxt.text)
            and not any(other.start <= nxt.i < other.end for other in ents)
        ):
            ents[i] = Span(doc, ent.start, ent.end + 1, label=ent.label)
            changed = True
    if changed:
        doc.ents = ents
    return doc


_NAME_LABELS = ("PER", "PERSON", "LOC", "LOCATION")


def _edge_word(token: Token) -> bool:
    return token.lower_ in DISCOURSE or token.is_punct or token.is_space


# Whose relative someone is, before or after the name: "min bror Anders", "jag och Elsas mamma", "det
# är jessica mamma till leo" (in lowercase: "Son" and "Nana" are names too).
_KIN = frozenset(
    "mamma pappa mormor morfar farmor farfar moster faster morbror farbror syster bror storasyster "
    "lillasyster storebror lillebror dotter kusin sambo fru make maka".split()
)


_SENTENCE_ENDS = frozenset(".!?:")


def _care_of(token: Token) -> bool:
    """The "o" of "c/o Nyberg"."""
    return token.lower_ == "o" and token.i > 0 and token.nbor(-1).text.endswith("/")


@Language.component("not_names")
def not_names(doc: Doc) -> Doc:
    kept, changed = [], False
    for ent in doc.ents:
        if ent.label_ not in _NAME_LABELS:
            kept.append(ent)
            continue
        start, end = ent.start, ent.end
        while start < end and (_edge_word(doc[start]) or doc[start].text in _KIN or _care_of(doc[start])):
            start += 1
        opens = start == 0 or doc[start - 1].text in _SENTENCE_ENDS or "\n" in doc[start - 1].text
        # the English "my wife" before the name: "My wife Nasrin can take key"
        if end - start >= 2 and is_word_here(doc[start].text, doc[start + 1].text, opens):
            start += 2
        while end > start and (_edge_word(doc[end - 1]) or doc[end - 1].text in _KIN):
            end -= 1
        after = doc[end].text if end < len(doc) else ""
        if (
            start == end
            or is_not_name(doc[start:end].text)
            or is_word_here(doc[start:end].text, after, opens)
            or any(t.lower_ in ENGLISH_WORDS for t in doc[start:end])  # "end of the month"
        ):
            changed = True
            continue
        if (start, end) != (ent.start, ent.end):
            ent, changed = Span(doc, start, end, label=ent.label), True
        kept.append(ent)
    if changed:
        doc.ents = kept
    return doc
