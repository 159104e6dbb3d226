"""The lake's maintenance and operators' commands: `compact`, `purge`, `status`, `quarantine ...`."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

import typer

from redactor.cli._common import (
    BucketConfigOption,
    ConfigOption,
    ExitCode,
    JsonOption,
    LogLevelOption,
    ReportJsonOption,
    StoreOption,
    app,
    fail,
    load_config,
    sub_app,
)

if TYPE_CHECKING:
    from redactor.jobs.quarantine import Item
    from redactor.store.lake import Lake

T = TypeVar("T")


@app.command("compact")
def compact_command(
    store: str | None = StoreOption,
    config: Path | None = ConfigOption,
    min_files: int = typer.Option(
        2, "--min-files", min=2, help="Merge a table partition's files once it has this many with the same expiry date."
    ),
    grace: float | None = typer.Option(
        None,
        "--grace-seconds",
        min=0,
        help="Delete replaced and orphaned files "
        "older than this (default [job] gc_grace_seconds; 0 deletes them now, "
        "which can break a query that is running).",
    ),
    log_level: str | None = LogLevelOption,
) -> None:
    """Compact the lake: one file per table, call date and expiry date, then garbage-collect.

    Readers never see a duplicate or a gap: the merged file replaces the small ones in one
    snapshot commit, and the small files are deleted only after the grace period. Takes the same
    lease as `redactor ingest` (exit 4 if a run holds it). Prints a JSON summary.
    """
    from redactor.logs import configure, safe_error
    from redactor.store import StoreError
    from redactor.store.lake import Lake
    from redactor.store.lease import LeaseError, LeaseHeld
    from redactor.store.maintenance import compact_lake
    from redactor.store.snapshot import CommitConflict

    configure(log_level or os.environ.get("REDACTOR_LOG_LEVEL") or "info")
    cfg = load_config(config)
    job = cfg.section("job")
    try:
        out = compact_lake(
            Lake.from_config(cfg, store, ""),
            min_files=min_files,
            grace_seconds=float(job.get("gc_grace_seconds", 3600)) if grace is None else grace,
            lease_seconds=float(job.get("lease_seconds", 300)),
        )
    except LeaseHeld as exc:
        typer.echo(json.dumps({"status": "locked", "error": str(exc)}))
        raise typer.Exit(ExitCode.LOCKED) from None
    except (StoreError, LeaseError, CommitConflict) as exc:
        fail(safe_error(exc))
    typer.echo(json.dumps(out))


@app.command("purge")
def purge_command(
    store: str | None = StoreOption,
    config: Path | None = BucketConfigOption,
    dry_run: bool = typer.Option(
        False,
        "--dry-run",
        help="List what would be deleted and print the expiry calendar (objects and sizes per month); delete nothing.",
    ),
    as_json: bool = ReportJsonOption,
    as_of: str | None = typer.Option(
        None, "--as-of", hidden=True, help="Pretend today is this date (YYYY-MM-DD), for drills and tests."
    ),
) -> None:
    """Delete every object whose expires-on tag has passed.

    For stores where lifecycle rules do not run (a folder, some servers) or run late. Prints the
    keys it deleted, never contents. Objects without a valid expires-on tag are kept and listed.
    Exit 1 if a deletion failed.
    """
    from redactor.store import StoreError, open_store_from_config
    from redactor.store.purge import expiry_calendar, purge

    cfg = load_config(config)
    try:
        day = date.fromisoformat(as_of) if as_of else None
    except ValueError:
        fail("--as-of must be YYYY-MM-DD", ExitCode.USAGE)
    try:
        report = purge(open_store_from_config(cfg.section("store"), store), as_of=day, dry_run=dry_run)
    except StoreError as exc:
        fail(str(exc), ExitCode.FAILURE)
    if as_json:
        typer.echo(json.dumps(report.as_dict(), indent=2))
    else:
        verb = "would delete" if dry_run else "deleted"
        for d in report.deleted:
            typer.echo(f"{verb} {d['key']} ({d['retention_class'] or 'no class'}, expired {d['expires_on']})")
        for key in report.untagged:
            typer.echo(f"kept {key}: no valid expires-on tag", err=True)
        for f in report.failed:
            typer.echo(f"failed {f['key']}: {f['error']}", err=True)
        typer.echo(
            f"{report.store}: {verb} {len(report.deleted)}, kept {report.kept}, untagged {len(report.untagged)}, "
            f"failed {len(report.failed)} (as of {report.as_of.isoformat()})"
        )
        if dry_run:
            typer.echo(expiry_calendar(report.as_dict()["calendar"], report.as_of))
    raise typer.Exit(ExitCode.FAILURE if report.failed else ExitCode.OK)


@app.command("status")
def status_command(
    sources: list[str] | None = typer.Argument(
        None,
        help="Landing areas to check for exports not yet ingested "
        "(folders, globs, s3://bucket/prefix/); the Klang API is never "
        "called.",
    ),
    runs: int = typer.Option(5, "--runs", min=1, help="How many recent runs to show."),
    days: int = typer.Option(30, "--days", min=1, help="Show what expires within this many days."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON instead of text."),
    store: str | None = StoreOption,
    config: Path | None = ConfigOption,
) -> None:
    """The state of the lake at a glance: last runs, lake version, lease, quarantine, waiting exports,
    expiry, key and company profile. Read-only; exit 0 even when something needs attention (listed)."""
    from redactor import __version__
    from redactor.ingest.reader import SourceError
    from redactor.jobs.ingest import JobUsageError
    from redactor.jobs.status import collect, render
    from redactor.store import StoreError
    from redactor.store.lake import Lake

    cfg = load_config(config)
    lake = Lake.from_config(cfg, store, __version__)
    try:
        doc = collect(lake, cfg, list(sources or []), runs=runs, horizon_days=days)
    except (JobUsageError, SourceError) as exc:
        fail(str(exc), ExitCode.USAGE)
    except StoreError as exc:
        fail(str(exc), ExitCode.FAILURE)
    typer.echo(json.dumps(doc, ensure_ascii=False) if as_json else render(doc))


# ---- quarantine --------------------------------------------------------------------------------

quarantine_app = sub_app(
    "Input the job could not process safely: list it (reason, stage, dates; never the payload or "
    "the source file name), show one item, retry items with the current pipeline, drop items with "
    "a receipt in audit/."
)
app.add_typer(quarantine_app, name="quarantine")

_IDS = typer.Argument(None, help="Item ids (or unique prefixes) as `quarantine list` shows them.")
_ALL = typer.Option(False, "--all", help="Every item in the quarantine.")
_STAGE = typer.Option(
    None, "--stage", help="Only items quarantined at this stage (read, parse, detect, transform, verify)."
)
_OPERATOR = typer.Option(None, "--operator", help="Who is doing this, for the receipt (default: the OS user).")
_CASE = typer.Option(None, "--case-ref", help="Ticket or case reference, recorded in the receipt.")


def _lake(config: Path | None, store: str | None, version: str = "") -> Lake:
    from redactor import __version__
    from redactor.store.lake import Lake

    return Lake.from_config(load_config(config), store, version or __version__)


def _select(lake: Lake, ids: list[str] | None, every: bool, stage: str | None) -> list[Item]:
    from redactor.jobs.quarantine import find_items, list_items

    if not ids and not every:
        fail("name item ids, or --all (with --stage to narrow it)", ExitCode.USAGE)
    if every:
        items = list_items(lake, with_expiry=True)
    else:
        items, missing = find_items(lake, list(ids or []))
        if missing:
            fail(f"no single quarantined item matches: {', '.join(missing)}", ExitCode.USAGE)
    return [i for i in items if stage is None or i.stage == stage]


def _store_errors(fn: Callable[[], T]) -> T:
    from redactor.store import StoreError

    try:
        return fn()
    except StoreError as exc:
        fail(str(exc))


@quarantine_app.command("list")
def list_command(
    stage: str | None = _STAGE,
    as_json: bool = JsonOption,
    store: str | None = StoreOption,
    config: Path | None = ConfigOption,
) -> None:
    """Every quarantined item: id, date, stage, reason, expiry (oldest first), and counts by stage."""
    from redactor.jobs.quarantine import list_items, stage_counts

    lake = _lake(config, store)
    items = [i for i in _store_errors(lambda: list_items(lake, with_expiry=True)) if stage is None or i.stage == stage]
    if as_json:
        typer.echo(
            json.dumps(
                {
                    "store": lake.store.uri,
                    "count": len(items),
                    "by_stage": stage_counts(items),
                    "items": [i.as_dict() for i in items],
                },
                ensure_ascii=False,
            )
        )
        return
    typer.echo(
        f"{len(items)} quarantined item(s) in {lake.store.uri}"
        + (f": {', '.join(f'{k} {v}' for k, v in stage_counts(items).items())}" if items else "")
    )
    for i in items:
        typer.echo(f"{i.id}  {i.quarantined_at[:19] or i.day}  {i.stage:<9}  expires {i.expires_on or '?'}  {i.reason}")


@quarantine_app.command("show")
def show_command(
    item_id: str = typer.Argument(..., help="Item id (or a unique prefix)."),
    as_json: bool = JsonOption,
    store: str | None = StoreOption,
    config: Path | None = ConfigOption,
) -> None:
    """One item's record: reason, stage, call id, source reference, record index, payload size and hash."""
    from redactor.jobs.quarantine import find_items

    lake = _lake(config, store)
    items, missing = _store_errors(lambda: find_items(lake, [item_id]))
    if missing:
        fail(f"no single quarantined item matches {item_id}", ExitCode.USAGE)
    doc = items[0].as_dict()
    if as_json:
        typer.echo(json.dumps(doc, ensure_ascii=False))
        return
    for key, value in doc.items():
        typer.echo(f"{key:<15} {', '.join(value) if isinstance(value, list) else value}")


