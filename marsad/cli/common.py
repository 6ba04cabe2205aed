"""Options and helpers shared by the store commands (ingest, run, search, export, status)."""

from __future__ import annotations

import fnmatch
import os
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

if TYPE_CHECKING:
    from marsad.ingest import IngestOptions
    from marsad.store import Filters, Store

F = TypeVar("F", bound=Callable[..., Any])

DB_HELP = (
    "Database: a SQLite file path or URL (sqlite:///corpus.db), or a PostgreSQL URL "
    "(postgresql+psycopg://user@host/db). Default: $MARSAD_DB, else marsad.db here."
)
# store.types.REVIEW_FILTER_VALUES, not imported from there: the CLI starts without loading the store
REVIEW_STATES = ("accepted", "edited", "rejected", "unreviewed")


def db_option(func: F) -> F:
    """``--db URL`` (also from $MARSAD_DB)."""
    return click.option("--db", "db_url", envvar="MARSAD_DB", default=None, help=DB_HELP)(func)


def open_store(db_url: str | None) -> Store:
    """Open the store or exit with a readable message."""
    from marsad.store import Store, StoreError

    try:
        return Store.open(db_url)
    except StoreError as err:
        raise click.ClickException(str(err)) from None


def ingest_options(func: F) -> F:
    """Options that say how to read sources (shared by ``ingest`` and ``run``)."""
    options = [
        click.option(
            "--input-format",
            type=click.Choice(["auto", "text", "html", "jsonl", "csv", "telegram"]),
            default="auto",
            show_default=True,
            help="auto: by file suffix and content (Telegram Desktop result.json is recognized).",
        ),
        click.option(
            "--include", multiple=True, help="Glob of files to take inside directories (repeatable)."
        ),
        click.option(
            "--exclude", multiple=True, help="Glob of files to skip inside directories (repeatable)."
        ),
        click.option("--encoding", default=None, help="Input encoding (default: detect; e.g. cp1256)."),
        click.option(
            "--text-column", default="text", show_default=True, help="CSV/JSONL field with the text."
        ),
        click.option("--id-column", default="id", show_default=True, help="CSV/JSONL field with an id."),
        click.option("--date-column", default="date", show_default=True, help="CSV/JSONL publication date."),
        click.option("--title-column", default="title", show_default=True, help="CSV/JSONL title field."),
        click.option("--url-column", default="url", show_default=True, help="CSV/JSONL URL field."),
        click.option("--source-column", default="source", show_default=True, help="CSV/JSONL outlet field."),
        click.option(
            "--meta-column",
            "meta_columns",
            multiple=True,
            help="Extra CSV/JSONL field kept as metadata (repeatable; '*' keeps all).",
        ),
        click.option("--delimiter", default=None, help="CSV delimiter (default: detect , ; tab |)."),
        click.option(
            "--max-mb", type=float, default=50.0, show_default=True, help="Refuse documents larger than this."
        ),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def build_ingest_options(kwargs: dict[str, Any]) -> IngestOptions:
    """IngestOptions from the values of ``ingest_options`` (consumed from ``kwargs``)."""
    from marsad.ingest import IngestOptions

    return IngestOptions(
        input_format=kwargs.pop("input_format"),
        include=tuple(kwargs.pop("include")),
        exclude=tuple(kwargs.pop("exclude")),
        encoding=kwargs.pop("encoding"),
        max_bytes=int(kwargs.pop("max_mb") * 1024 * 1024),
        text_column=kwargs.pop("text_column"),
        id_column=kwargs.pop("id_column") or None,
        date_column=kwargs.pop("date_column") or None,
        title_column=kwargs.pop("title_column") or None,
        url_column=kwargs.pop("url_column") or None,
        source_column=kwargs.pop("source_column") or None,
        meta_columns=tuple(kwargs.pop("meta_columns")),
        delimiter=_delimiter(kwargs.pop("delimiter")),
    )


def _delimiter(value: str | None) -> str | None:
    if value is None:
        return None
    named = {"tab": "\t", "\\t": "\t", "comma": ",", "semicolon": ";", "pipe": "|"}
    value = named.get(value.lower(), value)
    if len(value) != 1:
        raise click.BadParameter(
            "use one character, or tab / comma / semicolon / pipe", param_hint="--delimiter"
        )
    return value


def filter_options(func: F) -> F:
    """Filters shared by ``search`` and ``export``."""
    options = [
        click.option(
            "--actor", "actors", multiple=True, help="Actor id or name, Arabic or English (repeatable)."
        ),
        click.option(
            "--place", "places", multiple=True, help="Place id or name; a governorate matches its places."
        ),
        click.option("--near", default=None, metavar="LAT,LON,KM", help="Events within KM of a point."),
        click.option(
            "--type",
            "event_types",
            multiple=True,
            help="PLOVER type (ASSAULT) or ACLED event / sub-event type ('Armed clash') (repeatable).",
        ),
        click.option("--from", "date_from", default=None, help="Earliest date, YYYY-MM-DD (inclusive)."),
        click.option("--to", "date_to", default=None, help="Latest date, YYYY-MM-DD (inclusive)."),
        click.option(
            "--source", "sources", multiple=True, help="Outlet, channel or path contains this text."
        ),
        click.option(
            "--review",
            multiple=True,
            type=click.Choice(REVIEW_STATES),
            help="Keep events in these review states (repeatable; default: all but rejected).",
        ),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def build_filters(kwargs: dict[str, Any]) -> Filters:
    """Filters from the values of ``filter_options`` (consumed from ``kwargs``)."""
    from marsad.store import Filters

    date_from, date_to = kwargs.pop("date_from"), kwargs.pop("date_to")
    for value, hint in ((date_from, "--from"), (date_to, "--to")):
        if value is not None:
            check_date(value, hint)
    return Filters(
        actors=tuple(kwargs.pop("actors")),
        places=tuple(kwargs.pop("places")),
        near=parse_near(kwargs.pop("near")),
        event_types=tuple(kwargs.pop("event_types")),
        date_from=date_from,
        date_to=date_to,
        sources=tuple(kwargs.pop("sources")),
        review=tuple(kwargs.pop("review")),
    )


def parse_near(value: str | None) -> tuple[float, float, float] | None:
    """``"35.13,36.75,10"`` → (lat, lon, km), checked."""
    if value is None:
        return None
    from marsad.store.filters import parse_near as parse

    try:
        return parse(value)
    except ValueError as err:
        raise click.BadParameter(str(err), param_hint="--near") from None


def check_date(value: str, hint: str) -> None:
    try:
        date.fromisoformat(value[:10])
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date like 2017-05-05", param_hint=hint) from None


def estimate_documents(sources: Sequence[str], options: IngestOptions) -> int | None:
    """A quick count of the documents the sources hold (for the progress bar's ETA): one per text or
    HTML file, one per line of JSON Lines and CSV. None when unknown (stdin, Telegram exports)."""
    total = 0
    for source in sources:
        if source == "-":
            return None
        for path in _files(Path(source), options):
            name = path.name.lower()
            if name.endswith((".jsonl", ".ndjson", ".csv", ".tsv")):
                total += _count_lines(path) - (1 if name.endswith((".csv", ".tsv")) else 0)
            elif name.endswith(".json"):
                return None
            else:
                total += 1
    return max(total, 0)


def _files(root: Path, options: IngestOptions) -> Iterator[Path]:
    if root.is_file():
        yield root
        return
    if not root.is_dir():
        return
    for folder, dirs, names in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(names):
            if name.startswith("."):
                continue
            rel = os.path.relpath(os.path.join(folder, name), root)
            if options.include and not any(fnmatch.fnmatch(rel, g) for g in options.include):
                continue
            if any(fnmatch.fnmatch(rel, g) for g in options.exclude):
                continue
            yield Path(folder, name)


def _count_lines(path: Path) -> int:
    count = 0
    try:
        with path.open("rb") as fh:
            while chunk := fh.read(1 << 20):
                count += chunk.count(b"\n")
    except OSError:
        return 0
    return count


class Progress:
    """A progress bar on standard error: documents, docs/s, characters/s and, when the total is
    known, a bar and the time remaining. Silent when ``show`` is false."""

    def __init__(self, total: int | None, show: bool, label: str) -> None:
        self.show = show
        self.total = total
        self.label = label
        self._bar: Any = None
        self._task: Any = None

    def __enter__(self) -> Progress:
        if self.show:
            from rich.console import Console
            from rich.progress import (
                BarColumn,
                MofNCompleteColumn,
                SpinnerColumn,
                TaskProgressColumn,
                TextColumn,
                TimeElapsedColumn,
                TimeRemainingColumn,
            )
            from rich.progress import Progress as RichProgress

            self._bar = RichProgress(
                SpinnerColumn(),
                TextColumn(self.label),
                BarColumn(),
                MofNCompleteColumn(),
                TaskProgressColumn(),
                TextColumn("{task.fields[rate]}"),
                TimeElapsedColumn(),
                TextColumn("ETA"),
                TimeRemainingColumn(),
                console=Console(stderr=True),
                transient=False,
            )
            self._bar.__enter__()
            self._task = self._bar.add_task(self.label, total=self.total, rate="")
        return self

    def advance(self, docs: int, chars: int = 0) -> None:
        if self._bar is None:
            return
        self._bar.update(self._task, advance=docs)
        task = self._bar.tasks[0]
        if task.total is not None and task.completed > task.total:
            self._bar.update(self._task, total=task.completed)
        speed = task.speed
        self._bar.update(self._task, rate=f"{speed:.1f} docs/s" if speed else "")

    def __exit__(self, *exc: object) -> None:
        if self._bar is not None:
            self._bar.__exit__(None, None, None)


@contextmanager
def progress(total: int | None, show: bool | None, label: str) -> Iterator[Progress]:
    """``Progress`` shown by default when standard error is a terminal."""
    import sys

    with Progress(total, sys.stderr.isatty() if show is None else show, label) as bar:
        yield bar
