"""Fast checks of the NER training code and the shipped model (no full training here)."""

from __future__ import annotations

import json

import pytest
import spacy

from recognizers.lexicon import shipped_lexicon
from redactor.training import corpus, lexicon, synthetic
from tests.conftest import ROOT

MODEL = ROOT / "redactor" / "data" / "sv_klang"
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


def test_swap_mentions_replaces_names_and_places_in_their_context():
    sent = corpus.Sentence(
        ["Greta", "Tallqvist", "från", "Kalmar", "ringde", "Erikas", "chef", "på", "Klang", "Energi", "."],
        ["PER", "PER", "O", "LOC", "O", "PER", "O", "O", "ORG", "ORG", "O"],
    )
    gen = synthetic.Generator(seed=5)
    for _ in range(20):
        out = corpus.swap_mentions(sent, gen.mention)
        spans = corpus.tag_spans(out.tags)
        assert [lab for _s, _e, lab in spans] == ["PER", "LOC", "PER", "ORG"]
        (ps, pe, _), (ls, le, _), (gs, ge, _), (os_, oe, _) = spans
        assert out.words[pe:ls] == ["från"] and out.words[le:gs] == ["ringde"]
        # A genitive (or any name ending in s) and an organisation are kept as they were.
        assert out.words[gs:ge] == ["Erikas"] and out.words[os_:oe] == ["Klang", "Energi"]
        assert out.words[ge:] == ["chef", "på", "Klang", "Energi", "."]
        assert pe - ps >= 2 and le - ls == 1
    replaced = {tuple(corpus.swap_mentions(sent, gen.mention).words[:2]) for _ in range(20)}
    assert len(replaced) > 10 and ("Greta", "Tallqvist") not in replaced
    assert gen.mention("PER", ["greta"]) is None and gen.mention("PER", ["Lars"]) is None


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


def test_synthetic_call_centre_material():
    """Speaker labels, e-mails, numbers, queues and sentence-initial verbs appear, never as entities;
    names said next to them (or used as a speaker label) are PER."""
    gen = synthetic.Generator(seed=5)
    exs = list(gen.examples(3000))
    covered = lambda ex: {i for s, e, _ in ex.entities for i in range(s, e)}  # noqa: E731
    seen = {"label": 0, "named_label": 0, "mail": 0, "spoken_mail": 0, "queue": 0, "verb": 0, "per_unit": 0}
    for ex in exs:
        inside = covered(ex)
        for line_start in [0] + [i + 1 for i, ch in enumerate(ex.text) if ch == "\n"]:
            line = ex.text[line_start:]
            head = line.split(": ", 1)[0] if ": " in line.split("\n", 1)[0] else ""
            head = head.split("] ", 1)[-1]
            start = line_start + line.index(head) if head else -1
            if head in synthetic.AGENT_LABELS + synthetic.CUSTOMER_LABELS:
                seen["label"] += 1
                assert not inside & set(range(start, start + len(head))), (ex.text, ex.entities)
            elif head and (start, start + len(head), "PER") in ex.entities:
                seen["named_label"] += 1
        for tok_start, tok in _tokens(ex.text):
            span = set(range(tok_start, tok_start + len(tok)))
            if "@" in tok:
                seen["mail"] += 1
                assert not span & inside, (ex.text, ex.entities)
            if tok in ("Mejla", "Ring", "Sms:a", "Maila", "Skicka") and tok_start == 0:
                seen["verb"] += 1
                assert not span & inside
            if tok.lower() == "per" and ex.text[tok_start + 4 :].split(" ", 1)[0] in synthetic.PER_UNITS:
                seen["per_unit"] += 1
                assert not span & inside
        if "snabel" in ex.text:
            seen["spoken_mail"] += 1
            at = ex.text.index("snabel")
            assert not set(range(at, at + 6)) & inside
        if any(q in ex.text for q in ("Kundservice", "Växeln", "Elavbrott")):
            seen["queue"] += 1
    assert all(n >= 10 for n in seen.values()), seen
    # the e-mail of a person who was just named is built from that name, and only the name is PER
    ex = synthetic.Generator(seed=0).render(
        ["jag heter ", synthetic.P, " och min mejl är ", synthetic.MSAME], asr=False
    )
    ((s, e, lab),) = ex.entities
    surname = ex.text[s:e].split()[-1]
    assert lab == "PER" and synthetic._mail_fold(surname) in ex.text[e:]
    # every example still becomes a spaCy Doc with aligned spans
    assert len(list(synthetic.to_docs(spacy.blank("sv"), exs))) >= 0.98 * len(exs)


