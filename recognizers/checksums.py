"""Check digits and calendar checks shared by the Swedish identifier recognizers."""

from __future__ import annotations

import calendar
import unicodedata


def luhn_ok(digits: str) -> bool:
    """Luhn (mod 10) over a digit string, check digit last (digits of any script)."""
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = unicodedata.decimal(ch)
        if i % 2 == 1:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


def valid_date(year: int, month: int, day: int) -> bool:
    if not 1 <= month <= 12:
        return False
    return 1 <= day <= calendar.monthrange(year, month)[1]
