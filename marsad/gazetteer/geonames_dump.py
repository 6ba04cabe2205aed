"""Import GeoNames dump files (a country file such as SY.txt, or allCountries.txt; plain or zipped)
and, optionally, alternateNamesV2.txt into the user overlay.

Both files are streamed line by line: allCountries.txt is 1.5 GB and is never held in memory.
Places keep their GeoNames ids (``geonames:<id>``), so an imported record replaces the packaged one;
ADM1 features become ``admin1:<CC>.<code>`` entries with their (certain) geonameid.

Arabic names: with an alternate-names file, the names tagged with an Arabic language code (or with no
language and written in Arabic script) are used, and a name GeoNames marks as preferred becomes
``name_ar``. Without it, the Arabic-script names of the dump's own alternatenames column are used,
filtered like the packaged gazetteer's (see marsad.gazetteer.names).
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from marsad.gazetteer.model import admin1_id, geonames_id, kind_for
from marsad.gazetteer.names import (
    NameFrequency,
    arabic_names,
    clean_arabic_name,
    has_arabic,
    has_latin_article,
    latin_names,
    preferred_arabic,
)
from marsad.gazetteer.overlay import ImportReport, Overlay
from marsad.gazetteer.store import PlaceRecord

DUMP_COLUMNS = 19
# isolanguage codes of Arabic and its varieties as GeoNames uses them.
ARABIC_LANGS = frozenset({"ar", "arz", "ary", "arq", "apc", "acm", "ajp", "afb", "ayl", "aeb"})
# Feature classes the population filter does not apply to (countries and admin-1 divisions).
_STRUCTURAL = ("A.PCL", "A.ADM1")

Progress = Callable[[str, int, "int | None"], None]


class DumpError(ValueError):
    """A dump file cannot be read at all (not found, not a zip with a .txt member...)."""


def _noop(stage: str, done: int, total: int | None) -> None:
    return None


@contextmanager
def open_dump(path: Path) -> Iterator[tuple[IO[bytes], int]]:
    """Open a .txt file or the data member of a .zip; yields (binary stream, size in bytes)."""
    if not path.is_file():
        raise DumpError(f"{path}: no such file")
    if zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as zf:
            members = [i for i in zf.infolist() if i.filename.endswith(".txt") and not i.is_dir()]
            wanted = [i for i in members if Path(i.filename).stem == path.stem]
            if not wanted:
                wanted = sorted(
                    (i for i in members if "readme" not in i.filename.lower()),
                    key=lambda i: -i.file_size,
                )
            if not wanted:
                raise DumpError(f"{path}: the zip file holds no .txt data file")
            with zf.open(wanted[0]) as fh:
                yield fh, wanted[0].file_size
    else:
        with open(path, "rb") as fh:
            yield fh, path.stat().st_size


def _lines(fh: IO[bytes], report: Progress, stage: str, total: int) -> Iterator[tuple[int, bytes]]:
    done = 0
    for n, line in enumerate(fh, start=1):
        done += len(line)
        if n % 20000 == 0:
            report(stage, done, total)
        yield n, line
    report(stage, total, total)


def _parse_place(cols: list[str], with_dump_arabic: bool, frequency: NameFrequency) -> PlaceRecord:
    """A dump row (19 columns) as a PlaceRecord; raises ValueError with a readable message."""
    try:
        gid = int(cols[0])
    except ValueError:
        raise ValueError(f"geonameid {cols[0]!r} is not a number") from None
    try:
        lat, lon = float(cols[4]), float(cols[5])
    except ValueError:
        raise ValueError(f"latitude/longitude {cols[4]!r}/{cols[5]!r} are not numbers") from None
    if not (-90.0 <= lat <= 90.0 and -180.0 <= lon <= 180.0):
        raise ValueError(f"latitude/longitude {lat}/{lon} out of range")
    pop_text = cols[14].strip()
    try:
        population = int(pop_text) if pop_text else 0
    except ValueError:
        raise ValueError(f"population {pop_text!r} is not a number") from None
    fclass, fcode = cols[6].strip(), cols[7].strip()
    feature = f"{fclass}.{fcode}" if fcode else fclass
    country = cols[8].strip().upper()
    admin1 = cols[10].strip()
    name, ascii_name = cols[1].strip(), cols[2].strip()
    ar = arabic_names(cols[3].split(",")) if with_dump_arabic else []
    if has_arabic(name):
        ar = arabic_names([name, *ar])
    if fclass == "A" and fcode == "ADM1" and admin1 and admin1 != "00":
        pid = admin1_id(country, admin1)
    else:
        pid = geonames_id(gid)
    return PlaceRecord(
        id=pid,
        geonameid=gid,
        name_en=name,
        name_ar=preferred_arabic(ar, frequency, has_latin_article(name)),
        lat=lat,
        lon=lon,
        country=country,
        admin1_code=admin1,
        feature=feature,
        population=population,
        kind=kind_for(feature, population),
        names=[*ar, *latin_names(name), *latin_names(ascii_name)],
    )


def import_geonames(
    overlay: Overlay,
    dump: Path,
    alternate_names: Path | None = None,
    min_population: int = 0,
    countries: set[str] | None = None,
    feature_classes: set[str] | None = None,
    progress: Progress | None = None,
) -> ImportReport:
    """Stream a GeoNames dump (and alternate names) into the overlay, in one transaction.

    Filters: ``countries`` (ISO2 codes), ``feature_classes`` (e.g. {"P", "A", "T"}) and
    ``min_population`` (not applied to countries and admin-1 divisions). Malformed rows are reported
    in the result with their line numbers and skipped.
    """
    report_progress = progress or _noop
    report = ImportReport(source=str(dump) + (f" + {alternate_names}" if alternate_names else ""))
    wanted = {c.upper() for c in countries} if countries else None
    classes = {c.upper() for c in feature_classes} if feature_classes else None
    if alternate_names is not None and not alternate_names.is_file():
        raise DumpError(f"{alternate_names}: no such file")
    with overlay.transaction():
        with open_dump(dump) as (fh, size):
            for n, raw in _lines(fh, report_progress, "places", size):
                try:
                    line = raw.decode("utf-8").rstrip("\r\n")
                except UnicodeDecodeError:
                    report.error(f"{dump.name} line {n}: not valid UTF-8")
                    continue
                if not line.strip() or line.startswith("#"):
                    continue
                cols = line.split("\t")
                if len(cols) != DUMP_COLUMNS:
                    report.error(
                        f"{dump.name} line {n}: expected {DUMP_COLUMNS} tab-separated columns,"
                        f" found {len(cols)}"
                    )
                    continue
                report.read += 1
                if wanted is not None and cols[8].strip().upper() not in wanted:
                    report.skipped += 1
                    continue
                if classes is not None and cols[6].strip().upper() not in classes:
                    report.skipped += 1
                    continue
                try:
                    rec = _parse_place(cols, alternate_names is None, overlay.common)
                except ValueError as exc:
                    report.error(f"{dump.name} line {n}: {exc}")
                    continue
                structural = rec.feature.startswith(_STRUCTURAL)
                if rec.population < min_population and not structural:
                    report.skipped += 1
                    continue
                _, is_new = overlay.upsert(rec)
                if is_new:
                    report.new += 1
                else:
                    report.updated += 1
                report.arabic_names += sum(1 for nm in rec.names if has_arabic(nm))
        if alternate_names is not None:
            _import_alternate_names(overlay, alternate_names, report, report_progress)
        overlay.log("geonames", report)
    return report


def _import_alternate_names(overlay: Overlay, path: Path, report: ImportReport, progress: Progress) -> None:
    """Add the Arabic alternate names of places stored in the overlay; set preferred ``name_ar``."""
    found: dict[int, list[tuple[str, bool]]] = {}
    with open_dump(path) as (fh, size):
        text = io.TextIOWrapper(fh, encoding="utf-8", errors="replace", newline="")
        done = 0
        for n, line in enumerate(text, start=1):
            done += len(line)
            if n % 50000 == 0:
                progress("alternate names", min(done, size), size)
            cols = line.rstrip("\r\n").split("\t")
            if len(cols) < 4:
                if line.strip():
                    report.error(f"{path.name} line {n}: expected at least 4 tab-separated columns")
                continue
            lang, name = cols[2], cols[3]
            if not (lang in ARABIC_LANGS or (lang == "" and has_arabic(name))):
                continue
            cleaned = clean_arabic_name(name)
            if cleaned is None:
                continue
            try:
                gid = int(cols[1])
            except ValueError:
                report.error(f"{path.name} line {n}: geonameid {cols[1]!r} is not a number")
                continue
            rid = overlay.rid_for_geonameid(gid)
            if rid is None:
                continue
            is_preferred = len(cols) > 4 and cols[4] == "1" and lang in ARABIC_LANGS
            found.setdefault(rid, []).append((cleaned, is_preferred))
        progress("alternate names", size, size)
    for rid, names in found.items():
        report.arabic_names += overlay.add_names(rid, [nm for nm, _ in names])
        chosen = [nm for nm, pref in names if pref]
        name_en, name_ar = overlay.display_names(rid)
        if chosen:
            overlay.set_name_ar(rid, chosen[0])
        elif not name_ar:
            all_names = [nm for nm, _ in names]
            overlay.set_name_ar(rid, preferred_arabic(all_names, overlay.common, has_latin_article(name_en)))