def test_synthetic_genitive_and_vocative_names():
    """Genitive names are PER including the genitive s (none added after s/x/z); relatives and roles
    in the genitive are not; a name at the end of a turn (vocative) is PER, with or without comma,
    cased and lowercase."""
    assert synthetic.genitive("Erik") == "Eriks" and synthetic.genitive("Anna Berg") == "Anna Bergs"
    assert [synthetic.genitive(n) for n in ("Lars", "Max", "Inez", "klas")] == ["Lars", "Max", "Inez", "klas"]
    gen = synthetic.Generator(seed=11)
    exs = list(gen.examples(4000))
    gen_nouns = set(synthetic.GEN_NOUNS) | {"dödsbo", "fullmakt", "underskrift", "bouppteckning", "vägnar"}
    seen = {
        "genitive": 0,
        "genitive_lower": 0,
        "no_extra_s": 0,
        "relative": 0,
        "vocative": 0,
        "vocative_comma": 0,
        "vocative_lower": 0,
    }
    for ex in exs:
        ents = [(s, e) for s, e, lab in ex.entities if lab == "PER"]
        for s, e in ents:
            name, after, before = ex.text[s:e], ex.text[e:], ex.text[:s]
            nxt = after.split(" ", 2)[1].rstrip(".,?!") if after.startswith(" ") and " " in after else ""
            if nxt in gen_nouns and not before.rstrip().endswith(("heter", "är", "hette")):
                seen["genitive"] += 1
                seen["genitive_lower"] += name == name.lower()
                seen["no_extra_s"] += name[-1] in "xz" or name.endswith(("ss", "ass", "ars", "as"))
                assert name[-1].lower() in "sxz", (ex.text, ex.entities)
            if not after.rstrip(".?!") and not before.endswith((" och ", ": ")) and "\n" not in ex.text:
                if any(before.lower().rstrip(", ").endswith(w) for w in ("tack", "ögonblick", "med", "dag", "då")):
                    seen["vocative"] += 1
                    seen["vocative_comma"] += before.endswith(", ")
                    seen["vocative_lower"] += name == name.lower()
        for rel in synthetic.RELATIVES + synthetic.GEN_NOT_NAMES:
            i = ex.text.lower().find(" " + rel + " ")
            if i >= 0 and ex.text[i + len(rel) + 2 :].split(" ", 1)[0].rstrip(".,?!") in gen_nouns:
                seen["relative"] += 1
                assert not any(s <= i + 1 < e for s, e in ents), (ex.text, ex.entities)
    assert all(n >= 10 for n in seen.values()), seen
    ex = gen.render(["jag upprepar ", synthetic.FG, " personnummer ", synthetic.PNR], asr=True)
    ((s, e, lab),) = ex.entities
    assert lab == "PER" and ex.text[e:].startswith(" personnummer ") and ex.text == ex.text.lower()
    assert len(list(synthetic.to_docs(spacy.blank("sv"), exs))) >= 0.98 * len(exs)


def _tokens(text):
    pos = 0
    for tok in text.replace("\n", " ").split(" "):
        yield pos, tok.rstrip(".,?!")
        pos += len(tok) + 1


