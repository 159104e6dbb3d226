"""Detection over the dialogue (issue 13): what is stored, not what a scan reports.

Values given across turns (fragments after the question, numbers split by a back-channel, answers
two turns later, read-backs in another form, self-introductions) must not be readable in the
stored call; `redactor scan` of a whole call and `redactor ingest` of it redact the same values.
Made-up people; personnummer from Skatteverket's test list.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from recognizers.dialogue_slots import KlangDialogueSlotRecognizer, turns
from recognizers.introduction import KlangSelfIntroductionRecognizer
from redactor.config import Config
from redactor.detect.analyzer import WINDOW_CHARS, text_windows
from redactor.detect.dialogue import build_dialogue
from redactor.domain import Segment
from redactor.evaluation import Document, load_dataset
from redactor.evaluation_pipeline import (
    _digit_runs,
    evaluate_stored,
    ingest_documents,
    measure_stored,
    readable,
    stored_strings,
    to_klang,
)
from redactor.ingest import parse_record
from redactor.training.tail import HELD_OUT
from tests.conftest import ROOT

DIALOGUE_CORPUS = ROOT / "bench" / "data" / "dev_dialogue.jsonl"
DEV_CORPUS = ROOT / "bench" / "data" / "dev_corpus.jsonl"
SAMPLES = ROOT / "samples"

# The conversation of the issue, as labelled turns; every value is marked [[...]].
CONVERSATION = """Talare 1: Hej, välkommen. Vad har du för personnummer?
Talare 2: [[811218]]
Talare 1: Mm.
Talare 2: [[9876]]
Talare 1: Och det i ord?
Talare 2: [[åttioett tolv arton]]
Talare 1: Mm.
Talare 2: [[nittioåtta sjuttiosex]]
Talare 1: Och ditt telefonnummer?
Talare 2: [[noll sju noll]]
Talare 1: Ja?
Talare 2: [[etthundrasjuttiofyra noll sex noll fem]]
Talare 1: Och postnumret?
Talare 2: [[femhundratrettiotvå trettioett]]
Talare 1: Vilket bankgiro ska vi betala till?
Talare 2: [[1415-4769]]
Talare 1: Och födelsedatum?
Talare 2: [[19520125]]
Talare 1: Och de fyra sista?
Talare 2: [[nittio nittio]]
Talare 1: Och ditt födelsedatum, det andra?
Talare 2: [[901120]]
Talare 1: Och din mammas födelsedatum?
Talare 2: [[Den tjugofemte januari femtiotvå]].
Talare 1: Och vad har du för personnummer?
Talare 2: [[nittiotre elva noll åtta]]
Talare 1: Mm.
Talare 2: [[elva sextio]]
Talare 1: Kundnumret?
Talare 2: [[fyra sju ett ett två nio]]
Talare 1: Clearingnummer?
Talare 2: [[8327-9]]
Talare 1: Och kontonumret?
Talare 2: [[914 552 036-4]]
Talare 1: Vilken IP-adress har routern?
Talare 2: [[hundranittiotvå punkt hundrasextioåtta punkt noll punkt tjugotre]]
Talare 1: Och det nya bankgironumret?
Talare 2: Vänta lite.
Talare 2: [[femhundratjugoåtta, sjuttioåtta, sjuttiofem]]
Talare 1: Så [[528-7875]]?
Talare 2: Ja.
Talare 1: Vilket konto?
Talare 2: Clearing och konto är [[5362 10 456 78]].
Talare 1: Och vad heter du?
Talare 2: Hej, [[Giorgos Papadopoulos]], jag äger huset.
Talare 1: Tack [[Giorgos]].
Talare 2: [[Nguyen Thi Lan]]. Eller [[Lan]] räcker."""


def _marked(text: str) -> Document:
    plain, spans = "", []
    for part in text.split("[["):
        if "]]" in part:
            value, rest = part.split("]]", 1)
            spans.append(("PII", len(plain), len(plain) + len(value)))
            plain += value + rest
        else:
            plain += part
    return Document("issue-example", plain, spans)


def test_values_given_across_turns_are_not_stored(config, tmp_path):
    doc = _marked(CONVERSATION)
    result = evaluate_stored(config, [doc], tmp_path)
    assert result["calls_written"] == 1
    assert result["values"] == len(doc.entities) > 15
    assert result["readable"] == 0, result["readable_values"]
    assert result["words_kept"] >= 0.95


def test_the_pipeline_eval_counts_the_ordinary_values_still_stored(config, tmp_path):
    """Negatives are look-alikes that are no personal data: kept when they still stand as written
    in the stored segments. The order number is kept; the personnummer labelled ordinary here
    (a labeller's mistake) is redacted, so it counts as lost."""
    text = "Agent: Ordernumret?\nKund: Det är 4417 2209.\nAgent: Och personnumret?\nKund: 19810101-2386."
    order, pnr = text.index("4417 2209"), text.index("19810101-2386")
    doc = Document("negatives", text, [], [("ORDINARY", order, order + 9), ("ORDINARY", pnr, pnr + 13)])
    result = evaluate_stored(config, [doc], tmp_path)
    assert (result["ordinary_values"], result["ordinary_kept"], result["ordinary_kept_rate"]) == (2, 1, 0.5)


def test_ordinary_numbers_after_other_questions_are_kept(detector):
    text = (
        "Agent: Vill du betala med autogiro? Då behöver jag clearingnummer och kontonummer.\n"
        "Kund: Jag har IBAN, jag skickar det.\nAgent: Vilken säkring har du?\n"
        "Kund: Tjugofem ampere, huset är byggt nittonhundranittiotvå.\n"
        "Agent: Har du anläggnings-id:t? Det står på din faktura, arton siffror som börjar på 735999.\n"
        "Kund: Jag har plusgiro, 2 19 84 48-9.\nAgent: Det blir åttatusen niohundra kronor."
    )
    found = [
        (d.entity_type, text[d.start : d.end])
        for d in detector.detect(text)
        if d.recognizer == "KlangDialogueSlotRecognizer"
    ]
    assert found == []


def test_an_interpreted_number_and_a_user_name_read_back_whole(detector):
    """A personnummer said partly in the caller's own language (Skatteverket's test number
    201208052383), and a user name spelled in pieces and read back as one token."""
    text = (
        "Agent: Personnummer?\nKund: Dwa tysiące dwanaście... eh, noll åtta noll fem...\n"
        "Tolk: Hon säger tjugotre åttiotre.\nAgent: Och ditt användarnamn?\n"
        "Kund: P-R-O... V-O... noll ett.\nAgent: provo01, tack. Det är upplåst nu."
    )
    covered = [text[d.start : d.end] for d in detector.detect(text)]
    for value in ("Dwa tysiące dwanaście", "noll åtta noll fem", "tjugotre åttiotre", "provo01"):
        assert any(value in c for c in covered), value
    assert not any("upplåst" in c or "tack" in c for c in covered)


@pytest.mark.parametrize(
    "text, values",
    [
        # a pawn loan's number, asked for and given in pieces, read back, named again
        (
            "Agent: okej har du pantlånenumret\nKund: ja det står på kvittot sex sju\nAgent: mm\n"
            "Kund: åtta noll två ett\nAgent: märk betalningen med pantlånenumret 678021",
            ["sex sju", "åtta noll två ett", "678021"],
        ),
        ("Agent: Skriv ditt kandidatnummer, K198802, när du laddar upp det.", ["K198802"]),
        ("Kund: jag heter Per, mitt golf-ID är åttiofem noll två tjugosex, tre sju ett.", ["tjugosex, tre sju ett"]),
        # a second birth date, the answerer's next turn taking the first back, and its read-back
        (
            "Agent: Jag behöver födelsedatum för kontoinnehavaren.\nKund: Det är jag, född tjugonionde juli nittiosju.\n"
            "Kund: nej, kontot står på mig! Mitt är nionde december åttiotvå.\nAgent: Ja, och 9 december 1982 stämmer.",
            ["tjugonionde juli nittiosju", "nionde december åttiotvå", "9 december 1982"],
        ),
        (
            "Kund: fyrtiofyra noll ett sexton.\nKund: nej du är född den sextonde? Jag trodde sjätte.",
            ["sextonde", "sjätte"],
        ),
        # a bankgiro started after its word and finished in the speaker's next turn
        ("Kund: min firma har bankgiro fem fyra tre\nKund: två sju åtta ett", ["fem fyra tre", "två sju åtta ett"]),
        # user names where log-ins are talked of, and one said to be written joined
        ("Agent: Okej, Nour står som noukal11 hos oss, och VPN-kontot ext-warali går ut.", ["noukal11", "ext-warali"]),
        ("Agent: vale underscore rojas eller\nKund: nej ihop valerojas", ["valerojas"]),
        ("Agent: tack och bor du ensam\nKund: nej med mina två barn rojhat och nalin", ["rojhat", "nalin"]),
        ("Agent: Vad heter du?\nKund: nasrin... nej, Nazrin Karimi.", ["nasrin", "Nazrin Karimi"]),
    ],
)
def test_values_the_blind_sets_122_to_125_showed(detector, text, values):
    covered = [text[d.start : d.end] for d in detector.detect(text)]
    for value in values:
        assert any(value in c for c in covered), value


@pytest.mark.parametrize(
    "text, kept",
    [
        # devices, products, campaigns and folders where log-ins are talked of
        (
            "Kund: Jag loggar in på server01 under kampanjen sommar24, och mappen heter tmp-filer.",
            ["server01", "sommar24", "tmp-filer"],
        ),
        ("Agent: det är punkt tre i avtalet\nKund: ja slå ihop fakturorna", ["fakturorna"]),
        ("Agent: anna punkt lind\nKund: nej det stavas ihop", ["stavas"]),
        # other dates in a turn that takes something back, days that are no birth date
        (
            "Agent: Och födelsedatum?\nKund: Född tjugonionde juli nittiosju.\nKund: nej men jag flyttade hit den första april.",
            ["första april"],
        ),
        ("Kund: Hon är född den tjugonde. Och det är inte första gången jag ringer.", ["första"]),
        ("Kund: min mamma är född tredje, av sju barn", ["tredje"]),
        # counted children doing things, a filler taken back, greetings and English
        ("Kund: jo mina två barn sover nu", ["sover"]),
        ("Kund: mina två barn sixten och bonusdottern.", ["bonusdottern"]),
        ("Agent: Vad heter du?\nKund: öhhh... nej förlåt, vad sa du?", ["öhhh"]),
        ("Kund: Gracias señora, tack!", ["señora", "Gracias"]),
        ("Kund: My husband kommer i morgon.", ["husband"]),
    ],
)
def test_the_rules_from_blind_sets_122_to_125_leave_ordinary_words(detector, text, kept):
    covered = [text[d.start : d.end] for d in detector.detect(text)]
    for word in kept:
        assert not any(word in c for c in covered), word


def test_a_name_after_a_greeting_and_a_filler_is_a_name(detector):
    """Blind set 126: "Hallå, ja, jag heter Amporn, Amporn Eriksson." (a name no lexicon knows)."""
    text = "Agent: Kungsholms församling, Eva.\nKund: Hallå, ja, jag heter Amporn, Amporn Eriksson. Min man dog."
    covered = [text[d.start : d.end] for d in detector.detect(text)]
    assert any("Amporn" == c for c in covered), covered


def test_a_one_word_question_for_another_field_ends_the_slot(detector):
    """Blind set 126: "Dödsdatum?" after the personnummer asks for a date of death, no birth date
    (a date of death since blind set 156); "Amir?" asked back is still the name's slot."""
    text = "Agent: Personnummer?\nKund: 194308175472.\nAgent: 19430817-5472. Dödsdatum?\nKund: Andra februari."
    found = [(d.entity_type, text[d.start : d.end]) for d in detector.detect(text)]
    assert ("PERSONAL_DETAIL", "Andra februari") in found
    assert not any(e == "SE_PERSONNUMMER" and "februari" in v for e, v in found), found
    text = "Agent: Vad heter du?\nKund: Amir.\nAgent: Amir?\nKund: Ja, Amir Haddad."
    covered = [text[d.start : d.end] for d in detector.detect(text)]
    assert any("Haddad" in c for c in covered), covered


def test_a_name_that_is_a_country_is_still_a_name(detector):
    text = "Agent: Vad heter du?\nKund: Jag heter Kuba Nowak. Min dotter heter Israel."
    covered = [text[d.start : d.end] for d in detector.detect(text)]
    assert any("Kuba" in c for c in covered) and any("Israel" in c for c in covered)


def test_an_employee_number_names_its_holder():
    text = "Agent: Vad är ditt anställningsnummer?\nKund: Fyrtiotvåtusen sexhundrasjuttioett.\nAgent: 42671, tack."
    got = [(r.entity_type, text[r.start : r.end]) for r in KlangDialogueSlotRecognizer().analyze(text, None)]
    assert got == [("ID_NUMBER", "Fyrtiotvåtusen sexhundrasjuttioett"), ("ID_NUMBER", "42671")]


@pytest.mark.parametrize(
    "text, expected",
    [
        # an employee's number is often short, asked for or stated
        (
            "Agent: vilket anställningsnummer står det på specen?\nKund: 0457\nAgent: 0457, okej.",
            [("ID_NUMBER", "0457"), ("ID_NUMBER", "0457")],
        ),
        (
            "Agent: har du lönebesked från april?\nKund: ja. där står anställningsnummer 113. och fjorton sparade dagar",
            [("ID_NUMBER", "113")],
        ),
        # a club's or a loyalty programme's member number, in Swedish or English
        (
            "Kund: och pappa har ett klubbnummer kan det stå med 2207 1185 6630\nAgent: det lägger jag in.",
            [("CUSTOMER_NUMBER", "2207 1185 6630")],
        ),
        (
            "Agent: Great. Your membership number is 5518 0094 3327, it'll be in the email.\nKund: Tack.",
            [("CUSTOMER_NUMBER", "5518 0094 3327")],
        ),
    ],
)
def test_short_employee_numbers_and_club_numbers(text, expected):
    got = [(r.entity_type, text[r.start : r.end]) for r in KlangDialogueSlotRecognizer().analyze(text, None)]
    assert got == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Agent: Tack. Datum när han dog?\nKund: i natt. Så åttonde november.", ["åttonde november"]),
        ("Agent: Vad heter din mamma?\nKund: Ingrid Provsson. Hon dog i januari, tredje januari.", ["tredje januari"]),
        ("Agent: Dödsdatum var 23 oktober?\nKund: ja.", ["23 oktober"]),
        ("Agent: Hon dog i februari?\nKund: tjugoåttonde februari. Precis innan.", ["tjugoåttonde februari"]),
        # the date before the answer says the death again; the question the other way round
        ("Agent: Vi betalar direkt. Dödsdatum?\nKund: Åttonde juni. Han dog på plats.", ["Åttonde juni"]),
        ("Agent: Och vilket datum gick han bort?\nKund: Den tredje februari.", ["Den tredje februari"]),
        ("Agent: Och när dog din mamma?\nKund: Tjugosjunde december.", ["Tjugosjunde december"]),
        ("Agent: Batteriet gick sönder, när dog din telefon?\nKund: tredje mars.", []),
        # a thing that died, an appointment after the death is talked of
        ("Agent: Batteriet dog i går, vi kommer den tredje mars.\nKund: okej, tredje mars passar.", []),
        ("Agent: Routern dog. Teknikern kommer den 12 april.\nKund: Bra.", []),
    ],
)
def test_a_date_of_death(text, expected):
    got = [
        text[r.start : r.end]
        for r in KlangDialogueSlotRecognizer().analyze(text, None)
        if r.entity_type == "PERSONAL_DETAIL"
    ]
    assert got == expected


def test_every_piece_of_a_value_given_slowly_is_kept():
    """A piece too short to be joined yet ("fyra sju...") is kept with the pieces after it, and a
    Migration Agency file number (dossiernummer) names its holder."""
    text = (
        "Agent: Har du ditt anställningsnummer?\nKund: Vänta... öh, fyra sju...\nAgent: Fyra sju... ja?\n"
        "Kund: noll noll...\nAgent: Mm, och sen?\nKund: åtta ett tre.\nAgent: Och dossiernumret?\nKund: 3 1 0 5 5 7 2."
    )
    got = [text[r.start : r.end] for r in KlangDialogueSlotRecognizer().analyze(text, None)]
    assert got == ["fyra sju", "noll noll", "åtta ett tre", "3 1 0 5 5 7 2"]


def test_slot_answers_are_their_slots_entity():
    rec = KlangDialogueSlotRecognizer()
    text = "Agent: Och postnumret?\nKund: eh fem tre två tre ett\nAgent: Och sista fyra?\nKund: 4667"
    got = [(r.entity_type, text[r.start : r.end]) for r in rec.analyze(text, None)]
    assert got == [("SE_POSTAL_CODE", "fem tre två tre ett"), ("SE_PERSONNUMMER", "4667")]


def test_an_answer_two_turns_later_and_a_complete_answer_ends_it():
    rec = KlangDialogueSlotRecognizer()
    text = (
        "Agent: Och kundnumret, har du det?\nKund: Ett ögonblick, jag letar.\nAgent: Ta den tid du behöver.\n"
        "Kund: 55759203\nAgent: Personnummer?\nKund: Det är 070729+9814, och huset har nummer 1907."
    )
    got = [(r.entity_type, text[r.start : r.end]) for r in rec.analyze(text, None)]
    assert ("CUSTOMER_NUMBER", "55759203") in got
    assert all(v != "1907" for _, v in got)


@pytest.mark.parametrize(
    "text, expected",
    [
        # a value given in two parts, each too short for the slot alone
        (
            "Agent: Kundnumret?\nKund: sju två\nAgent: Mm.\nKund: noll fem åtta ett",
            [("CUSTOMER_NUMBER", "sju två"), ("CUSTOMER_NUMBER", "noll fem åtta ett")],
        ),
        # a driving school's student number, a club's licence number
        ("Agent: Elevnummer?\nKund: E-20918.", [("CUSTOMER_NUMBER", "E-20918")]),
        ("Agent: Och licensnumret?\nKund: 118204.", [("CUSTOMER_NUMBER", "118204")]),
        # a password named in the answer, any word; a question without its "?" mid-turn; a loyalty card's number
        (
            "Talare 1: Jag behöver ditt kodord först.\nTalare 2: Kodordet är blåbärssoppa.",
            [("ACCESS_CODE", "blåbärssoppa")],
        ),
        (
            "Agent: Och kodordet?\nKund: Men det var ju jag. Kodordet är Stjärnfall förresten, jag kom på det.",
            [("ACCESS_CODE", "Stjärnfall")],
        ),
        # a card's number with letters glued before its digits (a residence permit card)
        ("Agent: vad är kortnumret på det nya kortet?\nKund: RP0418833", [("CREDIT_CARD", "RP0418833")]),
        ("Talare 1: Och lösenordet?\nTalare 2: Lösenordet är samma som förut.", []),
        (
            "Agent: jag ser två bokningar på det namnet vad är ditt födelsedatum\nKund: andra oktober nittiofem",
            [("SE_PERSONNUMMER", "andra oktober nittiofem")],
        ),
        ("Agent: Har du stamkundskortet?\nKund: Ja, numret är SK 4412.", [("CUSTOMER_NUMBER", "SK 4412")]),
        # a card's expiry after "Giltig till?"
        ("Agent: Giltig till?\nKund: Elva tjugoåtta.", [("CREDIT_CARD", "Elva tjugoåtta")]),
        # a card's last digits after "slutar på" and a filler
        (
            "Kund: ja\nAgent: betalningen gick inte igenom med kortet som slutar på eh sju sju noll fem",
            [("CREDIT_CARD", "sju sju noll fem")],
        ),
        # a user name, read as a password is; a birth date asked "för att verifiera"
        (
            "Agent: okej vad är ditt användarnamn\nKund: solros underscore åttiofyra",
            [("USERNAME", "solros underscore åttiofyra")],
        ),
        ("Agent: Vad är ditt användarnamn?\nKund: Det är samma som mejlen.", []),
        # the user name named in the answer, after the slot's statement too; no common word
        ("Agent: Logga in med ditt användarnamn\nKund: det är selmakosk", [("USERNAME", "selmakosk")]),
        ("Agent: Vad är ditt användarnamn?\nKund: Det är bra.", []),
        ("Agent: Vad är ditt användarnamn?\nKund: Det är mejladressen.", []),
        ("Agent: Vad är ditt användarnamn?\nKund: det är BankID", []),
        ("Agent: Vad är lösenordet?\nKund: Det är spärrat.", []),
        # a device's serial number, asked for or named with its value
        ("Agent: Och serienumret?\nKund: Serienummer... 5CD2174QXZ.", [("ID_NUMBER", "5CD2174QXZ")]),
        # a handle named is the handle recognizer's, not cut at its dot, and the answer goes on
        (
            "Talare 1: Vilket konto loggar du in med?\nTalare 2: Användarnamnet är lejla.testsson.\n"
            "Talare 1: Ah, då har du två konton, det som är kopplat till Adi är lejlat81.",
            [("USERNAME", "lejlat81")],
        ),
        ("Agent: Vad är ditt lösenord?\nKund: Det är blåbärssoppa.", [("ACCESS_CODE", "blåbärssoppa")]),
        (
            "Agent: tack och för att verifiera ditt födelsedatum\nKund: tredje mars åttiofyra",
            [("SE_PERSONNUMMER", "tredje mars åttiofyra")],
        ),
        (
            "Agent: Och organisationsnumret?\nKund: Vänta lite, det står på kvittot.\nAgent: Ta den tid du behöver.\n"
            "Kund: 559214 3670",
            [("SE_ORGANISATIONSNUMMER", "559214 3670")],
        ),
        # the word before the first number is not part of the address
        (
            "Agent: Vilken IP-adress?\nKund: Den står åttiotre punkt tvåhundra punkt noll punkt ett",
            [("IP_ADDRESS", "åttiotre punkt tvåhundra punkt noll punkt ett")],
        ),
        # the issue's birth dates and last fours given alone, in digits and in words
        ("Agent: Och födelsedatum?\nKund: 901120", [("SE_PERSONNUMMER", "901120")]),
        (
            "Agent: Vad har du för personnummer?\nKund: nittiotre elva noll åtta\nAgent: Mm.\nKund: elva sextio",
            [("SE_PERSONNUMMER", "nittiotre elva noll åtta"), ("SE_PERSONNUMMER", "elva sextio")],
        ),
        # a repeat request asks for the same slot again: the value said again in words is its too
        (
            "Agent: Vad har du för personnummer?\nKund: 19931108-2391\nAgent: Och det i ord?\n"
            "Kund: nittiotre elva noll åtta\nAgent: Mm.\nKund: elva sextio",
            [
                ("SE_PERSONNUMMER", "19931108-2391"),
                ("SE_PERSONNUMMER", "nittiotre elva noll åtta"),
                ("SE_PERSONNUMMER", "elva sextio"),
            ],
        ),
        (
            "Agent: Och kundnumret?\nKund: Det är 55759203.\nAgent: Förlåt, kan du ta det igen?\n"
            "Kund: fem fem\nAgent: Ja?\nKund: sju fem nio två noll tre",
            [
                ("CUSTOMER_NUMBER", "55759203"),
                ("CUSTOMER_NUMBER", "fem fem"),
                ("CUSTOMER_NUMBER", "sju fem nio två noll tre"),
            ],
        ),
        # ... but not after a new question, nor with no slot asked before
        (
            "Agent: Kundnumret?\nKund: 55759203\nAgent: Vilket år byggdes huset?\nKund: 1992\n"
            "Agent: Förlåt, igen?\nKund: nittonhundranittiotvå",
            [("CUSTOMER_NUMBER", "55759203")],
        ),
        ("Agent: Ring gärna igen.\nKund: Det gör jag, 2024 blir bra.", []),
        # a birth date with its month named, only as the answer to the question for it
        (
            "Agent: Och ditt födelsedatum?\nKund: Den åttonde november nittiotre.",
            [("SE_PERSONNUMMER", "Den åttonde november nittiotre")],
        ),
        (
            "Agent: Vad har du för personnummer?\nKund: 19931108-2391, jag flyttade hit i maj.",
            [("SE_PERSONNUMMER", "19931108-2391")],
        ),
        ("Agent: När vill du flytta?\nKund: Den första december nittiotre.", []),
        # ... said year first, the month and the day after it
        (
            "Agent: Och född?\nKund: Född tjugohundrafemton, i november, den tjugosjätte.",
            [
                ("SE_PERSONNUMMER", "tjugohundrafemton"),
                ("SE_PERSONNUMMER", "tjugohundrafemton, i november, den tjugosjätte"),
            ],
        ),
        (
            "Agent: Och hennes personnummer?\nKund: Tjugohundraelva... nionde månaden... trettionde.",
            [("SE_PERSONNUMMER", "Tjugohundraelva... nionde månaden... trettionde")],
        ),
        ("Agent: När flyttade ni in?\nKund: Tjugohundrafemton, i november, den tjugosjätte.", []),
    ],
)
def test_slot_answers_in_parts_and_later_turns(text, expected):
    got = [(r.entity_type, text[r.start : r.end]) for r in KlangDialogueSlotRecognizer().analyze(text, None)]
    assert got == expected


