"""SE_ADDRESS street lines (written and spoken) and LOCATION post towns after an address."""

from __future__ import annotations

import pytest

from recognizers import canonical_value
from recognizers.address import (
    ENTITY,
    LOCATION,
    KlangAddressRecognizer,
    KlangHomePlaceRecognizer,
    KlangPlaceAfterStreetRecognizer,
    KlangPostTownRecognizer,
    towns,
)


@pytest.fixture(scope="module")
def recs():
    return KlangAddressRecognizer(), KlangPostTownRecognizer()


def found(recs, text):
    street, town = recs
    res = street.analyze(text, [ENTITY]) + town.analyze(text, [LOCATION])
    return sorted((r.entity_type, text[r.start : r.end]) for r in res)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Den nya jackan ska till Ringvägen, eh, fjorton B.", [(ENTITY, "Ringvägen, eh, fjorton B")]),
        (
            "Jag bor på Lövstigen 4B, lägenhet 1102, 722 19 Västerås.",
            [(LOCATION, "Västerås"), (ENTITY, "Lövstigen 4B, lägenhet 1102")],
        ),
        ("ja det är storgatan tolv i västerås", [(LOCATION, "västerås"), (ENTITY, "storgatan tolv")]),
        (
            "kungsgatan fyrtiotre b sju två två nitton västerås",
            [(LOCATION, "västerås"), (ENTITY, "kungsgatan fyrtiotre b")],
        ),
        ("Olof Palmes gata 3 lgh 1201 i Stockholm", [(LOCATION, "Stockholm"), (ENTITY, "Olof Palmes gata 3 lgh 1201")]),
        ("Gamla vägen 5, 123 45 Mora", [(LOCATION, "Mora"), (ENTITY, "Gamla vägen 5")]),
        ("Stora Nygatan 17 2 tr, 111 27 Stockholm", [(LOCATION, "Stockholm"), (ENTITY, "Stora Nygatan 17 2 tr")]),
        ("adressen är Hamnplan 2", [(ENTITY, "Hamnplan 2")]),
        # any capitalised adjective before a standalone ending; a street named as a home without its number
        ("Nu är det Breda gatan sex.", [(ENTITY, "Breda gatan sex")]),
        ("Vi bor på Sernanders väg, så skolan är nära.", [(ENTITY, "Sernanders väg")]),
        ("Jag bor kvar på Ekvägen.", [(ENTITY, "Ekvägen")]),
        # rural addresses by a farm's, a village's or an islet's name; streets abroad by their word for street
        ("Han bor på Ängsgården, ett boende.", [(ENTITY, "Ängsgården")]),
        ("Det är Lillgården 105.", [(ENTITY, "Lillgården 105")]),
        ("Västanbyn 12 och Ekholmen tjugotre", [(ENTITY, "Ekholmen tjugotre"), (ENTITY, "Västanbyn 12")]),
        ("Ulica Długa fyrtiofem, lägenhet sju.", [(ENTITY, "Ulica Długa fyrtiofem")]),
        ("Calle Mayor 12, Via Roma 3", [(ENTITY, "Calle Mayor 12"), (ENTITY, "Via Roma 3")]),
        ("Halina Provska, ulica Długa 14, Kraków.", [(ENTITY, "ulica Długa 14")]),  # the street word in lowercase
        ("Thorvald Meyers gate tjugotvå", [(ENTITY, "Thorvald Meyers gate tjugotvå")]),
        # streets abroad in lowercase, by endings no Swedish word has
        ("min adresse var toftesvej 12", [(ENTITY, "toftesvej 12")]),
        ("ryesgade fyrtiofyra tredje tv", [(ENTITY, "ryesgade fyrtiofyra")]),
        ("vi ses vid gaten 12, en brigade 2 kom", []),
        # streets abroad, by their own endings (capitalised only)
        ("Vi bor på Hauptstraße 12 nu.", [(ENTITY, "Hauptstraße 12")]),
        ("adressen är Mannerheimintie tjugotre A", [(ENTITY, "Mannerheimintie tjugotre A")]),
        # one capital before the ending; the flat's four digits alone after the house number
        ("Ågatan 40, 582 22.", [(ENTITY, "Ågatan 40")]),
        ("Kastanjegatan 19, 1204. Och ditt namn?", [(ENTITY, "Kastanjegatan 19, 1204")]),
        # a genitive before "allé" (read as "alle" by detection)
        ("Jag bor på Ryds allé 14.", [(ENTITY, "Ryds allé 14")]),
        # digits one by one, as some speech-to-text writes them
        ("Hornsgatan 1 5 8, lägenhet 1 1 03.", [(ENTITY, "Hornsgatan 1 5 8, lägenhet 1 1 03")]),
        ("Kopparvägen 1 3, lägenhet 12 04, tack.", [(ENTITY, "Kopparvägen 1 3, lägenhet 12 04")]),
        ("Ett korridorrum på Lokförargatan 12, rum 214.", [(ENTITY, "Lokförargatan 12, rum 214")]),
        ("Kastanjegatan 19, 2019 till 2022.", [(ENTITY, "Kastanjegatan 19")]),  # a year, not the flat
        ("Ringvägen tjugo tre", [(ENTITY, "Ringvägen tjugo tre")]),
        ("leverans till ringvägen åttioåtta", [(ENTITY, "ringvägen åttioåtta")]),  # a street, in lowercase too
        ("Vi bor på Solgläntan 6.", [(ENTITY, "Solgläntan 6")]),
        ("Skolgatan 9 A i Upplands Väsby", [(LOCATION, "Upplands Väsby"), (ENTITY, "Skolgatan 9 A")]),
        ("skolstigen 47 två två sex nittioåtta lund", [(LOCATION, "lund"), (ENTITY, "skolstigen 47")]),
        ("722 19 mora", [(LOCATION, "mora")]),
        ("Bäckvägen tio a i Visby", [(LOCATION, "Visby"), (ENTITY, "Bäckvägen tio a")]),
        ("jag har flyttat till Sjöbrinken 22 i Alingsås", [(LOCATION, "Alingsås"), (ENTITY, "Sjöbrinken 22")]),
        ("vad är adressen sjöbrinken tjugotvå", [(ENTITY, "sjöbrinken tjugotvå")]),
        # the town someone lives in, in any case
        ("jag bor i bollebygd nu sen i våras", [(LOCATION, "bollebygd")]),
        ("vi har flyttat till Gnesta", [(LOCATION, "Gnesta")]),
        ("vi bor långt ut, i Ljusdal", [(LOCATION, "Ljusdal")]),
        ("skicka till mig här i Alunda", [(LOCATION, "Alunda")]),
        # a floor said in words; "svingen" a street's ending
        ("kvarngatan tjugosex tredje våningen", [(ENTITY, "kvarngatan tjugosex tredje våningen")]),
        ("rinkebysvingen tjugotvå", [(ENTITY, "rinkebysvingen tjugotvå")]),
        ("Björkgatan 4 två trappor upp", [(ENTITY, "Björkgatan 4 två trappor upp")]),
    ],
)
def test_found(recs, text, expected):
    assert found(recs, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "vi kan lägga upp en betalningsplan 6 månader",
        "det tar en halvtimme på motorvägen 40 minuter",
        "riksväg 50 var avstängd",
        "en säkring på 16 ampere i Lund",
        "vi har ett kontor i Västerås",  # a town alone is the NER model's job
        "så vi ses klockan tre mark",  # ambiguous town names must be capitalised (or follow a postal code)
        "hamnplan 2",  # everyday compound endings must be capitalised
        "jag bor i lägenhet, vi bor i mark",  # no town, or a town that is an ordinary word
        "ta andra gatan till vänster",  # lowercase: a direction
        "Vi bor på landet och handlar på Ica.",
        "Vi var på Kolmården två gånger.",
        "det ligger på Storgatan tvåhundra meter bort",  # a distance
    ],
)
def test_not_found(recs, text):
    assert found(recs, text) == []


