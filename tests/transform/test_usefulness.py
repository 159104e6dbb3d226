"""Redacted text stays useful (issue 15): the company's own data is kept, discourse words, services
and regions are not names, and each value gets its own numbered placeholder within a call."""

from __future__ import annotations

import re

import pytest

from redactor.config import Config, ConfigError
from redactor.domain import RedactedCall
from redactor.ingest.reader import RawRecord
from redactor.transform.policy import PlaceholderNumbers
from tests.conftest import PNR_B_DASH, PNR_DASH
from tests.factories import dumps, klang_record

SWITCHBOARD_FORMS = [
    "0321-688900",
    "0321-68 89 00",
    "0321 688 900",
    "+46 321 68 89 00",
    "0321688900",
    "noll tre två ett sex åtta åtta nio noll noll",
    "noll tre tjugoett sextioåtta åttionio noll noll",
    "０３２１-６８８９００",
]


def _redact(pipeline, content: str, **over) -> RedactedCall:
    rec = klang_record(content=content, **over)
    (rc,) = pipeline.process([RawRecord("t.json", None, dumps(rec).encode(), data=rec)])
    assert isinstance(rc, RedactedCall), rc
    return rc


# ---- the company profile -----------------------------------------------------------------------


def test_default_config_ships_the_company_profile(config):
    allow = config.section("allowlist")
    assert {"556525-1366", "0321-688900", "info@7hkraft.se", "imy@imy.se"} <= set(allow["values"])
    assert "7H kraft" in allow["phrases"] and config.company_warning is None


def test_without_profile_or_allowlist_ingest_warns(tmp_path, pipeline):
    from redactor.jobs.ingest import run_job

    path = tmp_path / "c.toml"
    path.write_text('[company]\nprofile = ""\n')
    cfg = Config.load(path)
    assert cfg.section("allowlist") == {"values": [], "phrases": []}
    (tmp_path / "in.json").write_text(dumps(klang_record()))
    report = run_job([str(tmp_path / "in.json")], cfg, str(tmp_path / "lake"), pipeline, report_to_store=False)
    assert report.calls_written == 1
    assert any(w.startswith("no company profile") for w in report.as_dict()["warnings"])


def test_own_profile_is_read_relative_to_the_config(tmp_path):
    (tmp_path / "acme.toml").write_text('name = "Acme El"\nidentifiers = ["08-465 004 80"]\nnames = ["Acme El"]\n')
    (tmp_path / "c.toml").write_text('[company]\nprofile = "acme.toml"\n[allowlist]\nvalues = ["5050-1055"]\n')
    allow = Config.load(tmp_path / "c.toml").section("allowlist")
    assert allow["values"] == ["08-465 004 80", "5050-1055"] and allow["phrases"] == ["Acme El"]
    (tmp_path / "bad.toml").write_text('[company]\nprofile = "acme.toml"\n')
    (tmp_path / "acme.toml").write_text('numbers = ["1"]\n')
    with pytest.raises(ConfigError, match="unknown key"):
        Config.load(tmp_path / "bad.toml")


@pytest.mark.parametrize("form", SWITCHBOARD_FORMS)
def test_switchboard_in_every_form_is_kept(detector, form):
    text = f"Du når vår växel på {form}, men ditt nummer är 070-174 06 55."
    dets = detector.detect(text)
    assert [(d.entity_type, text[d.start : d.end]) for d in dets if not d.from_model] == [
        ("PHONE_NUMBER", "070-174 06 55")
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Vårt organisationsnummer är 556525-1366.",
        "Organisationsnumret är 556525 1366.",
        "Mejla info@7hkraft.se.",
        "Mejla info snabel-a 7hkraft punkt se.",
        "Skriv till Sven Adolf Norlings gata 35, 532 31 Skara.",
        "Klaga hos IMY, Box 8114, 104 20 Stockholm, eller imy@imy.se.",
        "Välkommen till 7H kraft.",
        "Det står i 7H krafts app.",
        "Billinge Energi AB äger 7H kraft.",
    ],
)
def test_company_data_is_not_personal_data(detector, text):
    assert detector.detect(text) == []


def test_the_customers_own_address_in_the_company_town_is_still_found(detector):
    text = "Jag bor på Lövstigen 4, 532 31 Skara."
    found = {(d.entity_type, text[d.start : d.end]) for d in detector.detect(text)}
    assert {("SE_ADDRESS", "Lövstigen 4"), ("SE_POSTAL_CODE", "532 31")} <= found
    assert any(t[1] == "Skara" for t in found)


