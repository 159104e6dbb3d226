"""What a call says is the company's own (recognizers/company_own.py): its references spoken with
letters, the contact the agent gives as "ours", the town in the agent's greeting; and what stays
personal data beside them."""

from __future__ import annotations

import pytest

from recognizers.company_own import CompanyOwn


def _found(detector, text: str) -> list[str]:
    return [text[d.start : d.end] for d in detector.detect(text)]


@pytest.mark.parametrize(
    "text, kept",
    [
        # a reference's letters are no name, its digits no secret, and said again it is the same
        (
            "Agent: Ditt ärendenummer är T S K fyrtioåtta nittio tolv.\nKund: T S K fyrtioåtta nittio tolv. Tack!",
            ["T S K", "fyrtioåtta"],
        ),
        ("Agent: Bokningsnumret är K B sex noll två.\nKund: K B sex noll två, tack.", ["K B", "sex noll två"]),
        ("Agent: Referensnummer för samtalet är H L tre tre noll åtta.\nKund: H L tre tre noll åtta.", ["tre tre"]),
        ("Agent: Ärendet heter RF-77013.\nKund: RF-77013, okej.", ["RF-77013"]),
        # ... its letters written together, read back whole, after a device's number was asked for
        (
            "Agent: kan du läsa serienumret?\nKund: okej\nAgent: ordernumret är AO 5 5 2 1 9 om du ringer igen\n"
            "Kund: AO 55219 ja",
            ["AO 55219", "5 5 2 1 9"],
        ),
        # the company's own contact, given by the agent
        ("Agent: Ring oss på 08-411 22 30 så löser vi det.\nKund: Tack.", ["08-411 22 30"]),
        ("Agent: Vi ligger på Kungsgatan 48, plan två.\nKund: Bra.", ["Kungsgatan 48"]),
        ("Agent: Betala till vårt bankgiro 5050-1055.\nKund: Okej.", ["5050-1055"]),
        ("Agent: Du kan hämta den på vårt kontor på Drottningtorget 5.\nKund: Bra.", ["Drottningtorget 5"]),
        # ... with its postcode and town after it in its sentence
        (
            "Agent: Då är det vårt kontor på 480 Queen Street East, Toronto, postkoden är M5A 1T7.\nKund: Okej.",
            ["Queen Street", "Toronto", "M5A 1T7"],
        ),
        # the town in the company's greeting
        ("Agent: Sveriges ambassad i Berlin, Jonatan.\nKund: Hej, jag behöver ett pass.", ["Berlin"]),
        ("Agent: Husby församling, hej, Johan här.\nKund: Hej, det gäller ett dop.", ["Husby"]),
        # a service number, whoever says it, as a phone number or an echo took it
        ("Agent: Ring Försäkringskassan på 0771-524 524.\nKund: 0771-524 524. Ja okej.", ["524 524"]),
        ("Agent: Ditt mobilnummer?\nKund: 070-123 45 67, eller ring 020-22 33 44.", ["020-22 33 44"]),
        ("Talare 1: då ringer du oss på noll sju sju ett tvåhundratjugo tvåhundratjugo", ["tvåhundratjugo"]),
        ("Kund: att mitt konto var låst och att jag skulle ringa 0771-40 40 00", ["40 40 00"]),
        # a role's mailbox at an organisation's domain, whoever says it, written or spoken
        ("Kund: jag mejlade skador@trygghem.se i går\nAgent: Bra.", ["skador@trygghem.se"]),
        ("Agent: Hej.\nKund: fakturorna går till info snabel-a norrekonomi punkt se", ["norrekonomi"]),
    ],
)
def test_the_companys_own_is_kept(detector, text, kept):
    found = _found(detector, text)
    for value in kept:
        assert not any(value in f for f in found), (value, found)


