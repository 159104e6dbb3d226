"""Payment identifiers: IBAN_CODE, SE_BANK_ACCOUNT, SE_BANKGIRO, SE_PLUSGIRO, CREDIT_CARD.

- IBAN_CODE: "SE45 5000 0000 0583 9825 7466" (any country, grouped or not, any case: ASR writes
  "se45 ..."); valid means the country's length and ISO 13616 mod-97 = 1.
- CREDIT_CARD: 13-19 digits in groups, issuer prefix (Visa 4, Mastercard 51-55/2221-2720, Amex
  34/37, Discover 6011/644-649/65, JCB 35, Diners 30/36/38) and Luhn. Spoken card numbers too.
- SE_BANK_ACCOUNT: clearing number (4 digits, or Swedbank's 5 "8NNN-N") + account number
  ("8123-4, 123 456 789-0", "6789 123 456 789", "5000 12 345 67"). Swedbank's five-digit
  clearing carries a check digit (mod 10) and its ten-digit accounts a Luhn digit: both checked,
  reported on their own. Other banks' account checks differ per bank: a clearing number in range
  (1100-9969) and a plausible account length, reported only with a context word ("konto",
  "kontonummer", "clearing", "autogiro", a bank name).
- SE_BANKGIRO: "NNN-NNNN"/"NNNN-NNNN", Luhn; SE_PLUSGIRO: "NN NN NN-N", "NNNNNNN-N" (2-8 digits,
  the last after a dash), Luhn. Seven or eight digits with a Luhn digit are common by chance, so
  both need a context word ("bankgiro", "bg", "plusgiro", "pg", "postgiro"). The company's own
  bankgiro is allowlisted in the config.

Spoken and mixed forms ("bankgiro femtiofyra noll två, nittiosex åttioett", "clearingnumret är
åtta tre två sju nio och kontonumret ett två tre ...") are read on the digit runs of
`recognizers.numbers`, with the same checks and a context word required right before the number
(in the same turn). Clearing and account said as two numbers with words between them ("clearing
8327-9, kontonummer 123 456 789-7") are reported as one SE_BANK_ACCOUNT span from the clearing
number to the end of the account number, so the pseudonym stays one value.

OCR/invoice references are not reported (`recognizers.heuristics.REFERENCE_BEFORE`).
"""

from __future__ import annotations

import re

from presidio_analyzer import Pattern, PatternRecognizer

from recognizers import base, heuristics, numbers, personnummer
from recognizers.checksums import luhn_ok
from recognizers.fold import ascii_digits

_REF = heuristics.REF_LOOKBEHIND

# ---- IBAN ----------------------------------------------------------------------------------

IBAN = "IBAN_CODE"
IBAN_LENGTHS = {
    "AD": 24,
    "AT": 20,
    "BE": 16,
    "BG": 22,
    "CH": 21,
    "CY": 28,
    "CZ": 24,
    "DE": 22,
    "DK": 18,
    "EE": 20,
    "ES": 24,
    "FI": 18,
    "FO": 18,
    "FR": 27,
    "GB": 22,
    "GI": 23,
    "GL": 18,
    "GR": 27,
    "HR": 21,
    "HU": 28,
    "IE": 22,
    "IS": 26,
    "IT": 27,
    "LI": 21,
    "LT": 20,
    "LU": 20,
    "LV": 21,
    "MC": 27,
    "MT": 31,
    "NL": 18,
    "NO": 15,
    "PL": 28,
    "PT": 25,
    "RO": 24,
    "SE": 24,
    "SI": 19,
    "SK": 24,
    "SM": 27,
    "TR": 26,
}
_IBAN_REGEX = (
    r"(?<![A-Za-z0-9])[A-Za-z]{2}[ ]?\d{2}(?:[ ]?[A-Za-z0-9]{4}){1,2}(?:[ ]?\d{4}){0,6}"
    r"(?:[ ]?\d{1,3})?(?![A-Za-z0-9])"
)


