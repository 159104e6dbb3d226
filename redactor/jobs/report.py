"""The run report: what one `redactor ingest` run did, for a scheduler, an operator and the audit trail.

Printed as JSON by the command, stored under `_runs/date=YYYY-MM-DD/<run id>.json` (audit
retention) and read back by `redactor status`. Counts, durations, versions and our own keys only:
never an export's name, id or content.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from redactor.pipeline import RunSummary

RUNS_PREFIX = "_runs/"


@dataclass
class RunReport(RunSummary):
    """The run summary (as before) plus what a scheduler and an operator need."""

    run_id: str = ""
    status: str = "running"  # ok | partial | locked | failed | stopped
    started_at: str = ""
    finished_at: str = ""
    incremental: bool = True
    exports: Counter[str] = field(default_factory=Counter)
    calls: Counter[str] = field(default_factory=Counter)
    landing: Counter[str] = field(default_factory=Counter)
    lake: dict[str, Any] = field(default_factory=dict)
    durations: defaultdict[str, float] = field(default_factory=lambda: defaultdict(float))
    sources: list[dict[str, Any]] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # the run went through, but an operator should know
    lease: dict[str, Any] = field(default_factory=dict)
    versions: dict[str, str] = field(default_factory=dict)
    report_key: str = ""
    exception: BaseException | None = field(default=None, repr=False, compare=False)  # first failure, not reported

    def summary(self) -> RunSummary:
        """The counts alone, as `RunSummary` (what `run_ingest` returns)."""
        return RunSummary(
            files=self.files,
            calls_read=self.calls_read,
            calls_written=self.calls_written,
            quarantined=self.quarantined,
            findings=Counter(self.findings),
            quarantine_reasons=Counter(self.quarantine_reasons),
            pipeline_version=self.pipeline_version,
            seconds=self.seconds,
        )

    def as_dict(self) -> dict[str, Any]:
        base: dict[str, Any] = super().as_dict()
        base.update(
            {
                "run_id": self.run_id,
                "status": self.status,
                "started_at": self.started_at,
                "finished_at": self.finished_at,
                "incremental": self.incremental,
                "exports": dict(sorted(self.exports.items())),
                "calls": dict(sorted(self.calls.items())),
                "landing": dict(sorted(self.landing.items())),
                "lake": self.lake,
                "durations": {k: round(v, 3) for k, v in sorted(self.durations.items())},
                "sources": self.sources,
                "errors": self.errors,
                "warnings": self.warnings,
                "lease": self.lease,
                "versions": self.versions,
                "report_key": self.report_key,
            }
        )
        return base
