"""Fast checks of the NER training code and the shipped model (no full training here)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import spacy

from redactor.training import corpus, lexicon, synthetic

ROOT = Path(__file__).resolve().parents[1]
MODEL = ROOT / "models" / "sv_klang"
DATA = ROOT / "models" / "data"


def test_read_tsv_tab_and_space_separated(tmp_path):
    p = tmp_path / "mini.tsv"
    p.write_text("Hej\t0\nOlle\tPER\nSvanqvist\tPER\ni\t0\nKiruna\tLOC\n\nBo   PER\nsover   0\n", encoding="utf-8")
    sents = list(corpus.read_tsv(p))
    assert [s.words for s in sents] == [["Hej", "Olle", "Svanqvist", "i", "Kiruna"], ["Bo", "sover"]]
    assert corpus.tag_spans(sents[0].tags) == [(1, 3, "PER"), (4, 5, "LOC")]
    assert corpus.tag_spans(sents[1].tags, ["PER"]) == [(0, 1, "PER")]


def test_read_real_corpora_slices():
    news = list(corpus.read_tsv(DATA / "webbnyheter2012-train.tsv", limit=30))
    assert len(news) == 30 and all(len(s.words) == len(s.tags) for s in news)
    test = list(corpus.read_tsv(DATA / "webbnyheter2012-test.tsv", limit=30))
    assert any("PER" in s.tags for s in test)
    suc = list(corpus.read_suc_jsonl(DATA / "suc3-dev.jsonl", limit=200))
    assert len(suc) == 200 and all(len(s.words) == len(s.tags) for s in suc)
    assert {"PER", "O"} <= {t for s in suc for t in s.tags}


def test_sentence_to_doc_and_asr_variant():
    nlp = spacy.blank("sv")
    sent = corpus.Sentence(["Hej", ",", "Greta", "Tallqvist", "!"], ["O", "O", "PER", "PER", "O"])
    doc = corpus.sentence_to_doc(nlp.vocab, sent)
    assert [(e.text, e.label_) for e in doc.ents] == [("Greta Tallqvist", "PER")]
    import random

    asr = corpus.asr_variant(sent, random.Random(0), drop_punct=True)
    assert asr.words == ["hej", "greta", "tallqvist"] and asr.tags == ["O", "PER", "PER"]


def test_synthetic_is_deterministic_with_exact_offsets():
    a = list(synthetic.Generator(seed=3).examples(300))
    b = list(synthetic.Generator(seed=3).examples(300))
    c = list(synthetic.Generator(seed=4).examples(300))
    assert [(x.text, x.entities) for x in a] == [(x.text, x.entities) for x in b]
    assert [x.text for x in a] != [x.text for x in c]
    labels = set()
    for ex in a:
        for s, e, lab in ex.entities:
            span = ex.text[s:e]
            assert span and span == span.strip() and lab in corpus.LABELS
            labels.add(lab)
    assert {"PER", "LOC", "ORG"} <= labels
    assert any(not ex.entities for ex in a)  # negatives with homographs / call vocabulary
    assert any(ex.text == ex.text.lower() and ex.entities for ex in a)  # ASR-style variants
    docs = list(synthetic.to_docs(spacy.blank("sv"), a))
    assert len(docs) >= 0.95 * len(a)


def test_lexicon_vectors_roundtrip(tmp_path):
    table = {"sigvard": {"first"}, "ekholt": {"surname"}, "kiruna": {"place"}}
    out = lexicon.write_vectors_pipeline(table, tmp_path / "vec")
    nlp = spacy.load(out)
    first = lexicon.FEATURES.index("first")
    for form in ("sigvard", "Sigvard", "SIGVARD", "Sigvards"):
        assert nlp.vocab[form].vector[first] == 1.0
    assert not nlp.vocab["kaffe"].has_vector


def test_shipped_model_size_and_meta():
    assert (MODEL / "meta.json").exists(), "models/sv_klang missing"
    size = sum(f.stat().st_size for f in MODEL.rglob("*") if f.is_file())
    assert size <= 25 * 1024 * 1024
    meta = json.loads((MODEL / "meta.json").read_text(encoding="utf-8"))
    assert {"PER", "LOC"} <= set(meta["labels"]["ner"])
    assert not (MODEL / "train.spacy").exists() and not (MODEL / "dev.spacy").exists()


@pytest.fixture(scope="module")
def nlp():
    return spacy.load(MODEL)


@pytest.mark.parametrize("text,name", [
    ("jag heter Anna Lindqvist", "Lindqvist"),
    ("Hej, du pratar med Karin Ekstrand på Norrsken Energi.", "Karin"),
    ("ja hej mitt namn är johan sandqvist", "sandqvist"),
])
def test_model_finds_person(nlp, text, name):
    pers = [e.text for e in nlp(text).ents if e.label_ == "PER"]
    assert any(name in p for p in pers), pers


def test_model_accepts_an_appended_component():
    # The analyzer appends its own component after ner; the pipeline must still run.
    extra = spacy.load(MODEL)
    extra.add_pipe("sentencizer", last=True)
    doc = extra("Jag heter Sigrid Holmqvist. Jag bor i Luleå.")
    assert extra.pipe_names == ["tok2vec", "ner", "sentencizer"] and len(list(doc.sents)) == 2


def test_tiny_training_run(tmp_path):
    from redactor.training.train import train

    out = tmp_path / "model"
    summary = train(seed=1, output=out, build=tmp_path / "build", max_steps=10, max_minutes=1,
                    n_synthetic=50, news_limit=50, log=lambda *_: None)
    assert summary["n_train_docs"] > 50
    loaded = spacy.load(out)
    assert loaded.pipe_names == ["tok2vec", "ner"]
    cfg = (out / "config.cfg").read_text(encoding="utf-8")
    assert str(tmp_path) not in cfg  # no machine paths in the shipped config
