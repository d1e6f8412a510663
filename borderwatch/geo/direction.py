"""Check a stated direction against border geometry.

"Moved from Mazyr through Yelsk towards the Ukrainian border" names two positions; the
text's claim is checked by whether the second is nearer the border than the first.
"""

from __future__ import annotations

from borderwatch.geo.borders import default_borders, heading_deg, moving_toward
from borderwatch.geo.geodesy import GeoInputError
from borderwatch.model import Observation


def check_direction(o: Observation) -> Observation:
    d = o.toward
    if d is None or d.relation not in ("toward", "away") or not d.country:
        return o
    points = [p for p in o.locations if p.lat is not None and (p.precision or 3) <= 2]
    if len(points) < 2 or (points[0].lat, points[0].lon) == (points[-1].lat, points[-1].lon):
        return o
    a, b = points[0], points[-1]
    home = a.country or (o.actor.country if o.actor else None)
    if not home or home == d.country:
        return o
    try:
        border = default_borders().canonical(f"{home}-{d.country}")
    except GeoInputError:
        return o
    nearer = moving_toward((a.lat, a.lon), (b.lat, b.lon), border)
    agrees = None if nearer is None else (nearer if d.relation == "toward" else not nearer)
    checked = d.model_copy(update={"geometry_agrees": agrees,
                                   "heading": round(heading_deg((a.lat, a.lon), (b.lat, b.lon)), 1)})
    return o.model_copy(update={"toward": checked})
