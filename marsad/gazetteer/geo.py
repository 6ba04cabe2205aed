"""Great-circle distance and the bounding box used to pre-filter places near a point."""

from __future__ import annotations

import math

EARTH_RADIUS_KM = 6371.0088


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km between two points given in degrees."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp = p2 - p1
    dl = math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def bounding_box(lat: float, lon: float, km: float) -> tuple[float, float, list[tuple[float, float]] | None]:
    """(lat_min, lat_max, longitude ranges) enclosing the circle of radius ``km`` around a point.

    The longitude ranges are split at the antimeridian; None means every longitude (near a pole or
    for very large radii).
    """
    dlat = math.degrees(km / EARTH_RADIUS_KM)
    lat_min, lat_max = max(-90.0, lat - dlat), min(90.0, lat + dlat)
    if lat_min <= -89.0 or lat_max >= 89.0:
        return lat_min, lat_max, None
    dlon = math.degrees(km / (EARTH_RADIUS_KM * math.cos(math.radians(max(abs(lat_min), abs(lat_max))))))
    if dlon >= 180.0:
        return lat_min, lat_max, None
    lo, hi = lon - dlon, lon + dlon
    if lo < -180.0:
        return lat_min, lat_max, [(lo + 360.0, 180.0), (-180.0, hi)]
    if hi > 180.0:
        return lat_min, lat_max, [(lo, 180.0), (-180.0, hi - 360.0)]
    return lat_min, lat_max, [(lo, hi)]
