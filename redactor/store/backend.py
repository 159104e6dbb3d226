"""Object stores: a flat key space with per-object tags, written atomically.

`LocalStore` keeps the same semantics as S3 on a laptop: an object appears whole or not at all
(write to a temporary file, then rename), and its tags live in a hidden sidecar written first,
so no object is ever visible without them.
"""

from __future__ import annotations

import json
import os
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from redactor.errors import RedactorError
from redactor.store.atomic import atomic_write


class StoreError(RedactorError):
    """A store operation failed; the message names keys, never contents."""


@dataclass(frozen=True)
class ObjectInfo:
    key: str
    size: int
    modified: float | None = None  # last write, Unix time (for ages in `redactor status`)


class ObjectStore(Protocol):
    uri: str

    def put(self, key: str, data: bytes, tags: dict[str, str]) -> None: ...
    def get(self, key: str) -> bytes: ...
    def exists(self, key: str) -> bool: ...
    def list(self, prefix: str = "") -> Iterator[ObjectInfo]: ...
    def tags(self, key: str) -> dict[str, str]: ...
    def delete(self, key: str) -> None: ...
    def local_path(self, key: str) -> str: ...


def _check_key(key: str) -> str:
    parts = key.split("/")
    if not key or key.startswith("/") or any(p in ("", ".", "..") for p in parts) or parts[-1].startswith("."):
        raise StoreError(f"invalid object key {key!r}")
    return key


class LocalStore:
    def __init__(self, root: str | Path):
        self.root = Path(root).expanduser().resolve()
        self.uri = str(self.root)

    def _path(self, key: str) -> Path:
        return self.root / _check_key(key)

    @staticmethod
    def _sidecar(path: Path) -> Path:
        return path.with_name(f".{path.name}.tags.json")

    def put(self, key: str, data: bytes, tags: dict[str, str]) -> None:
        path = self._path(key)
        atomic_write(self._sidecar(path), json.dumps(tags, sort_keys=True).encode())
        atomic_write(path, data)

    def get(self, key: str) -> bytes:
        try:
            return self._path(key).read_bytes()
        except FileNotFoundError:
            raise StoreError(f"no such object: {key}") from None

    def exists(self, key: str) -> bool:
        return self._path(key).is_file()

    def list(self, prefix: str = "") -> Iterator[ObjectInfo]:
        """Regular files only: a symlink (to a file or a folder) is never an object of the store,
        so nothing reads, rewrites or deletes through it (a raw area is a landing folder)."""
        if not self.root.exists():
            return
        for dirpath, dirnames, filenames in os.walk(self.root):  # does not enter symlinked folders
            dirnames.sort()
            for name in sorted(filenames):
                if name.startswith("."):
                    continue
                path = Path(dirpath) / name
                key = path.relative_to(self.root).as_posix()
                if not key.startswith(prefix):
                    continue
                try:
                    st = path.lstat()
                except FileNotFoundError:
                    continue
                if stat.S_ISREG(st.st_mode):
                    yield ObjectInfo(key, st.st_size, st.st_mtime)

    def tags(self, key: str) -> dict[str, str]:
        try:
            return json.loads(self._sidecar(self._path(key)).read_text())
        except FileNotFoundError:
            return {}

    def delete(self, key: str) -> None:
        path = self._path(key)
        path.unlink(missing_ok=True)
        self._sidecar(path).unlink(missing_ok=True)

    def local_path(self, key: str) -> str:
        return str(self._path(key))
