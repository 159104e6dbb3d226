"""What an operator checks first (`redactor status`), read-only.

The last runs (from their reports in `_runs/`), the lake's snapshot version and size, who holds
the lease, the quarantine by stage, exports waiting in the given landing areas, what expires in
the next days, and whether the pseudonymisation key and the company's own identifiers are
configured. Counts, ids, times and our own object keys only: never a file name or a value.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import UTC, date, datetime, timedelta
from typing import Any

from redactor.config import Config
from redactor.store.lake import Lake

RUN_FIELDS = ("run_id", "status", "started_at", "finished_at", "seconds", "calls_read", "calls_written", "quarantined")


def _run_keys(lake: Lake, n: int, today: date) -> list[str]:
    """Report keys, newest first: the last week's day prefixes if they hold `n`, else all (96 runs a
    day for years is a long listing)."""
    from redactor.jobs.report import RUNS_PREFIX

    def newest_first(keys: Iterable[str]) -> list[str]:
        return sorted(
            (k for k in keys if k.endswith(".json")),
            key=lambda k: (k.split("/")[1], k.rsplit("/", 1)[-1]),
            reverse=True,
        )

    recent: list[str] = []
    for back in range(7):
        day = (today - timedelta(days=back)).isoformat()
        recent += newest_first(o.key for o in lake.store.list(f"{RUNS_PREFIX}date={day}/"))
        if len(recent) >= n:
            return recent
    return newest_first(o.key for o in lake.store.list(RUNS_PREFIX))


def last_runs(lake: Lake, n: int, today: date | None = None) -> list[dict[str, Any]]:
    """The newest `n` run reports, newest first (run ids start with their UTC start time)."""
    keys = _run_keys(lake, n, today or datetime.now(UTC).date())
    out = []
    for key in keys[:n]:
        try:
            doc = json.loads(lake.store.get(key))
        except ValueError:
            continue
        out.append(
            {
                **{f: doc.get(f) for f in RUN_FIELDS},
                "warnings": len(doc.get("warnings") or []),
                "errors": len(doc.get("errors") or []),
                "report_key": key,
            }
        )
    return out


def lease_holder(lake: Lake) -> dict[str, Any] | None:
    from redactor.store.lease import LEASE_KEY, Lease

    if not lake.store.exists(LEASE_KEY):
        return None
    try:
        doc = json.loads(lake.store.get(LEASE_KEY))
    except ValueError:
        return {"unreadable": True}
    return {
        **{k: doc.get(k) for k in ("operation", "run_id", "host", "pid", "acquired_at", "expires_at")},
        "expired": Lease.expired(doc),
    }


def lake_summary(lake: Lake, today: date, horizon_days: int) -> tuple[dict[str, Any], dict[str, Any]]:
    """Snapshot version and live tables; and the table files expiring within the horizon."""
    snap = lake.snapshot()
    limit = (today + timedelta(days=horizon_days)).isoformat()
    tables: dict[str, Any] = {}
    expiring: dict[str, Any] = {"files": 0, "bytes": 0, "by_table": {}}
    for table, days in sorted(snap.files.items()):
        entries = [e for es in days.values() for e in es if not e.expires_on or e.expires_on >= today.isoformat()]
        tables[table] = {
            "files": len(entries),
            "rows": sum(e.rows for e in entries),
            "bytes": sum(e.bytes for e in entries),
            "partitions": len(days),
        }
        soon = [e for e in entries if e.expires_on and e.expires_on <= limit]
        if soon:
            expiring["by_table"][table] = {
                "files": len(soon),
                "rows": sum(e.rows for e in soon),
                "bytes": sum(e.bytes for e in soon),
                "first": min(e.expires_on for e in soon),
            }
            expiring["files"] += len(soon)
            expiring["bytes"] += sum(e.bytes for e in soon)
    lake_doc = {
        "version": snap.version,
        "committed_at": snap.committed_at or None,
        "operation": snap.operation or None,
        "tables": tables,
    }
    return lake_doc, expiring


def pending_exports(lake: Lake, config: Config, specs: list[str], now: datetime) -> dict[str, Any]:
    """Exports in these landing areas that the ledger does not record as done (same fingerprint)."""
    from redactor.jobs.ingest import build_sources
    from redactor.store.snapshot import load_ledger

    ledger = load_ledger(lake.store, lake.snapshot())
    waiting, oldest = 0, None
    skipped = []
    for src in build_sources(specs, config):
        if src.kind == "klang":
            skipped.append("klang")  # status never calls the API
            continue
        for exp in src.exports():
            prev = ledger.exports.get(exp.ref)
            if prev is not None and prev.fp == exp.fingerprint:
                continue
            waiting += 1
            if exp.modified is not None and (oldest is None or exp.modified < oldest):
                oldest = exp.modified
    doc: dict[str, Any] = {"waiting": waiting, "oldest_landed_at": None, "oldest_age_hours": None}
    if oldest is not None:
        at = datetime.fromtimestamp(oldest, UTC)
        doc.update(
            oldest_landed_at=at.isoformat(timespec="seconds"),
            oldest_age_hours=round((now - at).total_seconds() / 3600, 1),
        )
    if skipped:
        doc["not_checked"] = skipped
    return doc


def configuration(config: Config, lake: Lake) -> dict[str, Any]:
    from redactor.rights.find import KEY_CHECK_KEY
    from redactor.transform import KeyError_, load_key

    try:
        key = "configured" if load_key(config.section("pseudonymise").get("key_file") or None) else "missing"
    except KeyError_ as exc:
        key = f"unusable: {exc}"
    return {
        "pseudonym_key": key,
        "subject_index_key_recorded": lake.store.exists(KEY_CHECK_KEY),
        "allowlist_values": len(config.section("allowlist").get("values") or []),
        "company_profile": bool(config.section("company").get("profile")),
        "config": config.source,
    }


def collect(
    lake: Lake,
    config: Config,
    sources: list[str],
    *,
    runs: int = 5,
    horizon_days: int = 30,
    now: datetime | None = None,
) -> dict[str, Any]:
    from redactor.jobs.quarantine import age_days, list_items, oldest, stage_counts

    now = now or datetime.now(UTC)
    today = now.date()
    lake_doc, expiring = lake_summary(lake, today, horizon_days)
    items = list_items(lake, with_expiry=True)
    limit = (today + timedelta(days=horizon_days)).isoformat()
    q_soon = [i for i in items if i.expires_on and i.expires_on <= limit]
    expiring["quarantine_items"] = len(q_soon)
    expiring["bytes"] += sum(i.payload_bytes for i in q_soon)
    first = oldest(items)
    doc: dict[str, Any] = {
        "store": lake.store.uri,
        "as_of": now.isoformat(timespec="seconds"),
        "runs": last_runs(lake, runs, today),
        "lake": lake_doc,
        "lease": lease_holder(lake),
        "quarantine": {
            "count": len(items),
            "by_stage": stage_counts(items),
            "oldest_at": first,
            "oldest_age_days": age_days(first, today),
        },
        "expiring": {"within_days": horizon_days, **expiring},
        "configuration": configuration(config, lake),
    }
    if sources:
        doc["landing"] = pending_exports(lake, config, sources, now)
    doc["attention"] = attention(doc)
    return doc


def attention(doc: dict[str, Any]) -> list[str]:
    """What needs a human, in words (empty when all is well)."""
    notes = []
    runs = doc["runs"]
    if not runs:
        notes.append("no run report in the store yet")
    elif runs[0]["status"] not in ("ok", "partial"):
        notes.append(f"the last run ended {runs[0]['status']}")
    lease = doc["lease"]
    if lease and lease.get("expired"):
        notes.append("an expired lease is left in the store (a crashed run; the next run takes it over)")
    q = doc["quarantine"]
    if q["count"]:
        notes.append(
            f"{q['count']} item(s) in quarantine, oldest {q['oldest_age_days']} day(s): `redactor quarantine list`"
        )
    if doc["configuration"]["pseudonym_key"] != "configured":
        notes.append("no usable pseudonymisation key: the subject index stays empty")
    if not doc["configuration"]["allowlist_values"] and not doc["configuration"]["company_profile"]:
        notes.append(
            "no company profile or [allowlist] values: the company's own numbers are redacted as personal data"
        )
    landing = doc.get("landing")
    if landing and landing["waiting"]:
        notes.append(f"{landing['waiting']} export(s) waiting in the landing area")
    return notes


def _size(n: float) -> str:
    for unit in ("B", "kB", "MB", "GB"):
        if n < 1000 or unit == "GB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1000
    return str(n)


def render(doc: dict[str, Any]) -> str:
    lines = [f"store {doc['store']}  (as of {doc['as_of']})"]
    lake = doc["lake"]
    tables = ", ".join(f"{t} {v['rows']} rows/{v['files']} files" for t, v in lake["tables"].items()) or "empty"
    lines.append(
        f"lake     version {lake['version']} ({lake['operation'] or '-'} at {lake['committed_at'] or '-'}); {tables}"
    )
    lease = doc["lease"]
    lines.append(
        "lease    free"
        if lease is None
        else f"lease    {lease.get('operation')} run {lease.get('run_id')} on {lease.get('host')} pid "
        f"{lease.get('pid')} until {lease.get('expires_at')}{' (EXPIRED)' if lease.get('expired') else ''}"
    )
    lines.append("runs")
    for r in doc["runs"]:
        lines.append(
            f"  {r['started_at'] or '?':<32} {r['status']:<8} read {r['calls_read']:>6}  stored "
            f"{r['calls_written']:>6}  quarantined {r['quarantined']:>4}  {r['seconds'] or 0:.1f} s"
            + (f"  {r['warnings']} warning(s)" if r["warnings"] else "")
        )
    if not doc["runs"]:
        lines.append("  none")
    q = doc["quarantine"]
    by_stage = ", ".join(f"{k} {v}" for k, v in q["by_stage"].items())
    lines.append(f"quarantine {q['count']} item(s)" + (f" ({by_stage}; oldest {q['oldest_at']})" if q["count"] else ""))
    e = doc["expiring"]
    lines.append(
        f"expiring within {e['within_days']} days: {e['files']} table file(s), {e['quarantine_items']} "
        f"quarantined item(s), {_size(e['bytes'])}"
    )
    if "landing" in doc:
        la = doc["landing"]
        lines.append(
            f"landing  {la['waiting']} export(s) waiting"
            + (
                f", oldest landed {la['oldest_landed_at']} ({la['oldest_age_hours']} h ago)"
                if la["oldest_landed_at"]
                else ""
            )
        )
    c = doc["configuration"]
    lines.append(
        f"config   pseudonym key {c['pseudonym_key']}; allowlist values {c['allowlist_values']}; "
        f"company profile {'yes' if c['company_profile'] else 'no'} ({c['config']})"
    )
    for note in doc["attention"]:
        lines.append(f"attention: {note}")
    return "\n".join(lines)
