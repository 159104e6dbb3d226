"""Builders and checks for the scheduled-job tests (tests/test_job_*.py).

Made-up people and Skatteverket test personnummer only.
"""

from __future__ import annotations

import gzip
import io
import json
import random
from collections import Counter
from pathlib import Path

import pyarrow.parquet as pq

from redactor.config import Config
from redactor.ingest.parse import make_call_id
from tests.factories import klang_record, segmented_record

# Skatteverket test numbers (they belong to no one) and invented names.
PNRS = ["880413-2382", "800426-2385", "930805-2381", "880413-2390", "800426-2393", "930805-2399"]
NAMES = ["Vera Testsson", "Olle Provsson", "Greta Exempelsson", "Nils Påhittad", "Stina Fiktiv", "Bo Låtsas"]


def call_record(i: int, *, day: int | None = None, version: int = 0, shape: str = "klang") -> dict:
    """Call number i: a Klang conversation (or a segmented call) with a made-up caller."""
    name, pnr = NAMES[i % len(NAMES)], PNRS[i % len(PNRS)]
    d = 1 + (i % 7) if day is None else day
    created = f"2026-11-{d:02d}T{8 + i % 9:02d}:{i % 60:02d}:00Z"
    updated = f"2026-11-{d:02d}T{18:02d}:{version:02d}:00Z"
    if shape == "segmented":
        return segmented_record(f"seg_job_{i:04d}", created_at=created, updated_at=updated)
    content = (
        f"[00:00:01] Agent: Norrsken Energi, hej!\n"
        f"[00:00:04] {name}: Hej, mitt personnummer är {pnr}.\n"
        f"[00:00:09] Agent: Tack {name.split()[0]}, ärende {i} version {version}."
    )
    return klang_record(
        f"conv_job_{i:04d}",
        content=content,
        created_at=created,
        updated_at=updated,
        summary=f"{name} ringde om ärende {i}.",
        sources=[
            {
                "type": "transcript",
                "duration_seconds": 60,
                "language": "swe",
                "participants": [{"name": name}],
                "content": content,
            }
        ],
    )


def call_id_of(i: int, shape: str = "klang") -> str:
    return make_call_id(shape, f"conv_job_{i:04d}" if shape == "klang" else f"seg_job_{i:04d}")


def dumps(obj) -> str:
    return json.dumps(obj, ensure_ascii=False)


POISON = {
    "poison-truncated.json": b'{"id": "conv_poison_1", "summary": "kund 880413-2382", "sources": [',
    "poison-notutf8.json": '{"id": "conv_poison_2", "title": "G\u00f6teborg"}'.encode("latin-1"),
    "poison-empty.json": b"  \n",
}


def write_landing(
    folder: Path, n_calls: int, *, seed: int = 7, poison: bool = True, duplicates: int = 0, start: int = 0
) -> set[str]:
    """Exports of calls start..start+n_calls-1 in mixed containers; returns the expected call ids.

    Containers: one call per file, JSON Lines (3-6 calls), a gzip'd array, a `{"data": [...]}` page.
    `duplicates`: that many calls are delivered a second time in another file (same content).
    """
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    ids = list(range(start, start + n_calls))
    expected = {call_id_of(i) for i in ids}
    k = 0
    while ids:
        kind = rng.choice(["one", "one", "jsonl", "gzarray", "page"])
        take = 1 if kind == "one" else rng.randint(3, 6)
        chunk, ids = ids[:take], ids[take:]
        recs = [call_record(i) for i in chunk]
        k += 1
        if kind == "one":
            (folder / f"export-{start}-{k:04d}.json").write_text(dumps(recs[0]))
        elif kind == "jsonl":
            (folder / f"export-{start}-{k:04d}.jsonl").write_text("\n".join(dumps(r) for r in recs) + "\n")
        elif kind == "gzarray":
            (folder / f"export-{start}-{k:04d}.json.gz").write_bytes(gzip.compress(dumps(recs).encode(), mtime=0))
        else:
            (folder / f"export-{start}-{k:04d}.json").write_text(dumps({"data": recs, "has_more": False}))
    made = sorted(folder.glob(f"export-{start}-*"))
    for j in range(duplicates):
        if j % 2 == 0:  # the same bytes again under another name
            src = rng.choice(made)
            (folder / f"copy-{start}-{j:03d}-{src.name}").write_bytes(src.read_bytes())
        else:  # the same call again, in another container
            i = start + rng.randrange(n_calls)
            (folder / f"again-{start}-{j:03d}.json").write_text(dumps([call_record(i)]))
    if poison:
        for name, data in POISON.items():
            (folder / f"{start}-{name}").write_bytes(data)
    return expected


def job_config(tmp_path: Path, text: str = "", name: str = "job.toml") -> tuple[Path, Config]:
    path = tmp_path / name
    path.write_text(text)
    return path, Config.load(path)


def read_live(lake, table: str, columns: list[str] | None = None):
    import pyarrow as pa

    parts = [pq.read_table(io.BytesIO(lake.store.get(k)), columns=columns) for k in lake.live_files(table)]
    return pa.concat_tables(parts) if parts else None


def reader_invariants(lake) -> dict[str, Counter]:
    """What a reader sees must be consistent at any instant: every live file whole and readable,
    no call twice in `calls`, no segment twice, every call's segments present. Returns counts."""
    snap = lake.snapshot()
    calls = Counter()
    segs = Counter()
    for key in snap.live_keys("calls"):
        calls.update(pq.read_table(io.BytesIO(lake.store.get(key)), columns=["call_id"]).column("call_id").to_pylist())
    for key in snap.live_keys("segments"):
        t = pq.read_table(io.BytesIO(lake.store.get(key)), columns=["call_id", "segment_index"])
        segs.update(zip(t.column("call_id").to_pylist(), t.column("segment_index").to_pylist()))
    for key in snap.live_keys("findings"):
        pq.read_metadata(io.BytesIO(lake.store.get(key)))
    dup_calls = {c: n for c, n in calls.items() if n > 1}
    dup_segs = {s: n for s, n in segs.items() if n > 1}
    assert not dup_calls, f"calls visible twice: {dup_calls}"
    assert not dup_segs, f"segments visible twice: {list(dup_segs)[:5]}"
    assert {c for c, _ in segs} == set(calls), "calls and segments disagree"
    return {"calls": calls, "segments": segs}
