"""Find export files and split them into raw records, whatever the container.

Containers: one call per file, a JSON array, JSON Lines, a `{"data": [...]}` page wrapper, and any
of these gzip-compressed. A record that cannot be read becomes a `RawRecord` with an `error`, so the
caller quarantines it with the bytes it had: nothing is dropped.
"""

from __future__ import annotations

import errno
import glob
import itertools
import json
import os
import re
import stat
import zlib
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from redactor.errors import RedactorError

EXPORT_SUFFIXES = (".json", ".jsonl", ".ndjson", ".json.gz", ".jsonl.gz", ".ndjson.gz")
_SURROGATE = re.compile("[\ud800-\udfff]")
_GZIP_CHUNK = 1 << 20


@dataclass(frozen=True)
class Limits:
    """What one export may cost before it is quarantined instead of read (`[ingest]` keys).

    Every cap bounds memory: an export is held decompressed (`max_export_bytes`) and parsed
    one record at a time (`max_record_bytes`); depth, string length and segment count bound what
    one record can make the parser and the detector do; `max_records` bounds how many records (and
    so quarantine items) one export can become.
    """

    max_record_bytes: int = 16 * 1024 * 1024
    max_export_bytes: int = 16 * 1024 * 1024
    max_records: int = 20_000
    max_json_depth: int = 64
    max_field_chars: int = 1_000_000
    max_segments: int = 20_000

    @classmethod
    def from_config(cls, section: dict) -> Limits:
        return cls(**{f.name: int(section.get(f.name, f.default)) for f in fields(cls)})

    @classmethod
    def of(cls, limits: Limits | int) -> Limits:
        """Callers that only know a record size cap get the other caps at their defaults."""
        return limits if isinstance(limits, Limits) else cls(max_record_bytes=int(limits))


@dataclass
class RawRecord:
    source_file: str
    index: int | None  # position in the file, None for a whole-file record
    raw: bytes = field(repr=False)
    data: Any = field(repr=False, default=None)
    error: str | None = None  # why it could not be read; never contains record content


class SourceError(RedactorError):
    """A source argument that names nothing readable."""


def _inside(path: str, root: str) -> bool:
    real, base = os.path.realpath(path), os.path.realpath(root)
    return real == base or real.startswith(base.rstrip(os.sep) + os.sep)


def _glob_root(pattern: str) -> str:
    """The folder part of a glob pattern before its first wildcard: matches must stay inside it."""
    parts = Path(pattern).parts
    fixed = list(itertools.takewhile(lambda part: not glob.has_magic(part), parts))
    return str(Path(*fixed)) if fixed else "."


def _candidates(src: str, skipped: Counter) -> Iterator[tuple[str, str]]:
    """(path, root) pairs for one source argument; symlinked folders inside it are not entered (the
    folder named on the command line may itself be a link, to a mounted volume say)."""
    if glob.has_magic(src):
        matches = glob.glob(src, recursive=True)
        if not matches:
            raise SourceError(f"no export files match {src!r}")
        root = _glob_root(src)
    else:
        if not os.path.lexists(src):
            raise SourceError(f"source not found: {src!r}")
        matches, root = [src], src if os.path.isdir(src) else os.path.dirname(src) or "."
    for m in matches:
        if os.path.isdir(m) and (m == src or not os.path.islink(m)):
            for dirpath, dirnames, filenames in os.walk(m):  # followlinks=False: links are listed, not entered
                skipped.update("symlink" for d in dirnames if os.path.islink(os.path.join(dirpath, d)))
                for name in filenames:
                    if name.endswith(EXPORT_SUFFIXES):
                        yield os.path.join(dirpath, name), m
        else:
            yield m, root


def expand_sources(sources: list[str], skipped: Counter | None = None) -> list[Path]:
    """Regular export files in folders (recursively), files and glob patterns, in a stable order.

    Only regular files inside the folder a source names are listed: a symlink (to a file or a
    folder, inside or outside) and anything that is not a regular file (a FIFO, a device) are
    counted in `skipped` ("symlink" / "special" / "outside") and never read.
    """
    skipped = Counter() if skipped is None else skipped
    files: list[Path] = []
    for src in sources:
        for path, root in _candidates(src, skipped):
            try:
                st = os.lstat(path)
            except OSError:
                continue  # gone since it was listed
            if stat.S_ISLNK(st.st_mode):
                skipped["symlink"] += 1
            elif not stat.S_ISREG(st.st_mode):
                skipped["special"] += 1
            elif not _inside(path, root):
                skipped["outside"] += 1  # reached through a symlinked folder in a glob
            else:
                files.append(Path(path))
    files.sort()
    seen: set[Path] = set()
    unique = []
    for f in files:
        if f.resolve() not in seen:
            seen.add(f.resolve())
            unique.append(f)
    return unique


