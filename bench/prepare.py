"""Prepare a benchmark's input once: export files, the texts each call is scanned as, and gold.

`texts.jsonl` holds, per call, the texts the pipeline detects on (`ScanUnits.detection_texts`: the
segments together as the call's dialogue, every other free-text field, speaker labels, unaligned
words, ids and the file name) and the gold occurrences in them: every
place a generated PII value stands, as [text index, start, end, entity type]. Detector
measurements read it in batches, so they are timed on exactly the texts the ingest scans.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from bench.generate import write_exports
from redactor.ingest import parse_record
from redactor.transform.call import scan_units


def call_texts(record: dict, source_file: str = "export.jsonl") -> list[str]:
    call = parse_record(record, json.dumps(record, ensure_ascii=False).encode(), source_file)
    return list(scan_units(call).detection_texts().values())


def gold_occurrences(texts: list[str], gold: list[tuple[str, str]]) -> list[list]:
    """Every whole-word occurrence of every gold value in the texts (a longer value wins)."""
    out: list[list] = []
    values = sorted({(v, t) for t, v in gold}, key=lambda vt: -len(vt[0]))
    for i, text in enumerate(texts):
        taken: list[tuple[int, int]] = []
        for value, etype in values:
            for m in re.finditer(rf"(?<!\w){re.escape(value)}(?!\w)", text):
                if any(s < m.end() and m.start() < e for s, e in taken):
                    continue
                taken.append(m.span())
                out.append([i, m.start(), m.end(), etype])
    return out


# ~33 kB a generated call on average, up to ~43 kB: files of 400 calls could pass the default
# 16 MiB cap on an export file ([ingest] max_export_bytes), which quarantines the whole file
# (3 of 250 did in a 100,000-call run); 300 stay below it.
CALLS_PER_FILE = 300


def prepare(work: Path, calls: int, seed: int, calls_per_file: int = CALLS_PER_FILE) -> dict:
    work.mkdir(parents=True, exist_ok=True)
    exports = work / "exports"
    write_exports(exports, calls, seed, calls_per_file=calls_per_file, gold=True)
    gold_by_id = {}
    with (exports / "gold.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            doc = json.loads(line)
            gold_by_id[doc["id"]] = [tuple(g) for g in doc["gold"]]
    (exports / "gold.jsonl").rename(work / "gold.jsonl")  # not an export: keep it out of the ingest
    n = chars = fields = transcript = gold_n = 0
    with (work / "texts.jsonl").open("w", encoding="utf-8") as out:
        for path in sorted(exports.glob("export-*.jsonl")):
            with path.open(encoding="utf-8") as fh:
                for line in fh:
                    rec = json.loads(line)
                    rid = rec.get("id") or rec.get("call_id")
                    call = parse_record(rec, line.encode(), str(path))
                    texts = list(scan_units(call).detection_texts().values())
                    gold = gold_occurrences(texts, gold_by_id[rid])
                    out.write(json.dumps({"id": rid, "texts": texts, "gold": gold}, ensure_ascii=False) + "\n")
                    n += 1
                    chars += sum(len(t) for t in texts)
                    fields += len(texts)
                    transcript += sum(len(s.text) for s in call.segments)
                    gold_n += len(gold)
    meta = {
        "calls": n,
        "seed": seed,
        "chars": chars,
        "fields": fields,
        "transcript_chars": transcript,
        "chars_per_call": round(chars / n),
        "transcript_chars_per_call": round(transcript / n),
        "fields_per_call": round(fields / n, 1),
        "gold_occurrences": gold_n,
        "export_mb": round(sum(p.stat().st_size for p in exports.glob("*")) / 2**20, 1),
    }
    (work / "meta.json").write_text(json.dumps(meta))
    return meta
