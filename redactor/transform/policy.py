"""Per-entity policy: what a finding becomes in the stored text."""

from __future__ import annotations

from dataclasses import dataclass, field

from recognizers import canonical_value
from redactor.transform.pseudonym import Pseudonymiser

ACTIONS = ("redact", "mask", "pseudonymise")


class PolicyError(ValueError):
    pass


def mask(value: str) -> str:
    """Letters and digits become '*', separators stay: the shape survives, the content does not."""
    return "".join("*" if ch.isalnum() else ch for ch in value)


@dataclass
class Policy:
    default: str = "redact"
    entities: dict[str, str] = field(default_factory=dict)
    pseudonymiser: Pseudonymiser | None = None

    def __post_init__(self) -> None:
        for entity, action in {"default": self.default, **self.entities}.items():
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
        return self.default == "pseudonymise" or "pseudonymise" in self.entities.values()

    def action(self, entity_type: str) -> str:
        return self.entities.get(entity_type, self.default)

    def replacement(self, entity_type: str, value: str) -> str:
        action = self.action(entity_type)
        if action == "mask":
            return mask(value)
        if action == "pseudonymise":
            assert self.pseudonymiser is not None
            return self.pseudonymiser.text_token(entity_type, canonical_value(entity_type, value))
        return f"<{entity_type}>"
