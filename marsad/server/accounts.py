"""Workbench accounts kept in the store's database: users with a role, API tokens and login sessions.

Passwords are hashed with argon2id; API tokens and session cookies are random 256-bit values of which
only the SHA-256 is stored, so a copy of the database gives no way in. Roles are ordered:
viewer (read) < reviewer (read, review, ingest) < admin (everything, including accounts).
"""

from __future__ import annotations

import hashlib
import re
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import cache

import sqlalchemy as sa
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from marsad.store import Store
from marsad.store import schema as s

ROLES = ("viewer", "reviewer", "admin")
TOKEN_PREFIX = "msd_"
MIN_PASSWORD = 10
SESSION_HOURS = 12
TOKEN_TOUCH_S = 60  # how stale a token's last_used_at may get
_NAME = re.compile(r"^[A-Za-z0-9_.@-]{1,64}$")
_hasher = PasswordHasher()


class AccountError(ValueError):
    """A refused account operation (unknown user, bad name or password, unknown role)."""


@dataclass(frozen=True, slots=True)
class User:
    """A signed-in user as the API sees it."""

    name: str
    role: str

    def can(self, role: str) -> bool:
        """Does this user hold ``role`` or a higher one?"""
        return ROLES.index(self.role) >= ROLES.index(role)


@dataclass(frozen=True, slots=True)
class Session:
    """A login session: the cookie value (given once, at login), its CSRF token and expiry."""

    cookie: str
    csrf_token: str
    user: User
    expires_at: datetime


def _now() -> datetime:
    return datetime.now(UTC)


