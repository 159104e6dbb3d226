"""SE_FACILITY_ID (18 digits, 735999, GS1), CUSTOMER_NUMBER (context only), IP_ADDRESS, MAC addresses."""

from __future__ import annotations

import pytest

from recognizers import canonical_value
from recognizers.identifiers import (
    CUSTOMER,
    FACILITY,
    IP,
    KlangContractCodeRecognizer,
    KlangCustomerNumberRecognizer,
    KlangFacilityIdRecognizer,
    KlangIpAddressRecognizer,
    KlangMacAddressRecognizer,
    KlangOwnNumberRecognizer,
    KlangSimCardRecognizer,
    KlangSpokenCustomerNumberRecognizer,
    KlangSpokenFacilityIdRecognizer,
    gs1_ok,
)


def gs1(body: str) -> str:
    return next(body + d for d in "0123456789" if gs1_ok(body + d))


FAC = gs1("73599912345678901")
WORDS = ["noll", "ett", "två", "tre", "fyra", "fem", "sex", "sju", "åtta", "nio"]


def results(rec, text):
    return [(text[r.start : r.end], r.score) for r in rec.analyze(text, rec.supported_entities)]


@pytest.mark.parametrize(
    "value",
    [
        FAC,
        f"{FAC[:6]} {FAC[6:9]} {FAC[9:12]} {FAC[12:15]} {FAC[15:]}",
        f"735 999 {FAC[6:9]} {FAC[9:12]} {FAC[12:15]} {FAC[15:]}",
    ],
)
def test_facility_written(value):
    assert results(KlangFacilityIdRecognizer(), f"anläggnings-id {value}.") == [(value, 1.0)]


def test_facility_wrong_check_digit_still_found_lower_and_spoken():
    bad = FAC[:-1] + str((int(FAC[-1]) + 1) % 10)
    assert results(KlangFacilityIdRecognizer(), f"det är {bad}") == [(bad, 0.6)]
    spoken = " ".join(WORDS[int(d)] for d in FAC)
    assert results(KlangSpokenFacilityIdRecognizer(), f"ja {spoken} tack") == [(spoken, 0.9)]
    assert canonical_value(FACILITY, spoken) == FAC
    assert results(KlangFacilityIdRecognizer(), "nummer 123456789012345678") == []


def test_customer_number_only_with_context():
    rec = KlangCustomerNumberRecognizer()
    assert not rec.may_match("mätarställningen är 45872")
    assert rec.may_match("kundnumret är 1234567")
    ((text, score),) = results(rec, "kundnumret är 1234567")
    assert text == "1234567" and score < 0.5  # raised by Presidio's context enhancer (see test_context)
    assert results(KlangSpokenCustomerNumberRecognizer(), "mitt kundnummer är ett två tre fyra fem sex") == [
        ("ett två tre fyra fem sex", 0.6)
    ]
    assert results(KlangSpokenCustomerNumberRecognizer(), "jag har ett två tre fyra fem sex") == []
    assert canonical_value(CUSTOMER, "kn 448120") == canonical_value(CUSTOMER, "KN-448120") == "KN448120"
    # a housing queue's id for the one queueing
    assert [t for t, _ in results(rec, "Ditt kö-id är BF 880 214, om du vill ha det.")] == ["BF 880 214"]
    assert results(rec, "Ditt kö-id är registrerat sedan 2019-03-12.") == []  # a date
    # a loan's number, also "för referens" (said of the number itself, no other reference)
    assert [t for t, _ in results(rec, "Agent: och lånenumret för referens är 9046 771 2038")] == ["9046 771 2038"]
    assert results(rec, "Agent: lånenumret har 10 siffror, fakturanumret är 4410 5523.") == []
    # ... read digit by digit, with a letter before or not
    assert [t for t, _ in results(rec, "ditt medlemsnummer är 8 8 0 2 1 4, det kommer på ett kort")] == ["8 8 0 2 1 4"]
    assert [t for t, _ in results(rec, "ditt medlemsnummer är S 8 8 0 2 1 4.")] == ["S 8 8 0 2 1 4"]
    assert results(rec, "medlemsnumret har 6 siffror, 1 2 3") == []
    # a care giver's patient-id or journal number, the agent stating it
    assert [t for t, _ in results(rec, "Agent: Då ser jag patient-id HC-118 402 här.")] == ["HC-118 402"]
    assert [t for t, _ in results(rec, "Agent: Journalnumret är 55 1234.")] == ["55 1234"]
    assert results(rec, "Patienten fick 2 tabletter à 500 mg, patientnämnden har 3 ärenden.") == []
    # not the number the word is about: a quantity, years or a date, another number named after it
    for text in (
        "Agent: Journalnummer behöver du inte, vi har 10 000 patienter i regionen.",
        "Kund: Jag har inget kundnummer, men bokningsnumret är 4481 2093.",
        "Kund: Patientnumret vet jag inte, men remissnumret står här, 552 103 887.",
        "Kund: Jag hittar inte journalnumret, men fakturan var på 12 400 kronor.",
        "Kund: Journalnumret? Jag ringde er 2023 2024 flera gånger om det.",
        "Kund: Jag har patientnummer hos er sedan 20190312 tror jag.",
        "Agent: Har du ditt patient-id?\nKund: Nej, men receptnumret är 2231 4456 12.",
    ):
        assert results(rec, text) == [], text
    # a reference said instead of the customer number asked for
    assert results(rec, "Har du kundnumret? Nej, men jag har ordernumret, 4410 5523.") == []


