"""Retention classes and the tags every stored object carries."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone

RETENTION_CLASSES = ("transcript-redacted", "raw-landing", "quarantine", "audit")


@dataclass
class Retention:
    days: dict[str, int] = field(default_factory=dict)
    pipeline_version: str = ""

    def expires_on(self, retention_class: str, today: date | None = None) -> date:
        if retention_class not in self.days:
            raise ValueError(f"no retention period configured for class {retention_class!r}")
        # UTC, like purge and bucket lifecycle, so a host's time zone never shifts an expiry.
        return (today or datetime.now(timezone.utc).date()) + timedelta(days=int(self.days[retention_class]))

    def tags(self, retention_class: str, dataset: str, today: date | None = None) -> dict[str, str]:
        return {
            "retention-class": retention_class,
            "expires-on": self.expires_on(retention_class, today).isoformat(),
            "pipeline-version": self.pipeline_version,
            "dataset": dataset,
        }
