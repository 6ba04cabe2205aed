"""Fixtures shared across test packages: small realistic report corpora (written for the project;
factual and sober), and a fresh store per test on SQLite and (when configured) PostgreSQL.

PostgreSQL runs when MARSAD_TEST_PG_URL is set (scripts/postgres-test-server.sh start prints one); every
test gets its own schema, dropped afterwards. With MARSAD_REQUIRE_PG=1 a missing or unreachable server
fails the tests instead of skipping them.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import orjson
import pytest
import sqlalchemy as sa
from sqlalchemy.engine import make_url

from marsad.model import Document
from marsad.native import native_status, rebuild_hint
from marsad.store import Store


def pytest_configure(config: pytest.Config) -> None:
    """Refuse to test compiled modules that are older than their sources (an editable install built
    before the last edit would test the old code)."""
    status = native_status()
    if status.stale:
        pytest.exit(rebuild_hint(status), returncode=2)


def pytest_report_header(config: pytest.Config) -> str:
    return f"marsad text analysis: {native_status().describe()}"


_PLACES = ["اللطامنة", "كفرزيتا", "مورك", "حلفايا", "صوران", "طيبة الإمام", "معردس", "قمحانة"]
_TEMPLATES = [
    "قالت هيئة تحرير الشام في بيان إن مقاتليها اشتبكوا مع قوات النظام على أطراف {p} في ريف حماة "
    "الشمالي صباح يوم {d} من الشهر، وأضاف البيان أن الاشتباكات استمرت ساعات.",
    "أفاد المرصد السوري لحقوق الإنسان بأن قصفاً مدفعياً استهدف بلدة {p} بريف حماة، ما أدى إلى "
    "مقتل {n} مدنيين وإصابة آخرين، بحسب ما نقله المرصد عن مصادر محلية.",
    "أعلنت حركة أحرار الشام يوم {d} سيطرتها على قرية {p} بعد معارك مع قوات النظام استمرت يومين، فيما نفى "
    "مصدر عسكري حكومي ذلك وقال إن القوات ما زالت تسيطر على المنطقة.",
]


def corpus_records(n: int) -> list[dict[str, object]]:
    """``n`` (≤ 216) distinct short reports with ids and publication dates."""
    out = []
    for i in range(n):
        text = _TEMPLATES[i % len(_TEMPLATES)].format(p=_PLACES[i % len(_PLACES)], d=i % 27 + 1, n=i % 5 + 2)
        out.append({"id": f"r{i:03d}", "text": text, "date": f"2017-04-{i % 27 + 1:02d}"})
    return out


@pytest.fixture
def report_records() -> Callable[[int], list[dict[str, object]]]:
    """A factory: ``report_records(n)`` gives ``n`` distinct short reports."""
    return corpus_records


def write_jsonl(path: Path, records: list[dict[str, object]]) -> Path:
    path.write_bytes(b"".join(orjson.dumps(r) + b"\n" for r in records))
    return path


@pytest.fixture
def corpus_docs() -> list[Document]:
    return [
        Document(id=str(r["id"]), text=str(r["text"]), published=str(r["date"])) for r in corpus_records(24)
    ]


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


# Every table of a store but the full-text index (compared through search) and the bookkeeping tables.
STORE_TABLES = (
    "documents",
    "clusters",
    "document_signatures",
    "lsh_bands",
    "entities",
    "mentions",
    "entity_index",
    "entity_keys",
    "events",
    "event_actors",
    "evidence",
    "document_facets",
    "document_points",
)
_STORAGE_TIMES = {"ingested_at", "extracted_at", "created_at"}


def store_rows(store: Store) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of the store's tables, storage times left out, sorted: two stores holding the same
    records compare equal column for column."""
    meta = sa.MetaData()
    meta.reflect(store.engine, only=STORE_TABLES)
    out: dict[str, list[tuple[Any, ...]]] = {}
    with store.engine.connect() as conn:
        for name in STORE_TABLES:
            columns = [c for c in meta.tables[name].columns if c.name not in _STORAGE_TIMES]
            out[name] = sorted(tuple(row) for row in conn.execute(sa.select(*columns)))
    return out


@pytest.fixture
def table_rows() -> Callable[[Store], dict[str, list[tuple[Any, ...]]]]:
    """``table_rows(store)``: every row of the store's tables (see ``store_rows``)."""
    return store_rows