# ---- precision: words that are never names -----------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Jaha, det visste jag inte.",
        "jaha okej",
        "Jaså, det var konstigt.",
        "Nämen, vad bra.",
        "Aha, okej.",
        "Hoppsan, där blev det fel.",
        "Toppen, tack.",
        "Okej.",
        "Precis.",
        "Absolut.",
        "Jättebra, då gör vi så.",
        "Oj, det var mycket.",
        "Fakturan kommer i Kivra.",
        "Logga in med BankID på Mina sidor.",
        "Betala med Swish.",
        "Ellevio är ditt nätbolag, inte Vattenfall eller E.ON.",
        "Brevet kommer med Postnord.",
        "Appen finns för Android och iPhone.",
        "Det är Sveriges vanligaste avtal.",
        "Elområde tre gäller för hela Västra Götaland.",
        "Det gäller hela Skåne län.",
        "Jag ringer från Bostadsrättsföreningen Tallen.",
        "Hyran går till Fastighetsbolaget Norr varje månad.",
        # companies named by what they sell, and a bank, in a greeting or an answer
        "Agent: Hej, Sparbanken Mälardalen, vad kan jag hjälpa till med?\nKund: Hej.",
        "Agent: Hej, Kvitter Mobil, vad gäller det?\nKund: Hej.",
        "Kund: Det är Swedbank. Clearing står på kortet.\nAgent: Tack.",
        "Senaste köpet var på ICA Maxi.",
        # travel and parking companies, tax deductions, countries, everyday words the model has taken for names
        "Vi flyger med SAS och åker sen Viking Line hem.",
        "Jag betalar parkeringen via Aimo Park.",
        "Det blir RUT-avdrag på städningen.",
        "Vi var i Portugal då.",
        "Agent: Årsmodell?\nKund: Tjugonitton.",
        "Kund: Jag har inte fått avin.",
        # one-word questions
        "Agent: okej. Registreringsnummer\nKund: Den är ny.",
        "Agent: Bokningsnummer?\nKund: Vänta.",
        # "Hans" before what he has is "his", "max" before a number "at most"
        "Agent: Då ska den finnas. Hans personnummer?",
        "Kund: Det är min sons telefon. Hans nummer är 070-174 06 71.",
        "Agent: Den ger dig rätt att betala räkningar från hans lönekonto. Vad gäller det?",
        "Talare 2: ja hans storasyster går där",
        # where something is ("det är hemma"), not who
        "Agent: Och var står bilen nu?\nKund: ja det är hemma",
        # a house's kind, a SIM card's code
        "Talare 1: Lägenhet eller villa?\nTalare 2: Villa. Det är ett gult hus.",
        "Agent: Vänta tills flytten är klar. Och läs helst inte upp PUK för någon.",
        "Agent: Det du vill, max 140 tecken.",
        "Talare 1: internet ligger nere max två timmar",
        # thanks in the caller's other language, English mixed in, dialect's "det"
        "Kund: Tack så mycket. Muchas gracias.",
        "Kund: Gracias, tack!",
        "Kund: My name, eh, mitt namn är inte viktigt.",
        "Kund: Jo hej, hä är jag igen.",
    ],
)
def test_discourse_words_services_and_regions_are_not_names(detector, text):
    assert [text[d.start : d.end] for d in detector.detect(text) if d.entity_type in ("PERSON", "LOCATION")] == []


@pytest.mark.parametrize(
    "text, name",
    [
        ("Kund: Ja, klockan fjorton, vi kommer båda två, jag och Elsas mamma.", "Elsas"),
        ("Kund: hej det är jessica mamma till leo", "jessica"),
        ("Anhörig: Det blir jag. Min bror Anders bor i Norge.", "Anders"),
        ("Kund: min bror abdirahman sa att jag skulle göra en polisanmälan", "abdirahman"),
        ("Kund: Nu bor jag hos min bror, c/o Farah, Hagalundsgatan 22.", "Farah"),  # care of
    ],
)
def test_a_relative_or_care_of_beside_the_name_is_not_part_of_it(detector, text, name):
    found = [text[d.start : d.end] for d in detector.detect(text) if d.entity_type == "PERSON"]
    assert name in found and not any(w in f for f in found for w in ("mamma", "bror", "o "))


def test_a_word_with_a_street_ending_in_an_address_turn_is_no_street(detector):
    text = "Agent: Vi får adressen från folkbokföringen. Var bor du nu?\nKund: Jag bor på Flogstavägen 7 nu."
    found = [text[d.start : d.end] for d in detector.detect(text)]
    assert "Flogstavägen 7" in found and not any("folkbokföringen" in f for f in found)


