"""Lake transactions: add, replace, remove and rewrite rows, committed as one snapshot.

The one write path of the lake. Ingest, compaction, erasure and reprocessing all do:

    writer = LakeWriter(lake, run_id=..., lease=...)      # the latest snapshot + the ledger
    txn = writer.transaction("erase")
    txn.remove_calls({"c3f2..."})                          # / replace_calls / rewrite_partition
    txn.commit()                                           # all or nothing; CommitConflict if raced

`Transaction.rewrite_partition(table, day, keep=..., drop_call_ids=..., replacement=...)` is the
general primitive: it reads each live file of one table partition, keeps the rows the predicate
keeps, writes the survivors to a new file (with the expiry of the file they came from, so a
rewrite never extends retention), adds the replacement rows as a new file, and swaps old for new
at commit. Files in which every row is kept are not touched. Any number of partitions and tables
can change in one transaction: a reader sees all of it or none of it. The old files stay readable
for readers of older snapshots until `gc` (or, for erasure, `commit(purge=True)`) deletes them.

`redactor.store.rewrite.rewrite_partition` (the erasure/reprocess API) is built on this.
"""

from __future__ import annotations

import copy
import hashlib
import io
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from redactor.domain import RedactedCall
from redactor.failpoints import crashpoint
from redactor.logs import get_logger
from redactor.store.backend import StoreError
from redactor.store.cas import conditional_for
from redactor.store.snapshot import (
    MAX_LEDGER_SEGMENTS,
    CommitConflict,
    FileEntry,
    Ledger,
    Snapshot,
    control_tags,
    ledger_bytes,
    load_ledger,
    load_snapshot,
    new_ledger_key,
    snapshot_key,
    utcnow,
)
from redactor.store.tables import REDACTED_CLASS, SCHEMAS, TABLES, build_tables, call_date, parquet_bytes

log = get_logger("redactor.store.txn")


# A predicate over one file's rows: a boolean array, True = keep the row.
KeepFn = Callable[[pa.Table], "pa.Array | pa.ChunkedArray"]


def _iso(dt: datetime | None) -> str:
    return dt.astimezone(UTC).isoformat() if dt else ""


def conform(table: pa.Table, schema: pa.Schema) -> pa.Table:
    """Rows in the current schema: missing columns become nulls, extra ones are dropped (files
    written by an older version stay rewritable)."""
    cols = [
        table.column(f.name).cast(f.type) if f.name in table.column_names else pa.nulls(table.num_rows, f.type)
        for f in schema
    ]
    return pa.Table.from_arrays(cols, schema=schema)


def supersedes(new_updated: str, new_sha: str, old_updated: str, old_sha: str) -> bool:
    """Does a version (`updated_at` as stored ISO text, record hash) replace an earlier one?

    The later `updated_at` wins; at an equal `updated_at` the larger content hash does, so the
    outcome does not depend on the order in which two versions are read. Without an `updated_at`
    on either side there is nothing to compare: the later delivery wins.
    """
    if new_updated and old_updated:
        return (new_updated, new_sha) >= (old_updated, old_sha)
    return True


class LakeWriter:
    """One writer's view of the lake: the snapshot it builds on and the ledger at that snapshot."""

    def __init__(self, lake, *, run_id: str = "", lease=None, writer_id: str = ""):
        self.lake = lake
        self.store = lake.store
        self.run_id = run_id
        self.lease = lease
        self.writer_id = writer_id or (getattr(lease, "owner", "") if lease else "")
        self.cond = conditional_for(self.store)
        self.snapshot: Snapshot = load_snapshot(self.store)
        self._ledger: Ledger | None = None

    @property
    def ledger(self) -> Ledger:
        if self._ledger is None:
            self._ledger = load_ledger(self.store, self.snapshot)
        return self._ledger

    def refresh(self) -> None:
        self.snapshot = load_snapshot(self.store)
        self._ledger = None

    def transaction(self, operation: str) -> Transaction:
        return Transaction(self, operation)

    def read_file(self, key: str) -> pa.Table:
        return pq.read_table(io.BytesIO(self.store.get(key)))