def iban_valid(text: str) -> bool:
    s = "".join(ch for ch in text if ch.isalnum()).upper()
    if IBAN_LENGTHS.get(s[:2]) != len(s):
        return False
    moved = s[4:] + s[:4]
    return int("".join(str(int(c, 36)) for c in moved)) % 97 == 1


def iban_canonical(text: str) -> str:
    return "".join(ch for ch in text if ch.isalnum()).upper()


class KlangIbanRecognizer(PatternRecognizer):
    def __init__(self, supported_language: str = "sv"):
        super().__init__(
            supported_entity=IBAN,
            patterns=[Pattern("IBAN", _IBAN_REGEX, 0.5)],
            context=["iban", "konto", "kontonummer", "utlandsbetalning", "bank"],
            supported_language=supported_language,
            name=type(self).__name__,
        )

    def may_match(self, text: str) -> bool:
        """Cheap gate: written digits only."""
        return numbers.has_digit(text)

    def validate_result(self, pattern_text: str) -> bool | None:
        return iban_valid(pattern_text)


# ---- credit card -----------------------------------------------------------------------------

CARD = "CREDIT_CARD"
_CARD_REGEX = rf"(?=\d)(?<![\d\-.,]){_REF}\d{{4}}(?:[ -]?\d{{2,6}}){{2,4}}(?:[ -]?\d{{1,4}})?(?![\d]|[.,]\d)"
CARD_CONTEXT = [
    "kort",
    "kortet",
    "kortnummer",
    "kortnumret",
    "kreditkort",
    "betalkort",
    "visa",
    "mastercard",
    "amex",
    "kortbetalning",
]


_CODE_LETTERS_BEFORE = re.compile(r"(?<![\w])([A-Z]{2,})[ -]?$")
CARD_BRANDS = frozenset({"VISA", "AMEX", "MC", "MASTERCARD", "MAESTRO"})
_CARD_WORD = re.compile(r"(?<![\w])(?:\w*kort(?:et|s?nummer|s?numret)?|visa|mastercard|maestro|amex)(?![\w])", re.I)


def _named_a_card(text: str, start: int) -> bool:
    """Sixteen digits that fail the checksum are a card's only where its line or the line before
    names a card ("Vilket kort var det?" / "det är 4571 2208 9314 6657"), not after a code's
    capitals ("JJFI 6048 2210 0019 7731", a parcel): an order's, an invoice's or a booking's number
    is grouped so too."""
    letters = _CODE_LETTERS_BEFORE.search(text, max(0, start - 12), start)
    if letters and letters.group(1) not in CARD_BRANDS:
        return False
    line_before = text.rfind("\n", 0, max(0, text.rfind("\n", 0, start)))
    return _CARD_WORD.search(text, line_before + 1, start) is not None


def _card_named_near(text: str, start: int, end: int) -> bool:
    """A card named in the line of `start`..`end`, the two lines before it or the line after it."""
    before = start
    for _ in range(3):
        before = text.rfind("\n", 0, before) if before > 0 else -1
        if before < 0:
            break
    after = text.find("\n", text.find("\n", end) + 1) if text.find("\n", end) >= 0 else len(text)
    return _CARD_WORD.search(text, before + 1, after if after >= 0 else len(text)) is not None


_CARD_GROUPS = re.compile(r"\d{4}([ -])\d{4}\1\d{4}\1\d{4}")  # "4571 2208 9314 6657"


def card_issuer_ok(digits: str) -> bool:
    n = len(digits)
    if not 13 <= n <= 19:
        return False
    d2, d4 = int(digits[:2]), int(digits[:4])
    if digits[0] == "4":
        return n in (13, 16, 19)
    if 51 <= d2 <= 55 or 2221 <= d4 <= 2720:
        return n == 16
    if d2 in (34, 37):
        return n == 15
    if digits.startswith("6011") or digits.startswith("65") or 644 <= int(digits[:3]) <= 649:
        return n in (16, 19)
    if d2 == 35:
        return 16 <= n <= 19
    if d2 in (30, 36, 38):
        return n in (14, 16)
    if d2 == 50 or 56 <= d2 <= 69:  # Maestro (and other debit schemes in the 5/6 ranges)
        return 12 <= n <= 19
    return False


