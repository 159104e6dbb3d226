"""Web app benchmark (issue 17): server time of `redactor serve` pages over 1 million segments.

    .venv/bin/python -m bench.serve_bench                    # the query benchmark's lake in /tmp
    .venv/bin/python -m bench.serve_bench --out /tmp/lake --segments 200000 --json out.json

Uses the synthetic lake of `bench.query_bench` (generated first if missing: 1M redacted segments,
100k calls, 365 days). Times, in process and without the network, the full handling of each
request by the app (routing, auth gate, queries, template, SVG charts): the first request and the
median/max of `--repeat` more. The dashboard's figures are cached per lake version and date range
(the default range is computed at start-up), so its queries are also timed without the cache. Also the start-up load of the committed rows into memory and the
resident memory after it. Nothing here is a test: it prints numbers (and writes JSON with --json).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import statistics
import time
from pathlib import Path

from bench.query_bench import VERSION, generate
from redactor.config import Config
from redactor.store.lake import Lake

PAGES = [
    ("dashboard", "/"),
    ("dashboard_last_quarter", "/?since=2026-09-01&until=2026-11-27"),
    ("search_faktura", "/calls?q=faktura"),
    ("search_elavbrott", "/calls?q=elavbrott"),
    ("search_rare_word", "/calls?q=solel"),
    ("call_reader", None),  # filled in: one call id from the lake
    ("saved_query_weekly", "/queries/weekly_calls_per_queue"),
    ("saved_query_csv", "/queries/call_duration_stats.csv"),
]


def run(args: argparse.Namespace) -> dict:
    from datetime import date

    from starlette.testclient import TestClient

    from redactor.serve.app import create_app
    from redactor.serve.data import LakeView

    root = Path(args.out)
    config = Config.load()
    report: dict = {
        "machine": {"cpus": os.cpu_count(), "platform": platform.platform(), "python": platform.python_version()}
    }
    if not (root / "segments").exists():
        report["generated"] = generate(
            Lake.from_config(config, str(root), VERSION), args.segments, 365, 1, 7, date(2026, 11, 27)
        )
    started = time.perf_counter()
    view = LakeView(Lake.from_config(config, str(root), VERSION), refresh_seconds=3600)
    report["load_s"] = round(time.perf_counter() - started, 2)
    report["max_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    report["lake"] = {t: view.query(f"SELECT count(*) FROM {t}").scalar() for t in ("calls", "segments", "findings")}
    print(f"loaded {report['lake']} in {report['load_s']} s, max RSS {report['max_rss_mb']} MB")
    # The dashboard's queries without the per-version cache (what a new date range costs).
    uncached = []
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        view.compute_dashboard(None, None)
        uncached.append(time.perf_counter() - t0)
    report["dashboard_uncached_all_days"] = {
        "median_s": round(statistics.median(uncached), 3),
        "max_s": round(max(uncached), 3),
    }
    print(
        f"dashboard queries, all {report['lake']['calls']:,} calls, no cache: median "
        f"{statistics.median(uncached) * 1000:.0f} ms, max {max(uncached) * 1000:.0f} ms"
    )
    client = TestClient(create_app(view))
    call_id = view.query("SELECT call_id FROM calls ORDER BY call_id LIMIT 1").scalar()
    results = []
    for name, path in PAGES:
        path = path or f"/calls/{call_id}"
        timings = []
        for _ in range(args.repeat + 1):
            t0 = time.perf_counter()
            response = client.get(path)
            timings.append(time.perf_counter() - t0)
            assert response.status_code == 200, (path, response.status_code)
        first, rest = timings[0], timings[1:]
        row = {
            "page": name,
            "path": path,
            "bytes": len(response.content),
            "first_s": round(first, 3),
            "median_s": round(statistics.median(rest), 3),
            "max_s": round(max(rest), 3),
        }
        results.append(row)
        print(
            f"{name:24} first {first * 1000:6.0f} ms  median {row['median_s'] * 1000:6.0f} ms  "
            f"max {row['max_s'] * 1000:6.0f} ms  ({row['bytes'] / 1000:.0f} kB)  {path}"
        )
    report["pages"] = results
    view.close()
    if args.json:
        Path(args.json).write_text(json.dumps(report, indent=2))
    return report


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", default="/tmp/redactor-query-bench/lake", help="lake folder (generated if missing)")
    parser.add_argument("--segments", type=int, default=1_000_000, help="segments to generate if the lake is missing")
    parser.add_argument("--repeat", type=int, default=5, help="timed requests per page after the first")
    parser.add_argument("--json", help="also write the figures to this JSON file")
    run(parser.parse_args(argv))


if __name__ == "__main__":
    main()
