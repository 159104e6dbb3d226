"""One measurement in its own process, so its peak RSS is its own. Run by bench.run.

    python -m bench.measure KIND --work DIR [--workers N] [--engine local|dask] [--config FILE]

KIND: spacy_pipe | detector | detector_reference | presidio_baseline | ingest | recall_dev.
Prints one JSON object on stdout. Only the work itself is timed: loading models, reading the
prepared texts and scoring recall are not.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MODEL = ROOT / "redactor" / "data" / "sv_klang"


class PeakRss:
    """Peak resident memory of this process and its children, sampled (and ru_maxrss)."""

    def __init__(self, interval: float = 0.05):
        import psutil

        self._proc = psutil.Process()
        self._interval = interval
        self.peak_tree = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _sample(self) -> int:
        import psutil

        total = 0
        procs = [self._proc]
        try:
            procs += self._proc.children(recursive=True)
        except psutil.Error:
            pass
        for p in procs:
            try:
                total += p.memory_info().rss
            except psutil.Error:
                pass
        return total

    def _run(self) -> None:
        import time as _t

        next_mark = 0.0
        while not self._stop.is_set():
            tree = self._sample()
            self.peak_tree = max(self.peak_tree, tree)
            now = _t.monotonic() - self._wall0
            if now >= next_mark:  # a coarse timeline: flat or growing?
                self.timeline.append((round(now), round(tree / 2**20), round(self._proc.memory_info().rss / 2**20)))
                next_mark = now + 15
            self._own_cpu = max(self._own_cpu, self._tree_cpu())
            self._stop.wait(self._interval)

    def _tree_cpu(self) -> float:
        import psutil

        total = 0.0
        try:
            procs = [self._proc] + self._proc.children(recursive=True)
        except psutil.Error:
            procs = [self._proc]
        for p in procs:
            try:
                t = p.cpu_times()
                total += t.user + t.system
                self._seen_cpu[p.pid] = t.user + t.system
            except psutil.Error:
                pass
        # processes that ended keep the CPU they had when last seen
        return sum(self._seen_cpu.values())

    @staticmethod
    def _system_busy() -> float:
        import psutil

        t = psutil.cpu_times()
        return sum(t) - t.idle - getattr(t, "iowait", 0.0)

    def __enter__(self) -> PeakRss:
        import time as _t

        self._seen_cpu: dict[int, float] = {}
        self.timeline: list[tuple[int, int, int]] = []
        self._own_cpu0 = self._tree_cpu()
        self._own_cpu = self._own_cpu0
        self._sys0, self._wall0 = self._system_busy(), _t.monotonic()
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        import time as _t

        self._stop.set()
        self._thread.join()
        self.peak_tree = max(self.peak_tree, self._sample())
        own = max(self._own_cpu, self._tree_cpu()) - self._own_cpu0
        wall = max(1e-9, _t.monotonic() - self._wall0)
        # Cores busy with other work on the machine meanwhile (other users' jobs): context for
        # the numbers, since every measurement shares the same cores.
        self.other_cores = round(max(0.0, (self._system_busy() - self._sys0) - own) / wall, 2)

    @property
    def peak_self(self) -> int:
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def _batches(work: Path, calls_per_batch: int) -> Iterator[list[dict]]:
    batch: list[dict] = []
    with (work / "texts.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            batch.append(json.loads(line))
            if len(batch) >= calls_per_batch:
                yield batch
                batch = []
    if batch:
        yield batch


def _warmup_texts() -> list[str]:
    from bench.generate import generate_records
    from bench.prepare import call_texts

    return [t for rec in generate_records(4, seed=987654) for t in call_texts(rec)]


def covers(spans: list[tuple[int, int]], start: int, end: int, text: str) -> bool:
    """Whether the spans together cover every non-space character of [start, end)."""
    covered = [False] * (end - start)
    for s, e in spans:
        for k in range(max(s, start), min(e, end)):
            covered[k - start] = True
    return all(c or text[start + k].isspace() for k, c in enumerate(covered))


class Recall:
    """Span-overlap recall: a gold occurrence counts as found when a detection overlaps it
    ("full": when detections cover all of it, i.e. nothing of it would be left in clear)."""

    def __init__(self) -> None:
        self.total: dict[str, int] = {}
        self.found: dict[str, int] = {}
        self.full: dict[str, int] = {}

    def add(self, gold: list[list], detections: list[list[tuple[int, int]]], texts: list[str]) -> None:
        for field, start, end, etype in gold:
            self.total[etype] = self.total.get(etype, 0) + 1
            hits = [(s, e) for s, e in detections[field] if s < end and start < e]
            if hits:
                self.found[etype] = self.found.get(etype, 0) + 1
                if covers(hits, start, end, texts[field]):
                    self.full[etype] = self.full.get(etype, 0) + 1

    def as_dict(self) -> dict:
        total, found, full = sum(self.total.values()), sum(self.found.values()), sum(self.full.values())
        return {
            "recall": round(found / total, 4) if total else None,
            "found": found,
            "total": total,
            "recall_full": round(full / total, 4) if total else None,
            "by_type": {t: round(self.found.get(t, 0) / n, 4) for t, n in sorted(self.total.items())},
            "by_type_full": {t: round(self.full.get(t, 0) / n, 4) for t, n in sorted(self.total.items())},
        }


def _detector_like(
    kind: str, config: Path | None = None
) -> tuple[Callable[[list[str]], list[list[tuple[int, int]]]], dict]:
    """A function texts -> spans per text, for one of the text-level measurements; the detector's
    from `config` (a TOML file, as `redactor --config` reads it) or the defaults."""
    if kind == "spacy_pipe":
        import spacy

        nlp = spacy.load(MODEL)
        info = {"pipeline": nlp.pipe_names}

        def run(texts):
            # The model's own nlp.pipe over the same non-blank texts the detector analyses.
            for _ in nlp.pipe([t for t in texts if t and t.strip()], batch_size=32):
                pass
            return [[] for _ in texts]

        return run, info
    if kind in ("detector", "detector_reference"):
        from redactor.config import Config
        from redactor.detect import Detector

        cfg = Config.load(config)
        det = Detector.from_config(cfg)
        fn = det.detect_many if kind == "detector" else det.detect_many_reference
        info = {"model": det.model_name}

        def run(texts):
            return [[(d.start, d.end) for d in dets] for dets in fn(texts)]

        return run, info
    if kind == "presidio_baseline":
        from bench.baseline import build_baseline

        batch, analyzer = build_baseline(MODEL)
        info = {"recognizers": sorted(r.name for r in analyzer.get_recognizers("sv"))}

        def run(texts):
            # BatchAnalyzerEngine requires non-empty strings; blanks hold nothing anyway.
            idx = [i for i, t in enumerate(texts) if t and t.strip()]
            res = batch.analyze_iterator([texts[i] for i in idx], language="sv", batch_size=32)
            out: list[list[tuple[int, int]]] = [[] for _ in texts]
            for i, rs in zip(idx, res):
                out[i] = [(r.start, r.end) for r in rs]
            return out

        return run, info
    raise SystemExit(f"unknown kind {kind}")


def measure_texts(kind: str, work: Path, calls_per_batch: int, config: Path | None = None) -> dict:
    run, info = _detector_like(kind, config)
    run(_warmup_texts())
    recall = Recall()
    seconds = 0.0
    calls = chars = fields = 0
    with PeakRss() as rss:
        for batch in _batches(work, calls_per_batch):
            texts: list[str] = []
            offsets: list[int] = []
            for call in batch:
                offsets.append(len(texts))
                texts.extend(call["texts"])
            t0 = time.perf_counter()
            spans = run(texts)
            seconds += time.perf_counter() - t0
            calls += len(batch)
            chars += sum(len(t) for t in texts)
            fields += len(texts)
            if kind != "spacy_pipe":
                for call, off in zip(batch, offsets):
                    recall.add(call["gold"], spans[off : off + len(call["texts"])], call["texts"])
    out = {
        "name": kind,
        "calls": calls,
        "fields": fields,
        "chars": chars,
        "seconds": round(seconds, 3),
        "calls_per_s": round(calls / seconds, 2),
        "chars_per_s": round(chars / seconds),
        "peak_rss_mb": round(rss.peak_self / 2**20, 1),
        "other_cores_busy": rss.other_cores,
        **info,
    }
    if kind != "spacy_pipe":
        out["recall_generated"] = recall.as_dict()
    return out


def measure_ingest(
    work: Path, workers: int, engine: str, exports: Path | None = None, chars: int | None = None
) -> dict:
    from redactor.config import Config
    from redactor.jobs.ingest import run_ingest
    from redactor.pipeline import Pipeline

    exports = exports or work / "exports"
    meta = json.loads((work / "meta.json").read_text()) if (work / "meta.json").is_file() else {}
    cfg = Config.load()
    pipeline = Pipeline(cfg)
    started_engine = None
    kwargs = {}
    if workers > 1 or engine != "local":
        from redactor.jobs.engines import make_engine

        started_engine = make_engine(engine, cfg, workers=workers, address=os.environ.get("BENCH_DASK_ADDRESS"))
        started_engine.start()  # worker start-up (model loading) is not part of the throughput
        kwargs["engine"] = started_engine
    with tempfile.TemporaryDirectory(prefix="bench-lake-") as store, PeakRss() as rss:
        t0 = time.perf_counter()
        summary = run_ingest([str(exports)], cfg, store, pipeline, **kwargs)
        seconds = time.perf_counter() - t0
        written = sum(f.stat().st_size for f in Path(store).rglob("*") if f.is_file())
    if started_engine is not None:
        started_engine.close()
    if summary.quarantined:
        # A quarantined export is not processed: its "speed" and memory would say nothing of ingest.
        raise SystemExit(
            f"bench: {summary.quarantined} of the inputs were quarantined {dict(summary.quarantine_reasons)}"
        )
    calls = summary.calls_read
    chars = chars if chars is not None else meta.get("chars")
    name = (
        f"ingest_{workers}_worker{'s' if workers > 1 else ''}"
        if engine == "local"
        else f"ingest_{engine}_{workers}_workers"
    )
    out = {
        "name": name,
        "calls": calls,
        "seconds": round(seconds, 3),
        "calls_per_s": round(calls / seconds, 2),
        "chars": chars,
        "chars_per_s": round(chars / seconds) if chars else None,
        "peak_rss_mb": round(rss.peak_tree / 2**20, 1),
        "peak_rss_driver_mb": round(rss.peak_self / 2**20, 1),
        "other_cores_busy": rss.other_cores,
        "rss_timeline": {"every_s": 15, "seconds_tree_driver_mb": rss.timeline},
        "workers": workers,
        "engine": engine,
        "written": summary.calls_written,
        "quarantined": summary.quarantined,
        "quarantine_stages": dict(summary.quarantine_reasons),
        "store_mb": round(written / 2**20, 1),
    }
    return out


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("kind")
    ap.add_argument("--work", type=Path, required=True)
    ap.add_argument("--exports", type=Path, default=None)
    ap.add_argument("--chars", type=int, default=None)
    ap.add_argument("--workers", type=int, default=1)
    ap.add_argument("--engine", default="local")
    ap.add_argument("--calls-per-batch", type=int, default=64)
    ap.add_argument("--config", type=Path, default=None, help="detector kinds: the config to build it from")
    args = ap.parse_args(argv)
    if args.kind == "ingest":
        result = measure_ingest(args.work, args.workers, args.engine, args.exports, args.chars)
    elif args.kind == "recall_dev":
        from bench.recall import dev_corpus_recall

        result = dev_corpus_recall(args.work)
    else:
        result = measure_texts(args.kind, args.work, args.calls_per_batch, args.config)
    sys.stdout.write(json.dumps(result, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
