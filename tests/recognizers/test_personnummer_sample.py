"""SE_PERSONNUMMER on a seeded sample of Skatteverket's test numbers (they belong to no one): every
written and spaced format, said in pairs, and read back by the agent. Recognizers are called
directly (no NLP pipeline), so 300 numbers x 8 formats take about a second."""

from __future__ import annotations

import pytest

from recognizers.personnummer import ENTITY, KlangPersonnummerRecognizer, KlangSpokenPersonnummerRecognizer, canonical
from recognizers.phone import KlangPhoneRecognizer, KlangSpokenPhoneRecognizer, KlangTenDigitPhoneRecognizer
from tests.recognizers.helpers import found


@pytest.fixture(scope="module")
def recs():
    return (
        KlangPersonnummerRecognizer(),
        KlangSpokenPersonnummerRecognizer(),
        KlangPhoneRecognizer(),
        KlangTenDigitPhoneRecognizer(),
        KlangSpokenPhoneRecognizer(),
    )


def pnr_found(recs, text):
    return [s for t, s in found(recs, text) if t == ENTITY]


# ---- Skatteverket sample: every written and spaced format, and spoken ----------------------------

_UNITS = ["noll", "ett", "två", "tre", "fyra", "fem", "sex", "sju", "åtta", "nio"]
_TENS = {2: "tjugo", 3: "trettio", 4: "fyrtio", 5: "femtio", 6: "sextio", 7: "sjuttio", 8: "åttio", 9: "nittio"}
_TEENS = ["tio", "elva", "tolv", "tretton", "fjorton", "femton", "sexton", "sjutton", "arton", "nitton"]


def _pair(two: str) -> str:
    """A digit pair as people say it: "03" -> "noll tre", "12" -> "tolv", "85" -> "åttiofem"."""
    a, b = int(two[0]), int(two[1])
    if a == 0:
        return f"noll {_UNITS[b]}"
    if a == 1:
        return _TEENS[b]
    return _TENS[a] + (_UNITS[b] if b else "")


def _skatteverket_sample(n: int, seed: int) -> list[str]:
    import random
    from pathlib import Path

    path = Path(__file__).resolve().parents[2] / "recognizers" / "data" / "skatteverket-testpersonnummer.txt"
    numbers = [ln.strip() for ln in path.read_text("utf-8").splitlines() if ln.strip() and not ln.startswith("#")]
    return random.Random(seed).sample(numbers, n)


def _written_forms(p12: str) -> list[str]:
    from bench.personnummer_recall import is_centenarian

    ten = p12[2:]
    sep = "+" if is_centenarian(p12) else "-"
    return [
        f"{ten[:6]}{sep}{ten[6:]}",
        ten if sep == "-" else f"{ten[:6]}+{ten[6:]}",
        f"{p12[:8]}-{p12[8:]}",
        p12,
        f"{ten[:6]} {ten[6:]}",
        f"{ten[:2]} {ten[2:4]} {ten[4:6]} {ten[6:]}",
        f"{ten[:2]} {ten[2:4]} {ten[4:6]} {ten[6:8]} {ten[8:]}",
        f"{p12[:8]} {p12[8:]}",
    ]


def test_skatteverket_sample_every_written_format(recs):
    missed = []
    for p12 in _skatteverket_sample(300, seed=11):
        for value in _written_forms(p12):
            for template in ("Mitt personnummer är {}.", "ja det är {} tror jag"):
                text = template.format(value)
                if pnr_found(recs, text) != [value]:
                    missed.append(value)
    assert missed == []


def test_skatteverket_sample_spoken_in_pairs(recs):
    missed = []
    from bench.personnummer_recall import is_centenarian

    for p12 in _skatteverket_sample(150, seed=12):
        # Nobody says the '+' of the 100+ form: people that old say the century ("nitton tio ...").
        said = p12 if is_centenarian(p12) else p12[2:]
        spoken = " ".join(_pair(said[i : i + 2]) for i in range(0, len(said), 2))
        text = f"personnumret är {spoken} tack"
        if pnr_found(recs, text) != [spoken] or canonical(spoken) != p12:
            missed.append(p12)
    assert missed == []


def test_agent_read_back_is_found_too(recs):
    spoken = "åttioåtta noll fyra tretton tjugotre åttiotvå"
    text = f"Kund: Det är 880413-2382.\nAgent: Då upprepar jag, {spoken}, stämmer det?\nKund: Ja."
    assert pnr_found(recs, text) == ["880413-2382", spoken]
