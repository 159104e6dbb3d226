"""Usefulness beside recall: how much of the stored text is still readable, and how many
placeholders stand for personal data.

    .venv/bin/python -m bench.usefulness [--calls 100] [--seed 7] [--config FILE] [--json] [--show]

Two sets, both through what the scheduled job does (`Pipeline.process`: whole calls, values
propagated to every field, numbered placeholders), with the config's company profile:

- `bench/data/precision_marked.txt`: ordinary call-centre turns written by hand, personal data
  marked. Also scanned turn by turn by the detector alone. This command rewrites the set for
  `redactor eval`: `bench/data/precision_set.jsonl` (turns) and `precision_calls.jsonl` (whole
  calls, for `redactor eval --pipeline`).
- calls from `bench/generate.py` (seeded), whose inserted values are known.

Figures:
- `placeholder_precision`: of the stored placeholders (findings in segment texts), the share
  standing on personal data: a marked span / an inserted value, or on the generated set also a
  name or place from the generator's own lists (agents, customers, streets, towns).
- `words_kept`: of the words that are not personal data, the share found unchanged, in order, in
  the stored segment text (difflib on whitespace tokens).
- `values_readable`: marked/inserted values still readable in the stored call (recall side), as
  the leak check finds them (`find_again`: "per" in "öre per kilowattimme" is not the customer Per).
- scanned alone: per-type precision/recall as `redactor eval` computes them.

Nothing but counts is printed unless `--show` (made-up people only) lists the false placeholders.
"""

from __future__ import annotations

import argparse
import difflib
import json
import re
import sys
from pathlib import Path

from bench.heldout import parse as parse_marked
from redactor.config import Config
from redactor.domain import RedactedCall
from redactor.evaluation import evaluate
from redactor.ingest.reader import RawRecord
from redactor.pipeline import Pipeline
from redactor.transform.call import find_again, pattern_of

ROOT = Path(__file__).resolve().parent.parent
MARKED = ROOT / "bench" / "data" / "precision_marked.txt"
SET_JSONL = ROOT / "bench" / "data" / "precision_set.jsonl"
CALLS_JSONL = ROOT / "bench" / "data" / "precision_calls.jsonl"
_TOKEN = re.compile(r"\S+")


