"""Parse one export record (Klang API conversation or segmented call) into a `Call`.

Errors name the field and the problem, never the value: the value may be personal data.
Every string we do not model explicitly is kept as metadata, so it is scanned and redacted
rather than silently passed through or dropped.
"""

from __future__ import annotations

import hashlib
import json
import re
from datetime import UTC, datetime
from typing import Any

from redactor.domain import Call, Segment, Word
from redactor.errors import RedactorError
from redactor.ingest.labels import language_label, role_label, status_label
from redactor.ingest.normalize import normalize_text
from redactor.ingest.roles import assign_roles, role_of


class ParseError(RedactorError, ValueError):
    """A record that is not a call we can process; the message is safe to log."""


_TIMED_LINE = re.compile(
    r"^\s*\[(?P<ts>\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d+)?)\]\s*(?:(?P<speaker>[^:\n]{1,80}?):\s?)?(?P<text>.*)$"
)
# An untimed "Speaker: text" line. Only short labels count, so "Summa: 300 kr" inside a turn is
# not mistaken for a new speaker unless it looks like a speaker label.
_UNTIMED_LINE = re.compile(
    r"^\s*(?P<speaker>(?:Talare|Speaker|Agent|Kund|Handläggare|Operatör)\s*\d*|[A-ZÅÄÖÉ][\w'’.-]*(?: [A-ZÅÄÖÉ][\w'’.-]*){0,3}):\s(?P<text>.*)$"
)

_KNOWN_KLANG_KEYS = {"id", "title", "created_at", "updated_at", "status", "digest", "summary", "sources", "folder_id"}
_KNOWN_SEGMENTED_KEYS = {
    "id",
    "call_id",
    "conversation_id",
    "created_at",
    "started_at",
    "start_time",
    "updated_at",
    "duration",
    "duration_seconds",
    "language",
    "language_code",
    "segments",
    "title",
    "summary",
    "digest",
    "status",
    "participants",
}


def make_call_id(shape: str, source_id: str) -> str:
    """Deterministic and free of the export's own id, which may itself be personal data."""
    return "c" + hashlib.sha256(f"{shape}:{source_id}".encode()).hexdigest()[:24]


def parse_record(data: Any, raw: bytes, source_file: str, max_segments: int | None = None) -> Call:
    if not isinstance(data, dict):
        raise ParseError(f"record must be a JSON object, got {type(data).__name__}")
    if "sources" in data:
        call = _parse_klang(data)
    elif "segments" in data:
        call = _parse_segmented(data)
    else:
        raise ParseError("unknown export shape: neither 'sources' (Klang) nor 'segments' found")
    if not call.segments:
        raise ParseError("empty call: no transcript segments")
    if max_segments is not None and len(call.segments) > max_segments:
        raise ParseError(f"more than {max_segments} segments (max_segments)")
    if call.created_at is None:
        raise ParseError("missing or unreadable timestamp ('created_at')")
    call.source_file = source_file
    call.content_hash = hashlib.sha256(raw).hexdigest()
    return call


# ---- field helpers -------------------------------------------------------------------------


def _str(data: dict, key: str, *, default: str = "") -> str:
    value = data.get(key, default)
    if value is None:
        return default
    if not isinstance(value, (str, int, float)) or isinstance(value, bool):
        raise ParseError(f"field '{key}' must be a string, got {type(value).__name__}")
    return normalize_text(str(value))


def _num(data: dict, key: str) -> float | None:
    value = data.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        raise ParseError(f"field '{key}' must be a number, got {type(value).__name__}")
    try:
        number = float(value)
    except ValueError:
        raise ParseError(f"field '{key}' must be a number") from None
    if number != number or number < 0:
        raise ParseError(f"field '{key}' must be a non-negative number")
    return number


def _time(data: dict, *keys: str) -> datetime | None:
    """The first of these fields that is set, in UTC. A time that has no UTC form (year 1 with a
    positive offset, year 9999 with a negative one) or no calendar date is a ParseError."""
    for key in keys:
        value = data.get(key)
        if value is None:
            continue
        numeric = isinstance(value, (int, float)) and not isinstance(value, bool)
        if not numeric and not isinstance(value, str):
            raise ParseError(f"field '{key}' must be an ISO 8601 timestamp, got {type(value).__name__}")
        try:
            if numeric:
                return datetime.fromtimestamp(value, tz=UTC)
            parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
            return parsed.astimezone(UTC) if parsed.tzinfo else parsed.replace(tzinfo=UTC)
        except ValueError:
            raise ParseError(f"field '{key}' is not an ISO 8601 timestamp") from None
        except (OverflowError, OSError):
            raise ParseError(f"field '{key}' is outside the calendar (no UTC date)") from None
    return None


