"""Bad input is quarantined with a reason and nothing is lost; failures fail closed."""

from __future__ import annotations

import gzip
import json

import duckdb
import pyarrow.parquet as pq
import pytest

from redactor.detect import Detection
from redactor.detect.analyzer import NER_RECOGNIZER
from redactor.jobs.ingest import run_ingest
from redactor.store import open_store
from tests.conftest import PNR_DASH, SAMPLES
from tests.factories import dumps, klang_record, segmented_record


def _quarantine(store_root):
    store = open_store(str(store_root))
    records = [json.loads(store.get(o.key)) for o in store.list("quarantine/") if o.key.endswith(".json")]
    return store, records


def test_samples_round_trip_through_parquet(tmp_path, config, pipeline):
    summary = run_ingest([str(SAMPLES)], config, str(tmp_path / "lake"), pipeline)
    assert summary.quarantined == 0 and summary.calls_written == summary.calls_read >= 6
    calls = pq.read_table(tmp_path / "lake" / "calls")  # hive partitions discovered
    assert calls.num_rows == summary.calls_written
    assert "call_date" in calls.column_names
    # the export's file names hold no place: analysts can trace a call to its file
    assert {f.rsplit("/", 1)[-1] for f in calls.column("source_file").to_pylist()} == {
        p.name for p in SAMPLES.iterdir() if p.is_file()
    }
    con = duckdb.connect()
    glob = str(tmp_path / "lake" / "segments" / "**" / "*.parquet")
    (n,) = con.sql(f"select count(*) from read_parquet('{glob}', hive_partitioning=true)").fetchone()
    assert n > 30
    text = " ".join(r[0] for r in con.sql(f"select text from read_parquet('{glob}')").fetchall())
    assert PNR_DASH not in text and "070-123 45 67" not in text
    # Retention travels inside every Parquet file.
    some = next((tmp_path / "lake" / "findings").rglob("*.parquet"))
    meta = pq.read_metadata(some).metadata
    assert meta[b"redactor.retention-class"] == b"transcript-redacted"
    assert meta[b"redactor.expires-on"]
    # Findings record types and offsets but never a value.
    findings = pq.read_table(tmp_path / "lake" / "findings").to_pylist()
    assert {"SE_PERSONNUMMER", "PHONE_NUMBER", "EMAIL_ADDRESS", "PERSON"} <= {f["entity_type"] for f in findings}
    assert all(set(f) >= {"field", "start", "end", "score", "recognizer"} for f in findings)


def test_rerun_replaces_instead_of_duplicating(tmp_path, config, pipeline):
    for _ in range(2):
        run_ingest([str(SAMPLES)], config, str(tmp_path / "lake"), pipeline)
    calls = pq.read_table(tmp_path / "lake" / "calls")
    assert calls.num_rows == len(set(calls.column("call_id").to_pylist()))


@pytest.mark.parametrize(
    "name, data, reason",
    [
        ("truncated.json", dumps(klang_record())[:200].encode(), "invalid JSON"),
        ("latin1.json", '{"id": "x", "title": "G\u00f6teborg"}'.encode("latin-1"), "not valid UTF-8"),
        ("empty.json", b"   \n", "empty file"),
        ("gzip.json.gz", gzip.compress(b"{}")[:-6], "corrupt gzip"),
        ("notacall.json", b"[1, 2]", "record must be a JSON object"),
        ("shape.json", b'{"id": "x"}', "unknown export shape"),
    ],
)
def test_bad_files_are_quarantined_with_a_reason(tmp_path, config, pipeline, name, data, reason):
    src = tmp_path / "in"
    src.mkdir()
    (src / name).write_bytes(data)
    summary = run_ingest([str(src)], config, str(tmp_path / "lake"), pipeline)
    store, records = _quarantine(tmp_path / "lake")
    assert summary.calls_written == 0 and summary.quarantined == len(records) >= 1
    assert any(reason in r["reason"] for r in records)
    # Nothing is lost: the quarantined payloads are the input bytes.
    payload = b"".join(store.get(r["payload_key"]) for r in records)
    assert payload == data or len(records) > 1
    assert store.tags(records[0]["payload_key"])["retention-class"] == "quarantine"


