"""Reprocess history with the current pipeline: from raw exports in retention, or from redacted rows.

- `--from raw` re-runs the whole pipeline on the raw exports still kept (`raw-landing` class) and
  replaces those calls' rows. Calls erased by a data-subject request are never brought back, even
  if a copy of their export were still around.
- `--from redacted` re-scans the stored, already-redacted text with the current detector and
  redacts further. It can only remove information: replacement tokens (`<PERSON_1>`,
  `<SE_PERSONNUMMER:3f9a1c2b7d>`) are swapped for same-length private-use placeholders before
  detection, no detection may touch them, and they are put back unchanged afterwards. Old findings
  keep their pipeline version (offsets moved to the new text); new findings, the segments and the
  call row carry the current one. Works on data of any age.

Replacement is one commit of the lake's transaction protocol (`redactor.store.txn`) per call date,
all three tables in it: a reader sees a date's old rows or its new rows, never both or neither.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from dataclasses import replace as dc_replace
from datetime import UTC, date, datetime
from difflib import SequenceMatcher
from typing import Any

import pyarrow as pa

from redactor.detect import Detection
from redactor.domain import Call, Finding, Quarantined, RedactedCall, Segment, Word
from redactor.errors import RedactorError
from redactor.ingest import parse_record
from redactor.ingest.reader import Limits, RawRecord, split_records, unread_export
from redactor.pipeline import Pipeline
from redactor.rights.erase import erased_call_ids
from redactor.rights.find import partition_of, read_parquet
from redactor.rights.raw import raw_objects
from redactor.store.backend import ObjectStore
from redactor.store.lake import Lake
from redactor.store.snapshot import Snapshot
from redactor.store.tables import build_tables, call_date
from redactor.store.txn import Transaction
from redactor.transform.call import LeakError, ScanUnits, scan_units, transform_call

# A replacement the pipeline wrote: <ENTITY> or <ENTITY:hex>.
TOKEN = re.compile(r"<[A-Z][A-Z0-9_]*(?::[0-9a-f]{4,64})?>")
_PUA_FIRST, _PUA_LAST = 0xE000, 0xF8FF
_PUA = re.compile("[\ue000-\uf8ff]")
WRITE_ORDER = ("findings", "segments", "calls")


class RescanError(RedactorError):
    """A call could not be re-scanned safely; its rows stay as they are."""


@dataclass
class ReprocessReport:
    source: str
    since: date | None
    until: date | None
    dry_run: bool
    pipeline_version: str
    calls_seen: int = 0
    calls_rewritten: int = 0
    calls_added: int = 0
    calls_current: int = 0  # already produced by this pipeline version (redacted path)
    calls_failed: int = 0
    calls_skipped_erased: int = 0
    calls_changed: int = 0  # whose findings change (or that are new): what a dry run says would change
    partitions_rewritten: int = 0
    failures: Counter[str] = field(default_factory=Counter)
    before: Counter[str] = field(default_factory=Counter)
    after: Counter[str] = field(default_factory=Counter)
    added: Counter[str] = field(default_factory=Counter)
    dropped: Counter[str] = field(default_factory=Counter)

    def as_dict(self) -> dict[str, Any]:
        entities = sorted(set(self.before) | set(self.after))
        return {
            "source": self.source,
            "since": self.since.isoformat() if self.since else None,
            "until": self.until.isoformat() if self.until else None,
            "dry_run": self.dry_run,
            "pipeline_version": self.pipeline_version,
            "calls_seen": self.calls_seen,
            "calls_rewritten": self.calls_rewritten,
            "calls_added": self.calls_added,
            "calls_current": self.calls_current,
            "calls_failed": self.calls_failed,
            "calls_skipped_erased": self.calls_skipped_erased,
            "calls_changed": self.calls_changed,
            "partitions_rewritten": self.partitions_rewritten,
            "failures": dict(sorted(self.failures.items())),
            "findings": {
                e: {
                    "before": self.before[e],
                    "after": self.after[e],
                    "added": self.added[e],
                    "dropped": self.dropped[e],
                }
                for e in entities
            },
        }

    def count(self, old: Counter[str], new: Counter[str], is_new: bool = False) -> None:
        self.calls_changed += is_new or +old != +new
        self.before.update(old)
        self.after.update(new)
        for e in set(old) | set(new):
            diff = new[e] - old[e]
            if diff > 0:
                self.added[e] += diff
            elif diff < 0:
                self.dropped[e] -= diff


# ---- reading a partition back into calls ----------------------------------------------------


def _map(value: Iterable[tuple[str, str]] | None) -> dict[str, str]:
    return dict(value or [])


def _rows(lake: Lake, table: str, day: date, snap: Snapshot | None = None) -> list[dict[str, Any]]:
    """A table's rows of one date, from one snapshot when given (all tables at the same instant)."""
    keys = snap.live_keys(table, day, day) if snap is not None else lake.live_files(table, since=day, until=day)
    return [r for key in keys for r in read_parquet(lake, key).to_pylist()]


