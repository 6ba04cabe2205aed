"""Facts every export format derives from an event the same way: names, place, country, date, evidence.

:class:`EventView` wraps one :class:`~marsad.export.items.EventItem` and answers questions about it
(English name of actor1, the place's coordinates, the country code, the evidence text, …) without
inventing anything: a fact the record does not hold comes back as None.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, BinaryIO

from marsad.export.items import EventItem
from marsad.model import Document, Entity, EntityKind, Event, Mention

# Joins several evidence spans of one event (they are told in different places of the document).
EVIDENCE_JOINER = " … "
# Joins several names in one ACLED cell, as ACLED does.
NAME_JOINER = "; "
# Modalities of events that did not (or not yet) happen as stated.
NON_ASSERTED = ("negated", "future", "hypothetical", "requested")

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


def modality_of(event: Event) -> str:
    """``negated`` when the event is negated, else its modality (``asserted``, ``future``, …)."""
    return "negated" if event.negated else (event.modality or "asserted")


def is_asserted(event: Event) -> bool:
    """True when the source states the event happened (not negated, future, hypothetical, requested)."""
    return modality_of(event) not in NON_ASSERTED


def iso_date(value: str | None) -> str | None:
    """The YYYY-MM-DD part of an ISO date or datetime; None for anything else (never guessed)."""
    if not value:
        return None
    head = value[:10]
    if not _ISO_DATE.fullmatch(head):
        return None
    try:
        dt.date.fromisoformat(head)
    except ValueError:  # 2017-02-30
        return None
    return head


def english_date(value: str) -> str:
    """5 May 2017 from 2017-05-05 (ACLED notes' style), independent of the locale."""
    year, month, day = value.split("-")
    return f"{int(day)} {_MONTHS[int(month) - 1]} {year}"


def english_month(value: str) -> str:
    year, month, _ = value.split("-")
    return f"{_MONTHS[int(month) - 1]} {year}"


def finite(value: Any) -> float | None:
    """A float coordinate, or None when missing or not a finite number."""
    if value is None or isinstance(value, bool):
        return None
    try:
        out = float(value)
    except (TypeError, ValueError):
        return None
    return out if math.isfinite(out) else None


def as_int(value: Any) -> int | None:
    if value is None or isinstance(value, bool):
        return None
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


class _DocumentFacts:
    """Per-document lookups built once and reused for every event of the same document."""

    __slots__ = ("_country", "_sentences", "doc", "mentions_by_entity")

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.mentions_by_entity: dict[str, list[Mention]] = {}
        for m in sorted(doc.mentions, key=lambda m: (m.start, m.end)):
            if m.entity:
                self.mentions_by_entity.setdefault(m.entity, []).append(m)
        self._sentences: tuple[list[int], list[int]] | None = None
        self._country: tuple[str | None] | None = None

    def document_country(self) -> str | None:
        """The document's country: ``meta["country"]`` when declared (``--country``), else the one
        country every place of the document lies in; None when places lie in several countries."""
        if self._country is None:
            declared = self.doc.meta.get("country")
            if isinstance(declared, str) and len(declared) == 2:
                self._country = (declared.upper(),)
            else:
                found = {
                    code.upper()
                    for e in self.doc.entities.values()
                    if e.kind == EntityKind.PLACE
                    and isinstance(code := e.attrs.get("country"), str)
                    and len(code) == 2
                }
                self._country = (found.pop() if len(found) == 1 else None,)
        return self._country[0]

    def _sentence_bounds(self) -> tuple[list[int], list[int]]:
        if self._sentences is None:
            from marsad.text.segment import sentences

            spans = sentences(self.doc.text)
            self._sentences = ([s.start for s in spans], [s.end for s in spans])
        return self._sentences

    def sentence_index(self, offset: int) -> int:
        """1-based number of the sentence containing ``offset`` (segmentation of marsad.text.segment)."""
        return max(1, bisect_right(self._sentence_bounds()[0], offset))

    def sentences_covering(self, start: int, end: int) -> list[tuple[int, int]]:
        """(start, end) of the sentences overlapping [start, end)."""
        starts, ends = self._sentence_bounds()
        lo = max(0, bisect_right(starts, start) - 1)
        out: list[tuple[int, int]] = []
        for s, e in zip(starts[lo:], ends[lo:], strict=True):
            if s >= end:
                break
            if e > start:
                out.append((s, e))
        return out


class FactsCache:
    """Keeps the facts of the last document: events of one document usually come one after the other."""

    __slots__ = ("_last",)

    def __init__(self) -> None:
        self._last: _DocumentFacts | None = None

    def get(self, doc: Document) -> _DocumentFacts:
        if self._last is None or self._last.doc is not doc:
            self._last = _DocumentFacts(doc)
        return self._last


@dataclass(slots=True)
class EventView:
    """One event with its document: the derived facts every format uses."""

    item: EventItem
    facts: _DocumentFacts
    _place: Entity | None = field(default=None, init=False)

    def __post_init__(self) -> None:
        ev = self.item.event
        self._place = self.entity(ev.place) if ev.place else None

    # ------------------------------------------------------------------ basics
    @property
    def doc(self) -> Document:
        return self.item.document

    @property
    def event(self) -> Event:
        return self.item.event

    @property
    def number(self) -> int:
        return int(self.item.number)

    @property
    def review_status(self) -> str | None:
        return self.item.review_status

    @property
    def modality(self) -> str:
        return modality_of(self.event)

    def entity(self, entity_id: str | None) -> Entity | None:
        return self.doc.entities.get(entity_id) if entity_id else None

    # ------------------------------------------------------------------ names
    def name(self, entity_id: str | None) -> str | None:
        """English name of an entity id; the id itself when the document does not hold the entity (an
        id set by a reviewer); ``author`` is the document's author organization or signer."""
        if not entity_id:
            return None
        if entity_id == "author":
            return self.author_name()
        ent = self.entity(entity_id)
        if ent is None:
            return entity_id
        return ent.name or ent.name_ar or entity_id

    def name_ar(self, entity_id: str | None) -> str | None:
        if not entity_id:
            return None
        if entity_id == "author":
            org = self.entity(self.doc.author.organization) if self.doc.author else None
            return (org.name_ar if org else None) or (self.doc.author.name if self.doc.author else None)
        ent = self.entity(entity_id)
        return (ent.name_ar or None) if ent else None

    def author_name(self) -> str | None:
        author = self.doc.author
        if author is None:
            return None
        if author.organization:
            org = self.entity(author.organization)
            return (org.name if org else None) or author.organization
        return author.name

    def assoc_names(self) -> list[str]:
        return [n for n in (self.name(a) for a in self.event.assoc_actors) if n]

    def reporter_names(self) -> list[str]:
        return unique(n for n in (self.name(r) for r in self.event.reported_by) if n)

    def outlet(self) -> str | None:
        """The document's source as given (outlet, channel, author); a Telegram channel from the meta
        when the source is missing."""
        if self.doc.source:
            return str(self.doc.source)
        tg = self.doc.meta.get("telegram")
        if isinstance(tg, dict):
            for key in ("channel", "username", "title", "name"):
                if tg.get(key):
                    return str(tg[key])
        elif isinstance(tg, str) and tg:
            return tg
        return None

    def surface(self, entity_id: str | None) -> str | None:
        """The entity as the document writes it: the mention nearest the trigger, preferring mentions
        inside the evidence; None when no mention links to it."""
        if not entity_id:
            return None
        mentions = self.facts.mentions_by_entity.get(entity_id)
        if not mentions:
            return None
        spans = self.evidence_spans()
        inside = [m for m in mentions if any(s <= m.start and m.end <= e for s, e in spans)]
        pool = inside or mentions
        t = self.event.trigger.start
        return min(pool, key=lambda m: abs(m.start - t)).text

    # ------------------------------------------------------------------ place
    @property
    def place(self) -> Entity | None:
        return self._place

    def lat_lon(self) -> tuple[float, float] | None:
        """The place's coordinates when the gazetteer resolved them (never invented)."""
        if self._place is None:
            return None
        lat, lon = finite(self._place.attrs.get("lat")), finite(self._place.attrs.get("lon"))
        if lat is None or lon is None or not (-90 <= lat <= 90 and -180 <= lon <= 180):
            return None
        return lat, lon

    def place_country(self) -> str | None:
        code = self._place.attrs.get("country") if self._place else None
        return code.upper() if isinstance(code, str) and len(code) == 2 else None

    def country_code(self) -> str | None:
        """ISO 3166-1 alpha-2 code of the event's country: the place's country, else the document's
        (declared with ``--country``, or the only country its places lie in); None when unknown."""
        return self.place_country() or self.facts.document_country()

    def admin(self, level: int) -> str | None:
        """English name of the place's admin-1/2/3 division when the record holds it."""
        if self._place is None:
            return None
        attrs = self._place.attrs
        if self._place_kind() == "admin1" and level == 1:
            return self._place.name or None
        value = attrs.get(f"admin{level}_name") or attrs.get(f"admin{level}")
        if not isinstance(value, str) or not value or value.isdigit():
            return None  # a bare GeoNames code is no name
        return value

    def _place_kind(self) -> str | None:
        if self._place is None:
            return None
        kind = self._place.attrs.get("place_kind") or self._place.attrs.get("kind")
        if kind:
            return str(kind)
        feature = str(self._place.attrs.get("feature") or "")
        if feature == "A.ADM1":
            return "admin1"
        if feature.startswith("A.PCL"):
            return "country"
        return None

    @property
    def place_kind(self) -> str | None:
        return self._place_kind()

    def geo_precision(self) -> int | None:
        """ACLED geo_precision: the place's own, made 2 when the event is near it ("غرب طيبة")."""
        if self._place is None:
            return None
        precision = as_int(self._place.attrs.get("geo_precision"))
        if precision == 1 and self.event.place_relation:
            return 2
        return precision

    def feature(self) -> tuple[str | None, str | None]:
        """GeoNames feature class and code of the place ("P", "PPLC"), None when unknown."""
        feature = str(self._place.attrs.get("feature") or "") if self._place else ""
        cls, _, code = feature.partition(".")
        return (cls or None), (code or None)

    def geonameid(self) -> int | None:
        return as_int(self._place.attrs.get("geonameid")) if self._place else None

    # ------------------------------------------------------------------ time, evidence, numbers
    def date(self) -> str | None:
        return iso_date(self.event.date)

    def evidence_spans(self) -> list[tuple[int, int]]:
        spans = [(s.start, s.end) for s in self.event.evidence]
        return spans or [(self.event.trigger.start, self.event.trigger.end)]

    def evidence_texts(self) -> list[str]:
        return [s.text for s in self.event.evidence] or [self.event.trigger.text]

    def evidence_text(self) -> str:
        return EVIDENCE_JOINER.join(self.evidence_texts())

    def count(self, kind: str) -> int | None:
        """Total of ``counts[kind]`` over all sides, None when the text gives no number."""
        sides = self.event.counts.get(kind) or {}
        values = [v for v in (as_int(v) for v in sides.values()) if v is not None]
        return sum(values) if values else None

    def inter(self, which: int) -> int | None:
        acled = self.event.acled or {}
        return as_int(acled.get(f"inter{which}"))


def unique(values: Iterable[str]) -> list[str]:
    """Values in first-seen order without repeats."""
    return list(dict.fromkeys(values))


def is_person(entity: Entity | None) -> bool:
    return entity is not None and entity.kind == EntityKind.PERSON


class ChunkWriter:
    """Buffers encoded output and writes it to a binary stream in chunks of about 64 KiB, so that
    writing many small rows to an unbuffered stream stays fast; memory stays bounded by the chunk."""

    __slots__ = ("_out", "_parts", "_size", "written")

    LIMIT = 1 << 16

    def __init__(self, out: BinaryIO) -> None:
        self._out = out
        self._parts: list[bytes] = []
        self._size = 0
        self.written = 0

    def write_bytes(self, data: bytes) -> None:
        self._parts.append(data)
        self._size += len(data)
        if self._size >= self.LIMIT:
            self.flush()

    def write(self, text: str) -> int:
        """Text interface (for csv.writer): encodes as UTF-8."""
        self.write_bytes(text.encode("utf-8"))
        return len(text)

    def flush(self) -> None:
        if self._parts:
            data = b"".join(self._parts)
            self._out.write(data)
            self.written += len(data)
            self._parts = []
            self._size = 0