def test_one_bad_line_costs_only_that_line(tmp_path, config, detector):
    from redactor.pipeline import Pipeline

    huge = json.dumps(klang_record("huge", summary="x" * 400_000))
    lines = [
        dumps(klang_record("a")),
        '{"id": "broken", ',
        dumps(segmented_record("b")),
        huge,
        dumps(klang_record("c", sources=[])),
    ]
    (tmp_path / "in.jsonl").write_text("\n".join(lines))
    cfg = type(config)({**config.data, "ingest": {**config.section("ingest"), "max_record_bytes": 100_000}})
    summary = run_ingest([str(tmp_path / "in.jsonl")], cfg, str(tmp_path / "lake"), Pipeline(cfg, detector=detector))
    _, records = _quarantine(tmp_path / "lake")
    reasons = sorted(r["reason"] for r in records)
    assert summary.calls_read == 5 and summary.calls_written == 2 and summary.quarantined == 3
    assert any("invalid JSON" in r for r in reasons)
    assert any("larger than 100000 bytes" in r for r in reasons)
    assert any("empty call" in r for r in reasons)
    assert sorted(r["record_index"] for r in records) == [2, 4, 5]


class _ExplodingDetector:
    """A detector that fails on one text, to prove failure quarantines only that call."""

    model_name, tail_name = "exploding-0", "tail.off"

    def __init__(self, real, poison: str):
        self.real, self.poison = real, poison

    def detect_many(self, texts):
        if any(self.poison in t for t in texts):
            raise RuntimeError(f"boom on {self.poison}")  # message carries data: must not surface
        return self.real.detect_many(texts)


def test_detection_failure_quarantines_the_call_and_only_it(tmp_path, config, detector):
    from redactor.pipeline import Pipeline

    pipe = Pipeline(config, detector=_ExplodingDetector(detector, "Giftig"))
    recs = [klang_record("ok1"), klang_record("bad", title=f"Giftig {PNR_DASH}"), klang_record("ok2")]
    (tmp_path / "in.json").write_text(dumps(recs))
    summary = run_ingest([str(tmp_path / "in.json")], config, str(tmp_path / "lake"), pipe)
    assert (summary.calls_written, summary.quarantined) == (2, 1)
    _, (record,) = _quarantine(tmp_path / "lake")
    assert record["stage"] == "detect" and record["reason"] == "detect failed (RuntimeError)"
    assert PNR_DASH not in summary.to_json()
    written = pq.read_table(tmp_path / "lake" / "calls").column("title").to_pylist()
    assert not any("Giftig" in t for t in written)


def test_a_leak_fails_closed(tmp_path, config, detector, monkeypatch):
    """If the transform ever let a detected value through, the call must not be written."""
    from redactor.pipeline import Pipeline
    from redactor.transform import call as call_mod

    monkeypatch.setattr(call_mod, "_rewrite_words", lambda *a, **k: None)  # simulate a bug
    (tmp_path / "in.json").write_text(dumps(segmented_record()))
    summary = run_ingest(
        [str(tmp_path / "in.json")], config, str(tmp_path / "lake"), Pipeline(config, detector=detector)
    )
    _, (record,) = _quarantine(tmp_path / "lake")
    assert summary.calls_written == 0 and record["stage"] == "verify"
    assert "survived in field segments[1].words" in record["reason"]
    assert not (tmp_path / "lake" / "calls").exists()


def test_structural_names(detector):
    from redactor.detect.structure import structural_detections

    found = structural_detections(
        {
            "participants[0]": "Vera Testsson",
            "segments[0].speaker": "Talare 2",
            "segments[1].speaker": "Agent Nils",
            "metadata.agent_name": "Nils Provsson",
            "metadata.queue": "Privat",
        }
    )
    assert set(found) == {"participants[0]", "segments[1].speaker", "metadata.agent_name"}
    (d,) = found["segments[1].speaker"]
    assert (d.start, d.end) == (6, 10)


class _NamesEverywhere:
    """The name model at its worst: every non-empty field is one PERSON."""

    def __init__(self, real):
        self.real, self.model_name, self.tail_name = real, real.model_name, real.tail_name

    def detect_many(self, texts):
        return [
            dets + [Detection("PERSON", 0, len(t), 0.85, NER_RECOGNIZER)] if t.strip() else dets
            for t, dets in zip(texts, self.real.detect_many(texts))
        ]