def _iso(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds")


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


class Accounts:
    """Users, tokens and sessions of one store."""

    def __init__(self, store: Store, session_hours: float = SESSION_HOURS) -> None:
        self.store = store
        self.session_hours = session_hours

    # -- users ---------------------------------------------------------------------------------------

    def create_user(self, name: str, password: str, role: str) -> User:
        """Add a user; the name must be new."""
        _check_name(name)
        _check_role(role)
        _check_password(password)
        with self.store.writing(corpus=False) as conn:
            if conn.execute(sa.select(s.users.c.name).where(s.users.c.name == name)).first():
                raise AccountError(f"user {name!r} exists already")
            conn.execute(
                s.users.insert().values(
                    name=name,
                    role=role,
                    password_hash=_hasher.hash(password),
                    created_at=_iso(_now()),
                    disabled=False,
                )
            )
        return User(name, role)

    def set_password(self, name: str, password: str) -> None:
        """Change a password; every session of the user ends."""
        _check_password(password)
        with self.store.writing(corpus=False) as conn:
            done = conn.execute(
                s.users.update().where(s.users.c.name == name).values(password_hash=_hasher.hash(password))
            )
            if done.rowcount == 0:
                raise AccountError(f"no user {name!r}")
            conn.execute(s.sessions.delete().where(s.sessions.c.user_name == name))

    def set_role(self, name: str, role: str) -> None:
        _check_role(role)
        with self.store.writing(corpus=False) as conn:
            done = conn.execute(s.users.update().where(s.users.c.name == name).values(role=role))
            if done.rowcount == 0:
                raise AccountError(f"no user {name!r}")

    def set_disabled(self, name: str, disabled: bool) -> None:
        """Disable (or enable again) a user; a disabled user's sessions end and tokens stop working."""
        with self.store.writing(corpus=False) as conn:
            done = conn.execute(s.users.update().where(s.users.c.name == name).values(disabled=disabled))
            if done.rowcount == 0:
                raise AccountError(f"no user {name!r}")
            if disabled:
                conn.execute(s.sessions.delete().where(s.sessions.c.user_name == name))

    def users(self) -> list[dict[str, object]]:
        """Every user: name, role, created_at, disabled, number of API tokens."""
        u, t = s.users, s.api_tokens
        tokens = sa.select(sa.func.count()).where(t.c.user_name == u.c.name).scalar_subquery()
        q = sa.select(u.c.name, u.c.role, u.c.created_at, u.c.disabled, tokens.label("tokens"))
        with self.store.reading() as conn:
            return [dict(row) for row in conn.execute(q.order_by(u.c.name)).mappings()]

    def has_admin(self) -> bool:
        q = sa.select(s.users.c.name).where(s.users.c.role == "admin", s.users.c.disabled.is_(False))
        with self.store.reading() as conn:
            return conn.execute(q.limit(1)).first() is not None

    def authenticate(self, name: str, password: str) -> User | None:
        """The user when the name and password are right and the account is enabled, else None. The
        time taken does not tell whether the name exists."""
        with self.store.reading() as conn:
            row = conn.execute(
                sa.select(s.users.c.role, s.users.c.password_hash, s.users.c.disabled).where(
                    s.users.c.name == name
                )
            ).first()
        stored = row.password_hash if row is not None else _dummy_hash()
        try:
            _hasher.verify(stored, password)
        except (VerificationError, InvalidHashError):
            return None
        if row is None or row.disabled:
            return None
        return User(name, row.role)

    # -- API tokens ----------------------------------------------------------------------------------

    def create_token(self, name: str, label: str) -> str:
        """A new API token for user ``name``; the token is returned once and only its hash is kept."""
        token = TOKEN_PREFIX + secrets.token_urlsafe(32)
        with self.store.writing(corpus=False) as conn:
            if conn.execute(sa.select(s.users.c.name).where(s.users.c.name == name)).first() is None:
                raise AccountError(f"no user {name!r}")
            conn.execute(
                s.api_tokens.insert().values(
                    token_hash=_digest(token),
                    user_name=name,
                    label=label.strip() or "token",
                    created_at=_iso(_now()),
                )
            )
        return token

    def revoke_tokens(self, name: str) -> int:
        """Revoke every API token of a user; returns how many there were."""
        with self.store.writing(corpus=False) as conn:
            return int(conn.execute(s.api_tokens.delete().where(s.api_tokens.c.user_name == name)).rowcount)

    def token_user(self, token: str) -> User | None:
        """The enabled user an API token belongs to, else None. ``last_used_at`` is refreshed at most
        once a minute, so that token-authenticated reads do not each write."""
        if not token.startswith(TOKEN_PREFIX):
            return None
        t, u = s.api_tokens, s.users
        digest = _digest(token)
        with self.store.reading() as conn:
            row = conn.execute(
                sa.select(u.c.name, u.c.role, t.c.last_used_at)
                .select_from(t.join(u, u.c.name == t.c.user_name))
                .where(t.c.token_hash == digest, u.c.disabled.is_(False))
            ).first()
        if row is None:
            return None
        now = _now()
        if row.last_used_at is None or row.last_used_at < _iso(now - timedelta(seconds=TOKEN_TOUCH_S)):
            with self.store.writing(corpus=False) as conn:
                conn.execute(t.update().where(t.c.token_hash == digest).values(last_used_at=_iso(now)))
        return User(row.name, row.role)

    # -- sessions ------------------------------------------------------------------------------------

    def start_session(self, user: User) -> Session:
        """A new login session for ``user`` (expired sessions are cleared on the way)."""
        cookie = secrets.token_urlsafe(32)
        csrf = secrets.token_urlsafe(32)
        now = _now()
        expires = now + timedelta(hours=self.session_hours)
        with self.store.writing(corpus=False) as conn:
            conn.execute(s.sessions.delete().where(s.sessions.c.expires_at < _iso(now)))
            conn.execute(
                s.sessions.insert().values(
                    session_hash=_digest(cookie),
                    user_name=user.name,
                    csrf_token=csrf,
                    created_at=_iso(now),
                    expires_at=_iso(expires),
                )
            )
        return Session(cookie, csrf, user, expires)

    def session(self, cookie: str) -> tuple[User, str] | None:
        """(user, CSRF token) of a live session cookie of an enabled user, else None."""
        se, u = s.sessions, s.users
        q = (
            sa.select(u.c.name, u.c.role, se.c.csrf_token)
            .select_from(se.join(u, u.c.name == se.c.user_name))
            .where(
                se.c.session_hash == _digest(cookie), se.c.expires_at > _iso(_now()), u.c.disabled.is_(False)
            )
        )
        with self.store.reading() as conn:
            row = conn.execute(q).first()
        return None if row is None else (User(row.name, row.role), row.csrf_token)

    def end_session(self, cookie: str) -> None:
        with self.store.writing(corpus=False) as conn:
            conn.execute(s.sessions.delete().where(s.sessions.c.session_hash == _digest(cookie)))


@cache
def _dummy_hash() -> str:
    """A hash verified against when the user does not exist (made on first need, not at import)."""
    return _hasher.hash(secrets.token_urlsafe(16))


def _check_name(name: str) -> None:
    if not _NAME.match(name):
        raise AccountError("a user name is 1-64 letters, digits or . _ @ -")


def _check_role(role: str) -> None:
    if role not in ROLES:
        raise AccountError(f"role {role!r}: use one of {', '.join(ROLES)}")


def _check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD:
        raise AccountError(f"a password needs at least {MIN_PASSWORD} characters")
