"""Retention classes and the tags every stored object carries."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

from redactor.config import RETENTION_BASES

RETENTION_CLASSES = ("transcript-redacted", "raw-landing", "quarantine", "audit")
__all__ = ["RETENTION_BASES", "RETENTION_CLASSES", "Retention"]


@dataclass
class Retention:
    days: dict[str, int] = field(default_factory=dict)
    pipeline_version: str = ""
    basis: str = "written"

    @classmethod
    def from_section(cls, section: dict, pipeline_version: str) -> Retention:
        """`[retention]` of the config: days per class, plus `from` (see RETENTION_BASES)."""
        days = {k: v for k, v in section.items() if k != "from"}
        return cls(days, pipeline_version, str(section.get("from", "written")))

    def expires_on(self, retention_class: str, today: date | None = None) -> date:
        if retention_class not in self.days:
            raise ValueError(f"no retention period configured for class {retention_class!r}")
        # UTC, like purge and bucket lifecycle, so a host's time zone never shifts an expiry.
        return (today or datetime.now(UTC).date()) + timedelta(days=int(self.days[retention_class]))

    def call_date_expiry(self, retention_class: str, call_day: str) -> str | None:
        """With `from = "call_date"`: the expiry of rows of calls made on `call_day` (ISO). None when
        retention counts from the write date (the writer then uses today's)."""
        if self.basis != "call_date":
            return None
        return self.expires_on(retention_class, date.fromisoformat(call_day)).isoformat()

    def tags(self, retention_class: str, dataset: str, today: date | None = None) -> dict[str, str]:
        return {
            "retention-class": retention_class,
            "expires-on": self.expires_on(retention_class, today).isoformat(),
            "pipeline-version": self.pipeline_version,
            "dataset": dataset,
        }
