"""The learned tail (recognizers/tail.py): what it reads, how it joins tokens into findings, the
shipped model on made-up calls, and its training command on a small slice. Made-up people."""

from __future__ import annotations

import json

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from recognizers.tail import TAIL_ENTITY, TailModel, candidates, hashed, shipped_model
from redactor.training import tail as training


def _model(weights: dict[str, float], bias: float = -5.0) -> TailModel:
    """A model that scores a token by the features named here alone."""
    slots = np.array([int(hashed([f])[0]) for f in weights])
    return TailModel.from_arrays(slots, np.array(list(weights.values()), dtype=np.float32), bias)


def _said(text: str, spans: list[tuple[str, int, int, float]]) -> list[str]:
    return [text[s:e] for _, s, e, _ in spans]


def test_reads_only_the_words_the_rules_left():
    text = "Agent: Och ditt kundnummer?\nKund: Det är 55 1234, tack."
    found = [("CUSTOMER_NUMBER", text.index("55"), text.index("55") + 7)]
    words = [c.token.text for c in candidates(text, found)]
    assert words == ["Och", "ditt", "kundnummer", "Det", "är", "tack"]  # no label, no punctuation


def test_features_hold_the_turn_before_and_what_was_found_next_to_the_word():
    text = "Agent: Vad står det på brickan?\nKund: Det står 4471 på den."
    found = [("ID_NUMBER", text.index("4471"), text.index("4471") + 4)]
    on = next(c.features for c in candidates(text, found) if c.token.text == "på" and c.token.start > text.index("\n"))
    assert "pt=brickan" in on and "pq=1" in on and "pf=ID_NUMBER" in on and "lab=kund" in on


def test_features_hold_the_turn_after_and_where_the_word_is_said_again():
    text = (
        "Kund: Hon heter Wanjiru.\nAgent: Wanjiru, tack.\nKund: Ja, och jag bor kvar.\nAgent: Bra.\nKund: Wanjiru igen."
    )
    first = next(c.features for c in candidates(text, []) if c.token.text == "Wanjiru")
    assert "nt=wanjiru_0" in first and "nt=tack_0" in first
    assert "echo=011_0" in first  # not in the turn before, in the turn after, and four turns on
    ja = next(c.features for c in candidates(text, []) if c.token.text == "Ja")
    assert "echo=-_0" in ja  # a word every turn says tells nothing


def test_a_number_said_in_parts_is_kept_or_redacted_whole():
    # "sju" alone scores over the threshold, "noll" under it: the run's mean decides for both.
    text = "Agent: Numret?\nKund: sju noll, sen inget mer"
    high = _model({"w=sju": 7.0})  # sju 0.88, noll 0.007: mean 0.44
    assert high.find(text, []) == []
    higher = _model({"w=sju": 10.0, "w=noll": 4.0})  # 0.99 and 0.27: mean 0.63
    assert _said(text, higher.find(text, [])) == ["sju noll"]


def test_findings_join_over_spaces_and_punctuation_but_not_over_turns():
    text = "Agent: Koden?\nKund: k, m.\nAgent: x"
    model = _model({"w=k": 8.0, "w=m": 8.0, "w=x": 8.0})
    spans = model.find(text, [])
    assert _said(text, spans) == ["k, m", "x"] and {e for e, *_ in spans} == {TAIL_ENTITY}
    assert all(0.5 <= score <= 1 for *_, score in spans)  # each span's highest word's score


ROUTER = "Agent: Vad står det på lappen under routern?\nKund: Det står q fyra r nio x två k sju.\nAgent: Tack, då loggar vi in."


def test_shipped_model_takes_a_code_read_off_a_label_and_leaves_an_ordinary_call():
    model = shipped_model()
    assert _said(ROUTER, model.find(ROUTER, [])) == ["q fyra r nio x två k sju"]
    # (said in thousands, "trehundrafyra tusen sexhundratolv", it scores 0.496 with the tail trained
    # on sets 1 and 3-149: at the threshold, as amounts are said so)
    asked = "Agent: Har du ditt medlemsnummer?\nKund: Ja, det är... trehundrafyra sexhundratolv.\nAgent: Tack."
    assert _said(asked, model.find(asked, [])) == ["trehundrafyra sexhundratolv"]
    ordinary = (
        "Agent: Hur kan jag hjälpa dig?\nKund: Jag vill säga upp mitt abonnemang från och med nästa månad.\n"
        "Agent: Det ordnar vi, du får en bekräftelse i appen."
    )
    assert model.find(ordinary, []) == []


@pytest.mark.parametrize("sep", [" ", ", ", "; ", " | ", " · "])
def test_a_code_is_taken_whole_whatever_separates_its_parts(detector, sep):
    """An attacker's separators: "K; 7; X; 9; Q; P" was taken as "K" alone (the tail had barely
    seen ";" as a neighbour, and ";" did not join the parts). Separators are now one kind."""
    code = sep.join("K7X9QP")
    text = f"Agent: Vad står det på lappen under routern?\nKund: Det står {code}.\nAgent: Tack."
    found = detector.detect_many([text])[0]
    at = text.index(code)
    left = [c for i, c in enumerate(code, at) if c.isalnum() and not any(d.start <= i < d.end for d in found)]
    assert left == [], found
    if sep != " | ":  # (the name model takes "| X |" there, so the tail's finding is in pieces)
        assert [text[d.start : d.end] for d in found if d.entity_type == TAIL_ENTITY] == [code]


