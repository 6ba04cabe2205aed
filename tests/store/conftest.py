"""Store test fixtures: the recognition pipeline and a filled store (``store`` and ``store_url``, a fresh
database on SQLite and PostgreSQL, come from tests/conftest.py)."""

from __future__ import annotations

from typing import Any

import pytest
from store_cases import P1, corpus

from marsad.store import Store


@pytest.fixture(scope="session")
def pipeline() -> Any:
    from marsad.pipeline import Pipeline

    return Pipeline.default()


@pytest.fixture
def filled(store: Store) -> Store:
    """The store with ``corpus()`` saved (variants-1 without analysis)."""
    docs = corpus()
    store.save_extractions(docs[:4], P1)
    store.add_documents(docs[4:])
    return store
