"""A lease in the store: one writer at a time, and a crashed writer's lease runs out by itself.

`_lake/lease.json` holds the owner (a random id per run), what it is doing, where it runs (host,
pid, the machine's boot id and pid namespace, the process start time) and until when the lease is
valid. Taking it:

- no lease object: create it with create-if-absent;
- a lease that has expired, or whose holder provably died (same machine and pid namespace, and
  that pid is gone or is another process now, or it is this very process and no live `Lease`
  object here holds it): replace it, conditional on it being the exact object we judged;
- otherwise: `LeaseHeld` (the job exits with ExitCode.LOCKED).

Then it is read back and must name us. While the job runs, a heartbeat thread renews it every
`ttl/3` seconds (replace-if-unchanged again, so a renewal never overwrites a new holder); the job
checks `lease.check()` before each commit and stops with `LeaseLost` if a renewal failed or the
lease is about to expire. With conditional writes (S3 If-None-Match/If-Match, or flock on a
folder) the lease is exact. On a server without them the read-back narrows the race to two
writers that both see the lease free within the same few milliseconds; see `redactor.store.cas`.

The lease is an optimisation for exactly-once, not its foundation: every commit is itself a
create-if-absent of the next snapshot version, so two writers can never both commit on top of the
same version; the loser's commit fails and nothing of it becomes visible.

Clocks: expiry compares the holder's `expires_at` (UTC) with the reader's clock, so clock skew
between hosts eats into the TTL; keep the TTL well above any plausible skew (default 300 s).
"""

from __future__ import annotations

import json
import os
import socket
import threading
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

from redactor.errors import RedactorError
from redactor.logs import get_logger
from redactor.store.backend import ObjectStore
from redactor.store.cas import conditional_for
from redactor.store.snapshot import control_tags

log = get_logger("redactor.store.lease")

LEASE_KEY = "_lake/lease.json"
_ACTIVE: set[str] = set()  # owners of leases held by live Lease objects in this process
_ACTIVE_LOCK = threading.Lock()


class LeaseError(RedactorError):
    """Base class: messages name owners, hosts and times, never data."""


class LeaseHeld(LeaseError):
    def __init__(self, holder: dict):
        self.holder = holder
        super().__init__(
            f"another run holds the lake lease: {holder.get('operation', '?')} run {holder.get('run_id', '?')} "
            f"on {holder.get('host', '?')} (pid {holder.get('pid', '?')}), until {holder.get('expires_at', '?')}"
        )


class LeaseLost(LeaseError):
    pass


def _now() -> datetime:
    return datetime.now(UTC)


def _read_text(path: str) -> str:
    try:
        return Path(path).read_text().strip()
    except OSError:
        return ""


def _proc_start(pid: int) -> str:
    """The process start time in clock ticks since boot (field 22 of /proc/<pid>/stat), or ""."""
    stat = _read_text(f"/proc/{pid}/stat")
    if not stat:
        return ""
    try:
        return stat.rsplit(")", 1)[1].split()[19]
    except IndexError:
        return ""


def _pid_ns() -> str:
    try:
        return str(os.stat("/proc/self/ns/pid").st_ino)
    except OSError:
        return ""


def whoami() -> dict:
    pid = os.getpid()
    return {
        "host": socket.gethostname(),
        "pid": pid,
        "boot_id": _read_text("/proc/sys/kernel/random/boot_id"),
        "pid_ns": _pid_ns(),
        "proc_start": _proc_start(pid),
    }


def holder_is_dead(holder: dict) -> bool:
    """True only when we can prove it: same boot of the same machine, same pid namespace, and the
    holder's process is gone (or the pid now belongs to a process started at another time), or it
    is this process and no live Lease object here holds it (a run in this process that died)."""
    me = whoami()
    if not me["boot_id"] or not me["pid_ns"] or not holder.get("proc_start"):
        return False
    if holder.get("boot_id") != me["boot_id"] or holder.get("pid_ns") != me["pid_ns"]:
        return False
    pid = int(holder.get("pid") or 0)
    if pid <= 0:
        return False
    if pid == me["pid"] and holder.get("proc_start") == me["proc_start"]:
        with _ACTIVE_LOCK:
            return holder.get("owner") not in _ACTIVE
    return _proc_start(pid) != holder.get("proc_start")


