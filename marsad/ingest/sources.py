"""Which files to read and in which format: directory walks, include/exclude globs, format sniffing."""

from __future__ import annotations

import codecs
import csv
import os
import re
from collections.abc import Iterator, Sequence
from fnmatch import fnmatchcase

import orjson

from marsad.ingest.common import InputError, Source, os_reason
from marsad.ingest.options import Format, IngestOptions, IngestStats
from marsad.io.encoding import SNIFF_BYTES, bom_encoding, sniff_binary
from marsad.io.readers import STDIN, _unique_stems, list_directory

SUFFIX_FORMATS: dict[str, Format] = {
    ".txt": "text",
    ".md": "text",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".csv": "csv",
    ".tsv": "csv",
    ".json": "telegram",
}
TELEGRAM_EXPORT_NAME = "result.json"
CSV_DELIMITERS = (",", ";", "\t", "|")

# OS and editor leftovers never read from a directory (compared lower-case).
_JUNK_NAMES = frozenset(
    {"thumbs.db", "ehthumbs.db", "desktop.ini", "__macosx", "$recycle.bin", "system volume information"}
)
_JUNK_SUFFIXES = (".tmp", ".part", ".crdownload", ".swp", ".bak")
_HTML_RE = re.compile(
    r"<(?:!doctype\s+html|html|head|body|meta|title|article|main|section|div|p|br|h[1-6]|table)\b", re.I
)
_TELEGRAM_RE = re.compile(r'"messages"\s*:\s*\[')


def suffix_format(path: str) -> Format | None:
    """The format a file's suffix stands for, or None."""
    return SUFFIX_FORMATS.get(os.path.splitext(path)[1].lower())


def is_junk(name: str) -> bool:
    """Hidden files, OS leftovers (Thumbs.db, __MACOSX, ...), Office lock files and editor backups."""
    lower = name.lower()
    return (
        name.startswith(".")
        or lower in _JUNK_NAMES
        or name.startswith("~$")
        or name.endswith("~")
        or lower.endswith(_JUNK_SUFFIXES)
    )


def matches(rel: str, patterns: Sequence[str]) -> bool:
    """True if the relative path ``rel`` ("a/b.txt") matches one of the glob ``patterns``.

    Patterns are matched case-sensitively with fnmatch (``*`` also crosses "/"); ``**/`` may also match
    no directory at all ("2017/**/*.txt" matches "2017/a.txt"), and a pattern without "/" is also tried
    on the file name alone.
    """
    name = rel.rsplit("/", 1)[-1]
    for raw in patterns:
        pattern = raw.replace(os.sep, "/").removeprefix("./")
        variants = {pattern, pattern.replace("**/", "")}
        if any(fnmatchcase(rel, v) for v in variants):
            return True
        if "/" not in pattern and fnmatchcase(name, pattern):
            return True
    return False


def sniff_format(head: bytes, text_column: str = "text") -> Format:
    """Guess the format of an input from its first bytes (unknown suffix or standard input)."""
    if sniff_binary(head) is not None:
        return "text"  # the text reader reports it as binary
    bom = bom_encoding(head)
    if bom is not None:
        codec = bom[0]
        sample = codecs.getincrementaldecoder(codec)(errors="ignore").decode(head)
    else:
        sample = head.decode("utf-8", errors="ignore")
    stripped = sample.lstrip("\ufeff \t\r\n")
    if stripped.startswith("{"):
        first = stripped.split("\n", 1)[0].strip()
        try:
            obj = orjson.loads(first)
        except orjson.JSONDecodeError:
            obj = None
        if isinstance(obj, dict):
            return "telegram" if isinstance(obj.get("messages"), list) else "jsonl"
        return "telegram" if _TELEGRAM_RE.search(stripped) else "jsonl"
    if stripped.startswith("<") and _HTML_RE.search(stripped[:4096]):
        return "html"
    if _looks_like_csv(stripped, text_column):
        return "csv"
    return "text"


def _looks_like_csv(sample: str, text_column: str) -> bool:
    """A header line that splits into several cells, one of which names the text column."""
    line = sample.split("\n", 1)[0].rstrip("\r")
    wanted = text_column.strip().lower()
    for delimiter in CSV_DELIMITERS:
        if delimiter not in line:
            continue
        try:
            cells = next(csv.reader([line], delimiter=delimiter))
        except (csv.Error, StopIteration):
            continue
        if len(cells) > 1 and wanted in (c.strip().lower() for c in cells):
            return True
    return False


