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

OCR/invoice references are not reported (`recognizers.numbers.REFERENCE_BEFORE`).
"""

from __future__ import annotations

import re
from typing import Optional

from presidio_analyzer import Pattern, PatternRecognizer

from recognizers import numbers
from recognizers.checksums import digits_only, luhn_ok

_REF = numbers.REF_LOOKBEHIND

# ---- IBAN ----------------------------------------------------------------------------------

IBAN = "IBAN_CODE"
IBAN_LENGTHS = {
    "AD": 24, "AT": 20, "BE": 16, "BG": 22, "CH": 21, "CY": 28, "CZ": 24, "DE": 22, "DK": 18, "EE": 20,
    "ES": 24, "FI": 18, "FO": 18, "FR": 27, "GB": 22, "GI": 23, "GL": 18, "GR": 27, "HR": 21, "HU": 28,
    "IE": 22, "IS": 26, "IT": 27, "LI": 21, "LT": 20, "LU": 20, "LV": 21, "MC": 27, "MT": 31, "NL": 18,
    "NO": 15, "PL": 28, "PT": 25, "RO": 24, "SE": 24, "SI": 19, "SK": 24, "SM": 27, "TR": 26,
}
_IBAN_REGEX = (r"(?<![A-Za-z0-9])[A-Za-z]{2}[ ]?\d{2}(?:[ ]?[A-Za-z0-9]{4}){1,2}(?:[ ]?\d{4}){0,6}"
               r"(?:[ ]?\d{1,3})?(?![A-Za-z0-9])")


def iban_valid(text: str) -> bool:
    s = "".join(ch for ch in text if ch.isalnum()).upper()
    if IBAN_LENGTHS.get(s[:2]) != len(s):
        return False
    moved = s[4:] + s[:4]
    return int("".join(str(int(c, 36)) for c in moved)) % 97 == 1


def iban_canonical(text: str) -> str:
    return "".join(ch for ch in text if ch.isalnum()).upper()


class IbanRecognizer(PatternRecognizer):
    def __init__(self, supported_language: str = "sv"):
        super().__init__(supported_entity=IBAN, patterns=[Pattern("IBAN", _IBAN_REGEX, 0.5)],
                         context=["iban", "konto", "kontonummer", "utlandsbetalning", "bank"],
                         supported_language=supported_language, name="SvIbanRecognizer")

    def may_match(self, text: str) -> bool:
        """Cheap gate: written digits only."""
        return numbers.has_digit(text)

    def validate_result(self, pattern_text: str) -> Optional[bool]:
        return iban_valid(pattern_text)


# ---- credit card -----------------------------------------------------------------------------

CARD = "CREDIT_CARD"
_CARD_REGEX = rf"(?=\d)(?<![\d\-.,]){_REF}\d{{4}}(?:[ -]?\d{{2,6}}){{2,4}}(?:[ -]?\d{{1,4}})?(?![\d]|[.,]\d)"
CARD_CONTEXT = ["kort", "kortet", "kortnummer", "kortnumret", "kreditkort", "betalkort", "visa", "mastercard",
                "amex", "kortbetalning"]


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


class CreditCardRecognizer(PatternRecognizer):
    def __init__(self, supported_language: str = "sv"):
        super().__init__(supported_entity=CARD, patterns=[Pattern("card number", _CARD_REGEX, 0.5)],
                         context=CARD_CONTEXT, supported_language=supported_language, name="SvCreditCardRecognizer")

    def may_match(self, text: str) -> bool:
        """Cheap gate: written digits only."""
        return numbers.has_digit(text)

    def validate_result(self, pattern_text: str) -> Optional[bool]:
        return card_valid_digits(digits_only(pattern_text))


class SpokenCreditCardRecognizer(numbers.DigitWindowRecognizer):
    ENTITY = CARD
    LENGTHS = tuple(range(13, 20))
    CONTEXT = CARD_CONTEXT
    NAME = "SvSpokenCreditCardRecognizer"

    def score_window(self, text, window):
        return 0.8 if card_valid_digits(window.digits) else None


# ---- bank account ------------------------------------------------------------------------------

BANK_ACCOUNT = "SE_BANK_ACCOUNT"
_ACCOUNT_REGEX = (rf"(?=\d)(?<![\d\-+.,]){_REF}(?:8\d{{4}}|[1-9]\d{{3}}(?:[ ]?-[ ]?\d)?)(?:,[ ]?|[ ]?-[ ]?|[ ]+)"
                  r"\d{1,4}(?:[ -]?\d){5,11}(?![\d]|[.,]\d)")
ACCOUNT_CONTEXT = ["konto", "kontot", "kontonummer", "kontonumret", "bankkonto", "clearing", "clearingnummer",
                   "clearingnumret", "autogiro", "swedbank", "nordea", "handelsbanken", "seb", "danske",
                   "länsförsäkringar", "sparbank", "sparbanken", "ica", "skandia", "bank", "banken", "utbetalning"]


def split_account(text: str) -> Optional[tuple[str, str]]:
    """(clearing, account) digits, or None."""
    m = re.match(r"\s*(8\d{4}|\d{4})(?:\s?-\s?(\d))?(?:,\s?|\s?-\s?|\s+)(.*)$", text, re.S)
    if not m or (len(m.group(1)) == 5 and m.group(2)):
        return None
    clearing = m.group(1) + (m.group(2) or "")
    return clearing, digits_only(m.group(3))


def account_score(text: str) -> Optional[float]:
    """1.0 when the check digits prove it (Swedbank 8NNN-N), 0.4 (context needed) when only the
    shape fits, None when it cannot be an account."""
    split = split_account(text)
    if split is None:
        return None
    clearing, account = split
    if not 1100 <= int(clearing[:4]) <= 9969 or not 6 <= len(account) <= 12:
        return None
    if len(clearing) == 5:
        if clearing[0] != "8" or not luhn_ok(clearing):
            return None
        if len(account) == 10 and luhn_ok(account):
            return 1.0
        return 0.4
    return 0.4


_ACCOUNT_WORDS = ("konto", "clearing", "autogiro", "bank", "nordea", "seb", "danske", "ica", "skandia",
                  "länsförsäkring", "utbetal")
_SWEDBANK_CLEARING = re.compile(r"8\d{3}[ ]?-?[ ]?\d[ ,]")
_BG_WORDS = ("giro", "bg")
_PG_WORDS = ("giro", "pg")


class SeBankAccountRecognizer(PatternRecognizer):
    def __init__(self, supported_language: str = "sv"):
        super().__init__(supported_entity=BANK_ACCOUNT, patterns=[Pattern("clearing + account", _ACCOUNT_REGEX, 0.4)],
                         context=ACCOUNT_CONTEXT, supported_language=supported_language,
                         name="SeBankAccountRecognizer")

    def may_match(self, text: str) -> bool:
        """A context word, or a Swedbank clearing number (the only form reported without one)."""
        return numbers.has_digit(text) and (numbers.mentions(text, _ACCOUNT_WORDS) or _SWEDBANK_CLEARING.search(text) is not None)

    def validate_result(self, pattern_text: str) -> Optional[bool]:
        score = account_score(pattern_text)
        if score is None:
            return False
        return True if score >= 1.0 else None


def account_canonical(text: str) -> str:
    split = split_account(text)
    return f"{split[0]}-{split[1]}" if split else digits_only(text)


# ---- bankgiro / plusgiro -----------------------------------------------------------------------

BANKGIRO = "SE_BANKGIRO"
PLUSGIRO = "SE_PLUSGIRO"
_BG_REGEX = rf"(?=\d)(?<![\d\-+.,/]){_REF}\d{{3,4}}[ ]?-[ ]?\d{{4}}(?![\d\-]|[.,]\d)"
_PG_REGEX = rf"(?=\d)(?<![\d\-+.,/]){_REF}\d{{1,2}}(?:[ ]?\d{{2}}){{0,3}}[ ]?-[ ]?\d(?![\d\-]|[.,]\d)"
BG_CONTEXT = ["bankgiro", "bankgironummer", "bankgirot", "bg", "giro", "girot"]
PG_CONTEXT = ["plusgiro", "plusgironummer", "plusgirot", "postgiro", "pg", "giro", "girot"]


class SeBankgiroRecognizer(PatternRecognizer):
    def __init__(self, supported_language: str = "sv"):
        super().__init__(supported_entity=BANKGIRO, patterns=[Pattern("bankgiro", _BG_REGEX, 0.3)],
                         context=BG_CONTEXT, supported_language=supported_language, name="SeBankgiroRecognizer")

    def may_match(self, text: str) -> bool:
        return numbers.has_digit(text) and (numbers.mentions(text, _BG_WORDS))  # context-only: nothing without a context word

    def validate_result(self, pattern_text: str) -> Optional[bool]:
        digits = digits_only(pattern_text)
        return None if 7 <= len(digits) <= 8 and luhn_ok(digits) else False


class SePlusgiroRecognizer(PatternRecognizer):
    def __init__(self, supported_language: str = "sv"):
        super().__init__(supported_entity=PLUSGIRO, patterns=[Pattern("plusgiro", _PG_REGEX, 0.3)],
                         context=PG_CONTEXT, supported_language=supported_language, name="SePlusgiroRecognizer")

    def may_match(self, text: str) -> bool:
        return numbers.has_digit(text) and (numbers.mentions(text, _PG_WORDS))  # context-only

    def validate_result(self, pattern_text: str) -> Optional[bool]:
        digits = digits_only(pattern_text)
        return None if 2 <= len(digits) <= 8 and luhn_ok(digits) else False


def giro_canonical(text: str) -> str:
    digits = digits_only(text)
    return f"{digits[:-1]}-{digits[-1]}" if digits else digits
