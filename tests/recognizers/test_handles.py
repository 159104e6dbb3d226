"""USERNAME: user, account and network names written as one token. Made-up names."""

from __future__ import annotations

import pytest

from recognizers.handles import ENTITY, KlangHandleRecognizer


@pytest.fixture(scope="module")
def rec() -> KlangHandleRecognizer:
    return KlangHandleRecognizer()


def found(rec, text):
    return [text[r.start : r.end] for r in rec.analyze(text, [ENTITY])]


@pytest.mark.parametrize(
    "text, handle",
    [
        ("Mitt användarnamn är kattis_62, byt lösenordet.", "kattis_62"),
        ("och mitt wifi heter hallberg_5g och lösenordet är hemligt", "hallberg_5g"),
        ("Gärna. goran.ekstrom48... nej förresten, den använder jag inte.", "goran.ekstrom48"),
        ("Nätverket heter Wikström_hemma, eller har du ändrat det?", "Wikström_hemma"),
        # a network named after its owner, written with capitals after a separator
        ("vi döpte om nätverket till Bergs_Wifi_5G och bytte", "Bergs_Wifi_5G"),
        ("Ja, det heter Sjögrens_5G nu.", "Sjögrens_5G"),
        # any token named a user name, its joiners and digits said too
        ("Användarnamnet är erikd_ske.", "erikd_ske"),
        ("Ja, han hade användarnamnet båtkalle59 och skrev", "båtkalle59"),
        ("Användarnamnet är ahmedyk och lösenordet", "ahmedyk"),
        ("Användarnamnet är tova understreck wester noll två.", "tova understreck wester noll två"),
        # ... or right before "är mitt användarnamn"
        ("ja det stämmer. och sofiedahl99 är mitt användarnamn på ert forum", "sofiedahl99"),
        # what the log-in will be
        ("ja emma.ros@exempel.se antagligen och inloggningen blir emros01", "emros01"),
        ("och ska Jenny ha kvar appen? Hon är inloggad som jennyfalk79", "jennyfalk79"),
        # an underscore is a handle's without a digit too, and of three parts with a short number
        ("jonte_lundgren typ med understreck", "jonte_lundgren"),
        ("ett gammalt som hette rosa_l_82", "rosa_l_82"),
        # a marketplace's profile and user, by what they are called
        ("Leo Björk, och profilen hette leobjork71", "leobjork71"),
        ("ja, användare ingermagnusson. jag har en soffa ute", "ingermagnusson"),
        # a social network's profile, by its name
        ("Agent: Via din profil på Linkedin, fredrikwahlberg-ops.", "fredrikwahlberg-ops"),
        ("Kund: ja det är jag, och på github heter jag asjo88", "asjo88"),
        # ... or one's own by the network's name, its joiners and digits said
        ("Kund: mitt instagram där jag bokar gig är djprov underscore noll ett", "djprov underscore noll ett"),
        ("Kund: det är kopplat till mitt tiktok som heter noraprov underscore style", "noraprov underscore style"),
        # a name's handle with a year
        ("det är erika_s_2004... på psn", "erika_s_2004"),
        # a word with a number after it, a digit for a letter, a short title before a name
        ("jag ser en ellie_prov009 med en profil", "ellie_prov009"),
        ("r0bban_86 ja jag hittar det kontot", "r0bban_86"),
        ("dr_anders_m ja jag hittar honom", "dr_anders_m"),
        # a word and an initial; the words for a user account
        ("nisse_e och köpet gjordes igår", "nisse_e"),
        ("användarkontot noahprov underscore noll åtta stängs också", "noahprov underscore noll åtta"),
    ],
)
def test_found(rec, text, handle):
    assert found(rec, text) == [handle]


def test_a_profile_on_a_network_is_named_by_a_handle_not_a_word(rec):
    assert found(rec, "Kund: jag har en profil på Instagram och Facebook, min profil på linkedin är uppdaterad") == []
    assert found(rec, "Kund: mitt instagram är privat") == []


