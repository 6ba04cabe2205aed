"""JSON Lines: one JSON object per line, streamed, with configurable column names.

Decoding is ``marsad extract``'s (``marsad.io.readers.decoded_lines``): UTF-8 with a per-input fallback
to a detected single-byte encoding, UTF-16/32 with a BOM, an explicit ``--encoding``; lines over the size
limit are skipped without being held in memory; every bad line is an InputError with its line number.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import BinaryIO

import orjson

from marsad.ingest.common import Context, InputError, Source
from marsad.ingest.records import json_type, record_document
from marsad.io.readers import decoded_lines
from marsad.model import Document


def read_jsonl(src: Source, stream: BinaryIO, ctx: Context) -> Iterator[Document | InputError]:
    """One Document or InputError per non-blank line of a JSON Lines input."""
    for item in decoded_lines(src.where, stream, ctx.options.encoding, ctx.options.max_bytes):
        if isinstance(item, InputError):
            yield item
            continue
        lineno, text, encoding = item
        yield _record(src, lineno, text, encoding, ctx)


def _record(src: Source, lineno: int, text: str, encoding: str | None, ctx: Context) -> Document | InputError:
    try:
        obj = orjson.loads(text)
    except orjson.JSONDecodeError as err:
        return InputError(
            src.where, lineno, f"invalid JSON: {err}; each line must be one complete JSON object", "json"
        )
    if not isinstance(obj, dict):
        return InputError(
            src.where,
            lineno,
            f"line is {json_type(obj)}, not a JSON object with a {ctx.options.text_column!r} field",
            "schema",
        )
    return record_document(
        obj,
        src,
        "jsonl",
        ctx,
        line=lineno,
        position={"line": lineno},
        fallback_id=f"{src.prefix}:{lineno}",
        encoding=encoding,
    )
