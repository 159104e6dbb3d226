"""The access report a person can read (GDPR art. 15): the machine export rendered as Markdown.

Written beside the JSON export, from the same document, so the two always agree. It says what is
kept and why, for how long, and then each call as stored (redacted), the person's records in raw
exports still in retention, and their quarantined input. Both files are created mode 0600: they
hold the person's own unredacted data.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

PURPOSE = (
    "Customer-service calls are recorded and transcribed to handle your errand. Personal data in the "
    "transcripts (name, personnummer, address, phone, e-mail, payment and customer identifiers) is "
    "replaced before support staff and analysts see them; the redacted transcripts are kept for "
    "support and complaint handling."
)


def write_private(path: Path, text: str) -> None:
    """Create or replace `path` with mode 0600 (also when it existed with a wider mode)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        os.fchmod(fd, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fd = -1
            fh.write(text)
    finally:
        if fd != -1:
            os.close(fd)


def report_path(json_path: Path) -> Path:
    """`export.json` -> `export.md`; any other name gets `.md` added."""
    return json_path.with_suffix(".md") if json_path.suffix.lower() == ".json" else Path(f"{json_path}.md")


def _md(text) -> str:
    """Plain text for a Markdown line: no markup, no HTML from the data."""
    s = "" if text is None else str(text)
    for ch in "\\`*_[]<>#|":
        s = s.replace(ch, "\\" + ch)
    return s.replace("\n", " ")


def _time(seconds) -> str:
    if seconds is None:
        return "--:--"
    s = int(seconds)
    return f"{s // 3600:02d}:{s % 3600 // 60:02d}:{s % 60:02d}"


def _call_section(n: int, entry: dict) -> list[str]:
    row = entry.get("calls") or {}
    if isinstance(row, list):
        row = row[0] if row else {}
    lines = [
        f"### Call {n}: {_md(entry.get('call_date'))}",
        "",
        f"- Call id: `{entry['call_id']}`",
        f"- Started: {_md(row.get('created_at') or entry.get('created_at'))}",
        f"- Length: {_md(round(row['duration_seconds'])) + ' s' if row.get('duration_seconds') else 'unknown'}",
        f"- Queue: {_md(row.get('queue') or '-')}, direction: {_md(row.get('direction') or '-')}",
        f"- Restricted (kept, hidden from analysts): {'yes' if entry.get('restricted') else 'no'}",
    ]
    counts = {}
    for f in entry.get("findings", []):
        counts[f["entity_type"]] = counts.get(f["entity_type"], 0) + 1
    if counts:
        lines.append(
            "- Personal data found and replaced: " + ", ".join(f"{_md(k)} ({v})" for k, v in sorted(counts.items()))
        )
    for name in ("title", "digest", "summary"):
        if row.get(name):
            lines.append(f"- {name.capitalize()}: {_md(row[name])}")
    lines += ["", "Transcript as stored (personal data replaced by `<TYPE>` markers):", ""]
    for seg in entry.get("segments", []):
        who = seg.get("speaker") or seg.get("role") or "?"
        lines.append(
            f"    [{_time(seg.get('start_seconds'))}] {str(who).replace(chr(10), ' ')}: "
            f"{str(seg.get('text') or '').replace(chr(10), ' ')}"
        )
    return lines + [""]


def access_report(doc: dict, *, actor: dict, retention_days: dict, warnings: list[str]) -> str:
    """Markdown for the export document `doc` (redactor.rights.export.export_subject)."""
    req = doc["request"]
    lines = [
        "# Access report: personal data in recorded customer-service calls",
        "",
        f"- Generated: {_md(doc['generated_at'])} by {_md(doc['generator'])}",
        f"- Request: `{req['request_id']}`" + (f", case {_md(actor['case_ref'])}" if actor.get("case_ref") else ""),
        f"- Prepared by: {_md(actor.get('operator'))}",
        f"- Store: {_md(doc['store'])}",
        "",
        "## What we keep and why",
        "",
        PURPOSE,
        "",
        "| what | kept for |",
        "|---|---|",
        f"| redacted transcripts (below) | {retention_days.get('transcript-redacted', '?')} days |",
        f"| raw exports as received | {retention_days.get('raw-landing', '?')} days |",
        f"| input that could not be processed safely | {retention_days.get('quarantine', '?')} days |",
        f"| records of requests like this one (no transcript text) | {retention_days.get('audit', '?')} days |",
        "",
        "## Summary",
        "",
        f"- Calls: {len(doc['calls'])}",
        f"- Records in raw exports still kept: {len(doc['raw_exports'])}",
        f"- Quarantined items: {len(doc['quarantined'])}",
        "",
    ]
    if warnings:
        lines += ["## Limits of this report", ""] + [f"- {_md(w)}" for w in warnings] + [""]
    lines += ["## Calls", ""]
    for n, entry in enumerate(doc["calls"], start=1):
        lines += _call_section(n, entry)
    if not doc["calls"]:
        lines += ["No stored call carries these identifiers.", ""]
    if doc["raw_exports"]:
        lines += ["## Raw exports (as received, not redacted)", ""]
        for r in doc["raw_exports"]:
            lines += [
                f"Record {r.get('record_index') if r.get('record_index') is not None else 1}:",
                "",
                *("    " + line for line in json.dumps(r["record"], ensure_ascii=False, indent=2).splitlines()),
                "",
            ]
    if doc["quarantined"]:
        lines += ["## Quarantined input", ""]
        for q in doc["quarantined"]:
            lines += [f"- Reason: {_md((q.get('reason') or {}).get('reason'))}", ""]
    return "\n".join(lines) + "\n"
