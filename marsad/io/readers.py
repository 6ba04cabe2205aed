"""Read input documents for ``marsad extract``: text files, directories, stdin and JSON Lines.

``read_documents`` yields a ``Document`` for every readable input and an ``InputError`` for every
input (a file, or one JSON line) that cannot be read; it never raises for bad input. Text is kept
exactly as decoded (no line-ending or Unicode normalization); only a leading BOM is dropped. JSON
Lines are streamed line by line, so inputs of any size use bounded memory.
"""

from __future__ import annotations

import codecs
import io
import logging
import os
import re
import stat
import sys
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import PurePath
from typing import IO, Any, AnyStr, BinaryIO, Literal

import orjson

from marsad.io.encoding import (
    CONTROL_SHARE_LIMIT,
    DETECT_BYTES,
    JSON_LETTER_SHARE,
    SNIFF_BYTES,
    Decoded,
    DecodeProblem,
    binary_reason,
    bom_encoding,
    decode_auto,
    decode_explicit,
    detect_and_decode,
    display_name,
    likely_encodings,
    sniff_binary,
    text_control_share,
)
from marsad.model import Document

log = logging.getLogger(__name__)

STDIN = "-"
STDIN_SOURCE = "<stdin>"
STDIN_ID = "stdin"
TEXT_SUFFIXES = (".txt",)
JSONL_SUFFIXES = (".jsonl", ".ndjson")
_DRAIN_CHUNK = 1024 * 1024
_READ_BUFFER = 1024 * 1024
_BLANK_RE = re.compile(r"[\s\u200b-\u200f\u2060\ufeff]*")
_KNOWN_FIELDS = ("date", "published", "url", "title", "source")


@dataclass(frozen=True, slots=True)
class InputError:
    """One input (file, or one JSONL line) that could not be read."""

    source: str  # path or "<stdin>"
    line: int | None  # 1-based line number for JSONL
    reason: str  # human-readable, says what to do
    code: str  # "empty", "binary", "encoding", "too-large", "json", "schema", "io"

    def __str__(self) -> str:
        where = self.source if self.line is None else f"{self.source}:{self.line}"
        return f"{where}: {self.reason} [{self.code}]"


@dataclass(frozen=True, slots=True)
class ReadOptions:
    """How to read inputs."""

    input_format: Literal["text", "jsonl"] = "text"
    encoding: str | None = None  # None = auto: UTF-8 (with/without BOM), UTF-16/32 with BOM, else detect
    max_bytes: int = 50 * 1024 * 1024 + 1024 * 1024  # per document
    text_field: str = "text"
    id_field: str = "id"

    def __post_init__(self) -> None:
        if self.input_format not in ("text", "jsonl"):
            raise ValueError(f"input_format must be 'text' or 'jsonl', not {self.input_format!r}")
        if self.max_bytes < 1:
            raise ValueError("max_bytes must be positive")


@dataclass(frozen=True, slots=True)
class _Source:
    """One file (or stdin when ``path`` is None) to read."""

    path: str | None
    prefix: str = ""  # id (text) or id prefix (jsonl) derived from the path

    @property
    def display(self) -> str:
        return STDIN_SOURCE if self.path is None else self.path


class _IdRegistry:
    """Hands out unique document ids; a repeated id gets a "#2", "#3", ... suffix and a warning."""

    def __init__(self) -> None:
        self._seen: set[str] = set()

    def claim(self, wanted: str, where: str) -> str:
        if wanted not in self._seen:
            self._seen.add(wanted)
            return wanted
        n = 2
        while f"{wanted}#{n}" in self._seen:
            n += 1
        unique = f"{wanted}#{n}"
        self._seen.add(unique)
        log.warning("%s: duplicate document id %r; renamed to %r", where, wanted, unique)
        return unique


class _PrefixedRaw(io.RawIOBase):
    """A raw stream that replays already-read ``head`` bytes, then continues with ``stream``."""

    def __init__(self, head: bytes, stream: BinaryIO) -> None:
        super().__init__()
        self._head = memoryview(head)
        self._pos = 0
        self._read = getattr(stream, "read1", stream.read)

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        view = memoryview(buffer).cast("B")
        if self._pos < len(self._head):
            n = min(len(view), len(self._head) - self._pos)
            view[:n] = self._head[self._pos : self._pos + n]
            self._pos += n
            return n
        data = self._read(len(view))
        view[: len(data)] = data
        return len(data)


