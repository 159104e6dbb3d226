"""The Swedish number-word normaliser: word parsing, digit runs, windows, exact span mapping."""

from __future__ import annotations

import pytest

from recognizers import heuristics
from recognizers.numbers import digit_view, parse_word, runs, windows, words_to_digits


@pytest.mark.parametrize(
    "word, digits",
    [
        ("noll", "0"),
        ("ett", "1"),
        ("en", "1"),
        ("två", "2"),
        ("nio", "9"),
        ("nolla", "0"),
        ("sjua", "7"),
        ("tio", "10"),
        ("elva", "11"),
        ("tolv", "12"),
        ("aderton", "18"),
        ("nitton", "19"),
        ("tjugo", "20"),
        ("tjugoen", "21"),
        ("tjugoett", "21"),
        ("tjugitre", "23"),
        ("tjugufem", "25"),
        ("trettioåtta", "38"),
        ("förtiotvå", "42"),
        ("fyrtiotvå", "42"),
        ("femtisex", "56"),
        ("åttiofem", "85"),
        ("nittinio", "99"),
        ("hundra", "100"),
        ("etthundratjugotre", "123"),
        ("femhundratrettiotvå", "532"),
        ("nittonhundraåttiofem", "1985"),
        ("tvåtusen", "2000"),
        ("tusen", "1000"),
        ("ÅTTIOFEM", "85"),
        ("Noll", "0"),
    ],
)
def test_parse_word(word, digits):
    assert parse_word(word).digits == digits


@pytest.mark.parametrize("word", ["entre", "sexsex", "fem te", "tjugonoll", "nollhundra", "tjugotjugo"])
def test_not_a_number_word(word):
    assert parse_word(word) is None


@pytest.mark.parametrize(
    "text, digits",
    [
        ("åttiofem noll tre tolv fyrtiotvå trettioåtta", "8503124238"),
        ("noll sju noll ett två tre fyrtiofem sextiosju", "0701234567"),
        ("tjugo en", "21"),
        ("tjugi tre", "23"),
        ("tjugo ett", "21"),
        ("ett hundra tjugotre", "123"),
        ("tre hundra", "300"),
        ("tvåtusen tjugofyra", "2024"),
        # "hundra" after a unit that followed "tusen", and "tusen" after a number with "hundra"
        ("sextusen ett hundra fyrtio", "6140"),
        ("tvåhundraåtta tusen fyrahundrafemtio", "208450"),
        ("femhundra tusen", "500000"),
        ("tretusen två", "3002"),
        ("ettusenett", "1001"),  # "ett" + "tusen", one "t" dropped as Swedish writes it
        ("ettusen femhundra", "1500"),
        ("femhundratrettiotvå trettioett", "53231"),
        ("noll åtta - 12 34", "081234"),
        ("noll nio snedstreck tjugosju", "0927"),  # "snedstreck" is "/"
        ("åttiofem eh noll tre, tolv ... öh fyrtiotvå ehm trettioåtta", "8503124238"),
        # a digit said twice
        ("sex noll, dubbel-fem", "6055"),
        ("dubbelnolla sju", "007"),
        ("nittonhundra åttio fyra", "1984"),  # bare tens after hundreds, then the unit
        # two pairs glued into one word by the speech-to-text
        ("nittiotjugo, tjugotre", "902023"),
        ("tjugotjugo noll två", "202002"),
        ("nittonsextiofyra", "1964"),  # a teen and tens glued
        ("Åttafemtiotvå trettioett", "85231"),  # a digit and a pair glued
        ("ettåttio", "180"),
        ("enfemtio", ""),  # "en" is an article too
        ("treårig", ""),
        # three or more digits or pairs read one by one and glued
        ("fyrasjunoll tvåtvååtta ett nio", "47022819"),
        ("nollsjusex", "076"),
        ("tolvnolltvå", "1202"),
        ("entre", ""),
    ],
)
def test_words_to_digits(text, digits):
    assert words_to_digits(text) == digits


def test_runs_break_at_ordinary_words_and_keep_exact_token_spans():
    text = "jag har nummer noll sju noll och sen 12 34 kronor"
    rs = runs(text)
    assert [r.digits for r in rs] == ["070", "1234"]
    for r in rs:
        for t in r.tokens:
            assert text[t.start : t.end].strip() == text[t.start : t.end]  # no space inside a token span
    assert text[rs[0].tokens[0].start : rs[0].tokens[-1].end] == "noll sju noll"


