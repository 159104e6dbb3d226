"""Hostile input (issue 16): caps, calendar edges, symlinks, version order, run-level failures.

Made-up calls only (tests/job_support.py); file names carry no personal data.
"""

from __future__ import annotations

import errno
import gzip
import json
import os
import zlib
from collections import Counter

import pytest

from redactor.ingest.parse import ParseError, parse_record
from redactor.ingest.reader import Limits, expand_sources, gunzip, split_records
from redactor.ingest.sources import FetchError, LocalFiles
from redactor.jobs.ingest import run_job
from redactor.logs import safe_error
from redactor.pipeline import Pipeline
from redactor.rights.identifiers import texts_of
from redactor.rights.raw import raw_objects
from redactor.store.backend import LocalStore
from redactor.store.lake import Lake
from redactor.store.lease import Lease
from redactor.store.txn import LakeWriter
from tests.factories import segmented_record
from tests.job_support import call_id_of, call_record, dumps, job_config, read_live


def errors(raw: bytes, limits: Limits = Limits()) -> list[str | None]:
    return [r.error for r in split_records("export.json", raw, limits)]


def bomb(path, size: int) -> None:
    """`size` bytes of zeros, gzip-compressed as a stream (never held in memory)."""
    c = zlib.compressobj(9, zlib.DEFLATED, 31)
    block = b"\0" * (1 << 20)
    with open(path, "wb") as fh:
        for _ in range(size >> 20):
            fh.write(c.compress(block))
        fh.write(c.flush())


# ---- reader caps -------------------------------------------------------------------------------


def test_deep_json_is_one_quarantined_record_whole_or_as_a_line():
    deep = b"[" * 100_000 + b"]" * 100_000
    assert errors(deep) == ["JSON nested deeper than 64 levels (max_json_depth)"]
    line_ok = dumps(call_record(1)).encode()
    assert errors(line_ok + b"\n" + deep + b"\n") == [None, "JSON nested deeper than 64 levels (max_json_depth)"]
    nested = call_record(1)
    node = nested
    for _ in range(5):
        node["x"] = {}
        node = node["x"]
    assert errors(dumps(nested).encode(), Limits(max_json_depth=4)) == [
        "JSON nested deeper than 4 levels (max_json_depth)"
    ]
    assert errors(dumps(nested).encode()) == [None]


def test_lone_surrogates_are_quarantined_per_record_with_an_ascii_payload():
    good = dumps(call_record(1))
    for raw in (f'[{good}, {{"id": "x\\ud800", "sources": []}}]', f'{{"data": [{good}, {{"id": "x\\udfff"}}]}}'):
        recs = list(split_records("export.json", raw.encode(), Limits()))
        assert [r.error for r in recs] == [None, "a string with a lone surrogate (not valid Unicode)"]
        assert recs[1].raw.isascii() and b"\\ud" in recs[1].raw  # the input, kept escaped
    assert errors(b'{"id": "x", "sources": [], "\\ud800": 1}') == ["a string with a lone surrogate (not valid Unicode)"]


def test_an_export_of_more_than_max_records_is_quarantined_whole():
    limits = Limits(max_records=3)
    four = [call_record(i) for i in range(4)]
    for raw in (dumps(four), dumps({"data": four}), "\n".join(dumps(r) for r in four)):
        (rec,) = split_records("export.json", raw.encode(), limits)
        assert "more than 3 records in one export (max_records)" in rec.error and rec.raw == raw.encode()
    assert errors(dumps(four[:3]).encode(), limits) == [None] * 3


def test_field_length_and_segment_caps():
    rec = call_record(1)
    rec["summary"] = "a" * 101
    assert errors(dumps(rec).encode(), Limits(max_field_chars=100)) == [
        "a string longer than 100 characters (max_field_chars)"
    ]
    many = segmented_record("seg_caps", segments=[{"text": f"Rad {i}."} for i in range(11)])
    with pytest.raises(ParseError, match=r"more than 10 segments \(max_segments\)"):
        parse_record(many, b"{}", "export.json", max_segments=10)
    assert len(parse_record(many, b"{}", "export.json", max_segments=11).segments) == 11


