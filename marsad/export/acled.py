"""ACLED export: the 31 columns of ACLED's data export, in ACLED's order (docs/export.md, "acled-csv").

:func:`acled_values` gives one event's typed values (None where ACLED's cell stays empty); the CSV writer
formats them and the Parquet writer stores them typed.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from typing import Any

from marsad.export import countries
from marsad.export.common import (
    NAME_JOINER,
    ChunkWriter,
    EventView,
    english_date,
    english_month,
)

ACLED_COLUMNS: tuple[str, ...] = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3",
    "location", "latitude", "longitude", "geo_precision", "source", "source_scale", "notes",
    "fatalities", "tags", "timestamp",
)  # fmt: skip

# Event id prefix when the event's country is unknown (ISO 3166 reserves XXA–XXZ and "XXX" is never a
# country): the row keeps a unique id without pretending to know the country.
UNKNOWN_COUNTRY = "XXX"
CIVILIAN_TARGETING = "Civilian targeting"
_TARGETING_EVENT_TYPES = frozenset({"Violence against civilians", "Explosions/Remote violence"})
CIVILIANS_INTER = 7


def has_acled_type(view: EventView) -> bool:
    """ACLED codes only its own event types: an event without an ACLED sub-event has no ACLED row."""
    acled = view.event.acled or {}
    return bool(acled.get("event_type") and acled.get("sub_event_type"))


def interaction(inter1: int | None, inter2: int | None) -> int | None:
    """ACLED interaction: the two inter codes, lower first; a sole actor gives 10, 20, …"""
    if inter1 is None and inter2 is None:
        return None
    codes = sorted(c for c in (inter1, inter2) if c is not None)
    return codes[0] * 10 + (codes[1] if len(codes) > 1 else 0)


def _inter(view: EventView, which: int, actor: str | None) -> int | None:
    """The inter code from the event's ACLED record; the actor's own code when the record has none."""
    code = view.inter(which)
    if code is None and actor:
        ent = view.entity(actor)
        raw = ent.attrs.get("inter") if ent else None
        code = raw if isinstance(raw, int) and not isinstance(raw, bool) else None
    return code


def civilian_targeting(view: EventView, event_type: str | None, inter2: int | None) -> str | None:
    """ "Civilian targeting" when civilians (inter 7) are actor2 of violence against civilians or of an
    explosion/remote violence event."""
    if event_type in _TARGETING_EVENT_TYPES and inter2 == CIVILIANS_INTER:
        return CIVILIAN_TARGETING
    return None


def notes(view: EventView) -> str:
    """ACLED-style notes that keep the Arabic evidence verbatim (no translation is made offline):

    ``On 5 May 2017, according to <reporters>: "<evidence> … <evidence>" [source: <outlet>]``, followed by
    ``[negated]``/``[future]``/… for events not stated as having happened and ``[disputed]`` when a denial
    in the record disputes it.
    """
    date, precision = view.date(), view.event.time_precision
    if date is None:
        lead = "On an unknown date"
    elif precision == 2:
        lead = f"In the week of {english_date(date)}"
    elif precision == 3:
        lead = f"In {english_month(date)}"
    else:
        lead = f"On {english_date(date)}"
    reporters = view.reporter_names()
    if reporters:
        lead += f", according to {NAME_JOINER.join(reporters)}"
    source = view.outlet() or view.doc.url or f"marsad document {view.doc.id}"
    text = f'{lead}: "{view.evidence_text()}" [source: {source}]'
    if view.modality != "asserted":
        text += f" [{view.modality}]"
    if view.event.disputed_by:
        text += " [disputed]"
    return text


def _tag_value(value: object) -> str:
    return str(value).replace(";", ",").strip()


def tags(view: EventView) -> str:
    """marsad's provenance and caveats, "; "-separated ``key=value`` tags (docs/export.md)."""
    ev = view.event
    out = [
        f"marsad:doc={_tag_value(view.doc.id)}",
        f"marsad:event={_tag_value(ev.id)}",
        f"marsad:number={view.number}",
        f"review={view.review_status or 'unreviewed'}",
        f"modality={view.modality}",
    ]
    if ev.fatalities is None:
        out.append("fatalities=unknown")
    if view.date() is None:
        out.append("date=unknown")
    if view.place is None:
        out.append("location=none")
    elif view.lat_lon() is None:
        out.append("location=unresolved")
    if view.place_country() is None and view.country_code():
        out.append("country=document")
    if ev.inferred:
        out.append(f"inferred={_tag_value(','.join(ev.inferred))}")
    if ev.disputes:
        out.append(f"disputes={_tag_value(ev.disputes)}")
    if ev.disputed_by:
        out.append(f"disputed_by={_tag_value(','.join(ev.disputed_by))}")
    return "; ".join(out)


def acled_values(view: EventView, timestamp: int) -> dict[str, Any]:
    """The 31 ACLED values of one event, typed (str, int, float) or None for an empty cell."""
    ev = view.event
    acled = ev.acled or {}
    event_type = acled.get("event_type")
    cc = view.country_code()
    date = view.date()
    inter1 = _inter(view, 1, ev.actor1)
    inter2 = _inter(view, 2, ev.actor2)
    inter_code = acled.get("interaction")
    inter_code = inter_code if isinstance(inter_code, int) else interaction(inter1, inter2)
    coords = view.lat_lon()
    assoc = view.assoc_names()
    source = [s for s in (view.outlet(), *view.reporter_names()) if s]
    scale = view.doc.meta.get("source_scale")
    return {
        "event_id_cnty": f"{countries.iso3(cc) or UNKNOWN_COUNTRY}{view.number}",
        "event_date": date,
        "year": int(date[:4]) if date else None,
        "time_precision": ev.time_precision if date else None,
        "disorder_type": acled.get("disorder_type"),
        "event_type": event_type,
        "sub_event_type": acled.get("sub_event_type"),
        "actor1": view.name(ev.actor1),
        # marsad's associated actors are joined to actor1 by definition (docs/events.md)
        "assoc_actor_1": NAME_JOINER.join(assoc) or None,
        "inter1": inter1,
        "actor2": view.name(ev.actor2),
        "assoc_actor_2": None,
        "inter2": inter2,
        "interaction": inter_code,
        "civilian_targeting": civilian_targeting(view, event_type, inter2),
        "iso": countries.iso_numeric(cc),
        "region": countries.acled_region(cc),
        "country": countries.country_name(cc),
        "admin1": view.admin(1),
        "admin2": view.admin(2),
        "admin3": view.admin(3),
        "location": (view.place.name or view.place.name_ar or None) if view.place else None,
        "latitude": coords[0] if coords else None,
        "longitude": coords[1] if coords else None,
        "geo_precision": view.geo_precision(),
        "source": NAME_JOINER.join(dict.fromkeys(source)) or None,
        "source_scale": scale if isinstance(scale, str) and scale else None,
        "notes": notes(view),
        "fatalities": ev.fatalities if ev.fatalities is not None else 0,
        "tags": tags(view),
        "timestamp": timestamp,
    }


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return repr(value)
    return str(value)


def write_acled_csv(views: Iterable[EventView], out: ChunkWriter, bom: bool, timestamp: int) -> int:
    """Write the header and one row per view; returns the number of rows."""
    if bom:
        out.write("\ufeff")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(ACLED_COLUMNS)
    n = 0
    for view in views:
        values = acled_values(view, timestamp)
        writer.writerow([_cell(values[c]) for c in ACLED_COLUMNS])
        n += 1
    return n
