"""Issue 9: `ingest --workers N` and `--engine dask` give the same rows as one process.

Workers and Dask only compute; the driver writes through the same Lake path, so the store
after a parallel run holds exactly what a one-process run writes.
"""

from __future__ import annotations

import io
import json
import shutil
from concurrent.futures import Future
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from bench.generate import write_exports
from redactor.domain import Quarantined
from redactor.ingest import expand_sources, iter_records
from redactor.jobs.engines import LOCAL_CLUSTER_CONFIG, DaskEngine, EngineError, LocalEngine, make_engine
from redactor.jobs.ingest import run_ingest
from redactor.store.lake import Lake
from redactor.store.tables import TABLES
from tests.conftest import SAMPLES


@pytest.fixture(scope="module")
def inputs(tmp_path_factory) -> Path:
    """The samples (every shape, bad records included) plus generated calls in several files."""
    root = tmp_path_factory.mktemp("exports")
    shutil.copytree(SAMPLES, root / "samples")
    write_exports(root / "generated", 36, seed=21, calls_per_file=12)
    (root / "generated" / "gold.jsonl").unlink(missing_ok=True)
    (root / "bad.json").write_text('{"id": "x", "sources": [', encoding="utf-8")
    return root


def _rows(config, store: Path, version: str) -> dict[str, list]:
    lake = Lake.from_config(config, str(store), version)
    out: dict[str, list] = {}
    for table in TABLES:
        rows = []
        for key in lake.live_files(table):
            rows.extend(pq.read_table(io.BytesIO(lake.store.get(key))).to_pylist())
        out[table] = sorted(rows, key=lambda r: json.dumps(r, sort_keys=True, default=str))
    return out


def _quarantine(store: Path) -> list[dict]:
    recs = []
    for f in sorted((store / "quarantine").rglob("*.json")):
        rec = json.loads(f.read_text())
        rec.pop("quarantined_at", None)
        recs.append(rec)
    return sorted(recs, key=lambda r: json.dumps(r, sort_keys=True))


STABLE = ("files", "calls_read", "calls_written", "quarantined", "findings", "quarantine_stages", "pipeline_version")


def _summary(s) -> dict:
    d = s if isinstance(s, dict) else s.as_dict()
    return {k: d.get(k) for k in STABLE}


@pytest.fixture(scope="module")
def single_run(inputs, tmp_path_factory, config, pipeline):
    store = tmp_path_factory.mktemp("single")
    summary = run_ingest([str(inputs)], config, str(store), pipeline)
    assert summary.calls_written >= 30 and summary.quarantined >= 1
    return store, summary


@pytest.mark.slow
def test_workers_write_the_same_rows_as_one_process(inputs, single_run, tmp_path, config, pipeline):
    store1, summary1 = single_run
    store2 = tmp_path / "two"
    # small chunks and a tight in-flight bound: many chunks, out-of-order completion, same order out
    with LocalEngine(config, workers=2, chunk_size=5, max_in_flight=3) as engine:
        engine.start(pipeline.version)
        summary2 = run_ingest([str(inputs)], config, str(store2), pipeline, engine=engine)
        assert engine.restarts == 0 and engine.chunks_done >= 8  # the workers did the work
    assert _summary(summary2) == _summary(summary1)
    assert _rows(config, store2, pipeline.version) == _rows(config, store1, pipeline.version)
    assert _quarantine(store2) == _quarantine(store1)


@pytest.mark.slow
def test_engine_yields_one_result_per_record_in_input_order(inputs, config, pipeline):
    paths = expand_sources([str(inputs)])
    expected = list(pipeline.process(iter_records(paths, pipeline.max_record_bytes)))
    with LocalEngine(config, workers=2, chunk_size=7) as engine:
        got = list(engine.process(paths, pipeline))

    def key(r):
        return ("q", r.source_file, r.record_index, r.reason) if isinstance(r, Quarantined) else ("c", r.call.call_id)

    assert [key(r) for r in got] == [key(r) for r in expected]