class Lease:
    def __init__(
        self,
        store: ObjectStore,
        retention,
        *,
        ttl_seconds: float = 300,
        operation: str = "ingest",
        run_id: str = "",
        key: str = LEASE_KEY,
    ):
        self.store = store
        self.retention = retention
        self.ttl = float(ttl_seconds)
        self.operation = operation
        self.run_id = run_id
        self.key = key
        self.owner = uuid.uuid4().hex
        self.cond = conditional_for(store)
        self._token: str | None = None
        self._expires: datetime | None = None
        self._lost: str | None = None
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._mutex = threading.Lock()
        self.took_over: dict | None = None  # the stale lease we replaced, if any

    # ---- body ----------------------------------------------------------------------------

    def _body(self, acquired_at: str | None = None) -> tuple[bytes, datetime]:
        now = _now()
        expires = now + timedelta(seconds=self.ttl)
        doc = {
            "owner": self.owner,
            "operation": self.operation,
            "run_id": self.run_id,
            **whoami(),
            "acquired_at": acquired_at or now.isoformat(),
            "renewed_at": now.isoformat(),
            "expires_at": expires.isoformat(),
            "ttl_seconds": self.ttl,
        }
        return json.dumps(doc, sort_keys=True).encode(), expires

    def _tags(self) -> dict[str, str]:
        return control_tags(self.retention, "lake-lease")

    @staticmethod
    def _parse(data: bytes) -> dict:
        try:
            doc = json.loads(data)
            return doc if isinstance(doc, dict) else {}
        except ValueError:
            return {}

    @staticmethod
    def expired(holder: dict, now: datetime | None = None) -> bool:
        try:
            return datetime.fromisoformat(holder["expires_at"]) <= (now or _now())
        except (KeyError, TypeError, ValueError):
            return True  # unreadable lease: treat as expired (it has no valid holder)

    def current(self) -> dict | None:
        got = self.cond.read(self.key)
        return None if got is None else self._parse(got[0])

    # ---- acquire / renew / release -------------------------------------------------------

    def acquire(self) -> Lease:
        got = self.cond.read(self.key)
        body, expires = self._body()
        if got is None:
            ok = self.cond.create(self.key, body, self._tags())
        else:
            holder = self._parse(got[0])
            if holder.get("owner") == self.owner:
                ok = self.cond.replace(self.key, body, self._tags(), got[1])
            elif self.expired(holder) or holder_is_dead(holder):
                self.took_over = {
                    k: holder.get(k) for k in ("owner", "operation", "run_id", "host", "pid", "expires_at")
                }
                log.warning(
                    "taking over a stale lease",
                    holder_run_id=holder.get("run_id"),
                    holder_host=holder.get("host"),
                    expired=self.expired(holder),
                )
                ok = self.cond.replace(self.key, body, self._tags(), got[1])
            else:
                raise LeaseHeld(holder)
        # Read back: the lease must name us (this also covers stores without conditional writes).
        again = self.cond.read(self.key)
        if not ok or again is None or self._parse(again[0]).get("owner") != self.owner:
            holder = self._parse(again[0]) if again else {}
            raise LeaseHeld(holder or {"operation": "unknown"})
        self._token, self._expires = again[1], expires
        with _ACTIVE_LOCK:
            _ACTIVE.add(self.owner)
        return self

    def renew(self) -> None:
        with self._mutex:
            if self._lost:
                raise LeaseLost(self._lost)
            got = self.cond.read(self.key)
            if got is None or self._parse(got[0]).get("owner") != self.owner:
                self._lost = "the lease was taken by another run (this run's lease had expired)"
                raise LeaseLost(self._lost)
            body, expires = self._body(self._parse(got[0]).get("acquired_at"))
            if not self.cond.replace(self.key, body, self._tags(), got[1]):
                self._lost = "the lease changed while it was being renewed"
                raise LeaseLost(self._lost)
            again = self.cond.read(self.key)
            if again is None or self._parse(again[0]).get("owner") != self.owner:
                self._lost = "the lease was taken by another run during renewal"
                raise LeaseLost(self._lost)
            self._token, self._expires = again[1], expires

    def check(self, margin_seconds: float | None = None) -> None:
        """Raise LeaseLost unless we hold the lease with some time left (no request made)."""
        if self._lost:
            raise LeaseLost(self._lost)
        if self._expires is None:
            raise LeaseLost("the lease was never acquired")
        margin = self.ttl / 10 if margin_seconds is None else margin_seconds
        if (self._expires - _now()).total_seconds() < margin:
            # The heartbeat should have renewed by now; try once before giving up.
            self.renew()

    def release(self) -> None:
        self.stop_heartbeat()
        with _ACTIVE_LOCK:
            _ACTIVE.discard(self.owner)
        with self._mutex:
            got = self.cond.read(self.key)
            if got is not None and self._parse(got[0]).get("owner") == self.owner:
                self.cond.delete(self.key, got[1])
            self._expires = None

    # ---- heartbeat -----------------------------------------------------------------------

    def start_heartbeat(self, interval: float | None = None) -> None:
        interval = interval or max(self.ttl / 3, 0.5)

        def beat() -> None:
            while not self._stop.wait(interval):
                try:
                    self.renew()
                except LeaseLost:
                    log.error("lease lost", run_id=self.run_id)
                    return
                except Exception as exc:  # noqa: BLE001 - a failed renewal is retried next beat
                    from redactor.logs import safe_error

                    log.warning("lease renewal failed", error=safe_error(exc))

        self._stop.clear()
        self._thread = threading.Thread(target=beat, name="lease-heartbeat", daemon=True)
        self._thread.start()

    def stop_heartbeat(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None

    def __enter__(self) -> Lease:
        self.acquire()
        self.start_heartbeat()
        return self

    def __exit__(self, *exc) -> None:
        try:
            self.release()
        except Exception:  # noqa: BLE001 - an expiring lease is the fallback
            pass
