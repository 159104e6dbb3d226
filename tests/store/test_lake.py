"""The lake's commit protocol: snapshots, replace-not-append, the rewrite primitive, compaction,
garbage collection, and the lease. Folder store here; tests/test_job_s3.py repeats the
concurrency-critical parts on a real S3 server."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import threading
from datetime import UTC, date, datetime, timedelta

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq
import pytest

from redactor.store import open_store
from redactor.store.lake import Lake
from redactor.store.lease import LEASE_KEY, Lease, LeaseHeld, LeaseLost
from redactor.store.maintenance import compact, gc
from redactor.store.retention import Retention
from redactor.store.snapshot import CommitConflict, load_snapshot, snapshot_versions
from redactor.store.txn import LakeWriter, remove_calls, replace_calls
from tests.factories import redacted_calls
from tests.job_support import call_id_of, call_record, read_live, reader_invariants


@pytest.fixture
def lake(tmp_path, config, rules_pipeline):
    return Lake(
        open_store(str(tmp_path / "lake")), Retention(dict(config.section("retention")), rules_pipeline.version)
    )


def ids(lake, table="calls") -> list[str]:
    t = read_live(lake, table, ["call_id"])
    return [] if t is None else t.column("call_id").to_pylist()


def data_files(root) -> set[str]:
    return (
        {
            p.relative_to(root).as_posix()
            for t in ("calls", "segments", "findings")
            for p in (root / t).rglob("*.parquet")
        }
        if root.exists()
        else set()
    )


# ---- replace, not append ---------------------------------------------------------------------


def test_a_call_delivered_again_in_another_batch_replaces_its_rows(lake, rules_pipeline):
    a, b, c = redacted_calls(rules_pipeline, call_record(1, day=3), call_record(2, day=3), call_record(3, day=3))
    lake.write_calls([a, b])
    lake.write_calls([c])
    (a2,) = redacted_calls(rules_pipeline, call_record(1, day=3, version=1))  # new content, same call id
    lake.write_calls([a2, c])  # c again unchanged: skipped
    assert sorted(ids(lake)) == sorted([call_id_of(1), call_id_of(2), call_id_of(3)])
    rows = read_live(lake, "segments").to_pylist()
    texts = [r["text"] for r in rows if r["call_id"] == call_id_of(1)]
    assert any("version 1" in t for t in texts) and not any("version 0" in t for t in texts)
    reader_invariants(lake)


def test_a_call_whose_date_changed_leaves_its_old_partition(lake, rules_pipeline):
    (old,) = redacted_calls(rules_pipeline, call_record(5, day=2))
    lake.write_calls([old])
    moved_rec = call_record(5, day=4, version=1)
    (moved,) = redacted_calls(rules_pipeline, moved_rec)
    lake.write_calls([moved])
    assert ids(lake) == [call_id_of(5)]
    assert lake.live_files("calls", since=date(2026, 11, 2), until=date(2026, 11, 2)) == []
    assert len(lake.live_files("calls", since=date(2026, 11, 4), until=date(2026, 11, 4))) == 1


def test_an_older_version_does_not_overwrite_a_newer_one(lake, rules_pipeline):
    (new,) = redacted_calls(rules_pipeline, call_record(6, version=5))
    (old,) = redacted_calls(rules_pipeline, call_record(6, version=1))
    lake.write_calls([new])
    committed = replace_calls(lake, [old])
    assert committed.result == {"stale": 1} and committed.written == []
    assert any("version 5" in r["text"] for r in read_live(lake, "segments").to_pylist())


def test_same_call_twice_in_one_batch_is_stored_once(lake, rules_pipeline):
    a, a2 = redacted_calls(rules_pipeline, call_record(7), call_record(7, version=2))
    lake.write_calls([a, a2])
    assert ids(lake) == [call_id_of(7)]
    assert any("version 2" in r["text"] for r in read_live(lake, "segments").to_pylist())


# ---- readers see commits only ----------------------------------------------------------------


def test_uncommitted_files_are_invisible_and_a_conflicting_commit_shows_nothing(lake, rules_pipeline, tmp_path):
    a, b = redacted_calls(rules_pipeline, call_record(10), call_record(11))
    lake.write_calls([a])
    w1, w2 = LakeWriter(lake), LakeWriter(lake)  # both build on the same version
    t1, t2 = w1.transaction("one"), w2.transaction("two")
    t1.replace_calls([b])
    t2.remove_calls([call_id_of(10)])
    assert t1.written and set(lake.live_files("calls")).isdisjoint(t1.written)  # written, not visible
    t1.commit()
    with pytest.raises(CommitConflict):
        t2.commit()  # built on the old version: refused, nothing of it visible
    assert sorted(ids(lake)) == sorted([call_id_of(10), call_id_of(11)])
    assert len(snapshot_versions(lake.store)) == 2


def test_files_past_their_expiry_are_not_offered_to_readers(lake, rules_pipeline):
    (a,) = redacted_calls(rules_pipeline, call_record(12))
    lake.write_calls([a])
    snap = lake.snapshot()
    assert snap.live_keys("calls")
    later = date.fromisoformat(snap.entries("calls", "2026-11-06")[0].expires_on) + timedelta(days=1)
    assert snap.live_keys("calls", today=later) == []


# ---- the rewrite primitive -------------------------------------------------------------------


def test_rewrite_partition_with_a_predicate_and_replacement_rows_keeps_expiry(lake, rules_pipeline):
    calls = redacted_calls(rules_pipeline, *[call_record(i, day=9) for i in (20, 21, 22)])
    lake.write_calls(calls[:2])
    lake.write_calls(calls[2:])
    before = {e.key: e.expires_on for e in lake.snapshot().entries("segments", "2026-11-09")}
    txn = LakeWriter(lake).transaction("redact-more")
    counts = txn.rewrite_partition(
        "segments",
        "2026-11-09",
        keep=lambda t: pc.not_equal(t.column("segment_index"), 0),
        replacement=pa.Table.from_pylist([{"call_id": call_id_of(20), "segment_index": 0, "text": "<ERSATT>"}]),
    )
    snap = txn.commit()
    assert counts["rows_dropped"] == 3 and counts["rows_added"] == 1
    rows = read_live(lake, "segments").to_pylist()
    assert sorted((r["call_id"], r["segment_index"]) for r in rows if r["segment_index"] == 0) == [(call_id_of(20), 0)]
    survivors = [e for e in snap.entries("segments", "2026-11-09") if e.key not in before]
    assert {e.expires_on for e in survivors} <= set(before.values()) | {
        lake.retention.tags("transcript-redacted", "x")["expires-on"]
    }
    reader_invariants_ok = read_live(lake, "calls").num_rows == 3
    assert reader_invariants_ok


def test_remove_calls_drops_every_table_in_one_commit_and_purges_old_files(lake, rules_pipeline, tmp_path):
    calls = redacted_calls(rules_pipeline, *[call_record(i, day=10) for i in (30, 31)])
    lake.write_calls(calls)
    old_files = data_files(tmp_path / "lake")
    version = lake.snapshot().version
    committed = remove_calls(lake, [call_id_of(30)])
    assert committed.snapshot.version == version + 1
    for table in ("calls", "segments", "findings"):
        assert call_id_of(30) not in ids(lake, table)
        assert call_id_of(31) in ids(lake, table)
    # purge: the files that held the erased call are gone from the folder already
    assert not (old_files & data_files(tmp_path / "lake"))


def test_rights_rewrite_partition_api_is_one_commit_per_call(lake, rules_pipeline):
    from redactor.store.rewrite import rewrite_partition

    calls = redacted_calls(rules_pipeline, call_record(40, day=11), call_record(41, day=11))
    lake.write_calls(calls)
    v = lake.snapshot().version
    result = rewrite_partition(lake, "findings", date(2026, 11, 11), drop={call_id_of(40)})
    assert result.rows_removed > 0 and result.keys_deleted and lake.snapshot().version == v + 1
    assert call_id_of(40) not in ids(lake, "findings") and call_id_of(40) in ids(lake, "calls")


# ---- compaction and garbage collection -------------------------------------------------------


def test_compaction_merges_small_files_without_a_duplicate_at_any_instant(lake, rules_pipeline, tmp_path):
    calls = redacted_calls(rules_pipeline, *[call_record(i, day=12) for i in range(50, 62)])
    for rc in calls:  # twelve tiny commits
        lake.write_calls([rc])
    before = lake.snapshot()
    assert len(before.entries("calls", "2026-11-12")) == 12
    rows_before = sorted(json.dumps(r, sort_keys=True, default=str) for r in read_live(lake, "segments").to_pylist())

    writer = LakeWriter(lake)
    stats = compact(writer, min_files=2)
    after = lake.snapshot()
    assert stats["partitions_compacted"] == 3 and len(after.entries("calls", "2026-11-12")) == 1
    rows_after = sorted(json.dumps(r, sort_keys=True, default=str) for r in read_live(lake, "segments").to_pylist())
    assert rows_after == rows_before
    reader_invariants(lake)
    # A reader that started on the old snapshot still reads it whole: nothing deleted yet.
    old_keys = before.live_keys("segments")
    assert sum(pq.read_metadata(io.BytesIO(lake.store.get(k))).num_rows for k in old_keys) == len(rows_before)
    # Garbage collection after the grace period: the small files go, the live ones stay.
    gc(writer, grace_seconds=3600)
    assert all(lake.store.exists(k) for k in old_keys)
    gc(writer, grace_seconds=3600, now=datetime.now(UTC) + timedelta(hours=2))
    assert not any(lake.store.exists(k) for k in old_keys)
    assert data_files(tmp_path / "lake") == {k for t in ("calls", "segments", "findings") for k in lake.live_files(t)}


def test_gc_collects_orphans_of_a_dead_run_after_the_grace_period_only(lake, rules_pipeline, tmp_path):
    a, b = redacted_calls(rules_pipeline, call_record(70), call_record(71))
    lake.write_calls([a])
    txn = LakeWriter(lake).transaction("dies")
    txn.replace_calls([b])  # files written, never committed: a run killed before its commit
    orphans = set(txn.written)
    (tmp_path / "lake" / "calls" / "call_date=2026-11-01").mkdir(parents=True, exist_ok=True)
    (tmp_path / "lake" / "calls" / "call_date=2026-11-01" / "someone-elses.parquet").write_bytes(b"x")
    writer = LakeWriter(lake)
    first = gc(writer, grace_seconds=60)
    assert first["orphans_found"] == len(orphans) and first["unknown_files_kept"] == 1
    assert all(lake.store.exists(k) for k in orphans)
    gc(writer, grace_seconds=60, now=datetime.now(UTC) + timedelta(minutes=5))
    assert not any(lake.store.exists(k) for k in orphans)
    assert (tmp_path / "lake" / "calls" / "call_date=2026-11-01" / "someone-elses.parquet").exists()
    assert ids(lake) == [call_id_of(70)]


@pytest.mark.slow
def test_old_snapshots_are_collected_and_the_ledger_is_merged(lake, rules_pipeline):
    calls = redacted_calls(rules_pipeline, *[call_record(i, day=13) for i in range(80, 120)])
    for rc in calls:
        w = LakeWriter(lake)
        t = w.transaction("one")
        t.replace_calls([rc])
        t.record(
            {
                "kind": "export",
                "key": f"ref-{rc.call.call_id}",
                "fp": "1",
                "sha": rc.call.content_hash,
                "status": "written",
                "n_calls": 1,
                "cleaned": True,
            }
        )
        t.commit()
    snap = lake.snapshot()
    assert len(snap.ledger) <= 33  # merged when it grows past 32 segments
    w = LakeWriter(lake)
    assert len(w.ledger.calls) == 40 and len(w.ledger.exports) == 40
    gc(w, grace_seconds=0)
    assert len(snapshot_versions(lake.store)) <= 21
    assert load_snapshot(lake.store).version == snap.version + 1  # gc's own commit


# ---- the lease -------------------------------------------------------------------------------


def _retention(config):
    return Retention(dict(config.section("retention")), "test")


def test_second_holder_is_refused_until_release(tmp_path, config):
    store = open_store(str(tmp_path / "lake"))
    first = Lease(store, _retention(config), ttl_seconds=60, run_id="one").acquire()
    with pytest.raises(LeaseHeld) as held:
        Lease(store, _retention(config), ttl_seconds=60, run_id="two").acquire()
    assert held.value.holder["run_id"] == "one" and "another run holds the lake lease" in str(held.value)
    first.release()
    assert not store.exists(LEASE_KEY)
    Lease(store, _retention(config), ttl_seconds=60).acquire().release()


def test_an_expired_lease_from_another_machine_is_taken_over(tmp_path, config):
    store = open_store(str(tmp_path / "lake"))
    stale = {
        "owner": "elsewhere",
        "run_id": "old",
        "host": "other-host",
        "pid": 1,
        "boot_id": "x",
        "expires_at": (datetime.now(UTC) - timedelta(seconds=1)).isoformat(),
    }
    store.put(LEASE_KEY, json.dumps(stale).encode(), {})
    lease = Lease(store, _retention(config), ttl_seconds=60).acquire()
    assert lease.took_over["run_id"] == "old"
    # Not yet expired, another machine: held.
    lease.release()
    stale["expires_at"] = (datetime.now(UTC) + timedelta(seconds=60)).isoformat()
    store.put(LEASE_KEY, json.dumps(stale).encode(), {})
    with pytest.raises(LeaseHeld):
        Lease(store, _retention(config), ttl_seconds=60).acquire()


def test_a_dead_local_holder_is_taken_over_at_once_and_a_live_one_is_not(tmp_path, config):
    store = open_store(str(tmp_path / "lake"))
    code = (
        "import sys, time; from redactor.store import open_store; from redactor.store.lease import Lease; "
        "from redactor.store.retention import Retention; "
        f"Lease(open_store(sys.argv[1]), Retention({dict(config.section('retention'))!r}, 't'), "
        "ttl_seconds=600).acquire(); print('held', flush=True); time.sleep(float(sys.argv[2]))"
    )
    holder = subprocess.Popen(
        [sys.executable, "-c", code, str(tmp_path / "lake"), "30"], stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout.readline().strip() == "held"
        with pytest.raises(LeaseHeld):  # alive: its lease stands for 600 s
            Lease(store, _retention(config), ttl_seconds=60).acquire()
        holder.kill()
        holder.wait()
        lease = Lease(store, _retention(config), ttl_seconds=60).acquire()  # dead: no need to wait
        assert lease.took_over is not None
        lease.release()
    finally:
        if holder.poll() is None:
            holder.kill()


def test_only_one_of_many_concurrent_acquirers_wins(tmp_path, config):
    store = open_store(str(tmp_path / "lake"))
    winners, barrier = [], threading.Barrier(12)

    def grab(i):
        barrier.wait()
        try:
            Lease(store, _retention(config), ttl_seconds=60, run_id=str(i)).acquire()
            winners.append(i)
        except LeaseHeld:
            pass

    threads = [threading.Thread(target=grab, args=(i,)) for i in range(12)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(winners) == 1


def test_renewal_keeps_the_lease_and_a_lost_lease_stops_commits(tmp_path, config, rules_pipeline):
    store = open_store(str(tmp_path / "lake"))
    lease = Lease(store, _retention(config), ttl_seconds=0.8).acquire()
    lease.start_heartbeat(interval=0.15)
    import time

    time.sleep(1.2)  # longer than the TTL: the heartbeat kept it
    with pytest.raises(LeaseHeld):
        Lease(store, _retention(config), ttl_seconds=0.8).acquire()
    lease.stop_heartbeat()
    time.sleep(0.9)  # now it expires and someone else takes it
    thief = Lease(store, _retention(config), ttl_seconds=60).acquire()
    lake = Lake(store, Retention(dict(config.section("retention")), rules_pipeline.version))
    txn = LakeWriter(lake, lease=lease).transaction("late")
    txn.replace_calls(redacted_calls(rules_pipeline, call_record(90)))
    with pytest.raises(LeaseLost):
        txn.commit()
    assert lake.live_files("calls") == []
    thief.release()
    assert os.path.exists(tmp_path / "lake")


class _PlainStore:
    """A store without conditional writes (neither a folder nor S3): the write-then-verify mode."""

    def __init__(self, inner):
        self._inner = inner
        self.uri = inner.uri

    def __getattr__(self, name):
        return getattr(self._inner, name)


def test_without_conditional_writes_commits_and_leases_still_exclude_each_other(tmp_path, config, rules_pipeline):
    from redactor.store.cas import Conditional, conditional_for

    store = _PlainStore(open_store(str(tmp_path / "lake")))
    cond = conditional_for(store)
    assert type(cond) is Conditional and cond.mode == "fallback"
    assert cond.create("k.json", b"1", {}) and not cond.create("k.json", b"2", {})
    data, token = cond.read("k.json")
    assert cond.replace("k.json", b"3", {}, token) and not cond.replace("k.json", b"4", {}, token)
    lake = Lake(store, Retention(dict(config.section("retention")), rules_pipeline.version))
    w1, w2 = LakeWriter(lake), LakeWriter(lake)
    t1, t2 = w1.transaction("a"), w2.transaction("b")
    t1.replace_calls(redacted_calls(rules_pipeline, call_record(95)))
    t2.replace_calls(redacted_calls(rules_pipeline, call_record(96)))
    t1.commit()
    with pytest.raises(CommitConflict):
        t2.commit()
    assert ids(lake) == [call_id_of(95)]
    held = Lease(store, _retention(config), ttl_seconds=60).acquire()
    with pytest.raises(LeaseHeld):
        Lease(store, _retention(config), ttl_seconds=60).acquire()
    held.release()
