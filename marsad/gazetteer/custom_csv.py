"""Import custom places from a CSV file into the user overlay.

Columns (header row required, any order): name_ar, name_en, lat, lon, country, admin1, kind, aliases;
optional ``slug``. Each place gets the id ``custom:<slug>``; without a slug column the slug is made from
the country and the English (else Arabic) name, so re-importing the same file updates its places
instead of duplicating them. Every row is validated; a bad row is reported with its line number and
skipped, the good rows are stored together in one transaction.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from marsad.gazetteer.index import Gazetteer
from marsad.gazetteer.model import KINDS
from marsad.gazetteer.names import ascii_fold, has_arabic, latin_names
from marsad.gazetteer.overlay import ImportReport, Overlay
from marsad.gazetteer.store import PlaceRecord
from marsad.text.normalize import normalize_for_match

REQUIRED_COLUMNS = ("name_ar", "name_en", "lat", "lon", "country", "admin1", "kind", "aliases")
OPTIONAL_COLUMNS = ("slug",)
_ALIAS_SPLIT = re.compile(r"[|;؛]")
_SLUG_OK = re.compile(r"^[\w][\w.-]*$")
_OTHER_DELIMITERS = (";", "\t", "|")


class CsvFileError(ValueError):
    """The file as a whole cannot be imported (encoding, header, delimiter)."""


def read_text(path: Path) -> str:
    """The file's text: UTF-8 with or without BOM; anything else is a CsvFileError that says what it is."""
    if not path.is_file():
        raise CsvFileError(f"{path}: no such file")
    data = path.read_bytes()
    if not data.strip():
        raise CsvFileError(f"{path}: the file is empty")
    if b"\x00" in data[:4096]:
        raise CsvFileError(f"{path}: this is a binary file (or UTF-16), not a UTF-8 CSV file")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        from charset_normalizer import from_bytes

        guess = from_bytes(data).best()
        what = f" (it looks like {guess.encoding})" if guess is not None else ""
        raise CsvFileError(
            f"{path}: not UTF-8{what}: byte {exc.start} cannot be decoded. Save the file as UTF-8 "
            "(in Excel: 'CSV UTF-8') and import it again"
        ) from None


def slugify(text: str) -> str:
    """Lowercase words joined by '-', ASCII-folded for Latin text ("Tall Nāṣir" -> "tall-nasir")."""
    folded = ascii_fold(text) if not has_arabic(text) else normalize_for_match(text)
    return "-".join(re.findall(r"\w+", folded.lower()))


def _header(fieldnames: list[str] | None, path: Path, delimiter: str) -> list[str]:
    names = [(f or "").strip().lstrip("\ufeff").lower() for f in (fieldnames or [])]
    missing = [c for c in REQUIRED_COLUMNS if c not in names]
    if not missing:
        return names
    if len(names) <= 1:
        raw = fieldnames[0] if fieldnames else ""
        for other in _OTHER_DELIMITERS:
            if other != delimiter and other in raw:
                shown = "\\t" if other == "\t" else other
                raise CsvFileError(
                    f"{path}: the header has one column; the file seems to be separated by {shown!r} "
                    f"instead of {delimiter!r}: use --delimiter '{shown}'"
                )
    raise CsvFileError(
        f"{path}: missing column(s) {', '.join(missing)}; the header must name: "
        + ", ".join(REQUIRED_COLUMNS)
    )


def _number(text: str) -> float:
    return float(normalize_for_match(text).replace(",", "."))


