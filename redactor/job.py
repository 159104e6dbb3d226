"""The ingest job: sources -> pipeline -> lake, with a summary. I/O lives here, not in the core."""

from __future__ import annotations

import time
from typing import Callable

from redactor.config import Config
from redactor.ingest import expand_sources, iter_records
from redactor.model import Quarantined, RedactedCall
from redactor.pipeline import Pipeline, RunSummary
from redactor.store import Retention
from redactor.store.backend import open_store_from_config
from redactor.store.lake import Lake


def open_lake(config: Config, store_uri: str | None, pipeline_version: str) -> Lake:
    store = open_store_from_config(config.section("store"), store_uri)
    return Lake(store, Retention(dict(config.section("retention")), pipeline_version))


def run_ingest(
    sources: list[str],
    config: Config,
    store_uri: str | None = None,
    pipeline: Pipeline | None = None,
    on_result: Callable[[RedactedCall | Quarantined], None] | None = None,
    engine=None,
) -> RunSummary:
    """`engine` (redactor.parallel: worker processes or a Dask cluster) computes the results in
    input order; this function alone writes them, exactly as in one process."""
    started = time.monotonic()
    paths = expand_sources(sources)
    pipeline = pipeline or Pipeline(config)
    lake = open_lake(config, store_uri, pipeline.version)
    summary = RunSummary(files=len(paths), pipeline_version=pipeline.version)
    batch: list[RedactedCall] = []

    def flush() -> None:
        if batch:
            lake.write_calls(batch)
            summary.calls_written += len(batch)
            batch.clear()

    results = (engine.process(paths, pipeline) if engine is not None
               else pipeline.process(iter_records(paths, pipeline.max_record_bytes)))
    for result in results:
        summary.calls_read += 1
        if isinstance(result, Quarantined):
            lake.quarantine(result)
            summary.quarantined += 1
            summary.quarantine_reasons[result.stage] += 1
        else:
            batch.append(result)
            summary.findings.update(f.entity_type for f in result.findings)
            if len(batch) >= pipeline.batch_size:
                flush()
        if on_result:
            on_result(result)
    flush()
    summary.seconds = time.monotonic() - started
    return summary
