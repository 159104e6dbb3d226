"""Erasure ("rätten att bli bortglömd", GDPR art. 17): remove one person from the whole store.

Order of work, chosen so a crash at any point leaves a state that a re-run completes:

1. Find the person's calls via the subject index and write a *pending erasure record*
   (`audit/erasures/pending/<request id>.json`: tokens and call ids, never an identifier) before
   anything is removed. The request id derives from the tokens, so re-running the same request
   finds the record and knows every call even after their index rows are gone.
2. Remove their rows from every table, one commit of the lake's transaction protocol
   (`redactor.store.txn`) per call date with all three tables in it; the replaced files are deleted
   right after the commit (`purge`), and the ledger forgets the calls. Every committed file is read
   (not only the dates the index names). Table objects no commit lists that still hold them (left
   by a crashed writer, retired and not yet collected, past expiry) are deleted too.
3. Delete or rewrite the raw exports holding their records in the raw areas (`[landing]
   raw_areas`, `--raw`); delete their quarantined items (matched by call id, by the identifiers'
   surface forms in the bytes, and optionally by the detector).
4. Drop restrictions on the erased calls.
5. On a versioned bucket, delete every noncurrent version that still holds them: a rewrite or
   delete otherwise leaves the old bytes one `GetObject?versionId=` away.
6. Write the erasure receipt (`audit/erasures/date=.../<time>-<request id>.json`, `audit` class:
   tokens, call ids, counts, times) and only then remove the pending record.

Every step is idempotent: a call already gone is simply not found again.
"""

from __future__ import annotations

import hashlib
import io
import json
from collections import Counter
from dataclasses import dataclass, field
from datetime import date

import pyarrow.parquet as pq

from redactor.rights.audit import now_utc, put_json, write_audit
from redactor.rights.find import find_calls, lake_restricted, partition_of, read_parquet
from redactor.rights.identifiers import SubjectRequest
from redactor.rights.raw import delete_raw, match_quarantine, match_raw, remaining_bytes, replace_raw
from redactor.rights.restrict import drop_restrictions
from redactor.store.backend import ObjectStore
from redactor.store.lake import Lake
from redactor.store.tables import TABLES

PENDING_PREFIX = "audit/erasures/pending/"
# Rewrite order inside a partition: the subject index (calls) goes last.
ERASE_ORDER = ("findings", "segments", "calls")
assert set(ERASE_ORDER) == set(TABLES)


@dataclass
class EraseReport:
    request_id: str
    tokens: list[str]
    call_ids: list[str] = field(default_factory=list)
    resumed: bool = False
    rows_removed: Counter = field(default_factory=Counter)
    partitions_rewritten: int = 0
    raw_deleted: int = 0
    raw_rewritten: int = 0
    raw_records_removed: int = 0
    quarantine_deleted: int = 0
    restrictions_dropped: int = 0
    stray_files_deleted: int = 0
    versions_deleted: int = 0
    # SHA-256 of every raw record and quarantined payload removed: a re-delivery of the same bytes
    # (which may not even parse, so has no call id) is recognised at ingest and not kept again.
    record_hashes: set[str] = field(default_factory=set)
    receipt_key: str = ""
    started_at: str = ""
    completed_at: str = ""

    def as_dict(self) -> dict:
        return {
            "request_id": self.request_id,
            "tokens": self.tokens,
            "calls": len(self.call_ids),
            "call_ids": self.call_ids,
            "resumed": self.resumed,
            "rows_removed": dict(sorted(self.rows_removed.items())),
            "partitions_rewritten": self.partitions_rewritten,
            "raw_deleted": self.raw_deleted,
            "raw_rewritten": self.raw_rewritten,
            "raw_records_removed": self.raw_records_removed,
            "quarantine_items_deleted": self.quarantine_deleted,
            "restrictions_dropped": self.restrictions_dropped,
            "stray_files_deleted": self.stray_files_deleted,
            "noncurrent_versions_deleted": self.versions_deleted,
            "record_hashes": sorted(self.record_hashes),
            "started_at": self.started_at,
            "completed_at": self.completed_at,
            "receipt_key": self.receipt_key,
        }


def pending_key(request_id: str) -> str:
    return f"{PENDING_PREFIX}{request_id}.json"


def _load_pending(lake: Lake, request_id: str) -> dict | None:
    key = pending_key(request_id)
    if not lake.store.exists(key):
        return None
    return json.loads(lake.store.get(key))


def _partitions_holding(lake: Lake, ids: set[str]) -> dict[date, dict[str, set[str]]]:
    """call date -> table -> which of these calls it holds, over every committed file (not only
    the dates the index names)."""
    out: dict[date, dict[str, set[str]]] = {}
    for table in TABLES:
        for key in lake.live_files(table):
            day = partition_of(key)
            col = read_parquet(lake, key, ["call_id"]).column("call_id").to_pylist()
            hit = ids.intersection(col)
            if hit and day is not None:
                out.setdefault(day, {}).setdefault(table, set()).update(hit)
    return out


