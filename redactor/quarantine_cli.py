"""`redactor quarantine list|show|retry|drop`: look at, re-run and delete quarantined input."""

from __future__ import annotations

import json
from pathlib import Path
from typing import List, Optional

import typer

from redactor.cli import EXIT_FAILURE, EXIT_LOCKED, EXIT_PARTIAL, EXIT_USAGE, ConfigOption, StoreOption, _config, _fail

quarantine_app = typer.Typer(
    name="quarantine",
    help=(
        "Input the job could not process safely: list it (reason, stage, dates; never the payload or "
        "the source file name), show one item, retry items with the current pipeline, drop items with "
        "a receipt in audit/."
    ),
    no_args_is_help=True,
)

_JSON = typer.Option(False, "--json", help="Print JSON instead of text.")
_IDS = typer.Argument(None, help="Item ids (or unique prefixes) as `quarantine list` shows them.")
_ALL = typer.Option(False, "--all", help="Every item in the quarantine.")
_STAGE = typer.Option(None, "--stage", help="Only items quarantined at this stage (read, parse, detect, transform, "
                                            "verify).")
_OPERATOR = typer.Option(None, "--operator", help="Who is doing this, for the receipt (default: the OS user).")
_CASE = typer.Option(None, "--case-ref", help="Ticket or case reference, recorded in the receipt.")


def _lake(config: Optional[Path], store: Optional[str], version: str = ""):
    from redactor import __version__
    from redactor.store.lake import Lake

    return Lake.from_config(_config(config), store, version or __version__)


def _select(lake, ids: Optional[List[str]], every: bool, stage: Optional[str]):
    from redactor.jobs.quarantine import find_items, list_items

    if not ids and not every:
        _fail("name item ids, or --all (with --stage to narrow it)", EXIT_USAGE)
    if every:
        items = list_items(lake, with_expiry=True)
    else:
        items, missing = find_items(lake, list(ids))
        if missing:
            _fail(f"no single quarantined item matches: {', '.join(missing)}", EXIT_USAGE)
    return [i for i in items if stage is None or i.stage == stage]


def _store_errors(fn):
    from redactor.store import StoreError

    try:
        return fn()
    except StoreError as exc:
        _fail(str(exc))


@quarantine_app.command("list")
def list_command(stage: Optional[str] = _STAGE, as_json: bool = _JSON,
                 store: Optional[str] = StoreOption, config: Optional[Path] = ConfigOption) -> None:
    """Every quarantined item: id, date, stage, reason, expiry (oldest first), and counts by stage."""
    from redactor.jobs.quarantine import list_items, stage_counts

    lake = _lake(config, store)
    items = [i for i in _store_errors(lambda: list_items(lake, with_expiry=True)) if stage is None or i.stage == stage]
    if as_json:
        typer.echo(json.dumps({"store": lake.store.uri, "count": len(items), "by_stage": stage_counts(items),
                               "items": [i.as_dict() for i in items]}, ensure_ascii=False))
        return
    typer.echo(f"{len(items)} quarantined item(s) in {lake.store.uri}"
               + (f": {', '.join(f'{k} {v}' for k, v in stage_counts(items).items())}" if items else ""))
    for i in items:
        typer.echo(f"{i.id}  {i.quarantined_at[:19] or i.day}  {i.stage:<9}  expires {i.expires_on or '?'}  {i.reason}")


@quarantine_app.command("show")
def show_command(item_id: str = typer.Argument(..., help="Item id (or a unique prefix)."), as_json: bool = _JSON,
                 store: Optional[str] = StoreOption, config: Optional[Path] = ConfigOption) -> None:
    """One item's record: reason, stage, call id, source reference, record index, payload size and hash."""
    from redactor.jobs.quarantine import find_items

    lake = _lake(config, store)
    items, missing = _store_errors(lambda: find_items(lake, [item_id]))
    if missing:
        _fail(f"no single quarantined item matches {item_id}", EXIT_USAGE)
    doc = items[0].as_dict()
    if as_json:
        typer.echo(json.dumps(doc, ensure_ascii=False))
        return
    for key, value in doc.items():
        typer.echo(f"{key:<15} {', '.join(value) if isinstance(value, list) else value}")


