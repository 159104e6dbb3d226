"""Lake snapshots: which Parquet files are live, committed atomically, plus the job's ledger.

A *snapshot* is one small JSON object, `_lake/snapshots/<version>.json`, listing every live data
file of every table and partition, and the ledger segments (below). Writing snapshot N+1 with a
create-if-absent (`redactor.store.cas`) is the one and only commit point:

1. data files are written under names no live file has (`part-<hash of the bytes>.parquet`);
   until a snapshot names them they are invisible to readers;
2. the ledger rows of the commit are written as a new immutable segment;
3. snapshot N+1 is created (fails if another writer created N+1 first: `CommitConflict`).

Readers take the highest snapshot and read exactly the files it lists, so a reader sees a whole
commit or none of it, across all three tables, and never a file twice. Files a commit stops
listing (a rewritten or compacted partition, a merged ledger) go on the snapshot's `retired` list
with the time they stopped being live; `gc()` deletes them only after a grace period, so a reader
that started from an older snapshot can still finish. Files that no snapshot ever listed (a job
killed between steps 1 and 3) are put on the retired list when `gc()` first finds them, and go
the same way. Data file names are the hash of their bytes (`part-<sha256>.parquet`), so a re-run
that writes the same rows on the same day writes the same object again instead of a second copy.

The *ledger* is the job's memory, kept in the store next to the data (Parquet segments, one per
commit, merged into one when there are many):
- `export` rows: which exports (hashed reference, fingerprint, content hash) are done, how
  (written / quarantined / duplicate), and whether the landing copy was cleaned up;
- `call` rows: every stored call id with its partition, content hash, updated_at and pipeline
  version, so a re-delivered call is *replaced* where it lives (even if its date changed);
- `cursor` rows: the Klang API watermark.
Nothing in the ledger is personal data: export references and call ids are hashes.
"""

from __future__ import annotations

import io
import json
import re
import secrets
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from redactor.errors import RedactorError
from redactor.store.backend import ObjectStore, StoreError

FORMAT = 1
LAKE_DIR = "_lake/"
SNAPSHOT_PREFIX = "_lake/snapshots/"
LEDGER_PREFIX = "_lake/ledger/"
# Snapshots kept behind the latest; older ones are deleted by gc() (readers only need the latest).
KEEP_SNAPSHOTS = 20
# The ledger is merged into one segment when a snapshot would list more than this many.
MAX_LEDGER_SEGMENTS = 32

_SNAPSHOT_RE = re.compile(r"^_lake/snapshots/(\d{12})\.json$")
# Names this module gives: data files (content hash) and ledger segments (time + random).
DATA_FILE_RE = re.compile(r"/call_date=\d{4}-\d{2}-\d{2}/part-[0-9a-f]{24}\.parquet$")
LEDGER_FILE_RE = re.compile(r"^_lake/ledger/\d{8}T\d{6}Z-[0-9a-f]{16}\.parquet$")
_DAY_RE = re.compile(r"call_date=(\d{4}-\d{2}-\d{2})")


class CommitConflict(RedactorError):
    """Another writer committed the version this commit was built on; nothing was made visible."""


def utcnow() -> datetime:
    return datetime.now(UTC)


def stamp(now: datetime | None = None) -> str:
    return (now or utcnow()).strftime("%Y%m%dT%H%M%SZ")


def unique_name(now: datetime | None = None) -> str:
    """`<utc stamp>-<random hex>`: never reused, and its age is readable from the name."""
    return f"{stamp(now)}-{secrets.token_hex(8)}"


def snapshot_key(version: int) -> str:
    return f"{SNAPSHOT_PREFIX}{version:012d}.json"


def control_tags(retention, dataset: str) -> dict[str, str]:
    """Tags for the lake's own bookkeeping objects (snapshots, ledger, lease).

    They hold no personal data (hashed ids, our own keys, counts), and they are as old as the
    last commit, so they carry the class of the data they describe: a lake that nobody writes
    to for the whole `transcript-redacted` period expires together with its bookkeeping.
    """
    return retention.tags("transcript-redacted", dataset)


# ---- snapshots -------------------------------------------------------------------------------


@dataclass
class FileEntry:
    key: str
    rows: int
    bytes: int
    expires_on: str  # ISO date: readers stop seeing the file after it (lifecycle deletes it)

    def as_dict(self) -> dict:
        return {"key": self.key, "rows": self.rows, "bytes": self.bytes, "expires_on": self.expires_on}