@pytest.mark.parametrize("value", ["192.0.2.14", "203.0.113.254", "2001:db8::8a2e:370:7334"])
def test_ip(value):
    assert [t for t, _ in results(KlangIpAddressRecognizer(), f"ip-adressen är {value}.")] == [value]


@pytest.mark.parametrize(
    "text",
    [
        "klockan 08.00",
        "version 1.2.3",
        "256.1.1.1",
        "den 15.3.2024",
        "349,50 kr",
        "routerns sida, 192.168.1.1 i webbläsaren",  # a router's factory address, every home's
    ],
)
def test_not_ip(text):
    assert results(KlangIpAddressRecognizer(), text) == []
    assert canonical_value(IP, " 192.0.2.14 ") == "192.0.2.14"


@pytest.mark.parametrize(
    "text, found",
    [
        ("Routern har 00:1A:79:FE:33:0C.", ["00:1A:79:FE:33:0C"]),
        # read back with colons, a comma after it: no list going on
        ("Agent: 08:B2:7C:11:E4:9A, toppen. Den har inte hörts av.", ["08:B2:7C:11:E4:9A"]),
        ("Agent: A4, 3C, 00, 1F, BE, 72. Nu är den registrerad.", ["A4, 3C, 00, 1F, BE, 72"]),
        ("a4-3c-00-1f-be-72", ["a4-3c-00-1f-be-72"]),
        (
            "wifi adress: F0 kolon 18 kolon 98 kolon 2A kolon CC kolon 01",
            ["F0 kolon 18 kolon 98 kolon 2A kolon CC kolon 01"],
        ),
        ("Vi har 12, 34, 56, 78, 90, 11 kronor på sex fakturor.", []),  # numbers only: a list, no MAC
        ("Jag spelade e4 e5 d4 d5 c4 c6, sen vet jag inte mer.", []),  # moves, seats: a comma goes on
        ("Hyllorna B1-B2-C3-C4-D5-D6, sen inget mer.", []),
        ("00:1A:79:FE:33", []),  # five pairs
    ],
)
def test_mac_addresses_written(text, found):
    assert [t for t, _ in results(KlangMacAddressRecognizer(), text)] == found


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Det gamla SIM-kortet, 8946 2010 2240 1187 329, blir ogiltigt.", ["8946 2010 2240 1187 329"]),
        ("Det har nummer 89 46 01 99 21 00 34 5 77 8.", ["89 46 01 99 21 00 34 5 77 8"]),
        # an amount, a short number, another country's SIM
        ("Jag betalade 8946 kronor, ärende 89 46 12, och 8947 2010 2240 1187 329.", []),
        # an eSIM's EID: 32 digits from 89
        ("EID... det är 89049032 0072 0110 0000 2198 4417 5206", ["89049032 0072 0110 0000 2198 4417 5206"]),
    ],
)
def test_sim_card_number(text, expected):
    assert [t for t, _ in results(KlangSimCardRecognizer(), text)] == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("jag ser två brickor registrerade på dig, 0047 1192 och 0047 1193", ["0047 1192", "0047 1193"]),
        ("Jag ser att du har två chip, A 2201 och A 2202.", ["A 2201", "A 2202"]),
        ("Min bricka är B 7702, bara så ni vet.", ["B 7702"]),
        ("jag ser här, tagg 04-B7731 är registrerad på dig.", ["04-B7731"]),
        # a home's key in the home help's register
        ("ja, de har nyckel med nummer T 0877.", ["T 0877"]),
        ("Nyckeln till förrådet kostar 250 kronor, nycklarna hämtas 2024.", []),
        # a charging tag's, with its letters and groups, or its end
        ("ja, jag ser din bricka LD 4410 2076 8, den har använts", ["LD 4410 2076 8"]),
        ("idag har du en bricka, nummer NL-0093-3318", ["NL-0093-3318"]),
        ("och brickan som är registrerad slutar på 4471, är det den?", ["4471"]),
        ("Molly, labrador, chipnummer 752 098 100 443 217?", ["752 098 100 443 217"]),
        # ... said in words, five digits or more
        ("din bricka noll noll tre ett sex två två nio spärras inte", ["noll noll tre ett sex två två nio"]),
        ("brickan, numret på den gamla var noll noll sex två nittioett åtta", ["noll noll sex två nittioett åtta"]),
        ("brickan kostar tjugofemtusen kronor, din bricka ett två", []),  # an amount; too short
        # ... or two digits or more after "nummer"; not a count after it
        ("bra då är den spärrade brickan nummer hundrafjorton noterad", ["hundrafjorton"]),
        ("nyckeln nummer två ligger i lådan, brickan nummer fem kronor", []),
        # an amount; a number in the next sentence; snacks; a model, a price, a room, a year, a count
        ("En ny bricka kostar 250 kronor. Ring 0771-22 33 44.", []),
        ("Jag köpte chips för 120 kr.", []),
        ("Brickorna är av typen EM 4100, chipet i min Volvo 940 är dyrt.", []),
        ("Pant för brickan är 200. Hämta brickan i rum 312 på plan två.", []),
        ("Taggarna är 2019 års modell. Chipet sattes in 2018. Brickor till alla 340 lägenheter.", []),
        # a card's number begun, in groups of four; not a price or a year after the card
        ("kan jag inte bara betala med kort nu direkt, jag har kortet här, 4581 0923", ["4581 0923"]),
        ("ja jag har kortet här 4581 0923 sen kommer det mer", ["4581 0923"]),
        ("Kortet kostar 1200, och årskortet 2024 2025 gäller ett år.", []),
        # a permit's number: letters, a year and a serial; not a date or a count
        (
            "Bra. Ditt tillstånd R-2021-0412 går ut den 31 juli. Tillståndet PT 2019 1183 var din mammas.",
            ["R-2021-0412", "PT 2019 1183"],
        ),
        # ... or letters and groups of digits, as a färdtjänst card prints it
        ("Agent: ja nu hittar jag dig tillstånd FT 90 31 77", ["FT 90 31 77"]),
        ("Tillståndet gäller från 2021-04-12, och 2021 gavs 340 tillstånd.", []),
        ("ja vårt tillstånd T-2018-0042 från Transportstyrelsen gäller till 2027", []),  # the company's own
    ],
)
def test_key_tag_and_chip_numbers(text, expected):
    from recognizers.identifiers import KlangTagNumberRecognizer

    assert [t for t, _ in results(KlangTagNumberRecognizer(), text)] == expected


