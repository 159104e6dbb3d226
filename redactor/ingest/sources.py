"""Where exports come from: local files, an S3 landing prefix, the Klang API.

Each source lists *exports* (one file, one landing object, one API conversation), each with
- `ref`: a stable reference for the job's ledger and logs, the hash of where it came from (a
  landing file name may itself hold a name or a phone number, so it is never logged or stored);
- `fingerprint`: a cheap change detector known before downloading (size + mtime for a file,
  size [+ ETag] for an object, `updated_at` for a conversation). A done export with the same ref
  and fingerprint is skipped without being read;
- `name`: what the pipeline records as the call's source file (scanned and redacted like any
  other field; never logged);
- `fetch()`: the bytes.

After an export is stored (redacted or quarantined), `cleanup(export, mode)` applies the
landing policy (`[landing] after_ingest`): "delete" removes it, "retag" gives it the short
`raw-landing` retention (S3 tags; a local file has no tags and is left in place), "keep" does
nothing. Cleanup failures are retried by the next run (the ledger records whether it happened).
"""

from __future__ import annotations

import hashlib
import os
import stat
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any, Protocol

from redactor.errors import RedactorError
from redactor.ingest.klang_api import KlangApiError, KlangClient
from redactor.ingest.reader import EXPORT_SUFFIXES, Limits, SourceError, display_name, expand_sources, read_regular
from redactor.store import Retention, StoreError, open_store

LANDING_MODES = ("retag", "delete", "keep")


class FetchError(RedactorError):
    """One export could not be read now (network, permissions); it is retried by the next run."""


def export_ref(kind: str, where: str) -> str:
    # surrogateescape: a file name that is not UTF-8 keeps its own bytes (and so its own ref).
    return hashlib.sha256(f"{kind}\x1f{where}".encode("utf-8", "surrogateescape")).hexdigest()[:32]


@dataclass
class Export:
    kind: str
    ref: str
    name: str = field(repr=False)
    fingerprint: str
    fetch: Callable[[], bytes | None] = field(repr=False)  # None: larger than the export cap, not read
    created_at: str = ""  # Klang only: for the API watermark
    locator: str = field(default="", repr=False)  # where to clean it up (path / key)
    modified: float | None = None  # when it landed (Unix time), where the source knows


class Source(Protocol):
    """Where the ingest job reads exports from: a folder, an S3 landing prefix or the Klang API."""

    kind: str
    complete: bool  # True once `exports()` has listed everything
    skipped: Counter[str]  # entries seen but never read (symlinks, special files), by reason
    cursor_before: str  # the watermark the run started from ("" without one)

    @property
    def cursor_name(self) -> str | None:
        """A source with a watermark keeps it in the ledger under this name."""
        ...

    def expected_exports(self) -> int | None:
        """How many exports `exports()` will list, if known up front (for the progress bar)."""
        ...

    def exports(self) -> Iterator[Export]: ...

    def failed(self, export: Export) -> None:
        """`export` could not be fetched: it must be listed again next run."""
        ...

    def new_cursor(self) -> str | None:
        """The watermark to store after the run, or None to keep the old one."""
        ...

    def report_info(self) -> dict[str, Any]:
        """What this kind of source adds to its entry in the run report."""
        ...

    def cleanup_is_noop(self, mode: str) -> bool: ...

    def cleanup(self, export: Export, mode: str, retention: Retention) -> str: ...


class _Landing:
    """A landing area (folder or bucket prefix): no watermark, nothing to add to the report."""

    cursor_name: str | None = None
    cursor_before = ""

    def expected_exports(self) -> int | None:
        return None

    def failed(self, export: Export) -> None:
        pass  # listed again next run anyway: only a watermark could skip it

    def new_cursor(self) -> str | None:
        return None

    def report_info(self) -> dict[str, Any]:
        return {}


# ---- local files -----------------------------------------------------------------------------


