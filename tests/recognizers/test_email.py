"""EMAIL_ADDRESS: written and spoken forms, exact spans, canonical written form."""

from __future__ import annotations

import pytest

from recognizers import canonical_value
from recognizers.email import ENTITY, KlangEmailRecognizer


@pytest.fixture(scope="module")
def rec() -> KlangEmailRecognizer:
    return KlangEmailRecognizer()


def found(rec, text):
    return [
        (text[r.start : r.end], canonical_value(ENTITY, text[r.start : r.end])) for r in rec.analyze(text, [ENTITY])
    ]


@pytest.mark.parametrize(
    "text, span, written",
    [
        (
            "min mejl är anna punkt berg snabel-a gmail punkt com tack",
            "anna punkt berg snabel-a gmail punkt com",
            "anna.berg@gmail.com",
        ),
        ("det är anna.berg snabel-a exempel.se.", "anna.berg snabel-a exempel.se", "anna.berg@exempel.se"),
        # pauses around the at-word
        (
            "kalle bindestreck n punkt åttiosju... snabel-a... live punkt se.",
            "kalle bindestreck n punkt åttiosju... snabel-a... live punkt se",
            "kalle-n.åttiosju@live.se",
        ),
        (
            "r.holmgren77 ... snabel-a ... yahoo punkt se.",
            "r.holmgren77 ... snabel-a ... yahoo punkt se",
            "r.holmgren77@yahoo.se",
        ),
        (
            "kalle understreck svensson snabel a hotmail punkt se",
            "kalle understreck svensson snabel a hotmail punkt se",
            "kalle_svensson@hotmail.se",
        ),
        (
            "eh det är per bindestreck olof at telia punkt com",
            "per bindestreck olof at telia punkt com",
            "per-olof@telia.com",
        ),
        (
            "det är jonas underscore berg at gmail punkt com",
            "jonas underscore berg at gmail punkt com",
            "jonas_berg@gmail.com",
        ),
        (
            "sara streck lind kommersiellt a exempel punkt nu",
            "sara streck lind kommersiellt a exempel punkt nu",
            "sara-lind@exempel.nu",
        ),
        (
            "Anna Punkt Berg Snabel-A Exempel Punkt Se",
            "Anna Punkt Berg Snabel-A Exempel Punkt Se",
            "anna.berg@exempel.se",
        ),
        ("maja99 snabela outlook.com okej", "maja99 snabela outlook.com", "maja99@outlook.com"),
        (
            "jonas punkt ek snabel-a firma punkt co punkt uk",
            "jonas punkt ek snabel-a firma punkt co punkt uk",
            "jonas.ek@firma.co.uk",
        ),
        ("skicka till Nils.Holm@Exempel.se tack", "Nils.Holm@Exempel.se", "nils.holm@exempel.se"),
        # a number said after the name, a pause before the at-sign
        (
            "det är jonas punkt lindahl sjuttiosex... snabel-a exempel punkt se.",
            "jonas punkt lindahl sjuttiosex... snabel-a exempel punkt se",
            "jonas.lindahl76@exempel.se",
        ),
        # a spelling or an aside between the name and the at-sign is part of what was said
        (
            "Kund: g punkt strand, s-t-r-a-n-d, at exempel punkt se.",
            "g punkt strand, s-t-r-a-n-d, at exempel punkt se",
            "g.strand@exempel.se",
        ),
        # ... or the domain spelled after it
        (
            "kalle punkt nyman at outlook, o-u-t-l-o-o-k, punkt com.",
            "kalle punkt nyman at outlook, o-u-t-l-o-o-k, punkt com",
            "kalle.nyman@outlook.com",
        ),
        # the top-level domain spelled or misheard, "dot", words said to be written together
        (
            "till anna punkt lindholm snabel-a bredband punkt s e.",
            "anna punkt lindholm snabel-a bredband punkt s e",
            "anna.lindholm@bredband.se",
        ),
        ("p punkt nyström at gmail punkt kom.", "p punkt nyström at gmail punkt kom", "p.nyström@gmail.kom"),
        ("mejla lisa punkt berg at gmail dot com så", "lisa punkt berg at gmail dot com", "lisa.berg@gmail.com"),
        (
            "villa solbacken ihopskrivet snabel-a outlook punkt com.",
            "villa solbacken ihopskrivet snabel-a outlook punkt com",
            "villasolbacken@outlook.com",
        ),
        (
            "lisa punkt ek, med två L, snabel-a exempel punkt se",
            "lisa punkt ek, med två L, snabel-a exempel punkt se",
            "lisa.ek,medtvål,@exempel.se",
        ),
        # "prick" for a dot
        (
            "per punkt sundberg punkt sju fyra snabel-a student prick uu prick se",
            "per punkt sundberg punkt sju fyra snabel-a student prick uu prick se",
            "per.sundberg.74@student.uu.se",
        ),
        # the domain with its at-word, when the name before it is not joined to it
        (
            "linnea punkt sjöberg, med ö, alltså s j ö b e r g, snabel-a outlook punkt com",
            "snabel-a outlook punkt com",
            "@outlook.com",
        ),
        # pauses written as commas around the at-word
        (
            "Jag har en gmail nu. gunnis55, snabel-a, gmail punkt com.",
            "gunnis55, snabel-a, gmail punkt com",
            "gunnis55@gmail.com",
        ),
        # "på" for the at-sign before a webmail provider, the name with a digit or a dot
        ("Ta hannalindqvist97, på gmail.", "hannalindqvist97, på gmail", "hannalindqvist97@gmail"),
        ("hugo.lindberg på outlook.com.", "hugo.lindberg på outlook.com", "hugo.lindberg@outlook.com"),
        # the name before the at-word alone, the rest withdrawn or never said; a name said again to be
        # written together
        ("anna punkt berg snabel-a gmail", "anna punkt berg", "anna.berg"),
        ("nyberg77 snabel-a... nej, den är gammal.", "nyberg77", "nyberg77"),
        ("Ja, annakarin i ett ord.", "annakarin", "annakarin"),
        # "at" before a webmail provider, read back; the domain after a pause, the name said before it
        ("stinaholm123 at gmail", "stinaholm123 at gmail", "stinaholm123@gmail"),
        ("...snabel-a telia punkt com.", "snabel-a telia punkt com", "@telia.com"),
    ],
)
def test_found_with_exact_span(rec, text, span, written):
    assert found(rec, text) == [(span, written)]


@pytest.mark.parametrize(
    "text",
    [
        "jag tittade at punkt se",
        "vi ses snabel-a sen",
        "punkt slut, det var allt",
        "fakturan kom på mejlen igår punkt",
        "anna punkt berg at gmail",  # no top-level domain said, "at" is English too
        "Det är med snabel-a och sen gmail. Skriv bara snabel-a.",  # common words before the at-word
        "Ja, det stämmer, at home punkt se",  # an aside is a spelling or "med ett M", not any words
        "jag kom hem punkt kom igen",
        "jag jobbar på telia och har gmail",  # a name with no digit, dot or hyphen
        "version 2.1 på outlook fungerar inte",
    ],
)
def test_not_found(rec, text):
    assert found(rec, text) == []


def test_long_text_is_fast(rec):
    import time

    text = "och sen så punkt det är så att vi har ett avtal punkt se här eh " * 300
    t0 = time.perf_counter()
    assert rec.analyze(text, [ENTITY]) == []
    assert time.perf_counter() - t0 < 2
