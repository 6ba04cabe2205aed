"""SQLite layout shared by the packaged index and the user overlay, and the record written into it.

Tables:
- ``places``: one row per place (the fields of ``Place`` except the derived admin-1 name);
- ``names``: (key, rid) pairs, key = ``normalize_for_match(name)``;
- ``meta``: key/value facts (format version, source, compressed key lists);
- overlay only: ``keys`` (key, common flag) and ``imports`` (an audit trail of imports).
"""

from __future__ import annotations

import sqlite3
import zlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from marsad.gazetteer.model import Place

PLACE_FIELDS = (
    "id",
    "geonameid",
    "name_en",
    "name_ar",
    "lat",
    "lon",
    "country",
    "admin1_code",
    "feature",
    "population",
    "kind",
)
PLACE_COLUMNS = ", ".join(PLACE_FIELDS)

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value BLOB) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS places (
    rid INTEGER PRIMARY KEY,
    id TEXT NOT NULL,
    geonameid INTEGER,
    name_en TEXT NOT NULL,
    name_ar TEXT NOT NULL,
    lat REAL,
    lon REAL,
    country TEXT NOT NULL,
    admin1_code TEXT NOT NULL,
    feature TEXT NOT NULL,
    population INTEGER NOT NULL,
    kind TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS names (
    key TEXT NOT NULL,
    rid INTEGER NOT NULL,
    PRIMARY KEY (key, rid)
) WITHOUT ROWID;
"""
INDEXES = """
CREATE UNIQUE INDEX IF NOT EXISTS places_id ON places(id);
CREATE INDEX IF NOT EXISTS places_geo ON places(country, lat);
CREATE INDEX IF NOT EXISTS places_lat ON places(lat);
CREATE INDEX IF NOT EXISTS places_country ON places(country) WHERE kind = 'country';
CREATE INDEX IF NOT EXISTS places_admin1 ON places(country, admin1_code) WHERE kind = 'admin1';
"""
OVERLAY_SCHEMA = """
CREATE TABLE IF NOT EXISTS keys (key TEXT PRIMARY KEY, common INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS imports (
    n INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    kind TEXT NOT NULL,
    source TEXT NOT NULL,
    summary TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS names_rid ON names(rid);
CREATE INDEX IF NOT EXISTS places_gid ON places(geonameid);
"""


@dataclass(slots=True)
class PlaceRecord:
    """A place as written by the builder or an import: its fields plus every surface name to index."""

    id: str
    geonameid: int | None
    name_en: str
    name_ar: str
    lat: float | None
    lon: float | None
    country: str
    admin1_code: str
    feature: str
    population: int
    kind: str
    names: list[str] = field(default_factory=list)

    def row(self) -> tuple[Any, ...]:
        """The values of PLACE_FIELDS, in order."""
        return tuple(getattr(self, f) for f in PLACE_FIELDS)


def create_schema(conn: sqlite3.Connection, overlay: bool = False) -> None:
    """Create the tables (and, for an overlay, its indexes, which exist from the start)."""
    conn.executescript(SCHEMA)
    if overlay:
        conn.executescript(INDEXES + OVERLAY_SCHEMA)


def create_indexes(conn: sqlite3.Connection) -> None:
    """Create the place indexes (the builder does this after the bulk insert)."""
    conn.executescript(INDEXES)


def put_meta(conn: sqlite3.Connection, values: Mapping[str, Any]) -> None:
    """Insert or replace meta values."""
    conn.executemany("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", list(values.items()))


def get_meta(conn: sqlite3.Connection, schema: str = "main") -> dict[str, Any]:
    """All meta values of the database ``schema`` ("main" or an attached name)."""
    return dict(conn.execute(f"SELECT key, value FROM {schema}.meta").fetchall())


def pack_lines(lines: Iterable[str]) -> bytes:
    """Compress a list of strings (one per line) for storage in meta."""
    return zlib.compress("\n".join(lines).encode("utf-8"), 6)


def unpack_lines(blob: bytes | None) -> list[str]:
    """Inverse of ``pack_lines``."""
    if not blob:
        return []
    text = zlib.decompress(blob).decode("utf-8")
    return text.split("\n") if text else []


def row_to_place(row: tuple[Any, ...], admin1_names: Mapping[tuple[str, str], str]) -> Place:
    """Build a Place from a row of PLACE_FIELDS (without rid)."""
    (pid, gid, name_en, name_ar, lat, lon, country, code, feature, population, kind) = row
    admin1 = name_en if kind == "admin1" else admin1_names.get((country, code), "")
    return Place(
        id=pid,
        geonameid=gid,
        name_en=name_en,
        name_ar=name_ar,
        lat=lat,
        lon=lon,
        country=country,
        admin1_code=code,
        admin1=admin1,
        feature=feature,
        population=population,
        kind=kind,
    )


def connect_readonly(path: Path, immutable: bool) -> sqlite3.Connection:
    """Open a database read-only (``immutable`` for files that are only ever replaced, never edited)."""
    uri = path.resolve().as_uri() + ("?mode=ro&immutable=1" if immutable else "?mode=ro")
    return sqlite3.connect(uri, uri=True, check_same_thread=False)


def attach_readonly(conn: sqlite3.Connection, path: Path, name: str) -> None:
    """Attach another database read-only under ``name``."""
    conn.execute(f"ATTACH DATABASE ? AS {name}", (path.resolve().as_uri() + "?mode=ro",))