def erase_day(lake: Lake, day: date, holding: dict[str, set[str]]) -> Counter:
    """One commit: every table of one date without these calls; the replaced files are deleted
    right after the commit, and the ledger forgets the calls. Returns rows removed per table."""
    from redactor.store.txn import with_retry

    ids = set().union(*holding.values())
    day_s = day.isoformat()

    def apply(txn) -> dict:
        removed = Counter()
        for table in ERASE_ORDER:
            if table in holding:
                removed[table] += int(txn.rewrite_partition(table, day_s, drop_call_ids=ids).get("rows_dropped", 0))
        for cid in sorted(holding.get("calls", ids)):
            txn.record({"kind": "call_removed", "key": cid, "day": day_s})
        return dict(removed)

    return Counter(with_retry(lake, "erase", apply, purge=True).result)


def erase_subject(
    lake: Lake, request: SubjectRequest, detector_match=None, raw_stores: list[ObjectStore] = ()
) -> EraseReport:
    report = EraseReport(request.request_id, request.tokens, started_at=now_utc().isoformat())
    pending = _load_pending(lake, request.request_id)
    ids = {c.call_id for c in find_calls(lake, request.tokens)}
    if pending:
        report.resumed = True
        report.started_at = pending.get("started_at", report.started_at)
        ids |= set(pending.get("call_ids", ()))
    report.call_ids = sorted(ids)

    # 1. The pending record first: from here on a re-run knows every call, index or not.
    put_json(
        lake,
        pending_key(request.request_id),
        {
            "request_id": request.request_id,
            "tokens": request.tokens,
            "call_ids": report.call_ids,
            "started_at": report.started_at,
            "state": "pending",
        },
        dataset="erasures",
    )

    # 2. Tables: one commit per call date, all three tables in it.
    if ids:
        for day, holding in sorted(_partitions_holding(lake, ids).items()):
            report.rows_removed.update(erase_day(lake, day, holding))
            report.partitions_rewritten += len(holding)

    # 2b. Any table object that is not (or no longer) committed but still holds them: files a
    #     crashed writer left behind, files retired by a commit and not yet collected.
    report.stray_files_deleted = sweep_tables(lake, ids)

    # 3. Raw exports and quarantine.
    matcher = request.matcher()
    for m in match_raw(raw_stores, ids, matcher, whole_file=True):
        report.raw_records_removed += len(m.matched)
        report.record_hashes.update(hashlib.sha256(r.raw).hexdigest() for r in m.matched)
        if m.kept:
            replace_raw(m.store, m.key, remaining_bytes(m))
            report.raw_rewritten += 1
        else:
            delete_raw(m.store, m.key)
            report.raw_deleted += 1
    for q in match_quarantine(lake, ids, matcher, detector_match):
        if q.payload:
            report.record_hashes.add(hashlib.sha256(q.payload).hexdigest())
        for key in q.keys:
            lake.store.delete(key)
        report.quarantine_deleted += 1

    # 4. Restrictions on calls that no longer exist.
    report.restrictions_dropped = drop_restrictions(lake, ids)

    # 5. Old versions on a versioned bucket (the lake's and every raw area's).
    report.versions_deleted = sum(purge_noncurrent(store, ids, matcher) for store in [lake.store, *raw_stores])

    # 6. Receipt, then the pending record goes.
    report.completed_at = now_utc().isoformat()
    receipt = {k: v for k, v in report.as_dict().items() if k not in ("receipt_key",)}
    report.receipt_key = write_audit(lake, "erasures", request.request_id, receipt)
    lake.store.delete(pending_key(request.request_id))
    return report


def plan_erasure(lake: Lake, request: SubjectRequest, detector_match=None, raw_stores: list[ObjectStore] = ()) -> dict:
    """What `erase_subject` would remove, found the same way, with nothing written or deleted:
    calls (id, date), rows per table, raw exports deleted or rewritten, quarantined items,
    restrictions. Old object versions are not counted (erasure looks for them as it goes)."""
    calls = find_calls(lake, request.tokens)
    pending = _load_pending(lake, request.request_id)
    ids = {c.call_id for c in calls} | set((pending or {}).get("call_ids", ()))
    rows = Counter()
    for table in TABLES:
        for key in lake.live_files(table) if ids else ():
            rows[table] += sum(cid in ids for cid in read_parquet(lake, key, ["call_id"]).column("call_id").to_pylist())
    raw = [
        {
            "area": m.store.uri,
            "action": "rewrite" if m.kept else "delete",
            "records": len(m.matched),
            "records_kept": len(m.kept),
        }
        for m in match_raw(raw_stores, ids, request.matcher(), whole_file=True)
    ]
    quarantine = [q.base.rsplit("/", 1)[-1] for q in match_quarantine(lake, ids, request.matcher(), detector_match)]
    restricted = lake_restricted(lake) & ids
    return {
        "dry_run": True,
        "request_id": request.request_id,
        "tokens": request.tokens,
        "resumes_pending": bool(pending),
        "calls": len(ids),
        "call_list": [c.as_dict() for c in calls],
        "rows": dict(sorted(rows.items())),
        "raw_exports": raw,
        "raw_records": sum(r["records"] for r in raw),
        "quarantine_items": quarantine,
        "restricted_calls": len(restricted),
        "raw_areas_searched": len(raw_stores),
    }


