"""Export events as ACLED CSV, PLOVER JSON Lines, GeoJSON, JSON Lines or Parquet (docs/export.md).

>>> summary = export_events("acled-csv", items, "events.csv", ExportOptions(bom=True))  # doctest: +SKIP

Every writer streams: items are read one at a time from any iterable (a store cursor, a generator) and
rows go out as they are made, so memory does not grow with the number of events (Parquet keeps one row
group, 10,000 rows, in memory).
"""

from __future__ import annotations

import io
import os
import time
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import BinaryIO

from marsad.export.common import ChunkWriter, EventView, FactsCache, is_asserted
from marsad.export.items import DocumentEvent, EventItem, items_from_documents

__all__ = [
    "FORMATS",
    "DocumentEvent",
    "EventItem",
    "ExportOptions",
    "ExportSummary",
    "export_events",
    "items_from_documents",
]

FORMATS: tuple[str, ...] = ("acled-csv", "plover-jsonl", "geojson", "jsonl", "parquet")
# Formats that hold only events stated as having happened unless include_negated is set.
ASSERTED_ONLY = frozenset({"acled-csv", "geojson"})


@dataclass(frozen=True, slots=True)
class ExportOptions:
    """How to export.

    ``bom``: start the ACLED CSV with a UTF-8 byte order mark (Excel then reads Arabic correctly).
    ``include_negated``: also write negated and non-asserted (future, hypothetical, requested) events to
    ACLED CSV and GeoJSON, which by default hold only events that happened, as ACLED codes them;
    PLOVER, JSON Lines and Parquet always keep them, with their modality.
    ``corpus``: PLOVER ``cite_info.corpus`` and the prefix of PLOVER ids.
    ``timestamp``: ACLED's ``timestamp`` column (Unix seconds); None means the time of the export.
    ``row_group_size``: rows per Parquet row group.
    """

    bom: bool = False
    include_negated: bool = False
    corpus: str = "marsad"
    timestamp: int | None = None
    row_group_size: int = 10_000


@dataclass(slots=True)
class ExportSummary:
    """How many events were written, and how many were left out and why (e.g. ``{"not located": 3}``)."""

    written: int
    skipped: dict[str, int] = field(default_factory=dict)


def _views(
    fmt: str, items: Iterable[EventItem], options: ExportOptions, skipped: Counter[str]
) -> Iterator[EventView]:
    """The items the format takes, as views, counting the others by reason."""
    from marsad.export.acled import has_acled_type

    cache = FactsCache()
    for item in items:
        event = item.event
        if fmt in ASSERTED_ONLY and not options.include_negated and not is_asserted(event):
            skipped["negated" if event.negated else event.modality] += 1
            continue
        view = EventView(item, cache.get(item.document))
        if fmt == "acled-csv" and not has_acled_type(view):
            skipped["no ACLED type"] += 1
            continue
        if fmt == "geojson" and view.lat_lon() is None:
            skipped["not located"] += 1
            continue
        yield view


def _binary(out: object) -> BinaryIO:
    if isinstance(out, io.TextIOBase):
        buffer = getattr(out, "buffer", None)
        if buffer is None:
            raise TypeError("export_events writes bytes: give a binary stream (sys.stdout.buffer) or a path")
        out.flush()
        return buffer
    if not hasattr(out, "write"):
        raise TypeError(f"cannot write to {type(out).__name__}: give a path or a binary stream")
    return out  # type: ignore[return-value]


@contextmanager
def _sink(out: BinaryIO | str | os.PathLike[str]) -> Iterator[BinaryIO]:
    """A binary stream for ``out``: a path is opened (and closed) here, a stream is used as given (and
    flushed, not closed)."""
    if isinstance(out, str | os.PathLike):
        with open(out, "wb") as fh:
            yield fh
    else:
        stream = _binary(out)
        yield stream
        stream.flush()


def export_events(
    fmt: str,
    items: Iterable[EventItem],
    out: BinaryIO | str | os.PathLike[str],
    options: ExportOptions = ExportOptions(),
) -> ExportSummary:
    """Write ``items`` to ``out`` in format ``fmt`` (one of :data:`FORMATS`); returns what was written
    and what was skipped. ``out`` is a path or a binary stream; Parquet needs a path or a binary file."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}: use one of {', '.join(FORMATS)}")
    if options.row_group_size < 1:
        raise ValueError("row_group_size must be at least 1")
    skipped: Counter[str] = Counter()
    timestamp = options.timestamp if options.timestamp is not None else int(time.time())
    views = _views(fmt, items, options, skipped)
    if fmt == "parquet":
        from marsad.export.parquet import write_parquet

        where = os.fspath(out) if isinstance(out, str | os.PathLike) else _binary(out)
        written = write_parquet(views, where, timestamp, options.row_group_size)
        if not isinstance(where, str):
            where.flush()
        return ExportSummary(written, dict(skipped))
    with _sink(out) as stream:
        chunks = ChunkWriter(stream)
        if fmt == "acled-csv":
            from marsad.export.acled import write_acled_csv

            written = write_acled_csv(views, chunks, options.bom, timestamp)
        elif fmt == "plover-jsonl":
            from marsad.export.plover import write_plover_jsonl

            written = write_plover_jsonl(views, chunks, options.corpus)
        elif fmt == "geojson":
            from marsad.export.geojson import write_geojson

            written = write_geojson(views, chunks)
        else:
            from marsad.export.jsonl import write_jsonl

            written = write_jsonl(views, chunks)
        chunks.flush()
    return ExportSummary(written, dict(skipped))
