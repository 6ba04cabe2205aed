"""Filters as SQL: names resolved to entity ids once, then conditions on the events and documents tables."""

from __future__ import annotations

import logging
import math
from collections.abc import Callable
from functools import lru_cache
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from marsad.store import facets
from marsad.store import schema as s
from marsad.store.engine import haversine_km, km_expression
from marsad.store.records import admin1_key
from marsad.store.terms import name_key
from marsad.store.types import REVIEW_FILTER_VALUES, Filters
from marsad.text.normalize import normalize_for_match

log = logging.getLogger(__name__)

KM_PER_DEGREE = 111.195
NARROW_FACETS = 20_000  # date facet rows up to which a date filter's document set is built and probed


def date_bounds(date_from: str | None, date_to: str | None) -> tuple[str | None, str | None]:
    """Inclusive ISO bounds for string comparison; a year or month ``date_to`` covers its whole span."""
    lo = date_from.strip()[:10] if date_from else None
    hi = date_to.strip()[:10] if date_to else None
    if hi is not None and len(hi) == 4:
        hi += "-12-31"
    elif hi is not None and len(hi) == 7:
        hi += "-31"
    return lo, hi


def parse_near(value: str) -> tuple[float, float, float]:
    """``"35.13,36.75,10"`` → (lat, lon, km), checked; a ValueError says what is wrong (the CLI's
    ``--near`` and the workbench API's ``near``)."""
    try:
        lat, lon, km = (float(p.strip()) for p in value.split(","))
    except ValueError:
        raise ValueError(f"{value!r}: give LAT,LON,KM such as 35.13,36.75,10") from None
    if not (-90 <= lat <= 90 and -180 <= lon <= 180 and km > 0):
        raise ValueError("latitude -90..90, longitude -180..180, km > 0")
    return lat, lon, km


def like_pattern(value: str) -> str:
    escaped = value.casefold().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


@lru_cache(maxsize=1)
def _gazetteer() -> Any:
    """The installed gazetteer (only if already built), for admin-1 names no stored entity carries."""
    try:
        from marsad.gazetteer.index import Gazetteer

        return Gazetteer.open(build=False)
    except Exception as err:  # no index yet, or unreadable: filters work from stored entities alone
        log.debug("gazetteer unavailable for place filters: %s", err)
        return None


@lru_cache(maxsize=1024)
def _gazetteer_admin1(value: str) -> frozenset[str]:
    """Admin-1 keys for an admin-1 id or a name (other ids, "geonames:…", "place:…", are not names)."""
    if ":" in value and not value.startswith("admin1:"):
        return frozenset()
    gaz = _gazetteer()
    if gaz is None:
        return frozenset()
    try:
        if value.startswith("admin1:"):
            places = [gaz.get(value)]
        else:
            places = gaz.admin1_by_name(normalize_for_match(value))
    except Exception as err:
        log.debug("gazetteer lookup of %r failed: %s", value, err)
        return frozenset()
    keys = {admin1_key(p.country, p.admin1 or p.name_en) for p in places if p and p.kind == "admin1"}
    return frozenset(k for k in keys if k)