# Found by trying to make values leak (issue 13): corrections, slow answers, other date forms,
# spelled names and addresses.
@pytest.mark.parametrize(
    "text, expected",
    [
        # a value corrected after it was given, in the same turn or the next; a corrected piece
        (
            "Agent: Och postnumret?\nKund: 41319, nej förlåt, det var 41391.",
            [("SE_POSTAL_CODE", "41319"), ("SE_POSTAL_CODE", "41391")],
        ),
        (
            "Agent: Vad har du för kundnummer?\nKund: 583920.\nKund: Nej vänta, det är 583902.",
            [("CUSTOMER_NUMBER", "583920"), ("CUSTOMER_NUMBER", "583902")],
        ),
        (
            "Agent: Mobilnumret?\nKund: 070-174 06 55, nej förlåt, sista är fyrtioåtta.",
            [("PHONE_NUMBER", "070-174 06 55"), ("PHONE_NUMBER", "fyrtioåtta")],
        ),
        # the asker waits in more than six words, or asks whether the answer is coming
        (
            "Agent: Och de fyra sista?\nKund: Vänta, jag ska bara ta fram körkortet.\n"
            "Agent: Inga problem, ta den tid du behöver.\nKund: 2382.",
            [("SE_PERSONNUMMER", "2382")],
        ),
        (
            "Agent: Och sista fyra?\nKund: Öh, vänta lite.\nAgent: Har du dem?\nKund: Ja, tjugotre åttiotvå.",
            [("SE_PERSONNUMMER", "tjugotre åttiotvå")],
        ),
        # turns that say nothing do not use up the answer's turns
        (
            "Agent: De fyra sista siffrorna?\nKund: Ja.\nKund: Eh.\nKund: Vänta.\nKund: tjugotre åttiofyra",
            [("SE_PERSONNUMMER", "tjugotre åttiofyra")],
        ),
        # a piece that fits the slot, and the rest in the next turn
        (
            "Agent: Och postnumret?\nKund: fyrahundratretton\nAgent: Mm.\nKund: nittioett",
            [("SE_POSTAL_CODE", "fyrahundratretton"), ("SE_POSTAL_CODE", "nittioett")],
        ),
        # birth dates in digits day first, the month as an ordinal, after "fyller år" and "född"
        ("Agent: Födelsedatum?\nKund: 13.04.1988.", [("SE_PERSONNUMMER", "13.04.1988")]),
        ("Agent: Och ditt födelsedatum?\nKund: 13/4-88", [("SE_PERSONNUMMER", "13/4-88")]),
        (
            "Agent: Och vilket datum är du född?\nKund: den trettonde i fjärde åttioåtta",
            [("SE_PERSONNUMMER", "den trettonde i fjärde åttioåtta")],
        ),
        ("Agent: När fyller du år?\nKund: Trettonde april.", [("SE_PERSONNUMMER", "Trettonde april")]),
        # ... and as Norwegian and Danish callers say the day and the month
        ("Agent: Och ditt födelsedatum?\nKund: den ottende juni", [("SE_PERSONNUMMER", "den ottende juni")]),
        (
            "Agent: och hon är född tjugoandra oktober\nKund: ja tjueandre i tiende som norrmännen skriver",
            [("SE_PERSONNUMMER", "tjugoandra oktober"), ("SE_PERSONNUMMER", "tjueandre i tiende")],
        ),
        (
            "Agent: Så du är född den trettonde april nittonhundraåttioåtta, och så de fyra sista?\nKund: 2382.",
            [("SE_PERSONNUMMER", "den trettonde april nittonhundraåttioåtta"), ("SE_PERSONNUMMER", "2382")],
        ),
        (
            "Agent: Och så siffrorna efter strecket?\nKund: tjugotre åttiotvå",
            [("SE_PERSONNUMMER", "tjugotre åttiotvå")],
        ),
        (
            "Agent: Och de fyra efter bindestrecket?\nKund: tjugotre åttionio",
            [("SE_PERSONNUMMER", "tjugotre åttionio")],
        ),
        ("Agent: Och slutsiffrorna?\nKund: tjugosex femtiosex", [("SE_PERSONNUMMER", "tjugosex femtiosex")]),
        # a birth date, then the last four in the same turn: the date alone does not end the answer
        (
            "Agent: Ditt personnummer?\nKund: Ja alltså åttiotre elva tjugonio och sen tjugotre åttio",
            [("SE_PERSONNUMMER", "åttiotre elva tjugonio och sen tjugotre åttio")],
        ),
        (
            "Agent: Ditt personnummer?\nKund: Ja alltså åttiotre elva tjugonio. Och de sista tjugotre åttio",
            [("SE_PERSONNUMMER", "åttiotre elva tjugonio"), ("SE_PERSONNUMMER", "tjugotre åttio")],
        ),
        # two slots in one question; a slot named in a statement, the value long after the word
        (
            "Agent: Och postnummer och personnummer?\nKund: 41321, och 880413.",
            [("SE_POSTAL_CODE", "41321"), ("SE_PERSONNUMMER", "880413")],
        ),
        (
            "Agent: Vad gäller det?\nKund: Mina fyra sista är alltså, vänta lite nu, jag har dem här, tjugoåtta fyrtiosex.",
            [("SE_PERSONNUMMER", "tjugoåtta fyrtiosex")],
        ),
        # the asker waits in many words
        (
            "Agent: Och de fyra sista?\nKund: Jag måste leta.\nAgent: Ingen fara alls, ta den tid du behöver, "
            "jag sitter kvar här i luren så länge som det behövs.\nKund: Tjugotre åttio.",
            [("SE_PERSONNUMMER", "Tjugotre åttio")],
        ),
        # a value right before the slot word; under the asker's label (diarization); the year asked apart
        (
            "Agent: Är det tjugotre åttionio ni har som sista fyra?\nKund: Ja.",
            [("SE_PERSONNUMMER", "tjugotre åttionio")],
        ),
        ("Agent: Vad gäller det?\nKund: 4238 är mina fyra sista.", [("SE_PERSONNUMMER", "4238")]),
        ("Agent: Och de fyra sista?\nAgent: 2385.\nKund: Mm.", [("SE_PERSONNUMMER", "2385")]),
        (
            "Agent: När fyller du år?\nKund: Trettonde april.\nAgent: Och året?\nKund: Nittonhundraåttioåtta.",
            [("SE_PERSONNUMMER", "Trettonde april"), ("SE_PERSONNUMMER", "Nittonhundraåttioåtta")],
        ),
        # split where a word runs across the turns ("tjugo" / "tre åttio" is 2380); a read-back between
        (
            "agent: och dom fyra sista\nkund: tjugo\nagent: ja\nkund: tre åttio",
            [("SE_PERSONNUMMER", "tjugo"), ("SE_PERSONNUMMER", "tre åttio")],
        ),
        (
            "Agent: Och de fyra sista?\nKund: tjugotre\nAgent: Ja, tjugotre?\nKund: åttiofem",
            [("SE_PERSONNUMMER", "tjugotre"), ("SE_PERSONNUMMER", "åttiofem")],
        ),
        # a third speaker's talk does not use up the answer's turns
        (
            "Talare 1: Och postnumret?\nTalare 3: Förlåt att jag avbryter, systemet är segt idag, ni får vänta.\n"
            "Talare 2: Okej, inga problem alls, jag har tid, jag sitter ändå här hemma.\n"
            "Talare 3: Bra, ett ögonblick bara så kollar jag med tekniken här.\nTalare 2: 41321",
            [("SE_POSTAL_CODE", "41321")],
        ),
        # the rest given after the asker talked of something else; a statement's piece in its own turn
        (
            "Agent: Och ditt personnummer?\nKund: Ja, nittiofyra noll två tjugoåtta\nAgent: Tack så mycket, då "
            "ser jag här att du har ett avtal som löper ut snart.\nKund: Ja visst, och sista är tjugotre nittiosju.",
            [("SE_PERSONNUMMER", "nittiofyra noll två tjugoåtta"), ("SE_PERSONNUMMER", "tjugotre nittiosju")],
        ),
        (
            "Agent: Hur kan jag hjälpa dig?\nKund: Jag vill flytta, mitt personnummer är, vänta, nittiotre\n"
            "Agent: Mm.\nKund: elva noll åtta tjugotre nittioett",
            [("SE_PERSONNUMMER", "nittiotre"), ("SE_PERSONNUMMER", "elva noll åtta tjugotre nittioett")],
        ),
        # ... but not a number that ends the asker's statement when the join is no personnummer
        (
            "Agent: Då behöver jag ditt personnummer, tolv siffror eller tio.\nKund: eh 060315 2380",
            [("SE_PERSONNUMMER", "060315 2380")],
        ),
        # found by a third probe: slot words as speech-to-text splits them, other names for a customer number
        ("agent: vad har ni för post nummer\nkund: fyra tre ett tre sju", [("SE_POSTAL_CODE", "fyra tre ett tre sju")]),
        ("Agent: Tack. Och sista 4?\nKund: 2385.", [("SE_PERSONNUMMER", "2385")]),
        (
            "Agent: och vilket bank giro betalade du till\nKund: femtioåtta fyrtiofem\nAgent: ja\nKund: tolv trettiofyra",
            [("SE_BANKGIRO", "femtioåtta fyrtiofem"), ("SE_BANKGIRO", "tolv trettiofyra")],
        ),
        (
            "Agent: Vad har du för avtals-ID?\nKund: Det är trettioåtta sextiotvå\nAgent: Mm.\nKund: nittioett fyrtio",
            [("CUSTOMER_NUMBER", "trettioåtta sextiotvå"), ("CUSTOMER_NUMBER", "nittioett fyrtio")],
        ),
        # a value the agent reads out is corrected; a birth date read back with its month named
        (
            "Agent: Jag har postnummer 43173 här, stämmer det?\nKund: Nej, det är fyrahundratrettioett trettiosju.",
            [("SE_POSTAL_CODE", "43173"), ("SE_POSTAL_CODE", "fyrahundratrettioett trettiosju")],
        ),
        (
            "Agent: Personnummer?\nKund: 751017-9281.\nAgent: Tack. Sjuttonde oktober sjuttiofem, och du bor kvar?",
            [("SE_PERSONNUMMER", "751017-9281"), ("SE_PERSONNUMMER", "Sjuttonde oktober sjuttiofem")],
        ),
        (
            "Agent: Födelsedatum?\nKund: 791120.\nAgent: Tjugonde november, tack. Och sista fyra?\nKund: 2393.",
            [("SE_PERSONNUMMER", "791120"), ("SE_PERSONNUMMER", "Tjugonde november"), ("SE_PERSONNUMMER", "2393")],
        ),
        # ... but not the same day later in the call, nor a second date after the birth date
        (
            "Agent: Personnummer?\nKund: 751017-9281.\nAgent: Tack.\nKund: Mm.\nAgent: Fakturan förfaller den "
            "sjuttonde oktober.",
            [("SE_PERSONNUMMER", "751017-9281")],
        ),
        (
            "Agent: Och ditt födelsedatum?\nKund: Sjuttonde oktober sjuttiofem.\nAgent: Tack.\n"
            "Kund: Och jag flyttade in den första mars, om det spelar någon roll.",
            [("SE_PERSONNUMMER", "Sjuttonde oktober sjuttiofem")],
        ),
        # an IP address in parts over turns, or written apart; an address in lowercase after the question
        (
            "Agent: Vad står det för IP-adress i routern?\nKund: Åttiotre punkt tvåhundrafyrtioett\nAgent: Mm.\n"
            "Kund: punkt sjutton punkt fem",
            [("IP_ADDRESS", "Åttiotre punkt tvåhundrafyrtioett"), ("IP_ADDRESS", "punkt sjutton punkt fem")],
        ),
        ("Agent: Kan du läsa upp IP-adressen?\nKund: 83 241 17 5", [("IP_ADDRESS", "83 241 17 5")]),
        (
            "agent: vart ska vi skicka fakturan\nkund: till ringvägen fyrtiotvå b",
            [("SE_ADDRESS", "ringvägen fyrtiotvå b")],
        ),
        # clearing, then the account announced anew: two values, not one joined
        (
            "Agent: Vilket clearingnummer och kontonummer?\nKund: Clearing åtta fyra tre noll nio\nAgent: Ja.\n"
            "Kund: och kontot nio tre fyra sex fem sju\nAgent: Mm.\nKund: åtta nio noll ett",
            [
                ("SE_BANK_ACCOUNT", "åtta fyra tre noll nio"),
                ("SE_BANK_ACCOUNT", "nio tre fyra sex fem sju"),
                ("SE_BANK_ACCOUNT", "åtta nio noll ett"),
            ],
        ),
        # a statement about the slot is answered by a whole value only
        ("Agent: Kundnumret står uppe till höger på fakturan.\nKund: Ja, 55759203.", [("CUSTOMER_NUMBER", "55759203")]),
        # found by a fourth probe: a statement then the value in pieces, corrections without "nej",
        # "var ska vi skicka", fillers in a street line, ISO and read-back birth dates, "Och år?"
        (
            "Agent: Kundnumret står uppe till höger på fakturan.\nKund: Jaha, ja, här. Fyra sju ett\nAgent: Mm.\n"
            "Kund: två nio åtta.",
            [("CUSTOMER_NUMBER", "Fyra sju ett"), ("CUSTOMER_NUMBER", "två nio åtta")],
        ),
        (
            "Agent: Och sista fyra, är det tjugotre åttiotvå?\nKund: Nä, det är min frus. Mina är tjugotre åttiofem.",
            [("SE_PERSONNUMMER", "tjugotre åttiotvå"), ("SE_PERSONNUMMER", "tjugotre åttiofem")],
        ),
        (
            "agent: var ska vi skicka den nya elmätaren\nkund: till ringvägen fyrtiotvå b i skövde",
            [("SE_ADDRESS", "ringvägen fyrtiotvå b")],
        ),
        ("Agent: Och adressen?\nKund: Björkvägen, eh, fjorton.", [("SE_ADDRESS", "Björkvägen, eh, fjorton")]),
        ("Agent: Och ditt födelsedatum?\nKund: Det är 1992-05-13.", [("SE_PERSONNUMMER", "1992-05-13")]),
        (
            "Agent: Kan jag få ditt personnummer?\nKund: 751017-9281.\nAgent: Tack, sjutton tio sjuttiofem, och du bor kvar?",
            [("SE_PERSONNUMMER", "751017-9281"), ("SE_PERSONNUMMER", "sjutton tio sjuttiofem")],
        ),
        (
            "Agent: När fyller du år?\nKund: Tjugosjunde december.\nAgent: Och år?\nKund: Sjuttionio.",
            [("SE_PERSONNUMMER", "Tjugosjunde december"), ("SE_PERSONNUMMER", "Sjuttionio")],
        ),
        (
            "Agent: Personnummer?\nKund: 791227 minus 2395.",
            [("SE_PERSONNUMMER", "791227"), ("SE_PERSONNUMMER", "2395")],
        ),
        # "Jag har inte" is no refusal of what follows
        (
            "Agent: Till ditt registrerade konto. Har du inget så kan du lägga in det i appen.\n"
            "Kund: Jag har inte. Det är Swedbank, åtta fyra nio noll fem, och nio åtta tre sju fyra fem sex sju två.",
            [
                ("SE_BANK_ACCOUNT", "åtta fyra nio noll fem"),
                ("SE_BANK_ACCOUNT", "nio åtta tre sju fyra fem sex sju två"),
            ],
        ),
        # found by a fifth probe: a hedge before a value said in groups is no amount; "tar jag" asks
        (
            "Agent: Och ditt kundnummer?\nKund: Cirka fem fem sju fem nio två, om jag minns rätt.",
            [("CUSTOMER_NUMBER", "fem fem sju fem nio två")],
        ),
        ("Agent: Och sista fyra?\nKund: Runt tjugotre åttionio tror jag.", [("SE_PERSONNUMMER", "tjugotre åttionio")]),
        (
            "Agent: Då tar jag ditt födelsedatum.\nKund: Tjugosjunde juni sjuttiosju.",
            [("SE_PERSONNUMMER", "Tjugosjunde juni sjuttiosju")],
        ),
        # the name is the first one: not the association the caller speaks for
        (
            "Agent: Vad heter du?\nKund: Karin Sjö, jag ringer från Bostadsrättsföreningen Tallen.",
            [("PERSON", "Karin Sjö")],
        ),
        # spelled letter by letter
        (
            "Agent: Och efternamnet, kan du stava det?\nKund: L I N D Q V I S T.",
            [("PERSON", "L I N D Q V I S T")],
        ),
        (
            "Agent: Kan du stava mejladressen?\nKund: h o l m punkt s v e n at exempel punkt com",
            [("EMAIL_ADDRESS", "h o l m"), ("EMAIL_ADDRESS", "s v e n")],
        ),
        # written for the blind set's kinds (December): a bare "Vilket nummer?", "når han dig", a
        # number in pieces for the organisationsnummer, the postnummer of an address answer, a flat,
        # a card's last four read by the agent, a door code, a birth year said in hundreds
        (
            "Agent: Vi spärrar det direkt. Vilket nummer?\nKund: Sjuttiotre, fem fem, noll två, tolv.",
            [("PHONE_NUMBER", "Sjuttiotre, fem fem, noll två, tolv")],
        ),
        (
            "Talare 1: Jag kan sms:a också. Numret?\nTalare 2: sjuttio sjutton fyrtio noll tjugofyra",
            [("PHONE_NUMBER", "sjuttio sjutton fyrtio noll tjugofyra")],
        ),
        (
            "Agent: Vilket nummer når han dig på?\nKund: Noll sju tre...\nAgent: Mm.\nKund: ...sex fem fyra noll två.",
            [("PHONE_NUMBER", "Noll sju tre"), ("PHONE_NUMBER", "sex fem fyra noll två")],
        ),
        (
            "Agent: Och ert organisationsnummer?\nKund: Sextiofem femtio fyrtiofyra...\nAgent: Ja?\n"
            "Kund: ...sjuttioåtta tjugoett.",
            [
                ("SE_ORGANISATIONSNUMMER", "Sextiofem femtio fyrtiofyra"),
                ("SE_ORGANISATIONSNUMMER", "sjuttioåtta tjugoett"),
            ],
        ),
        (
            "Agent: Och ni bor fortfarande på Ekbacken 5?\nKund: Ja, sjuhundrafemtiotvå sextiotre.",
            [("SE_ADDRESS", "Ekbacken 5"), ("SE_POSTAL_CODE", "sjuhundrafemtiotvå sextiotre")],
        ),
        (
            "Agent: Vilken adress?\nKund: Storgatan 4, 123 45 Solna, hyran är 12 450 kr.",
            [("SE_ADDRESS", "Storgatan 4"), ("SE_POSTAL_CODE", "123 45"), ("LOCATION", "Solna")],
        ),
        ("Agent: Vilken lägenhet bor du i?\nKund: Tvåhundratre.", [("SE_ADDRESS", "Tvåhundratre")]),
        (
            "Agent: Tack. Jag ser ett Mastercard som slutar på sex ett noll nio, är det ditt?\nKund: Ja.",
            [("CREDIT_CARD", "sex ett noll nio")],
        ),
        (
            "Kund: Ni kan lämna det i porten, portkoden är tre åtta två sex.\nAgent: Toppen.",
            [("ACCESS_CODE", "tre åtta två sex")],
        ),
        (
            "Talare 1: Och personnummer?\nTalare 2: Tjugohundrafyra, nej, noll fyra tolv trettioett, två tre åtta ett.",
            [
                ("SE_PERSONNUMMER", "Tjugohundrafyra"),
                ("SE_PERSONNUMMER", "noll fyra tolv trettioett, två tre åtta ett"),
            ],
        ),
        ("Agent: När är du född?\nKund: 1988.", [("SE_PERSONNUMMER", "1988")]),
        # a year of birth after "född", in any turn; the due date after it is no birth date
        (
            "Kund: Det är mitt avtal, jag är född 1907.\nAgent: Fakturan förfaller den sjuttonde januari.",
            [("SE_PERSONNUMMER", "1907")],
        ),
        (
            "Talare 1: Då ser jag att jag pratar med Amanda Eriksson, född nittiosex. Vad har hänt?\nTalare 2: Ja.",
            [("SE_PERSONNUMMER", "nittiosex")],
        ),
        # policy and profile numbers; ID document and device numbers; an alternative; the slot named again
        (
            "agent: Tack, jag har villahemförsäkringen framme, nummer 10 44 78 21. Har ni polisanmält?\nkund: ja",
            [("CUSTOMER_NUMBER", "10 44 78 21")],
        ),
        (
            "Agent: Sjukhuset vill ha hans passnummer.\nKund: Vänta... det är ett fyra sju åtta åtta två noll sex.",
            [("ID_NUMBER", "ett fyra sju åtta åtta två noll sex")],
        ),
        ("Agent: Jag behöver IMEI-numret.\nKund: Det står 35 209911 482763 4.", [("ID_NUMBER", "35 209911 482763 4")]),
        (
            "Agent: Och postnumret?\nKund: 702 10 tror jag eller 702 11 jag blandar ihop dem",
            [("SE_POSTAL_CODE", "702 10"), ("SE_POSTAL_CODE", "702 11")],
        ),
        (
            "Kund: De sa att nyckelgömman inte gick att öppna. Men koden är 0 4 2 6.\nAgent: Ok.",
            [("ACCESS_CODE", "0 4 2 6")],
        ),
        (
            "Agent: Jag ser två kort på dig, ett som slutar på 5502 och ett som slutar på 7713. Vilket?\nKund: Det andra.",
            [("CREDIT_CARD", "5502"), ("CREDIT_CARD", "7713")],
        ),
        (
            "Kund: Hej.\nAgent: Ja, det stämmer. Anläggnings-id slutar på 4 0 5 6 0 8 6. Avtalet slutar på 4500 kronor.",
            [("SE_FACILITY_ID", "4 0 5 6 0 8 6")],
        ),
        (
            "Kund: Hej.\nAgent: Bindningstiden för anläggningen slutar på 2026. Totalt för lånet slutar det på 1 850 000.",
            [],
        ),
        # a code or a flat is never an amount, however it is said or written
        ("Kund: Portkoden är 1 340, och sen ringer ni på.\nAgent: Ok.", [("ACCESS_CODE", "1 340")]),
        ("agent: vilken lägenhet bor du i\nkund: fjortonhundratvå", [("SE_ADDRESS", "fjortonhundratvå")]),
        # a postnummer said over two turns in an address answer
        (
            "Agent: Var bor du?\nKund: Rönnbärsstigen 4, fyrahundrafemton...\nAgent: Mm?\nKund: sextiosex, Göteborg.",
            [
                ("SE_ADDRESS", "Rönnbärsstigen 4"),
                ("SE_POSTAL_CODE", "fyrahundrafemton"),
                ("SE_POSTAL_CODE", "sextiosex"),
            ],
        ),
        # the rest of a birth date asked for after its year
        (
            "Agent: När är du född?\nKund: 1991.\nAgent: Nittonhundranittioett, och datum?\nKund: Trettioförsta mars.",
            [("SE_PERSONNUMMER", "1991"), ("SE_PERSONNUMMER", "Trettioförsta mars")],
        ),
        # a personnummer begun again after a pause
        (
            "Agent: Och hans personnummer?\nKund: Fyrtionio... fyrtionio noll fyra tjugosex, och sen... vänta. "
            "Tjugoett femtiotre.",
            [
                ("SE_PERSONNUMMER", "Fyrtionio... fyrtionio noll fyra tjugosex"),
                ("SE_PERSONNUMMER", "Tjugoett femtiotre"),
            ],
        ),
        # a statement's value that is not whole goes on to its read-back
        (
            "kund: ek bygg ab organisationsnummer sexton fem sex sju åtta nio tre fyra fem sex\nagent: 165678-3456 och du är",
            [
                ("SE_ORGANISATIONSNUMMER", "sexton fem sex sju åtta nio tre fyra fem sex"),
                ("SE_ORGANISATIONSNUMMER", "165678-3456"),
            ],
        ),
        # an IP address said whole in words, whatever was asked
        (
            "Talare 1: Den blir 193.180.44.17.\nTalare 2: Vänta, jag skriver. Hundranittiotre punkt hundraåttio "
            "punkt fyrtiofyra punkt sjutton.",
            [("IP_ADDRESS", "Hundranittiotre punkt hundraåttio punkt fyrtiofyra punkt sjutton")],
        ),
        # autogiro is drawn from an account: the answer is clearing and account with no slot word
        (
            "Agent: Vill du ha autogiro?\nKund: Ja. Det är Swedbank, åtta fyra två ett nio, och sen fyra "
            "femtiosex sjuhundraåttionio tolv tre.\nAgent: Ok.",
            [("SE_BANK_ACCOUNT", "åtta fyra två ett nio, och sen fyra femtiosex sjuhundraåttionio tolv tre")],
        ),
        # two codes in one statement, each after its word; a code said in the answer zone of another
        # slot is the code, and its read-back is not taken for that slot's answer
        (
            "Agent: Ditt personnummer?\nKund: 199308052399.\nAgent: Montören kommer på fredag.\n"
            "Kund: Bra, min dörrkod är 5512, och portkoden är 7 3 9 1 om han kommer från gården.\n"
            "Agent: Uppfattat, 7391.",
            [
                ("SE_PERSONNUMMER", "199308052399"),
                ("ACCESS_CODE", "5512"),
                ("ACCESS_CODE", "7 3 9 1"),
            ],
        ),
        # an ID document's number with its letters, one said in a statement
        (
            "Agent: Hej.\nKund: Jag har också ett pass från Danmark, nummer FA1234567, om ni behöver.\n"
            "Agent: Men ditt körkort står som 19930805 2399 01 hos oss.",
            [("ID_NUMBER", "FA1234567"), ("ID_NUMBER", "19930805 2399 01")],
        ),
        # an IBAN over two turns, its country letters with it; a name spelled with the spelling alphabet
        (
            "Agent: Och ditt iban?\nKund: SE45\nAgent: Mm.\nKund: 5000 0000 0583 9825 7466",
            [("IBAN_CODE", "SE45"), ("IBAN_CODE", "5000 0000 0583 9825 7466")],
        ),
        (
            "Agent: Och efternamnet?\nKund: Kvist. K som Kalle, V som Viktor, I som Ivar, S som Sigurd.",
            [("PERSON", "Kvist"), ("PERSON", "K som Kalle, V som Viktor, I som Ivar, S som Sigurd")],
        ),
        # codes come several at a time; a customer number said in thousands as the whole answer
        (
            "Agent: Behöver montören någon kod?\nKund: Ja, koden till porten är sju fyra noll ett, och till "
            "källaren 2580.",
            [("ACCESS_CODE", "sju fyra noll ett"), ("ACCESS_CODE", "2580")],
        ),
        (
            "Agent: Portkoden?\nKund: 1234, och det kostar 450 kronor.",
            [("ACCESS_CODE", "1234")],
        ),
        (
            "Agent: Kundnumret?\nKund: Tvåhundrafemtiotusen fyrahundraelva.",
            [("CUSTOMER_NUMBER", "Tvåhundrafemtiotusen fyrahundraelva")],
        ),
        # a number broken off for a correction is a false start of the value; so is a piece corrected
        (
            "Agent: Mm.\nKund: Och postnumret är fyrahundratjugo sju... nej, fyrahundratjugoen sjuttio.",
            [("SE_POSTAL_CODE", "fyrahundratjugo sju"), ("SE_POSTAL_CODE", "fyrahundratjugoen sjuttio")],
        ),
        (
            "Agent: Vilket nummer?\nKund: Noll sju tre, fyrtio... nej, femtio, tjugo, tjugo, sju.",
            [("PHONE_NUMBER", "Noll sju tre, fyrtio"), ("PHONE_NUMBER", "femtio, tjugo, tjugo, sju")],
        ),
        # an e-mail address said over two turns
        (
            "Agent: Och din e-post?\nKund: jonas punkt ek.\nAgent: Mm.\nKund: snabel-a telia punkt com.",
            [("EMAIL_ADDRESS", "jonas punkt ek"), ("EMAIL_ADDRESS", "snabel-a telia punkt com")],
        ),
        # a password is a code, the word glued to its digits too; a policy at another company
        (
            "Agent: Vi lägger ett lösenord på kontot nu. Minst sex tecken.\nKund: Hjortron1981",
            [("ACCESS_CODE", "Hjortron1981")],
        ),
        (
            "Agent: Telefonnummer till henne?\nKund: Hennes försäkring är hos ett annat bolag, nummer 3301-227-45.",
            [("CUSTOMER_NUMBER", "3301-227-45")],
        ),
        # a birth date in parts, each its own answer
        (
            "Agent: Födelsedatum?\nKund: Den fjortonde.\nAgent: Ja, och månad?\nKund: Juli, nittioett.",
            [("SE_PERSONNUMMER", "fjortonde"), ("SE_PERSONNUMMER", "Juli, nittioett")],
        ),
        # the probes of round 7: other words for the same slots
        (
            "Agent: Vill du att vi drar beloppet automatiskt varje månad?\nKund: Ja. Det är SEB, femtiotvå "
            "sjuttioett, och sen noll noll, fyrtiotre, sextiotvå.",
            [("SE_BANK_ACCOUNT", "femtiotvå sjuttioett, och sen noll noll, fyrtiotre, sextiotvå")],
        ),
        (
            "Agent: Vilket lån gäller det?\nKund: Bolånet, det som slutar på trettiofyra tolv.",
            [("CUSTOMER_NUMBER", "trettiofyra tolv")],
        ),
        (
            "Agent: Har du ditt kreditnummer?\nKund: Ja, fyrtiofyra sjuttio, tjugotvå nittioåtta.",
            [("CUSTOMER_NUMBER", "fyrtiofyra sjuttio, tjugotvå nittioåtta")],
        ),
        (
            "Agent: Och IBAN?\nKund: Det börjar med SE91, sen niotusen femhundra, sen noll noll noll noll.",
            [("IBAN_CODE", "SE91"), ("IBAN_CODE", "niotusen femhundra, sen noll noll noll noll")],
        ),
        (
            "Agent: Hur stänger hantverkaren av larmet?\nKund: Med ett två åtta åtta, sen trycker han på fyrkant.",
            [("ACCESS_CODE", "ett två åtta åtta")],
        ),
        ("Agent: Hej.\nKund: Det är kod 4571 på porten, tredje våningen.", [("ACCESS_CODE", "4571")]),
        (
            "Agent: Kommer vi in på gården?\nKund: Grinden öppnar du med fyra fyra sju tre, den går trögt.",
            [("ACCESS_CODE", "fyra fyra sju tre")],
        ),
        (
            "Agent: Portkoden?\nKund: 1234.\nAgent: Och förrådet då?\nKund: Där är det noll två åtta åtta.",
            [("ACCESS_CODE", "1234"), ("ACCESS_CODE", "noll två åtta åtta")],
        ),
        (
            "Agent: Vilken bank?\nKund: Swedbank.\nAgent: Och numret?\nKund: Det är 8327-9, 914 552 036-4.",
            [("SE_BANK_ACCOUNT", "8327-9, 914 552 036-4")],
        ),
        (
            "Agent: Vad är numret på id-handlingen?\nKund: Sju åtta nio, fyrtiotvå, tolv, trettiotre.",
            [("ID_NUMBER", "Sju åtta nio, fyrtiotvå, tolv, trettiotre")],
        ),
        (
            "Agent: De fyra sista?\nKund: Vänta.\nAgent: Tack. Ett ögonblick bara, systemet är lite segt idag, "
            "jag ber om ursäkt för det.\nKund: Inga problem. Och sen tjugotre åttiotvå på slutet.",
            [("SE_PERSONNUMMER", "tjugotre åttiotvå")],
        ),
        (
            "Agent: Och vad är din ip-adress?\nKund: Det står här, åttiotre komma tvåhundrafyrtioett komma sjutton "
            "komma fem.",
            [("IP_ADDRESS", "åttiotre komma tvåhundrafyrtioett komma sjutton komma fem")],
        ),
        (
            "Agent: Och e-post?\nKund: Jo, det är majsan sjuttiotvå\nAgent: Mm.\nKund: snabel-a hotmail punkt com.",
            [("EMAIL_ADDRESS", "majsan sjuttiotvå"), ("EMAIL_ADDRESS", "snabel-a hotmail punkt com")],
        ),
        (
            "Agent: Och mejlen?\nKund: ja det är jens punkt holmgren snabel-a gmail...\nAgent: Ja?\nKund: punkt com",
            [("EMAIL_ADDRESS", "jens punkt holmgren snabel-a gmail"), ("EMAIL_ADDRESS", "punkt com")],
        ),
        # a personnummer begun wrongly: the false start is part of what was said, and the
        # correction is the value however it is said; "Och dom sista då?" asks the last four
        (
            "Agent: Vad är ditt personnummer?\nKund: nittonhundrasjuttioåtta, tolfte... nej, noll fyra tolv\n"
            "Agent: Och dom sista då?\nKund: femtiofem sextiotre",
            [
                ("SE_PERSONNUMMER", "nittonhundrasjuttioåtta"),
                ("SE_PERSONNUMMER", "tolfte"),
                ("SE_PERSONNUMMER", "noll fyra tolv"),
                ("SE_PERSONNUMMER", "femtiofem sextiotre"),
            ],
        ),
        (
            "Agent: Personnummer?\nKund: tjugohundratvå... nej tvåtusentvå noll tre noll ett\nAgent: Ja?\n"
            "Kund: fyra fem sex sju",
            [
                ("SE_PERSONNUMMER", "tjugohundratvå"),
                ("SE_PERSONNUMMER", "tvåtusentvå noll tre noll ett"),
                ("SE_PERSONNUMMER", "fyra fem sex sju"),
            ],
        ),
        # a clearing number said in thousands is no amount: named right before it, or said with a dash
        (
            "Agent: Vilket konto ska pengarna till?\nKund: Swedbank, clearing åttatusen trehundrafyrtiotvå, "
            "sen fyrahundratolv, trettiotre sextiofyra åtta.",
            [("SE_BANK_ACCOUNT", "åttatusen trehundrafyrtiotvå, sen fyrahundratolv, trettiotre sextiofyra åtta")],
        ),
        (
            "Agent: Vilket konto?\nKund: Det är Swedbank. Åttatusen tvåhundrasju bindestreck fyra, sen sexhundraelva, "
            "tjugo trettio fem.",
            [("SE_BANK_ACCOUNT", "Åttatusen tvåhundrasju bindestreck fyra, sen sexhundraelva, tjugo trettio fem")],
        ),
        # a tenant or object number is the customer's number; letters spelled before it are part of it
        (
            "Agent: Jag ser ditt hyresgästnummer här, fyrtiotvå sjuttioett nittio, stämmer det?\nKund: Ja.",
            [("CUSTOMER_NUMBER", "fyrtiotvå sjuttioett nittio")],
        ),
        (
            "Agent: Har du kontraktsnumret?\nKund: Ja, K L sextiosju åttiotvå fyrtiofem",
            [("CUSTOMER_NUMBER", "K L sextiosju åttiotvå fyrtiofem")],
        ),
        # a turn that corrects a read-back: its numbers are pieces of the value, whatever their length
        (
            "Agent: Och postnumret?\nKund: Sexhundraåtta trettiotvå.\nAgent: 608 23?\n"
            "Kund: Nej, trettiotvå, inte tjugotre. Och det var 300 kronor.",
            [
                ("SE_POSTAL_CODE", "Sexhundraåtta trettiotvå"),
                ("SE_POSTAL_CODE", "608 23"),
                ("SE_POSTAL_CODE", "trettiotvå"),
                ("SE_POSTAL_CODE", "tjugotre"),
            ],
        ),
        # an IP address read digit by digit with commas, said with "dot", or begun with its first number alone
        (
            "Agent: Läs upp ip-adressen.\nKund: Ett nio fem, punkt, ett nio åtta...\nAgent: Mm.\n"
            "Kund: punkt, sex fyra, punkt, två tre noll.",
            [("IP_ADDRESS", "Ett nio fem, punkt, ett nio åtta"), ("IP_ADDRESS", "sex fyra, punkt, två tre noll")],
        ),
        (
            "Agent: Kan du läsa ip-adressen?\nKund: Ja, etthundrafyrtiosex...\nAgent: Ja?\n"
            "Kund: punkt tjugo dot sju punkt tolv",
            [("IP_ADDRESS", "etthundrafyrtiosex"), ("IP_ADDRESS", "punkt tjugo dot sju punkt tolv")],
        ),
        # a MAC address read as hex pairs over two turns; the written read-back is the scan recognizer's
        (
            "Agent: Står MAC-adressen på en etikett?\nKund: Ja, a fyra, tre c, noll noll...\nAgent: Mm.\n"
            "Kund: ett f, b e, sju två. Det tog tre dagar.",
            [("ID_NUMBER", "a fyra, tre c, noll noll"), ("ID_NUMBER", "ett f, b e, sju två")],
        ),
        # a false start and the value in one run; a correction opening the next turn; a value broken off
        # with a pause goes on after "Mm."
        (
            "Agent: Personnummer?\nKund: Ja, tjugohundra... eh, tvåtusen, noll nio tjugofem.\nAgent: Mm.\n"
            "Kund: Tjugotre åttioåtta.",
            [
                ("SE_PERSONNUMMER", "tjugohundra... eh, tvåtusen, noll nio tjugofem"),
                ("SE_PERSONNUMMER", "Tjugotre åttioåtta"),
            ],
        ),
        (
            "Agent: Ditt personnummer?\nKund: Nittonhundranittiotre...\nAgent: Mm.\n"
            "Kund: Nej förlåt, nittiofyra. Nittiofyra, noll nio tjugofem.",
            [
                ("SE_PERSONNUMMER", "Nittonhundranittiotre"),
                ("SE_PERSONNUMMER", "nittiofyra"),
                ("SE_PERSONNUMMER", "Nittiofyra, noll nio tjugofem"),
            ],
        ),
        (
            "Agent: Vilket IMEI har routern?\nKund: Åtta sex fyra två noll fyra, noll fem...\nAgent: Mm.\n"
            "Kund: tre noll sju åtta, nio ett åtta.",
            [("ID_NUMBER", "Åtta sex fyra två noll fyra, noll fem"), ("ID_NUMBER", "tre noll sju åtta, nio ett åtta")],
        ),
        # an IP address over two turns of one speaker whatever was asked, and a false start of one; not a version
        (
            "Agent: Den hittar du på routern. Läs upp den.\nKund: Ett nio fem, punkt, ett nio åtta...\nAgent: Mm.\n"
            "Kund: punkt, sex fyra, punkt, två tre noll.",
            [("IP_ADDRESS", "Ett nio fem, punkt, ett nio åtta"), ("IP_ADDRESS", "sex fyra, punkt, två tre noll")],
        ),
        (
            "Agent: Och routerns externa adress?\nKund: Den är åttiotre punkt tvåhundrafjorton... vänta, jag läser "
            "fel... åttiotre punkt tvåhundrafyrtioen punkt sjutton punkt fem.",
            [
                ("IP_ADDRESS", "åttiotre punkt tvåhundrafjorton"),
                ("IP_ADDRESS", "åttiotre punkt tvåhundrafyrtioen punkt sjutton punkt fem"),
            ],
        ),
        ("Agent: Vilken version?\nKund: Fyra punkt två...\nAgent: Ja?\nKund: punkt ett punkt noll.", []),
        # a mobile number's read-back corrected, where no slot was asked
        (
            "Agent: Vad gäller det?\nKund: Flytt av noll sju tre, sexhundratolv, fyrtiofem, sextionio.\n"
            "Agent: Noll sju tre, sexhundratolv, fyrtiofem, nittionio.\nKund: Nej, slutet är sextionio.",
            [("PHONE_NUMBER", "sextionio")],
        ),
        # the speaker's own value in the sentence after its word; "Vi saknar ..." asks for it
        (
            "Agent: Vart vill du att vi betalar tillbaka?\nKund: Till mitt plusgiro. Nittio trettiotre...\n"
            "Agent: Ja?\nKund: sjuttioett bindestreck tre.",
            [("SE_PLUSGIRO", "Nittio trettiotre"), ("SE_PLUSGIRO", "sjuttioett bindestreck tre")],
        ),
        (
            "Agent: Vi saknar ditt kontonummer.\nKund: Handelsbanken, sex sju fyra tre, och sen tvåhundrafyrtio, "
            "trehundrasjuttiosex, etthundranittioett.",
            [("SE_BANK_ACCOUNT", "sex sju fyra tre, och sen tvåhundrafyrtio, trehundrasjuttiosex, etthundranittioett")],
        ),
        # the numbers said before the value in its answer are false starts and pieces of it
        (
            "Agent: Personnummer?\nKund: Det börjar på åttiofem, sen fyra noll elva... vänta, noll fyra elva.",
            [
                ("SE_PERSONNUMMER", "åttiofem"),
                ("SE_PERSONNUMMER", "fyra noll elva... vänta, noll fyra elva"),
            ],
        ),
        # a value given in two pieces, read back whole
        (
            "Agent: Vilket bankgiro?\nKund: Vänta, jag ska ta fram pärmen.\nAgent: Inga problem.\n"
            "Kund: Trehundrafemtiosex, noll nio...\nAgent: Mm.\nKund: arton bindestreck nio.\n"
            "Agent: Så 3560-9189. Det kostar 200 kronor.",
            [
                ("SE_BANKGIRO", "Trehundrafemtiosex, noll nio"),
                ("SE_BANKGIRO", "arton bindestreck nio"),
                ("SE_BANKGIRO", "3560-9189"),
            ],
        ),
        # letters spelled in any turn are a name's, and so is the word they spell
        (
            "Agent: Jesper Nyström?\nKund: Nej, Nyqvist. N y q v i s t.",
            [("PERSON", "Nyqvist"), ("PERSON", "N y q v i s t")],
        ),
        # a number read off a document in words is the value however it is said; "ditt kontrakt är"
        (
            "Agent: Vilket hyresgästnummer står på avin?\nKund: Det står femtiotusen trehundrafyrtioett.",
            [("CUSTOMER_NUMBER", "femtiotusen trehundrafyrtioett")],
        ),
        ("Agent: Vad står det på fakturan?\nKund: Det står tvåtusen trehundra kronor.", []),
        (
            "Agent: Jo, här, ditt kontrakt är sex noll noll åtta fyra tre.\nKund: Tack.",
            [("CUSTOMER_NUMBER", "sex noll noll åtta fyra tre")],
        ),
        # ... and the at-word ending the first turn, the domain alone opening the next
        (
            "Agent: Vilken mejl har du?\nKund: Det är kicki underscore sjuttiotre snabel-a...\nAgent: Mm.\n"
            "Kund: hotmail punkt com.",
            [("EMAIL_ADDRESS", "kicki underscore sjuttiotre snabel-a"), ("EMAIL_ADDRESS", "hotmail punkt com")],
        ),
        # the router's public or WAN address is an IP address, also read with commas over two turns
        (
            "Agent: Vilken publik adress har du?\nKund: Vänta... det står åttiofem, tvåhundratjugosex...\n"
            "Agent: Ja?\nKund: fyrtiotre, sjutton.",
            [("IP_ADDRESS", "åttiofem, tvåhundratjugosex"), ("IP_ADDRESS", "fyrtiotre, sjutton")],
        ),
        (
            "Agent: Kan du läsa av WAN-adressen?\nKund: Det står åttiofem, tvåhundratjugosex, fyrtio, elva.",
            [("IP_ADDRESS", "åttiofem, tvåhundratjugosex, fyrtio, elva")],
        ),
        # a number broken off in pieces while the asker talks on: the zone stays open, the pieces join
        (
            "Agent: Nytt nummer?\nKund: Det är noll sjuttiosex...\nAgent: Mm, och under tiden kan jag nämna "
            "att vi har en kampanj på surf just nu.\nKund: Okej, bra. Trehundrafyrtio...\nAgent: Ja.\n"
            "Kund: Vänta, hunden skäller. Förlåt. Tjugoett...\nAgent: Ingen fara.\nKund: Femtiofem.",
            [
                ("PHONE_NUMBER", "noll sjuttiosex"),
                ("PHONE_NUMBER", "Trehundrafyrtio"),
                ("PHONE_NUMBER", "Tjugoett"),
                ("PHONE_NUMBER", "Femtiofem"),
            ],
        ),
        # a card's expiry date and security code
        (
            "Agent: Tack. Giltigt till?\nKund: Elva tjugoåtta.\nAgent: Och säkerhetskoden, tre siffror på baksidan?\n"
            "Kund: Sex noll två.",
            [("CREDIT_CARD", "Elva tjugoåtta"), ("CREDIT_CARD", "Sex noll två")],
        ),
        # an address with no street ending, its number said; not a number that opens the answer
        # ... and the place that ends the answer after it
        (
            "Agent: Och den nya adressen?\nKund: Hagalund sex C, i Solna.",
            [("SE_ADDRESS", "Hagalund sex C"), ("LOCATION", "Solna")],
        ),
        (
            "Agent: Vilken adress?\nKund: Skogsbrynet tre, Vissefjärda",
            [("SE_ADDRESS", "Skogsbrynet tre"), ("LOCATION", "Vissefjärda")],
        ),
        ("Agent: Vilken adress?\nKund: Storgatan 12, tack.", [("SE_ADDRESS", "Storgatan 12")]),
        # the postnummer after the place and a filler
        (
            "Talare 1: till vilken adress\nTalare 2: kvarngatan sju i västerås öh sjuhundratjugotvå tjugoett",
            [("SE_ADDRESS", "kvarngatan sju"), ("SE_POSTAL_CODE", "sjuhundratjugotvå tjugoett")],
        ),
        (
            "Agent: Var bor du?\nKund: Jag bor på Skogsbrynet fyra i Ljusdal.",
            [("SE_ADDRESS", "Skogsbrynet fyra"), ("LOCATION", "Ljusdal")],
        ),
        (
            "Agent: Och adressen?\nKund: Sjuhundrafemtiotvå sextiotre, Uppsala.",
            [("SE_POSTAL_CODE", "Sjuhundrafemtiotvå sextiotre"), ("LOCATION", "Uppsala")],
        ),
        # a birth date with its month said as an ordinal, no "i"
        ("Agent: När är du född?\nKund: Sjuttonde elfte åttiosju.", [("SE_PERSONNUMMER", "Sjuttonde elfte åttiosju")]),
        # ... asked of a third speaker at the end of a longer turn, and read back
        (
            "Uppringare: eh vänta han sitter här erik när är du född\nKollega: sjätte november åttio\n"
            "Uppringare: sjätte november nittonhundraåttio\nAgent: tack",
            [("SE_PERSONNUMMER", "sjätte november åttio"), ("SE_PERSONNUMMER", "sjätte november nittonhundraåttio")],
        ),
        # a preschool's queue id is the child's number (its read-back is the echoes')
        (
            "Agent: ella har köplats-id K fyra fyra ett nio noll sju och ärendenummer FSK 48812\n"
            "Kund: vänta K fyra fyra ett nio noll sju och FSK 48812",
            [("CUSTOMER_NUMBER", "K fyra fyra ett nio noll sju")],
        ),
        # a ZIP code asked for as a postnummer is (its read-back is the echoes')
        (
            "Agent: och zip code\nDotter: fem fem fyra ett noll\nAgent: 55410 och telefon",
            [("SE_POSTAL_CODE", "fem fem fyra ett noll")],
        ),
        # ("Hon är född 2019." asks nothing: a date in the turn after it is no birth date)
        (
            "Kund: Saga, min yngsta. Hon är född 2019.\nAgent: Mm.\nKund: två tre åtta sex.\n"
            "Agent: Okej. Jag ser två ansökningar. En för 12 till 14 mars och en för... Leo?",
            [("SE_PERSONNUMMER", "2019")],
        ),
        # ... asked without a question word or mark: "och han är född"
        (
            "Agent: och han är född\nKund: tjugoåttonde februari tjugohundrasexton\nAgent: och din mammas namn",
            [("SE_PERSONNUMMER", "tjugoåttonde februari tjugohundrasexton")],
        ),
        # an e-mail's name part alone, the rest never said
        (
            "Agent: Mejlen, med apostrof?\nKund: Nej, utan, bara obrien punkt sean.",
            [("EMAIL_ADDRESS", "obrien punkt sean")],
        ),
        # the next last digits in a list after "slutar på"; a third person's number
        (
            "Kund: Hej.\nAgent: Jag ser två kort, ett som slutar på sex ett noll noll och ett på åtta tre två fem.",
            [("CREDIT_CARD", "sex ett noll noll"), ("CREDIT_CARD", "åtta tre två fem")],
        ),
        (
            "Agent: Ja.\nKund: Grannen heter Åsa, jag kan ge dig hennes nummer, noll sjuttio fyrtiotvå nitton tjugoåtta.",
            [("PHONE_NUMBER", "noll sjuttio fyrtiotvå nitton tjugoåtta")],
        ),
        # questions as speech-to-text writes them, without "?": a third person's slot, a purpose after
        # the slot word, "och sista", "ett nummer", "vilket nummer skulle det gått till"
        (
            "Agent: och hans personnummer\nKund: nitton fyrtiofyra, tolv trettioett... och tjugotre nittioett",
            [("SE_PERSONNUMMER", "nitton fyrtiofyra, tolv trettioett"), ("SE_PERSONNUMMER", "tjugotre nittioett")],
        ),
        (
            "Agent: personnummer för att bekräfta\nKund: nittiotvå noll fyra arton",
            [("SE_PERSONNUMMER", "nittiotvå noll fyra arton")],
        ),
        (
            "Agent: tjugohundranio noll fyra noll sex, och sista\nKund: vänta... tjugotre åttiosju",
            [("SE_PERSONNUMMER", "tjugotre åttiosju")],
        ),
        (
            "Agent: vilket nummer skulle det gått till\nKund: noll sju noll, tjugotre, fyrtiofem, åttio",
            [("PHONE_NUMBER", "noll sju noll, tjugotre, fyrtiofem, åttio")],
        ),
        ("Agent: Vilket nummer står på kontrollavgiften?\nKund: 8 3 3 0 1 9 2 7.", []),  # no phone asked for
        # a clearing number said in thousands after the bank's name
        (
            "Agent: kan du ge mig clearing och kontonummer\nKund: ja Swedbank, eh åttatusen trehundrafyrtioåtta sen "
            "nio tre fyra fem sex sju åtta åtta två",
            [("SE_BANK_ACCOUNT", "åttatusen trehundrafyrtioåtta sen nio tre fyra fem sex sju åtta åtta två")],
        ),
        (
            "Kund: ja\nAgent: ditt kort slutande på fyra fyra noll nio har spärrats",
            [("CREDIT_CARD", "fyra fyra noll nio")],
        ),
        (
            "Agent: Har du betalat något?\nKund: Ambulansen, på mitt kort, det slutar på... sex fem fem åtta.",
            [("CREDIT_CARD", "sex fem fem åtta")],
        ),
        # a meter's, a permit's or a loyalty programme's number is the customer's; a reading is no number of theirs
        (
            "Agent: Vilket mätarnummer står på mätaren?\nKund: Det står... sju sju tre noll noll fyra fem ett.",
            [("CUSTOMER_NUMBER", "sju sju tre noll noll fyra fem ett")],
        ),
        (
            "Kund: ja\nAgent: och ditt Scandic Friends-nummer, tre noll noll fyra fyra sju fem åtta två",
            [("CUSTOMER_NUMBER", "tre noll noll fyra fyra sju fem åtta två")],
        ),
        ("Agent: Och mätarnumret står på mätaren, kan du läsa av den?\nKund: Den visar 73 412.", []),
        # the two-turn address knows every separator and at-word a one-line address does
        (
            "Agent: Och mejladressen?\nKund: anna underscore berg\nAgent: Ja?\nKund: kommersiellt a gmail punkt com",
            [("EMAIL_ADDRESS", "anna underscore berg"), ("EMAIL_ADDRESS", "kommersiellt a gmail punkt com")],
        ),
        # a word spelled is that word wherever it is said whole
        (
            "Agent: stava efternamnet\nKund: l, i, n, d, q, v, i, s, t\nAgent: Lindqvist, tack.",
            [("PERSON", "l, i, n, d, q, v, i, s, t"), ("PERSON", "Lindqvist")],
        ),
        # one birth date an answer, or its correction; an interjection opens a name answer
        (
            "Agent: Födelsedatum?\nKund: Tjugonde februari nittiotre. Och tiden hos tandläkaren är den tjugonde mars.",
            [("SE_PERSONNUMMER", "Tjugonde februari nittiotre")],
        ),
        (
            "Agent: Och vad är din mans födelsedatum?\nKund: Nittonde januari femtiofem... nej förlåt, sjunde mars "
            "femtiofem.",
            [("SE_PERSONNUMMER", "Nittonde januari femtiofem"), ("SE_PERSONNUMMER", "sjunde mars femtiofem")],
        ),
        (
            "Agent: Och vem pratar jag med?\nKund: Självklart, förlåt, Maj-Britt Engström heter jag.",
            [("PERSON", "Maj-Britt Engström")],
        ),
        # probe 8: other ways to ask
        (
            "Agent: Hej.\nKund: Bra. Ni når mig på noll sju noll, etthundrasjuttiofyra, noll sex, tjugotre.",
            [("PHONE_NUMBER", "noll sju noll, etthundrasjuttiofyra, noll sex, tjugotre")],
        ),
        (
            "Agent: Vilka år är ni födda?\nKund: Jag är fyrtiosju och han fyrtiofyra.",
            [("SE_PERSONNUMMER", "fyrtiosju"), ("SE_PERSONNUMMER", "fyrtiofyra")],
        ),
        (
            "Agent: Okej. PUK-koden är fyra åtta sju tre, noll ett nio två.\nKund: Tack.",
            [("ACCESS_CODE", "fyra åtta sju tre, noll ett nio två")],
        ),
        (
            "Agent: Hon bor på Bergsgatan?\nKund: Ja, ingången är från gården, den porten har fyrtiotvå tjugo.",
            [("ACCESS_CODE", "fyrtiotvå tjugo")],
        ),
        (
            "Agent: Då ser jag dig, medlem nummer fyrtioåtta tjugo sextiosju. Gästkortet gäller idag.\nKund: Tack.",
            [("CUSTOMER_NUMBER", "fyrtioåtta tjugo sextiosju")],
        ),
        (
            "Agent: Har du LMA-kort?\nKund: Ja, numret är åtta ett noll, fyra fyra, sex två.",
            [("ID_NUMBER", "åtta ett noll, fyra fyra, sex två")],
        ),
        # a birth date with its month said as one digit
        (
            "Agent: Kan du fråga om hennes personnummer?\nTolk: Hon säger nittiotre, åtta, sexton, och sen "
            "tjugotre åttioåtta.",
            [("SE_PERSONNUMMER", "nittiotre, åtta, sexton, och sen tjugotre åttioåtta")],
        ),
        # probe 9: a request that starts with the slot; "slutar det på"; the birth dates of two children;
        # an account's numbers said in thousands
        (
            "Agent: Då börjar vi med ditt personnummer.\nKund: Nittonhundra åttio fyra, noll fem tjugonio...\n"
            "Agent: Mm.\nKund: nittiotvå nittioett.",
            [
                ("SE_PERSONNUMMER", "Nittonhundra åttio fyra, noll fem tjugonio"),
                ("SE_PERSONNUMMER", "nittiotvå nittioett"),
            ],
        ),
        (
            "Agent: Jag ser ditt kort här, slutar det på fyrtiosju?\nKund: Ja.",
            [("CREDIT_CARD", "fyrtiosju")],
        ),
        (
            "Agent: Vad heter barnen och deras personnummer?\nKund: Liam, tjugohundrasjutton, noll fyra tjugonio, "
            "tjugotre åttio, och Alva, tjugo noll två tjugotre, hon är bara fyra.",
            [
                ("PERSON", "Liam"),
                ("SE_PERSONNUMMER", "tjugohundrasjutton, noll fyra tjugonio, tjugotre åttio"),
                ("SE_PERSONNUMMER", "tjugo noll två tjugotre"),
            ],
        ),
        (
            "Agent: Till dödsboets konto. Vilken bank?\nKund: Sparbanken Nord, åttatusen tvåhundrasextio, nio, "
            "nittioen åttioett, femtiotre tjugofem, tre.",
            [("SE_BANK_ACCOUNT", "åttatusen tvåhundrasextio, nio, nittioen åttioett, femtiotre tjugofem, tre")],
        ),
        # an IP address read with commas; a code chosen, not the example excluded; "inte X utan Y"
        (
            "Agent: Kan du läsa av IP-adressen?\nKund: Det står åttiofem, tvåhundratjugosex, fyrtio, elva.",
            [("IP_ADDRESS", "åttiofem, tvåhundratjugosex, fyrtio, elva")],
        ),
        (
            "Agent: Välj fyra siffror, men inte 1234.\nKund: Hon får ta sex sex noll nio som hon brukar.",
            [("ACCESS_CODE", "sex sex noll nio")],
        ),
        (
            "Agent: Postnumret?\nKund: Inte 41319 utan 41391.",
            [("SE_POSTAL_CODE", "41319"), ("SE_POSTAL_CODE", "41391")],
        ),
        # a place and house number between commas in an address answer
        ("Agent: Var bor du?\nKund: Ute på landet, Västanby 212, utanför Mora.", [("SE_ADDRESS", "Västanby 212")]),
        # a loan number is the borrower's contract number; "dash" read between the groups
        (
            "Agent: Då har jag lånenummer 4421 dash 88 dash 1290.\nKund: Ja.",
            [("CUSTOMER_NUMBER", "4421 dash 88 dash 1290")],
        ),
        # the same slot for someone else ("Och Jonas?"); a value in the sentence before the slot word
        (
            "Agent: Passnumren, har ni dem?\nKund: Mitt är åtta fyra sex två noll ett nio tre.\n"
            "Agent: 84620193. Och Jonas?\nKund 2: Mitt är sju sju ett två fyra fem noll åtta.",
            [("ID_NUMBER", "åtta fyra sex två noll ett nio tre"), ("ID_NUMBER", "sju sju ett två fyra fem noll åtta")],
        ),
        (
            "Agent: Kundnumret?\nKund: 44120.\nAgent: Tack. Barnens då?\nKund: 44121 och 44122.",
            [("CUSTOMER_NUMBER", "44120"), ("CUSTOMER_NUMBER", "44121"), ("CUSTOMER_NUMBER", "44122")],
        ),
        (
            "Agent: Födelsedatum för barnen?\nKund: Tredje juni tjugotolv. Och Noa är född nionde mars tjugofjorton.",
            [("SE_PERSONNUMMER", "Tredje juni tjugotolv"), ("SE_PERSONNUMMER", "nionde mars tjugofjorton")],
        ),
        # the next card's last digits in a list; a value the customer offers or names, asked for in turn
        (
            "Kund: Okej.\nAgent: Jag spärrar båda korten, de slutar på fyra fyra ett nio och två sex noll åtta.",
            [("CREDIT_CARD", "fyra fyra ett nio"), ("CREDIT_CARD", "två sex noll åtta")],
        ),
        ("Kund: Okej.\nAgent: Ditt kort slutar på 4411 och 12 kronor drogs i går.", [("CREDIT_CARD", "4411")]),
        # the next person by name alone; a value of one's own offered in the sentence ("om ni behöver det")
        (
            "Agent: Era personnummer, Jonas först?\nKund: 19121212-1212.\nAgent: Tack. Lovisa?\nKund 2: Nittonhundra"
            "åttioåtta noll fyra tretton...\nAgent: Mm.\nKund 2: ...tjugotre åttiotvå.",
            [
                ("SE_PERSONNUMMER", "19121212-1212"),
                ("SE_PERSONNUMMER", "Nittonhundraåttioåtta noll fyra tretton"),
                ("SE_PERSONNUMMER", "tjugotre åttiotvå"),
            ],
        ),
        (
            "Agent: Vet du när det hände?\nKund: Jag har kortnumret här om ni behöver det, fyrtioett tjugo, tretton tolv...",
            [("CREDIT_CARD", "fyrtioett tjugo, tretton tolv")],
        ),
        # "Vilket nummer ringer vi ...?" asks for a phone number; a loyalty programme's number
        (
            "Agent: Vilket nummer ringer vi när bilen är klar?\nKund: Noll sju tre, fyra fyra ett, tolv trettiofyra.",
            [("PHONE_NUMBER", "Noll sju tre, fyra fyra ett, tolv trettiofyra")],
        ),
        (
            "Agent: Har du ditt EuroBonus-nummer?\nKund: Ja, det är sexhundrasju, trehundraåtta, tvåhundrafemton.",
            [("CUSTOMER_NUMBER", "sexhundrasju, trehundraåtta, tvåhundrafemton")],
        ),
        # a password: letters and digits, or a word and a number; asked for where it is written
        (
            "Agent: Vi lägger in ett kundlösenord. Vad vill du ha?\nKund: Kan det vara... Blåbärsris fyrtiotvå?",
            [("ACCESS_CODE", "Blåbärsris fyrtiotvå")],
        ),
        (
            "Kund: Den frågar efter lösenord.\nAgent: Det står på undersidan av routern.\nKund: Ja, det står... b4 t7 r2.",
            [("ACCESS_CODE", "b4 t7 r2")],
        ),
        ("Agent: Portkoden?\nKund: Den är 4412, och Maja 12 år har en egen.", [("ACCESS_CODE", "4412")]),
        ("Agent: Ditt lösenord på avtalet?\nKund: lösenordet är Vintergröna", [("ACCESS_CODE", "Vintergröna")]),
        # a security word, the whole answer; a password with hyphens (not "6-kabel", "RT-AX58U")
        ("Agent: Först behöver jag ditt kodord.\nKund: Lingonskogen.\nAgent: Tack.", [("ACCESS_CODE", "Lingonskogen")]),
        (
            "Agent: Vilket lösenord?\nKund: Solrosen-Kaffe-47? Routern är en RT-AX58U med Cat 6-kabel.",
            [("ACCESS_CODE", "Solrosen-Kaffe-47")],
        ),
        # an interpreter's number; letters before a pause
        ("Agent: Hej.\nTolk: Jag är tolk i arabiska, tolknummer 40812.", [("ID_NUMBER", "40812")]),
        # ... and its four digits in Kammarkollegiet's register, read one by one or in words
        (
            "Förmedling: Språkbron.\nTolk: hej, det är Marisol Vega, spanska, tolknummer 3 9 7 7.\nFörmedling: Hej.",
            [("ID_NUMBER", "3 9 7 7")],
        ),
        ("Förmedling: Hej.\nTolk: det är Reza, tolknummer två noll noll fem.", [("ID_NUMBER", "två noll noll fem")]),
        (
            "Agent: Har du kundnumret?\nKund: Kundnumret... L N ... 6 0 3 3 9 1.",
            [("CUSTOMER_NUMBER", "L N ... 6 0 3 3 9 1")],
        ),
        # a place after "i" in an address answer (not "som i Wilhelm", not a country); birth dates listed
        (
            "Agent: Var bor du någonstans?\nKund: I Axvall, på Ängsvägen, w som i Wilhelm.",
            [("LOCATION", "Axvall"), ("SE_ADDRESS", "Ängsvägen")],
        ),
        (
            "Agent: Och födelsedatum för barnen?\nKund: Zofia sjuttonde januari tjugotretton, Jakub tjugofjärde oktober "
            "tjugofjorton.",
            [
                ("SE_PERSONNUMMER", "sjuttonde januari tjugotretton"),
                ("SE_PERSONNUMMER", "tjugofjärde oktober tjugofjorton"),
            ],
        ),
        # "passen", "passuppgifterna"; letters ending a turn, the number after a back-channel
        (
            "Agent: Jag behöver uppdatera passuppgifterna. Har ni passen framme?\nKund: Ja. Mitt är E K\nAgent: Mm.\n"
            "Kund: 4418203.",
            [("ID_NUMBER", "4418203")],
        ),
        # a card's expiry after "går ut" where a card is spoken of (not a year, not "om tre veckor")
        (
            "Agent: Och ett kort som garanti?\nKund: 5167 7839 7052 3279, går ut elva tjugofem.",
            [("CREDIT_CARD", "elva tjugofem")],  # the number is the card recognizer's
        ),
        (
            "Agent: Betalning?\nKund: Mitt kort, det går ut nionde månaden tjugosju. Abonnemanget går ut 2025.",
            [("CREDIT_CARD", "nionde månaden tjugosju")],
        ),
        # a place in a housing queue said with its number
        (
            "Agent: Den är uthyrd.\nKund: Synd. Jag står i kön med nummer sjutton tjugotre åttio.",
            [("CUSTOMER_NUMBER", "sjutton tjugotre åttio")],
        ),
        # a birth date said in words, read back written; a card's, a donor's number; "kund" before a number
        (
            "Agent: Födelsedatum?\nKund: Fjärde november nittiotre.\nAgent: 1993-11-04. Tack, 2 370 kronor.",
            [("SE_PERSONNUMMER", "Fjärde november nittiotre"), ("SE_PERSONNUMMER", "1993-11-04")],
        ),
        (
            "Agent: Vad har du för lånekortsnummer?\nKund: Det är långt... 2 0 0 0 1 0 4 7.",
            [("CUSTOMER_NUMBER", "2 0 0 0 1 0 4 7")],
        ),
        (
            "Agent: Då ser jag dig. Givarnummer 1 1 0 4 5 8 2 6, för framtiden.\nKund: Bra.",
            [("CUSTOMER_NUMBER", "1 1 0 4 5 8 2 6")],
        ),
        (
            "Kund: Sandra Provsson.\nAgent: Ja, kund 5 5 3 0 9 1. Bekräfta födelsedatum?",
            [("CUSTOMER_NUMBER", "5 5 3 0 9 1")],
        ),
        # two codes named in one turn that ends with a question
        (
            "Agent: Den står på plastkortet.\nKund: Det står PIN 1 2 3 4 och PUK 5 6 7 8 1 2 3 4. Ska jag ändra det nu?",
            [("ACCESS_CODE", "1 2 3 4"), ("ACCESS_CODE", "5 6 7 8 1 2 3 4")],
        ),
        # a code given after naming what it opens: "koden till grinden är ..."
        ("Agent: Nya koden till grinden är 1 9 6 6 och sen fyrkant.\nKund: Okej.", [("ACCESS_CODE", "1 9 6 6")]),
        # a relation's name asked for by the relation alone
        (
            "Agent: Vad heter du?\nKund: Annelie Provsson.\nAgent: Och din man?\nKund: Per-Olof, fast alla säger Pelle.",
            [("PERSON", "Annelie Provsson"), ("PERSON", "Per-Olof")],
        ),
        # any code by its compound ("skärmlåskoden"), not a discount or postal code
        (
            "Agent: Verkstaden behöver skärmlåskoden.\nKund: Noll noll noll noll... nej, det är fyrtiotvå sextionio.",
            [("ACCESS_CODE", "Noll noll noll noll"), ("ACCESS_CODE", "fyrtiotvå sextionio")],
        ),
        # the next one ("Och det andra?"), someone else's ("Och ditt?", "Samma för Nils?")
        (
            "Agent: IMEI-nummer?\nKund: 35 62 38 57 34 15 219.\nAgent: Och det andra?\nKund: 358409... 053665... 668.",
            [("ID_NUMBER", "35 62 38 57 34 15 219"), ("ID_NUMBER", "358409... 053665... 668")],
        ),
        (
            "Agent: Hans personnummer?\nKund: 19121212-1212.\nAgent: Och ditt?\nKund: Nittonhundraåttioåtta noll fyra "
            "tretton, tjugotre åttiotvå.",
            [
                ("SE_PERSONNUMMER", "19121212-1212"),
                ("SE_PERSONNUMMER", "Nittonhundraåttioåtta noll fyra tretton, tjugotre åttiotvå"),
            ],
        ),
        (
            "Agent: Kundnumret?\nKund: 44120.\nAgent: Samma för Nils?\nKund: Nej, han har 44187.",
            [("CUSTOMER_NUMBER", "44120"), ("CUSTOMER_NUMBER", "44187")],
        ),
        # a personnummer said as its birth date and last four, asked for or not
        (
            "Agent: Vad heter han?\nKund: Lennart Provsson. Tolv, trettonde december, tjugotvå tolv.",
            [("PERSON", "Lennart Provsson"), ("SE_PERSONNUMMER", "Tolv, trettonde december, tjugotvå tolv")],
        ),
        # ... "sen" before the last four
        (
            "Agent: Och Annika?\nKund 2: Nittonhundrasextioåtta, nionde juli, sen nittiotvå tjugoåtta.",
            [("SE_PERSONNUMMER", "Nittonhundrasextioåtta, nionde juli, sen nittiotvå tjugoåtta")],
        ),
        # numbers the agent reads after "ditt kontrakt,", "avtal", a policy named before its address
        (
            "Kund: 850419... 2397.\nAgent: Ja, jag ser ditt kontrakt, 4017-1201. Uppsägningstiden är tre månader.",
            [("CUSTOMER_NUMBER", "4017-1201")],  # the personnummer is the personnummer recognizer's
        ),
        (
            "Kund: Tack.\nAgent: Du har bredband på Studentvägen 12, avtal BB-7713 208. Vart ska ni flytta?",
            [("CUSTOMER_NUMBER", "BB-7713 208")],
        ),
        (
            "Kund: Ja.\nAgent: Jag ser din hemförsäkring för en hyresrätt på Vasagatan 40 i Göteborg, nummer H-2281 0047.",
            [("CUSTOMER_NUMBER", "H-2281 0047")],
        ),
        # a SIM card's long number; "det långa numret" alone asks for no customer number
        (
            "Agent: Kan du läsa upp det långa numret på plastkortet som simkortet satt i?\nKund: Vänta... 8946 0712 "
            "3300 4418 265.",
            [("ID_NUMBER", "8946 0712 3300 4418 265")],
        ),
        # a value the speaker offers to give, in the next sentence and after a back-channel
        (
            "Agent: Hur vill du betala?\nKund: Jag kan ge kortnumret nu. Det är fyrtiofem sjuttioett, noll tre "
            "tolv…\nAgent: Mm.\nKund: åttiotvå nittioett, fyrtiofyra sextio.",
            [
                ("CREDIT_CARD", "fyrtiofem sjuttioett, noll tre tolv"),
                ("CREDIT_CARD", "åttiotvå nittioett, fyrtiofyra sextio"),
            ],
        ),
        # loans named by their numbers; a card "..., nummer"; an ICC number
        (
            "Agent: Tack. Ni har två lån, 9021 337 418 på 1,8 miljoner och 9021 337 426 på 640 000.\nKund: Ja.",
            [("CUSTOMER_NUMBER", "9021 337 418")],  # the second is the echoes' (same shape)
        ),
        (
            "Kund: Nej!\nAgent: Jag spärrar det kortet, nummer 1088 4431, och beställer ett nytt.",
            [("CUSTOMER_NUMBER", "1088 4431")],
        ),
        # ... its year said in full, a pause before the last four
        (
            "Agent: Och Negin?\nKund 2: Nittonhundraåttionio, tjugofjärde juli, tjugotre åttiofem.",
            [("SE_PERSONNUMMER", "Nittonhundraåttionio, tjugofjärde juli, tjugotre åttiofem")],
        ),
        (
            "Agent: Hans namn?\nKund: Bengt Provsson, nittonhundrafyrtioett, trettioförsta mars... nittio trettiosex.",
            [("SE_PERSONNUMMER", "nittonhundrafyrtioett, trettioförsta mars... nittio trettiosex")],
        ),
        # a birth date read back with its year in full first, after a personnummer said in pieces
        (
            "Agent: Och hans personnummer?\nKund: Trettiosex noll tre tjugofem...\nAgent: Mm.\nKund: nittioett "
            "femtiofem.\nAgent: Nittonhundratrettiosex, tjugofemte mars... ja, jag hittar honom.",
            [
                ("SE_PERSONNUMMER", "Trettiosex noll tre tjugofem"),
                ("SE_PERSONNUMMER", "nittioett femtiofem"),
                ("SE_PERSONNUMMER", "Nittonhundratrettiosex, tjugofemte mars"),
            ],
        ),
        # the answerer asks what is meant and the asker explains (not its example): the answer still comes
        (
            "Agent: Det står att lägenhetsnumret saknas.\nKund: Vad är det?\nAgent: Fyra siffror, det står på dörren,"
            " till exempel 1101.\nKund: Ah. Det står 1203 på kontraktet.",
            [("SE_ADDRESS", "1203")],
        ),
        # a birth date asked for at the end of a longer turn; its year after a pause
        (
            "Talare 1: ett fyra fyra noll nio två sex och ditt födelsedatum\nTalare 2: femte december nittiofyra",
            [("SE_PERSONNUMMER", "femte december nittiofyra")],
        ),
        # ... or in the turn's last sentence, unpunctuated, with a letter before the digits
        ("Agent: självklart. ditt anställningsnummer\nKund: B 4 4 1 9", [("ID_NUMBER", "B 4 4 1 9")]),
        ("Beställning: hej Karin. Tillståndsnummer\nResenär: M A 4 4 0 2 1", [("CUSTOMER_NUMBER", "M A 4 4 0 2 1")]),
        ("Agent: och ditt anställningsnummer\nKund: NV 2077", [("ID_NUMBER", "NV 2077")]),
        (
            "Agent: A5002 ja. och för kontroll födelsedag\nKund: första november nittonhundraåttio",
            [("SE_PERSONNUMMER", "första november nittonhundraåttio")],
        ),
        (
            "Agent: Och för säkerhets skull, ditt födelsedatum?\nKund: Sjunde mars... femtiofem.",
            [("SE_PERSONNUMMER", "Sjunde mars... femtiofem")],
        ),
        # a code read off a card, a pass or a receipt, its letter with it
        ("Agent: Vad står det?\nKund: Det står på passerkortet... F 20 88 31.", [("ID_NUMBER", "F 20 88 31")]),
        (
            "Agent: Har du kortet framför dig?\nKund: Ja. Det står sex tre nio åtta, nittiosju noll ett, tjugoåtta på "
            "kortet. Det står 450 kronor på kvittot.",
            [("ID_NUMBER", "sex tre nio åtta, nittiosju noll ett, tjugoåtta")],
        ),
        ("Agent: Okej.\nKund: Det står på kvittot... 4 0 1 7 - 2 2.", [("CUSTOMER_NUMBER", "4 0 1 7 - 2 2")]),
        # a password with a sign in it, where a password is talked of, in the turn after too
        (
            "Talare 2: Nej, jag kommer inte in. Jag skrev Simba2019! men det går inte.\nTalare 1: Säg inte "
            "lösenordet till mig, det behöver jag inte.",
            [("ACCESS_CODE", "Simba2019!")],
        ),
        # a password with a sign in it, where a password is talked of
        (
            "Agent: Du kan byta lösenordet i appen.\nKund: Okej.\nAgent: Mm.\nKund: Jag tar Nyberg!2019.",
            [("ACCESS_CODE", "Nyberg!2019")],
        ),
        # a membership named by the club; the number on a meter asked for; a new meter's number
        (
            "Kund: Hej.\nAgent: Tack. Du är medlem i Synklubben, nummer 7 7 4 1 0 3?\nKund: Ja.",
            [("CUSTOMER_NUMBER", "7 7 4 1 0 3")],
        ),
        (
            "Agent: Det står ett nummer på mätaren också, kan du läsa det?\nKund: Okej. Det står 6022 4197 på en etikett.",
            [("CUSTOMER_NUMBER", "6022 4197")],
        ),
        (
            "Kund: Okej.\nAgent: Den nya mätaren får nummer 8 0 1 1 5 2 2 3, det står på arbetsordern.",
            [("CUSTOMER_NUMBER", "8 0 1 1 5 2 2 3")],
        ),
        # the number a meter has, read by the agent
        (
            "Kund: ja gör det\nAgent: mätaren har nummer sex sju åtta två två noll ett fem kan du se om det står samma",
            [("CUSTOMER_NUMBER", "sex sju åtta två två noll ett fem")],
        ),
        # months and days among a personnummer's pieces; its year said in full near it
        (
            "Agent: Och ditt personnummer?\nKund: Femtioett... maj... elfte. Femtiotvå, nej, 25 84.",
            [
                ("SE_PERSONNUMMER", "Femtioett"),
                ("SE_PERSONNUMMER", "maj"),
                ("SE_PERSONNUMMER", "elfte"),
                ("SE_PERSONNUMMER", "Femtiotvå"),
                ("SE_PERSONNUMMER", "25 84"),
            ],
        ),
        (
            "Agent: Och ditt personnummer också?\nKund: 1948, december, den 16:e. 15 96.",
            [("SE_PERSONNUMMER", "1948, december, den 16:e"), ("SE_PERSONNUMMER", "15 96")],
        ),
        (
            "Agent: Jag behöver personnumret också, för säkerhets skull.\nKund: Ja. Sextio, tolv, sjutton, och sen 2737. "
            "Nittonhundrasextio alltså.",
            [("SE_PERSONNUMMER", "Sextio, tolv, sjutton, och sen 2737"), ("SE_PERSONNUMMER", "Nittonhundrasextio")],
        ),
        (
            "Agent: Och hans personnummer?\nKund: Jag har hans papper här. Nittonhundrafyrtiotvå\nAgent: Mm.\n"
            "Kund: noll fyra femton... och sen nittio sjuttiofem.\nAgent: 420415-9075. Tack.",
            [
                ("SE_PERSONNUMMER", "Nittonhundrafyrtiotvå"),
                ("SE_PERSONNUMMER", "noll fyra femton... och sen nittio sjuttiofem"),
                ("SE_PERSONNUMMER", "420415-9075"),
            ],
        ),
        # a password's answer in lowercase words and a number; letters and digits mixed, where a
        # password is talked of (not a product's name)
        (
            "Agent: Jag kan sätta ett nytt lösenord. Vad vill du ha?\nKund: gröna stolen åttiotvå, ihop.",
            [("ACCESS_CODE", "gröna stolen åttiotvå")],
        ),
        (
            "Agent: Lösenordet står på etiketten, jag skickar det per sms.\nKund: Okej.\nAgent: Nu.\nKund: Fick det, "
            "X7K2-PQ9M. Routern är en RT-AX58U.",
            [("ACCESS_CODE", "X7K2-PQ9M")],
        ),
        # a password's words and a number with a sign said after them; "det ska vara ..." where a password is talked of
        (
            "Agent: Jag kan sätta ett nytt lösenord. Vad vill du ha?\nKund: sommartant tjugofyra utropstecken",
            [("ACCESS_CODE", "sommartant tjugofyra")],
        ),
        (
            "Agent: vill du ha en länk för att sätta nytt lösenord\nKund: jag kan säga det nu det ska vara sommartant "
            "tjugofyra utropstecken\nAgent: okej",
            [("ACCESS_CODE", "sommartant tjugofyra")],
        ),
        # a password set to a word and a number; a word that is the whole answer to "välj ett ord"
        (
            "Talare 1: ja\nTalare 2: mitt wifi-lösenord är samma för jag har ändrat det till kanelbulle sju sju\n"
            "Talare 1: byt kanal från kanal 1 till kanal 11",
            [("ACCESS_CODE", "kanelbulle sju sju")],
        ),
        (
            "Talare 1: vill du att jag lägger ett lösenord på ärendet\nTalare 2: ja gärna\nTalare 1: välj ett ord\n"
            "Talare 2: blåbärspaj\nTalare 1: adressen",
            [("ACCESS_CODE", "blåbärspaj")],
        ),
        # a meter's number read from the system; "kontrakt" before a number; a permit's number
        (
            "Talare 2: ja det stämmer\nTalare 1: och jag ser att ni har mätare nummer sju sju fyra noll två åtta nio",
            [("CUSTOMER_NUMBER", "sju sju fyra noll två åtta nio")],
        ),
        (
            "Talare 2: ja\nTalare 1: då hittar jag dig kontrakt sju noll noll fyra ett fem tre på vallgatan",
            [("CUSTOMER_NUMBER", "sju noll noll fyra ett fem tre")],
        ),
        (
            "Agent: Tack.\nKund: Och mitt gamla tillstånd, nummer F 2219 04, det går ut nästa månad.",
            [("CUSTOMER_NUMBER", "F 2219 04")],
        ),
        # a code changed after it was given
        (
            "Agent: Hej.\nKund: Porten är låst. Koden var 0 4 8 8 men den ändrades förra veckan till 8840.",
            [("ACCESS_CODE", "0 4 8 8"), ("ACCESS_CODE", "8840")],
        ),
        # digits said one by one where a code is talked of, not a reference
        (
            "Kund: Och portkoden, den har väl bytts?\nAgent: Den sitter på anslagstavlan.\nKund: Jag har sett den,"
            " 0 5 1 8, va? Ärendenummer 4 4 1 2 gäller grannen.",
            [("ACCESS_CODE", "0 5 1 8")],
        ),
        # "Och samma på klubbhuset?" asks for the slot last named, by whoever named it
        (
            "Agent: Nya koden till grinden är 1 9 6 6.\nKund: Okej. Och samma på klubbhuset?\nAgent: Nej, klubbhuset "
            "har 4 0 7 2.",
            [("ACCESS_CODE", "1 9 6 6"), ("ACCESS_CODE", "4 0 7 2")],
        ),
        # the answer goes on after a sentence naming another slot's word ("telefonen"): the other
        # slot's value must follow its word in the sentence
        (
            "Agent: Har du kortnumret? Annars hittar jag kortet.\nKund: Jag har ett foto på det i telefonen faktiskt. "
            "fyrtiofem sjuttioett noll noll trettiotvå",
            [("CREDIT_CARD", "fyrtiofem sjuttioett noll noll trettiotvå")],
        ),
        # a document named, then its number: "Körkortet. Nummer ..."; "Legitimation?" asks for one
        (
            "Agent: Något mer i plånboken? Legitimation?\nKund: Körkortet. Nummer 3 3 0 4 1 9 8 7, om ni behöver det.",
            [("ID_NUMBER", "3 3 0 4 1 9 8 7")],
        ),
        (
            "Agent: Hon hämtar om hon visar legitimation.\nKund: Bra.\nAgent: Och har hon ett nummer?\n"
            "Kund: Noll sju tre, fem noll noll, tjugofyra sexton.",
            [("PHONE_NUMBER", "Noll sju tre, fem noll noll, tjugofyra sexton")],
        ),
        # a code's digits said one by one in words where a code is talked of; not an order's number
        (
            "Agent: Hur kom de in?\nKund: Genom porten, de måste ha haft koden. Den är två fyra fem nio.",
            [("ACCESS_CODE", "två fyra fem nio")],
        ),
        (
            "Agent: Koden får du i ett sms.\nKund: Bra.\nAgent: Ordern har nummer M O sex sex tre ett.",
            [],
        ),
        (
            "Agent: Lösenordet är bytt.\nKund: Okej.\nAgent: Jag lägger ärendet som INC fyra fyra nio åtta två.",
            [],
        ),
        # a plural ("ramnumren") opens the slot; its letters said before, its digits after a back-channel
        (
            "Agent: Har ni ramnumren?\nKund: Ja, jag har kvittot. Ramnumret är W, A, U...\nAgent: Ja.\nKund: sju åtta ett"
            " fyra fyra nio.",
            [("ID_NUMBER", "sju åtta ett fyra fyra nio")],
        ),
        # asked whether one is a member; a meter that "har ett nummer"; a one-digit house number corrected
        (
            "Agent: är du medlem i scandic friends\nKund: ja numret är tre noll sju åtta fyra fyra ett sex nio",
            [("CUSTOMER_NUMBER", "tre noll sju åtta fyra fyra ett sex nio")],
        ),
        (
            "Agent: Kan du se vattenmätaren?\nKund: Ja. Mätaren har ett nummer... det står, eh, ett sju, sen bindestreck, "
            "två nio tre åtta åtta sex.",
            [("CUSTOMER_NUMBER", "ett sju"), ("CUSTOMER_NUMBER", "två nio tre åtta åtta sex")],
        ),
        (
            "Agent: Vilken adress?\nKund: Bäckvägen 17.\nAgent: Bäckvägen 17?\nKund: Nej, nej. Det ska vara sju.",
            [("SE_ADDRESS", "Bäckvägen 17"), ("SE_ADDRESS", "Bäckvägen 17"), ("SE_ADDRESS", "sju")],
        ),
        # "frikort" asks for its number, letters first; an IP address with a pause inside
        (
            "Agent: Men har du frikort?\nKund: Ja, frikortet, det står F K, sju åtta, ett ett ett noll fyra.",
            [("ID_NUMBER", "F K, sju åtta, ett ett ett noll fyra")],
        ),
        (
            "Agent: Vad står det under WAN, IP-adress?\nKund: Åttiofem punkt tvåhundratjugotvå... punkt fjorton punkt "
            "sextiosju.",
            [("IP_ADDRESS", "Åttiofem punkt tvåhundratjugotvå... punkt fjorton punkt sextiosju")],
        ),
        # "objektsnumret" and "kö-numret" name a customer number
        (
            "Agent: Har du objektsnumret också?\nKund: Vänta... tre två sju...\nAgent: Ja.\nKund: noll noll fyra... ett ett "
            "åtta.",
            [("CUSTOMER_NUMBER", "tre två sju"), ("CUSTOMER_NUMBER", "noll noll fyra... ett ett åtta")],
        ),
        (
            "Agent: Tack, och kö-numret är 128 440.\nKund: Ja.",
            [("CUSTOMER_NUMBER", "128 440")],
        ),
        # a year of birth opening the sentence that answers, after other sentences
        (
            "Agent: Har du hans personnummer?\nKund: Ja, vänta, jag har papperet här... ja. Det är nittonhundratjugonio..."
            "\nAgent: Mm.\nKund: noll tre noll sju, fyrtiotvå tolv.",
            [("SE_PERSONNUMMER", "nittonhundratjugonio"), ("SE_PERSONNUMMER", "noll tre noll sju, fyrtiotvå tolv")],
        ),
        # a password with a word and a year in words after "fortfarande"; "var typ" where the
        # transcript has no punctuation
        (
            "Agent: Tack.\nKund: Och wifi-lösenordet, kan jag byta det? Det är fortfarande Testsson "
            "nittonhundraåttiotre utropstecken och halva huset har det.",
            [("ACCESS_CODE", "Testsson nittonhundraåttiotre")],
        ),
        (
            "Agent: tack\nKund: mitt gamla lösenord var typ sommar tjugotre kan de ha gissat det",
            [("ACCESS_CODE", "sommar tjugotre")],
        ),
        # "lägenhet... vilket nummer?" asks for the flat
        (
            "Kund 2: Till mamma, Bergsjövägen 12, lägenhet... mamma, vilket nummer?\nKund: Ett noll noll tre.",
            [("SE_ADDRESS", "Ett noll noll tre")],
        ),
        # a word glued to a number where a password is talked of, four turns on, asked for or not
        (
            "Agent: Tillfälligt lösenord skickat. Välj ett eget.\nKund 2: Mormor, vad vill du ha?\nKund: Samma som på"
            " banken?\nKund 2: Nej! Vi tar Kattenmisse1945. Och en iPad med 5G.",
            [("ACCESS_CODE", "Kattenmisse1945")],
        ),
        # a value named, then invited ("Ja?") or asked for as the new one ("Vad är den nya?")
        (
            "Agent: Bokningsnummer?\nKund: CL-44 218. Jag behöver ändra passnumret.\nAgent: Ja?\nKund: F P... fyra sju "
            "noll... ett nio åtta... tre.",
            [("ID_NUMBER", "F P... fyra sju noll... ett nio åtta... tre")],
        ),
        (
            "Kund: Jag behöver ändra min mejladress i appen.\nAgent: Vad är den nya?\nKund: Det är kalle punkt provsson...",
            [("EMAIL_ADDRESS", "kalle punkt provsson")],
        ),
        # a value the speaker gives, broken off and going on after a back-channel ("Koden är", "Mitt nummer är")
        (
            "Agent: Hon har besök varje dag.\nAnhörig: Vi har en nyckelbox vid dörren. Koden är tre sju...\nAgent: Mm."
            "\nAnhörig: nio ett.",
            [("ACCESS_CODE", "tre sju"), ("ACCESS_CODE", "nio ett")],
        ),
        (
            "Agent: Tisdag klockan åtta.\nKund: Det går. Mitt nummer är noll sjuttio... fyra sex sex...\nAgent: Mm.\n"
            "Kund: tjugotvå trettio.",
            [("PHONE_NUMBER", "noll sjuttio... fyra sex sex"), ("PHONE_NUMBER", "tjugotvå trettio")],
        ),
        # a bicycle's frame number, its letters spelled with commas
        (
            "Agent: Ramnumret, har du det?\nKund: Ja, det står på kvittot, W T U, noll fyra fem fem åtta sju.",
            [("ID_NUMBER", "W T U, noll fyra fem fem åtta sju")],
        ),
        # addresses abroad: the postnummer of four or five digits and the town after it
        (
            "Agent: Var bor han?\nKund: Storgata åtta, noll ett åttiotvå Oslo.",
            [("SE_ADDRESS", "Storgata åtta"), ("SE_POSTAL_CODE", "noll ett åttiotvå"), ("LOCATION", "Oslo")],
        ),
        (
            "Agent: Vad är den nya adressen?\nKund: Runebergsgatan tolv B, och sen noll noll etthundra, Helsingfors.",
            [
                ("SE_ADDRESS", "Runebergsgatan tolv B"),
                ("SE_POSTAL_CODE", "noll noll etthundra"),
                ("LOCATION", "Helsingfors"),
            ],
        ),
        # a farm's name, a pause before the number, the place after "på" or before the next sentence
        ("Agent: Vad heter gården?\nKund: Lillgården, vi bor där sen tjugo år.", [("SE_ADDRESS", "Lillgården")]),
        (
            "Agent: Och adressen?\nKund: Skogsbrynet... nummer fyra, i Ljusdal.",
            [("SE_ADDRESS", "Skogsbrynet... nummer fyra"), ("LOCATION", "Ljusdal")],
        ),
        (
            "Agent: Vilken adress har ni?\nKund: Västanbyn 12, Järbo. Det kom till grannen.",
            [("SE_ADDRESS", "Västanbyn 12"), ("LOCATION", "Järbo")],
        ),
        (
            "Agent: Vilken adress?\nKund: Ekholmen tjugotre, på Fårö.",
            [("SE_ADDRESS", "Ekholmen tjugotre"), ("LOCATION", "Fårö")],
        ),
        # the answer after the slot word, not in its ending ("postkod|en" is no "en", one)
        (
            "Agent: Och adressen i Polen?\nKund: Den vet jag. Och postkoden åttio åttahundratrettiofyra, Gdańsk.",
            [("SE_POSTAL_CODE", "åttio åttahundratrettiofyra")],
        ),
        (
            "Kund: Och koden till datorn, behöver ni den?\nAgent: Gärna.\nKund: Sju två två fem noll.",
            [("ACCESS_CODE", "Sju två två fem noll")],
        ),
        (
            "Kund: Jag har mitt medlemsnummer på kortet.\nAgent: Kan du läsa det?\nKund: Sextiofem trettio tjugoett.",
            [("CUSTOMER_NUMBER", "Sextiofem trettio tjugoett")],
        ),
        # someone else's name asked for; a lowercase answer that is a name and nothing else
        # the name said again whole after it
        (
            "Agent: Okej. Vad heter han?\nKund: Provo, han är sju. Provo Testsson.",
            [("PERSON", "Provo"), ("PERSON", "Provo Testsson")],
        ),
        ("talare 1: och vem äger abonnemanget\ntalare 2: jag sagal provsson", [("PERSON", "sagal provsson")]),
        ("talare 1: aha okej vad heter du\ntalare 2: filmon testsson", [("PERSON", "filmon testsson")]),
        (
            "operatör: och vem äger abonnemanget\nuppringare: det är jag kimiya provsson",
            [("PERSON", "kimiya provsson")],
        ),
        ("Agent: vilket namn ska bilen fråga efter\nKund: farhad provsson", [("PERSON", "farhad provsson")]),
        (
            "agent: och vad heter du\nkund: farida testsson t e s t s s o n",
            [("PERSON", "farida testsson"), ("PERSON", "testsson"), ("PERSON", "t e s t s s o n")],
        ),
        # an address named by what it is for: "upphämtningsadress", "leveransadress"
        ("Agent: Och upphämtningsadress?\nKund: Lövstigen.\nAgent: Tack.", [("SE_ADDRESS", "Lövstigen")]),
        # the name asked as "Och du heter?" or "Och namnet?"
        ("Agent: Tack. Och du heter?\nKund: Provo Testsson.", [("PERSON", "Provo Testsson")]),
        (
            "Agent: Och namnet?\nKund: Provo... Provo Testsson. Ska jag stava?",
            [("PERSON", "Provo"), ("PERSON", "Provo Testsson")],
        ),
        # a question that is the last sentence of an unpunctuated turn
        (
            "agent: b fyra sju noll. ja jag ser den. vem pratar jag med\nkund: provo testsson",
            [("PERSON", "provo testsson")],
        ),
        # the slot offered by the answerer as a question, accepted, then given in pieces
        (
            "Agent: vi börjar med kundnumret\nKund: jag har inte det här. kan du ta personnummer\n"
            "Agent: ja det går bra\nKund: nittonhundraåttioett\nAgent: mm\nKund: tolv arton\nAgent: ja\n"
            "Kund: nittio åttiotvå",
            [
                ("SE_PERSONNUMMER", "nittonhundraåttioett"),
                ("SE_PERSONNUMMER", "tolv arton"),
                ("SE_PERSONNUMMER", "nittio åttiotvå"),
            ],
        ),
        # ... not a product offered: "Vill du ha autogiro?" (the case above, with an account)
        # the speaker's own value after a pause said as a sentence
        (
            "Agent: är hon registrerad hos oss\nKund: ja. jag har ett kundnummer. vänta. fyra fyra\nAgent: mm\n"
            "Kund: noll ett nio fyra",
            [("CUSTOMER_NUMBER", "fyra fyra"), ("CUSTOMER_NUMBER", "noll ett nio fyra")],
        ),
        # a patient number, given by the agent and read back
        (
            "Agent: Skriv ditt patientnummer 118204 som meddelande.\nKund: Ett ett åtta två noll fyra. Okej.",
            [("CUSTOMER_NUMBER", "118204")],
        ),
        # where a message came from, in pieces over a back-channel
        (
            "Agent: Från vilket nummer kom sms:et?\nKund: Det kom från plus fyrtiofyra, sju sju noll noll...\n"
            "Agent: Ja?\nKund: ett fem åtta, tre nio två.",
            [("PHONE_NUMBER", "fyrtiofyra, sju sju noll noll"), ("PHONE_NUMBER", "ett fem åtta, tre nio två")],
        ),
        # ... or asked with "från" at the end; a pause of several words before the speaker's own value
        (
            "Agent: Vilket nummer kom sms:et från?\nKund: Fyrtiosex sjuttio... fyrtiofyra tjugotvå elva.",
            [("PHONE_NUMBER", "Fyrtiosex sjuttio... fyrtiofyra tjugotvå elva")],
        ),
        (
            "talare 1: är du kund hos oss\ntalare 2: jag har ett kundnummer. vänta ska bara hitta det. fyra fyra sju noll",
            [("CUSTOMER_NUMBER", "fyra fyra sju noll")],
        ),
        # a street abroad in lowercase, its word for street apart
        (
            "Talare 1: tack och din adress i tyskland\nTalare 2: testerer weg hundrafyrtiotvå två noll två fem tre hamburg",
            [("SE_ADDRESS", "testerer weg hundrafyrtiotvå")],
        ),
        # a birth year after a filler
        (
            "Agent: Hur gammal är hon?\nKund: Hon är elva. Född tjugonde april, eh, tjugofjorton.",
            [("SE_PERSONNUMMER", "tjugonde april, eh, tjugofjorton")],
        ),
        # "ja det är" before a number said with "tusen" makes no amount of it
        (
            "talare 1: har du ditt kundnummer\ntalare 2: ja det är fyrtiotvåtusen etthundrafemtiofem",
            [("CUSTOMER_NUMBER", "fyrtiotvåtusen etthundrafemtiofem")],
        ),
        # requests without "?": "för säkerhets skull" after the slot, "så <slot>" ending the turn, a
        # question after a value read back
        (
            "kund: mohammad provsson\nagent: och födelsedatum för säkerhets skull\nkund: tjugofjärde december nittionio",
            [("SE_PERSONNUMMER", "tjugofjärde december nittionio")],
        ),
        ("agent: a 771 0934 vad heter han\nkund: haider al provsson", [("PERSON", "haider al provsson")]),
        (
            "talare 1: barnens födelsedatum för priset\ntalare 2: fjärde april tjugohundrasexton",
            [("SE_PERSONNUMMER", "fjärde april tjugohundrasexton")],
        ),
        # a date after "född?" and a pause in the same turn
        (
            "Agent: Och Adnan?\nKund: Amina, när är Adnan född? ... Tolfte augusti, tvåtusensjutton.",
            [("SE_PERSONNUMMER", "Tolfte augusti, tvåtusensjutton")],
        ),
        # fillers after "slutar på"
        (
            "talare 1: hej\ntalare 1: och det gäller lånet som slutar på eh vänta sex sex åtta noll två tre",
            [("CUSTOMER_NUMBER", "sex sex åtta noll två tre")],
        ),
        # letters spelled in groups joined by "och sen"
        (
            "agent: al provsson i två ord\nkund: ja a l och sen r a s h i d",
            [("PERSON", "a l och sen r a s h i d")],
        ),
        # an IP address with a filler before a dot
        (
            "talare 1: vilken ip adress har den fått\n"
            "talare 2: det står åttiofem punkt två två nio eh punkt fjorton punkt tvåhundratre",
            [("IP_ADDRESS", "åttiofem punkt två två nio eh punkt fjorton punkt tvåhundratre")],
        ),
        # a spelling that mixes the spelling alphabet and bare letters, and the word it spells
        (
            "talare 1: okej och förnamnet\ntalare 2: s som i sigurd i r i p o r n\ntalare 1: okej siriporn tack",
            [("PERSON", "s som i sigurd i r i p o r n"), ("PERSON", "siriporn")],
        ),
        # the asker's own read-back at the end of the asking turn, after more words
        (
            "Agent: Har hon samma personnummer? Alltså, jag behöver kolla att det stämmer, sjuttiosex noll fyra "
            "tjugosju?\nKund: Eh, ja, hon fyller år i april.",
            [("SE_PERSONNUMMER", "sjuttiosex noll fyra tjugosju")],
        ),
        # a passport's number of letters and digits; a horse's UELN
        (
            "Agent: Har du passnumret?\nKund: Ja, det är C4J7K2L91. C som Cäsar.",
            [("ID_NUMBER", "C4J7K2L91")],
        ),
        (
            "Agent: Tack. Svenskt varmblod, UELN 752004001204578\nKund: ja",
            [("ID_NUMBER", "752004001204578")],
        ),
        # a birthday on a holiday, with its year or without
        (
            "Agent: och personnumret?\nKund: femtiofyra noll ett noll ett... jag är född på nyårsdagen vet du",
            [("SE_PERSONNUMMER", "femtiofyra noll ett noll ett"), ("SE_PERSONNUMMER", "nyårsdagen")],
        ),
        ("Kund: hon är född på julafton 2015\nAgent: okej.", [("SE_PERSONNUMMER", "julafton 2015")]),
        # a street of the "-ringen" kind named alone, its number in the next turn
        (
            "Agent: okej och vilken adress\nKund: björkringen\nAgent: och nummer\nKund: fjorton",
            [("SE_ADDRESS", "björkringen")],  # (its number is the echoes')
        ),
        # a name asked for by who the person is
        (
            "Agent: Okej. Vad heter dottern?\nKund: Vilja. Vilja Karlsson.",
            [("PERSON", "Vilja"), ("PERSON", "Vilja Karlsson")],
        ),
        # English said in a Swedish call: a code and a passport given in the speaker's own sentence
        (
            "Agent: Hej.\nKund: I work from home. but the door downstairs, the code is 1-9-5-8.\n"
            "Agent: the case number?\nAgent: it's F-88540.\nKund: F eight eight five four zero. good.",
            [("ACCESS_CODE", "1-9-5-8")],
        ),
        (
            "Agent: we need identification.\nKund: my passport is Polish, number EK 4418207, do you need it now?",
            [("ID_NUMBER", "EK 4418207")],
        ),
        # a meter's number named in a statement or a question, not its reading
        (
            "Kund: den sitter i tvättstugan\nAgent: bra. mätaren ni har nu är nummer 93 60 12 55, den nya får ett annat",
            [("CUSTOMER_NUMBER", "93 60 12 55")],
        ),
        (
            "Agent: Stallbackens samfällighet. Mätaren är 16-093377\nKund: ja det står i pannrummet",
            [("CUSTOMER_NUMBER", "16-093377")],
        ),
        # (the reading before it, in the clause before, is not the meter's number)
        (
            "Kund: det stod 3 3 1 0\nAgent: 3310, och mätaren är nummer 21-776540?\nKund: eh jag tittade inte",
            [("CUSTOMER_NUMBER", "21-776540")],
        ),
        # a courier's id, said with their name or asked for
        (
            "Support: budsupport\nBud: hej det är Mira, bud-id 5 1 0 6 2. jag har en leverans\nSupport: ok",
            [("ID_NUMBER", "5 1 0 6 2")],
        ),
        ("Support: okej. vad är ditt bud-id\nBud: 6 1 1 4 0", [("ID_NUMBER", "6 1 1 4 0")]),
        (
            "Agent: vad gäller det\nKund: budet hade chaufförsnummer 4 8 8 3 0 på jackan och var otrevlig",
            [("ID_NUMBER", "4 8 8 3 0")],
        ),
        (
            "Agent: Kan du läsa av numret på vattenmätaren?\nKund: Numret på mätaren: 16-093377.",
            [("CUSTOMER_NUMBER", "16-093377")],
        ),
        # a user name as the whole answer, said to be joined; a device's IMEI by its last digits
        (
            "Agent: okej. vilket användarnamn har du\nKund: annajberglund allt ihop\nAgent: ja jag ser det.",
            [("USERNAME", "annajberglund")],
        ),
        (
            "Agent: kan jag få ditt användarnamn\nKund: sommarprov bara så ett ord",
            [("USERNAME", "sommarprov")],
        ),
        # what an account or a profile is called ("vad heter kontot"; not a bank's "sparkontot")
        ("Agent: okej vad heter profilen?\nKund: det är blåprov77 tror jag", [("USERNAME", "blåprov77")]),
        ("Agent: vad heter kontot\nKund: det är sparkontot", []),
        (
            "Verkstad: och jag läser av IMEI, XS:en slutar på 0364 och tolvan slutar på 7735, så kan ni kolla\nKund: ja",
            [("ID_NUMBER", "0364"), ("ID_NUMBER", "7735")],
        ),
        # a card's last digits in the past tense, and the next card of a list named by its kind
        (
            "Kund: hej\nSupport: återbetalning godkänd den fjärde. kortet slutade på 1 1 5 8\nKund: ja",
            [("CREDIT_CARD", "1 1 5 8")],
        ),
        (
            "Kund: hej\nAgent: jag ser två kort, ett bankkort som slutar på 1185 och ett kreditkort 7340\nKund: ja",
            [("CREDIT_CARD", "1185"), ("CREDIT_CARD", "7340")],
        ),
        # ... without "på": a card's or an account's four digits only (not a year, not a date)
        (
            "Kund: Och vart går pengarna?\nAgent: han betalade med kort som slutar 6 1 0 3, men kortet är avslutat",
            [("CREDIT_CARD", "6 1 0 3")],
        ),
        # a card of one's own, asked about: its number in the answer
        (
            "Agent: Har du ett ledsagarkort?\nKund: ja från kommunen, numret är eh L 2 2 4 0 7 1\nAgent: tack.",
            [("CUSTOMER_NUMBER", "L 2 2 4 0 7 1")],
        ),
        # ... with its kind, on one (a European health insurance card's seventeen digits)
        (
            "Agent: har du ditt europeiska sjukförsäkringskort med dig?\nKund: ja, numret är 80752 0000 1184 2293",
            [("CUSTOMER_NUMBER", "80752 0000 1184 2293")],
        ),
        # an aid's individual number
        (
            "Agent: rullstolen är en lånerullstol, individnummer K 1 1 0 4 5 2\nKund: okej",
            [("ID_NUMBER", "K 1 1 0 4 5 2")],
        ),
        # ... or its number named (an insurance's green card)
        (
            "Kund: AXA. numret på hans gröna kort är 4418 207 993\nAgent: okej.",
            [("CUSTOMER_NUMBER", "4418 207 993")],
        ),
        # ... or an agreement said to be had
        (
            "Agent: den kostar 3 495 men du har ju serviceavtal\nKund: ja det har jag, numret är SA-004471\nAgent: bra",
            [("CUSTOMER_NUMBER", "SA-004471")],
        ),
        # a loan promise's number; two numbers of the same shape listed in one answer
        (
            "Agent: och lånelöftesnumret? så hon vet vilket ärende\nKund: det är LF 7781 2093\nAgent: bra",
            [("CUSTOMER_NUMBER", "LF 7781 2093")],
        ),
        (
            "Agent: och lånenumren\nKund: det är 3948 22 18810 och 3948 22 18829\nAgent: okej",
            [("CUSTOMER_NUMBER", "3948 22 18810"), ("CUSTOMER_NUMBER", "3948 22 18829")],
        ),
        (  # (an amount after it is no second number)
            "Agent: och lånenumret\nKund: det är 3948 22 18810 och räntan 4 125 i månaden\nAgent: okej",
            [("CUSTOMER_NUMBER", "3948 22 18810")],
        ),
        # a serial number read off in pieces: capitals and digits between pauses
        (
            "Agent: och serienumret?\nKund: det står på vapnet, BDKX... 412\nAgent: tack",
            [("ID_NUMBER", "BDKX... 412")],
        ),
        (
            "Agent: vet du serienumret på datorn?\nKund: ja från kvittot, C02 F... K7X... Q6L4\nAgent: tack",
            [("ID_NUMBER", "C02 F... K7X... Q6L4")],
        ),
        (
            "Agent: Kan du läsa upp serienumret?\nKund: ja det är PF3K... sen 9Q... 7LM2\nAgent: Tack.",
            [("ID_NUMBER", "PF3K... sen 9Q... 7LM2")],
        ),
        # a weapon's serial number by its maker's word; a Polish PESEL
        (
            "Agent: och tillverkningsnumret?\nKund: det är F 771042 på pipan\nAgent: tack",
            [("ID_NUMBER", "F 771042")],
        ),
        ("Agent: Har han ett PESEL-nummer?\nKund: Ja. 68041203718.\nAgent: tack", [("ID_NUMBER", "68041203718")]),
        # a member's share in an association, short
        ("Agent: och andelsnumret?\nKund: jag tror det är 45\nAgent: tack", [("CUSTOMER_NUMBER", "45")]),
        # a birthday: the birth date without its year, in any turn
        (
            "Agent: ska jag ändra nåt mer?\nKund: nej, men Rune fyller ju alltid år den tjugoåttonde september",
            [("SE_PERSONNUMMER", "den tjugoåttonde september")],
        ),
    ],
)
def test_corrections_slow_answers_and_other_forms(text, expected):
    got = [(r.entity_type, text[r.start : r.end]) for r in KlangDialogueSlotRecognizer().analyze(text, None)]
    assert got == expected


