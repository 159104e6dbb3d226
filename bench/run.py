"""The benchmark: our detector and the whole ingest against vanilla Presidio, same data, same cores.

    .venv/bin/python -m bench.run --calls 2000                 # ~5 minutes on 2 cores
    .venv/bin/python -m bench.run --calls 2000 --dask --memory 10000,30000

One run generates `--calls` realistic calls (bench/generate.py, seeded), prepares the texts the
pipeline scans, and measures each of these in its own process (so peak RSS is its own):

- `spacy_pipe`: the bare spaCy model (redactor/data/sv_klang) `nlp.pipe` over the same texts;
- `detector`: our `Detector.detect_many` (the fast path) over the same texts, in the pipeline's
  batches of calls;
- `detector_reference`: the same detector through plain `AnalyzerEngine.analyze` on every text;
- `presidio_baseline`: vanilla Presidio 2.2.366 (bench/baseline.py) `BatchAnalyzerEngine`;
- `ingest_1_worker`, `ingest_N_workers` (and `ingest_dask_N_workers` with --dask): the whole
  `redactor ingest` of the export files into a temporary local store;
- recall of detector and baseline on the generated gold and on bench/data/dev_corpus.jsonl;
- usefulness beside it (bench/usefulness.py, not with --quick): placeholder precision and the
  share of non-PII words kept in the stored text;
- with `--memory`: ingests of that many streamed calls, peak RSS each (flat = does not grow).

Writes `results.json` and `results.md` to `--out` (default bench/results/) and prints the table.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def machine() -> dict:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem_gb = None
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                mem_gb = round(int(line.split()[1]) / 2**20, 1)
    except OSError:
        pass
    try:
        nproc = len(os.sched_getaffinity(0))
    except AttributeError:
        nproc = os.cpu_count()
    versions = {}
    for mod in ("presidio_analyzer", "spacy", "pyarrow", "distributed"):
        try:
            from importlib.metadata import version

            versions[mod] = version(mod.replace("_", "-"))
        except Exception:  # noqa: BLE001
            pass
    try:
        commit = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
        ).stdout.strip()
    except OSError:
        commit = ""
    model = {}
    try:
        meta = json.loads((ROOT / "redactor/data/sv_klang/meta.json").read_text())
        model = {"name": meta.get("name"), "version": meta.get("version"), "pipeline": meta.get("pipeline", [])}
    except (OSError, ValueError):
        pass
    return {
        "nproc": nproc,
        "cpu": cpu,
        "memory_gb": mem_gb,
        "python": platform.python_version(),
        "versions": versions,
        "git_commit": commit,
        "model": model,
    }


# Seconds a measurement may take before the bench gives up on it.
CHILD_TIMEOUT_S = 7200


def child(args: list[str], timeout: float = CHILD_TIMEOUT_S) -> dict:
    env = dict(os.environ, PYTHONPATH=str(ROOT), OMP_NUM_THREADS="1", TOKENIZERS_PARALLELISM="false")
    proc = subprocess.run(
        [sys.executable, "-m", "bench.measure", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    if proc.returncode != 0:
        raise SystemExit(f"measurement {args[0]} failed:\n{proc.stderr[-4000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def usefulness() -> dict:
    """bench.usefulness in its own process: placeholder precision and non-PII words kept."""
    env = dict(os.environ, PYTHONPATH=str(ROOT), OMP_NUM_THREADS="1")
    proc = subprocess.run(
        [sys.executable, "-m", "bench.usefulness", "--json"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=3600,
    )
    if proc.returncode != 0:
        raise SystemExit(f"bench.usefulness failed:\n{proc.stderr[-4000:]}")
    return json.loads(proc.stdout)


def _fmt(v, digits: int = 0) -> str:
    if v is None:
        return "–"
    if isinstance(v, float) and digits:
        return f"{v:,.{digits}f}"
    return f"{round(v):,}" if isinstance(v, (int, float)) else str(v)


LABELS = {
    "presidio_baseline": "Presidio 2.2.366 baseline (BatchAnalyzerEngine, predefined + SE recognizers)",
    "detector_reference": "our detector, plain `AnalyzerEngine.analyze` per text",
    "detector": "**our detector (fast path)**",
    "spacy_pipe": "bare spaCy `nlp.pipe` (redactor/data/sv_klang)",
}


def markdown(result: dict) -> str:
    m = result["machine"]
    meta = result["data"]
    lines = [
        f"Measured {result['measured_at']} on {m['nproc']} cores ({m['cpu']}), {m['memory_gb']} GB RAM, "
        f"Python {m['python']}, commit {m['git_commit']}, model {m['model'].get('name')}-{m['model'].get('version')} "
        f"(pipeline: {', '.join(m['model'].get('pipeline') or []) or 'tokenizer only'}).",
        f"Data: {meta['calls']:,} generated calls (seed {meta['seed']}), {meta['transcript_chars_per_call']:,} "
        f"transcript characters and {meta['fields_per_call']} scanned texts ({meta['chars_per_call']:,} characters) a call.",
        "",
        "| measurement | calls/s | characters/s | peak RSS (MB) | recall, overlap / full (generated) | other load (cores) |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for x in result["measurements"]:
        label = LABELS.get(x["name"]) or x["name"].replace("_", " ")
        if x["name"].startswith("ingest"):
            label = f"whole `redactor ingest`, {x['workers']} worker{'s' if x['workers'] > 1 else ''}" + (
                f" ({x['engine']})" if x["engine"] != "local" else ""
            )
        rec = x.get("recall_generated", {})
        shown = f"{_fmt(rec['recall'], 3)} / {_fmt(rec['recall_full'], 3)}" if rec.get("recall") is not None else "–"
        lines.append(
            f"| {label} | {_fmt(x['calls_per_s'], 1)} | {_fmt(x.get('chars_per_s'))} | "
            f"{_fmt(x['peak_rss_mb'], 1)} | {shown} | {_fmt(x.get('other_cores_busy'), 2)} |"
        )
    lines += [
        "",
        '"Other load" is CPU used by other processes on the machine during the measurement, in '
        "cores (the machine is shared); figures measured with other load near 0 are the clean ones.",
    ]
    r = result["ratios"]
    lines += ["", "| ratio | value | target |", "|---|---:|---|"]
    lines.append(f"| detector / Presidio baseline throughput | {_fmt(r.get('detector_over_baseline'), 2)}× | ≥ 3× |")
    lines.append(
        f"| detector cost / bare spaCy `nlp.pipe` cost | {_fmt(r.get('detector_cost_over_spacy'), 2)}× | ≤ 1.5× |"
    )
    if r.get("fast_over_reference") is not None:
        lines.append(f"| detector fast path / plain `analyze` | {_fmt(r['fast_over_reference'], 2)}× | same results |")
    if r.get("workers_speedup") is not None:
        lines.append(
            f"| ingest {r['workers']} workers / 1 worker | {_fmt(r['workers_speedup'], 2)}× | ≥ 1.8× on 2 cores |"
        )
    if r.get("dask_speedup") is not None:
        lines.append(f"| ingest Dask ({r['workers']} local workers) / 1 worker | {_fmt(r['dask_speedup'], 2)}× | |")
    if r.get("dask_speedup") is not None and r.get("workers_speedup"):
        lines.append(
            f"| ingest Dask / `--workers {r['workers']}` | {_fmt(r['dask_speedup'] / r['workers_speedup'], 2)}× | ≥ 1× |"
        )
    rec = result["recall"]
    gen = rec["generated"]
    types = sorted(
        set(gen.get("detector", {}).get("by_type", {})) | set(gen.get("presidio_baseline", {}).get("by_type", {}))
    )
    if types:
        lines += [
            "",
            "Recall on the generated calls' gold, by type (overlap / fully covered; detectors only, "
            "without the pipeline's names from call structure and value propagation):",
            "",
            "| type | ours | Presidio baseline |",
            "|---|---:|---:|",
        ]

        def cell(name: str, t: str) -> str:
            g = gen.get(name, {})
            return f"{_fmt(g.get('by_type', {}).get(t), 3)} / {_fmt(g.get('by_type_full', {}).get(t), 3)}"

        for t in types:
            lines.append(f"| {t} | {cell('detector', t)} | {cell('presidio_baseline', t)} |")
    dev = rec.get("dev_corpus", {})
    if dev.get("available"):
        o, b = dev["detector"], dev["presidio_baseline"]
        lines += [
            "",
            f"Development corpus bench/data/dev_corpus.jsonl ({dev['documents']} documents"
            f"{', scored by ' + dev['harness'] if dev.get('harness') else ''}):",
            "",
            "| | recall (type-aware span overlap) | redaction recall (characters covered) | precision |",
            "|---|---:|---:|---:|",
            f"| ours | {_fmt(o.get('recall'), 3)} | {_fmt(o.get('redaction_recall'), 3)} | {_fmt(o.get('precision'), 3)} |",
            f"| Presidio baseline | {_fmt(b.get('recall'), 3)} | {_fmt(b.get('redaction_recall'), 3)} | "
            f"{_fmt(b.get('precision'), 3)} |",
        ]
    else:
        lines += ["", "bench/data/dev_corpus.jsonl not present: development-corpus recall not measured."]
    use = result.get("usefulness")
    if use:
        a, c, g = use["precision_set"]["alone"], use["precision_set"]["in_calls"], use["generated"]
        lines += [
            "",
            "Usefulness beside recall (`python -m bench.usefulness`, docs/usefulness.md): placeholders "
            "standing on personal data, and words that are not personal data kept unchanged:",
            "",
            "| set | placeholder precision | non-PII words kept | values readable |",
            "|---|---:|---:|---:|",
            f"| precision set, {a['turns']} turns scanned alone | {_fmt(a['precision'], 3)} | "
            f"{_fmt(a['words_kept'], 4)} | recall {_fmt(a['recall'], 3)} |",
            f"| precision set stored in calls | {_fmt(c['placeholder_precision'], 3)} | "
            f"{_fmt(c['words_kept'], 4)} | {c['values_readable']} of {c['values']} |",
            f"| {g['calls']} generated calls | {_fmt(g['placeholder_precision'], 3)} | "
            f"{_fmt(g['words_kept'], 4)} | {g['values_readable']} of {g['values']} |",
        ]
    if result.get("memory"):
        lines += [
            "",
            f"Memory with input size (streamed ingest, exports written in {result.get('calls_per_file')}-call files):",
            "",
            "| calls | workers | calls/s | peak RSS, all processes (MB) | driver (MB) | other load (cores) |",
            "|---:|---:|---:|---:|---:|---:|",
        ]
        for x in result["memory"]:
            lines.append(
                f"| {x['calls']:,} | {x['workers']} | {_fmt(x['calls_per_s'], 1)} | "
                f"{_fmt(x['peak_rss_mb'], 1)} | {_fmt(x['peak_rss_driver_mb'], 1)} | "
                f"{_fmt(x.get('other_cores_busy'), 2)} |"
            )
        for x in result["memory"]:
            lines += _timeline(x)
    return "\n".join(lines) + "\n"


def _timeline(run: dict, windows: int = 10) -> list[str]:
    """The memory run's resident memory over time, in about ten windows: where it grew, not just its peak."""
    samples = run.get("rss_timeline", {}).get("seconds_tree_driver_mb") or []
    if not samples or not run.get("seconds"):
        return []
    rate = run["calls"] / run["seconds"]
    size = max(1, -(-len(samples) // windows))
    lines = [
        "",
        f"{run['calls']:,} calls over time (all processes sampled every 50 ms, recorded every "
        f"{run['rss_timeline'].get('every_s', 15)} s; calls done estimated at the run's mean rate):",
        "",
        "| until minute | calls done (about) | all processes, mean / highest (MB) | driver, highest (MB) |",
        "|---|---:|---:|---:|",
    ]
    for i in range(0, len(samples), size):
        w = samples[i : i + size]
        lines.append(
            f"| {w[-1][0] / 60:.1f} | {int(w[-1][0] * rate):,} | "
            f"{sum(r[1] for r in w) // len(w):,} / {max(r[1] for r in w):,} | {max(r[2] for r in w):,} |"
        )
    return lines


def main(argv: list[str] | None = None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--calls", type=int, default=2000)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--out", type=Path, default=ROOT / "bench" / "results")
    ap.add_argument("--workers", type=int, default=0, help="workers for the parallel ingest (0: one per core)")
    ap.add_argument("--dask", action="store_true", help="also ingest on a local Dask cluster")
    ap.add_argument("--memory", default="", help="comma-separated call counts for the memory runs, e.g. 10000,30000")
    ap.add_argument("--memory-workers", type=int, default=0)
    ap.add_argument("--quick", action="store_true", help="skip the plain-analyze reference (used by the tests)")
    ap.add_argument("--work", type=Path, default=None, help="keep prepared data here (default: a temp dir)")
    ap.add_argument("--render", type=Path, default=None, help="only rewrite results.md beside this results.json")
    args = ap.parse_args(argv)
    if args.render:
        result = json.loads(args.render.read_text())
        _write_report(result, args.render.parent)
        return result

    from bench.prepare import CALLS_PER_FILE, prepare
    from redactor.jobs.engines import default_workers

    workers = args.workers or default_workers()
    work = args.work or Path(tempfile.mkdtemp(prefix="bench-"))
    t0 = time.monotonic()
    try:
        meta = prepare(work, args.calls, args.seed)
        print(f"prepared {meta['calls']} calls in {time.monotonic() - t0:.0f}s", file=sys.stderr)
        kinds = ["spacy_pipe", "detector", "presidio_baseline"] + ([] if args.quick else ["detector_reference"])
        measurements = []
        for kind in kinds:
            measurements.append(child([kind, "--work", str(work)]))
            print(f"  {kind}: {measurements[-1]['calls_per_s']} calls/s", file=sys.stderr)
        ingests = [["ingest", "--work", str(work), "--workers", "1"]]
        if workers > 1:
            ingests.append(["ingest", "--work", str(work), "--workers", str(workers)])
        if args.dask:
            ingests.append(["ingest", "--work", str(work), "--workers", str(workers), "--engine", "dask"])
        for a in ingests:
            measurements.append(child(a))
            print(f"  {measurements[-1]['name']}: {measurements[-1]['calls_per_s']} calls/s", file=sys.stderr)
        dev = child(["recall_dev", "--work", str(work)])
        useful = None if args.quick else usefulness()

        memory = []
        for n in [int(x) for x in args.memory.split(",") if x.strip()]:
            from bench.generate import write_exports

            mem_dir = work / f"memory-{n}"
            write_exports(mem_dir, n, seed=args.seed + 1, calls_per_file=CALLS_PER_FILE)
            (mem_dir / "gold.jsonl").unlink(missing_ok=True)
            mw = args.memory_workers or workers
            # The memory runs are long (100,000 calls ~2 h on 2 cores); allow 3 calls/s before giving up.
            x = child(
                ["ingest", "--work", str(work), "--exports", str(mem_dir), "--workers", str(mw)],
                timeout=max(CHILD_TIMEOUT_S, n / 3),
            )
            x["calls"] = n
            memory.append(x)
            shutil.rmtree(mem_dir, ignore_errors=True)
            print(f"  memory {n}: {x['peak_rss_mb']} MB, {x['calls_per_s']} calls/s", file=sys.stderr)
    finally:
        if args.work is None:
            shutil.rmtree(work, ignore_errors=True)

    by = {m["name"]: m for m in measurements}
    det, base, sp = by["detector"], by["presidio_baseline"], by["spacy_pipe"]
    ratios = {
        "detector_over_baseline": round(det["calls_per_s"] / base["calls_per_s"], 2),
        # cost = time for the same texts: spaCy's throughput over the detector's
        "detector_cost_over_spacy": round(sp["calls_per_s"] / det["calls_per_s"], 2),
        "workers": workers,
    }
    if "detector_reference" in by:
        ratios["fast_over_reference"] = round(det["calls_per_s"] / by["detector_reference"]["calls_per_s"], 2)
    one = by.get("ingest_1_worker")
    many = by.get(f"ingest_{workers}_workers")
    if one and many:
        ratios["workers_speedup"] = round(many["calls_per_s"] / one["calls_per_s"], 2)
    dask = by.get(f"ingest_dask_{workers}_workers")
    if one and dask:
        ratios["dask_speedup"] = round(dask["calls_per_s"] / one["calls_per_s"], 2)
    result = {
        "command": "python -m bench.run " + " ".join(argv if argv is not None else sys.argv[1:]),
        "measured_at": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "machine": machine(),
        "data": meta,
        "measurements": measurements,
        "ratios": ratios,
        "recall": {
            "generated": {m["name"]: m["recall_generated"] for m in measurements if "recall_generated" in m},
            "dev_corpus": dev,
        },
        "usefulness": useful,
        "memory": memory,
        "calls_per_file": CALLS_PER_FILE,
        "total_seconds": round(time.monotonic() - t0),
    }
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "results.json").write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n")
    _write_report(result, args.out)
    return result


def _write_report(result: dict, folder: Path) -> None:
    """results.md beside results.json, and the same on standard output."""
    md = markdown(result)
    (folder / "results.md").write_text(f"Command: `{result['command']}`\n\n" + md)
    print(md)


if __name__ == "__main__":
    main()
