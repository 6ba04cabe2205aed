"""Fixtures of the export tests (the documents themselves are built in export_cases.py)."""

from __future__ import annotations

import pytest
from export_cases import REPORTS, EdgeCase, build_edge_case

from marsad.export import DocumentEvent, items_from_documents
from marsad.model import Document


@pytest.fixture(scope="session")
def extracted() -> list[Document]:
    """The REPORTS run through the default pipeline."""
    from marsad.pipeline import Pipeline

    nlp = Pipeline.default()
    docs = [
        nlp(Document(id=doc_id, text=text, published=published, source="marsad test corpus"))
        for doc_id, published, text in REPORTS
    ]
    assert sum(len(d.events) for d in docs) >= 4, "the pipeline found too few events to test exports"
    return docs


@pytest.fixture()
def extracted_items(extracted: list[Document]) -> list[DocumentEvent]:
    return list(items_from_documents(extracted))


@pytest.fixture()
def edge() -> EdgeCase:
    return build_edge_case()
