"""Who is asking: API tokens (``Authorization: Bearer msd_…``) or a login session cookie, whose unsafe
requests must also carry the session's CSRF token in ``X-CSRF-Token``. Roles gate each route.

Every response carries headers that keep hostile document content inert: a Content-Security-Policy
allowing only the app's own scripts (no inline script, no eval, no plugins, no framing), nosniff, and no
referrer. Documents come from hostile sources; the web app renders their text as text, never as HTML.
"""

from __future__ import annotations

import hmac
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from fastapi import Depends, Request, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from marsad.server.accounts import Accounts, Session, User
from marsad.server.errors import ApiError

SESSION_COOKIE = "marsad_session"
CSRF_HEADER = "X-CSRF-Token"
UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; "
    "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
    "frame-ancestors 'none'"
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
}


class SecurityHeaders:
    """ASGI middleware: the security headers on every response; API responses are never cached."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self.headers = [(k.lower().encode(), v.encode()) for k, v in SECURITY_HEADERS.items()]

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        extra = list(self.headers)
        if scope["path"].startswith("/api/"):
            extra.append((b"cache-control", b"no-store"))

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                present = {name.lower() for name, _ in message.get("headers", [])}
                message["headers"] = [*message.get("headers", []), *(h for h in extra if h[0] not in present)]
            await send(message)

        await self.app(scope, receive, send_with_headers)


def accounts_of(request: Request) -> Accounts:
    accounts: Accounts = request.app.state.accounts
    return accounts


def identify(request: Request) -> User | None:
    """The user behind a request (token or session), checking CSRF for session-authenticated writes."""
    accounts = accounts_of(request)
    header = request.headers.get("authorization", "")
    if header:
        scheme, _, token = header.partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            raise ApiError(401, "use 'Authorization: Bearer <API token>'")
        user = accounts.token_user(token.strip())
        if user is None:
            raise ApiError(401, "the API token is not valid (revoked, or its user is disabled)")
        return user
    cookie = request.cookies.get(SESSION_COOKIE)
    if not cookie:
        return None
    found = accounts.session(cookie)
    if found is None:
        return None
    user, csrf = found
    if request.method in UNSAFE_METHODS:
        sent = request.headers.get(CSRF_HEADER, "")
        if not sent or not hmac.compare_digest(sent, csrf):
            raise ApiError(403, f"missing or wrong {CSRF_HEADER} header", code="csrf")
    return user


def require(role: str) -> Callable[..., User]:
    """A dependency that returns the signed-in user holding at least ``role``."""

    def dependency(request: Request) -> User:
        user = identify(request)
        if user is None:
            raise ApiError(401, "sign in, or send an API token", details={"login": "/api/v1/session"})
        if not user.can(role):
            raise ApiError(403, f"this needs the {role} role; {user.name} is a {user.role}")
        return user

    return dependency


viewer: Any = Depends(require("viewer"))
reviewer: Any = Depends(require("reviewer"))
admin: Any = Depends(require("admin"))


def set_session_cookie(response: Response, session: Session, secure: bool) -> None:
    response.set_cookie(
        SESSION_COOKIE,
        session.cookie,
        max_age=int((session.expires_at - datetime.now(UTC)).total_seconds()),
        httponly=True,
        secure=secure,
        samesite="strict",
        path="/",
    )
