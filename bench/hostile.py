"""The hostile landing folder of issue 16, ingested twice by the real command, with peak RSS.

    python -m bench.hostile                     # the issue's folder: a 600 kB one-segment call
    python -m bench.hostile --long-chars 100000 # what tests/ingest/test_fuzz.py runs
    python -m bench.hostile --scan-bomb         # subject find/erase's scan of a quarantined gzip bomb
    python -m bench.hostile --reader            # reading + parsing alone, per worst-case export

Two good calls beside calendar-edge timestamps, 100,000-deep JSON, a lone surrogate in an array,
a non-UTF-8 file name, a 1 GiB gzip bomb, a long one-segment call and a symlink to a file outside
the folder, with `after_ingest = "delete"`. Prints one JSON line per run: exit code, status, counts,
seconds and the child's peak RSS; then whether the outside file still exists. Made-up calls only.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import zlib
from pathlib import Path

from tests.job_support import call_record, dumps

ROOT = Path(__file__).resolve().parent.parent


def gzip_bomb(path: Path, gib: int = 1) -> Path:
    """`gib` GiB of zeros in about 1 MB per GiB: gzip members of 64 MiB each, repeated."""
    member = zlib.compressobj(9, zlib.DEFLATED, 31)
    block = member.compress(b"\0" * (64 << 20)) + member.flush()
    path.write_bytes(block * (16 * gib))
    return path


def hostile_folder(root: Path, bomb: Path, long_chars: int) -> tuple[Path, Path]:
    """The folder (landing, outside file). Good calls are call_record(1), (2) and (4, non-UTF-8 name)."""
    landing = root / "landing"
    landing.mkdir()
    (landing / "good-1.json").write_text(dumps(call_record(1)))
    (landing / "good-2.json").write_text(dumps(call_record(2)))
    for name, created in (
        ("edge-early.json", "0001-01-01T00:30:00+01:00"),
        ("edge-late.json", "9999-12-31T23:30:00-01:00"),
    ):
        rec = call_record(3)
        rec["created_at"] = created
        (landing / name).write_text(dumps(rec))
    (landing / "deep.json").write_bytes(b"[" * 100_000 + b"]" * 100_000)
    (landing / "surrogate.json").write_text('[{"id": "conv_fz\\ud800", "sources": []}]')
    (landing / os.fsdecode(b"name-not-utf8-\xe9.json")).write_text(dumps(call_record(4)))
    shutil.copy(bomb, landing / "zeros.json.gz")
    long_call = call_record(5)
    words = "Kunden berättar om fakturan och elavtalet. "
    long_call["sources"][0]["content"] = "[00:00:01] Agent: " + (words * (long_chars // len(words) + 1))[:long_chars]
    (landing / "long-call.json").write_text(dumps(long_call))
    outside = root / "outside.json"
    outside.write_text(dumps(call_record(6)))
    (landing / "link.json").symlink_to(outside)
    return landing, outside


def worst_exports(folder: Path) -> int:
    """The largest export read at once (max_records calls filling max_export_bytes) and the costliest
    JSON per byte (millions of tiny nested lists, quarantined whole for max_records after parsing).
    Returns the number of calls in the first."""
    from redactor.ingest.reader import Limits

    limits = Limits()
    one = call_record(1)
    one["notes"] = "x" * ((limits.max_export_bytes - 2) // limits.max_records - len(dumps(one).encode()) - 20)
    (folder / "largest.json").write_bytes(b"[" + b",".join([dumps(one).encode()] * limits.max_records) + b"]")
    (folder / "tiny-lists.json").write_bytes(b"[" + b"[[]]," * (limits.max_export_bytes // 5 - 1) + b"[]]")
    return limits.max_records


# Reading and parsing as `redactor ingest` does them, under a 1 GiB address-space limit. Prints
# records read, quarantined, parsed and the peak RSS in MB (VmHWM: this program's own peak;
# ru_maxrss would include the parent's size at fork).
PLAIN_INGEST = """
import resource, sys
resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))
from redactor.ingest.parse import parse_record
from redactor.ingest.reader import Limits, expand_sources, iter_records
limits = Limits()
read = failed = parsed = 0
for rec in iter_records(expand_sources(sys.argv[1:]), limits):
    read += 1
    if rec.error:
        failed += 1
        continue
    try:
        parse_record(rec.data, rec.raw, rec.source_file, limits.max_segments)
        parsed += 1
    except Exception:  # Pipeline.parse quarantines whatever parse_record raises
        failed += 1
