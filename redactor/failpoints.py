"""Named crash points for the crash-safety tests: `REDACTOR_CRASH_AT=name[@n][,name...]`.

`crashpoint("after-data-files")` kills the process on the spot (`os._exit`, no cleanup, like
SIGKILL) when the environment names that point, optionally only at its n-th hit. Unset (always,
outside the tests), a crash point costs one dictionary lookup.
"""

from __future__ import annotations

import os
from collections import Counter

_hits: Counter = Counter()


def crashpoint(name: str) -> None:
    spec = os.environ.get("REDACTOR_CRASH_AT")
    if not spec:
        return
    _hits[name] += 1
    for item in spec.split(","):
        point, _, nth = item.strip().partition("@")
        if point == name and (not nth or int(nth) == _hits[name]):
            os._exit(137)