@dataclass
class Snapshot:
    version: int = 0
    parent: int | None = None
    committed_at: str = ""
    operation: str = ""
    run_id: str = ""
    writer: str = ""
    # table -> call_date (ISO) -> files
    files: dict[str, dict[str, list[FileEntry]]] = field(default_factory=dict)
    ledger: list[str] = field(default_factory=list)
    # files no longer live: {"key", "at"} (ISO time they were retired)
    retired: list[dict] = field(default_factory=list)
    stats: dict[str, Any] = field(default_factory=dict)

    @property
    def empty(self) -> bool:
        return self.version == 0

    def live_file_count(self) -> int:
        """Data files listed, over every table and partition."""
        return sum(len(entries) for days in self.files.values() for entries in days.values())

    def partitions(self, table: str) -> list[str]:
        return sorted(self.files.get(table, {}))

    def entries(self, table: str, day: str) -> list[FileEntry]:
        return list(self.files.get(table, {}).get(day, []))

    def live_keys(
        self, table: str, since: date | None = None, until: date | None = None, today: date | None = None
    ) -> list[str]:
        today = today or utcnow().date()
        keys: list[str] = []
        for day, entries in sorted(self.files.get(table, {}).items()):
            d = date.fromisoformat(day)
            if (since and d < since) or (until and d > until):
                continue
            for e in entries:
                # Past its expiry a file may be deleted at any moment by the bucket's lifecycle
                # rule or `redactor purge`: readers must not depend on it.
                if e.expires_on and date.fromisoformat(e.expires_on) < today:
                    continue
                keys.append(e.key)
        return keys

    def all_live(self) -> set[str]:
        return {e.key for t in self.files.values() for es in t.values() for e in es} | set(self.ledger)

    def to_json(self) -> bytes:
        doc = {
            "format": FORMAT,
            "version": self.version,
            "parent": self.parent,
            "committed_at": self.committed_at,
            "operation": self.operation,
            "run_id": self.run_id,
            "writer": self.writer,
            "files": {
                t: {d: [e.as_dict() for e in es] for d, es in sorted(days.items())}
                for t, days in sorted(self.files.items())
            },
            "ledger": self.ledger,
            "retired": self.retired,
            "stats": self.stats,
        }
        return json.dumps(doc, ensure_ascii=False, separators=(",", ":")).encode()

    @classmethod
    def from_json(cls, data: bytes) -> Snapshot:
        doc = json.loads(data)
        if doc.get("format") != FORMAT:
            raise StoreError(f"unsupported lake snapshot format {doc.get('format')!r}")
        return cls(
            version=int(doc["version"]),
            parent=doc.get("parent"),
            committed_at=doc.get("committed_at", ""),
            operation=doc.get("operation", ""),
            run_id=doc.get("run_id", ""),
            writer=doc.get("writer", ""),
            files={
                t: {d: [FileEntry(**e) for e in es] for d, es in days.items()}
                for t, days in doc.get("files", {}).items()
            },
            ledger=list(doc.get("ledger", [])),
            retired=list(doc.get("retired", [])),
            stats=dict(doc.get("stats", {})),
        )


def snapshot_versions(store: ObjectStore) -> list[int]:
    versions = []
    for obj in store.list(SNAPSHOT_PREFIX):
        m = _SNAPSHOT_RE.match(obj.key)
        if m:
            versions.append(int(m.group(1)))
    return sorted(versions)


def load_snapshot(store: ObjectStore, version: int | None = None) -> Snapshot:
    """The given version, or the latest; an empty version-0 snapshot for a new lake."""
    if version is None:
        versions = snapshot_versions(store)
        if not versions:
            return Snapshot()
        version = versions[-1]
    if version == 0:
        return Snapshot()
    return Snapshot.from_json(store.get(snapshot_key(version)))


# ---- ledger ----------------------------------------------------------------------------------

