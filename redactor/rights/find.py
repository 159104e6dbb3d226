"""Which calls concern a person: a scan of `calls.subject_tokens` over every committed file."""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import date, datetime

import pyarrow as pa
import pyarrow.parquet as pq

from redactor.config import Config
from redactor.rights.identifiers import KEY_MISSING, KeyMissingError
from redactor.store.lake import Lake, _partition_date
from redactor.transform import Pseudonymiser, load_key


def pseudonymiser_from(config: Config) -> Pseudonymiser:
    """The key the subject index was built with; without it the index cannot be used."""
    key = load_key(config.section("pseudonymise").get("key_file") or None)
    if not key:
        raise KeyMissingError(KEY_MISSING)
    return Pseudonymiser(key)


# Proof of which key built the subject index: a keyed token of a fixed text, written the first time
# a key actually finds calls. A later command with another key is refused instead of answering
# "no calls" (which, for an erasure, would be a false all-clear).
KEY_CHECK_KEY = "audit/subject-index/key-check.json"
_KEY_CHECK_TEXT = "klang-redactor subject index"
KEY_MISMATCH = (
    "this pseudonymisation key is not the one the subject index was built with (the key that found "
    f"calls before); set REDACTOR_PSEUDONYM_KEY to that key. If the key was rotated on purpose, remove {KEY_CHECK_KEY}"
)
NOTHING_FOUND = (
    "no call carries these tokens; if calls were expected, check that REDACTOR_PSEUDONYM_KEY is the "
    "key the calls were ingested with"
)


def _key_check(pseudonymiser: Pseudonymiser) -> str:
    return pseudonymiser.index_token("KEY_CHECK", _KEY_CHECK_TEXT)


def verify_key(lake: Lake, pseudonymiser: Pseudonymiser) -> None:
    """Raise KeyMissingError if the store remembers a different key."""
    import json

    if lake.store.exists(KEY_CHECK_KEY):
        if json.loads(lake.store.get(KEY_CHECK_KEY)).get("token") != _key_check(pseudonymiser):
            raise KeyMissingError(KEY_MISMATCH)


def remember_key(lake: Lake, pseudonymiser: Pseudonymiser) -> None:
    """Record the key's check token once it has found calls (so it is the index's key)."""
    if not lake.store.exists(KEY_CHECK_KEY):
        from redactor.rights.audit import put_json

        put_json(lake, KEY_CHECK_KEY, {"token": _key_check(pseudonymiser)}, dataset="subject-index")


def read_parquet(lake: Lake, key: str, columns: list[str] | None = None) -> pa.Table:
    return pq.read_table(io.BytesIO(lake.store.get(key)), columns=columns)


def partition_of(key: str) -> date | None:
    return _partition_date(key)


@dataclass
class SubjectCall:
    call_id: str
    call_date: date | None
    created_at: datetime | None
    tokens: list[str] = field(default_factory=list)  # the request's tokens found in this call
    keys: list[str] = field(default_factory=list)  # calls-table files holding the row
    restricted: bool = False

    def as_dict(self) -> dict:
        return {
            "call_id": self.call_id,
            "call_date": self.call_date.isoformat() if self.call_date else None,
            "created_at": self.created_at.isoformat() if self.created_at else None,
            "matched_tokens": self.tokens,
            "restricted": self.restricted,
        }


def find_calls(lake: Lake, tokens: list[str]) -> list[SubjectCall]:
    """Every call whose row carries one of the tokens, in date order."""
    wanted = set(tokens)
    found: dict[str, SubjectCall] = {}
    for key in lake.live_files("calls"):
        table = read_parquet(lake, key, ["call_id", "created_at", "subject_tokens"])
        for row in table.to_pylist():
            hits = sorted(wanted.intersection(row["subject_tokens"] or ()))
            if not hits:
                continue
            sc = found.setdefault(row["call_id"], SubjectCall(row["call_id"], partition_of(key), row["created_at"]))
            sc.tokens = sorted(set(sc.tokens) | set(hits))
            sc.keys.append(key)
    restricted = lake_restricted(lake)
    for sc in found.values():
        sc.restricted = sc.call_id in restricted
    return sorted(found.values(), key=lambda s: (s.call_date or date.min, s.call_id))


def lake_restricted(lake: Lake) -> set[str]:
    fn = getattr(lake, "restricted_call_ids", None)
    return set(fn()) if fn else set()