def test_canonical_spoken_equals_written():
    assert canonical_value(ENTITY, "Storgatan tolv") == canonical_value(ENTITY, "storgatan 12")
    assert canonical_value(ENTITY, "Lövstigen 4 B, lägenhet 1102") == canonical_value(ENTITY, "lövstigen 4b lgh 1102")
    assert canonical_value(ENTITY, "Sollentunavägen hundrasextioåtta") == canonical_value(ENTITY, "sollentunavägen 168")


def test_house_numbers_in_words_are_the_spoken_number_engine_s():
    from recognizers.address import NUMBER_WORDS
    from recognizers.numbers import words_to_digits

    read = {w: int(d) for w in NUMBER_WORDS if (d := words_to_digits(w))}
    assert read == {w: NUMBER_WORDS[w] for w in read} and len(read) > 0.95 * len(NUMBER_WORDS)
    assert NUMBER_WORDS["tretty"] == 30 and NUMBER_WORDS["aderton"] == 18  # ASR variants the engine reads


@pytest.mark.parametrize(
    "said",
    [
        "Storgatan aderton",
        "Storgatan tretty två",
        "Sollentunavägen hundrasextioåtta",
        "Karlavägen tvåhundra fyra",
        "Sollentunavägen ett hundra sextio åtta",
    ],
)
def test_house_numbers_in_every_variant_the_engine_reads(recs, said):
    assert found(recs, f"Jag bor på {said} sedan i fjol.") == [(ENTITY, said)]