@quarantine_app.command("retry")
def retry_command(ids: Optional[List[str]] = _IDS, every: bool = _ALL, stage: Optional[str] = _STAGE,
                  dry_run: bool = typer.Option(False, "--dry-run", help="Run the pipeline, store and delete nothing."),
                  case_ref: Optional[str] = _CASE, operator: Optional[str] = _OPERATOR, as_json: bool = _JSON,
                  store: Optional[str] = StoreOption, config: Optional[Path] = ConfigOption) -> None:
    """Re-run items through the current pipeline (after a recognizer, model or config fix).

    Items whose records now all come out redacted are stored in one commit and leave the
    quarantine; the others stay, with the reason they fail now. Takes the job's lease (exit 4 if a
    run holds it). Exit 3 if some items are still quarantined.
    """
    from redactor.logs import safe_error
    from redactor.pipeline import Pipeline
    from redactor.jobs.quarantine import retry_items
    from redactor.rights.audit import now_utc, set_actor
    from redactor.store.lease import Lease, LeaseError, LeaseHeld
    from redactor.store.snapshot import CommitConflict
    from redactor.transform import KeyError_, PolicyError

    cfg = _config(config)
    set_actor(operator, case_ref)
    try:
        pipeline = Pipeline(cfg)
    except (PolicyError, KeyError_, FileNotFoundError) as exc:
        _fail(str(exc), EXIT_USAGE)
    lake = _lake(config, store, pipeline.version)
    items = _store_errors(lambda: _select(lake, ids, every, stage))
    run_id = "retry-" + now_utc().strftime("%Y%m%dT%H%M%SZ")
    lease = Lease(lake.store, lake.retention, ttl_seconds=float(cfg.section("job").get("lease_seconds", 300)),
                  operation="quarantine-retry", run_id=run_id)
    try:
        if not dry_run:
            lease.acquire()
            lease.start_heartbeat()
    except LeaseHeld as exc:
        _fail(str(exc), EXIT_LOCKED)
    except LeaseError as exc:
        _fail(safe_error(exc))
    try:
        out = _store_errors(lambda: retry_items(lake, items, pipeline, lease=None if dry_run else lease,
                                                run_id=run_id, dry_run=dry_run))
    except (LeaseError, CommitConflict) as exc:
        _fail(safe_error(exc))
    finally:
        if not dry_run:
            lease.release()
    if as_json:
        typer.echo(json.dumps(out, ensure_ascii=False))
    else:
        for o in out["items"]:
            typer.echo(f"{o['id']}  {o['status']}" + (f"  {o.get('stage')}: {o.get('reason')}" if o.get("reason") else
                                                      f"  {o.get('calls', 0)} call(s)"))
        verb = "would store" if dry_run else "stored"
        typer.echo(f"{verb} {out['stored']} item(s) ({out['calls_written']} calls), "
                   f"{out['still_quarantined']} still quarantined")
    raise typer.Exit(EXIT_PARTIAL if out["still_quarantined"] else 0)


@quarantine_app.command("drop")
def drop_command(ids: Optional[List[str]] = _IDS, every: bool = _ALL, stage: Optional[str] = _STAGE,
                 case_ref: Optional[str] = _CASE, operator: Optional[str] = _OPERATOR,
                 yes: bool = typer.Option(False, "--yes", "-y", help="Do not ask for confirmation."),
                 as_json: bool = _JSON, store: Optional[str] = StoreOption,
                 config: Optional[Path] = ConfigOption) -> None:
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
        raise typer.Exit(EXIT_FAILURE)
    out = _store_errors(lambda: drop_items(lake, items))
    typer.echo(json.dumps(out, ensure_ascii=False) if as_json else
               f"dropped {out['dropped']} item(s); receipt {out['receipt_key']}")
