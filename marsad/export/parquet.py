"""Parquet: one typed row per event — ACLED's 31 columns followed by marsad's ids, PLOVER coding,
modality and evidence — written in row groups so that memory stays bounded (docs/export.md, "parquet")."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from marsad.export import countries
from marsad.export.acled import ACLED_COLUMNS, acled_values
from marsad.export.common import EventView

ROW_GROUP_SIZE = 10_000

_ACLED_TYPES: dict[str, pa.DataType] = {
    **dict.fromkeys(ACLED_COLUMNS, pa.string()),
    "event_date": pa.date32(),
    **dict.fromkeys(
        ("year", "time_precision", "inter1", "inter2", "interaction", "iso", "geo_precision", "fatalities"),
        pa.int32(),
    ),
    "latitude": pa.float64(),
    "longitude": pa.float64(),
    "timestamp": pa.int64(),
}

_STRINGS = pa.list_(pa.string())
_INTS = pa.list_(pa.int32())
MARSAD_FIELDS: tuple[tuple[str, pa.DataType], ...] = (
    ("number", pa.int64()),
    ("document_id", pa.string()),
    ("event_id", pa.string()),
    ("review_status", pa.string()),
    ("plover_type", pa.string()),
    ("plover_mode", pa.string()),
    ("modality", pa.string()),
    ("negated", pa.bool_()),
    ("asserted", pa.bool_()),
    ("fatalities_known", pa.bool_()),
    ("injured", pa.int32()),
    ("arrested", pa.int32()),
    ("actor1_id", pa.string()),
    ("actor1_ar", pa.string()),
    ("actor2_id", pa.string()),
    ("actor2_ar", pa.string()),
    ("assoc_actor_ids", _STRINGS),
    ("assoc_actors", _STRINGS),
    ("place_id", pa.string()),
    ("location_ar", pa.string()),
    ("geonameid", pa.int64()),
    ("country_code", pa.string()),
    ("reported_by", _STRINGS),
    ("trigger", pa.string()),
    ("trigger_start", pa.int32()),
    ("trigger_end", pa.int32()),
    ("evidence", _STRINGS),
    ("evidence_start", _INTS),
    ("evidence_end", _INTS),
    ("inferred", _STRINGS),
    ("disputes", pa.string()),
    ("disputed_by", _STRINGS),
    ("confidence", pa.float64()),
    ("url", pa.string()),
    ("title", pa.string()),
    ("published", pa.string()),
    ("cluster_id", pa.string()),
)

SCHEMA = pa.schema(
    [pa.field(c, _ACLED_TYPES[c]) for c in ACLED_COLUMNS] + [pa.field(n, t) for n, t in MARSAD_FIELDS]
)


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def row(view: EventView, timestamp: int) -> dict[str, Any]:
    """One Parquet row: typed ACLED values plus marsad's columns."""
    ev = view.event
    values = acled_values(view, timestamp)
    values["event_date"] = _date(values["event_date"])
    place = view.place
    meta_cluster = view.doc.meta.get("cluster_id")
    values.update(
        {
            "number": view.number,
            "document_id": view.doc.id,
            "event_id": ev.id,
            "review_status": view.review_status,
            "plover_type": ev.type,
            "plover_mode": ev.mode,
            "modality": view.modality,
            "negated": ev.negated,
            "asserted": view.modality == "asserted",
            "fatalities_known": ev.fatalities is not None,
            "injured": view.count("injured"),
            "arrested": view.count("arrested"),
            "actor1_id": ev.actor1,
            "actor1_ar": view.name_ar(ev.actor1),
            "actor2_id": ev.actor2,
            "actor2_ar": view.name_ar(ev.actor2),
            "assoc_actor_ids": list(ev.assoc_actors),
            "assoc_actors": view.assoc_names(),
            "place_id": ev.place,
            "location_ar": (place.name_ar or None) if place else None,
            "geonameid": view.geonameid(),
            "country_code": countries.iso3(view.country_code()),
            "reported_by": view.reporter_names(),
            "trigger": ev.trigger.text,
            "trigger_start": ev.trigger.start,
            "trigger_end": ev.trigger.end,
            "evidence": [s.text for s in ev.evidence],
            "evidence_start": [s.start for s in ev.evidence],
            "evidence_end": [s.end for s in ev.evidence],
            "inferred": list(ev.inferred),
            "disputes": ev.disputes,
            "disputed_by": list(ev.disputed_by),
            "confidence": float(ev.confidence),
            "url": view.doc.url,
            "title": view.doc.title,
            "published": view.doc.published,
            "cluster_id": str(meta_cluster) if meta_cluster is not None else None,
        }
    )
    return values


def write_parquet(
    views: Iterable[EventView], where: Any, timestamp: int, row_group_size: int = ROW_GROUP_SIZE
) -> int:
    """Write rows in row groups of ``row_group_size``; ``where`` is a path or a writable binary file."""
    names = SCHEMA.names
    columns: dict[str, list[Any]] = {name: [] for name in names}
    n = pending = 0
    with pq.ParquetWriter(where, SCHEMA, compression="zstd") as writer:

        def flush() -> None:
            table = pa.Table.from_pydict(columns, schema=SCHEMA)
            writer.write_table(table, row_group_size=row_group_size)
            for values in columns.values():
                values.clear()

        for view in views:
            values = row(view, timestamp)
            for name in names:
                columns[name].append(values[name])
            n += 1
            pending += 1
            if pending >= row_group_size:
                flush()
                pending = 0
        if pending:
            flush()
    return n