def read_documents(sources: Sequence[str], options: ReadOptions) -> Iterator[Document | InputError]:
    """Yield Documents (or InputErrors) in input order. "-" or no sources = stdin."""
    suffixes = TEXT_SUFFIXES if options.input_format == "text" else JSONL_SUFFIXES
    items: list[_Source | InputError] = []
    for source in sources or [STDIN]:
        items.extend(_expand(source, suffixes))
    files = [item for item in items if isinstance(item, _Source)]
    prefixes = iter(_unique_stems([src.path for src in files]))
    items = [_Source(item.path, next(prefixes)) if isinstance(item, _Source) else item for item in items]
    ids = _IdRegistry()
    for item in items:
        if isinstance(item, InputError):
            yield item
        elif options.input_format == "text":
            yield _read_text(item, options, ids)
        else:
            yield from _read_jsonl(item, options, ids)


# --- sources --------------------------------------------------------------------------------------


def _expand(source: str, suffixes: tuple[str, ...]) -> Iterator[_Source | InputError]:
    """A file or stdin as one source; a directory as its matching files, recursively and sorted."""
    if source == STDIN:
        yield _Source(None)
        return
    if not os.path.isdir(source):
        yield _Source(source)
        return
    found = False
    for item in _walk(source, suffixes, set()):
        found = found or isinstance(item, _Source)
        yield item
    if not found:
        pattern = " / ".join(f"*{s}" for s in suffixes)
        yield InputError(source, None, f"directory contains no {pattern} files", "empty")


def _walk(
    directory: str, suffixes: tuple[str, ...], visited: set[tuple[int, int]]
) -> Iterator[_Source | InputError]:
    """Matching files under ``directory`` in sorted order; hidden entries and symlink loops skipped."""
    listing = list_directory(directory, visited)
    if isinstance(listing, InputError):
        yield listing
        return
    for entry in listing:
        if entry.name.startswith("."):
            continue
        path = os.path.join(directory, entry.name)
        try:
            is_dir = entry.is_dir()
            is_file = entry.is_file()
        except OSError as err:
            yield InputError(path, None, _os_reason(err, path), "io")
            continue
        if is_dir:
            yield from _walk(path, suffixes, visited)
        elif is_file and entry.name.lower().endswith(suffixes):
            yield _Source(path)


def list_directory(directory: str, visited: set[tuple[int, int]]) -> list[os.DirEntry[str]] | InputError:
    """The entries of ``directory`` sorted by name; none when it was visited already (``visited`` holds
    (device, inode) pairs, so symlink loops end), an InputError when it cannot be read."""
    try:
        info = os.stat(directory)
        if (info.st_dev, info.st_ino) in visited:
            return []
        visited.add((info.st_dev, info.st_ino))
        with os.scandir(directory) as entries:
            return sorted(entries, key=lambda e: e.name)
    except OSError as err:
        return InputError(directory, None, _os_reason(err, directory), "io")


def _unique_stems(paths: list[str | None]) -> list[str]:
    """File stems, made unique by adding parent directories where stems collide ("a/x", "b/x")."""
    keys: list[tuple[str, ...]] = []
    for path in paths:
        if path is None:
            keys.append((STDIN_ID,))
            continue
        pure = PurePath(path)
        parents = [p for p in pure.parent.parts if p not in (pure.anchor, "")]
        keys.append((*parents, pure.stem or pure.name))
    out = [key[-1] for key in keys]
    groups: dict[str, list[int]] = defaultdict(list)
    for i, key in enumerate(keys):
        groups[key[-1]].append(i)
    for members in groups.values():
        distinct = {keys[i] for i in members}
        if len(distinct) < 2:
            continue
        depth = max(len(k) for k in distinct)
        for k in range(2, depth + 1):
            if len({key[-k:] for key in distinct}) == len(distinct):
                depth = k
                break
        for i in members:
            out[i] = "/".join(keys[i][-depth:])
    return out


def _os_reason(err: OSError, path: str) -> str:
    if isinstance(err, FileNotFoundError):
        return "no such file or directory; check the path"
    if isinstance(err, PermissionError):
        return "permission denied; check the file's read permissions"
    if isinstance(err, IsADirectoryError):
        return "is a directory"
    return f"cannot read: {err.strerror or err}"


