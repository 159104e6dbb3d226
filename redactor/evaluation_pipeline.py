"""`redactor eval --pipeline`: what a reader of the stored data can still see.

A finding counts when the value is gone from the stored call, not when a detector reported it.
Each labelled document (a whole call, one `Speaker: text` line per turn) becomes a Klang
conversation; the real ingest job writes them to a temporary local store; the stored Parquet is
read back, and every annotated value is looked for in its call's stored columns:

- as written (case- and whitespace-tolerant, as a whole word), or
- by its digits, whatever their form, when it has at least MIN_DIGITS: "811218" is readable in
  "8 1 1 2 1 8" and in "åtta ett ett två ett åtta".

Words kept: of the words outside every annotated value, the share still in the stored text of the
same call (placeholders do not count as words). It is what redaction costs the analysts.
Ordinary values kept: of the values labelled as look-alikes that are no personal data (the
documents' "negatives": amounts, dates, the company's own numbers, order and case numbers), how
many still stand as written in the call's stored segments.

Nothing from the documents is printed: ids, types, counts and rates only.
"""

from __future__ import annotations

import json
import re
import tempfile
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from recognizers import numbers
from recognizers.dialogue_slots import TURN_LINE
from redactor.config import Config
from redactor.evaluation import Document
from redactor.ingest.parse import make_call_id
from redactor.rights.find import read_parquet
from redactor.store.lake import Lake
from redactor.store.tables import TABLES
from redactor.transform.call import ordinary_use
from redactor.transform.spans import value_pattern

MIN_DIGITS = 4
_WORD = re.compile(r"\w+")
_PLACEHOLDER = re.compile(r"<[A-Z_]+(?:[:_][0-9a-f]+)?>")


def _stamp(i: int) -> str:
    return f"[{i // 3600:02d}:{i // 60 % 60:02d}:{i % 60:02d}]"


def to_klang(doc: Document) -> dict:
    """The document as a Klang API conversation, one transcript line per turn."""
    lines = []
    for i, line in enumerate(doc.text.split("\n")):
        m = TURN_LINE.match(line)
        lines.append(f"{_stamp(i * 5)} {m.group('label')}: {m.group('body')}" if m else f"{_stamp(i * 5)} {line}")
    return {
        "id": str(doc.id),
        "title": "",
        "created_at": "2026-11-02T09:00:00Z",
        "updated_at": "2026-11-02T09:00:00Z",
        "status": "ready",
        "digest": "",
        "summary": "",
        "sources": [{"type": "transcript", "language": "swe", "content": "\n".join(lines)}],
    }


def row_strings(obj) -> Iterator[str]:
    if isinstance(obj, str):
        yield obj
    elif isinstance(obj, dict):
        for k, v in obj.items():
            yield str(k)
            yield from row_strings(v)
    elif isinstance(obj, (list, tuple)):
        for v in obj:
            yield from row_strings(v)


# Hex digests the pipeline computes: "20127f88..." shows no one's "2012", so their digits are not read;
# nor the pipeline's version, whose model and config hashes hold digits too ("tail.1e2580d6" is no
# one's door code "2580").
DIGEST_COLUMNS = frozenset({"call_id", "content_hash", "subject_tokens", "pipeline_version"})


def stored_strings(lake: Lake, tables: Sequence[str] = TABLES) -> dict[str, list[str]]:
    """Per call id, every string of its rows in every live Parquet file of these tables (map keys,
    lists and structs included): what a reader of the lake can see of the call."""
    out: dict[str, list[str]] = {}
    for table in tables:
        for key in lake.live_files(table):
            for row in read_parquet(lake, key).to_pylist():
                out.setdefault(row["call_id"], []).extend(
                    row_strings({k: v for k, v in row.items() if k not in DIGEST_COLUMNS})
                )
    return out


def _segment_texts(lake: Lake) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for key in lake.live_files("segments"):
        cols = read_parquet(lake, key, ["call_id", "text"]).to_pydict()
        for call_id, text in zip(cols["call_id"], cols["text"]):
            out.setdefault(call_id, []).append(text)
    return out


def _digit_runs(texts: Sequence[str]) -> list[str]:
    return [run.digits for t in texts for run in numbers.runs(t)]


def readable(value: str, texts: Sequence[str], runs: Sequence[str]) -> bool:
    pattern = value_pattern(value)
    # "per" in "öre per kilowattimme" is not the customer Per: the pipeline's own rule.
    if pattern is not None and any(not ordinary_use(t, *m.span()) for t in texts for m in pattern.finditer(t)):
        return True
    digits = numbers.words_to_digits(value)
    return len(digits) >= MIN_DIGITS and any(digits in r for r in runs)