LEDGER_SCHEMA = pa.schema(
    [
        ("kind", pa.string()),  # export | call | call_removed | cursor
        ("key", pa.string()),  # export ref / call id / cursor name
        ("day", pa.string()),  # call: partition (call_date)
        ("sha", pa.string()),  # export: content sha256; call: content hash of its record
        ("fp", pa.string()),  # export: cheap fingerprint (size+mtime / size / updated_at)
        ("status", pa.string()),  # export: written | quarantined | partial | duplicate
        ("updated", pa.string()),  # call: updated_at from the export (ISO) or ""
        ("pv", pa.string()),  # call: pipeline version that wrote it
        ("value", pa.string()),  # cursor: value; export: source kind
        ("n_calls", pa.int32()),
        ("n_quarantined", pa.int32()),
        ("cleaned", pa.bool_()),  # export: landing copy deleted / retagged / nothing to do
        ("version", pa.int64()),  # snapshot version that committed the row
        ("at", pa.string()),  # ISO time of the commit
    ]
)


@dataclass
class CallEntry:
    day: str
    sha: str = ""
    updated: str = ""
    pv: str = ""
    version: int = 0


@dataclass
class ExportEntry:
    fp: str
    sha: str
    status: str
    kind: str = ""
    n_calls: int = 0
    n_quarantined: int = 0
    cleaned: bool = False
    version: int = 0
    at: str = ""


@dataclass
class Ledger:
    calls: dict[str, CallEntry] = field(default_factory=dict)
    exports: dict[str, ExportEntry] = field(default_factory=dict)
    cursors: dict[str, str] = field(default_factory=dict)
    _by_sha: dict[str, str] = field(default_factory=dict)

    def apply(self, row: dict) -> None:
        kind = row["kind"]
        if kind == "call":
            self.calls[row["key"]] = CallEntry(
                row.get("day") or "",
                row.get("sha") or "",
                row.get("updated") or "",
                row.get("pv") or "",
                int(row.get("version") or 0),
            )
        elif kind == "call_removed":
            self.calls.pop(row["key"], None)
        elif kind == "export":
            entry = ExportEntry(
                row.get("fp") or "",
                row.get("sha") or "",
                row.get("status") or "",
                row.get("value") or "",
                int(row.get("n_calls") or 0),
                int(row.get("n_quarantined") or 0),
                bool(row.get("cleaned")),
                int(row.get("version") or 0),
                row.get("at") or "",
            )
            self.exports[row["key"]] = entry
            if entry.sha:
                self._by_sha[entry.sha] = row["key"]
        elif kind == "cursor":
            self.cursors[row["key"]] = row.get("value") or ""

    def export_by_sha(self, sha: str) -> str | None:
        return self._by_sha.get(sha)

    def rows(self) -> list[dict]:
        """The whole state as rows (for a merged segment)."""
        out: list[dict] = []
        for cid, c in self.calls.items():
            out.append(
                {
                    "kind": "call",
                    "key": cid,
                    "day": c.day,
                    "sha": c.sha,
                    "updated": c.updated,
                    "pv": c.pv,
                    "version": c.version,
                }
            )
        for ref, e in self.exports.items():
            out.append(
                {
                    "kind": "export",
                    "key": ref,
                    "fp": e.fp,
                    "sha": e.sha,
                    "status": e.status,
                    "value": e.kind,
                    "n_calls": e.n_calls,
                    "n_quarantined": e.n_quarantined,
                    "cleaned": e.cleaned,
                    "version": e.version,
                    "at": e.at,
                }
            )
        for name, value in self.cursors.items():
            out.append({"kind": "cursor", "key": name, "value": value})
        return out


def ledger_bytes(rows: Iterable[dict]) -> bytes:
    cols = {name: [] for name in LEDGER_SCHEMA.names}
    for row in rows:
        for name in cols:
            cols[name].append(row.get(name))
    table = pa.table(cols, schema=LEDGER_SCHEMA)
    buf = io.BytesIO()
    pq.write_table(table, buf, compression="zstd")
    return buf.getvalue()


def read_ledger_segment(store: ObjectStore, key: str) -> list[dict]:
    return pq.read_table(io.BytesIO(store.get(key))).to_pylist()


def load_ledger(store: ObjectStore, snapshot: Snapshot) -> Ledger:
    ledger = Ledger()
    for key in snapshot.ledger:
        for row in read_ledger_segment(store, key):
            ledger.apply(row)
    return ledger


def new_ledger_key(now: datetime | None = None) -> str:
    return f"{LEDGER_PREFIX}{unique_name(now)}.parquet"


def day_of(key: str) -> str | None:
    m = _DAY_RE.search(key)
    return m.group(1) if m else None


def older_than(iso: str, grace: timedelta, now: datetime) -> bool:
    try:
        at = datetime.fromisoformat(iso)
    except ValueError:
        return False
    return at <= now - grace