def _fmt_size(n: int) -> str:
    if n < 1024:
        return f"{n} bytes"
    if n < 1024 * 1024:
        return f"{n / 1024:.1f} KiB"
    return f"{n / (1024 * 1024):.1f} MiB"


def _too_large(source: str, line: int | None, size: int | None, limit: int) -> InputError:
    what = "line" if line is not None else "input"
    size_text = f"is {_fmt_size(size)} ({size} bytes)" if size is not None else "is larger than that"
    return InputError(
        source,
        line,
        f"{what} {size_text}, over the per-document limit of {_fmt_size(limit)} ({limit} bytes); "
        "split it into smaller documents or raise the size limit (--max-mb)",
        "too-large",
    )


def _stdin_stream() -> BinaryIO | None:
    stdin = sys.stdin
    return getattr(stdin, "buffer", None) if stdin is not None else None


def _is_blank(text: str) -> bool:
    return _BLANK_RE.fullmatch(text) is not None


# --- text format ----------------------------------------------------------------------------------


def _read_bytes(src: _Source, limit: int) -> bytes | InputError:
    """All bytes of a file or stdin, refusing (before reading it all) anything over ``limit``."""
    if src.path is None:
        stream = _stdin_stream()
        if stream is None:
            return InputError(STDIN_SOURCE, None, "standard input is not available", "io")
        try:
            data = stream.read(limit + 1)
        except OSError as err:
            return InputError(STDIN_SOURCE, None, _os_reason(err, STDIN_SOURCE), "io")
        return _too_large(STDIN_SOURCE, None, None, limit) if len(data) > limit else data
    try:
        with open(src.path, "rb") as handle:
            info = os.fstat(handle.fileno())
            if stat.S_ISREG(info.st_mode) and info.st_size > limit:
                return _too_large(src.path, None, info.st_size, limit)
            data = handle.read(limit + 1)
    except OSError as err:
        return InputError(src.path, None, _os_reason(err, src.path), "io")
    return _too_large(src.path, None, None, limit) if len(data) > limit else data


def _read_text(src: _Source, options: ReadOptions, ids: _IdRegistry) -> Document | InputError:
    """One whole file (or stdin) as one Document."""
    where = src.display
    data = _read_bytes(src, options.max_bytes)
    if isinstance(data, InputError):
        return data
    result = decode_document(data, where, options.encoding)
    if isinstance(result, InputError):
        return result
    doc_id = ids.claim(src.prefix, where)
    meta: dict[str, Any] = {"encoding": result.encoding} if result.encoding else {}
    return Document(id=doc_id, text=result.text, source=src.path, meta=meta)


def decode_document(data: bytes, where: str, encoding: str | None) -> Decoded | InputError:
    """Decode one whole document (text or HTML file, stdin): an InputError for empty, binary,
    undecodable or blank input; a detected (not UTF-8) encoding is logged. The text is exactly the
    decoded bytes; only a leading BOM is dropped."""
    if not data:
        return InputError(where, None, "input is empty (0 bytes)", "empty")
    kind = sniff_binary(data[:SNIFF_BYTES])
    if kind is not None:
        return InputError(where, None, binary_reason(kind), "binary")
    result = decode_auto(data) if encoding is None else decode_explicit(data, encoding)
    if isinstance(result, DecodeProblem):
        return InputError(where, None, result.reason, result.code)
    text = result.text
    if "\x00" in text or text_control_share(text) > CONTROL_SHARE_LIMIT:
        return InputError(
            where, None, "contains NUL or control characters: this looks like a binary file", "binary"
        )
    if _is_blank(text):
        return InputError(where, None, "input contains only whitespace", "empty")
    warn_detected(where, None, result)
    return result


def warn_detected(where: str, line: int | None, result: Decoded) -> None:
    """Log that ``result`` was decoded with a detected encoding (at ``where``, line ``line``)."""
    if result.detected and result.encoding:
        at = where if line is None else f"{where}:{line}"
        log.warning(
            "%s: not UTF-8; decoded as %s (detected); pass --encoding to override",
            at,
            display_name(result.encoding),
        )


# --- JSON Lines -----------------------------------------------------------------------------------


