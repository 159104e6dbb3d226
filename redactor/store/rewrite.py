"""Rewrite one table partition without some calls, or with some calls' rows replaced.

The one primitive for every change to committed rows: erasure (drop a person's calls), reprocessing
(replace calls' rows with what the current pipeline produces), compaction and anything else that
must change data in place. Whoever needs it should call this rather than write a copy.

Semantics, for `rewrite_partition(lake, table, day, drop=ids, replace=rows)`:
- every row of a call in `drop` or in `replace` leaves the partition's committed files;
- the `replace` rows go into the file that held that call before (or, for a call not yet in the
  partition, into one new file), so a call's rows change in a single object write: a reader sees
  its old rows or its new rows, never both or neither;
- each changed file is written whole under its own key (an atomic PUT on S3, write-then-rename on
  a folder); a file left with no rows is deleted;
- a rewritten file keeps its tags and retention (`expires-on`): replacing rows never extends how
  long the data is kept. Only the `pipeline-version` tag moves to the version doing the rewrite.

Mechanics (issue 6, the lake's commit protocol): the rewrite is one transaction of
`redactor.store.txn` — survivors and replacement rows go to new files, and one snapshot commit
swaps them for the old ones, so a reader sees the partition's old rows or its new rows, never both
or neither. The replaced files are deleted right after the commit (`purge`): erased or
less-redacted rows do not wait for garbage collection. To change several tables or partitions in
one commit, use `redactor.store.txn` directly (`LakeWriter(lake).transaction(...)`).
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import date

import pyarrow as pa
import pyarrow.parquet as pq

from redactor.store.lake import Lake
from redactor.store.tables import SCHEMAS


@dataclass
class RewriteResult:
    table: str
    day: date
    rows_removed: int = 0
    rows_added: int = 0
    keys_written: list[str] = field(default_factory=list)
    keys_deleted: list[str] = field(default_factory=list)


def conform(table: pa.Table, schema: pa.Schema) -> pa.Table:
    """A table in the current schema: missing columns become nulls, extra ones are dropped."""
    cols = [
        table.column(f.name).cast(f.type) if f.name in table.column_names else pa.nulls(table.num_rows, f.type)
        for f in schema
    ]
    return pa.Table.from_arrays(cols, schema=schema)


def _read(lake: Lake, key: str) -> pa.Table:
    return pq.read_table(io.BytesIO(lake.store.get(key)))


def rewrite_partition(
    lake: Lake, table: str, day: date, *, drop: set[str] | frozenset[str] = frozenset(), replace: pa.Table | None = None
) -> RewriteResult:
    from redactor.store.txn import with_retry

    schema = SCHEMAS[table]
    result = RewriteResult(table, day)
    replace = conform(replace, schema) if replace is not None else None
    replacing = set(replace.column("call_id").to_pylist()) if replace is not None else set()
    gone = set(drop) | replacing
    if not gone:
        return result
    done = with_retry(
        lake,
        "rewrite",
        lambda txn: txn.rewrite_partition(table, day, drop_call_ids=gone, replacement=replace),
        purge=True,
    )
    result.rows_removed = int(done.result.get("rows_dropped", 0))
    result.rows_added = int(done.result.get("rows_added", 0))
    result.keys_written = list(done.written)
    result.keys_deleted = list(done.retired)
    return result
