"""A person's traces outside the tables: raw exports still in retention, and quarantined items.

Neither carries subject tokens, so both are matched two ways, in memory only:
- by call id: a raw record that parses into one of the person's calls (the same deterministic
  `call_id` the tables hold), a quarantine reason record naming one of their calls;
- by content: the identifiers' surface forms (`SubjectMatcher`) in the bytes, the gunzipped bytes
  and every JSON string value, which also catches records that never parsed (quarantined for bad
  JSON, a leak, a detector failure) and so never got a call id.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from redactor.config import Config
from redactor.ingest import parse_record
from redactor.ingest.reader import EXPORT_SUFFIXES, Limits, RawRecord, split_records
from redactor.logs import get_logger
from redactor.rights.identifiers import SubjectMatcher
from redactor.store import open_store_from_config
from redactor.store.atomic import atomic_write
from redactor.store.backend import LocalStore, ObjectInfo, ObjectStore
from redactor.store.lake import Lake

log = get_logger("redactor.rights")

QUARANTINE_PREFIX = "quarantine/"


# ---- raw areas -------------------------------------------------------------------------------
#
# The scheduled job (issue 6) reads exports from landing areas (folders, `s3://bucket/prefix/`)
# and afterwards leaves them there retagged with the short `raw-landing` class (or deletes them,
# `[landing] after_ingest`). The lake itself does not record where they are (the ledger keeps only
# hashed references, as a file name may be personal data), so the areas to search are named:
# `[landing] raw_areas` in the config, plus `--raw URI` on the command line.


def raw_area_uris(config: Config, extra: Iterable[str] = ()) -> list[str]:
    uris = [str(u) for u in config.section("landing").get("raw_areas", []) or []] + [str(u) for u in extra]
    return list(dict.fromkeys(u for u in uris if u))


def open_raw_areas(config: Config, extra: Iterable[str] = ()) -> list[ObjectStore]:
    """The raw areas as stores (S3 ones with the `[store]` options: region guard, SSE)."""
    return [open_store_from_config(config.section("store"), uri) for uri in raw_area_uris(config, extra)]


def raw_objects(store: ObjectStore) -> Iterator[ObjectInfo]:
    """Exports in a raw area: the files the job would read there (regular files: a folder store
    lists no symlinks, so erasure never reads, rewrites or deletes anything outside the area)."""
    for obj in store.list(""):
        name = obj.key.rsplit("/", 1)[-1]
        if name.endswith(EXPORT_SUFFIXES) and not name.startswith("."):
            yield obj


def replace_raw(store: ObjectStore, key: str, data: bytes) -> None:
    """Rewrite a raw export in place, keeping its tags. A folder gets no tag sidecar (the job would
    read a `.x.json.tags.json` beside the export as one more export)."""
    if isinstance(store, LocalStore):
        atomic_write(store.local_path(key), data)
        return
    store.put(key, data, store.tags(key))


def delete_raw(store: ObjectStore, key: str) -> None:
    store.delete(key)  # on a versioned bucket S3Store.delete removes every version


def record_call_id(record: RawRecord) -> str | None:
    if record.error:
        return None
    try:
        return parse_record(record.data, record.raw, record.source_file).call_id
    except Exception:  # noqa: BLE001 - an unparsable record simply has no call id
        return None


@dataclass
class RawMatch:
    store: ObjectStore = field(repr=False)
    key: str
    matched: list[RawRecord] = field(default_factory=list)
    kept: list[RawRecord] = field(default_factory=list)
    gzipped: bool = False

    @property
    def where(self) -> str:
        return f"{self.store.uri.rstrip('/')}/{self.key}"


def match_raw(
    stores: Iterable[ObjectStore],
    call_ids: set[str],
    matcher: SubjectMatcher,
    limits: Limits = Limits(),
    whole_file: bool = False,
) -> list[RawMatch]:
    """Raw exports holding at least one of the person's records, split into theirs and the rest.

    `whole_file` (erasure): a file whose bytes mention the person although none of its records
    does, as split, counts as theirs entirely. Never for exports: it would hand out other people's
    records. An export over `max_export_bytes` (which ingest did not read either) is not loaded."""
    out = []
    for store in stores:
        for obj in raw_objects(store):
            if obj.size > limits.max_export_bytes:
                log.warning("raw export over max_export_bytes not searched", size=obj.size)
                continue
            key = obj.key
            data = store.get(key)
            m = RawMatch(store, key, gzipped=data[:2] == b"\x1f\x8b")
            for rec in split_records(key, data, limits):
                mine = record_call_id(rec) in call_ids or matcher.in_bytes(rec.raw)
                (m.matched if mine else m.kept).append(rec)
            if whole_file and not m.matched and matcher.in_bytes(data):
                m.matched, m.kept = m.kept, []
            if m.matched:
                out.append(m)
    return out


def remaining_bytes(m: RawMatch) -> bytes:
    """The export without the person's records, as JSON Lines (gzipped again if it was)."""
    body = b"".join(r.raw.rstrip(b"\n") + b"\n" for r in m.kept)
    return gzip.compress(body, mtime=0) if m.gzipped else body


