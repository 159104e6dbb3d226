"""Keeping the lake small and clean: compaction of small files, garbage collection.

Both run under the job lease (at the end of an ingest run, or `redactor compact`) and change
the lake only through snapshot commits, so a reader never sees a file twice or a file missing:

- `compact` merges a partition's small files (same table, same call date, same expiry) into one,
  in one commit with the retirement of the files it replaces;
- `gc` deletes files that stopped being live more than `grace` ago (retired by a rewrite, a
  compaction or a merged ledger) and files that no snapshot ever listed (left by a run that died
  before its commit: they are retired when first found and deleted a grace period later), and
  snapshots older than the last `KEEP_SNAPSHOTS`. Files it does not recognise as its own (other
  names under the table prefixes) are counted, never deleted.
"""

from __future__ import annotations

from collections import Counter
from datetime import datetime, timedelta
from typing import Any

from redactor.failpoints import crashpoint
from redactor.logs import get_logger
from redactor.store.lake import Lake
from redactor.store.lease import Lease
from redactor.store.snapshot import (
    DATA_FILE_RE,
    KEEP_SNAPSHOTS,
    LEDGER_FILE_RE,
    LEDGER_PREFIX,
    older_than,
    snapshot_key,
    snapshot_versions,
    utcnow,
)
from redactor.store.tables import TABLES
from redactor.store.txn import LakeWriter

log = get_logger("redactor.store.maintenance")


def compact(
    writer: LakeWriter, *, min_files: int = 2, days: set[str] | None = None, partitions_per_commit: int = 32
) -> dict[str, int]:
    """Merge small files partition by partition; one commit per `partitions_per_commit`."""
    stats: Counter = Counter()
    todo = [
        (table, day)
        for table in TABLES
        for day in writer.snapshot.partitions(table)
        if (days is None or day in days) and len(writer.snapshot.entries(table, day)) >= max(2, min_files)
    ]
    txn = writer.transaction("compact")
    pending = 0
    for table, day in todo:
        merged = txn.compact_partition(table, day, min_files=min_files)
        if merged:
            stats["files_merged_away"] += merged
            stats["partitions_compacted"] += 1
            pending += 1
        if pending >= partitions_per_commit:
            crashpoint("compact-before-commit")
            txn.commit()
            stats["commits"] += 1
            txn, pending = writer.transaction("compact"), 0
    if pending:
        crashpoint("compact-before-commit")
        txn.commit()
        stats["commits"] += 1
    if stats:
        log.info("compacted", **dict(stats))
    return dict(stats)


def gc(writer: LakeWriter, grace_seconds: float = 3600, now: datetime | None = None) -> dict[str, int]:
    """Delete what readers can no longer be using. Safe to run at any time under the lease."""
    now = now or utcnow()
    grace = timedelta(seconds=max(0.0, grace_seconds))
    store = writer.store
    snap = writer.snapshot
    live = snap.all_live()
    stats: Counter = Counter()

    # 1. Retired files past the grace period.
    deleted: list[str] = []
    for item in snap.retired:
        key = item["key"]
        if key in live:
            deleted.append(key)  # live again (re-written with the same content): just forget it
            continue
        if grace_seconds <= 0 or older_than(item.get("at", ""), grace, now):
            store.delete(key)
            deleted.append(key)
            stats["retired_deleted"] += 1
            crashpoint("gc-after-delete")

    # 2. Files no snapshot lists: a run that died before its commit.
    known = live | {item["key"] for item in snap.retired}
    orphans: list[str] = []
    for prefix in [f"{t}/" for t in TABLES] + [LEDGER_PREFIX]:
        for obj in store.list(prefix):
            if obj.key in known:
                continue
            if DATA_FILE_RE.search(obj.key) or LEDGER_FILE_RE.match(obj.key):
                orphans.append(obj.key)
            else:
                stats["unknown_files_kept"] += 1
    stats["orphans_found"] += len(orphans)
    txn = writer.transaction("gc")
    txn.forget_retired(deleted)
    if grace_seconds <= 0:
        for key in orphans:
            store.delete(key)
            stats["orphans_deleted"] += 1
    else:
        for key in orphans:
            txn.retired.append(key)  # deleted by a later gc, one grace period from now
    if deleted or (orphans and grace_seconds > 0):
        txn.commit()
        stats["commits"] += 1

    # 3. Old snapshots (readers only ever need the latest).
    versions = snapshot_versions(store)
    if versions:
        for v in versions[:-KEEP_SNAPSHOTS]:
            store.delete(snapshot_key(v))
            stats["snapshots_deleted"] += 1
    result = {k: int(v) for k, v in stats.items() if v}
    if result:
        log.info("garbage collected", **result)
    return result


def compact_lake(lake: Lake, *, min_files: int, grace_seconds: float, lease_seconds: float) -> dict[str, Any]:
    """`redactor compact`: compaction and garbage collection of the whole lake under the job lease.

    Raises `LeaseHeld` if a run holds the lease (nothing done), `LeaseError`, `StoreError` or
    `CommitConflict` if it could not finish; returns versions, live file counts and both stats.
    """
    lease = Lease(lake.store, lake.retention, ttl_seconds=lease_seconds, operation="compact")
    lease.acquire()
    lease.start_heartbeat()
    try:
        writer = LakeWriter(lake, lease=lease, run_id="compact")
        before = writer.snapshot.version
        files_before = writer.snapshot.live_file_count()
        stats = compact(writer, min_files=min_files)
        collected = gc(writer, grace_seconds)
        return {
            "status": "ok",
            "version_before": before,
            "version_after": writer.snapshot.version,
            "live_files_before": files_before,
            "live_files_after": writer.snapshot.live_file_count(),
            "compaction": stats,
            "gc": collected,
        }
    finally:
        try:
            lease.release()
        except Exception:  # noqa: BLE001 - it expires
            pass
