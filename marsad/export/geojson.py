"""GeoJSON (RFC 7946): a FeatureCollection streamed one Feature at a time, one Point per located event
(docs/export.md, "geojson")."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import orjson

from marsad.export import countries
from marsad.export.common import ChunkWriter, EventView


def feature(view: EventView) -> dict[str, Any] | None:
    """The Feature of a located event (Point [lon, lat]); None when its place has no coordinates."""
    coords = view.lat_lon()
    if coords is None:
        return None
    lat, lon = coords
    ev = view.event
    acled = ev.acled or {}
    place = view.place
    cc = view.country_code()
    return {
        "type": "Feature",
        "id": view.number,
        "geometry": {"type": "Point", "coordinates": [lon, lat]},
        "properties": {
            "number": view.number,
            "event_id": ev.id,
            "document_id": view.doc.id,
            "plover_type": ev.type,
            "plover_mode": ev.mode,
            "disorder_type": acled.get("disorder_type"),
            "event_type": acled.get("event_type"),
            "sub_event_type": acled.get("sub_event_type"),
            "interaction": acled.get("interaction"),
            "actor1": view.name(ev.actor1),
            "actor1_ar": view.name_ar(ev.actor1),
            "actor2": view.name(ev.actor2),
            "actor2_ar": view.name_ar(ev.actor2),
            "assoc_actors": view.assoc_names(),
            "assoc_actors_ar": [view.name_ar(a) or "" for a in ev.assoc_actors],
            "place": place.name if place else None,
            "place_ar": place.name_ar if place else None,
            "place_text": view.surface(ev.place),
            "admin1": view.admin(1),
            "country": countries.country_name(cc),
            "country_code": countries.iso3(cc),
            "geonameid": view.geonameid(),
            "geo_precision": view.geo_precision(),
            "date": view.date(),
            "time_precision": ev.time_precision,
            "fatalities": ev.fatalities,
            "modality": view.modality,
            "negated": ev.negated,
            "evidence": view.evidence_text(),
            "source": view.outlet(),
            "reported_by": view.reporter_names(),
            "url": view.doc.url,
            "title": view.doc.title,
            "published": view.doc.published,
            "review_status": view.review_status,
        },
    }


def write_geojson(views: Iterable[EventView], out: ChunkWriter) -> int:
    """Write ``{"type":"FeatureCollection","features":[…]}`` incrementally; the caller has already left
    out the events without coordinates."""
    out.write_bytes(b'{"type":"FeatureCollection","features":[\n')
    n = 0
    for view in views:
        feat = feature(view)
        if feat is None:  # pragma: no cover - filtered before
            continue
        out.write_bytes((b",\n" if n else b"") + orjson.dumps(feat, default=str))
        n += 1
    out.write_bytes(b"\n]}\n")
    return n
