"""The audit log: one JSON object per data-subject action under `audit/`, `audit` retention class.

Records hold tokens, call ids, counts and times: never an identifier or any transcript text.
"""

from __future__ import annotations

import getpass
import json
import os
from contextvars import ContextVar
from datetime import UTC, datetime

from redactor.store.lake import Lake

AUDIT_CLASS = "audit"
# Who acts and under which case reference: set once per command (`set_actor`), added to every
# receipt the command writes.
_ACTOR: ContextVar[dict | None] = ContextVar("redactor_audit_actor", default=None)


def now_utc() -> datetime:
    return datetime.now(UTC)


def put_json(lake: Lake, key: str, record: dict, dataset: str = "audit") -> None:
    tags = lake.retention.tags(AUDIT_CLASS, dataset)
    lake.store.put(key, json.dumps(record, ensure_ascii=False, sort_keys=True, default=str).encode(), tags)


def write_audit(lake: Lake, action: str, request_id: str, record: dict) -> str:
    """`audit/<action>/date=YYYY-MM-DD/<timestamp>-<request id>.json`, with the operator and case
    reference of `set_actor` (default: the OS user, no case); returns the key."""
    when = now_utc()
    key = f"audit/{action}/date={when.date().isoformat()}/{when.strftime('%Y%m%dT%H%M%S%fZ')}-{request_id}.json"
    actor = current_actor()
    put_json(lake, key, {"action": action, "request_id": request_id, "at": when.isoformat(), **actor, **record})
    return key


def operator_name(given: str | None = None) -> str:
    """Who ran a command, for its receipt: `--operator`, else the OS user (in a container without a
    passwd entry, the uid)."""
    if given and given.strip():
        return given.strip()
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return f"uid:{os.getuid()}"


def set_actor(operator: str | None = None, case_ref: str | None = None) -> dict:
    """Record `operator` (default: the OS user) and `case_ref` in every receipt written from now on."""
    actor = {"operator": operator_name(operator), "case_ref": (case_ref or "").strip() or None}
    _ACTOR.set(actor)
    return actor


def current_actor() -> dict:
    return _ACTOR.get() or {"operator": operator_name(), "case_ref": None}
