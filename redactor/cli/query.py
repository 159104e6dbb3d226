"""`redactor query`, `report`, `export` and `serve`: the analysts' commands.

They open the store named by --store / [store] uri read-only: the lake's committed Parquet files
and nothing else (no landing area, no quarantine, no key material: the pseudonymisation key is
never loaded). Exit codes: 0 answered, 1 store or engine failure, 2 bad usage, a rejected
(non read-only) statement or an SQL error.
"""

from __future__ import annotations

import io
import os
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from redactor.cli._common import ConfigOption, ExitCode, app, fail, load_config

if TYPE_CHECKING:
    from redactor.query.engine import QueryEngine
    from redactor.store.lake import Lake

_FORMAT_HELP = "Output: table (default), csv, json (array of objects) or parquet (needs --output)."


def _params(pairs: list[str] | None) -> dict[str, str]:
    params = {}
    for pair in pairs or []:
        name, sep, value = pair.partition("=")
        if not sep or not name.strip():
            fail(f"--param wants NAME=VALUE, got {pair!r}", ExitCode.USAGE)
        params[name.strip()] = value
    return params


def _day(value: str | None, option: str) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        fail(f"{option} wants a date YYYY-MM-DD, got {value!r}", ExitCode.USAGE)


def open_engine_lake(config_path: Path | None, store: str | None) -> Lake:
    """The lake named by --store / [store] uri; exit 1 if nothing was ever committed there."""
    from redactor.store import StoreError
    from redactor.store.lake import Lake

    cfg = load_config(config_path)
    try:
        lake = Lake.from_config(cfg, store, "query")
        empty = lake.snapshot().empty
    except StoreError as exc:
        fail(str(exc), ExitCode.FAILURE)
    if empty:
        # Zero rows from a mistyped --store would look like an answer.
        fail(f"no lake at {lake.store.uri}: nothing has been committed there (check --store)", ExitCode.FAILURE)
    return lake


def _engine(config_path: Path | None, store: str | None, since: str | None, until: str | None) -> QueryEngine:
    from redactor.query.engine import QueryEngine, QueryError
    from redactor.store import StoreError

    lake = open_engine_lake(config_path, store)
    try:
        return QueryEngine(lake, _day(since, "--since"), _day(until, "--until"))
    except StoreError as exc:
        fail(str(exc), ExitCode.FAILURE)
    except (QueryError, RuntimeError) as exc:  # e.g. no credentials
        fail(f"cannot open the query engine: {exc}", ExitCode.FAILURE)


def _run_and_write(
    engine: QueryEngine, sql: str, params: dict[str, str], fmt: str, output: str | None, max_rows: int
) -> None:
    from redactor.query.engine import QueryError
    from redactor.query.output import FORMATS, terminal_width, write_result

    if fmt not in FORMATS:
        fail(f"--format must be one of {', '.join(FORMATS)}", ExitCode.USAGE)
    try:
        results = engine.execute(sql, params)
    except QueryError as exc:
        fail(str(exc), ExitCode.USAGE)
    if len(results) > 1 and (fmt != "table" or output):
        fail("several statements: only --format table to the terminal shows more than one result", ExitCode.USAGE)
    try:
        for result in results:
            write_result(result.table, fmt, sys.stdout, output, max_rows, terminal_width(sys.stdout))
    except (ValueError, OSError) as exc:
        fail(str(exc), ExitCode.USAGE)


StoreOpt = typer.Option(
    None, "--store", "-s", help="The lake to read: a folder (default: [store] uri, ./lake) or s3://bucket/prefix."
)
FormatOpt = typer.Option("table", "--format", "-f", help=_FORMAT_HELP)
OutputOpt = typer.Option(None, "--output", "-o", help="Write the result to this file instead of standard output.")
ParamOpt = typer.Option(None, "--param", "-p", help="NAME=VALUE for a ready-made query's parameter (repeatable).")
SinceOpt = typer.Option(None, "--since", help="Only partitions with call_date >= this day (YYYY-MM-DD).")
UntilOpt = typer.Option(None, "--until", help="Only partitions with call_date <= this day (YYYY-MM-DD).")
MaxRowsOpt = typer.Option(200, "--max-rows", help="Rows shown by --format table on the terminal.")


