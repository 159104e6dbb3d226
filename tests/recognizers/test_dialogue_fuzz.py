"""Property test: the dialogue slot recognizer never raises and reports spans inside the text, on
dialogues made of the words its rules react to (slot words, number words, "punkt", fillers,
pauses, corrections). A crash here would quarantine a whole call (fail closed, nothing stored)."""

from __future__ import annotations

from functools import lru_cache

from hypothesis import given, settings
from hypothesis import strategies as st

from recognizers.dialogue_slots import KlangDialogueSlotRecognizer

WORDS = (
    "personnummer postnummer kundnummer organisationsnummer bankgiro clearing konto telefon numret nummer "
    "vilket vilken adress lägenhet portkod koden kort slutar på med född födelsedatum ip-adress punkt prick "
    "eh öh nej förlåt eller vänta och sen ja mm det är mitt min tjugo sjuttiosex noll ett två tre fyra fem "
    "sex sju åtta nio tio elva tolv hundra tusen nittonhundraåttioåtta 1988 4238 0701740605 192.168.0.1 "
    "Storgatan 12 442 31 Kungälv Box version datum kronor kr snabel-a exempel se example.com anna.berg@example.com "
    "v2.1 o.s.v."
).split()
PUNCT = ["", ",", ".", "?", "...", "…", ":", "-"]
LABELS = ["Agent", "Kund", "Talare 1", "Talare 2", "kund"]

turn = st.tuples(
    st.sampled_from(LABELS),
    st.lists(st.tuples(st.sampled_from(WORDS), st.sampled_from(PUNCT)), min_size=0, max_size=14),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(turn, min_size=2, max_size=8))
def test_slot_answers_never_raise_and_stay_inside_the_text(turns):
    text = "\n".join(f"{label}: " + " ".join(w + p for w, p in words) for label, words in turns)
    for r in KlangDialogueSlotRecognizer().analyze(text, None):
        assert 0 <= r.start < r.end <= len(text)


ENTITIES = ["SE_PERSONNUMMER", "SE_ADDRESS", "PHONE_NUMBER", "ID_NUMBER", "ACCESS_CODE", "SE_VEHICLE_REGISTRATION"]


@settings(max_examples=200, deadline=None)
@given(st.lists(turn, min_size=0, max_size=8), st.lists(st.sampled_from(ENTITIES), min_size=0, max_size=6))
def test_echoes_never_raise_and_stay_inside_the_text(turns, kinds):
    """Echoes (read-backs, pieces read back whole, numbers read back digit for digit, false starts)
    on any dialogue, around values taken from its own numbers, also with no turns or no values (a
    summary, a title: echoes run on every text, and a crash there once quarantined four samples):
    spans inside the text, none over a value given."""
    from recognizers import numbers
    from recognizers.echoes import echoes

    text = "\n".join(f"{label}: " + " ".join(w + p for w, p in words) for label, words in turns)
    runs = numbers.runs(text)
    found = [(kind, r.tokens[0].start, r.tokens[-1].end) for kind, r in zip(kinds, runs)]
    for _, s, e in echoes(text, found):
        assert 0 <= s < e <= len(text)
        assert not any(a <= s and e <= b for _, a, b in found)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.sampled_from(WORDS + ["<EMAIL_ADDRESS_1>", "<PERSON_2>", "<SE_PERSONNUMMER_10>", "_", "."]), max_size=20
    )
)
def test_no_user_name_inside_a_placeholder(words):
    from recognizers.handles import ENTITY, KlangHandleRecognizer

    text = " ".join(words)
    for r in KlangHandleRecognizer().analyze(text, [ENTITY]):
        assert "<" not in text[r.start : r.end] and ">" not in text[r.start : r.end]
        assert not any(text.rfind("<", 0, r.start) > text.rfind(">", 0, r.start) for _ in [0])


# The phrases that open a named value (user names, profiles, places, names), also ending a line.
NAMING = [
    "användarnamnet är",
    "profilen heter",
    "kontot hette",
    "inloggad som",
    "inloggningen blir",
    "på instagram heter jag",
    "mitt tiktok är",
    "eller det hette",
    "understreck",
    "bor i",
    "flyttat till",
    "bor på",
    "kallar henne",
    "under namnet",
    "ett kolon nitton",
    "erik_82",
    "kaffe_och_bulle",
    "Karin Lindqvist",
]


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(LABELS),
            st.lists(
                st.tuples(st.sampled_from(NAMING) | st.sampled_from(WORDS), st.sampled_from(PUNCT)),
                min_size=0,
                max_size=10,
            ),
        ),
        min_size=1,
        max_size=6,
    )
)
def test_no_recognizer_raises_on_a_dialogue(turns):
    """Every pattern recognizer the analyzer registers, on a dialogue of the words they react to:
    a crash quarantines the whole call ("vet du vad profilen heter" ending a line once did)."""
    text = "\n".join(f"{label}: " + " ".join(w + p for w, p in words) for label, words in turns)
    for rec in _registered():
        for r in rec.analyze(text, rec.supported_entities, None):
            assert 0 <= r.start < r.end <= len(text)


@lru_cache(maxsize=1)
def _registered() -> list:
    from recognizers import build_recognizers

    return build_recognizers()