def test_gzip_is_decompressed_as_a_stream_up_to_the_cap(tmp_path):
    bomb(tmp_path / "zeros.gz", 64 << 20)
    raw = (tmp_path / "zeros.gz").read_bytes()
    assert len(raw) < 1 << 20
    assert errors(raw, Limits(max_export_bytes=8 << 20)) == [
        f"gzip stream decompresses to more than {8 << 20} bytes (max_export_bytes)"
    ]
    assert gunzip(raw, 1000, truncate=True) == b"\0" * 1000
    two = gzip.compress(b'[{"a": 1},', mtime=0) + gzip.compress(b'{"b": 2}]', mtime=0)
    assert gunzip(two, 100) == b'[{"a": 1},{"b": 2}]'
    assert errors(gzip.compress(b"[1, 2]", mtime=0)[:-9]) == ["corrupt gzip stream (EOFError)"]
    # Quarantine scans (subject find/erase) decompress with the same cap.
    assert texts_of(raw, limit=4096)[0] == "\0" * 4096


def test_numbers_and_times_without_a_utc_date_are_parse_errors():
    for created in ("0001-01-01T00:30:00+01:00", "9999-12-31T23:30:00-01:00", 1e300):
        rec = call_record(1)
        rec["created_at"] = created
        with pytest.raises(ParseError, match="outside the calendar"):
            parse_record(rec, b"{}", "export.json")
    assert errors(b'{"id": ' + b"9" * 5000 + b"}") == ["invalid JSON (ValueError)"]
    rec = call_record(1)
    rec["created_at"] = "2026-11-02T01:30:00+02:00"
    assert parse_record(rec, b"{}", "export.json").created_at.isoformat() == "2026-11-01T23:30:00+00:00"


# ---- symlinks and special files ----------------------------------------------------------------


def landing_with_links(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "other.json").write_text(dumps(call_record(9)))
    landing = tmp_path / "landing"
    (landing / "sub").mkdir(parents=True)
    (landing / "good.json").write_text(dumps(call_record(1)))
    (landing / "link.json").symlink_to(outside / "other.json")
    (landing / "linked-folder").symlink_to(outside, target_is_directory=True)
    (landing / "sub" / "dangling.json").symlink_to(tmp_path / "missing.json")
    os.mkfifo(landing / "pipe.json")
    return landing, outside


def test_only_regular_files_inside_the_source_are_listed(tmp_path):
    landing, outside = landing_with_links(tmp_path)
    skipped = Counter()
    assert expand_sources([str(landing)], skipped) == [landing / "good.json"]
    assert skipped == {"symlink": 3, "special": 1}
    skipped = Counter()
    assert expand_sources([f"{landing}/**/*.json"], skipped) == [landing / "good.json"]
    assert skipped["outside"] == 1 and skipped["symlink"] == 2  # the glob went through the linked folder
    skipped = Counter()
    assert expand_sources([str(landing / "link.json")], skipped) == [] and skipped == {"symlink": 1}
    # The folder named as the source may itself be a link (a mounted volume); links inside it are not.
    (tmp_path / "mounted").symlink_to(landing, target_is_directory=True)
    skipped = Counter()
    assert expand_sources([str(tmp_path / "mounted")], skipped) == [tmp_path / "mounted" / "good.json"]
    assert skipped == {"symlink": 3, "special": 1}
    # Raw areas (subject export/erase, reprocess --from raw) list regular files only, too.
    assert [o.key for o in raw_objects(LocalStore(landing))] == ["good.json"]


def test_delete_mode_never_touches_a_link_target_and_reports_links(tmp_path, cfg, pipe):
    landing, outside = landing_with_links(tmp_path)
    _, config = job_config(tmp_path, '[landing]\nafter_ingest = "delete"\n[job]\ncompact_min_files = 0\n', "d.toml")
    report = run_job([str(landing)], config, str(tmp_path / "lake"), pipe)
    assert report.status == "ok" and report.calls_written == 1 and report.landing["deleted"] == 1
    assert report.sources[0]["not_read"] == {"symlink": 3, "special": 1}
    assert (outside / "other.json").exists() and (landing / "link.json").is_symlink()
    assert not (landing / "good.json").exists()
    lake = Lake.from_config(config, str(tmp_path / "lake"), pipe.version)
    assert read_live(lake, "calls", ["call_id"]).column("call_id").to_pylist() == [call_id_of(1)]
    assert not list(lake.store.list("quarantine/"))  # nothing of the link target copied anywhere