@dataclass
class QuarantineMatch:
    base: str  # quarantine/date=.../<id>
    keys: list[str]
    reason: dict | None = None
    payload: bytes = field(default=b"", repr=False)


def match_quarantine(
    lake: Lake, call_ids: set[str], matcher: SubjectMatcher, detector_match=None
) -> list[QuarantineMatch]:
    """Quarantined items (reason record + payload) that are the person's.

    `detector_match(text) -> bool`, when given, is a second opinion from the current detector: it
    finds spoken or oddly split forms of the identifiers that no fixed pattern anticipates.
    """
    items: dict[str, list[str]] = {}
    for obj in lake.store.list(QUARANTINE_PREFIX):
        base = obj.key.rsplit(".", 1)[0] if obj.key.endswith((".json", ".payload")) else obj.key
        items.setdefault(base, []).append(obj.key)
    out = []
    for base, keys in sorted(items.items()):
        reason = None
        payload = b""
        mine = False
        for key in keys:
            data = lake.store.get(key)
            if key.endswith(".json"):
                try:
                    reason = json.loads(data)
                except ValueError:
                    reason = None
                if reason and reason.get("call_id") in call_ids:
                    mine = True
            else:
                payload = data
            if not mine and matcher.in_bytes(data):
                mine = True
        if not mine and detector_match is not None and payload:
            mine = detector_match(payload)
        if mine:
            out.append(QuarantineMatch(base, sorted(keys), reason, payload))
    return out


def detector_matcher(detector, identifiers, max_chars: int = 1_000_000):
    """A `detector_match` for `match_quarantine`: run the current detector over the payload's text
    and compare the canonical form of every identifier it finds with the person's."""
    from recognizers import canonical_value
    from redactor.rights.identifiers import texts_of

    wanted = {(i.entity, i.canonical) for i in identifiers}
    entities = {e for e, _ in wanted}

    def match(payload: bytes) -> bool:
        text = texts_of(payload)[-1][:max_chars]
        try:
            found = detector.detect(text)
        except Exception:  # noqa: BLE001 - the pattern scan already ran; this is a second opinion
            return False
        return any(
            d.entity_type in entities
            and (d.entity_type, canonical_value(d.entity_type, text[d.start : d.end])) in wanted
            for d in found
        )

    return match


def lazy_detector_matcher(config: Config, identifiers) -> Callable[[bytes], bool]:
    """`detector_matcher` with a detector built from `config` on the first payload: spaCy loads
    only if a quarantined payload needs it."""
    state: dict = {}

    def match(payload: bytes) -> bool:
        if "fn" not in state:
            from redactor.detect import Detector

            state["fn"] = detector_matcher(Detector.from_config(config), identifiers)
        return state["fn"](payload)

    return match
