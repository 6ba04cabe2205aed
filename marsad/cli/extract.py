"""``marsad extract``: documents in, one record per document out, in input order."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from typing import IO, Any

import click

from marsad.io.readers import InputError, ReadOptions, read_documents
from marsad.model import Document


@click.command(context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("sources", nargs=-1, type=click.Path(allow_dash=True))
@click.option(
    "--input-format",
    type=click.Choice(["text", "jsonl"]),
    default="text",
    show_default=True,
    help="text: each file is one document; jsonl: one JSON object per line with 'text' and "
    "optionally 'id', 'date', 'url', 'title', 'source'.",
)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["json", "jsonl", "table"]),
    default="json",
    show_default=True,
    help="json: an array of records; jsonl: one record per line; table: for reading.",
)
@click.option(
    "-o",
    "--output",
    type=click.File("w", encoding="utf-8"),
    default="-",
    help="Write records here instead of standard output.",
)
@click.option(
    "--kb",
    "kb_paths",
    multiple=True,
    type=click.Path(exists=True),
    help="Extra knowledge-base YAML file or directory (repeatable); entries override by id.",
)
@click.option(
    "--gazetteer",
    "gazetteer_path",
    type=click.Path(),
    default=None,
    help="Gazetteer index directory (default: the user cache, built on first use).",
)
@click.option(
    "--encoding", default=None, help="Input encoding (default: detect; e.g. cp1256 for windows-1256)."
)
@click.option(
    "--max-mb", type=float, default=50.0, show_default=True, help="Refuse documents larger than this."
)
@click.option("--published", default=None, help="Publication date (YYYY-MM-DD) for documents that lack one.")
@click.option("--country", default=None, help="ISO country code hint for documents (e.g. SY).")
@click.option(
    "--progress/--no-progress",
    default=None,
    help="Progress bar on standard error (default: when a terminal).",
)
def extract(
    sources: tuple[str, ...],
    input_format: str,
    output_format: str,
    output: IO[str],
    kb_paths: tuple[str, ...],
    gazetteer_path: str | None,
    encoding: str | None,
    max_mb: float,
    published: str | None,
    country: str | None,
    progress: bool | None,
) -> None:
    """Recognize actors, groups, persons, places and times in SOURCES (files, directories, or - for
    standard input) and print one record per document, with exact character offsets.

    Inputs that cannot be read are reported on standard error and skipped; the exit status is 1 when
    any input failed, 0 otherwise.
    """
    from marsad.io.output import dumps, render_table, to_record
    from marsad.pipeline import ComponentFailure, Pipeline

    if published is not None:
        _check_date(published)
    if country is not None and (len(country) != 2 or not country.isalpha()):
        raise click.BadParameter("use a two-letter ISO country code such as SY", param_hint="--country")
    options = ReadOptions(
        input_format=input_format,  # type: ignore[arg-type]
        encoding=encoding,
        max_bytes=int(max_mb * 1024 * 1024),
    )
    pipeline = Pipeline.default(kb_paths=kb_paths, gazetteer_path=gazetteer_path)
    version = _knowledge_version(kb_paths, gazetteer_path)
    failures: list[str] = []

    def documents() -> Iterator[Document]:
        for item in read_documents(list(sources) or ["-"], options):
            if isinstance(item, InputError):
                where = f"{item.source}:{item.line}" if item.line else item.source
                failures.append(f"{where}: {item.reason}")
                click.echo(f"marsad: skipped {where}: {item.reason}", err=True)
                continue
            if published and not item.published:
                item.published = published
            if country:
                item.meta.setdefault("country", country.upper())
            yield item

    def on_error(doc: Document, failure: ComponentFailure) -> None:
        failures.append(f"{doc.id}: {failure}")
        click.echo(f"marsad: failed on {doc.id}: {failure.error!r} (in {failure.component})", err=True)

    show = progress if progress is not None else sys.stderr.isatty()
    processed = pipeline.pipe(_with_progress(documents(), show), on_error=on_error)
    count = _write(processed, output_format, output, version, to_record, dumps, render_table)
    if failures:
        click.echo(f"marsad: {count} document(s) processed, {len(failures)} input(s) failed", err=True)
        sys.exit(1)


def _write(
    processed: Iterator[Document],
    fmt: str,
    out: IO[str],
    version: str,
    to_record: Any,
    dumps: Any,
    render_table: Any,
) -> int:
    count = 0
    if fmt == "json":
        out.write("[")
    for doc in processed:
        record = to_record(doc, version)
        if fmt == "table":
            render_table(record, out)
        elif fmt == "jsonl":
            out.write(dumps(record).decode("utf-8") + "\n")
        else:
            out.write(("," if count else "") + "\n" + dumps(record, indent=True).decode("utf-8"))
        count += 1
        out.flush()
    if fmt == "json":
        out.write("\n]\n" if count else "]\n")
    return count


def _with_progress(docs: Iterator[Document], show: bool) -> Iterator[Document]:
    """Count documents on standard error with their rate while they stream through."""
    if not show:
        yield from docs
        return
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    with Progress(
        SpinnerColumn(),
        TextColumn("{task.completed} documents"),
        TextColumn("{task.fields[rate]}"),
        TimeElapsedColumn(),
        transient=True,
    ) as bar:
        task = bar.add_task("extract", total=None, rate="")
        for doc in docs:
            yield doc
            speed = bar.tasks[0].speed
            bar.update(task, advance=1, rate=f"{speed:.1f} docs/s" if speed else "")


def _knowledge_version(kb_paths: tuple[str, ...], gazetteer_path: str | None) -> str:
    from marsad.resources import Resources

    return Resources.load(kb_paths=kb_paths, gazetteer_path=gazetteer_path).version


def _check_date(value: str) -> None:
    from datetime import date

    try:
        date.fromisoformat(value[:10])
    except ValueError:
        raise click.BadParameter(
            f"{value!r} is not a date like 2017-05-05", param_hint="--published"
        ) from None