def card_valid_digits(digits: str) -> bool:
    return card_issuer_ok(digits) and luhn_ok(digits)


class KlangCreditCardRecognizer(PatternRecognizer):
    def __init__(self, supported_language: str = "sv"):
        super().__init__(
            supported_entity=CARD,
            patterns=[Pattern("card number", _CARD_REGEX, 0.5)],
            context=CARD_CONTEXT,
            supported_language=supported_language,
            name=type(self).__name__,
        )

    def may_match(self, text: str) -> bool:
        """Cheap gate: written digits only."""
        return numbers.has_digit(text)

    def analyze(self, text, entities, nlp_artifacts=None, regex_flags=None):
        results = super().analyze(text, entities, nlp_artifacts, regex_flags)
        return [
            r for r in results if card_valid_digits(ascii_digits(text[r.start : r.end])) or _named_a_card(text, r.start)
        ]

    def validate_result(self, pattern_text: str) -> bool | None:
        digits = ascii_digits(pattern_text)
        # sixteen digits written as a card prints them are a card's, checksum or not: a digit
        # misread or misheard leaves the rest readable ("det är 4571 2208 9314 6657")
        return card_valid_digits(digits) or (
            card_issuer_ok(digits) and _CARD_GROUPS.fullmatch(pattern_text) is not None
        )


# A card's expiry date and security code written after their word: "exp 07/28", "giltigt t.o.m. 03/29",
# "cvv 044", "CVC: 118". The word is part of the span: the digits alone are any short number.
_CARD_EXPIRY = r"(?i:\b(?:exp(?:iry)?|utg(?:ångsdatum)?|giltig(?:t|het)?(?:[ ]+(?:t\.?o\.?m\.?|till))?)\.?[ :]*)(?:0[1-9]|1[0-2])[/-](?:\d{2}|20\d{2})(?![\d/])"
_CARD_CODE = r"(?i:\b(?:cvc2?|cvv2?|säkerhetskod(?:en)?)[ :]*(?:är[ ]+)?)\d{3,4}(?!\d)"


class KlangCardDetailsRecognizer(PatternRecognizer):
    """A card's expiry date and security code (CVC) written after their word: card data, redacted
    with the card (`CREDIT_CARD`)."""

    def __init__(self, supported_language: str = "sv"):
        super().__init__(
            supported_entity=CARD,
            patterns=[Pattern("card expiry", _CARD_EXPIRY, 0.6), Pattern("card security code", _CARD_CODE, 0.6)],
            supported_language=supported_language,
            name=type(self).__name__,
        )

    def may_match(self, text: str) -> bool:
        """Cheap gate: written digits only."""
        return numbers.has_digit(text)


_CARD_BEFORE = re.compile(
    r"(?:visa|mastercard|maestro|amex|american express|kortnumm|kortnumret|kreditkort|betalkort)[a-zåäö]*\b"
    r"(?P<tail>[^\n\d]{0,40})$",
    re.IGNORECASE,
)


class KlangSpokenCreditCardRecognizer(base.DigitWindowRecognizer):
    ENTITY = CARD
    LENGTHS = tuple(range(13, 20))
    CONTEXT = CARD_CONTEXT

    def score_window(self, text, window):
        # a number and its read-back in the next turn are no card, however its check digit falls
        # ("40 11 87 26." / "4011 8726, ja.": a fifth of such doubles pass Luhn)
        half = len(window.digits) // 2
        if window.crosses_turn and window.digits[:half] == window.digits[half:]:
            return None
        if card_valid_digits(window.digits):
            return 0.8
        # a card named right before its number is a card, though a digit was misheard or misspoken
        # and the check digit fails ("ett mastercard fem fem två fyra eh tre tre ...")
        named = card_issuer_ok(window.digits) and _introduced_by(_CARD_BEFORE, text, window.start)
        # ... or sixteen digits grouped as a card prints them, in a turn of its own after a card is
        # named ("betalning tar jag med kort" / "fyra nio två nio, tre ett noll noll, ...")
        printed = card_issuer_ok(window.digits) and _four_by_four(window) and _named_a_card(text, window.start)
        # ... or sixteen digits said in words without a pause, the whole of what its turn says in
        # digits, where a card is named in the two lines before or the line after ("det andra kortet
        # det nya" / ... / "det är fyra fem sju ett tjugotvå trettiotre ..." / "läs inte upp hela
        # kortnumret"): no pause says how they are grouped
        said = (
            len(window.digits) == 16
            and window.spoken
            and window.gap_kinds <= {"plain"}
            and not window.crosses_turn
            and window.whole_utterance
            and card_issuer_ok(window.digits)
            and _card_named_near(text, window.start, window.end)
        )
        return 0.7 if named or printed or said else None


