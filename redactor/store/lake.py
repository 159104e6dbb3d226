"""The lake: Parquet tables hive-partitioned by call date, plus the quarantine, in an object store.

Layout (under the store's root/prefix):
  calls/call_date=YYYY-MM-DD/part-<id>.parquet      (likewise segments/, findings/)
  quarantine/date=YYYY-MM-DD/<id>.json               reason record
  quarantine/date=YYYY-MM-DD/<id>.payload            the input bytes, restricted and short-lived
Every Parquet file carries its retention class and expiry date in its key-value metadata, and
every object carries them as tags.
"""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, date, datetime

from redactor.config import Config
from redactor.domain import Quarantined, RedactedCall
from redactor.store import open_store_from_config
from redactor.store.backend import ObjectStore
from redactor.store.retention import Retention
from redactor.store.snapshot import Snapshot, load_snapshot
from redactor.store.txn import replace_calls

QUARANTINE_CLASS = "quarantine"
# restrictions/<call_id>/<request id>.json: a call with any object here is restricted (GDPR art. 18).
RESTRICTIONS_PREFIX = "restrictions/"


def _partition_date(key: str) -> date | None:
    for part in key.split("/"):
        if part.startswith("call_date="):
            try:
                return date.fromisoformat(part[len("call_date=") :])
            except ValueError:
                return None
    return None


class Lake:
    def __init__(self, store: ObjectStore, retention: Retention):
        self.store = store
        self.retention = retention

    @classmethod
    def from_config(cls, config: Config, store_uri: str | None, pipeline_version: str) -> Lake:
        """The lake named by `store_uri` (else `[store] uri`), with `[retention]` of the config;
        `pipeline_version` goes into every object's tags."""
        store = open_store_from_config(config.section("store"), store_uri)
        return cls(store, Retention.from_section(config.section("retention"), pipeline_version))

    def write_calls(self, calls: list[RedactedCall]) -> list[str]:
        """Store calls in one commit, each call id exactly once; returns the data keys written.

        A call already in the lake is replaced where it lives (its rows leave the old files),
        not appended: see `redactor.store.txn.Transaction.replace_calls`.
        """
        return replace_calls(self, calls).written

    def snapshot(self) -> Snapshot:
        """The latest committed snapshot (`redactor.store.snapshot.Snapshot`): the live files of
        every table at one instant. Readers that need several tables consistently use this."""
        return load_snapshot(self.store)

    def live_files(self, table: str, since: date | None = None, until: date | None = None) -> list[str]:
        """Keys of the Parquet files readers should read for a table, optionally by call date.

        Readers (queries, exports, erasure) go through this instead of listing the prefix
        themselves, so the store alone decides which files are committed: exactly the files the
        latest snapshot (`_lake/snapshots/<version>.json`, written last and atomically by every
        commit) lists, minus files past their expiry date. A file being written, one a crashed
        run left behind, or one replaced by a newer commit is never returned.
        """
        return self.snapshot().live_keys(table, since, until)

    def restricted_call_ids(self) -> set[str]:
        """Calls under restriction: kept, but excluded from analysts' views (see redactor.rights)."""
        return {
            obj.key[len(RESTRICTIONS_PREFIX) :].split("/", 1)[0]
            for obj in self.store.list(RESTRICTIONS_PREFIX)
            if obj.key.endswith(".json")
        }

    def quarantine(self, item: Quarantined) -> str:
        now = datetime.now(UTC)
        ident = hashlib.sha256(f"{item.source_file}\x1f{item.record_index}\x1f".encode() + item.payload).hexdigest()[
            :20
        ]
        base = f"quarantine/date={now.date().isoformat()}/{ident}"
        tags = self.retention.tags(QUARANTINE_CLASS, "quarantine")
        # Payload first: a reason record always points at bytes that exist.
        self.store.put(f"{base}.payload", item.payload, tags)
        record = {
            "source_file": item.source_file,
            "record_index": item.record_index,
            "stage": item.stage,
            "reason": item.reason,
            "call_id": item.call_id,
            "quarantined_at": now.isoformat(),
            "payload_key": f"{base}.payload",
            "payload_sha256": hashlib.sha256(item.payload).hexdigest(),
        }
        self.store.put(f"{base}.json", json.dumps(record, ensure_ascii=False).encode(), tags)
        return f"{base}.json"