def _lines(
    stream: IO[AnyStr], limit: int, newline: AnyStr, cr: AnyStr
) -> Iterator[tuple[int, AnyStr | None, int]]:
    """(line number, content without the line break — None if over ``limit`` —, size) per line.

    A line over the limit is skipped in chunks, so it is never held in memory.
    """
    lineno = 0
    while True:
        raw = stream.readline(limit + 2)
        if not raw:
            return
        lineno += 1
        size = len(raw)
        if size == limit + 2 and not raw.endswith(newline):
            while True:
                more = stream.readline(_DRAIN_CHUNK)
                size += len(more)
                if not more or more.endswith(newline):
                    break
            yield lineno, None, size
            continue
        content = raw[:-1] if raw.endswith(newline) else raw
        if content.endswith(cr):
            content = content[:-1]
        yield lineno, (content if len(content) <= limit else None), size


def _open_binary(src: _Source) -> BinaryIO | InputError:
    if src.path is None:
        stream = _stdin_stream()
        if stream is None:
            return InputError(STDIN_SOURCE, None, "standard input is not available", "io")
        return stream
    try:
        return open(src.path, "rb")
    except OSError as err:
        return InputError(src.path, None, _os_reason(err, src.path), "io")


def _is_ascii_compatible(codec: str) -> bool:
    try:
        return '{"\n'.encode(codec) == b'{"\n'
    except (UnicodeError, LookupError):
        return False


def _read_jsonl(src: _Source, options: ReadOptions, ids: _IdRegistry) -> Iterator[Document | InputError]:
    """Stream one JSON Lines input, one Document or InputError per non-blank line."""
    opened = _open_binary(src)
    if isinstance(opened, InputError):
        yield opened
        return
    try:
        for item in decoded_lines(src.display, opened, options.encoding, options.max_bytes):
            if isinstance(item, InputError):
                yield item
            else:
                lineno, text, encoding = item
                yield _parse_record(text, src, lineno, encoding, options, ids)
    finally:
        if src.path is not None:
            opened.close()


def _read_head(stream: BinaryIO) -> bytes:
    """The first bytes of a stream for sniffing: up to ``SNIFF_BYTES``, but no longer than needed for a
    first complete line, so a live pipe (a feed being written) is not held up."""
    read = getattr(stream, "read1", stream.read)
    head = b""
    while len(head) < SNIFF_BYTES:
        chunk = read(SNIFF_BYTES - len(head))
        if not chunk:
            break
        head += chunk
        if len(head) >= 64 and b"\n" in head:
            break
    return head


Line = tuple[int, str, str | None]  # line number, decoded line, encoding to record (None: UTF-8)