@pytest.mark.parametrize(
    "text, redacted",
    [
        # a mobile number after a reference word is still personal data
        ("Agent: Vilket ärende gäller det?\nKund: Ärendet är 070-123 45 67, ring mig.", "070-123 45 67"),
        # "ring oss" in the caller's turn is the caller's household
        ("Agent: Hur når vi er?\nKund: Ring oss på 070-765 43 21 efter fem.", "070-765 43 21"),
        # the agent reading the caller's data back, and a town after the caller is addressed
        ("Agent: Och din adress är Storgatan 5?\nKund: Ja.", "Storgatan 5"),
        ("Agent: Hej, jag ringer från elbolaget till dig i Umeå.\nKund: Ja?", "Umeå"),
        # a contract number names its holder: no reference word
        ("Agent: Avtalet har nummer SW-20931.\nKund: Okej.", "SW-20931"),
        # a personnummer may start as a free number does, with or without its check digit right
        ("Agent: Vad har du för personnummer?\nKund: 020101-2390", "020101-2390"),
        ("Agent: Vad har du för personnummer?\nKund: 020304-2383", "020304-2383"),
        ("Agent: Och ditt mobilnummer?\nKund: 070-123 45 67", "070-123 45 67"),
        # a customer number asked for that a service number's digits could be; digits that only start
        # as a service number's do ("09-448120" is no 0944 number)
        ("Agent: Vad är ditt kundnummer?\nKund: Det är 0900 1187 34.", "0900 1187 34"),
        (
            "Agent: Och mätarnumret?\nKund: Det står noll nio, streck, fyra fyra åtta ett två noll.\nAgent: 09-448120.",
            "09-448120",
        ),
        # a role's word at a mail provider, or at a domain that opens with a name, is someone's
        ("Agent: Din mejl?\nKund: info@gmail.com, den delar vi.", "info@gmail.com"),
        ("Agent: Hej.\nKund: skicka till faktura@lindbergsredovisning.se", "faktura@lindbergsredovisning.se"),
    ],
)
def test_personal_data_beside_the_companys_words_stays_redacted(detector, text, redacted):
    assert any(redacted in f for f in _found(detector, text)), redacted


def test_a_code_that_could_be_a_personnummer_is_no_reference():
    text = "Agent: Ärendenumret är åttioett noll ett noll ett tjugotre åttiosex.\nKund: Mm."
    assert CompanyOwn(text).references == []


def test_a_code_read_back_is_the_whole_code_at_the_start_of_a_turn():
    """A reference read back is kept; the same digits in the caller's own answer are not taken for
    it (a PIN "4512" beside ärende 4512), nor a piece of a longer reference."""
    text = (
        "Agent: Bokningsnumret är K B sex noll två. Ärende 4512.\nKund: K B sex noll två, tack.\n"
        "Kund: Min kod till porten är 4512."
    )
    own = CompanyOwn(text)
    spans = [text[s:e] for s, e in own.references]
    assert spans == ["K B sex noll två", "4512", "K B sex noll två"]