@app.command("query")
def query(
    sql: str | None = typer.Argument(
        None, help="SQL to run; without it (and without --name/--list) an interactive prompt opens."
    ),
    name: str | None = typer.Option(
        None, "--name", "-n", help="Run a ready-made query (redactor/data/queries/) by name."
    ),
    list_: bool = typer.Option(False, "--list", "-l", help="List the ready-made queries and exit."),
    param: list[str] | None = ParamOpt,
    store: str | None = StoreOpt,
    config: Path | None = ConfigOption,
    format: str = FormatOpt,
    output: str | None = OutputOpt,
    since: str | None = SinceOpt,
    until: str | None = UntilOpt,
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
            defaults = "".join(f" [{k}={v}]" for k, v in q.params.items())
            typer.echo(f"{q.name}{defaults}\n    {q.title}. {q.description}".rstrip())
        raise typer.Exit(ExitCode.OK)
    if sql and name:
        fail("give either SQL or --name, not both", ExitCode.USAGE)
    params = _params(param)
    if name:
        try:
            named = find_query(name)
            params = named.bind(params)
        except (QueryNotFound, ValueError) as exc:
            fail(str(exc), ExitCode.USAGE)
        sql = named.sql
    elif params and sql is None:
        fail("--param is for ready-made queries (--name) only", ExitCode.USAGE)
    engine = _engine(config, store, since, until)
    try:
        # the prompt's dot commands work as the argument too: redactor query ".schema calls"
        if sql is None or (not name and sql.lstrip().startswith(".")):
            from redactor.query.shell import Shell

            fmt = format if format in ("table", "csv", "json") else "table"
            lines = sys.stdin if sql is None else io.StringIO(sql.strip() + "\n")
            shell = Shell(engine, sys.stdout, sys.stderr, fmt, interactive=sql is None and sys.stdin.isatty())
            shell.run(lines)
            if shell.errors and not shell.interactive:
                raise typer.Exit(ExitCode.USAGE)
        else:
            _run_and_write(engine, sql, params, format, output, max_rows)
    finally:
        engine.close()


@app.command("report")
def report(
    name: str = typer.Argument(..., help="A ready-made query (redactor query --list shows them)."),
    param: list[str] | None = ParamOpt,
    store: str | None = StoreOpt,
    config: Path | None = ConfigOption,
    format: str = FormatOpt,
    output: str | None = OutputOpt,
    since: str | None = SinceOpt,
    until: str | None = UntilOpt,
    max_rows: int = MaxRowsOpt,
) -> None:
    """Run a ready-made query by name (same as redactor query --name NAME)."""
    query(None, name, False, param, store, config, format, output, since, until, max_rows)


@app.command("export")
def export_command(
    to: Path = typer.Option(
        ...,
        "--to",
        "-t",
        help="A folder (Parquet files + manifest.json) or a file ending in .duckdb (tables + a manifest table).",
    ),
    store: str | None = StoreOpt,
    config: Path | None = ConfigOption,
    since: str | None = SinceOpt,
    until: str | None = UntilOpt,
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
        fail(str(exc), ExitCode.USAGE if isinstance(exc, ExportError) else ExitCode.FAILURE)
    finally:
        engine.close()
    typer.echo(json.dumps(manifest))


TOKEN_ENV = "REDACTOR_SERVE_TOKEN"


@app.command("serve")
def serve_command(
    store: str | None = typer.Option(
        None, "--store", "-s", help="The lake to show: a folder (default: [store] uri, ./lake) or s3://bucket/prefix."
    ),
    config: Path | None = ConfigOption,
    host: str = typer.Option(
        "127.0.0.1",
        "--host",
        help="Address to listen on. Anything but loopback needs "
        "authentication (--token-file, $REDACTOR_SERVE_TOKEN, --basic-auth-file or --trusted-header).",
    ),
    port: int = typer.Option(8080, "--port", "-p", min=1, max=65535),
    token_file: Path | None = typer.Option(
        None,
        "--token-file",
        exists=True,
        dir_okay=False,
        help=f"A bearer token, first line of this file (or ${TOKEN_ENV}).",
    ),
    basic_auth_file: Path | None = typer.Option(
        None,
        "--basic-auth-file",
        exists=True,
        dir_okay=False,
        help="HTTP basic auth: lines user:password (keep it mode 600).",
    ),
    trusted_header: str | None = typer.Option(
        None,
        "--trusted-header",
        help="A header naming the signed-in user, set by an authenticating reverse proxy (e.g. X-Forwarded-User).",
    ),
    trusted_proxy: list[str] | None = typer.Option(
        None,
        "--trusted-proxy",
        help="Address the trusted header is accepted from (repeatable; default 127.0.0.1 and ::1).",
    ),
    refresh_seconds: float = typer.Option(
        10.0, "--refresh-seconds", min=0, help="How often to look for a new commit or restriction before answering."
    ),
) -> None:
    """Read-only web app for support analysts: dashboard, search, call reader, saved queries.

    Same views and restriction rules as `redactor query`; the committed rows are loaded into memory
    at start and reloaded when a commit or restriction changes them. Offline: charts are SVG made
    on the server, no script or asset is fetched. GET /healthz answers 200 without authentication.
    """
    import uvicorn

    from redactor.serve.access import Access, AccessError, check_bind, load_basic_auth
    from redactor.serve.app import create_app
    from redactor.serve.data import LakeView

    token = (token_file.read_text("utf-8").splitlines() or [""])[0].strip() if token_file else os.environ.get(TOKEN_ENV)
    try:
        access = Access(
            token=token or None,
            basic=load_basic_auth(basic_auth_file) if basic_auth_file else {},
            trusted_header=trusted_header,
            trusted_proxies=frozenset(trusted_proxy or ("127.0.0.1", "::1")),
        )
        if access.token is not None and len(access.token) < 16:
            raise AccessError("the token must be at least 16 characters")
        check_bind(host, access)
    except (AccessError, OSError) as exc:
        fail(str(exc), ExitCode.USAGE)
    lake = open_engine_lake(config, store)
    try:
        view = LakeView(lake, refresh_seconds)
    except Exception as exc:  # noqa: BLE001 - the store or engine failed; the message names no data
        fail(f"cannot load the lake: {exc}", ExitCode.FAILURE)
    typer.echo(
        f"serving lake version {view.version} on http://{host}:{port}/ (authentication: {access.describe()})", err=True
    )
    # No access log: URLs carry search words, which may be anything an analyst typed.
    uvicorn.run(create_app(view, access), host=host, port=port, access_log=False, log_level="warning")
    view.close()
