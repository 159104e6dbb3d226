"""Structured logs: one JSON object per line on stderr, never personal data.

Every line has `ts` (UTC, ISO 8601), `level`, `logger`, `event` (a fixed phrase from our code)
and, inside a job, `run_id`. Other fields are counts, durations, versions, our own object keys
(which hold no personal data: dates, versions, random ids) and hashed references to exports.

What may NOT be logged: export file names or keys from a landing area (a file name may carry a
name or a phone number), export ids, any transcript text, any detected value, exception messages
from libraries (they may quote data). Call sites pass `error=safe_error(exc)` instead, which keeps
only the exception type unless the exception is a `RedactorError` (its message is safe).

Usage:
    from redactor.logs import get_logger
    log = get_logger("redactor.job")
    log.info("commit", version=12, calls=64)
"""

from __future__ import annotations

import errno as errno_module
import json
import logging
import os
import sys
from datetime import UTC, datetime
from typing import Any

from redactor.errors import RedactorError

_ROOT = "redactor"
_context: dict[str, Any] = {}


class _JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, Any] = {
            "ts": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "event": record.getMessage(),
        }
        line.update(_context)
        line.update(getattr(record, "fields", {}) or {})
        return json.dumps(line, ensure_ascii=False, default=str, sort_keys=False)


class _StderrHandler(logging.StreamHandler):
    """Writes to whatever `sys.stderr` is at the moment (test runners swap it)."""

    def __init__(self) -> None:
        super().__init__(sys.stderr)

    @property  # type: ignore[override]
    def stream(self):
        return sys.stderr

    @stream.setter
    def stream(self, value) -> None:
        pass


class JsonLogger:
    """A thin wrapper: `log.info("event", key=value, ...)`."""

    def __init__(self, name: str):
        self._log = logging.getLogger(name)

    def _emit(self, level: int, event: str, fields: dict[str, Any]) -> None:
        if self._log.isEnabledFor(level):
            self._log.log(level, event, extra={"fields": fields})

    def debug(self, event: str, **fields: Any) -> None:
        self._emit(logging.DEBUG, event, fields)

    def info(self, event: str, **fields: Any) -> None:
        self._emit(logging.INFO, event, fields)

    def warning(self, event: str, **fields: Any) -> None:
        self._emit(logging.WARNING, event, fields)

    def error(self, event: str, **fields: Any) -> None:
        self._emit(logging.ERROR, event, fields)


def get_logger(name: str = _ROOT) -> JsonLogger:
    return JsonLogger(name)


def configure(level: str | None = None, stream=None) -> None:
    """Send the `redactor` loggers to `stream` (stderr) as JSON lines at `level`.

    The level comes from the argument, else $REDACTOR_LOG_LEVEL, else "info". Idempotent.
    """
    level_name = (level or os.environ.get("REDACTOR_LOG_LEVEL") or "info").upper()
    root = logging.getLogger(_ROOT)
    root.setLevel(getattr(logging, level_name, logging.INFO))
    root.propagate = False
    for handler in list(root.handlers):
        if getattr(handler, "_redactor_json", False):
            root.removeHandler(handler)
    handler = logging.StreamHandler(stream) if stream is not None else _StderrHandler()
    handler.setFormatter(_JsonFormatter())
    handler._redactor_json = True  # type: ignore[attr-defined]
    root.addHandler(handler)


def set_context(**fields: Any) -> None:
    """Fields added to every line from now on (e.g. run_id); None removes a field."""
    for key, value in fields.items():
        if value is None:
            _context.pop(key, None)
        else:
            _context[key] = value


def safe_error(exc: BaseException) -> str:
    """A description of an exception that is safe to log and to put in a run report.

    A `RedactorError`'s message is ours and safe to log (`redactor.errors`); everything else is
    reduced to its type, because library messages may quote input.
    """
    if isinstance(exc, RedactorError):
        return f"{type(exc).__name__}: {exc}"
    if isinstance(exc, OSError) and exc.errno:
        # The errno and the system's text for it; never the file name, which may be personal data.
        name = errno_module.errorcode.get(exc.errno, "")
        return f"{type(exc).__name__}: errno {exc.errno} {name} ({os.strerror(exc.errno)})"
    return type(exc).__name__