@pytest.mark.parametrize(
    "text, name",
    [
        ("Kund: Hans Persson heter han.", "Hans"),
        ("Kund: det är hans persson som äger den", "hans"),  # a surname after it
        ("Kund: min sambo heter hans ekström", "hans"),
    ],
)
def test_hans_before_a_surname_is_still_a_name(detector, text, name):
    assert any(name in text[d.start : d.end] for d in detector.detect(text) if d.entity_type == "PERSON")


def test_a_name_run_together_with_a_company_is_still_redacted(detector):
    text = "Agent: Hej Karin Holm Västkustens Elhandel här, vad gäller det?\nKund: Hej."
    assert any("Karin" in text[d.start : d.end] for d in detector.detect(text) if d.entity_type == "PERSON")


@pytest.mark.parametrize(
    "text",
    [
        "Agent: Okej. Vilket registreringsnummer?\nKund: K som Kalle, M som Martin, R som Rudolf, fyra åtta P.",
        "Agent: Och registreringsnumret på bilen?\nKund: Cesar Olle Gustav fyrahundrasjuttioåtta.",
    ],
)
def test_a_plate_spelled_with_words_keeps_its_type(detector, text):
    """The spelling words are the plate's letters, not people: the stored placeholder says plate."""
    assert {d.entity_type for d in detector.detect(text)} == {"SE_VEHICLE_REGISTRATION"}


@pytest.mark.parametrize(
    "text, name", [("Kund: Det är Hans, min man.", "Hans"), ("Kund: Hans Berg heter han.", "Hans Berg")]
)
def test_hans_the_name_is_still_a_name(detector, text, name):
    assert [text[d.start : d.end] for d in detector.detect(text) if d.entity_type == "PERSON"] == [name]


def test_my_the_name_is_still_a_name_and_my_wife_is_english(detector):
    text = "Kund: My Svensson hämtar. My wife Nasrin kommer sen."
    names = [text[d.start : d.end] for d in detector.detect(text) if d.entity_type == "PERSON"]
    assert "My Svensson" in names and not any("wife" in n for n in names)


def test_a_relation_doing_something_is_no_name(detector):
    """ "kan min dotter hämta": a verb after a relation, not a name the lexicon lacks."""
    text = "Kund: Jag kan inte köra längre, kan min dotter hämta?"
    assert [d for d in detector.detect(text) if d.entity_type == "PERSON"] == []


def test_a_name_after_a_discourse_word_is_still_found(detector):
    text = "Toppen Sofia, tack."
    assert [(d.entity_type, text[d.start : d.end]) for d in detector.detect(text)] == [("PERSON", "Sofia")]


def test_a_name_that_is_also_a_word_is_redacted_only_as_a_name(pipeline):
    rc = _redact(
        pipeline,
        "[00:00:01] Agent: Tack Per. Elpriset var 171 öre per kilowattimme.\n"
        "[00:00:05] Per Testsson: Okej, och Pers faktura?",
        participants=[],
        summary="",
    )
    text = rc.call.segments[0].text
    assert "171 öre per kilowattimme" in text and "Per." not in text
    assert "Per" not in rc.call.segments[1].text and "Pers" not in rc.call.segments[1].text


def test_english_words_are_never_part_of_a_name(detector):
    """Callers who mix in English: the model's "end of the month" or "Théo uses the profile" is no
    name, and "the" or "and" is never found again as one."""
    text = (
        "Kund: yes please. and eh, my boyfriend Théo uses the profile on the second one.\n"
        "Agent: Okej.\nKund: okay. and I keep Filmly until the end of the month?"
    )
    found = [text[d.start : d.end] for d in detector.detect(text) if d.entity_type in ("PERSON", "LOCATION")]
    assert "Théo" in found and not any(w in f.split() for f in found for w in ("the", "and", "of", "uses"))


def test_a_pets_name_is_kept_in_every_field_of_its_call(pipeline):
    """The dialogue gives the dog its name; the summary, read on its own, does not say it is a dog."""
    rc = _redact(
        pipeline,
        "[00:00:01] Kund: Hej, Tomas Wikström här, jag ringer om min hund Sixten som opererades.\n"
        "[00:00:05] Agent: Tack. Då ser jag Sixten, golden retriever, sex år.",
        participants=[],
        summary="Sixten opererades förra veckan. Tomas vill ha ersättning.",
    )
    assert all("Sixten" in s.text for s in rc.call.segments) and "Sixten" in rc.call.summary
    assert "Tomas" not in rc.call.summary and "Wikström" not in rc.call.segments[0].text


def test_a_child_named_for_a_month_is_redacted_and_the_month_kept(pipeline):
    rc = _redact(
        pipeline,
        "[00:00:01] Agent: Och det gäller två barn, Juni på fritids och Melker på förskolan.\n"
        "[00:00:05] Kund: Ja. Och Juni har ju inte ens gått på fritids i juni.",
        participants=[],
        summary="",
    )
    first, second = (s.text for s in rc.call.segments)
    assert "Juni" not in first and "Juni" not in second and "fritids i juni" in second


