"""Documents and their analysis as table rows, and back."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

import orjson

from marsad.model import Author, Document, Entity, EntityKind, Event, Label, Mention, Span
from marsad.store.terms import name_key
from marsad.store.types import Producer

# Keys get_document adds to ``meta``; never stored back into the meta column.
DERIVED_META = (
    "cluster_id",
    "content_hash",
    "ingested_at",
    "status",
    "producer",
    "extracted_at",
    "failure",
    "event_numbers",
    "review_status",
)

_DATE_RE = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?")


def dumps(value: Any) -> str:
    return orjson.dumps(value, option=orjson.OPT_NON_STR_KEYS).decode("utf-8")


def loads(value: str | bytes | None) -> Any:
    return None if value is None else orjson.loads(value)


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def date_prefix(value: str | None) -> str | None:
    """The ISO date part (YYYY-MM-DD, or a shorter YYYY-MM / YYYY) of a date or datetime string."""
    if not value:
        return None
    m = _DATE_RE.match(value.strip())
    return m.group() if m else None


def origin_path(meta: Mapping[str, Any]) -> str:
    origin = meta.get("origin")
    if isinstance(origin, Mapping):
        path = origin.get("path")
        return str(path) if path else ""
    return ""


def source_key(doc: Document) -> str:
    return f"{(doc.source or '').casefold()}\n{origin_path(doc.meta).casefold()}"


def clean_meta(meta: Mapping[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in meta.items() if k not in DERIVED_META}


def document_row(doc: Document, digest: str, stored_id: str, cluster_id: str, now: str) -> dict[str, Any]:
    return {
        "id": stored_id,
        "content_hash": digest,
        "text": doc.text,
        "title": doc.title,
        "url": doc.url,
        "published": doc.published,
        "published_date": date_prefix(doc.published),
        "source": doc.source,
        "source_key": source_key(doc),
        "meta": dumps(clean_meta(doc.meta)),
        "author": None,
        "status": "pending",
        "failure": None,
        "producer_marsad": None,
        "producer_knowledge": None,
        "extracted_at": None,
        "ingested_at": now,
        "cluster_id": cluster_id,
    }


# -- entities ---------------------------------------------------------------------------------------


def admin1_key(country: Any, admin1: Any) -> str | None:
    """ "SY|hama": the country and the folded English admin-1 name of a place (None when unknown)."""
    if not country or not admin1:
        return None
    return f"{str(country).upper()}|{name_key(str(admin1))}"


def admin1_id(entity: Entity) -> str | None:
    attrs = entity.attrs
    if entity.id.startswith("admin1:"):
        return entity.id
    within = attrs.get("within")
    if isinstance(within, str) and within.startswith("admin1:"):
        return within
    code, country = attrs.get("admin1_code"), attrs.get("country")
    if code and country:
        return f"admin1:{str(country).upper()}.{code}"
    return None


def place_kind(entity: Entity) -> str | None:
    if str(entity.kind) != "place":
        return None
    kind = entity.attrs.get("place_kind") or entity.attrs.get("kind")
    if kind:
        return str(kind)
    if entity.id.startswith("admin1:"):
        return "admin1"
    return None


def _float(value: Any) -> float | None:
    try:
        return None if value is None else float(value)
    except (TypeError, ValueError):
        return None


def entity_row(doc_num: int, ordinal: int, entity: Entity) -> dict[str, Any]:
    return {
        "document_num": doc_num,
        "ordinal": ordinal,
        "entity_id": entity.id,
        "kind": str(entity.kind),
        "name": entity.name,
        "name_ar": entity.name_ar,
        "attrs": dumps(entity.attrs),
    }


def entity_index_row(entity: Entity) -> dict[str, Any]:
    """What filters need to know about an entity id (first seen wins)."""
    attrs = entity.attrs
    is_place = str(entity.kind) == "place"
    return {
        "entity_id": entity.id,
        "kind": str(entity.kind),
        "place_kind": place_kind(entity),
        "country": str(attrs["country"]).upper() if is_place and attrs.get("country") else None,
        "admin1_key": admin1_key(attrs.get("country"), attrs.get("admin1")) if is_place else None,
        "admin1_id": admin1_id(entity) if is_place else None,
    }


def entity_keys(doc: Document) -> set[tuple[str, str]]:
    """(folded name, entity id) for the document's entities and its linked mentions."""
    out: set[tuple[str, str]] = set()
    for entity in doc.entities.values():
        for name in (entity.name, entity.name_ar):
            key = name_key(name) if name else ""
            if key:
                out.add((key, entity.id))
    for mention in doc.mentions:
        if mention.entity:
            key = name_key(mention.text)
            if key:
                out.add((key, mention.entity))
    return out


