"""The store's public value types: who produced a record, search filters, results and event rows."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from marsad.model import Document, Event

DOCUMENT_STATUSES = ("pending", "extracted", "failed")
REVIEW_STATUSES = ("accepted", "edited", "rejected")
REVIEW_FILTER_VALUES = (*REVIEW_STATUSES, "unreviewed")


class StoreError(RuntimeError):
    """The store cannot be opened or used: bad URL, unreachable server, newer schema, locked database."""


@dataclass(frozen=True, slots=True)
class Producer:
    """What produced an extraction: the marsad version and the knowledge version (``Resources.version``)."""

    marsad: str
    knowledge: str


@dataclass(frozen=True, slots=True)
class Filters:
    """Search and export filters. Empty fields do not filter.

    Event-level filters (actors, places, near, event types, dates, review) select events; a document
    passes when one of its events passes all of them together. ``sources`` is document-level.
    ``review`` keeps events in the given states; empty keeps every state except "rejected".
    """

    actors: tuple[str, ...] = ()
    places: tuple[str, ...] = ()
    near: tuple[float, float, float] | None = None
    event_types: tuple[str, ...] = ()
    date_from: str | None = None
    date_to: str | None = None
    sources: tuple[str, ...] = ()
    review: tuple[str, ...] = ()

    def event_filters(self) -> bool:
        """True when any event-level filter is set."""
        return bool(
            self.actors
            or self.places
            or self.near is not None
            or self.event_types
            or self.date_from
            or self.date_to
            or self.review
        )

    def only_dates(self) -> bool:
        """True when dates are the only event-level filters (search then also matches by publication date)."""
        return bool(
            (self.date_from or self.date_to)
            and not (self.actors or self.places or self.near is not None or self.event_types or self.review)
        )


@dataclass(frozen=True, slots=True)
class StoredDoc:
    """What the store knows about a stored document, without its text."""

    id: str
    content_hash: str
    status: str  # "pending" | "extracted" | "failed"
    producer: Producer | None
    cluster_id: str


@dataclass(slots=True)
class IngestResult:
    """The outcome of ``Store.add_documents``."""

    inserted: list[str] = field(default_factory=list)  # stored ids of new documents
    duplicates: list[str] = field(default_factory=list)  # stored ids of documents already stored
    clusters: dict[str, str] = field(default_factory=dict)  # stored id -> cluster id, inserted documents


@dataclass(frozen=True, slots=True)
class Snippet:
    """A window of the original text with the matched words (absolute original offsets)."""

    start: int
    end: int
    text: str  # == document.text[start:end]
    highlights: list[tuple[int, int]]


@dataclass(slots=True)
class SearchHit:
    """One matching document."""

    document_id: str
    title: str | None
    source: str | None
    published: str | None
    url: str | None
    cluster_id: str
    score: float
    snippets: list[Snippet]
    event_ids: list[str]  # ids of the document's events that pass the filters
    event_numbers: list[int] = field(default_factory=list)  # the same events' store numbers

    def to_dict(self) -> dict[str, Any]:
        """The hit as JSON-ready values (``marsad search --format json`` and the workbench API)."""
        return {
            "document_id": self.document_id,
            "title": self.title,
            "source": self.source,
            "published": self.published,
            "url": self.url,
            "cluster_id": self.cluster_id,
            "score": round(self.score, 4),
            "events": self.event_ids,
            "event_numbers": self.event_numbers,
            "snippets": [
                {
                    "start": s.start,
                    "end": s.end,
                    "text": s.text,
                    "highlights": [list(h) for h in s.highlights],
                }
                for s in self.snippets
            ],
        }


@dataclass(slots=True)
class SearchResult:
    """A page of search hits and the total number of matching documents."""

    total: int
    hits: list[SearchHit]
    elapsed_ms: float


@dataclass(slots=True)
class EventRow:
    """One stored event with its document, for exports: the document's text, metadata, author, entities
    and mentions, and among its events those of the same ``iter_events`` window (``get_document`` gives
    all of them)."""

    document: Document
    event: Event  # with reviewed values applied
    number: int  # stable positive integer, unique in the store
    review_status: str | None  # None = unreviewed
