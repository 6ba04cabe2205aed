"""The extract record (one per document; JSON Schema in docs/record.schema.json) and its renderings:
JSON, JSON Lines and an RTL-safe terminal table."""

from __future__ import annotations

from typing import Any, TextIO

import orjson

from marsad import __version__
from marsad.model import Document

# First-strong isolate ... pop directional isolate: keeps Arabic cells from reordering their neighbours.
FSI, PDI = "\u2068", "\u2069"


def to_record(doc: Document, knowledge_version: str = "") -> dict[str, Any]:
    """The output record of one processed document."""
    mentions = sorted(doc.mentions, key=lambda m: (m.start, m.end))
    return {
        "id": doc.id,
        "text": doc.text,
        "title": doc.title,
        "url": doc.url,
        "published": doc.published,
        "source": doc.source,
        "author": doc.author.to_dict() if doc.author else None,
        "mentions": [m.to_dict() for m in mentions],
        "entities": [e.to_dict() for e in sorted(doc.entities.values(), key=lambda e: e.id)],
        "events": [e.to_dict() for e in doc.events],
        "producer": {"marsad": __version__, "knowledge": knowledge_version},
    }


def dumps(record: dict[str, Any], indent: bool = False) -> bytes:
    """Serialize a record as UTF-8 JSON (Arabic kept as is, not escaped)."""
    return orjson.dumps(record, option=orjson.OPT_INDENT_2 if indent else 0)


def isolate(text: str) -> str:
    """Wrap text in Unicode directional isolates so mixed Arabic/Latin cells display in order."""
    return f"{FSI}{text}{PDI}"


def render_table(record: dict[str, Any], out: TextIO) -> None:
    """A human-readable view of one record: author, then one row per mention."""
    from rich.console import Console
    from rich.table import Table

    # a file or pipe gets a wide table (a terminal keeps its own width)
    console = Console(file=out, soft_wrap=False, highlight=False, width=None if out.isatty() else 160)
    entities = {e["id"]: e for e in record["entities"]}
    author = record.get("author") or {}
    org = entities.get(author.get("organization") or "", {}).get("name")
    title = f"document {record['id']}"
    if org:
        title += f" — author: {org}"
    table = Table(title=title, show_lines=False)
    for col in ("#", "label", "text", "entity", "details"):
        table.add_column(col, overflow="fold")
    for i, m in enumerate(record["mentions"], 1):
        ent = entities.get(m.get("entity") or "", {})
        table.add_row(
            str(i),
            m["label"],
            isolate(m["text"]),
            ent.get("name", "") or "",
            _details(m, ent),
        )
    console.print(table)
    if record.get("events"):
        console.print(_events_table(record, entities))


def _events_table(record: dict[str, Any], entities: dict[str, dict[str, Any]]) -> Any:
    """One row per event: what, who to whom, where, when, and the trigger word."""
    from rich.table import Table

    def name(entity_id: str | None) -> str:
        return str(entities.get(entity_id or "", {}).get("name") or entity_id or "")

    table = Table(title="events", show_lines=False)
    for col in ("id", "type", "ACLED", "actor1 → actor2", "place", "date", "modality", "trigger"):
        table.add_column(col, overflow="fold")
    for ev in record["events"]:
        acled = ev.get("acled") or {}
        who = name(ev.get("actor1")) + (f" → {name(ev.get('actor2'))}" if ev.get("actor2") else "")
        if ev.get("assoc_actors"):
            who += " (with " + ", ".join(name(a) for a in ev["assoc_actors"]) + ")"
        date = ev.get("date") or ""
        if ev.get("time_precision"):
            date += f" (p{ev['time_precision']})"
        table.add_row(
            ev["id"],
            ev["type"],
            acled.get("sub_event_type") or "",
            who,
            name(ev.get("place")),
            date,
            ev.get("modality") or "",
            isolate(ev["trigger"]["text"]),
        )
    return table


def _details(mention: dict[str, Any], entity: dict[str, Any]) -> str:
    bits: list[str] = [f"{mention['start']}-{mention['end']}"]
    attrs = mention.get("attrs") or {}
    if mention["label"] == "TIME":
        bits.append(str(attrs.get("value") or attrs.get("kind") or ""))
    elif mention["label"] == "PLACE" and entity:
        if entity.get("lat") is not None:
            bits.append(f"{entity['lat']:.4f},{entity['lon']:.4f}")
        bits.append(str(entity.get("admin1") or ""))
        bits.append(f"geo_precision={entity.get('geo_precision')}")
        if attrs.get("relative"):
            bits.append(f"{attrs['relative'].get('direction')} of")
    elif entity:
        bits.append(entity.get("id", ""))
    return " ".join(b for b in bits if b)