def test_an_amount_or_a_measure_is_never_the_tails():
    """However high a number scores, with a unit after it it is no one's: "trettiofem ampere" (a
    fuse), "tvåhundra kronor". The same number alone is taken."""
    model = TailModel.from_arrays(hashed(["num=1"]), np.array([9.0], dtype=np.float32), -3.0)
    for said in ("trettiofem ampere", "tvåhundra kronor", "tvåhundrafemtio volt"):
        text = f"Agent: Och sen?\nKund: det är {said} tror jag"
        assert model.find(text, []) == [], said
    text = "Agent: Och sen?\nKund: det är trettiofem tror jag"
    assert _said(text, model.find(text, [])) == ["trettiofem"]


def test_a_date_of_this_decade_is_never_the_tails():
    """However high its words score, a date said with a year of the 2020s is a move's, a payment's
    or an appointment's ("När flyttade du in?" / "Den tjugotredje november tjugotjugofyra"); with
    a year of birth its words are taken."""
    model = TailModel.from_arrays(hashed(["num=1"]), np.array([9.0], dtype=np.float32), -3.0)
    text = "Agent: När flyttade du in?\nKund: Den tjugotredje november tjugotjugofyra."
    assert model.find(text, []) == []
    text = "Agent: Och hans?\nKund: Den tjugotredje november nittonhundrasextio."
    assert _said(text, model.find(text, [])) == ["nittonhundrasextio"]


@pytest.mark.parametrize("year", ["nittonhundratjugotre", "1923"])
def test_a_birth_year_of_the_1920s_is_not_this_decade(year):
    """The year said in full decides, not its last two digits: "nittonhundratjugotre" ends like
    "tjugotjugotre" but is a birth year (an elderly caller's)."""
    model = TailModel.from_arrays(hashed(["num=1"]), np.array([9.0], dtype=np.float32), -3.0)
    text = f"Agent: Och hennes?\nKund: Den tjugotredje november {year}."
    assert _said(text, model.find(text, [])) == [year]


def test_detector_runs_the_tail_on_dialogues_only(detector):
    assert [(d.entity_type, d.recognizer) for d in detector.detect_many([ROUTER])[0]] == [(TAIL_ENTITY, "KlangTail")]
    one_line = "Det står q fyra r nio x två k sju."
    assert all(d.entity_type != TAIL_ENTITY for d in detector.detect_many([one_line])[0])


def test_config_turns_the_tail_off(tmp_path):
    from redactor.config import Config

    path = tmp_path / "c.toml"
    path.write_text("[detect]\ntail_threshold = 0\n")
    assert Config.load(path).section("detect")["tail_threshold"] == 0
    assert Config.load(None).section("detect")["tail_threshold"] == 0.5


def test_fit_learns_a_feature_that_separates():
    feats = [hashed(["w=kod", "x"]) for _ in range(50)] + [hashed(["w=hej", "x"]) for _ in range(500)]
    y = np.array([1.0] * 50 + [0.0] * 500)
    w, b = training.fit(feats, y)
    p = TailModel(w.astype(np.float32), b).scores([["w=kod", "x"], ["w=hej", "x"]])
    assert p[0] > 0.5 > p[1]


@pytest.mark.slow
def test_training_command_writes_a_model_the_tail_loads(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    text = "Agent: Vad står det på brickan?\nKund: Det står fyra fyra sju ett.\nAgent: Tack, då har jag det."
    at = text.index("fyra")
    call = {"id": "a", "text": text, "entities": [{"type": "PII", "start": at, "end": at + 19}]}
    (data / "blind_calls_3.jsonl").write_text(json.dumps(call, ensure_ascii=False) + "\n")
    out = tmp_path / "tail.npz"
    assert training.main(["--data", str(data), "--output", str(out)]) == 0
    loaded = np.load(out)
    model = TailModel.from_arrays(loaded["slots"], loaded["values"], float(loaded["bias"]))
    assert _said(text, model.find(text, [])) == ["fyra fyra sju ett"]


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(st.sampled_from(["Agent", "Kund", "Talare 1", "x"]), st.text(max_size=80)),
        min_size=1,
        max_size=8,
    )
)
def test_any_dialogue_gives_spans_inside_its_text(turns):
    """Odd Unicode, empty turns, colons and line breaks in the text: no crash, and every span
    lies inside the text, in order, never across a line."""
    text = "\n".join(f"{label}: {body}" for label, body in turns)
    spans = shipped_model().find(text, [])
    assert all(0 <= s < e <= len(text) and "\n" not in text[s:e] for _, s, e, _ in spans)
    assert [s for _, s, _, _ in spans] == sorted(s for _, s, _, _ in spans)
