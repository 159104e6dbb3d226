"""Query benchmark (issue 7): analysts' queries over 1 million redacted segments.

    .venv/bin/python -m bench.query_bench                       # 1M segments, 365 days, /tmp
    .venv/bin/python -m bench.query_bench --segments 200000 --files-per-day 4 --json out.json

Generates already-redacted data synthetically, straight to Parquet in the lake layout
(`<table>/call_date=YYYY-MM-DD/part-*.parquet`, zstd, with the lake's retention metadata and tag
sidecars, written through `Lake.store.put`), so the engine under test is the real one:
`QueryEngine` over `Lake.live_files`, locked down as for analysts. Running the ingestion pipeline
for 100k calls would take far longer and is measured by the ingestion benchmark, not here.

Timings per ready-made query:
- cold: a new QueryEngine (fresh in-memory DuckDB: no metadata or result caches; the OS page
  cache is not dropped) and the query's first run, including opening the engine (listing files,
  creating views);
- warm: the median of `--repeat` further runs on the same engine.
Nothing here is a test: it prints numbers (and writes JSON with --json).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from redactor.config import Config
from redactor.store.lake import Lake
from redactor.store.tables import CALLS, FINDINGS, REDACTED_CLASS, SEGMENTS, parquet_bytes

QUEUES = ["Kundservice privat", "Företag", "Flytt", "Faktura", "Driftstörning", "Elavtal"]
TOPICS = [
    ("Elavbrott", "Kunden har elavbrott i området och undrar när strömmen kommer tillbaka."),
    ("Fakturafråga", "Kunden undrar över en hög faktura och vill ha en avbetalningsplan."),
    ("Flytt av elavtal", "Kunden flyttar och vill flytta sitt elavtal till ny adress."),
    ("Byte av elavtal", "Kunden vill byta till fast pris på sitt elavtal."),
    ("Mätarställning", "Kunden rapporterar mätarställning och frågar om förbrukningen."),
    ("Dödsbo", "Anhörig ringer om ett dödsbo och avslut av avtal."),
    ("Solceller", "Kunden frågar om ersättning för såld solel."),
    ("Uppsägning", "Kunden vill säga upp sitt avtal."),
]
# Redacted turns as the pipeline leaves them: placeholders and pseudonym tokens, no values.
TURNS = [
    "Hej och välkommen till kundservice, du pratar med <PERSON>.",
    "Hej, jag heter <PERSON> och mitt personnummer är <SE_PERSONNUMMER>.",
    "Vi har haft elavbrott sedan i morse här på <SE_ADDRESS>.",
    "Det är ett planerat avbrott i ditt område, det beräknas vara klart klockan fjorton.",
    "Min faktura är på tvåtusen kronor, det verkar för mycket.",
    "Jag ser att förbrukningen var 850 kWh i januari.",
    "Kan du bekräfta ditt telefonnummer, <PHONE_NUMBER>?",
    "Jag vill flytta mitt avtal till nya adressen från första mars.",
    "Elavbrottet påverkade hela kvarteret enligt grannarna.",
    "Tack för att du ringde, ha en fin dag.",
    "Jag skickar en bekräftelse till <EMAIL_ADDRESS>.",
    "Säkringen är på 16 ampere och det räcker inte.",
    "Fakturan förfaller den sista i månaden.",
    "Vi kompenserar dig för elavbrott som varar längre än tolv timmar.",
    "Jag förstår, jag ska se vad jag kan göra.",
    "Mitt kundnummer är <CUSTOMER_NUMBER>.",
]
ENTITIES = ["PERSON", "SE_PERSONNUMMER", "PHONE_NUMBER", "EMAIL_ADDRESS", "SE_ADDRESS", "CUSTOMER_NUMBER"]
VERSION = "bench-0.0.0"


def _pick(rng: np.random.Generator, pool: list[str], n: int, p: np.ndarray | None = None) -> pa.Array:
    return pa.DictionaryArray.from_arrays(pa.array(rng.choice(len(pool), n, p=p), pa.int32()), pa.array(pool)).cast(
        pa.string()
    )


def _turn_weights() -> np.ndarray:
    """About 1 segment in 50 mentions an elavbrott, as in a normal week (not a storm)."""
    mention = np.array(["elavbrott" in t.lower() for t in TURNS])
    w = np.where(mention, 0.02 / mention.sum(), 0.98 / (~mention).sum())
    return w / w.sum()


def _day_tables(
    rng: np.random.Generator, day: date, n_calls: int, segs_per_call: np.ndarray, call_offset: int, customers: int
) -> dict[str, pa.Table]:
    """One day's calls, segments and findings, already redacted, as Arrow tables."""
    n_segs = int(segs_per_call.sum())
    call_ids = pa.array([f"c{call_offset + i:024x}" for i in range(n_calls)])
    start = datetime(day.year, day.month, day.day, 7, tzinfo=UTC)
    created = pa.array(
        [start + timedelta(seconds=int(s)) for s in rng.integers(0, 11 * 3600, n_calls)], pa.timestamp("us", tz="UTC")
    )
    durations = np.round(rng.lognormal(5.2, 0.6, n_calls), 1)
    topic = rng.integers(0, len(TOPICS), n_calls)
    queue = _pick(rng, QUEUES, n_calls)
    # Repeat callers: a Zipf-ish customer base, so some pseudonyms come back often.
    cust = np.minimum(rng.zipf(1.3, n_calls), customers) + rng.integers(0, customers, n_calls)
    tokens = pa.array([[f"SE_PERSONNUMMER:{c % customers:032x}"] if c % 7 else [] for c in cust], pa.list_(pa.string()))
    n_find = rng.integers(1, 6, n_calls)
    ent = rng.integers(0, len(ENTITIES), int(n_find.sum()))
    calls = pa.table(
        {
            "call_id": call_ids,
            "source_id": call_ids,
            "shape": _pick(rng, ["klang", "segmented"], n_calls),
            "created_at": created,
            "updated_at": created,
            "duration_seconds": pa.array(durations),
            "language": pa.array(["swe"] * n_calls),
            "status": pa.array(["completed"] * n_calls),
            "queue": queue,
            "direction": _pick(rng, ["inbound", "inbound", "inbound", "outbound"], n_calls),
            "title": pa.array([TOPICS[t][0] for t in topic]),
            "digest": pa.array([TOPICS[t][1] for t in topic]),
            "summary": pa.array([f"## Sammanfattning\n{TOPICS[t][1]}" for t in topic]),
            "full_text": pa.array([None] * n_calls, pa.string()),
            "participants": pa.array([["<PERSON>", "<PERSON>"]] * n_calls, pa.list_(pa.string())),
            "metadata": pa.array([[("queue", q)] for q in queue.to_pylist()], pa.map_(pa.string(), pa.string())),
            "segment_count": pa.array(segs_per_call, pa.int32()),
            "finding_count": pa.array(n_find, pa.int32()),
            "entity_counts": pa.array([[("PERSON", int(k))] for k in n_find], pa.map_(pa.string(), pa.int32())),
            "subject_tokens": tokens,
            "source_file": pa.array(["bench.jsonl"] * n_calls),
            "content_hash": call_ids,
            "pipeline_version": pa.array([VERSION] * n_calls),
        },
        schema=CALLS,
    )

    seg_call = np.repeat(np.arange(n_calls), segs_per_call)
    seg_index = np.arange(n_segs) - np.repeat(np.cumsum(segs_per_call) - segs_per_call, segs_per_call)
    seg_start = seg_index * 6.0 + rng.random(n_segs)
    text = _pick(rng, TURNS, n_segs, _turn_weights())
    # Word lists as an ASR export has them: one struct per word with timings.
    split = pc.split_pattern(text, " ")
    n_words = len(split.values)
    words = pa.ListArray.from_arrays(
        split.offsets,
        pa.StructArray.from_arrays(
            [
                split.values,
                pa.array(rng.random(n_words) * 600),
                pa.array(rng.random(n_words) * 600),
                pa.array(rng.random(n_words)),
            ],
            names=["text", "start", "end", "confidence"],
        ),
    )
    segments = pa.table(
        {
            "call_id": call_ids.take(pa.array(seg_call)),
            "segment_index": pa.array(seg_index, pa.int32()),
            "speaker": _pick(rng, ["Agent", "Kund"], n_segs),
            "role": _pick(rng, ["agent", "customer"], n_segs),
            "start_seconds": pa.array(seg_start),
            "end_seconds": pa.array(seg_start + 5.5),
            "text": text,
            "words": words.cast(SEGMENTS.field("words").type),
            "pipeline_version": pa.array([VERSION] * n_segs),
        },
        schema=SEGMENTS,
    )

    find_call = np.repeat(np.arange(n_calls), n_find)
    n_f = len(find_call)
    findings = pa.table(
        {
            "call_id": call_ids.take(pa.array(find_call)),
            "field": _pick(rng, ["segments.text", "title", "summary"], n_f),
            "entity_type": pa.array([ENTITIES[e] for e in ent]),
            "start": pa.array(rng.integers(0, 200, n_f), pa.int32()),
            "end": pa.array(rng.integers(200, 240, n_f), pa.int32()),
            "score": pa.array(np.round(rng.uniform(0.5, 1, n_f), 2)),
            "recognizer": pa.array(["bench"] * n_f),
            "audio_start": pa.array(rng.random(n_f) * 300),
            "audio_end": pa.array(rng.random(n_f) * 300 + 1),
            "pipeline_version": pa.array([VERSION] * n_f),
        },
        schema=FINDINGS,
    )
    return {"calls": calls, "segments": segments, "findings": findings}