@pytest.mark.parametrize(
    "text, found",
    [
        ("Kund: Det är Bamse. Regnumret är SE 5 5 0 1 8 snedstreck 2022.", ["SE 5 5 0 1 8 snedstreck 2022"]),
        ("Agent: en papillon, SE 1 2 6 6 4 / 2016, och SE23110/2024.", ["SE 1 2 6 6 4 / 2016", "SE23110/2024"]),
        ("Kund: Ja, Leo. SE 1 7 7 0 3 / 2 3.", ["SE 1 7 7 0 3 / 2 3"]),
        # a price per year, an amount, a date, a fraction
        ("Agent: Priset är 12 500/år och SE 100/200 kr, datum 12/4 och S 1/2.", []),
    ],
)
def test_a_dogs_registration_number(text, found):
    from recognizers.identifiers import KlangDogRegistrationRecognizer

    assert [t for t, _ in results(KlangDogRegistrationRecognizer(), text)] == found


@pytest.mark.parametrize(
    "text, found",
    [
        ("Kund: ja vänta... den börjar på bc1q", ["bc1q"]),
        (
            "Kund: den är lång. b c ett q...\nAgent: Den ska börja på bc1qvj5g och sluta på c67me",
            ["b c ett q", "bc1qvj5g", "c67me"],
        ),
        ("Agent: din insättningsadress hos oss, 0x68b1 och så vidare, slutar på de361", ["0x68b1", "de361"]),
        # a Windows error code; a piece after "slutar på" where no wallet is spoken of
        ("Agent: Felkoden är 0x80070005 i plånboksappen, och ordern slutar på ab12.", []),
        ("Agent: Ordern slutar på ab12 och felet är 0x68b1.", []),
    ],
)
def test_a_crypto_wallets_address_and_its_pieces(text, found):
    from recognizers.identifiers import KlangWalletAddressRecognizer

    assert sorted(t for t, _ in results(KlangWalletAddressRecognizer(), text)) == sorted(found)