def call_from_rows(row: dict[str, Any], segments: list[dict[str, Any]]) -> Call:
    segs = [
        Segment(
            index=s["segment_index"],
            text=s["text"] or "",
            speaker=s["speaker"],
            role=s["role"],
            start=s["start_seconds"],
            end=s["end_seconds"],
            words=[Word(w["text"], w["start"], w["end"], w["confidence"]) for w in (s["words"] or [])],
        )
        for s in sorted(segments, key=lambda s: s["segment_index"])
    ]
    return Call(
        call_id=row["call_id"],
        source_id=row["source_id"] or "",
        shape=row["shape"] or "",
        created_at=row["created_at"],
        updated_at=row["updated_at"],
        duration_seconds=row["duration_seconds"],
        language=row["language"],
        status=row["status"],
        title=row["title"] or "",
        digest=row["digest"] or "",
        summary=row["summary"] or "",
        participants=list(row["participants"] or []),
        metadata=_map(row["metadata"]),
        segments=segs,
        source_file=row["source_file"] or "",
        content_hash=row["content_hash"] or "",
    )


def finding_from_row(r: dict[str, Any]) -> Finding:
    return Finding(
        field=r["field"],
        entity_type=r["entity_type"],
        start=r["start"],
        end=r["end"],
        score=r["score"],
        recognizer=r["recognizer"],
        audio_start=r["audio_start"],
        audio_end=r["audio_end"],
    )


# ---- protecting replacement tokens ---------------------------------------------------------


def _all_strings(call: Call) -> Iterable[str]:
    yield from call.text_fields().values()
    yield call.source_id
    yield call.source_file
    for seg in call.segments:
        for w in seg.words:
            yield w.text


def _apply(call: Call, fn: Callable[[str], str]) -> None:
    """Apply a string function to every free-text field of a call, in place."""
    call.title, call.digest, call.summary = fn(call.title), fn(call.digest), fn(call.summary)
    call.source_id, call.source_file = fn(call.source_id), fn(call.source_file)
    call.participants = [fn(p) for p in call.participants]
    call.metadata = {fn(k): fn(v) for k, v in call.metadata.items()}
    for seg in call.segments:
        seg.text = fn(seg.text)
        seg.speaker = fn(seg.speaker) if seg.speaker is not None else None
        seg.words = [dc_replace(w, text=fn(w.text)) for w in seg.words]


def protect(call: Call) -> dict[str, str]:
    """Swap every replacement token for a same-length run of one private-use character, in place.

    Same length keeps every offset valid; a private-use character is neither a letter nor a digit,
    so no recognizer matches it. Returns placeholder -> token for `restore`.
    """
    if any(_PUA.search(s) for s in _all_strings(call)):
        raise RescanError("text holds private-use characters; cannot protect tokens")
    tokens = sorted({m.group() for s in _all_strings(call) for m in TOKEN.finditer(s)})
    if len(tokens) > _PUA_LAST - _PUA_FIRST:
        raise RescanError("too many distinct replacement tokens in one call")
    forward = {t: chr(_PUA_FIRST + i) * len(t) for i, t in enumerate(tokens)}
    if forward:
        _apply(call, lambda s: TOKEN.sub(lambda m: forward[m.group()], s))
    return {v: k for k, v in forward.items()}


def restore(call: Call, back: dict[str, str]) -> None:
    if not back:
        return
    pattern = re.compile("|".join(re.escape(p) for p in sorted(back, key=len, reverse=True)))
    _apply(call, lambda s: pattern.sub(lambda m: back[m.group()], s))


