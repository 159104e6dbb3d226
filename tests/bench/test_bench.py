"""Issue 9: the call generator, the benchmark command, and the detector's fast path.

The fast path must give exactly what plain Presidio (`process_batch` + `AnalyzerEngine.analyze` on
every text) gives, on the samples, on generated calls and on the development corpus.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys

import pytest

from bench.generate import FICTION_PHONES, PERSONNUMMER, fiction_subscriber, generate, generate_records, write_exports
from redactor.ingest import expand_sources, iter_records, parse_record
from redactor.transform.call import scan_units
from tests.conftest import ROOT, SAMPLES

DEV_CORPUS = ROOT / "bench" / "data" / "dev_corpus.jsonl"


def _texts_of(records) -> list[str]:
    texts: list[str] = []
    for rec in records:
        call = parse_record(rec, json.dumps(rec).encode(), "bench/export.jsonl")
        texts.extend(scan_units(call).detection_texts().values())
    return texts


def _sample_texts() -> list[str]:
    texts: list[str] = []
    for rec in iter_records(expand_sources([str(SAMPLES)])):
        if rec.error:
            continue
        try:
            call = parse_record(rec.data, rec.raw, rec.source_file)
        except Exception:  # noqa: BLE001 - samples include deliberately bad records
            continue
        texts.extend(scan_units(call).detection_texts().values())
    return texts


def _dev_corpus_texts() -> list[str]:
    if not DEV_CORPUS.is_file():
        return []
    out = []
    for line in DEV_CORPUS.read_text("utf-8").splitlines():
        if line.strip():
            doc = json.loads(line)
            if isinstance(doc.get("text"), str):
                out.append(doc["text"])
    return out


# ---- generator ------------------------------------------------------------------------------


def test_generator_is_deterministic_per_seed_and_index():
    a = [json.dumps(r, sort_keys=True) for r in generate_records(15, seed=3)]
    b = [json.dumps(r, sort_keys=True) for r in generate_records(15, seed=3)]
    c = [json.dumps(r, sort_keys=True) for r in generate_records(15, seed=4)]
    assert a == b
    assert a != c
    # call i depends on (seed, i) only: a chunk written later is the same calls
    tail = [json.dumps(call.record, sort_keys=True) for call in generate(5, seed=3, start_index=10)]
    assert tail == a[10:]


def test_generated_calls_are_realistic_shaped():
    calls = list(generate(120, seed=11))
    shapes = {"klang" if "sources" in c.record else "segmented" for c in calls}
    assert shapes == {"klang", "segmented"}
    lengths, turns = [], []
    for c in calls:
        rec = c.record
        call = parse_record(rec, json.dumps(rec).encode(), "x.jsonl")
        transcript = sum(len(s.text) for s in call.segments)
        lengths.append(transcript)
        turns.append(len(call.segments))
        blob = json.dumps(rec, ensure_ascii=False)
        types = {t for t, _ in c.gold}
        assert {"PERSON", "SE_PERSONNUMMER", "PHONE_NUMBER"} <= types
        for _, value in c.gold:  # every gold value is really in the export
            assert value in blob
    assert 3800 <= statistics.mean(lengths) <= 6000  # the brief: ~4.8k characters a call
    assert 1500 <= min(lengths) and max(lengths) <= 13000
    assert 30 <= statistics.mean(turns) <= 150
    # made-up people only: Skatteverket test numbers, PTS fiction phone series
    pnrs = set(PERSONNUMMER)
    assert len(pnrs) >= 100
    assert all(len(p) == 12 and p.isdigit() for p in pnrs)
    skv = ROOT.parent / "shared/data/personnummer/skatteverket-testpersonnummer.txt"
    if skv.is_file():
        assert pnrs <= set(skv.read_text().split())
    # PTS's fiction series, each a whole Swedish number (08-465 004 xx has ten digits, not eleven).
    from recognizers.phone import is_valid

    for area, prefix, lo, hi in FICTION_PHONES:
        for n in (lo, hi):
            number = area + fiction_subscriber(prefix, n, hi)
            assert len(number) == 10 and is_valid(number), number


def test_write_exports_streams_chunks(tmp_path):
    paths = write_exports(tmp_path, 7, seed=2, calls_per_file=3, gold=True)
    assert [p.name for p in paths] == ["export-00000.jsonl", "export-00001.jsonl", "export-00002.jsonl"]
    lines = [ln for p in paths for ln in p.read_text("utf-8").splitlines()]
    assert len(lines) == 7
    assert [json.loads(ln) for ln in lines] == list(generate_records(7, seed=2))
    assert len((tmp_path / "gold.jsonl").read_text("utf-8").splitlines()) == 7


# ---- the optimised detector equals plain Presidio ---------------------------------------------

TRICKY = [
    "",
    " ",
    "\n",
    "Mm.",
    "Mm.",
    "Ja.",
    "Talare 1",
    "Agent Jonas",
    "Sofia Ekström",
    "Mitt personnummer är 880413-2382 och min mobil 070-123 45 67.",
    "personnummer 880413-2382",
    "880413-2382",
    "8804132382",
    "198804132382",
    "88 04 13 23 82",
    "ring mig på +46 70 123 45 67 eller 08-123 456 78",
    "0771-123 456",
    "070-174 06 05",
    "mejla anna.berg@exempel.se eller anna punkt berg snabel-a exempel punkt se",
    "Fakturan är på 1 249,50 kr, mätarställning 45 872 kWh, OCR 12345678901234.",
    "sista fyra 2382",
    "x" * 5000,
    "070-123 45 67 " * 40,
]


@pytest.mark.slow
def test_fast_path_equals_plain_presidio(detector):
    texts = TRICKY + _sample_texts() + _texts_of(generate_records(10, seed=5)) + _dev_corpus_texts()
    assert len(texts) > 1000
    detector._cache.clear()
    reference = detector.detect_many_reference(texts)
    fast = detector.detect_many(texts)
    assert fast == reference
    assert sum(map(len, reference)) > 100  # the comparison is not vacuous
    # again, now with the short-text cache warm, and one text at a time
    assert detector.detect_many(texts) == reference
    assert [detector.detect(t) for t in TRICKY] == reference[: len(TRICKY)]


@pytest.fixture(scope="module")
def ner_detector(tmp_path_factory):
    """A detector whose pipeline sets entities (an entity ruler standing in for the NER model)
    and with one more, weak pattern recognizer whose results only context lifts over the
    threshold: the fast path's other branches (NER entities, context enhancement, lemmas)."""
    import spacy
    from presidio_analyzer import Pattern, PatternRecognizer

    import recognizers
    from redactor.detect import Detector

    nlp = spacy.blank("sv")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns(
        [
            {"label": "PER", "pattern": "Sofia Ekström"},
            {"label": "PER", "pattern": [{"LOWER": "ebba"}]},
            {"label": "LOC", "pattern": "Västerås"},
            {"label": "ORG", "pattern": "Norrsken Energi"},
            {"label": "MISC", "pattern": "kilowattimmar"},
            {"label": "PER", "pattern": "Jonas"},
        ]
    )
    nlp.meta["name"] = "ruler_test"
    path = tmp_path_factory.mktemp("model") / "ruler"
    nlp.to_disk(path)

    real = recognizers.build_recognizers

    def with_weak(language="sv"):
        weak = PatternRecognizer(
            supported_entity="CUSTOMER_NUMBER",
            name="WeakKundnummer",
            patterns=[Pattern("seven digits", r"\b\d{7}\b", 0.3)],
            context=["kundnummer", "kundnumret"],
            supported_language=language,
        )
        weak.may_match = lambda text: any(ch.isdigit() for ch in text)  # a truthful cheap gate
        return real(language) + [weak]

    recognizers.build_recognizers = with_weak
    try:
        det = Detector(path)
    finally:
        recognizers.build_recognizers = real
    assert det._nlp_sets_entities and det._uses_ner
    assert any(check.gate is not None for _, check in det._pattern_checks)
    return det


