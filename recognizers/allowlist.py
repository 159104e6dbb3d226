"""Company numbers that are not personal data (switchboard, organisationsnummer, ...).

Matching is on the canonical value, so "08-123 456 78" in the config also allows "08123 45678".
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable


@dataclass
class AllowlistFilter:
    values: Iterable[str] = ()
    _keys: set[str] = field(init=False, default_factory=set)
    _digits: set[str] = field(init=False, default_factory=set)

    def __post_init__(self) -> None:
        for value in self.values:
            self._keys.add(" ".join(value.casefold().split()))
            digits = "".join(ch for ch in value if ch.isdigit())
            if len(digits) >= 6:
                self._digits.add(digits.lstrip("0"))

    def allows(self, entity_type: str, text: str) -> bool:
        if " ".join(text.casefold().split()) in self._keys:
            return True
        digits = "".join(ch for ch in text if ch.isdigit())
        if len(digits) >= 6:
            # Compare without trunk zero / country code so +46 8 ... matches 08-...
            core = digits[2:] if digits.startswith("46") and len(digits) > 9 else digits
            return core.lstrip("0") in self._digits
        return False
