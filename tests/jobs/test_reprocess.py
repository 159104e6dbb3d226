"""Reprocessing history: from redacted text (only ever removes) and from raw exports in retention.

"Improved" pipeline = the default one plus a test-only deny-list recognizer for a customer
identifier the shipped recognizers do not know (a bonus code with no digits), with its own
version string.
"""

from __future__ import annotations

import gzip
import json
import re
from datetime import UTC, date, datetime

import pytest
from presidio_analyzer import PatternRecognizer
from typer.testing import CliRunner

from redactor.cli import app
from redactor.config import Config
from redactor.detect import Detector
from redactor.domain import Call, RedactedCall, Segment, Word
from redactor.jobs.ingest import run_ingest
from redactor.jobs.reprocess import TOKEN, reprocess_raw, reprocess_redacted
from redactor.pipeline import Pipeline
from redactor.rights import build_request
from redactor.rights.erase import erase_subject
from redactor.rights.find import find_calls, pseudonymiser_from
from redactor.store.backend import LocalStore
from redactor.store.lake import Lake
from redactor.store.tables import TABLES
from tests.factories import dumps, klang_record, segmented_record
from tests.rights.test_rights import all_objects, snapshot, table_rows

KEY = "test-key-not-a-secret-0123456789"
NEW_VALUE = "QZ-LUMA"  # a made-up bonus code: no digits, no context word the shipped recognizers know


def _words(text, t=1.0):
    out = []
    for w in text.split():
        out.append({"word": w, "start": t, "end": t + 0.3, "confidence": 0.9})
        t += 0.4
    return out, t


def _records():
    text = f"min bonuskod är {NEW_VALUE} och personnummer 880413-2382"
    words, t = _words(text)
    seg = segmented_record(
        "seg_r1",
        created_at="2026-11-20T09:00:00Z",
        summary=f"Kund {NEW_VALUE} ringde.",
        segments=[
            {"speaker": "spk_0", "role": "AGENT", "start": 0.0, "end": 0.9, "text": "Norrsken Energi, välkommen."},
            {"speaker": "spk_1", "role": "CUSTOMER", "start": 1.0, "end": t, "text": text, "words": words},
        ],
    )
    k1 = klang_record(
        "conv_r2",
        created_at="2026-11-21T10:00:00Z",
        title=f"Ärende {NEW_VALUE}",
        content=(
            "[00:00:01] Agent: Norrsken Energi, hej!\n"
            f"[00:00:04] Vera Testsson: Jag har bonuskod {NEW_VALUE}, personnummer 880413-2382.\n"
            "[00:00:09] Agent: Tack Vera, och numret 070-311 22 45 stämmer?"
        ),
    )
    k2 = klang_record(
        "conv_r3",
        created_at="2026-11-22T10:00:00Z",
        summary="Greta Exempelsson flyttar.",
        content=("[00:00:01] Agent: Hej!\n[00:00:04] Greta Exempelsson: Jag flyttar, personnummer 930805-2381."),
        sources=None,
    )
    k2["sources"] = [
        {
            "type": "transcript",
            "language": "swe",
            "participants": [{"name": "Greta Exempelsson"}],
            "content": k1["sources"][0]["content"]
            .replace(NEW_VALUE, "okänt")
            .replace("Vera Testsson", "Greta Exempelsson")
            .replace("880413-2382", "930805-2381")
            .replace("Tack Vera", "Tack Greta"),
        }
    ]
    return {
        "r1.json": dumps(seg).encode(),
        "r2.json.gz": gzip.compress(dumps(k1).encode(), mtime=0),
        "r3.json": dumps(k2).encode(),
    }


@pytest.fixture(scope="module")
def policy_config(tmp_path_factory) -> Config:
    path = tmp_path_factory.mktemp("cfg") / "policy.toml"
    path.write_text('[policy.entities]\nSE_PERSONNUMMER = "pseudonymise"\nPHONE_NUMBER = "mask"\n')
    return Config.load(path)


