"""Read queries of the analyst's workbench: pages of events, one event with its review and audit trail,
map points, a timeline, actor relations and entity lookup. Every query takes the search ``Filters``,
so the workbench's views follow the same filters as ``marsad search`` and ``marsad export``."""

from __future__ import annotations

import time
import weakref
from collections.abc import Iterable, Mapping
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from marsad.store import records as r
from marsad.store import schema as s
from marsad.store.filters import FilterSQL
from marsad.store.store import Store
from marsad.store.terms import name_key
from marsad.store.types import Filters
from marsad.store.writer import chunks

TOTALS_TTL_S = 30.0  # how long an event list's totals are reused when no write went through this store
UNKNOWN_DATE = "~"
# From this many events, a page of an actor's events is found by probing each event read in date order
# (it stops after a page) rather than by building the set of all the actor's events first.
PROBE_ACTORS_FROM = 2_000  # events.order_date of an event with no date (sorts after every ISO date)
# Relations drawn in the actor graph: who did what to whom, by PLOVER type.
GRAPH_LIMIT = 300


def _event_filter(conn: Connection, filters: Filters, probe_actors: bool = False) -> Any:
    """The events-table condition of ``filters`` (document-level filters included)."""
    ev, d = s.events, s.documents
    fsql = FilterSQL(conn, filters)
    cond = fsql.event_condition(ev, probe_actors)
    doc_cond = fsql.document_condition(d)
    if doc_cond is not None:
        cond = sa.and_(cond, ev.c.document_num.in_(sa.select(d.c.num).where(doc_cond)))
    return cond


def _names(conn: Connection, pairs: Iterable[tuple[int, str]]) -> dict[tuple[int, str], tuple[str, str]]:
    """(English, Arabic) names of entities by (document number, entity id)."""
    wanted = set(pairs)
    nums = sorted({num for num, _ in wanted})
    ids = sorted({eid for _, eid in wanted})
    e = s.entities
    out: dict[tuple[int, str], tuple[str, str]] = {}
    for chunk in chunks(nums):
        q = sa.select(e.c.document_num, e.c.entity_id, e.c.name, e.c.name_ar).where(
            e.c.document_num.in_(chunk)
        )
        if len(ids) <= 500:
            q = q.where(e.c.entity_id.in_(ids))
        for num, eid, name, name_ar in conn.execute(q):
            if (num, eid) in wanted:
                out[num, eid] = (name, name_ar)
    return out


def _ref(
    names: Mapping[tuple[int, str], tuple[str, str]], num: int, eid: str | None
) -> dict[str, Any] | None:
    if not eid:
        return None
    name, name_ar = names.get((num, eid), (eid, ""))
    return {"id": eid, "name": name, "name_ar": name_ar}


_SUMMARY_COLUMNS = (
    "number",
    "document_num",
    "document_id",
    "event_id",
    "type_key",
    "mode",
    "acled_event_key",
    "acled_sub_key",
    "actor1",
    "actor2",
    "place",
    "lat",
    "lon",
    "date",
    "sort_date",
    "negated",
    "modality",
    "fatalities",
    "confidence",
    "review_status",
)


_totals: weakref.WeakKeyDictionary[Store, dict[Filters, tuple[int, float, int, int]]] = (
    weakref.WeakKeyDictionary()
)


def _event_totals(store: Store, conn: Connection, filters: Filters, cond: Any) -> tuple[int, int]:
    """(events, dated events) passing the filters. Counting reads every matching index entry, so the
    totals are kept for TOTALS_TTL_S and dropped at once when this store object writes (a review);
    writes by other processes show in the totals within TOTALS_TTL_S."""
    cache = _totals.setdefault(store, {})
    hit = cache.get(filters)
    now = time.monotonic()
    if hit is not None and hit[0] == store.writes and now - hit[1] < TOTALS_TTL_S:
        return hit[2], hit[3]
    ev = s.events
    dated = sa.func.count(sa.case((ev.c.order_date < UNKNOWN_DATE, 1)))
    total, dated_total = conn.execute(sa.select(sa.func.count(), dated).select_from(ev).where(cond)).one()
    if len(cache) > 1000:
        cache.clear()
    cache[filters] = (store.writes, now, int(total), int(dated_total))
    return int(total), int(dated_total)


