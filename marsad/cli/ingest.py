"""``marsad ingest``: store documents (without extracting them) with their source and content hash."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from typing import Any

import click

from marsad.cli.common import (
    build_ingest_options,
    db_option,
    estimate_documents,
    ingest_options,
    open_store,
    progress,
)

BATCH = 500
MAX_LISTED = 20


@click.command(context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("sources", nargs=-1, required=True, type=click.Path(allow_dash=True))
@db_option
@ingest_options
@click.option(
    "--progress/--no-progress", "show_progress", default=None, help="Progress bar (default: on a terminal)."
)
def ingest(sources: tuple[str, ...], db_url: str | None, show_progress: bool | None, **kwargs: Any) -> None:
    """Store the documents in SOURCES (files, directories, - for standard input: text, HTML pages, JSON
    Lines, CSV, Telegram Desktop exports) for a later `marsad run`.

    Re-ingesting the same content is a no-op; near-duplicates (one report republished by several
    outlets) join one cluster. Unreadable inputs are listed and skipped; exit status 1 when any failed.
    """
    from marsad.ingest import ingest_documents
    from marsad.io.readers import InputError
    from marsad.model import Document

    read_options = build_ingest_options(kwargs)
    failures: list[str] = []
    inserted = duplicates = clustered = 0
    store = open_store(db_url)

    def documents() -> Iterator[Document]:
        for item in ingest_documents(list(sources), read_options):
            if isinstance(item, InputError):
                failures.append(str(item))
                click.echo(f"marsad: skipped {item}", err=True)
            else:
                yield item

    with store, progress(estimate_documents(sources, read_options), show_progress, "ingest") as bar:
        batch: list[Document] = []
        for doc in documents():
            batch.append(doc)
            if len(batch) >= BATCH:
                result = store.add_documents(batch)
                inserted, duplicates, clustered = _tally(result, inserted, duplicates, clustered)
                bar.advance(len(batch))
                batch = []
        if batch:
            result = store.add_documents(batch)
            inserted, duplicates, clustered = _tally(result, inserted, duplicates, clustered)
            bar.advance(len(batch))
        counts = store.counts()
    click.echo(
        f"marsad: {inserted} new document(s) stored, {duplicates} already stored (unchanged), "
        f"{clustered} joined a near-duplicate cluster; store holds {counts.get('documents', 0)} documents "
        f"({counts.get('pending', 0)} waiting for `marsad run`)",
        err=True,
    )
    if failures:
        click.echo(f"marsad: {len(failures)} input(s) could not be read:", err=True)
        for line in failures[:MAX_LISTED]:
            click.echo(f"  {line}", err=True)
        if len(failures) > MAX_LISTED:
            click.echo(f"  … and {len(failures) - MAX_LISTED} more", err=True)
        sys.exit(1)


def _tally(result: Any, inserted: int, duplicates: int, clustered: int) -> tuple[int, int, int]:
    joined = sum(1 for doc_id, cluster in result.clusters.items() if cluster != doc_id)
    return inserted + len(result.inserted), duplicates + len(result.duplicates), clustered + joined
