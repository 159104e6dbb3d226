"""DuckDB over the committed Parquet files of the lake, read-only and offline.

Why this shape:
- DuckDB itself may read no file at all. Each view is a `pyarrow.dataset` over exactly the files
  `Lake.live_files` returns (never a glob: no half-written batch, superseded duplicate, landing
  area, quarantine, key material or tag sidecar), filtered in pyarrow so restricted calls (GDPR
  art. 18) are not in it, and handed to DuckDB as an Arrow scan. Then `enable_external_access` is
  switched off with an empty `allowed_paths`, Python replacement scans are off and the
  configuration is locked: `read_parquet` on a live file, `read_csv('/etc/passwd')`, `glob`,
  `parquet_metadata`, ATTACH, INSTALL/LOAD and settings changes all fail inside DuckDB, whatever
  the SQL looks like. This is a structural guarantee, not a keyword list.
- Nothing secret is in the connection: on S3 the credentials live in pyarrow's S3 filesystem
  object, not in a DuckDB secret or setting, so `duckdb_secrets()`, `duckdb_settings()` and
  `current_setting(...)` have nothing to show; `getenv` does not exist outside DuckDB's own CLI.
- DuckDB pushes `call_date` filters into the scan and pyarrow skips the files of other days (the
  `call_date=` path component is the hive partition), so a date-bounded question reads only those.
- Every statement is additionally checked against an allow-list before it runs: SELECT (which
  covers DESCRIBE, SHOW, SUMMARIZE and read-only PRAGMAs) and EXPLAIN [ANALYZE] of a SELECT.
- `materialise=True` copies the filtered rows into in-memory DuckDB tables once (for the web app,
  which answers many queries from one snapshot); the Python objects are then dropped.
- The database is in-memory: nothing the analyst does survives the session or touches the store.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import duckdb
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.dataset as ds
import pyarrow.fs as pafs

from redactor.errors import RedactorError
from redactor.store.lake import Lake
from redactor.store.tables import SCHEMAS, TABLES

# Never fetch or autoload extensions: the machine is offline and an analyst must not be able to
# pull code in.
OFFLINE_CONFIG = {"autoinstall_known_extensions": False, "autoload_known_extensions": False}

PARTITION_COLUMN = "call_date"

# Statement types an analyst may run. Anything else (COPY, ATTACH, INSTALL, LOAD, CREATE, INSERT,
# UPDATE, DELETE, EXPORT, SET, PRAGMA with side effects, ...) is rejected before execution.
ALLOWED_TYPES = {"SELECT"}

# `EXPLAIN`, `EXPLAIN ANALYZE` or `EXPLAIN (options)` after optional leading comments; what
# follows must itself be a SELECT, because EXPLAIN ANALYZE executes its statement.
_EXPLAIN_PREFIX = re.compile(
    r"^\s*(?:(?:--[^\n]*(?:\n|$)|/\*.*?\*/)\s*)*explain\s+(?:analy[sz]e\s+|\((?:[^()']|'[^']*')*\)\s*)?",
    re.IGNORECASE | re.DOTALL,
)


class QueryError(RedactorError):
    """A query could not run; the message is DuckDB's (about the SQL, never about data)."""


# DuckDB quotes the statement back ("LINE 1: SELECT ... '811218-9876'") and the values it could not
# convert: an analyst who searched for a personnummer would see it in the error, and so would a log.
_QUOTED_SQL = re.compile(r"\n+LINE \d+:.*", re.DOTALL)
_LONG_NUMBER = re.compile(r"\d[\d -]{4,}\d")


def _duckdb_message(exc: Exception) -> str:
    """DuckDB's message without the statement it quotes, and with long numbers masked."""
    return _LONG_NUMBER.sub("…", _QUOTED_SQL.sub("", str(exc))).strip()


class ReadOnlyError(QueryError):
    """The statement would change something or reach outside the redacted tables."""


