"""Measure the shipped model: PERSON (and LOC) precision/recall/F1 and words per second.

    python -m redactor.training.evaluate [--model redactor/data/sv_klang] [--json]

Corpora: Webbnyheter 2012 test (the development set), SUC 3.0 dev (evaluation only, never
used for any training decision), a lowercased copy of SUC dev (ASR-like), and the transcript
dev corpus bench/data/dev_corpus.jsonl when it exists.

Two scores per corpus:
- exact: a predicted span counts only if start, end and label equal a gold span;
- token: every token is one decision (inside a PER span or not), which is what redaction
  cares about - a half-found name is half-redacted.
The corpora mark entities per token without B-/I- boundaries, so adjacent same-type names are
one gold span; this affects exact scores only.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from pathlib import Path

import spacy
from spacy.tokens import Doc

from redactor.config import shipped_data

from . import corpus

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "models" / "data"
DEFAULT_MODEL = shipped_data("sv_klang")
DEV_CORPUS = ROOT / "bench" / "data" / "dev_corpus.jsonl"
# Transcript-corpus type names for our labels.
SPAN_TYPES = {"PER": "PERSON", "LOC": "LOCATION"}


@dataclass
class PRF:
    corpus: str
    label: str
    mode: str  # exact | token | overlap
    tp: int
    fp: int
    fn: int

    @property
    def p(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def r(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f(self) -> float:
        return 2 * self.p * self.r / (self.p + self.r) if self.p + self.r else 0.0

    def row(self) -> dict:
        d = asdict(self)
        d.update(p=round(self.p, 4), r=round(self.r, 4), f1=round(self.f, 4), n_gold=self.tp + self.fn)
        return d


def predict_words(nlp, sentences: list[corpus.Sentence], batch_size: int = 256) -> list[Doc]:
    """Run the pipeline on the corpus's own tokenisation so gold and prediction align."""
    docs = [Doc(nlp.vocab, words=s.words, spaces=corpus.guess_spaces(s.words)) for s in sentences]
    return list(nlp.pipe(docs, batch_size=batch_size))


def score_tokens(name: str, sentences: list[corpus.Sentence], docs: list[Doc], label: str) -> list[PRF]:
    ex = PRF(name, label, "exact", 0, 0, 0)
    tok = PRF(name, label, "token", 0, 0, 0)
    for sent, doc in zip(sentences, docs):
        gold = {(s, e) for s, e, lab in corpus.tag_spans(sent.tags, [label])}
        pred = {(e.start, e.end) for e in doc.ents if e.label_ == label}
        ex.tp += len(gold & pred)
        ex.fp += len(pred - gold)
        ex.fn += len(gold - pred)
        gold_t = {i for s, e in gold for i in range(s, e)}
        pred_t = {i for s, e in pred for i in range(s, e)}
        tok.tp += len(gold_t & pred_t)
        tok.fp += len(pred_t - gold_t)
        tok.fn += len(gold_t - pred_t)
    return [ex, tok]


def score_spans(name: str, records: Iterable[dict], nlp, label: str) -> list[PRF]:
    """Char-offset corpus: exact spans, and overlap (a span is hit if any opposite span overlaps)."""
    want = SPAN_TYPES.get(label, label)
    ex = PRF(name, label, "exact", 0, 0, 0)
    ov = PRF(name, label, "overlap", 0, 0, 0)
    records = list(records)
    for rec, doc in zip(records, nlp.pipe((r["text"] for r in records), batch_size=64)):
        gold = {(e["start"], e["end"]) for e in rec.get("entities", []) if e["type"] in (want, label)}
        pred = {(e.start_char, e.end_char) for e in doc.ents if e.label_ == label}
        ex.tp += len(gold & pred)
        ex.fp += len(pred - gold)
        ex.fn += len(gold - pred)
        hit = lambda a, bs: any(a[0] < b[1] and b[0] < a[1] for b in bs)  # noqa: E731
        ov.tp += sum(hit(g, pred) for g in gold)
        ov.fn += sum(not hit(g, pred) for g in gold)
        ov.fp += sum(not hit(p, gold) for p in pred)
    return [ex, ov]


def words_per_second(nlp, texts: list[str], batch_size: int = 256) -> float:
    """Benchmark of the bare pipeline on one process (and, with thinc's CPU ops, one core)."""
    start = time.perf_counter()
    n = sum(len(doc) for doc in nlp.pipe(texts, batch_size=batch_size, n_process=1))
    return n / (time.perf_counter() - start)


def evaluate(
    model: str | Path = DEFAULT_MODEL,
    labels=("PER", "LOC"),
    suc_limit: int | None = None,
    dev_corpus: Path | None = DEV_CORPUS,
    benchmark: bool = True,
) -> dict:
    nlp = spacy.load(model)
    rows: list[PRF] = []
    news = list(corpus.read_tsv(DATA / "webbnyheter2012-test.tsv"))
    suc = list(corpus.read_suc_jsonl(DATA / "suc3-dev.jsonl", limit=suc_limit))
    suc_lower = [corpus.lowercase(s) for s in suc]
    for name, sents in (("webbnyheter-test", news), ("suc3-dev", suc), ("suc3-dev-lower", suc_lower)):
        docs = predict_words(nlp, sents)
        for label in labels:
            rows += score_tokens(name, sents, docs, label)
    if dev_corpus is not None and Path(dev_corpus).exists():
        recs = list(corpus.read_span_jsonl(dev_corpus))
        rows += score_spans("dev_corpus", recs, nlp, "PER")
    result = {"model": str(model), "rows": [r.row() for r in rows]}
    if benchmark:
        texts = [" ".join(s.words) for s in suc[:3000]]
        result["words_per_second"] = round(words_per_second(nlp, texts))
    return result


def format_table(result: dict) -> str:
    lines = ["| corpus | label | match | P | R | F1 | gold |", "| --- | --- | --- | --- | --- | --- | --- |"]
    for r in result["rows"]:
        lines.append(
            f"| {r['corpus']} | {SPAN_TYPES.get(r['label'], r['label'])} | {r['mode']} | "
            f"{r['p']:.3f} | {r['r']:.3f} | {r['f1']:.3f} | {r['n_gold']} |"
        )
    if "words_per_second" in result:
        lines.append(f"\nbare model nlp.pipe, 1 process: {result['words_per_second']:,} words/s")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--model", default=str(DEFAULT_MODEL))
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--no-benchmark", action="store_true")
    ap.add_argument("--dev-corpus", default=str(DEV_CORPUS))
    args = ap.parse_args(argv)
    result = evaluate(args.model, dev_corpus=Path(args.dev_corpus), benchmark=not args.no_benchmark)
    print(json.dumps(result, indent=2, ensure_ascii=False) if args.json else format_table(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