def entity_from_row(entity_id: str, kind: str, name: str, name_ar: str, attrs: str) -> Entity:
    return Entity(entity_id, EntityKind(kind), name, name_ar, loads(attrs) or {})


def mention_row(doc_num: int, ordinal: int, mention: Mention, text: str) -> dict[str, Any]:
    sliced = text[mention.start : mention.end] == mention.text
    return {
        "document_num": doc_num,
        "ordinal": ordinal,
        "start_char": mention.start,
        "end_char": mention.end,
        "label": str(mention.label),
        "entity_id": mention.entity,
        "text": None if sliced else mention.text,
        "confidence": round(float(mention.confidence), 3),
        "component": mention.component,
        "attrs": dumps(mention.attrs) if mention.attrs else None,
    }


def mention_from_row(row: Any, text: str) -> Mention:
    start, end = row.start_char, row.end_char
    return Mention(
        start=start,
        end=end,
        text=text[start:end] if row.text is None else row.text,
        label=_LABELS.get(row.label) or Label(row.label),
        entity=row.entity_id,
        confidence=row.confidence,
        component=row.component,
        attrs=loads(row.attrs) or {},
    )


# -- events -----------------------------------------------------------------------------------------


def _lower(value: Any) -> str | None:
    return str(value).strip().lower() if value else None


def event_columns(event: Event, entities: Mapping[str, Entity], published_date: str | None) -> dict[str, Any]:
    """The indexed columns of an event (its current values: reviewed ones when reviewed)."""
    acled = event.acled or {}
    place = entities.get(event.place) if event.place else None
    pattrs = place.attrs if place is not None else {}
    sort_date = date_prefix(event.date) or published_date
    return {
        "event_id": event.id,
        "type_key": (event.type or "").strip().lower(),
        "mode": event.mode,
        "acled_event_key": _lower(acled.get("event_type")),
        "acled_sub_key": _lower(acled.get("sub_event_type")),
        "actor1": event.actor1,
        "actor2": event.actor2,
        "place": event.place,
        "place_country": str(pattrs["country"]).upper() if pattrs.get("country") else None,
        "place_admin1": admin1_key(pattrs.get("country"), pattrs.get("admin1")),
        "lat": _float(pattrs.get("lat")),
        "lon": _float(pattrs.get("lon")),
        "date": event.date,
        "sort_date": sort_date,
        "order_date": sort_date or "~",
        "negated": bool(event.negated),
        "modality": event.modality or "asserted",
        "fatalities": event.fatalities if isinstance(event.fatalities, int) else None,
        "confidence": float(event.confidence),
    }


# Event fields whose default value is left out of the stored JSON (Event.from_dict restores them).
_EVENT_DEFAULTS: dict[str, Any] = {
    "mode": None,
    "acled": None,
    "actor1": None,
    "actor2": None,
    "assoc_actors": [],
    "place": None,
    "place_relation": None,
    "date": None,
    "time_precision": None,
    "time": None,
    "fatalities": None,
    "counts": {},
    "negated": False,
    "modality": "asserted",
    "reported_by": [],
    "disputes": None,
    "disputed_by": [],
    "inferred": [],
    "evidence": [],
}


_EVENT_KEYS = tuple(Event(id="", type="", trigger=Span(0, 0, "")).to_dict())
_LABELS = {str(label): label for label in Label}


def event_data(event: Event, text: str) -> str:
    """Event.to_dict() as compact JSON: default values and the text of spans that slice the document are
    left out (``event_dict`` restores both)."""
    data = event.to_dict()
    for span in (data["trigger"], *data["evidence"]):
        if text[span["start"] : span["end"]] == span["text"]:
            del span["text"]
    for key, default in _EVENT_DEFAULTS.items():
        if key in data and data[key] == default and type(data[key]) is type(default):
            del data[key]
    return dumps(data)