def test_run_continues_over_a_turn_change_with_a_back_channel():
    text = "Kund: 850312\nAgent: Och sista fyra?\nKund: 4238."
    (run,) = runs(text)
    assert run.digits == "8503124238" and run.gaps[1] == "turn"
    (w,) = windows(text, [10], lambda w: True)
    assert [text[s:e] for s, e in w.pieces()] == ["850312", "4238"]


@pytest.mark.parametrize(
    "text",
    [
        "Agent: Det är Alva, personnummer 190717...?\nKund: ...2389. Ja.",  # a pause with the question, and after the label
        "Agent: Personnummer 190717…?\nKund: … 2389.",
    ],
)
def test_run_continues_over_a_turn_broken_off_with_a_pause(text):
    (run,) = runs(text)
    assert run.digits == "1907172389" and run.gaps[1] == "turn"


@pytest.mark.parametrize(
    "text, digits",
    [
        ("Yes, it's eighty-six eleven twenty-one", ["861121"]),
        ("two three eight seven.", ["2387"]),
        ("Apartment eleven zero one.", ["1101"]),
        ("OnePlus och iPhone, inga siffror", []),
    ],
)
def test_numbers_said_in_english(text, digits):
    assert [r.digits for r in runs(text)] == digits


@pytest.mark.parametrize(
    "text, digits",
    [
        # an interpreted call: the caller's own language, alone or with Swedish in one number
        ("Dwa zero jeden dziewięć...", ["2019"]),  # Polish
        ("Dwa tysiące dwanaście, noll åtta noll fem", ["20120805"]),
        ("Dvadeset tri, osamdeset dva", ["2382"]),  # Bosnian
        ("dvije hiljade tri", ["2003"]),
        ("Nula sedam nula... noll sju noll", ["070070"]),
        ("Seitsemänkymmentäseitsemän", ["77"]),  # Finnish
        ("tuhat yhdeksänsataa kahdeksankymmentäyksi", ["1981"]),
        ("Dos tres... tjugotre åttionio.", ["232389"]),  # Spanish
        ("diecisiete, veintitrés", ["1723"]),
        # as the detection view folds them
        ("dziewiec szesc", ["96"]),
        # Somali, Arabic and Persian as Latin letters write them
        ("laba saddex siddeed siddeed", ["2388"]),  # Somali
        ("Eber toddoba... sorry. Noll sju noll.", ["07", "070"]),
        ("Ithnaan thalaatha, sorry.", ["23"]),  # Arabic
        ("Hashtad, sorry, åttiosju.", ["80", "87"]),  # Persian
        ("haftad-o noh... panjah-o panj", ["7955"]),
        # Norwegian and Danish, their compounds both ways round, "og (så)" inside one number
        ("nitten niogfirs, nul et, atten... to tre ni syv", ["198901182397"]),
        ("Atten nul et niogfirs, og så fire to en ni.", ["1801894219"]),
        ("Tjueseks elleve nittisju, fire tre åtte fem to.", ["26119743852"]),
        ("toogtyve, femoghalvtreds, syvogtredive, nul otte", ["22553708"]),
        ("Nei, femti en, ikke femten.", ["51", "15"]),
        # a Norwegian compound that starts a Swedish one
        ("nittinio åttiett", ["9981"]),
        # Tigrinya and Levantine Arabic
        ("kilte seleste shemonte shewate", ["2387"]),
        ("tnein tlete tmenye khamse", ["2385"]),
        ("bado shewate bado, hade kilte seleste", ["070123"]),  # a Tigrinya zero, "hade" beside it
        ("selasa shemonte, tna'sh, 'ishrin", ["381220"]),  # Tigrinya tens, a Levantine teen
        ("sab'a tis'a wahad, sab’a", ["7917"]),
        # the unit first, then "and" and the tens, as Arabic and Somali say it
        ("arba'a w tis'in ... tammuz ... tamanya w 'ishrin", ["94", "28"]),
        ("saddex iyo toban. 2394", ["13", "2394"]),
        # Persian "du" and "se" beside a Persian number
        ("du se noh du", ["2392"]),
        # not the words that are Swedish or English too, nor names
        ("Ett sto, once upon a time", ["1"]),
        ("Jag har haft det bra, Saba och Wahid ska sitta här, do se si, två konton.", ["2"]),
        # "ni", "to", "du", "se", "hade" only beside a number, in a turn in their own language
        ("Har ni nummer sju? Kan du se 070 123? Vi hade tre barn.", ["7", "070123", "3"]),
        ("Ni kan ringa, to go, fire alarm, sju", ["7"]),
        ("Vi hade tre, sa du två?\nTo tre, sa han null.", ["3", "2", "23", "0"]),
        # a Norwegian or Dane says "to" and "et" all along, two side by side are a number; another
        # speaker's "ni" and "to" stay words
        ("Kund: Atten nul et niogfirs.\nAgent: Okej.\nKund: Ja, fire et et to.", ["180189", "4112"]),
        ("Agent: Atten nul.\nKund: Har ni to minuter?", ["180"]),
        # (a helper's attack) Swedes say "femtitre" and "nittio" too: no Norwegian line, no "ni"
        # glued onto a personnummer; "Asser" is a name; a stammered "ni, ni" stays in its place;
        # a Persian caller's Swedish "du" beside a Swedish number stays a word
        ("Kund: Åttifem tolv tjugofyra, tjugotre nittio, ni har det.", ["8512242390"]),
        ("Kund: min son Asser, tjugohundraarton noll ett noll tre, tjugotre nittio, hade feber", ["201801032390"]),
        ("Kund: Hej, ni, ni ringde om femtitre... Det gäller tjugotre nittio.", ["53", "2390"]),
        ("Kund: Hashtad-o panj, eh, åttiofem, tolv, tjugotre nittio, du förstår?", ["8585122390"]),
        ("Kund: Ni to tre, fire fem, seks null.", ["9234560"]),
    ],
)
def test_numbers_said_in_other_languages(text, digits):
    assert [r.digits for r in runs(text)] == digits