def _four_by_four(window) -> bool:
    """Sixteen digits, the whole of what its turn says in digits, paused only between groups of four."""
    if len(window.digits) != 16 or window.crosses_turn or not window.whole_utterance:
        return False
    tokens, gaps, said, pauses = window.run.tokens, window.run.gaps, 0, []
    for k in range(window.i, window.j + 1):
        if k > window.i and gaps[k] == "loose":
            pauses.append(said)
        said += len(tokens[k].digits)
    return set(pauses) <= {4, 8, 12}


# ---- bank account ------------------------------------------------------------------------------

BANK_ACCOUNT = "SE_BANK_ACCOUNT"
_ACCOUNT_REGEX = (
    rf"(?=\d)(?<![\d\-+.,]){_REF}(?:8\d{{4}}|[1-9]\d{{3}}(?:[ ]?-[ ]?\d)?)(?:,[ ]?|[ ]?-[ ]?|[ ]+)"
    r"\d{1,4}(?:[ -]?\d){5,11}(?![\d]|[.,]\d)"
)
ACCOUNT_CONTEXT = [
    "konto",
    "kontot",
    "kontonummer",
    "kontonumret",
    "bankkonto",
    # a depå's or an ISK's number is a bank account's ("depånumret blir 9570 112 448 06"); the
    # words whole, as context words match inside words ("bussdepån", "depåsprutan")
    "depånummer",
    "depånumret",
    "depåkonto",
    "depåkontot",
    "clearing",
    "clearingnummer",
    "clearingnumret",
    "autogiro",
    "swedbank",
    "nordea",
    "handelsbanken",
    "seb",
    "danske",
    "länsförsäkringar",
    "sparbank",
    "sparbanken",
    "ica",
    "skandia",
    "bank",
    "banken",
    "utbetalning",
]


def split_account(text: str) -> tuple[str, str] | None:
    """(clearing, account) digits, or None."""
    m = re.match(r"\s*(8\d{4}|\d{4})(?:\s?-\s?(\d))?(?:,\s?|\s?-\s?|\s+)(.*)$", text, re.S)
    if not m or (len(m.group(1)) == 5 and m.group(2)):
        return None
    clearing = m.group(1) + (m.group(2) or "")
    return clearing, ascii_digits(m.group(3))


def account_digits_score(clearing: str, account: str) -> float | None:
    """1.0 when the check digits prove it (Swedbank 8NNN-N + a Luhn-valid ten-digit account), 0.4
    (context needed) when only the shape fits, None when it cannot be an account."""
    if len(clearing) not in (4, 5) or not 1100 <= int(clearing[:4]) <= 9969 or not 6 <= len(account) <= 12:
        return None
    if len(clearing) == 5:
        if clearing[0] != "8" or not luhn_ok(clearing):
            return None
        if len(account) == 10 and luhn_ok(account):
            return 1.0
        return 0.4
    return 0.4


def account_score(text: str) -> float | None:
    """`account_digits_score` of a written "clearing account" text."""
    split = split_account(text)
    if split is None:
        return None
    return account_digits_score(*split)