class Transaction:
    def __init__(self, writer: LakeWriter, operation: str):
        self.w = writer
        self.operation = operation
        self.base = writer.snapshot
        self.files: dict[str, dict[str, list[FileEntry]]] = copy.deepcopy(self.base.files)
        self.written: list[str] = []  # data files this transaction wrote
        self.retired: list[str] = []
        self.unretire: set[str] = set()  # retired keys gc has deleted (dropped from the list)
        self.rows: list[dict] = []
        self.stats: Counter = Counter()
        self._staged_calls: dict[str, str] = {}  # call id -> day, for calls written in this txn
        self._removed_calls: set[str] = set()
        self.touched_days: set[str] = set()
        self.committed: Snapshot | None = None

    # ---- files ---------------------------------------------------------------------------

    def entries(self, table: str, day: str) -> list[FileEntry]:
        return list(self.files.get(table, {}).get(day, []))

    def _set_entries(self, table: str, day: str, entries: list[FileEntry]) -> None:
        days = self.files.setdefault(table, {})
        seen: set[str] = set()
        # A content-named file written twice is one file: never list it twice.
        entries = [e for e in entries if not (e.key in seen or seen.add(e.key))]
        if entries:
            days[day] = entries
        else:
            days.pop(day, None)
        self.touched_days.add(day)

    def _write_file(self, table: str, day: str, data: pa.Table, expires_on: str | None = None) -> FileEntry:
        if table in SCHEMAS:
            data = conform(data, SCHEMAS[table])
        tags = self.w.lake.retention.tags(REDACTED_CLASS, table)
        if expires_on:
            tags["expires-on"] = expires_on
        body = parquet_bytes(data, tags)
        # Named by content: writing the same rows again (a re-run after a crash) rewrites the same
        # object instead of leaving a second copy next to it.
        key = f"{table}/call_date={day}/part-{hashlib.sha256(body).hexdigest()[:24]}.parquet"
        crashpoint("before-data-file")
        self.w.store.put(key, body, tags)
        self.written.append(key)
        self.stats["files_written"] += 1
        return FileEntry(key, data.num_rows, len(body), tags["expires-on"])

    def _retire(self, key: str) -> None:
        self.retired.append(key)
        self.stats["files_retired"] += 1

    def add_rows(self, table: str, day: str, data: pa.Table, expires_on: str | None = None) -> FileEntry | None:
        """Append rows to a partition as a new file (no de-duplication: see replace_calls)."""
        if data.num_rows == 0:
            return None
        entry = self._write_file(table, day, data, expires_on)
        self._set_entries(table, day, self.entries(table, day) + [entry])
        return entry

    def rewrite_partition(
        self,
        table: str,
        day: str | date,
        *,
        keep: KeepFn | None = None,
        drop_call_ids: Iterable[str] | None = None,
        replacement: pa.Table | None = None,
    ) -> dict[str, int]:
        """Atomically (at commit) rewrite one table partition.

        - `keep(table) -> bool array`: rows to keep (applied per file);
        - `drop_call_ids`: rows whose `call_id` is in the set are dropped;
        - `replacement`: rows added as a new file (typically the new version of dropped rows).
        Files in which every row is kept are left as they are. Returns row/file counts.
        """
        day = day.isoformat() if isinstance(day, date) else day
        drop = pa.array(sorted(set(drop_call_ids)), pa.string()) if drop_call_ids is not None else None
        counts = Counter()
        today = utcnow().date().isoformat()
        new_entries: list[FileEntry] = []
        for entry in self.entries(table, day):
            if keep is None and (drop is None or len(drop) == 0):
                new_entries.append(entry)
                continue
            try:
                data = self.w.read_file(entry.key)
            except StoreError as exc:
                if str(exc).startswith("no such object") and entry.expires_on and entry.expires_on < today:
                    # Past its expiry and already deleted by lifecycle/purge: nothing left to rewrite.
                    self._retire(entry.key)
                    continue
                raise
            mask = pa.array([True] * data.num_rows, pa.bool_())
            if drop is not None and len(drop):
                mask = pc.and_(mask, pc.invert(pc.is_in(data.column("call_id"), value_set=drop)))
            if keep is not None:
                mask = pc.and_(mask, pc.fill_null(keep(data), False))
            kept = pc.sum(pc.cast(mask, pa.int64())).as_py() or 0
            if kept == data.num_rows:
                new_entries.append(entry)
                continue
            counts["rows_dropped"] += data.num_rows - kept
            counts["files_rewritten"] += 1
            self._retire(entry.key)
            if kept:
                survivors = data.filter(mask).replace_schema_metadata(None)
                new_entries.append(self._write_file(table, day, survivors, expires_on=entry.expires_on))
        if replacement is not None and replacement.num_rows:
            new_entries.append(self._write_file(table, day, replacement))
            counts["rows_added"] += replacement.num_rows
        self._set_entries(table, day, new_entries)
        return dict(counts)

    def compact_partition(self, table: str, day: str, min_files: int = 2) -> int:
        """Merge the files of a table partition that share an expiry date into one file each.

        Files are grouped by `expires_on` so compaction never changes how long any row is kept;
        calls ingested on the same day share it, so a day's partition ends up as one or two
        files. Rows are sorted by call (and segment); expired files are left for purge. Returns
        the number of files merged away.
        """
        today = utcnow().date().isoformat()
        entries = self.entries(table, day)
        groups: dict[str, list[FileEntry]] = defaultdict(list)
        for e in entries:
            if not e.expires_on or e.expires_on >= today:
                groups[e.expires_on].append(e)
        threshold = max(2, min_files)
        merging = {e.key for g in groups.values() if len(g) >= threshold for e in g}
        merged_away = 0
        result = [e for e in entries if e.key not in merging]
        for expires, group in sorted(groups.items()):
            if len(group) < threshold:
                continue
            parts = [self.w.read_file(e.key).replace_schema_metadata(None) for e in group]
            data = pa.concat_tables(parts, promote_options="default")
            sort_keys = [("call_id", "ascending")]
            if "segment_index" in data.column_names:
                sort_keys.append(("segment_index", "ascending"))
            data = data.sort_by(sort_keys)
            for e in group:
                self._retire(e.key)
            result.append(self._write_file(table, day, data, expires_on=expires or None))
            merged_away += len(group) - 1
            self.stats["partitions_compacted"] += 1
        if merged_away:
            self._set_entries(table, day, result)
        return merged_away

    # ---- calls ---------------------------------------------------------------------------

    def _known_day(self, call_id: str) -> str | None:
        if call_id in self._removed_calls:
            return None
        if call_id in self._staged_calls:
            return self._staged_calls[call_id]
        entry = self.w.ledger.calls.get(call_id)
        return entry.day if entry else None

    def replace_calls(self, calls: list[RedactedCall]) -> dict[str, int]:
        """Store calls so that each call id has exactly one version in the lake.

        A call not seen before is added; a known call is replaced (its rows are dropped from the
        partition where the ledger says it lives, which may differ from its new partition); an
        identical re-delivery (same record hash, same pipeline version) and an older version of a
        call already stored are skipped. Within the batch as across batches the newest version
        wins (`supersedes`: `updated_at`, then the content hash).
        """
        latest: dict[str, RedactedCall] = {}
        for rc in calls:
            held = latest.get(rc.call.call_id)
            if held is None or supersedes(
                _iso(rc.call.updated_at), rc.call.content_hash, _iso(held.call.updated_at), held.call.content_hash
            ):
                latest[rc.call.call_id] = rc
        outcome = Counter()
        to_write: list[RedactedCall] = []
        drop_by_day: dict[str, set[str]] = defaultdict(set)
        for cid, rc in latest.items():
            prev_day = self._known_day(cid)
            prev = self.w.ledger.calls.get(cid) if cid not in self._staged_calls else None
            if prev_day is not None:
                if prev is not None and prev.sha == rc.call.content_hash and prev.pv == rc.pipeline_version:
                    outcome["unchanged"] += 1
                    continue
                if prev is not None and not supersedes(
                    _iso(rc.call.updated_at), rc.call.content_hash, prev.updated, prev.sha
                ):
                    outcome["stale"] += 1
                    continue
                drop_by_day[prev_day].add(cid)
                outcome["replaced"] += 1
            else:
                outcome["added"] += 1
            to_write.append(rc)
        for day, ids in sorted(drop_by_day.items()):
            for table in TABLES:
                self.rewrite_partition(table, day, drop_call_ids=ids)
        by_day: dict[str, list[RedactedCall]] = defaultdict(list)
        for rc in to_write:
            by_day[call_date(rc).isoformat()].append(rc)
        for day, group in sorted(by_day.items()):
            tables = build_tables(group)
            expires = self.w.lake.retention.call_date_expiry(REDACTED_CLASS, day)
            for table in TABLES:
                self.add_rows(table, day, tables[table], expires_on=expires)
            for rc in group:
                self._staged_calls[rc.call.call_id] = day
                self._removed_calls.discard(rc.call.call_id)
                self.rows.append(
                    {
                        "kind": "call",
                        "key": rc.call.call_id,
                        "day": day,
                        "sha": rc.call.content_hash,
                        "updated": _iso(rc.call.updated_at),
                        "pv": rc.pipeline_version,
                    }
                )
        self.stats.update({f"calls_{k}": v for k, v in outcome.items()})
        return dict(outcome)

    def remove_calls(self, call_ids: Iterable[str]) -> dict[str, int]:
        """Drop every row of these calls from every table (erasure). Unknown ids are ignored."""
        by_day: dict[str, set[str]] = defaultdict(set)
        for cid in set(call_ids):
            day = self._known_day(cid)
            if day is not None:
                by_day[day].add(cid)
        counts = Counter()
        for day, ids in sorted(by_day.items()):
            for table in TABLES:
                counts.update(self.rewrite_partition(table, day, drop_call_ids=ids))
            for cid in ids:
                self._staged_calls.pop(cid, None)
                self._removed_calls.add(cid)
                self.rows.append({"kind": "call_removed", "key": cid, "day": day})
                counts["calls_removed"] += 1
        self.stats.update(counts)
        return dict(counts)

    # ---- ledger --------------------------------------------------------------------------

    def record(self, row: dict) -> None:
        """Add a ledger row (export / cursor) to this commit."""
        self.rows.append(dict(row))

    def forget_retired(self, keys: Iterable[str]) -> None:
        """Drop deleted files from the retired list (used by gc)."""
        self.unretire.update(keys)

    # ---- commit --------------------------------------------------------------------------

    @property
    def changed(self) -> bool:
        return bool(self.written or self.retired or self.rows or self.unretire or self.files != self.base.files)

    def live_keys(self) -> set[str]:
        return {e.key for days in self.files.values() for es in days.values() for e in es}

    def commit(self, purge: bool = False) -> Snapshot:
        """Make the whole transaction visible at once, or raise CommitConflict (nothing visible).

        `purge=True` deletes the files this transaction retired right after the commit instead
        of leaving them to `gc` (erasure: the old rows must not outlive the request). A reader
        still holding the previous snapshot may then fail to open a file, never see wrong rows.
        """
        if self.committed is not None:
            return self.committed
        if not self.changed:
            self.committed = self.base
            return self.base
        w = self.w
        if w.lease is not None:
            w.lease.check()
        now = utcnow()
        version = self.base.version + 1
        at = now.isoformat()
        for row in self.rows:
            row["version"] = version
            row["at"] = at
        live = self.live_keys()
        retired = [r for r in self.base.retired if r["key"] not in self.unretire and r["key"] not in live]
        known = {r["key"] for r in retired}
        mine = [k for k in dict.fromkeys(self.retired) if k not in live and k not in known]
        retired += [{"key": k, "at": at} for k in mine]
        ledger_keys = list(self.base.ledger)
        tags = control_tags(w.lake.retention, "lake-ledger")
        if self.rows:
            key = new_ledger_key(now)
            w.store.put(key, ledger_bytes(self.rows), tags)
            ledger_keys.append(key)
        merged_state: Ledger | None = None
        if len(ledger_keys) > MAX_LEDGER_SEGMENTS:
            merged_state = copy.deepcopy(w.ledger)
            for row in self.rows:
                merged_state.apply(row)
            key = new_ledger_key(now)
            w.store.put(key, ledger_bytes(merged_state.rows()), tags)
            retired += [{"key": k, "at": at} for k in ledger_keys]
            ledger_keys = [key]
        crashpoint("before-snapshot")
        snap = Snapshot(
            version=version,
            parent=self.base.version or None,
            committed_at=at,
            operation=self.operation,
            run_id=w.run_id,
            writer=w.writer_id,
            files=self.files,
            ledger=ledger_keys,
            retired=retired,
            stats={k: int(v) for k, v in sorted(self.stats.items())},
        )
        if not w.cond.create(snapshot_key(version), snap.to_json(), control_tags(w.lake.retention, "lake-snapshot")):
            raise CommitConflict(
                f"lake version {version} was committed by another writer while this {self.operation} "
                f"was building on version {self.base.version}; nothing from this transaction is visible"
            )
        crashpoint("after-snapshot")
        if purge:
            for key in mine:
                w.store.delete(key)
        w.snapshot = snap
        if merged_state is not None:
            w._ledger = merged_state
        elif w._ledger is not None:
            for row in self.rows:
                w._ledger.apply(row)
        self.committed = snap
        log.debug(
            "lake commit",
            version=version,
            operation=self.operation,
            files_written=len(self.written),
            files_retired=len(self.retired),
            ledger_rows=len(self.rows),
        )
        return snap


