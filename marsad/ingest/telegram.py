"""Telegram Desktop exports (``result.json`` of "Export chat history", JSON format).

One Document per message with text. The text is rendered from the message's entity list
(``text_entities``, else ``text``): plain strings, bold, links, hashtags, mentions ... concatenated in
order, so it reads as the post did. Service messages (joins, pins, ...) and messages without text
(photos without caption, stickers, polls) are skipped without an error and counted in IngestStats.

Exports can be hundreds of megabytes: with the optional ``ijson`` package installed the file is
streamed message by message (the messages before a corrupt spot are still yielded); without it the file
is loaded with orjson up to ``ORJSON_MAX_BYTES``.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from typing import Any, BinaryIO

import orjson

from marsad.ingest.common import (
    Context,
    InputError,
    Source,
    is_blank,
    log,
    normalize_date,
    origin,
    read_head,
    read_limited,
    replay,
    too_large,
)
from marsad.io.encoding import SNIFF_BYTES, binary_reason, bom_encoding, sniff_binary
from marsad.model import Document

try:  # optional: streaming of large exports
    import ijson
except ImportError:  # pragma: no cover - exercised by the orjson tests through the flag below
    ijson = None

ORJSON_MAX_BYTES = 512 * 1024 * 1024  # whole-file limit when ijson is not installed
_KEEP = 256 * 1024  # bytes kept behind the parser to place a syntax error
_SLUG_RE = re.compile(r"[\s/\\]+")
_PY_POS_RE = re.compile(r"\bat (?:char |byte |position )?(\d+)")
_HEADER_KEYS = ("name", "type", "id")
_ACCOUNT_KEYS = frozenset({"chats", "personal_information", "about", "contacts", "left_chats"})

use_ijson = ijson is not None  # tests switch this off to exercise the orjson path


def read_telegram(
    src: Source, stream: BinaryIO, ctx: Context, size: int | None = None
) -> Iterator[Document | InputError]:
    """Documents for the messages of one Telegram Desktop chat export."""
    where = src.where
    head = read_head(stream, SNIFF_BYTES)
    if not head:
        yield InputError(where, None, "input is empty (0 bytes)", "empty")
        return
    kind = sniff_binary(head)
    if kind is not None:
        yield InputError(where, None, binary_reason(kind), "binary")
        return
    bom = bom_encoding(head)
    skip = 0
    if bom is not None:
        if bom[0] != "utf-8-sig":
            yield InputError(
                where, None, f"Telegram exports are UTF-8, but this file is {bom[1]}; convert it", "encoding"
            )
            return
        skip = 3
    reader = replay(head, stream)
    if skip:
        reader.read(skip)
    if use_ijson:
        yield from _stream(src, head[skip:], reader, ctx)
    else:
        yield from _load(src, reader, ctx, size)


# --- streaming with ijson -------------------------------------------------------------------------


class _Tap:
    """A ``read(n)`` source that counts the bytes handed to the parser and keeps the last ones."""

    def __init__(self, stream: BinaryIO) -> None:
        self._stream = stream
        self.consumed = 0
        self.newlines = 0
        self.tail = b""

    def read(self, n: int = -1) -> bytes:
        data = self._stream.read(n)
        self.consumed += len(data)
        self.newlines += data.count(b"\n")
        self.tail = (self.tail + data)[-_KEEP:]
        return data


def _stream(
    src: Source, head: bytes, reader: io.BufferedReader, ctx: Context
) -> Iterator[Document | InputError]:
    where = src.where
    header = _header_from_head(head)
    if isinstance(header, str):
        yield InputError(where, None, header, "schema")
        return
    chat = _Chat(src, header, ctx)
    tap = _Tap(reader)
    try:
        for message in ijson.items(tap, "messages.item", use_float=True):
            yield from chat.message(message)
    except ijson.JSONError as err:
        yield _stream_error(where, str(err), tap, chat.seen)
        return
    except UnicodeDecodeError as err:
        yield InputError(where, None, f"invalid UTF-8 in the export ({err.reason})", "encoding")
        return
    except OSError as err:
        yield InputError(where, None, f"cannot read: {err.strerror or err}", "io")
        return
    if chat.seen == 0 and not header.get("messages"):
        yield InputError(where, None, _NO_MESSAGES, "schema")
        return
    yield from chat.finish()


def _header_from_head(head: bytes) -> dict[str, Any] | str:
    """Top-level name/type/id of the export from its first bytes, or why it is not a chat export."""
    header: dict[str, Any] = {}
    try:
        for prefix, event, value in ijson.parse(io.BytesIO(head)):
            if prefix == "" and event in ("start_array", "string", "number", "boolean", "null"):
                return 'not a Telegram Desktop export: the JSON is not an object with a "messages" list'
            if prefix == "" and event == "map_key":
                if value == "messages":
                    header["messages"] = True
                    break
                if value in _ACCOUNT_KEYS:
                    return _ACCOUNT_EXPORT
            elif prefix in _HEADER_KEYS and event in ("string", "number"):
                header[prefix] = value
    except ijson.JSONError:
        pass  # a corrupt start is reported, with its position, by the streaming pass
    return header


def _stream_error(where: str, message: str, tap: _Tap, seen: int) -> InputError:
    first = message.strip().splitlines()[0] if message.strip() else "invalid JSON"
    first = first.strip("b'\"")
    read_before = f"{seen} message(s) were read before it; the rest of the file is skipped"
    if "premature EOF" in message or "Incomplete JSON" in message:
        line = tap.newlines + (0 if tap.tail.endswith(b"\n") else 1)
        return InputError(
            where,
            line,
            f"the export is truncated: the JSON ends in the middle at byte {tap.consumed} (line {line}); "
            f"{read_before}; re-export the chat or repair the file",
            "json",
        )
    pos = _locate(message, tap)
    if pos is None:
        return InputError(
            where, None, f"invalid JSON near byte {tap.consumed}: {first}; {read_before}", "json"
        )
    at_line, column = _line_column(pos, tap)
    at = f"byte {pos}" if at_line is None else f"byte {pos} (line {at_line}, column {column})"
    return InputError(where, at_line, f"invalid JSON at or near {at}: {first}; {read_before}", "json")


def _locate(message: str, tap: _Tap) -> int | None:
    """The byte offset of a parse error, from the snippet and caret the yajl backend prints.

    The snippet shows line breaks and tabs as spaces, so any whitespace byte matches a space.
    """
    lines = message.splitlines()
    for i, text in enumerate(lines):
        if "(right here)" in text and i > 0 and "^" in text:
            caret = text.index("^")
            snippet = lines[i - 1]
            left = snippet[:caret].lstrip()
            needle = (left + snippet[caret:]).rstrip().rstrip("\ufffd")
            if not needle or "\ufffd" in needle:
                return None
            try:
                raw_needle, raw_left = needle.encode("utf-8"), left.encode("utf-8")
            except UnicodeEncodeError:
                return None
            pattern = re.compile(b"".join(rb"\s" if b == 0x20 else re.escape(bytes([b])) for b in raw_needle))
            found = max(pattern.finditer(tap.tail), key=lambda m: m.start(), default=None)
            if found is None:
                return None
            return tap.consumed - len(tap.tail) + found.start() + len(raw_left)
    match = _PY_POS_RE.search(message)
    return int(match[1]) if match else None


def _line_column(pos: int, tap: _Tap) -> tuple[int | None, int | None]:
    """1-based line and column (in bytes) of a byte offset inside the kept tail."""
    start = tap.consumed - len(tap.tail)
    offset = pos - start
    if not 0 <= offset <= len(tap.tail):
        return None, None
    line = tap.newlines - tap.tail.count(b"\n", offset) + 1
    newline = tap.tail.rfind(b"\n", 0, offset)
    if newline < 0 and start > 0:
        return line, None
    return line, offset - newline


# --- whole file with orjson -----------------------------------------------------------------------


def _load(
    src: Source, reader: io.BufferedReader, ctx: Context, size: int | None
) -> Iterator[Document | InputError]:
    where = src.where
    limit = max(ORJSON_MAX_BYTES, ctx.options.max_bytes)
    data = read_limited(reader, where, limit, size)
    if isinstance(data, InputError):
        yield InputError(where, None, f"{data.reason} (install ijson to stream large exports)", data.code)
        return
    try:
        obj = orjson.loads(data)
    except orjson.JSONDecodeError as err:
        truncated = err.pos >= len(err.doc.rstrip()) if err.doc else False
        what = "the export is truncated: the JSON ends in the middle" if truncated else "invalid JSON"
        yield InputError(
            where,
            err.lineno,
            f"{what} at line {err.lineno}, column {err.colno} (character {err.pos}): {err.msg}; "
            "no message was read",
            "json",
        )
        return
    if not isinstance(obj, dict):
        yield InputError(
            where,
            None,
            'not a Telegram Desktop export: the JSON is not an object with a "messages" list',
            "schema",
        )
        return
    messages = obj.get("messages")
    if not isinstance(messages, list):
        reason = _ACCOUNT_EXPORT if _ACCOUNT_KEYS & obj.keys() else _NO_MESSAGES
        yield InputError(where, None, reason, "schema")
        return
    chat = _Chat(src, {k: obj.get(k) for k in _HEADER_KEYS}, ctx)
    for message in messages:
        yield from chat.message(message)
    yield from chat.finish()


_NO_MESSAGES = (
    'not a Telegram Desktop export: no "messages" list (export a channel with "Export chat history", '
    "format JSON, and pass its result.json)"
)
_ACCOUNT_EXPORT = (
    "this is a full Telegram account export (chats list), which is not supported: export the channel "
    'itself ("Export chat history", format JSON) and pass that result.json'
)


# --- messages -------------------------------------------------------------------------------------


class _Chat:
    """Turns the messages of one export into Documents."""

    def __init__(self, src: Source, header: dict[str, Any], ctx: Context) -> None:
        self.src = src
        self.ctx = ctx
        name = header.get("name")
        self.name: str | None = name.strip() or None if isinstance(name, str) else None
        chat_id = header.get("id")
        self.chat_id = (
            int(chat_id) if isinstance(chat_id, int | float) and not isinstance(chat_id, bool) else None
        )
        self.chat_type = header.get("type") if isinstance(header.get("type"), str) else None
        if self.name:
            self.slug = _SLUG_RE.sub("_", self.name)
        elif self.chat_id is not None:
            self.slug = f"channel{self.chat_id}"
        else:
            self.slug = src.prefix
        self.seen = 0
        self.index = 0
        self.documents = 0
        self.errors = 0

    def message(self, message: Any) -> Iterator[Document | InputError]:
        self.seen += 1
        self.index += 1
        item = self._document(message)
        if isinstance(item, Document):
            self.documents += 1
        elif isinstance(item, InputError):
            self.errors += 1
        if item is not None:
            yield item

    def finish(self) -> Iterator[InputError]:
        """Log what was read; an export without a single message with text is an "empty" error."""
        skipped = self.seen - self.documents - self.errors
        log.info(
            "%s: %d message(s): %d document(s), %d skipped (service or no text), %d error(s)",
            self.src.where,
            self.seen,
            self.documents,
            skipped,
            self.errors,
        )
        if self.documents == 0 and self.errors == 0:
            yield InputError(
                self.src.where,
                None,
                f"the export has no message with text ({self.seen} message(s), all service messages or "
                "media without caption)",
                "empty",
            )

    def _error(self, reason: str) -> InputError:
        return InputError(self.src.where, None, reason, "schema")

    def _document(self, message: Any) -> Document | InputError | None:
        where = self.src.where
        if not isinstance(message, dict):
            return self._error(f"message #{self.index} is not a JSON object")
        mid = message.get("id")
        if isinstance(mid, bool) or not isinstance(mid, int):
            return self._error(f'message #{self.index} has no integer "id"')
        if message.get("type", "message") != "message":
            self.ctx.stats.skip("telegram-service")
            return None
        entities = message.get("text_entities")
        parts = entities if isinstance(entities, list) else message.get("text", "")
        if isinstance(parts, str):
            parts = [parts]
        if not isinstance(parts, list):
            return self._error(
                f'message {mid}: "text" must be a string or a list, not {type(parts).__name__}'
            )
        text, facts = _render(parts)
        if is_blank(text):
            self.ctx.stats.skip("telegram-no-text")
            return None
        options = self.ctx.options
        if (
            4 * len(text) > options.max_bytes
            and len(text.encode("utf-8", "surrogatepass")) > options.max_bytes
        ):
            failure = too_large(where, None, len(text.encode("utf-8", "surrogatepass")), options.max_bytes)
            return InputError(where, None, f"message {mid}: {failure.reason}", failure.code)
        published = normalize_date(message.get("date")) or normalize_date(message.get("date_unixtime"))
        telegram: dict[str, Any] = {
            "channel": self.name,
            "channel_id": self.chat_id,
            "message_id": mid,
            "forwarded_from": message.get("forwarded_from"),
            "reply_to": message.get("reply_to_message_id"),
            "links": facts["links"],
            "hashtags": facts["hashtags"],
            "edited": message.get("edited"),
        }
        if facts["mentions"]:
            telegram["mentions"] = facts["mentions"]
        if self.chat_type:
            telegram["chat_type"] = self.chat_type
        for key in ("from", "author", "date_unixtime"):
            if message.get(key) is not None:
                telegram[key] = message[key]
        media = [key for key in ("photo", "file", "media_type") if message.get(key)]
        if media:
            telegram["media"] = message.get("media_type") or media[0]
        return Document(
            id=self.ctx.claim_id(f"{self.slug}-{mid}", f"{where}#{mid}"),
            text=text,
            published=published,
            source=self.name,
            meta={"origin": origin(self.src, "telegram", message_id=mid), "telegram": telegram},
        )


def _render(parts: list[Any]) -> tuple[str, dict[str, list[Any]]]:
    """The message text (entity texts concatenated) and its links, hashtags and mentions."""
    pieces: list[str] = []
    links: list[dict[str, str]] = []
    hashtags: list[str] = []
    mentions: list[str] = []
    for part in parts:
        if isinstance(part, str):
            pieces.append(part)
            continue
        if not isinstance(part, dict):
            continue
        value = part.get("text")
        if not isinstance(value, str):
            continue
        pieces.append(value)
        kind = part.get("type")
        if kind == "link":
            links.append({"href": value, "text": value})
        elif kind == "text_link":
            href = part.get("href")
            links.append({"href": href if isinstance(href, str) else "", "text": value})
        elif kind == "hashtag":
            hashtags.append(value)
        elif kind in ("mention", "mention_name"):
            mentions.append(value)
    return "".join(pieces), {"links": links, "hashtags": hashtags, "mentions": mentions}