_ACCOUNT_WORDS = (
    "konto",
    "depånum",
    "depåkonto",
    "clearing",
    "autogiro",
    "bank",
    "nordea",
    "seb",
    "danske",
    "ica",
    "skandia",
    "länsförsäkring",
    "utbetal",
)
_SWEDBANK_CLEARING = re.compile(r"8\d{3}[ ]?-?[ ]?\d[ ,]")
_BG_WORDS = ("giro", "bg")
_PG_WORDS = ("giro", "pg")


class KlangBankAccountRecognizer(PatternRecognizer):
    def __init__(self, supported_language: str = "sv"):
        super().__init__(
            supported_entity=BANK_ACCOUNT,
            patterns=[Pattern("clearing + account", _ACCOUNT_REGEX, 0.4)],
            context=ACCOUNT_CONTEXT,
            supported_language=supported_language,
            name=type(self).__name__,
        )

    def may_match(self, text: str) -> bool:
        """A context word, or a Swedbank clearing number (the only form reported without one)."""
        return numbers.has_digit(text) and (
            heuristics.mentions(text, _ACCOUNT_WORDS) or _SWEDBANK_CLEARING.search(text) is not None
        )

    def validate_result(self, pattern_text: str) -> bool | None:
        score = account_score(pattern_text)
        if score is None:
            return False
        return True if score >= 1.0 else None


# A clearing number said right after its bank's name is the start of that person's account: "till
# ditt Swedbank 8214 5 slutar på 031-6", "Handelsbanken, 6152...", "ICA Banken, 9271, och ...".
# Each bank's ranges (Bankgirot's clearing list): a bank's name and a number outside them ("SEB,
# 1200 kronor") is no account, nor an amount or a count in them ("Swedbank, 8200 kronor").
CLEARING_RANGES = {
    "swedbank": ((7000, 8999),),
    "sparbanken": ((7000, 8999), (9570, 9579)),
    "nordea": ((1100, 1199), (1400, 2099), (3000, 3399), (3410, 4999)),
    "handelsbanken": ((6000, 6999),),
    "seb": ((5000, 5999), (9120, 9124), (9130, 9149)),
    "danske bank": ((1200, 1399), (2400, 2499), (9180, 9189)),
    "länsförsäkringar": ((3400, 3409), (9020, 9029), (9060, 9069)),
    "ica banken": ((9270, 9279),),
    "skandia": ((9150, 9169),),
    "avanza": ((9550, 9569),),
    "nordnet": ((9100, 9109),),
    "sbab": ((9250, 9259),),
}
_BANKS = tuple(CLEARING_RANGES)
_BANK_CLEARING = re.compile(
    rf"(?<![\w])(?P<bank>{'|'.join(_BANKS)})"
    r"(?:[ ,:]+(?:eh|öh|clearing(?:nummer|numret)?|nummer|är|med))*[ ,:]+"
    # Swedbank's check digit after a dash or a space: "8214-5", "8214 5" (not the account's first digit)
    r"(?P<clearing>\d{4}(?:[ ]?-[ ]?\d|[ ]\d)?)(?![\d,.]\d|[\w-])"
    # ... and the account's end said after it: "slutar på 031-6"
    r"(?:[ ,]+(?:och[ ]+)?(?:kontot[ ]+)?slutar[ ]+på[ ]+\d[\d -]*\d)?",
    re.IGNORECASE,
)


def _clearing_of(bank: str, clearing: str) -> bool:
    """Its first four digits in the bank's ranges (a fifth is Swedbank's check digit, as misheard
    as any other); four alone not a year ("Nordea 2023 hade bättre ränta")."""
    digits = ascii_digits(clearing)
    if len(digits) == 4 and heuristics.YEAR.fullmatch(digits):
        return False
    first = int(digits[:4])
    return any(low <= first <= high for low, high in CLEARING_RANGES[bank.lower()])


