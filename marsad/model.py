"""Typed document model: a Document owns its original text; Mentions and Entities point into it.

Every span satisfies ``doc.text[m.start:m.end] == m.text`` on the original, never altered, text.
All objects round-trip through plain JSON-compatible dicts (``to_dict`` / ``from_dict``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class Label(StrEnum):
    """Mention labels."""

    ORG = "ORG"  # named organizations, armed groups, state forces
    GROUP = "GROUP"  # unnamed collective actors: civilians, gunmen, protesters
    PERSON = "PERSON"
    PLACE = "PLACE"
    TIME = "TIME"


class EntityKind(StrEnum):
    """Kinds of linked entities."""

    ORG = "org"
    GROUP = "group"
    PERSON = "person"
    PLACE = "place"


class SpanError(ValueError):
    """A span does not slice the original text to its stated text."""


@dataclass(slots=True)
class Mention:
    """A labelled span of the original text, optionally linked to an entity."""

    start: int
    end: int
    text: str
    label: Label
    entity: str | None = None
    confidence: float = 1.0
    component: str = ""
    attrs: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "label": str(self.label),
            "entity": self.entity,
            "confidence": round(self.confidence, 3),
            "component": self.component,
        }
        if self.attrs:
            out["attrs"] = self.attrs
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Mention:
        return cls(
            start=int(data["start"]),
            end=int(data["end"]),
            text=str(data["text"]),
            label=Label(data["label"]),
            entity=data.get("entity"),
            confidence=float(data.get("confidence", 1.0)),
            component=str(data.get("component", "")),
            attrs=dict(data.get("attrs") or {}),
        )


@dataclass(slots=True)
class Entity:
    """A canonical thing mentions link to: an actor, a person or a place.

    ``attrs`` holds kind-specific facts: for places lat, lon, geonameid or custom_id, country,
    admin1, feature, geo_precision; for actors type, inter code, country, parent.
    """

    id: str
    kind: EntityKind
    name: str
    name_ar: str = ""
    attrs: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "id": self.id,
            "kind": str(self.kind),
            "name": self.name,
            "name_ar": self.name_ar,
        }
        out.update(self.attrs)
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Entity:
        core = {"id", "kind", "name", "name_ar"}
        return cls(
            id=str(data["id"]),
            kind=EntityKind(data["kind"]),
            name=str(data.get("name", "")),
            name_ar=str(data.get("name_ar", "")),
            attrs={k: v for k, v in data.items() if k not in core},
        )


@dataclass(slots=True)
class Author:
    """Who wrote or signed the document, found in a byline or signature line."""

    name: str | None = None
    organization: str | None = None  # entity id of the organization
    role: str | None = None
    start: int | None = None  # span of the signature / byline line in the original text
    end: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "organization": self.organization,
            "role": self.role,
            "start": self.start,
            "end": self.end,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Author:
        return cls(**{k: data.get(k) for k in ("name", "organization", "role", "start", "end")})


@dataclass(slots=True)
class Span:
    """A piece of the original text (trigger or evidence)."""

    start: int
    end: int
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Span:
        return cls(int(data["start"]), int(data["end"]), str(data["text"]))


@dataclass(slots=True)
class Event:
    """Who did what to whom, where and when, as the source states it (docs/events.md)."""

    id: str
    type: str  # PLOVER event type
    trigger: Span
    mode: str | None = None
    acled: dict[str, Any] | None = (
        None  # disorder_type, event_type, sub_event_type, inter1, inter2, interaction
    )
    actor1: str | None = None
    actor2: str | None = None
    assoc_actors: list[str] = field(default_factory=list)
    place: str | None = None
    place_relation: dict[str, Any] | None = None
    date: str | None = None
    time_precision: int | None = None
    time: dict[str, Any] | None = None
    fatalities: int | None = None
    counts: dict[str, dict[str, int]] = field(default_factory=dict)
    negated: bool = False
    modality: str = "asserted"
    reported_by: list[str] = field(default_factory=list)
    disputes: str | None = None
    disputed_by: list[str] = field(default_factory=list)
    inferred: list[str] = field(default_factory=list)
    evidence: list[Span] = field(default_factory=list)
    confidence: float = 1.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "type": self.type,
            "mode": self.mode,
            "acled": self.acled,
            "actor1": self.actor1,
            "actor2": self.actor2,
            "assoc_actors": self.assoc_actors,
            "place": self.place,
            "place_relation": self.place_relation,
            "date": self.date,
            "time_precision": self.time_precision,
            "time": self.time,
            "fatalities": self.fatalities,
            "counts": self.counts,
            "negated": self.negated,
            "modality": self.modality,
            "reported_by": self.reported_by,
            "disputes": self.disputes,
            "disputed_by": self.disputed_by,
            "inferred": self.inferred,
            "trigger": self.trigger.to_dict(),
            "evidence": [e.to_dict() for e in self.evidence],
            "confidence": round(self.confidence, 3),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Event:
        return cls(
            id=str(data["id"]),
            type=str(data["type"]),
            trigger=Span.from_dict(data["trigger"]),
            mode=data.get("mode"),
            acled=data.get("acled"),
            actor1=data.get("actor1"),
            actor2=data.get("actor2"),
            assoc_actors=list(data.get("assoc_actors") or []),
            place=data.get("place"),
            place_relation=data.get("place_relation"),
            date=data.get("date"),
            time_precision=data.get("time_precision"),
            time=data.get("time"),
            fatalities=data.get("fatalities"),
            counts=dict(data.get("counts") or {}),
            negated=bool(data.get("negated", False)),
            modality=str(data.get("modality", "asserted")),
            reported_by=list(data.get("reported_by") or []),
            disputes=data.get("disputes"),
            disputed_by=list(data.get("disputed_by") or []),
            inferred=list(data.get("inferred") or []),
            evidence=[Span.from_dict(e) for e in data.get("evidence") or []],
            confidence=float(data.get("confidence", 1.0)),
        )


@dataclass(slots=True)
class Document:
    """One input document. ``text`` is the canonical original and is never modified."""

    id: str
    text: str
    title: str | None = None
    url: str | None = None
    published: str | None = None  # ISO date (YYYY-MM-DD) or datetime, as given by the source
    source: str | None = None  # outlet, channel or author as given by the source
    mentions: list[Mention] = field(default_factory=list)
    entities: dict[str, Entity] = field(default_factory=dict)
    author: Author | None = None
    events: list[Event] = field(default_factory=list)
    meta: dict[str, Any] = field(default_factory=dict)

    def add_mention(self, mention: Mention) -> Mention:
        """Append a mention after checking that it slices the original text exactly."""
        check_span(self.text, mention.start, mention.end, mention.text)
        self.mentions.append(mention)
        return mention

    def span(self, start: int, end: int, label: Label, **kwargs: Any) -> Mention:
        """Build a mention from character offsets (text taken from the original)."""
        return Mention(start=start, end=end, text=self.text[start:end], label=label, **kwargs)

    def add_event(self, event: Event) -> Event:
        """Append an event after checking its trigger and evidence slice the original text."""
        for span in (event.trigger, *event.evidence):
            check_span(self.text, span.start, span.end, span.text)
        self.events.append(event)
        return event

    def clear_analysis(self) -> None:
        """Drop everything an analysis added (mentions, entities, author, events); text and metadata stay."""
        self.mentions.clear()
        self.entities.clear()
        self.events.clear()
        self.author = None

    def add_entity(self, entity: Entity) -> Entity:
        """Register an entity once; returns the stored one."""
        return self.entities.setdefault(entity.id, entity)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "text": self.text,
            "title": self.title,
            "url": self.url,
            "published": self.published,
            "source": self.source,
            "author": self.author.to_dict() if self.author else None,
            "mentions": [m.to_dict() for m in sorted(self.mentions, key=lambda m: (m.start, m.end))],
            "entities": [e.to_dict() for e in self.entities.values()],
            "events": [e.to_dict() for e in self.events],
            "meta": self.meta,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Document:
        doc = cls(
            id=str(data["id"]),
            text=str(data["text"]),
            title=data.get("title"),
            url=data.get("url"),
            published=data.get("published"),
            source=data.get("source"),
            author=Author.from_dict(data["author"]) if data.get("author") else None,
            meta=dict(data.get("meta") or {}),
        )
        for m in data.get("mentions", []):
            doc.add_mention(Mention.from_dict(m))
        for e in data.get("entities", []):
            doc.add_entity(Entity.from_dict(e))
        for ev in data.get("events", []):
            doc.add_event(Event.from_dict(ev))
        return doc


def check_span(text: str, start: int, end: int, span_text: str) -> None:
    """Raise SpanError unless ``text[start:end] == span_text``."""
    if not (0 <= start <= end <= len(text)) or text[start:end] != span_text:
        raise SpanError(f"span [{start}:{end}] is {text[start:end]!r}, not {span_text!r}")
