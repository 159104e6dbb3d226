"""How many name mentions of the development corpus survive the whole pipeline.

    .venv/bin/python -m bench.name_leaks [--config bench/data/dev_allowlist.toml] [--show] [--json]

`redactor eval` scores the detector on each text. This runs every corpus text through what the
scheduled job does to a call (a Klang conversation whose content is the text: speaker labels
parsed off, a name found once redacted everywhere in the call, also in the genitive) and counts
the gold PERSON mentions still readable in the stored call: the name, optionally followed by up
to two letters ("Alexanders", "marcuss"), standing at the start of a word of any stored text,
except a name that is also an ordinary word used as that word ("öre per kilowattimme",
`redactor.transform.call.ordinary_use`).
The corpus's people are made up, so `--show` may print them.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

from redactor.config import Config
from redactor.domain import RedactedCall
from redactor.ingest.reader import RawRecord
from redactor.pipeline import Pipeline
from redactor.transform.call import ordinary_use

ROOT = Path(__file__).resolve().parent.parent
DEV_CORPUS = ROOT / "bench" / "data" / "dev_corpus.jsonl"
DEV_CONFIG = ROOT / "bench" / "data" / "dev_allowlist.toml"


def _record(doc_id: str, text: str) -> dict:
    return {
        "id": doc_id,
        "title": "",
        "created_at": "2026-11-20T10:00:00Z",
        "status": "ready",
        "sources": [{"type": "transcript", "language": "swe", "participants": [], "content": text}],
    }


def leaks(pipeline: Pipeline, corpus: Path = DEV_CORPUS) -> dict:
    docs = [json.loads(line) for line in corpus.read_text("utf-8").splitlines() if line.strip()]
    records = [RawRecord(str(corpus), i, b"", _record(d["id"], d["text"])) for i, d in enumerate(docs)]
    mentions, leaked, failed = 0, [], 0
    for doc, result in zip(docs, pipeline.process(records)):
        names = [doc["text"][e["start"] : e["end"]] for e in doc["entities"] if e["type"] == "PERSON"]
        mentions += len(names)
        if not isinstance(result, RedactedCall):
            failed += 1  # quarantined: nothing stored, so nothing leaks, but it is not a result
            continue
        out = "\n".join(result.call.text_fields().values())
        for name in names:
            body = r"\s+".join(re.escape(p) for p in name.split())
            # "per" in "öre per kilowattimme" is not the customer Per (as the pipeline decides).
            if any(
                not ordinary_use(out, *m.span())
                for m in re.finditer(rf"(?<!\w){body}\w{{0,2}}(?!\w)", out, re.IGNORECASE)
            ):
                leaked.append(name)
    return {
        "documents": len(docs),
        "mentions": mentions,
        "leaked": len(leaked),
        "quarantined": failed,
        "leaked_values": leaked,
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=DEV_CORPUS)
    ap.add_argument("--config", type=Path, default=DEV_CONFIG)
    ap.add_argument("--show", action="store_true", help="print the leaked names (made-up people)")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    result = leaks(Pipeline(Config.load(args.config)), args.corpus)
    if not args.show:
        result.pop("leaked_values")
    if args.json:
        print(json.dumps(result, ensure_ascii=False))
    else:
        print(
            f"{result['leaked']} of {result['mentions']} name mentions readable after the pipeline "
            f"({result['documents']} calls, {result['quarantined']} quarantined)"
        )
        for name in result.get("leaked_values", []):
            print(f"  {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
