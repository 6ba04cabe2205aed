"""The corpus store: documents, their analysis, near-duplicate clusters, full-text search, review and
audit, in SQLite (default) or PostgreSQL through one SQLAlchemy Core code path (docs/store.md)."""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import URL, Connection, Engine

from marsad import __version__
from marsad.gcpause import paused_gc
from marsad.model import Document, Entity, Event, check_span
from marsad.store import facets
from marsad.store import prepared as p
from marsad.store import records as r
from marsad.store import schema as s
from marsad.store.engine import create, describe_error, resolve_url
from marsad.store.filters import FilterSQL
from marsad.store.migrations import current_version, migrate
from marsad.store.prepared import PreparedDocument, prepare
from marsad.store.snippets import make_snippets
from marsad.store.terms import fts5_query, query_groups, tsquery
from marsad.store.types import (
    REVIEW_STATUSES,
    EventRow,
    Filters,
    IngestResult,
    Producer,
    SearchHit,
    SearchResult,
    StoredDoc,
    StoreError,
)
from marsad.store.writer import BatchWriter, Stored, bulk_insert, chunks, reserve_numbers

log = logging.getLogger(__name__)

NO_FILTERS = Filters()
RANK_WINDOW = 10_000  # at most this many matches are ranked (the most recently stored ones)
_BROAD = 1_000  # from this many matching documents, pages are found by walking the newest documents
_FEW_MATCHES = 8_000  # up to this many text matches, each is checked against the filters
_PG_SIMPLE: Any = sa.literal_column("'simple'::regconfig")


def _check_user(user: str) -> None:
    if not user or not user.strip():
        raise ValueError("a review needs the reviewing user's name")


def _span_in(text: str, span: Any) -> dict[str, Any]:
    """A {start, end, text} span of ``text`` from a reviewer's {start, end} (its text, if given, must
    match the document)."""
    try:
        start, end = int(span["start"]), int(span["end"])
    except (KeyError, TypeError, ValueError):
        raise ValueError("a span needs integer start and end character offsets") from None
    if not 0 <= start < end <= len(text):
        raise ValueError(f"span {start}-{end} is outside the document (0-{len(text)})")
    if span.get("text") is not None and span["text"] != text[start:end]:
        raise ValueError(f"span {start}-{end} does not hold the text {span['text']!r}")
    return {"start": start, "end": end, "text": text[start:end]}


