"""Ready-made analyst queries: `redactor/data/queries/<name>.sql` (shipped with the package), run by name.

A query file starts with a comment header:

    -- Calls per queue and ISO week                        <- first line: the title
    -- Longer description, as many comment lines as needed.
    -- param: term = elavbrott   (text to look for)        <- optional, repeatable

then one SELECT. Parameters are DuckDB named parameters (`$term`); the header gives their
defaults and `--param term=...` overrides them.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from redactor.config import shipped_data
from redactor.errors import RedactorError

# Overridable so a deployment can ship its own folder of queries next to the defaults.
QUERIES_ENV = "REDACTOR_QUERIES_DIR"
DEFAULT_DIR = shipped_data("queries")

_PARAM = re.compile(
    r"^param:\s*(?P<name>[A-Za-z_][A-Za-z0-9_]*)\s*=\s*(?P<default>[^()]*?)\s*(?:\((?P<help>.*)\))?\s*$"
)
_NAME = re.compile(r"^[a-z0-9_]+$")


class QueryNotFound(RedactorError, LookupError):
    pass


@dataclass
class NamedQuery:
    name: str
    path: Path
    title: str
    description: str
    sql: str
    params: dict[str, str] = field(default_factory=dict)
    param_help: dict[str, str] = field(default_factory=dict)

    def bind(self, overrides: dict[str, str] | None = None) -> dict[str, str]:
        """Defaults from the header, overridden by the caller; unknown names are an error."""
        unknown = set(overrides or {}) - set(self.params)
        if unknown:
            known = ", ".join(sorted(self.params)) or "none"
            raise ValueError(f"query {self.name} has no parameter(s) {', '.join(sorted(unknown))} (it takes: {known})")
        return {**self.params, **(overrides or {})}


def query_dirs() -> list[Path]:
    extra = os.environ.get(QUERIES_ENV)
    return ([Path(extra)] if extra else []) + [DEFAULT_DIR]


def parse_query_file(path: Path) -> NamedQuery:
    text = path.read_text("utf-8")
    header: list[str] = []
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped.startswith("--"):
            break
        header.append(stripped[2:].strip())
    title = header[0] if header else path.stem
    params: dict[str, str] = {}
    param_help: dict[str, str] = {}
    description: list[str] = []
    for line in header[1:]:
        match = _PARAM.match(line)
        if match:
            params[match["name"]] = match["default"]
            param_help[match["name"]] = (match["help"] or "").strip()
        elif line:
            description.append(line)
    return NamedQuery(path.stem, path, title, " ".join(description), text, params, param_help)


def list_queries() -> list[NamedQuery]:
    seen: dict[str, NamedQuery] = {}
    for folder in query_dirs():
        if folder.is_dir():
            for path in sorted(folder.glob("*.sql")):
                seen.setdefault(path.stem, parse_query_file(path))
    return sorted(seen.values(), key=lambda q: q.name)


def find_query(name: str) -> NamedQuery:
    if not _NAME.match(name):
        raise QueryNotFound(f"invalid query name {name!r} (lowercase letters, digits and _)")
    for folder in query_dirs():
        path = folder / f"{name}.sql"
        if path.is_file():
            return parse_query_file(path)
    names = ", ".join(q.name for q in list_queries())
    raise QueryNotFound(f"no ready-made query named {name!r} (available: {names})")
