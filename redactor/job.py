"""The ingest job: sources -> pipeline -> lake, with a summary. I/O lives here, not in the core."""

from __future__ import annotations

from typing import Callable

from redactor.config import Config
from redactor.model import Quarantined, RedactedCall
from redactor.pipeline import Pipeline, RunSummary
from redactor.store import Retention
from redactor.store import open_store_from_config
from redactor.store.lake import Lake


def open_lake(config: Config, store_uri: str | None, pipeline_version: str) -> Lake:
    store = open_store_from_config(config.section("store"), store_uri)
    return Lake(store, Retention.from_section(config.section("retention"), pipeline_version))


def run_ingest(
    sources: list[str],
    config: Config,
    store_uri: str | None = None,
    pipeline: Pipeline | None = None,
    on_result: Callable[[RedactedCall | Quarantined], None] | None = None,
    engine=None,
    *,
    incremental: bool = False,
    report_to_store: bool = False,
    **job_options,
) -> RunSummary:
    """Run the ingestion job (`redactor.ingest_job.run_job`) on these sources and return its report.

    As a library call it processes every given export (`incremental=False`: the scheduled
    `redactor ingest` skips exports already done) and raises the run's first error instead of
    returning a failed report. Calls are stored exactly once either way: a call already in the
    lake is replaced, not appended. `engine` (redactor.parallel) computes results in worker
    processes; this process alone writes them. Returns the run's `RunSummary` (counts only; the
    full run report is `redactor.ingest_job.run_job`'s return value).
    """
    from redactor.ingest_job import run_job

    report = run_job(sources, config, store_uri, pipeline, on_result=on_result, engine=engine,
                     incremental=incremental, report_to_store=report_to_store, **job_options)
    if report.status in ("failed", "locked") and report.exception is not None:
        raise report.exception
    return report.summary()