@pytest.mark.parametrize(
    "text",
    [
        # amounts, measures, clock times and years in an answer are not the slot's value
        "Agent: Vilket telefonnummer når vi dig på?\nKund: Samma som på fakturan, den på 1 480 kronor.",
        "Agent: När kan vi ringa dig?\nKund: Efter 16.30 går bra.",
        "Agent: Och medlemsnumret?\nKund: Det har jag inte här, men jag har varit medlem sedan 2011.",
        "Agent: Och postnumret?\nKund: Vet inte, men huset är 145 kvadrat.",
        # "konto på Mina sidor" is no bank account; an order number is a reference
        "Agent: Har du skapat ett konto på Mina sidor?\nKund: Ja, i mars, och jag betalar 1250 i månaden.",
        "Agent: Har du anläggnings-id:t?\nKund: Nej, bara ordernumret, 551233447788.",
        # a new question after "Tack." or "Okej." ends the answer
        "Agent: Personnummer?\nKund: Jag har det inte här.\nAgent: Tack. Och mätarställningen?\nKund: 4587",
        "Agent: Och postnumret?\nKund: Vet inte.\nAgent: Okej. Förbrukning per år?\nKund: Ungefär 20000.",
        # found by a second probe: declined answers, more units, amounts in words, references
        "Agent: Och de fyra sista?\nKund: Dom kommer jag inte ihåg faktiskt.\nAgent: Inga problem. Vad gällde "
        "fakturan?\nKund: Den var på 2 340 spänn och jag brukar betala typ 1 800.",
        "Agent: Vad har du för kundnummer?\nKund: Vet inte, men förbrukningen var 18 000 om året.",
        "Agent: Och ditt födelsedatum?\nKund: Det vill jag inte säga.\nKund: Fakturan förföll den 15 december.",
        "Agent: Har du ett konto hos oss?\nKund: Ja, och jag har 1 340 att betala.",
        "Agent: Kundnumret?\nKund: Fakturan från 2021-03-15 var på tretusen.",
        "Agent: Och kundnumret?\nKund: Jag har bara ärendenumret, 4471.",
        "Agent: Personnummer?\nKund: Huset byggdes nittonhundrasjuttiofyra, och jag betalar tolvhundra.",
        # a number before the slot word with other words between; pieces whose join is no personnummer
        "Kund: Jag ringde 2019 om mitt kundnummer.\nAgent: Okej.",
        "Agent: Och de fyra sista?\nKund: Vänta.\nAgent: Ja, det är 2024 års faktura?\nKund: Nej.",
        # a statement about the slot asks nothing; amounts introduced as such; the plan, not the number
        "Agent: Jag har ditt kundnummer framför mig nu.\nKund: Bra. Den var 2140, och den innan 1870.",
        "Agent: Vi kan ta det på telefon nu direkt.\nKund: Okej, en som var 1480 och en som var 2210.",
        "Agent: Vilket konto ska pengarna in på?\nKund: Lönekontot. Och hur mycket blir det, runt 2 400?",
        "Agent: Vilket telefonnummer gäller det?\nKund: Det här. Jag har 20 gig, och då kom en faktura på 612.",
        "Kund: Mitt mobilabonnemang har gått upp från 299 till 349.\nAgent: Jag tittar.",
        "Kund: Vi flyttade kontoret 2019.\nAgent: Okej.",
        "Agent: Vad gäller det?\nKund: De fyra sista fakturorna har legat på 1180, 1240 och 2050.",
        "Agent: Har du ditt kundnummer?\nKund: Nej, men vi blev kunder 2004, det borde synas.",
        "Agent: När kan vi ringa dig?\nKund: Efter fjorton trettio.",
        # a version number, abbreviations, an amount corrected, a number after a refusal
        "Agent: Vad har du för IP-adress?\nKund: Vet inte, men firmwaren i routern är version 3.0.0.4.",
        "Agent: Vill du ha fakturorna på mejl?\nKund: Nej, skicka fakturor, påminnelser o.s.v. på papper.",
        "Agent: Vilket mobilnummer vill du ha?\nKund: Samma som förut. Fakturan var 890, nej förlåt, 980.",
        "Agent: Och de fyra sista?\nKund: Det tänker jag inte ge ut i telefon. Mätaren står på 4 587.",
        # a short statement is no question; a name asked for something else; a band, not an IP address
        "Agent: Jag söker på ditt personnummer.\nKund: Det gäller en på 1 480 och en från 12 mars.",
        "Agent: Postnumret ser jag här.\nKund: Bra. Mätarställningen är 45873.",
        "Agent: Tack. Personnumret har jag redan.\nKund: Bra. Mätarställningen är 45873.",
        "Agent: Vad är namnet på avtalet?\nKund: Det heter Rörligt Bas.",
        # a contract or a card that ends at a year or a date; a bank card asked about is not a card of one's own
        "Agent: Avtalet slutar 2027 och kortet slutar 15 mars.\nKund: okej, och det slutar 2025?",
        "Agent: Har du ett bankkort?\nKund: ja, numret är 1180 på kvittot.",
        # an agreement had, answered with a year and an amount; an age and a party, no birthday
        "Agent: Du har ett avtal, eller hur?\nKund: ja sen 2019, och det kostar 1 200 i månaden.",
        "Kund: Hon fyller år snart, femtio år, och vi firar den 3 maj på Stadshotellet.",
        "Agent: Ja, butiken fyller 40 år den 14 oktober, då är det 20 procent på allt.",
        # a product and a year in the answer to a serial number's question
        "Agent: och serienumret?\nKund: den är en PS5... från 2021, köpt på Elgiganten",
        "Agent: och passnumret?\nKund: har det inte här, bilen är en Volvo V60, RJU 88A",
        "Agent: Har du IP-adressen?\nKund: Nej, men routern kör på två punkt fyra gigahertz.",
        "Agent: Kan du stava mejladressen?\nKund: Den går via banken, S E B.",
        "Agent: Och kundnumret?\nKund: Nej, men avtalet är från september 2022.",
        "Agent: Vilket konto?\nKund: Summan 1 480 kommer väl, jag återkommer om kontot.",
        # thousands written as amounts are; readings in an address answer; a version in words
        "Agent: Vilket nummer når vi dig på?\nKund: Det här. Men jag fick tillbaka 1 340 och inte 1 430.",
        "Agent: Vilken adress?\nKund: Vet inte, men mätaren visar 45 213, den förra var 44 870.",
        "Agent: Vilken version?\nKund: Fyra punkt två punkt ett punkt noll, tror jag.",
        "Kund: Det kostade tre punkt fem procent mer.\nAgent: Okej.",
        "Agent: Och födelsedatum?\nKund: Vet inte, huset är från 1974.",
        "Agent: Vilken adress?\nKund: Vet inte, det är 120 kvadrat...\nAgent: Ja?\nKund: 12 rum nästan.",
        "Agent: Vilken lägenhet?\nKund: Den kostar 8 450 kronor i månaden.",
        # a bare "Vilket nummer?" may ask for a tyre size or a bus line; a company's service number
        "Agent: Vilket nummer?\nKund: 205 55 16 står det på däcket.",
        "Agent: Vilket nummer?\nKund: 148:an, den går varje kvart.",
        "Agent: Vilket nummer når vi dig på?\nKund: Ring växeln, 0771-44 55 66.",
        "Agent: Har ni portkod?\nKund: Nej, det är porttelefon. Teknikern kommer mellan 0800 och 1200.",
        "Kund: Det står i avsnitt fyra punkt två punkt ett punkt tre i villkoren.\nAgent: Ja.",
        "Agent: Vill du ha autogiro?\nKund: Ja.\nAgent: Dragningen blir den 28:e, 450 kronor i månaden.",
        "Agent: Hej.\nKund: Mitt pass går ut 2027, och jag har ett pass på gymmet klockan 18.",
        # an answer to "vad heter du" of ordinary words only
        "talare 1: okej vad heter du\ntalare 2: vänta lite",
        "talare 1: vad heter han\ntalare 2: det vet jag inte",
        "operatör: och vem äger abonnemanget\nuppringare: det är jag",
        "Agent: Vad heter han?\nKund: han heter nog något annat",
        "Agent: Vad heter du?\nKund: det är jag som ringer",
        "Agent: Vad heter du?\nKund: nämen",
        "Agent: Vilket namn står det på?\nKund: stockholm",
        "Agent: Och din mejl?\nKund: Ja, det är den gamla.\nAgent: Mm.\nKund: at hemmet punkt se",
        "Agent: När vill du att vi kommer?\nKund: Den fjortonde.\nAgent: Och månad?\nKund: Juli.",
        "Agent: Och IP-adressen?\nKund: Vet inte, jag har två, tre, fyra datorer.",
        # the facility ids' common prefix, after "är det det långa numret"
        "Talare 2: eh vänta ska se... är det det långa numret\nTalare 1: Ja, det börjar på sju tre fem nio nio nio.",
        # an offer declined; "Och priset?" asks for no one's value
        "Kund: Och koden till datorn, behöver ni den?\nAgent: Nej, det behövs inte.\nKund: Okej, den är tolv trettiofyra.",
        "Agent: Kundnumret?\nKund: Det har jag inte.\nAgent: Och priset?\nKund: 4 500.",
        "Agent: Hej.\nKund: Fakturan förföll tjugonde mars, 2024, och jag betalade 1200.",
        "Agent: Hej.\nKund: Den tolfte mars, 24, 1450 kronor.",
        "Agent: Har du en rabattkod?\nKund: Ja, 4411.",
        # a parking zone's code and a booking's code are the company's
        "Agent: Har du bokningskoden, eller ska jag söka?\nKund: Den står i mejlet... B E L fem nio två.",
        "Agent: Vilken zonkod betalade hon på?\nKund: Hon säger 4012, men skylten var svår att läsa.",
        "Agent: Hej.\nKund: Also the coffee machine shows an error, the code is 1-9-5-8.\nAgent: Error 1958, okay.",
        "Agent: Hej.\nKund: Det står på kortet att det kostar 1 250 kronor, och på lappen står det 2024.",
        # a date said after a personnummer with words between is no piece of it
        "Kund: Mitt är 811218-9876, och jag flyttade i maj.\nAgent: Okej.",
        # a name asked of a thing
        "Agent: Vad var namnet på appen?\nKund: Mina Sidor.",
        # letters listed, not spelled: joined by "och", too few for a word
        "Agent: Vad heter du?\nKund: Det gäller sektion A, B och C i kontraktet.",
        # a price or a flight is no document's number; a holiday is a birthday only where one is asked for
        "Agent: Har du körkortet med dig?\nKund: Ja, fast jag ska förnya det, det kostar väl 250kr?",
        "Agent: Och passet?\nKund: Pass, jag ska flyga med SK1415 på fredag.",
        "Agent: Vad heter grannen?\nKund: Det vet jag inte. Han har en röd Volvo.",
        "Agent: Har ni öppet på julafton?\nKund: Ja, till tolv.",
        # a meter's reading; a gift card's amount in a list
        "Kund: hej\nAgent: mätaren står på 45213 och mätaren visar 45 213 nu\nKund: ja",
        "Kund: hej\nAgent: du betalade 500 kronor och ett presentkort 200 kronor\nKund: ja",
        "Agent: vad heter budgivaren?\nKund: budet var 4500 kronor och det högsta budet 5000\nAgent: ok",
        "Agent: Vad är ditt användarnamn?\nKund: spärrat, allt ihop.",
        "Agent: Logga in på routern. Vilket användarnamn har du?\nKund: admin",
    ],
)
def test_no_slot_answer(text):
    assert KlangDialogueSlotRecognizer().analyze(text, None) == []


