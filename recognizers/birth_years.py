"""SE_PERSONNUMMER: a date with a year of birth said right after the person it is of.

A day and a month with a year of birth, 1900-2019 said in full or 30-99 in two digits, said after
a name, a kin word or "född" in the same turn (right after "född" or "födelsedatum" any year from
1900 to 2029: a child's, "jag ser bara födelsedatum tjugonionde augusti tjugotjugotre"), is a birth date even with no question before it:
a passenger list ("och så viggo samma efternamn fjärde januari tjugoelva"), a family's dates in
one breath ("oksana är född tolfte februari åttiosju danylo andra augusti tvåtusenfjorton"), "min
dotter tjugonde mars 2015". In the labelled calls of bench/data, of 972 dates with a year 921 are
labelled personal. Without a person before it a date with a year is an event's as often: a helper's
attack on the first version, which took any such date, lost 25 look-alikes of 289 ("det byggdes
femte juni nittonhundratrettiotvå", "klubben bildades ...", "vi gifte oss ...").

Not a two-digit year that is a clock's hour (under 30) or a count ("från första november femtio
procent"), and not a date an event is dated by ("ködatum 3 juni 2019", "jobbat där sen fjärde maj
tjugohundranio", "utfärdad den fjärde juni 2019").
"""

from __future__ import annotations

import re

from recognizers import base, heuristics, numbers
from recognizers.dialogue_slots import dates_of
from recognizers.introduction import KIN_WORDS, known_name

ENTITY = "SE_PERSONNUMMER"
SCORE = 0.6
# What dates an event, not a birth, right before the date
_EVENT_BEFORE = re.compile(
    r"(?:(?<!födelse)datum|daterad|utfärdad|sen|sedan|från|fr\.?o\.?m|beslut\w*|köpt\w*|betal\w*|anställd|började|slutade|"
    r"flyttade|tecknade|registrerad|gäller|giltig\w*|utgång\w*|går[ ]+ut|förfall\w*|levererad\w*)[ ]+(?:den[ ]+)?$",
    re.IGNORECASE,
)
_MONTH_GATE = re.compile("|".join(heuristics.MONTHS), re.IGNORECASE)


_ISO = re.compile(r"(\d{4})-\d\d-\d\d$")


def _birth_year(said: str, after: str, born: bool) -> bool:
    """The year said with the date is one of birth: 1900-2019 in full (to 2029 when the turn says
    it is a birth), 30-99 in two digits with no count after it."""
    iso = _ISO.match(said)
    month = _MONTH_GATE.search(said)
    runs = numbers.runs(said[month.end() :]) if month else []
    if not (iso or runs):
        return False  # no year after the month ("15/3 68" is a date in digits: too like a reference)
    digits = iso.group(1) if iso else runs[-1].digits
    if len(digits) == 4:
        return 1900 <= int(digits) <= (2029 if born else 2019)
    return len(digits) == 2 and 30 <= int(digits) <= 99 and not heuristics.QUANTITY_AFTER.match(after)


# Whose date it is, said before it in the turn: a name, a kin word, or birth itself ("viggo samma
# efternamn fjärde januari tjugoelva", "min son ...", "född ...")
_BORN = re.compile(r"(?<![\w])(?:född|födda|föddes|födelse\w*|fyller)(?![\w])", re.IGNORECASE)
# ... right before it, which a date of any year after 1900 is: "födelsedatum tjugonionde augusti tjugotjugotre"
_BORN_RIGHT_BEFORE = re.compile(
    r"(?<![\w])(?:född|födda|föddes|födelse\w*)(?:[ ]+(?:är|var))?(?:[ ]+den)?[ ,:]*$", re.I
)
_WORD = re.compile(r"[^\W\d_]+")
PERSON_BEFORE = 45


def _of_a_birth(text: str, start: int, end: int) -> bool:
    """The date at start-end has a year of birth and a person (or "född") before it in its turn."""
    lead = text[max(0, start - PERSON_BEFORE, text.rfind("\n", 0, start) + 1) : start]
    return _birth_year(text[start:end], text[end : end + 20], _BORN_RIGHT_BEFORE.search(lead) is not None) and (
        _BORN.search(lead) is not None or any(known_name(w) or w.lower() in KIN_WORDS for w in _WORD.findall(lead))
    )


class KlangBirthYearDateRecognizer(base.TextRecognizer):
    """A day and a month named with a year of birth (1900-2019 in full, 30-99 in two digits) after a
    name, a kin word or "född" in its turn; not a count after it nor an event's date ("ködatum",
    "sedan", "utfärdad")."""

    ENTITIES = (ENTITY,)

    def may_match(self, text: str) -> bool:
        return _MONTH_GATE.search(text) is not None or re.search(r"\d{4}-\d\d-\d\d", text) is not None

    def analyze(self, text, entities, nlp_artifacts=None):
        if (entities and ENTITY not in entities) or not self.may_match(text):
            return []
        return [
            base.tagged_result(self, ENTITY, s, e, SCORE, "date with a year of birth")
            for s, e, _day, _month, yy in dates_of(text)
            if yy is not None and not _EVENT_BEFORE.search(text[max(0, s - 30) : s]) and _of_a_birth(text, s, e)
        ]
