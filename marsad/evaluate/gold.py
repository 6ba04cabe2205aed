"""Loader for the hand-annotated gold sets (``gold/dev/*.txt``).

File format (UTF-8, several documents per file)::

    ### doc: sy-news-001
    ### published: 2019-05-03
    ### style: news
    ### conflict: SY
    ### title: optional title
    text with [[surface|LABEL|link]] markup
    continuation lines belong to the same document until the next "### doc:" header

A document's text is its lines with the markup replaced by the surface, header lines removed,
lines joined with "\\n", leading and trailing blank lines stripped. Every mention satisfies
``text[start:end] == surface``. Any violation of the format raises ``GoldFormatError`` naming the
file and line. The annotation guidelines are in ``gold/README.md``.
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from marsad.model import Document, Label

STYLES: frozenset[str] = frozenset({"statement", "news", "telegram", "hr-report"})
HEADER_KEYS: frozenset[str] = frozenset({"doc", "published", "style", "conflict", "title"})
REQUIRED_KEYS: tuple[str, ...] = ("style", "conflict")
# Labels whose mentions must carry a link (PERSON and TIME links are optional).
LINK_REQUIRED: frozenset[Label] = frozenset({Label.ORG, Label.GROUP, Label.PLACE})

_HEADER_RE = re.compile(r"^### ([a-z]+):[ \t]*(.*?)[ \t]*$")
_DOC_ID_RE = re.compile(r"^[a-z0-9]+(?:[-_.][a-z0-9]+)*$")
_CONFLICT_RE = re.compile(r"^[A-Z]{2}$")
_PUBLISHED_RE = re.compile(r"^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2})?(?:Z|[+-]\d{2}:\d{2})?)?$")
_SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
PLACE_LINK_RE = re.compile(r"^(?:geonames:\d+|admin1:[A-Z]{2}\.\w+|custom:\S+|none)$")
_TIME_POINT_RE = re.compile(r"^\d{4}(?:-W\d{2}|-\d{2}(?:-\d{2}(?:T\d{2}:\d{2}(?::\d{2})?)?)?)?$")
_OPEN, _CLOSE, _SEP = "[[", "]]", "|"


class GoldFormatError(ValueError):
    """A gold file violates the format; the message starts with ``path:line:``."""

    def __init__(self, message: str, path: str, line: int) -> None:
        super().__init__(f"{path}:{line}: {message}")
        self.path = path
        self.line = line
        self.reason = message


@dataclass(frozen=True, slots=True)
class GoldMention:
    """One annotated span of a gold document's text."""

    start: int
    end: int
    text: str
    label: Label
    link: str | None = None


@dataclass(slots=True)
class GoldDocument:
    """One gold document: its text, header fields and annotated mentions (sorted by offset)."""

    id: str
    text: str
    published: str | None
    style: str
    conflict: str
    title: str | None
    mentions: list[GoldMention] = field(default_factory=list)
    path: str = "<string>"
    line: int = 0  # line of the "### doc:" header

    def to_document(self) -> Document:
        """The input document a system sees: id, text, published and title, without mentions."""
        return Document(id=self.id, text=self.text, title=self.title, published=self.published)

    def by_label(self, label: Label) -> list[GoldMention]:
        """The mentions with the given label, in text order."""
        return [m for m in self.mentions if m.label is label]


def valid_time_value(value: str) -> bool:
    """True for an ISO date/month/year/week/datetime value, or an interval ``a/b`` of two of them."""
    parts = value.split("/")
    if len(parts) > 2:
        return False
    for part in parts:
        if not _TIME_POINT_RE.match(part):
            return False
        try:
            if "T" in part:
                datetime.fromisoformat(part)
            elif len(part) == 10:
                date.fromisoformat(part)
            elif len(part) == 7 and "W" not in part:
                date.fromisoformat(part + "-01")
            elif "W" in part and not 1 <= int(part[6:]) <= 53:
                return False
        except ValueError:
            return False
    return True


class _ErrorAt:
    """Builds GoldFormatErrors for one line of one file."""

    __slots__ = ("line", "path")

    def __init__(self, path: str, line: int) -> None:
        self.path = path
        self.line = line

    def __call__(self, message: str) -> GoldFormatError:
        return GoldFormatError(message, self.path, self.line)


