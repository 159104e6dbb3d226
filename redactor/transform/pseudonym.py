"""Keyed pseudonyms: HMAC-SHA-256 over an entity's canonical value.

The same person gets the same token in every call and every run with the same key, and nobody
without the key can go from token to value. There is deliberately no built-in default key.
"""

from __future__ import annotations

import hashlib
import hmac
import os
from pathlib import Path

from redactor.errors import RedactorError

KEY_ENV = "REDACTOR_PSEUDONYM_KEY"
KEY_FILE_ENV = "REDACTOR_PSEUDONYM_KEY_FILE"
MIN_KEY_BYTES = 16
TEXT_TOKEN_HEX = 10  # short enough to read in a transcript
INDEX_TOKEN_HEX = 32  # the subject index wants no collisions


class KeyError_(RedactorError):
    """The pseudonymisation key is missing or unusable (message never contains the key)."""


def load_key(key_file: str | None = None, env: dict[str, str] | None = None) -> bytes | None:
    """Key from $REDACTOR_PSEUDONYM_KEY, else from a key file (config or $REDACTOR_PSEUDONYM_KEY_FILE)."""
    env = os.environ if env is None else env
    raw: bytes | None = None
    if env.get(KEY_ENV):
        raw = env[KEY_ENV].encode()
    else:
        path = key_file or env.get(KEY_FILE_ENV)
        if path:
            try:
                raw = Path(path).expanduser().read_bytes().strip()
            except OSError as exc:
                raise KeyError_(f"cannot read pseudonymisation key file {path!r} ({type(exc).__name__})") from None
    if raw is None:
        return None
    if len(raw) < MIN_KEY_BYTES:
        raise KeyError_(f"pseudonymisation key must be at least {MIN_KEY_BYTES} bytes")
    return raw


class Pseudonymiser:
    def __init__(self, key: bytes):
        if len(key) < MIN_KEY_BYTES:
            raise KeyError_(f"pseudonymisation key must be at least {MIN_KEY_BYTES} bytes")
        self._key = key

    def digest(self, entity_type: str, canonical: str) -> str:
        return hmac.new(self._key, f"{entity_type}\x1f{canonical}".encode(), hashlib.sha256).hexdigest()

    def text_token(self, entity_type: str, canonical: str) -> str:
        return f"<{entity_type}:{self.digest(entity_type, canonical)[:TEXT_TOKEN_HEX]}>"

    def index_token(self, entity_type: str, canonical: str) -> str:
        return f"{entity_type}:{self.digest(entity_type, canonical)[:INDEX_TOKEN_HEX]}"