def test_a_complete_answer_closes_the_slot():
    text = (
        "Agent: Vilket telefonnummer kan vi nå dig på?\nKund: Det är 0313900652.\n"
        "Kund: Mätarställningen är 40 833 kilowattimmar."
    )
    got = [text[r.start : r.end] for r in KlangDialogueSlotRecognizer().analyze(text, None)]
    assert got == ["0313900652"]


def test_turns_continue_over_unlabelled_lines():
    text = "Agent: Hej\nKund: rad ett\nrad två\nAgent: ja"
    assert [(t.label, text[t.start : t.end]) for t in turns(text)] == [
        ("Agent", "Hej"),
        ("Kund", "rad ett\nrad två"),
        ("Agent", "ja"),
    ]


@pytest.mark.parametrize(
    "text, name",
    [
        ("Kund: Hej, Donya Rahimi.", "Donya Rahimi"),
        ("Kund: Jag heter Nguyen Thi Lan. Eller Lan räcker.", "Nguyen Thi Lan"),
        ("Kund: hej ja det är jon lantz jag ringer om min faktura", "jon lantz"),
        ("Kund: hej jag heter anna", "anna"),
        ("Talare 2: ja och jag heter ceylan jag är hans syster", "ceylan"),
        ("Kund: Tjena, de e Roffe.", "Roffe"),
        ("Kollega: Hej, Dragana på personskador. Jag har ärendet.", "Dragana"),
        # the agent answering: the company, perhaps the queue, then the name
        ("Agent: Hedin Bil, Max.\nKund: Hej.", "Max"),
        ("Agent: Hyresbostäder i Borås, felanmälan, Lejla.\nKund: Hej.", "Lejla"),
        ("Agent: Välkommen till Bokhandeln.se, Amra här.\nKund: Hej.", "Amra"),
        ("Agent: Uppsala kommun, kontaktcenter, Lejla heter jag.\nKund: Hej.", "Lejla"),
        # ... in lowercase speech-to-text, the name before "här" or "heter jag" closing the first turn
        ("Agent: hemtjänsten norra distriktet amra här\nKund: hej", "amra"),
        ("Agent: fortum elin heter jag\nKund: hej", "elin"),
        # ... before a closing greeting, or closing a short first turn (a first name the lexicon knows)
        ("agent: tandvården norra rebecka hej\nkund: hej", "rebecka"),
        ("Agent: däckcentralen petra god morgon\nKund: hej", "petra"),
        ("Operatör: taxi kurir jimmy\nKund: hej", "jimmy"),
    ],
)
def test_self_introductions(text, name):
    got = [text[r.start : r.end] for r in KlangSelfIntroductionRecognizer().analyze(text, None)]
    assert got == [name]