class KlangBankClearingRecognizer(base.TextRecognizer):
    """A clearing number right after its bank's name (`_BANK_CLEARING`)."""

    ENTITIES = (BANK_ACCOUNT,)

    def may_match(self, text: str) -> bool:
        return numbers.has_digit(text) and heuristics.mentions(text, _BANKS)

    def analyze(self, text, entities, nlp_artifacts=None):
        if (entities and BANK_ACCOUNT not in entities) or not self.may_match(text):
            return []
        return [
            base.tagged_result(
                self, BANK_ACCOUNT, m.start("clearing"), m.end(), 0.85, "a clearing number after its bank"
            )
            for m in _BANK_CLEARING.finditer(text)
            # an amount or a count after the bank's name: "Swedbank, 8200 kronor", "7000 2 gånger"
            if _clearing_of(m.group("bank"), m.group("clearing"))
            and heuristics.QUANTITY_AFTER.match(text, m.end("clearing")) is None
        ]


def account_canonical(text: str) -> str:
    """ "clearing-account" digits: written, spoken, or with words between the two parts."""
    if numbers.has_spoken_number(text) or any(ch.isalpha() for ch in text):
        best = _spoken_account_split(text)
        if best is not None:
            return f"{best[0]}-{best[1]}"
    split = split_account(text)
    return f"{split[0]}-{split[1]}" if split else ascii_digits(text)


# ---- spoken / two-part bank account ----------------------------------------------------------

# The clearing number or account must be introduced by an account word right before it (the last
# such word; same turn, no digits in between): clearing + account digits are too common otherwise.
_ACCOUNT_BEFORE = re.compile(
    r"(?:konto|clearing)[a-zåäö]*\b(?P<tail>(?:(?!konto|clearing)[^\n\d]){0,40})$", re.IGNORECASE
)
# What people say between the clearing number and the account number.
_ACCOUNT_BETWEEN = re.compile(
    r"[ ,.:]*(?:(?:och|sen|sedan|så|är|eh|öh|ehm|alltså|själva|mitt|det)[ ,.:]+)*"
    r"(?:(?:konto|kontot|kontonummer|kontonumret|kontonr|nummer|numret)\.?[ ,.:]+)?"
    r"(?:(?:är|blir|eh|öh|ehm)[ ,.:]+)*",
    re.IGNORECASE,
)


def _introduced_by(before: re.Pattern, text: str, start: int) -> bool:
    """A context word right before `start` (same turn, no written digits or number words between:
    in "bankgiro, sen sa jag ett två och ..." the giro word introduces "ett två", not what follows)."""
    m = before.search(text, max(0, start - 60), start)
    return m is not None and not numbers.words_to_digits(m.group("tail"))


def _readings(tokens) -> list[str]:
    """Digit strings a token sequence may stand for ("fyrtio sex": 46 or 406), at most eight."""
    out = [""]
    for tok in tokens:
        out = [r + d for r in out for d in ((tok.digits, tok.alt) if tok.alt else (tok.digits,))][:8]
    return out


def _utterance(run) -> list:
    """The run's tokens up to a turn change (an account number is said in one go)."""
    toks = [run.tokens[0]]
    for k in range(1, len(run.tokens)):
        if run.gaps[k] == "turn":
            break
        toks.append(run.tokens[k])
    return toks


def _best_split(readings: list[str]) -> tuple[str, str, float] | None:
    """The best (clearing, account, score) any reading splits into."""
    best = None
    for d in readings:
        for n in (5, 4) if d[:1] == "8" else (4,):
            score = account_digits_score(d[:n], d[n:])
            if score is not None and (best is None or score > best[2]):
                best = (d[:n], d[n:], score)
    return best


def _spoken_account_split(text: str) -> tuple[str, str] | None:
    rs = numbers.runs(text)
    if len(rs) == 1:
        best = _best_split(_readings(_utterance(rs[0])))
    elif len(rs) == 2:
        best = _two_part(_readings(_utterance(rs[0])), _readings(_utterance(rs[1])))
    else:
        best = None
    return (best[0], best[1]) if best else None


def _two_part(clearings: list[str], accounts: list[str]) -> tuple[str, str, float] | None:
    best = None
    for c in clearings:
        for a in accounts:
            score = account_digits_score(c, a)
            if score is not None and (best is None or score > best[2]):
                best = (c, a, score)
    return best


_ACCOUNT_QUICK_WORDS = ("konto", "clearing")