@pytest.fixture(scope="module")
def improved_detector(config) -> Detector:
    det = Detector(config.model_path)
    det.analyzer.registry.add_recognizer(
        PatternRecognizer(
            supported_entity="CUSTOMER_NUMBER", deny_list=[NEW_VALUE], supported_language="sv", name="TestDenyList"
        )
    )
    # The detector pre-computes which recognizers can match a field; rebuild that after adding one.
    getattr(det, "_build_fast_path", lambda: None)()
    assert det.detect(f"bonuskod {NEW_VALUE}")
    return det


@pytest.fixture
def pipelines(monkeypatch, policy_config, detector, improved_detector):
    monkeypatch.setenv("REDACTOR_PSEUDONYM_KEY", KEY)
    old = Pipeline(policy_config, detector=detector)
    new = Pipeline(policy_config, detector=improved_detector)
    new.version = old.version + "+denylist.1"
    return old, new


def _world(tmp_path, cfg, uri, old, land=True):
    src = tmp_path / "exports"
    src.mkdir(exist_ok=True)
    files = _records()
    for name, data in files.items():
        (src / name).write_bytes(data)
    summary = run_ingest([str(src)], cfg, uri, old)
    assert summary.calls_written == 3 and summary.quarantined == 0
    lake = Lake.from_config(cfg, uri, old.version)
    lake.raw_stores = [LocalStore(src)] if land else []  # the landing folder keeps the exports
    return lake


def _texts(lake) -> str:
    """Every stored text of the tables, words included, as one string."""
    return json.dumps({t: table_rows(lake, t) for t in TABLES}, default=str, ensure_ascii=False)


def _token_counts(lake) -> dict[str, int]:
    counts: dict[str, int] = {}
    for m in TOKEN.finditer(_texts(lake)):
        counts[m.group()] = counts.get(m.group(), 0) + 1
    return counts


def _field_text(call_row: dict, segs: dict, field: str) -> str | None:
    m = re.match(r"segments\[(\d+)\]\.(text|speaker)$", field)
    if m:
        return segs[int(m.group(1))][m.group(2)]
    if field in ("title", "digest", "summary", "source_id", "source_file"):
        return call_row[field]
    m = re.match(r"participants\[(\d+)\]$", field)
    if m:
        return call_row["participants"][int(m.group(1))]
    if field.startswith("metadata."):
        return dict(call_row["metadata"])[field[len("metadata.") :]]
    return None


def _assert_findings_point_at_replacements(lake):
    calls = {r["call_id"]: r for r in table_rows(lake, "calls")}
    segs: dict[str, dict] = {}
    for r in table_rows(lake, "segments"):
        segs.setdefault(r["call_id"], {})[r["segment_index"]] = r
    for f in table_rows(lake, "findings"):
        text = _field_text(calls[f["call_id"]], segs.get(f["call_id"], {}), f["field"])
        if text is None:
            continue
        piece = text[f["start"] : f["end"]]
        assert TOKEN.fullmatch(piece) or ("*" in piece and not any(c.isalnum() for c in piece)), (
            f["field"],
            f["entity_type"],
        )


# ---- from redacted ---------------------------------------------------------------------------


def test_rescan_redacts_the_new_value_everywhere_and_keeps_every_token(tmp_path, config, policy_config, pipelines):
    old, new = pipelines
    lake = _world(tmp_path, policy_config, str(tmp_path / "lake"), old, land=False)
    assert NEW_VALUE in _texts(lake)
    tokens_before = _token_counts(lake)
    assert any(t.startswith("<SE_PERSONNUMMER:") for t in tokens_before)  # pseudonymised tokens present
    objects_before = all_objects(lake)

    dry = reprocess_redacted(lake, new, None, None, dry_run=True)
    assert dry.added["CUSTOMER_NUMBER"] >= 3 and not dry.dropped
    assert dry.as_dict()["findings"]["CUSTOMER_NUMBER"]["before"] == 0
    assert all_objects(lake) == objects_before  # a dry run writes nothing

    report = reprocess_redacted(lake, new, None, None)
    assert report.calls_rewritten == 3 and report.calls_failed == 0
    assert report.added["CUSTOMER_NUMBER"] == dry.added["CUSTOMER_NUMBER"]
    text = _texts(lake)
    assert NEW_VALUE not in text and "LUMA" not in text
    assert "<CUSTOMER_NUMBER_1>" in text
    # Every replacement token written before is still there, unchanged, as often as before.
    after = _token_counts(lake)
    assert all(after.get(t) == n for t, n in tokens_before.items())
    _assert_findings_point_at_replacements(lake)
    # Versions: rows carry the pipeline that produced them; old findings keep theirs.
    assert {r["pipeline_version"] for t in ("calls", "segments") for r in table_rows(lake, t)} == {new.version}
    versions = {(r["entity_type"], r["pipeline_version"]) for r in table_rows(lake, "findings")}
    assert ("CUSTOMER_NUMBER", new.version) in versions and ("SE_PERSONNUMMER", old.version) in versions
    # Words followed the text.
    (seg,) = [r for r in table_rows(lake, "segments") if r["role"] == "customer" and r["words"]]
    assert "<CUSTOMER_NUMBER_1>" in [w["text"] for w in seg["words"]]
    # The subject index gained the new identifier.
    req = build_request(pseudonymiser_from(policy_config), customer_number=[NEW_VALUE])
    assert len(find_calls(lake, req.tokens)) == 2
    # Nothing is duplicated, and a second run has nothing to do.
    assert len(table_rows(lake, "calls")) == 3
    again = reprocess_redacted(lake, new, None, None)
    assert again.calls_current == 3 and again.calls_rewritten == 0


