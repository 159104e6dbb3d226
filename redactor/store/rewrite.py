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

Files are found through `Lake.live_files`, the single authority on what is committed.
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass, field
from datetime import date

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from redactor.store.lake import REDACTED_CLASS, Lake, parquet_bytes
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
    cols = [table.column(f.name).cast(f.type) if f.name in table.column_names
            else pa.nulls(table.num_rows, f.type) for f in schema]
    return pa.Table.from_arrays(cols, schema=schema)


def _read(lake: Lake, key: str) -> pa.Table:
    return pq.read_table(io.BytesIO(lake.store.get(key)))


def rewrite_partition(lake: Lake, table: str, day: date, *, drop: set[str] | frozenset[str] = frozenset(),
                      replace: pa.Table | None = None) -> RewriteResult:
    schema = SCHEMAS[table]
    result = RewriteResult(table, day)
    replace = conform(replace, schema) if replace is not None else pa.Table.from_pylist([], schema=schema)
    replacing = set(replace.column("call_id").to_pylist())
    gone = set(drop) | replacing
    placed: set[str] = set()
    if not gone:
        return result
    for key in lake.live_files(table, since=day, until=day):
        current = _read(lake, key)
        hit = pc.is_in(current.column("call_id"), value_set=pa.array(sorted(gone), pa.string()))
        if not pc.any(hit).as_py():
            continue
        present = set(pc.filter(current.column("call_id"), hit).to_pylist())
        keep = conform(current.filter(pc.invert(hit)), schema)
        here = (present & replacing) - placed
        placed |= here
        add = replace.filter(pc.is_in(replace.column("call_id"), value_set=pa.array(sorted(here), pa.string())))
        new = pa.concat_tables([keep, add])
        result.rows_removed += current.num_rows - keep.num_rows
        result.rows_added += add.num_rows
        if new.num_rows == 0:
            lake.store.delete(key)
            result.keys_deleted.append(key)
            continue
        tags = dict(lake.store.tags(key)) or lake.retention.tags(REDACTED_CLASS, table)
        if add.num_rows and lake.retention.pipeline_version:
            tags["pipeline-version"] = lake.retention.pipeline_version
        lake.store.put(key, parquet_bytes(new.replace_schema_metadata(current.schema.metadata), tags), tags)
        result.keys_written.append(key)
    rest = sorted(replacing - placed)
    if rest:
        add = replace.filter(pc.is_in(replace.column("call_id"), value_set=pa.array(rest, pa.string())))
        batch_id = hashlib.sha256("\n".join(rest).encode()).hexdigest()[:16]
        key = f"{table}/call_date={day.isoformat()}/part-{batch_id}.parquet"
        tags = lake.retention.tags(REDACTED_CLASS, table)
        lake.store.put(key, parquet_bytes(add, tags), tags)
        result.rows_added += add.num_rows
        result.keys_written.append(key)
    return result