@pytest.mark.parametrize(
    "text, value",
    [
        # a comma ends a reference: what follows is another number
        ("Agent: Vad gäller samtalet?\nKund: Ärende 5, 199103192390.", "199103192390"),
        ("Agent: Vad gäller samtalet?\nKund: Ordernummer 4567, 070 123 45 67, ring mig där.", "070 123 45 67"),
        ("Agent: Vad gäller samtalet?\nKund: Kvitto 7, 4111 1111 1111 1111.", "4111 1111 1111 1111"),
        # a code that holds a phone number or a personnummer is none
        ("Agent: Vad gäller det?\nKund: Ärendenummer 4711 0701234567.", "0701234567"),
        ("Agent: Ja?\nKund: ärende fem nitton nittioett noll tre nitton tjugotre nittio", "nittioett"),
        # a validating recognizer's value inside a reference stays
        ("Agent: Vilken bil gäller skadan?\nKund: Skadenummer 55, ABC123.", "ABC123"),
        ("Agent: Vilken bil gäller skadan?\nKund: Skadeanmälan, A B C 1 2 3.", "A B C 1 2 3"),
        # the caller's own after the company's words
        ("Agent: Jag ser att du ringde vår växel, 08-123 45 67, igår kväll?\nKund: Ja.", "08-123 45 67"),
        ("Agent: Jobbar du på kontoret på Drottninggatan 12?\nKund: Ja.", "Drottninggatan 12"),
        ("Agent: Vi håller till på Björkvägen 3 hela torsdagen, hos din pappa alltså.\nKund: Bra.", "Björkvägen 3"),
        ("Agent: Ring oss på 070-765 43 21 så tar vi det.\nKund: Okej.", "070-765 43 21"),
        ("Agent: Kontakta oss via anna.berg@gmail.com om du vill.\nKund: Okej.", "anna.berg@gmail.com"),
        # a town that is someone's, in the agent's first turn
        ("Agent: Hej, det är Sara från Telia, jag söker Lars Berg i Sigtuna.\nKund: Ja.", "Sigtuna"),
        ("Agent: Vi har Storgatan 5 i Gnesta.\nKund: Ja, det stämmer.", "Gnesta"),
        ("Agent: Skadan inträffade i Mora vid sjön.\nKund: Ja.", "Mora"),
        # the second attack: the caller's form or words read out, an answer that names a reference,
        # a member number given as the reference, a read-back that answers a later question
        ("Agent: I annonsen står det ring oss på 08-765 43 21 efter sex.\nKund: Ja.", "08-765 43 21"),
        ("Agent: Du sa ring oss på 08-765 43 21. Noterat.\nKund: Ja.", "08-765 43 21"),
        ("Agent: Jag läser upp annonsen. Vi finns på Ekstigen 7 i Lerum.\nKund: Ja.", "Ekstigen 7"),
        ("Agent: Okej, då skickar vi skärmen till hemkontoret på Björkvägen 3.\nKund: Bra.", "Björkvägen 3"),
        ("Agent: Vad har du för kundnummer?\nKund: Referensen är 558812, står det på räkningen.", "558812"),
        ("Agent: Och de fyra sista?\nKund: Ärendet är 2385.", "2385"),
        ("Agent: Ange medlemsnumret som referens, referens 778812.\nKund: Okej, 778812.", "778812"),
        (
            "Agent: Ärendenumret är 912345.\nKund: Okej.\nAgent: Kan du säga ditt medlemsnummer?\nKund: 912345.",
            "912345",
        ),
        ("Agent: Ditt bokningsnummer är N Y Q V I S T sju.\nKund: Okej.", "N Y Q V I S T"),
        ("Agent: Mejla oss på post@familjenberg.se så tittar vi.\nKund: Okej.", "post@familjenberg.se"),
        # a town in an outbound call's first words, or the caller's
        ("Agent: Villan i Täby, hej, det är Stefan från Mäklarhuset.\nKund: Ja hej.", "Täby"),
        ("Agent: Ert hus i Ystad, hej, jag ringer från försäkringsbolaget.\nKund: Ja.", "Ystad"),
        ("Agent: Lägenheten i Sundsvall, den hyr du i andra hand?\nKund: Ja.", "Sundsvall"),
    ],
)
def test_what_the_attack_found_stays_redacted(detector, text, value):
    """Cases two helpers' attacks found (the first and second versions dropped them)."""
    assert any(value in f or f in value for f in _found(detector, text)), value


def test_long_runs_are_read_once():
    """Thousands of spelled letters after a reference are read once, not from every word."""
    import time

    text = "Agent: Ärendenummer 4711.\nKund: " + " ".join(["A"] * 20000) + "\n" + "Agent: ärende 1 " * 5000
    started = time.perf_counter()
    CompanyOwn(text)
    assert time.perf_counter() - started < 5


def test_a_reference_that_holds_a_value_found_as_personal_data_stays_redacted(config, tmp_path):
    """An OCR number built on the caller's customer number (blind set 2): the reference and its
    read-back stay redacted, and the call is stored, not quarantined (the leak check would find the
    customer number inside the reference)."""
    from redactor.evaluation import Document
    from redactor.evaluation_pipeline import evaluate_stored

    text = (
        "Agent: och ditt kundnummer?\nKund: sju noll fyra fyra tre tre\nAgent: 704433 tack\n"
        "Agent: betala till vårt bankgiro 5678-1234 och ange ocr 70443302250\nKund: kan du ta ocr igen\n"
        "Agent: sju noll fyra fyra tre tre noll två två fem noll\nKund: sju noll fyra fyra tre tre noll två två fem noll"
    )
    first = text.index("sju noll fyra fyra tre tre")
    doc = Document("ocr", text, [("CUSTOMER_NUMBER", first, first + 26)], [])
    result = evaluate_stored(config, [doc], tmp_path)
    assert result["quarantined"] == 0 and result["readable"] == 0
