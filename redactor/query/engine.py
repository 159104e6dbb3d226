"""DuckDB over the committed Parquet files of the lake, read-only and offline.

Why this shape:
- The views list the files `Lake.live_files` returns instead of globbing the prefix, so a query
  never sees a half-written batch, a superseded duplicate or anything outside the three redacted
  tables (landing area, quarantine, key material, tag sidecars).
- `hive_partitioning` gives every view a `call_date` DATE column taken from the path, and DuckDB
  drops files whose `call_date=` does not match a WHERE filter before opening them ("Scanning
  Files: 1/4" in EXPLAIN ANALYZE), so a date-bounded question reads only those days.
- After the views exist, `allowed_paths` is set to exactly those files, `enable_external_access`
  is switched off and the configuration locked: `read_csv('/etc/passwd')`, `glob`, ATTACH,
  INSTALL/LOAD, secrets and settings changes all fail inside DuckDB itself.
- `allowed_paths` also allows *writing* those files (COPY ... TO a live file works), so every
  statement is additionally checked against an allow-list before it runs: SELECT (which covers
  DESCRIBE, SHOW, SUMMARIZE and read-only PRAGMAs) and EXPLAIN [ANALYZE] of a SELECT.
- The database is in-memory: nothing the analyst does survives the session or touches the store.
"""

from __future__ import annotations

import json
import re
import time
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Iterable

import duckdb
import pyarrow as pa

from redactor.store.lake import Lake
from redactor.store.tables import SCHEMAS, TABLES

# Never fetch or autoload extensions: the machine is offline and an analyst must not be able to
# pull code in. httpfs for S3 is loaded from the pinned wheel by redactor.store.duckdb_s3.
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


class QueryError(Exception):
    """A query could not run; the message is DuckDB's (about the SQL, never about data)."""


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
        raise QueryError(str(exc)) from None
    if not statements:
        raise QueryError("no SQL statement given")
    for statement in statements:
        kind = _kind(statement)
        if kind == "EXPLAIN":
            match = _EXPLAIN_PREFIX.match(statement.query)
            try:
                inner = con.extract_statements(statement.query[match.end():]) if match else []
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


def quote_literal(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


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


def _partition_day(path: str) -> str | None:
    for part in path.split("/"):
        if part.startswith(f"{PARTITION_COLUMN}="):
            try:
                return date.fromisoformat(part.split("=", 1)[1]).isoformat()
            except ValueError:
                return None
    return None


def _parquet_view_sql(paths: list[str], excluded_calls: set[str]) -> str:
    files = "[" + ", ".join(quote_literal(p) for p in paths) + "]"
    day = _partition_day(paths[0]) if len(paths) == 1 else None
    if day:
        # One file: DuckDB 1.5.5 fails with an INTERNAL error (which invalidates the connection)
        # on min()/max() of a hive column over a single-file list, so give the column as a
        # constant instead (with hive_partitioning off, since DuckDB would otherwise detect it
        # from the path); there is nothing to prune in one file anyway.
        sql = f"SELECT *, DATE '{day}' AS {PARTITION_COLUMN} FROM read_parquet({files}, hive_partitioning = false)"
    else:
        # hive_types pins call_date to DATE instead of letting DuckDB guess from the path values.
        sql = (f"SELECT * FROM read_parquet({files}, hive_partitioning = true, "
               f"hive_types = {{'{PARTITION_COLUMN}': 'DATE'}})")
    if excluded_calls:
        # Restricted calls (GDPR art. 18) are kept in the lake but never shown to analysts.
        sql += " WHERE call_id NOT IN (" + ", ".join(quote_literal(c) for c in sorted(excluded_calls)) + ")"
    return sql


@dataclass
class QueryEngine:
    """Views `calls`, `segments`, `findings` over a lake; `execute()` runs analysts' SQL."""

    lake: Lake
    since: date | None = None
    until: date | None = None
    threads: int | None = None
    files: dict[str, list[str]] = field(init=False, default_factory=dict)
    restricted: set[str] = field(init=False, default_factory=set)

    def __post_init__(self) -> None:
        store = self.lake.store
        for table in TABLES:
            self.files[table] = [store.local_path(k) for k in self.lake.live_files(table, self.since, self.until)]
        self.restricted = set(self.lake.restricted_call_ids())
        self.con = self._connect(store)
        for table in TABLES:
            files = self.files[table]
            body = _parquet_view_sql(files, self.restricted) if files else _empty_view_sql(table)
            self.con.execute(f'CREATE VIEW "{table}" AS {body}')
        self._lock_down()

    @property
    def is_s3(self) -> bool:
        return self.lake.store.uri.startswith("s3://")

    def _connect(self, store) -> duckdb.DuckDBPyConnection:
        config = dict(OFFLINE_CONFIG)
        if self.threads:
            config["threads"] = self.threads
        if not self.is_s3:
            return duckdb.connect(":memory:", config=config)
        # Same credentials/endpoint as the store (AWS env vars, AWS_ENDPOINT_URL, profile), as an
        # in-memory secret scoped to the store's bucket; httpfs comes from the pinned wheel.
        from redactor.store import duckdb_s3

        con = duckdb_s3.connect()
        if self.threads:
            con.execute(f"SET threads = {int(self.threads)}")
        duckdb_s3.add_s3_secret(con, getattr(store, "bucket", None))
        return con

    def _lock_down(self) -> None:
        allowed = [p for table in TABLES for p in self.files[table]]
        self.con.execute("SET allowed_paths = [" + ", ".join(quote_literal(p) for p in allowed) + "]")
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
                raise QueryError(str(exc)) from None
            results.append(Result(statement.query, table, time.perf_counter() - started, _kind(statement)))
        return results

    def query(self, sql: str, params: dict[str, Any] | None = None) -> Result:
        """Exactly one statement; its result."""
        results = self.execute(sql, params)
        if len(results) != 1:
            raise QueryError(f"expected one statement, got {len(results)}")
        return results[0]

    def files_read(self, sql: str, params: dict[str, Any] | None = None) -> int:
        """How many Parquet files DuckDB opened to answer `sql` (from its EXPLAIN ANALYZE profile)."""
        plan = self.query(f"EXPLAIN (ANALYZE, FORMAT JSON) {sql}", params)
        total = 0
        stack = [json.loads(str(v)) for row in plan.rows() for v in row if str(v).lstrip().startswith(("{", "["))]
        while stack:
            node = stack.pop()
            if isinstance(node, list):
                stack.extend(node)
            elif isinstance(node, dict):
                info = node.get("extra_info")
                if isinstance(info, dict) and "Total Files Read" in info:
                    total += int(str(info["Total Files Read"]).replace(",", ""))
                stack.extend(node.get("children", []))
        return total

    def table_names(self) -> Iterable[str]:
        return TABLES

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> "QueryEngine":
        return self

    def __exit__(self, *exc) -> None:
        self.close()
