"""Database URLs and clear errors: bad URLs, unreachable PostgreSQL, locked SQLite, non-databases."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from marsad.store import Store, StoreError
from marsad.store import engine as store_engine
from marsad.store.engine import mask, resolve_url
from marsad.store.migrations import latest_version


def test_a_bare_path_is_a_sqlite_file_and_parents_are_created(tmp_path: Path) -> None:
    target = tmp_path / "deep" / "er" / "corpus.db"
    with Store.open(target) as store:
        assert store.url == f"sqlite:///{target}"
        assert store.dialect == "sqlite"
    assert target.is_file()
    with Store.open(str(target)) as again:
        assert again.schema_version() == latest_version()


def test_default_url_comes_from_the_environment_or_the_working_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("MARSAD_DB", raising=False)
    assert resolve_url(None).database == "marsad.db"
    monkeypatch.setenv("MARSAD_DB", str(tmp_path / "env.db"))
    with Store.open() as store:
        assert store.url.endswith("/env.db")
    assert (tmp_path / "env.db").is_file()


def test_postgres_urls_use_psycopg3() -> None:
    assert resolve_url("postgresql://u@h/db").drivername == "postgresql+psycopg"
    assert resolve_url("postgres://u@h/db").drivername == "postgresql+psycopg"
    assert resolve_url("postgresql+psycopg://u@h:5433/db").port == 5433


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("mysql://root@localhost/marsad", "unsupported database 'mysql'"),
        ("oracle+cx://x@y/z", "unsupported database"),
        ("postgresql+psycopg://postgres@127.0.0.1:5432", "names no database"),
        ("   ", "empty database URL"),
        ("sqlite+weird:///x.db", "unsupported SQLite driver"),
    ],
)
def test_bad_urls_are_refused_clearly(url: str, message: str) -> None:
    with pytest.raises(StoreError, match=message):
        Store.open(url)


def test_unreachable_postgres_says_where_it_tried() -> None:
    # port 1 on loopback: nothing listens there, the connection is refused at once
    with pytest.raises(StoreError, match=r"cannot reach PostgreSQL at 127\.0\.0\.1:1"):
        Store.open("postgresql+psycopg://marsad:secret@127.0.0.1:1/marsad")


def test_passwords_are_masked_in_messages() -> None:
    assert "secret" not in mask("postgresql+psycopg://marsad:secret@db.example/marsad")
    with pytest.raises(StoreError) as err:
        Store.open("mysql://marsad:secret@localhost/x")
    assert "secret" not in str(err.value)


def test_a_file_that_is_not_a_database(tmp_path: Path) -> None:
    bogus = tmp_path / "notes.db"
    bogus.write_bytes(b"these are not the pages of a SQLite database" * 200)
    with pytest.raises(StoreError, match="not a marsad SQLite database"):
        Store.open(bogus)


def test_a_locked_database_gives_a_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from marsad.model import Document

    path = tmp_path / "busy.db"
    Store.open(path).close()
    monkeypatch.setattr(store_engine, "SQLITE_BUSY_TIMEOUT_MS", 100)
    blocker = sqlite3.connect(path, isolation_level=None)
    blocker.execute("BEGIN IMMEDIATE")  # another process holds the write lock
    try:
        with Store.open(path) as store, pytest.raises(StoreError, match="locked by another process"):
            store.add_documents([Document(id="a", text="نص قصير")])
        # reading still works while someone writes (WAL)
        with Store.open(path) as store:
            assert store.counts()["documents"] == 0
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()