def trim_protected(text: str, det: Detection) -> list[Detection]:
    """The parts of a detection outside placeholders, stripped; a detection inside one vanishes."""
    out = []
    pos = det.start
    for m in list(_PUA.finditer(text, det.start, det.end)) + [None]:
        stop = m.start() if m else det.end
        chunk = text[pos:stop]
        lead = len(chunk) - len(chunk.lstrip(" \t\n,.;:"))
        trail = len(chunk.rstrip(" \t\n,.;:"))
        if trail > lead and any(ch.isalnum() for ch in chunk[lead:trail]):
            out.append(dc_replace(det, start=pos + lead, end=pos + trail))
        if m:
            pos = m.end()
    return out


def _remap(old: str, new: str, start: int, end: int) -> tuple[int, int]:
    """Where a span of the old text stands in the new (the new one = old with spans replaced)."""
    if old == new:
        return start, end
    ops = SequenceMatcher(None, old, new, autojunk=False).get_opcodes()

    def at(p: int, is_end: bool) -> int:
        for tag, i1, i2, j1, j2 in ops:
            if i1 <= p < i2 or (is_end and p == i2 and i2 > i1):
                return j1 + (p - i1) if tag == "equal" else (j2 if is_end else j1)
        return len(new)

    return at(start, False), at(end, True)


def _field_texts(call: Call) -> dict[str, str]:
    texts = dict(call.text_fields())
    texts["source_id"] = call.source_id
    texts["source_file"] = call.source_file.rsplit("/", 1)[-1]
    return texts


# ---- re-scanning redacted calls -------------------------------------------------------------

# A call ready to re-scan: (stored call, its finding rows, its tokens, working copy, token map, scan units).
_Prepared = tuple[Call, list[dict[str, Any]], list[str], Call, dict[str, str], ScanUnits]


def rescan(
    pipeline: Pipeline, calls: list[tuple[Call, list[dict[str, Any]], list[str]]]
) -> list[RedactedCall | RescanError]:
    """Detect again over already-redacted calls and redact what is new. Input per call: the call as
    stored, its finding rows, its subject tokens."""
    prepared: list[_Prepared | RescanError] = []
    for call, finding_rows, tokens in calls:
        try:
            work = Call(**{**call.__dict__})  # shallow copy; _apply replaces lists/dicts, never mutates them
            work.segments = [dc_replace(s, words=list(s.words)) for s in call.segments]
            back = protect(work)
            prepared.append((call, finding_rows, tokens, work, back, scan_units(work)))
        except RescanError as exc:
            prepared.append(exc)
    live = [p for p in prepared if not isinstance(p, RescanError)]
    dets = pipeline.detect_units([p[5] for p in live])
    for i, p in enumerate(live):
        texts = p[5].texts
        dets[i] = {name: [t for d in ds for t in trim_protected(texts[name], d)] for name, ds in dets[i].items()}

    results: list[RedactedCall | RescanError] = []
    it = iter(zip(live, dets))
    for entry in prepared:
        if isinstance(entry, RescanError):
            results.append(entry)
            continue
        (call, finding_rows, tokens, work, back, units), call_dets = next(it)
        try:
            rc = transform_call(
                work,
                units,
                call_dets,
                pipeline.policy,
                pipeline.pseudonymiser,
                pipeline.version,
                taken=list(back.values()),
            )
        except LeakError as exc:
            results.append(RescanError(str(exc)))
            continue
        except Exception as exc:  # noqa: BLE001 - fail closed: keep the old rows
            results.append(RescanError(f"transform failed ({type(exc).__name__})"))
            continue
        restore(rc.call, back)
        old_texts, new_texts = _field_texts(call), _field_texts(rc.call)
        old = []
        for r in finding_rows:
            f = finding_from_row(r)
            if f.field in old_texts and f.field in new_texts:
                s, e = _remap(old_texts[f.field], new_texts[f.field], f.start, f.end)
                f = dc_replace(f, start=s, end=e)
            old.append((f, r["pipeline_version"]))
        rc.subject_tokens = sorted(set(tokens) | set(rc.subject_tokens))
        rc.findings = [f for f, _ in old] + rc.findings
        rc.finding_versions = [v for _, v in old] + [pipeline.version] * (len(rc.findings) - len(old))
        results.append(rc)
    return results


def _tables(rcs: list[RedactedCall]) -> dict[str, pa.Table]:
    tables = build_tables(rcs)
    versions = [v for rc in rcs for v in (rc.finding_versions or [rc.pipeline_version] * len(rc.findings))]
    f = tables["findings"]
    idx = f.schema.get_field_index("pipeline_version")
    tables["findings"] = f.set_column(idx, "pipeline_version", pa.array(versions, pa.string()))
    return tables


