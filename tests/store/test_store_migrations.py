"""Schema creation, recorded migrations, reopening, a future v2, and refusing newer schemas."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from marsad import __version__
from marsad.model import Document
from marsad.store import Store, StoreError
from marsad.store.engine import create, resolve_url
from marsad.store.migrations import MIGRATIONS, Migration, latest_version, migrate

EXPECTED_TABLES = {
    "schema_migrations",
    "documents",
    "clusters",
    "document_signatures",
    "lsh_bands",
    "mentions",
    "entities",
    "events",
    "event_actors",
    "evidence",
    "reviews",
    "audit_log",
}


def _migrations(store: Store) -> list[dict[str, object]]:
    with store.engine.connect() as conn:
        rows = conn.execute(sa.text("SELECT * FROM schema_migrations ORDER BY version")).mappings()
        return [dict(r) for r in rows]


def test_new_database_gets_every_table_and_records_the_version(store: Store) -> None:
    assert store.schema_version() == latest_version() == 2
    names = set(sa.inspect(store.engine).get_table_names())
    assert names >= EXPECTED_TABLES
    if store.dialect == "sqlite":
        assert "document_fts" in names
    else:
        assert "document_search" in names
    rows = _migrations(store)
    assert [row["version"] for row in rows] == [1, 2]
    assert all(row["marsad_version"] == __version__ for row in rows)
    assert all(str(row["applied_at"]).endswith("+00:00") for row in rows)


def test_reopening_an_up_to_date_database_changes_nothing(store_url: str) -> None:
    with Store.open(store_url) as first:
        before = _migrations(first)
        first.add_documents([])
    with Store.open(store_url) as again:
        assert again.schema_version() == 2
        assert _migrations(again) == before


def test_a_later_migration_is_applied_once_and_recorded(store_url: str) -> None:
    with Store.open(store_url):
        pass
    calls: list[int] = []

    def _v3(conn: sa.Connection) -> None:
        calls.append(1)
        conn.execute(sa.text("ALTER TABLE documents ADD COLUMN language VARCHAR(8)"))

    steps = [*MIGRATIONS, Migration(3, "documents.language", _v3)]
    engine = create(resolve_url(store_url))
    try:
        assert migrate(engine, steps) == 3
        assert migrate(engine, steps) == 3  # already there: no-op
        assert calls == [1]
        columns = {c["name"] for c in sa.inspect(engine).get_columns("documents")}
        assert "language" in columns
        with engine.connect() as conn:
            versions = list(conn.execute(sa.text("SELECT version FROM schema_migrations")).scalars())
        assert sorted(versions) == [1, 2, 3]
    finally:
        engine.dispose()
    # this marsad only knows version 2: it refuses the newer database instead of misreading it
    with pytest.raises(StoreError, match="newer"):
        Store.open(store_url)


def test_a_failing_migration_leaves_the_database_as_it_was(store_url: str) -> None:
    with Store.open(store_url):
        pass

    def _broken(conn: sa.Connection) -> None:
        conn.execute(sa.text("ALTER TABLE documents ADD COLUMN half_done INTEGER"))
        raise RuntimeError("boom")

    engine = create(resolve_url(store_url))
    try:
        with pytest.raises(RuntimeError):
            migrate(engine, [*MIGRATIONS, Migration(3, "broken", _broken)])
        columns = {c["name"] for c in sa.inspect(engine).get_columns("documents")}
        assert "half_done" not in columns
    finally:
        engine.dispose()
    with Store.open(store_url) as store:
        assert store.schema_version() == 2


def test_a_version_1_database_is_upgraded_in_place_keeping_its_documents(tmp_path: object) -> None:
    url = f"sqlite:///{tmp_path}/v1.db"
    engine = create(resolve_url(url))
    try:
        assert migrate(engine, MIGRATIONS[:1]) == 1
    finally:
        engine.dispose()
    with Store.open(url) as old:  # opening migrates to the latest version
        assert old.schema_version() == 2
        old.add_documents([Document(id="d1", text="نص قصير")])
        assert {"users", "api_tokens", "sessions"} <= set(sa.inspect(old.engine).get_table_names())
    with Store.open(url) as again:
        assert again.get_document("d1") is not None


def test_sqlite_connection_settings(tmp_path: object) -> None:
    with Store.open(f"{tmp_path}/pragmas.db") as store, store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 1  # NORMAL
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 1000