def test_tokens_survive_even_when_their_hex_looks_like_a_number(tmp_path, config, pipelines):
    """A pseudonym's 10 hex characters can be all digits, even a valid personnummer or phone
    number; re-scanning must leave them alone."""
    old, new = pipelines
    lake = Lake.from_config(config, str(tmp_path / "lake"), "old")
    tokens = [
        "<SE_PERSONNUMMER:8804132382>",
        "<PHONE_NUMBER:0703112245>",
        "<PERSON>",
        "<EMAIL_ADDRESS:a1b2c3d4e5>",
        "<CUSTOMER_NUMBER_1>",
    ]
    text = (
        f"Kunden {tokens[2]} har personnummer {tokens[0]} och numret {tokens[1]}, "
        f"e-post {tokens[3]}, kundnummer {tokens[4]}, bonuskod {NEW_VALUE}, maskat ***-*** ** **."
    )
    words = [Word(w, i * 0.5, i * 0.5 + 0.4) for i, w in enumerate(text.split())]
    call = Call(
        call_id="cfixed0000000000000000001",
        source_id="x",
        shape="klang",
        created_at=datetime(2026, 11, 20, 10, tzinfo=UTC),
        title=f"Ärende {tokens[0]}",
        summary=text,
        participants=[tokens[2]],
        metadata={"caller_number": tokens[1]},
        segments=[Segment(0, text, speaker=tokens[2], words=words)],
        source_file="export-20261120.json",
    )
    lake.write_calls([RedactedCall(call, [], [], "old")])
    report = reprocess_redacted(lake, new, None, None)
    assert report.calls_rewritten == 1
    (row,) = table_rows(lake, "calls")
    (seg,) = table_rows(lake, "segments")
    # Numbered after the placeholder already there: a new value never takes an old value's number.
    expected = text.replace(NEW_VALUE, "<CUSTOMER_NUMBER_2>")
    assert row["summary"] == expected and seg["text"] == expected
    assert row["title"] == f"Ärende {tokens[0]}" and row["participants"] == [tokens[2]]
    assert dict(row["metadata"]) == {"caller_number": tokens[1]} and seg["speaker"] == tokens[2]
    # A word touched by a replacement becomes the replacement (the comma goes with it).
    assert [w["text"] for w in seg["words"]] == ["<CUSTOMER_NUMBER_2>" if NEW_VALUE in w else w for w in text.split()]
    findings = table_rows(lake, "findings")
    assert {f["entity_type"] for f in findings} == {"CUSTOMER_NUMBER"}, [
        (f["entity_type"], f["field"], f["start"], f["end"]) for f in findings
    ]