@pytest.mark.parametrize(
    "text, found",
    [
        ("Agent: och när huset är sålt gör vi en överlåtelse av andel 41 till köparen", ["41"]),
        ("Agent: Betalarnumret blir ditt andelsnummer, 049. Din andel är 119.", ["049", "119"]),
        # a proportion, an amount, a ratio, a year
        ("Agent: andelen 30 procent, en andel på 20 000, andelstal 1,25 och andelen 2024 var hög.", []),
        ("Kund: okej så min andel är 412 i månaden då", []),
    ],
)
def test_a_members_share_number(text, found):
    from recognizers.identifiers import KlangShareNumberRecognizer

    assert [t for t, _ in results(KlangShareNumberRecognizer(), text)] == found


@pytest.mark.parametrize(
    "text, found",
    [
        ("Agent: tack. du har avtalet PL 2219504, en Volvo EX30.", ["PL 2219504"]),
        ("Agent: ja. hyresavtalet HY 30418, fyra personer.", ["HY 30418"]),
        ("Agent: ditt avtal LA 2021 30562 har stöldförsäkring.", ["LA 2021 30562"]),
        ("Kund: Leasingkontraktet SE-118 204 7 går ut i juni.", ["SE-118 204 7"]),
        ("Agent: förra året hade du avtal S N 4 4 0 2 1 skottning av uppfart.", ["S N 4 4 0 2 1"]),
        # an insurance policy's
        ("Agent: jag ser försäkringen HT 3308 1165 via Ericsson, stämmer det?", ["HT 3308 1165"]),
        ("Agent: han ligger under din försäkring, HT 5520 9134, så det går bra", ["HT 5520 9134"]),
        ("Agent: försäkringen SEK 1 200 per år, och försäkringen XL 24 000 i bilen", []),
        ("Agent: det gäller livförsäkringen LF 1988 0213.", ["LF 1988 0213"]),
        ("Agent: Ja, Åke Persson, försäkring BF 77 30 215, belopp trettiofemtusen.", ["BF 77 30 215"]),
        ("Agent: försäkringen IT 2023 2025, försäkringen AB 12 34 och försäkringen XC 40 2022.", []),
        ("Agent: ett skadeärende mot vår ansvarsförsäkring S 1 0 4 2 5, och vårt avtal PL 2219504", []),
        # no letters: a term, a price or a year; too few digits
        ("Agent: avtalet 24 månader, avtal 2019, kontrakt 12 000 kronor.", []),
        ("Agent: avtalet AB 12 gäller.", []),
        ("Agent: avtalet A B 1 2 gäller.", []),
        # a model, an amount in its currency, years, a phone's name and its storage
        ("Agent: Kontraktet XC 40 2022 års modell, avtalet SEK 850 000 på tre år.", []),
        ("Agent: Vi har avtal IT 2023 2025, och avtalet S24 128 gig, företagsavtalet XL 24 000.", []),
    ],
)
def test_a_contracts_number_with_letters_after_its_word(text, found):
    assert [t for t, _ in results(KlangContractCodeRecognizer(), text)] == found


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("marianne holm och mitt faddernummer är F 20 44 19", ["F 20 44 19"]),  # any kind a person calls theirs
        ("hans givarnummer är 88 41 20", ["88 41 20"]),
        ("mitt ärendenummer är 4471 2231", []),  # a reference
        ("ditt bokningsnummer är AB 12345", []),
        ("mitt spärrnummer är 1234 5678", []),  # a case
        ("mitt telefonnummer är 070 123 45 67", []),  # another entity's own rules
        ("mitt medlemsnummer är 12", []),  # too short to name anyone
    ],
)
def test_a_number_a_person_calls_theirs(text, found):
    rec = KlangOwnNumberRecognizer()
    assert [text[r.start : r.end] for r in rec.analyze(text, rec.ENTITIES)] == found
