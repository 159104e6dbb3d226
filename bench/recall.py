"""Recall of our detector and of the Presidio baseline on the development corpus.

The corpus (`bench/data/dev_corpus.jsonl`, issue 3) is read leniently: one JSON object a line with
a `text` and gold spans under `entities`, `spans` or `labels`, each with `start`, `end` and a type
(`type`, `entity_type`, `label` or `entity`); lines of another shape are counted as skipped. If the
project's evaluation harness (`redactor.evaluation`) offers `evaluate_detector(detector, path)`,
its numbers are reported too.

Recall here is span overlap: a gold span counts as found when any detection overlaps it,
whatever its type (what matters for redaction is that the characters get replaced).
"""

from __future__ import annotations

import json
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEV_CORPUS = ROOT / "bench" / "data" / "dev_corpus.jsonl"
MODEL = ROOT / "models" / "sv_klang"


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
    return {"recall": round(f / n, 4) if n else None, "found": f, "total": n,
            "by_type": {t: round(found.get(t, 0) / c, 4) for t, c in sorted(total.items())}}


def dev_corpus_recall(work: Path | None = None, path: Path = DEV_CORPUS) -> dict:
    if not path.is_file():
        return {"name": "recall_dev", "available": False}
    texts, golds, skipped = load_corpus(path)
    from bench.baseline import build_baseline
    from redactor.config import Config
    from redactor.detect import Detector

    cfg = Config.load()
    detect = cfg.section("detect")
    det = Detector(cfg.model_path, float(detect.get("score_threshold", 0.5)), cfg.section("allowlist").get("values", []))
    ours = [[(d.start, d.end) for d in dets] for dets in det.detect_many(texts)]
    batch, _ = build_baseline(MODEL)
    idx = [i for i, t in enumerate(texts) if t.strip()]
    base: list[list[tuple[int, int]]] = [[] for _ in texts]
    for i, rs in zip(idx, batch.analyze_iterator([texts[i] for i in idx], language="sv", batch_size=32)):
        base[i] = [(r.start, r.end) for r in rs]
    out = {"name": "recall_dev", "available": True, "documents": len(texts), "skipped_lines": skipped,
           "detector": overlap_recall(golds, ours), "presidio_baseline": overlap_recall(golds, base)}
    try:  # the project's own harness, when it has landed (issue 3)
        from redactor import evaluation  # type: ignore

        if hasattr(evaluation, "evaluate_detector"):
            out["harness"] = evaluation.evaluate_detector(det, path)
    except Exception:  # noqa: BLE001 - optional
        pass
    return out