def _list(data: dict, key: str) -> list:
    value = data.get(key)
    if value is None:
        return []
    if not isinstance(value, list):
        raise ParseError(f"field '{key}' must be a list, got {type(value).__name__}")
    return value


# A key that reads as a field name joins the path with a dot; any other key (it may be data: a
# number, an address) stands quoted in brackets, so it reads on its own when the path is scanned.
_FIELD_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*")


def _key_path(prefix: str, key: str) -> str:
    key = normalize_text(str(key))
    if _FIELD_NAME.fullmatch(key):
        return f"{prefix}.{key}" if prefix else key
    return f'{prefix}["{key}"]'


def _flatten_extra(data: dict, known: set[str], prefix: str = "") -> dict[str, str]:
    """Every other scalar becomes metadata, keyed by its path, so it is scanned too (keys as well:
    `Call.text_fields`)."""
    out: dict[str, str] = {}
    for key, value in data.items():
        if not prefix and key in known:
            continue
        _flatten_value(out, _key_path(prefix, key), value)
    return out


def _flatten_value(out: dict[str, str], path: str, value) -> None:
    """Lists inside lists too: a nested list's repr would escape characters ("\\u2028") and so hide
    the number they are part of from detection."""
    if isinstance(value, dict):
        out.update(_flatten_extra(value, set(), prefix=path))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            _flatten_value(out, f"{path}[{i}]", item)
    elif value is not None:
        out[path] = normalize_text(json.dumps(value) if isinstance(value, bool) else str(value))


def _source_id(data: dict, *keys: str) -> str:
    for key in keys:
        value = data.get(key)
        if isinstance(value, (str, int)) and not isinstance(value, bool) and str(value).strip():
            return str(value)
    raise ParseError(f"missing call id (one of {', '.join(repr(k) for k in keys)})")


# ---- Klang API conversation ----------------------------------------------------------------


def _seconds(ts: str) -> float:
    parts = [float(p.replace(",", ".")) for p in ts.split(":")]
    while len(parts) < 3:
        parts.insert(0, 0.0)
    return parts[0] * 3600 + parts[1] * 60 + parts[2]


def parse_transcript_content(content: str) -> list[Segment]:
    """`[hh:mm:ss] Speaker: text` lines, untimed `Speaker: text` lines and continuation lines."""
    segments: list[Segment] = []
    for line in normalize_text(content).splitlines():
        if not line.strip():
            continue
        timed = _TIMED_LINE.match(line)
        untimed = None if timed else _UNTIMED_LINE.match(line)
        if timed:
            speaker = (timed.group("speaker") or "").strip() or None
            segments.append(
                Segment(len(segments), timed.group("text").strip(), speaker=speaker, start=_seconds(timed.group("ts")))
            )
        elif untimed:
            segments.append(
                Segment(len(segments), untimed.group("text").strip(), speaker=untimed.group("speaker").strip())
            )
        elif segments:
            prev = segments[-1]
            prev.text = f"{prev.text} {line.strip()}".strip()
        else:
            segments.append(Segment(0, line.strip()))
    # A timed segment ends where the next one starts.
    for seg, nxt in zip(segments, segments[1:]):
        if seg.start is not None and nxt.start is not None and nxt.start >= seg.start:
            seg.end = nxt.start
    return segments