# ---- one-shot helpers (each is one commit, retried on a conflict) -----------------------------


@dataclass
class Committed:
    snapshot: Snapshot
    result: dict
    written: list[str]  # data files the commit added
    retired: list[str]  # data files it stopped listing (deleted already if purged)


def with_retry(
    lake,
    operation: str,
    apply: Callable[[Transaction], dict],
    *,
    run_id: str = "",
    lease=None,
    purge: bool = False,
    attempts: int = 5,
) -> Committed:
    """Build a transaction on the latest snapshot with `apply`, commit; on a conflict start over
    from the new latest snapshot (apply must therefore be repeatable)."""
    last: CommitConflict | None = None
    for _ in range(attempts):
        writer = LakeWriter(lake, run_id=run_id, lease=lease)
        txn = writer.transaction(operation)
        result = apply(txn)
        try:
            snap = txn.commit(purge=purge)
        except CommitConflict as exc:
            last = exc
            continue
        live = txn.live_keys()
        return Committed(
            snap,
            result,
            [k for k in txn.written if k in live],
            [k for k in dict.fromkeys(txn.retired) if k not in live],
        )
    assert last is not None
    raise last


def replace_calls(lake, calls: list[RedactedCall], *, run_id: str = "", lease=None) -> Committed:
    return with_retry(lake, "write", lambda t: t.replace_calls(calls), run_id=run_id, lease=lease)


def remove_calls(lake, call_ids: Iterable[str], *, run_id: str = "", lease=None, purge: bool = True) -> Committed:
    """Erase calls from every table in one commit; by default the old files are deleted at once."""
    ids = set(call_ids)
    return with_retry(lake, "remove", lambda t: t.remove_calls(ids), run_id=run_id, lease=lease, purge=purge)