def load_marked(path: Path = MARKED) -> list[list[dict]]:
    """Calls of turns: {"role", "text", "entities": [{"type", "start", "end"}]}."""
    calls: list[list[dict]] = [[]]
    for line in path.read_text("utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        if line.strip() == "---":
            calls.append([])
            continue
        role, _, body = line.partition(": ")
        text, ents, _ = parse_marked(body)
        calls[-1].append({"role": role, "text": text, "entities": ents})
    return [c for c in calls if c]


def write_set(calls: list[list[dict]], path: Path = SET_JSONL, calls_path: Path = CALLS_JSONL) -> None:
    """One document per turn (`redactor eval`), and one per call as "Speaker: text" lines
    (`redactor eval --pipeline`)."""
    with path.open("w", encoding="utf-8") as fh:
        for i, call in enumerate(calls):
            for k, turn in enumerate(call):
                fh.write(
                    json.dumps(
                        {"id": f"precision-{i:02d}-{k:02d}", "text": turn["text"], "entities": turn["entities"]},
                        ensure_ascii=False,
                    )
                    + "\n"
                )
    with calls_path.open("w", encoding="utf-8") as fh:
        for i, call in enumerate(calls):
            text, ents = "", []
            for turn in call:
                at = len(text) + len(turn["role"]) + 2
                ents += [{**e, "start": e["start"] + at, "end": e["end"] + at} for e in turn["entities"]]
                text += f"{turn['role']}: {turn['text']}\n"
            fh.write(
                json.dumps(
                    {"id": f"precision-call-{i:02d}", "text": text.rstrip("\n"), "entities": ents}, ensure_ascii=False
                )
                + "\n"
            )


def _klang(cid: str, turns: list[tuple[str, str]]) -> dict:
    content = "\n".join(f"[00:{i // 60:02d}:{i % 60:02d}] {role}: {text}" for i, (role, text) in enumerate(turns))
    return {
        "id": cid,
        "title": "",
        "created_at": "2026-11-20T10:00:00Z",
        "status": "ready",
        "sources": [{"type": "transcript", "language": "swe", "participants": [], "content": content}],
    }


def _pii_words(text: str, spans: list[tuple[int, int]]) -> list[bool]:
    return [any(s < m.end() and m.start() < e for s, e in spans) for m in _TOKEN.finditer(text)]


def _kept(original: str, stored: str, is_pii: list[bool]) -> tuple[int, int]:
    """(non-PII words, of them unchanged in order in the stored text)."""
    a, b = original.split(), stored.split()
    same = set()
    for block in difflib.SequenceMatcher(None, a, b, autojunk=False).get_matching_blocks():
        same.update(range(block.a, block.a + block.size))
    words = [i for i, pii in enumerate(is_pii) if not pii]
    return len(words), sum(1 for i in words if i in same)


class _Tally:
    def __init__(self) -> None:
        self.placeholders = self.true_placeholders = self.words = self.kept = self.values = self.readable = 0
        self.false: list[str] = []
        self.quarantined = 0

    def as_dict(self, show: bool) -> dict:
        out = {
            "placeholders": self.placeholders,
            "placeholder_precision": round(self.true_placeholders / self.placeholders, 4)
            if self.placeholders
            else None,
            "non_pii_words": self.words,
            "words_kept": round(self.kept / self.words, 4) if self.words else None,
            "values": self.values,
            "values_readable": self.readable,
            "quarantined": self.quarantined,
        }
        if show:
            out["false_placeholders"] = self.false
        return out


def _readable(entity_type: str, value: str, stored: str) -> bool:
    pattern = pattern_of(value, entity_type)
    return bool(pattern and find_again(pattern, entity_type, stored))


def _stored_segments(result) -> list[str] | None:
    return [s.text for s in result.call.segments] if isinstance(result, RedactedCall) else None


def measure_marked(pipeline: Pipeline, calls: list[list[dict]]) -> dict:
    tally = _Tally()
    records = [
        RawRecord("precision", i, b"", _klang(f"p{i}", [(t["role"], t["text"]) for t in c]))
        for i, c in enumerate(calls)
    ]
    for call, result in zip(calls, pipeline.process(records)):
        stored = _stored_segments(result)
        if stored is None:
            tally.quarantined += 1
            continue
        for k, (turn, out) in enumerate(zip(call, stored)):
            spans = [(e["start"], e["end"]) for e in turn["entities"]]
            n, kept = _kept(turn["text"], out, _pii_words(turn["text"], spans))
            tally.words += n
            tally.kept += kept
            for e in turn["entities"]:
                tally.values += 1
                tally.readable += _readable(e["type"], turn["text"][e["start"] : e["end"]], out)
            for f in result.findings:
                if f.field != f"segments[{k}].text":
                    continue
                tally.placeholders += 1
                at = [m.span() for m in re.finditer(re.escape(f.value), turn["text"])]
                if any(s < me and ms < e for ms, me in at for s, e in spans):
                    tally.true_placeholders += 1
                else:
                    tally.false.append(f"{f.entity_type}: {f.value}")
    return tally.as_dict(False) | {"false_placeholders": tally.false}


def measure_alone(pipeline: Pipeline, calls: list[list[dict]]) -> dict:
    turns = [t for c in calls for t in c]
    pred = pipeline.detector.detect_many([t["text"] for t in turns])
    gold = [[(e["type"], e["start"], e["end"]) for e in t["entities"]] for t in turns]
    preds = [[(d.entity_type, d.start, d.end) for d in ds] for ds in pred]
    result = evaluate(gold, preds)
    words = kept = 0
    for t, ds in zip(turns, pred):
        gold_spans = [(e["start"], e["end"]) for e in t["entities"]]
        found = [(d.start, d.end) for d in ds]
        for pii, hit in zip(_pii_words(t["text"], gold_spans), _pii_words(t["text"], found)):
            if not pii:
                words += 1
                kept += not hit
    o = result["overall"]
    return {
        "turns": len(turns),
        "precision": o["precision"],
        "recall": o["recall"],
        "predicted": o["predicted"],
        "correct": o["correct"],
        "gold": o["gold"],
        "words_kept": round(kept / words, 4) if words else None,
        "non_pii_words": words,
        "per_type": {
            t: {k: v[k] for k in ("predicted", "correct", "gold", "precision", "recall")}
            for t, v in result["per_type"].items()
        },
    }


def measure_generated(pipeline: Pipeline, n: int, seed: int) -> dict:
    from bench import generate as g
    from redactor.ingest import parse_record

    vocab = {w.casefold() for w in g.FIRST + g.LAST + g.AGENTS + g.STREETS + [t for t, _ in g.TOWNS]}
    tally = _Tally()
    gens = list(g.generate(n, seed))
    records = [RawRecord("generated", i, b"", c.record) for i, c in enumerate(gens)]
    for gen, rec, result in zip(gens, records, pipeline.process(records)):
        stored = _stored_segments(result)
        if stored is None:
            tally.quarantined += 1
            continue
        original = parse_record(rec.data, b"", "generated")
        values = {v for _, v in gen.gold}
        tally.values += len(set(gen.gold))
        joined = "\n".join(stored)
        tally.readable += sum(_readable(t, v, joined) for t, v in set(gen.gold))

        def is_pii(text: str, values: set[str] = values) -> bool:
            low = text.casefold()
            return any(low in v.casefold() or v.casefold() in low for v in values) or all(
                w.strip(".,:;!?'s").casefold() in vocab or w.casefold() in vocab for w in text.split()
            )

        for seg, out in zip(original.segments, stored):
            spans = [m.span() for v in values for m in re.finditer(re.escape(v), seg.text)]
            spans += [m.span() for m in _TOKEN.finditer(seg.text) if m.group().strip(".,?!:").casefold() in vocab]
            n_words, kept = _kept(seg.text, out, _pii_words(seg.text, spans))
            tally.words += n_words
            tally.kept += kept
        for f in result.findings:
            if f.field.startswith("segments[") and f.field.endswith("].text"):
                tally.placeholders += 1
                if is_pii(f.value):
                    tally.true_placeholders += 1
                else:
                    tally.false.append(f"{f.entity_type}: {f.value}")
    return tally.as_dict(True) | {"calls": n}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--calls", type=int, default=100, help="generated calls (default 100)")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--config", type=Path, default=None, help="config (default: the shipped defaults and profile)")
    ap.add_argument("--show", action="store_true", help="list false placeholders (made-up people only)")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    pipeline = Pipeline(Config.load(args.config))
    calls = load_marked()
    write_set(calls)
    res = {
        "precision_set": {"alone": measure_alone(pipeline, calls), "in_calls": measure_marked(pipeline, calls)},
        "generated": measure_generated(pipeline, args.calls, args.seed),
    }
    if not args.show:
        res["precision_set"]["in_calls"].pop("false_placeholders")
        res["generated"].pop("false_placeholders")
    else:
        from collections import Counter

        res["generated"]["false_placeholders"] = Counter(res["generated"]["false_placeholders"]).most_common(40)
    if args.json:
        print(json.dumps(res, ensure_ascii=False, indent=1))
        return 0
    a, c, gen = res["precision_set"]["alone"], res["precision_set"]["in_calls"], res["generated"]
    print(
        f"precision set, {a['turns']} turns scanned alone: precision {a['precision']}, recall {a['recall']}, "
        f"non-PII words kept {a['words_kept']}"
    )
    print(
        f"precision set, stored in {len(calls)} calls: placeholder precision {c['placeholder_precision']} "
        f"({c['placeholders']} placeholders), non-PII words kept {c['words_kept']}, "
        f"values readable {c['values_readable']} of {c['values']}"
    )
    print(
        f"generated calls ({gen['calls']}, seed {args.seed}): placeholder precision {gen['placeholder_precision']} "
        f"({gen['placeholders']} placeholders), non-PII words kept {gen['words_kept']}, "
        f"values readable {gen['values_readable']} of {gen['values']}, quarantined {gen['quarantined']}"
    )
    for k in ("in_calls",):
        for item in res["precision_set"][k].get("false_placeholders", []):
            print(f"  false placeholder: {item}")
    for item in gen.get("false_placeholders", []):
        print(f"  false placeholder (generated): {item}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
