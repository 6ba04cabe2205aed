"""``marsad export``: events from the store as ACLED CSV, PLOVER JSON Lines, GeoJSON, JSON Lines or
Parquet, with the search filters."""

from __future__ import annotations

import sys
from typing import Any

import click

from marsad.cli.common import build_filters, db_option, filter_options, open_store

FORMAT_HELP = (
    "acled-csv: ACLED's 31 columns; plover-jsonl: PLOVER records with character offsets; geojson: one "
    "Feature per located event; jsonl: full marsad event records; parquet: one typed row per event."
)


@click.command(context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["acled-csv", "plover-jsonl", "geojson", "jsonl", "parquet"]),
    required=True,
    help=FORMAT_HELP,
)
@click.option(
    "-o", "--output", default="-", help="Output file (default: standard output; Parquet needs a file)."
)
@db_option
@filter_options
@click.option(
    "--bom", is_flag=True, help="Start the CSV with a UTF-8 BOM so that Excel reads Arabic correctly."
)
@click.option(
    "--include-negated",
    is_flag=True,
    help="Also export negated, future, hypothetical and requested events to ACLED CSV and GeoJSON "
    "(PLOVER, JSON Lines and Parquet always keep them, with their modality).",
)
def export(
    fmt: str, output: str, db_url: str | None, bom: bool, include_negated: bool, **kwargs: Any
) -> None:
    """Write the stored events that pass the filters. Reviewed values replace extracted ones; rejected
    events are left out unless --review rejected asks for them.

    \b
    Examples:
      marsad export --format acled-csv --bom -o events.csv --from 2017-05-01 --to 2017-05-31
      marsad export --format geojson -o events.geojson --actor hts
      marsad export --format parquet -o events.parquet --review accepted --review edited
    """
    from marsad.export import ExportOptions, export_events

    filters = build_filters(kwargs)
    if fmt == "parquet" and output == "-":
        raise click.BadParameter(
            "Parquet is a binary file format: give a file with -o", param_hint="--output"
        )
    options = ExportOptions(bom=bom, include_negated=include_negated)
    with open_store(db_url) as store:
        rows = store.iter_events(filters)
        if output == "-":
            summary = export_events(fmt, rows, sys.stdout.buffer, options)
            sys.stdout.buffer.flush()
        else:
            summary = _export_to_file(fmt, rows, output, options, export_events)
    skipped = ", ".join(f"{n} {why}" for why, n in sorted(summary.skipped.items()) if n)
    where = "" if output == "-" else f" to {output}"
    click.echo(
        f"marsad: wrote {summary.written} event(s){where}" + (f"; skipped {skipped}" if skipped else ""),
        err=True,
    )


def _export_to_file(fmt: str, rows: Any, output: str, options: Any, export_events: Any) -> Any:
    """Write to a temporary file beside OUTPUT and rename it at the end, so an interrupted export never
    leaves a truncated file in place of a good one."""
    import os
    import tempfile
    from pathlib import Path

    target = Path(output)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    os.close(fd)
    try:
        summary = export_events(fmt, rows, tmp, options)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return summary
