"""A small client for the Klang.ai REST API (standard library only).

- `GET /api/v1/conversations?created_after=&limit=&cursor=` pages `{data, next_cursor, has_more}`;
- `GET /api/v1/conversations/{id}` returns one conversation (the export record, bytes as sent).

Every request carries `Authorization: Bearer <key>` and a timeout. 429 and 5xx answers, timeouts
and connection errors are retried with exponential backoff and jitter, honouring `Retry-After`
(seconds or an HTTP date, capped); 401/403 and other 4xx answers are not retried. Redirects are
not followed (they would carry the bearer key to wherever they point), and a plain-http base URL
is refused unless it is a loopback address (tests, a local proxy).

Errors (`KlangApiError`) name the endpoint template, the HTTP status and the attempt count, never
a conversation id, a response body or the key.
"""

from __future__ import annotations

import email.utils
import http.client
import json
import random
import socket
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from redactor import __version__
from redactor.errors import RedactorError
from redactor.logs import get_logger

log = get_logger("redactor.klang")

LIST_PATH = "/api/v1/conversations"
LOOPBACK = {"127.0.0.1", "localhost", "::1", "[::1]"}


class KlangApiError(RedactorError):
    """The API could not be used; the message is safe to log (no ids, bodies or keys)."""

    def __init__(self, message: str, status: int | None = None):
        super().__init__(message)
        self.status = status


class KlangNotFound(KlangApiError):
    pass


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):  # noqa: D401
        raise urllib.error.HTTPError(
            req.full_url, code, "redirect refused (the bearer key is not forwarded)", headers, fp
        )


def check_base_url(base_url: str) -> str:
    parsed = urllib.parse.urlparse(base_url)
    if parsed.scheme not in ("https", "http") or not parsed.hostname:
        raise KlangApiError("the Klang API base URL must be an https:// URL (set [klang] base_url or $KLANG_API_URL)")
    if parsed.scheme == "http" and parsed.hostname not in LOOPBACK:
        raise KlangApiError(
            "refusing plain http:// for the Klang API outside loopback: the bearer key would travel in clear"
        )
    return base_url.rstrip("/")


def _retry_after(value: str | None, now: float | None = None) -> float | None:
    if not value:
        return None
    value = value.strip()
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, when.timestamp() - (now if now is not None else time.time()))


@dataclass
class KlangClient:
    base_url: str
    api_key: str = field(repr=False)
    timeout: float = 30.0
    max_attempts: int = 6
    backoff: float = 1.0
    max_backoff: float = 60.0
    max_retry_after: float = 300.0
    page_size: int = 100
    sleep: Callable[[float], None] = time.sleep
    stats: dict[str, int] = field(default_factory=lambda: {"requests": 0, "retries": 0, "rate_limited": 0})

    def __post_init__(self) -> None:
        self.base_url = check_base_url(self.base_url)
        if not self.api_key:
            raise KlangApiError("no Klang API key: set the environment variable named by [klang] api_key_env")
        self._opener = urllib.request.build_opener(_NoRedirect())

    # ---- transport -----------------------------------------------------------------------

    def _delay(self, attempt: int) -> float:
        return min(self.max_backoff, self.backoff * 2 ** (attempt - 1)) * random.uniform(0.5, 1.0)

    def _get(self, path: str, params: dict[str, Any] | None, what: str) -> bytes:
        query = (
            "?" + urllib.parse.urlencode({k: v for k, v in (params or {}).items() if v is not None}) if params else ""
        )
        url = f"{self.base_url}{path}{query}"
        last = "no attempt"
        for attempt in range(1, self.max_attempts + 1):
            request = urllib.request.Request(
                url,
                headers={
                    "Authorization": f"Bearer {self.api_key}",
                    "Accept": "application/json",
                    "User-Agent": f"klang-redactor/{__version__}",
                },
            )
            self.stats["requests"] += 1
            delay: float
            try:
                with self._opener.open(request, timeout=self.timeout) as resp:
                    return resp.read()
            except urllib.error.HTTPError as exc:
                status = exc.code
                last = f"HTTP {status}"
                if status in (401, 403):
                    raise KlangApiError(
                        f"GET {what}: the API refused the key ({last}); check $KLANG_API_KEY", status
                    ) from None
                if status == 404:
                    raise KlangNotFound(f"GET {what}: not found ({last})", status) from None
                if status == 429 or 500 <= status < 600:
                    if status == 429:
                        self.stats["rate_limited"] += 1
                    hinted = _retry_after(exc.headers.get("Retry-After") if exc.headers else None)
                    delay = min(hinted, self.max_retry_after) if hinted is not None else self._delay(attempt)
                else:
                    raise KlangApiError(f"GET {what} failed ({last})", status) from None
            except (urllib.error.URLError, TimeoutError, ConnectionError, http.client.HTTPException) as exc:
                reason = getattr(exc, "reason", exc)
                last = "timeout" if isinstance(reason, (socket.timeout, TimeoutError)) else type(reason).__name__
                delay = self._delay(attempt)
            if attempt < self.max_attempts:
                self.stats["retries"] += 1
                log.info("klang api retry", endpoint=what, attempt=attempt, last=last, wait_seconds=round(delay, 2))
                self.sleep(delay)
        raise KlangApiError(f"GET {what} failed after {self.max_attempts} attempts (last: {last})")

    def _json(self, data: bytes, what: str) -> Any:
        try:
            return json.loads(data)
        except (ValueError, UnicodeDecodeError):
            raise KlangApiError(f"GET {what}: the response is not JSON") from None

    # ---- endpoints -----------------------------------------------------------------------

    def list_conversations(self, created_after: datetime | str | None = None) -> Iterator[dict]:
        """Every conversation summary created after the given time, page by page."""
        after = (
            created_after.astimezone(UTC).isoformat().replace("+00:00", "Z")
            if isinstance(created_after, datetime)
            else created_after
        )
        cursor: str | None = None
        pages = 0
        while True:
            what = f"{LIST_PATH} (page {pages + 1})"
            page = self._json(
                self._get(LIST_PATH, {"limit": self.page_size, "created_after": after, "cursor": cursor}, what), what
            )
            if not isinstance(page, dict) or not isinstance(page.get("data"), list):
                raise KlangApiError(f"GET {what}: unexpected response shape (expected {{data, next_cursor, has_more}})")
            pages += 1
            for item in page["data"]:
                if isinstance(item, dict):
                    yield item
            cursor = page.get("next_cursor")
            if not page.get("has_more") or not cursor:
                return

    def get_conversation(self, conversation_id: str) -> bytes:
        path = f"{LIST_PATH}/{urllib.parse.quote(str(conversation_id), safe='')}"
        return self._get(path, None, f"{LIST_PATH}/{{id}}")