class Store:
    """A corpus store. Open with ``Store.open(url)``; use as a context manager or call ``close``."""

    def __init__(self, engine: Engine, url: URL) -> None:
        self.engine = engine
        self._url = url
        self.url: str = url.render_as_string(hide_password=False)
        self.dialect: str = engine.dialect.name
        self.writes = 0  # corpus transactions through this object (caches of corpus reads compare it)

    # -- opening -----------------------------------------------------------------------------------

    @classmethod
    def open(cls, url: str | os.PathLike[str] | None = None) -> Store:
        """Open (and create or migrate) the store at ``url``: None → $MARSAD_DB or ``sqlite:///marsad.db``
        in the current directory; a bare path → a SQLite file (parent directories are created)."""
        parsed = resolve_url(url)
        try:
            engine = create(parsed)
        except sa.exc.SQLAlchemyError as err:
            raise describe_error(parsed, err) from err
        except OSError as err:
            raise StoreError(f"cannot create the database {parsed.database}: {err}") from err
        try:
            migrate(engine)
        except StoreError:
            engine.dispose()
            raise
        except sa.exc.SQLAlchemyError as err:
            engine.dispose()
            raise describe_error(parsed, err) from err
        return cls(engine, parsed)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Store({self._url.render_as_string(hide_password=True)!r})"

    @contextmanager
    def reading(self) -> Iterator[Connection]:
        """A connection for reads (readers never block the writer: WAL on SQLite, MVCC on PostgreSQL)."""
        try:
            with self.engine.connect() as conn:
                yield conn
        except (sa.exc.OperationalError, sa.exc.InterfaceError) as err:
            raise describe_error(self._url, err) from err

    @contextmanager
    def writing(self, corpus: bool = True) -> Iterator[Connection]:
        """One transaction: committed when the block ends, rolled back (nothing written) on any error.
        ``corpus=False`` says it leaves documents and their analysis alone (accounts), so caches of
        corpus reads stay valid."""
        try:
            with self.engine.connect().execution_options(marsad_write=True) as conn, conn.begin():
                yield conn
        except (sa.exc.OperationalError, sa.exc.InterfaceError) as err:
            raise describe_error(self._url, err) from err
        finally:
            if corpus:
                self.writes += 1

    def schema_version(self) -> int:
        with self.reading() as conn:
            return current_version(conn)

    # -- documents ---------------------------------------------------------------------------------

    def add_documents(self, docs: Sequence[Document]) -> IngestResult:
        """Store new documents (status "pending") in one transaction; exact repeats are reported as
        duplicates, near-duplicates join the cluster of the most similar stored document."""
        result = IngestResult(inserted=[], duplicates=[], clusters={})
        items = [prepare(doc) for doc in docs]
        with self.writing() as conn:
            writer = BatchWriter(conn, r.now_iso())
            for stored in writer.store_all(items):
                if stored.inserted:
                    result.inserted.append(stored.id)
                    result.clusters[stored.id] = stored.cluster_id
                else:
                    result.duplicates.append(stored.id)
            writer.flush()
        return result

    def lookup_hashes(self, hashes: Iterable[str]) -> dict[str, StoredDoc]:
        """Stored documents by content hash (hashes not stored are absent)."""
        values = sorted(set(hashes))
        out: dict[str, StoredDoc] = {}
        d = s.documents
        cols = [
            d.c.id,
            d.c.content_hash,
            d.c.status,
            d.c.producer_marsad,
            d.c.producer_knowledge,
            d.c.cluster_id,
        ]
        with self.reading() as conn:
            for chunk in chunks(values):
                for row in conn.execute(sa.select(*cols).where(d.c.content_hash.in_(chunk))).mappings():
                    out[row["content_hash"]] = StoredDoc(
                        id=row["id"],
                        content_hash=row["content_hash"],
                        status=row["status"],
                        producer=r.producer_of(row),
                        cluster_id=row["cluster_id"],
                    )
        return out

    def save_extractions(
        self, docs: Sequence[Document], producer: Producer, failures: Mapping[str, str] | None = None
    ) -> list[str]:
        """Store documents with their analysis in one transaction; returns the stored ids in input order.

        New content is stored first (as ``add_documents``); known content is matched by hash. Each
        document's mentions, entities, events and evidence replace what was stored; status becomes
        "extracted" with ``producer``. Documents named in ``failures`` (doc.id → reason) are stored with
        status "failed", the reason and no analysis. Documents with reviewed events are left untouched.
        """
        failures = failures or {}
        with paused_gc():
            return self.save_prepared([prepare(doc, None, producer, failures.get(doc.id)) for doc in docs])

    def save_prepared(self, items: Sequence[PreparedDocument]) -> list[str]:
        """``save_extractions`` for documents prepared already (``prepared.prepare`` with a producer):
        the transaction only looks up, numbers, clusters and inserts. Returns the stored ids."""
        ids: list[str] = []
        with paused_gc(), self.writing() as conn:
            now = r.now_iso()
            writer = BatchWriter(conn, now)
            pending: dict[int, tuple[Stored, PreparedDocument]] = {}
            status_rows: dict[int, dict[str, Any]] = {}  # documents stored before, with their new outcome
            touched: set[int] = set()
            for item, stored in zip(items, writer.store_all(items), strict=True):
                ids.append(stored.id)
                if not stored.inserted and self._has_reviews(conn, stored.num):
                    log.warning("document %s has reviewed events: its stored analysis is kept", stored.id)
                    continue
                if not stored.inserted and stored.num not in touched:
                    self._delete_analysis(conn, stored.num)
                touched.add(stored.num)
                if not stored.inserted:  # an inserted document got its outcome with its row
                    status_rows[stored.num] = {
                        "b_num": stored.num,
                        **dict(zip(p.OUTCOME_COLUMNS, item.outcome, strict=True)),
                        "extracted_at": now,
                    }
                if item.failure is not None:
                    pending.pop(stored.num, None)
                else:
                    pending[stored.num] = (stored, item)
            writer.flush()
            self._write_analysis(conn, list(pending.values()))
            if status_rows:
                d = s.documents
                conn.execute(
                    d.update()
                    .where(d.c.num == sa.bindparam("b_num"))
                    .values(
                        status=sa.bindparam("status"),
                        failure=sa.bindparam("failure"),
                        author=sa.bindparam("author"),
                        producer_marsad=sa.bindparam("producer_marsad"),
                        producer_knowledge=sa.bindparam("producer_knowledge"),
                        extracted_at=sa.bindparam("extracted_at"),
                    ),
                    list(status_rows.values()),
                )
        return ids

    def pending_documents(
        self, producer: Producer, reextract: bool = False, batch_size: int = 200
    ) -> Iterator[list[Document]]:
        """Batches of stored documents (text and metadata, no analysis) still to extract: status pending
        or failed; with ``reextract`` also those extracted by another producer, except documents with
        reviewed events. Pages by document number, so writing between batches is safe."""
        d, e = s.documents, s.events
        cond: Any = d.c.status.in_(("pending", "failed"))
        if reextract:
            reviewed = sa.exists(
                sa.select(sa.literal(1)).where(e.c.document_num == d.c.num, e.c.review_status.is_not(None))
            )
            stale = sa.and_(
                d.c.status == "extracted",
                sa.or_(
                    d.c.producer_marsad.is_distinct_from(producer.marsad),
                    d.c.producer_knowledge.is_distinct_from(producer.knowledge),
                ),
                ~reviewed,
            )
            cond = sa.or_(cond, stale)
        last = 0
        while True:
            with self.reading() as conn:
                rows = (
                    conn.execute(
                        sa.select(*self._doc_columns())
                        .where(d.c.num > last, cond)
                        .order_by(d.c.num)
                        .limit(max(1, batch_size))
                    )
                    .mappings()
                    .all()
                )
            if not rows:
                return
            last = rows[-1]["num"]
            yield [r.base_document(row) for row in rows]

    def get_document(self, doc_id: str) -> Document | None:
        """The stored document with its analysis (reviewed event values applied). ``meta`` gains
        cluster_id, content_hash, ingested_at, status, producer, event_numbers and review_status."""
        d = s.documents
        with self.reading() as conn:
            row = conn.execute(sa.select(*self._doc_columns()).where(d.c.id == doc_id)).mappings().first()
            if row is None:
                return None
            return self._load_documents(conn, [row])[0][row["num"]]

    def cluster_members(self, cluster_id: str) -> list[str]:
        """Stored ids of the documents in a near-duplicate cluster, oldest first."""
        d = s.documents
        with self.reading() as conn:
            return list(
                conn.execute(
                    sa.select(d.c.id).where(d.c.cluster_id == cluster_id).order_by(d.c.num)
                ).scalars()
            )

    def counts(self) -> dict[str, int]:
        """documents, pending, extracted, failed, events, mentions, entities (distinct ids), clusters,
        near_duplicates (documents in another's cluster), reviewed (events)."""
        d, e = s.documents, s.events
        out = dict.fromkeys(("documents", "pending", "extracted", "failed"), 0)
        with self.reading() as conn:
            for status, n in conn.execute(sa.select(d.c.status, sa.func.count()).group_by(d.c.status)):
                out[status] = int(n)
                out["documents"] += int(n)
            scalar = conn.execute(
                sa.select(
                    sa.select(sa.func.count()).select_from(e).scalar_subquery(),
                    sa.select(sa.func.count()).select_from(s.mentions).scalar_subquery(),
                    sa.select(sa.func.count()).select_from(s.entity_index).scalar_subquery(),
                    sa.select(sa.func.count()).select_from(s.clusters).scalar_subquery(),
                    sa.select(sa.func.count()).select_from(d).scalar_subquery()
                    - sa.select(sa.func.count()).select_from(s.clusters).scalar_subquery(),
                    sa.select(sa.func.count()).where(e.c.review_status.is_not(None)).scalar_subquery(),
                )
            ).one()
        for key, value in zip(
            ("events", "mentions", "entities", "clusters", "near_duplicates", "reviewed"), scalar, strict=True
        ):
            out[key] = int(value or 0)
        return out

    # -- search ------------------------------------------------------------------------------------

    def search(
        self, query: str | None, filters: Filters = NO_FILTERS, limit: int = 20, offset: int = 0
    ) -> SearchResult:
        """Documents matching every word of ``query`` (Arabic-aware, see ``terms``) and the filters,
        best first (newest first without a query), with highlighted snippets."""
        started = time.perf_counter()
        groups = query_groups(query) if query else []
        with self.reading() as conn:
            fsql = FilterSQL(conn, filters)
            parts = fsql.document_parts(conn)
            sources = fsql.document_condition(s.documents)
            page, total = self._search_rows(conn, groups, parts, sources, limit, offset)
            nums = [num for num, _ in page]
            info = self._hit_rows(conn, nums)
            events = self._hit_events(conn, nums, fsql)
        hits = []
        for num, score in page:
            row = info[num]
            ev_rows = events.get(num, [])
            hits.append(
                SearchHit(
                    document_id=row["id"],
                    title=row["title"],
                    source=row["source"],
                    published=row["published"],
                    url=row["url"],
                    cluster_id=row["cluster_id"],
                    score=float(score or 0.0),
                    snippets=make_snippets(row["text"], groups),
                    event_ids=[eid for eid, _ in ev_rows],
                    event_numbers=[n for _, n in ev_rows],
                )
            )
        return SearchResult(total=total, hits=hits, elapsed_ms=(time.perf_counter() - started) * 1000)

    def _search_rows(
        self,
        conn: Connection,
        groups: list[tuple[str, ...]],
        parts: list[tuple[Any, Any]] | None,
        sources: Any | None,
        limit: int,
        offset: int,
    ) -> tuple[list[tuple[int, float]], int]:
        """(document number, score) of one page, and the total. ``parts`` are the event filters as
        (SELECT of document numbers, correlated condition) pairs; ``sources`` the source condition."""
        d = s.documents
        limit, offset = max(0, int(limit)), max(0, int(offset))
        docset: Any = None
        if parts:
            docset = parts[0][0] if len(parts) == 1 else sa.intersect(*(p[0] for p in parts))

        def as_sets(key: Any) -> list[Any]:
            # The sets are built once and probed while the FTS matches or an index are walked. On SQLite
            # "key + 0" keeps the planner from probing rowids one by one instead (one FTS query, or one
            # documents row read, per member of a large set).
            probe = key + 0 if self.dialect == "sqlite" else key
            conds: list[Any] = []
            if docset is not None:
                conds.append(probe.in_(docset))
            if sources is not None:  # the source index is scanned, never the documents' rows
                conds.append(probe.in_(sa.select(d.c.num).where(sources)))
            return conds

        if not groups:
            order = [d.c.published_date.desc(), d.c.num.desc()]
            if self.dialect == "postgresql":
                order[0] = d.c.published_date.desc().nulls_last()
            if docset is not None and sources is None:
                total_q = sa.select(sa.func.count()).select_from(docset.subquery())
            else:
                total_q = sa.select(sa.func.count()).select_from(d).where(*as_sets(d.c.num))
            total = int(conn.execute(total_q).scalar_one())
            if total == 0 or offset >= total:
                return [], total
            if parts and total >= _BROAD and offset < _BROAD:
                # many matches: walk the newest documents and check each (a page is found quickly)
                conds = [check(d.c.num) for _, check in parts]
                if sources is not None:
                    conds.append(sources)
            else:
                conds = as_sets(d.c.num)
            q = sa.select(d.c.num).where(*conds).order_by(*order).limit(limit).offset(offset)
            return [(num, 0.0) for num in conn.execute(q).scalars()], total
        if self.dialect == "sqlite":
            fts = s.document_fts
            key = fts.c.rowid
            match: Any = sa.text("document_fts MATCH :fts_query").bindparams(fts_query=fts5_query(groups))
            score = (-sa.func.bm25(sa.literal_column("document_fts"))).label("score")
            source: Any = fts
        else:
            ds = s.document_search
            key = ds.c.document_num
            tsq = sa.func.to_tsquery(_PG_SIMPLE, sa.bindparam("tsq", tsquery(groups)))
            match = ds.c.vector.op("@@")(tsq)
            score = sa.func.ts_rank(ds.c.vector, tsq).label("score")
            source = ds
        conds = [match, *as_sets(key)]
        if parts:
            # Few text matches: check each against the filters (an index lookup apiece) rather than
            # building the filters' document set, which may hold most of the corpus.
            plain = conn.execute(sa.select(sa.func.count()).select_from(source).where(match)).scalar_one()
            if plain == 0:
                return [], 0
            if plain <= _FEW_MATCHES:
                conds = [match, *(check(key) for _, check in parts)]
                if sources is not None:
                    conds.append(
                        (key + 0 if self.dialect == "sqlite" else key).in_(sa.select(d.c.num).where(sources))
                    )
                # at most _FEW_MATCHES rows pass: rank them all in one pass, which also gives the total
                q = sa.select(key, score).select_from(source).where(*conds)
                ranked = conn.execute(q.order_by(sa.desc("score"), key)).all()
                return [(row[0], float(row[1])) for row in ranked[offset : offset + limit]], len(ranked)
        total = int(conn.execute(sa.select(sa.func.count()).select_from(source).where(*conds)).scalar_one())
        if total == 0 or offset >= total:
            return [], total
        if total > RANK_WINDOW and offset + limit <= RANK_WINDOW:
            # Ranking every match of a very common query costs ~1 µs a document; rank the RANK_WINDOW
            # most recently stored matches instead (the total stays exact).
            edge_q = sa.select(key).select_from(source).where(*conds).order_by(key.desc())
            edge = conn.execute(edge_q.limit(1).offset(RANK_WINDOW - 1)).scalar()
            if edge is not None:
                conds.append(key >= edge)
        q = sa.select(key, score).select_from(source).where(*conds)
        rows = conn.execute(q.order_by(sa.desc("score"), key).limit(limit).offset(offset)).all()
        return [(row[0], float(row[1])) for row in rows], total

    def _hit_rows(self, conn: Connection, nums: list[int]) -> dict[int, Any]:
        if not nums:
            return {}
        d = s.documents
        cols = [d.c.num, d.c.id, d.c.title, d.c.source, d.c.published, d.c.url, d.c.cluster_id, d.c.text]
        return {row["num"]: row for row in conn.execute(sa.select(*cols).where(d.c.num.in_(nums))).mappings()}

    def _hit_events(
        self, conn: Connection, nums: list[int], fsql: FilterSQL
    ) -> dict[int, list[tuple[str, int]]]:
        """(event id, number) of the events of a page's documents that pass the filters. The page's events
        are read by document and checked in Python: in SQL an index on a filtered column could lead and
        scan every matching event of the corpus."""
        if not nums:
            return {}
        ev, ea = s.events, s.event_actors
        cols = [
            ev.c.document_num,
            ev.c.event_id,
            ev.c.number,
            ev.c.review_status,
            ev.c.type_key,
            ev.c.acled_event_key,
            ev.c.acled_sub_key,
            ev.c.place,
            ev.c.place_admin1,
            ev.c.place_country,
            ev.c.lat,
            ev.c.lon,
            ev.c.sort_date,
        ]
        rows = conn.execute(
            sa.select(*cols).where(ev.c.document_num.in_(nums)).order_by(ev.c.document_num, ev.c.ordinal)
        ).all()
        actors: dict[int, set[str]] = {}
        if fsql.filters.actors and rows:
            for chunk in chunks([row.number for row in rows]):
                for number, entity_id in conn.execute(
                    sa.select(ea.c.event_number, ea.c.entity_id).where(ea.c.event_number.in_(chunk))
                ):
                    actors.setdefault(number, set()).add(entity_id)
        out: dict[int, list[tuple[str, int]]] = {}
        for row in rows:
            if fsql.event_passes(row, actors.get(row.number, set())):
                out.setdefault(row.document_num, []).append((row.event_id, row.number))
        return out

    # -- events ------------------------------------------------------------------------------------

    def iter_events(
        self, filters: Filters = NO_FILTERS, batch_size: int = 500, window_docs: int = 1000
    ) -> Iterator[EventRow]:
        """Stored events passing ``filters``, ordered by (event date or published date, document id,
        event order), with reviewed values applied. Rejected events only when ``filters.review`` asks.

        Event keys are read in pages of ``batch_size``; pages are gathered into a window of up to
        ``window_docs`` documents, each of which is loaded once for all its events in the window (a
        document's events mostly share a date, so they mostly share a window). Memory stays bounded by
        the window, whatever the size of the store."""
        d, ev = s.documents, s.events
        with self.reading() as conn:
            fsql = FilterSQL(conn, filters)
        cond = fsql.event_condition(ev)
        doc_cond = fsql.document_condition(d)
        if doc_cond is not None:
            cond = sa.and_(cond, ev.c.document_num.in_(sa.select(d.c.num).where(doc_cond)))
        order = (ev.c.order_date, ev.c.document_id, ev.c.ordinal)
        last: tuple[Any, ...] | None = None
        exhausted = False
        while not exhausted:
            window: list[tuple[int, int]] = []  # (event number, document number) in order
            nums: set[int] = set()
            with self.reading() as conn:
                while len(nums) < max(1, window_docs):
                    q = sa.select(ev.c.number, ev.c.document_num, *order).where(cond)
                    if last is not None:
                        q = q.where(sa.tuple_(*order) > sa.tuple_(*(sa.literal(v) for v in last)))
                    rows = conn.execute(q.order_by(*order).limit(max(1, batch_size))).all()
                    if not rows:
                        exhausted = True
                        break
                    window.extend((row[0], row[1]) for row in rows)
                    nums.update(row[1] for row in rows)
                    last = tuple(rows[-1][2:])
                if not window:
                    return
                doc_rows: list[Mapping[Any, Any]] = []
                for chunk in chunks(sorted(nums)):
                    doc_rows.extend(
                        conn.execute(sa.select(*self._doc_columns()).where(d.c.num.in_(chunk)))
                        .mappings()
                        .all()
                    )
                docs, by_number = self._load_documents(conn, doc_rows, [number for number, _ in window])
            for number, doc_num in window:
                event, status = by_number[number]
                yield EventRow(document=docs[doc_num], event=event, number=number, review_status=status)

    # -- review and audit --------------------------------------------------------------------------

    def review_event(
        self,
        number: int,
        status: str,
        user: str,
        changes: Mapping[str, Any] | None = None,
        note: str | None = None,
    ) -> None:
        """Record a review of event ``number``: accepted, edited (``changes`` = edited event fields) or
        rejected, with an optional note. Changes accumulate over reviews. An edited actor or place may
        name an entity of another stored document; it is added to this document's entities. Writes an
        audit_log row in the same transaction."""
        if status not in REVIEW_STATUSES:
            raise ValueError(f"review status {status!r}: use one of {', '.join(REVIEW_STATUSES)}")
        changes = dict(changes or {})
        if status == "edited" and not changes:
            raise ValueError("status 'edited' needs the changed fields")
        with self.writing() as conn:
            self._review(conn, number, status, user, changes, note, None, f"review.{status}")

    def merge_events(self, duplicate: int, keep: int, user: str, note: str | None = None) -> None:
        """Mark event ``duplicate`` as a duplicate of event ``keep``: the duplicate is rejected with a link
        to ``keep`` (exports leave it out); when both are in one document, ``keep`` gains the duplicate's
        trigger and evidence spans as evidence. Both changes are audited, in one transaction."""
        if duplicate == keep:
            raise ValueError("an event cannot be merged into itself")
        with self.writing() as conn:
            kept = self._review_row(conn, keep)
            if kept["review_status"] == "rejected":
                raise ValueError(f"event {keep} is rejected: merge into an event that stays")
            dup = self._review_row(conn, duplicate)
            self._review(conn, duplicate, "rejected", user, {}, note, keep, "review.merge")
            if dup["document_num"] != kept["document_num"]:
                return
            kept_event = r.apply_changes(
                r.event_dict(kept["data"], kept["text"]), r.loads(kept["changes"]) or {}
            )
            dup_event = r.apply_changes(r.event_dict(dup["data"], dup["text"]), r.loads(dup["changes"]) or {})
            spans = list(kept_event.evidence)
            for span in (dup_event.trigger, *dup_event.evidence):
                if all((span.start, span.end) != (old.start, old.end) for old in spans):
                    spans.append(span)
            if len(spans) > len(kept_event.evidence):
                evidence = [span.to_dict() for span in sorted(spans, key=lambda sp: (sp.start, sp.end))]
                status = "edited"
                self._review(conn, keep, status, user, {"evidence": evidence}, note, None, "review.merge")

    def create_event(
        self, document_id: str, fields: Mapping[str, Any], user: str, note: str | None = None
    ) -> int:
        """Add an event the extractor missed to a stored document, from a reviewer's selection of text.
        ``fields`` are Event fields (``type`` and ``trigger`` {start, end} needed; span texts are filled
        from the document and checked). The event is stored as accepted, with id ``r<number>``, and
        audited; returns its number."""
        _check_user(user)
        if not fields.get("type") or not isinstance(fields.get("trigger"), Mapping):
            raise ValueError("a new event needs a type and a trigger span {start, end}")
        unknown = sorted(set(fields) - r.EDITABLE_FIELDS)
        if unknown:
            raise ValueError(
                f"cannot set event field(s) {unknown}: settable are {', '.join(sorted(r.EDITABLE_FIELDS))}"
            )
        d, ev = s.documents, s.events
        with self.writing() as conn:
            doc = conn.execute(
                sa.select(d.c.num, d.c.text, d.c.published_date).where(d.c.id == document_id)
            ).first()
            if doc is None:
                raise KeyError(f"no stored document has id {document_id!r}")
            data = {**fields, "trigger": _span_in(doc.text, fields["trigger"])}
            data["evidence"] = [
                _span_in(doc.text, span) for span in fields.get("evidence") or [data["trigger"]]
            ]
            (number,) = reserve_numbers(conn, ev, 1)
            event = Event.from_dict({**data, "id": f"r{number}"})
            entities = self._entities_of(conn, doc.num)
            self._adopt_entities(conn, doc.num, event, entities)
            ordinal = conn.execute(
                sa.select(sa.func.coalesce(sa.func.max(ev.c.ordinal) + 1, 0)).where(
                    ev.c.document_num == doc.num
                )
            ).scalar_one()
            producer = Producer(marsad=__version__, knowledge="review")
            row = r.event_row(ordinal, event, entities, doc.published_date, producer, doc.text)
            bulk_insert(conn, "events", r.EVENT_COLUMNS, [(number, doc.num, document_id, *row)])
            conn.execute(ev.update().where(ev.c.number == number).values(review_status="accepted"))
            bulk_insert(conn, "event_actors", r.ACTOR_COLUMNS, r.actor_rows(number, event))
            bulk_insert(conn, "evidence", r.EVIDENCE_COLUMNS, r.evidence_rows(number, event))
            self._rewrite_facets(conn, doc.num)
            now = r.now_iso()
            conn.execute(
                s.reviews.insert().values(
                    event_number=number,
                    status="accepted",
                    user_name=user,
                    reviewed_at=now,
                    changes="{}",
                    note=note,
                )
            )
            self._audit(
                conn,
                user,
                "event.create",
                number,
                None,
                {"review_status": "accepted", "event": event.to_dict()},
                note,
            )
        return number

    @staticmethod
    def event_with_review(conn: Connection, number: int, *extra: Any) -> Any:
        """Event ``number``'s row with its review and its document's text and publication date (plus
        ``extra`` columns), or None."""
        ev, rv, d = s.events, s.reviews, s.documents
        q = sa.select(
            ev.c.number,
            ev.c.document_num,
            ev.c.data,
            ev.c.review_status,
            rv.c.changes,
            d.c.text,
            d.c.published_date,
            *extra,
        )
        q = q.select_from(ev.join(d, d.c.num == ev.c.document_num).outerjoin(rv)).where(ev.c.number == number)
        return conn.execute(q).mappings().first()

    def _review_row(self, conn: Connection, number: int) -> Any:
        row = self.event_with_review(conn, number)
        if row is None:
            raise KeyError(f"no stored event has number {number}")
        return row

    def _review(
        self,
        conn: Connection,
        number: int,
        status: str,
        user: str,
        changes: dict[str, Any],
        note: str | None,
        duplicate_of: int | None,
        action: str,
    ) -> None:
        """Apply one review inside the caller's transaction: the event's columns, actors, evidence and
        facets follow the reviewed values; the review row and an audit row are written."""
        _check_user(user)
        unknown = sorted(set(changes) - r.EDITABLE_FIELDS)
        if unknown:
            editable = ", ".join(sorted(r.EDITABLE_FIELDS))
            raise ValueError(f"cannot edit event field(s) {unknown}: editable are {editable}")
        ev, rv = s.events, s.reviews
        row = self._review_row(conn, number)
        data = r.event_dict(row["data"], row["text"])
        previous = r.loads(row["changes"]) or {}
        before = r.apply_changes(data, previous)
        merged = {**previous, **changes}
        after = r.apply_changes(data, merged)
        for span in (after.trigger, *after.evidence):
            check_span(row["text"], span.start, span.end, span.text)
        entities = self._entities_of(conn, row["document_num"])
        self._adopt_entities(conn, row["document_num"], after, entities)
        columns = r.event_columns(after, entities, row["published_date"])
        columns.pop("event_id")
        conn.execute(ev.update().where(ev.c.number == number).values(review_status=status, **columns))
        conn.execute(s.event_actors.delete().where(s.event_actors.c.event_number == number))
        conn.execute(s.evidence.delete().where(s.evidence.c.event_number == number))
        bulk_insert(conn, "event_actors", r.ACTOR_COLUMNS, r.actor_rows(number, after))
        bulk_insert(conn, "evidence", r.EVIDENCE_COLUMNS, r.evidence_rows(number, after))
        self._rewrite_facets(conn, row["document_num"])
        review = {
            "status": status,
            "user_name": user,
            "reviewed_at": r.now_iso(),
            "changes": r.dumps(merged),
            "duplicate_of": duplicate_of,
            "note": note,
        }
        if row["changes"] is None:
            conn.execute(rv.insert().values(event_number=number, **review))
        else:
            conn.execute(rv.update().where(rv.c.event_number == number).values(**review))
        self._audit(
            conn,
            user,
            action,
            number,
            {"review_status": row["review_status"], "event": before.to_dict()},
            {
                "review_status": status,
                "changes": merged,
                "duplicate_of": duplicate_of,
                "event": after.to_dict(),
            },
            note,
        )

    def _adopt_entities(self, conn: Connection, num: int, event: Event, entities: dict[str, Entity]) -> None:
        """Entities the event names that document ``num`` lacks are copied from another stored document
        (a reviewer picked an actor or place of the corpus); an id the store has never seen is refused."""
        wanted = [eid for eid in (event.actor1, event.actor2, *event.assoc_actors, event.place) if eid]
        missing = [eid for eid in dict.fromkeys(wanted) if eid not in entities]
        if not missing:
            return
        e = s.entities
        ordinal = len(entities)
        for eid in missing:
            found = conn.execute(
                sa.select(e.c.entity_id, e.c.kind, e.c.name, e.c.name_ar, e.c.attrs)
                .where(e.c.entity_id == eid)
                .limit(1)
            ).first()
            if found is None:
                raise ValueError(f"unknown entity {eid!r}: choose an actor or place the store knows")
            entity = r.entity_from_row(*found)
            entities[eid] = entity
            bulk_insert(conn, "entities", r.ENTITY_COLUMNS, [(num, *r.entity_row(ordinal, entity))])
            ordinal += 1

    @staticmethod
    def _audit(
        conn: Connection,
        user: str,
        action: str,
        number: int,
        before: Mapping[str, Any] | None,
        after: Mapping[str, Any],
        note: str | None,
    ) -> None:
        conn.execute(
            s.audit_log.insert().values(
                at=r.now_iso(),
                user_name=user,
                action=action,
                object_type="event",
                object_id=str(number),
                before=r.dumps(before) if before is not None else None,
                after=r.dumps({**after, "note": note} if note else after),
            )
        )

    def audit_trail(self, number: int) -> list[dict[str, Any]]:
        """The audit log of event ``number``, oldest first: id, at, user, action, object, before, after."""
        a = s.audit_log
        with self.reading() as conn:
            rows = conn.execute(
                sa.select(a).where(a.c.object_type == "event", a.c.object_id == str(number)).order_by(a.c.id)
            ).mappings()
            return [
                {
                    "id": row["id"],
                    "at": row["at"],
                    "user": row["user_name"],
                    "action": row["action"],
                    "object": f"{row['object_type']}:{row['object_id']}",
                    "before": r.loads(row["before"]),
                    "after": r.loads(row["after"]),
                }
                for row in rows
            ]

    # -- internals: writing ------------------------------------------------------------------------

    def _has_reviews(self, conn: Connection, num: int) -> bool:
        ev = s.events
        q = sa.select(ev.c.number).where(ev.c.document_num == num, ev.c.review_status.is_not(None)).limit(1)
        return conn.execute(q).first() is not None

    def _delete_analysis(self, conn: Connection, num: int) -> None:
        ev = s.events
        numbers = sa.select(ev.c.number).where(ev.c.document_num == num).scalar_subquery()
        conn.execute(s.evidence.delete().where(s.evidence.c.event_number.in_(numbers)))
        conn.execute(s.event_actors.delete().where(s.event_actors.c.event_number.in_(numbers)))
        conn.execute(ev.delete().where(ev.c.document_num == num))
        conn.execute(s.mentions.delete().where(s.mentions.c.document_num == num))
        conn.execute(s.entities.delete().where(s.entities.c.document_num == num))
        fc = s.document_facets
        conn.execute(fc.delete().where(fc.c.document_num == num, facets.keeps(fc.c.facet)))
        conn.execute(s.document_points.delete().where(s.document_points.c.document_num == num))

    def _write_analysis(self, conn: Connection, items: list[tuple[Stored, PreparedDocument]]) -> None:
        """Insert the analysis of the batch's documents: entities, mentions, the entity index, and the
        events (numbered up front) with their actors, evidence, facets and points."""
        bulk_insert(
            conn, "entities", r.ENTITY_COLUMNS, [(st.num, *row) for st, it in items for row in it.entities]
        )
        bulk_insert(
            conn, "mentions", r.MENTION_COLUMNS, [(st.num, *row) for st, it in items for row in it.mentions]
        )
        known: dict[str, r.Row] = {}
        keys: set[tuple[str, str]] = set()
        for _, item in items:
            for row in item.entity_index:
                known.setdefault(row[0], row)
            keys.update((key, entity_id) for key, entity_id in item.entity_keys)
        index_rows = [known[k] for k in sorted(known)]
        bulk_insert(conn, "entity_index", r.ENTITY_INDEX_COLUMNS, index_rows, ignore_existing=True)
        bulk_insert(conn, "entity_keys", ("key", "entity_id"), sorted(keys), ignore_existing=True)
        numbers = iter(reserve_numbers(conn, s.events, sum(len(item.events) for _, item in items)))
        event_rows: list[r.Row] = []
        actor_rows: list[r.Row] = []
        evidence_rows: list[r.Row] = []
        facet_rows: list[tuple[str, int]] = []
        point_rows: list[r.Row] = []
        for stored, item in items:
            if not item.events:
                continue
            if stored.published_date != item.published_date:
                item = item.with_published_date(stored.published_date)
            num = stored.num
            event_numbers = [next(numbers) for _ in item.events]
            event_rows.extend(
                (number, num, stored.id, *row) for number, row in zip(event_numbers, item.events, strict=True)
            )
            actor_rows.extend((event_numbers[ordinal], *rest) for ordinal, *rest in item.actors)
            evidence_rows.extend((event_numbers[ordinal], *rest) for ordinal, *rest in item.evidence)
            facet_rows.extend((facet, num) for facet in item.facets)
            point_rows.extend((num, lat, lon) for lat, lon in item.points)
        bulk_insert(conn, "events", r.EVENT_COLUMNS, event_rows)
        bulk_insert(conn, "event_actors", r.ACTOR_COLUMNS, actor_rows)
        bulk_insert(conn, "evidence", r.EVIDENCE_COLUMNS, evidence_rows)
        bulk_insert(conn, "document_facets", facets.FACET_COLUMNS, facet_rows)
        bulk_insert(conn, "document_points", facets.POINT_COLUMNS, point_rows)

    def _rewrite_facets(self, conn: Connection, num: int) -> None:
        """Recompute document ``num``'s facets from its stored events (after a review)."""
        ev, ea = s.events, s.event_actors
        cols = [ev.c.number, ev.c.review_status, *(ev.c[name] for name in facets.FIELDS)]
        rows = conn.execute(sa.select(*cols).where(ev.c.document_num == num)).all()
        actors: dict[int, list[str]] = {}
        q = sa.select(ea.c.event_number, ea.c.entity_id).where(
            ea.c.event_number.in_([row[0] for row in rows])
        )
        for number, entity_id in conn.execute(q):
            actors.setdefault(number, []).append(entity_id)
        f_rows, p_rows = facets.facet_rows(
            num, [(status, fields, actors.get(number, [])) for number, status, *fields in rows]
        )
        fc = s.document_facets
        conn.execute(fc.delete().where(fc.c.document_num == num, facets.keeps(fc.c.facet)))
        conn.execute(s.document_points.delete().where(s.document_points.c.document_num == num))
        bulk_insert(conn, "document_facets", facets.FACET_COLUMNS, f_rows)
        bulk_insert(conn, "document_points", facets.POINT_COLUMNS, p_rows)

    # -- internals: reading ------------------------------------------------------------------------

    @staticmethod
    def _doc_columns() -> list[Any]:
        d = s.documents
        return [
            d.c.num,
            d.c.id,
            d.c.content_hash,
            d.c.text,
            d.c.title,
            d.c.url,
            d.c.published,
            d.c.source,
            d.c.meta,
            d.c.author,
            d.c.status,
            d.c.failure,
            d.c.producer_marsad,
            d.c.producer_knowledge,
            d.c.extracted_at,
            d.c.ingested_at,
            d.c.cluster_id,
        ]

    @staticmethod
    def _entities_of(conn: Connection, num: int) -> dict[str, Entity]:
        e = s.entities
        q = (
            sa.select(e.c.entity_id, e.c.kind, e.c.name, e.c.name_ar, e.c.attrs)
            .where(e.c.document_num == num)
            .order_by(e.c.ordinal)
        )
        return {row[0]: r.entity_from_row(*row) for row in conn.execute(q)}

    def _load_documents(
        self, conn: Connection, rows: Sequence[Mapping[Any, Any]], events: Sequence[int] | None = None
    ) -> tuple[dict[int, Document], dict[int, tuple[Event, str | None]]]:
        """Documents with their analysis by document number, and (event, review status) by event number.
        With ``events`` (event numbers), only those events are read (into the documents' event lists)."""
        wanted = set(events) if events is not None else None
        docs: dict[int, Document] = {}
        for row in rows:
            doc = r.base_document(row)
            doc.author = r.author_of(row["author"])
            r.add_derived_meta(doc, row)
            doc.meta["event_numbers"] = {}
            doc.meta["review_status"] = {}
            docs[row["num"]] = doc
        nums = sorted(docs)
        e, m, ev, rv = s.entities, s.mentions, s.events, s.reviews
        by_number: dict[int, tuple[Event, str | None]] = {}
        for chunk in chunks(nums):
            for num, *entity in conn.execute(
                sa.select(e.c.document_num, e.c.entity_id, e.c.kind, e.c.name, e.c.name_ar, e.c.attrs)
                .where(e.c.document_num.in_(chunk))
                .order_by(e.c.document_num, e.c.ordinal)
            ):
                docs[num].add_entity(r.entity_from_row(*entity))
            mention_cols = [
                m.c.document_num,
                m.c.start_char,
                m.c.end_char,
                m.c.label,
                m.c.entity_id,
                m.c.text,
                m.c.confidence,
                m.c.component,
                m.c.attrs,
            ]
            for mention in conn.execute(
                sa.select(*mention_cols)
                .where(m.c.document_num.in_(chunk))
                .order_by(m.c.document_num, m.c.ordinal)
            ):
                doc = docs[mention.document_num]
                doc.mentions.append(r.mention_from_row(mention, doc.text))
            for number, num, data, status, changes in conn.execute(
                sa.select(ev.c.number, ev.c.document_num, ev.c.data, ev.c.review_status, rv.c.changes)
                .select_from(ev.outerjoin(rv))
                .where(ev.c.document_num.in_(chunk))
                .order_by(ev.c.document_num, ev.c.ordinal)
            ):
                if wanted is not None and number not in wanted:
                    continue
                loaded = r.event_dict(data, docs[num].text)
                event = r.apply_changes(loaded, r.loads(changes)) if changes else Event.from_dict(loaded)
                doc = docs[num]
                doc.events.append(event)
                doc.meta["event_numbers"][event.id] = number
                doc.meta["review_status"][event.id] = status
                by_number[number] = (event, status)
        return docs, by_number