@pytest.mark.parametrize(
    "text, expected",
    [
        # "det är" as dialects say it, and the farm or village said with the name (not in the first turn)
        (
            "Agent: Skogsägarna, Elin.\nKund: Jo, goddag, dä e Ingemar Provsson i Testeby.",
            ["Elin", "Ingemar Provsson", "Testeby"],
        ),
        (
            "Agent: Elkoop, Elin.\nKund: Tjena, hä e Per-Olof på Provgärde, Testsson.",
            ["Elin", "Per-Olof", "Provgärde", "Testsson"],
        ),
        (
            "Agent: Veterinären.\nKund: Ja hej, dä e Lars-Åke på Provsta gård, ja har en ko.",
            ["Lars-Åke", "Provsta gård"],
        ),
        (
            "Agent: Spannmål, Oscar.\nKund: Tjena, dä e Nils Provsson, Västra Testlöv.",
            ["Oscar", "Nils Provsson", "Västra Testlöv"],
        ),
        # no place: a workplace named by the one answering, a company's greeting before its town, a country
        ("Agent: Hej, det är Robin på Provbanken.\nKund: Hej.", ["Robin"]),
        ("Agent: Mm.\nAgent: Hej, Linda på Provmobil, vad trevligt.", ["Linda"]),
        ("Agent: Hallå?\nKund: Hej, Synhuset i Lund, Petra heter jag.", []),
        ("Agent: Hallå?\nKund: Hej, det är Karin på Kundtjänst.", ["Karin"]),
        ("Agent: Hallå?\nKund: Hej, det är Per, i Norge nu.", ["Per"]),
    ],
)
def test_a_place_said_with_an_introduced_name(text, expected):
    got = [text[r.start : r.end] for r in KlangSelfIntroductionRecognizer().analyze(text, None)]
    assert sorted(got) == sorted(expected)


