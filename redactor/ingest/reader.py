"""Find export files and split them into raw records, whatever the container.

Containers: one call per file, a JSON array, JSON Lines, a `{"data": [...]}` page wrapper, and any
of these gzip-compressed. A record that cannot be read becomes a `RawRecord` with an `error`, so the
caller quarantines it with the bytes it had: nothing is dropped.
"""

from __future__ import annotations

import glob
import gzip
import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

EXPORT_SUFFIXES = (".json", ".jsonl", ".ndjson", ".json.gz", ".jsonl.gz", ".ndjson.gz")


@dataclass
class RawRecord:
    source_file: str
    index: int | None  # position in the file, None for a whole-file record
    raw: bytes = field(repr=False)
    data: Any = field(repr=False, default=None)
    error: str | None = None  # why it could not be read; never contains record content


class SourceError(Exception):
    """A source argument that names nothing readable."""


def expand_sources(sources: list[str]) -> list[Path]:
    """Folders (recursively), files and glob patterns, in a stable order."""
    files: list[Path] = []
    for src in sources:
        matches = glob.glob(src, recursive=True) if glob.has_magic(src) else [src]
        if not matches:
            raise SourceError(f"no export files match {src!r}")
        for m in matches:
            p = Path(m)
            if p.is_dir():
                files.extend(sorted(f for f in p.rglob("*") if f.is_file() and f.name.endswith(EXPORT_SUFFIXES)))
            elif p.is_file():
                files.append(p)
            else:
                raise SourceError(f"source not found: {src!r}")
    seen: set[Path] = set()
    unique = []
    for f in files:
        if f.resolve() not in seen:
            seen.add(f.resolve())
            unique.append(f)
    return unique


def _decode(raw: bytes) -> tuple[str | None, str | None]:
    if raw[:2] == b"\x1f\x8b":
        try:
            raw = gzip.decompress(raw)
        except (OSError, EOFError) as exc:
            return None, f"corrupt gzip stream ({type(exc).__name__})"
    try:
        return raw.decode("utf-8-sig"), None
    except UnicodeDecodeError as exc:
        return None, f"not valid UTF-8 (byte offset {exc.start})"


def _json_error(exc: json.JSONDecodeError) -> str:
    # JSONDecodeError.msg is a fixed phrase; its doc (the input) is never included.
    return f"invalid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}"


def split_records(source_file: str, raw: bytes, max_record_bytes: int) -> Iterator[RawRecord]:
    text, error = _decode(raw)
    if error:
        yield RawRecord(source_file, None, raw, error=error)
        return
    assert text is not None
    stripped = text.strip()
    if not stripped:
        yield RawRecord(source_file, None, raw, error="empty file")
        return
    try:
        doc = json.loads(stripped)
    except json.JSONDecodeError as exc:
        whole_error = _json_error(exc)
    else:
        yield from _unwrap(source_file, doc, raw, max_record_bytes)
        return
    lines = _json_lines(source_file, text, max_record_bytes)
    if "\n" not in stripped or not any(rec.error is None for rec in lines):
        # Not JSON Lines either (a truncated document, say): one record, one reason.
        yield RawRecord(source_file, None, raw, error=whole_error)
        return
    yield from lines


def _json_lines(source_file: str, text: str, max_record_bytes: int) -> list[RawRecord]:
    """JSON Lines: each line is its own record, so one bad line costs only that line."""
    records: list[RawRecord] = []
    for lineno, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        line_raw = line.encode("utf-8")
        if len(line_raw) > max_record_bytes:
            records.append(RawRecord(source_file, lineno, line_raw, error=f"record larger than {max_record_bytes} bytes"))
            continue
        try:
            doc = json.loads(line)
        except json.JSONDecodeError as exc:
            records.append(RawRecord(source_file, lineno, line_raw, error=_json_error(exc)))
            continue
        for rec in _unwrap(source_file, doc, line_raw, max_record_bytes):
            rec.index = lineno if rec.index is None else rec.index
            records.append(rec)
    return records


def _unwrap(source_file: str, doc: Any, raw: bytes, max_record_bytes: int) -> Iterator[RawRecord]:
    if isinstance(doc, dict) and isinstance(doc.get("data"), list) and not _looks_like_call(doc):
        items = doc["data"]  # a page of the Klang list endpoint
    elif isinstance(doc, list):
        items = doc
    else:
        if len(raw) > max_record_bytes:
            yield RawRecord(source_file, None, raw, error=f"record larger than {max_record_bytes} bytes")
        else:
            yield RawRecord(source_file, None, raw, data=doc)
        return
    for i, item in enumerate(items):
        item_raw = json.dumps(item, ensure_ascii=False).encode("utf-8")
        if len(item_raw) > max_record_bytes:
            yield RawRecord(source_file, i, item_raw, error=f"record larger than {max_record_bytes} bytes")
        else:
            yield RawRecord(source_file, i, item_raw, data=item)


def _looks_like_call(doc: dict) -> bool:
    return any(k in doc for k in ("sources", "segments", "transcript"))


def iter_records(paths: list[Path], max_record_bytes: int = 16 * 1024 * 1024) -> Iterator[RawRecord]:
    for path in paths:
        try:
            raw = path.read_bytes()
        except OSError as exc:
            yield RawRecord(str(path), None, b"", error=f"cannot read file ({type(exc).__name__}: errno {exc.errno})")
            continue
        yield from split_records(os.fspath(path), raw, max_record_bytes)