def event_page(
    store: Store, filters: Filters, limit: int = 50, offset: int = 0, newest_first: bool = True
) -> tuple[int, list[dict[str, Any]]]:
    """(total, one page of event summaries) for the filters. Dated events come in date order (newest
    first by default), events without a date after them."""
    ev = s.events
    limit, offset = max(0, min(int(limit), 500)), max(0, int(offset))
    cols = [ev.c[name] for name in _SUMMARY_COLUMNS]
    dated = ev.c.order_date < UNKNOWN_DATE
    with store.reading() as conn:
        cond = _event_filter(conn, filters)
        total, dated_total = _event_totals(store, conn, filters, cond)
        if filters.actors and total > PROBE_ACTORS_FROM:
            cond = _event_filter(conn, filters, probe_actors=True)
        rows: list[Any] = []
        if newest_first:
            order: tuple[Any, ...] = (ev.c.order_date.desc(), ev.c.document_id.desc(), ev.c.ordinal.desc())
            if offset < dated_total:
                q = sa.select(*cols).where(cond, dated).order_by(*order).limit(limit).offset(offset)
                rows.extend(conn.execute(q).all())
            if len(rows) < limit and offset + len(rows) < total:
                q = sa.select(*cols).where(cond, ev.c.order_date == UNKNOWN_DATE)
                q = q.order_by(ev.c.document_id, ev.c.ordinal)
                q = q.limit(limit - len(rows)).offset(max(0, offset - dated_total))
                rows.extend(conn.execute(q).all())
        else:
            order = (ev.c.order_date, ev.c.document_id, ev.c.ordinal)
            q = sa.select(*cols).where(cond).order_by(*order).limit(limit).offset(offset)
            rows = list(conn.execute(q))
        names = _names(conn, _entity_pairs(rows))
        triggers = _triggers(conn, [row.number for row in rows])
    return total, [_summary(row, names, triggers) for row in rows]


def _entity_pairs(rows: Iterable[Any]) -> Iterable[tuple[int, str]]:
    for row in rows:
        for eid in (row.actor1, row.actor2, row.place):
            if eid:
                yield row.document_num, eid


def _triggers(conn: Connection, numbers: list[int]) -> dict[int, str]:
    """The trigger words of events by number (read from their documents' text)."""
    if not numbers:
        return {}
    evd, d, ev = s.evidence, s.documents, s.events
    q = (
        sa.select(
            evd.c.event_number,
            sa.func.substr(d.c.text, evd.c.start_char + 1, evd.c.end_char - evd.c.start_char),
        )
        .select_from(evd.join(ev, ev.c.number == evd.c.event_number).join(d, d.c.num == ev.c.document_num))
        .where(evd.c.event_number.in_(numbers), evd.c.kind == "trigger")
    )
    return {number: text for number, text in conn.execute(q)}


def _summary(
    row: Any, names: Mapping[tuple[int, str], tuple[str, str]], triggers: Mapping[int, str]
) -> dict[str, Any]:
    num = row.document_num
    return {
        "number": row.number,
        "document_id": row.document_id,
        "event_id": row.event_id,
        "type": row.type_key.upper(),
        "mode": row.mode,
        "acled_event_type": _title(row.acled_event_key),
        "acled_sub_event_type": _title(row.acled_sub_key),
        "actor1": _ref(names, num, row.actor1),
        "actor2": _ref(names, num, row.actor2),
        "place": _ref(names, num, row.place),
        "lat": row.lat,
        "lon": row.lon,
        "date": row.date,
        "sort_date": row.sort_date,
        "negated": bool(row.negated),
        "modality": row.modality,
        "fatalities": row.fatalities,
        "confidence": row.confidence,
        "review_status": row.review_status,
        "trigger": triggers.get(row.number),
    }


def _title(key: str | None) -> str | None:
    """ACLED's spelling of a lower-cased type key ("armed clash" → "Armed clash")."""
    return key[:1].upper() + key[1:] if key else None


def event_detail(store: Store, number: int) -> dict[str, Any] | None:
    """One event with reviewed values applied: the record, its document id, names of the entities it
    names, its review (who, when, note, duplicate of) and its audit trail. None when unknown."""
    ev, rv, e = s.events, s.reviews, s.entities
    with store.reading() as conn:
        row = store.event_with_review(
            conn,
            number,
            ev.c.document_id,
            ev.c.producer_marsad,
            ev.c.producer_knowledge,
            rv.c.user_name,
            rv.c.reviewed_at,
            rv.c.duplicate_of,
            rv.c.note,
        )
        if row is None:
            return None
        extracted = r.event_dict(row["data"], row["text"])
        changes = r.loads(row["changes"]) or {}
        event = r.apply_changes(extracted, changes)
        entities = {
            eid: {"id": eid, "kind": kind, "name": name, "name_ar": name_ar}
            for eid, kind, name, name_ar in conn.execute(
                sa.select(e.c.entity_id, e.c.kind, e.c.name, e.c.name_ar).where(
                    e.c.document_num == row["document_num"]
                )
            )
        }
    named = [event.actor1, event.actor2, *event.assoc_actors, event.place, *event.reported_by]
    return {
        "number": row["number"],
        "document_id": row["document_id"],
        "event": event.to_dict(),
        "extracted": extracted,
        "entities": {eid: entities[eid] for eid in named if eid and eid in entities},
        "review": {
            "status": row["review_status"],
            "user": row["user_name"],
            "at": row["reviewed_at"],
            "changed_fields": sorted(changes),
            "duplicate_of": row["duplicate_of"],
            "note": row["note"],
        },
        "producer": {"marsad": row["producer_marsad"], "knowledge": row["producer_knowledge"]},
        "audit": store.audit_trail(number),
    }


