"""`redactor query` and `redactor report`: the analysts' commands (registered in redactor/cli.py).

They open the store named by --store / [store] uri read-only: the lake's committed Parquet files
and nothing else (no landing area, no quarantine, no key material: the pseudonymisation key is
never loaded). Exit codes: 0 answered, 1 store or engine failure, 2 bad usage, a rejected
(non read-only) statement or an SQL error.
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import List, Optional

import typer

EXIT_OK, EXIT_FAILURE, EXIT_USAGE = 0, 1, 2

_FORMAT_HELP = "Output: table (default), csv, json (array of objects) or parquet (needs --output)."


def _fail(message: str, code: int) -> None:
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(code)


def _params(pairs: List[str]) -> dict[str, str]:
    params = {}
    for pair in pairs or []:
        name, sep, value = pair.partition("=")
        if not sep or not name.strip():
            _fail(f"--param wants NAME=VALUE, got {pair!r}", EXIT_USAGE)
        params[name.strip()] = value
    return params


def _day(value: Optional[str], option: str) -> Optional[date]:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        _fail(f"{option} wants a date YYYY-MM-DD, got {value!r}", EXIT_USAGE)


def open_engine_lake(config_path: Optional[Path], store: Optional[str]):
    """The lake named by --store / [store] uri; exit 1 if nothing was ever committed there."""
    from redactor.config import Config, ConfigError
    from redactor.store.lake import Lake
    from redactor.store import StoreError

    try:
        cfg = Config.load(config_path)
    except ConfigError as exc:
        _fail(str(exc), EXIT_USAGE)
    try:
        lake = Lake.from_config(cfg, store, "query")
        empty = lake.snapshot().empty
    except StoreError as exc:
        _fail(str(exc), EXIT_FAILURE)
    if empty:
        # Zero rows from a mistyped --store would look like an answer.
        _fail(f"no lake at {lake.store.uri}: nothing has been committed there (check --store)", EXIT_FAILURE)
    return lake


def _engine(config_path: Optional[Path], store: Optional[str], since: Optional[str], until: Optional[str]):
    from redactor.query.engine import QueryEngine, QueryError
    from redactor.store import StoreError

    lake = open_engine_lake(config_path, store)
    try:
        return QueryEngine(lake, _day(since, "--since"), _day(until, "--until"))
    except StoreError as exc:
        _fail(str(exc), EXIT_FAILURE)
    except (QueryError, RuntimeError) as exc:  # e.g. no credentials
        _fail(f"cannot open the query engine: {exc}", EXIT_FAILURE)


def _run_and_write(engine, sql: str, params: dict, fmt: str, output: Optional[str], max_rows: int) -> None:
    from redactor.query.engine import QueryError
    from redactor.query.output import FORMATS, terminal_width, write_result

    if fmt not in FORMATS:
        _fail(f"--format must be one of {', '.join(FORMATS)}", EXIT_USAGE)
    try:
        results = engine.execute(sql, params)
    except QueryError as exc:
        _fail(str(exc), EXIT_USAGE)
    if len(results) > 1 and (fmt != "table" or output):
        _fail("several statements: only --format table to the terminal shows more than one result", EXIT_USAGE)
    try:
        for result in results:
            write_result(result.table, fmt, sys.stdout, output, max_rows, terminal_width(sys.stdout))
    except (ValueError, OSError) as exc:
        _fail(str(exc), EXIT_USAGE)


StoreOpt = typer.Option(None, "--store", "-s", help="The lake to read: a folder (default: [store] uri, ./lake) or s3://bucket/prefix.")
ConfigOpt = typer.Option(None, "--config", "-c", help="TOML config file layered over the defaults.", exists=True, dir_okay=False)
FormatOpt = typer.Option("table", "--format", "-f", help=_FORMAT_HELP)
OutputOpt = typer.Option(None, "--output", "-o", help="Write the result to this file instead of standard output.")
ParamOpt = typer.Option(None, "--param", "-p", help="NAME=VALUE for a ready-made query's parameter (repeatable).")
SinceOpt = typer.Option(None, "--since", help="Only partitions with call_date >= this day (YYYY-MM-DD).")
UntilOpt = typer.Option(None, "--until", help="Only partitions with call_date <= this day (YYYY-MM-DD).")
MaxRowsOpt = typer.Option(200, "--max-rows", help="Rows shown by --format table on the terminal.")


def query(
    sql: Optional[str] = typer.Argument(None, help="SQL to run; without it (and without --name/--list) an interactive prompt opens."),
    name: Optional[str] = typer.Option(None, "--name", "-n", help="Run a ready-made query from queries/ by name."),
    list_: bool = typer.Option(False, "--list", "-l", help="List the ready-made queries and exit."),
    param: Optional[List[str]] = ParamOpt,
    store: Optional[str] = StoreOpt,
    config: Optional[Path] = ConfigOpt,
    format: str = FormatOpt,
    output: Optional[str] = OutputOpt,
    since: Optional[str] = SinceOpt,
    until: Optional[str] = UntilOpt,
    max_rows: int = MaxRowsOpt,
) -> None:
    """Read-only SQL over the redacted data: views calls, segments and findings.

    Every view has a call_date column (the partition): WHERE call_date BETWEEN ... reads only
    those days' files. Only SELECT (WITH, DESCRIBE, SHOW, SUMMARIZE) and EXPLAIN run; anything that
    writes, attaches, installs, loads, or reads files other than the lake's is refused. Works
    offline on a folder or on s3:// (credentials and endpoint as for the store: AWS_* variables,
    AWS_ENDPOINT_URL, profiles).
    """
    from redactor.query.named import QueryNotFound, find_query, list_queries

    if list_:
        for q in list_queries():
            params = "".join(f" [{k}={v}]" for k, v in q.params.items())
            typer.echo(f"{q.name}{params}\n    {q.title}. {q.description}".rstrip())
        raise typer.Exit(EXIT_OK)
    if sql and name:
        _fail("give either SQL or --name, not both", EXIT_USAGE)
    params = _params(param)
    if name:
        try:
            named = find_query(name)
            params = named.bind(params)
        except (QueryNotFound, ValueError) as exc:
            _fail(str(exc), EXIT_USAGE)
        sql = named.sql
    elif params and sql is None:
        _fail("--param is for ready-made queries (--name) only", EXIT_USAGE)
    engine = _engine(config, store, since, until)
    try:
        if sql is None:
            from redactor.query.shell import Shell

            fmt = format if format in ("table", "csv", "json") else "table"
            shell = Shell(engine, sys.stdout, sys.stderr, fmt, interactive=sys.stdin.isatty())
            shell.run(sys.stdin)
            if shell.errors and not shell.interactive:
                raise typer.Exit(EXIT_USAGE)
        else:
            _run_and_write(engine, sql, params, format, output, max_rows)
    finally:
        engine.close()


def report(
    name: str = typer.Argument(..., help="A ready-made query (redactor query --list shows them)."),
    param: Optional[List[str]] = ParamOpt,
    store: Optional[str] = StoreOpt,
    config: Optional[Path] = ConfigOpt,
    format: str = FormatOpt,
    output: Optional[str] = OutputOpt,
    since: Optional[str] = SinceOpt,
    until: Optional[str] = UntilOpt,
    max_rows: int = MaxRowsOpt,
) -> None:
    """Run a ready-made query by name (same as redactor query --name NAME)."""
    query(None, name, False, param, store, config, format, output, since, until, max_rows)


def export_command(
    to: Path = typer.Option(..., "--to", "-t", help="A folder (Parquet files + manifest.json) or a file ending in "
                            ".duckdb (tables + a manifest table)."),
    store: Optional[str] = StoreOpt,
    config: Optional[Path] = ConfigOpt,
    since: Optional[str] = SinceOpt,
    until: Optional[str] = UntilOpt,
    replace: bool = typer.Option(False, "--replace", help="Overwrite an existing export at --to."),
) -> None:
    """Write the analysts' views (calls, segments, findings) as a snapshot for BI tools.

    The same rows `redactor query` shows: one committed lake version, restricted calls left out,
    redacted text only. Point Metabase, Superset, Jupyter or the DuckDB CLI at the export, never
    at the lake's files. Prints the manifest (lake version, time, row counts) as JSON.
    """
    import json

    from redactor.query.export import ExportError, export

    engine = _engine(config, store, since, until)
    try:
        manifest = export(engine, to, replace)
    except (ExportError, OSError) as exc:
        _fail(str(exc), EXIT_USAGE if isinstance(exc, ExportError) else EXIT_FAILURE)
    finally:
        engine.close()
    typer.echo(json.dumps(manifest))
