"""The domain: a call with its segments and words, and what detection found in it.

Plain dataclasses, no I/O. Character offsets always refer to the text of the field they belong to.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from datetime import datetime


@dataclass
class Word:
    text: str
    start: float | None = None  # audio seconds
    end: float | None = None
    confidence: float | None = None


@dataclass
class Segment:
    index: int
    text: str
    speaker: str | None = None
    role: str | None = None  # agent / customer / other (a closed list: redactor.ingest.labels)
    start: float | None = None
    end: float | None = None
    words: list[Word] = field(default_factory=list)


@dataclass
class Call:
    """One conversation, whatever export shape it came in."""

    call_id: str  # deterministic: derived from the export's own id
    source_id: str  # the id as the export gave it
    shape: str  # "klang" or "segmented"
    created_at: datetime | None = None
    updated_at: datetime | None = None
    duration_seconds: float | None = None
    language: str | None = None  # a known language code or "und" (redactor.ingest.labels)
    status: str | None = None  # a known status or "other" (redactor.ingest.labels)
    title: str = ""
    digest: str = ""
    summary: str = ""
    participants: list[str] = field(default_factory=list)
    # Free-text metadata (caller number, queue, agent, direction, file name, ...).
    metadata: dict[str, str] = field(default_factory=dict)
    segments: list[Segment] = field(default_factory=list)
    source_file: str = ""
    content_hash: str = ""

    def text_fields(self) -> dict[str, str]:
        """Every free-text field by a stable field name; words are handled with their segment."""
        fields: dict[str, str] = {"title": self.title, "digest": self.digest, "summary": self.summary}
        for i, name in enumerate(self.participants):
            fields[f"participants[{i}]"] = name
        for key, value in self.metadata.items():
            fields[f"metadata.{key}"] = value
        # Keys are stored too (the calls.metadata map, findings.field): scanned like values.
        for i, key in enumerate(self.metadata):
            fields[f"metadata_keys[{i}]"] = key
        for seg in self.segments:
            fields[f"segments[{seg.index}].text"] = seg.text
            if seg.speaker:
                fields[f"segments[{seg.index}].speaker"] = seg.speaker
        return fields


@dataclass(frozen=True)
class Finding:
    """A detected entity in one field. `value` lives only in memory: it is never stored or logged."""

    field: str
    entity_type: str
    start: int
    end: int
    score: float
    recognizer: str
    # `dataclasses.field`: this class's own `field` attribute shadows the name here.
    value: str = dataclasses.field(repr=False, compare=False, default="")
    audio_start: float | None = None
    audio_end: float | None = None

    def __repr__(self) -> str:  # keeps the value out of tracebacks and logs
        return (
            f"Finding({self.field!r}, {self.entity_type}, {self.start}-{self.end}, "
            f"score={self.score:.2f}, recognizer={self.recognizer})"
        )


@dataclass
class RedactedCall:
    """The transformed call, ready to store, with its findings (values stripped) and subject tokens."""

    call: Call
    findings: list[Finding]
    subject_tokens: list[str]
    pipeline_version: str
    # Per finding, the version that found it, where a reprocess kept findings of an earlier version.
    finding_versions: list[str] | None = None


@dataclass
class Quarantined:
    """Input that could not be processed safely; stored apart with a reason, never as output."""

    source_file: str
    record_index: int | None
    reason: str
    stage: str  # read / parse / detect / transform / verify
    payload: bytes = field(repr=False, default=b"")
    call_id: str | None = None
