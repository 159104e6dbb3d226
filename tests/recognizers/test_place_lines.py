"""SE_ADDRESS in the forms a street line is not (recognizers/place_lines.py): a place and house
number before a postnummer, a box, a flat number, a property designation. Made-up places."""

from __future__ import annotations

import pytest

from recognizers.place_lines import KlangPlaceLineRecognizer


def _found(text: str, entity: str = "SE_ADDRESS") -> list[str]:
    return [text[r.start : r.end] for r in KlangPlaceLineRecognizer().analyze(text, None) if r.entity_type == entity]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Kund: Lövåsen 3, eh, 442 31 Kungälv.", ["Lövåsen 3"]),
        ("Det är Västanby 212, 742 91 Östhammar.", ["Västanby 212"]),
        ("Till Björkvägen 12, 532 92 Axvall.", ["Björkvägen 12"]),  # "Till" is no part of the place
        ("Fakturaadress: Box 221, 791 24 Falun.", ["Box 221"]),
        ("Kastanjegatan 19, lägenhet nummer 1204, andra våningen.", ["lägenhet nummer 1204"]),
        ("Jag har lagt bud på lägenhet nummer 37 på Lärkstigen 4.", ["lägenhet nummer 37"]),  # named so: any length
        ("hej zeynep arslan jag bor i lägenhet 23", ["lägenhet 23"]),  # where someone lives: any length
        ("Hon heter Aino Virtanen, hon bor på 116.", ["116"]),  # where someone lives, a bare number
        ("Det är lgh 1102.", ["lgh 1102"]),
        ("Till Rönnvägen 3B, det är en lägenhet, nummer 1102.", ["lägenhet, nummer 1102"]),
        ("Hon säger ja, men lägenheten är 1003 nu.", ["lägenheten är 1003"]),
        ("Nej. Grannen i elvahundrafyra har samma problem.", ["elvahundrafyra"]),  # a neighbour's flat said
        # a flat corrected
        ("lägenhet tolvhundratre, eller nej, tolvhundrafem.", ["lägenhet tolvhundratre", "tolvhundrafem"]),
        ("I kontraktet står det lägenhetsnummer 62, värdens egen.", ["lägenhetsnummer 62"]),
        ("Det gäller bygglov för fastigheten Tallen 4:12 i Ås.", ["Tallen 4:12"]),
        # lowercase before a post town, a hyphen, a box in words, lowercase with a property word
        ("hagaberg 3 442 31 kungälv", ["hagaberg 3"]),
        ("Fakturan ska till Ed-Backa 5, 668 92 Ed.", ["Ed-Backa 5"]),
        ("till box nummer 221 791 24 falun", ["box nummer 221"]),
        ("Vi har Box tvåhundratjugoett i Falun.", ["Box tvåhundratjugoett"]),
        ("Vi har sökt bygglov för ett garage på hjorten 4:12.", ["hjorten 4:12"]),
        # a flat number in words
        ("Lindvägen tolv, lägenhet elvahundraarton.", ["lägenhet elvahundraarton"]),
        # a neighbour's flat after "bor på", digit by digit; where someone is found: "hos Kjell i 1003"
        ("Grannen Kjell, han bor på 1 0 0 3, mittemot.", ["1 0 0 3"]),
        ("Nyckeln finns hos Kjell i 1003.", ["1003"]),
        ("det är lgh nummer tolv noll fyra", ["lgh nummer tolv noll fyra"]),
        ("Grannen i 1402 spelar hög musik.", ["1402"]),  # a neighbour's flat by its four digits
        ("Ovanför dig, i 1402, bor Olofsson enligt listan.", ["1402"]),
        ("De behöver komma in i 1402 också.", ["1402"]),
        # ... or by the one who lives there (a flat's number: floor 10-16, never a year)
        ("ja det är den där unga tjejen i 1401, Moa heter hon", ["1401"]),
        ("plats 18 är uppsagd av Jönsson i 1402, så kön rör sig", ["1402"]),
        ("han i 1401 spelar högt, och de i 1402", ["1401", "1402"]),
        ("Paret i fjortonhundraett bråkar.", ["fjortonhundraett"]),
        ("Det är Kastanjegatan 19, tolv noll fyra.", ["tolv noll fyra"]),  # a flat said after the street
        ("Det står fjorton noll tre på dörren.", ["fjorton noll tre"]),  # ... or of a door
        ("Det är dörren längst in, nummer elva noll två.", ["elva noll två"]),
        ("Storgatan 5 B, lägenhet sextiotvå.", ["lägenhet sextiotvå"]),
        ("Grannen på nummer fjorton har samma problem.", ["fjorton"]),  # a neighbour's house
        ("Gösta Provsson, han bor i nummer 5.", ["5"]),
        ("Jag har en postbox, Box fyrahundrasjutton, niohundraåttiotvå tjugoett Gällivare.", ["Box fyrahundrasjutton"]),
        ("Ja, fast lägenheten var tolvhundratvå.", ["lägenheten var tolvhundratvå"]),
        ("Kämnärsvägen trettiotre, rum femhundrafemton, i Lund.", ["rum femhundrafemton"]),
        ("Det är Norrgården tvåhundraelva, utanför byn.", ["Norrgården tvåhundraelva"]),  # a farm
        ("Bygglovet för Hjorten fyra kolon tolv.", ["Hjorten fyra kolon tolv"]),  # a property said
        # ... said so anywhere, as no clock is read
        ("det är ju hennes hus lövnäs ett kolon nitton", ["lövnäs ett kolon nitton"]),
        # ... or named where someone has land or a cottage, with no word of property
        ("Jo, skiftet vid Lidarve 3:41, där vid myren, det behöver gallras.", ["Lidarve 3:41"]),
        ("Jag hyr ut stugan på Östra Rönnäs 2:19 genom er.", ["Östra Rönnäs 2:19"]),
        # a block alone, asked for or after its word, and the same block with another number
        (
            "Agent: vilken fastighet gäller det\nKund: Hjorten 7 på Ekbacksvägen 22\nAgent: vem är grannen\n"
            "Kund: det är han på Hjorten 8",
            ["Hjorten 7", "Hjorten 8"],
        ),
        ("Agent: och fastighetsbeteckningen\nKund: vänta min man vet det Lärkan 12 säger han", ["Lärkan 12"]),
        ("Kund: Fastighetsbeteckningen är Lärkan 12.", ["Lärkan 12"]),
        ("Agent: Fastighetsavgiften är 9 287 kronor per år.\nKund: Okej, och Volvo 240 då?", []),
        # a time, a building's part, a model; another word than the property's; a quantity
        ("Agent: När köpte ni fastigheten?\nKund: Hösten 2019, i oktober tror jag.", []),
        ("Agent: Vilken fastighet gäller det?\nKund: Hus 3, Etapp 2, Port 2.", []),
        ("Agent: Vad är modellbeteckningen på bilen?\nKund: Det är en Volvo 240.", []),
        ("Kund: Fastigheten var såld till Heimstaden 2021.", []),
        ("Agent: Vilken fastighet?\nKund: Uppsala 2 mil söderut, vid gamla kvarnen.", []),
        ("Kund: Fastighetsbeteckningen är Kronan 4 och jag betalade Kronan 5 gånger extra.", ["Kronan 4"]),
        # a block after "fastigheten"; a unit no clock reads, with no word of property
        ("Agent: tack. då är det fastigheten Korpen 4 på Edsvägen 64.", ["Korpen 4"]),
        # ... in lowercase, its block and unit said; not a quantity nor a year
        ("Kund: tack fastigheten är lillträsk sex fjorton", ["lillträsk sex fjorton"]),
        ("Kund: fastigheten är ungefär tre fyra hektar och byggd nittonhundrasjuttio", []),
        ("Kund: fastigheten är skogsmark sex hektar", []),
        # not where owners are named: a car's owner beside a clock time
        ("Agent: lappen skrevs 15:40 och ägaren har fått den", []),
        ("Kund: det är på Gräddö, Gräddö 4:112, där vid bryggan", ["Gräddö 4:112"]),
        ("Kund: Det står i Miljöbalken 7:115, och Tisdag 15:30 passar.", []),
        # map coordinates, both of them; not a price and a reading
        (
            "Kund: vänta... 57,7031... och 14,3318\nAgent: 57,7031, 14,3318, toppen",
            ["57,7031... och 14,3318", "57,7031, 14,3318"],
        ),
        ("Kund: det kostar 59,900 och mätaren visar 12,500 liter", []),
        ("Kund: den har ingen adress men longitud 14,3318 latitud 57,7031", ["longitud 14,3318 latitud 57,7031"]),
        ("Kund: Den säger N 62° 23.472' E 17° 18.414' nu.", ["N 62° 23.472' E 17° 18.414'"]),
        (
            "Kund: den står på 58 grader 21 minuter nord 11 grader 13 minuter öst.",
            ["58 grader 21 minuter nord 11 grader 13 minuter öst"],
        ),
        (
            "Agent: Och förrådet hör till fastighet Lunden 12?\nKund: Ja, tomten heter Svanen 11.",
            ["Lunden 12", "Svanen 11"],
        ),
    ],
)
def test_other_address_forms_are_found(text, expected):
    assert _found(text) == expected


