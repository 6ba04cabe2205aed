"""Writing one batch of documents inside a transaction: identity by content hash, stored ids, near-duplicate
clusters and the search index, with few statements per batch.

Lookups run once per batch (stored hashes, ids that could collide, LSH band keys of every new document and
the signatures of their candidates); bulk rows (tuples in a fixed column order) go through the DB-API
``executemany`` of the transaction's connection, skipping SQLAlchemy's per-row parameter processing.
New documents and events are numbered up front (``reserve_numbers``) so that they, and the rows that refer
to them, are inserted with one ``executemany`` each instead of one INSERT … RETURNING per row.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql as pg_dialect
from sqlalchemy.dialects import sqlite as sqlite_dialect
from sqlalchemy.engine import Connection

from marsad.store import dedup
from marsad.store import prepared as p
from marsad.store import records as r
from marsad.store import schema as s
from marsad.store.prepared import PreparedDocument
from marsad.store.types import StoreError

IN_CHUNK = 500  # values per IN (...) list


def chunks(values: Sequence[Any], size: int = IN_CHUNK) -> list[Sequence[Any]]:
    return [values[i : i + size] for i in range(0, len(values), size)]


def bulk_insert(
    conn: Connection,
    table: str,
    columns: Sequence[str],
    rows: Sequence[Sequence[Any]],
    values_sql: str | None = None,
    ignore_existing: bool = False,
) -> None:
    """INSERT ``rows`` (tuples of values in ``columns`` order) with one DB-API executemany in ``conn``'s
    transaction. ``values_sql`` may wrap placeholders in SQL, with ``{}`` standing for each placeholder in
    order; ``ignore_existing`` skips rows whose key is already stored."""
    if not rows:
        return
    mark = "?" if conn.dialect.paramstyle == "qmark" else "%s"
    quote = conn.dialect.identifier_preparer.quote
    marks = [mark] * len(columns)
    values = values_sql.format(*marks) if values_sql else ", ".join(marks)
    sql = f"INSERT INTO {quote(table)} ({', '.join(quote(c) for c in columns)}) VALUES ({values})"
    if ignore_existing:
        sql += " ON CONFLICT DO NOTHING"
    cursor = conn.connection.cursor()
    try:
        cursor.executemany(sql, rows)
    finally:
        cursor.close()


def reserve_numbers(conn: Connection, table: sa.Table, n: int) -> list[int]:
    """``n`` new values of ``table``'s autoincrement key, ascending, for rows inserted with explicit keys.

    SQLite: the values after both the largest key ever handed out (``sqlite_sequence``, kept by
    AUTOINCREMENT: keys of deleted rows are never reused) and the largest stored key; the write
    transaction (BEGIN IMMEDIATE) keeps other writers out until commit, and inserting the keys advances
    ``sqlite_sequence``. PostgreSQL: ``nextval`` of the key's sequence, safe with concurrent writers.
    """
    if n <= 0:
        return []
    key = next(iter(table.primary_key.columns))
    if conn.dialect.name == "postgresql":
        seq = sa.func.pg_get_serial_sequence(table.name, key.name)
        q = sa.select(sa.func.nextval(seq)).select_from(sa.func.generate_series(1, n))
        return sorted(conn.execute(q).scalars())
    seq_q = sa.text("SELECT seq FROM sqlite_sequence WHERE name = :name").bindparams(name=table.name)
    last = max(conn.execute(seq_q).scalar() or 0, conn.execute(sa.select(sa.func.max(key))).scalar() or 0)
    return list(range(last + 1, last + 1 + n))


@dataclass(slots=True)
class Stored:
    """A document row the batch touched."""

    id: str
    num: int
    cluster_id: str
    inserted: bool  # stored by this batch (False: the content was already there)
    published_date: str | None


@dataclass(slots=True)
class _New:
    """What prefetch worked out for a new content: its signature, band keys and stored candidates."""

    sig: np.ndarray | None
    keys: list[int]
    shared: Counter[int]


class BatchWriter:
    """Stores documents for one transaction. Rows that nothing in the batch reads back (signatures, band
    keys, clusters, search terms) are written together by ``flush``, which must run before commit."""

    def __init__(self, conn: Connection, now: str) -> None:
        self.conn = conn
        self.now = now
        self.dialect = conn.dialect.name
        self.by_hash: dict[str, Stored] = {}
        self.taken_ids: set[str] = set()
        self.new: dict[str, _New] = {}
        self.stored_sigs: dict[int, tuple[np.ndarray, str]] = {}  # candidates' signatures and clusters
        # near-duplicate index of the documents this batch inserted (not yet in lsh_bands)
        self.batch_bands: dict[int, list[int]] = {}
        self.batch_sigs: dict[int, tuple[np.ndarray, str]] = {}
        self._clusters: list[tuple[str, int, str]] = []  # cluster_id, founder_num, created_at
        self._signatures: list[tuple[int, bytes]] = []  # document_num, signature
        self._bands: list[tuple[int, int]] = []  # band_key, document_num
        self._terms: list[tuple[int, str]] = []  # document_num, search terms
        self._facets: list[tuple[str, int]] = []  # facet, document_num
        # built once per batch: its compiled form is cached, only the parameters change
        self._insert_document = (
            self._insert(s.documents).on_conflict_do_nothing().returning(s.documents.c.num)
        )

    # -- lookups in bulk -----------------------------------------------------------------------------

    def prefetch(self, items: Sequence[PreparedDocument]) -> None:
        """Look up, for the whole batch: stored contents, ids new documents could collide with, and the
        near-duplicate candidates (with their signatures) of every new content."""
        d, b, sg = s.documents, s.lsh_bands, s.document_signatures
        conn = self.conn
        cols = (d.c.num, d.c.id, d.c.cluster_id, d.c.published_date, d.c.content_hash)
        for chunk in chunks(sorted({item.digest for item in items} - set(self.by_hash))):
            for row in conn.execute(sa.select(*cols).where(d.c.content_hash.in_(chunk))):
                self.by_hash[row.content_hash] = Stored(
                    row.id, row.num, row.cluster_id, False, row.published_date
                )
        fresh = [item for item in items if item.digest not in self.by_hash]
        candidates = sorted({c for item in fresh for c in _id_candidates(item)})
        for chunk in chunks(candidates):
            self.taken_ids.update(conn.execute(sa.select(d.c.id).where(d.c.id.in_(chunk))).scalars())
        # LSH: every band key of every new content in a few queries
        by_key: dict[int, list[int]] = {}
        created: list[_New] = []
        for item in fresh:
            if item.digest in self.new:
                continue
            sig = dedup.from_bytes(item.signature) if item.signature is not None else None
            info = self.new[item.digest] = _New(sig, item.band_keys, Counter())
            created.append(info)
            for k in item.band_keys:
                by_key.setdefault(k, [])
        for chunk in chunks(sorted(by_key)):
            for key, num in conn.execute(
                sa.select(b.c.band_key, b.c.document_num).where(b.c.band_key.in_(chunk))
            ):
                by_key[key].append(num)
        wanted: set[int] = set()
        for info in created:
            for k in info.keys:
                info.shared.update(by_key[k])
            top = sorted(info.shared.items(), key=lambda kv: (-kv[1], kv[0]))[: dedup.MAX_CANDIDATES]
            info.shared = Counter(dict(top))
            wanted.update(info.shared)
        for chunk in chunks(sorted(wanted)):
            for num, blob, cluster_id in conn.execute(
                sa.select(sg.c.document_num, sg.c.signature, d.c.cluster_id)
                .select_from(sg.join(d, d.c.num == sg.c.document_num))
                .where(sg.c.document_num.in_(chunk))
            ):
                self.stored_sigs[num] = (dedup.from_bytes(blob), cluster_id)

    # -- documents -----------------------------------------------------------------------------------

    def store_all(self, items: Sequence[PreparedDocument]) -> list[Stored]:
        """The stored rows of the items' contents, in order: found by hash, or inserted now (with the
        item's outcome). New contents get their numbers up front and are inserted with one executemany.
        Should another writer store one of their contents or ids meanwhile (PostgreSQL), that insert is
        undone and the batch goes through ``store`` one document at a time, which resolves such
        conflicts."""
        self.prefetch(items)
        n_new = len({item.digest for item in items if item.digest in self.new})
        if n_new == 0:
            return [self.store(item) for item in items]
        nums = iter(reserve_numbers(self.conn, s.documents, n_new))
        before = self._snapshot()
        rows: list[r.Row] = []
        out: list[Stored] = []
        for item in items:
            info = self.new.get(item.digest)
            if info is None:
                out.append(self.store(item))
                continue
            cluster = self._find_cluster(info) if info.sig is not None else None
            stored_id = next((c for c in _id_candidates(item) if c not in self.taken_ids), None)
            if stored_id is None:
                raise StoreError(f"no free stored id for document {item.id!r}")
            num = next(nums)
            self.taken_ids.add(stored_id)
            rows.append((num, *p.document_row(item, stored_id, cluster or stored_id, self.now)))
            out.append(self._register(item, info, num, stored_id, cluster))
        savepoint = self.conn.begin_nested()
        bulk_insert(self.conn, "documents", ("num", *p.DOCUMENT_COLUMNS), rows, ignore_existing=True)
        if self._count_documents([row[0] for row in rows]) == len(rows):
            savepoint.commit()
            return out
        savepoint.rollback()
        self._restore(before)
        return [self.store(item) for item in items]

    def store(self, item: PreparedDocument) -> Stored:
        """The stored row for the item's content: found by hash, or inserted now (with its outcome)."""
        known = self.by_hash.get(item.digest)
        if known is not None:
            return Stored(known.id, known.num, known.cluster_id, False, known.published_date)
        info = self.new.get(item.digest)
        if info is None:  # not prefetched
            self.prefetch([item])
            return self.store(item)
        cluster = self._find_cluster(info) if info.sig is not None else None
        d = s.documents
        num: int | None = None
        stored_id = ""
        for stored_id in _id_candidates(item):
            if stored_id in self.taken_ids:
                continue
            row = p.document_row(item, stored_id, cluster or stored_id, self.now)
            values = dict(zip(p.DOCUMENT_COLUMNS, row, strict=True))
            num = self.conn.execute(self._insert_document, values).scalar()
            self.taken_ids.add(stored_id)
            if num is not None:
                break
            # another writer got there first: with the same content (then it is a duplicate) or the same id
            found = self.conn.execute(
                sa.select(d.c.num, d.c.id, d.c.cluster_id, d.c.published_date).where(
                    d.c.content_hash == item.digest
                )
            ).first()
            if found is not None:
                self.by_hash[item.digest] = Stored(
                    found.id, found.num, found.cluster_id, False, found.published_date
                )
                return self.store(item)
        if num is None:
            raise StoreError(f"no free stored id for document {item.id!r}")
        return self._register(item, info, num, stored_id, cluster)

    def _register(
        self, item: PreparedDocument, info: _New, num: int, stored_id: str, cluster: str | None
    ) -> Stored:
        """Note a document inserted as ``num``: its cluster, signature, band keys, search terms and
        publication-date facet (written by ``flush``), and its place in the batch's near-duplicate index."""
        cluster_id = cluster or stored_id
        if cluster is None:
            self._clusters.append((cluster_id, num, self.now))
        if info.sig is not None:
            assert item.signature is not None
            self._signatures.append((num, item.signature))
            self._bands.extend((k, num) for k in info.keys)
            for k in info.keys:
                self.batch_bands.setdefault(k, []).append(num)
            self.batch_sigs[num] = (info.sig, cluster_id)
        self._terms.append((num, item.terms))
        published = item.published_date
        if published:
            self._facets.append((f"pd:{published}", num))
        stored = Stored(stored_id, num, cluster_id, True, published)
        self.by_hash[item.digest] = stored
        del self.new[item.digest]
        return stored

    def _count_documents(self, nums: Sequence[int]) -> int:
        """How many of the document numbers ``nums`` are stored."""
        d = s.documents
        q = sa.select(sa.func.count()).select_from(d)
        return sum(
            int(self.conn.execute(q.where(d.c.num.in_(chunk))).scalar() or 0) for chunk in chunks(nums)
        )

    def _snapshot(self) -> tuple[Any, ...]:
        """The batch state ``store_all`` changes, for ``_restore``."""
        return (
            dict(self.by_hash),
            set(self.taken_ids),
            dict(self.new),
            {k: list(v) for k, v in self.batch_bands.items()},
            dict(self.batch_sigs),
            [list(rows) for rows in self._pending_rows()],
        )

    def _restore(self, state: tuple[Any, ...]) -> None:
        self.by_hash, self.taken_ids, self.new, self.batch_bands, self.batch_sigs, pending = state
        for rows, saved in zip(self._pending_rows(), pending, strict=True):
            rows[:] = saved

    def _pending_rows(self) -> tuple[list[Any], ...]:
        return (self._clusters, self._signatures, self._bands, self._terms, self._facets)

    def _find_cluster(self, info: _New) -> str | None:
        """The cluster of the most similar document (stored, or earlier in this batch) at or above the
        threshold; candidates are those sharing the most LSH bands, each checked on the full signature."""
        assert info.sig is not None
        shared = Counter(info.shared)
        for k in info.keys:
            for num in self.batch_bands.get(k, ()):
                shared[num] += 1
        best: tuple[float, int, str] | None = None
        for num, _ in sorted(shared.items(), key=lambda kv: (-kv[1], kv[0]))[: dedup.MAX_CANDIDATES]:
            known = self.batch_sigs.get(num) or self.stored_sigs.get(num)
            if known is None:
                continue
            sim = dedup.similarity(info.sig, known[0])
            if sim >= dedup.THRESHOLD and (best is None or (sim, -num) > (best[0], -best[1])):
                best = (sim, num, known[1])
        return best[2] if best else None

    # -- bulk writes ---------------------------------------------------------------------------------

    def flush(self) -> None:
        """Write the rows collected so far (call before commit)."""
        conn = self.conn
        bulk_insert(conn, "clusters", ("cluster_id", "founder_num", "created_at"), self._clusters)
        bulk_insert(conn, "document_signatures", ("document_num", "signature"), self._signatures)
        # in key order: each insert lands next to the previous one in the band index
        bulk_insert(conn, "lsh_bands", ("band_key", "document_num"), sorted(self._bands))
        if self.dialect == "sqlite":
            bulk_insert(conn, "document_fts", ("rowid", "terms"), self._terms)
        else:
            sql = "{}, to_tsvector('simple'::regconfig, {})"
            bulk_insert(conn, "document_search", ("document_num", "vector"), self._terms, sql)
        bulk_insert(conn, "document_facets", ("facet", "document_num"), self._facets)
        for rows in self._pending_rows():
            rows.clear()
        # flushed rows are now visible to queries: the batch index is no longer needed
        self.batch_bands.clear()
        self.stored_sigs.update(self.batch_sigs)
        self.batch_sigs.clear()

    def _insert(self, table: sa.Table) -> Any:
        """A dialect INSERT supporting ON CONFLICT DO NOTHING."""
        if self.dialect == "postgresql":
            return pg_dialect.insert(table)
        return sqlite_dialect.insert(table)


def _id_candidates(item: PreparedDocument) -> list[str]:
    """Stored ids to try, in order: the incoming id, then the id with a short and a longer hash suffix."""
    digest = item.digest
    base = item.id or f"doc-{digest[:12]}"
    return [base, f"{base}~{digest[:8]}", f"{base}~{digest[:16]}", f"{base}~{digest}"]