def event_dict(data: str | bytes, text: str) -> dict[str, Any]:
    """The stored event JSON as Event.to_dict() again (span texts restored from the document)."""
    stored: dict[str, Any] = loads(data)
    for span in (stored["trigger"], *(stored.get("evidence") or ())):
        if "text" not in span:
            span["text"] = text[span["start"] : span["end"]]
    out = {key: stored[key] if key in stored else _fresh(_EVENT_DEFAULTS.get(key)) for key in _EVENT_KEYS}
    out.setdefault("confidence", 1.0)
    if out["confidence"] is None:
        out["confidence"] = 1.0
    return out


def _fresh(value: Any) -> Any:
    return type(value)() if isinstance(value, list | dict) else value


def event_row(
    doc_num: int,
    doc_id: str,
    ordinal: int,
    event: Event,
    entities: Mapping[str, Entity],
    published_date: str | None,
    producer: Producer,
    text: str,
) -> dict[str, Any]:
    row = event_columns(event, entities, published_date)
    row.update(
        document_num=doc_num,
        document_id=doc_id,
        ordinal=ordinal,
        data=event_data(event, text),
        producer_marsad=producer.marsad,
        producer_knowledge=producer.knowledge,
        review_status=None,
    )
    return row


def actor_rows(number: int, event: Event) -> list[dict[str, Any]]:
    rows: dict[tuple[str, str], dict[str, Any]] = {}
    for role, ids in (("actor1", [event.actor1]), ("actor2", [event.actor2]), ("assoc", event.assoc_actors)):
        for eid in ids:
            if eid:
                rows[(role, eid)] = {"event_number": number, "role": role, "entity_id": eid}
    return list(rows.values())


def evidence_rows(number: int, event: Event) -> list[dict[str, Any]]:
    rows = [
        {
            "event_number": number,
            "kind": "trigger",
            "ordinal": 0,
            "start_char": event.trigger.start,
            "end_char": event.trigger.end,
        }
    ]
    for i, span in enumerate(event.evidence):
        rows.append(
            {
                "event_number": number,
                "kind": "evidence",
                "ordinal": i,
                "start_char": span.start,
                "end_char": span.end,
            }
        )
    return rows


# -- reading back -----------------------------------------------------------------------------------


def base_document(row: Mapping[Any, Any]) -> Document:
    """A Document with text and metadata only (no analysis)."""
    return Document(
        id=row["id"],
        text=row["text"],
        title=row["title"],
        url=row["url"],
        published=row["published"],
        source=row["source"],
        meta=loads(row["meta"]) or {},
    )


def producer_of(row: Mapping[Any, Any]) -> Producer | None:
    if row["producer_marsad"] is None and row["producer_knowledge"] is None:
        return None
    return Producer(marsad=row["producer_marsad"] or "", knowledge=row["producer_knowledge"] or "")


def add_derived_meta(doc: Document, row: Mapping[Any, Any]) -> None:
    producer = producer_of(row)
    doc.meta.update(
        cluster_id=row["cluster_id"],
        content_hash=row["content_hash"],
        ingested_at=row["ingested_at"],
        status=row["status"],
        producer={"marsad": producer.marsad, "knowledge": producer.knowledge} if producer else None,
    )
    if row["extracted_at"]:
        doc.meta["extracted_at"] = row["extracted_at"]
    if row["failure"]:
        doc.meta["failure"] = row["failure"]


def author_of(value: str | None) -> Author | None:
    data = loads(value)
    return Author.from_dict(data) if data else None


# Event fields a review may change (Event.to_dict keys other than the id).
EDITABLE_FIELDS = frozenset(
    {
        "type",
        "mode",
        "acled",
        "actor1",
        "actor2",
        "assoc_actors",
        "place",
        "place_relation",
        "date",
        "time_precision",
        "time",
        "fatalities",
        "counts",
        "negated",
        "modality",
        "reported_by",
        "disputes",
        "disputed_by",
        "inferred",
        "trigger",
        "evidence",
        "confidence",
    }
)


def apply_changes(data: Mapping[str, Any], changes: Mapping[str, Any]) -> Event:
    """The event ``data`` (Event.to_dict) with reviewed ``changes`` applied."""
    merged = dict(data)
    merged.update(changes)
    return Event.from_dict(merged)