def _parse_klang(data: dict) -> Call:
    source_id = _source_id(data, "id")
    call = Call(
        call_id=make_call_id("klang", source_id),
        source_id=normalize_text(source_id),
        shape="klang",
        created_at=_time(data, "created_at"),
        updated_at=_time(data, "updated_at"),
        status=status_label(_str(data, "status")),
        title=_str(data, "title"),
        digest=_str(data, "digest"),
        summary=_str(data, "summary"),
        metadata=_flatten_extra(data, _KNOWN_KLANG_KEYS),
    )
    if data.get("folder_id") is not None:
        call.metadata["folder_id"] = _str(data, "folder_id")
    participant_roles: dict[str, str] = {}
    for i, source in enumerate(_list(data, "sources")):
        if not isinstance(source, dict):
            raise ParseError(f"field 'sources[{i}]' must be an object, got {type(source).__name__}")
        kind = _str(source, "type")
        for j, participant in enumerate(_list(source, "participants")):
            name = participant.get("name") if isinstance(participant, dict) else participant
            if name is not None and not isinstance(name, str):
                raise ParseError(f"field 'sources[{i}].participants[{j}].name' must be a string")
            if name and normalize_text(name) not in call.participants:
                call.participants.append(normalize_text(name))
            if name and isinstance(participant, dict) and role_of(participant.get("role") or participant.get("type")):
                participant_roles[normalize_text(name)] = role_of(participant.get("role") or participant.get("type"))
        content = _str(source, "content")
        extra = _flatten_extra(
            source,
            {"type", "content", "participants", "duration_seconds", "language"},
        )
        call.metadata.update({f"sources[{i}]{'' if k.startswith('[') else '.'}{k}": v for k, v in extra.items()})
        if kind == "transcript" and not call.segments:
            call.segments = parse_transcript_content(content)
            call.duration_seconds = _num(source, "duration_seconds")
            call.language = language_label(_str(source, "language"))
        elif content:
            # Documents, notes and further transcripts are free text too: scanned and stored redacted.
            call.metadata[f"sources[{i}].content"] = content
    assign_roles(call.segments, participant_roles)
    return call


# ---- segmented call (Transcribe / Deepgram / CCAI style) ----------------------------------


def _parse_words(raw_words: list, where: str) -> list[Word]:
    words: list[Word] = []
    for k, w in enumerate(raw_words):
        if not isinstance(w, dict):
            raise ParseError(f"field '{where}.words[{k}]' must be an object")
        text = w.get("punctuated_word", w.get("word", w.get("text", w.get("content"))))
        if not isinstance(text, str):
            raise ParseError(f"field '{where}.words[{k}]' has no text ('word', 'text' or 'content')")
        words.append(Word(normalize_text(text), _num(w, "start"), _num(w, "end"), _num(w, "confidence")))
    return words


def _parse_segmented(data: dict) -> Call:
    source_id = _source_id(data, "call_id", "id", "conversation_id")
    call = Call(
        call_id=make_call_id("segmented", source_id),
        source_id=normalize_text(source_id),
        shape="segmented",
        created_at=_time(data, "created_at", "started_at", "start_time"),
        updated_at=_time(data, "updated_at"),
        duration_seconds=_num(data, "duration_seconds") if "duration_seconds" in data else _num(data, "duration"),
        language=language_label(_str(data, "language") or _str(data, "language_code")),
        status=status_label(_str(data, "status")),
        title=_str(data, "title"),
        digest=_str(data, "digest"),
        summary=_str(data, "summary"),
        metadata=_flatten_extra(data, _KNOWN_SEGMENTED_KEYS),
    )
    for j, participant in enumerate(_list(data, "participants")):
        name = participant.get("name") if isinstance(participant, dict) else participant
        if name is not None and not isinstance(name, str):
            raise ParseError(f"field 'participants[{j}].name' must be a string")
        if name:
            call.participants.append(normalize_text(name))
    for i, seg in enumerate(_list(data, "segments")):
        where = f"segments[{i}]"
        if not isinstance(seg, dict):
            raise ParseError(f"field '{where}' must be an object, got {type(seg).__name__}")
        words = _parse_words(_list(seg, "words"), where)
        text = _str(seg, "text") or _str(seg, "transcript") or " ".join(w.text for w in words)
        start, end = _num(seg, "start"), _num(seg, "end")
        if start is not None and end is not None and end < start:
            raise ParseError(f"field '{where}.end' is before its start")
        speaker = _str(seg, "speaker") or _str(seg, "speaker_label") or _str(seg, "channel") or None
        role = role_label(_str(seg, "role") or _str(seg, "participant_role"))
        if not text.strip() and not words:
            continue
        call.segments.append(
            Segment(len(call.segments), text, speaker=speaker, role=role, start=start, end=end, words=words)
        )
    return call
