"""Spherical geodesy: distances, bearings, and the local projection border distances use.

The Earth is taken as a sphere of mean radius 6,371.0088 km; against the WGS84
ellipsoid this errs by at most ~0.5% of a distance (≤ 0.25 km at 50 km), which is far
below the uncertainty of a place name.
"""

from __future__ import annotations

import math

import numpy as np

from borderwatch.errors import InputError

EARTH_RADIUS_KM = 6371.0088


class GeoInputError(InputError, ValueError):
    """A coordinate, name or border id the geo functions cannot use."""


def check_latlon(lat: float, lon: float) -> tuple[float, float]:
    try:
        lat_f, lon_f = float(lat), float(lon)
    except (TypeError, ValueError):
        raise GeoInputError(f"coordinates must be numbers, got {lat!r}, {lon!r}") from None
    if not (math.isfinite(lat_f) and math.isfinite(lon_f)):
        raise GeoInputError("coordinates must be finite numbers")
    if not -90.0 <= lat_f <= 90.0:
        raise GeoInputError(f"latitude {lat_f} is outside -90..90")
    if not -180.0 <= lon_f <= 180.0:
        raise GeoInputError(f"longitude {lon_f} is outside -180..180")
    return lat_f, lon_f


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dphi, dlmb = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dphi / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dlmb / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def haversine_many(lat: float, lon: float, lats: np.ndarray, lons: np.ndarray) -> np.ndarray:
    p1, p2 = math.radians(lat), np.radians(lats)
    h = np.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * np.cos(p2) * np.sin(np.radians(lons - lon) / 2) ** 2
    return 2 * EARTH_RADIUS_KM * np.arcsin(np.minimum(1.0, np.sqrt(h)))


def initial_bearing(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle heading from the first point to the second, degrees clockwise from north."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dl = math.radians(lon2 - lon1)
    x = math.sin(dl) * math.cos(p2)
    y = math.cos(p1) * math.sin(p2) - math.sin(p1) * math.cos(p2) * math.cos(dl)
    return (math.degrees(math.atan2(x, y)) + 360.0) % 360.0


def aeqd(lat0: float, lon0: float, lats: np.ndarray, lons: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Azimuthal equidistant projection centred on (lat0, lon0), km.

    Distance from the centre to every projected vertex is the true great-circle
    distance, so the nearest point of a line is found with a planar segment search.
    """
    p0, p = math.radians(lat0), np.radians(lats)
    dl = np.radians(lons - lon0)
    cos_c = math.sin(p0) * np.sin(p) + math.cos(p0) * np.cos(p) * np.cos(dl)
    c = np.arccos(np.clip(cos_c, -1.0, 1.0))
    with np.errstate(invalid="ignore", divide="ignore"):
        k = np.where(c > 1e-12, c / np.sin(c), 1.0)
    x = EARTH_RADIUS_KM * k * np.cos(p) * np.sin(dl)
    y = EARTH_RADIUS_KM * k * (math.cos(p0) * np.sin(p) - math.sin(p0) * np.cos(p) * np.cos(dl))
    return x, y


def origin_to_polyline(x: np.ndarray, y: np.ndarray) -> tuple[float, int, float]:
    """Shortest planar distance from (0, 0) to a polyline; also the segment and position."""
    if len(x) == 1:
        return float(math.hypot(x[0], y[0])), 0, 0.0
    ax, ay, bx, by = x[:-1], y[:-1], x[1:], y[1:]
    dx, dy = bx - ax, by - ay
    seg2 = dx * dx + dy * dy
    with np.errstate(invalid="ignore", divide="ignore"):
        t = np.where(seg2 > 0, -(ax * dx + ay * dy) / seg2, 0.0)
    t = np.clip(t, 0.0, 1.0)
    px, py = ax + t * dx, ay + t * dy
    d = np.hypot(px, py)
    i = int(np.argmin(d))
    return float(d[i]), i, float(t[i])


_POINTS_8 = ("N", "NE", "E", "SE", "S", "SW", "W", "NW")
_POINTS_16 = ("N", "NNE", "NE", "ENE", "E", "ESE", "SE", "SSE",
              "S", "SSW", "SW", "WSW", "W", "WNW", "NW", "NNW")


def compass(heading: float, points: int = 8) -> str:
    """"S", "SW"... for a heading in degrees (8 or 16 compass points)."""
    try:
        h = float(heading)
    except (TypeError, ValueError):
        raise GeoInputError(f"heading must be a number, got {heading!r}") from None
    if not math.isfinite(h):
        raise GeoInputError("heading must be finite")
    names = {8: _POINTS_8, 16: _POINTS_16}.get(points)
    if names is None:
        raise GeoInputError("points must be 8 or 16")
    step = 360.0 / points
    return names[int(((h % 360.0) + step / 2) // step) % points]
