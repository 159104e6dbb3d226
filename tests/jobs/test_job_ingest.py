"""The scheduled job on a folder landing area: incremental, exactly once, poison exports,
landing cleanup, run report, logs without personal data, exit codes, the lease, compaction."""

from __future__ import annotations

import json
import shutil

import duckdb
import pytest
from typer.testing import CliRunner

from redactor.cli import ExitCode, app
from redactor.jobs.ingest import run_job
from redactor.pipeline import Pipeline
from redactor.store.lake import Lake
from redactor.store.lease import Lease
from tests.job_support import (
    NAMES,
    PNRS,
    POISON,
    call_id_of,
    call_record,
    dumps,
    job_config,
    reader_invariants,
    write_landing,
)

runner = CliRunner()


@pytest.fixture
def cfg(tmp_path):
    return job_config(tmp_path, "[job]\ncommit_every_calls = 8\ncompact_min_files = 0\n")


def lake_of(cfg, store, pipe):
    return Lake.from_config(cfg[1], str(store), pipe.version)


def live_call_ids(lake) -> list[str]:
    files = [lake.store.local_path(k) for k in lake.live_files("calls")]
    if not files:
        return []
    return [r[0] for r in duckdb.sql(f"select call_id from read_parquet({files!r})").fetchall()]


def test_reruns_process_only_what_is_new_and_store_every_call_once(tmp_path, cfg, pipe):
    landing, store = tmp_path / "landing", tmp_path / "lake"
    expected = write_landing(landing, 30, duplicates=4)
    first = run_job([str(landing)], cfg[1], str(store), pipe)
    assert first.status == "partial" and first.quarantined == len(POISON)
    assert first.exports["duplicate"] >= 1  # the same bytes delivered twice under another name
    lake = lake_of(cfg, store, pipe)
    assert sorted(live_call_ids(lake)) == sorted(expected)
    assert first.lake["commits"] >= 4  # commit_every_calls = 8

    again = run_job([str(landing)], cfg[1], str(store), pipe)
    assert again.status == "ok" and again.calls_read == 0 and again.exports["skipped_done"] == again.exports["seen"]
    assert again.lake["version_after"] == again.lake["version_before"]  # nothing to commit

    more = write_landing(landing, 12, start=100, seed=3, poison=False)
    third = run_job([str(landing)], cfg[1], str(store), pipe)
    assert third.calls_read == 12 and third.exports["processed"] == third.exports["done"]
    assert sorted(live_call_ids(lake)) == sorted(expected | more)
    reader_invariants(lake)


def test_a_call_delivered_again_with_new_content_is_replaced(tmp_path, cfg, pipe):
    landing, store = tmp_path / "landing", tmp_path / "lake"
    landing.mkdir()
    (landing / "a.json").write_text(dumps([call_record(1), call_record(2)]))
    run_job([str(landing)], cfg[1], str(store), pipe)
    (landing / "b.jsonl").write_text(dumps(call_record(2, version=3)) + "\n" + dumps(call_record(3)) + "\n")
    report = run_job([str(landing)], cfg[1], str(store), pipe)
    assert report.calls == {"added": 1, "replaced": 1}
    lake = lake_of(cfg, store, pipe)
    assert sorted(live_call_ids(lake)) == sorted(call_id_of(i) for i in (1, 2, 3))
    files = [lake.store.local_path(k) for k in lake.live_files("segments")]
    texts = [
        r[0]
        for r in duckdb.sql(f"select text from read_parquet({files!r}) where call_id = '{call_id_of(2)}'").fetchall()
    ]
    assert any("version 3" in t for t in texts) and not any("version 0" in t for t in texts)