def test_gazetteers():
    names = towns()
    assert len(names) >= 290
    for town in ("Stockholm", "Västerås", "Upplands Väsby", "Malung-Sälen", "Östra Göinge", "Bromma"):
        assert town in names


def test_long_text_is_fast(recs):
    import time

    text = "och sen så är det 16 ampere på vägen hem tre gånger i Stockholm och 722 kronor " * 300
    t0 = time.perf_counter()
    assert found(recs, text) == []
    assert time.perf_counter() - t0 < 2


@pytest.mark.parametrize(
    "text, expected",
    [
        ("kvarnslingan tjugotvå 559 07 jönköping", "kvarnslingan tjugotvå"),
        ("jag bor på kvarnslingan 22", "kvarnslingan 22"),
        ("parkleden sexton c lgh 1006 977 90 luleå", "parkleden sexton c lgh 1006"),
        ("så solbacken tre i falun", "solbacken tre"),
        ("vi bor kvar på eh solgläntan sex tills i juni", "solgläntan sex"),  # "-gläntan", after "bor kvar på"
        ("tack. den skickades till kvarngärdet tolv c", "kvarngärdet tolv c"),  # where a parcel went
    ],
)
def test_lowercase_everyday_endings_when_marked_as_an_address(text, expected):
    from recognizers.address import KlangAddressLowercaseRecognizer

    assert [text[r.start : r.end] for r in KlangAddressLowercaseRecognizer().analyze(text, [ENTITY])] == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "vi har en betalningsplan 2 år",
        "i backen 3 gånger",
        "motorvägen 40 mot stan",
        "den skickades till backen 3 gånger",
        "paketet levererades till arbetsplatsen två gånger men ingen var där",
    ],
)
def test_lowercase_everyday_endings_alone_are_not_addresses(text):
    from recognizers.address import KlangAddressLowercaseRecognizer

    assert KlangAddressLowercaseRecognizer().analyze(text, [ENTITY]) == []


