"""The quarantine as an operator sees it: items, retry with the current pipeline, drop with a receipt.

An item is `quarantine/date=D/<id>.json` (the reason record) plus `<id>.payload` (the input
bytes). What is shown of an item is its id, stage, reason (our own words, naming fields), dates,
sizes and a hashed reference to its source: never the payload, and never the source file name
(a file name may be personal data).
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any

from redactor.domain import Quarantined, RedactedCall
from redactor.rights.audit import write_audit
from redactor.store.backend import ObjectInfo, StoreError
from redactor.store.lake import Lake

if TYPE_CHECKING:
    from redactor.pipeline import Pipeline
    from redactor.store.lease import Lease

PREFIX = "quarantine/"


@dataclass
class Item:
    id: str
    base: str  # quarantine/date=D/<id>
    keys: list[str] = field(default_factory=list)
    stage: str = ""
    reason: str = ""
    call_id: str | None = None
    quarantined_at: str = ""
    source_ref: str = ""  # sha256 of the source file name, first 12 hex digits
    record_index: int | None = None
    payload_bytes: int = 0
    payload_sha256: str = ""
    expires_on: str = ""
    source_file: str = field(default="", repr=False)  # never shown; the retry parses under this name

    @property
    def day(self) -> str:
        return self.base.split("/")[1].removeprefix("date=")

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "stage": self.stage,
            "reason": self.reason,
            "call_id": self.call_id,
            "quarantined_at": self.quarantined_at,
            "date": self.day,
            "expires_on": self.expires_on,
            "source_ref": self.source_ref,
            "record_index": self.record_index,
            "payload_bytes": self.payload_bytes,
            "payload_sha256": self.payload_sha256,
            "keys": self.keys,
        }


def _source_ref(name: str | None) -> str:
    return hashlib.sha256((name or "").encode()).hexdigest()[:12] if name else ""


def list_items(lake: Lake, *, with_expiry: bool = False) -> list[Item]:
    """Every quarantined item, oldest first. `with_expiry` reads each reason record's tags (one
    request per item on S3)."""
    grouped: dict[str, list[ObjectInfo]] = {}
    for obj in lake.store.list(PREFIX):
        base = obj.key.rsplit(".", 1)[0] if obj.key.endswith((".json", ".payload")) else obj.key
        grouped.setdefault(base, []).append(obj)
    items = []
    for base, objs in sorted(grouped.items()):
        item = Item(base.rsplit("/", 1)[-1], base, sorted(o.key for o in objs))
        for obj in objs:
            if obj.key.endswith(".payload"):
                item.payload_bytes = obj.size
        record_key = f"{base}.json"
        if record_key in item.keys:
            try:
                rec = json.loads(lake.store.get(record_key))
            except (ValueError, StoreError):
                rec = {}
            item.stage, item.reason = str(rec.get("stage", "")), str(rec.get("reason", ""))
            item.call_id, item.quarantined_at = rec.get("call_id"), str(rec.get("quarantined_at", ""))
            item.source_ref, item.record_index = _source_ref(rec.get("source_file")), rec.get("record_index")
            item.payload_sha256 = str(rec.get("payload_sha256", ""))
            item.source_file = str(rec.get("source_file") or "")
            if with_expiry:
                try:
                    item.expires_on = lake.store.tags(record_key).get("expires-on", "")
                except StoreError:
                    pass
        items.append(item)
    return sorted(items, key=lambda i: (i.quarantined_at or i.day, i.id))


def find_items(lake: Lake, ids: list[str]) -> tuple[list[Item], list[str]]:
    """The items with these ids (or unique id prefixes); and the ids that matched none."""
    items = list_items(lake, with_expiry=True)
    found, missing = [], []
    for wanted in ids:
        hits = [i for i in items if i.id == wanted] or [i for i in items if i.id.startswith(wanted)]
        if len(hits) == 1:
            found.append(hits[0])
        else:
            missing.append(wanted)
    return found, missing


def stage_counts(items: list[Item]) -> dict[str, int]:
    return dict(sorted(Counter(i.stage or "unknown" for i in items).items()))


def _receipt_entry(item: Item) -> dict[str, Any]:
    return {k: v for k, v in item.as_dict().items() if k != "keys"}


def _delete(lake: Lake, item: Item) -> None:
    # Reason record first: a payload without its record is still listed (and can be dropped again).
    for key in sorted(item.keys, key=lambda k: not k.endswith(".json")):
        lake.store.delete(key)


def drop_items(lake: Lake, items: list[Item]) -> dict[str, Any]:
    """Delete items for good; one receipt in `audit/quarantine-drops/` names what went (ids, stages,
    reasons, payload hashes), never a value, and who did it (`redactor.rights.audit.set_actor`)."""
    for item in items:
        _delete(lake, item)
    record = {"items": [_receipt_entry(i) for i in items]}
    request_id = hashlib.sha256("".join(i.id for i in items).encode()).hexdigest()[:16]
    key = write_audit(lake, "quarantine-drops", request_id, record)
    return {"dropped": len(items), "ids": [i.id for i in items], "receipt_key": key}


@dataclass
class RetryOutcome:
    id: str
    status: str  # stored | still_quarantined | skipped_erased
    calls: int = 0
    stage: str = ""
    reason: str = ""

    def as_dict(self) -> dict[str, Any]:
        return {k: v for k, v in self.__dict__.items() if v not in ("", None)}


def retry_items(
    lake: Lake,
    items: list[Item],
    pipeline: Pipeline,
    *,
    lease: Lease | None = None,
    run_id: str = "",
    dry_run: bool = False,
) -> dict[str, Any]:
    """Run each item's payload through the current pipeline. An item whose every record now comes
    out redacted is stored (one commit for all, restrictions applied as the job does) and removed
    from the quarantine; one that fails again stays where it is, with its new reason shown.
    Calls erased on a data-subject request are never stored again: their item is removed."""
    from redactor.ingest.reader import split_records
    from redactor.rights.erase import erased_call_ids
    from redactor.rights.restrict import RestrictionIndex, restrict_new_calls
    from redactor.store.txn import with_retry

    erased = erased_call_ids(lake)
    outcomes: list[RetryOutcome] = []
    to_store: list[RedactedCall] = []
    done: list[Item] = []
    for item in items:
        try:
            payload = lake.store.get(f"{item.base}.payload")
        except StoreError:
            outcomes.append(RetryOutcome(item.id, "still_quarantined", stage="read", reason="payload missing"))
            continue
        results = list(pipeline.process(split_records(item.source_file or item.id, payload, pipeline.max_record_bytes)))
        failed = [r for r in results if isinstance(r, Quarantined) and r.call_id not in erased]
        good = [r for r in results if isinstance(r, RedactedCall) and r.call.call_id not in erased]
        if failed or not results:
            first = failed[0] if failed else None
            outcomes.append(
                RetryOutcome(
                    item.id,
                    "still_quarantined",
                    stage=first.stage if first else "read",
                    reason=first.reason if first else "no records",
                )
            )
            continue
        outcomes.append(RetryOutcome(item.id, "stored" if good else "skipped_erased", calls=len(good)))
        to_store += good
        done.append(item)
    summary = {
        "dry_run": dry_run,
        "items": [o.as_dict() for o in outcomes],
        "stored": sum(o.status == "stored" for o in outcomes),
        "still_quarantined": sum(o.status == "still_quarantined" for o in outcomes),
        "calls_written": len(to_store),
        "pipeline_version": pipeline.version,
    }
    if dry_run or not done:
        return summary
    if to_store:
        restrict_new_calls(lake, to_store, RestrictionIndex(lake).in_force())
        committed = with_retry(
            lake, "quarantine-retry", lambda t: t.replace_calls(to_store), run_id=run_id, lease=lease
        )
        summary["lake_version"] = committed.snapshot.version
    for item in done:  # only once their calls are committed
        _delete(lake, item)
    summary["receipt_key"] = write_audit(
        lake, "quarantine-retries", run_id or "retry", {"pipeline_version": pipeline.version, "items": summary["items"]}
    )
    return summary


def retry_under_lease(
    lake: Lake, items: list[Item], pipeline: Pipeline, *, lease_seconds: float, dry_run: bool = False
) -> dict[str, Any]:
    """`redactor quarantine retry`: `retry_items` under the job's lease (a dry run takes none).

    Raises `LeaseHeld` if a run holds the lease (nothing done)."""
    from redactor.rights.audit import now_utc
    from redactor.store.lease import Lease

    run_id = "retry-" + now_utc().strftime("%Y%m%dT%H%M%SZ")
    if dry_run:
        return retry_items(lake, items, pipeline, run_id=run_id, dry_run=True)
    lease = Lease(lake.store, lake.retention, ttl_seconds=lease_seconds, operation="quarantine-retry", run_id=run_id)
    lease.acquire()
    lease.start_heartbeat()
    try:
        return retry_items(lake, items, pipeline, lease=lease, run_id=run_id)
    finally:
        lease.release()


def oldest(items: list[Item]) -> str | None:
    return min((i.quarantined_at for i in items if i.quarantined_at), default=None)


def age_days(iso: str | None, today: date | None = None) -> int | None:
    if not iso:
        return None
    when = datetime.fromisoformat(iso)
    return ((today or datetime.now(UTC).date()) - when.date()).days
