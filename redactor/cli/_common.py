"""What every command shares: the Typer app, exit codes, common options, config loading, `fail`.

Command modules (`redactor.cli.ingest`, `.scan`, ...) register their commands on `app`;
`redactor.cli` imports them all. Commands stay thin: they parse options, call a library function
and print its result; the work is done in `redactor.jobs`, `redactor.store`, `redactor.rights`, ...
"""

from __future__ import annotations

from enum import IntEnum
from pathlib import Path
from typing import Any, NoReturn

import typer
from typer.core import TyperGroup

from redactor import __version__
from redactor.config import Config, ConfigError


class ExitCode(IntEnum):
    """Exit codes a scheduler can act on."""

    OK = 0
    FAILURE = 1  # a source, the store or the API failed; what was stored stays stored
    USAGE = 2  # bad arguments or config: nothing was done
    PARTIAL = 3  # the run completed, some calls were quarantined
    LOCKED = 4  # another run holds the lake lease: nothing was done


# The order `redactor --help` lists commands in: the job, the analysts', the operators', the
# data-protection officer's, the engineers' (commands register in import order otherwise).
HELP_ORDER = (
    "ingest",
    "scan",
    "eval",
    "query",
    "report",
    "export",
    "serve",
    "status",
    "compact",
    "purge",
    "quarantine",
    "bucket",
    "subject",
    "reprocess",
    "model",
)


class _HelpOrder(TyperGroup):
    def list_commands(self, ctx: typer.Context) -> list[str]:  # type: ignore[override]  # typer's own Context
        names = super().list_commands(ctx)
        return sorted(names, key=lambda n: HELP_ORDER.index(n) if n in HELP_ORDER else len(HELP_ORDER))


app = typer.Typer(
    name="redactor",
    cls=_HelpOrder,
    help=(
        "Find and redact Swedish personal data (personnummer, names, addresses, phone numbers, e-mail, "
        "payment and customer identifiers) in Klang.ai call transcripts, and store the result as "
        "Parquet in a local folder or an EU S3 bucket."
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_show_locals=False,  # locals may hold transcript text
    rich_markup_mode=None,  # plain help: "[store] uri" is a config section, not markup
)


def sub_app(help: str) -> typer.Typer:
    """A command group (`redactor bucket ...`) with the same plain help as the main app."""
    return typer.Typer(help=help, no_args_is_help=True, pretty_exceptions_show_locals=False, rich_markup_mode=None)


CONFIG_HELP = "TOML config file layered over the defaults."
ConfigOption: Any = typer.Option(None, "--config", "-c", help=CONFIG_HELP, exists=True, dir_okay=False)
StoreOption: Any = typer.Option(
    None,
    "--store",
    "-s",
    help="The store: a folder or s3://bucket/prefix (default: [store] uri of the config, ./lake).",
)
JsonOption: Any = typer.Option(False, "--json", help="Print JSON instead of text.")
LogLevelOption: Any = typer.Option(None, "--log-level", help="JSON log lines on stderr at this level.")
# `redactor bucket init|check` and `redactor purge`: the config sections the bucket policy reads.
BucketConfigOption: Any = typer.Option(
    None,
    "--config",
    "-c",
    help="TOML config file layered over the defaults ([retention] days, [store] sse/kms_key_id/allow_unknown_region).",
    exists=True,
    dir_okay=False,
)
ReportJsonOption: Any = typer.Option(False, "--json", help="Print the report as JSON.")


def fail(message: str, code: int = ExitCode.FAILURE) -> NoReturn:
    """Print `error: message` on stderr and exit with `code`."""
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(int(code))


def load_config(path: Path | None) -> Config:
    """The config file layered over the defaults; a bad file is a usage error (exit 2)."""
    try:
        return Config.load(path)
    except ConfigError as exc:
        fail(str(exc), ExitCode.USAGE)


@app.callback(invoke_without_command=True)
def main(version: bool = typer.Option(False, "--version", help="Print the version and exit.")) -> None:
    if version:
        typer.echo(__version__)
        raise typer.Exit()
