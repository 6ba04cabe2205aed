"""Fixtures shared across test packages: small realistic report corpora (written for the project;
factual and sober)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import orjson
import pytest
import sqlalchemy as sa

from marsad.model import Document
from marsad.store import Store

_PLACES = ["اللطامنة", "كفرزيتا", "مورك", "حلفايا", "صوران", "طيبة الإمام", "معردس", "قمحانة"]
_TEMPLATES = [
    "قالت هيئة تحرير الشام في بيان إن مقاتليها اشتبكوا مع قوات النظام على أطراف {p} في ريف حماة "
    "الشمالي صباح يوم {d} من الشهر، وأضاف البيان أن الاشتباكات استمرت ساعات.",
    "أفاد المرصد السوري لحقوق الإنسان بأن قصفاً مدفعياً استهدف بلدة {p} بريف حماة، ما أدى إلى "
    "مقتل {n} مدنيين وإصابة آخرين، بحسب ما نقله المرصد عن مصادر محلية.",
    "أعلنت حركة أحرار الشام يوم {d} سيطرتها على قرية {p} بعد معارك مع قوات النظام استمرت يومين، فيما نفى "
    "مصدر عسكري حكومي ذلك وقال إن القوات ما زالت تسيطر على المنطقة.",
]


def corpus_records(n: int) -> list[dict[str, object]]:
    """``n`` (≤ 216) distinct short reports with ids and publication dates."""
    out = []
    for i in range(n):
        text = _TEMPLATES[i % len(_TEMPLATES)].format(p=_PLACES[i % len(_PLACES)], d=i % 27 + 1, n=i % 5 + 2)
        out.append({"id": f"r{i:03d}", "text": text, "date": f"2017-04-{i % 27 + 1:02d}"})
    return out


@pytest.fixture
def report_records() -> Callable[[int], list[dict[str, object]]]:
    """A factory: ``report_records(n)`` gives ``n`` distinct short reports."""
    return corpus_records


def write_jsonl(path: Path, records: list[dict[str, object]]) -> Path:
    path.write_bytes(b"".join(orjson.dumps(r) + b"\n" for r in records))
    return path


@pytest.fixture
def corpus_docs() -> list[Document]:
    return [
        Document(id=str(r["id"]), text=str(r["text"]), published=str(r["date"])) for r in corpus_records(24)
    ]


# Every table of a store but the full-text index (compared through search) and the bookkeeping tables.
STORE_TABLES = (
    "documents",
    "clusters",
    "document_signatures",
    "lsh_bands",
    "entities",
    "mentions",
    "entity_index",
    "entity_keys",
    "events",
    "event_actors",
    "evidence",
    "document_facets",
    "document_points",
)
_STORAGE_TIMES = {"ingested_at", "extracted_at", "created_at"}


def store_rows(store: Store) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of the store's tables, storage times left out, sorted: two stores holding the same
    records compare equal column for column."""
    meta = sa.MetaData()
    meta.reflect(store.engine, only=STORE_TABLES)
    out: dict[str, list[tuple[Any, ...]]] = {}
    with store.engine.connect() as conn:
        for name in STORE_TABLES:
            columns = [c for c in meta.tables[name].columns if c.name not in _STORAGE_TIMES]
            out[name] = sorted(tuple(row) for row in conn.execute(sa.select(*columns)))
    return out


@pytest.fixture
def table_rows() -> Callable[[Store], dict[str, list[tuple[Any, ...]]]]:
    """``table_rows(store)``: every row of the store's tables (see ``store_rows``)."""
    return store_rows