def map_points(store: Store, filters: Filters, limit: int = 20_000) -> list[dict[str, Any]]:
    """Located events passing the filters: number, lat, lon, type, date, place id (at most ``limit``)."""
    ev = s.events
    q = sa.select(
        ev.c.number, ev.c.lat, ev.c.lon, ev.c.type_key, ev.c.sort_date, ev.c.place, ev.c.document_num
    )
    with store.reading() as conn:
        cond = sa.and_(_event_filter(conn, filters), ev.c.lat.is_not(None), ev.c.lon.is_not(None))
        rows = conn.execute(q.where(cond).order_by(ev.c.number).limit(max(0, int(limit)))).all()
        names = _names(conn, ((row.document_num, row.place) for row in rows if row.place))
    return [
        {
            "number": row.number,
            "lat": row.lat,
            "lon": row.lon,
            "type": row.type_key.upper(),
            "date": row.sort_date,
            "place": _ref(names, row.document_num, row.place),
        }
        for row in rows
    ]


def timeline(store: Store, filters: Filters) -> list[dict[str, Any]]:
    """Events per day and PLOVER type (by event date, else publication date); undated events are left out."""
    ev = s.events
    q = sa.select(ev.c.sort_date, ev.c.type_key, sa.func.count())
    with store.reading() as conn:
        cond = sa.and_(_event_filter(conn, filters), ev.c.sort_date.is_not(None))
        rows = conn.execute(
            q.where(cond).group_by(ev.c.sort_date, ev.c.type_key).order_by(ev.c.sort_date)
        ).all()
    return [{"date": day, "type": key.upper(), "count": int(n)} for day, key, n in rows]


def actor_graph(store: Store, filters: Filters, limit: int = GRAPH_LIMIT) -> dict[str, list[dict[str, Any]]]:
    """Who did what to whom: edges (actor1 → actor2, PLOVER type, number of events), the heaviest
    ``limit``, and their nodes with names and event counts."""
    ev, e = s.events, s.entities
    count = sa.func.count().label("n")
    q = sa.select(ev.c.actor1, ev.c.actor2, ev.c.type_key, count)
    with store.reading() as conn:
        cond = sa.and_(_event_filter(conn, filters), ev.c.actor1.is_not(None), ev.c.actor2.is_not(None))
        rows = conn.execute(
            q.where(cond, ev.c.actor1 != ev.c.actor2)
            .group_by(ev.c.actor1, ev.c.actor2, ev.c.type_key)
            .order_by(sa.desc("n"), ev.c.actor1, ev.c.actor2, ev.c.type_key)
            .limit(max(0, int(limit)))
        ).all()
        ids = sorted({eid for row in rows for eid in (row.actor1, row.actor2)})
        names: dict[str, tuple[str, str]] = {}
        for chunk in chunks(ids):
            for eid, name, name_ar in conn.execute(
                sa.select(e.c.entity_id, sa.func.min(e.c.name), sa.func.min(e.c.name_ar))
                .where(e.c.entity_id.in_(chunk))
                .group_by(e.c.entity_id)
            ):
                names[eid] = (name, name_ar)
    weight: dict[str, int] = {}
    for row in rows:
        for eid in (row.actor1, row.actor2):
            weight[eid] = weight.get(eid, 0) + int(row.n)
    nodes = [
        {
            "id": eid,
            "name": names.get(eid, (eid, ""))[0],
            "name_ar": names.get(eid, (eid, ""))[1],
            "events": weight[eid],
        }
        for eid in ids
    ]
    edges = [
        {"source": row.actor1, "target": row.actor2, "type": row.type_key.upper(), "events": int(row.n)}
        for row in rows
    ]
    return {"nodes": nodes, "edges": edges}


def find_entities(store: Store, query: str, kind: str | None = None, limit: int = 20) -> list[dict[str, Any]]:
    """Entities the store knows whose names contain ``query`` (Arabic folded, English case-insensitive),
    most used first: for picking an actor or place when editing an event."""
    e, ei, k = s.entities, s.entity_index, s.entity_keys
    folded = name_key(query)
    if not folded:
        return []
    pattern = "%" + folded.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    q = sa.select(k.c.entity_id).where(k.c.key.like(pattern, escape="\\"))
    if kind:
        q = q.where(k.c.entity_id.in_(sa.select(ei.c.entity_id).where(ei.c.kind == kind)))
    with store.reading() as conn:
        ids = list(dict.fromkeys(conn.execute(q.limit(500)).scalars()))
        rows: list[Any] = []
        for chunk in chunks(ids):
            rows.extend(
                conn.execute(
                    sa.select(
                        e.c.entity_id,
                        e.c.kind,
                        sa.func.min(e.c.name),
                        sa.func.min(e.c.name_ar),
                        sa.func.count(),
                    )
                    .where(e.c.entity_id.in_(chunk))
                    .group_by(e.c.entity_id, e.c.kind)
                ).all()
            )
    rows.sort(key=lambda row: (-row[4], row[0]))
    return [
        {"id": eid, "kind": knd, "name": name, "name_ar": name_ar, "documents": int(n)}
        for eid, knd, name, name_ar, n in rows[: max(0, int(limit))]
    ]
