"""Turn a ranked candidate into the pipeline's ``Place`` record, with border distance."""

from __future__ import annotations

from typing import TYPE_CHECKING, Sequence

from borderwatch.geo.borders import nearest_border
from borderwatch.model import Place

if TYPE_CHECKING:
    from borderwatch.geo.gazetteer import Gazetteer
    from borderwatch.geo.resolve import Candidate

# The borders a Place's border_km is measured to: Belarus's and Russia–Ukraine.
WATCHED_BORDERS = ("BY-UA", "BY-PL", "BY-LT", "BY-LV", "BY-RU", "UA-RU")


def to_place(text: str, start: int | None, end: int | None, best: "Candidate | None",
             gazetteer: "Gazetteer", border_ids: Sequence[str] | None = None) -> Place:
    """A Place for one mention; null coordinates and score 0 when nothing fitted."""
    if best is None:
        return Place(text=text, start=start, end=end, score=0.0)
    border, km = None, None
    if best.precision < 3:  # a distance from a country centroid would mislead
        border, km = nearest_border(best.lat, best.lon, borders=gazetteer.borders,
                                    among=tuple(border_ids or WATCHED_BORDERS))
        km = round(km, 1)
    return Place(text=text, start=start, end=end, name=best.name, country=best.country,
                 lat=best.lat, lon=best.lon, kind=best.kind, precision=best.precision,
                 score=best.score, ref=best.ref, border_km=km, border=border)