def test_a_short_turn_that_ends_the_number_is_no_back_channel():
    # Skatteverket's test number 19970708-2393, its last four in a short turn before the next turn
    text = (
        "Agent: Det står på Provo, nittonhundranittiosju noll sju noll åtta...\n"
        "Kund: Tjugotre nittiotre, ja.\nAgent: Det är två förpackningar."
    )
    assert [r.digits for r in runs(text)][0] == "199707082393"
    # ... but a short question asks back: opening hours, a date and a time
    text = "Agent: Vi öppnar noll åtta trettio.\nKund: Sjutton noll noll?\nAgent: Nej, vi stänger sjutton."
    assert [r.digits for r in runs(text)] == ["0830", "1700", "17"]
    text = "Agent: Första lediga tid är tjugofem noll tre arton.\nKund: Tio trettio?\nAgent: Ja, tio trettio."
    assert [r.digits for r in runs(text)][0] == "250318"


def test_run_continues_into_the_next_turn_opening_with_sen():
    text = "Kund: Och hans är tjugohundraarton, noll ett, noll fem...\nAgent: Mm.\nKund: Sen tjugotre nittioåtta."
    (run,) = runs(text)
    assert run.digits == "201801052398" and "turn" in run.gaps


def test_a_pause_and_och_sen_go_on_with_the_same_number():
    assert [r.digits for r in runs("Mitt är femtiotvå elva tjugotre... och sen arton sextiofyra.")] == ["5211231864"]
    # without a pause, after four digits or more ("tre tre noll noll och sen ..."); not after fewer
    assert [r.digits for r in runs("ja det är fyrtiotre noll två fjorton och sen fyrtiosex nittioåtta")] == [
        "4302144698"
    ]
    assert [r.digits for r in runs("Det var 12 och sen 14 stycken.")] == ["12", "14"]
    assert [r.digits for r in runs("Nittiotre och sen fem.")] == ["93", "5"]
    assert [r.digits for r in runs("Ja, 840118, sen 2392.")] == ["8401182392"]  # "sen" alone too
    assert [r.digits for r in runs("nittiotre mm noll tre tretton ja och sen tjugotre åttiosex")] == ["9303132386"]
    # a birth date goes on with its last four ("fyra" there is no digit of it); not a piece broken off
    assert [r.digits for r in runs("personnummer 20160815, och sista fyra 2383.")] == ["201608152383"]
    assert runs("Sextiosex noll fyra noll sju, och sista fyra… han letar")[0].digits == "660407"
    # a "ja" to oneself after three digits or more
    assert [r.digits for r in runs("noll sjuttiosex ja åttahundrafyrtiofyra eh tjugo tjugo")] == ["0768442020"]
    assert [r.digits for r in runs("Fem ja, fem.")] == ["5", "5"]
    # "å sen" as it is spoken, a turn may open with it; not "och så", which lists ("07 15... och så 08 45")
    text = "Kund: Fyrtiofem sextiosju åttionio...\nAgent: Ja?\nKund: ...å sen sex efter strecket."
    assert [r.digits for r in runs(text)] == ["4567896"]
    assert [r.digits for r in runs("Tåget går 07 15... och så 08 45.")] == ["0715", "0845"]
    assert [r.digits for r in runs("Kund: 4667\nAgent: Så 4667?")] == ["4667", "4667"]


