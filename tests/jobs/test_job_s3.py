"""The scheduled job on a real S3 server (SeaweedFS on 127.0.0.1): conditional writes, the lease,
an S3 landing prefix (retag and delete), exactly-once re-runs, and SIGKILL mid-run."""

from __future__ import annotations

import gzip
import os
import signal
import subprocess
import sys
import threading
import time

import pytest

from redactor.config import Config
from redactor.jobs.ingest import run_job
from redactor.pipeline import Pipeline
from redactor.store import open_store
from redactor.store.cas import S3Conditional, conditional_for
from redactor.store.lake import Lake
from redactor.store.lease import Lease, LeaseHeld
from redactor.store.retention import Retention
from redactor.store.txn import LakeWriter
from tests.conftest import ROOT
from tests.job_support import POISON, call_id_of, call_record, dumps, reader_invariants

pytestmark = [pytest.mark.s3]


@pytest.fixture
def s3cfg(tmp_path, s3_env):
    path = tmp_path / "s3job.toml"
    path.write_text("[store]\nallow_unknown_region = true\n[job]\ncommit_every_calls = 4\ncompact_min_files = 0\n")
    return path, Config.load(path)


def _store(uri: str):
    return open_store(uri, allow_unknown_region=True)


def upload(s3_env, bucket: str, prefix: str, first: int, n: int, poison: bool = False) -> set[str]:
    c = s3_env.client()
    for i in range(first, first + n):
        body = dumps(call_record(i)).encode()
        key = f"{prefix}{i:04d}.json" if i % 3 else f"{prefix}{i:04d}.json.gz"
        c.put_object(Bucket=bucket, Key=key, Body=gzip.compress(body, mtime=0) if key.endswith(".gz") else body)
    if poison:
        c.put_object(Bucket=bucket, Key=f"{prefix}poison.json", Body=POISON["poison-truncated.json"])
    return {call_id_of(i) for i in range(first, first + n)}


@pytest.mark.slow
def test_seaweedfs_conditional_writes_are_exclusive(s3_env):
    bucket = s3_env.make_bucket("cas")
    store = _store(f"s3://{bucket}/lake")
    cond = conditional_for(store)
    assert isinstance(cond, S3Conditional) and cond.supported and cond.mode == "s3-conditional"
    winners, barrier = [], threading.Barrier(8)

    def create(i):
        barrier.wait()
        if cond.create("_lake/snapshots/000000000001.json", str(i).encode(), {"retention-class": "audit"}):
            winners.append(i)

    threads = [threading.Thread(target=create, args=(i,)) for i in range(8)]
    [t.start() for t in threads]
    [t.join() for t in threads]
    assert len(winners) == 1
    data, token = cond.read("_lake/snapshots/000000000001.json")
    assert data == str(winners[0]).encode()
    assert cond.replace("_lake/snapshots/000000000001.json", b"new", {}, token)
    assert not cond.replace("_lake/snapshots/000000000001.json", b"stale", {}, token)  # token is old now
    assert not s3_env.all_keys(bucket, "lake/_lake/probe/")  # the support probe cleans up


def test_only_one_lease_holder_on_s3(s3_env, config):
    bucket = s3_env.make_bucket("lease")
    store = _store(f"s3://{bucket}/lake")
    retention = Retention(dict(config.section("retention")), "t")
    won, barrier = [], threading.Barrier(8)

    def grab(i):
        barrier.wait()
        try:
            won.append(Lease(store, retention, ttl_seconds=60, run_id=str(i)).acquire())
        except LeaseHeld:
            pass

    threads = [threading.Thread(target=grab, args=(i,)) for i in range(8)]
    [t.start() for t in threads]
    [t.join() for t in threads]
    assert len(won) == 1
    won[0].release()
    assert s3_env.all_keys(bucket, "lake/_lake/lease") == []