def test_a_file_swapped_for_a_link_after_reading_is_neither_read_nor_deleted(tmp_path):
    landing = tmp_path / "landing"
    landing.mkdir()
    secret = tmp_path / "elsewhere.json"
    secret.write_text("{}")
    (landing / "a.json").write_text(dumps(call_record(1)))
    src = LocalFiles([str(landing)])
    (exp,) = list(src.exports())
    (landing / "a.json").unlink()
    (landing / "a.json").symlink_to(secret)
    with pytest.raises(FetchError):
        exp.fetch()  # O_NOFOLLOW
    with pytest.raises(FetchError, match="replaced"):
        src.cleanup(exp, "delete", None)
    assert secret.exists() and (landing / "a.json").is_symlink()


# ---- versions and records ----------------------------------------------------------------------


@pytest.mark.parametrize("commit_every", [1, 256])
def test_the_newest_version_wins_within_one_run(tmp_path, pipe, commit_every):
    _, config = job_config(tmp_path, f"[job]\ncommit_every_calls = {commit_every}\ncompact_min_files = 0\n", "v.toml")
    landing = tmp_path / "landing"
    landing.mkdir()
    (landing / "a-first.json").write_text(dumps(call_record(2, version=5)))  # newer, read first
    (landing / "b-second.json").write_text(dumps(call_record(2, version=1)))
    report = run_job([str(landing)], config, str(tmp_path / "lake"), pipe)
    assert report.exports["done"] == 2
    lake = Lake.from_config(config, str(tmp_path / "lake"), pipe.version)
    texts = read_live(lake, "segments", ["text"]).column("text").to_pylist()
    assert any("version 5" in t for t in texts) and not any("version 1" in t for t in texts)


def test_equal_updated_at_is_decided_by_content_hash_whatever_the_order(tmp_path, pipe, cfg):
    a, b = call_record(3), call_record(3)
    b["summary"] = "Andra versionen."
    stored = []
    for order in ((a, b), (b, a)):
        landing = tmp_path / f"landing{len(stored)}"
        landing.mkdir()
        for i, rec in enumerate(order):
            (landing / f"{i}.json").write_text(dumps(rec))
        store = tmp_path / f"lake{len(stored)}"
        run_job([str(landing)], cfg[1], str(store), pipe)
        lake = Lake.from_config(cfg[1], str(store), pipe.version)
        stored.append(read_live(lake, "calls", ["summary"]).column("summary").to_pylist())
    assert stored[0] == stored[1] and len(stored[0]) == 1


def test_empty_arrays_and_pages_are_recorded_and_not_read_again(tmp_path, cfg, pipe):
    landing = tmp_path / "landing"
    landing.mkdir()
    (landing / "empty.json").write_text("[]")
    (landing / "page.json").write_text('{"data": [], "has_more": false}')
    first = run_job([str(landing)], cfg[1], str(tmp_path / "lake"), pipe)
    assert first.status == "ok" and first.exports["empty"] == 2 and first.exports["done"] == 2
    again = run_job([str(landing)], cfg[1], str(tmp_path / "lake"), pipe)
    assert again.exports["skipped_done"] == 2 and again.calls_read == 0


def test_an_export_over_the_cap_is_quarantined_unread_and_left_in_place(tmp_path, pipe):
    _, config = job_config(
        tmp_path,
        '[ingest]\nmax_export_bytes = 2000\n[landing]\nafter_ingest = "delete"\n[job]\ncompact_min_files = 0\n',
        "cap.toml",
    )
    landing = tmp_path / "landing"
    landing.mkdir()
    big = [call_record(i) for i in range(6)]
    (landing / "big.json").write_text(dumps(big))
    (landing / "small.json").write_text(dumps(call_record(7)))
    pipeline = Pipeline(config, detector=pipe.detector)
    report = run_job([str(landing)], config, str(tmp_path / "lake"), pipeline)
    assert report.status == "partial" and report.calls_written == 1 and report.quarantined == 1
    assert (landing / "big.json").exists() and not (landing / "small.json").exists()
    lake = Lake.from_config(config, str(tmp_path / "lake"), pipeline.version)
    (reason,) = [json.loads(lake.store.get(o.key)) for o in lake.store.list("quarantine/") if o.key.endswith(".json")]
    assert "max_export_bytes" in reason["reason"] and "left where it is" in reason["reason"]
    again = run_job([str(landing)], config, str(tmp_path / "lake"), pipeline)
    assert again.status == "ok" and again.exports["skipped_done"] == 1


