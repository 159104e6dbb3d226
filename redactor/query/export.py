"""`redactor export`: a committed, restriction-filtered snapshot of the views for analysts' own tools.

Metabase, Superset, Jupyter or the DuckDB CLI pointed at the lake's files would bypass the commit
snapshots and the restrictions. They read an export instead: the three views exactly as
`redactor query` shows them at one lake version, as a Parquet folder (`calls.parquet`,
`segments.parquet`, `findings.parquet`, `manifest.json`) or one `.duckdb` file (the tables plus a
`manifest` table). It is written next to the target and moved into place only when complete, so a
tool never opens half an export.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import pyarrow.parquet as pq

from redactor.errors import RedactorError
from redactor.query.engine import OFFLINE_CONFIG, QueryEngine
from redactor.store.tables import TABLES

FORMAT = "redactor-export/1"


class ExportError(RedactorError):
    pass


def _manifest(engine: QueryEngine, rows: dict[str, int], kind: str) -> dict:
    return {
        "format": FORMAT,
        "kind": kind,
        "store": engine.lake.store.uri,
        "lake_version": engine.version,
        "exported_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "since": engine.since.isoformat() if engine.since else None,
        "until": engine.until.isoformat() if engine.until else None,
        "tables": {t: {"rows": n, **({"file": f"{t}.parquet"} if kind == "parquet" else {})} for t, n in rows.items()},
        "restricted_calls_left_out": len(engine.restricted),
        "note": "A copy as of exported_at: later erasures and restrictions do not reach it. "
        "Export again and delete old copies; keep it no longer than the lake's retention.",
    }


def _write_parquet(engine: QueryEngine, folder: Path) -> dict[str, int]:
    rows = {}
    for table in TABLES:
        reader = engine.con.execute(f'SELECT * FROM "{table}"').fetch_record_batch()
        count = 0
        with pq.ParquetWriter(folder / f"{table}.parquet", reader.schema, compression="zstd") as writer:
            for batch in reader:
                writer.write_batch(batch)
                count += batch.num_rows
        rows[table] = count
    return rows


def _write_duckdb(engine: QueryEngine, path: Path) -> dict[str, int]:
    rows = {}
    # A separate connection that may write this one file; the analysts' engine stays locked down.
    out = duckdb.connect(str(path), config=dict(OFFLINE_CONFIG))
    try:
        for table in TABLES:
            reader = engine.con.execute(f'SELECT * FROM "{table}"').fetch_record_batch()
            out.from_arrow(reader).create(table)
            rows[table] = out.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]
    finally:
        out.close()
    return rows


def export(engine: QueryEngine, target: Path, replace: bool = False) -> dict:
    """Write the views to `target` (a folder, or a file ending in .duckdb); returns the manifest."""
    target = target.resolve()
    kind = "duckdb" if target.suffix == ".duckdb" else "parquet"
    if target.exists() and not replace and (kind == "duckdb" or any(target.iterdir())):
        raise ExportError(f"{target} exists (pass --replace to overwrite it)")
    target.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=target.parent))
    try:
        if kind == "parquet":
            manifest = _manifest(engine, _write_parquet(engine, work), kind)
            (work / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n", "utf-8")
            staged = work
        else:
            staged = work / target.name
            manifest = _manifest(engine, _write_duckdb(engine, staged), kind)
            con = duckdb.connect(str(staged), config=dict(OFFLINE_CONFIG))
            try:
                con.execute(
                    "CREATE TABLE manifest AS SELECT * FROM (SELECT ? AS manifest_json, ? AS lake_version, "
                    "CAST(? AS TIMESTAMPTZ) AS exported_at)",
                    [json.dumps(manifest), manifest["lake_version"], manifest["exported_at"]],
                )
            finally:
                con.close()
        old = None
        if target.exists():
            old = target.with_name(f".{target.name}.old-{os.getpid()}")
            os.replace(target, old)
        os.replace(staged, target)
        if old is not None:
            shutil.rmtree(old) if old.is_dir() else old.unlink()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return manifest