def test_lexicon_vectors_roundtrip(tmp_path):
    table = {"sigvard": {"first"}, "ekholt": {"surname"}, "kiruna": {"place"}}
    out = lexicon.write_vectors_pipeline(table, tmp_path / "vec")
    nlp = spacy.load(out)
    first = lexicon.FEATURES.index("first")
    for form in ("sigvard", "Sigvard", "SIGVARD", "Sigvards"):
        assert nlp.vocab[form].vector[first] == 1.0
    assert not nlp.vocab["kaffe"].has_vector


def test_shipped_model_size_and_meta():
    assert (MODEL / "meta.json").exists(), "redactor/data/sv_klang missing"
    size = sum(f.stat().st_size for f in MODEL.rglob("*") if f.is_file())
    assert size <= 25 * 1024 * 1024
    meta = json.loads((MODEL / "meta.json").read_text(encoding="utf-8"))
    assert {"PER", "LOC"} <= set(meta["labels"]["ner"])
    assert not (MODEL / "train.spacy").exists() and not (MODEL / "dev.spacy").exists()


@pytest.fixture(scope="module")
def nlp():
    return spacy.load(MODEL)


@pytest.mark.parametrize(
    "text,name",
    [
        ("jag heter Anna Lindqvist", "Lindqvist"),
        ("Hej, du pratar med Karin Ekstrand på Norrsken Energi.", "Karin"),
        ("ja hej mitt namn är johan sandqvist", "sandqvist"),
    ],
)
def test_model_finds_person(nlp, text, name):
    pers = [e.text for e in nlp(text).ents if e.label_ == "PER"]
    assert any(name in p for p in pers), pers


def test_model_accepts_an_appended_component():
    # The analyzer appends its own component after ner; the pipeline must still run.
    extra = spacy.load(MODEL)
    extra.add_pipe("sentencizer", last=True)
    doc = extra("Jag heter Sigrid Holmqvist. Jag bor i Luleå.")
    assert extra.pipe_names == ["tok2vec", "ner", "sentencizer"] and len(list(doc.sents)) == 2


@pytest.mark.slow
def test_tiny_training_run(tmp_path):
    from redactor.training.train import train

    out = tmp_path / "model"
    summary = train(
        seed=1,
        output=out,
        build=tmp_path / "build",
        max_steps=10,
        max_minutes=1,
        n_synthetic=50,
        news_limit=50,
        log=lambda *_: None,
    )
    assert summary["n_train_docs"] > 50
    loaded = spacy.load(out)
    assert loaded.pipe_names == ["tok2vec", "ner"]
    cfg = (out / "config.cfg").read_text(encoding="utf-8")
    assert str(tmp_path) not in cfg  # no machine paths in the shipped config


def test_names_of_other_origins_are_in_the_shipped_lexicon_and_no_common_word():
    """The curated names by origin reach lexicon.tsv (it is regenerated from the lists) and none
    of them is an ordinary Swedish word the news corpus writes in lowercase ("Mina", "Gul")."""
    shipped = shipped_lexicon()
    for first_names, surnames in lexicon.NAMES_BY_ORIGIN.values():
        for names, kind in ((first_names.split(), "foreign_first"), (surnames.split(), "foreign_surname")):
            for name in names:
                kinds = shipped.get(name.lower(), set())
                assert kind in kinds, name
                assert "common" not in kinds, name


def test_the_shipped_lexicon_knows_names_in_their_folded_form():
    """The recognizers read a text's folded view ("Jürgen" as "Jurgen"): a name with letters other
    than Swedish ones is found there too, and a folded form never replaces a word of its own."""
    from recognizers.lexicon import LEXICON_PATH, load_lexicon

    shipped, on_file = shipped_lexicon(), load_lexicon(LEXICON_PATH)
    assert "jurgen" not in on_file and shipped["jurgen"] == on_file["jürgen"]
    assert all(shipped[w] == kinds for w, kinds in on_file.items())