# ---- failures outside the input ----------------------------------------------------------------


def test_a_full_disk_fails_the_run_with_a_report_naming_the_errno(tmp_path, cfg, pipe, monkeypatch):
    landing = tmp_path / "landing"
    landing.mkdir()
    (landing / "a.json").write_text(dumps(call_record(1)))

    def full(self):
        raise OSError(errno.ENOSPC, "No space left on device", str(tmp_path / "lake" / "name.json"))

    monkeypatch.setattr(Lease, "acquire", full)
    report = run_job([str(landing)], cfg[1], str(tmp_path / "lake"), pipe, report_to_store=False)
    assert report.status == "failed"
    assert report.errors == ["OSError: errno 28 ENOSPC (No space left on device)"]
    monkeypatch.undo()

    from redactor.store.lake import Lake

    def full_quarantine(self, item):
        raise OSError(errno.ENOSPC, "No space left on device")

    (landing / "b.json").write_text("{broken")
    monkeypatch.setattr(Lake, "quarantine", full_quarantine)
    report = run_job([str(landing)], cfg[1], str(tmp_path / "lake"), pipe, report_to_store=False)
    assert report.status == "failed" and "errno 28 ENOSPC" in report.errors[-1]
    assert "name.json" not in json.dumps(report.as_dict())


def test_safe_error_keeps_the_errno_and_drops_the_file_name():
    exc = OSError(errno.EACCES, "Permission denied", "/landing/a-name.json")
    assert safe_error(exc) == "PermissionError: errno 13 EACCES (Permission denied)"
    assert safe_error(ValueError("a value")) == "ValueError"


def test_calls_the_tables_cannot_hold_are_quarantined_not_the_commit(tmp_path, cfg, pipe, monkeypatch):
    import redactor.jobs.ingest as job_module

    real = job_module.build_tables
    poison = call_id_of(2)

    def picky(calls):
        if any(rc.call.call_id == poison for rc in calls):
            raise ValueError("a value no column takes")
        return real(calls)

    from redactor.store import txn as txn_module

    monkeypatch.setattr(txn_module, "build_tables", picky)
    monkeypatch.setattr(job_module, "build_tables", picky)
    landing = tmp_path / "landing"
    landing.mkdir()
    (landing / "a.json").write_text(dumps([call_record(1), call_record(2)]))
    (landing / "b.json").write_text(dumps(call_record(3)))
    _, config = job_config(tmp_path, '[landing]\nafter_ingest = "delete"\n', "del.toml")
    report = run_job([str(landing)], config, str(tmp_path / "lake"), pipe)
    assert report.status == "partial" and report.calls_written == 2 and report.quarantine_reasons == {"store": 1}
    assert (landing / "a.json").exists() and not (landing / "b.json").exists()  # the input of the one is kept
    lake = Lake.from_config(config, str(tmp_path / "lake"), pipe.version)
    (row,) = [e for e in LakeWriter(lake).ledger.exports.values() if e.n_quarantined]
    assert (row.status, row.n_calls, row.n_quarantined) == ("partial", 1, 1)
    assert sorted(read_live(lake, "calls", ["call_id"]).column("call_id").to_pylist()) == sorted(
        [call_id_of(1), call_id_of(3)]
    )


def test_klang_listing_with_calendar_edge_times_keeps_the_watermark_arithmetic_safe():
    from redactor.ingest.sources import KlangApi

    class Listing:  # the Klang API is the one thing tests may stand in for
        base_url = "https://klang.invalid"

        def list_conversations(self, created_after):
            return [
                {"id": "a", "status": "ready", "created_at": "0001-01-01T00:30:00+01:00"},
                {"id": "b", "status": "transcribing", "created_at": "0001-01-01T00:00:00Z"},
                {"id": "c", "status": "ready", "created_at": "9999-12-31T23:30:00-01:00"},
                {"id": "d", "status": "ready", "created_at": "2026-11-02T10:00:00+01:00"},
            ]

    src = KlangApi(Listing(), "0001-01-01T00:00:00Z")
    assert [e.locator for e in src.exports()] == ["a", "c", "d"]
    assert src.new_cursor() == "2026-11-02T09:00:00Z"
