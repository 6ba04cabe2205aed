"""Versioned schema migrations, recorded in ``schema_migrations`` and applied when a store opens.

``MIGRATIONS`` is an ordered list; each step has a version number, a name and a function that changes the
schema inside the migration transaction. ``migrate`` applies the steps a database lacks, all in one
transaction (SQLite: ``BEGIN IMMEDIATE``; PostgreSQL: under an advisory lock), and records each one.
Opening an up-to-date database only reads ``schema_migrations``. A database recorded at a version newer
than the last step here is refused with a ``StoreError``.

Adding a version (docs/store.md): write ``_vN(conn)`` with the DDL (``op``-style ALTER TABLE / CREATE
INDEX, per dialect when needed), append ``Migration(N, "…", _vN)``, and add the same change to the live
table definitions in ``schema.py``. A version's ``define_vN`` never changes once released.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import TSVECTOR
from sqlalchemy.engine import Connection, Engine

from marsad import __version__
from marsad.store.types import StoreError

# Any 64-bit constant: serializes concurrent migrations of one PostgreSQL database.
_PG_LOCK_KEY = 0x6D61727361640001


def define_v1(md: sa.MetaData) -> None:
    """The tables of schema version 1 (frozen: later versions change them through migrations)."""
    sa.Table(
        "schema_migrations",
        md,
        sa.Column("version", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("applied_at", sa.String(40), nullable=False),
        sa.Column("marsad_version", sa.String(40), nullable=False),
    )
    sa.Table(
        "documents",
        md,
        sa.Column("num", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("id", sa.String, nullable=False, unique=True),
        sa.Column("content_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("title", sa.Text),
        sa.Column("url", sa.Text),
        sa.Column("published", sa.String(64)),
        sa.Column("published_date", sa.String(10)),
        sa.Column("source", sa.Text),
        sa.Column("source_key", sa.Text, nullable=False),  # casefolded source + origin path, for filters
        sa.Column("meta", sa.Text, nullable=False),  # JSON
        sa.Column("author", sa.Text),  # JSON
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("failure", sa.Text),
        sa.Column("producer_marsad", sa.String(40)),
        sa.Column("producer_knowledge", sa.String(64)),
        sa.Column("extracted_at", sa.String(40)),
        sa.Column("ingested_at", sa.String(40), nullable=False),
        sa.Column("cluster_id", sa.String, nullable=False),
        sa.Index("ix_documents_status", "status", "num"),
        sa.Index("ix_documents_published", "published_date", "num"),
        sa.Index("ix_documents_cluster", "cluster_id"),
        sa.Index("ix_documents_source_key", "source_key"),  # scanned (covering) by source filters
        sqlite_autoincrement=True,
    )
    sa.Table(
        "clusters",
        md,
        sa.Column("cluster_id", sa.String, primary_key=True),
        sa.Column(
            "founder_num", sa.Integer, sa.ForeignKey("documents.num", ondelete="CASCADE"), nullable=False
        ),
        sa.Column("created_at", sa.String(40), nullable=False),
    )
    sa.Table(
        "document_signatures",
        md,
        sa.Column(
            "document_num", sa.Integer, sa.ForeignKey("documents.num", ondelete="CASCADE"), primary_key=True
        ),
        sa.Column("signature", sa.LargeBinary, nullable=False),
    )
    sa.Table(
        "lsh_bands",
        md,
        sa.Column("band_key", sa.BigInteger, primary_key=True, autoincrement=False),
        sa.Column(
            "document_num",
            sa.Integer,
            sa.ForeignKey("documents.num", ondelete="CASCADE"),
            primary_key=True,
            autoincrement=False,
        ),
        sa.Index("ix_lsh_bands_document", "document_num"),
    )
    sa.Table(
        "mentions",
        md,
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column(
            "document_num", sa.Integer, sa.ForeignKey("documents.num", ondelete="CASCADE"), nullable=False
        ),
        sa.Column("ordinal", sa.Integer, nullable=False),
        sa.Column("start_char", sa.Integer, nullable=False),
        sa.Column("end_char", sa.Integer, nullable=False),
        sa.Column("label", sa.String(16), nullable=False),
        sa.Column("entity_id", sa.String),
        sa.Column("text", sa.Text),  # NULL: the document's text[start_char:end_char] (always, in practice)
        sa.Column("confidence", sa.Float, nullable=False),
        sa.Column("component", sa.String(64), nullable=False),
        sa.Column("attrs", sa.Text),  # JSON, NULL when empty
        sa.Index("ix_mentions_document", "document_num", "ordinal"),
    )
    sa.Table(
        "entities",
        md,
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column(
            "document_num", sa.Integer, sa.ForeignKey("documents.num", ondelete="CASCADE"), nullable=False
        ),
        sa.Column("ordinal", sa.Integer, nullable=False),
        sa.Column("entity_id", sa.String, nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("name_ar", sa.Text, nullable=False),
        sa.Column("attrs", sa.Text, nullable=False),  # JSON: Entity.attrs
        sa.UniqueConstraint("document_num", "entity_id", name="uq_entities_document_entity"),
        sa.Index("ix_entities_entity", "entity_id"),
    )
    # One row per entity id the store has seen (what filters need to know about it), and the folded
    # names it goes by (entity names in both languages, texts of mentions linked to it).
    sa.Table(
        "entity_index",
        md,
        sa.Column("entity_id", sa.String, primary_key=True),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("place_kind", sa.String(32)),
        sa.Column("country", sa.String(8)),
        sa.Column("admin1_key", sa.Text),  # "SY|hama": country and folded admin-1 name
        sa.Column("admin1_id", sa.String),  # "admin1:SY.10" when known
        sa.Index("ix_entity_index_admin1_id", "admin1_id"),
    )
    sa.Table(
        "entity_keys",
        md,
        sa.Column("key", sa.Text, primary_key=True),
        sa.Column("entity_id", sa.String, primary_key=True),
        sqlite_with_rowid=False,
    )
    sa.Table(
        "events",
        md,
        sa.Column("number", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column(
            "document_num", sa.Integer, sa.ForeignKey("documents.num", ondelete="CASCADE"), nullable=False
        ),
        sa.Column("document_id", sa.String, nullable=False),
        sa.Column("ordinal", sa.Integer, nullable=False),
        sa.Column("event_id", sa.String, nullable=False),
        sa.Column("type_key", sa.String(32), nullable=False),  # PLOVER type, lower case
        sa.Column("mode", sa.String(64)),
        sa.Column("acled_event_key", sa.String(64)),  # ACLED event_type, lower case
        sa.Column("acled_sub_key", sa.String(64)),  # ACLED sub_event_type, lower case
        sa.Column("actor1", sa.String),
        sa.Column("actor2", sa.String),
        sa.Column("place", sa.String),
        sa.Column("place_country", sa.String(8)),
        sa.Column("place_admin1", sa.Text),  # admin-1 key of the place, as entities.admin1_key
        sa.Column("lat", sa.Float),
        sa.Column("lon", sa.Float),
        sa.Column("date", sa.String(32)),
        sa.Column("sort_date", sa.String(10)),  # event date, else the document's published date
        sa.Column("order_date", sa.String(10), nullable=False),  # sort_date, "~" when unknown (last)
        sa.Column("negated", sa.Boolean, nullable=False),
        sa.Column("modality", sa.String(32), nullable=False),
        sa.Column("fatalities", sa.Integer),
        sa.Column("confidence", sa.Float, nullable=False),
        # JSON: Event.to_dict() as extracted; span texts that slice the document are left out
        sa.Column("data", sa.Text, nullable=False),
        sa.Column("producer_marsad", sa.String(40), nullable=False),
        sa.Column("producer_knowledge", sa.String(64), nullable=False),
        sa.Column("review_status", sa.String(16)),  # None = unreviewed
        sa.Index("ix_events_document", "document_num", "ordinal"),
        sa.Index("ix_events_order", "order_date", "document_id", "ordinal"),
        sa.Index("ix_events_type", "type_key"),
        sa.Index("ix_events_acled_event", "acled_event_key"),
        sa.Index("ix_events_acled_sub", "acled_sub_key"),
        sa.Index("ix_events_place", "place"),
        sa.Index("ix_events_place_admin1", "place_admin1"),
        sa.Index("ix_events_place_country", "place_country"),
        sa.Index("ix_events_latlon", "lat", "lon"),
        sa.Index("ix_events_sort_date", "sort_date"),
        sa.Index("ix_events_review", "review_status"),
        sqlite_autoincrement=True,
    )
    sa.Table(
        "event_actors",
        md,
        sa.Column(
            "event_number",
            sa.Integer,
            sa.ForeignKey("events.number", ondelete="CASCADE"),
            primary_key=True,
            autoincrement=False,
        ),
        sa.Column("role", sa.String(16), primary_key=True),  # actor1 | actor2 | assoc
        sa.Column("entity_id", sa.String, primary_key=True),
        sa.Index("ix_event_actors_entity", "entity_id", "event_number"),
    )
    sa.Table(
        "evidence",
        md,
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column(
            "event_number", sa.Integer, sa.ForeignKey("events.number", ondelete="CASCADE"), nullable=False
        ),
        sa.Column("kind", sa.String(16), nullable=False),  # trigger | evidence
        sa.Column("ordinal", sa.Integer, nullable=False),
        sa.Column("start_char", sa.Integer, nullable=False),  # the span is the document's text[start:end]
        sa.Column("end_char", sa.Integer, nullable=False),
        sa.Index("ix_evidence_event", "event_number", "kind", "ordinal"),
    )
    # Per-document summaries of its events, for fast document filters in search (see facets.py).
    sa.Table(
        "document_facets",
        md,
        sa.Column("facet", sa.String, primary_key=True),  # "<kind>:<value>", e.g. "a:hts"
        sa.Column(
            "document_num",
            sa.Integer,
            sa.ForeignKey("documents.num", ondelete="CASCADE"),
            primary_key=True,
            autoincrement=False,
        ),
        sa.Index("ix_document_facets_document", "document_num"),
        sqlite_with_rowid=False,
    )
    sa.Table(
        "document_points",
        md,
        sa.Column(
            "document_num",
            sa.Integer,
            sa.ForeignKey("documents.num", ondelete="CASCADE"),
            primary_key=True,
            autoincrement=False,
        ),
        sa.Column("lat", sa.Float, primary_key=True),
        sa.Column("lon", sa.Float, primary_key=True),
        sa.Index("ix_document_points_latlon", "lat", "lon", "document_num"),
        sqlite_with_rowid=False,
    )
    sa.Table(
        "reviews",
        md,
        sa.Column("event_number", sa.Integer, sa.ForeignKey("events.number"), primary_key=True),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("user_name", sa.String, nullable=False),
        sa.Column("reviewed_at", sa.String(40), nullable=False),
        sa.Column("changes", sa.Text, nullable=False),  # JSON: edited event fields
    )
    sa.Table(
        "audit_log",
        md,
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("at", sa.String(40), nullable=False),
        sa.Column("user_name", sa.String, nullable=False),
        sa.Column("action", sa.String(64), nullable=False),
        sa.Column("object_type", sa.String(32), nullable=False),
        sa.Column("object_id", sa.String, nullable=False),
        sa.Column("before", sa.Text),  # JSON
        sa.Column("after", sa.Text),  # JSON
        sa.Index("ix_audit_object", "object_type", "object_id", "id"),
        sqlite_autoincrement=True,
    )
    # PostgreSQL only: the full-text vectors (SQLite uses the FTS5 table document_fts instead).
    search = sa.Table(
        "document_search",
        md,
        sa.Column(
            "document_num", sa.Integer, sa.ForeignKey("documents.num", ondelete="CASCADE"), primary_key=True
        ),
        sa.Column("vector", TSVECTOR, nullable=False),
    )
    sa.Index("ix_document_search_vector", search.c.vector, postgresql_using="gin")


PG_ONLY_TABLES = ("document_search",)


def define_v2(md: sa.MetaData) -> None:
    """Tables added by schema version 2: workbench accounts (users, API tokens, login sessions)."""
    sa.Table(
        "users",
        md,
        sa.Column("name", sa.String(64), primary_key=True),
        sa.Column("role", sa.String(16), nullable=False),  # viewer | reviewer | admin
        sa.Column("password_hash", sa.Text, nullable=False),  # argon2id
        sa.Column("created_at", sa.String(40), nullable=False),
        sa.Column("disabled", sa.Boolean, nullable=False, default=False),
    )
    sa.Table(
        "api_tokens",
        md,
        sa.Column("token_hash", sa.String(64), primary_key=True),  # SHA-256 of the token; never the token
        sa.Column(
            "user_name", sa.String(64), sa.ForeignKey("users.name", ondelete="CASCADE"), nullable=False
        ),
        sa.Column("label", sa.String(200), nullable=False),
        sa.Column("created_at", sa.String(40), nullable=False),
        sa.Column("last_used_at", sa.String(40)),
        sa.Index("ix_api_tokens_user", "user_name"),
    )
    sa.Table(
        "sessions",
        md,
        sa.Column("session_hash", sa.String(64), primary_key=True),  # SHA-256 of the cookie value
        sa.Column(
            "user_name", sa.String(64), sa.ForeignKey("users.name", ondelete="CASCADE"), nullable=False
        ),
        sa.Column("csrf_token", sa.String(64), nullable=False),
        sa.Column("created_at", sa.String(40), nullable=False),
        sa.Column("expires_at", sa.String(40), nullable=False),
        sa.Index("ix_sessions_user", "user_name"),
    )


SQLITE_FTS_DDL = (
    "CREATE VIRTUAL TABLE document_fts USING fts5("
    "terms, content='', tokenize='unicode61 remove_diacritics 0')"
)


def _v1(conn: Connection) -> None:
    md = sa.MetaData()
    define_v1(md)
    dialect = conn.dialect.name
    tables = [t for t in md.sorted_tables if dialect == "postgresql" or t.name not in PG_ONLY_TABLES]
    md.create_all(conn, tables=tables, checkfirst=True)
    if dialect == "sqlite":
        conn.exec_driver_sql(SQLITE_FTS_DDL)


@dataclass(frozen=True, slots=True)
class Migration:
    version: int
    name: str
    apply: Callable[[Connection], None]


def v2_review_columns() -> list[sa.Column[Any]]:
    """Review columns added by version 2: a duplicate's surviving event, and the reviewer's note."""
    return [
        sa.Column("duplicate_of", sa.Integer),  # rejected as a duplicate of this event number
        sa.Column("note", sa.Text),
    ]


# Version 2 replaces ix_events_order and the single-column indexes of the broad event filters (type,
# ACLED types, review state) by one index that covers every event filter's column: event lists, their
# totals and exports in date order are read from the index alone (the events rows hold the JSON).
EVENT_LIST_INDEX = "ix_events_list"
V2_DROPPED_INDEXES = (
    "ix_events_order",
    "ix_events_type",
    "ix_events_acled_event",
    "ix_events_acled_sub",
    "ix_events_review",
)
EVENT_LIST_COLUMNS = (
    "order_date",
    "document_id",
    "ordinal",
    "review_status",
    "type_key",
    "acled_event_key",
    "acled_sub_key",
    "sort_date",
    "place",
    "place_admin1",
    "place_country",
    "lat",
    "lon",
)


def upgrade_v2(md: sa.MetaData) -> None:
    """Version 2's changes to version 1's tables, on table definitions (``schema.py``)."""
    define_v2(md)
    for column in v2_review_columns():
        md.tables["reviews"].append_column(column)
    events = md.tables["events"]
    events.indexes = {ix for ix in events.indexes if ix.name not in V2_DROPPED_INDEXES}
    sa.Index(EVENT_LIST_INDEX, *(events.c[name] for name in EVENT_LIST_COLUMNS))


def _v2(conn: Connection) -> None:
    md = sa.MetaData()
    define_v2(md)
    md.create_all(conn, checkfirst=True)
    for column in v2_review_columns():
        kind = column.type.compile(dialect=conn.dialect)
        conn.exec_driver_sql(f"ALTER TABLE reviews ADD COLUMN {column.name} {kind}")
    conn.exec_driver_sql(f"CREATE INDEX {EVENT_LIST_INDEX} ON events ({', '.join(EVENT_LIST_COLUMNS)})")
    for name in V2_DROPPED_INDEXES:
        conn.exec_driver_sql(f"DROP INDEX {name}")


MIGRATIONS: list[Migration] = [
    Migration(1, "initial schema: documents, analysis, clusters, search index, review, audit log", _v1),
    Migration(2, "workbench: users, API tokens, sessions; reviews.duplicate_of, note; ix_events_list", _v2),
]


def latest_version() -> int:
    return MIGRATIONS[-1].version


def _migrations_table() -> sa.Table:
    md = sa.MetaData()
    define_v1(md)
    return md.tables["schema_migrations"]


def current_version(conn: Connection) -> int:
    """The highest recorded migration (0 for an empty database)."""
    if not sa.inspect(conn).has_table("schema_migrations"):
        return 0
    table = _migrations_table()
    value = conn.execute(sa.select(sa.func.max(table.c.version))).scalar()
    return int(value or 0)


def _check_not_newer(version: int, last: int) -> None:
    if version > last:
        raise StoreError(
            f"the database has schema version {version}, newer than this marsad {__version__} supports "
            f"({last}); upgrade marsad to use it"
        )


def migrate(engine: Engine, migrations: list[Migration] | None = None) -> int:
    """Apply the missing migrations; return the schema version. Safe to run concurrently."""
    steps = MIGRATIONS if migrations is None else migrations
    last = steps[-1].version
    with engine.connect() as conn:
        version = current_version(conn)
    _check_not_newer(version, last)
    if version == last:
        return version
    with engine.connect().execution_options(marsad_write=True) as conn, conn.begin():
        if conn.dialect.name == "postgresql":
            conn.execute(sa.text("SELECT pg_advisory_xact_lock(:k)"), {"k": _PG_LOCK_KEY})
        version = current_version(conn)  # another process may have migrated meanwhile
        _check_not_newer(version, last)
        table = _migrations_table()
        for step in steps:
            if step.version <= version:
                continue
            step.apply(conn)
            conn.execute(
                table.insert().values(
                    version=step.version,
                    name=step.name,
                    applied_at=datetime.now(UTC).isoformat(timespec="seconds"),
                    marsad_version=__version__,
                )
            )
            version = step.version
    return version
