"""`redactor serve`: run the read-only web app (registered in redactor/cli.py with one line)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import List, Optional

import typer

TOKEN_ENV = "REDACTOR_SERVE_TOKEN"


def serve_command(
    store: Optional[str] = typer.Option(None, "--store", "-s", help="The lake to show: a folder (default: [store] uri, "
                                        "./lake) or s3://bucket/prefix."),
    config: Optional[Path] = typer.Option(None, "--config", "-c", help="TOML config file layered over the defaults.",
                                          exists=True, dir_okay=False),
    host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on. Anything but loopback needs "
                             "authentication (--token-file, $REDACTOR_SERVE_TOKEN, --basic-auth-file or --trusted-header)."),
    port: int = typer.Option(8080, "--port", "-p", min=1, max=65535),
    token_file: Optional[Path] = typer.Option(None, "--token-file", exists=True, dir_okay=False,
                                              help=f"A bearer token, first line of this file (or ${TOKEN_ENV})."),
    basic_auth_file: Optional[Path] = typer.Option(None, "--basic-auth-file", exists=True, dir_okay=False,
                                                   help="HTTP basic auth: lines user:password (keep it mode 600)."),
    trusted_header: Optional[str] = typer.Option(None, "--trusted-header", help="A header naming the signed-in user, "
                                                 "set by an authenticating reverse proxy (e.g. X-Forwarded-User)."),
    trusted_proxy: Optional[List[str]] = typer.Option(None, "--trusted-proxy", help="Address the trusted header is "
                                                      "accepted from (repeatable; default 127.0.0.1 and ::1)."),
    refresh_seconds: float = typer.Option(10.0, "--refresh-seconds", min=0, help="How often to look for a new commit "
                                          "or restriction before answering."),
) -> None:
    """Read-only web app for support analysts: dashboard, search, call reader, saved queries.

    Same views and restriction rules as `redactor query`; the committed rows are loaded into memory
    at start and reloaded when a commit or restriction changes them. Offline: charts are SVG made
    on the server, no script or asset is fetched. GET /healthz answers 200 without authentication.
    """
    import uvicorn

    from redactor.query.command import EXIT_FAILURE, EXIT_USAGE, _fail, open_engine_lake
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
        _fail(str(exc), EXIT_USAGE)
    lake = open_engine_lake(config, store)
    try:
        view = LakeView(lake, refresh_seconds)
    except Exception as exc:  # the store or engine failed; the message names no data
        _fail(f"cannot load the lake: {exc}", EXIT_FAILURE)
    typer.echo(f"serving lake version {view.version} on http://{host}:{port}/ (authentication: {access.describe()})",
               err=True)
    # No access log: URLs carry search words, which may be anything an analyst typed.
    uvicorn.run(create_app(view, access), host=host, port=port, access_log=False, log_level="warning")
    view.close()