@pytest.mark.parametrize(
    "text, digits",
    [
        ("fem fem åtta fem, tre ett noll noll och sen en massa stjärnor", "55853100"),
        ("Det står 3 0 0 9 1 7 och sen ett streck och en fyra.", "300917"),
        ("sjutton nittiotvå... och sen ett två tre", "1792123"),  # "ett" going on with digits
    ],
)
def test_an_article_after_och_sen_is_no_digit(text, digits):
    assert runs(text)[0].digits == digits


def test_windows_skip_a_trailing_number_word():
    # Skatteverket test number 880413-2382, then "tre gånger"
    text = "det är åttioåtta noll fyra tretton tjugotre åttiotvå tre gånger"
    from recognizers.personnummer import is_valid_digits

    (w,) = windows(text, [10, 12], lambda w: is_valid_digits(w.digits))
    assert text[w.start : w.end] == "åttioåtta noll fyra tretton tjugotre åttiotvå"


def test_both_readings_of_tens_then_unit():
    # "fyrtio sex" may be 46 or 40, 6 (phone groups read "sjutton fyrtio" + "sex fem fyra")
    text = "070 sjutton fyrtio sex fem fyra"
    found = windows(text, [10], lambda w: w.digits == "0701740654")
    assert len(found) == 1 and text[found[0].start : found[0].end] == text


def test_plain_written_windows_are_left_to_the_patterns():
    assert windows("det är 850312-4238", [10], lambda w: True) == []
    assert windows("det är 850312 eh 4238", [10], lambda w: True) != []


@pytest.mark.parametrize(
    "text",
    [
        "ring noll sju noll eh ett två tre fyrtiofem sextiosju nu",
        "Det är ÅTTIOFEM noll tre tolv, fyrtiotvå trettioåtta.",
        "mitt nummer är 070 ett två tre 45 67 tack",
        "tjugo en och sen femhundratrettiotvå trettioett skara",
    ],
)
def test_digit_view_maps_every_digit_back_to_its_word(text):
    view = digit_view(text)
    assert not any(w in view.text.lower() for w in ("noll", "åttio", "tjugo", "ett två"))
    for i, ch in enumerate(view.text):
        s, e = view.to_original(i, i + 1)
        if ch.isdigit():
            original = text[s:e]
            assert original.isdigit() and original == ch or words_to_digits(original).find(ch) >= 0
    # a whole-view match maps to the exact words said, nothing more
    start = min(i for i, ch in enumerate(view.text) if ch.isdigit())
    s, _ = view.to_original(start, start + 1)
    assert text[s].isdigit() or text[s:].lower().startswith(("noll", "åttio", "tjugo", "femhundra"))


def test_digit_view_span_of_a_spoken_phone():
    text = "ring noll sju noll eh ett två tre fyrtiofem sextiosju nu"
    view = digit_view(text)
    i = view.text.index("0701234567")
    s, e = view.to_original(i, i + 10)
    assert text[s:e] == "noll sju noll eh ett två tre fyrtiofem sextiosju"
    assert view.to_original(0, 4) == (0, 4)  # untouched text maps one to one


def test_text_without_numbers_is_cheap_and_unchanged():
    text = "Hej, jag ringer om min faktura."
    assert runs(text) == ()
    assert digit_view(text).text == text


def test_reference_words_mark_ocr_numbers():
    text = "OCR-numret är 8503124238"
    assert heuristics.after_reference_word(text, text.index("85"))
    assert not heuristics.after_reference_word("personnummer 8503124238", 13)


def test_number_words_is_read_back_as_the_same_number():
    from recognizers.numbers import number_words

    assert [number_words(n) for n in (0, 7, 12, 20, 42)] == ["noll", "sju", "tolv", "tjugo", "fyrtiotvå"]
    assert all(words_to_digits(number_words(n)) == str(n) for n in range(100))
