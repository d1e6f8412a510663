"""Offline geography: gazetteer, toponym resolution with precision codes, borders.

    from borderwatch.geo import Gazetteer, locate, distance_to_border_km
    gaz = Gazetteer()                       # index built on first use, then cached
    gaz.lookup("в Мозыре")                  # ranked candidates
    locate([("Mazyr", 10, 15)], gazetteer=gaz, countries=["BY"])   # → [Place]
    distance_to_border_km(52.04, 29.22, "BY-UA")                   # ≈ 44 km
"""

from borderwatch.geo.borders import (
    Borders,
    country_at,
    distance_to_border_km,
    heading_deg,
    load_borders,
    moving_toward,
    nearest_border,
    nearest_crossing,
)
from borderwatch.geo.gazetteer import Gazetteer
from borderwatch.geo.geodesy import GeoInputError, compass, haversine_km
from borderwatch.geo.resolve import NO_MATCH_BELOW, Candidate, locate

__all__ = [
    "Borders", "Candidate", "Gazetteer", "GeoInputError", "NO_MATCH_BELOW", "compass", "country_at",
    "distance_to_border_km", "haversine_km", "heading_deg", "load_borders", "locate", "moving_toward",
    "nearest_border", "nearest_crossing",
]
