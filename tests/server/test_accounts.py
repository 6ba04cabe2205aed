"""Accounts: hashed passwords, roles, sessions that expire, tokens stored only as hashes."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from marsad.server.accounts import AccountError, Accounts, User
from marsad.store import Store


def test_passwords_and_tokens_are_never_stored_in_clear(store: Store) -> None:
    accounts = Accounts(store)
    accounts.create_user("layla", "a long passphrase", "admin")
    token = accounts.create_token("layla", "cron")
    with store.reading() as conn:
        dump = " ".join(
            str(v)
            for t in ("users", "api_tokens")
            for row in conn.execute(sa.text(f"SELECT * FROM {t}"))
            for v in row
        )
    assert "a long passphrase" not in dump and token not in dump and "$argon2id$" in dump
    assert accounts.token_user(token) == User("layla", "admin")


def test_authentication_checks_name_password_and_state(store: Store) -> None:
    accounts = Accounts(store)
    accounts.create_user("omar", "first password!", "reviewer")
    assert accounts.authenticate("omar", "first password!") == User("omar", "reviewer")
    assert accounts.authenticate("omar", "wrong password") is None
    assert accounts.authenticate("nobody", "first password!") is None
    session = accounts.start_session(User("omar", "reviewer"))
    accounts.set_password("omar", "second password!")
    assert accounts.session(session.cookie) is None  # a password change ends the sessions
    assert accounts.authenticate("omar", "second password!") is not None
    accounts.set_disabled("omar", True)
    assert accounts.authenticate("omar", "second password!") is None


def test_sessions_expire(store: Store) -> None:
    accounts = Accounts(store, session_hours=-1)  # already expired when made
    accounts.create_user("sara", "long enough pw", "viewer")
    session = accounts.start_session(User("sara", "viewer"))
    assert accounts.session(session.cookie) is None
    live = Accounts(store).start_session(User("sara", "viewer"))
    assert Accounts(store).session(live.cookie) == (User("sara", "viewer"), live.csrf_token)
    Accounts(store).end_session(live.cookie)
    assert Accounts(store).session(live.cookie) is None


def test_bad_names_roles_and_passwords_are_refused(store: Store) -> None:
    accounts = Accounts(store)
    with pytest.raises(AccountError, match="at least"):
        accounts.create_user("ali", "short", "viewer")
    with pytest.raises(AccountError, match="role"):
        accounts.create_user("ali", "long enough pw", "owner")
    with pytest.raises(AccountError, match="user name"):
        accounts.create_user("a b<script>", "long enough pw", "viewer")
    accounts.create_user("ali", "long enough pw", "viewer")
    with pytest.raises(AccountError, match="exists"):
        accounts.create_user("ali", "long enough pw", "viewer")
    assert not accounts.has_admin()
    accounts.set_role("ali", "admin")
    assert accounts.has_admin()
    with pytest.raises(AccountError, match="no user"):
        accounts.create_token("ghost", "x")
    assert User("ali", "reviewer").can("viewer") and not User("ali", "viewer").can("reviewer")


def test_token_use_is_recorded_at_most_once_a_minute(store: Store) -> None:
    accounts = Accounts(store)
    accounts.create_user("nadia", "long enough pw", "viewer")
    token = accounts.create_token("nadia", "script")

    def last_used() -> object:
        with store.reading() as conn:
            return conn.execute(sa.text("SELECT last_used_at FROM api_tokens")).scalar_one()

    assert last_used() is None
    assert accounts.token_user(token) is not None
    first = last_used()
    assert first is not None
    writes = store.writes
    assert accounts.token_user(token) is not None
    assert last_used() == first  # read-only: no write transaction per request
    assert store.writes == writes  # account writes never invalidate caches of corpus reads
