"""The gazetteer as the recognizer and resolver see it: candidates by key, facts by id, places nearby.

``Gazetteer.open()`` opens the compiled index (building it first when missing or stale) and, when a
user overlay exists next to it, merges the overlay: an overlay record with the same id replaces the
packaged record (for countries and admin-1 divisions the curated packaged names are kept), and the
names of both stay indexed. Opening costs a few milliseconds; nothing is loaded until asked for.
"""

from __future__ import annotations

import functools
import os
import sqlite3
import threading
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from marsad.gazetteer.build import (
    GazetteerError,
    ensure_index,
    index_status,
    is_default_index,
)
from marsad.gazetteer.geo import bounding_box, haversine_km
from marsad.gazetteer.model import Place, admin1_id
from marsad.gazetteer.names import is_arabic_key
from marsad.gazetteer.paths import GazetteerPaths
from marsad.gazetteer.store import (
    PLACE_COLUMNS,
    PLACE_FIELDS,
    attach_readonly,
    connect_readonly,
    get_meta,
    row_to_place,
    unpack_lines,
)

_P_COLUMNS = ", ".join(f"p.{c}" for c in PLACE_FIELDS)
# Positions in a row of PLACE_FIELDS.
_ID, _NAME_EN, _NAME_AR, _LAT, _LON, _POPULATION, _KIND = (
    PLACE_FIELDS.index(f) for f in ("id", "name_en", "name_ar", "lat", "lon", "population", "kind")
)
_CURATED_KINDS = ("country", "admin1")
_LOOKUP_CACHE = 16384

Row = tuple[Any, ...]