@dataclass
class Erased:
    """What erasures removed or are removing (receipts and pending records): calls by id, and raw
    records and quarantined payloads by the SHA-256 of their bytes."""

    call_ids: set[str] = field(default_factory=set)
    record_hashes: set[str] = field(default_factory=set)

    def covers(self, call_id: str | None, record_hash: str | None) -> bool:
        return bool(call_id and call_id in self.call_ids) or bool(record_hash and record_hash in self.record_hashes)


def erased(lake: Lake) -> Erased:
    """Whatever writes calls or quarantine from old sources (reprocess from raw, a re-run over old
    exports, a re-delivery) must skip what this covers."""
    out = Erased()
    for obj in lake.store.list("audit/erasures/"):
        if obj.key.endswith(".json"):
            try:
                doc = json.loads(lake.store.get(obj.key))
            except ValueError:
                continue
            out.call_ids.update(doc.get("call_ids", ()))
            out.record_hashes.update(doc.get("record_hashes", ()))
    return out


def erased_call_ids(lake: Lake) -> set[str]:
    """Calls an erasure removed or is removing."""
    return erased(lake).call_ids


def sweep_tables(lake: Lake, ids: set[str]) -> int:
    """Delete every Parquet object under the table prefixes that is not committed and holds one
    of these calls. Committed files were rewritten above; anything else is garbage with their data."""
    if not ids:
        return 0
    deleted = 0
    for table in TABLES:
        live = set(lake.live_files(table))
        for obj in list(lake.store.list(f"{table}/")):
            if obj.key in live or not obj.key.endswith(".parquet"):
                continue
            if _holds(lake.store.get(obj.key), obj.key, ids, None):
                lake.store.delete(obj.key)
                deleted += 1
    return deleted


# ---- versioned buckets -----------------------------------------------------------------------


def _holds(data: bytes, key: str, ids: set[str], matcher) -> bool:
    if key.endswith(".parquet"):
        try:
            col = pq.read_table(io.BytesIO(data), columns=["call_id"]).column("call_id").to_pylist()
        except Exception:  # noqa: BLE001 - unreadable: fall back to the byte scan
            return matcher.in_bytes(data) if matcher is not None else any(i.encode() in data for i in ids)
        return bool(ids.intersection(col))
    return matcher.in_bytes(data) or any(i.encode() in data for i in ids)


def purge_noncurrent(store: ObjectStore, ids: set[str], matcher) -> int:
    """Delete every noncurrent object version that still holds the person (versioned S3 only).

    Only versions that hold them go: Parquet versions whose call ids include one of their calls,
    other objects whose bytes contain their identifiers or call ids. The audit log is left alone
    (it holds tokens only). Returns the number of versions deleted.
    """
    versioned = getattr(store, "versioned", None)
    if versioned is None or not versioned():
        return 0
    client, bucket, prefix = store.client, store.bucket, store.prefix
    deleted = 0
    paginator = client.get_paginator("list_object_versions")
    for page in paginator.paginate(Bucket=bucket, Prefix=prefix):
        for v in page.get("Versions", []):
            key = v["Key"][len(prefix) :]
            if v.get("IsLatest") or key.startswith("audit/"):
                continue
            data = client.get_object(Bucket=bucket, Key=v["Key"], VersionId=v["VersionId"])["Body"].read()
            if _holds(data, key, ids, matcher):
                client.delete_object(Bucket=bucket, Key=v["Key"], VersionId=v["VersionId"])
                deleted += 1
    return deleted


def plan_text(plan: dict) -> str:
    """`redactor subject erase --dry-run`: the plan as text (tokens, call ids, dates and counts only)."""
    lines = [
        f"dry run: nothing changed. Would erase {plan['calls']} call(s) for tokens {', '.join(plan['tokens'])}"
        + (" (completing an interrupted erasure)" if plan["resumes_pending"] else "")
    ]
    for c in plan["call_list"]:
        lines.append(f"  {c['call_id']}  {c['call_date']}{'  restricted' if c['restricted'] else ''}")
    rows = ", ".join(f"{t} {n}" for t, n in plan["rows"].items()) or "none"
    lines.append(f"rows: {rows}")
    deleted = sum(r["action"] == "delete" for r in plan["raw_exports"])
    lines.append(
        f"raw exports: {deleted} deleted, {len(plan['raw_exports']) - deleted} rewritten without their "
        f"{plan['raw_records']} record(s) (raw areas searched: {plan['raw_areas_searched']})"
    )
    lines.append(f"quarantined items: {len(plan['quarantine_items'])}; restrictions lifted: {plan['restricted_calls']}")
    return "\n".join(lines)