def test_a_system_s_naming_is_no_handle(rec):
    text = "fältet caller_phone_number, export_2024_11, conv_7f3a91c2, v2_final, spk_0, klang_page_2026, eu_west_3"
    assert found(rec, text) == []
    # ... nor words joined, which name networks, savings goals and hashtags as often as people
    assert found(rec, "gästnätet heter gästnät_på_övervåningen och kontot resa_till_thailand") == []
    # ... nor what an account is, said after its word
    assert found(rec, "det första står som användarkontot spärrat efter tre försök") == []


def test_a_profile_named_at_a_line_s_end_is_asked_for_not_given(rec):
    # "heter" ends the line: no handle, and no failure (it quarantined a whole call once)
    assert found(rec, "Agent: vet du vad profilen heter\nKund: den heter elin") == []


def test_an_accounts_name_and_the_one_it_had_before(rec):
    text = "kontot heter leobjork71 eller det hette leo.bjork innan jag bytte"
    assert found(rec, text) == ["leobjork71", "leo.bjork"]


def test_a_user_name_built_from_a_name_the_call_says(rec):
    text = (
        "IT: Vem ska ha licensen?\nAnställd: Mona Karlsson och Jonny Åström.\n"
        "IT: Okej, monkar har den, och jonast loggar in i morgon. Lisa Johansson har lisjoh2."
    )
    assert found(rec, text) == ["monkar", "jonast", "lisjoh2"]
    # not without talk of log-ins, nor a common word
    assert found(rec, "Agent: Mona Karlsson ringde.\nKund: monkar, sa hon?") == []
    assert found(rec, "Agent: Sten Ekström loggar in.\nKund: ja stenek, sten ek, stora stenar") == ["stenek"]


def test_a_childs_user_name_takes_a_parents_surname_and_a_name_whole_is_one_too(rec):
    text = (
        "Kund: Hej, Maria Testsson här, mamma till Sixten i 8A.\n"
        "Agent: Sixten lägger in det med sitt elevkonto. Vad heter hans användare, sixtes11b?\n"
        "Kund: Emma Provsson har emmaprovsson, bara ihop."
    )
    assert found(rec, text) == ["sixtes11b", "emmaprovsson"]


def test_the_user_name_said_instead_after_eller(rec):
    text = "användarnamnet är maria.lundgren... eller mlundgren kanske, jag vet inte"
    assert found(rec, text) == ["maria.lundgren", "mlundgren"]
    assert found(rec, "Användarnamnet är admin eller något sånt.") == []


@pytest.mark.parametrize(
    "text",
    [
        "Det gäller t.ex. fakturan, o.s.v.",
        "Användarnamnet är mejladressen, användarnamn admin, användarnamnet är samma.",
        "Ja, det där är mitt användarnamn, och samma är ditt användarnamn.",
        "I appen är mitt användarnamn samma, på Steam är mitt alias något annat.",
        "Fältet caller_ID, klang_page_2026, Talare_1 och faktura.PDF.",
        "Firmwaren är v2.1 och appen 3.5.2.",
        "Jag skickar faktura.pdf och bild_1.jpg till er.",
        "Gå in på telia.se eller www.min_sida.se.",
        "Skriv till anna.berg@exempel.se.",
        "Det står <EMAIL_ADDRESS_1> och <PERSON_2> här.",
        "Storgatan 12, lägenhet 1102.",
        "Det blir bra när inloggningen blir enklare, inloggningen är BankID.",
        "inloggningen är krånglig och när jag testar så blir det fel hela tiden inloggningen blir fel",
        "jag är inloggad som vanligt men det går inte, jag var inloggad som gäst",
        "caller_number queue_name conv_7f3a91c2 rec_20240101 klang_page_2026 spk_0 speaker_12",  # an export's field names and ids
        "agent_id export_2024_11 call_start_time",
        # a setting's or a file's name, with no name in it
        "leta upp raden max_connections, sen ska auto_update vara true och session_timeout trettio",
        "Och under notification_settings har du sms_enabled avbockat? Ändra redirect_uri.",
        # a thermostat's profile, named in capitals
        "Profilen heter Eko. Förut hette den Komfort.",
        # what a profile is; the word "användare" before a common word
        "profilen är låst och profilen var privat. Gå till Användare och koder.",
    ],
)
def test_not_found(rec, text):
    assert found(rec, text) == []