def _looks_like_telegram(path: str) -> bool:
    try:
        with open(path, "rb") as handle:
            head = handle.read(SNIFF_BYTES)
    except OSError:
        return True  # let the reader report the problem
    return sniff_format(head) == "telegram"


# --- expansion ------------------------------------------------------------------------------------


def expand_sources(
    sources: Sequence[str], options: IngestOptions, stats: IngestStats
) -> list[Source | InputError]:
    """Every input to read, in order, with unique id prefixes; problems as InputErrors."""
    items: list[Source | InputError] = []
    explicit: Format | None = None if options.input_format == "auto" else options.input_format
    for source in sources or [STDIN]:
        if source == STDIN:
            items.append(Source(None, explicit))
        elif os.path.isdir(source):
            items.extend(_expand_directory(source, options, stats))
        elif not os.path.lexists(source):
            items.append(InputError(source, None, "no such file or directory; check the path", "io"))
        else:
            items.append(Source(source, explicit or suffix_format(source)))
    files = [item for item in items if isinstance(item, Source)]
    prefixes = iter(_unique_stems([src.path for src in files]))
    return [
        Source(item.path, item.fmt, next(prefixes)) if isinstance(item, Source) else item for item in items
    ]


def _expand_directory(
    directory: str, options: IngestOptions, stats: IngestStats
) -> list[Source | InputError]:
    out: list[Source | InputError] = []
    found = False
    for item in _walk(directory, "", options, stats, set()):
        found = found or isinstance(item, Source)
        out.append(item)
    if not found:
        if options.include:
            what = "files matching " + " / ".join(options.include)
        elif options.input_format != "auto":
            what = f"{options.input_format} files"
        else:
            what = "supported files (" + " ".join(f"*{s}" for s in SUFFIX_FORMATS) + ")"
        out.append(InputError(directory, None, f"directory contains no {what}", "empty"))
    return out


def _walk(
    directory: str, rel_dir: str, options: IngestOptions, stats: IngestStats, visited: set[tuple[int, int]]
) -> Iterator[Source | InputError]:
    """Files to read under ``directory``, sorted by name, recursively; symlink loops are not followed."""
    listing = list_directory(directory, visited)
    if isinstance(listing, InputError):
        yield listing
        return
    for entry in listing:
        path = os.path.join(directory, entry.name)
        rel = f"{rel_dir}/{entry.name}" if rel_dir else entry.name
        if is_junk(entry.name):
            if not entry.name.startswith("."):
                stats.skip("junk-file")
            continue
        try:
            is_dir = entry.is_dir()
            is_file = entry.is_file()
        except OSError as err:
            yield InputError(path, None, os_reason(err, path), "io")
            continue
        if is_dir:
            if options.exclude and (matches(rel, options.exclude) or matches(rel + "/", options.exclude)):
                stats.skip("excluded")
                continue
            yield from _walk(path, rel, options, stats, visited)
        elif is_file:
            keep, fmt = _file_format(path, rel, options, stats)
            if keep:
                yield Source(path, fmt)


def _file_format(
    path: str, rel: str, options: IngestOptions, stats: IngestStats
) -> tuple[bool, Format | None]:
    """(whether to read a walked file, its format or None to sniff it)."""
    if options.exclude and matches(rel, options.exclude):
        stats.skip("excluded")
        return False, None
    by_suffix = suffix_format(path)
    explicit: Format | None = None if options.input_format == "auto" else options.input_format
    if options.include:
        if not matches(rel, options.include):
            stats.skip("excluded")
            return False, None
        return True, explicit or by_suffix
    if explicit is not None:
        if by_suffix != explicit:
            stats.skip("unsupported-file")
            return False, None
        return True, explicit
    if by_suffix is None:
        stats.skip("unsupported-file")
        return False, None
    # other JSON files (site metadata, configs) are read only if they look like an export
    is_export = os.path.basename(path).lower() == TELEGRAM_EXPORT_NAME or _looks_like_telegram(path)
    if by_suffix == "telegram" and not is_export:
        stats.skip("unsupported-file")
        return False, None
    return True, by_suffix