def test_a_company_is_no_place_said_with_a_name(detector):
    text = "Agent: Hallå?\nKund: Hej, det är Sara Provsson på Telia.\nAgent: Hej.\nKund: He e Posten som krånglar."
    found = {text[d.start : d.end] for d in detector.detect(text)}
    assert "Sara Provsson" in found and not {"Telia", "Posten"} & found


def test_the_one_greeted_and_the_one_speaking():
    text = "a: hallå\nb: hej sirpa det är eyerusalem som hyr rummet"
    got = sorted(text[r.start : r.end] for r in KlangSelfIntroductionRecognizer().analyze(text, None))
    assert got == ["eyerusalem", "sirpa"]


@pytest.mark.parametrize(
    "text, names",
    [
        # two words no lexicon knows, one greeted and one speaking (blind set 91)
        ("a: hallå\nb: hej aziz det är sanaz jag är admin i kusingruppen", ["aziz", "sanaz"]),
        # a greeting in the caller's other language, or after "Ah," or a filler (blind sets 89, 91, 94)
        ("a: hallå\nb: cześć tomek det är marek har du en minut", ["tomek"]),
        ("a: Hej, det är Lina.\nb: Ah, hej! Farid här, Daryas pappa.", ["Farid"]),
        (
            "a: support mats\nb: hej eh jag heter somchai somchai boonmee jag har restaurang",
            ["somchai somchai boonmee"],
        ),
        # kin greeted is no name
        ("a: hallå\nb: hej farmor det är sebastian du ringde", []),
        ("a: hallå\nb: moi mummo det är aino nu sitter jag vid datorn", []),
        # places of work in their definite form, and a filler before "det är" a thing
        ("a: hallå\nb: hej växeln det är receptionen", []),
        ("a: hej\nb: eh nej det är jobbets ring hem på noll tjugosex", []),
    ],
)
def test_names_greeted_and_greeting_in_any_language(text, names):
    got = [text[r.start : r.end] for r in KlangSelfIntroductionRecognizer().analyze(text, None)]
    assert [n for n in names if n not in got] == [] and not [
        g for g in got if g in ("farmor", "mummo", "kha", "växeln", "receptionen", "jobbets ring")
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Kund: hej jag undrar över fakturan",
        "b: hej det är jag",
        "b: ja tack det är bra",
        "b: hej alla det är kontoret som ringer",
        "Kund: det är bra",
        "Kund: ja det är den jag har framför mig",
        "Agent: Hej, Kundtjänst här",
        "Kund: Ja det stämmer, Stockholm.",
        "Agent: Kundtjänst, Göteborg.",
        "Kund: Hej, jag är HR på Byggkoncernen Norr.",  # a department in capitals
        "Kund: ja det är fyrtioåtta sjuttiotvå",  # a number, or letters, answer a question
        "Kund: ja det är c k z",
        "Talare 2: ja förlåt personnummer nittioett noll tre noll fem",
        "Agent: kundtjänst här\nKund: ja",
        "Agent: vårdcentralen kiruna här\nKund: ja",  # a town
        "Agent: felanmälan distriktet här\nKund: ja",  # a definite noun
        "agent: elbolaget felanmälan god morgon\nkund: hej",
        "agent: vi ses på fredag hej\nkund: hej",
        "Agent: kundtjänst hej\nKund: hej",
        # a verb that is a surname too, after "ja": "ring" with the number to call
        "Kund: har du ett nummer?\nAgent: ja ring 031-704 22 10, det går direkt till oss",
        # a filler capitalised where a sentence opens, after a greeting
        "Agent: Spelbolaget, hej.\nKund: hej! Eh jag har vunnit lite och vill ta ut pengarna",
    ],
)
def test_no_self_introduction(text):
    assert KlangSelfIntroductionRecognizer().analyze(text, None) == []


