"""Who may use the web app: loopback by default; anything wider needs authentication.

Three ways, any combination: a bearer token (`Authorization: Bearer ...`, or `?token=...` once in a
browser, which sets an HttpOnly cookie), HTTP basic auth against a file of `user:password` lines,
or a header set by a trusted reverse proxy (SSO in front: oauth2-proxy, Azure AD App Proxy, ...)
accepted only from the proxy's addresses. `/healthz` is always open (load balancers, monitors).
"""

from __future__ import annotations

import base64
import binascii
import hmac
import ipaddress
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

from starlette.requests import Request
from starlette.responses import PlainTextResponse, RedirectResponse, Response

from redactor.errors import RedactorError

TOKEN_COOKIE = "redactor_token"
OPEN_PATHS = ("/healthz",)


class AccessError(RedactorError, ValueError):
    pass


@dataclass(frozen=True)
class Access:
    token: str | None = None
    basic: dict[str, str] = field(default_factory=dict)  # user -> password
    trusted_header: str | None = None
    trusted_proxies: frozenset[str] = frozenset({"127.0.0.1", "::1"})

    @property
    def configured(self) -> bool:
        return bool(self.token or self.basic or self.trusted_header)

    def describe(self) -> str:
        ways = (
            (["token"] if self.token else [])
            + (["basic auth"] if self.basic else [])
            + ([f"trusted header {self.trusted_header}"] if self.trusted_header else [])
        )
        return ", ".join(ways) or "none (loopback only)"


def load_basic_auth(path: Path) -> dict[str, str]:
    users = {}
    for number, line in enumerate(path.read_text("utf-8").splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        user, sep, password = line.partition(":")
        if not sep or not user.strip() or not password:
            raise AccessError(f"{path}:{number}: expected user:password")
        users[user.strip()] = password
    if not users:
        raise AccessError(f"{path}: no users")
    return users


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def check_bind(host: str, access: Access) -> None:
    """Refuse to listen beyond this machine without authentication."""
    if not is_loopback(host) and not access.configured:
        raise AccessError(
            f"refusing to listen on {host} without authentication: configure a token, basic auth or a "
            "trusted proxy header (see docs/analysts.md), or listen on 127.0.0.1"
        )


def _same(a: str, b: str) -> bool:
    return hmac.compare_digest(a.encode(), b.encode())


def authenticate(request: Request, access: Access) -> str | None:
    """The user (or "token") a request is authenticated as, else None."""
    if access.trusted_header and request.client and request.client.host in access.trusted_proxies:
        user = request.headers.get(access.trusted_header, "").strip()
        if user:
            return user
    scheme, _, credentials = request.headers.get("authorization", "").partition(" ")
    if access.token:
        presented = credentials if scheme.lower() == "bearer" else request.cookies.get(TOKEN_COOKIE, "")
        if presented and _same(presented, access.token):
            return "token"
    if access.basic and scheme.lower() == "basic":
        try:
            user, _, password = base64.b64decode(credentials, validate=True).decode("utf-8").partition(":")
        except (binascii.Error, UnicodeDecodeError):
            return None
        known = access.basic.get(user)
        if known is not None and _same(password, known):
            return user
    return None


def gate(request: Request, access: Access) -> Response | None:
    """None to let the request through, else the response that refuses (or logs in) it."""
    if not access.configured or request.url.path in OPEN_PATHS:
        return None
    token = request.query_params.get("token")
    if access.token and token and _same(token, access.token):
        # A browser's first visit with ?token=: keep it in a cookie and drop it from the URL.
        query = urlencode([(k, v) for k, v in request.query_params.multi_items() if k != "token"])
        response = RedirectResponse(request.url.path + (f"?{query}" if query else ""), status_code=303)
        response.set_cookie(TOKEN_COOKIE, token, httponly=True, samesite="strict", secure=request.url.scheme == "https")
        return response
    if authenticate(request, access):
        return None
    headers = {"WWW-Authenticate": 'Basic realm="redactor", charset="UTF-8"'} if access.basic else {}
    return PlainTextResponse("authentication required\n", status_code=401, headers=headers)