class LocalFiles(_Landing):
    """Regular files inside the folders (or beside the files) named on the command line.

    Symlinks and special files are never read, deleted or followed (`expand_sources`); they are
    counted in `skipped` for the run report. A file is read through a descriptor opened without
    following links and must still be the file that was listed; cleanup deletes only that file.
    """

    kind = "file"

    def __init__(self, patterns: list[str], max_export_bytes: int = Limits.max_export_bytes):
        self.patterns = patterns
        self.skipped: Counter = Counter()
        self.paths = expand_sources(patterns, self.skipped)  # SourceError for a missing path: a usage problem
        self.max_export_bytes = max_export_bytes
        self.complete = False
        self.errors = 0
        self._listed: dict[str, tuple[int, int]] = {}  # locator -> (st_dev, st_ino) when listed

    def expected_exports(self) -> int | None:
        return len(self.paths)  # listed up front

    def exports(self) -> Iterator[Export]:
        for path in self.paths:
            try:
                st = path.lstat()
            except OSError:
                continue  # gone since it was listed (another run's cleanup): nothing to do
            locator = os.path.abspath(path)
            self._listed[locator] = identity = (st.st_dev, st.st_ino)

            def fetch(p: str = locator, ident: tuple[int, int] = identity) -> bytes | None:
                try:
                    return read_regular(p, self.max_export_bytes, ident)
                except OSError as exc:
                    raise FetchError(f"cannot read a local export (errno {exc.errno})") from None

            yield Export(
                self.kind,
                export_ref(self.kind, str(path.resolve())),
                display_name(path),
                f"{st.st_size}:{st.st_mtime_ns}",
                fetch,
                locator=locator,
                modified=st.st_mtime,
            )
        self.complete = True

    def cleanup_is_noop(self, mode: str) -> bool:
        return mode != "delete"

    def cleanup(self, export: Export, mode: str, retention) -> str:
        if mode != "delete":
            return "kept"
        try:
            st = os.lstat(export.locator)
        except FileNotFoundError:
            return "deleted"
        except OSError as exc:
            raise FetchError(f"cannot delete a local export (errno {exc.errno})") from None
        if not stat.S_ISREG(st.st_mode) or self._listed.get(export.locator) != (st.st_dev, st.st_ino):
            # Replaced (by a link, say) since it was read: not the file this run ingested.
            raise FetchError("not deleted: the export was replaced since it was read")
        try:
            os.unlink(export.locator)
        except FileNotFoundError:
            pass
        except OSError as exc:
            raise FetchError(f"cannot delete a local export (errno {exc.errno})") from None
        return "deleted"


# ---- S3 landing prefix -----------------------------------------------------------------------


class S3Landing(_Landing):
    kind = "s3"

    def __init__(self, uri: str, store_options: dict | None = None, max_export_bytes: int = Limits.max_export_bytes):
        self.uri = uri if uri.endswith("/") else uri + "/"
        self.max_export_bytes = max_export_bytes
        options = {k: v for k, v in (store_options or {}).items() if k != "uri"}
        self.store = open_store(self.uri, **options)
        self.complete = False
        self.skipped: Counter[str] = Counter()
        self.errors = 0

    def exports(self) -> Iterator[Export]:
        try:
            listing = list(self.store.list(""))
        except StoreError as exc:
            raise SourceError(f"cannot list the landing area {self.uri}: {str(exc).split(': ')[-1]}") from None
        for obj in listing:
            if not obj.key.endswith(EXPORT_SUFFIXES):
                continue
            etag = getattr(obj, "etag", None) or ""

            def fetch(key: str = obj.key, size: int = obj.size) -> bytes | None:
                if size > self.max_export_bytes:
                    return None
                try:
                    return self.store.get(key)
                except StoreError as exc:
                    # The store's message names the key (a file name may be personal data): keep the cause only.
                    raise FetchError(f"cannot read a landing object: {str(exc).rsplit(': ', 1)[-1]}") from None

            where = f"{self.uri}{obj.key}"
            yield Export(
                self.kind,
                export_ref(self.kind, where),
                where,
                f"{obj.size}:{etag}",
                fetch,
                locator=obj.key,
                modified=obj.modified,
            )
        self.complete = True

    def cleanup_is_noop(self, mode: str) -> bool:
        return mode == "keep"

    def cleanup(self, export: Export, mode: str, retention) -> str:
        try:
            if mode == "delete":
                self.store.delete(export.locator)
                return "deleted"
            if mode == "retag":
                self._retag(export.locator, retention)
                return "retagged"
        except StoreError as exc:
            raise FetchError(f"landing cleanup failed: {str(exc).rsplit(': ', 1)[-1]}") from None
        return "kept"

    def _retag(self, key: str, retention) -> None:
        new = retention.tags("raw-landing", "raw-landing")
        client = getattr(self.store, "client", None)
        if client is None:  # a store without tagging calls: rewrite the object with the tags
            self.store.put(key, self.store.get(key), {**self.store.tags(key), **new})
            return
        from botocore.exceptions import BotoCoreError, ClientError

        full = self.store.local_path(key)[len(f"s3://{self.store.bucket}/") :]
        try:
            old = client.get_object_tagging(Bucket=self.store.bucket, Key=full).get("TagSet", [])
            tags = {t["Key"]: t["Value"] for t in old}
            tags.update(new)
            client.put_object_tagging(
                Bucket=self.store.bucket,
                Key=full,
                Tagging={"TagSet": [{"Key": k, "Value": v} for k, v in list(tags.items())[:10]]},
            )
        except (ClientError, BotoCoreError) as exc:
            raise StoreError(f"S3 tagging failed: {type(exc).__name__}") from None


# ---- the Klang API ---------------------------------------------------------------------------


def _parse_time(value) -> datetime | None:
    """UTC, or None for no time, an unreadable one, or one at the calendar's edge (year 1 or no
    UTC form): the watermark arithmetic (look-back, one second before a hold) must not overflow."""
    if not isinstance(value, str) or not value:
        return None
    try:
        t = datetime.fromisoformat(value.replace("Z", "+00:00"))
        t = t.astimezone(UTC) if t.tzinfo else t.replace(tzinfo=UTC)
    except (ValueError, OverflowError):
        return None
    return t if t.year > 1 else None


def _iso(t: datetime) -> str:
    return t.astimezone(UTC).isoformat().replace("+00:00", "Z")


