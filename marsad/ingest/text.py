"""Plain text: one file (or standard input) is one document, its text exactly as decoded."""

from __future__ import annotations

from typing import Any

from marsad.ingest.common import Context, InputError, Source, decode_document, origin
from marsad.model import Document


def read_text(src: Source, data: bytes, ctx: Context) -> Document | InputError:
    """One whole text input as one Document (empty, binary and undecodable inputs as InputError)."""
    result = decode_document(data, src.where, ctx.options.encoding)
    if isinstance(result, InputError):
        return result
    meta: dict[str, Any] = {"origin": origin(src, "text")}
    if result.encoding:
        meta["encoding"] = result.encoding
    return Document(id=ctx.claim_id(src.prefix, src.where), text=result.text, meta=meta)