def display_name(path: str | os.PathLike) -> str:
    """A path as valid UTF-8 text: a file name that is not UTF-8 keeps its readable parts, and the
    rest becomes U+FFFD, so it can be scanned, stored and hashed like any other name."""
    return os.fsencode(path).decode("utf-8", errors="replace")


def read_regular(path: str | os.PathLike, limit: int, identity: tuple[int, int] | None = None) -> bytes | None:
    """The bytes of a regular file, opened without following a symlink; None if it holds more than
    `limit` bytes. `identity` (st_dev, st_ino): the file must still be the one that was listed."""
    fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode) or (identity is not None and identity != (st.st_dev, st.st_ino)):
            raise OSError(errno.ESTALE, "not the regular file that was listed")
        if st.st_size > limit:
            return None
        with os.fdopen(fd, "rb", closefd=False) as fh:
            data = fh.read(limit + 1)
        return None if len(data) > limit else data
    finally:
        os.close(fd)


def gunzip(raw: bytes, limit: int, *, truncate: bool = False) -> bytes | None:
    """Decompress every gzip member as a stream; None once the output passes `limit` bytes (a
    gzip bomb costs `limit` bytes of memory, not its decompressed size), or with `truncate` its
    first `limit` bytes. OSError/EOFError/zlib.error if corrupt."""
    out = bytearray()
    data = raw
    while data:
        d = zlib.decompressobj(wbits=31)
        while not d.eof:
            chunk = d.decompress(data, _GZIP_CHUNK)
            out += chunk
            if len(out) > limit:
                return bytes(out[:limit]) if truncate else None
            data = d.unconsumed_tail
            if not data and not chunk:
                raise EOFError("compressed file ended before the end-of-stream marker")
        data = d.unused_data.lstrip(b"\0")
    return bytes(out)


def _decode(raw: bytes, limits: Limits) -> tuple[str | None, str | None]:
    if raw[:2] == b"\x1f\x8b":
        try:
            unpacked = gunzip(raw, limits.max_export_bytes)
        except (OSError, EOFError, zlib.error) as exc:
            return None, f"corrupt gzip stream ({type(exc).__name__})"
        if unpacked is None:
            return None, f"gzip stream decompresses to more than {limits.max_export_bytes} bytes (max_export_bytes)"
        raw = unpacked
    elif len(raw) > limits.max_export_bytes:
        return None, f"export larger than {limits.max_export_bytes} bytes (max_export_bytes)"
    try:
        return raw.decode("utf-8-sig"), None
    except UnicodeDecodeError as exc:
        return None, f"not valid UTF-8 (byte offset {exc.start})"


def _check(doc: Any, limits: Limits) -> str | None:
    """Why a parsed record is beyond the caps or not storable, or None. Iterative: the depth of
    the input never becomes the depth of our stack."""
    stack = [(doc, 1)]
    while stack:
        node, depth = stack.pop()
        if isinstance(node, str):
            if len(node) > limits.max_field_chars:
                return f"a string longer than {limits.max_field_chars} characters (max_field_chars)"
            if _SURROGATE.search(node):
                return "a string with a lone surrogate (not valid Unicode)"
            continue
        if not isinstance(node, (dict, list)):
            continue
        if depth > limits.max_json_depth:
            return _too_deep(limits)
        if isinstance(node, dict):
            stack.extend((k, depth) for k in node)
            stack.extend((v, depth + 1) for v in node.values())
        else:
            stack.extend((v, depth + 1) for v in node)
    return None


def _json_error(exc: ValueError) -> str:
    if isinstance(exc, json.JSONDecodeError):
        # JSONDecodeError.msg is a fixed phrase; its doc (the input) is never included.
        return f"invalid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}"
    return f"invalid JSON ({type(exc).__name__})"  # e.g. an integer with too many digits


def _loads(text: str, limits: Limits) -> tuple[Any, str | None]:
    try:
        return json.loads(text), None
    except RecursionError:
        return None, _too_deep(limits)
    except ValueError as exc:
        return None, _json_error(exc)


