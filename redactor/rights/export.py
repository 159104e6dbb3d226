"""Access and portability (GDPR art. 15 and 20): everything stored about one person, as JSON.

The export holds their calls' redacted rows from all three tables, the raw exports of their calls
still in retention (only their own records, not the rest of a shared export file), and quarantined
items that are theirs. Restricted calls are included: restriction limits processing, not access.
"""

from __future__ import annotations

import json
from datetime import date, datetime

from redactor import __version__
from redactor.rights.audit import now_utc, write_audit
from redactor.rights.find import find_calls, read_parquet
from redactor.rights.identifiers import SubjectRequest
from redactor.rights.raw import match_quarantine, match_raw
from redactor.store.lake import Lake
from redactor.store.tables import TABLES


def _plain(value):
    """Arrow's Python values as JSON: map columns (lists of pairs) become objects."""
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if isinstance(value, list) and value and all(isinstance(v, tuple) and len(v) == 2 for v in value):
        return {k: _plain(v) for k, v in value}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def _record_json(raw: bytes):
    try:
        return json.loads(raw)
    except ValueError:
        return raw.decode("utf-8", errors="replace")


def export_subject(lake: Lake, request: SubjectRequest, detector_match=None, raw_stores=()) -> dict:
    calls = find_calls(lake, request.tokens)
    ids = {c.call_id for c in calls}
    by_id: dict[str, dict] = {c.call_id: {**c.as_dict(), **{t: [] for t in TABLES}} for c in calls}
    for table in TABLES:
        for day in sorted({c.call_date for c in calls}, key=lambda d: d or date.min):
            for key in lake.live_files(table, since=day, until=day):
                t = read_parquet(lake, key)
                for row in t.to_pylist():
                    if row["call_id"] in ids:
                        by_id[row["call_id"]][table].append({k: _plain(v) for k, v in row.items()})
    for entry in by_id.values():
        entry["calls"] = entry["calls"][0] if len(entry["calls"]) == 1 else entry["calls"]
        entry["segments"].sort(key=lambda r: r["segment_index"])

    raw = [
        {"where": m.where, "record_index": r.index, "record": _record_json(r.raw)}
        for m in match_raw(raw_stores, ids, request.matcher())
        for r in m.matched
    ]
    quarantined = [
        {"key": q.base, "reason": q.reason, "payload": _record_json(q.payload) if q.payload else None}
        for q in match_quarantine(lake, ids, request.matcher(), detector_match)
    ]
    write_audit(
        lake,
        "export",
        request.request_id,
        {
            "tokens": request.tokens,
            "call_ids": sorted(ids),
            "raw_records": len(raw),
            "quarantined": len(quarantined),
        },
    )
    return {
        "generated_at": now_utc().isoformat(),
        "generator": f"klang-redactor {__version__}",
        "store": lake.store.uri,
        "request": {"request_id": request.request_id, "tokens": request.tokens},
        "calls": [by_id[c.call_id] for c in calls],
        "raw_exports": raw,
        "quarantined": quarantined,
    }
