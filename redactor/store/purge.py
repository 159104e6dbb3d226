"""Purge: delete every object whose `expires-on` tag has passed.

Bucket lifecycle rules are the primary mechanism, but they do not exist on a laptop folder, do
not run on some servers unless triggered, and AWS itself runs them asynchronously (typically
within a day or two of the due date). Purge makes "kept only as long as needed" true on every
store: it reads each object's tags, never its contents, and reports keys only.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, date, datetime

from redactor.store.backend import ObjectStore, StoreError


def today_utc() -> date:
    # S3 lifecycle counts days in UTC; purge uses the same calendar.
    return datetime.now(UTC).date()


@dataclass
class PurgeReport:
    store: str
    as_of: date
    dry_run: bool
    deleted: list[dict] = field(default_factory=list)  # {key, retention_class, expires_on}
    kept: int = 0
    untagged: list[str] = field(default_factory=list)  # no (valid) expires-on tag: never deleted blindly
    failed: list[dict] = field(default_factory=list)  # {key, error}
    # expires-on month (YYYY-MM) -> {objects, bytes, by_class}: every tagged object, deleted or kept
    calendar: dict[str, dict] = field(default_factory=dict)

    def add_to_calendar(self, expires: date, size: int, retention_class: str) -> None:
        month = self.calendar.setdefault(expires.strftime("%Y-%m"), {"objects": 0, "bytes": 0, "by_class": {}})
        month["objects"] += 1
        month["bytes"] += size
        month["by_class"][retention_class] = month["by_class"].get(retention_class, 0) + 1

    def as_dict(self) -> dict:
        return {
            "store": self.store,
            "as_of": self.as_of.isoformat(),
            "dry_run": self.dry_run,
            "deleted": self.deleted,
            "deleted_count": len(self.deleted),
            "kept": self.kept,
            "untagged": self.untagged,
            "failed": self.failed,
            "calendar": dict(sorted(self.calendar.items())),
        }


def _expiry(tags: dict[str, str]) -> date | None:
    try:
        return date.fromisoformat(tags.get("expires-on", ""))
    except ValueError:
        return None


def purge(
    store: ObjectStore, as_of: date | None = None, dry_run: bool = False, prefix: str = "", workers: int = 8
) -> PurgeReport:
    """Delete (or with `dry_run` only list) objects whose expires-on date is before `as_of`.

    An object is kept through its expires-on day and deleted from the next day on, matching
    `Retention.expires_on` = write date + retention days.
    """
    as_of = as_of or today_utc()
    report = PurgeReport(store.uri, as_of, dry_run)
    sizes = {obj.key: obj.size for obj in store.list(prefix)}
    keys = list(sizes)

    def inspect(key: str) -> tuple[str, dict[str, str] | None, str | None]:
        try:
            return key, store.tags(key), None
        except StoreError as exc:
            return key, None, str(exc)

    # Tags are one request per object on S3; a few in parallel keep large buckets tolerable.
    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        inspected = list(pool.map(inspect, keys))

    for key, tags, error in inspected:
        if error is not None:
            if error.startswith("no such object"):
                continue  # deleted meanwhile (by lifecycle or another purge): nothing to do
            report.failed.append({"key": key, "error": error})
            continue
        expires = _expiry(tags)
        if expires is None:
            report.untagged.append(key)
            continue
        report.add_to_calendar(expires, sizes[key], tags.get("retention-class", "") or "none")
        if expires >= as_of:
            report.kept += 1
            continue
        entry = {"key": key, "retention_class": tags.get("retention-class", ""), "expires_on": expires.isoformat()}
        if not dry_run:
            try:
                store.delete(key)
            except StoreError as exc:
                report.failed.append({"key": key, "error": str(exc)})
                continue
        report.deleted.append(entry)
    return report


def expiry_calendar(calendar: dict[str, dict], as_of: date) -> str:
    """The expiry calendar of a dry run: objects and bytes per month, by retention class."""
    lines = [
        "expiry calendar (by expires-on month; earlier months are overdue):",
        f"{'month':<9} {'objects':>8} {'MB':>10}  classes",
    ]
    for month, m in calendar.items():
        classes = ", ".join(f"{c} {n}" for c, n in sorted(m["by_class"].items()))
        now = as_of.strftime("%Y-%m")
        mark = "  <- overdue" if month < now else "  <- this month" if month == now else ""
        lines.append(f"{month:<9} {m['objects']:>8} {m['bytes'] / 1e6:>10.3f}  {classes}{mark}")
    if not calendar:
        lines.append("(no tagged objects)")
    return "\n".join(lines)
