"""Helpers shared by the ingest tests."""

from __future__ import annotations

import io
import sys
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from marsad.ingest import IngestOptions, IngestStats, InputError, ingest_documents
from marsad.model import Document

FIXTURES = Path(__file__).parent / "fixtures"


def ingest(
    sources: list[str | Path], stats: IngestStats | None = None, **kwargs: Any
) -> list[Document | InputError]:
    return list(ingest_documents([str(s) for s in sources], IngestOptions(**kwargs), stats=stats))


def docs(items: list[Document | InputError]) -> list[Document]:
    return [item for item in items if isinstance(item, Document)]


def errors(items: list[Document | InputError]) -> list[InputError]:
    return [item for item in items if isinstance(item, InputError)]


def one_doc(items: list[Document | InputError]) -> Document:
    assert len(items) == 1, items
    assert isinstance(items[0], Document), items[0]
    return items[0]


def one_error(items: list[Document | InputError], code: str) -> InputError:
    assert len(items) == 1, items
    item = items[0]
    assert isinstance(item, InputError), item
    assert item.code == code, item
    return item


def write(path: Path, data: bytes | str, encoding: str = "utf-8") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode(encoding)
    path.write_bytes(data)
    return path


def fake_stdin(monkeypatch: pytest.MonkeyPatch, data: bytes) -> None:
    monkeypatch.setattr(sys, "stdin", SimpleNamespace(buffer=io.BytesIO(data)))