def test_a_failed_or_dead_worker_chunk_is_done_by_the_driver(inputs, config, pipeline):
    records = list(iter_records(expand_sources([str(inputs / "samples")]), pipeline.max_record_bytes))
    expected = [type(r).__name__ for r in pipeline.process(records)]
    engine = LocalEngine(config, workers=1)
    failed: Future = Future()
    failed.set_exception(ValueError("boom"))
    assert [type(r).__name__ for r in engine._collect(records, failed, pipeline)] == expected
    dead: Future = Future()
    dead.set_exception(BrokenProcessPool("gone"))
    try:
        assert [type(r).__name__ for r in engine._collect(records, dead, pipeline)] == expected
        assert engine.restarts == 1
    finally:
        engine.close()


def test_a_worker_with_another_pipeline_version_is_refused(config):
    with LocalEngine(config, workers=1) as engine:
        with pytest.raises(EngineError):
            engine.start("some-other-version")
    with pytest.raises(EngineError):
        make_engine("spark", config)


@pytest.mark.slow
def test_dask_local_cluster_writes_the_same_rows(inputs, single_run, tmp_path, config, pipeline):
    distributed = pytest.importorskip("distributed")
    store1, summary1 = single_run
    store2 = tmp_path / "dask"
    cluster = distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None
    )
    try:
        with DaskEngine(config, address=cluster.scheduler_address) as engine:
            engine.start(pipeline.version)
            summary2 = run_ingest([str(inputs)], config, str(store2), pipeline, engine=engine)
            workers = engine.client.scheduler_info()["workers"]
            assert len(workers) == 2
            assert engine.tasks_done >= 4  # one task per export file: the cluster did the work
    finally:
        cluster.close()
    assert _summary(summary2) == _summary(summary1)
    assert _rows(config, store2, pipeline.version) == _rows(config, store1, pipeline.version)
    assert _quarantine(store2) == _quarantine(store1)


@pytest.mark.slow
def test_cli_workers_option(inputs, single_run, tmp_path):
    from typer.testing import CliRunner

    from redactor.cli import app

    _, summary1 = single_run
    result = CliRunner().invoke(
        app, ["ingest", str(inputs), "--store", str(tmp_path / "cli"), "--workers", "2", "--no-progress"]
    )
    assert result.exit_code == 3, result.output  # some records are quarantined on purpose
    summary = json.loads(result.stdout)
    assert _summary(summary) == _summary(summary1)
    bad = CliRunner().invoke(app, ["ingest", str(inputs), "--store", str(tmp_path / "x"), "--engine", "spark"])
    assert bad.exit_code == 2


# The local cluster's settings a worker reads itself (the nannies' show in its environment).
WORKER_SETTINGS = {key: value for key, value in LOCAL_CLUSTER_CONFIG.items() if not key.startswith("distributed.nanny")}


def _worker_settings() -> dict:
    import os

    import dask

    return {
        "malloc_trim": os.environ.get("MALLOC_TRIM_THRESHOLD_"),
        **{key: dask.config.get(key) for key in WORKER_SETTINGS},
    }


def test_the_dask_engines_own_cluster_runs_without_dasks_costly_defaults(rules_pipeline, monkeypatch):
    """The local cluster's workers start without the 64 KiB malloc trim threshold and with quiet
    housekeeping: with Dask's defaults they spent ~30% more CPU per call than `--workers`."""
    pytest.importorskip("distributed")
    monkeypatch.delenv("MALLOC_TRIM_THRESHOLD_", raising=False)
    with DaskEngine(rules_pipeline.config, workers=1) as engine:
        engine.start(rules_pipeline.version)
        [settings] = engine.client.run(_worker_settings).values()
    assert settings == {"malloc_trim": None, **WORKER_SETTINGS}