def test_dialogue_maps_detections_back_to_segments():
    from redactor.detect import Detection

    segs = [
        Segment(0, "811218", speaker="Sofia", role=None),
        Segment(1, "Mm.", speaker="Agent Jonas", role="agent"),
        Segment(2, "line\nbreak 9876", speaker="Sofia", role=None),
    ]
    dlg = build_dialogue(segs)
    assert dlg.text == "Talare 1: 811218\nAgent: Mm.\nTalare 1: line break 9876\n"
    # one detection over the whole number, across the back-channel turn
    start, end = dlg.text.index("811218"), dlg.text.index("9876") + 4
    split = dlg.split([Detection("SE_PERSONNUMMER", start, end, 1.0, "r")])
    assert {k: [(d.start, d.end) for d in v] for k, v in split.items()} == {
        "segments[0].text": [(0, 6)],
        "segments[1].text": [(0, 3)],
        "segments[2].text": [(0, 15)],
    }


def test_each_speaker_has_a_label_of_their_own():
    """A second customer answers the first one's question: "Kund 2" is not "Kund" again."""
    segs = [
        Segment(0, "Lägenhet... mamma, vilket nummer?", speaker="Kund 2", role="customer"),
        Segment(1, "Ett noll noll tre.", speaker="Kund", role="customer"),
        Segment(2, "Tack.", speaker="Anna", role="agent"),
        Segment(3, "1003.", speaker="Kund 2", role="customer"),
        Segment(4, "Hej.", speaker="Tolk", role=None),
    ]
    labels = [line.split(":")[0] for line in build_dialogue(segs).text.splitlines()]
    assert labels == ["Kund", "Kund 2", "Agent", "Kund", "Talare 1"]


