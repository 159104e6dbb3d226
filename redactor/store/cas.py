"""Conditional writes on an object store: create-if-absent and replace-if-unchanged.

The lake's commit protocol (`redactor.store.snapshot`) and the job lease (`redactor.store.lease`)
need two primitives that plain `ObjectStore.put` does not give:

- `create(key, data, tags)`: write only if no object has that key; False if one exists.
- `replace(key, data, tags, token)`: overwrite only if the object is still the one read with
  `read()` (token = its ETag, or a content hash on a folder); False if it changed meanwhile.

How each store provides them:

- S3: `PutObject` with `If-None-Match: *` / `If-Match: <etag>` (AWS since 2024; SeaweedFS 4.48
  supports both, and under contention exactly one of 8 (by hand: 16, 32) concurrent writers wins: see
  tests/test_job_s3.py). The first use probes the server: it creates a probe object twice, and
  if the second create is *accepted* the server ignores the header, so we fall back (below).
- Local folder: an `flock` on a hidden lock file next to the object, held while comparing and
  writing; the write itself is the folder store's atomic rename. Safe between processes on one
  host (which is what a folder lake is for).
- Fallback, for a server without conditional writes: check, write, then read back and compare.
  Our payloads always contain a unique owner id, so the read-back tells whether our write is the
  one that stands *at that moment*. The residual race: two writers that both check before either
  writes both write, and the later write wins; the earlier writer may have read back its own data
  before being overwritten. The job lease makes two writers at once a lease failure (a holder
  paused longer than its lease), and `conditional_writes` is reported in every run report so an
  operator can see which mode a store runs in.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import threading
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from redactor.logs import get_logger
from redactor.store.backend import LocalStore, ObjectStore, StoreError

log = get_logger("redactor.store.cas")

PROBE_PREFIX = "_lake/probe/"


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class Conditional:
    """Conditional operations for one store. Construct with `conditional_for(store)`."""

    mode = "fallback"

    def __init__(self, store: ObjectStore):
        self.store = store

    # ---- generic fallback (check, write, read back) -------------------------------------

    def read(self, key: str) -> tuple[bytes, str] | None:
        try:
            data = self.store.get(key)
        except StoreError as exc:
            if str(exc).startswith("no such object"):
                return None
            raise
        return data, _sha(data)

    def create(self, key: str, data: bytes, tags: dict[str, str]) -> bool:
        if self.store.exists(key):
            return False
        self.store.put(key, data, tags)
        current = self.read(key)
        return current is not None and current[0] == data

    def replace(self, key: str, data: bytes, tags: dict[str, str], token: str) -> bool:
        current = self.read(key)
        if current is None or current[1] != token:
            return False
        self.store.put(key, data, tags)
        after = self.read(key)
        return after is not None and after[0] == data

    def delete(self, key: str, token: str) -> bool:
        current = self.read(key)
        if current is None or current[1] != token:
            return False
        self.store.delete(key)
        return True


class LocalConditional(Conditional):
    mode = "flock"

    def __init__(self, store: LocalStore):
        super().__init__(store)
        self._threads = threading.Lock()

    @contextmanager
    def _locked(self, key: str) -> Iterator[None]:
        path = Path(self.store.local_path(key))
        path.parent.mkdir(parents=True, exist_ok=True)
        lock_path = path.with_name(f".{path.name}.lock")
        with self._threads:
            fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o600)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX)
                yield
            finally:
                fcntl.flock(fd, fcntl.LOCK_UN)
                os.close(fd)

    def create(self, key: str, data: bytes, tags: dict[str, str]) -> bool:
        with self._locked(key):
            if self.store.exists(key):
                return False
            self.store.put(key, data, tags)
            return True

    def replace(self, key: str, data: bytes, tags: dict[str, str], token: str) -> bool:
        with self._locked(key):
            current = Conditional.read(self, key)
            if current is None or current[1] != token:
                return False
            self.store.put(key, data, tags)
            return True

    def delete(self, key: str, token: str) -> bool:
        with self._locked(key):
            current = Conditional.read(self, key)
            if current is None or current[1] != token:
                return False
            self.store.delete(key)
            return True


class S3Conditional(Conditional):
    """If-None-Match / If-Match on PutObject, through the S3 store's own client and settings."""

    mode = "s3-conditional"

    def __init__(self, store):
        super().__init__(store)
        self._supported: bool | None = None

    def _full(self, key: str) -> str:
        # S3Store.local_path is the public way to learn the full key: s3://bucket/<prefix><key>.
        url = self.store.local_path(key)
        return url[len(f"s3://{self.store.bucket}/") :]

    def _put(self, key: str, data: bytes, tags: dict[str, str], **cond) -> bool:
        from botocore.exceptions import BotoCoreError, ClientError

        from redactor.store.s3 import describe_error, validate_tags

        self.store.check_region()
        try:
            resp = self.store.client.put_object(
                Bucket=self.store.bucket,
                Key=self._full(key),
                Body=data,
                Tagging=validate_tags(tags),
                **self.store.sse_args(),
                **cond,
            )
        except ClientError as exc:
            code = exc.response.get("Error", {}).get("Code", "")
            status = exc.response.get("ResponseMetadata", {}).get("HTTPStatusCode")
            if code in ("PreconditionFailed", "ConditionalRequestConflict") or status in (409, 412):
                return False
            raise StoreError(f"S3 conditional PutObject failed for {key}: {describe_error(exc)}") from None
        except BotoCoreError as exc:
            raise StoreError(f"S3 conditional PutObject failed for {key}: {describe_error(exc)}") from None
        if resp.get("ServerSideEncryption") not in (None, self.store.sse):
            raise StoreError(f"S3 PutObject for {key}: the server did not confirm {self.store.sse} encryption")
        return True

    @property
    def supported(self) -> bool:
        """Probe once: does the server refuse a second create of the same key?"""
        if self._supported is None:
            probe = f"{PROBE_PREFIX}{uuid.uuid4().hex}"
            tags = {"retention-class": "audit", "dataset": "lake-probe"}
            try:
                first = self._put(probe, b"1", tags, IfNoneMatch="*")
                second = self._put(probe, b"2", tags, IfNoneMatch="*")
                self._supported = bool(first and not second)
            except StoreError:
                self._supported = False
            finally:
                try:
                    self.store.delete(probe)
                except StoreError:
                    pass
            if not self._supported:
                self.mode = "fallback"
                log.warning(
                    "conditional writes not supported by the S3 server; using write-then-verify", store=self.store.uri
                )
        return self._supported

    def read(self, key: str) -> tuple[bytes, str] | None:
        from botocore.exceptions import BotoCoreError, ClientError

        from redactor.store.s3 import describe_error, error_code

        try:
            resp = self.store.client.get_object(Bucket=self.store.bucket, Key=self._full(key))
            return resp["Body"].read(), resp["ETag"]
        except (ClientError, BotoCoreError) as exc:
            if error_code(exc) in ("NoSuchKey", "404"):
                return None
            raise StoreError(f"S3 GetObject failed for {key}: {describe_error(exc)}") from None

    def create(self, key: str, data: bytes, tags: dict[str, str]) -> bool:
        if not self.supported:
            return self._fallback_create(key, data, tags)
        return self._put(key, data, tags, IfNoneMatch="*")

    def replace(self, key: str, data: bytes, tags: dict[str, str], token: str) -> bool:
        if not self.supported:
            return self._fallback_replace(key, data, tags, token)
        return self._put(key, data, tags, IfMatch=token)

    def delete(self, key: str, token: str) -> bool:
        from botocore.exceptions import BotoCoreError, ClientError

        current = self.read(key)
        if current is None or current[1] != token:
            return False
        if self.supported:
            try:
                self.store.client.delete_object(Bucket=self.store.bucket, Key=self._full(key), IfMatch=token)
                return True
            except ClientError as exc:
                code = exc.response.get("Error", {}).get("Code", "")
                if code in ("PreconditionFailed",):
                    return False
                # Servers without conditional delete: fall through to a plain delete.
            except BotoCoreError:
                pass
        self.store.delete(key)
        return True

    # The generic check-write-verify, with ETags as tokens.
    def _fallback_create(self, key: str, data: bytes, tags: dict[str, str]) -> bool:
        if self.read(key) is not None:
            return False
        self.store.put(key, data, tags)
        current = self.read(key)
        return current is not None and current[0] == data

    def _fallback_replace(self, key: str, data: bytes, tags: dict[str, str], token: str) -> bool:
        current = self.read(key)
        if current is None or current[1] != token:
            return False
        self.store.put(key, data, tags)
        after = self.read(key)
        return after is not None and after[0] == data


def conditional_for(store: ObjectStore) -> Conditional:
    """The strongest conditional-write implementation the store offers."""
    cached = getattr(store, "_redactor_conditional", None)
    if cached is not None:
        return cached
    if isinstance(store, LocalStore):
        cond: Conditional = LocalConditional(store)
    elif all(hasattr(store, a) for a in ("client", "bucket", "sse_args", "check_region")):
        cond = S3Conditional(store)
    else:
        cond = Conditional(store)
    try:
        store._redactor_conditional = cond  # type: ignore[attr-defined]
    except AttributeError:
        pass
    return cond
