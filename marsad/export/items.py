"""What the exporters read: one event with its document, its stable number and its review status.

The store yields rows satisfying :class:`EventItem`; :func:`items_from_documents` makes the same rows
from freshly extracted documents (no store), numbering events in order.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Protocol

from marsad.model import Document, Event

REVIEW_STATUSES: tuple[str | None, ...] = (None, "accepted", "edited", "rejected")


class EventItem(Protocol):
    """One exported event.

    ``document`` is the full document (text, title, url, published, source, meta with ``origin`` and
    optionally ``telegram`` and ``cluster_id``, entities, events); ``event`` carries the reviewed values
    already applied by the store; ``number`` is a stable positive integer unique in the store (it makes
    ACLED's ``event_id_cnty`` and the PLOVER ``id``); ``review_status`` is None (not reviewed),
    "accepted", "edited" or "rejected".
    """

    @property
    def document(self) -> Document: ...

    @property
    def event(self) -> Event: ...

    @property
    def number(self) -> int: ...

    @property
    def review_status(self) -> str | None: ...


@dataclass(frozen=True, slots=True)
class DocumentEvent:
    """A plain :class:`EventItem`, for exporting documents that are not in a store."""

    document: Document
    event: Event
    number: int
    review_status: str | None = None


def items_from_documents(docs: Iterable[Document], start: int = 1) -> Iterator[DocumentEvent]:
    """Every event of every document, in order, numbered from ``start`` (lazily: documents are read one at
    a time). The numbers are stable only as long as the input and the extraction are."""
    number = start
    for doc in docs:
        for event in doc.events:
            yield DocumentEvent(doc, event, number)
            number += 1