class KlangSpokenBankAccountRecognizer(base.DigitWindowRecognizer):
    """Bank accounts said in words or mixed ("åtta tre två sju nio, ett två tre ..."), and clearing
    and account said as two numbers with words between them ("clearingnummer 8327-9, och
    kontonumret är 123 456 789-7", written or spoken): one span from clearing to account end.
    Needs "konto..."/"clearing..." right before the number (same turn); Swedbank's check digits
    raise the score. Plain written "clearing account" is the pattern recognizer's."""

    ENTITY = BANK_ACCOUNT
    LENGTHS = (4,)
    CONTEXT = ACCOUNT_CONTEXT

    def may_match(self, text: str) -> bool:
        return heuristics.mentions(text, _ACCOUNT_QUICK_WORDS) and bool(numbers.runs(text))

    def analyze(self, text, entities, nlp_artifacts=None):
        if entities and self.ENTITY not in entities:
            return []
        if not self.may_match(text):
            return []
        rs = numbers.runs(text)
        results = []
        k = 0
        while k < len(rs):
            first = _utterance(rs[k])
            start = first[0].start
            if not _introduced_by(_ACCOUNT_BEFORE, text, start) or heuristics.after_reference_word(text, start):
                k += 1
                continue
            found = None
            nxt = rs[k + 1] if k + 1 < len(rs) else None
            if nxt is not None and _ACCOUNT_BETWEEN.fullmatch(text, first[-1].end, nxt.tokens[0].start):
                second = _utterance(nxt)
                best = _two_part(_readings(first), _readings(second))
                if best is not None:
                    found = (start, second[-1].end, best[2], 2)
            if found is None:
                plain = not any(t.spoken for t in first) and all(rs[k].gaps[i] == "plain" for i in range(1, len(first)))
                reads = _readings(first)
                # A personnummer said after "kontot ..." ("kontot står på mig, åttioåtta noll fyra
                # ...") is a personnummer: its recognizer reports it.
                if plain or any(personnummer.is_valid_digits(d) for d in reads):
                    best = None
                else:
                    best = _best_split(reads)
                if best is not None:
                    found = (start, first[-1].end, best[2], 1)
            if found is None or heuristics.QUANTITY_AFTER.match(text, found[1]):
                k += 1
                continue
            s, e, score, used = found
            # context word right before: as sure as the written form with context (0.4 + 0.35)
            score = 0.85 if score >= 1.0 else 0.75
            results.append(self.result(s, e, score, "clearing + account (spoken, mixed or two-part)"))
            k += used
        return results


# ---- bankgiro / plusgiro -----------------------------------------------------------------------

BANKGIRO = "SE_BANKGIRO"
PLUSGIRO = "SE_PLUSGIRO"
_BG_REGEX = rf"(?=\d)(?<![\d\-+.,/]){_REF}\d{{3,4}}[ ]?-[ ]?\d{{4}}(?![\d\-]|[.,]\d)"
_PG_REGEX = rf"(?=\d)(?<![\d\-+.,/]){_REF}\d{{1,2}}(?:[ ]?\d{{2}}){{0,3}}[ ]?-[ ]?\d(?![\d\-]|[.,]\d)"
# Presidio's context enhancer looks five words back; people say "vårt bankgiro är ... nej vänta,
# det är ..." with the number further away. A giro word earlier in the same line (<= 100
# characters, the `regex` module's variable lookbehind) is context enough for a Luhn-valid number.
_BG_TOPIC = r"(?<=(?:bankgiro|\bbg\b)[^\n]{0,100})"
_PG_TOPIC = r"(?<=(?:plusgiro|postgiro|\bpg\b)[^\n]{0,100})"


def _topical(pattern: str, topic: str) -> str:
    """`pattern` with the topic lookbehind placed after its leading (?=\\d), so the costly
    lookbehind runs only where a digit starts."""
    assert pattern.startswith("(?=\\d)")
    return "(?=\\d)" + topic + pattern[len("(?=\\d)") :]


