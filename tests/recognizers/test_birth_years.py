"""A day and a month with a year of birth: a birth date wherever it stands (recognizers.birth_years)."""

import pytest

from recognizers.birth_years import KlangBirthYearDateRecognizer


@pytest.mark.parametrize(
    ("text", "found"),
    [
        # a passenger list, a name then the date, no question before it
        ("precis och så viggo samma efternamn fjärde januari tjugoelva", ["fjärde januari tjugoelva"]),
        ("min dotter tjugonde mars 2015", ["tjugonde mars 2015"]),  # a kin word before it
        # no person before it: an event's date (a helper's attack)
        ("föreningen skriver att det stod klart första juli nittonhundrasextiofyra", []),
        ("ja klubben bildades fjärde juli nittonhundratjugosex så nästa år blir det hundra år", []),
        ("femtonde mars sextioåtta", []),  # a read-back alone: the slots' and echoes' to find
        (
            "hon är född tolfte februari åttiosju, danylo andra augusti tvåtusenfjorton",
            ["tolfte februari åttiosju", "andra augusti tvåtusenfjorton"],
        ),
        ("han är född 15 mars 1968", ["15 mars 1968"]),
        ("född 1968-03-15", ["1968-03-15"]),
        # a recent year: an appointment, a payment
        ("hon är född, mötet är den tjugotredje maj 2025", []),
        # ... but a child's birth date right after the word for it
        ("jag ser bara födelsedatum tjugonionde augusti tjugotjugotre", ["tjugonionde augusti tjugotjugotre"]),
        ("min son har besök tjugonionde augusti tjugotjugotre", []),
        # a clock's hour or a count after the month, not a year
        ("min son kommer fjärde maj tio och femtio", []),
        ("min son kommer fredag 16 maj 13.30", []),
        ("min son jobbar från första november femtio procent", []),
        ("tre veckor, till tjugotredje september, fyrtio timmar", []),
        ("den tredje maj, 1 847 kronor", []),
        # an event's date
        ("min son har ködatum 3 juni 2019", []),
        ("min son har jobbat där sen fjärde maj tjugohundranio", []),
        ("examen utfärdad den fjärde juni 2019", []),
        ("Beslutsdatum 2019-05-14", []),
    ],
)
def test_a_date_with_a_year_of_birth(text, found):
    rec = KlangBirthYearDateRecognizer()
    assert [text[r.start : r.end] for r in rec.analyze(text, rec.ENTITIES)] == found
