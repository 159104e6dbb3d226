"""Per-entity policy: what a finding becomes in the stored text."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from recognizers import canonical_value
from recognizers.entities import ACTIONS, BY_NAME, ENTITIES, default_policy
from redactor.errors import RedactorError
from redactor.transform.pseudonym import Pseudonymiser


class PolicyError(RedactorError, ValueError):
    pass


def mask(value: str) -> str:
    """Letters and digits become '*', separators stay: the shape survives, the content does not."""
    return "".join("*" if ch.isalnum() else ch for ch in value)


@dataclass
class Policy:
    """`entities` (type -> action) first, then `default` for every other type; without a
    default, each type's own (recognizers/entities.py)."""

    default: str | None = None
    entities: dict[str, str] = field(default_factory=dict)
    pseudonymiser: Pseudonymiser | None = None

    def __post_init__(self) -> None:
        unknown = sorted(set(self.entities) - set(BY_NAME))
        if unknown:  # a misspelt type would otherwise fall back to the default without a word
            raise PolicyError(f"unknown entity type(s) in [policy.entities]: {', '.join(unknown)}")
        chosen = {"default": self.default} if self.default is not None else {}
        for entity, action in {**chosen, **self.entities}.items():
            if action not in ACTIONS:
                raise PolicyError(f"unknown action {action!r} for {entity}; choose one of {', '.join(ACTIONS)}")
        if self.needs_key and self.pseudonymiser is None:
            wanting = sorted(e for e, a in self.entities.items() if a == "pseudonymise")
            raise PolicyError(
                "policy 'pseudonymise' needs a key: set REDACTOR_PSEUDONYM_KEY (or a key file via "
                "REDACTOR_PSEUDONYM_KEY_FILE / [pseudonymise] key_file in the config)"
                + (f"; wanted for {', '.join(wanting)}" if wanting else " (default action)")
            )

    @property
    def needs_key(self) -> bool:
        return "pseudonymise" in self.entities.values() or (
            self.default == "pseudonymise"
            if self.default is not None
            else any(e.policy == "pseudonymise" for e in ENTITIES)
        )

    def action(self, entity_type: str) -> str:
        if entity_type in self.entities:
            return self.entities[entity_type]
        return self.default if self.default is not None else default_policy(entity_type)

    def replacement(self, entity_type: str, value: str, number: int | None = None) -> str:
        """`number`: the value's placeholder number within its call (redact only): <PERSON_2>."""
        action = self.action(entity_type)
        if action == "mask":
            return mask(value)
        if action == "pseudonymise":
            assert self.pseudonymiser is not None
            return self.pseudonymiser.text_token(entity_type, canonical_value(entity_type, value))
        return f"<{entity_type}_{number}>" if number is not None else f"<{entity_type}>"


# A numbered placeholder already in a text (a call stored before and re-scanned by `reprocess`).
NUMBERED = re.compile(r"<([A-Z][A-Z0-9_]*?)_(\d+)>")


def same_value_key(entity_type: str, value: str) -> str:
    """What makes two findings of one type the same value: the canonical form (personnummer as 12
    digits, phones as +46..., e-mail lowercased; names case- and space-folded)."""
    try:
        return canonical_value(entity_type, value)
    except Exception:  # noqa: BLE001 - a fragment without a canonical form: compare it folded
        return " ".join(value.casefold().split())


class PlaceholderNumbers:
    """One number per value per call and type, in order of first appearance: <PERSON_1>, <PERSON_2>.

    Names: a genitive ("Veras") is its base form ("Vera") and a part of exactly one full name
    ("Vera", "Holm") is that person ("Vera Holm"), so the customer is one placeholder throughout.
    Numbers continue after those already in the call's texts (`existing`), so a re-scan never
    gives a new value an old value's number."""

    def __init__(self, person_values: list[str], existing: Iterable[str] = ()):
        self._next: dict[str, int] = {}
        for text in existing:
            for m in NUMBERED.finditer(text):
                self._next[m.group(1)] = max(self._next.get(m.group(1), 1), int(m.group(2)) + 1)
        self._numbers: dict[tuple[str, str], int] = {}
        self._person = self._person_keys(person_values)

    @staticmethod
    def _person_keys(values: list[str]) -> dict[str, str]:
        words = {v: tuple(v.casefold().replace("-", " ").split()) for v in values}
        full = {w for w in words.values() if len(w) > 1}
        parts = {p for w in full for p in w}
        out: dict[str, str] = {}
        for v, w in words.items():
            if w and w[-1].endswith("s") and len(w[-1]) > 2:
                base = (*w[:-1], w[-1][:-1])
                if base in full or (len(base) == 1 and base[0] in parts) or base in words.values():
                    w = base
            if len(w) == 1:
                owners = [f for f in full if w[0] in f]
                if len(owners) == 1:
                    w = owners[0]
            out[v] = " ".join(w)
        return out

    def number(self, entity_type: str, value: str) -> int:
        key = self._person.get(value) if entity_type == "PERSON" else None
        key = (entity_type, key if key is not None else same_value_key(entity_type, value))
        if key not in self._numbers:
            n = self._next.get(entity_type, 1)
            self._numbers[key] = n
            self._next[entity_type] = n + 1
        return self._numbers[key]