def decoded_lines(
    where: str, stream: BinaryIO, encoding: str | None, max_bytes: int
) -> Iterator[Line | InputError]:
    """The decoded non-blank lines of a line-oriented input (JSON Lines), streamed; an InputError for
    an empty, binary or undecodable input and for each line that is too large or cannot be decoded.

    ``encoding`` None means UTF-8 with a per-input fallback to a detected single-byte encoding (logged);
    a UTF-16/32 BOM or a given encoding is used as is. Lines over ``max_bytes`` are skipped without
    being held in memory."""
    try:
        head = _read_head(stream)
    except OSError as err:
        yield InputError(where, None, _os_reason(err, where), "io")
        return
    if not head:
        yield InputError(where, None, "input is empty (0 bytes)", "empty")
        return
    kind = sniff_binary(head)
    if kind is not None:
        yield InputError(where, None, binary_reason(kind), "binary")
        return
    reader = io.BufferedReader(_PrefixedRaw(head, stream), buffer_size=_READ_BUFFER)
    codec: str | None = None  # None = UTF-8 with detected fallback
    recorded: str | None = None
    if encoding is not None:
        try:
            codec = codecs.lookup(encoding).name
        except LookupError:
            yield InputError(
                where, None, f"unknown encoding {encoding!r}; use e.g. utf-8 or cp1256", "encoding"
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
        yield from _wide_lines(where, reader, codec, recorded, max_bytes)
        return
    found = False
    fallback: str | None = None
    for lineno, content, size in _lines(reader, max_bytes, b"\n", b"\r"):
        if content is None:
            found = True
            yield _too_large(where, lineno, size, max_bytes)
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
                    f"cannot decode as {encoding}: invalid byte 0x{content[err.start]:02X} at byte "
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


def _undetected_line(content: bytes, err: UnicodeDecodeError) -> str:
    names = likely_encodings(content)
    shown = " or ".join(display_name(n) for n in names[:3])
    return (
        f"not UTF-8 (invalid byte 0x{content[err.start]:02X} at byte offset {err.start} of the line) and the "
        f"encoding could not be determined; likely {shown} — re-run with --encoding {names[0]}"
    )


def _decode_fallback(content: bytes, fallback: str | None, reader: io.BufferedReader[Any]) -> Decoded | None:
    """Decode a non-UTF-8 line with the input's detected encoding, detecting it on first use.

    Detection looks at this line plus the following buffered lines (``peek``, nothing is consumed),
    since one short line is too little for a reliable guess.
    """
    if fallback is not None:
        try:
            return Decoded(content.decode(fallback), fallback, detected=True)
        except UnicodeDecodeError:
            pass
    ahead = reader.peek(DETECT_BYTES)[:DETECT_BYTES]
    cut = ahead.rfind(b"\n")
    sample = content + b"\n" + (ahead[:cut] if cut >= 0 else b"")
    guess = detect_and_decode(content, sample, JSON_LETTER_SHARE)
    if guess is None or (guess.encoding or "").startswith("utf-"):
        return None
    return guess


def _wide_lines(
    where: str, reader: io.BufferedReader[Any], codec: str, recorded: str | None, max_bytes: int
) -> Iterator[Line | InputError]:
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
            yield _too_large(where, lineno, size * unit, max_bytes)
            continue
        if lineno == 1:
            content = content.lstrip("\ufeff")
        if _is_blank(content):
            continue
        found = True
        yield lineno, content, recorded
    if not found:
        yield InputError(where, None, "input contains only blank lines", "empty")


def _json_type(value: Any) -> str:
    if isinstance(value, list):
        return "an array"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    return "null"


def is_iso_date(value: str) -> bool:
    """True for an ISO 8601 date (YYYY-MM-DD) or datetime."""
    for parse in (date.fromisoformat, datetime.fromisoformat):
        try:
            parse(value)
        except ValueError:
            continue
        return True
    return False


def _parse_record(
    text: str, src: _Source, lineno: int, encoding: str | None, options: ReadOptions, ids: _IdRegistry
) -> Document | InputError:
    """One decoded JSON line to a Document, or an InputError saying what is wrong with it."""
    where = src.display

    def error(reason: str, code: str = "schema") -> InputError:
        return InputError(where, lineno, reason, code)

    try:
        obj = orjson.loads(text)
    except orjson.JSONDecodeError as err:
        return error(f"invalid JSON: {err}; each line must be one complete JSON object", "json")
    if not isinstance(obj, dict):
        return error(f"line is {_json_type(obj)}, not a JSON object with a {options.text_field!r} field")
    tf, idf = options.text_field, options.id_field
    if tf not in obj:
        return error(f"missing the {tf!r} field (the document text)")
    body = obj[tf]
    if not isinstance(body, str):
        return error(f"the {tf!r} field must be a string, not {_json_type(body)}")
    if _is_blank(body):
        return error(f"the {tf!r} field is empty", "empty")
    raw_id = obj.get(idf)
    if raw_id is None or (isinstance(raw_id, str) and not raw_id.strip()):
        doc_id = f"{src.prefix}:{lineno}"
    elif isinstance(raw_id, bool) or not isinstance(raw_id, str | int):
        return error(f"the {idf!r} field must be a string or an integer, not {_json_type(raw_id)}")
    else:
        doc_id = str(raw_id)
    fields: dict[str, str | None] = {}
    for key in _KNOWN_FIELDS:
        value = obj.get(key)
        if value is not None and not isinstance(value, str):
            return error(f"the {key!r} field must be a string, not {_json_type(value)}")
        fields[key] = value.strip() or None if isinstance(value, str) else None
    published = fields["date"] or fields["published"]
    if published is not None and not is_iso_date(published):
        key = "date" if fields["date"] else "published"
        return error(f"the {key!r} field {published!r} is not an ISO date (YYYY-MM-DD) or datetime")
    meta = {k: v for k, v in obj.items() if k not in (tf, idf, *_KNOWN_FIELDS)}
    if fields["date"] and fields["published"]:
        meta["published"] = obj["published"]
    if encoding:
        meta["encoding"] = encoding
    return Document(
        id=ids.claim(doc_id, f"{where}:{lineno}"),
        text=body,
        title=fields["title"],
        url=fields["url"],
        published=published,
        source=fields["source"],
        meta=meta,
    )