def test_label_metadata_is_not_read_by_the_name_model(tmp_path, config, detector):
    from redactor.pipeline import Pipeline

    record = segmented_record(queue="Kundservice privat", team="070-765 43 21", agent="Nils Provsson")
    (tmp_path / "in.json").write_text(dumps(record))
    pipe = Pipeline(config, detector=_NamesEverywhere(detector))
    assert run_ingest([str(tmp_path / "in.json")], config, str(tmp_path / "lake"), pipe).calls_written == 1
    (call,) = pq.read_table(tmp_path / "lake" / "calls").to_pylist()
    meta = dict(call["metadata"])
    # Queue and direction stay readable for the analysts' reports...
    assert (call["queue"], call["direction"]) == ("Kundservice privat", "inbound")
    # ...a pattern recognizer still scans a label field, and other metadata is still read by the model.
    assert meta["team"].startswith("<PHONE_NUMBER_")
    assert meta["agent"].startswith("<PERSON_")


@pytest.mark.parametrize(
    "text",
    [
        "export-20261120.json",
        "se www.klang-energi.se/kundservice",
        "referens AB-4471-X",
        "kundnummer K-88231",
        "samtal_2026-11-20.wav",
    ],
)
def test_codes_file_names_and_addresses_are_never_a_name(detector, text):
    """The name model guesses at unknown tokens by their shape; `name_shape` drops what no name
    or place can look like (digits, slashes, dotted words)."""
    assert not [d for d in detector.detect(text) if d.from_model]


def test_name_shape_keeps_real_names(detector):
    text = "Jag pratade med Anna-Karin Berg-Lind och Åsa Öberg i Kalmar."
    found = {text[d.start : d.end]: d.entity_type for d in detector.detect(text) if d.from_model}
    assert found == {"Anna-Karin Berg-Lind": "PERSON", "Åsa Öberg": "PERSON", "Kalmar": "LOCATION"}


@pytest.mark.parametrize(
    "text, name",
    [
        ("Hej, det är Ida Al-Hassan, jag ringer om fakturan.", "Ida Al-Hassan"),
        ("jag heter fatima al-hassan", "fatima al-hassan"),
        ("Det gäller Omar El-Sayed.", "Omar El-Sayed"),
    ],
)
def test_a_surname_with_a_particle_belongs_to_the_name(detector, text, name):
    """The model tags "Ida" and leaves "Al-Hassan" out; `name_particles` extends the span."""
    found = [text[d.start : d.end] for d in detector.detect(text) if d.entity_type == "PERSON"]
    assert found == [name]


def test_the_model_is_loaded_afresh_every_renew_model_every_calls(tmp_path, rules_pipeline):
    """spaCy keeps every new word in the model's vocabulary; a long run loads the model afresh
    (`[ingest] renew_model_every_calls`), which lets those words go and changes no result."""
    from bench.generate import generate_records
    from redactor.config import Config
    from redactor.ingest import RawRecord
    from redactor.pipeline import Pipeline

    model = rules_pipeline.config.model_path.as_posix()
    settings = f'[detect]\nmodel = "{model}"\n[ingest]\nbatch_size = 4\nrenew_model_every_calls = 8\n'
    (tmp_path / "renew.toml").write_text(settings)
    records = [RawRecord("x.jsonl", i, dumps(r).encode(), r) for i, r in enumerate(generate_records(10, seed=4))]
    renewing, never = Pipeline(Config.load(tmp_path / "renew.toml")), Pipeline(Config.load(tmp_path / "renew.toml"))
    never.renew_every = 0  # the same config (so the same pipeline version), never renewed
    first = renewing.detector

    got, detectors = [], []
    for result in renewing.process(records):
        got.append(result)
        detectors.append(renewing.detector)
    assert len({id(d) for d in detectors}) == 2  # 10 calls in batches of 4: renewed once, after the 8th
    assert got == list(never.process(records))

    def words(p: Pipeline) -> int:
        return len(p.detector.nlp_engine.nlp["sv"].vocab)

    assert words(renewing) < words(never)  # the renewed model has read 2 calls, the other 10
    # A detector the caller gave is theirs: never replaced.
    given = Pipeline(Config.load(tmp_path / "renew.toml"), detector=first)
    list(given.process(records))
    assert given.detector is first
