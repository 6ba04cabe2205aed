"""The place record every gazetteer lookup returns, and the rule that derives a place's ``kind``.

Ids:
- ``geonames:<geonameid>`` for GeoNames places (cities and countries, packaged or imported);
- ``admin1:<CC>.<admin1code>`` for first-level administrative divisions, always (``geonameid`` is set
  only when it is known for certain, e.g. taken from an imported GeoNames dump);
- ``custom:<slug>`` for places imported from a user's CSV file.
"""

from __future__ import annotations

from dataclasses import asdict, astuple, dataclass
from typing import Any, Final

# Kinds a place can have. City/town/village come from the population rule in ``kind_for``.
KINDS: Final[tuple[str, ...]] = (
    "country",
    "admin1",
    "district",
    "city",
    "town",
    "village",
    "neighbourhood",
    "historical",
    "site",
    "terrain",
    "water",
    "area",
    "road",
    "vegetation",
    "undersea",
    "custom",
)

CITY_POPULATION: Final = 100_000
TOWN_POPULATION: Final = 10_000

# GeoNames codes of historical (former) divisions and places.
_HISTORICAL: Final = frozenset(
    {"PCLH", "ADM1H", "ADM2H", "ADM3H", "ADM4H", "ADM5H", "ADMDH", "PPLH", "PPLCH"}
)
# GeoNames feature class -> kind, for classes other than A (administrative) and P (populated places).
_CLASS_KIND: Final = {
    "S": "site",
    "T": "terrain",
    "H": "water",
    "L": "area",
    "R": "road",
    "V": "vegetation",
    "U": "undersea",
}


def kind_for(feature: str, population: int) -> str:
    """Derive a place's kind from its GeoNames feature ("class.code" or class alone) and population.

    - historical divisions and places (PCLH, ADM1H…ADM5H, ADMDH, PPLH, PPLCH) -> historical.
    - ``A.PCL*`` (political entities) -> country; ``A.ADM1`` -> admin1; other ``A.ADM*`` -> district.
    - ``P.PPLX`` (section of a populated place) -> neighbourhood.
    - other ``P``: capital (PPLC) or admin-1 seat (PPLA) -> city; else population >= 100,000 -> city,
      >= 10,000 -> town, otherwise village.
    - other classes: S site, T terrain, H water, L area, R road, V vegetation, U undersea.
    """
    cls, _, code = feature.partition(".")
    if code in _HISTORICAL:
        return "historical"
    if cls == "A":
        if code.startswith("PCL"):
            return "country"
        if code == "ADM1":
            return "admin1"
        return "district"
    if cls == "P":
        if code == "PPLX":
            return "neighbourhood"
        if code in ("PPLC", "PPLA") or population >= CITY_POPULATION:
            return "city"
        return "town" if population >= TOWN_POPULATION else "village"
    return _CLASS_KIND.get(cls, "site" if cls else "custom")


def geonames_id(geonameid: int) -> str:
    """The place id of a GeoNames feature."""
    return f"geonames:{geonameid}"


def admin1_id(country: str, code: str) -> str:
    """The place id of a first-level administrative division."""
    return f"admin1:{country}.{code}"


@dataclass(frozen=True, slots=True)
class Place:
    """One gazetteer entry: a country, admin-1 division, populated place or custom place."""

    id: str
    geonameid: int | None
    name_en: str
    name_ar: str
    lat: float | None
    lon: float | None
    country: str  # ISO 3166-1 alpha-2
    admin1_code: str  # GeoNames admin1 code ("" when unknown)
    admin1: str  # English name of the admin-1 division ("" when unknown)
    feature: str  # GeoNames "class.code" (e.g. "P.PPLC", "A.ADM1"); "P" when only the class is known
    population: int
    kind: str  # one of KINDS

    def __reduce__(self) -> tuple[type[Place], tuple[Any, ...]]:
        """Pickle as a call to the constructor: compiled (see marsad/native.py), a frozen class cannot
        have its fields set one by one when it is unpickled."""
        return Place, astuple(self)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-compatible dict of all fields."""
        return asdict(self)

    def entity_attrs(self) -> dict[str, Any]:
        """The facts to put into an ``Entity.attrs`` for this place (see marsad.model.Entity)."""
        out: dict[str, Any] = {
            "lat": self.lat,
            "lon": self.lon,
            "country": self.country,
            "admin1": self.admin1,
            "admin1_code": self.admin1_code,
            "feature": self.feature,
            "kind": self.kind,
        }
        if self.geonameid is not None:
            out["geonameid"] = self.geonameid
        if self.id.startswith("custom:"):
            out["custom_id"] = self.id
        return out
