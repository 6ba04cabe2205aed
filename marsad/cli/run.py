"""``marsad run``: ingest, extract and store in committed batches; resumable and idempotent."""

from __future__ import annotations

import os
import sys
from typing import Any

import click

from marsad.cli.common import (
    build_ingest_options,
    check_date,
    db_option,
    estimate_documents,
    ingest_options,
    open_store,
    progress,
)

MAX_LISTED = 20


@click.command(context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("sources", nargs=-1, type=click.Path(allow_dash=True))
@db_option
@ingest_options
@click.option(
    "--batch-size",
    type=click.IntRange(1, 100_000),
    default=100,
    show_default=True,
    help="Documents per committed transaction (a crash loses at most the one or two batches in flight).",
)
@click.option(
    "--reextract",
    is_flag=True,
    help="Also redo documents stored by another marsad or knowledge-base version "
    "(documents with reviewed events are kept as reviewed).",
)
@click.option(
    "--pending/--no-pending",
    default=True,
    show_default=True,
    help="Also extract documents already in the store that are not extracted yet (from `marsad ingest` "
    "or an interrupted run).",
)
@click.option(
    "--kb",
    "kb_paths",
    multiple=True,
    type=click.Path(exists=True),
    help="Extra knowledge-base YAML file or directory (repeatable); entries override by id.",
)
@click.option(
    "--gazetteer", "gazetteer_path", type=click.Path(), default=None, help="Gazetteer index directory."
)
@click.option("--published", default=None, help="Publication date (YYYY-MM-DD) for documents that lack one.")
@click.option("--country", default=None, help="ISO country code hint for documents (e.g. SY).")
@click.option(
    "--progress/--no-progress", "show_progress", default=None, help="Progress bar (default: on a terminal)."
)
@click.option(
    "--engine",
    type=click.Choice(["local", "dask"]),
    default="local",
    show_default=True,
    help="local: this machine (extraction in this process; with 2+ CPUs batches are committed by a writer "
    "process meanwhile). dask: a Dask cluster (a local one of --workers processes, or --scheduler); "
    "see docs/scaling.md.",
)
@click.option(
    "--scheduler", default=None, metavar="ADDRESS", help="dask: a running scheduler (tcp://host:8786)."
)
@click.option(
    "--workers",
    type=click.IntRange(1, 1024),
    default=None,
    help="dask: worker processes of the local cluster, one thread each [default: CPU count].",
)
@click.option(
    "--partition-docs",
    type=click.IntRange(1, 1_000_000),
    default=None,
    help="dask: documents per partition at most [default: 1000].",
)
@click.option(
    "--partition-mb",
    type=click.FloatRange(0.01, 1024),
    default=None,
    help="dask: MB of UTF-8 text per partition at most [default: 4]; bounds worker memory.",
)
@click.option(
    "--output-dir",
    type=click.Path(file_okay=False),
    default=None,
    help="dask: directory of the Parquet partitions and manifest [default: <db name>-parts next to a "
    "SQLite database, else ./marsad-parts]. Must be readable by this process.",
)
@click.option(
    "--load/--no-load",
    default=True,
    show_default=True,
    help="dask: load the partitions into the store (--no-load writes the Parquet partitions only; "
    "the same command with --load loads them later without extracting again).",
)
def run(
    sources: tuple[str, ...],
    db_url: str | None,
    batch_size: int,
    reextract: bool,
    pending: bool,
    kb_paths: tuple[str, ...],
    gazetteer_path: str | None,
    published: str | None,
    country: str | None,
    show_progress: bool | None,
    engine: str,
    scheduler: str | None,
    workers: int | None,
    partition_docs: int | None,
    partition_mb: float | None,
    output_dir: str | None,
    load: bool,
    **kwargs: Any,
) -> None:
    """Read SOURCES (files, directories, - for standard input: text, HTML, JSON Lines, CSV, Telegram
    exports), extract events and store everything in the database.

    Every batch is committed in one transaction: after a crash or Ctrl-C, run the same command again and
    it goes on where it stopped, storing every document exactly once. Documents already stored by this
    marsad and knowledge-base version are skipped. Exit status 1 when an input or a document failed,
    130 when interrupted.
    """
    from marsad import __version__
    from marsad.ingest import ingest_documents
    from marsad.io.readers import InputError
    from marsad.pipeline import Pipeline
    from marsad.resources import Resources
    from marsad.runner import RunOptions, run_corpus
    from marsad.store import Producer

    if published is not None:
        check_date(published, "--published")
    if country is not None and (len(country) != 2 or not country.isalpha()):
        raise click.BadParameter("use a two-letter ISO country code such as SY", param_hint="--country")
    dask_given = {
        "--scheduler": scheduler,
        "--workers": workers,
        "--partition-docs": partition_docs,
        "--partition-mb": partition_mb,
        "--output-dir": output_dir,
        "--no-load": None if load else True,
    }
    if engine != "dask":
        used = [name for name, value in dask_given.items() if value is not None]
        if used:
            raise click.UsageError(f"{', '.join(used)} only apply with --engine dask")
    if scheduler is not None and workers is not None:
        raise click.UsageError("give --scheduler or --workers, not both")
    read_options = build_ingest_options(kwargs)
    if engine == "dask":
        _run_dask(
            sources,
            read_options,
            db_url,
            kb_paths,
            gazetteer_path,
            show_progress,
            batch_size=batch_size,
            reextract=reextract,
            pending=pending,
            published=published,
            country=country,
            scheduler=scheduler,
            workers=workers,
            partition_docs=partition_docs,
            partition_mb=partition_mb,
            output_dir=output_dir,
            load=load,
        )
        return
    store = open_store(db_url)
    pipeline = Pipeline.default(kb_paths=kb_paths, gazetteer_path=gazetteer_path)
    producer = Producer(marsad=__version__, knowledge=Resources.load(kb_paths, gazetteer_path).version)
    options = RunOptions(
        batch_size=batch_size,
        reextract=reextract,
        published=published,
        country=country,
        include_pending=pending,
    )

    def report(error: InputError) -> None:
        click.echo(f"marsad: skipped {error}", err=True)

    total = estimate_documents(sources, read_options) if sources else None
    with store, progress(total, show_progress, "run") as bar:
        documents = ingest_documents(list(sources), read_options) if sources else iter(())
        summary = run_corpus(store, pipeline, producer, documents, options, bar.advance, report)
        counts = store.counts()
    _print_summary(summary, counts)
    if summary.interrupted:
        sys.exit(130)
    if not summary.ok:
        sys.exit(1)


def _run_dask(
    sources: tuple[str, ...],
    read_options: Any,
    db_url: str | None,
    kb_paths: tuple[str, ...],
    gazetteer_path: str | None,
    show_progress: bool | None,
    *,
    batch_size: int,
    reextract: bool,
    pending: bool,
    published: str | None,
    country: str | None,
    scheduler: str | None,
    workers: int | None,
    partition_docs: int | None,
    partition_mb: float | None,
    output_dir: str | None,
    load: bool,
) -> None:
    """``marsad run --engine dask``: the driver reads and loads, a Dask cluster extracts."""
    from marsad import __version__
    from marsad.io.readers import InputError
    from marsad.resources import Resources
    from marsad.runner import RunOptions
    from marsad.runner.dask_engine import (
        DEFAULT_PARTITION_DOCS,
        DEFAULT_PARTITION_MB,
        DaskOptions,
        run_dask,
    )
    from marsad.runner.partitions import MiB, read_sources
    from marsad.store import Producer

    if sources and "-" not in sources:
        missing = [s for s in sources if not os.path.exists(s)]
        if missing and len(missing) == len(sources):
            raise click.UsageError(f"no such file or directory: {', '.join(missing)}")
    store = open_store(db_url)
    producer = Producer(marsad=__version__, knowledge=Resources.load(kb_paths, gazetteer_path).version)
    options = RunOptions(
        batch_size=batch_size,
        reextract=reextract,
        published=published,
        country=country,
        include_pending=pending,
    )
    dask = DaskOptions(
        scheduler=scheduler,
        workers=workers,
        partition_docs=partition_docs or DEFAULT_PARTITION_DOCS,
        partition_bytes=int((partition_mb or DEFAULT_PARTITION_MB) * MiB),
        output_dir=output_dir,
        load=load,
    )

    def report(error: InputError) -> None:
        click.echo(f"marsad: skipped {error}", err=True)

    def info(message: str) -> None:
        click.echo(f"marsad: {message}", err=True)

    total = _estimate_with_parquet(sources, read_options) if sources else None
    with store, progress(total, show_progress, "run (dask)") as bar:
        documents = read_sources(list(sources), read_options) if sources else iter(())
        summary = run_dask(
            store,
            producer,
            documents,
            options,
            dask,
            kb_paths=tuple(kb_paths),
            gazetteer_path=gazetteer_path,
            on_progress=bar.advance,
            on_input_error=report,
            on_info=info,
        )
        counts = store.counts()
    if load:
        _print_summary(summary, counts)
    else:
        click.echo(
            f"marsad: extracted {summary.extracted} document(s) into {summary.partitions_extracted} Parquet "
            f"partition(s) in {summary.output_dir} ({summary.seconds:.1f} s); not loaded (--no-load)",
            err=True,
        )
    click.echo(
        f"  dask: {summary.workers} worker(s), {summary.partitions} partition(s): "
        f"{summary.partitions_extracted} extracted, {summary.partitions_reused} reused from "
        f"{summary.output_dir}, {summary.partitions_skipped} skipped (already loaded); "
        f"worker time {summary.worker_seconds:.1f} s, store load {summary.load_seconds:.1f} s",
        err=True,
    )
    if summary.interrupted:
        sys.exit(130)
    if not summary.ok:
        sys.exit(1)


def _estimate_with_parquet(sources: tuple[str, ...], read_options: Any) -> int | None:
    """The document count for the progress bar: Parquet row counts plus ``estimate_documents``."""
    from marsad.runner.partitions import is_parquet, parquet_files, parquet_rows

    total = 0
    others: list[str] = []
    for source in sources:
        shards = (
            [source]
            if os.path.isfile(source) and is_parquet(source)
            else parquet_files(source, read_options)
            if os.path.isdir(source)
            else []
        )
        for shard in shards:
            total += parquet_rows(shard) or 0
        if not (os.path.isfile(source) and is_parquet(source)):
            others.append(source)
    rest = estimate_documents(others, read_options) if others else 0
    if rest is None:
        return None
    # estimate_documents counts each Parquet file inside a directory as one document
    return total + rest - sum(len(parquet_files(s, read_options)) for s in others if os.path.isdir(s))


def _print_summary(summary: Any, counts: dict[str, int]) -> None:
    rate = f", {summary.docs_per_second:.1f} docs/s" if summary.extracted else ""
    lines = [
        f"marsad: extracted and stored {summary.extracted} document(s) in {summary.batches} batch(es), "
        f"{summary.seconds:.1f} s{rate}",
    ]
    if summary.unchanged:
        lines.append(f"  {summary.unchanged} already stored by this version (skipped)")
    if summary.repeated:
        lines.append(f"  {summary.repeated} repeated in the input (stored once)")
    if summary.outdated:
        lines.append(
            f"  {summary.outdated} stored by another version and kept (use --reextract to redo them)"
        )
    for title, items in (
        ("input(s) could not be read", summary.failed_inputs),
        ("document(s) failed in extraction (stored without analysis)", summary.failed_documents),
    ):
        if items:
            lines.append(f"  {len(items)} {title}:")
            lines.extend(f"    {item}" for item in items[:MAX_LISTED])
            if len(items) > MAX_LISTED:
                lines.append(f"    … and {len(items) - MAX_LISTED} more")
    if summary.interrupted:
        lines.append("  interrupted: committed batches are kept; run the same command again to resume")
    lines.append(
        f"  store: {counts.get('documents', 0)} documents, {counts.get('events', 0)} events, "
        f"{counts.get('pending', 0)} pending, {counts.get('failed', 0)} failed"
    )
    click.echo("\n".join(lines), err=True)
