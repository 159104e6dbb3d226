"""Recall of our detector and of the Presidio baseline on the development corpus.

The corpus (`bench/data/dev_corpus.jsonl`, issue 3) is read leniently: one JSON object a line with
a `text` and gold spans under `entities`, `spans` or `labels`, each with `start`, `end` and a type
(`type`, `entity_type`, `label` or `entity`); lines of another shape are counted as skipped. With
the project's evaluation harness (`redactor.evaluation`, issue 3) both systems are scored by it.

`overlap_recall`: a gold span counts as found when any detection overlaps it, whatever its type
(what matters for redaction is that the characters get replaced).
"""

from __future__ import annotations

import json
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEV_CORPUS = ROOT / "bench" / "data" / "dev_corpus.jsonl"
MODEL = ROOT / "redactor" / "data" / "sv_klang"


def load_corpus(path: Path = DEV_CORPUS) -> tuple[list[str], list[list[tuple[int, int, str]]], int]:
    texts, golds, skipped = [], [], 0
    for line in path.read_text("utf-8").splitlines():
        if not line.strip():
            continue
        try:
            doc = json.loads(line)
        except json.JSONDecodeError:
            skipped += 1
            continue
        spans = next((doc[k] for k in ("entities", "spans", "labels") if isinstance(doc.get(k), list)), None)
        if not isinstance(doc.get("text"), str) or spans is None:
            skipped += 1
            continue
        gold = []
        for s in spans:
            if isinstance(s, dict):
                etype = next((s[k] for k in ("type", "entity_type", "label", "entity") if k in s), "?")
                gold.append((int(s["start"]), int(s["end"]), str(etype)))
            elif isinstance(s, (list, tuple)) and len(s) >= 3:
                gold.append((int(s[0]), int(s[1]), str(s[2])))
        texts.append(doc["text"])
        golds.append(gold)
    return texts, golds, skipped


def overlap_recall(golds, predictions) -> dict:
    total: dict[str, int] = {}
    found: dict[str, int] = {}
    for gold, pred in zip(golds, predictions):
        for start, end, etype in gold:
            total[etype] = total.get(etype, 0) + 1
            if any(s < end and start < e for s, e in pred):
                found[etype] = found.get(etype, 0) + 1
    n, f = sum(total.values()), sum(found.values())
    return {
        "recall": round(f / n, 4) if n else None,
        "found": f,
        "total": n,
        "by_type": {t: round(found.get(t, 0) / c, 4) for t, c in sorted(total.items())},
    }


def dev_corpus_recall(work: Path | None = None, path: Path = DEV_CORPUS) -> dict:
    """Ours and the vanilla baseline on the development corpus: the project's harness
    (`redactor.evaluation.evaluate`: per-type span-overlap recall/precision/F2 and character-level
    redaction recall) when it is there, and the simple overlap recall above in any case."""
    if not path.is_file():
        return {"name": "recall_dev", "available": False}
    texts, golds, skipped = load_corpus(path)
    from bench.baseline import build_baseline
    from redactor.config import Config
    from redactor.detect import Detector

    allow = ROOT / "bench" / "data" / "dev_allowlist.toml"  # the corpus's company numbers
    cfg = Config.load(allow if allow.is_file() else None)
    det = Detector.from_config(cfg)
    batch, _ = build_baseline(MODEL)
    idx = [i for i, t in enumerate(texts) if t.strip()]
    base: list[list[tuple[str, int, int]]] = [[] for _ in texts]
    for i, rs in zip(idx, batch.analyze_iterator([texts[i] for i in idx], language="sv", batch_size=32)):
        base[i] = [(r.entity_type, r.start, r.end) for r in rs]
    out = {"name": "recall_dev", "available": True, "documents": len(texts), "skipped_lines": skipped}
    try:
        from redactor import evaluation
    except ImportError:
        evaluation = None
    if evaluation is not None and hasattr(evaluation, "evaluate"):
        docs = evaluation.load_dataset(path)
        ours = evaluation.predict_detector(det, docs)  # through `scan` (normalisation, offsets back)
        gold = [d.entities for d in docs]
        for name, pred in (("detector", ours), ("presidio_baseline", base)):
            ev = evaluation.evaluate(gold, pred)
            out[name] = {
                "recall": ev["overall"]["recall"],
                "precision": ev["overall"]["precision"],
                "f2": ev["overall"]["f2"],
                "redaction_recall": ev["redaction_recall"]["all"],
                "redaction_recall_non_name": ev["redaction_recall"]["non_name"],
                "by_type": {t: v["recall"] for t, v in ev["per_type"].items()},
                "overlap_any_type": overlap_recall(golds, [[(s, e) for _, s, e in p] for p in pred])["recall"],
            }
        out["harness"] = "redactor.evaluation"
    else:
        ours = [[(d.start, d.end) for d in dets] for dets in det.detect_many(texts)]
        out["detector"] = overlap_recall(golds, ours)
        out["presidio_baseline"] = overlap_recall(golds, [[(s, e) for _, s, e in p] for p in base])
    return out
