"""Border geometry: distance and heading to a border, and whether a move approaches it.

The shipped ``data/borders.geojson`` holds the shared border lines (``BY-UA``, ...)
derived from the Digital Chart of the World (see ``data/make_borders.py``) and the
simplified country outlines. A user may load their own file with ``load_borders``: any
GeoJSON FeatureCollection whose features carry an ``id`` (in the feature or its
properties) and LineString/MultiLineString geometry; Polygon features are used as
country outlines.

Distances are geodesic on a sphere: border vertices are projected to an azimuthal
equidistant plane centred on the query point, where distance from the centre is exact,
and the nearest segment is found in that plane (see ``geodesy``).
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np
from shapely.geometry import Point, shape
from shapely.prepared import prep

from borderwatch.geo.geodesy import (
    GeoInputError,
    aeqd,
    check_latlon,
    compass,
    haversine_km,
    initial_bearing,
    origin_to_polyline,
)

DATA = Path(__file__).with_name("data")
BORDERS_FILE = DATA / "borders.geojson"
WATCHED = "BY-UA"
MAX_BORDER_FILE_BYTES = 50_000_000

__all__ = [
    "Borders", "load_borders", "default_borders", "distance_to_border_km", "nearest_border",
    "nearest_crossing", "heading_deg", "compass", "moving_toward", "country_at",
]


@dataclass(frozen=True)
class Line:
    id: str
    parts: tuple[tuple[np.ndarray, np.ndarray], ...]  # (lats, lons) per part
    bbox: tuple[float, float, float, float]  # min lat, min lon, max lat, max lon


@dataclass
class Borders:
    lines: dict[str, Line]
    countries: dict[str, object] = field(default_factory=dict)  # code → prepared polygon
    attribution: str = ""
    # (lat, lon, among) -> nearest border: the same towns come up again and again
    memo: dict = field(default_factory=dict, repr=False, compare=False)

    def canonical(self, border: str) -> str:
        if not isinstance(border, str) or not border.strip():
            raise GeoInputError("border must be an id such as 'BY-UA'")
        key = border.strip().upper()
        if key in self.lines:
            return key
        a, _, b = key.partition("-")
        if f"{b}-{a}" in self.lines:
            return f"{b}-{a}"
        raise GeoInputError(f"unknown border {border!r}; known: {', '.join(sorted(self.lines))}")

    def distance_km(self, lat: float, lon: float, border: str) -> float:
        return self._nearest(lat, lon, self.lines[self.canonical(border)])[0]

    def _nearest(self, lat: float, lon: float, line: Line) -> tuple[float, tuple[float, float]]:
        best, point = math.inf, (math.nan, math.nan)
        for lats, lons in line.parts:
            x, y = aeqd(lat, lon, lats, lons)
            d, i, t = origin_to_polyline(x, y)
            if d < best:
                j = min(i + 1, len(lats) - 1)
                best, point = d, (lats[i] + t * (lats[j] - lats[i]), lons[i] + t * (lons[j] - lons[i]))
        return best, point


def _line_parts(geom: dict) -> list[list]:
    kind = geom.get("type")
    if kind == "LineString":
        return [geom["coordinates"]]
    if kind == "MultiLineString":
        return list(geom["coordinates"])
    return []


def parse_borders(data: dict) -> Borders:
    if not isinstance(data, dict) or data.get("type") != "FeatureCollection":
        raise GeoInputError("a borders file must be a GeoJSON FeatureCollection")
    lines: dict[str, Line] = {}
    countries: dict[str, object] = {}
    for feature in data.get("features") or []:
        if not isinstance(feature, dict) or not isinstance(feature.get("geometry"), dict):
            continue
        props = feature.get("properties") or {}
        fid = str(props.get("id") or feature.get("id") or "").strip().upper()
        geom = feature["geometry"]
        if not fid:
            continue
        if geom.get("type") in ("Polygon", "MultiPolygon"):
            try:
                countries[fid] = prep(shape(geom))
            except (ValueError, TypeError, KeyError, AttributeError) as exc:
                raise GeoInputError(f"bad outline {fid}: {exc}") from None
            continue
        parts = []
        for coords in _line_parts(geom):
            try:
                arr = np.asarray(coords, dtype=float)[:, :2]
            except (ValueError, TypeError, IndexError):
                raise GeoInputError(f"bad coordinates in border {fid}") from None
            if len(arr) and np.isfinite(arr).all():
                parts.append((arr[:, 1].copy(), arr[:, 0].copy()))
        if parts:
            all_lat = np.concatenate([p[0] for p in parts])
            all_lon = np.concatenate([p[1] for p in parts])
            lines[fid] = Line(fid, tuple(parts), (all_lat.min(), all_lon.min(), all_lat.max(), all_lon.max()))
    if not lines:
        raise GeoInputError("the borders file has no LineString features with an id")
    attribution = str((data.get("properties") or {}).get("attribution", ""))
    return Borders(lines=lines, countries=countries, attribution=attribution)


def load_borders(path: str | Path) -> Borders:
    """Read a GeoJSON file of border lines (and optionally country outlines)."""
    p = Path(path)
    try:
        if p.stat().st_size > MAX_BORDER_FILE_BYTES:
            raise GeoInputError(f"{p} is larger than {MAX_BORDER_FILE_BYTES // 1_000_000} MB")
        data = json.loads(p.read_text(encoding="utf-8"))
    except OSError as exc:
        raise GeoInputError(f"cannot read borders file {p}: {exc.strerror or exc}") from None
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise GeoInputError(f"{p} is not valid GeoJSON: {exc}") from None
    return parse_borders(data)


@lru_cache(maxsize=1)
def default_borders() -> Borders:
    return load_borders(BORDERS_FILE)


def distance_to_border_km(lat: float, lon: float, border: str = WATCHED, *, borders: Borders | None = None) -> float:
    """Geodesic distance in km from a point to the nearest point of one border line."""
    lat, lon = check_latlon(lat, lon)
    return (borders or default_borders()).distance_km(lat, lon, border)


def _bbox_floor_km(lat: float, lon: float, bbox: tuple[float, float, float, float]) -> float:
    """A lower bound (with margin) of the distance from a point to anything in a box."""
    clat = min(max(lat, bbox[0]), bbox[2])
    clon = min(max(lon, bbox[1]), bbox[3])
    return 0.9 * haversine_km(lat, lon, clat, clon) - 1.0


def nearest_border(lat: float, lon: float, *, borders: Borders | None = None,
                   among: tuple[str, ...] | None = None) -> tuple[str, float]:
    """(border id, km) of the closest border line, of all loaded or only those in ``among``."""
    lat, lon = check_latlon(lat, lon)
    b = borders or default_borders()
    key = (lat, lon, tuple(among) if among else None)
    if key in b.memo:
        return b.memo[key]
    ids = [b.canonical(x) for x in among] if among else list(b.lines)
    ids.sort(key=lambda bid: _bbox_floor_km(lat, lon, b.lines[bid].bbox))
    best_id, best = ids[0], math.inf
    for bid in ids:
        if _bbox_floor_km(lat, lon, b.lines[bid].bbox) >= best:
            break
        d = b.distance_km(lat, lon, bid)
        if d < best:
            best_id, best = bid, d
    if len(b.memo) < 100_000:
        b.memo[key] = (best_id, best)
    return best_id, best


def nearest_crossing(lat: float, lon: float, *, crossings=None) -> tuple[str, float]:
    """(name, km) of the nearest border crossing among the curated sites."""
    lat, lon = check_latlon(lat, lon)
    if crossings is None:
        from borderwatch.geo.sites import load_sites

        crossings = [s for s in load_sites() if s.kind == "border_crossing"]
    if not crossings:
        raise GeoInputError("no border crossings are loaded")
    best = min(crossings, key=lambda s: haversine_km(lat, lon, s.lat, s.lon))
    return best.name, haversine_km(lat, lon, best.lat, best.lon)


def heading_deg(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Initial great-circle heading from a=(lat, lon) to b, degrees clockwise from north."""
    (lat1, lon1), (lat2, lon2) = check_latlon(*a), check_latlon(*b)
    return initial_bearing(lat1, lon1, lat2, lon2)


def moving_toward(a: tuple[float, float], b: tuple[float, float], border: str = WATCHED, *,
                  min_km: float = 1.0, borders: Borders | None = None) -> bool | None:
    """Does a move from a to b bring one closer to the border?

    True when b is nearer the border line than a by more than ``min_km``, False when
    farther by more than that, None when the change is smaller (no clear direction).
    """
    (lat1, lon1), (lat2, lon2) = check_latlon(*a), check_latlon(*b)
    bd = borders or default_borders()
    delta = bd.distance_km(lat2, lon2, border) - bd.distance_km(lat1, lon1, border)
    if delta < -min_km:
        return True
    if delta > min_km:
        return False
    return None


def country_at(lat: float, lon: float, *, borders: Borders | None = None) -> str | None:
    """The country outline containing the point, among those loaded (None outside all)."""
    lat, lon = check_latlon(lat, lon)
    point = Point(lon, lat)
    for code, poly in (borders or default_borders()).countries.items():
        if poly.contains(point):
            return code
    return None