def _check_link(label: Label, link: str | None, err: _ErrorAt) -> None:
    if link is None:
        if label in LINK_REQUIRED:
            raise err(f"{label} mention needs a link (use 'none' for an unresolvable place)")
        return
    if label is Label.PLACE:
        if not PLACE_LINK_RE.match(link):
            raise err(
                f"bad place link {link!r}: expected geonames:<id>, admin1:<CC>.<code>, custom:<id> or none"
            )
    elif label is Label.TIME:
        if not valid_time_value(link):
            raise err(f"bad TIME value {link!r}: expected an ISO date, month, year, week or datetime")
    elif not _SLUG_RE.match(link):
        raise err(f"bad {label} link {link!r}: expected a lowercase id like 'hayat-tahrir-al-sham'")


def _parse_line(line: str, err: _ErrorAt) -> tuple[str, list[tuple[int, int, str, Label, str | None]]]:
    """Strip the markup from one text line; return its plain text and mentions (line-relative)."""
    out: list[str] = []
    spans: list[tuple[int, int, str, Label, str | None]] = []
    pos = 0
    length = 0
    while True:
        open_at = line.find(_OPEN, pos)
        close_at = line.find(_CLOSE, pos)
        if close_at != -1 and (open_at == -1 or close_at < open_at):
            raise err(f"']]' without an opening '[[' at column {close_at + 1}")
        if open_at == -1:
            out.append(line[pos:])
            break
        out.append(line[pos:open_at])
        length += open_at - pos
        end_at = line.find(_CLOSE, open_at + 2)
        if end_at == -1:
            raise err(f"unclosed '[[' at column {open_at + 1}")
        inner = line[open_at + 2 : end_at]
        if _OPEN in inner:
            raise err(f"nested '[[' inside the markup opened at column {open_at + 1}")
        parts = inner.split(_SEP)
        if len(parts) not in (2, 3):
            raise err(f"markup [[{inner}]] must be [[surface|LABEL]] or [[surface|LABEL|link]]")
        surface, label_s = parts[0], parts[1]
        if not surface.strip():
            raise err(f"empty surface in [[{inner}]]")
        if surface != surface.strip():
            raise err(f"surface {surface!r} starts or ends with whitespace")
        try:
            label = Label(label_s)
        except ValueError:
            raise err(f"unknown label {label_s!r} (expected one of {', '.join(Label)})") from None
        link: str | None = None
        if len(parts) == 3:
            link = parts[2]
            if not link or link != link.strip():
                raise err(f"empty link or link with spaces in [[{inner}]]")
        _check_link(label, link, err)
        spans.append((length, length + len(surface), surface, label, link))
        out.append(surface)
        length += len(surface)
        pos = end_at + 2
    return "".join(out), spans


@dataclass(slots=True)
class _Draft:
    """A document while its lines are being read."""

    id: str
    path: str
    line: int
    headers: dict[str, str] = field(default_factory=dict)
    lines: list[str] = field(default_factory=list)
    # (line index, start, end, surface, label, link), offsets relative to the line
    spans: list[tuple[int, int, int, str, Label, str | None]] = field(default_factory=list)

    def finish(self) -> GoldDocument:
        err = _ErrorAt(self.path, self.line)
        for key in REQUIRED_KEYS:
            if key not in self.headers:
                raise err(f"document {self.id!r} has no '### {key}:' header")
        lines = self.lines
        first = 0
        while first < len(lines) and not lines[first].strip():
            first += 1
        last = len(lines)
        while last > first and not lines[last - 1].strip():
            last -= 1
        if first == last:
            raise err(f"document {self.id!r} has no text")
        offsets: list[int] = []
        total = 0
        for i in range(first, last):
            offsets.append(total)
            total += len(lines[i]) + 1
        text = "\n".join(lines[first:last])
        mentions = [
            GoldMention(offsets[li - first] + s, offsets[li - first] + e, surface, label, link)
            for li, s, e, surface, label, link in self.spans
        ]
        return GoldDocument(
            id=self.id,
            text=text,
            published=self.headers.get("published"),
            style=self.headers["style"],
            conflict=self.headers["conflict"],
            title=self.headers.get("title"),
            mentions=sorted(mentions, key=lambda m: (m.start, m.end)),
            path=self.path,
            line=self.line,
        )


def _check_header(key: str, value: str, err: _ErrorAt) -> None:
    if key not in HEADER_KEYS:
        raise err(f"unknown header {key!r} (expected one of {', '.join(sorted(HEADER_KEYS))})")
    if not value:
        raise err(f"empty value for header {key!r}")
    if key == "doc" and not _DOC_ID_RE.match(value):
        raise err(f"bad document id {value!r}: use lowercase letters and digits joined by '-', '_' or '.'")
    elif key == "style" and value not in STYLES:
        raise err(f"unknown style {value!r} (expected one of {', '.join(sorted(STYLES))})")
    elif key == "conflict" and not _CONFLICT_RE.match(value):
        raise err(f"bad conflict {value!r}: expected an ISO 3166-1 alpha-2 code like 'SY'")
    elif key == "published":
        try:
            if not _PUBLISHED_RE.match(value):
                raise ValueError(value)
            datetime.fromisoformat(value)
        except ValueError:
            raise err(f"bad published date {value!r}: expected YYYY-MM-DD or an ISO datetime") from None


