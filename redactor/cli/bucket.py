"""`redactor bucket init|check`: the EU bucket's policy (`redactor.store.bucket`)."""

from __future__ import annotations

import json
from pathlib import Path

import typer

from redactor.cli._common import BucketConfigOption, ExitCode, ReportJsonOption, app, fail, load_config, sub_app

bucket_app = sub_app(
    "Set up and check the EU bucket: region, encryption, public access, versioning and one "
    "lifecycle rule per retention class."
)
app.add_typer(bucket_app, name="bucket")


def _run(uri: str, config: Path | None, as_json: bool, apply: bool) -> None:
    from redactor.store import StoreError
    from redactor.store.bucket import BucketError, check_bucket, init_bucket
    from redactor.store.s3 import parse_s3_uri

    try:
        bucket, prefix = parse_s3_uri(uri)
    except StoreError as exc:
        fail(str(exc), ExitCode.USAGE)
    cfg = load_config(config)
    try:
        report = (init_bucket if apply else check_bucket)(bucket, cfg)
    except BucketError as exc:
        fail(str(exc), ExitCode.FAILURE)
    if prefix:
        report.notes.append(f"the policy applies to the whole bucket, not only to {prefix!r}")
    typer.echo(json.dumps(report.as_dict(), indent=2) if as_json else report.text("init" if apply else "check"))
    raise typer.Exit(ExitCode.OK if report.compliant else ExitCode.FAILURE)


@bucket_app.command("init")
def init_command(
    uri: str = typer.Argument(..., help="s3://bucket (a /prefix is accepted and ignored: the policy is bucket-wide)"),
    config: Path | None = BucketConfigOption,
    as_json: bool = ReportJsonOption,
) -> None:
    """Create the bucket in an EU region if needed and bring it in line with the policy.

    Idempotent: a second run changes nothing and says so. Exit 0 when the bucket meets the
    policy afterwards, 1 otherwise.
    """
    _run(uri, config, as_json, apply=True)


@bucket_app.command("check")
def check_command(
    uri: str = typer.Argument(..., help="s3://bucket"),
    config: Path | None = BucketConfigOption,
    as_json: bool = ReportJsonOption,
) -> None:
    """Print what is configured and what is missing; exit 1 if the bucket does not meet the policy."""
    _run(uri, config, as_json, apply=False)