def test_a_poison_export_is_quarantined_once_never_blocks_and_is_never_lost(tmp_path, cfg, pipe):
    landing, store = tmp_path / "landing", tmp_path / "lake"
    landing.mkdir()
    bad = POISON["poison-truncated.json"]
    (landing / "0-bad.json").write_bytes(bad)
    (landing / "1-good.json").write_text(dumps(call_record(4)))
    report = run_job([str(landing)], cfg[1], str(store), pipe)
    assert report.status == "partial" and report.quarantined == 1 and report.calls_written == 1
    assert report.quarantine_reasons == {"read": 1} or report.quarantine_reasons == {"parse": 1}
    lake = lake_of(cfg, store, pipe)
    records = [json.loads(lake.store.get(o.key)) for o in lake.store.list("quarantine/") if o.key.endswith(".json")]
    assert len(records) == 1 and "invalid JSON" in records[0]["reason"]
    assert lake.store.get(records[0]["payload_key"]) == bad  # never lost
    from redactor.store.txn import LakeWriter

    statuses = sorted(e.status for e in LakeWriter(lake).ledger.exports.values())
    assert statuses == ["quarantined", "written"]  # done-in-quarantine: not retried forever
    (landing / "2-later.json").write_text(dumps(call_record(5)))
    later = run_job([str(landing)], cfg[1], str(store), pipe)
    assert later.quarantined == 0 and later.calls_written == 1 and later.exports["skipped_done"] == 2
    assert len([o for o in lake.store.list("quarantine/") if o.key.endswith(".json")]) == 1


def test_landing_delete_removes_only_what_is_stored(tmp_path, cfg, pipe):
    landing, store = tmp_path / "landing", tmp_path / "lake"
    expected = write_landing(landing, 10)
    path, config = job_config(
        tmp_path, '[job]\ncommit_every_calls = 4\n[landing]\nafter_ingest = "delete"\n', "delete.toml"
    )
    report = run_job([str(landing)], config, str(store), Pipeline(config, detector=pipe.detector))
    assert list(landing.iterdir()) == []
    assert report.landing["deleted"] == report.exports["done"] == report.exports["seen"]
    lake = Lake.from_config(config, str(store), report.pipeline_version)
    assert sorted(live_call_ids(lake)) == sorted(expected)
    quarantined = [o for o in lake.store.list("quarantine/") if o.key.endswith(".payload")]
    assert len(quarantined) == len(POISON)  # the poison files' bytes live on in the quarantine


def test_run_report_in_the_store_and_logs_without_personal_data(tmp_path, cfg, pipe):
    landing, store = tmp_path / "landing", tmp_path / "lake"
    landing.mkdir()
    # A file name with a made-up person in it: neither the report nor the logs may repeat it.
    (landing / "Vera Testsson 880413-2382.json").write_text(dumps(call_record(0)))
    (landing / "bad.json").write_bytes(POISON["poison-truncated.json"])
    result = runner.invoke(
        app,
        [
            "ingest",
            str(landing),
            "--store",
            str(store),
            "--config",
            str(cfg[0]),
            "--no-progress",
            "--log-level",
            "debug",
        ],
    )
    assert result.exit_code == ExitCode.PARTIAL, result.output
    report = json.loads(result.stdout)
    assert report["status"] == "partial" and report["calls_written"] == 1 and report["quarantined"] == 1
    assert report["findings"]["SE_PERSONNUMMER"] >= 1 and report["versions"]["pipeline"] == pipe.version
    assert set(report["durations"]) >= {"total", "process", "commit", "lease"}
    lake = lake_of(cfg, store, pipe)
    stored = json.loads(lake.store.get(report["report_key"]))
    assert stored["run_id"] == report["run_id"] and report["report_key"].startswith("_runs/date=")
    assert lake.store.tags(report["report_key"])["retention-class"] == "audit"
    lines = [json.loads(line) for line in result.stderr.splitlines()]
    assert {"run started", "commit", "run finished"} <= {line["event"] for line in lines}
    assert all(line["run_id"] == report["run_id"] for line in lines)
    everything = result.stdout + result.stderr + lake.store.get(report["report_key"]).decode()
    for secret in [*NAMES, *PNRS, "8804132382", "Testsson"]:
        assert secret not in everything, secret
    # The stored call's source file name is redacted, yet its export is recorded as done.
    assert report["exports"]["done"] == 2
    again = runner.invoke(
        app, ["ingest", str(landing), "--store", str(store), "--config", str(cfg[0]), "--no-progress"]
    )
    assert json.loads(again.stdout)["exports"] == {"seen": 2, "skipped_done": 2}