@quarantine_app.command("retry")
def retry_command(
    ids: list[str] | None = _IDS,
    every: bool = _ALL,
    stage: str | None = _STAGE,
    dry_run: bool = typer.Option(False, "--dry-run", help="Run the pipeline, store and delete nothing."),
    case_ref: str | None = _CASE,
    operator: str | None = _OPERATOR,
    as_json: bool = JsonOption,
    store: str | None = StoreOption,
    config: Path | None = ConfigOption,
) -> None:
    """Re-run items through the current pipeline (after a recognizer, model or config fix).

    Items whose records now all come out redacted are stored in one commit and leave the
    quarantine; the others stay, with the reason they fail now. Takes the job's lease (exit 4 if a
    run holds it). Exit 3 if some items are still quarantined.
    """
    from redactor.jobs.quarantine import retry_under_lease
    from redactor.logs import safe_error
    from redactor.pipeline import Pipeline
    from redactor.rights.audit import set_actor
    from redactor.store.lease import LeaseError, LeaseHeld
    from redactor.store.snapshot import CommitConflict
    from redactor.transform import KeyError_, PolicyError

    cfg = load_config(config)
    set_actor(operator, case_ref)
    try:
        pipeline = Pipeline(cfg)
    except (PolicyError, KeyError_, FileNotFoundError) as exc:
        fail(str(exc), ExitCode.USAGE)
    lake = _lake(config, store, pipeline.version)
    items = _store_errors(lambda: _select(lake, ids, every, stage))
    try:
        out = _store_errors(
            lambda: retry_under_lease(
                lake,
                items,
                pipeline,
                dry_run=dry_run,
                lease_seconds=float(cfg.section("job").get("lease_seconds", 300)),
            )
        )
    except LeaseHeld as exc:
        fail(str(exc), ExitCode.LOCKED)
    except (LeaseError, CommitConflict) as exc:
        fail(safe_error(exc))
    if as_json:
        typer.echo(json.dumps(out, ensure_ascii=False))
    else:
        for o in out["items"]:
            typer.echo(
                f"{o['id']}  {o['status']}"
                + (f"  {o.get('stage')}: {o.get('reason')}" if o.get("reason") else f"  {o.get('calls', 0)} call(s)")
            )
        verb = "would store" if dry_run else "stored"
        typer.echo(
            f"{verb} {out['stored']} item(s) ({out['calls_written']} calls), "
            f"{out['still_quarantined']} still quarantined"
        )
    raise typer.Exit(ExitCode.PARTIAL if out["still_quarantined"] else ExitCode.OK)


