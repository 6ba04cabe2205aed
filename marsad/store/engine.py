"""Database URLs and engines: SQLite (one file, WAL) or PostgreSQL (psycopg 3), with readable errors."""

from __future__ import annotations

import math
import os
import re
import sqlite3
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.engine import URL, Engine, make_url
from sqlalchemy.pool import StaticPool

from marsad.store.types import StoreError

DEFAULT_URL = "sqlite:///marsad.db"
SQLITE_BUSY_TIMEOUT_MS = 10_000
PG_CONNECT_TIMEOUT_S = 5
EARTH_RADIUS_KM = 6371.0088

_SCHEME_RE = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")


def resolve_url(url: str | os.PathLike[str] | None) -> URL:
    """The SQLAlchemy URL for ``url``: None → $MARSAD_DB or ``sqlite:///marsad.db`` in the current
    directory; a path without a scheme → a SQLite file; ``postgresql://`` / ``postgres://`` → psycopg 3."""
    if url is None:
        url = os.environ.get("MARSAD_DB") or DEFAULT_URL
    text = os.fspath(url).strip()
    if not text:
        raise StoreError("empty database URL: give a SQLite path or a postgresql+psycopg:// URL")
    if not _SCHEME_RE.match(text):
        return make_url("sqlite:///" + str(Path(text).expanduser().absolute()))
    try:
        parsed = make_url(text)
    except (sa.exc.ArgumentError, ValueError) as err:
        raise StoreError(f"bad database URL {mask(text)!r}: {err}") from None
    backend = parsed.get_backend_name()
    driver = parsed.drivername.partition("+")[2]
    if backend == "postgres":
        parsed = parsed.set(drivername="postgresql+psycopg")
    elif backend == "postgresql":
        if parsed.drivername != "postgresql+psycopg":
            parsed = parsed.set(drivername="postgresql+psycopg")
    elif backend == "sqlite":
        if driver not in ("pysqlite", ""):
            raise StoreError(f"unsupported SQLite driver {driver!r} in {mask(text)!r}: use sqlite:///path")
    else:
        raise StoreError(
            f"unsupported database {backend!r} in {mask(text)!r}: use a SQLite path or sqlite:///path, "
            "or postgresql+psycopg://user@host:port/dbname"
        )
    if parsed.get_backend_name() == "postgresql" and not parsed.database:
        raise StoreError(f"the PostgreSQL URL {mask(text)!r} names no database (…/dbname)")
    return parsed


def mask(url: str | URL) -> str:
    """The URL with its password hidden."""
    if isinstance(url, URL):
        return url.render_as_string(hide_password=True)
    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:
        return re.sub(r"://([^:/@]+):[^@]*@", r"://\1:***@", url)


def is_memory(url: URL) -> bool:
    return url.get_backend_name() == "sqlite" and url.database in (None, "", ":memory:")


def create(url: URL) -> Engine:
    """An engine for ``url`` with the store's connection settings (not yet connected)."""
    if url.get_backend_name() == "sqlite":
        return _sqlite_engine(url)
    return sa.create_engine(
        url,
        connect_args={"connect_timeout": PG_CONNECT_TIMEOUT_S, "application_name": "marsad"},
        pool_pre_ping=True,
    )


def _sqlite_engine(url: URL) -> Engine:
    kwargs: dict[str, Any] = {}
    if is_memory(url):
        kwargs["poolclass"] = StaticPool
        kwargs["connect_args"] = {"check_same_thread": False}
    else:
        assert url.database is not None
        Path(url.database).parent.mkdir(parents=True, exist_ok=True)
    engine = sa.create_engine(url, **kwargs)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: sqlite3.Connection, _record: Any) -> None:
        # Transactions are begun explicitly (below), so SQLite's DDL and savepoints behave.
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}")
        if not is_memory(url):
            cur.execute("PRAGMA journal_mode = WAL")
        cur.execute("PRAGMA foreign_keys = ON")
        cur.execute("PRAGMA synchronous = NORMAL")
        cur.execute("PRAGMA temp_store = MEMORY")
        cur.execute("PRAGMA cache_size = -32000")
        cur.close()
        dbapi_conn.create_function("marsad_km", 4, haversine_km, deterministic=True)

    @event.listens_for(engine, "begin")
    def _on_begin(conn: sa.Connection) -> None:
        # Writers take the write lock up front (no deadlock when two upgrade at once); readers don't.
        write = conn.get_execution_options().get("marsad_write", False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")

    return engine


def haversine_km(
    lat1: float | None, lon1: float | None, lat2: float | None, lon2: float | None
) -> float | None:
    """Great-circle distance in km (None when a coordinate is missing)."""
    if lat1 is None or lon1 is None or lat2 is None or lon2 is None:
        return None
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def km_expression(dialect: str, lat: Any, lon: Any, lat0: float, lon0: float) -> Any:
    """SQL for the haversine distance from (lat0, lon0) to the columns (lat, lon)."""
    if dialect == "sqlite":
        return sa.func.marsad_km(lat, lon, lat0, lon0)
    f = sa.func
    dlat = f.radians(lat - lat0) / 2
    dlon = f.radians(lon - lon0) / 2
    h = f.power(f.sin(dlat), 2) + math.cos(math.radians(lat0)) * f.cos(f.radians(lat)) * f.power(
        f.sin(dlon), 2
    )
    return 2 * EARTH_RADIUS_KM * f.asin(f.least(1.0, f.sqrt(h)))


def describe_error(url: URL, err: BaseException) -> StoreError:
    """A StoreError that says what went wrong with the database and what to do."""
    msg = str(getattr(err, "orig", None) or err).strip().splitlines()[0] if str(err).strip() else repr(err)
    where = mask(url)
    low = msg.lower()
    if url.get_backend_name() == "sqlite":
        if "locked" in low or "busy" in low:
            return StoreError(
                f"the SQLite database {url.database} is locked by another process (waited "
                f"{SQLITE_BUSY_TIMEOUT_MS // 1000} s); retry when it has finished"
            )
        if "not a database" in low or "malformed" in low:
            return StoreError(f"{url.database} is not a marsad SQLite database (or is damaged): {msg}")
        if "unable to open" in low or "readonly" in low or "read-only" in low:
            return StoreError(f"cannot open the SQLite database {url.database} for writing: {msg}")
        return StoreError(f"SQLite database {url.database}: {msg}")
    if isinstance(err, sa.exc.OperationalError | sa.exc.InterfaceError) and (
        "connect" in low or "connection" in low or "timeout" in low or "resolve" in low
    ):
        return StoreError(
            f"cannot reach PostgreSQL at {url.host or 'localhost'}:{url.port or 5432} "
            f"(database {url.database!r}): {msg}"
        )
    if "does not exist" in low:
        return StoreError(f"PostgreSQL {where}: {msg} (create it first, e.g. createdb {url.database})")
    return StoreError(f"database {where}: {msg}")
