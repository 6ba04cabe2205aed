"""Documents prepared as rows away from the store (``marsad.store.prepared``): packed, unpacked and saved,
they give the same store as ``save_extractions``; a content stored earlier with another publication
date dates its events and facets by the stored date."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import sqlalchemy as sa
from store_cases import P1, corpus

from marsad.model import Document
from marsad.store import Store
from marsad.store.prepared import prepare, unpack_all
from marsad.store.records import date_prefix

TableRows = Callable[[Store], dict[str, list[tuple[Any, ...]]]]


def test_packed_documents_store_what_save_extractions_stores(
    store_url: str, tmp_path: Any, table_rows: TableRows
) -> None:
    docs = corpus()
    failures = {docs[2].id: "parser: ValueError('boom')"}
    with Store.open(f"sqlite:///{tmp_path}/direct.db") as direct:
        direct.save_extractions(docs, P1, failures)
        expected = table_rows(direct)
        found = direct.search("قوات").total
    packed = [prepare(doc, None, P1, failures.get(doc.id)).pack() for doc in docs]
    assert [p.failure for p in packed] == [failures.get(doc.id) for doc in docs]
    with Store.open(store_url) as store:
        ids = store.save_prepared(unpack_all(packed))
        assert ids == [doc.id for doc in docs]
        assert table_rows(store) == expected
        assert store.search("قوات").total == found
        assert store.counts()["failed"] == 1


def test_events_are_dated_by_the_stored_publication_date(store: Store) -> None:
    """A content stored first (pending) with one publication date and extracted later from a copy with
    another: undated events sort by the stored date, as do the document's date facets."""
    doc = next(d for d in corpus() if any(e.date is None for e in d.events))
    stored_date, copy_date = "2016-01-31", "2018-12-01"
    store.add_documents([Document(doc.id, doc.text, published=stored_date)])
    doc.published = copy_date
    store.save_extractions([doc], P1)
    with store.engine.connect() as conn:
        sort_dates = list(conn.execute(sa.text("SELECT sort_date, order_date FROM events ORDER BY ordinal")))
        facets = set(conn.execute(sa.text("SELECT facet FROM document_facets")).scalars())
    expected = [date_prefix(e.date) or stored_date for e in doc.events]
    assert sort_dates == [(d, d) for d in expected]
    assert f"d:{stored_date}" in facets and f"pd:{stored_date}" in facets
    assert not any(copy_date in facet for facet in facets)