@dataclass
class Result:
    sql: str
    table: pa.Table
    seconds: float
    kind: str = "SELECT"  # or EXPLAIN

    @property
    def columns(self) -> list[str]:
        return self.table.column_names

    def rows(self) -> list[tuple]:
        cols = [c.to_pylist() for c in self.table.columns]
        return list(zip(*cols)) if cols else []

    def scalar(self) -> Any:
        return self.table.column(0)[0].as_py()


def _kind(statement) -> str:
    return statement.type.name


def check_read_only(con: duckdb.DuckDBPyConnection, sql: str) -> list:
    """Parse `sql` and return its statements if every one of them is allowed, else raise."""
    try:
        statements = con.extract_statements(sql)
    except duckdb.Error as exc:
        raise QueryError(_duckdb_message(exc)) from None
    if not statements:
        raise QueryError("no SQL statement given")
    for statement in statements:
        kind = _kind(statement)
        if kind == "EXPLAIN":
            match = _EXPLAIN_PREFIX.match(statement.query)
            try:
                inner = con.extract_statements(statement.query[match.end() :]) if match else []
            except duckdb.Error:
                inner = []
            if len(inner) != 1 or _kind(inner[0]) not in ALLOWED_TYPES:
                raise ReadOnlyError("only EXPLAIN of a SELECT is allowed: the query command is read-only")
        elif kind not in ALLOWED_TYPES:
            raise ReadOnlyError(
                f"{kind} statements are not allowed: the query command is read-only "
                "(SELECT, WITH, DESCRIBE, SHOW, SUMMARIZE and EXPLAIN only)"
            )
    return statements


def duckdb_type(t: pa.DataType) -> str:
    """The DuckDB SQL type for an Arrow type of the lake schemas (for empty views)."""
    if pa.types.is_string(t) or pa.types.is_large_string(t):
        return "VARCHAR"
    if pa.types.is_int32(t):
        return "INTEGER"
    if pa.types.is_int64(t):
        return "BIGINT"
    if pa.types.is_float64(t):
        return "DOUBLE"
    if pa.types.is_boolean(t):
        return "BOOLEAN"
    if pa.types.is_date32(t):
        return "DATE"
    if pa.types.is_timestamp(t):
        return "TIMESTAMPTZ" if t.tz else "TIMESTAMP"
    if pa.types.is_map(t):
        return f"MAP({duckdb_type(t.key_type)}, {duckdb_type(t.item_type)})"
    if pa.types.is_list(t):
        return f"{duckdb_type(t.value_type)}[]"
    if pa.types.is_struct(t):
        return "STRUCT(" + ", ".join(f'"{f.name}" {duckdb_type(f.type)}' for f in t) + ")"
    raise TypeError(f"no DuckDB type for {t}")


def _empty_view_sql(table: str) -> str:
    """A typed, empty relation: a table with no committed files yet still has its columns."""
    cols = [f'CAST(NULL AS {duckdb_type(f.type)}) AS "{f.name}"' for f in SCHEMAS[table]]
    cols.append(f'CAST(NULL AS DATE) AS "{PARTITION_COLUMN}"')
    return f"SELECT {', '.join(cols)} WHERE false"


def _arrow_schema(table: str) -> pa.Schema:
    return SCHEMAS[table].append(pa.field(PARTITION_COLUMN, pa.date32()))


def _dataset(table: str, keys: list[str], paths: list[str], filesystem, excluded_calls: set[str]) -> ds.Dataset:
    """The live files of one table as a dataset with `call_date` from the path, restricted calls removed."""
    root = paths[0][: len(paths[0]) - len(keys[0])]  # the store's root, as the filesystem spells it
    partitioning = ds.partitioning(pa.schema([(PARTITION_COLUMN, pa.date32())]), flavor="hive")
    dataset = ds.dataset(
        paths,
        schema=_arrow_schema(table),
        format="parquet",
        filesystem=filesystem,
        partitioning=partitioning,
        partition_base_dir=f"{root}{table}",
    )
    if excluded_calls:
        # Restricted calls (GDPR art. 18) are kept in the lake but never shown to analysts.
        dataset = dataset.filter(~pc.field("call_id").isin(sorted(excluded_calls)))
    return dataset


