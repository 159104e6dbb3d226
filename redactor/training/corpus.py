"""Readers for the NER corpora and conversion to spaCy Docs / DocBins.

Both corpora tag each token with a bare label (no BIO): consecutive tokens with the same label
form one entity. That merges two adjacent names of the same type, which is rare and the best we
can do without B-/I- information.
"""

from __future__ import annotations

import json
import random
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from spacy.tokens import Doc, DocBin, Span
from spacy.vocab import Vocab

# Labels the model is trained on. SUC's TME/MSR/WRK/... are outside this set and count as O.
LABELS = ("PER", "LOC", "ORG", "MISC")
OUTSIDE = {"O", "0", ""}

# Tokens that carry no glue to the previous token when we rebuild running text.
_NO_SPACE_BEFORE = re.compile(r"^[.,:;!?)\]}»”’%…]+$")
_PUNCT = re.compile(r"^\W+$")


@dataclass
class Sentence:
    words: list[str]
    tags: list[str]  # one bare label per word, "O" outside


def read_tsv(path: str | Path, limit: int | None = None) -> Iterator[Sentence]:
    """Webbnyheter 2012 format: token, whitespace, tag; blank line between sentences, '0' means outside."""
    words: list[str] = []
    tags: list[str] = []
    count = 0
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            line = line.rstrip("\n")
            if not line.strip():
                if words:
                    yield Sentence(words, tags)
                    count += 1
                    if limit is not None and count >= limit:
                        return
                words, tags = [], []
                continue
            # Train is TAB-separated, test uses a run of spaces: split on the last whitespace.
            parts = line.rsplit(None, 1)
            if len(parts) != 2:
                continue
            token, tag = parts
            # A soft hyphen sometimes prefixes tokens in this corpus; it is invisible noise.
            token = token.replace("\u00ad", "") or token
            if not token:
                continue
            words.append(token)
            tags.append(_norm_tag(tag))
    if words:
        yield Sentence(words, tags)


def read_suc_jsonl(path: str | Path, limit: int | None = None) -> Iterator[Sentence]:
    """SUC 3.0 dev as published by kb-labb: {"tokens": [...], "ner_tags": [...]} per line."""
    with open(path, encoding="utf-8") as fh:
        for i, line in enumerate(fh):
            if limit is not None and i >= limit:
                return
            if not line.strip():
                continue
            rec = json.loads(line)
            yield Sentence(list(rec["tokens"]), [_norm_tag(t) for t in rec["ner_tags"]])


def _norm_tag(tag: str) -> str:
    tag = tag.strip()
    if tag in OUTSIDE:
        return "O"
    # Tolerate BIO input too, should a future corpus version carry it.
    if tag[:2] in ("B-", "I-"):
        tag = tag[2:]
    return tag


def tag_spans(tags: list[str], labels: Iterable[str] = LABELS) -> list[tuple[int, int, str]]:
    """Token spans (start, end_exclusive, label) for runs of equal labels within `labels`."""
    keep = set(labels)
    spans: list[tuple[int, int, str]] = []
    i = 0
    while i < len(tags):
        tag = tags[i]
        j = i + 1
        while j < len(tags) and tags[j] == tag:
            j += 1
        if tag != "O" and tag in keep:
            spans.append((i, j, tag))
        i = j
    return spans


def guess_spaces(words: list[str]) -> list[bool]:
    """Plausible whitespace so doc.text reads like running text."""
    spaces = []
    for i, _ in enumerate(words):
        nxt = words[i + 1] if i + 1 < len(words) else None
        spaces.append(nxt is not None and not _NO_SPACE_BEFORE.match(nxt))
    return spaces


def sentence_to_doc(vocab: Vocab, sent: Sentence, labels: Iterable[str] = LABELS) -> Doc:
    doc = Doc(vocab, words=sent.words, spaces=guess_spaces(sent.words))
    doc.ents = [Span(doc, s, e, label=lab) for s, e, lab in tag_spans(sent.tags, labels)]
    return doc


def asr_variant(sent: Sentence, rng: random.Random, drop_punct: bool | None = None) -> Sentence:
    """Lowercased copy, optionally without punctuation, the way raw ASR output looks."""
    if drop_punct is None:
        drop_punct = rng.random() < 0.5
    words, tags = [], []
    for w, t in zip(sent.words, sent.tags):
        if drop_punct and _PUNCT.match(w):
            continue
        words.append(w.lower())
        tags.append(t)
    if not words:
        return Sentence([w.lower() for w in sent.words], list(sent.tags))
    return Sentence(words, tags)


def swap_mentions(sent: Sentence, mention: Callable[[str, list[str]], list[str] | None]) -> Sentence:
    """Copy of `sent` with each entity replaced by `mention(label, words)` (None keeps it).

    Mention replacement: the same news context around other names teaches the model the
    context, not the few hundred people who were in the 2012 news."""
    spans = {start: (end, label) for start, end, label in tag_spans(sent.tags)}
    words: list[str] = []
    tags: list[str] = []
    i = 0
    while i < len(sent.words):
        if i in spans:
            end, label = spans[i]
            new = mention(label, sent.words[i:end])
            if new:
                words += new
                tags += [label] * len(new)
                i = end
                continue
        words.append(sent.words[i])
        tags.append(sent.tags[i])
        i += 1
    return Sentence(words, tags)


def lowercase(sent: Sentence) -> Sentence:
    return Sentence([w.lower() for w in sent.words], list(sent.tags))


def to_docbin(docs: Iterable[Doc]) -> DocBin:
    db = DocBin(attrs=["ORTH", "ENT_IOB", "ENT_TYPE"], store_user_data=False)
    for doc in docs:
        db.add(doc)
    return db


def read_span_jsonl(path: str | Path) -> Iterator[dict]:
    """Transcript corpus: {"id", "text", "entities": [{"type", "start", "end"}]} per line."""
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                yield json.loads(line)