class FilterSQL:
    """SQL conditions for ``filters``; names are resolved to entity ids with ``conn`` when built."""

    def __init__(self, conn: Connection, filters: Filters) -> None:
        self.filters = filters
        self.dialect = conn.dialect.name
        bad = [r for r in filters.review if r not in REVIEW_FILTER_VALUES]
        if bad:
            raise ValueError(f"unknown review state(s) {bad}: use {', '.join(REVIEW_FILTER_VALUES)}")
        self.actor_ids = self._resolve_actors(conn, filters.actors) if filters.actors else set()
        self.place_ids: set[str] = set()
        self.admin1_keys: set[str] = set()
        self.countries: set[str] = set()
        if filters.places:
            self._resolve_places(conn, filters.places)
        self.date_from, self.date_to = date_bounds(filters.date_from, filters.date_to)

    # -- name resolution ---------------------------------------------------------------------------

    @staticmethod
    def _by_name(conn: Connection, values: tuple[str, ...], kinds: tuple[str, ...]) -> set[str]:
        """The values themselves (as ids) and the ids of entities of ``kinds`` named so: by entity name
        (Arabic or English) or by the text of a mention linked to them (variant-insensitive)."""
        keys = sorted({k for k in (name_key(v) for v in values) if k})
        ids = {v.strip() for v in values if v.strip()} | {v.strip().lower() for v in values if v.strip()}
        if keys:
            ek, ei = s.entity_keys, s.entity_index
            ids.update(
                conn.execute(
                    sa.select(ek.c.entity_id)
                    .select_from(ek.join(ei, ei.c.entity_id == ek.c.entity_id))
                    .where(ek.c.key.in_(keys), ei.c.kind.in_(kinds))
                    .distinct()
                ).scalars()
            )
        return ids

    def _resolve_actors(self, conn: Connection, values: tuple[str, ...]) -> set[str]:
        return self._by_name(conn, values, ("org", "group", "person"))

    def _resolve_places(self, conn: Connection, values: tuple[str, ...]) -> None:
        ids = self._by_name(conn, values, ("place",))
        e = s.entity_index
        rows = conn.execute(
            sa.select(e.c.entity_id, e.c.place_kind, e.c.admin1_key, e.c.country)
            .where(e.c.entity_id.in_(ids))
            .distinct()
        ).all()
        for eid, kind, key, country in rows:
            if (kind == "admin1" or eid.startswith("admin1:")) and key:
                self.admin1_keys.add(key)
            elif kind == "country" and country:
                self.countries.add(country)
        admin_ids = [v.strip() for v in values if v.strip().startswith("admin1:")]
        if admin_ids:
            self.admin1_keys.update(
                k
                for k in conn.execute(
                    sa.select(e.c.admin1_key)
                    .where(e.c.admin1_id.in_(admin_ids), e.c.admin1_key.is_not(None))
                    .distinct()
                ).scalars()
                if k
            )
        for value in values:
            self.admin1_keys |= _gazetteer_admin1(value.strip())
        self.place_ids = ids

    # -- conditions --------------------------------------------------------------------------------

    def review_condition(self, ev: Any) -> Any:
        wanted = set(self.filters.review)
        if not wanted:
            return sa.or_(ev.c.review_status.is_(None), ev.c.review_status != "rejected")
        named = sorted(wanted - {"unreviewed"})
        parts = []
        if named:
            parts.append(ev.c.review_status.in_(named))
        if "unreviewed" in wanted:
            parts.append(ev.c.review_status.is_(None))
        return sa.or_(*parts)

    def date_condition(self, column: Any) -> Any:
        parts = []
        if self.date_from:
            parts.append(column >= self.date_from)
        if self.date_to:
            parts.append(column <= self.date_to)
        return sa.and_(*parts) if parts else sa.true()

    def event_condition(self, ev: Any, probe_actors: bool = False) -> Any:
        """All event-level filters (and the review default) on the events table ``ev``.

        The actor filter is an uncorrelated IN (…), computed once: right for counting and for actors
        with few events. ``probe_actors`` makes it a correlated EXISTS, one index probe per event read:
        right for one page of a frequent actor's events walked in date order."""
        f = self.filters
        parts: list[Any] = [self.review_condition(ev)]
        if f.actors:
            a = s.event_actors
            ids = sorted(self.actor_ids)
            if not ids:
                parts.append(sa.false())
            elif probe_actors:
                parts.append(sa.exists().where(a.c.event_number == ev.c.number, a.c.entity_id.in_(ids)))
            else:
                parts.append(ev.c.number.in_(sa.select(a.c.event_number).where(a.c.entity_id.in_(ids))))
        if f.places:
            place_parts = []
            if self.place_ids:
                place_parts.append(ev.c.place.in_(sorted(self.place_ids)))
            if self.admin1_keys:
                place_parts.append(ev.c.place_admin1.in_(sorted(self.admin1_keys)))
            if self.countries:
                place_parts.append(ev.c.place_country.in_(sorted(self.countries)))
            parts.append(sa.or_(*place_parts) if place_parts else sa.false())
        if f.near is not None:
            parts.append(self._near(ev, *f.near))
        if f.event_types:
            keys = sorted({t.strip().lower() for t in f.event_types if t.strip()})
            parts.append(
                sa.or_(ev.c.type_key.in_(keys), ev.c.acled_event_key.in_(keys), ev.c.acled_sub_key.in_(keys))
            )
        if self.date_from or self.date_to:
            parts.append(self.date_condition(ev.c.sort_date))
        return sa.and_(*parts)

    def event_passes(self, row: Any, actors: set[str]) -> bool:
        """``event_condition`` in Python, for a few events already read (``row`` has the events columns;
        ``actors``: the event's actor entity ids)."""
        f = self.filters
        status = row.review_status
        if f.review:
            wanted = set(f.review)
            if not ((status is None and "unreviewed" in wanted) or (status is not None and status in wanted)):
                return False
        elif status == "rejected":
            return False
        if f.actors and not (actors & self.actor_ids):
            return False
        if f.places and not (
            row.place in self.place_ids
            or (row.place_admin1 is not None and row.place_admin1 in self.admin1_keys)
            or (row.place_country is not None and row.place_country in self.countries)
        ):
            return False
        if f.near is not None:
            lat, lon, km = f.near
            dist = haversine_km(row.lat, row.lon, lat, lon)
            if dist is None or dist > km:
                return False
        if f.event_types:
            keys = {t.strip().lower() for t in f.event_types}
            if not ({row.type_key, row.acled_event_key, row.acled_sub_key} & keys):
                return False
        if self.date_from or self.date_to:
            if row.sort_date is None:
                return False
            if self.date_from and row.sort_date < self.date_from:
                return False
            if self.date_to and row.sort_date > self.date_to:
                return False
        return True

    def _near(self, ev: Any, lat: float, lon: float, km: float) -> Any:
        dlat = km / KM_PER_DEGREE
        parts = [ev.c.lat.is_not(None), ev.c.lon.is_not(None), ev.c.lat.between(lat - dlat, lat + dlat)]
        cos = math.cos(math.radians(lat))
        if cos > 0.01:
            dlon = km / (KM_PER_DEGREE * cos)
            if lon - dlon >= -180 and lon + dlon <= 180:  # no bounding box across the antimeridian
                parts.append(ev.c.lon.between(lon - dlon, lon + dlon))
        parts.append(km_expression(self.dialect, ev.c.lat, ev.c.lon, lat, lon) <= km)
        return sa.and_(*parts)

    def document_condition(self, doc: Any) -> Any | None:
        """Document-level filters (sources) on the documents table ``doc``; None when there are none."""
        sources = [v for v in self.filters.sources if v.strip()]
        if not sources:
            return None
        return sa.or_(*(doc.c.source_key.like(like_pattern(v.strip()), escape="\\") for v in sources))

    # -- documents (search) -----------------------------------------------------------------------

    def document_parts(self, conn: Connection | None = None) -> list[tuple[Any, Callable[[Any], Any]]] | None:
        """One (SELECT of document numbers, condition on a document-number column) per event-level filter,
        all of which a document must pass; None without event-level filters.

        Read from the document facets: each filter must hold for some event of the document that is not
        rejected (not necessarily the same event). With an explicit ``review`` filter the events are read
        instead, and all filters must hold for one event in a kept review state."""
        f = self.filters
        if not f.event_filters():
            return None
        if f.review:
            return [self._events_part()]
        parts: list[tuple[Any, Callable[[Any], Any]]] = []
        if f.actors:
            parts.append(self._facet_part(facets.values("a", self.actor_ids)))
        if f.places:
            parts.append(
                self._facet_part(
                    facets.values("p", self.place_ids)
                    + facets.values("g", self.admin1_keys)
                    + facets.values("c", self.countries)
                )
            )
        if f.event_types:
            parts.append(
                self._facet_part(facets.values("t", {t.strip().lower() for t in f.event_types if t.strip()}))
            )
        if f.near is not None:
            parts.append(self._near_part(*f.near))
        if self.date_from or self.date_to:
            parts.append(self._date_part(f.only_dates(), conn))
        return parts

    @staticmethod
    def _facet_part(wanted: list[str]) -> tuple[Any, Callable[[Any], Any]]:
        fc = s.document_facets
        if not wanted:
            return sa.select(fc.c.document_num).where(sa.false()), lambda key: sa.false()
        cond = fc.c.facet == wanted[0] if len(wanted) == 1 else fc.c.facet.in_(wanted)
        select = sa.select(fc.c.document_num).where(cond)
        if len(wanted) > 1:
            select = select.distinct()
        return select, lambda key: sa.exists(sa.select(sa.literal(1)).where(fc.c.document_num == key, cond))

    def _date_part(self, with_published: bool, conn: Connection | None) -> tuple[Any, Callable[[Any], Any]]:
        fc = s.document_facets
        lo, hi = self.date_from or "", self.date_to or "~"
        # one index range per kind of date: an OR of two ranges would scan every facet
        ranges = [fc.c.facet.between(f"d:{lo}", f"d:{hi}")]
        if with_published:  # dates alone: a document's own publication date also counts (not extracted yet)
            ranges.append(fc.c.facet.between(f"pd:{lo}", f"pd:{hi}"))
        selects = [sa.select(fc.c.document_num).where(r).distinct() for r in ranges]
        select: Any = selects[0] if len(selects) == 1 else sa.union(*selects)
        if conn is not None and self._narrow(conn, ranges):
            # a narrow range (a month of a large corpus): its document set is built once, then probed;
            # two range probes per document would cost more ("key + 0": see Store._search_rows)
            return select, lambda key: (key + 0 if self.dialect == "sqlite" else key).in_(select)
        return select, lambda key: sa.or_(
            *(sa.exists(sa.select(sa.literal(1)).where(fc.c.document_num == key, r)) for r in ranges)
        )

    @staticmethod
    def _narrow(conn: Connection, ranges: list[Any]) -> bool:
        """Whether the facet ``ranges`` hold fewer than ``NARROW_FACETS`` rows (counted up to that)."""
        fc = s.document_facets
        seen = 0
        for cond in ranges:
            capped = sa.select(sa.literal(1)).select_from(fc).where(cond).limit(NARROW_FACETS).subquery()
            seen += int(conn.execute(sa.select(sa.func.count()).select_from(capped)).scalar_one())
            if seen >= NARROW_FACETS:
                return False
        return True

    def _near_part(self, lat: float, lon: float, km: float) -> tuple[Any, Callable[[Any], Any]]:
        pt = s.document_points
        dlat = km / KM_PER_DEGREE
        cond: list[Any] = [pt.c.lat.between(lat - dlat, lat + dlat)]
        cos = math.cos(math.radians(lat))
        inner: list[Any] = []
        if cos > 0.01:
            dlon = km / (KM_PER_DEGREE * cos)
            if lon - dlon >= -180 and lon + dlon <= 180:
                cond.append(pt.c.lon.between(lon - dlon, lon + dlon))
                if km <= 200 and abs(lat) < 70:
                    # well inside the inscribed square (half side km/√2): within km, no distance to compute
                    h, w = 0.65 * dlat, 0.65 * dlon
                    inner = [pt.c.lat.between(lat - h, lat + h), pt.c.lon.between(lon - w, lon + w)]
        distance = km_expression(self.dialect, pt.c.lat, pt.c.lon, lat, lon) <= km
        cond.append(sa.or_(sa.and_(*inner), distance) if inner else distance)
        select = sa.select(pt.c.document_num).where(*cond).distinct()
        return select, lambda key: sa.exists(sa.select(sa.literal(1)).where(pt.c.document_num == key, *cond))

    def _events_part(self) -> tuple[Any, Callable[[Any], Any]]:
        ev = s.events
        select = sa.select(ev.c.document_num).where(self.event_condition(ev)).distinct()
        return select, lambda key: key.in_(select)