def parse_gold(text: str, path: str = "<string>") -> list[GoldDocument]:
    """Parse the documents of one gold file's content. Raises GoldFormatError on any format error."""
    text = text.removeprefix("\ufeff")
    docs: list[GoldDocument] = []
    seen: dict[str, int] = {}
    draft: _Draft | None = None
    for number, raw in enumerate(text.split("\n"), start=1):
        line = raw.removesuffix("\r")
        err = _ErrorAt(path, number)
        if line.startswith("###"):
            match = _HEADER_RE.match(line)
            if match is None:
                raise err(f"malformed header line {line!r}: expected '### key: value'")
            key, value = match.group(1), match.group(2)
            _check_header(key, value, err)
            if key == "doc":
                if value in seen:
                    raise err(f"duplicate document id {value!r} (first at line {seen[value]})")
                seen[value] = number
                if draft is not None:
                    docs.append(draft.finish())
                draft = _Draft(id=value, path=path, line=number)
                continue
            if draft is None:
                raise err(f"header '{key}' before the first '### doc:' header")
            if any(s.strip() for s in draft.lines):
                raise err(f"header '{key}' after the text of document {draft.id!r} began")
            if key in draft.headers:
                raise err(f"header '{key}' given twice for document {draft.id!r}")
            draft.headers[key] = value
            continue
        if draft is None:
            if line.strip():
                raise err("text before the first '### doc:' header")
            continue
        plain, spans = _parse_line(line, err)
        index = len(draft.lines)
        draft.lines.append(plain)
        draft.spans.extend((index, s, e, surface, label, link) for s, e, surface, label, link in spans)
    if draft is not None:
        docs.append(draft.finish())
    return docs


def load_gold(path: Path | str) -> list[GoldDocument]:
    """Load one gold file, or every ``*.txt`` file of a directory (sorted by name).

    Document ids must be unique across all files loaded together.
    """
    root = Path(path)
    if root.is_dir():
        files = sorted(p for p in root.glob("*.txt") if p.is_file())
    elif root.is_file():
        files = [root]
    else:
        raise FileNotFoundError(f"no gold file or directory at {root}")
    docs: list[GoldDocument] = []
    first_seen: dict[str, GoldDocument] = {}
    for file in files:
        try:
            content = file.read_bytes().decode("utf-8")
        except UnicodeDecodeError as exc:
            raise GoldFormatError(f"not UTF-8 ({exc.reason} at byte {exc.start})", str(file), 0) from None
        for doc in parse_gold(content, str(file)):
            if doc.id in first_seen:
                other = first_seen[doc.id]
                raise GoldFormatError(
                    f"duplicate document id {doc.id!r} (also at {other.path}:{other.line})",
                    doc.path,
                    doc.line,
                )
            first_seen[doc.id] = doc
            docs.append(doc)
    return docs


def summarize(docs: list[GoldDocument]) -> dict[str, dict[str, int]]:
    """Counts of documents per style and conflict, and of mentions per label and link state."""
    mentions = [m for d in docs for m in d.mentions]
    return {
        "documents": {"total": len(docs)},
        "style": dict(sorted(Counter(d.style for d in docs).items())),
        "conflict": dict(sorted(Counter(d.conflict for d in docs).items())),
        "label": {str(lb): sum(1 for m in mentions if m.label is lb) for lb in Label},
        "unlinked": {
            "PERSON": sum(1 for m in mentions if m.label is Label.PERSON and m.link is None),
            "TIME": sum(1 for m in mentions if m.label is Label.TIME and m.link is None),
            "PLACE none": sum(1 for m in mentions if m.label is Label.PLACE and m.link == "none"),
        },
    }


def main(argv: list[str] | None = None) -> int:
    """``python -m marsad.evaluate.gold [PATH]``: validate a gold set and print its counts."""
    args = sys.argv[1:] if argv is None else argv
    target = args[0] if args else "gold/dev"
    try:
        docs = load_gold(target)
    except (GoldFormatError, FileNotFoundError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    for section, counts in summarize(docs).items():
        print(f"{section}: " + ", ".join(f"{k}={v}" for k, v in counts.items()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
