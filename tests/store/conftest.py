"""Store test fixtures: a fresh database per test on SQLite and (when configured) PostgreSQL.

PostgreSQL runs when MARSAD_TEST_PG_URL is set (scripts/postgres-test-server.sh start prints one); every
test gets its own schema, dropped afterwards. With MARSAD_REQUIRE_PG=1 a missing or unreachable server
fails the tests instead of skipping them.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import make_url
from store_cases import P1, corpus

from marsad.store import Store

PG_URL = os.environ.get("MARSAD_TEST_PG_URL", "").strip()
REQUIRE_PG = os.environ.get("MARSAD_REQUIRE_PG", "").strip() not in ("", "0", "false", "no")


@pytest.fixture(scope="session")
def pg_admin() -> Iterator[sa.Engine | None]:
    """An engine on the test PostgreSQL server (None when not configured: tests skip, or fail if required)."""
    if not PG_URL:
        yield None
        return
    engine = sa.create_engine(
        make_url(PG_URL).set(drivername="postgresql+psycopg"),
        isolation_level="AUTOCOMMIT",
        connect_args={"connect_timeout": 5},
    )
    try:
        with engine.connect() as conn:
            conn.execute(sa.text("SELECT 1"))
    except sa.exc.SQLAlchemyError as err:
        engine.dispose()
        if REQUIRE_PG:
            pytest.fail(f"MARSAD_REQUIRE_PG=1 but PostgreSQL at {PG_URL} is unreachable: {err}")
        pytest.skip(f"PostgreSQL at {PG_URL} is unreachable: {err}")
    yield engine
    engine.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request: pytest.FixtureRequest, tmp_path: Any) -> Iterator[str]:
    """The URL of a fresh, empty database."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path}/store.db"
        return
    if not PG_URL:
        if REQUIRE_PG:
            pytest.fail("MARSAD_REQUIRE_PG=1 but MARSAD_TEST_PG_URL is not set")
        pytest.skip("MARSAD_TEST_PG_URL is not set (scripts/postgres-test-server.sh start)")
    admin = request.getfixturevalue("pg_admin")
    schema = f"marsad_t_{uuid.uuid4().hex[:12]}"
    with admin.connect() as conn:
        conn.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
    url = make_url(PG_URL).update_query_dict({"options": f"-csearch_path={schema}"})
    try:
        yield url.render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(sa.text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))


@pytest.fixture
def store(store_url: str) -> Iterator[Store]:
    with Store.open(store_url) as opened:
        yield opened


@pytest.fixture(scope="session")
def pipeline() -> Any:
    from marsad.pipeline import Pipeline

    return Pipeline.default()


@pytest.fixture
def filled(store: Store) -> Store:
    """The store with ``corpus()`` saved (variants-1 without analysis)."""
    docs = corpus()
    store.save_extractions(docs[:4], P1)
    store.add_documents(docs[4:])
    return store
