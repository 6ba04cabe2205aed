"""``ingest_documents``: every source to Documents (or InputErrors), in a stable order."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator, Sequence
from typing import BinaryIO

from marsad.ingest.common import (
    STDIN_SOURCE,
    Context,
    InputError,
    Source,
    os_reason,
    read_head,
    read_limited,
    replay,
    stdin_stream,
)
from marsad.ingest.csvfile import read_csv
from marsad.ingest.jsonl import read_jsonl
from marsad.ingest.options import Format, IngestOptions, IngestStats
from marsad.ingest.sources import expand_sources, sniff_format
from marsad.ingest.telegram import read_telegram
from marsad.ingest.text import read_text
from marsad.io.encoding import SNIFF_BYTES
from marsad.model import Document

_DEFAULT_OPTIONS = IngestOptions()


def ingest_documents(
    sources: Sequence[str],
    options: IngestOptions = _DEFAULT_OPTIONS,
    *,
    stats: IngestStats | None = None,
) -> Iterator[Document | InputError]:
    """Yield a Document for every readable input document and an InputError for every one that is not.

    ``sources`` are files, directories (read recursively, sorted by name) and "-" for standard input
    (also used when ``sources`` is empty). Bad input never raises: each file, line, row or message that
    cannot be read is an ``InputError`` (source, line, reason, code) and reading goes on. ``stats``, if
    given, is filled in as the iterator is consumed.
    """
    stats = stats if stats is not None else IngestStats()
    ctx = Context(options, stats)
    for item in expand_sources(sources, options, stats):
        if isinstance(item, InputError):
            stats.errors += 1
            yield item
            continue
        stats.files += 1
        for out in _read_source(item, ctx):
            if isinstance(out, InputError):
                stats.errors += 1
            else:
                stats.documents += 1
            yield out


def _read_source(src: Source, ctx: Context) -> Iterator[Document | InputError]:
    opened = _open(src)
    if isinstance(opened, InputError):
        yield opened
        return
    stream, size = opened
    try:
        fmt = src.fmt
        if fmt is None:
            try:
                head = read_head(stream, SNIFF_BYTES)
            except OSError as err:
                yield InputError(src.where, None, os_reason(err, src.where), "io")
                return
            fmt = sniff_format(head, ctx.options.text_column)
            stream = replay(head, stream)
        yield from _dispatch(Source(src.path, fmt, src.prefix), fmt, stream, size, ctx)
    finally:
        if src.path is not None:
            stream.close()


def _dispatch(
    src: Source, fmt: Format, stream: BinaryIO, size: int | None, ctx: Context
) -> Iterator[Document | InputError]:
    if fmt in ("text", "html"):
        data = read_limited(stream, src.where, ctx.options.max_bytes, size)
        if isinstance(data, InputError):
            yield data
        elif fmt == "text":
            yield read_text(src, data, ctx)
        else:
            from marsad.ingest.html import read_html  # trafilatura and lxml load only for HTML

            yield read_html(src, data, ctx)
    elif fmt == "jsonl":
        yield from read_jsonl(src, stream, ctx)
    elif fmt == "csv":
        yield from read_csv(src, stream, ctx)
    else:
        yield from read_telegram(src, stream, ctx, size)


def _open(src: Source) -> tuple[BinaryIO, int | None] | InputError:
    """The byte stream of a source and its size when known (regular files)."""
    if src.path is None:
        stream = stdin_stream()
        if stream is None:
            return InputError(STDIN_SOURCE, None, "standard input is not available", "io")
        return stream, None
    try:
        handle = open(src.path, "rb")  # noqa: SIM115 - closed by the caller
    except OSError as err:
        return InputError(src.path, None, os_reason(err, src.path), "io")
    try:
        info = os.fstat(handle.fileno())
    except OSError:
        return handle, None
    if stat.S_ISDIR(info.st_mode):
        handle.close()
        return InputError(src.path, None, "is a directory", "io")
    return handle, info.st_size if stat.S_ISREG(info.st_mode) else None
