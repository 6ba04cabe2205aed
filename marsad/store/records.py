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

Row = tuple[Any, ...]  # a table row: values in the order of the table's ``*_COLUMNS`` below


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


def document_fields(doc: Document, published_date: str | None) -> Row:
    """A document's own values (``prepared.FIELD_COLUMNS``: title, url, published, published_date,
    source, source_key, meta); ``published_date`` is ``date_prefix(doc.published)``."""
    meta = dumps(clean_meta(doc.meta))
    return (doc.title, doc.url, doc.published, published_date, doc.source, source_key(doc), meta)


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


ENTITY_COLUMNS = ("document_num", "ordinal", "entity_id", "kind", "name", "name_ar", "attrs")


def entity_row(ordinal: int, entity: Entity) -> Row:
    """An ``entities`` row without its document number (``ENTITY_COLUMNS[1:]`` order)."""
    return (ordinal, entity.id, str(entity.kind), entity.name, entity.name_ar, dumps(entity.attrs))


ENTITY_INDEX_COLUMNS = ("entity_id", "kind", "place_kind", "country", "admin1_key", "admin1_id")


def entity_index_row(entity: Entity) -> Row:
    """What filters need to know about an entity id (first seen wins), in ``ENTITY_INDEX_COLUMNS`` order."""
    attrs = entity.attrs
    kind = str(entity.kind)
    if kind != "place":
        return (entity.id, kind, place_kind(entity), None, None, None)
    country = attrs.get("country")
    return (
        entity.id,
        kind,
        place_kind(entity),
        str(country).upper() if country else None,
        admin1_key(country, attrs.get("admin1")),
        admin1_id(entity),
    )


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


MENTION_COLUMNS = (
    "document_num",
    "ordinal",
    "start_char",
    "end_char",
    "label",
    "entity_id",
    "text",
    "confidence",
    "component",
    "attrs",
)


def mention_row(ordinal: int, mention: Mention, text: str) -> Row:
    """A ``mentions`` row without its document number (``MENTION_COLUMNS[1:]`` order; the text only
    when it does not slice ``text``)."""
    start, end = mention.start, mention.end
    return (
        ordinal,
        start,
        end,
        str(mention.label),
        mention.entity,
        None if text[start:end] == mention.text else mention.text,
        round(float(mention.confidence), 3),
        mention.component,
        small_json(mention.attrs) if mention.attrs else None,
    )


_SMALL_JSON: dict[tuple[str, Any], str] = {}


def small_json(value: Mapping[str, Any]) -> str:
    """``dumps(value)``, remembered for one-key mappings with a plain value ({"form": "alias"} and the
    like repeat on most mentions)."""
    if len(value) != 1:
        return dumps(value)
    ((key, item),) = value.items()
    if type(key) is not str or type(item) not in (str, bool, int):
        return dumps(value)
    cache_key = (key, item if type(item) is str else (type(item), item))
    out = _SMALL_JSON.get(cache_key)
    if out is None:
        out = dumps(value)
        if len(_SMALL_JSON) < 4096:
            _SMALL_JSON[cache_key] = out
    return out


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


# The indexed columns of an event, in the order ``event_values`` gives them.
EVENT_INDEX_COLUMNS = (
    "event_id",
    "type_key",
    "mode",
    "acled_event_key",
    "acled_sub_key",
    "actor1",
    "actor2",
    "place",
    "place_country",
    "place_admin1",
    "lat",
    "lon",
    "date",
    "sort_date",
    "order_date",
    "negated",
    "modality",
    "fatalities",
    "confidence",
)
_NO_ATTRS: Mapping[str, Any] = {}


def event_values(event: Event, entities: Mapping[str, Entity], published_date: str | None) -> Row:
    """The indexed columns of an event (its current values: reviewed ones when reviewed), in
    ``EVENT_INDEX_COLUMNS`` order."""
    acled = event.acled
    place = entities.get(event.place) if event.place else None
    pattrs = place.attrs if place is not None else _NO_ATTRS
    country = pattrs.get("country")
    sort_date = date_prefix(event.date) or published_date
    return (
        event.id,
        (event.type or "").strip().lower(),
        event.mode,
        _lower(acled.get("event_type")) if acled else None,
        _lower(acled.get("sub_event_type")) if acled else None,
        event.actor1,
        event.actor2,
        event.place,
        str(country).upper() if country else None,
        admin1_key(country, pattrs.get("admin1")),
        _float(pattrs.get("lat")),
        _float(pattrs.get("lon")),
        event.date,
        sort_date,
        sort_date or "~",
        bool(event.negated),
        event.modality or "asserted",
        event.fatalities if isinstance(event.fatalities, int) else None,
        float(event.confidence),
    )


def event_columns(event: Event, entities: Mapping[str, Entity], published_date: str | None) -> dict[str, Any]:
    """The indexed columns of an event (its current values: reviewed ones when reviewed), by name."""
    return dict(zip(EVENT_INDEX_COLUMNS, event_values(event, entities, published_date), strict=True))


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


_DEFAULT_CHECKS = tuple((key, default, type(default)) for key, default in _EVENT_DEFAULTS.items())
_ABSENT = object()
_EVENT_KEYS = tuple(Event(id="", type="", trigger=Span(0, 0, "")).to_dict())
_LABELS = {str(label): label for label in Label}


def event_data(event: Event, text: str) -> str:
    """Event.to_dict() as compact JSON: default values and the text of spans that slice the document are
    left out (``event_dict`` restores both)."""
    data = event.to_dict()
    for span in (data["trigger"], *data["evidence"]):
        if text[span["start"] : span["end"]] == span["text"]:
            del span["text"]
    for key, default, kind in _DEFAULT_CHECKS:
        value = data.get(key, _ABSENT)
        if type(value) is kind and value == default:
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


EVENT_COLUMNS = (
    "number",
    "document_num",
    "document_id",
    "ordinal",
    *EVENT_INDEX_COLUMNS,
    "data",
    "producer_marsad",
    "producer_knowledge",
    "review_status",
)


def event_row(
    ordinal: int,
    event: Event,
    entities: Mapping[str, Entity],
    published_date: str | None,
    producer: Producer,
    text: str,
) -> Row:
    """An unreviewed ``events`` row without its number, document number and document id
    (``EVENT_COLUMNS[3:]`` order)."""
    return (
        ordinal,
        *event_values(event, entities, published_date),
        *(event_data(event, text), producer.marsad, producer.knowledge, None),
    )


ACTOR_COLUMNS = ("event_number", "role", "entity_id")


def actor_rows(number: int, event: Event) -> list[Row]:
    """The ``event_actors`` rows of event ``number`` (each role and entity once), in ``ACTOR_COLUMNS``
    order."""
    rows: dict[Row, None] = {}
    for role, ids in (("actor1", [event.actor1]), ("actor2", [event.actor2]), ("assoc", event.assoc_actors)):
        for eid in ids:
            if eid:
                rows[(number, role, eid)] = None
    return list(rows)


EVIDENCE_COLUMNS = ("event_number", "kind", "ordinal", "start_char", "end_char")


def evidence_rows(number: int, event: Event) -> list[Row]:
    """The ``evidence`` rows of event ``number`` (trigger, then evidence spans), in ``EVIDENCE_COLUMNS``
    order."""
    rows: list[Row] = [(number, "trigger", 0, event.trigger.start, event.trigger.end)]
    rows.extend((number, "evidence", i, span.start, span.end) for i, span in enumerate(event.evidence))
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