class KlangApi:
    """Conversations created after the watermark (minus a look-back), ready ones only.

    The watermark (ledger `cursor` row) moves to the newest `created_at` listed, but never past
    a conversation that is not ready yet (still transcribing) or that failed to download, so both
    are listed again next time; a conversation pending longer than `pending_give_up_hours` stops
    holding it back (it is counted in the run report: use `--since` to fetch it later).
    """

    kind = "klang"

    def __init__(
        self,
        client: KlangClient,
        cursor: str | None,
        *,
        since: datetime | None = None,
        lookback_hours: float = 6,
        ready_statuses: tuple[str, ...] = ("ready", "completed"),
        pending_give_up_hours: float = 72,
        now: datetime | None = None,
    ):
        self.client = client
        self.cursor_name = "klang:" + hashlib.sha256(client.base_url.encode()).hexdigest()[:16]
        self.cursor_before = cursor or ""
        self.now = now or datetime.now(UTC)
        previous = _parse_time(cursor)
        if since is not None:
            self.created_after: datetime | None = since
        elif previous is not None:
            self.created_after = previous - timedelta(hours=lookback_hours)
        else:
            self.created_after = None
        self.ready = {s.lower() for s in ready_statuses}
        self.give_up = timedelta(hours=pending_give_up_hours)
        self.complete = False
        self.skipped: Counter[str] = Counter()
        self.errors = 0
        self.listed = 0
        self.pending = 0
        self.stale_pending = 0
        self._newest: datetime | None = None
        self._holds: list[datetime] = []

    def exports(self) -> Iterator[Export]:
        for item in self.client.list_conversations(self.created_after):
            cid = item.get("id")
            if not isinstance(cid, (str, int)) or isinstance(cid, bool) or not str(cid).strip():
                continue
            cid = str(cid)
            self.listed += 1
            created = _parse_time(item.get("created_at"))
            if created is not None and (self._newest is None or created > self._newest):
                self._newest = created
            status = str(item.get("status") or "").lower()
            if status and status not in self.ready:
                self.pending += 1
                if created is not None:
                    if self.now - created > self.give_up:
                        self.stale_pending += 1
                    else:
                        self._holds.append(created)
                continue
            where = f"{self.client.base_url}/conversations/{cid}"

            def fetch(conversation_id: str = cid) -> bytes:
                try:
                    return self.client.get_conversation(conversation_id)
                except KlangApiError as exc:
                    raise FetchError(str(exc)) from None

            yield Export(
                self.kind,
                export_ref(self.kind, where),
                f"klang/conversations/{cid}.json",
                str(item.get("updated_at") or ""),
                fetch,
                created_at=_iso(created) if created else "",
                locator=cid,
            )
        self.complete = True

    def expected_exports(self) -> int | None:
        return None

    def report_info(self) -> dict[str, Any]:
        return {
            "listed": self.listed,
            "pending_not_ready": self.pending,
            "pending_given_up": self.stale_pending,
            "cursor_before": self.cursor_before or None,
        }

    def failed(self, export: Export) -> None:
        t = _parse_time(export.created_at)
        if t is not None:
            self._holds.append(t)

    def new_cursor(self) -> str | None:
        """The watermark to store, or None to keep the old one (listing incomplete)."""
        if not self.complete or self._newest is None:
            return None
        mark = self._newest
        if self._holds:
            mark = min(mark, min(self._holds) - timedelta(seconds=1))
        return _iso(mark)

    def cleanup_is_noop(self, mode: str) -> bool:
        return True

    def cleanup(self, export: Export, mode: str, retention) -> str:
        return "kept"


def parse_since(value: str) -> datetime:
    """`2026-11-20` or `2026-11-20T08:00:00Z` (UTC if no zone)."""
    t = _parse_time(value if "T" in value or " " in value else f"{value}T00:00:00")
    if t is None:
        raise ValueError("--since must be an ISO 8601 date or date-time, e.g. 2026-11-20 or 2026-11-20T08:00:00Z")
    return t


def klang_client_from_config(section: dict, base_override: str | None = None, sleep=None) -> KlangClient:
    base = base_override or os.environ.get("KLANG_API_URL") or section.get("base_url") or ""
    if not base:
        raise KlangApiError("no Klang API base URL: set [klang] base_url or $KLANG_API_URL")
    key_env = section.get("api_key_env", "KLANG_API_KEY")
    if not os.environ.get(key_env):
        raise KlangApiError(f"no Klang API key: set ${key_env} (the variable named by [klang] api_key_env)")
    kwargs = dict(
        timeout=float(section.get("timeout_seconds", 30)),
        max_attempts=int(section.get("max_attempts", 6)),
        backoff=float(section.get("backoff_seconds", 1.0)),
        max_backoff=float(section.get("max_backoff_seconds", 60)),
        max_retry_after=float(section.get("max_retry_after_seconds", 300)),
        page_size=int(section.get("page_size", 100)),
    )
    if sleep is not None:
        kwargs["sleep"] = sleep
    return KlangClient(base, os.environ.get(key_env, ""), **kwargs)
