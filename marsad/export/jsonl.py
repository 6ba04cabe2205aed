"""JSON Lines: the full marsad event record with its document's identity and the entities it names
(docs/export.md, "jsonl")."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import orjson

from marsad.export.common import ChunkWriter, EventView

_META_KEYS = ("origin", "telegram", "cluster_id", "country")


def _entity(view: EventView, entity_id: str | None) -> dict[str, Any] | None:
    if not entity_id:
        return None
    if entity_id == "author" and view.doc.author:
        out = view.doc.author.to_dict()
        org = view.entity(view.doc.author.organization)
        return {"id": "author", "author": out, "organization": org.to_dict() if org else None}
    ent = view.entity(entity_id)
    return ent.to_dict() if ent else {"id": entity_id, "missing": True}


def record(view: EventView) -> dict[str, Any]:
    """``{number, review_status, document: {…}, event: Event.to_dict(), resolved: {…}}``."""
    ev = view.event
    doc = view.doc
    return {
        "number": view.number,
        "review_status": view.review_status,
        "document": {
            "id": doc.id,
            "title": doc.title,
            "url": doc.url,
            "source": doc.source,
            "published": doc.published,
            **{k: doc.meta[k] for k in _META_KEYS if k in doc.meta},
        },
        "event": ev.to_dict(),
        "resolved": {
            "actor1": _entity(view, ev.actor1),
            "actor2": _entity(view, ev.actor2),
            "assoc_actors": [_entity(view, a) for a in ev.assoc_actors],
            "place": _entity(view, ev.place),
            "reported_by": [_entity(view, r) for r in ev.reported_by],
        },
    }


def write_jsonl(views: Iterable[EventView], out: ChunkWriter) -> int:
    n = 0
    for view in views:
        out.write_bytes(orjson.dumps(record(view), default=str) + b"\n")
        n += 1
    return n
