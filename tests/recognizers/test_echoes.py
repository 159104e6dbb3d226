"""A value said again in part or corrected next to where it was found (recognizers/echoes.py), and
what is no echo. Made-up people and places."""

from __future__ import annotations

import pytest

from recognizers.echoes import compacted, echoes, months_beside, pieces_read_back, set_against


def _echoed(lines: list[str], found: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """What `echoes` and `set_against` (which `Detector` runs after the learned tail) add to the
    values `found` (entity, value as written; each the first occurrence) in the dialogue of `lines`."""
    text = "\n".join(lines)
    spans = [(e, text.index(v), text.index(v) + len(v)) for e, v in found]
    more = echoes(text, spans)
    return [(e, text[s:t]) for e, s, t in more + set_against(text, spans + more)]


@pytest.mark.parametrize(
    "lines, found, expected",
    [
        # a turn that corrects an address read back: "Nej, fjorton."
        (
            ["Agent: Sernanders väg 12?", "Kund: Nej, fjorton. Det är fel i ansökan."],
            [("SE_ADDRESS", "Sernanders väg 12")],
            [("SE_ADDRESS", "fjorton")],
        ),
        # ... and a flat, said as a word of hundreds (no amount)
        (
            ["Agent: Det gäller lägenhet tolvhundratre?", "Kund: Nej, det står tolvhundrafem på avtalet."],
            [("SE_ADDRESS", "lägenhet tolvhundratre")],
            [("SE_ADDRESS", "tolvhundrafem")],
        ),
        # a street said alone ending a turn, its house number opening the next after a back-channel
        (
            ["Kund: nej han har flyttat till malmvägen", "Agent: mm", "Kund: femton b och postnumret vet jag inte"],
            [("SE_ADDRESS", "malmvägen")],
            [("SE_ADDRESS", "femton b")],
        ),
        (["Kund: Malmvägen", "Agent: Ja?", "Kund: 12 B."], [("SE_ADDRESS", "Malmvägen")], [("SE_ADDRESS", "12 B")]),
        # a house number and letter read back alone
        (["Kund: Ängsvägen 3 B.", "Agent: 3 B, klart."], [("SE_ADDRESS", "Ängsvägen 3 B")], [("SE_ADDRESS", "3 B")]),
        # ... corrected after a filler
        (
            ["Agent: Och du bor på Björkvägen 12 idag?", "Kund: Eh, 12 B faktiskt."],
            [("SE_ADDRESS", "Björkvägen 12")],
            [("SE_ADDRESS", "12 B")],
        ),
        # the last group of a postnummer read back
        (
            ["Kund: Postnumret är femhundraåttiotvå tjugofem.", "Agent: Tack, tjugofem. Leveransen är på torsdag."],
            [("SE_POSTAL_CODE", "femhundraåttiotvå tjugofem")],
            [("SE_POSTAL_CODE", "tjugofem")],
        ),
        # a number read back wrong, corrected by the other speaker with two digits swapped
        (
            ["Agent: Du är hyresgäst nummer åtta nio noll tjugofyra?", "Kund: Åtta nio noll, fyrtiotvå. Du sa fel."],
            [("CUSTOMER_NUMBER", "åtta nio noll tjugofyra")],
            [("CUSTOMER_NUMBER", "Åtta nio noll, fyrtiotvå")],
        ),
        # a piece of a long value said in the same turn, and the swap it corrects
        (
            ["Agent: Där, 28 92, inte 28 29. Du har kastat om två siffror. PL89 1020 2892 0000 5102 0331 7465."],
            [("IBAN_CODE", "PL89 1020 2892 0000 5102 0331 7465")],
            [("IBAN_CODE", "28 92"), ("IBAN_CODE", "28 29")],
        ),
        # a middle group of an IBAN read back, and the swap it corrects in the same breath
        (
            ["Kund: PL89 1020 2892 0000 5102 0331 7465.", "Agent: Där, 28 92, inte 28 29. Du har kastat om dem."],
            [("IBAN_CODE", "PL89 1020 2892 0000 5102 0331 7465")],
            [("IBAN_CODE", "28 92"), ("IBAN_CODE", "28 29")],
        ),
        # a number beside a value with only a correction between, after it and before it
        (
            ["Agent: Stämmer adressen?", "Kund: Ja, men det är Götgatan 67, inte sextioett."],
            [("SE_ADDRESS", "Götgatan 67")],
            [("SE_ADDRESS", "sextioett")],
        ),
        (
            ["Agent: Vilken är den nya?", "Kund: Ekvägen tjugotre... nej, tjugotvå."],
            [("SE_ADDRESS", "Ekvägen tjugotre")],
            [("SE_ADDRESS", "tjugotvå")],
        ),
        (
            ["Agent: Kundnumret?", "Kund: Fyra fyra noll... nej förlåt, fyra fyra nio noll ett tre sju."],
            [("CUSTOMER_NUMBER", "fyra fyra nio noll ett tre sju")],
            [("CUSTOMER_NUMBER", "Fyra fyra noll")],
        ),
        # a house letter corrected after "vänta"; a read-back of a read-back
        (
            ["Agent: Och vart flyttar du?", "Kund: Brattåsgatan 7 B... nej vänta, sju A."],
            [("SE_ADDRESS", "Brattåsgatan 7 B")],
            [("SE_ADDRESS", "sju A")],
        ),
        (
            ["Agent: Postnummer 214 46?", "Kund: 214 47.", "Agent: 47, jag rättar."],
            [("SE_POSTAL_CODE", "214 46")],
            [("SE_POSTAL_CODE", "214 47"), ("SE_POSTAL_CODE", "47")],
        ),
        # no house letter where a word follows ("i Solna"), but the place it lies in
        (
            ["Agent: Götgatan 67?", "Kund: Nej, 69 i Solna."],
            [("SE_ADDRESS", "Götgatan 67")],
            [("SE_ADDRESS", "69"), ("LOCATION", "Solna")],
        ),
        # a piece right after another piece read back
        (
            [
                "Kund: Fyrtiofyra noll nio noll ett, eh, trettioåtta trettioåtta.",
                "Agent: Första september fyrtiofyra, och 3838.",
            ],
            [
                ("SE_PERSONNUMMER", "Fyrtiofyra noll nio noll ett, eh, trettioåtta trettioåtta"),
                ("SE_PERSONNUMMER", "Första september fyrtiofyra"),
            ],
            [("SE_PERSONNUMMER", "3838")],
        ),
        # a near copy anywhere in the next turn, of an address's flat; a correction after "i stället för"
        (
            ["Agent: Ringvägen 3 B, lägenhet 1203. Stämmer det?", "Kund: Ja. Fast vänta... nej, det står 1103."],
            [("SE_ADDRESS", "Ringvägen 3 B, lägenhet 1203")],
            [("SE_ADDRESS", "1103")],
        ),
        # a long value given in pieces over turns and read back whole; its pieces before the read-back
        (
            [
                "Kund: Ja, från kartongen: 35 391011",
                "Agent: Ja.",
                "Kund: 512 944",
                "Agent: Mm.",
                "Kund: 3.",
                "Agent: 353910115129443. Och telefonnumret?",
            ],
            [("ID_NUMBER", "35 391011")],
            # (its last digit alone too: the pieces joined are what is read back, `_dictated`)
            [("ID_NUMBER", "353910115129443"), ("ID_NUMBER", "512 944"), ("ID_NUMBER", "3")],
        ),
        # a word taken back right before a value it begins; a plate's letters in another order
        (
            ["Kund: Eh... Kanelbulle... nej, Kanelbulle77."],
            [("ACCESS_CODE", "Kanelbulle77")],
            [("ACCESS_CODE", "Kanelbulle")],
        ),
        # ... or said again after a filler
        (
            ["Kund: jonwes eh jonwes02"],
            [("USERNAME", "jonwes02")],
            [("USERNAME", "jonwes")],
        ),
        # ... or two capitals broken off
        (
            ["Agent: vad är kortnumret på det nya kortet?", "Kund: RP... RP0418833"],
            [("ID_NUMBER", "RP0418833")],
            [("ID_NUMBER", "RP")],
        ),
        # a number read back glued to the letters it opens with
        (
            ["Agent: ditt anställningsnummer", "Kund: B 4 4 1 9", "Agent: B4419 Per Åström"],
            [("ID_NUMBER", "B 4 4 1 9")],
            [("ID_NUMBER", "B4419")],
        ),
        (
            ["Agent: och ditt anställningsnummer", "Kund: NV 2077", "Agent: NV-2077 ja"],
            [("ID_NUMBER", "NV 2077")],
            [("ID_NUMBER", "NV-2077")],
        ),
        (
            ["Kund: Han hade NMX... nej, NXM 774, jag skrev upp det."],
            [("SE_VEHICLE_REGISTRATION", "NXM 774")],
            [("SE_VEHICLE_REGISTRATION", "NMX")],
        ),
        (["Kund: Det var Volvo... nej, NXM 774."], [("SE_VEHICLE_REGISTRATION", "NXM 774")], []),
        # a number beside a value after "eh", and one beside that
        (
            ["Kund: Skultunavägen 7, eh, sju A ska det vara."],
            [("SE_ADDRESS", "Skultunavägen 7")],
            [("SE_ADDRESS", "sju A")],
        ),
        (
            ["Kund: Han bor på Hällebergsvägen 103... eh, 130, förlåt, etthundratrettio."],
            [("SE_ADDRESS", "Hällebergsvägen 103")],
            [("SE_ADDRESS", "130"), ("SE_ADDRESS", "etthundratrettio")],
        ),
        # a birth date read back with its century, after the last four came in between
        (
            [
                "Kund: Fyrtiofem... tio... tjugosju...",
                "Agent: Ja.",
                "Kund: ...trettiofyra femtiotre.",
                "Agent: Tack, nittonhundrafyrtiofem tio tjugosju. Du har tid den 12 mars.",
            ],
            [("SE_PERSONNUMMER", "Fyrtiofem... tio... tjugosju"), ("SE_PERSONNUMMER", "trettiofyra femtiotre")],
            [("SE_PERSONNUMMER", "nittonhundrafyrtiofem tio tjugosju")],
        ),
        # ... and pieces said before a long value found whole, not the prefix every anläggnings-id has
        (
            [
                "Kund: Ja vänta... det börjar på 735 999",
                "Agent: Ja?",
                "Kund: sen 000 014",
                "Agent: Mm.",
                "Kund: och sist 428 851.",
                "Agent: Så 735999000014428851?",
            ],
            [("SE_FACILITY_ID", "735999000014428851")],
            [("SE_FACILITY_ID", "000 014"), ("SE_FACILITY_ID", "428 851")],
        ),
        (
            ["Agent: Det står på fakturan, arton siffror som börjar på 735999.", "Kund: 735999000014428851."],
            [("SE_FACILITY_ID", "735999000014428851")],
            [],
        ),
        # ... not a number that only holds it somewhere in the middle, nor an amount
        (
            ["Kund: Det är 391011.", "Agent: Ja.", "Kund: Och fakturan?", "Agent: Den har OCR 4439101155."],
            [("CUSTOMER_NUMBER", "391011")],
            [],
        ),
        # ... and in the value's own turn, read off after it
        (
            ["Kund: Ja, men lägenheten är 1102, det står fel på fakturan, det står 1202."],
            [("SE_ADDRESS", "lägenheten är 1102")],
            [("SE_ADDRESS", "1202")],
        ),
        (
            ["Kund: Ja, men lägenheten är 1102, och det står 1100 kronor på fakturan."],
            [("SE_ADDRESS", "lägenheten är 1102")],
            [],
        ),
        (
            ["Kund: Det ska vara Sandfjärdsgatan 61 i stället för 16, det står fel på avin."],
            [("SE_ADDRESS", "Sandfjärdsgatan 61")],
            [("SE_ADDRESS", "16")],
        ),
        # a number grouped as a value found beside it
        (
            ["Handläggare: Hans gamla kundnummer var 20 18 44 7, och dödsboet får ett nytt: 20 91 33 0."],
            [("CUSTOMER_NUMBER", "20 18 44 7")],
            [("CUSTOMER_NUMBER", "20 91 33 0")],
        ),
        # the post town after a postnummer; a postnummer confirmed after an address read back
        (
            ["Kund: Nej, till min dotter. Calle Pintada 41, 29780 Nerja."],
            [("SE_ADDRESS", "Calle Pintada 41"), ("SE_POSTAL_CODE", "29780")],
            [("LOCATION", "Nerja")],
        ),
        (
            ["Talare 2: ornäsvägen fyrtiotvå sju åtta ett nio sex ornäs"],
            [("SE_ADDRESS", "ornäsvägen fyrtiotvå"), ("SE_POSTAL_CODE", "sju åtta ett nio sex")],
            [("LOCATION", "ornäs")],
        ),
        (
            ["Handläggare: Då har jag Leif Provsson, Gammelbyvägen 6, Årsunda.", "Kund: Stämmer. 811 94."],
            [("SE_ADDRESS", "Gammelbyvägen 6")],
            [("LOCATION", "Årsunda"), ("SE_POSTAL_CODE", "811 94")],
        ),
        # a value's number read off something, or its end, in the next turn; a correction opened by "fast"
        (
            ["Kund: nej det är lindvägen fjorton", "Agent: oj jag ser fyra här men det står fjorton i registret"],
            [("SE_ADDRESS", "lindvägen fjorton")],
            [("SE_ADDRESS", "fjorton")],
        ),
        (
            ["Kund: 200 118 664 302.", "Agent: Och det slutar på 302?", "Kund: Ja, 302."],
            [("SE_FACILITY_ID", "200 118 664 302")],
            [("SE_FACILITY_ID", "302"), ("SE_FACILITY_ID", "302")],
        ),
        (
            ["Agent: Är det Björkhagsgatan 18, lägenhet 1001?", "Kund: Ja, fast vi har fått 1102 efter ombyggnaden."],
            [("SE_ADDRESS", "Björkhagsgatan 18, lägenhet 1001")],
            [("SE_ADDRESS", "1102")],
        ),
        # a value's number written down, read back; the house letter after a number found; a postnummer
        # after the town in the same turn
        (
            ["Kund: Nej, 0739-02 55 81. Åttioett på slutet.", "Agent: Siffrorna blev omkastade. Jag ändrar till 81."],
            [("PHONE_NUMBER", "0739-02 55 81")],
            [("PHONE_NUMBER", "81")],
        ),
        (
            ["Agent: Kvarngatan 14?", "Kund: Ja, precis, fast det är fjorton A egentligen."],
            [("SE_ADDRESS", "Kvarngatan 14"), ("SE_ADDRESS", "fjorton")],
            [("SE_ADDRESS", " A")],
        ),
        (
            ["Agent: Din adress?", "Kund: Fabriksgatan 18, lägenhet 1302… Eskilstuna. 633 40."],
            [("SE_ADDRESS", "Fabriksgatan 18, lägenhet 1302"), ("LOCATION", "Eskilstuna")],
            [("SE_POSTAL_CODE", "633 40")],
        ),
        # a postnummer right after the address, in digits or words, and the town ending the clause
        (
            ["Kund: tack och adressen är fortfarande ängeprov tjugotre åtta fyra två nio tre hede"],
            [("SE_ADDRESS", "ängeprov tjugotre")],
            [("SE_POSTAL_CODE", "åtta fyra två nio tre"), ("LOCATION", "hede")],
        ),
        (
            ["Kund: skogsprov 40 875 93 och telefon till henne"],
            [("SE_ADDRESS", "skogsprov 40")],
            [("SE_POSTAL_CODE", "875 93")],
        ),
        (["Kund: Storgatan 12 kostade 12 000 kronor"], [("SE_ADDRESS", "Storgatan 12")], []),
        # the place an address read back lies in (not a country)
        (
            ["Agent: Villahemförsäkring för Tallstigen 6?", "Kund: Ja, i Kovland."],
            [("SE_ADDRESS", "Tallstigen 6")],
            [("LOCATION", "Kovland")],
        ),
        # ... or the island it lies on, in a lowercase call
        (
            ["Agent: gräddö byväg 45", "Kund: ja på rådmansö"],
            [("SE_ADDRESS", "gräddö byväg 45")],
            [("LOCATION", "rådmansö")],
        ),
        # a long piece anywhere in the next turn; the next value of a list, of as many digits
        (
            ["Agent: Från kontot 6189-834 217 560?", "Kund: Eh... ja, det är rätt, 834 217 560, inte sparkontot."],
            [("SE_BANK_ACCOUNT", "6189-834 217 560")],
            [("SE_BANK_ACCOUNT", "834 217 560")],
        ),
        (
            ["Agent: Jag ser två lån, 3905 447 218 0 och 3905 447 219 9."],
            [("CUSTOMER_NUMBER", "3905 447 218 0")],
            [("CUSTOMER_NUMBER", "3905 447 219 9")],
        ),
        # a part of the building that narrows the address: a corridor and room, an entrance (uppgång),
        # also in the speaker's next turn; not a floor
        (
            ["Kund: Rackarbergsgatan 32, korridor 4, rum 11."],
            [("SE_ADDRESS", "Rackarbergsgatan 32")],
            [("SE_ADDRESS", "korridor 4"), ("SE_ADDRESS", "rum 11")],
        ),
        (
            ["Kund: Storgatan 5...", "Agent: Ja?", "Kund: ...uppgång B, tredje våningen."],
            [("SE_ADDRESS", "Storgatan 5")],
            [("SE_ADDRESS", "uppgång B")],
        ),
        # ... in lowercase
        (
            ["Talare 2: på västra vägen tolv i alingsås eh trappuppgång b"],
            [("SE_ADDRESS", "västra vägen tolv")],
            [("SE_ADDRESS", "trappuppgång b")],
        ),
        # a number said in words or in pieces, perhaps over turns, and read back digit for digit by
        # another speaker: a value given and confirmed, whatever names it
        (
            ["Kund: Hallå? Ja, det står ett noll noll... åtta sju... tre tre två.", "Agent: 10087332."],
            [],
            [("CUSTOMER_NUMBER", "ett noll noll... åtta sju... tre tre två"), ("CUSTOMER_NUMBER", "10087332")],
        ),
        (
            [
                "Kund: Ja, hej, det står noll noll noll fyra sju sex...",
                "Agent: Mm.",
                "Kund: nio åtta två noll ett fem.",
                "Agent: Jag upprepar: 000 476 982 015.",
            ],
            [],
            [
                ("CUSTOMER_NUMBER", "noll noll noll fyra sju sex"),
                ("CUSTOMER_NUMBER", "nio åtta två noll ett fem"),
                ("CUSTOMER_NUMBER", "000 476 982 015"),
            ],
        ),
        # a code of capitals and digits written and spelled out by another speaker, either first: a
        # value confirmed (a plate abroad), the spelled form whole over the name model's part of it
        (
            ["Kund: en österrikare, Mats Testsson, IL 482 DF", "Agent: I L, fyra åtta två, D F", "Kund: ja."],
            [],
            [("ID_NUMBER", "IL 482 DF"), ("ID_NUMBER", "I L, fyra åtta två, D F")],
        ),
        (
            ["Agent: registreringsnummer?", "Kund: EK-731-PB", "Agent: E K sju tre ett P B. Och constaten?"],
            [("SE_VEHICLE_REGISTRATION", "EK-731-PB"), ("PERSON", "E K")],
            [("SE_VEHICLE_REGISTRATION", "E K sju tre ett P B")],
        ),
        (
            ["Agent: C V fyrtioåtta tvåhundrasjutton?", "Kund: ja, CV 48 217 stod det."],
            [],
            [("ID_NUMBER", "CV 48 217"), ("ID_NUMBER", "C V fyrtioåtta tvåhundrasjutton")],
        ),
        # ... its letters said together before digits said alone; a serial number
        (
            ["Agent: vad står det för serienummer?", "Kund: eh jag ser HMC sen 0 4 4 7 1 8", "Agent: HMC 044718 ja."],
            [],
            [("ID_NUMBER", "HMC 044718"), ("ID_NUMBER", "HMC sen 0 4 4 7 1 8")],
        ),
        # ... not a code written again, however grouped ("AV 77 18 01" / "AV 77 18 01")
        (
            ["Kund: ja, AV 77 18 01", "Agent: AV 77 18 01, tack."],
            [],
            [],
        ),
        # ... not a reference of the company's, nor a code spelled otherwise or by the same speaker
        (
            ["Agent: ert ärendenummer är HK 4471 AB", "Kund: H K fyrtiofyra sjuttioett A B, tack."],
            [],
            [],
        ),
        (
            ["Agent: har du bokningsnumret?", "Kund: ja MA... M A 10 66 29", "Agent: MA 10 66 29, Malmö."],
            [],
            [],
        ),
        (
            ["Kund: det var GE 431 TP", "Agent: G E fyra tre två T P?"],
            [],
            [],
        ),
        (
            ["Kund: det var GE 431 TP, alltså G E fyra tre ett T P."],
            [],
            [],
        ),
        # the place said after a street line, lowercase too; not a definite noun
        (
            ["Agent: vilken adress gäller det", "Kund: storbyvägen tolv i bjursås"],
            [("SE_ADDRESS", "storbyvägen tolv")],
            [("LOCATION", "bjursås")],
        ),
        # ... before its postnummer
        (
            ["agent: och var bor han", "kund: källvägen två i alfta åttahundratjugotvå trettio"],
            [("SE_ADDRESS", "källvägen två"), ("SE_POSTAL_CODE", "åttahundratjugotvå trettio")],
            [("LOCATION", "alfta")],
        ),
        (
            ["Agent: Adress?", "Kund: Storgatan 12 i källaren."],
            [("SE_ADDRESS", "Storgatan 12")],
            [],
        ),
        # ... after a comma, capitalised and closing the phrase, or "utanför" it; said before it
        (
            ["Kund: Ja, det blir väl det.", "Agent: Bengt-Åke Provsson, Tallstigen 8, Ösmo?"],
            [("SE_ADDRESS", "Tallstigen 8")],
            [("LOCATION", "Ösmo")],
        ),
        (
            ["Talare 2: och adressen för gps", "Talare 1: norrbyvägen tolv utanför öregrund det är en röd stuga"],
            [("SE_ADDRESS", "norrbyvägen tolv")],
            [("LOCATION", "öregrund")],
        ),
        (
            ["Kund: var i stan är det", "Agent: i gottsunda valthornsvägen 8 c"],
            [("SE_ADDRESS", "valthornsvägen 8 c")],
            [("LOCATION", "gottsunda")],
        ),
        # ... not a common word, a definite noun, a country, or a lowercase word where names have capitals
        (
            ["Agent: Var?", "Kund: Storgatan 12, Stämmer det? Ja, i Stadshuset, Skaragatan 8, nära Norge."],
            [("SE_ADDRESS", "Storgatan 12"), ("SE_ADDRESS", "Skaragatan 8")],
            [],
        ),
        (
            ["Agent: Var?", "Kund: Storgatan 3 utanför Willys. Lindvägen 7, Kanon. Från Biltema, Bäckebolsvägen 4."],
            [("SE_ADDRESS", "Storgatan 3"), ("SE_ADDRESS", "Lindvägen 7"), ("SE_ADDRESS", "Bäckebolsvägen 4")],
            [],
        ),
        (
            ["Agent: Var?", "Kund: I korridor, Kämnärsvägen 13 F, rum 412."],
            [("SE_ADDRESS", "Kämnärsvägen 13 F")],
            [("SE_ADDRESS", "rum 412")],
        ),
        # a read-back corrected after "Det är"
        (
            ["Talare 1: Leveransadress Kungsgårdsvägen trettionio?", "Talare 2: Det är 39 C, det saknas ett C."],
            [("SE_ADDRESS", "Kungsgårdsvägen trettionio")],
            [("SE_ADDRESS", "39 C")],
        ),
        # a long value's opening where a longer turn breaks off, read back whole two turns later
        (
            [
                "Kund: Ja, dödsboets konto. Vänta... Swedbank, åtta tre två sju, bindestreck nio...",
                "Agent: Mm.",
                "Kund: nio nio tre, fyra två sex, sju åtta ett, fyra.",
                "Agent: 8327-9, 993 426 781-4?",
            ],
            [
                ("SE_BANK_ACCOUNT", "nio nio tre, fyra två sex, sju åtta ett, fyra"),
                ("SE_BANK_ACCOUNT", "8327-9, 993 426 781-4"),
            ],
            [("SE_BANK_ACCOUNT", "åtta tre två sju, bindestreck nio")],
        ),
        # the speaker puts right the read-back of their own value, without "nej"
        (
            [
                "Kund: Det är 8237, och sen nio fyra, tre ett två, sju sju åtta.",
                "Agent: 94 312 787?",
                "Kund: Sju sju åtta. På slutet.",
            ],
            [
                ("SE_BANK_ACCOUNT", "8237, och sen nio fyra, tre ett två, sju sju åtta"),
                ("SE_BANK_ACCOUNT", "94 312 787"),
            ],
            [("SE_BANK_ACCOUNT", "Sju sju åtta")],
        ),
        # the whole value read back, part of it found already
        (
            [
                "Kund: Handelsbanken, sex sju fyra tre, och sen tvåhundrafyrtio, trehundrasjuttiosex, etthundranittioett.",
                "Agent: Jag läser tillbaka: sextusen sjuhundrafyrtiotre, och sen två fyra noll tre sju sex ett nio ett.",
            ],
            [
                (
                    "SE_BANK_ACCOUNT",
                    "sex sju fyra tre, och sen tvåhundrafyrtio, trehundrasjuttiosex, etthundranittioett",
                ),
                ("SE_BANK_ACCOUNT", "två fyra noll tre sju sex ett nio ett"),
            ],
            [("SE_BANK_ACCOUNT", "sextusen sjuhundrafyrtiotre, och sen två fyra noll tre sju sex ett nio ett")],
        ),
        # a read-back that starts over after a pause: each part is a piece of the value
        (
            ["Agent: PUK-koden är 5 2 9 0 3 3 6 1.", "Kund: 52... vänta, 529033...", "Agent: 61."],
            [("ACCESS_CODE", "5 2 9 0 3 3 6 1")],
            [("ACCESS_CODE", "52"), ("ACCESS_CODE", "529033"), ("ACCESS_CODE", "61")],
        ),
        # a number word broken off before the value it begins
        (
            ["Kund: 19900320-2398.", "Agent: Nittio... ja, 900320-2398. Och namnet?"],
            [("SE_PERSONNUMMER", "19900320-2398")],
            [("SE_PERSONNUMMER", "900320-2398"), ("SE_PERSONNUMMER", "Nittio")],
        ),
        # a second name joined to a name found
        (
            ["Agent: Jag ser Provo och Maria Testsson på den adressen."],
            [("PERSON", "Provo")],
            [("PERSON", "Maria Testsson")],
        ),
        # the right piece and the wrong set against each other, a piece of a value found in the turn
        (
            ["Kund: Plus fyrtionio, ett sju sex, två fyra åtta, nio noll tre. Nej, två fyra sju, inte två fyra åtta."],
            [("PHONE_NUMBER", "Plus fyrtionio, ett sju sex, två fyra åtta, nio noll tre")],
            [("PHONE_NUMBER", "två fyra sju"), ("PHONE_NUMBER", "två fyra åtta")],
        ),
        (
            ["Agent: Passnumret?", "Kund: 6150 4471. Nej vänta, det var 4417 på slutet, inte 4471."],
            [("ID_NUMBER", "6150 4471")],
            [("ID_NUMBER", "4417"), ("ID_NUMBER", "4471")],
        ),
        # the two a speaker cannot choose between, of as many digits, one a piece of a value
        (
            ["Kund: 19831210... 9 2 5 2", "Agent: 831210... var det 9 2 5 2 eller 9 2 5 3?"],
            [("SE_PERSONNUMMER", "19831210... 9 2 5 2")],
            [("SE_PERSONNUMMER", "831210"), ("SE_PERSONNUMMER", "9 2 5 2"), ("SE_PERSONNUMMER", "9 2 5 3")],
        ),
        (
            ["Kund: KXP 47B.", "Agent: K X P fyrtiosju B.", "Kund: Ja. Eller vänta, är det 47B eller 74B... nej."],
            [("SE_VEHICLE_REGISTRATION", "KXP 47B"), ("SE_VEHICLE_REGISTRATION", "K X P fyrtiosju B")],
            [("SE_VEHICLE_REGISTRATION", "47B"), ("SE_VEHICLE_REGISTRATION", "74B")],
        ),
        # the post town the other speaker names after a postnummer that ended its turn
        (
            ["Kund: 163 72.", "Agent: Spånga. Mm. Och telefon?"],
            [("SE_POSTAL_CODE", "163 72")],
            [("LOCATION", "Spånga")],
        ),
        # ... or two, a place's adjective and a name
        (
            ["Kund: Lövgården 1, 715 94 Stora Mellösa", "Agent: Tack."],
            [("SE_POSTAL_CODE", "715 94")],
            [("LOCATION", "Stora Mellösa")],
        ),
        # ... and a town after a person's whole name, as an address line puts it
        (
            ["Kundtjänst: där har jag dig, Kristoffer Testsson i Järpen", "Kund: mm"],
            [("PERSON", "Kristoffer Testsson")],
            [("LOCATION", "Järpen")],
        ),
        # ... in lowercase, after "från", or a relative's first name, going on with "men"
        (
            ["Kund: ja här rune provsson från saltsjöbaden"],
            [("PERSON", "rune provsson")],
            [("LOCATION", "saltsjöbaden")],
        ),
        (
            ["Kund: en kusin margareta i bollnäs men jag vet inte efternamnet"],
            [("PERSON", "margareta")],
            [("LOCATION", "bollnäs")],
        ),
        # ... or capitalised, ending the line a register reads out
        (
            ["Agent: 820121-2381 Kristoffer Testsson Järpen", "Kund: ja"],
            [("PERSON", "Kristoffer Testsson")],
            [("LOCATION", "Järpen")],
        ),
        # ... or between a whole name and a street line
        (
            ["Agent: BF 77302 Ludvig Testsson Dalsjöfors Kyrkvägen 2", "Kund: ja"],
            [("PERSON", "Ludvig Testsson"), ("SE_ADDRESS", "Kyrkvägen 2")],
            [("LOCATION", "Dalsjöfors")],
        ),
        # a street's name begun earlier in its line, before the street line
        (
            ["Kund: nej från jobbet Morabergs eh jag jobbar på ett lager där Morabergsvägen 21"],
            [("SE_ADDRESS", "Morabergsvägen 21")],
            [("SE_ADDRESS", "Morabergs")],
        ),
        (
            ["Kund: Vivalla Centrum nej Vivallagatan 22"],
            [("SE_ADDRESS", "Vivallagatan 22")],
            [("SE_ADDRESS", "Vivalla")],
        ),
        # ... and the place after a street line, a filler before its postnummer
        (["Kund: Tallstigen 4 i Bjursås eh 790 21"], [("SE_ADDRESS", "Tallstigen 4")], [("LOCATION", "Bjursås")]),
        # a postnummer corrected with two digits swapped, in the next turn
        (
            [
                "Agent: den gick till Tallstigen 3 B, 831 34 Östersund",
                "Kund: ja och det ska vara 831 43, jag kastade om siffrorna",
            ],
            [("SE_POSTAL_CODE", "831 34")],
            [("SE_POSTAL_CODE", "831 43"), ("LOCATION", "Östersund")],
        ),
        # ... one word no lexicon knows ending the sentence after a first name
        (["Kund: Vi har två barn hemma, Maria och Tindrelle."], [("PERSON", "Maria")], [("PERSON", "Tindrelle")]),
        # a surname shaped as Swedish surnames are, right after a first name found alone
        (["Agent: jag söker karin vestergren"], [("PERSON", "karin")], [("PERSON", "vestergren")]),
        # a farm's name before the village found, and the farm someone lived on
        (["Agent: bra det gäller granbacken i nyland"], [("LOCATION", "nyland")], [("SE_ADDRESS", "granbacken")]),
        (["Kund: jag bor på backgården sen i våras"], [], [("SE_ADDRESS", "backgården")]),
        # a plate's digits read back in words, corrected
        (
            [
                "Kund: KTX 318.",
                "Agent: Jag har KTX 381. Tre åtta ett, inte tre ett åtta.",
                "Kund: Nej, det är tre ett åtta.",
            ],
            [("SE_VEHICLE_REGISTRATION", "KTX 318"), ("SE_VEHICLE_REGISTRATION", "KTX 381")],
            [
                ("SE_VEHICLE_REGISTRATION", "tre ett åtta"),
                ("SE_VEHICLE_REGISTRATION", "Tre åtta ett"),
                ("SE_VEHICLE_REGISTRATION", "tre ett åtta"),
            ],
        ),
    ],
)
def test_a_value_echoed_beside_where_it_was_found_takes_its_type(lines, found, expected):
    assert _echoed(lines, found) == expected


@pytest.mark.parametrize(
    "lines, found",
    [
        # amounts, measures and times after a value are no echo of it
        # (a town that is an ordinary word, or no town, after a name: "Anna i kassan", "Erik från mark")
        (["Kund: det var Anna i kassan och Erik från mark"], [("PERSON", "Anna"), ("PERSON", "Erik")]),
        # (a town or a common word after a first name, a farm word alone, a town's "-holm")
        (["Kund: jag heter anna och ringer från karin stockholm"], [("PERSON", "karin")]),
        (["Kund: vi bor på gården i nyland"], [("LOCATION", "nyland")]),
        (["Kund: han ville vara på Gamla kyrkogården i Sandviken"], [("LOCATION", "Sandviken")]),
        (["Kund: jag ringer om projektet Kvarnbacken i Sollentuna"], [("LOCATION", "Sollentuna")]),
        (["Kund: vi bodde på tällbergsgården förra året"], []),  # a hotel stayed at
        (["Kund: Ängsvägen 3 B.", "Agent: 3 dagar tar det, ungefär."], [("SE_ADDRESS", "Ängsvägen 3 B")]),
        (
            ["Kund: Kundnummer 4409137.", "Agent: Tack, 440 kronor är kvar att betala."],
            [("CUSTOMER_NUMBER", "4409137")],
        ),
        (
            ["Agent: Sernanders väg 12?", "Kund: Nej, vi flyttade för två år sedan."],
            [("SE_ADDRESS", "Sernanders väg 12")],
        ),
        # ... nor a number after a question, nor one that goes on as no house number does
        (["Kund: Storgatan.", "Agent: Hur många?", "Kund: Tre."], [("SE_ADDRESS", "Storgatan")]),
        (["Kund: Storgatan.", "Agent: Mm.", "Kund: Två saker till bara."], [("SE_ADDRESS", "Storgatan")]),
        (["Kund: Storgatan.", "Agent: Ja?", "Kund: Ett ögonblick."], [("SE_ADDRESS", "Storgatan")]),
        # ... nor a day or a common word after "ja på"
        (["Agent: Gräddö byväg 45?", "Kund: Ja, på fredag."], [("SE_ADDRESS", "Gräddö byväg 45")]),
        # ... nor a street said alone, before a time or an amount
        (["Kund: Storgatan.", "Agent: Okej.", "Kund: Tre veckor sen flyttade jag dit."], [("SE_ADDRESS", "Storgatan")]),
        # a number the next turn opens with that is no piece of the value
        (["Kund: Postnumret är 582 25.", "Agent: Tack, 31 mars kommer paketet."], [("SE_POSTAL_CODE", "582 25")]),
        # one digit of a long value, or a number later in the turn
        (["Kund: 5812-0735.", "Agent: Ja, två saker till bara."], [("SE_BANKGIRO", "5812-0735")]),
        (["Kund: Ängsvägen 3 B.", "Agent: Okej, då kommer vi på tisdag vid 3."], [("SE_ADDRESS", "Ängsvägen 3 B")]),
        # a correction that names no number, and a name, which is no number to echo
        (["Kund: Götgatan 67, inte porten på baksidan."], [("SE_ADDRESS", "Götgatan 67")]),
        (["Kund: Eva Ek.", "Agent: Nej, 12 står det här."], [("PERSON", "Eva Ek")]),
        # a reference after a value, however near a copy
        (
            ["Agent: Det gäller lägenhet 1103?", "Kund: Ja.\nAgent: Ditt ärendenummer blir 1104."],
            [("SE_ADDRESS", "lägenhet 1103")],
        ),
        (["Agent: Kundnummer 4471 2290?", "Kund: Nej, ordernumret är 4471 2291."], [("CUSTOMER_NUMBER", "4471 2290")]),
        (["Agent: Vasagatan 8?", "Kund: Ja, i Sverige."], [("SE_ADDRESS", "Vasagatan 8")]),
        # a list's next number of other length
        (["Kund: Kundnummer 4409137 och 2 barn har jag."], [("CUSTOMER_NUMBER", "4409137")]),
        # a reference grouped as a value; a word after a postnummer that is no town
        (["Agent: Kund 20 18 44 7, ordernummer 33 91 21 0."], [("CUSTOMER_NUMBER", "20 18 44 7")]),
        (["Talare 2: Jag rättar till Blåklintsvägen 9. Postnumret 431 37 stämmer?"], [("SE_POSTAL_CODE", "431 37")]),
        (["Kund: Postnummer 431 37, tack."], [("SE_POSTAL_CODE", "431 37")]),
        # a postnummer-shaped amount after an address
        (["Agent: Vasagatan 8?", "Kund: Ja. 12 500 kronor kostade flytten."], [("SE_ADDRESS", "Vasagatan 8")]),
        # the same speaker going on is no read-back
        (["Kund: Postnumret är 582 25.", "Kund: 25 minuter bort bor jag."], [("SE_POSTAL_CODE", "582 25")]),
        # a reference of the company's dictated and read back, a service number
        (["Agent: Har du ordernumret?", "Kund: Ja, fyrtio elva åttiosju tjugosex.", "Agent: 40118726, ja."], []),
        (["Agent: Skadenumret blir S-24-118 402.", "Kund: S tjugofyra, hundraarton, fyrahundratvå."], []),
        (["Agent: Felanmälan har noll tjugo tolv trettiofyra femtiosex.", "Kund: 020-12 34 56, tack."], []),
        # pieces in a turn that explains more than it gives, an amount said twice
        (
            [
                "Agent: Och beloppet, fyra hundra femtio sex, tror jag, fyra hundra femtio sex.",
                "Kund: Kontot är 914 456 783-2 fortfarande.",
            ],
            [("SE_BANK_ACCOUNT", "914 456 783-2")],
        ),
        (
            [
                "Kund: Det börjar på sjuttiofem och sen kommer det fyra åtta tre sex, och två fyra sju tre.",
                "Agent: 735999 0001 4836 2473.",
            ],
            [("SE_FACILITY_ID", "735999 0001 4836 2473")],
        ),
        # a place, a common word or an amount after a name or a value
        (["Kund: Det var Anna och Stockholm jag pratade om, och Anna och Tack."], [("PERSON", "Anna")]),
        (["Kund: Jag har pratat med Ahmed och Länsförsäkringar Skåne."], [("PERSON", "Ahmed")]),
        # ... a make, a town, a word that is no first name before "och"
        (["Kund: Jag pratade med Erik och Volvo.", "Kund: Erik och Eskilstuna."], [("PERSON", "Erik")]),
        (["Kund: Glansfull Städ och Glansarna."], [("PERSON", "Städ")]),
        # two amounts set against each other, no piece of a value found; a word opening the next turn
        (
            ["Kund: Kundnummer 4409137.", "Kund: Det kostar trehundra, inte tvåhundra kronor."],
            [("CUSTOMER_NUMBER", "4409137")],
        ),
        (["Kund: 163 72.", "Agent: Tack. Och telefon?"], [("SE_POSTAL_CODE", "163 72")]),
        # ... a piece of a phone number found turns before; amounts against each other in its turn
        (
            ["Kund: 073-660 14 30.", "Agent: Tack. Hur många blir ni?", "Kund: Vi blir 30, inte 40."],
            [("PHONE_NUMBER", "073-660 14 30")],
        ),
        (["Kund: 070-350 44 53, och jag betalade 350, inte 530 kronor."], [("PHONE_NUMBER", "070-350 44 53")]),
        # ... or one of a choice not as long as the other, or an amount
        (["Kund: Kundnummer 4409137.", "Agent: Var det 44 eller 440?"], [("CUSTOMER_NUMBER", "4409137")]),
        # a town after a first name alone, or no town after a whole name
        (
            ["Kund: Det var Provo i Luleå, och Provo Testsson i telefon."],
            [("PERSON", "Provo"), ("PERSON", "Provo Testsson")],
        ),
        (["Kund: Kundnummer 4409137.", "Agent: Blir det 44 eller 37 kronor?"], [("CUSTOMER_NUMBER", "4409137")]),
        # ... or years, or short numbers without a plate's letter
        (
            ["Kund: Kundnummer 20194417.", "Agent: Var det 2019 eller 2020 du tecknade den?"],
            [("CUSTOMER_NUMBER", "20194417")],
        ),
        (["Kund: KXP 47B.", "Agent: Var det zon 47 eller 74?"], [("SE_VEHICLE_REGISTRATION", "KXP 47B")]),
        # a year near a plate, and a piece of its digits
        (
            ["Agent: KTX 318?", "Kund: Nej, jag köpte den 2019.", "Agent: 31, okej."],
            [("SE_VEHICLE_REGISTRATION", "KTX 318")],
        ),
        (["Kund: Tre... ja, 4 500 kronor, och kundnumret 4409137."], [("CUSTOMER_NUMBER", "4409137")]),
        # a common word a street's name begins with; a word the name begins with in another line
        (["Kund: vi har en björk vid Björkvägen 3"], [("SE_ADDRESS", "Björkvägen 3")]),
        (["Kund: det var Morabergs fel", "Kund: Morabergsvägen 21"], [("SE_ADDRESS", "Morabergsvägen 21")]),
        # ... a place named after its street, with no filler or correction between
        (["Agent: vi har en station i Birsta på Birstavägen 7"], [("SE_ADDRESS", "Birstavägen 7")]),
        # a number grouped as a value, but in the next sentence: the company's trip
        (
            ["Agent: 388 140 ja Marianne Ek. Resan 610 253 till Vårdcentralen Gripen på fredag"],
            [("CUSTOMER_NUMBER", "388 140")],
        ),
    ],
)
def test_what_is_no_echo_is_not_taken(lines, found):
    assert _echoed(lines, found) == []


def _compacted(lines: list[str], found: list[tuple[str, str]]) -> list[tuple[str, str]]:
    text = "\n".join(lines)
    spans = [(e, text.index(v), text.index(v) + len(v)) for e, v in found]
    return [(e, text[s:t]) for e, s, t in compacted(text, spans)]


@pytest.mark.parametrize(
    "lines, found, expected",
    [
        # a user name spelled in pieces and read back as one token
        (
            ["Agent: Ditt användarnamn?", "Kund: S-A-N... M-A-T... noll ett.", "Agent: sanmat01. Och ditt nummer?"],
            [("PERSON", "S-A-N... M-A-T"), ("PERSONAL_DETAIL", "noll ett")],
            [("USERNAME", "sanmat01")],
        ),
        (
            ["Kund: Det är provo understreck lan.", "Agent: provo_lan, ja."],
            [("PERSON", "provo"), ("PERSONAL_DETAIL", "understreck lan")],
            [("USERNAME", "provo_lan")],
        ),
        # ... or said in one piece with its digits in words, read back written
        (
            ["Kund: provolan åttioåtta, allt ihop", "Agent: provolan88. Och ditt personnummer?"],
            [("USERNAME", "provolan åttioåtta")],
            [("USERNAME", "provolan88")],
        ),
        # ... or a code in letters alone, of the first piece's type
        (
            ["Kund: K som i Kalle, V... X, Z, Q.", "Agent: Mm.", "Agent: KVXZQ, tack."],
            [("ACCESS_CODE", "K som i Kalle, V"), ("ACCESS_CODE", "X, Z, Q")],
            [("ACCESS_CODE", "KVXZQ")],
        ),
    ],
)
def test_a_value_given_in_pieces_and_read_back_as_one_token(lines, found, expected):
    assert _compacted(lines, found) == expected


@pytest.mark.parametrize(
    "lines, found",
    [
        # one piece alone is no joined value (the read-backs above take it); the same speaker going on
        (["Kund: Det är provo.", "Agent: provo01, ja."], [("PERSON", "provo")]),
        (["Kund: S-A-N... M-A-T... noll ett.", "Kund: sanmat01."], [("PERSON", "S-A-N... M-A-T"), ("X", "noll ett")]),
        # a word that only begins with the pieces, or pieces said three turns before
        (
            ["Kund: Provo... Lan.", "Agent: Provolanska vägen?"],
            [("PERSON", "Provo"), ("PERSON", "Lan")],
        ),
        (
            ["Kund: Provo... Lan.", "Agent: Mm.", "Kund: Ja.", "Agent: Mm.", "Agent: provolan."],
            [("PERSON", "Provo"), ("PERSON", "Lan")],
        ),
    ],
)
def test_what_is_no_token_read_back_is_not_taken(lines, found):
    assert _compacted(lines, found) == []


def _read_back(lines: list[str], found: list[tuple[str, str]]) -> list[tuple[str, str]]:
    text = "\n".join(lines)
    spans = []
    for e, v in found:  # each piece's next occurrence
        at = text.index(v, spans[-1][2] if spans else 0)
        spans.append((e, at, at + len(v)))
    return [(e, text[s:t]) for e, s, t in pieces_read_back(text, spans)]


def test_a_number_given_in_pieces_with_echoes_and_read_back_whole():
    lines = [
        "Kund: och sen tre noll fem",
        "Agent: mm",
        "Kund: ett ett åtta",
        "Agent: 118",
        "Kund: fyra sju sex",
        "Agent: 476. Så 305 118 476. Det var sexan som saknades.",
    ]
    found = [
        ("PERSONAL_DETAIL", "tre noll fem"),
        ("PERSONAL_DETAIL", "ett ett åtta"),
        ("SE_BANK_ACCOUNT", "fyra sju sex"),
    ]
    assert _read_back(lines, found) == [("PERSONAL_DETAIL", "118"), ("PERSONAL_DETAIL", "305 118 476")]
    # the listener's echo found too: skipped in the joining
    found_echo = found[:2] + [("PERSONAL_DETAIL", "118")] + found[2:]
    assert ("PERSONAL_DETAIL", "305 118 476") in _read_back(lines, found_echo)


def test_a_code_given_in_pieces_and_read_back_whole():
    lines = ["Kund: det finns en nyckelbox koden är sju tre", "Agent: mm", "Kund: fyra åtta", "Agent: 7348 noterat"]
    found = [("ACCESS_CODE", "sju tre"), ("ACCESS_CODE", "fyra åtta")]
    assert _read_back(lines, found) == [("ACCESS_CODE", "7348")]


@pytest.mark.parametrize(
    "lines, found",
    [
        # joined, fewer than six digits (but for a code's pieces); the pieces seven turns apart
        (["Kund: tolv", "Agent: mm", "Kund: trettio", "Agent: Så 1230."], [("X", "tolv"), ("X", "trettio")]),
        (
            ["Kund: tre noll fem", *["Agent: mm", "Kund: ja"] * 3, "Kund: ett ett åtta", "Agent: 305118."],
            [("X", "tre noll fem"), ("X", "ett ett åtta")],
        ),
        # an echo with more in its turn, or by the same speaker
        (["Kund: ett ett åtta", "Agent: 118 kronor, ja."], [("X", "ett ett åtta")]),
        (["Kund: ett ett åtta", "Kund: 118"], [("X", "ett ett åtta")]),
    ],
)
def test_what_is_no_read_back_of_pieces_is_not_taken(lines, found):
    assert _read_back(lines, found) == []


@pytest.mark.parametrize(
    "body, month",
    [
        ("2015 ... październik ... jedenaście ... 2384", "październik"),  # Polish
        ("2015 ... pazdziernik ... jedenascie ... 2384", "pazdziernik"),  # as the detection view folds it
        ("1989 ... jenuwari ... shewate", "jenuwari"),  # Tigrinya
        ("1988, kanun el-tani, 'ishrin w talata", "kanun el-tani"),  # Levantine Arabic
        ("2023... noofembar ... laba", "noofembar"),  # Somali
    ],
)
def test_a_month_beside_a_piece_of_a_birth_date_is_part_of_it(body, month):
    """The digits of a birth date said in the caller's language are found; the month between them
    would be left (made-up dates)."""
    text = f"Agent: Personnummer?\nKund: {body}"
    year = text.index(body.split()[0])
    spans = [("SE_PERSONNUMMER", year, year + 4), ("SE_PERSONNUMMER", text.rindex(body.split()[-1]), len(text))]
    at = text.index(month)
    assert months_beside(text, spans) == [("SE_PERSONNUMMER", at, at + len(month))]


def test_a_month_apart_from_a_birth_date_stays():
    text = "Agent: Vi har ett möte den 3 maj. Ditt personnummer?\nKund: 19880413-2382, och mötet i maj passar."
    at = text.index("19880413")
    assert months_beside(text, [("SE_PERSONNUMMER", at, at + 13)]) == []