def _iso(dt: datetime | None) -> str:
    return dt.astimezone(UTC).isoformat() if dt else ""


def _write_day(lake: Lake, day: date, rcs: list[RedactedCall], report: ReprocessReport) -> None:
    """One commit: these calls' rows in all three tables swapped for the new ones.

    A replaced call's new rows keep the expiry date of the file its old row was in (reprocessing
    never extends retention); a call new to the lake gets the usual one. A call the ledger places
    on another date (its date moved) leaves that partition in the same commit.
    """
    from redactor.store.txn import with_retry

    latest: dict[str, RedactedCall] = {}
    for rc in rcs:  # one version per call, the last delivered wins
        latest.pop(rc.call.call_id, None)
        latest[rc.call.call_id] = rc
    rcs = list(latest.values())
    tables = _tables(rcs)
    ids = set(latest)
    day_s = day.isoformat()

    def apply(txn: Transaction) -> dict[str, Any]:
        expiry: dict[str, str] = {}
        for entry in txn.entries("calls", day_s):
            held = ids.intersection(txn.w.read_file(entry.key).column("call_id").to_pylist())
            for cid in held:
                if entry.expires_on and (cid not in expiry or entry.expires_on < expiry[cid]):
                    expiry[cid] = entry.expires_on
        elsewhere: dict[str, set[str]] = defaultdict(set)
        for cid in ids:
            known = txn.w.ledger.calls.get(cid)
            if known is not None and known.day and known.day != day_s:
                elsewhere[known.day].add(cid)
        counts: Counter[str] = Counter()
        for other, moved in sorted(elsewhere.items()):
            for name in WRITE_ORDER:
                counts["rows_dropped"] += int(
                    txn.rewrite_partition(name, other, drop_call_ids=moved).get("rows_dropped", 0)
                )
        for name in WRITE_ORDER:
            counts["rows_dropped"] += int(txn.rewrite_partition(name, day_s, drop_call_ids=ids).get("rows_dropped", 0))
            table = tables[name]
            col = table.column("call_id").to_pylist()
            for exp in sorted({expiry.get(c) or "" for c in col}):
                mask = pa.array([(expiry.get(c) or "") == exp for c in col])
                part = table.filter(mask)
                txn.add_rows(name, day_s, part, expires_on=exp or None)
                counts["rows_added"] += part.num_rows
        for rc in rcs:
            txn.record(
                {
                    "kind": "call",
                    "key": rc.call.call_id,
                    "day": day_s,
                    "sha": rc.call.content_hash,
                    "updated": _iso(rc.call.updated_at),
                    "pv": rc.pipeline_version,
                }
            )
        return dict(counts)

    with_retry(lake, "reprocess", apply, purge=True)
    report.partitions_rewritten += 1


def _as_writer(lake: Lake, pipeline: Pipeline) -> Lake:
    """The same lake, tagging what it writes with the version doing the writing."""
    return Lake(lake.store, dc_replace(lake.retention, pipeline_version=pipeline.version))


def _partition_days(lake: Lake, since: date | None, until: date | None) -> list[date]:
    return sorted({d for k in lake.live_files("calls", since=since, until=until) if (d := partition_of(k))})


def reprocess_redacted(
    lake: Lake, pipeline: Pipeline, since: date | None, until: date | None, dry_run: bool = False, force: bool = False
) -> ReprocessReport:
    report = ReprocessReport("redacted", since, until, dry_run, pipeline.version)
    lake = _as_writer(lake, pipeline)
    for day in _partition_days(lake, since, until):
        snap = lake.snapshot()
        calls = _rows(lake, "calls", day, snap)
        segs, finds = defaultdict(list), defaultdict(list)
        for r in _rows(lake, "segments", day, snap):
            segs[r["call_id"]].append(r)
        for r in _rows(lake, "findings", day, snap):
            finds[r["call_id"]].append(r)
        todo = []
        for row in calls:
            report.calls_seen += 1
            if row["pipeline_version"] == pipeline.version and not force:
                report.calls_current += 1
                continue
            todo.append(
                (call_from_rows(row, segs[row["call_id"]]), finds[row["call_id"]], list(row["subject_tokens"] or []))
            )
        done: list[RedactedCall] = []
        for start in range(0, len(todo), pipeline.batch_size):
            batch = todo[start : start + pipeline.batch_size]
            for (_call, frows, _), res in zip(batch, rescan(pipeline, batch)):
                if isinstance(res, RescanError):
                    report.calls_failed += 1
                    report.failures[str(res)] += 1
                    continue
                old = Counter(r["entity_type"] for r in frows)
                report.count(old, Counter(f.entity_type for f in res.findings))
                done.append(res)
        if done and not dry_run:
            _write_day(lake, day, done, report)
        report.calls_rewritten += 0 if dry_run else len(done)
    return report


