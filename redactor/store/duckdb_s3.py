"""DuckDB reading the lake straight from S3, fully offline.

DuckDB's `INSTALL httpfs` downloads from extensions.duckdb.org, and autoloading would try the
same on first use of s3://. Instead the extension is loaded from the `duckdb-extension-httpfs`
wheel, which is built for exactly one DuckDB version (pinned together in pyproject.toml), with
autoinstall and autoload switched off so nothing ever reaches for the network.

Credentials, endpoint and region come from the same AWS configuration chain boto3 uses, and go
into a temporary (in-memory) DuckDB secret scoped to the bucket; they are never written to disk.
Analysts' SQL never runs on such a connection: `arrow_s3_filesystem` gives the query engine the
same access through pyarrow instead (see redactor/query/engine.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

import duckdb

from redactor.errors import RedactorError

OFFLINE_SETTINGS = {
    "autoinstall_known_extensions": False,
    "autoload_known_extensions": False,
}


class DuckDBS3Error(RedactorError, RuntimeError):
    pass


def httpfs_path() -> Path:
    """The httpfs extension file shipped for the installed DuckDB version."""
    try:
        import duckdb_extension_httpfs
    except ImportError:
        raise DuckDBS3Error("the duckdb-extension-httpfs package is not installed") from None
    version = duckdb.__version__
    path = Path(duckdb_extension_httpfs.__file__).parent / "extensions" / f"v{version}" / "httpfs.duckdb_extension"
    if not path.is_file():
        available = sorted(p.name for p in path.parent.parent.glob("v*"))
        raise DuckDBS3Error(
            f"no httpfs extension for DuckDB {version} (the wheel has: {', '.join(available) or 'none'}); "
            "install duckdb and duckdb-extension-httpfs of the same version"
        )
    return path


def quote_literal(value: str) -> str:
    """A DuckDB string literal (for statements that take no parameters: LOAD, CREATE SECRET)."""
    return "'" + value.replace("'", "''") + "'"


def connect(database: str = ":memory:", read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """A DuckDB connection with httpfs loaded from the wheel and no network extension fetching."""
    con = duckdb.connect(database, read_only=read_only, config=dict(OFFLINE_SETTINGS))
    con.execute(f"LOAD {quote_literal(str(httpfs_path()))}")
    return con


@dataclass(frozen=True)
class _S3Access:
    key_id: str
    secret: str
    token: str | None
    region: str
    endpoint: str | None  # host:port of a non-AWS server, else None
    use_ssl: bool


def _resolve(session=None) -> _S3Access:
    """Credentials, region and endpoint as boto3 (and so the store) would use them."""
    import boto3

    from redactor.store.s3 import endpoint_is_aws, make_client

    session = session or boto3.session.Session()
    creds = session.get_credentials()
    if creds is None:
        raise DuckDBS3Error("no AWS credentials found (environment, profile or instance role)")
    frozen = creds.get_frozen_credentials()
    client = make_client(session=session)  # resolves AWS_ENDPOINT_URL / profile endpoint like the store
    url = None if endpoint_is_aws(client) else urlparse(client.meta.endpoint_url)
    return _S3Access(
        frozen.access_key,
        frozen.secret_key,
        frozen.token or None,
        client.meta.region_name or "us-east-1",
        url.netloc if url else None,
        url is None or url.scheme == "https",
    )


def add_s3_secret(con: duckdb.DuckDBPyConnection, bucket: str | None = None, session=None) -> None:
    """Give DuckDB the credentials/endpoint/region boto3 would use (optionally only for `bucket`).

    Not for a connection that runs analysts' SQL: a DuckDB secret is visible to SQL.
    """
    access = _resolve(session)
    parts = [
        "TYPE s3",
        f"KEY_ID {quote_literal(access.key_id)}",
        f"SECRET {quote_literal(access.secret)}",
        f"REGION {quote_literal(access.region)}",
    ]
    if access.token:
        parts.append(f"SESSION_TOKEN {quote_literal(access.token)}")
    if access.endpoint:
        # A local or third-party server: host:port, plain HTTP if so configured, and path-style
        # URLs because a bucket name cannot be prefixed to an IP address.
        parts += [
            f"ENDPOINT {quote_literal(access.endpoint)}",
            f"USE_SSL {'true' if access.use_ssl else 'false'}",
            "URL_STYLE 'path'",
        ]
    if bucket:
        parts.append(f"SCOPE {quote_literal(f's3://{bucket}')}")
    name = "redactor_s3" + (f"_{abs(hash(bucket)) % 10**8}" if bucket else "")
    con.execute(f"CREATE OR REPLACE TEMPORARY SECRET {name} ({', '.join(parts)})")


def arrow_s3_filesystem(session=None):
    """A pyarrow S3 filesystem with the same credentials/endpoint/region; paths are `bucket/key`.

    The query engine reads through this instead of httpfs so that no credential is ever inside
    the DuckDB connection that runs analysts' SQL.
    """
    from pyarrow import fs

    access = _resolve(session)
    return fs.S3FileSystem(
        access_key=access.key_id,
        secret_key=access.secret,
        session_token=access.token,
        region=access.region,
        endpoint_override=access.endpoint,
        scheme="https" if access.use_ssl else "http",
    )


def connect_s3(bucket: str | None = None, session=None) -> duckdb.DuckDBPyConnection:
    """`connect()` plus the S3 secret: ready for read_parquet('s3://bucket/...')."""
    con = connect()
    add_s3_secret(con, bucket, session)
    return con