@quarantine_app.command("drop")
def drop_command(
    ids: list[str] | None = _IDS,
    every: bool = _ALL,
    stage: str | None = _STAGE,
    case_ref: str | None = _CASE,
    operator: str | None = _OPERATOR,
    yes: bool = typer.Option(False, "--yes", "-y", help="Do not ask for confirmation."),
    as_json: bool = JsonOption,
    store: str | None = StoreOption,
    config: Path | None = ConfigOption,
) -> None:
    """Delete items (reason record and payload) for good; writes a receipt to audit/quarantine-drops/."""
    from redactor.jobs.quarantine import drop_items
    from redactor.rights.audit import set_actor

    set_actor(operator, case_ref)
    lake = _lake(config, store)
    items = _store_errors(lambda: _select(lake, ids, every, stage))
    if not items:
        typer.echo(json.dumps({"dropped": 0, "ids": []}) if as_json else "nothing to drop")
        return
    if not yes and not typer.confirm(f"Delete {len(items)} quarantined item(s) from {lake.store.uri} for good?"):
        raise typer.Exit(ExitCode.FAILURE)
    out = _store_errors(lambda: drop_items(lake, items))
    typer.echo(
        json.dumps(out, ensure_ascii=False)
        if as_json
        else f"dropped {out['dropped']} item(s); receipt {out['receipt_key']}"
    )