# ---- from raw --------------------------------------------------------------------------------


def raw_records(
    stores: list[ObjectStore], since: date | None, until: date | None, limits: Limits
) -> Iterable[RawRecord]:
    """Raw records whose call falls in [since, until]; unparsable ones only without a date filter."""
    for store in stores:
        for obj in raw_objects(store):
            key = obj.key
            too_large = obj.size > limits.max_export_bytes
            records = [unread_export(key, limits)] if too_large else split_records(key, store.get(key), limits)
            for rec in records:
                if since is None and until is None:
                    yield rec
                    continue
                try:
                    call = parse_record(rec.data, rec.raw, key) if not rec.error else None
                except Exception:  # noqa: BLE001
                    call = None
                if call is None:
                    continue  # no date to place it by; it was quarantined when it landed
                assert call.created_at is not None  # parse_record guarantees it
                day = call.created_at.astimezone(UTC).date()
                if (since is None or day >= since) and (until is None or day <= until):
                    yield rec


def reprocess_raw(
    lake: Lake,
    pipeline: Pipeline,
    since: date | None,
    until: date | None,
    dry_run: bool = False,
    raw_stores: Sequence[ObjectStore] = (),
) -> ReprocessReport:
    report = ReprocessReport("raw", since, until, dry_run, pipeline.version)
    lake = _as_writer(lake, pipeline)
    erased = erased_call_ids(lake)
    by_day: dict[date, list[RedactedCall]] = defaultdict(list)
    for res in pipeline.process(raw_records(list(raw_stores), since, until, pipeline.limits)):
        report.calls_seen += 1
        if isinstance(res, Quarantined):
            if res.call_id in erased:
                report.calls_skipped_erased += 1
                continue
            report.calls_failed += 1
            report.failures[res.stage] += 1
            if not dry_run:
                lake.quarantine(res)
            continue
        if res.call.call_id in erased:
            report.calls_skipped_erased += 1
            continue
        by_day[call_date(res)].append(res)
    for day, rcs in sorted(by_day.items()):
        ids = {rc.call.call_id for rc in rcs}
        old: dict[str, Counter[str]] = defaultdict(Counter)
        present: set[str] = set()
        for r in _rows(lake, "calls", day):
            if r["call_id"] in ids:
                present.add(r["call_id"])
        for r in _rows(lake, "findings", day):
            if r["call_id"] in ids:
                old[r["call_id"]][r["entity_type"]] += 1
        for rc in rcs:
            report.count(
                old[rc.call.call_id], Counter(f.entity_type for f in rc.findings), is_new=rc.call.call_id not in present
            )
        report.calls_added += len(ids - present)
        if not dry_run:
            _write_day(lake, day, rcs, report)
            report.calls_rewritten += len(present & ids)
    return report


def dry_run_table(report: ReprocessReport) -> str:
    """A dry run for a person to read: per entity type the findings before and after, then the calls."""
    d = report.as_dict()
    window = f"{d['since'] or 'first'} .. {d['until'] or 'last'}"
    rows = [("entity type", "before", "after", "added", "dropped")]
    rows += [
        (e, str(v["before"]), str(v["after"]), f"+{v['added']}", f"-{v['dropped']}") for e, v in d["findings"].items()
    ]
    widths = [max(len(r[i]) for r in rows) for i in range(5)]
    lines = [f"dry run, from {d['source']}, call dates {window}, pipeline {d['pipeline_version']}: nothing written", ""]
    for n, r in enumerate(rows):
        lines.append("  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(r, widths))))
        if n == 0:
            lines.append("  ".join("-" * w for w in widths))
    if len(rows) == 1:
        lines.append("(no findings in these calls)")
    lines += [
        "",
        f"calls looked at: {d['calls_seen']}; would change: {d['calls_changed']}"
        + (f" ({d['calls_added']} new to the lake)" if d["calls_added"] else "")
        + f"; already current: {d['calls_current']}; would fail and keep their rows: {d['calls_failed']}"
        + (f"; erased, skipped: {d['calls_skipped_erased']}" if d["calls_skipped_erased"] else ""),
    ]
    return "\n".join(lines)
