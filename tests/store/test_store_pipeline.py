"""The default pipeline's records survive the store unchanged, and are found by search."""

from __future__ import annotations

from typing import Any

from store_cases import ARREST, P1, PROTEST, SHELL

from marsad.model import Document
from marsad.store import Filters, Store


def test_pipeline_documents_round_trip(store: Store, pipeline: Any) -> None:
    docs = [
        pipeline(Document(id=f"p{i}", text=text, published=published, source="marsad test corpus"))
        for i, (text, published) in enumerate(
            [(SHELL, "2017-05-02"), (ARREST, "2017-06-11"), (PROTEST, "2017-07-07")]
        )
    ]
    expected = {d.id: d.to_dict() for d in docs}
    assert store.save_extractions(docs, P1) == ["p0", "p1", "p2"]
    for doc_id, data in expected.items():
        got = store.get_document(doc_id)
        assert got is not None
        out = got.to_dict()
        out["meta"] = {k: v for k, v in out["meta"].items() if k in data["meta"]}
        assert out == data
    events = list(store.iter_events())
    assert len(events) == sum(len(d.events) for d in docs)
    for row in events:
        for span in (row.event.trigger, *row.event.evidence):
            assert row.document.text[span.start : span.end] == span.text
    # whatever the recognizer found in Idlib is reachable by the place filter
    idlib = [e for e in docs[1].entities.values() if e.name_ar == "إدلب"]
    if idlib and any(ev.place == idlib[0].id for ev in docs[1].events):
        assert "p1" in [h.document_id for h in store.search(None, Filters(places=("إدلب",))).hits]
    assert [h.document_id for h in store.search("هيئة تحرير الشام").hits] == ["p1"]
