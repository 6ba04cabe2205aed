"""Streaming: 20,000 items from a generator are written as they come (output reaches the stream long
before the generator is exhausted) in bounded memory; plus the API's argument checks."""

from __future__ import annotations

import io
import tracemalloc
from collections.abc import Iterator
from typing import BinaryIO, cast

import pytest
from export_cases import EdgeCase, build_edge_case

from marsad.export import FORMATS, DocumentEvent, ExportOptions, export_events, items_from_documents

N = 20_000


class CountingSink(io.RawIOBase):
    """A write-only, non-seekable binary stream that keeps only the number of bytes received."""

    def __init__(self) -> None:
        self.received = 0

    def writable(self) -> bool:
        return True

    def write(self, b: bytes) -> int:  # type: ignore[override]
        n = len(memoryview(b))
        self.received += n
        return n


def generate(edge: EdgeCase, sink: CountingSink, seen: dict[int, int], n: int = N) -> Iterator[DocumentEvent]:
    """``n`` items over the edge document's events, recording the bytes the sink had at some points."""
    events = edge.doc.events
    for i in range(1, n + 1):
        if i % 5_000 == 0:
            seen[i] = sink.received
        yield DocumentEvent(edge.doc, events[i % len(events)], i)


@pytest.mark.parametrize("fmt", FORMATS)
def test_output_is_written_while_items_are_still_coming(fmt: str) -> None:
    edge = build_edge_case()
    sink = CountingSink()
    seen: dict[int, int] = {}
    out = cast(BinaryIO, sink)
    summary = export_events(fmt, generate(edge, sink, seen), out, ExportOptions(include_negated=True))
    assert summary.written + sum(summary.skipped.values()) == N
    assert summary.written > 0
    # Text formats flush every 64 KiB; Parquet after each row group of 10,000 rows.
    assert seen[15_000] > 0, f"{fmt}: nothing was written before the last item was read"
    assert sink.received > seen[15_000]


def test_memory_stays_bounded() -> None:
    edge = build_edge_case()

    def peak(fmt: str, n: int) -> int:
        sink = CountingSink()
        tracemalloc.start()
        try:
            out = cast(BinaryIO, sink)
            export_events(fmt, generate(edge, sink, {}, n), out, ExportOptions(include_negated=True))
            return tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()

    for fmt in ("acled-csv", "plover-jsonl"):
        peak(fmt, 100)  # one-time loads (country table, trigger lexicon) are not per-event memory
        small, large = peak(fmt, 500), peak(fmt, 5_000)
        # ten times the events, not ten times the memory (output chunks and caches are fixed-size)
        assert large < small * 2 + 512 * 1024, (fmt, small, large)
        assert large < 8 * 1024 * 1024, (fmt, large)


def test_items_from_documents_numbers_lazily() -> None:
    docs_read: list[str] = []

    def docs() -> Iterator:
        for i in range(3):
            edge = build_edge_case()
            edge.doc.id = f"d{i}"
            docs_read.append(edge.doc.id)
            yield edge.doc

    stream = items_from_documents(docs(), start=10)
    first = next(stream)
    assert (first.document.id, first.event.id, first.number, first.review_status) == ("d0", "e1", 10, None)
    assert docs_read == ["d0"]
    rest = list(stream)
    assert [it.number for it in rest] == list(range(11, 25))


def test_argument_checks(edge: EdgeCase) -> None:
    with pytest.raises(ValueError, match="acled-csv"):
        export_events("csv", edge.items(), io.BytesIO())
    with pytest.raises(TypeError, match="binary"):
        export_events("jsonl", edge.items(), io.StringIO())  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="row_group_size"):
        export_events("parquet", edge.items(), io.BytesIO(), ExportOptions(row_group_size=0))


def test_a_text_stream_with_a_buffer_is_written_through_it(edge: EdgeCase) -> None:
    raw = io.BytesIO()
    text = io.TextIOWrapper(raw, encoding="utf-8")
    summary = export_events("jsonl", edge.items(), text)  # type: ignore[arg-type]
    assert summary.written == 5
    assert raw.getvalue().count(b"\n") == 5
