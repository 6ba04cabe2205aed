"""CSV and TSV files: one document per row, with configurable columns.

The first non-empty row is the header. The delimiter is sniffed (comma, semicolon, tab, pipe) unless
given; the encoding is detected like for text (BOM, UTF-8, else a detected Arabic or Western single-byte
encoding) unless given. Quoted fields may span lines and hold delimiters and doubled quotes; a field's
text is kept exactly as decoded.
"""

from __future__ import annotations

import codecs
import csv
import io
import sys
from collections.abc import Iterator
from typing import Any, BinaryIO

from marsad.ingest.common import (
    Context,
    InputError,
    Source,
    is_blank,
    log,
    os_reason,
    read_head,
    replay,
)
from marsad.ingest.records import record_document, resolve_key
from marsad.ingest.sources import CSV_DELIMITERS
from marsad.io.encoding import (
    DETECT_BYTES,
    JSON_LETTER_SHARE,
    binary_reason,
    bom_encoding,
    detect_and_decode,
    display_name,
    likely_encodings,
    sniff_binary,
)
from marsad.io.readers import _is_ascii_compatible, warn_detected
from marsad.model import Document

_SNIFF_RECORDS = 50
_DELIMITER_NAMES = {",": "comma", ";": "semicolon", "\t": "tab", "|": "pipe"}


def read_csv(src: Source, stream: BinaryIO, ctx: Context) -> Iterator[Document | InputError]:
    """One Document per row with text; an InputError per row that cannot be read."""
    where = src.where
    options = ctx.options
    try:
        head = read_head(stream, DETECT_BYTES)
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
    whole = len(head) < DETECT_BYTES
    chosen = _choose_codec(where, head, whole, options.encoding)
    if isinstance(chosen, InputError):
        yield chosen
        return
    codec, recorded = chosen
    sample = codecs.getincrementaldecoder(codec)(errors="replace").decode(head, final=whole)
    sample = sample.lstrip("\ufeff")
    delimiter = options.delimiter or choose_delimiter(
        sample, whole, options.text_column, prefer_tab=(src.path or "").lower().endswith(".tsv")
    )
    _raise_field_limit(options.max_bytes + 1)
    lines = _text_lines(replay(head, stream), codec, "\n" in sample or "\r" not in sample, options.max_bytes)
    yield from _rows(src, lines, sample, delimiter, recorded, ctx)


class _LineProblem(Exception):
    """A physical line that cannot be decoded (or is too long); reading the file stops there."""

    def __init__(self, line: int, reason: str, code: str) -> None:
        super().__init__(reason)
        self.line = line
        self.reason = reason
        self.code = code


def _text_lines(reader: io.BufferedReader, codec: str, lf_lines: bool, max_bytes: int) -> Iterator[str]:
    """Decoded physical lines (line breaks kept) for csv.reader.

    ASCII-compatible encodings are decoded line by line, so an undecodable byte stops the file exactly
    at its line, after every row before it; UTF-16/32 and old-Mac (CR-only) files go through a text
    stream.
    """
    if codec == "utf-8-sig":
        if reader.peek(3)[:3] == codecs.BOM_UTF8:
            reader.read(3)
        codec = "utf-8"
    if not lf_lines or not _is_ascii_compatible(codec):
        lineno = 0
        text_stream = io.TextIOWrapper(reader, encoding=codec, errors="strict", newline="")
        try:
            for text in text_stream:
                lineno += 1
                yield text
        except UnicodeDecodeError as err:
            raise _LineProblem(
                lineno + 1,
                f"cannot decode as {display_name(codec)} ({err.reason}); the rest of the file is skipped",
                "encoding",
            ) from None
        return
    decoder = codecs.getincrementaldecoder(codec)("strict")
    limit = 4 * max_bytes + 1024 * 1024
    lineno = 0
    while True:
        raw = reader.readline(limit + 1)
        if not raw:
            break
        lineno += 1
        if len(raw) > limit:
            raise _LineProblem(
                lineno,
                f"a line is over {limit} bytes, beyond the per-document limit; "
                "the rest of the file is skipped",
                "too-large",
            )
        try:
            yield decoder.decode(raw)
        except UnicodeDecodeError as err:
            byte = raw[err.start : err.start + 1].hex().upper()
            raise _LineProblem(
                lineno,
                f"cannot decode as {display_name(codec)} (invalid byte 0x{byte} at byte offset {err.start} "
                "of the line); the rest of the file is skipped; re-run with --encoding (e.g. cp1256)",
                "encoding",
            ) from None
    try:
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        raise _LineProblem(
            lineno,
            "the file ends in the middle of a character: it looks truncated; the last row is skipped",
            "encoding",
        ) from None


