"""Personnummer recall on every Skatteverket test number, in every written and spaced format.

    .venv/bin/python -m bench.personnummer_recall [--limit N] [--spoken 2000] [--seed 7] [--json]

Each of the 41,493 test numbers (recognizers/data/skatteverket-testpersonnummer.txt) is put in a
short Swedish sentence in each format: YYMMDD-NNNN (YYMMDD+NNNN for those 100 or older), YYMMDDNNNN,
YYYYMMDD-NNNN, YYYYMMDDNNNN, YYMMDD NNNN, YY MM DD NNNN, YY MM DD NN NN, YYYYMMDD NNNN; target
100 %. A seeded random sample is also said in words (pairs: "åttiofem noll tre tolv fyrtiotvå
trettioåtta", sometimes with the century, sometimes the last four digit by digit); target >= 99 %.

The real Detector runs (config defaults, `detect_many` in batches). A number counts as found when
SE_PERSONNUMMER detections cover all of its characters ("overlap" is reported too, and "covered,
any type": all characters covered by detections of any type, i.e. redacted even if mislabelled).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PNR_FILE = ROOT / "recognizers" / "data" / "skatteverket-testpersonnummer.txt"
ENTITY = "SE_PERSONNUMMER"

SENTENCES = [
    "Mitt personnummer är {}.",
    "Ja, det är {}.",
    "{} heter jag, eller det är mitt nummer alltså.",
    "Kan du kolla {} åt mig?",
    "eh personnumret {} tror jag",
    "Jo, {}",
]


def load_numbers() -> list[str]:
    return [ln.strip() for ln in PNR_FILE.read_text("utf-8").splitlines() if ln.strip() and not ln.startswith("#")]


def is_centenarian(p12: str, today: date | None = None) -> bool:
    today = today or date.today()
    born = (int(p12[:4]), int(p12[4:6]), int(p12[6:8]) % 60 or int(p12[6:8]))
    return (today.year, today.month, today.day) >= (born[0] + 100, born[1], born[2])


def written_forms(p12: str) -> dict[str, str]:
    ten = p12[2:]
    sep = "+" if is_centenarian(p12) else "-"
    return {
        "YYMMDD-NNNN": f"{ten[:6]}{sep}{ten[6:]}",
        "YYMMDDNNNN": ten,
        "YYYYMMDD-NNNN": f"{p12[:8]}-{p12[8:]}",
        "YYYYMMDDNNNN": p12,
        "YYMMDD NNNN": f"{ten[:6]} {ten[6:]}",
        "YY MM DD NNNN": f"{ten[:2]} {ten[2:4]} {ten[4:6]} {ten[6:]}",
        "YY MM DD NN NN": f"{ten[:2]} {ten[2:4]} {ten[4:6]} {ten[6:8]} {ten[8:]}",
        "YYYYMMDD NNNN": f"{p12[:8]} {p12[8:]}",
    }


def spoken_form(p12: str, rng: random.Random) -> str:
    from bench.make_dev_corpus import say_digits, say_pairs

    ten = p12[2:]
    r = rng.random()
    if r < 0.2:
        return f"{say_pairs(p12[:2], rng)} {say_pairs(ten, rng)}"
    if r < 0.35:
        return f"{say_pairs(ten[:6], rng)} {say_digits(ten[6:])}"
    return say_pairs(ten, rng)


def build_cases(numbers: list[str], spoken: int, seed: int) -> list[tuple[str, str, int, int]]:
    """(format, sentence, start, end) for every case."""
    rng = random.Random(seed)
    cases = []
    for i, p12 in enumerate(numbers):
        for fmt, value in written_forms(p12).items():
            tpl = SENTENCES[(i + len(fmt)) % len(SENTENCES)]
            start = tpl.index("{}")
            cases.append((fmt, tpl.format(value), start, start + len(value)))
    for p12 in rng.sample(numbers, min(spoken, len(numbers))):
        value = spoken_form(p12, rng)
        tpl = rng.choice(SENTENCES)
        start = tpl.index("{}")
        cases.append(("spoken", tpl.format(value), start, start + len(value)))
    return cases


def run(
    limit: int | None = None, spoken: int = 2000, seed: int = 7, batch: int = 512, detector=None, progress: bool = False
) -> dict:
    numbers = load_numbers()
    if limit:
        numbers = random.Random(seed).sample(numbers, min(limit, len(numbers)))
    cases = build_cases(numbers, spoken if not limit else min(spoken, limit), seed)
    if detector is None:
        from redactor.config import Config
        from redactor.detect import Detector

        cfg = Config.load()
        detector = Detector.from_config(cfg)
    stats: dict[str, dict[str, int]] = {}
    t0 = time.perf_counter()
    for b in range(0, len(cases), batch):
        chunk = cases[b : b + batch]
        results = detector.detect_many([c[1] for c in chunk])
        for (fmt, _text, start, end), dets in zip(chunk, results):
            s = stats.setdefault(fmt, {"cases": 0, "found": 0, "overlap": 0, "any_type": 0})
            s["cases"] += 1
            covered_any: set[int] = set()
            for d in dets:
                covered_any.update(range(max(start, d.start), min(end, d.end)))
            if len(covered_any) == end - start:
                s["any_type"] += 1  # redacted anyway, whatever type it was given
            hits = [d for d in dets if d.entity_type == ENTITY and d.start < end and start < d.end]
            if hits:
                s["overlap"] += 1
                covered = set()
                for d in hits:
                    covered.update(range(max(start, d.start), min(end, d.end)))
                if len(covered) == end - start:
                    s["found"] += 1
        if progress:
            print(f"\r{min(b + batch, len(cases))}/{len(cases)}", end="", file=sys.stderr, flush=True)
    if progress:
        print(file=sys.stderr)
    for s in stats.values():
        s["recall"] = round(s["found"] / s["cases"], 6)
        s["overlap_recall"] = round(s["overlap"] / s["cases"], 6)
        s["any_type_recall"] = round(s["any_type"] / s["cases"], 6)
    written = [s for f, s in stats.items() if f != "spoken"]
    return {
        "numbers": len(numbers),
        "cases": len(cases),
        "seconds": round(time.perf_counter() - t0, 1),
        "formats": stats,
        "written_recall": round(sum(s["found"] for s in written) / max(1, sum(s["cases"] for s in written)), 6),
    }


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description="Personnummer recall on Skatteverket's test numbers.")
    ap.add_argument("--limit", type=int, default=None, help="Only this many numbers (random, seeded).")
    ap.add_argument("--spoken", type=int, default=2000, help="Spoken-in-words sample size.")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    out = run(args.limit, args.spoken, args.seed, progress=not args.json)
    if args.json:
        print(json.dumps(out, indent=2))
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(
        title=f"SE_PERSONNUMMER recall: {out['numbers']} test numbers, {out['cases']} sentences, {out['seconds']} s"
    )
    for col in ("format", "cases", "found (full span)", "recall", "overlap recall", "covered, any type", "target"):
        table.add_column(col, justify="left" if col == "format" else "right")
    for fmt, s in out["formats"].items():
        target = "≥ 99 %" if fmt == "spoken" else "100 %"
        table.add_row(
            fmt,
            str(s["cases"]),
            str(s["found"]),
            f"{s['recall']:.2%}",
            f"{s['overlap_recall']:.2%}",
            f"{s['any_type_recall']:.2%}",
            target,
        )
    Console(width=120).print(table)


if __name__ == "__main__":
    main()
