"""spaCy components the analyzer appends to the shipped pipeline.

Presidio matches context words against token lemmas. A pipeline without a Swedish lemmatizer has
empty lemmas, so no Swedish context word would ever fire; the lowercased form is a good stand-in
(Presidio matches context words as substrings, so "personnumret" still contains "personnummer"'s stem
only if listed; recognizers list the inflected forms they need).
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


@Language.component("lower_lemmas")
def lower_lemmas(doc: Doc) -> Doc:
    for token in doc:
        if not token.lemma_:
            token.lemma_ = token.lower_
    return doc