BG_CONTEXT = ["bankgiro", "bankgironummer", "bankgirot", "bg", "giro", "girot"]
PG_CONTEXT = ["plusgiro", "plusgironummer", "plusgirot", "postgiro", "pg", "giro", "girot"]


class KlangBankgiroRecognizer(PatternRecognizer):
    def __init__(self, supported_language: str = "sv"):
        super().__init__(
            supported_entity=BANKGIRO,
            patterns=[
                Pattern("bankgiro", _BG_REGEX, 0.3),
                Pattern("bankgiro, giro word earlier in the line", _topical(_BG_REGEX, _BG_TOPIC), 0.6),
            ],
            context=BG_CONTEXT,
            supported_language=supported_language,
            name=type(self).__name__,
        )

    def may_match(self, text: str) -> bool:
        return numbers.has_digit(text) and (
            heuristics.mentions(text, _BG_WORDS)
        )  # context-only: nothing without a context word

    def validate_result(self, pattern_text: str) -> bool | None:
        digits = ascii_digits(pattern_text)
        return None if 7 <= len(digits) <= 8 and luhn_ok(digits) else False


class KlangPlusgiroRecognizer(PatternRecognizer):
    def __init__(self, supported_language: str = "sv"):
        super().__init__(
            supported_entity=PLUSGIRO,
            patterns=[
                Pattern("plusgiro", _PG_REGEX, 0.3),
                Pattern("plusgiro, giro word earlier in the line", _topical(_PG_REGEX, _PG_TOPIC), 0.6),
            ],
            context=PG_CONTEXT,
            supported_language=supported_language,
            name=type(self).__name__,
        )

    def may_match(self, text: str) -> bool:
        return numbers.has_digit(text) and (heuristics.mentions(text, _PG_WORDS))  # context-only

    def validate_result(self, pattern_text: str) -> bool | None:
        digits = ascii_digits(pattern_text)
        return None if 2 <= len(digits) <= 8 and luhn_ok(digits) else False


_BG_BEFORE = re.compile(r"(?:bankgiro|\bbg\b)[a-zåäö]*\b(?P<tail>(?:(?!bankgiro|\bbg\b)[^\n\d]){0,40})$", re.IGNORECASE)
_PG_BEFORE = re.compile(
    r"(?:plusgiro|postgiro|\bpg\b)[a-zåäö]*\b(?P<tail>(?:(?!plusgiro|postgiro|\bpg\b)[^\n\d]){0,40})$", re.IGNORECASE
)


class _SpokenGiroRecognizer(base.DigitWindowRecognizer):
    """A giro number said in words or mixed: Luhn-valid, starting its run of digits, with a giro
    word right before it in the same turn (seven or eight digits pass Luhn by chance one time in
    ten, so the word is what makes it a giro number)."""

    BEFORE: re.Pattern = _BG_BEFORE
    WORDS: tuple[str, ...] = ()

    def may_match(self, text: str) -> bool:
        return heuristics.mentions(text, self.WORDS) and super().may_match(text)

    def score_window(self, text, window):
        if window.i != 0 or window.crosses_turn or not luhn_ok(window.digits):
            return None
        if not _introduced_by(self.BEFORE, text, window.start):
            return None
        if heuristics.QUANTITY_AFTER.match(text, window.end):
            return None
        return 0.7


class KlangSpokenBankgiroRecognizer(_SpokenGiroRecognizer):
    ENTITY = BANKGIRO
    LENGTHS = (7, 8)
    CONTEXT = BG_CONTEXT
    BEFORE = _BG_BEFORE
    WORDS = _BG_WORDS


class KlangSpokenPlusgiroRecognizer(_SpokenGiroRecognizer):
    ENTITY = PLUSGIRO
    LENGTHS = (5, 6, 7, 8)  # shorter plusgiro numbers exist (organisations) but are too easy to hit by chance spoken
    CONTEXT = PG_CONTEXT
    BEFORE = _PG_BEFORE
    WORDS = _PG_WORDS


def giro_canonical(text: str) -> str:
    digits = numbers.number_digits(text)
    return f"{digits[:-1]}-{digits[-1]}" if digits else digits