def _rows(
    src: Source,
    lines: Iterator[str],
    sample: str,
    delimiter: str,
    encoding: str | None,
    ctx: Context,
) -> Iterator[Document | InputError]:
    where = src.where
    options = ctx.options
    reader = csv.reader(lines, delimiter=delimiter, strict=False)
    header: list[str] | None = None
    text_index = 0
    rowno = 0
    last_line = 0
    while True:
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as err:
            too_big = "field larger than field limit" in str(err)
            what = f"row {rowno + 1}" if header is not None else "header"
            yield InputError(
                where,
                last_line + 1,
                f"{what}: "
                + (
                    f"a field is over the per-document limit of {options.max_bytes} bytes"
                    if too_big
                    else f"malformed CSV ({err})"
                )
                + "; the rest of the file is skipped",
                "too-large" if too_big else "csv",
            )
            return
        except _LineProblem as problem:
            what = f"row {rowno + 1}" if header is not None else "header"
            yield InputError(where, problem.line, f"{what}: {problem.reason}", problem.code)
            return
        except OSError as err:
            yield InputError(where, None, os_reason(err, where), "io")
            return
        line = last_line + 1
        last_line = reader.line_num
        if not row:
            continue  # an empty line
        if header is None:
            if all(is_blank(cell) for cell in row):
                continue
            header = _header(row)
            found = resolve_key(dict.fromkeys(header), options.text_column)
            if found is None:
                yield InputError(
                    where, line, _missing_text_column(header, sample, delimiter, options), "schema"
                )
                return
            text_index = header.index(found)
            continue
        rowno += 1
        if all(is_blank(cell) for cell in row):
            ctx.stats.skip("csv-blank-row")
            continue
        label = f"row {rowno}: "
        if len(row) <= text_index:
            yield InputError(
                where,
                line,
                f"{label}the row has {len(row)} field(s) but the text is column {text_index + 1} "
                f"({header[text_index]!r}); check the quoting and the delimiter",
                "schema",
            )
            continue
        if len(row) > len(header) and not all(is_blank(cell) for cell in row[len(header) :]):
            yield InputError(
                where,
                line,
                f"{label}the row has {len(row)} fields but the header has {len(header)}; a field that "
                f"contains the delimiter ({_DELIMITER_NAMES.get(delimiter, repr(delimiter))}) must be quoted",
                "schema",
            )
            continue
        record: dict[str, Any] = {}
        for name, cell in zip(header, row, strict=False):
            record.setdefault(name, cell)
        yield record_document(
            record,
            src,
            "csv",
            ctx,
            line=line,
            position={"row": rowno, "line": line},
            fallback_id=f"{src.prefix}-{rowno}",
            label=label,
            encoding=encoding,
        )
    if header is None:
        yield InputError(where, None, "input contains no rows (only blank lines)", "empty")
    elif rowno == 0:
        yield InputError(where, None, "input has a header but no rows", "empty")


def _header(row: list[str]) -> list[str]:
    names = []
    for i, cell in enumerate(row):
        name = cell.strip().lstrip("\ufeff").strip()
        names.append(name or f"column{i + 1}")
    return names


def _missing_text_column(header: list[str], sample: str, delimiter: str, options: Any) -> str:
    shown = ", ".join(repr(name) for name in header[:12]) + (", ..." if len(header) > 12 else "")
    delim = _DELIMITER_NAMES.get(delimiter, repr(delimiter))
    reason = f"no {options.text_column!r} column in the header; columns found (delimiter: {delim}): {shown}"
    first = sample.split("\n", 1)[0].rstrip("\r")
    for other in CSV_DELIMITERS:
        if other == delimiter or other not in first:
            continue
        try:
            cells = next(csv.reader([first], delimiter=other))
        except (csv.Error, StopIteration):
            continue
        if resolve_key(dict.fromkeys(c.strip() for c in cells), options.text_column) is not None:
            arg = "'\\t'" if other == "\t" else repr(other)
            return (
                f"{reason}; the file looks {_DELIMITER_NAMES[other]}-separated: re-run with --delimiter {arg}"
            )
    return (
        f"{reason}; pass --text-column with the name of the column holding the text, "
        "or --delimiter if the columns are split wrongly"
    )


