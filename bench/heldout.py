"""Hand-written held-out utterances -> JSON Lines for `redactor eval`.

    .venv/bin/python -m bench.heldout            # writes bench/data/heldout.jsonl
    .venv/bin/redactor eval bench/data/heldout.jsonl --config bench/data/dev_allowlist.toml

`bench/data/heldout_marked.txt` was written by hand after the recognizers were tuned on the dev
corpus and is not used to tune them: it measures how far the rules generalise to phrasings the
corpus generator does not produce. «TYPE|text» marks an entity, «-KIND|text» a hard negative.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "bench" / "data" / "heldout_marked.txt"
OUT = ROOT / "bench" / "data" / "heldout.jsonl"
_MARK = re.compile(r"«(-?[A-Z_]+)\|([^»]*)»")


def parse(line: str) -> tuple[str, list[dict], list[dict]]:
    text, ents, negs, pos = "", [], [], 0
    for m in _MARK.finditer(line):
        text += line[pos : m.start()]
        kind, value = m.group(1), m.group(2)
        span = {"type": kind.lstrip("-"), "start": len(text), "end": len(text) + len(value)}
        (negs if kind.startswith("-") else ents).append(span)
        text += value
        pos = m.end()
    return text + line[pos:], ents, negs


def build() -> list[dict]:
    lines = [ln for ln in SRC.read_text("utf-8").splitlines() if ln.strip() and not ln.startswith("#")]
    out = []
    for i, line in enumerate(lines):
        text, ents, negs = parse(line)
        out.append({"id": f"heldout-{i:03d}", "text": text, "entities": ents, "negatives": negs})
    return out


def main() -> None:
    docs = build()
    with OUT.open("w", encoding="utf-8") as fh:
        for d in docs:
            fh.write(json.dumps(d, ensure_ascii=False) + "\n")
    print(
        f"wrote {len(docs)} snippets, {sum(len(d['entities']) for d in docs)} entities, "
        f"{sum(len(d['negatives']) for d in docs)} hard negatives to {OUT}"
    )


if __name__ == "__main__":
    main()
