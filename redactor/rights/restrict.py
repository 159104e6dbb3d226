"""Restriction of processing (GDPR art. 18): the person's calls stay stored but leave analysts' views.

Layout: `restrictions/<call_id>/<request id>.json`, one small object per call and request, so two
requests never race on a shared list, and a call that concerns two people stays restricted until
both restrictions are lifted. `Lake.restricted_call_ids()` is what views read. The objects carry
the `audit` retention class: a restriction must outlive the data it restricts.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field

from redactor.domain import RedactedCall
from redactor.rights.audit import now_utc, put_json, write_audit
from redactor.rights.find import find_calls
from redactor.rights.identifiers import SubjectRequest
from redactor.store.lake import RESTRICTIONS_PREFIX, Lake


@dataclass
class RestrictReport:
    action: str
    request_id: str
    tokens: list[str]
    calls: list[str] = field(default_factory=list)
    changed: int = 0
    audit_key: str = ""

    def as_dict(self) -> dict:
        return {
            "action": self.action,
            "request_id": self.request_id,
            "tokens": self.tokens,
            "calls": len(self.calls),
            "call_ids": self.calls,
            "changed": self.changed,
            "audit_key": self.audit_key,
        }


def restriction_key(call_id: str, request_id: str) -> str:
    return f"{RESTRICTIONS_PREFIX}{call_id}/{request_id}.json"


def _put_restriction(lake: Lake, call_id: str, request_id: str, tokens: list[str]) -> bool:
    """Restrict one call for one request; False if it already was."""
    key = restriction_key(call_id, request_id)
    if lake.store.exists(key):
        return False
    put_json(
        lake,
        key,
        {"call_id": call_id, "request_id": request_id, "tokens": tokens, "restricted_at": now_utc().isoformat()},
        dataset="restrictions",
    )
    return True


def _read_record(lake: Lake, key: str) -> dict | None:
    try:
        return json.loads(lake.store.get(key))
    except ValueError:
        return None


def _restriction_keys(lake: Lake) -> list[str]:
    return [obj.key for obj in lake.store.list(RESTRICTIONS_PREFIX) if obj.key.endswith(".json")]


def _restriction_records(lake: Lake):
    """(key, record) of every readable restriction object."""
    for key in _restriction_keys(lake):
        record = _read_record(lake, key)
        if record is not None:
            yield key, record


def restrict(lake: Lake, request: SubjectRequest) -> RestrictReport:
    report = RestrictReport("restrict", request.request_id, request.tokens)
    for sc in find_calls(lake, request.tokens):
        report.calls.append(sc.call_id)
        report.changed += _put_restriction(lake, sc.call_id, request.request_id, request.tokens)
    report.audit_key = write_audit(
        lake,
        "restrict",
        request.request_id,
        {"tokens": request.tokens, "call_ids": report.calls, "added": report.changed},
    )
    return report


def unrestrict(lake: Lake, request: SubjectRequest) -> RestrictReport:
    """Lift this person's restrictions: those made with any of their tokens, on any call."""
    report = RestrictReport("unrestrict", request.request_id, request.tokens)
    wanted = set(request.tokens)
    for key, record in _restriction_records(lake):
        if wanted.intersection(record.get("tokens", ())):
            lake.store.delete(key)
            report.changed += 1
            report.calls.append(record.get("call_id", key[len(RESTRICTIONS_PREFIX) :].split("/", 1)[0]))
    report.calls = sorted(set(report.calls))
    report.audit_key = write_audit(
        lake,
        "unrestrict",
        request.request_id,
        {"tokens": request.tokens, "call_ids": report.calls, "removed": report.changed},
    )
    return report


class RestrictionIndex:
    """The restrictions in force, for a job that asks at every commit. Each ask lists the prefix
    (one request) but reads an object only the first time its key is seen: restriction objects
    are written once and only ever deleted, so a known key holds the record already read."""

    def __init__(self, lake: Lake):
        self.lake = lake
        self._records: dict[str, dict | None] = {}

    def in_force(self) -> dict[str, tuple[str, list[str]]]:
        """Subject token -> (request id, that request's tokens), for every restriction in force."""
        known = self._records
        self._records = {
            key: known[key] if key in known else _read_record(self.lake, key) for key in _restriction_keys(self.lake)
        }
        by_token: dict[str, tuple[str, list[str]]] = {}
        for record in filter(None, self._records.values()):
            for token in record.get("tokens", ()):
                by_token[token] = (record["request_id"], record["tokens"])
        return by_token


def restrict_new_calls(lake: Lake, calls: Iterable[RedactedCall], in_force: dict[str, tuple[str, list[str]]]) -> int:
    """Restrict the calls that concern a person under restriction. The ingest job calls this before
    it commits them, so a new call of a restricted person is never visible to analysts."""
    n = 0
    for rc in calls:
        for token in rc.subject_tokens:
            if token in in_force:
                n += _put_restriction(lake, rc.call.call_id, *in_force[token])
    return n


def drop_restrictions(lake: Lake, call_ids: set[str]) -> int:
    """Remove every restriction on calls that no longer exist (after an erasure)."""
    n = 0
    for obj in list(lake.store.list(RESTRICTIONS_PREFIX)):
        if obj.key[len(RESTRICTIONS_PREFIX) :].split("/", 1)[0] in call_ids:
            lake.store.delete(obj.key)
            n += 1
    return n
