"""What an operator sees of an ingest run on stderr: a live progress display and a one-line summary.

Neither ever shows data: counts, rates and times only (export names may be personal data).
"""

from __future__ import annotations

import sys
from typing import TextIO

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.text import Text


class _Rate(ProgressColumn):
    """Items per second over Rich's recent window (blank until there is a rate)."""

    def render(self, task) -> Text:
        speed = task.finished_speed or task.speed
        return Text(f"{speed:.1f}/s" if speed else "", style="progress.data.speed")


class RunProgress:
    """Calls done (one step per call, as results come out of the pipeline) and exports done out of
    the number listed, where a source knows it up front (files, folders, globs); rate and ETA.

    Used as a context manager around `run_job(..., on_result=p.result, progress=p)`.
    """

    def __init__(self, stream: TextIO | None = None):
        self.console = Console(file=stream or sys.stderr)
        self.bar = Progress(
            SpinnerColumn(),
            TextColumn("{task.description:<8}"),
            BarColumn(),
            MofNCompleteColumn(),
            _Rate(),
            TimeRemainingColumn(),
            TimeElapsedColumn(),
            console=self.console,
            transient=True,
        )
        self.calls = self.bar.add_task("calls", total=None)
        self.exports = self.bar.add_task("exports", total=None)
        self._known: int | None = 0

    def __enter__(self) -> RunProgress:
        self.bar.start()
        return self

    def __exit__(self, *exc) -> None:
        self.bar.stop()

    def exports_listed(self, n: int | None) -> None:
        """A source listed `n` exports (None: it cannot tell before reading, like the Klang API)."""
        self._known = None if n is None or self._known is None else self._known + n
        self.bar.update(self.exports, total=self._known)

    def export_done(self) -> None:
        self.bar.advance(self.exports)

    def result(self, _result=None) -> None:
        self.bar.advance(self.calls)


def summary_line(report: dict, exit_code: int) -> str:
    """One human-readable line for the end of a run, from the JSON run report."""
    status = report.get("status", "?")
    parts = [f"ingest {status} (exit {exit_code})"]
    if report.get("calls_read") or report.get("calls_written") or status in ("ok", "partial"):
        stored = report.get("calls_written", 0)
        parts.append(f"{report.get('calls_read', 0)} calls read, {stored} stored")
        if report.get("quarantined"):
            stages = ", ".join(f"{k} {v}" for k, v in sorted(report.get("quarantine_stages", {}).items()))
            parts.append(
                f"{report['quarantined']} quarantined ({stages})" if stages else f"{report['quarantined']} quarantined"
            )
        findings = report.get("findings", {})
        parts.append(f"{sum(findings.values())} findings")
    exports = report.get("exports", {})
    if exports:
        parts.append(f"{exports.get('done', 0)} of {exports.get('seen', 0)} exports done")
    parts.append(f"{report.get('seconds', 0):.1f} s")
    warnings = report.get("warnings") or []
    if warnings:
        parts.append(f"{len(warnings)} warning(s): {warnings[0]}")
    return "; ".join(parts)
