"""`redactor compact`: merge small Parquet files and collect garbage, under the job lease."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Optional

import typer


def compact_command(
    store: Optional[str] = typer.Option(None, "--store", "-s", help="A folder (default ./lake) or s3://bucket/prefix."),
    config: Optional[Path] = typer.Option(None, "--config", "-c", help="TOML config file layered over the defaults.",
                                          exists=True, dir_okay=False),
    min_files: int = typer.Option(2, "--min-files", min=2, help="Merge a table partition's files once it has "
                                  "this many with the same expiry date."),
    grace: Optional[float] = typer.Option(None, "--grace-seconds", min=0, help="Delete replaced and orphaned files "
                                          "older than this (default [job] gc_grace_seconds; 0 deletes them now, "
                                          "which can break a query that is running)."),
    log_level: Optional[str] = typer.Option(None, "--log-level", help="JSON log lines on stderr at this level."),
) -> None:
    """Compact the lake: one file per table, call date and expiry date, then garbage-collect.

    Readers never see a duplicate or a gap: the merged file replaces the small ones in one
    snapshot commit, and the small files are deleted only after the grace period. Takes the same
    lease as `redactor ingest` (exit 4 if a run holds it). Prints a JSON summary.
    """
    import os

    from redactor.cli import EXIT_FAILURE, EXIT_LOCKED, _config
    from redactor.store.lake import Lake
    from redactor.logs import configure, safe_error
    from redactor.store import StoreError
    from redactor.store.lease import Lease, LeaseError, LeaseHeld
    from redactor.store.maintenance import compact, gc
    from redactor.store.snapshot import CommitConflict
    from redactor.store.txn import LakeWriter

    configure(log_level or os.environ.get("REDACTOR_LOG_LEVEL") or "info")
    cfg = _config(config)
    job = cfg.section("job")
    lake = Lake.from_config(cfg, store, "")
    lease = Lease(lake.store, lake.retention, ttl_seconds=float(job.get("lease_seconds", 300)), operation="compact")
    try:
        lease.acquire()
    except LeaseHeld as exc:
        typer.echo(json.dumps({"status": "locked", "error": str(exc)}))
        raise typer.Exit(EXIT_LOCKED)
    except (LeaseError, StoreError) as exc:
        typer.echo(f"error: {safe_error(exc)}", err=True)
        raise typer.Exit(EXIT_FAILURE)
    lease.start_heartbeat()
    try:
        writer = LakeWriter(lake, lease=lease, run_id="compact")
        before = writer.snapshot.version
        files_before = sum(len(es) for t in writer.snapshot.files.values() for es in t.values())
        stats = compact(writer, min_files=min_files)
        collected = gc(writer, float(job.get("gc_grace_seconds", 3600)) if grace is None else grace)
        files_after = sum(len(es) for t in writer.snapshot.files.values() for es in t.values())
        out = {"status": "ok", "version_before": before, "version_after": writer.snapshot.version,
               "live_files_before": files_before, "live_files_after": files_after,
               "compaction": stats, "gc": collected}
    except (StoreError, LeaseError, CommitConflict) as exc:
        typer.echo(f"error: {safe_error(exc)}", err=True)
        raise typer.Exit(EXIT_FAILURE)
    finally:
        try:
            lease.release()
        except Exception:  # noqa: BLE001 - it expires
            pass
    typer.echo(json.dumps(out))