@pytest.mark.slow
def test_s3_landing_retag_then_rerun_only_new(s3_env, s3cfg, detector):
    path, cfg = s3cfg
    pipe = Pipeline(cfg, detector=detector)
    landing, lake_bucket = s3_env.make_bucket("landing"), s3_env.make_bucket("lake")
    expected = upload(s3_env, landing, "klang/", 0, 9, poison=True)
    src, lake_uri = f"s3://{landing}/klang/", f"s3://{lake_bucket}/lake"
    first = run_job([src], cfg, lake_uri, pipe)
    assert first.status == "partial" and first.quarantined == 1 and first.calls_written == 9
    assert first.landing["retagged"] == 10 and first.lease["conditional_writes"] == "s3-conditional"
    c = s3_env.client()
    for key in s3_env.all_keys(landing, "klang/"):
        tags = {t["Key"]: t["Value"] for t in c.get_object_tagging(Bucket=landing, Key=key)["TagSet"]}
        assert tags["retention-class"] == "raw-landing" and tags["expires-on"]
    lake = Lake.from_config(cfg, lake_uri, pipe.version)
    assert set(reader_invariants(lake)["calls"]) == expected

    again = run_job([src], cfg, lake_uri, pipe)
    assert again.calls_read == 0 and again.exports["skipped_done"] == 10 and again.status == "ok"
    expected |= upload(s3_env, landing, "klang/", 100, 3)
    c.put_object(Bucket=landing, Key="klang/0001-copy.json", Body=dumps(call_record(1)).encode())  # same bytes again
    third = run_job([src], cfg, lake_uri, pipe)
    assert third.calls_written == 3 and third.exports["duplicate"] == 1
    assert set(reader_invariants(lake)["calls"]) == expected
    # The report and the lake's own objects carry tags like every other object.
    for key in s3_env.all_keys(lake_bucket, "lake/_lake/"):
        tags = {t["Key"] for t in c.get_object_tagging(Bucket=lake_bucket, Key=key)["TagSet"]}
        assert {"retention-class", "expires-on"} <= tags, key


REDACTOR = [sys.executable, "-c", "import sys; from redactor.cli import app; sys.argv[0] = 'redactor'; app()"]


@pytest.mark.slow
def test_sigkill_on_s3_then_rerun_every_call_once_and_landing_empty(tmp_path, s3_env, s3cfg):
    landing, lake_bucket = s3_env.make_bucket("landing"), s3_env.make_bucket("lake")
    expected = upload(s3_env, landing, "in/", 0, 60, poison=True)
    cfg_path = tmp_path / "s3crash.toml"
    cfg_path.write_text(
        "[store]\nallow_unknown_region = true\n[ingest]\nbatch_size = 4\n[job]\ncommit_every_calls = 6\n"
        'compact_min_files = 4\ngc_grace_seconds = 1\n[landing]\nafter_ingest = "delete"\n'
    )
    args = [
        "ingest",
        f"s3://{landing}/in/",
        "--store",
        f"s3://{lake_bucket}/lake",
        "--config",
        str(cfg_path),
        "--no-progress",
    ]
    env = {
        **os.environ,
        **s3_env.env(),
        "AWS_CONFIG_FILE": os.devnull,
        "AWS_SHARED_CREDENTIALS_FILE": os.devnull,
        "REDACTOR_LOG_LEVEL": "warning",
    }
    lake = Lake.from_config(Config.load(cfg_path), f"s3://{lake_bucket}/lake", "")
    for crash in ("after-landing-cleanup@4", None):
        extra = {"REDACTOR_CRASH_AT": crash} if crash else {}
        proc = subprocess.Popen(
            REDACTOR + args,
            cwd=ROOT,
            env={**env, **extra},
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            start_new_session=True,
        )
        if crash is None:  # a plain SIGKILL, shortly after the run has taken the lease
            deadline = time.monotonic() + 60
            while (
                time.monotonic() < deadline
                and proc.poll() is None
                and not s3_env.all_keys(lake_bucket, "lake/_lake/lease")
            ):
                time.sleep(0.02)
            time.sleep(0.3)
            os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate(timeout=120)
        reader_invariants(lake)
    final = subprocess.run(REDACTOR + args, cwd=ROOT, env=env, capture_output=True, timeout=120)
    assert final.returncode in (0, 3), final.stderr.decode()[-2000:]
    assert set(reader_invariants(lake)["calls"]) == expected
    assert s3_env.all_keys(landing, "in/") == []  # everything processed, nothing left behind
    assert len(LakeWriter(lake).ledger.exports) == 61
    assert s3_env.all_keys(lake_bucket, "lake/_lake/lease") == []