def choose_delimiter(sample: str, whole: bool, text_column: str, prefer_tab: bool = False) -> str:
    """The delimiter (comma, semicolon, tab, pipe) that splits the sample into the most regular table.

    A header naming the text column counts most, then rows having as many fields as the header, then
    the number of columns.
    """
    order = ("\t", ",", ";", "|") if prefer_tab else CSV_DELIMITERS
    best: tuple[Any, ...] | None = None
    chosen = order[0]
    for rank, delimiter in enumerate(order):
        records = _sample_records(sample, whole, delimiter)
        if not records or len(records[0]) < 2:
            continue
        width = len(records[0])
        body = records[1:] or records[:1]
        regular = sum(1 for r in body if len(r) == width) / len(body)
        has_text = resolve_key(dict.fromkeys(c.strip() for c in records[0]), text_column) is not None
        score = (has_text, regular >= 0.9, regular, width, -rank)
        if best is None or score > best:
            best, chosen = score, delimiter
    return chosen


def _sample_records(sample: str, whole: bool, delimiter: str) -> list[list[str]]:
    records: list[list[str]] = []
    reader = csv.reader(io.StringIO(sample, newline=""), delimiter=delimiter, strict=False)
    try:
        for row in reader:
            if row and not all(not cell.strip() for cell in row):
                records.append(row)
            if len(records) > _SNIFF_RECORDS:
                break
    except csv.Error:
        pass
    if not whole and len(records) > 1:
        records.pop()  # may be cut by the end of the sample
    return records


def _choose_codec(
    where: str, head: bytes, whole: bool, encoding: str | None
) -> tuple[str, str | None] | InputError:
    """(codec to decode with, name to record in meta or None for UTF-8)."""
    if encoding is not None:
        try:
            codec = codecs.lookup(encoding).name
        except LookupError:
            return InputError(
                where, None, f"unknown encoding {encoding!r}; use e.g. utf-8 or cp1256", "encoding"
            )
        return codec, None if codec == "utf-8" else codec
    bom = bom_encoding(head)
    if bom is not None:
        return bom[0], bom[1]
    if b"\x00" in head:
        guess = detect_and_decode(head[: len(head) - len(head) % 4])
        if guess is None or not (guess.encoding or "").startswith("utf-"):
            return InputError(
                where, None, "contains NUL bytes: this looks like a binary file, not text", "binary"
            )
        log.warning("%s: decoded as %s without a BOM (detected)", where, guess.encoding)
        return str(guess.encoding), guess.encoding
    probe = head
    if not whole:
        cut = head.rfind(b"\n")
        probe = head[: cut + 1] if cut > 0 else head
    try:
        probe.decode("utf-8")
    except UnicodeDecodeError as err:
        if whole and err.reason == "unexpected end of data" and err.end == len(probe):
            return "utf-8", None  # cut inside the last character: reported with its row
        guess = detect_and_decode(probe, min_letter_share=JSON_LETTER_SHARE)
        if guess is None or not guess.encoding:
            names = likely_encodings(probe)
            shown = " or ".join(display_name(n) for n in names[:3])
            byte = probe[err.start : err.start + 1].hex().upper()
            line = probe.count(b"\n", 0, err.start) + 1
            return InputError(
                where,
                None,
                f"not UTF-8 (invalid byte 0x{byte} at byte offset {err.start}, line {line}) and the encoding "
                f"could not be determined; likely {shown} — re-run with --encoding {names[0]}",
                "encoding",
            )
        warn_detected(where, None, guess)
        return str(guess.encoding), guess.encoding
    return "utf-8", None


def _raise_field_limit(wanted: int) -> None:
    """Let csv read fields up to ``wanted`` characters (the C long may be smaller than sys.maxsize)."""
    wanted = min(wanted, sys.maxsize)
    current = csv.field_size_limit()
    limit = wanted
    while limit > current:
        try:
            csv.field_size_limit(limit)
            return
        except OverflowError:
            limit //= 2


__all__ = ["choose_delimiter", "read_csv"]
