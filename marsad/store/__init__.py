"""The corpus store: documents, analysis, near-duplicate clusters, Arabic-aware search, review and audit.

SQLite by default (one file, WAL), PostgreSQL through the same SQLAlchemy Core code, chosen by URL.
See docs/store.md.
"""

from marsad.store.dedup import content_hash
from marsad.store.store import Store
from marsad.store.types import (
    EventRow,
    Filters,
    IngestResult,
    Producer,
    SearchHit,
    SearchResult,
    Snippet,
    StoredDoc,
    StoreError,
)

__all__ = [
    "EventRow",
    "Filters",
    "IngestResult",
    "Producer",
    "SearchHit",
    "SearchResult",
    "Snippet",
    "Store",
    "StoreError",
    "StoredDoc",
    "content_hash",
]
