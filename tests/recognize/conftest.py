"""One default pipeline for the recognition tests (loading it builds the gazetteer index once)."""

from __future__ import annotations

import pytest

from marsad.model import Document, Label
from marsad.pipeline import Pipeline


@pytest.fixture(scope="session")
def nlp() -> Pipeline:
    return Pipeline.default()


def run(nlp: Pipeline, text: str, **kw: object) -> Document:
    """Process ``text`` and check the offset invariant on every mention."""
    doc = nlp(Document(id="t", text=text, **kw))  # type: ignore[arg-type]
    for m in doc.mentions:
        assert text[m.start : m.end] == m.text
    return doc


def texts(doc: Document, label: Label) -> list[str]:
    return [m.text for m in doc.mentions if m.label == label]
