"""The three tables analysts see, as Arrow schemas, and how redacted calls become rows."""

from __future__ import annotations

import io
from collections import Counter
from datetime import UTC, date

import pyarrow as pa
import pyarrow.parquet as pq

from redactor.domain import RedactedCall

# The retention class of every row of the three tables.
REDACTED_CLASS = "transcript-redacted"


def parquet_bytes(table: pa.Table, tags: dict[str, str]) -> bytes:
    """A table as Parquet (zstd) with its retention tags in the key-value metadata."""
    meta = dict(table.schema.metadata or {})
    meta.update({f"redactor.{k}".encode(): v.encode() for k, v in tags.items()})
    buf = io.BytesIO()
    pq.write_table(table.replace_schema_metadata(meta), buf, compression="zstd")
    return buf.getvalue()


def call_date(rc: RedactedCall) -> date:
    """The call's partition: the UTC date it was made."""
    created = rc.call.created_at
    assert created is not None  # parse_record guarantees it
    return created.astimezone(UTC).date()


WORD = pa.struct([("text", pa.string()), ("start", pa.float64()), ("end", pa.float64()), ("confidence", pa.float64())])

CALLS = pa.schema(
    [
        ("call_id", pa.string()),
        ("source_id", pa.string()),
        ("shape", pa.string()),
        ("created_at", pa.timestamp("us", tz="UTC")),
        ("updated_at", pa.timestamp("us", tz="UTC")),
        ("duration_seconds", pa.float64()),
        ("language", pa.string()),
        ("status", pa.string()),
        ("queue", pa.string()),
        ("direction", pa.string()),
        ("title", pa.string()),
        ("digest", pa.string()),
        ("summary", pa.string()),
        ("full_text", pa.string()),
        ("participants", pa.list_(pa.string())),
        ("metadata", pa.map_(pa.string(), pa.string())),
        ("segment_count", pa.int32()),
        ("finding_count", pa.int32()),
        ("entity_counts", pa.map_(pa.string(), pa.int32())),
        ("subject_tokens", pa.list_(pa.string())),
        ("source_file", pa.string()),
        ("content_hash", pa.string()),
        ("pipeline_version", pa.string()),
    ]
)

SEGMENTS = pa.schema(
    [
        ("call_id", pa.string()),
        ("segment_index", pa.int32()),
        ("speaker", pa.string()),
        ("role", pa.string()),
        ("start_seconds", pa.float64()),
        ("end_seconds", pa.float64()),
        ("text", pa.string()),
        ("words", pa.list_(WORD)),
        ("pipeline_version", pa.string()),
    ]
)

FINDINGS = pa.schema(
    [
        ("call_id", pa.string()),
        ("field", pa.string()),
        ("entity_type", pa.string()),
        ("start", pa.int32()),  # offsets of the replacement in the stored (redacted) field text
        ("end", pa.int32()),
        ("score", pa.float64()),
        ("recognizer", pa.string()),
        ("audio_start", pa.float64()),
        ("audio_end", pa.float64()),
        ("pipeline_version", pa.string()),
    ]
)

SCHEMAS = {"calls": CALLS, "segments": SEGMENTS, "findings": FINDINGS}
TABLES = tuple(SCHEMAS)

# Metadata keys (as exports name them) that become first-class call columns.
_QUEUE_KEYS = ("queue", "queue_name", "metadata.queue")
_DIRECTION_KEYS = ("direction", "call_direction", "metadata.direction")


def _first(meta: dict[str, str], keys: tuple[str, ...]) -> str | None:
    return next((meta[k] for k in keys if meta.get(k)), None)


def full_text(rc: RedactedCall) -> str:
    return "\n".join(f"{s.speaker}: {s.text}" if s.speaker else s.text for s in rc.call.segments)


def call_row(rc: RedactedCall) -> dict:
    c = rc.call
    return {
        "call_id": c.call_id,
        "source_id": c.source_id,
        "shape": c.shape,
        "created_at": c.created_at,
        "updated_at": c.updated_at,
        "duration_seconds": c.duration_seconds,
        "language": c.language,
        "status": c.status,
        "queue": _first(c.metadata, _QUEUE_KEYS),
        "direction": _first(c.metadata, _DIRECTION_KEYS),
        "title": c.title,
        "digest": c.digest,
        "summary": c.summary,
        "full_text": full_text(rc),
        "participants": c.participants,
        "metadata": list(c.metadata.items()),
        "segment_count": len(c.segments),
        "finding_count": len(rc.findings),
        "entity_counts": list(Counter(f.entity_type for f in rc.findings).items()),
        "subject_tokens": rc.subject_tokens,
        "source_file": c.source_file.rsplit("/", 1)[-1],
        "content_hash": c.content_hash,
        "pipeline_version": rc.pipeline_version,
    }


def segment_rows(rc: RedactedCall) -> list[dict]:
    return [
        {
            "call_id": rc.call.call_id,
            "segment_index": s.index,
            "speaker": s.speaker,
            "role": s.role,
            "start_seconds": s.start,
            "end_seconds": s.end,
            "text": s.text,
            "words": [{"text": w.text, "start": w.start, "end": w.end, "confidence": w.confidence} for w in s.words],
            "pipeline_version": rc.pipeline_version,
        }
        for s in rc.call.segments
    ]


def finding_rows(rc: RedactedCall) -> list[dict]:
    return [
        {
            "call_id": rc.call.call_id,
            "field": f.field,
            "entity_type": f.entity_type,
            "start": f.start,
            "end": f.end,
            "score": f.score,
            "recognizer": f.recognizer,
            "audio_start": f.audio_start,
            "audio_end": f.audio_end,
            "pipeline_version": rc.pipeline_version,
        }
        for f in rc.findings
    ]


def build_tables(calls: list[RedactedCall]) -> dict[str, pa.Table]:
    rows = {
        "calls": [call_row(rc) for rc in calls],
        "segments": [r for rc in calls for r in segment_rows(rc)],
        "findings": [r for rc in calls for r in finding_rows(rc)],
    }
    return {name: pa.Table.from_pylist(rows[name], schema=SCHEMAS[name]) for name in TABLES}
