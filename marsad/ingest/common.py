"""Shared pieces of the ingest readers: sources, per-call context, decoding, dates, metadata."""

from __future__ import annotations

import io
import logging
import re
import sys
from dataclasses import dataclass
from datetime import UTC, date, datetime
from email.utils import parsedate_to_datetime
from typing import Any, BinaryIO

from marsad.ingest.options import Format, IngestOptions, IngestStats
from marsad.io.readers import (
    STDIN_SOURCE,
    InputError,
    _IdRegistry,
    _is_blank,
    _os_reason,
    _PrefixedRaw,
    _too_large,
    decode_document,
    is_iso_date,
)

log = logging.getLogger("marsad.ingest")

__all__ = [
    "STDIN_SOURCE",
    "Context",
    "InputError",
    "Source",
    "decode_document",
    "is_blank",
    "normalize_date",
    "origin",
    "os_reason",
    "too_large",
]

is_blank = _is_blank
os_reason = _os_reason
too_large = _too_large

_READ_BUFFER = 1024 * 1024


@dataclass(frozen=True, slots=True)
class Source:
    """One input to read: a file, or standard input when ``path`` is None."""

    path: str | None
    fmt: Format | None = None  # None = decide by sniffing the content when opened
    prefix: str = ""  # id, or id prefix, derived from the path (unique within the call)

    @property
    def where(self) -> str:
        return STDIN_SOURCE if self.path is None else self.path


class Context:
    """Per-call state shared by the readers: options, id registry, statistics."""

    def __init__(self, options: IngestOptions, stats: IngestStats) -> None:
        self.options = options
        self.stats = stats
        self._ids = _IdRegistry()

    def claim_id(self, wanted: str, where: str) -> str:
        """A unique document id: ``wanted``, or ``wanted#2``, ``#3``, ... if already handed out."""
        return self._ids.claim(wanted, where)


def origin(src: Source, fmt: Format, **extra: Any) -> dict[str, Any]:
    """``doc.meta["origin"]``: where a document came from."""
    out: dict[str, Any] = {
        "kind": "stdin" if src.path is None else fmt,
        "format": fmt,
        "path": src.where,
    }
    out.update(extra)
    return out


def stdin_stream() -> BinaryIO | None:
    stdin = sys.stdin
    return getattr(stdin, "buffer", None) if stdin is not None else None


def read_head(stream: BinaryIO, size: int) -> bytes:
    """Up to ``size`` bytes from the start of ``stream`` (fewer only at end of input)."""
    read = getattr(stream, "read1", stream.read)
    parts: list[bytes] = []
    got = 0
    while got < size:
        chunk = read(size - got)
        if not chunk:
            break
        parts.append(chunk)
        got += len(chunk)
    return b"".join(parts)


def replay(head: bytes, stream: BinaryIO) -> io.BufferedReader:
    """A buffered stream that yields ``head`` again, then the rest of ``stream``."""
    return io.BufferedReader(_PrefixedRaw(head, stream), buffer_size=_READ_BUFFER)


def read_limited(stream: BinaryIO, where: str, limit: int, size: int | None = None) -> bytes | InputError:
    """All bytes of ``stream``, refusing anything over ``limit`` (without reading it all)."""
    if size is not None and size > limit:
        return too_large(where, None, size, limit)
    try:
        data = stream.read(limit + 1)
    except OSError as err:
        return InputError(where, None, os_reason(err, where), "io")
    return too_large(where, None, None, limit) if len(data) > limit else data


# --- dates ----------------------------------------------------------------------------------------

_SLASH_DATE_RE = re.compile(r"(\d{4})[/.](\d{1,2})[/.](\d{1,2})")
_EPOCH_RE = re.compile(r"\d{9,10}(?:\.\d+)?|\d{13}")


def normalize_date(value: Any) -> str | None:
    """An ISO date or datetime for a publication date given by a source, or None if not understood.

    ISO 8601 strings are kept as given (surrounding spaces removed); ``YYYY/MM/DD`` and ``YYYY.MM.DD``
    become ``YYYY-MM-DD``; RFC 2822 dates (RSS, e-mail) and Unix timestamps (seconds or milliseconds)
    become ISO datetimes. Day-first or month-first forms such as 05/06/2017 are ambiguous and refused.
    """
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float):
        number = float(value)
        if number >= 1e11:  # milliseconds
            number /= 1000
        return _from_epoch(number) if number >= 1e8 else None
    if not isinstance(value, str):
        return None
    text = value.strip()
    if not text:
        return None
    if is_iso_date(text):
        return text
    match = _SLASH_DATE_RE.fullmatch(text)
    if match:
        try:
            return date(int(match[1]), int(match[2]), int(match[3])).isoformat()
        except ValueError:
            return None
    if _EPOCH_RE.fullmatch(text):
        number = float(text)
        return _from_epoch(number / 1000 if len(text) == 13 else number)
    if "," in text or re.search(r"[A-Za-z]{3}", text):
        try:
            parsed = parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError):
            return None
        return parsed.isoformat()
    return None


def _from_epoch(seconds: float) -> str | None:
    if not 0 <= seconds < 32503680000:  # before year 3000
        return None
    return datetime.fromtimestamp(seconds, tz=UTC).isoformat()


def scalar_text(value: Any) -> str | None:
    """A metadata value (title, url, source, id) as stripped text, None for blank or non-scalar values."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, str):
        return value.strip() or None
    return None