@pytest.mark.parametrize(
    "text, found",
    [
        ("Jag bor kvar uppe i Moskosel.", ["Moskosel"]),
        ("Vi bor långt ut, i Järbo, närmaste akut är i Gävle.", ["Järbo"]),
        ("Nu bor jag i Tranås, sen i våras.", ["Tranås"]),  # the subject after the verb
        ("ja, men i juni flyttar vi till Åbo, till Aurakatu 8", ["Åbo"]),
        ("där bor ja i Mora, ja", ["Mora"]),  # ... in dialect
        ("Bor du i Sverige nu?", []),
        ("Vi bor i Norge nu. Jag har flyttat till Spanien.", []),  # a country
        ("Nej, vi har flyttat till Smedby, Kolbäcksvägen 4.", ["Smedby"]),  # where someone has moved
        ("Vi flyttade till Ett annat ställe.", []),  # a common word
        ("vi flyttade till andersberg i oktober", ["andersberg"]),  # lowercase, as after "bor i"
        ("han har flyttat till stan och sen till jobbet", []),  # definite nouns
        ("jag kan flytta till onsdag den femte, eller flytta till tjugotredje", []),  # an appointment moved
        ("ja vi ska till Ödeshög där vi bor", ["Ödeshög"]),
        ("jag bor i en villa", []),  # no capital
        ("och systern bor i lübeck hon har numret", ["lübeck"]),  # lowercase: no word of a home
        ("hon bor fortfarande i kigoma va", ["kigoma"]),
        ("vi bor i hyresrätt, han bor i studentkorridor, de bor i trappan", []),  # dwellings, definite nouns
        ("han bor i sverige och hon bor i samma", []),  # a country, a common word
        ("nej och nu bor vi i kartonger redan haha", []),  # a plural noun
        ("Ja, han bor kvar i huset i Vittangi.", ["Vittangi"]),  # after the home itself
        ("Ring min bror. Han bor närmare, i Kallhäll.", ["Kallhäll"]),  # an adverb between
        ("Jag bor inte i Ösmo längre.", []),
        ("Han har flyttat till Solbackens äldreboende på Tunavägen.", ["Solbackens äldreboende"]),  # a care home
        ("Mamma är på Ekbackens servicehus sedan i våras.", ["Ekbackens servicehus"]),
        ("ja mamma bor på solgårdens äldreboende nu rum fjorton", ["solgårdens äldreboende"]),  # lowercase
        ("nu bor hon på lindgårdens vård och omsorgsboende", ["lindgårdens vård och omsorgsboende"]),
        # a post town named as one; a village or a farm by what it is called, its name a compound
        # ending in a definite word of the land
        ("ja eller det står havdhem som postort tror jag", ["havdhem"]),
        ("postorten är fel, det ska vara samma som förut", []),
        ("jag bor i en by som heter norrbäcken utanför", ["norrbäcken"]),
        ("vi bor i lillsjöliden sen tio år", ["lillsjöliden"]),
        ("gården heter så för att den ligger vid ån", []),
        ("hon jobbar på kommunens äldreboende", []),  # works there: no one's home
        ("nu bor han på kommunens äldreboende och hon på stadens", []),  # whose, not which
    ],
)
def test_the_place_someone_lives_in_that_no_gazetteer_lists(text, found):
    rec = KlangHomePlaceRecognizer()
    assert [text[r.start : r.end] for r in rec.analyze(text, rec.supported_entities)] == found


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Kund: prästgårdsvägen sju östervåla", ["östervåla"]),  # a village no gazetteer lists
        ("Agent: adressen är gamla landsvägen hundratolv i skultuna", ["skultuna"]),
        ("Kund: högbergsvägen 9 irsta.\nAgent: tack", ["irsta"]),
        ("Kund: storgatan 14 trappan", []),  # a definite noun
        ("Kund: storgatan 5 stämmer", []),  # a confirmation
        ("Kund: storgatan 5 kundnummer", []),
        ("Kund: kvarnvägen tolv femton", []),  # a number
        ("Kund: solvägen fyrtio nånstans", []),  # an adverb
        ("Kund: prästgårdsvägen sju östervåla tror jag", []),  # not last in its turn
        # ... or before its clause goes on to something else; or after "i" right before the street
        ("Kund: kyrkvägen 17 brunflo och ditt eget nummer", ["brunflo"]),
        ("Kund: kvarngatan fjorton b i gränby alltså uppsala", ["gränby"]),
        ("Kund: jag bor hos mina föräldrar nu i Brunflo Kyrkvägen 17", ["Brunflo"]),
        ("Kund: vi ses i kväll Storgatan 5", []),  # a lexicon word
    ],
)
def test_the_place_after_a_street_line_last_in_its_turn(text, found):
    rec = KlangPlaceAfterStreetRecognizer()
    assert [text[r.start : r.end] for r in rec.analyze(text, rec.supported_entities)] == found