def test_a_lowercase_name_is_still_found_again_outside_a_rate(pipeline):
    """ASR writes names lowercase: "per" found once is redacted wherever it is the person, not
    in "öre per kilowattimme"."""
    from redactor.transform.call import ordinary_use

    text = "tack per. elpriset var 89 öre per kilowattimme, en gång per månad. hej då per"
    assert [ordinary_use(text, m.start(), m.end()) for m in re.finditer(r"\bper\b", text)] == [False, True, True, False]
    rc = _redact(
        pipeline,
        f"[00:00:01] Agent: du pratar med jonas\n[00:00:04] Kund: det är per provsson\n[00:00:08] Agent: {text}",
        participants=[],
        summary="",
    )
    out = rc.call.segments[2].text
    assert out.count("per") == 2 and "öre per kilowattimme" in out and "gång per månad" in out


def test_a_name_that_is_a_pronoun_is_kept_as_the_pronoun_where_names_are_capitalised(pipeline):
    """The caller's father Hans: "hans" (his) in a turn written with capitals is the pronoun, kept;
    in a lowercase turn it may be the name, and is redacted."""
    rc = _redact(
        pipeline,
        "[00:00:01] Kund: Min pappa Hans Testsson kan ta emot posten.\n"
        "[00:00:05] Agent: Bra. Och hans telefonnummer?\n"
        "[00:00:09] Kund: ja hans är noll sju noll\n"
        "[00:00:12] Agent: Tack Hans.",
        participants=[],
        summary="",
    )
    first, second, third, fourth = (s.text for s in rc.call.segments)
    assert "Hans" not in first and "Och hans telefonnummer" in second
    assert "hans" not in third and "Hans" not in fourth


# ---- one placeholder per value per call --------------------------------------------------------


def test_each_value_has_its_own_number_in_every_field(pipeline):
    content = (
        "[00:00:01] Agent: 7H kraft, du pratar med Jonas Provsson.\n"
        f"[00:00:04] Vera Testsson: Hej, det är Vera. Mitt personnummer är {PNR_DASH}.\n"
        f"[00:00:09] Agent: Och din man Lars Exempelsson har {PNR_B_DASH}?\n"
        "[00:00:12] Vera Testsson: Ja. Veras faktura, inte Lars.\n"
        f"[00:00:15] Agent: Då läser jag upp {PNR_DASH.replace('-', ' ')}, Vera."
    )
    rc = _redact(
        pipeline, content, summary="Vera Testsson ringde; Lars Exempelsson nämndes.", title="Samtal med Vera Testsson"
    )
    segs = rc.call.segments
    assert segs[0].text == "7H kraft, du pratar med <PERSON_1>."
    assert segs[1].speaker == "<PERSON_2>" and segs[1].text.startswith("Hej, det är <PERSON_2>.")
    assert "<SE_PERSONNUMMER_1>" in segs[1].text
    assert segs[2].text == "Och din man <PERSON_3> har <SE_PERSONNUMMER_2>?"
    assert segs[3].text == "Ja. <PERSON_2> faktura, inte <PERSON_3>."
    assert segs[4].text == "Då läser jag upp <SE_PERSONNUMMER_1>, <PERSON_2>."
    assert rc.call.summary == "<PERSON_2> ringde; <PERSON_3> nämndes."
    assert rc.call.title == "Samtal med <PERSON_2>" and rc.call.participants == ["<PERSON_2>"]
    assert [s.role for s in segs] == [s.role for s in _redact(pipeline, content).call.segments]


def test_numbers_continue_after_those_already_in_the_call():
    numbers = PlaceholderNumbers(
        ["Vera Testsson", "Vera", "veras", "Testsson"], ["Hej <PERSON_4> och <PHONE_NUMBER_1>"]
    )
    assert [numbers.number("PERSON", v) for v in ("Vera Testsson", "Vera", "veras", "Testsson")] == [5, 5, 5, 5]
    assert numbers.number("PERSON", "Lars") == 6 and numbers.number("PHONE_NUMBER", "070-174 06 55") == 2
    assert numbers.number("PHONE_NUMBER", "+46 70 174 06 55") == 2


def test_a_shared_surname_alone_is_nobody_in_particular():
    numbers = PlaceholderNumbers(["Vera Holm", "Lars Holm", "Holm"])
    assert len({numbers.number("PERSON", v) for v in ("Vera Holm", "Lars Holm", "Holm")}) == 3