@pytest.mark.slow
def test_fast_path_equals_plain_presidio_with_ner_and_context(ner_detector):
    texts = (
        TRICKY
        + [
            "Mitt kundnummer är 1234567 om det hjälper.",
            "1234567",
            "nummer 7654321 alltså",
            "Sofia Ekström i Västerås, Norrsken Energi",
            "ebba och Ebba och EBBA",
            "45 872 kilowattimmar",
        ]
        + _sample_texts()
        + _texts_of(generate_records(8, seed=6))
        + _dev_corpus_texts()
    )
    ner_detector._cache.clear()
    reference = ner_detector.detect_many_reference(texts)
    assert ner_detector.detect_many(texts) == reference
    assert ner_detector.detect_many(texts) == reference  # warm cache
    found = {d.recognizer for dets in reference for d in dets}
    assert {"SpacyRecognizer", "WeakKundnummer", "KlangPersonnummerRecognizer"} <= found
    assert any(d.entity_type == "LOCATION" for dets in reference for d in dets)


def test_fast_path_analyses_only_fields_that_can_hold_something(detector, monkeypatch):
    calls = []
    real = detector._analyse

    def counting(text, known, doc=None, has_entities=False):
        calls.append(text)
        return real(text, known, doc, has_entities)

    monkeypatch.setattr(detector, "_analyse", counting)
    detector._cache.clear()
    texts = _texts_of(generate_records(10, seed=8))
    detector.detect_many(texts)
    # most fields of a call hold nothing a recognizer or the model could find
    if not detector._analyse_all and not detector._nlp_sets_entities:
        assert len(calls) < 0.05 * len(texts)


