"""A document and its analysis as the store's rows, worked out without the database.

Everything a stored document needs that does not depend on what the store holds already — its row, its
search terms, its near-duplicate signature and LSH band keys, the rows of its entities, mentions,
events, actors and evidence, its facets and points — is computed by ``prepare``: in a Dask worker, in
the extraction process or in the store itself. The store's writer then only looks up, numbers,
clusters and inserts (``Store.save_prepared``). A ``PackedDocument`` carries a prepared document through
a Parquet partition or a pipe to the writer process.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from operator import itemgetter
from typing import Any

import orjson

from marsad.gcpause import paused_gc
from marsad.model import Document
from marsad.store import dedup, facets
from marsad.store import records as r
from marsad.store.terms import index_terms, terms_of_words, view_words
from marsad.store.types import Producer

# The values of a new ``documents`` row the writer decides (stored id, cluster, times) come first, then
# the document's own values (``document``), then its extraction outcome (``outcome``).
WRITER_COLUMNS = ("id", "cluster_id", "ingested_at", "extracted_at", "content_hash", "text")
FIELD_COLUMNS = ("title", "url", "published", "published_date", "source", "source_key", "meta")
OUTCOME_COLUMNS = ("status", "failure", "author", "producer_marsad", "producer_knowledge")
DOCUMENT_COLUMNS = (*WRITER_COLUMNS, *FIELD_COLUMNS, *OUTCOME_COLUMNS)
PENDING: r.Row = ("pending", None, None, None, None)  # the outcome of a document stored unextracted

# Prepared analysis rows leave out the columns the writer fills in: ``document_num`` (entities,
# mentions), ``number, document_num, document_id`` (events); actors and evidence name their event by
# its ordinal in the document instead of its number.
EVENT_COLUMNS = r.EVENT_COLUMNS[3:]
_PUBLISHED = FIELD_COLUMNS.index("published_date")
_DATE, _SORT_DATE, _ORDER_DATE = (EVENT_COLUMNS.index(c) for c in ("date", "sort_date", "order_date"))
_facet_fields = itemgetter(*(EVENT_COLUMNS.index(name) for name in facets.FIELDS))


@dataclass(slots=True)
class PreparedDocument:
    """A document as rows (see the module docstring); analysis rows are empty for a failed document."""

    id: str  # the incoming id (the stored id may get a hash suffix)
    digest: str  # content hash
    text: str
    document: r.Row  # the document's own values: FIELD_COLUMNS
    outcome: r.Row  # OUTCOME_COLUMNS; PENDING when stored unextracted
    terms: str  # search index terms of title and text
    signature: bytes | None  # MinHash signature (None: too short to compare)
    band_keys: list[int]  # distinct LSH band keys, ascending
    entities: list[r.Row]  # ENTITY_COLUMNS without document_num
    mentions: list[r.Row]  # MENTION_COLUMNS without document_num
    entity_index: list[r.Row]  # ENTITY_INDEX_COLUMNS, in entity order
    entity_keys: list[r.Row]  # (folded name, entity id), ascending
    events: list[r.Row]  # EVENT_COLUMNS (this module's)
    actors: list[r.Row]  # (event ordinal, role, entity id)
    evidence: list[r.Row]  # (event ordinal, kind, ordinal, start_char, end_char)
    facets: list[str]  # event facets, ascending
    points: list[r.Row]  # (lat, lon), ascending

    @property
    def published_date(self) -> str | None:
        value: str | None = self.document[_PUBLISHED]
        return value

    @property
    def failure(self) -> str | None:
        """The reason the extraction failed (None when it did not, or for a pending document)."""
        value: str | None = self.outcome[1]
        return value

    def with_published_date(self, published_date: str | None) -> PreparedDocument:
        """The rows for a document stored earlier with another publication date: event sort dates (an
        event without its own date sorts by the document's) and the facets made of them."""
        events = []
        for row in self.events:
            values = list(row)
            sort_date = r.date_prefix(values[_DATE]) or published_date
            values[_SORT_DATE], values[_ORDER_DATE] = sort_date, sort_date or "~"
            events.append(tuple(values))
        found, points = _facets(events, self.actors)
        return replace(self, events=events, facets=found, points=points)

    def pack(self) -> PackedDocument:
        """This document for another process or a partition file (``PackedDocument.unpack``)."""
        data = orjson.dumps([getattr(self, name) for name in _JSON_FIELDS])
        return PackedDocument(self.id, self.digest, self.failure, self.text, data, self.signature)


@dataclass(slots=True)
class PackedDocument:
    """A prepared document in transit: every value but the text and the signature as JSON, which only
    the writer decodes; a runner reads the id, content hash, failure and text without decoding it
    (and pickling it to a writer process copies a few strings, not thousands of rows)."""

    id: str
    digest: str
    failure: str | None
    text: str
    data: bytes  # JSON of the other PreparedDocument fields
    signature: bytes | None

    def unpack(self) -> PreparedDocument:
        """The prepared document (its rows come back as lists: the store takes either)."""
        values = dict(zip(_JSON_FIELDS, orjson.loads(self.data), strict=True))
        return PreparedDocument(text=self.text, signature=self.signature, **values)


_OWN_FIELDS = ("text", "signature")  # carried beside the JSON (partition columns of their own)
_JSON_FIELDS = tuple(f.name for f in dataclasses.fields(PreparedDocument) if f.name not in _OWN_FIELDS)


def unpack_all(items: Iterable[PackedDocument]) -> list[PreparedDocument]:
    """The prepared documents of ``items``, in order."""
    with paused_gc():
        return [item.unpack() for item in items]


def prepare(
    doc: Document,
    digest: str | None = None,
    producer: Producer | None = None,
    failure: str | None = None,
) -> PreparedDocument:
    """``doc`` as rows: with ``producer``, as extracted by it (status "extracted", its analysis) or as
    failed with ``failure`` (no analysis); without, as stored unextracted (status "pending")."""
    digest = digest or dedup.content_hash(doc.text)
    published_date = r.date_prefix(doc.published)
    words, ta_words = view_words(doc.text)  # one normalization for signature and search terms
    sig = dedup.signature_of_words(words)
    terms = terms_of_words(words, ta_words)
    if doc.title:
        terms = f"{index_terms(doc.title)} {terms}"
    prepared = PreparedDocument(
        id=doc.id,
        digest=digest,
        text=doc.text,
        document=r.document_fields(doc, published_date),
        outcome=PENDING,
        terms=terms,
        signature=dedup.to_bytes(sig) if sig is not None else None,
        band_keys=sorted(set(dedup.band_keys(sig))) if sig is not None else [],
        entities=[],
        mentions=[],
        entity_index=[],
        entity_keys=[],
        events=[],
        actors=[],
        evidence=[],
        facets=[],
        points=[],
    )
    if producer is None:
        return prepared
    if failure is not None:
        prepared.outcome = ("failed", str(failure), None, producer.marsad, producer.knowledge)
        return prepared
    author = r.dumps(doc.author.to_dict()) if doc.author else None
    prepared.outcome = ("extracted", None, author, producer.marsad, producer.knowledge)
    _add_analysis(prepared, doc, published_date, producer)
    return prepared


def _add_analysis(
    prepared: PreparedDocument, doc: Document, published_date: str | None, producer: Producer
) -> None:
    text = doc.text
    entities = doc.entities.values()
    prepared.entities = [r.entity_row(i, ent) for i, ent in enumerate(entities)]
    prepared.mentions = [r.mention_row(i, m, text) for i, m in enumerate(doc.mentions)]
    prepared.entity_index = [r.entity_index_row(ent) for ent in entities]
    prepared.entity_keys = sorted(r.entity_keys(doc))
    for i, event in enumerate(doc.events):
        prepared.events.append(r.event_row(i, event, doc.entities, published_date, producer, text))
        # numbered by the event's ordinal here; the writer puts the event number in its place
        prepared.actors.extend(r.actor_rows(i, event))
        prepared.evidence.extend(r.evidence_rows(i, event))
    prepared.facets, prepared.points = _facets(prepared.events, prepared.actors)


def _facets(events: Sequence[r.Row], actors: Iterable[r.Row]) -> tuple[list[str], list[r.Row]]:
    """Facets and points of a document from its prepared event and actor rows."""
    by_event: list[list[str]] = [[] for _ in events]
    for ordinal, _, entity_id in actors:
        by_event[ordinal].append(entity_id)
    summaries: list[facets.EventSummary] = [
        (None, _facet_fields(row), ids) for row, ids in zip(events, by_event, strict=True)
    ]
    found, points = facets.facet_values(summaries)
    return found, list(points)


def document_row(prepared: PreparedDocument, stored_id: str, cluster_id: str, now: str) -> tuple[Any, ...]:
    """The new ``documents`` row of ``prepared`` (``DOCUMENT_COLUMNS`` order)."""
    extracted_at = None if prepared.outcome[0] == "pending" else now
    return (
        *(stored_id, cluster_id, now, extracted_at, prepared.digest, prepared.text),
        *prepared.document,
        *prepared.outcome,
    )
