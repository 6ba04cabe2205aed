"""Options for ``ingest_documents`` and the small statistics object it can fill in."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

InputFormat = Literal["auto", "text", "html", "jsonl", "csv", "telegram"]
Format = Literal["text", "html", "jsonl", "csv", "telegram"]
FORMATS: tuple[Format, ...] = ("text", "html", "jsonl", "csv", "telegram")
INPUT_FORMATS: tuple[InputFormat, ...] = ("auto", *FORMATS)

# Names a CSV delimiter may be given by (besides the character itself).
DELIMITER_NAMES = {
    "tab": "\t",
    "\\t": "\t",
    "comma": ",",
    "semicolon": ";",
    "pipe": "|",
}


@dataclass(frozen=True, slots=True)
class IngestOptions:
    """How to find, read and map input documents (see docs/ingest.md)."""

    input_format: InputFormat = "auto"
    include: tuple[str, ...] = ()  # glob patterns on the path relative to a given directory
    exclude: tuple[str, ...] = ()
    encoding: str | None = None  # None = detect
    max_bytes: int = 50 * 1024 * 1024  # per document
    text_column: str = "text"  # CSV/JSONL field holding the text
    id_column: str | None = "id"
    date_column: str | None = "date"
    title_column: str | None = "title"
    url_column: str | None = "url"
    source_column: str | None = "source"
    meta_columns: tuple[str, ...] = ()  # copied into doc.meta["fields"]; ("*",) = all other columns
    delimiter: str | None = None  # CSV: None = sniff (comma, semicolon, tab, pipe)
    url: str | None = None  # for a single HTML page without a canonical link

    def __post_init__(self) -> None:
        if self.input_format not in INPUT_FORMATS:
            raise ValueError(
                f"input_format must be one of {', '.join(INPUT_FORMATS)}, not {self.input_format!r}"
            )
        if self.max_bytes < 1:
            raise ValueError("max_bytes must be positive")
        if not self.text_column:
            raise ValueError("text_column must not be empty")
        for name in ("include", "exclude", "meta_columns"):
            value = getattr(self, name)
            if isinstance(value, str):
                value = (value,)
            object.__setattr__(self, name, tuple(value))
        if self.delimiter is not None:
            resolved = DELIMITER_NAMES.get(self.delimiter.lower(), self.delimiter)
            if len(resolved) != 1 or resolved in '"\r\n':
                raise ValueError(
                    "delimiter must be one character (or tab, comma, semicolon, pipe), "
                    f"not {self.delimiter!r}"
                )
            object.__setattr__(self, "delimiter", resolved)


@dataclass(slots=True)
class IngestStats:
    """Counts filled in by ``ingest_documents(..., stats=...)`` while it is consumed.

    ``skipped`` counts inputs left out on purpose, without an InputError, by reason:
    "telegram-service" (service messages), "telegram-no-text" (media without caption, polls, ...),
    "csv-blank-row" (rows whose cells are all blank), "unsupported-file" (files in a directory whose
    suffix no reader handles), "excluded" (files matched by ``exclude`` or not by ``include``),
    "junk-file" (OS and editor leftovers such as Thumbs.db or ~$lock files).
    """

    documents: int = 0
    errors: int = 0
    files: int = 0
    skipped: dict[str, int] = field(default_factory=dict)

    def skip(self, reason: str, n: int = 1) -> None:
        self.skipped[reason] = self.skipped.get(reason, 0) + n