def split_records(source_file: str, raw: bytes, limits: Limits | int) -> Iterator[RawRecord]:
    limits = Limits.of(limits)
    text, error = _decode(raw, limits)
    if error:
        yield RawRecord(source_file, None, raw, error=error)
        return
    assert text is not None
    stripped = text.strip()
    if not stripped:
        yield RawRecord(source_file, None, raw, error="empty file")
        return
    doc, whole_error = _loads(stripped, limits)
    if whole_error is None:
        yield from _unwrap(source_file, doc, raw, limits)
        return
    del doc
    if sum(1 for line in text.split("\n") if line.strip()) > limits.max_records:
        yield RawRecord(source_file, None, raw, error=f"{whole_error}; as JSON Lines: {_too_many(limits)}")
        return
    lines = _json_lines(source_file, text, limits)
    if "\n" not in stripped or not any(rec.error is None for rec in lines):
        # Not JSON Lines either (a truncated document, say): one record, one reason.
        yield RawRecord(source_file, None, raw, error=whole_error)
        return
    yield from lines


def _json_lines(source_file: str, text: str, limits: Limits) -> list[RawRecord]:
    """JSON Lines: each line is its own record, so one bad line costs only that line."""
    records: list[RawRecord] = []
    # JSON Lines end at "\n" only: U+2028, U+0085 and the like are valid inside a JSON string,
    # and str.splitlines() would cut a record there.
    for lineno, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        line_raw = line.encode("utf-8")
        if len(line_raw) > limits.max_record_bytes:
            records.append(RawRecord(source_file, lineno, line_raw, error=_too_large(limits)))
            continue
        doc, error = _loads(line, limits)
        if error:
            records.append(RawRecord(source_file, lineno, line_raw, error=error))
            continue
        for rec in _unwrap(source_file, doc, line_raw, limits):
            rec.index = lineno if rec.index is None else rec.index
            records.append(rec)
    return records


def _too_deep(limits: Limits) -> str:
    return f"JSON nested deeper than {limits.max_json_depth} levels (max_json_depth)"


def _too_many(limits: Limits) -> str:
    return f"more than {limits.max_records} records in one export (max_records)"


def _too_large(limits: Limits) -> str:
    return f"record larger than {limits.max_record_bytes} bytes (max_record_bytes)"


def _unwrap(source_file: str, doc: Any, raw: bytes, limits: Limits) -> Iterator[RawRecord]:
    if isinstance(doc, dict) and isinstance(doc.get("data"), list) and not _looks_like_call(doc):
        items = doc["data"]  # a page of the Klang list endpoint
    elif isinstance(doc, list):
        items = doc
    else:
        error = _too_large(limits) if len(raw) > limits.max_record_bytes else _check(doc, limits)
        yield RawRecord(source_file, None, raw, data=None if error else doc, error=error)
        return
    if len(items) > limits.max_records:
        yield RawRecord(source_file, None, raw, error=_too_many(limits))
        return
    for i, item in enumerate(items):
        error = _check(item, limits)
        try:
            # A record with a lone surrogate has no UTF-8 form: its payload keeps it \u-escaped.
            item_raw = json.dumps(item, ensure_ascii=bool(error)).encode("utf-8")
        except (RecursionError, ValueError):
            item_raw, error = raw, error or "record cannot be serialised"  # the whole export is its payload
        if not error and len(item_raw) > limits.max_record_bytes:
            error = _too_large(limits)
        yield RawRecord(source_file, i, item_raw, data=None if error else item, error=error)


def _looks_like_call(doc: dict) -> bool:
    return any(k in doc for k in ("sources", "segments", "transcript"))


def unread_export(name: str, limits: Limits) -> RawRecord:
    """The record standing for an export over `max_export_bytes`, which is not read at all."""
    return RawRecord(
        name,
        None,
        b"",
        error=f"export larger than {limits.max_export_bytes} bytes (max_export_bytes): left where it is, not read",
    )


def iter_records(paths: list[Path], limits: Limits | int = Limits()) -> Iterator[RawRecord]:
    limits = Limits.of(limits)
    for path in paths:
        try:
            raw = read_regular(path, limits.max_export_bytes)
        except OSError as exc:
            yield RawRecord(
                display_name(path), None, b"", error=f"cannot read file ({type(exc).__name__}: errno {exc.errno})"
            )
            continue
        if raw is None:
            yield unread_export(display_name(path), limits)
            continue
        yield from split_records(display_name(path), raw, limits)
