"""`redactor reprocess`: bring stored calls up to the current recognizers, model and config
(`redactor.jobs.reprocess`)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import typer

from redactor.cli._common import ConfigOption, ExitCode, StoreOption, app, fail, load_config


def _day(value: str | None, name: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        fail(f"{name} must be a date YYYY-MM-DD", ExitCode.USAGE)


@app.command("reprocess")
def reprocess_command(
    since: str | None = typer.Option(None, "--since", help="First call date (YYYY-MM-DD), inclusive."),
    until: str | None = typer.Option(None, "--until", help="Last call date (YYYY-MM-DD), inclusive."),
    source: str = typer.Option(
        "redacted",
        "--from",
        help="'raw': re-run the pipeline on raw exports still in "
        "retention; 'redacted': re-scan stored redacted text and redact further (any age).",
    ),
    dry_run: bool = typer.Option(
        False,
        "--dry-run",
        help="Write nothing; print a table of the findings per entity "
        "type before/after and how many calls would change.",
    ),
    force: bool = typer.Option(
        False, "--force", help="--from redacted: re-scan calls already produced by this pipeline version too."
    ),
    raw: list[str] | None = typer.Option(
        None,
        "--raw",
        help="--from raw: a raw area (folder or s3://bucket/prefix/) besides [landing] raw_areas. Repeatable.",
    ),
    as_json: bool = typer.Option(
        False, "--json", help="With --dry-run: JSON instead of the table (a real run always prints JSON)."
    ),
    store: str | None = StoreOption,
    config: Path | None = ConfigOption,
) -> None:
    """Bring stored calls up to the current recognizers, model and config.

    Replacement is atomic per partition; every row records the pipeline version that produced it.
    Prints a JSON summary with per-entity counts before/after.
    """
    from redactor.jobs.reprocess import dry_run_table, reprocess_raw, reprocess_redacted
    from redactor.pipeline import Pipeline
    from redactor.store import StoreError
    from redactor.store.lake import Lake
    from redactor.transform import KeyError_, PolicyError

    if source not in ("raw", "redacted"):
        fail("--from must be 'raw' or 'redacted'", ExitCode.USAGE)
    first, last = _day(since, "--since"), _day(until, "--until")
    if first and last and first > last:
        fail("--since is after --until", ExitCode.USAGE)
    cfg = load_config(config)
    try:
        pipeline = Pipeline(cfg)
    except (PolicyError, KeyError_, FileNotFoundError) as exc:
        fail(str(exc), ExitCode.USAGE)
    try:
        lake = Lake.from_config(cfg, store, pipeline.version)
        if source == "raw":
            from redactor.rights.raw import open_raw_areas

            stores = open_raw_areas(cfg, raw or ())
            if not stores:
                fail("--from raw needs a raw area: [landing] raw_areas in the config or --raw URI", ExitCode.USAGE)
            report = reprocess_raw(lake, pipeline, first, last, dry_run, stores)
        else:
            report = reprocess_redacted(lake, pipeline, first, last, dry_run, force)
    except StoreError as exc:
        fail(str(exc))
    typer.echo(dry_run_table(report) if dry_run and not as_json else json.dumps(report.as_dict(), ensure_ascii=False))