def _filesystem(store) -> tuple[pafs.FileSystem, str]:
    """The filesystem the store's files are read through, and the scheme its paths drop."""
    if store.uri.startswith("s3://"):
        from redactor.store import duckdb_s3

        return duckdb_s3.arrow_s3_filesystem(), "s3://"
    return pafs.LocalFileSystem(), ""


@dataclass
class QueryEngine:
    """Views `calls`, `segments`, `findings` over a lake; `execute()` runs analysts' SQL."""

    lake: Lake
    since: date | None = None
    until: date | None = None
    threads: int | None = None
    materialise: bool = False
    files: dict[str, list[str]] = field(init=False, default_factory=dict)
    restricted: set[str] = field(init=False, default_factory=set)
    version: int = field(init=False, default=0)  # the lake snapshot the views show

    def __post_init__(self) -> None:
        store = self.lake.store
        snapshot = self.lake.snapshot()  # one instant for all three tables
        self.version = snapshot.version
        self.restricted = set(self.lake.restricted_call_ids())
        filesystem, scheme = _filesystem(store)
        config = dict(OFFLINE_CONFIG)
        if self.threads:
            config["threads"] = self.threads
        self.con = duckdb.connect(":memory:", config=config)
        for table in TABLES:
            keys = snapshot.live_keys(table, self.since, self.until)
            self.files[table] = [store.local_path(k) for k in keys]
            if not keys:
                self.con.execute(f'CREATE VIEW "{table}" AS {_empty_view_sql(table)}')
                continue
            paths = [p[len(scheme) :] for p in self.files[table]]
            relation = self.con.from_arrow(_dataset(table, keys, paths, filesystem, self.restricted))
            if self.materialise:
                relation.create(table)
            else:
                relation.create_view(table)
        self._lock_down()

    @property
    def is_s3(self) -> bool:
        return self.lake.store.uri.startswith("s3://")

    def _lock_down(self) -> None:
        # An Arrow scan needs no file access: DuckDB gets none. Replacement scans are off so SQL
        # cannot name a Python variable of this process and read it.
        self.con.execute("SET python_enable_replacements = false")
        self.con.execute("SET enable_external_access = false")
        self.con.execute("SET lock_configuration = true")

    # ---- running SQL ---------------------------------------------------------------------

    def execute(self, sql: str, params: dict[str, Any] | None = None) -> list[Result]:
        """Check every statement, then run them in order; one Result per statement."""
        statements = check_read_only(self.con, sql)
        results = []
        for statement in statements:
            wanted = set(statement.named_parameters or ())
            missing = wanted - set(params or {})
            if missing:
                raise QueryError(f"missing query parameter(s): {', '.join(sorted(missing))} (pass --param NAME=VALUE)")
            args = {k: v for k, v in (params or {}).items() if k in wanted} or None
            started = time.perf_counter()
            try:
                table = self.con.execute(statement.query, args).to_arrow_table()
            except duckdb.Error as exc:
                raise QueryError(_duckdb_message(exc)) from None
            results.append(Result(statement.query, table, time.perf_counter() - started, _kind(statement)))
        return results

    def query(self, sql: str, params: dict[str, Any] | None = None) -> Result:
        """Exactly one statement; its result."""
        results = self.execute(sql, params)
        if len(results) != 1:
            raise QueryError(f"expected one statement, got {len(results)}")
        return results[0]

    def table_names(self) -> Iterable[str]:
        return TABLES

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> QueryEngine:
        return self

    def __exit__(self, *exc) -> None:
        self.close()