class Gazetteer:
    """Read-only access to a compiled gazetteer index and its user overlay."""

    def __init__(self, paths: GazetteerPaths) -> None:
        """Use ``Gazetteer.open``; this constructor expects a fresh index at ``paths.index``."""
        self.paths = paths
        self._lock = threading.RLock()
        self._pid = -1
        self._conn: sqlite3.Connection | None = None
        self.has_overlay = False
        self.meta: dict[str, Any] = {}
        self._connect()
        self._admin1_names = self._load_admin1_names()
        self._keys: dict[str, tuple[str, ...]] = {}
        self._common: frozenset[str] | None = None
        # ``lookup`` without the copy: the remembered tuple itself, for callers that only read it (the
        # place recognizer asks for every name of every document; a C-level cache, no Python frame)
        self.candidates: Callable[[str], tuple[Place, ...]] = functools.lru_cache(maxsize=_LOOKUP_CACHE)(
            self._lookup
        )
        # the admin-1 region of every unresolved place is asked for by id: one query each time before
        self._get_cached = functools.lru_cache(maxsize=_LOOKUP_CACHE)(self._get)

    # -- opening -----------------------------------------------------------------------------------

    @classmethod
    def open(cls, path: str | Path | None = None, build: bool = True) -> Gazetteer:
        """Open the gazetteer at ``path`` (None: the default directory; a directory; or an index file).

        A missing or stale default index is built first (once; see ``marsad gazetteer build``) unless
        ``build`` is False. An index built from injected records is never rebuilt automatically.
        """
        paths = GazetteerPaths.resolve(path)
        reason = index_status(paths.index)
        if reason is not None:
            if not build:
                raise GazetteerError(
                    f"gazetteer index {paths.index} is {reason}; run `marsad gazetteer build`"
                )
            if not is_default_index(paths.index):
                raise GazetteerError(
                    f"gazetteer index {paths.index} is {reason} and was built from custom records: "
                    "rebuild it with the code that made it"
                )
            ensure_index(paths.index)
        return cls(paths)

    def _connect(self) -> None:
        conn = connect_readonly(self.paths.index, immutable=True)
        self.meta = get_meta(conn)
        self.has_overlay = self.paths.overlay.is_file()
        if self.has_overlay:
            attach_readonly(conn, self.paths.overlay, "ov")
        self._conn = conn
        self._pid = os.getpid()

    def _db(self) -> sqlite3.Connection:
        """The connection, reopened in a child process after fork."""
        if self._conn is None or self._pid != os.getpid():
            self._connect()
        assert self._conn is not None
        return self._conn

    def _query(self, sql: str, params: Iterable[Any] = ()) -> list[Row]:
        with self._lock:
            return self._db().execute(sql, tuple(params)).fetchall()

    def close(self) -> None:
        """Close the database connection (the object reopens it if used again)."""
        with self._lock:
            if self._conn is not None:
                self._conn.close()
                self._conn = None

    def __enter__(self) -> Gazetteer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- rows to places ----------------------------------------------------------------------------

    def _load_admin1_names(self) -> dict[tuple[str, str], str]:
        names: dict[tuple[str, str], str] = {}
        if self.has_overlay:
            for country, code, name in self._query(
                "SELECT country, admin1_code, name_en FROM ov.places WHERE kind = 'admin1'"
            ):
                names[(country, code)] = name
        for country, code, name in self._query(
            "SELECT country, admin1_code, name_en FROM places WHERE kind = 'admin1'"
        ):
            names[(country, code)] = name
        return names

    def _place(self, row: Row) -> Place:
        return row_to_place(row, self._admin1_names)

    @staticmethod
    def _merged(over: Row, base: Row | None) -> Row:
        """An overlay row replacing a base row; countries and admin-1 keep their curated names."""
        if base is None or over[_KIND] not in _CURATED_KINDS:
            return over
        merged = list(over)
        merged[_NAME_EN] = base[_NAME_EN] or over[_NAME_EN]
        merged[_NAME_AR] = base[_NAME_AR] or over[_NAME_AR]
        return tuple(merged)

    def _overlay_rows(self, ids: list[str]) -> dict[str, Row]:
        """Overlay rows with these ids (queried in chunks to stay under SQLite's parameter limit)."""
        found: dict[str, Row] = {}
        if not self.has_overlay:
            return found
        for i in range(0, len(ids), 500):
            chunk = ids[i : i + 500]
            marks = ",".join("?" * len(chunk))
            for r in self._query(f"SELECT {PLACE_COLUMNS} FROM ov.places WHERE id IN ({marks})", chunk):
                found[r[_ID]] = r
        return found

    def _with_overlay(self, base_rows: list[Row], over_rows: list[Row]) -> list[Row]:
        """Merge base rows with overlay rows (same id: the overlay replaces the base)."""
        if not self.has_overlay:
            return base_rows
        replaced = self._overlay_rows([r[_ID] for r in base_rows])
        out: dict[str, Row] = {}
        for row in base_rows:
            over = replaced.get(row[_ID])
            out[row[_ID]] = self._merged(over, row) if over else row
        base_by_id = {r[_ID]: r for r in base_rows}
        for row in over_rows:
            base = base_by_id.get(row[_ID])
            if base is None and row[_KIND] in _CURATED_KINDS:
                base = self._base_row(row[_ID])
            out[row[_ID]] = self._merged(row, base)
        return list(out.values())

    def _base_row(self, place_id: str) -> Row | None:
        rows = self._query(f"SELECT {PLACE_COLUMNS} FROM places WHERE id = ?", (place_id,))
        return rows[0] if rows else None

    # -- public API --------------------------------------------------------------------------------

    def lookup(self, key: str) -> list[Place]:
        """Candidates for an already normalized key (``normalize_for_match``), most populous first.

        Countries, admin-1 divisions and populated places are all candidates; see ``Place.kind``.
        """
        return list(self.candidates(key))

    def _lookup(self, key: str) -> tuple[Place, ...]:
        base = self._query(
            f"SELECT {_P_COLUMNS} FROM names n JOIN places p ON p.rid = n.rid WHERE n.key = ?", (key,)
        )
        over: list[Row] = []
        if self.has_overlay:
            over = self._query(
                f"SELECT {_P_COLUMNS} FROM ov.names n JOIN ov.places p ON p.rid = n.rid WHERE n.key = ?",
                (key,),
            )
        rows = self._with_overlay(base, over)
        places = [self._place(r) for r in rows]
        places.sort(key=lambda p: (-p.population, p.id))
        return tuple(places)

    def keys(self, script: str | None = None) -> Iterable[str]:
        """All normalized keys (>= 2 letters), optionally only ``script`` "arabic" or "latin"."""
        if script not in (None, "arabic", "latin"):
            raise ValueError(f"script must be 'arabic', 'latin' or None, not {script!r}")
        scripts = ("arabic", "latin") if script is None else (script,)
        out: list[str] = []
        for s in scripts:
            if s not in self._keys:
                blob = self.meta.get("keys_ar" if s == "arabic" else "keys_latin")
                self._keys[s] = tuple(unpack_lines(blob))
            out.extend(self._keys[s])
        if not self.has_overlay:
            return out
        extra = [k for (k,) in self._query("SELECT key FROM ov.keys")]
        if script is not None:
            extra = [k for k in extra if is_arabic_key(k) == (script == "arabic")]
        seen = set(out)
        out.extend(k for k in extra if k not in seen)
        return out

    def is_common_word(self, key: str) -> bool:
        """True when the key is a single token that is also a frequent word (computed at build time:
        wordfreq Zipf >= 4.5 for Arabic keys, >= 4.0 for Latin keys). Frequent place names such as
        حلب or دمشق are flagged too: combine with the candidates' kind and population."""
        if self._common is None:
            common = set(unpack_lines(self.meta.get("common")))
            if self.has_overlay:
                common.update(k for (k,) in self._query("SELECT key FROM ov.keys WHERE common = 1"))
            self._common = frozenset(common)
        return key in self._common

    def get(self, place_id: str) -> Place | None:
        """The place with this id ("geonames:<id>", "admin1:<CC>.<code>", "custom:<slug>")."""
        return self._get_cached(place_id)

    def _get(self, place_id: str) -> Place | None:
        base = self._base_row(place_id)
        if self.has_overlay:
            over = self._query(f"SELECT {PLACE_COLUMNS} FROM ov.places WHERE id = ?", (place_id,))
            if over:
                return self._place(self._merged(over[0], base))
        return self._place(base) if base else None

    def admin1(self, country: str, code: str) -> Place | None:
        """The admin-1 division with this GeoNames admin1 code ("SY", "10" -> Hama governorate)."""
        return self.get(admin1_id(country.upper(), code))

    def admin1_name(self, country: str, code: str) -> str:
        """English name of an admin-1 division ("" when unknown)."""
        return self._admin1_names.get((country.upper(), code), "")

    def admin1_by_name(self, key: str) -> list[Place]:
        """Admin-1 divisions whose name has this normalized key."""
        return [p for p in self.candidates(key) if p.kind == "admin1"]

    def country(self, iso2: str) -> Place | None:
        """The country with this ISO 3166-1 alpha-2 code."""
        iso2 = iso2.upper()
        base = self._query(
            f"SELECT {PLACE_COLUMNS} FROM places WHERE kind = 'country' AND country = ?", (iso2,)
        )
        over: list[Row] = []
        if self.has_overlay:
            over = self._query(
                f"SELECT {PLACE_COLUMNS} FROM ov.places WHERE kind = 'country' AND country = ?", (iso2,)
            )
        rows = self._with_overlay(base, over)
        if not rows:
            return None
        return self._place(max(rows, key=lambda r: r[_POPULATION]))

    def near(self, lat: float, lon: float, km: float, country: str | None = None) -> list[Place]:
        """Places within ``km`` of (lat, lon), nearest first, optionally only in ``country``."""
        lat_min, lat_max, lon_ranges = bounding_box(lat, lon, km)
        where = "lat BETWEEN ? AND ?"
        params: list[Any] = [lat_min, lat_max]
        if lon_ranges is not None:
            where += " AND (" + " OR ".join("lon BETWEEN ? AND ?" for _ in lon_ranges) + ")"
            params += [v for r in lon_ranges for v in r]
        if country is not None:
            where = "country = ? AND " + where
            params.insert(0, country.upper())
        base = self._query(f"SELECT {PLACE_COLUMNS} FROM places WHERE {where}", params)
        if self.has_overlay:
            # Replaced places count at their overlay position, which the second query selects.
            replaced = self._overlay_rows([r[_ID] for r in base])
            base = [r for r in base if r[_ID] not in replaced]
            over = self._query(f"SELECT {PLACE_COLUMNS} FROM ov.places WHERE {where}", params)
            base += self._with_overlay([], over)
        scored = []
        for row in base:
            d = haversine_km(lat, lon, row[_LAT], row[_LON])
            if d <= km:
                scored.append((d, row[_ID], row))
        scored.sort(key=lambda t: (t[0], t[1]))
        return [self._place(r) for _, _, r in scored]

    def info(self) -> dict[str, Any]:
        """Facts about the index and overlay: paths, source, versions, counts."""
        out: dict[str, Any] = {
            "index": str(self.paths.index),
            "overlay": str(self.paths.overlay) if self.has_overlay else None,
            "format_version": self.meta.get("format_version"),
            "source": self.meta.get("source"),
            "source_version": self.meta.get("source_version"),
            "built_at": self.meta.get("built_at"),
            "places": self.meta.get("places"),
            "size_bytes": self.paths.index.stat().st_size,
        }
        if self.has_overlay:
            out["overlay_places"] = self._query("SELECT COUNT(*) FROM ov.places")[0][0]
            out["overlay_imports"] = self._query("SELECT COUNT(*) FROM ov.imports")[0][0]
        return out


@functools.cache
def default_gazetteer() -> Gazetteer:
    """The process-wide gazetteer at the default location (built on first use)."""
    return Gazetteer.open()