hwm = next(line for line in open("/proc/self/status") if line.startswith("VmHWM:"))
print(read, failed, parsed, int(hwm.split()[1]) >> 10)
"""


def plain_ingest(folder: Path) -> tuple[int, int, int, int]:
    """PLAIN_INGEST over a folder in a child: (read, quarantined, parsed, peak RSS MB)."""
    proc = subprocess.run(
        [sys.executable, "-c", PLAIN_INGEST, str(folder)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        timeout=600,
    )
    if proc.returncode:
        raise RuntimeError(f"plain ingest failed: {proc.stderr[-2000:]}")
    read, failed, parsed, peak = map(int, proc.stdout.split())
    return read, failed, parsed, peak


def reader() -> None:
    """Each worst-case export alone through plain_ingest, then the whole command on the costliest."""
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        worst = root / "worst"
        worst.mkdir()
        worst_exports(worst)
        gzip_bomb(worst / "zeros.json.gz")
        (worst / "deep.json").write_bytes(b"[" * 100_000 + b"]" * 100_000)
        for path in sorted(worst.iterdir()):
            alone = root / f"alone-{path.name}"
            alone.mkdir()
            shutil.copy(path, alone / path.name)
            read, failed, parsed, peak = plain_ingest(alone)
            print(
                json.dumps(
                    {
                        "export": path.name,
                        "records": read,
                        "quarantined": failed,
                        "parsed": parsed,
                        "reader_peak_rss_mb": peak,
                    }
                )
            )
        code, report, peak_mb, seconds = run_cli(
            "ingest", str(root / "alone-tiny-lists.json"), "--store", str(root / "lake")
        )
        print(
            json.dumps(
                {
                    "export": "tiny-lists.json",
                    "command": "redactor ingest",
                    "exit": code,
                    "quarantined": report["quarantined"],
                    "peak_rss_mb": peak_mb,
                    "seconds": round(seconds, 1),
                }
            )
        )


# A parent of its own, so the peak RSS it reports is the command's alone.
_MEASURE = (
    "import resource, subprocess, sys; p = subprocess.run(sys.argv[1:]); "
    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr); sys.exit(p.returncode)"
)


def run_cli(*args: str) -> tuple[int, dict, int, float]:
    """`redactor ARGS --no-progress` in a child: exit code, JSON report, peak RSS (MB), seconds."""
    exe = Path(sys.executable).with_name("redactor")
    start = time.monotonic()
    proc = subprocess.run(
        [sys.executable, "-c", _MEASURE, str(exe), *args, "--no-progress"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        timeout=1800,
    )
    seconds = time.monotonic() - start
    peak_kb = int(proc.stderr.strip().splitlines()[-1])
    return proc.returncode, json.loads(proc.stdout), peak_kb >> 10, seconds


def scan_bomb() -> None:
    """What `redactor subject find|export|erase` spends on one quarantined 1 GiB gzip bomb."""
    import resource

    from redactor.rights.identifiers import SubjectMatcher, validate

    with tempfile.TemporaryDirectory() as tmp:
        payload = gzip_bomb(Path(tmp) / "bomb.gz").read_bytes()
    matcher = SubjectMatcher([validate("personnummer", "19880413-2382"), validate("phone", "070-1740605")])
    start = time.monotonic()
    found = matcher.in_bytes(payload)
    print(
        json.dumps(
            {
                "found": found,
                "seconds": round(time.monotonic() - start, 1),
                "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss >> 10,
            }
        )
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--long-chars", type=int, default=600_000, help="characters in the one-segment call")
    ap.add_argument("--scan-bomb", action="store_true", help="time the subject scan of a quarantined gzip bomb")
    ap.add_argument("--reader", action="store_true", help="peak RSS of reading and parsing the worst exports")
    args = ap.parse_args()
    if args.scan_bomb:
        scan_bomb()
        return
    if args.reader:
        reader()
        return
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        landing, outside = hostile_folder(root, gzip_bomb(root / "bomb.gz"), args.long_chars)
        config = root / "delete.toml"
        config.write_text('[landing]\nafter_ingest = "delete"\n')
        for run in ("first", "second"):
            code, report, peak_mb, seconds = run_cli(
                "ingest", str(landing), "--store", str(root / "lake"), "--config", str(config)
            )
            print(
                json.dumps(
                    {
                        "run": run,
                        "exit": code,
                        "status": report["status"],
                        "calls_written": report["calls_written"],
                        "quarantined": report["quarantined"],
                        "not_read": report["sources"][0].get("not_read"),
                        "seconds": round(seconds, 1),
                        "peak_rss_mb": peak_mb,
                    }
                )
            )
        print(json.dumps({"outside_file_exists": outside.exists()}))


if __name__ == "__main__":
    main()