def test_the_postnummer_after_a_place_line_is_reported_too():
    assert _found("Hagaberg 3, eh, 442 31 Kungälv.", "SE_POSTAL_CODE") == ["442 31"]


@pytest.mark.parametrize(
    "text, codes, places",
    [
        ("Talare 2: Nej, Järvsö. 827 30... eh, 820 40 tror jag.", ["827 30"], ["Järvsö"]),
        ("Kund: Fältspatsvägen 6... eh, postorten är Spånga, 163 70.", ["163 70"], ["Spånga"]),
        ("Kund: Storgatan 3, i Umeå. 907 31 tror jag.", ["907 31"], ["Umeå"]),
        # a turn's first word may be no place; the postnummer is one all the same
        ("Kund: Stämmer. 811 94.", ["811 94"], []),
        ("Kund: Ödsmål, 444 95.", ["444 95"], []),
        # a common word, the noun itself, a phone number's piece, an amount
        ("Kund: Okej, 123 45. Postnumret, 113 22. Anna, 070 123 45 67. Telia, 450 00 kr.", [], []),
    ],
)
def test_a_postnummer_said_after_its_place(text, codes, places):
    assert _found(text, "SE_POSTAL_CODE") == codes
    assert _found(text, "LOCATION") == places


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Kund: Historiegränd 3, och rummet är B 214, i Umeå.", ["rummet är B 214"]),
        ("Kund: Hon bor i korridor nu, rum C 1103.", ["rum C 1103"]),
        ("Kund: Jag bor i rum 412 på hotellet, plan 3, rum 312.", []),  # a hotel's or a clinic's rooms
    ],
)
def test_a_corridor_room_by_its_letter(text, expected):
    assert [v for v in _found(text) if "rum" in v.lower()] == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # a neighbour's house by its number and letter; a storage room; a place named as the address
        ("Grannen Bengt tar emot, han bor i 39 B.", ["39 B"]),
        ("Rosenlundsgatan 18, förråd nummer fjorton i källaren.", ["förråd nummer fjorton"]),
        ("Tack. Vi har Solvändan 2 som adress?", ["Solvändan 2"]),
        ("Adressen är Ekbacken 4 B, och", ["Ekbacken 4 B"]),
        # a flat said straight into the postnummer
        ("kaptensgatan nio lägenhet tolvhundraåtta fyrahundraarton sextiosju göteborg", ["lägenhet tolvhundraåtta"]),
        # a neighbour's house without "nummer"; a flat by the number an association or landlord gives it
        ("Grannen Lennart på fyrtiofem har ett elverk.", ["fyrtiofem"]),
        ("Och i föreningens register har den nummer fyrtiotvå?", ["fyrtiotvå"]),
        ("Lägenhetsnummer 1103, men hyresvärden kallar den nummer fyrtiosex.", ["Lägenhetsnummer 1103", "fyrtiosex"]),
        ("1103 är Skatteverkets, föreningens är 34.", ["34"]),
        ("Grannen på tre år, hyresvärden är en privatperson, föreningens avgift är 4 500 kronor.", []),
        # a flat's four digits said where flats, floors or neighbours are talked of; not a year
        (
            "Vi har bytt lägenhet i samma hus, från trettonhundraett till trettonhundrafyra.",
            ["trettonhundraett", "trettonhundrafyra"],
        ),
        ("Det är rakt ovanför mig i tretton noll fem.", ["tretton noll fem"]),
        ("Grannen har bott där sen artonhundranittio, lägenheten kostar tolvhundra kronor.", []),
        # not a number of years, letters of a kind, or "Är" before a place
        ("Jag bor i 2 år till, vi bor i 3 A-lägenheter.", []),
        ("Är Kalle 2 som adress?", ["Kalle 2"]),
        ("Min lägenhet har nummer 1403 om de frågar.", ["lägenhet har nummer 1403"]),
    ],
)
def test_houses_rooms_and_places_named_as_the_address(text, expected):
    assert _found(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Jag betalade Faktura 3, 123 45 kr.",  # an amount, not a postnummer
        "Summa 3, 450 00 kr.",
        "Organisationsnummer 166 234 59 01.",  # a longer number, not a postnummer
        "Se Kapitel 4:12 i villkoren.",  # no property talked about
        "Vi söker en lägenhet på 3 rum.",
        "Det var 12 lägenheter 2024.",
        "Det kostar 450 kronor per lägenhet 450 kronor.",
        "Mätare 1, 45213 och Mätare 2, 38870.",  # meter readings, not places
        "Volvo 940, 31200 mil.",
        "Bygglov: Klockan 13:30, enligt Miljöbalken 7:15.",  # a time and a law, not properties
        "Tåget går från Göteborg 14:30 och är i Stockholm 17:45.",  # times with their two-digit hour
        "Vi ses på Måndag 9:30 då.",  # a weekday, a common word
        "vi har 3 barn 442 31 personer",  # lowercase with no post town after
        "Lägenheten niohundra kronor dyrare, en lägenhet tre trappor upp, lägenhet två rum.",
        "Vi bor i 2019 års hus på 1200 meters höjd, grannen i 1950-talets villa.",
        "Vi flyttade in i 2019, i 1800-talets hus.",
        "Mannen i 1998 var min pappa, och Volvon i 1700-talets stad.",
        # a public service's number, things and places
        "Kolla i 1177 så ser du tiden. Sköterskan i 1177 sa det. Föreningslokalen i 1001, Cykelrummet i 0902.",
        "Storgatan 12, nittonhundranittiofem flyttade vi dit. Storgatan 12, tolvhundra kronor.",
        "En lägenhet tjugo kvadrat, lägenhet två rum, dörren nummer 5.",
        "Grannen sa att nummer 3 var bäst.",
        "En lägenhet tre rum och kök, rum två är störst.",
        "Om bygglovet: kapitel fyra kolon två.",
        "läs psaltaren tjugotre kolon ett, och mötet är åtta kolon noll noll",  # a verse, a clock
        "Vi bor på 1 våning sedan 2019, och vi har bott hos Nisse i 2019.",
    ],
)
def test_ordinary_text_is_no_address(text):
    assert _found(text) == []