def test_exit_codes(tmp_path, cfg, pipe):
    landing, store = tmp_path / "landing", tmp_path / "lake"
    landing.mkdir()
    (landing / "a.json").write_text(dumps(call_record(1)))
    args = ["--store", str(store), "--config", str(cfg[0]), "--no-progress"]
    assert runner.invoke(app, ["ingest", str(landing), *args]).exit_code == ExitCode.OK
    assert runner.invoke(app, ["ingest", *args]).exit_code == ExitCode.USAGE  # no source
    assert runner.invoke(app, ["ingest", "ftp://x/", *args]).exit_code == ExitCode.USAGE
    assert runner.invoke(app, ["ingest", "klang://", "--since", "yesterday", *args]).exit_code == ExitCode.USAGE
    missing_key = runner.invoke(app, ["ingest", "klang+https://api.example.invalid", *args], env={"KLANG_API_KEY": ""})
    assert missing_key.exit_code == ExitCode.USAGE and "KLANG" in missing_key.stderr
    assert runner.invoke(app, ["ingest", str(tmp_path / "nowhere"), *args]).exit_code == ExitCode.FAILURE

    lake = lake_of(cfg, store, pipe)
    held = Lease(lake.store, lake.retention, ttl_seconds=60, run_id="the-other-run").acquire()
    try:
        locked = runner.invoke(app, ["ingest", str(landing), *args])
        assert locked.exit_code == ExitCode.LOCKED, locked.output
        assert json.loads(locked.stdout)["status"] == "locked" and "the-other-run" in locked.stderr
        compacting = runner.invoke(app, ["compact", "--store", str(store)])
        assert compacting.exit_code == ExitCode.LOCKED
    finally:
        held.release()


def test_force_reprocesses_done_exports_without_duplicates(tmp_path, cfg, pipe):
    landing, store = tmp_path / "landing", tmp_path / "lake"
    expected = write_landing(landing, 8, poison=False)
    args = [str(landing), "--store", str(store), "--config", str(cfg[0]), "--no-progress"]
    assert runner.invoke(app, ["ingest", *args]).exit_code == ExitCode.OK
    forced = runner.invoke(app, ["ingest", *args, "--force"])
    assert forced.exit_code == ExitCode.OK
    report = json.loads(forced.stdout)
    assert report["calls_read"] == 8 and report["calls"] == {"unchanged": 8} and report["calls_written"] == 0
    assert sorted(live_call_ids(lake_of(cfg, store, pipe))) == sorted(expected)


def test_many_small_runs_are_compacted_and_readers_never_see_a_duplicate(tmp_path, pipe):
    path, config = job_config(tmp_path, "[job]\ncompact_min_files = 4\n", "small.toml")
    pipeline = Pipeline(config, detector=pipe.detector)
    landing, store = tmp_path / "landing", tmp_path / "lake"
    landing.mkdir()
    lake = Lake.from_config(config, str(store), pipeline.version)
    for i in range(9):  # nine runs, one call each, all on the same day
        (landing / f"{i}.json").write_text(dumps(call_record(i, day=5)))
        run_job([str(landing)], config, str(store), pipeline)
        counts = reader_invariants(lake)
        assert len(counts["calls"]) == i + 1
        assert len(lake.live_files("calls")) < 4  # compacted as soon as there are four
    assert sorted(live_call_ids(lake)) == sorted(call_id_of(i) for i in range(9))
    result = runner.invoke(app, ["compact", "--store", str(store), "--config", str(path), "--grace-seconds", "0"])
    assert result.exit_code == 0, result.output
    out = json.loads(result.stdout)
    assert out["live_files_after"] == 3  # one file per table for the day
    on_disk = {
        p.relative_to(store).as_posix()
        for t in ("calls", "segments", "findings")
        for p in (store / t).rglob("*.parquet")
    }
    assert on_disk == {k for t in ("calls", "segments", "findings") for k in lake.live_files(t)}


def test_a_library_run_on_a_locked_lake_raises(tmp_path, cfg, pipe):
    from redactor.jobs.ingest import run_ingest
    from redactor.store.lease import LeaseHeld

    lake = lake_of(cfg, tmp_path / "lake", pipe)
    held = Lease(lake.store, lake.retention, ttl_seconds=60).acquire()
    try:
        landing = tmp_path / "in"
        landing.mkdir()
        (landing / "a.json").write_text(dumps(call_record(1)))
        with pytest.raises(LeaseHeld):
            run_ingest([str(landing)], cfg[1], str(tmp_path / "lake"), pipe)
    finally:
        held.release()
    shutil.rmtree(tmp_path / "in")