def test_readers_never_see_both_or_neither(tmp_path, policy_config, pipelines):
    """After every single object write of a reprocess, each call is in the tables exactly once,
    with one version of its rows."""
    old, new = pipelines
    lake = _world(tmp_path, policy_config, str(tmp_path / "lake"), old, land=False)
    n_segments = {cid: len(rows) for cid, rows in snapshot(lake)["segments"].items()}
    store = lake.store
    checks = []

    def check():
        calls = [r["call_id"] for r in table_rows(lake, "calls")]
        assert sorted(calls) == sorted(set(calls)) and len(calls) == 3
        per_call: dict[str, set] = {}
        counts: dict[str, int] = {}
        for r in table_rows(lake, "segments"):
            per_call.setdefault(r["call_id"], set()).add(r["pipeline_version"])
            counts[r["call_id"]] = counts.get(r["call_id"], 0) + 1
        assert counts == n_segments and all(len(v) == 1 for v in per_call.values())
        checks.append(1)

    real_put, real_delete = store.put, store.delete

    def put(key, data, tags):
        real_put(key, data, tags)
        check()

    def delete(key):
        real_delete(key)
        check()

    store.put, store.delete = put, delete
    try:
        reprocess_redacted(lake, new, None, None)
    finally:
        store.put, store.delete = real_put, real_delete
    assert len(checks) >= 9  # three tables in three partitions


def test_since_until_limit_the_partitions(tmp_path, policy_config, pipelines):
    old, new = pipelines
    lake = _world(tmp_path, policy_config, str(tmp_path / "lake"), old, land=False)
    report = reprocess_redacted(lake, new, date(2026, 11, 21), date(2026, 11, 21))
    assert report.calls_seen == 1 and report.calls_rewritten == 1
    versions = {r["created_at"].date(): r["pipeline_version"] for r in table_rows(lake, "calls")}
    assert versions == {
        date(2026, 11, 20): old.version,
        date(2026, 11, 21): new.version,
        date(2026, 11, 22): old.version,
    }


# ---- from raw --------------------------------------------------------------------------------


def test_reprocess_from_raw_replaces_rows_and_never_brings_back_an_erased_call(tmp_path, policy_config, pipelines):
    old, new = pipelines
    lake = _world(tmp_path, policy_config, str(tmp_path / "lake"), old)
    before = snapshot(lake)

    dry = reprocess_raw(lake, new, date(2026, 11, 20), date(2026, 11, 22), dry_run=True, raw_stores=lake.raw_stores)
    assert dry.calls_seen == 3 and dry.added["CUSTOMER_NUMBER"] >= 3 and snapshot(lake) == before

    report = reprocess_raw(lake, new, date(2026, 11, 20), date(2026, 11, 22), raw_stores=lake.raw_stores)
    assert report.calls_rewritten == 3 and report.calls_added == 0 and report.calls_failed == 0
    assert NEW_VALUE not in _texts(lake)
    rows = table_rows(lake, "calls")
    assert len(rows) == 3 and {r["pipeline_version"] for r in rows} == {new.version}
    assert {r["pipeline_version"] for r in table_rows(lake, "findings")} == {new.version}
    assert len(table_rows(lake, "segments")) == sum(len(v) for v in before["segments"].values())

    # Erase the person, put a stray copy of their export back, reprocess: they stay erased.
    req = build_request(pseudonymiser_from(policy_config), personnummer=["880413-2382"])
    erased = erase_subject(lake, req, raw_stores=lake.raw_stores)
    assert len(erased.call_ids) == 2
    (tmp_path / "exports" / "stray.json.gz").write_bytes(_records()["r2.json.gz"])
    again = reprocess_raw(lake, new, None, None, raw_stores=lake.raw_stores)
    assert again.calls_skipped_erased == 1 and find_calls(lake, req.tokens) == []
    assert len(table_rows(lake, "calls")) == 1


# ---- command line and S3 ---------------------------------------------------------------------