# ---- the benchmark command ---------------------------------------------------------------------


@pytest.mark.slow
def test_bench_command_runs_end_to_end(tmp_path):
    out = tmp_path / "results"
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    proc = subprocess.run(
        [sys.executable, "-m", "bench.run", "--calls", "8", "--out", str(out), "--quick"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=110,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    result = json.loads((out / "results.json").read_text())
    names = {m["name"] for m in result["measurements"]}
    assert {"presidio_baseline", "detector", "spacy_pipe", "ingest_1_worker"} <= names
    for m in result["measurements"]:
        assert m["calls"] == 8
        assert m["calls_per_s"] > 0 and m["chars_per_s"] > 0 and m["peak_rss_mb"] > 0
    assert result["ratios"]["detector_over_baseline"] > 0
    assert result["ratios"]["detector_cost_over_spacy"] > 0
    assert "recall" in result and "detector" in result["recall"]["generated"]
    table = (out / "results.md").read_text()
    assert "calls/s" in table and "Presidio" in table


class _Blind:
    """A detector that finds nothing: every name must then count as readable."""

    def __init__(self, real):
        self.model_name, self.tail_name = real.model_name, real.tail_name

    def detect_many(self, texts):
        return [[] for _ in texts]


def test_name_leaks_counts_names_readable_after_the_pipeline(tmp_path, config, pipeline):
    from bench.name_leaks import DEV_CORPUS, leaks
    from redactor.pipeline import Pipeline

    lines = DEV_CORPUS.read_text("utf-8").splitlines()[:4]
    (tmp_path / "slice.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    gold = sum(e["type"] == "PERSON" for line in lines for e in json.loads(line)["entities"])
    assert gold > 5
    found = leaks(pipeline, tmp_path / "slice.jsonl")
    assert (found["documents"], found["mentions"], found["quarantined"]) == (4, gold, 0)
    assert found["leaked"] <= 1
    blind = leaks(Pipeline(config, detector=_Blind(pipeline.detector)), tmp_path / "slice.jsonl")
    assert blind["leaked"] == gold


def test_report_shows_memory_over_time_and_dask_against_workers(tmp_path):
    from bench.run import main

    result = json.loads((ROOT / "bench" / "results" / "results.json").read_text())
    result["ratios"].update(workers=2, workers_speedup=1.8, dask_speedup=1.62)
    # 1,000 calls in 200 s, sampled every 15 s: the tree grows from 900 to 1,200 MB, peak at the end
    samples = [[15 * i, 900 + 23 * i, 400 + 10 * i] for i in range(14)]
    result["memory"] = [
        {
            "calls": 1000,
            "workers": 2,
            "calls_per_s": 5.0,
            "seconds": 200,
            "peak_rss_mb": 1199.0,
            "peak_rss_driver_mb": 530.0,
            "rss_timeline": {"every_s": 15, "seconds_tree_driver_mb": samples},
        }
    ]
    path = tmp_path / "results.json"
    path.write_text(json.dumps(result))
    main(["--render", str(path)])
    md = (tmp_path / "results.md").read_text()
    assert "| ingest Dask / `--workers 2` | 0.90× | ≥ 1× |" in md
    rows = md.rstrip().split("all processes, mean / highest (MB) | driver, highest (MB) |")[1].splitlines()[2:]
    # seven windows of two samples; the peak, reached at the end, is in the last one
    assert rows[0] == "| 0.2 | 75 | 911 / 923 | 410 |", rows
    assert rows[-1] == "| 3.2 | 975 | 1,187 / 1,199 | 530 |", rows
    assert len(rows) == 7


def test_measure_builds_the_detector_from_the_config_it_is_given(tmp_path):
    """`bench.measure detector --config FILE`: the A/B of the learned tail in docs/performance.md."""
    from bench.measure import _detector_like

    off = tmp_path / "notail.toml"
    off.write_text("[detect]\ntail_threshold = 0\n")
    call = "Agent: Vad står det på lappen under routern?\nKund: Det står q fyra r nio x två k sju.\nAgent: Tack."
    with_tail, _ = _detector_like("detector")
    without, _ = _detector_like("detector", off)
    assert with_tail([call]) != [[]] and without([call]) == [[]]