def _free_words(doc: Document) -> Counter:
    """Words of the turns (labels left out) that touch no annotated value."""
    words: Counter = Counter()
    pos = 0
    for line in doc.text.split("\n"):
        m = TURN_LINE.match(line)
        body_at = pos + (m.start("body") if m else 0)
        for w in _WORD.finditer(m.group("body") if m else line):
            s, e = body_at + w.start(), body_at + w.end()
            if not any(a < e and s < b for _, a, b in doc.entities):
                words[w.group(0).lower()] += 1
        pos += len(line) + 1
    return words


def _words(text: str) -> Counter:
    return Counter(w.lower() for w in _WORD.findall(_PLACEHOLDER.sub(" ", text)))


@dataclass(frozen=True)
class StoredCalls:
    """What the real ingest stored for labelled documents, read back from the Parquet."""

    columns: dict[str, list[str]]  # call id -> every stored string of its call
    segments: dict[str, list[str]]  # call id -> its segments' stored text


def ingest_documents(config: Config, docs: Sequence[Document], workdir: Path | None = None) -> StoredCalls:
    """Ingest the documents for real into a temporary store and read back what it holds."""
    from redactor.jobs.ingest import run_ingest

    with tempfile.TemporaryDirectory(dir=workdir) as tmp:
        exports = Path(tmp) / "exports"
        exports.mkdir()
        with (exports / "calls.jsonl").open("w", encoding="utf-8") as fh:
            for doc in docs:
                fh.write(json.dumps(to_klang(doc), ensure_ascii=False) + "\n")
        store = str(Path(tmp) / "lake")
        run_ingest([str(exports)], config, store)
        lake = Lake.from_config(config, store, "")
        return StoredCalls(stored_strings(lake, ("calls", "segments")), _segment_texts(lake))


def evaluate_stored(config: Config, docs: Sequence[Document], workdir: Path | None = None) -> dict:
    """Ingest the documents for real and measure what the stored calls still show."""
    return measure_stored(docs, ingest_documents(config, docs, workdir))


def measure_stored(docs: Sequence[Document], stored_calls: StoredCalls) -> dict:
    """What the stored calls of these documents still show (any subset of the ingested ones)."""
    stored, stored_segments = stored_calls.columns, stored_calls.segments
    per_type: dict[str, Counter] = {}
    leaks: list[dict] = []
    kept = total = ordinary = ordinary_kept = 0
    missing = []
    for doc in docs:
        call_id = make_call_id("klang", str(doc.id))
        texts = stored.get(call_id)
        if texts is None:
            missing.append(doc.id)  # quarantined: nothing readable, and nothing kept either
        runs = _digit_runs(texts or [])
        for etype, start, end in doc.entities:
            c = per_type.setdefault(etype, Counter())
            c["values"] += 1
            if texts and readable(doc.text[start:end], texts, runs):
                c["readable"] += 1
                leaks.append({"id": doc.id, "type": etype})
        words = _free_words(doc)
        stored_words = _words(" ".join(stored_segments.get(call_id, [])))
        total += sum(words.values())
        kept += sum(min(n, stored_words[w]) for w, n in words.items())
        said = Counter(doc.text[start:end] for _, start, end in doc.negatives)
        for value, n in said.items():
            if (pattern := value_pattern(value)) is not None:  # not one character alone
                ordinary += n
                ordinary_kept += min(n, sum(len(pattern.findall(t)) for t in stored_segments.get(call_id, [])))
    values = sum(c["values"] for c in per_type.values())
    n_readable = sum(c["readable"] for c in per_type.values())
    return {
        "documents": len(docs),
        "calls_written": len(docs) - len(missing),
        "quarantined": len(missing),  # the job quarantines what it cannot store safely
        "quarantined_ids": missing,
        "values": values,
        "readable": n_readable,
        "readable_rate": round(n_readable / values, 4) if values else None,
        "words_kept": round(kept / total, 4) if total else None,
        "ordinary_values": ordinary,
        "ordinary_kept": ordinary_kept,
        "ordinary_kept_rate": round(ordinary_kept / ordinary, 4) if ordinary else None,
        "by_type": {
            t: {
                "values": c["values"],
                "readable": c["readable"],
                "readable_rate": round(c["readable"] / c["values"], 4),
            }
            for t, c in sorted(per_type.items())
        },
        "readable_values": leaks,
    }