def import_csv(overlay: Overlay, path: Path, gazetteer: Gazetteer, delimiter: str = ",") -> ImportReport:
    """Validate and import a custom places CSV; bad rows are in the report's errors (and skipped)."""
    text = read_text(path)
    report = ImportReport(source=str(path))
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter)
    fieldnames = _header(list(reader.fieldnames or []), path, delimiter)
    reader.fieldnames = fieldnames
    records: list[PlaceRecord] = []
    seen: dict[str, int] = {}
    for row in reader:
        row_line = reader.line_num  # the row's last physical line (rows may span quoted newlines)
        report.read += 1
        try:
            rec = _record(row, gazetteer)
        except ValueError as exc:
            report.error(f"{path.name} line {row_line}: {exc}")
            continue
        if rec.id in seen:
            report.error(
                f"{path.name} line {row_line}: id {rec.id} already used on line {seen[rec.id]}; "
                "add a 'slug' column to tell the places apart"
            )
            continue
        seen[rec.id] = row_line
        records.append(rec)
    with overlay.transaction():
        for rec in records:
            _, is_new = overlay.upsert(rec)
            if is_new:
                report.new += 1
            else:
                report.updated += 1
            report.arabic_names += sum(1 for n in rec.names if has_arabic(n))
        overlay.log("csv", report)
    return report


def _record(row: dict[str | None, str | list[str] | None], gazetteer: Gazetteer) -> PlaceRecord:
    """Validate one CSV row; raises ValueError with a readable message."""
    if row.get(None):
        raise ValueError("more fields than columns (wrong delimiter, or a value with an unquoted comma?)")

    def get(col: str) -> str:
        value = row.get(col)
        return value.strip() if isinstance(value, str) else ""

    name_ar, name_en = get("name_ar"), get("name_en")
    if not name_ar and not name_en:
        raise ValueError("name_ar and name_en are both empty")
    if name_ar and not has_arabic(name_ar):
        raise ValueError(f"name_ar {name_ar!r} has no Arabic letters")
    problems = []
    try:
        lat = _number(get("lat"))
        if not -90.0 <= lat <= 90.0:
            problems.append(f"lat {lat} is outside -90..90")
    except ValueError:
        problems.append(f"lat {get('lat')!r} is not a number")
    try:
        lon = _number(get("lon"))
        if not -180.0 <= lon <= 180.0:
            problems.append(f"lon {lon} is outside -180..180")
    except ValueError:
        problems.append(f"lon {get('lon')!r} is not a number")
    country = get("country").upper()
    if not re.fullmatch(r"[A-Z]{2}", country):
        problems.append(f"country {get('country')!r} is not a 2-letter ISO code")
    elif gazetteer.country(country) is None:
        problems.append(f"country {country!r} is not a known ISO 3166-1 code")
    kind = get("kind").lower() or "custom"
    if kind not in KINDS:
        problems.append(f"kind {get('kind')!r} is not one of {', '.join(KINDS)}")
    admin1_code = ""
    if get("admin1") and not problems:
        admin1_code = _admin1_code(get("admin1"), country, gazetteer)
    if problems:
        raise ValueError("; ".join(problems))
    slug = get("slug")
    if slug:
        if not _SLUG_OK.match(slug):
            raise ValueError(f"slug {slug!r} may hold only letters, digits, '-', '_' and '.'")
    else:
        slug = f"{country.lower()}-{slugify(name_en or name_ar)}"
    aliases = [a.strip() for a in _ALIAS_SPLIT.split(get("aliases")) if a.strip()]
    names = [name_ar, *latin_names(name_en)]
    for a in aliases:
        names += [a] if has_arabic(a) else latin_names(a)
    return PlaceRecord(
        id=f"custom:{slug}",
        geonameid=None,
        name_en=name_en,
        name_ar=name_ar,
        lat=lat,
        lon=lon,
        country=country,
        admin1_code=admin1_code,
        feature="",
        population=0,
        kind=kind,
        names=list(dict.fromkeys(n for n in names if n)),
    )


def _admin1_code(value: str, country: str, gazetteer: Gazetteer) -> str:
    """Resolve an admin1 column value (GeoNames code, English or Arabic name) to a code."""
    if gazetteer.admin1(country, value) is not None:
        return value
    matches = [p for p in gazetteer.admin1_by_name(normalize_for_match(value)) if p.country == country]
    if matches:
        return matches[0].admin1_code
    raise ValueError(
        f"admin1 {value!r} is not a known admin-1 code or name in {country} "
        "(use the GeoNames code, e.g. 10 for Hama in SY, or leave it empty)"
    )
