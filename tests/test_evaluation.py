"""The evaluation harness (metrics with known answers, CLI), the dev corpus's validity, and
personnummer recall on a small sample in every written format."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from redactor.evaluation import evaluate, f_beta, load_dataset

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "bench" / "data" / "dev_corpus.jsonl"
ALLOWLIST = ROOT / "bench" / "data" / "dev_allowlist.toml"


def test_metrics_on_a_hand_made_case():
    gold = [
        [("PERSON", 0, 10), ("PHONE_NUMBER", 20, 30), ("SE_PERSONNUMMER", 40, 50)],
        [("PHONE_NUMBER", 0, 10)],
    ]
    pred = [
        # person partly covered (overlap counts), phone found as the wrong type, personnummer found
        [("PERSON", 5, 10), ("SE_PERSONNUMMER", 20, 30), ("SE_PERSONNUMMER", 40, 50)],
        [("PHONE_NUMBER", 0, 10), ("PHONE_NUMBER", 15, 18)],  # one right, one false positive
    ]
    out = evaluate(gold, pred)
    pt = out["per_type"]
    assert pt["PERSON"] == {
        "gold": 1,
        "found": 1,
        "predicted": 1,
        "correct": 1,
        "precision": 1.0,
        "recall": 1.0,
        "f2": 1.0,
    }
    assert (pt["PHONE_NUMBER"]["recall"], pt["PHONE_NUMBER"]["precision"]) == (0.5, 0.5)
    assert pt["PHONE_NUMBER"]["f2"] == 0.5
    assert (pt["SE_PERSONNUMMER"]["recall"], pt["SE_PERSONNUMMER"]["precision"]) == (1.0, 0.5)
    assert pt["SE_PERSONNUMMER"]["f2"] == round(f_beta(0.5, 1.0), 4) == 0.8333
    assert out["overall"]["gold"] == 4 and out["overall"]["found"] == 3
    # characters: 40 annotated, 35 covered (5 of the person missing), the wrong-type phone counts
    assert out["redaction_recall"]["chars"] == 40
    assert out["redaction_recall"]["all"] == round(35 / 40, 4)
    assert out["redaction_recall"]["non_name"] == 1.0
    assert out["redaction_recall"]["non_name_chars"] == 30


def test_types_filter_and_no_predictions():
    out = evaluate([[("PERSON", 0, 4), ("SE_ADDRESS", 5, 9)]], [[]], types=["SE_ADDRESS"])
    assert list(out["per_type"]) == ["SE_ADDRESS"]
    assert out["per_type"]["SE_ADDRESS"]["precision"] is None
    assert out["per_type"]["SE_ADDRESS"]["f2"] == 0.0
    assert out["redaction_recall"]["all"] == 0.0


def test_dataset_errors(tmp_path):
    from redactor.evaluation import DatasetError

    bad = tmp_path / "bad.jsonl"
    bad.write_text(json.dumps({"id": 1, "text": "abc", "entities": [{"type": "X", "start": 2, "end": 9}]}) + "\n")
    with pytest.raises(DatasetError, match="outside"):
        load_dataset(bad)


def test_dev_corpus_is_valid():
    docs = load_dataset(CORPUS)  # offsets inside the text are checked here
    assert len(docs) >= 60
    ents = [e for d in docs for e in d.entities]
    assert len(ents) >= 400
    types = {e[0] for e in ents}
    for t in (
        "PERSON",
        "SE_PERSONNUMMER",
        "PHONE_NUMBER",
        "EMAIL_ADDRESS",
        "SE_ADDRESS",
        "SE_POSTAL_CODE",
        "LOCATION",
        "IBAN_CODE",
        "SE_BANK_ACCOUNT",
        "SE_BANKGIRO",
        "SE_PLUSGIRO",
        "CREDIT_CARD",
        "SE_FACILITY_ID",
        "CUSTOMER_NUMBER",
        "IP_ADDRESS",
        "SE_ORGANISATIONSNUMMER",
    ):
        assert t in types
    for d in docs:
        for _, s, e in d.entities + d.negatives:
            span = d.text[s:e]
            assert span == span.strip() and span  # annotated substrings are exact
        for _, s, e in d.negatives:  # a hard negative is never inside an entity
            assert not any(s < ge and gs < e for _, gs, ge in d.entities)
        assert all(line.startswith(("Agent: ", "Kund: ")) for line in d.text.split("\n"))
    negs = {n[0] for d in docs for n in d.negatives}
    assert {"AMOUNT", "PRICE", "METER", "KWH", "DATE", "TIME", "FUSE", "OCR", "INVOICE", "COMPANY"} <= negs
    assert sum(bool(d.negatives) for d in docs) >= 0.8 * len(docs)  # hard negatives in most calls
    # the company's own numbers occur but are never annotated
    text = "\n".join(d.text for d in docs)
    assert "556614-2708" in text and "08-465 004 80" in text
    assert not any("556614-2708" in d.text[s:e] for d in docs for _, s, e in d.entities)


def test_dev_corpus_generator_is_seeded_and_matches_the_file():
    from bench.make_dev_corpus import build

    docs = build(80, 3)
    on_disk = [json.loads(line) for line in CORPUS.read_text("utf-8").splitlines() if line.strip()]
    assert docs == on_disk


def test_eval_cli_on_a_corpus_slice(tmp_path):
    from redactor.cli import app

    lines = CORPUS.read_text("utf-8").splitlines()[:6]
    part = tmp_path / "slice.jsonl"
    part.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = CliRunner().invoke(
        app, ["eval", str(part), "--config", str(ALLOWLIST), "--json", "--baseline", "presidio"]
    )
    assert result.exit_code == 0, result.output
    out = json.loads(result.output)
    assert out["documents"] == 6
    for system in ("ours", "presidio"):
        r = out["results"][system]
        assert 0 <= r["redaction_recall"]["all"] <= 1
        assert "SE_PERSONNUMMER" in r["per_type"]
        assert r["hard_negatives"]
    assert all(k["redacted"] == 0 for k in out["results"]["ours"]["hard_negatives"].values())
    # no transcript text in the output
    assert json.loads(lines[0])["text"][:40] not in result.output
    table = CliRunner().invoke(app, ["eval", str(part), "--types", "EMAIL_ADDRESS,SE_ADDRESS"])
    assert table.exit_code == 0 and "redaction recall" in table.output


def test_pipeline_eval_over_several_files_measures_each_and_all(tmp_path):
    """`redactor eval a.jsonl b.jsonl --pipeline`: one ingest, the figures for all and per file;
    one id in two files would be one call in the store, so it is refused."""
    from redactor.cli import app

    lines = (ROOT / "bench" / "data" / "dev_dialogue.jsonl").read_text("utf-8").splitlines()
    first, second = tmp_path / "first.jsonl", tmp_path / "second.jsonl"
    first.write_text("\n".join(lines[:2]) + "\n", encoding="utf-8")
    second.write_text(lines[2] + "\n", encoding="utf-8")
    args = ["eval", str(first), str(second), "--pipeline", "--json", "--config", str(ALLOWLIST)]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    out = json.loads(result.stdout)
    each = out["by_dataset"]
    assert out["dataset"] == [str(first), str(second)]
    assert [each[str(first)]["documents"], each[str(second)]["documents"], out["documents"]] == [2, 1, 3]
    assert each[str(first)]["values"] + each[str(second)]["values"] == out["values"] > 0
    assert out["readable"] == 0, out["readable_values"]
    table = CliRunner().invoke(app, ["eval", str(first), str(second), "--pipeline", "--config", str(ALLOWLIST)])
    assert table.exit_code == 0 and "per file" in table.stdout and "second.jsonl" in table.stdout
    twice = tmp_path / "again.jsonl"
    twice.write_text(lines[0] + "\n", encoding="utf-8")
    refused = CliRunner().invoke(app, ["eval", str(first), str(twice), "--pipeline"])
    assert refused.exit_code == 2 and "more than once" in refused.output


def test_personnummer_recall_small_sample_all_formats(detector):
    from bench.personnummer_recall import run

    out = run(limit=60, spoken=0, seed=1, detector=detector)
    assert set(out["formats"]) == {
        "YYMMDD-NNNN",
        "YYMMDDNNNN",
        "YYYYMMDD-NNNN",
        "YYYYMMDDNNNN",
        "YYMMDD NNNN",
        "YY MM DD NNNN",
        "YY MM DD NN NN",
        "YYYYMMDD NNNN",
    }
    for fmt, s in out["formats"].items():
        # every written form is found as a personnummer, over its whole span
        assert s["recall"] == 1.0, fmt


@pytest.mark.slow
def test_personnummer_recall_small_spoken_sample(detector):
    from bench.personnummer_recall import run

    out = run(limit=150, spoken=150, seed=2, detector=detector)
    assert out["formats"]["spoken"]["cases"] == 150
    assert out["formats"]["spoken"]["recall"] >= 0.99


def test_negatives_counted():
    from redactor.evaluation import negatives_touched

    negs = [[("AMOUNT", 0, 5), ("DATE", 10, 15)], [("AMOUNT", 0, 3)]]
    pred = [[("PHONE_NUMBER", 4, 8)], []]
    assert negatives_touched(negs, pred) == {"AMOUNT": {"count": 2, "redacted": 1}, "DATE": {"count": 1, "redacted": 0}}


def test_dev_corpus_targets(config):
    """The targets of issue 3 on the whole development corpus (README "Swedish recognizers")."""
    from redactor.config import Config
    from redactor.detect import Detector
    from redactor.evaluation import evaluate_detector

    cfg = Config.load(ALLOWLIST)
    det = Detector(cfg.model_path, 0.5, cfg.section("allowlist").get("values", []))
    out = evaluate_detector(det, CORPUS)
    pt = out["per_type"]
    targets = {  # type: (recall, precision)
        "SE_PERSONNUMMER": (0.995, 0.99),
        "PHONE_NUMBER": (0.98, 0.97),
        "EMAIL_ADDRESS": (0.99, 0.99),
        "IBAN_CODE": (0.98, 0.98),
        "SE_BANK_ACCOUNT": (0.98, 0.98),
        "SE_BANKGIRO": (0.98, 0.98),
        "SE_PLUSGIRO": (0.98, 0.98),
        "CREDIT_CARD": (0.98, 0.98),
        "SE_POSTAL_CODE": (0.97, 0.95),
        "SE_ADDRESS": (0.90, 0.85),
    }
    for etype, (r, p) in targets.items():
        assert pt[etype]["recall"] >= r and pt[etype]["precision"] >= p, (etype, pt[etype])
    assert out["redaction_recall"]["non_name"] >= 0.99
    assert out["hard_negatives"] and all(k["redacted"] == 0 for k in out["hard_negatives"].values()), out[
        "hard_negatives"
    ]