def test_cli_reprocess(tmp_path, policy_config, pipelines, monkeypatch):
    old, _ = pipelines
    store = str(tmp_path / "lake")
    _world(tmp_path, policy_config, store, old, land=False)
    cfg = tmp_path / "changed.toml"  # a config change is a new pipeline version
    cfg.write_text(
        '[policy.entities]\nSE_PERSONNUMMER = "pseudonymise"\nPHONE_NUMBER = "mask"\n[detect]\nscore_threshold = 0.45\n'
    )
    args = [
        "reprocess",
        "--from",
        "redacted",
        "--since",
        "2026-11-20",
        "--until",
        "2026-11-21",
        "--store",
        store,
        "--config",
        str(cfg),
    ]
    done = CliRunner().invoke(app, [*args, "--dry-run", "--json"])
    assert done.exit_code == 0, done.output
    out = json.loads(done.output)
    assert out["dry_run"] and out["calls_seen"] == 2 and out["calls_rewritten"] == 0
    table = CliRunner().invoke(app, [*args, "--dry-run"])  # the same dry run, for a person to read
    assert table.exit_code == 0 and "nothing written" in table.output
    assert f"calls looked at: 2; would change: {out['calls_changed']}" in table.output
    assert re.search(r"^SE_PERSONNUMMER\s+\d+\s+\d+\s+\+\d+\s+-\d+$", table.output, re.M), table.output
    assert set(out["findings"]) >= {"SE_PERSONNUMMER", "PERSON"}
    assert all(set(v) == {"before", "after", "added", "dropped"} for v in out["findings"].values())
    done = CliRunner().invoke(app, args)
    assert done.exit_code == 0 and json.loads(done.output)["calls_rewritten"] == 2
    assert "880413" not in done.output and "Testsson" not in done.output
    done = CliRunner().invoke(app, ["reprocess", "--from", "raw", "--store", store, "--config", str(cfg)])
    assert done.exit_code == 2 and "needs a raw area" in done.output
    done = CliRunner().invoke(
        app,
        [
            "reprocess",
            "--from",
            "raw",
            "--dry-run",
            "--store",
            store,
            "--config",
            str(cfg),
            "--raw",
            str(tmp_path / "exports"),
            "--json",
        ],
    )
    assert done.exit_code == 0, done.output
    assert json.loads(done.output)["calls_seen"] == 3 and json.loads(done.output)["source"] == "raw"
    for bad in (["--from", "elsewhere"], ["--since", "2026-13-01"], ["--since", "2026-11-22", "--until", "2026-11-20"]):
        done = CliRunner().invoke(app, ["reprocess", *bad, "--store", store])
        assert done.exit_code == 2 and "error:" in done.output


@pytest.mark.s3
@pytest.mark.slow
def test_rescan_on_s3(tmp_path, s3_env, s3_config, pipelines):
    old, new = pipelines
    bucket = s3_env.make_bucket("reprocess")
    lake = _world(tmp_path, s3_config, f"s3://{bucket}/lake", old)
    tokens_before = _token_counts(lake)
    report = reprocess_redacted(lake, new, None, None)
    assert report.calls_rewritten == 3
    assert NEW_VALUE not in _texts(lake)
    assert all(_token_counts(lake).get(t) == n for t, n in tokens_before.items())
    raw = reprocess_raw(lake, new, None, None, raw_stores=lake.raw_stores)
    assert raw.calls_rewritten == 3 and len(table_rows(lake, "calls")) == 3
    for key in s3_env.all_keys(bucket, "lake/calls/"):
        tags = {t["Key"]: t["Value"] for t in s3_env.client().get_object_tagging(Bucket=bucket, Key=key)["TagSet"]}
        assert tags["retention-class"] == "transcript-redacted" and tags["pipeline-version"] == new.version


def test_reprocessing_never_extends_retention(tmp_path, policy_config, pipelines):
    old, new = pipelines
    lake = _world(tmp_path, policy_config, str(tmp_path / "lake"), old, land=True)
    expiry_before = {
        e.expires_on for t in TABLES for d in lake.snapshot().partitions(t) for e in lake.snapshot().entries(t, d)
    }
    # Reprocess through a lake whose config would give new files a different expiry date.
    path = tmp_path / "short.toml"
    path.write_text("[retention]\ntranscript-redacted = 10\n")
    short = Lake.from_config(Config.load(path), str(tmp_path / "lake"), new.version)
    assert reprocess_redacted(short, new, None, None).calls_rewritten == 3
    assert reprocess_raw(short, new, None, None, raw_stores=lake.raw_stores).calls_rewritten == 3
    snap = lake.snapshot()
    assert {e.expires_on for t in TABLES for d in snap.partitions(t) for e in snap.entries(t, d)} == expiry_before
    assert {r["pipeline_version"] for r in table_rows(lake, "calls")} == {new.version}
