"""JSON Lines: one JSON object per line, streamed, with configurable column names.

Decoding follows ``marsad extract`` (marsad.io.readers): UTF-8 with a per-input fallback to a detected
single-byte encoding, UTF-16/32 with a BOM, an explicit ``--encoding``; lines over the size limit are
skipped without being held in memory; every bad line is an InputError with its line number.
"""

from __future__ import annotations

import codecs
import io
from collections.abc import Iterator
from typing import BinaryIO

import orjson

from marsad.ingest.common import (
    Context,
    InputError,
    Source,
    is_blank,
    log,
    os_reason,
    replay,
    too_large,
    warn_detected,
)
from marsad.ingest.records import json_type, record_document
from marsad.io.encoding import binary_reason, bom_encoding, detect_and_decode, sniff_binary
from marsad.io.readers import (
    _decode_fallback,
    _is_ascii_compatible,
    _lines,
    _read_head,
    _undetected_line,
)
from marsad.model import Document

_Line = tuple[int, str, str | None]  # line number, decoded line, encoding to record (None = UTF-8)


def read_jsonl(src: Source, stream: BinaryIO, ctx: Context) -> Iterator[Document | InputError]:
    """One Document or InputError per non-blank line of a JSON Lines input."""
    for item in _decoded_lines(src, stream, ctx):
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


def _decoded_lines(src: Source, stream: BinaryIO, ctx: Context) -> Iterator[_Line | InputError]:
    """Decoded non-blank lines of a JSON Lines input, or InputErrors for lines that cannot be decoded."""
    where = src.where
    options = ctx.options
    try:
        head = _read_head(stream)
    except OSError as err:
        yield InputError(where, None, os_reason(err, where), "io")
        return
    if not head:
        yield InputError(where, None, "input is empty (0 bytes)", "empty")
        return
    kind = sniff_binary(head)
    if kind is not None:
        yield InputError(where, None, binary_reason(kind), "binary")
        return
    reader = replay(head, stream)
    codec: str | None = None  # None = UTF-8 with a detected fallback
    recorded: str | None = None
    if options.encoding is not None:
        try:
            codec = codecs.lookup(options.encoding).name
        except LookupError:
            yield InputError(
                where, None, f"unknown encoding {options.encoding!r}; use e.g. utf-8 or cp1256", "encoding"
            )
            return
        recorded = None if codec == "utf-8" else codec
    else:
        bom = bom_encoding(head)
        if bom is not None and bom[0] != "utf-8-sig":
            codec = recorded = bom[0]
        elif bom is None and b"\x00" in head:
            guess = detect_and_decode(head[: len(head) - len(head) % 4])
            if guess is None or not (guess.encoding or "").startswith("utf-"):
                yield InputError(
                    where, None, "contains NUL bytes: this looks like a binary file, not text", "binary"
                )
                return
            codec = recorded = guess.encoding
            log.warning("%s: decoded as %s without a BOM (detected)", where, codec)
    if codec is not None and not _is_ascii_compatible(codec):
        yield from _wide_lines(where, reader, codec, recorded, options.max_bytes)
        return
    found = False
    fallback: str | None = None
    for lineno, content, size in _lines(reader, options.max_bytes, b"\n", b"\r"):
        if content is None:
            found = True
            yield too_large(where, lineno, size, options.max_bytes)
            continue
        if lineno == 1 and content.startswith(codecs.BOM_UTF8):
            content = content[len(codecs.BOM_UTF8) :]
        if not content.strip():
            continue
        found = True
        line_encoding = recorded
        try:
            text = content.decode(codec or "utf-8")
        except UnicodeDecodeError as err:
            if codec is not None:
                yield InputError(
                    where,
                    lineno,
                    f"cannot decode as {options.encoding}: invalid byte 0x{content[err.start]:02X} at byte "
                    f"offset {err.start} of the line; check the --encoding value",
                    "encoding",
                )
                continue
            decoded = _decode_fallback(content, fallback, reader)
            if decoded is None:
                yield InputError(where, lineno, _undetected_line(content, err), "encoding")
                continue
            if fallback is None:
                fallback = decoded.encoding
                warn_detected(where, lineno, decoded)
            text, line_encoding = decoded.text, decoded.encoding
        yield lineno, text, line_encoding
    if not found:
        yield InputError(where, None, "input contains only blank lines", "empty")


def _wide_lines(
    where: str, reader: io.BufferedReader, codec: str, recorded: str | None, max_bytes: int
) -> Iterator[_Line | InputError]:
    """Lines of a UTF-16/32 input, decoded as a text stream."""
    unit = 4 if "32" in codec else 2
    limit = max(1, max_bytes // unit)
    text_reader = io.TextIOWrapper(reader, encoding=codec, errors="strict", newline="\n")
    lines = _lines(text_reader, limit, "\n", "\r")
    found = False
    lineno = 0
    while True:
        try:
            item = next(lines, None)
        except UnicodeDecodeError as err:
            yield InputError(
                where,
                lineno + 1,
                f"cannot decode as {codec}: {err.reason}; the rest of the input is skipped",
                "encoding",
            )
            return
        if item is None:
            break
        lineno, content, size = item
        if content is None:
            found = True
            yield too_large(where, lineno, size * unit, max_bytes)
            continue
        if lineno == 1:
            content = content.lstrip("\ufeff")
        if is_blank(content):
            continue
        found = True
        yield lineno, content, recorded
    if not found:
        yield InputError(where, None, "input contains only blank lines", "empty")