def generate(lake, segments: int, days: int, files_per_day: int, seed: int, end: date) -> dict[str, int]:
    """Write about `segments` segments (10 per call on average) spread over `days` days."""
    rng = np.random.default_rng(seed)
    n_calls = max(1, segments // 10)
    per_day = np.bincount(rng.integers(0, days, n_calls), minlength=days)
    customers = max(10, n_calls // 3)
    totals = {"calls": 0, "segments": 0, "findings": 0, "files": 0, "bytes": 0}
    offset = 0
    # Commit through the lake's commit protocol where there is one (snapshots: readers see only
    # files a commit lists), so Lake.live_files returns what was generated; plain puts otherwise.
    try:
        from redactor.store.txn import LakeWriter
    except ImportError:
        txn = None
    else:
        txn = LakeWriter(lake, run_id="query-bench").transaction("bench")
    for d in range(days):
        day = end - timedelta(days=days - 1 - d)
        for part in np.array_split(np.arange(int(per_day[d])), files_per_day):
            if not len(part):
                continue
            segs = rng.integers(5, 16, len(part))  # 5..15 turns, mean 10
            tables = _day_tables(rng, day, len(part), segs, offset, customers)
            offset += len(part)
            for name, table in tables.items():
                if txn is not None:
                    entry = txn.add_rows(name, day.isoformat(), table)
                    size = entry.bytes if entry is not None else 0
                else:
                    tags = lake.retention.tags(REDACTED_CLASS, name)
                    data = parquet_bytes(table, tags)
                    lake.store.put(f"{name}/call_date={day.isoformat()}/part-{offset:012d}.parquet", data, tags)
                    size = len(data)
                totals[name] += table.num_rows
                totals["files"] += 1
                totals["bytes"] += size
    if txn is not None:
        txn.commit()
    return totals


def _queries(end: date) -> list[tuple[str, str, dict]]:
    from redactor.query.named import find_query

    out = []
    for name in (
        "weekly_calls_per_queue",
        "call_duration_stats",
        "top_topics",
        "repeat_callers",
        "callbacks_per_week",
        "segment_search",
        "findings_per_entity_week",
    ):
        q = find_query(name)
        out.append((name, q.sql, q.bind()))
    month = (end - timedelta(days=30)).isoformat()
    out += [
        ("count_segments", "SELECT count(*) FROM segments", {}),
        ("elavbrott_count", "SELECT count(*) FROM segments WHERE contains(lower(text), 'elavbrott')", {}),
        (
            "elavbrott_last_30_days",
            f"SELECT count(*) FROM segments WHERE contains(lower(text), 'elavbrott') AND call_date >= DATE '{month}'",
            {},
        ),
        (
            "segments_per_role_week",
            "SELECT date_trunc('week', call_date) AS w, role, count(*) FROM segments GROUP BY ALL ORDER BY ALL",
            {},
        ),
    ]
    return out


def run(args: argparse.Namespace) -> dict:
    from redactor.query.engine import QueryEngine

    root = Path(args.out)
    config = Config.load()
    end = date(2026, 11, 27)
    report: dict = {
        "machine": {"cpus": os.cpu_count(), "platform": platform.platform(), "python": platform.python_version()}
    }
    if args.regenerate or not (root / "segments").exists():
        shutil.rmtree(root, ignore_errors=True)
        started = time.perf_counter()
        totals = generate(
            Lake.from_config(config, str(root), VERSION), args.segments, args.days, args.files_per_day, args.seed, end
        )
        totals["seconds"] = round(time.perf_counter() - started, 2)
        report["generated"] = totals
        print(
            f"generated {totals['segments']:,} segments, {totals['calls']:,} calls, {totals['findings']:,} "
            f"findings in {totals['files']:,} files ({totals['bytes'] / 1e6:.0f} MB) in {totals['seconds']} s"
        )
    results = []
    for name, sql, params in _queries(end):
        started = time.perf_counter()
        engine = QueryEngine(Lake.from_config(config, str(root), VERSION))
        opened = time.perf_counter() - started
        result = engine.query(sql, params)
        cold = time.perf_counter() - started
        warm = []
        for _ in range(args.repeat):
            t0 = time.perf_counter()
            engine.query(sql, params)
            warm.append(time.perf_counter() - t0)
        engine.close()
        row = {
            "query": name,
            "rows": result.table.num_rows,
            "cold_s": round(cold, 3),
            "open_s": round(opened, 3),
            "warm_median_s": round(statistics.median(warm), 3),
            "warm_max_s": round(max(warm), 3),
        }
        results.append(row)
        print(
            f"{name:26} rows {row['rows']:>7,}  cold {cold * 1000:7.0f} ms (open {opened * 1000:4.0f})  "
            f"warm median {row['warm_median_s'] * 1000:6.0f} ms  max {row['warm_max_s'] * 1000:6.0f} ms"
        )
    report["queries"] = results
    with QueryEngine(Lake.from_config(config, str(root), VERSION)) as engine:
        report["lake"] = {
            t: engine.query(f"SELECT count(*) FROM {t}").scalar() for t in ("calls", "segments", "findings")
        }
        report["lake"]["files_per_table"] = len(engine.files["segments"])
    print(f"lake: {report['lake']}")
    if args.json:
        Path(args.json).write_text(json.dumps(report, indent=2))
    return report


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--segments", type=int, default=1_000_000, help="segments to generate (10 per call)")
    parser.add_argument("--days", type=int, default=365, help="days (partitions) to spread them over")
    parser.add_argument("--files-per-day", type=int, default=1, help="Parquet files per table and day")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--out", default="/tmp/redactor-query-bench/lake", help="lake folder (reused if present)")
    parser.add_argument("--regenerate", action="store_true", help="write the data again even if present")
    parser.add_argument("--repeat", type=int, default=5, help="warm runs per query")
    parser.add_argument("--json", help="also write the figures to this JSON file")
    run(parser.parse_args(argv))


if __name__ == "__main__":
    main()
