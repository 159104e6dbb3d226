"""Crash safety: `redactor ingest` killed with SIGKILL again and again, then run to the end.

Every kill lands somewhere in a run over a few hundred calls in ~100 exports (files of one call,
JSON Lines, gzip'd arrays, pages; byte-identical copies; re-deliveries; poison files), with a
small commit size, landing `delete` and compaction on, so kills hit reading, redaction, data file
writes, commits, landing deletes, compaction and garbage collection. First at named crash points
(deterministic: `REDACTOR_CRASH_AT`, the process `os._exit`s there), then after random delays
(seeded). After every kill a reader must see a consistent lake, and every export missing from the
landing area must be recorded as done. At the end: every call exactly once, the poison files in
the quarantine, the landing area empty, and after `redactor compact --grace-seconds 0` no file on
disk that the lake does not list.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import duckdb
import pytest

from redactor.config import Config
from redactor.ingest.sources import export_ref
from redactor.store.lake import Lake
from redactor.store.txn import LakeWriter
from tests.conftest import ROOT
from tests.job_support import POISON, reader_invariants, write_landing

REDACTOR = [sys.executable, "-c", "import sys; from redactor.cli import app; sys.argv[0] = 'redactor'; app()"]
N_CALLS = 120  # at the start; every run then finds NEW_PER_RUN more (exports keep arriving)
NEW_PER_RUN = 40  # before each crash-point run
NEW_PER_KILL = 100  # before each random kill: enough work that the timer lands mid-run
SEED = 20261128
CRASH_POINTS = [
    "before-data-file@7",
    "before-snapshot@2",
    "after-fetch@40",
    "after-commit@4",
    "after-landing-cleanup@5",
    "compact-before-commit@1",
    "gc-after-delete@1",
]
RANDOM_KILLS = 4

CONFIG = """
[ingest]
batch_size = 8
[job]
commit_every_calls = 12
compact_min_files = 5
gc_grace_seconds = 1
lease_seconds = 60
[landing]
after_ingest = "delete"
"""


@pytest.fixture
def work():
    base = "/dev/shm" if os.path.isdir("/dev/shm") and os.access("/dev/shm", os.W_OK) else None
    path = Path(tempfile.mkdtemp(prefix="redactor-crash-", dir=base))
    yield path
    if not os.environ.get("REDACTOR_KEEP_CRASH_DIR"):
        shutil.rmtree(path, ignore_errors=True)


def _start(args: list[str], env_extra: dict | None = None) -> subprocess.Popen:
    env = {**os.environ, "REDACTOR_LOG_LEVEL": "warning", **(env_extra or {})}
    return subprocess.Popen(
        REDACTOR + args, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True
    )


def _read(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except OSError:
        return None


def _check(lake, landing: Path, originals: dict[str, str]) -> int:
    """Reader view consistent; every export gone from the landing area is recorded as done."""
    counts = reader_invariants(lake)
    done = LakeWriter(lake).ledger.exports
    for name, ref in originals.items():
        if not (landing / name).exists():
            assert ref in done, f"{name} left the landing area but is not recorded as done"
    return len(counts["calls"])


@pytest.mark.slow
def test_sigkill_anywhere_then_rerun_stores_every_call_exactly_once(work):
    landing, store = work / "landing", work / "lake"
    expected = write_landing(landing, N_CALLS, duplicates=8, seed=SEED)
    originals: dict[str, str] = {}

    def arrive(n: int) -> None:
        if n:
            start = 1000 * (len(seen) + 1)
            expected.update(write_landing(landing, n, start=start, duplicates=2, seed=SEED + start, poison=False))
        for p in landing.iterdir():
            originals.setdefault(p.name, export_ref("file", str(p.resolve())))

    cfg_path = work / "job.toml"
    cfg_path.write_text(CONFIG)
    # GC deletes retired files only after the grace period, and a run's own compaction retires
    # files just before its GC: without a grace period the gc crash point is always reached.
    no_grace = work / "job-no-grace.toml"
    no_grace.write_text(CONFIG.replace("gc_grace_seconds = 1", "gc_grace_seconds = 0"))
    config = Config.load(cfg_path)
    lake = Lake.from_config(config, str(store), "")
    args = [
        "ingest",
        str(landing),
        "--store",
        str(store),
        "--config",
        str(cfg_path),
        "--no-progress",
        "--no-store-report",
    ]
    rng = random.Random(SEED)
    seen: list[tuple[str, int, int]] = []

    arrive(0)
    for point in CRASH_POINTS:  # deterministic crash points
        arrive(NEW_PER_RUN if seen else 0)
        run_args = [str(no_grace) if a == str(cfg_path) and point.startswith("gc-") else a for a in args]
        proc = _start(run_args, {"REDACTOR_CRASH_AT": point})
        proc.communicate(timeout=120)
        seen.append((point, proc.returncode, _check(lake, landing, originals)))
    for _ in range(RANDOM_KILLS):  # and wherever a timer happens to land
        arrive(NEW_PER_KILL)
        lease = store / "_lake" / "lease.json"
        stale = _read(lease)  # the lease a killed run left behind
        proc = _start(args)
        deadline = time.monotonic() + 60
        while _read(lease) in (None, stale) and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.01)  # start-up (imports, model) is over once this run holds the lease
        time.sleep(rng.uniform(0.0, 1.2))
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:  # it finished first
            pass
        proc.communicate(timeout=60)
        seen.append(("sigkill", proc.returncode, _check(lake, landing, originals)))

    # They really died: every crash point, and most timers (on a fast or idle machine a run may
    # finish its batch before the timer fires; it then exits cleanly, which is fine too).
    died = [rc in (-9, 137) for _, rc, _ in seen]
    assert all(died[: len(CRASH_POINTS)]) and sum(died[len(CRASH_POINTS) :]) >= RANDOM_KILLS // 2, seen
    progress = [n for _, _, n in seen]
    assert progress == sorted(progress) and progress[-1] > 0, seen  # committed work is never lost

    final = _start(args)
    out, err = final.communicate(timeout=120)
    assert final.returncode in (0, 3), err.decode()[-3000:]  # 3 if it is this run that quarantines poison
    report = json.loads(out)
    assert report["status"] in ("ok", "partial") and not report["errors"]

    # Every call exactly once, through the files the lake lists (DuckDB and pyarrow).
    counts = reader_invariants(lake)
    assert set(counts["calls"]) == expected
    files = [lake.store.local_path(k) for k in lake.live_files("calls")]
    rows, distinct = duckdb.sql(f"select count(*), count(distinct call_id) from read_parquet({files!r})").fetchone()
    assert rows == distinct == len(expected)
    # Nothing left in the landing area; every export recorded as done; the poison never lost.
    done = LakeWriter(lake).ledger.exports
    left = {p.name: done.get(originals.get(p.name, "")) for p in landing.iterdir()}
    assert left == {}, (left, seen, report)
    assert set(originals.values()) <= set(done)
    payloads = {lake.store.get(o.key) for o in lake.store.list("quarantine/") if o.key.endswith(".payload")}
    assert set(POISON.values()) <= payloads
    assert sorted(e.status for e in done.values()).count("quarantined") == len(POISON)

    # No orphan survives garbage collection; what is on disk is what readers are told to read.
    done_compact = subprocess.run(
        REDACTOR + ["compact", "--store", str(store), "--config", str(cfg_path), "--grace-seconds", "0"],
        cwd=ROOT,
        capture_output=True,
        timeout=120,
    )
    assert done_compact.returncode == 0, done_compact.stderr.decode()[-2000:]
    on_disk = {
        p.relative_to(store).as_posix()
        for t in ("calls", "segments", "findings")
        for p in (store / t).rglob("*.parquet")
    }
    assert on_disk == {k for t in ("calls", "segments", "findings") for k in lake.live_files(t)}
    assert len(lake.live_files("calls")) <= 7  # one file per call date after compaction
    assert not (store / "_lake" / "lease.json").exists()


@pytest.mark.slow
def test_sigterm_stops_cleanly_and_the_next_run_continues(work):
    """systemd stop / pod deletion: the run stops taking exports, commits, releases the lease."""
    landing, store = work / "landing", work / "lake"
    expected = write_landing(landing, 300, poison=False, seed=5)
    cfg_path = work / "job.toml"
    cfg_path.write_text(CONFIG)
    args = ["ingest", str(landing), "--store", str(store), "--config", str(cfg_path), "--no-progress"]
    proc = _start(args)
    lease = store / "_lake" / "lease.json"
    deadline = time.monotonic() + 60
    while not lease.exists() and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)
    time.sleep(0.3)
    proc.send_signal(signal.SIGTERM)
    out, err = proc.communicate(timeout=60)
    report = json.loads(out)
    assert proc.returncode == 1 and report["status"] == "stopped", err.decode()[-2000:]
    assert not lease.exists()  # released, not left to expire
    lake = Lake.from_config(Config.load(cfg_path), str(store), "")
    stored = set(reader_invariants(lake)["calls"])
    assert 0 < len(stored) < len(expected)
    final = _start(args)
    out, _ = final.communicate(timeout=120)
    assert final.returncode == 0 and set(reader_invariants(lake)["calls"]) == expected
    assert list(landing.iterdir()) == []
