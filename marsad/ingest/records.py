"""One record (a JSON Lines object or a CSV row) to a Document, with the configured columns."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from marsad.ingest.common import (
    Context,
    InputError,
    Source,
    is_blank,
    log,
    normalize_date,
    origin,
    scalar_text,
    too_large,
)
from marsad.ingest.options import Format
from marsad.io.readers import _json_type
from marsad.model import Document


def resolve_key(keys: Mapping[str, Any], wanted: str | None) -> str | None:
    """The key naming column ``wanted``: exact, else ignoring case and surrounding spaces."""
    if wanted is None:
        return None
    if wanted in keys:
        return wanted
    folded = wanted.strip().casefold()
    for key in keys:
        if key.strip().casefold() == folded:
            return key
    return None


def json_type(value: Any) -> str:
    if isinstance(value, dict):
        return "an object"
    return _json_type(value)


def record_document(
    record: Mapping[str, Any],
    src: Source,
    fmt: Format,
    ctx: Context,
    *,
    line: int,
    position: dict[str, int],
    fallback_id: str,
    label: str = "",
    encoding: str | None = None,
) -> Document | InputError:
    """Map one record to a Document; an InputError (at ``line``) says what is wrong with it.

    ``position`` goes into ``meta["origin"]`` ({"line": n} or {"row": n, "line": n}); ``label`` prefixes
    error reasons ("row 7: ..."); ``fallback_id`` is the id when the record has none.
    """
    options = ctx.options
    where = src.where

    def error(reason: str, code: str = "schema") -> InputError:
        return InputError(where, line, f"{label}{reason}", code)

    text_key = resolve_key(record, options.text_column)
    if text_key is None:
        return error(f"missing the {options.text_column!r} field (the document text)")
    body = record[text_key]
    if not isinstance(body, str):
        return error(f"the {text_key!r} field must be a string, not {json_type(body)}")
    if is_blank(body):
        return error(f"the {text_key!r} field is empty", "empty")
    if len(body) > options.max_bytes or (
        4 * len(body) > options.max_bytes and len(body.encode("utf-8", "surrogatepass")) > options.max_bytes
    ):
        size = len(body.encode("utf-8", "surrogatepass"))
        failure = too_large(where, line, size, options.max_bytes)
        return InputError(where, line, f"{label}{failure.reason}", failure.code)

    keys = {
        name: resolve_key(record, getattr(options, f"{name}_column"))
        for name in ("id", "date", "title", "url", "source")
    }
    values: dict[str, str | None] = {}
    for name, key in keys.items():
        raw = record.get(key) if key is not None else None
        if raw is not None and (isinstance(raw, list | dict) or (name == "id" and isinstance(raw, bool))):
            return error(f"the {key!r} field must be a string, not {json_type(raw)}")
        values[name] = scalar_text(raw)
    if keys["id"] is not None and isinstance(record.get(keys["id"]), float):
        return error(f"the {keys['id']!r} field must be a string or an integer, not a fractional number")

    meta: dict[str, Any] = {"origin": origin(src, fmt, **position)}
    published = None
    if keys["date"] is not None and record.get(keys["date"]) not in (None, ""):
        raw_date = record[keys["date"]]
        published = normalize_date(raw_date)
        if published is None:
            meta["published_raw"] = raw_date
            log.debug("%s:%s: date %r is not understood; published left empty", where, line, raw_date)
    used = {text_key, *(key for key in keys.values() if key is not None)}
    fields = _meta_fields(record, options.meta_columns, used)
    if fields:
        meta["fields"] = fields
    if encoding:
        meta["encoding"] = encoding
    return Document(
        id=ctx.claim_id(values["id"] or fallback_id, f"{where}:{line}"),
        text=body,
        title=values["title"],
        url=values["url"],
        published=published,
        source=values["source"],
        meta=meta,
    )


def _meta_fields(record: Mapping[str, Any], wanted: tuple[str, ...], used: set[str]) -> dict[str, Any]:
    if not wanted:
        return {}
    if "*" in wanted:
        return {key: value for key, value in record.items() if key not in used}
    out: dict[str, Any] = {}
    for name in wanted:
        key = resolve_key(record, name)
        if key is not None:
            out[key] = record[key]
    return out