@pytest.mark.parametrize(
    "text, expected",
    [
        # each half of a position said with its compass word, or both after their letters, where
        # someone's place is named in the line or the one before, or the rest of a position given
        (
            "Kund: jag har dem från plottern femtionio grader fyrtioett komma fyrahundratolv norr\nAgent: mm\n"
            "Kund: arton grader femtiosex komma noll trettio öst",
            ["femtionio grader fyrtioett komma fyrahundratolv norr", "arton grader femtiosex komma noll trettio öst"],
        ),
        (
            "Kund: stugans position n femtionio fyrtioett komma fyra ett två e arton femtiosex komma noll tre noll",
            ["n femtionio fyrtioett komma fyra ett två e arton femtiosex komma noll tre noll"],
        ),
        # ... not a lighthouse's
        (
            "Agent: och sjökortet\nKund: nej fyren står på femtioåtta grader tjugo komma ett norr elva grader femton komma fyra öst",
            [],
        ),
        # a temperature, a decimal amount: no minutes with a compass word
        ("Kund: det var minus fem grader och tre komma två meter snö", []),
        ("Kund: vi köpte tre komma fem kilo norr om stan", []),
        # the floor someone lives on; not a floor of a shop or one said with no one living there
        ("Kund: ja och han bor på fjärde våningen och hissen är trasig", ["fjärde våningen"]),
        ("Kund: mamma bor ju på två trappor upp", ["två trappor upp"]),
        ("Kund: jag bor två trappor upp det är sjuttiotvå kvadrat", ["två trappor upp"]),
        ("Kund: skorna finns på andra våningen i butiken", []),
    ],
)
def test_positions_said_and_the_floor_someone_lives_on(text, expected):
    assert _found(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # a berth by its letter and number, or a berth word's number; corrected
        ("Kund: mm ja jag ser anders holm med plats d tolv här", ["d tolv"]),
        ("Kund: hej jag har sommarplats g trettioett och båtplats D12", ["g trettioett", "D12"]),
        ("Agent: okej jag ser boj nummer sjutton på dig", ["sjutton"]),
        ("Agent: och du får uppställningsplats trettiotvå på östra planen", ["trettiotvå"]),
        ("Kund: jag har plats h elva nej h tretton", ["h elva", "h tretton"]),
        ("Agent: tack då ser jag dig här plats d tolv på brygga fyra", ["d tolv"]),
        # ... and in a call that gives one so, another where a person or a boat lies
        (
            "Kund: jag har plats c tretton\nAgent: mm\nKund: och roger på a tio har samma problem",
            ["c tretton", "a tio"],
        ),
        # ... with "med", or answering a question for it
        (
            "Agent: lars-erik med plats d ett och du med d två\nAgent: vilken plats har du\nKund: c tjugotvå",
            ["d ett", "d två", "c tjugotvå"],
        ),
        # a place in a queue, a road, paper: no berth
        ("Agent: du står på plats tre i kön", []),
        ("Kund: olyckan var på e fyra och jag skrev ut den på a fyra", []),
        ("Kund: du har plats i bilen", []),
        # ... or a bare "plats" in a call about boats
        ("Kund: båten ligger kvar och plats v trettio på vinterplanen har jag kvar", ["v trettio"]),
        # a seat, pitches for sale or closed, a garage's places; a road or paper in a call with a berth
        ("Kund: jag sitter på tåget vagn fem plats c tjugotvå", []),
        ("Agent: då har vi plats b fyra och b sju lediga, och duscharna vid plats c ett är stängda", []),
        ("Agent: garaget bredvid har plats a ett till a fyrtio för teaterbesökare", []),
        ("Kund: jag har båtplats c tretton och kör ner på e sex, kvittot kommer på a fyra", ["c tretton"]),
    ],
)
def test_a_berth_rented_by_its_letter_and_number(text, expected):
    assert _found(text, "LOCATION") == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Kund: han bor nu på ett gruppboende Ljuragården Ljuravägen 3", ["Ljuragården"]),
        ("Kund: hon bor på äldreboendet solgläntan sen i våras", ["solgläntan"]),
        ("Agent: hon har fått beslut om en plats på servicebostaden Granen", ["Granen"]),
        # a home of no name, a common word after it
        ("Kund: vi har ett boende där personalen hjälper till", []),
        ("Kund: boendet har bra personal", []),
        ("Agent: han har ett besök på boendet onsdag nästa vecka", []),
    ],
)
def test_a_care_home_by_its_name(text, expected):
    assert _found(text, "LOCATION") == expected
