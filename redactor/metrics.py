"""Prometheus metrics for every ingest run, as a node_exporter textfile.

node_exporter's textfile collector (`--collector.textfile.directory`) reads `*.prom` files; the
job replaces its file atomically (write to a temporary name in the same folder, then rename), so
a scrape never sees half a file. One file per job holds the last run: alert rules compare its
exit code and its timestamp (deploy/prometheus/redactor-alerts.yml).
"""

from __future__ import annotations

import time
from pathlib import Path

from redactor.store.atomic import atomic_write

PREFIX = "redactor_ingest_last_run"

_HELP = {
    "calls": ("gauge", "Calls of the last ingest run, by outcome (read, written, quarantined, skipped_erased)."),
    "findings": ("gauge", "Findings of the last ingest run, by entity type."),
    "quarantined_by_stage": ("gauge", "Calls the last ingest run quarantined, by pipeline stage."),
    "exports": ("gauge", "Exports the last ingest run saw, by outcome."),
    "seconds": ("gauge", "Wall-clock seconds of the last ingest run."),
    "exit_code": ("gauge", "Exit code of the last ingest run: 0 ok, 3 quarantined, 4 locked, 1 failed, 2 usage."),
    "timestamp_seconds": ("gauge", "Unix time the last ingest run finished."),
    "warnings": ("gauge", "Warnings in the last ingest run report (e.g. no pseudonymisation key)."),
    "info": ("gauge", "Status and pipeline version of the last ingest run (value 1)."),
}


def _label(value: str) -> str:
    return str(value).replace("\\", "\\\\").replace("\n", "\\n").replace('"', '\\"')


def metrics_text(report: dict, exit_code: int, command: str = "ingest", now: float | None = None) -> str:
    """The textfile for one run report (the JSON `redactor ingest` prints). The label is `command`,
    not `job`: Prometheus sets `job` itself (the scrape job) and would rename ours."""
    base = f'command="{_label(command)}"'
    samples: dict[str, list[tuple[str, float]]] = {name: [] for name in _HELP}
    calls = report.get("calls", {}) or {}
    for outcome, value in (
        ("read", report.get("calls_read", 0)),
        ("written", report.get("calls_written", 0)),
        ("quarantined", report.get("quarantined", 0)),
        ("skipped_erased", calls.get("skipped_erased", 0)),
    ):
        samples["calls"].append((f'{base},outcome="{outcome}"', value))
    for entity, n in sorted((report.get("findings") or {}).items()):
        samples["findings"].append((f'{base},entity_type="{_label(entity)}"', n))
    for stage, n in sorted((report.get("quarantine_stages") or {}).items()):
        samples["quarantined_by_stage"].append((f'{base},stage="{_label(stage)}"', n))
    for outcome, n in sorted((report.get("exports") or {}).items()):
        samples["exports"].append((f'{base},outcome="{_label(outcome)}"', n))
    samples["seconds"].append((base, float(report.get("seconds", 0) or 0)))
    samples["exit_code"].append((base, exit_code))
    samples["timestamp_seconds"].append((base, round(time.time() if now is None else now, 3)))
    samples["warnings"].append((base, len(report.get("warnings") or [])))
    samples["info"].append(
        (
            f'{base},status="{_label(report.get("status", ""))}",'
            f'pipeline_version="{_label(report.get("pipeline_version", ""))}"',
            1,
        )
    )
    lines = []
    for name, (kind, text) in _HELP.items():
        metric = f"{PREFIX}_{name}"
        lines += [f"# HELP {metric} {text}", f"# TYPE {metric} {kind}"]
        lines += [f"{metric}{{{labels}}} {value}" for labels, value in samples[name]]
    return "\n".join(lines) + "\n"


def write_textfile(path: str | Path, text: str) -> None:
    """Replace `path` atomically, readable by the exporter (0644: counts only, no personal data)."""
    atomic_write(path, text.encode("utf-8"), mode=0o644)