def test_long_texts_are_detected_in_overlapping_windows(detector):
    filler = "Kund: Det var en lång historia om elavtalet och fakturan.\n"
    text = filler * (3 * WINDOW_CHARS // len(filler))
    wins = text_windows(text)
    assert len(wins) >= 3
    assert wins[0][2] == 0 and wins[-1][3] == len(text)
    assert all(a[3] == b[2] for a, b in zip(wins, wins[1:]))  # owned parts tile the text
    assert all(e - s <= WINDOW_CHARS for s, e, _, _ in wins)
    # a personnummer exactly on every window border is found once, whole
    for _, end, _, _ in wins[:-1]:
        at = end - 5
        probe = text[:at] + " 880413-2382 " + text[at:]
        hits = [probe[d.start : d.end] for d in detector.detect(probe) if d.entity_type == "SE_PERSONNUMMER"]
        assert hits == ["880413-2382"]


def _stored_call_texts(tmp_path, config, exports: Path):
    from redactor.jobs.ingest import run_ingest
    from redactor.store.lake import Lake

    store = str(tmp_path / "lake")
    run_ingest([str(exports)], config, store)
    return stored_strings(Lake.from_config(config, store, ""), ("calls", "segments"))


def _scan_values(detector, calls) -> dict[str, list[str]]:
    """What `redactor scan` finds in each call's whole transcript (labelled lines) and other fields,
    but for the learned tail's findings: those are redacted where they stand only (`Entity.local`),
    so the same word said elsewhere ("plus moms" after a "plus" it took) stays by design."""
    from recognizers.entities import LOCAL_ENTITIES
    from redactor.scan import scan_documents
    from redactor.transform.call import scan_units

    docs = []
    for call in calls:
        units = scan_units(call)
        docs.append((call.call_id, units.dialogue.text))
        docs += [(call.call_id, t) for name, t in units.texts.items() if name not in units.dialogue_fields]
    out: dict[str, list[str]] = {}
    for (cid, text), res in zip(docs, scan_documents(detector, docs)):
        out.setdefault(cid, []).extend(
            text[e["start"] : e["end"]] for e in res["entities"] if e["type"] not in LOCAL_ENTITIES
        )
    return out


def _parsed_calls(paths: list[Path]):
    from redactor.ingest.reader import iter_records

    return [parse_record(rec.data, rec.raw, rec.source_file) for rec in iter_records(paths) if rec.error is None]


@pytest.mark.parametrize("source", ["samples", "generated", "dev_corpus"])
def test_scan_and_ingest_redact_the_same_values(source, config, detector, tmp_path):
    exports = tmp_path / "exports"
    exports.mkdir()
    if source == "samples":
        for f in SAMPLES.iterdir():
            (exports / f.name).write_bytes(f.read_bytes())
    elif source == "generated":
        from bench.generate import write_exports

        write_exports(exports, 6, seed=11, calls_per_file=6)
    else:
        with (exports / "dev.jsonl").open("w", encoding="utf-8") as fh:
            for doc in load_dataset(DEV_CORPUS)[:12]:
                fh.write(json.dumps(to_klang(doc), ensure_ascii=False) + "\n")
    calls = _parsed_calls(sorted(exports.iterdir()))
    assert calls
    scanned = _scan_values(detector, calls)
    stored = _stored_call_texts(tmp_path, config, exports)
    checked = 0
    for call in calls:
        texts = stored[call.call_id]
        runs = _digit_runs(texts)
        for value in scanned.get(call.call_id, []):
            if len(value.strip()) >= 2:
                assert not readable(value, texts, runs), f"a scanned value is readable in call {call.call_id}"
                checked += 1
    assert checked > 10


def test_the_pipelines_own_digests_are_not_read_as_stored_text(config, tmp_path):
    """A content hash "20127f88..." shows no one's "2012": the eval reads every stored string but the
    digests the pipeline computes (call id, content hash, subject tokens) and its version (whose
    hashes of the tail and config once made a door code "2580" readable in blind set 85)."""
    exports = tmp_path / "exports"
    exports.mkdir()
    for f in SAMPLES.iterdir():
        (exports / f.name).write_bytes(f.read_bytes())
    calls = _parsed_calls(sorted(exports.iterdir()))
    stored = _stored_call_texts(tmp_path, config, exports)
    for call in calls:
        assert call.content_hash not in stored[call.call_id] and call.call_id not in stored[call.call_id]
        assert not any("+klang-" in t for t in stored[call.call_id])  # the pipeline version
        assert any("<" in t for t in stored[call.call_id])  # the redacted text is read


def test_pipeline_eval_on_a_slice_of_the_cross_turn_corpus(tmp_path):
    """With the corpus's company allowlisted (its own name and numbers are not personal data)."""
    from redactor.config import Config

    docs = load_dataset(DIALOGUE_CORPUS)[:15]
    result = evaluate_stored(Config.load(ROOT / "bench" / "data" / "dev_allowlist.toml"), docs, tmp_path)
    assert result["calls_written"] == 15
    assert result["readable"] == 0, result["readable_values"]
    assert result["words_kept"] >= 0.99


def test_the_probes_conversations_stay_redacted(config, tmp_path):
    """1,389 conversations thirteen testers wrote to make values leak and ordinary numbers disappear
    (bench/data/dialogue_probes.jsonl; docs/dialogue.md). At commit 3071664, 135 of the first 533
    values were readable in the stored calls; probe 6 (173 values) found 41 at 10f0853, probe 7
    (182) 57 at 5eeecdc, probe 8 (534) 45 at 8046ddb, probe 9 (451) 57 at c47f149, probe 10 (431)
    86 at 0873ca3, probe 11 (506) 80 at about 52d65f2, probe 12 (694, everyday calls) 43 at about
    faf6831, probe 13 (1,038) 93 at f45a521; all 143 at d581120, 131 at 8fc8617, 112 at 1591edb, 109 at 4587ac1.
    What still leaks is listed under the doc's Limits. Measured with the rules alone: the learned
    tail was trained on these calls and would hide a rule that stopped working."""
    docs = load_dataset(ROOT / "bench" / "data" / "dialogue_probes.jsonl")
    rules_alone = tmp_path / "rules_alone.toml"
    rules_alone.write_text("[detect]\ntail_threshold = 0\n")
    result = evaluate_stored(Config.load(rules_alone), docs, tmp_path)
    assert result["calls_written"] == len(docs) == 1389
    assert result["quarantined"] == 0, result["quarantined_ids"]  # a leak check failing loses the call
    assert result["readable"] <= 125, result["readable_values"]
    assert result["words_kept"] >= 0.975


# The suite ingests every fourth call of each older blind set (each tester's calls are in it) and
# every call of the held-out sets; all of them are `redactor eval bench/data/blind_calls*.jsonl
# --pipeline` (docs/dialogue.md, "Measuring the blind sets"), about twelve minutes.
SAMPLE_EVERY = 4


@pytest.fixture(scope="module")
def blind_sets(config, tmp_path_factory):
    """The blind sets' sampled calls and what the real ingest stored for them, ingested once for
    the two tests below."""
    sets = {}
    for path in sorted((ROOT / "bench" / "data").glob("blind_calls*.jsonl")):
        docs = load_dataset(path)
        sets[path.name] = docs if path.name in HELD_OUT else docs[::SAMPLE_EVERY]
    docs = [d for set_docs in sets.values() for d in set_docs]
    return sets, ingest_documents(config, docs, tmp_path_factory.mktemp("blind"))


def test_the_blind_sets_stay_redacted(blind_sets):
    """The blind sets (bench/data/blind_calls*.jsonl; docs/dialogue.md): calls written by testers
    who read nothing of the project, each measured once blind, then no longer blind as rules were
    written for the kinds they showed. Here every fourth call of each set but the held-out ones,
    and all of those. All of them, the history of the figures (from 110 of 3,563 values readable in
    sets 1-8 at 096fa66 to the figures of sets 1-241 in docs/dialogue.md) is one command there. The
    sample (2026-12-08, night, the night session's rules, the tail trained on sets 1 and 3-209 at
    the afternoon session's rules, 210-249 held out): 2,874 calls, 653 of 47,989 values readable,
    non-PII words kept 0.975 (the evening session's, 9ae0c79, with 210-245 held out: 2,754 calls,
    560 of 45,750, 0.975; the early-evening session's, 657ff37, with 210-241 held out: 2,634
    calls, 506 of 43,355, 0.976; the late-afternoon session's, with 210-237 held out: 2,514 calls, 414
    of 41,144, 0.976; the afternoon session's, with 210-233 held out: 2,394 calls, 373 of
    38,774, 0.976; the evening session's, with 150-229 held out: 3,594 calls, 971 of 56,049, 0.975; the late session's, with 150-225 held out: 3,474 calls, 942 of 53,709, 0.976; with
    150-221 held out, before 222-225 came: 3,354 calls, 865 of 51,698, 0.976; the
    day's, with 150-205 held out: 2,874 calls, 728 of 44,496, 0.976; the morning's, with
    150-185 held out: 2,274 calls, 522 of 36,232, 0.977; the night's, with 150-173 held out: 1,914 calls, 292 of 30,639, 0.977; with 150-169 held out: 1,794
    calls, 260 of 28,833, 0.978; at 9643913, with sets 134-165
    held out: 2,026 calls, 373 of 32,404, 0.977; at 4a7a9a2, with sets 134-157 held out: 1,786
    calls, 303 of 28,441, 0.978; at its introduction, on sets 1-129: 1,122 calls, 70 of 18,344,
    0.981)."""
    sets, stored = blind_sets
    docs = [d for set_docs in sets.values() for d in set_docs]
    result = measure_stored(docs, stored)
    assert result["calls_written"] == len(docs) == 2874
    assert result["quarantined"] == 0, result["quarantined_ids"]
    assert result["readable"] <= 668, result["readable_values"]
    assert result["words_kept"] >= 0.972


def test_the_learned_tail_on_blind_sets_it_never_saw(blind_sets):
    """Blind sets 210-249 (docs/dialogue.md, "Blind sets 210-213" to "246-249"), held out from the
    tail's training since the afternoon session (150-229 before; 234-237, 238-241, 242-245 and
    246-249 added before they were written), each round at its blind run: 150-153 (bc72728) 41 of 1,654 values readable
    with the tail, 67 with the rules alone; 154-157 (1d04758) 79 of 1,922, 115; 158-161 (abce3d6)
    73 of 2,010, 115; 162-165 (108275c) 38 of 1,953, 80; 166-169 (cbc31fa) 36 of 1,817, 74;
    170-173 (b366a75) 32 of 1,806, 91; 174-177 (e754027) 60 of 1,714; 178-181 (e754027 and
    a381688) 130 of 2,302; 182-185 (e754027 and ca39cdf) 56 of 1,577; 186-189 (cbb8c81 and
    b4ef922) 40 of 1,571; 190-193 (c719fc9) 41 of 1,505; 194-197 (6001eeb) 62 of 1,744;
    198-201 (bf165e7) 103 of 1,678; 202-205 (6731dd0) 25 of 1,766; 206-209 (07613bf) 26 of 1,560;
    210-213 (6fbf267) 67 of 1,807; 214-217 (9b6957d) 44 of 1,604; 218-221 (6ecd3ce) 77 of 2,231;
    222-225 (6700049) 77 of 2,011; 226-229 (ea670e7 and at their arrival) 95 of 2,340; 230-233
    (2120711, at their arrival) 78 of 2,315; 234-237 (e0d2778, at their arrival) 64 of 2,370;
    238-241 (c906fea, at their arrival) 144 of 2,211; 242-245 (535685a, at their arrival) 101 of
    2,395; 246-249 (bb5fe98, at their arrival) 121 of 2,239. With the tail trained on sets 1 and
    3-209 at the afternoon session's rules, at the night session's rules, on 210-249: 549 of 21,523,
    non-PII words kept 0.971 (on 210-245: 452 of 19,284); at 9ae0c79's rules, on 210-245: 456 of 19,284, non-PII words kept 0.971 (on 210-241: 380 of 16,889); at
    657ff37's rules, on 210-241: 397 of 16,889, non-PII words kept 0.971 (at 964ca50's rules on 210-237: 305 of 14,678, 0.971; on 210-233: 261 of 12,308; at the afternoon
    session's rules 263 of 12,308, 0.971 (the evening
    session's tail, trained on 1 and 3-149, on the same sets at 2120711: 331)). The evening session's
    tail on 150-229: 907 of 36,572, non-PII words kept 0.973 (the late session's tail on 150-225: 881 of 34,232; on 150-221: 804 of 32,221; the
    day's tail on 150-205: 666 of 25,019, 0.973; the morning's on 150-185: 462 of 16,755, 0.973);
    no longer blind for the kinds the rules came from."""
    sets, stored = blind_sets
    result = measure_stored([d for name in HELD_OUT for d in sets[name]], stored)
    assert result["calls_written"] == 1200 and result["quarantined"] == 0
    assert result["readable"] <= 562, result["readable_values"]
    assert result["words_kept"] >= 0.968


def test_a_surname_found_again_in_lowercase_leaves_no_call_quarantined(config, tmp_path):
    """Blind set 5's one quarantined call (docs/dialogue.md): "Nordin" said alone was found again
    with its capital only, so "punkt nordin" in the e-mail address stayed, the leak check found it
    and the whole call was quarantined. A name part is now found again in any case."""
    docs = [d for d in load_dataset(ROOT / "bench" / "data" / "blind_calls_5.jsonl") if "gym_01" in str(d.id)]
    result = evaluate_stored(config, docs, tmp_path)
    assert result["calls_written"] == 1 and result["quarantined"] == 0
    assert result["words_kept"] >= 0.97


def test_a_cpr_number_volunteered_and_the_danish_last_four():
    """(a helper's attack) "Mit CPR er ..." gives the speaker's own in the sentence, as "Mitt
    personnummer är ..." does; "Og de sidste fire?" asks for the last four (made-up numbers)."""
    text = "Agent: Hej.\nKund: Mit CPR er tolv nul tre femogfirs, tolv syvogtredive.\nAgent: Og de sidste fire?\nKund: 4219."
    got = [(r.entity_type, text[r.start : r.end]) for r in KlangDialogueSlotRecognizer().analyze(text, None)]
    assert got == [("ID_NUMBER", "tolv nul tre femogfirs, tolv syvogtredive"), ("SE_PERSONNUMMER", "4219")]


def test_britains_national_insurance_number_is_asked_for():
    text = "Agent: Har du ett brittiskt National Insurance-nummer?\nKund: ja, QN 48 21 07 C\nAgent: tack."
    got = {(r.entity_type, text[r.start : r.end]) for r in KlangDialogueSlotRecognizer().analyze(text, None)}
    assert ("ID_NUMBER", "QN 48 21 07 C") in got  # (with its digits alone, inside it)


def test_a_count_of_d_numbers_asks_for_none():
    """(a helper's attack) "D-nummer" in a question of how many is no question for one."""
    text = "Agent: Hur många har fått D-nummer i år?\nKund: Ungefär 12 000 personer, 11 450 förra året."
    assert KlangDialogueSlotRecognizer().analyze(text, None) == []


def test_the_neighbours_identity_numbers_are_asked_for():
    """A Norwegian fødselsnummer and a Danish CPR number, said in their own number words, name
    their holder as a personnummer does (made-up numbers)."""
    text = (
        "Agent: Och ditt norska fødselsnummer?\nKund: Tjueseks elleve nittisju, fire tre åtte fem to.\n"
        "Agent: Och ditt danska CPR-nummer?\nKund: Atten nul et niogfirs, og så fire to en ni."
    )
    got = [(r.entity_type, text[r.start : r.end]) for r in KlangDialogueSlotRecognizer().analyze(text, None)]
    assert got == [
        ("ID_NUMBER", "Tjueseks elleve nittisju, fire tre åtte fem to"),
        ("ID_NUMBER", "Atten nul et niogfirs, og så fire to en ni"),
    ]
