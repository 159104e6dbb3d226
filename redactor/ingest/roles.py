"""Who speaks: agent or customer, for exports that do not say so per turn (the Klang API).

A Klang transcript labels turns by speaker ("Agent Jonas", "Kund", "Talare 2", or a resolved
name); `participants[]` may carry a role. In that order a speaker gets a role from:
1. its participant entry (`role` or `type`, e.g. "agent", "handläggare", "customer", "kund");
2. a role word as the first word of its label ("Agent Jonas", "Kund 1", "Handläggare");
3. the other side of a two-party call: with exactly two speakers and one of them known, the
   other has the opposite role (a support call is an agent and a caller).
Otherwise the role stays unknown (None) rather than guessed.
"""

from __future__ import annotations

import re

from redactor.domain import Segment
from redactor.ingest.labels import ROLE_ALIASES

_OTHER = {"agent": "customer", "customer": "agent"}


def role_of(value: object) -> str | None:
    """A role name or alias ("Handläggare", "caller") as agent/customer, else None."""
    role = ROLE_ALIASES.get(value.strip().lower()) if isinstance(value, str) else None
    return role if role in _OTHER else None


def assign_roles(segments: list[Segment], participant_roles: dict[str, str]) -> None:
    """Fill in `role` where a turn has none, from the speaker's label (see module doc)."""
    speakers = list(dict.fromkeys(s.speaker for s in segments if s.speaker))
    roles: dict[str, str] = {}
    for speaker in speakers:
        first = re.split(r"[\s\d:.,-]+", speaker.strip(), maxsplit=1)[0]
        role = participant_roles.get(speaker) or role_of(first)
        if role:
            roles[speaker] = role
    if len(speakers) == 2 and len(roles) == 1:
        (known,) = roles.items()
        other = speakers[1] if known[0] == speakers[0] else speakers[0]
        roles[other] = _OTHER[known[1]]
    for segment in segments:
        if segment.role is None and segment.speaker in roles:
            segment.role = roles[segment.speaker]


def default_queue(metadata: dict[str, str], klang: dict) -> None:
    """A queue for a Klang call that names none: `[klang.folder_queues]` by folder, else `[klang] queue`."""
    if any(metadata.get(k) for k in ("queue", "queue_name", "metadata.queue")):  # as redactor.store.tables reads it
        return
    queue = (klang.get("folder_queues") or {}).get(metadata.get("folder_id", "")) or klang.get("queue")
    if queue:
        metadata["queue"] = str(queue)
