"""Observations into events.

Two observations report one event when they share a type (or type group) and polarity,
the actor's country, a time window, a place within a distance (or, when neither names a
place, the same area and direction) and compatible equipment and markings. The rules are
settings (`settings.yaml`).

Scaling: observations are taken in time order and each is compared only with the open
events in its own block (type, polarity) and the neighbouring cells of a spatial grid
whose cells are `max_km` wide; events older than the time window close. The cost is
the sort plus, per observation, the number of open events nearby: n log n for news-like
data, however many observations there are. Each observation is compared with the event
as a whole (its first day, its points, its equipment), not with single members, so
chains of "near enough" never stretch one event across a region.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field

from borderwatch.corroborate.settings import Settings
from borderwatch.model import Document, Observation

KM_PER_DEG = 111.19
MAX_POINTS = 16  # points kept per event for distance checks


def km(a: tuple[float, float], b: tuple[float, float]) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 12742 * math.asin(min(1.0, math.sqrt(h)))


def when(o: Observation, docs: dict[str, Document]) -> dt.date | None:
    """The day an observation is about: its own date when given to the day, else publication."""
    if o.time and o.time.date and o.time.precision == "day":
        return o.time.date
    d = docs[o.doc]
    return d.published.date() if d.published else None


def points(o: Observation) -> list[tuple[float, float]]:
    """Places resolved to a town or site; a country or region is too coarse to place an event."""
    return [(p.lat, p.lon) for p in o.locations if p.lat is not None and p.lon is not None and (p.precision or 3) < 3]


@dataclass(slots=True)
class Item:
    """An observation with the fields clustering compares, computed once."""

    o: Observation
    day: int | None
    block: tuple[str, bool]  # (type key, negative polarity)
    country: str | None
    points: list
    area: frozenset
    families: frozenset
    markings: frozenset
    toward: str | None


@dataclass(slots=True, eq=False)  # identity: groups are looked up in buckets
class Group:
    n: int
    block: tuple[str, bool]
    day0: int | None
    country: str | None
    points: list
    area: set
    families: set
    markings: set
    toward: str | None
    members: list = field(default_factory=list)


def prepare(observations: list[Observation], docs: dict[str, Document], s: Settings) -> list[Item]:
    neg = set(s.cluster.negative_modalities)
    items = []
    families: dict[tuple, frozenset] = {}  # few distinct equipment sets: compute each once
    for o in observations:
        day = when(o, docs)
        classes = tuple(sorted({e.cls for e in o.equipment}))
        if classes not in families:
            families[classes] = s.equipment_families(classes)
        items.append(Item(
            o=o, day=day.toordinal() if day else None,
            block=(s.type_key(o.type), o.modality in neg),
            country=o.actor.country if o.actor else None,
            points=points(o),
            area=frozenset(p.country for p in o.locations if p.country and (p.precision or 3) >= 3),
            families=families[classes],
            markings=frozenset(m.lower() for m in o.markings),
            toward=o.toward.country if o.toward else None,
        ))
    return items


def _sort_key(it: Item, docs: dict[str, Document]):
    pub = docs[it.o.doc].published
    return (it.day if it.day is not None else 10**8, pub.timestamp() if pub else 0.0, it.o.doc, it.o.evidence.start, it.o.id)


class _Grid:
    """Cells about `max_km` on a side: latitude bands, each with its own longitude width, so
    anything within `max_km` of a point lies in the 3 x 3 cells around it."""

    def __init__(self, max_km: float) -> None:
        self.dlat = max(max_km, 0.1) / KM_PER_DEG * 1.1  # 10% margin for great-circle vs parallel

    def band(self, lat: float) -> int:
        return math.floor(lat / self.dlat)

    def width(self, band: int) -> float:
        edge = max(abs(band * self.dlat), abs((band + 1) * self.dlat)) + self.dlat
        return self.dlat / max(math.cos(math.radians(min(edge, 89.0))), 0.01)

    def cell(self, lat: float, lon: float) -> tuple[int, int]:
        b = self.band(lat)
        return b, math.floor(lon / self.width(b))

    def around(self, lat: float, lon: float):
        b0 = self.band(lat)
        for b in (b0 - 1, b0, b0 + 1):
            c0 = math.floor(lon / self.width(b))
            for c in (c0 - 1, c0, c0 + 1):
                yield b, c


def _fits(it: Item, g: Group, s: Settings) -> float | None:
    """None if the observation cannot join the event, else a distance for ranking (km)."""
    r = s.cluster
    if it.country and g.country and it.country != g.country:
        return None
    if it.day is not None and g.day0 is not None and abs(it.day - g.day0) > r.window_days:
        return None
    if it.families and g.families and not (it.families & g.families):
        return None
    if r.markings_must_agree and it.markings and g.markings and not (it.markings & g.markings):
        return None
    if it.points and g.points:
        d = min(km(p, q) for p in it.points for q in g.points)
        return d if d <= r.max_km else None
    if it.points or g.points:
        return r.max_km if r.unlocated_joins_located else None
    if it.area and g.area and not (it.area & g.area):
        return None
    if it.toward and g.toward and it.toward != g.toward:
        return None
    return 0.0


def group_observations(observations: list[Observation], docs: dict[str, Document], s: Settings) -> list[list[Observation]]:
    """Non-background observations grouped into events, each group in time order."""
    items = sorted(prepare([o for o in observations if not o.background], docs, s), key=lambda it: _sort_key(it, docs))
    grid = _Grid(s.cluster.max_km)
    located: dict[tuple, list[Group]] = {}
    unlocated: dict[tuple, list[Group]] = {}
    groups: list[Group] = []
    window = s.cluster.window_days

    def live(bucket: list[Group], day: int | None) -> list[Group]:
        # Events whose first day is out of the window can take nothing more: close them.
        if day is None:
            return bucket
        keep = [g for g in bucket if g.day0 is None or day - g.day0 <= window]
        if len(keep) != len(bucket):
            bucket[:] = keep
        return bucket

    for it in items:
        candidates: dict[int, Group] = {}
        if it.points:
            for p in it.points:
                for cell in grid.around(*p):
                    for g in live(located.get((it.block, cell), []), it.day):
                        candidates[g.n] = g
        if not it.points or s.cluster.unlocated_joins_located:
            for g in live(unlocated.get(it.block, []), it.day):
                candidates[g.n] = g
        best, best_d = None, None
        for n in sorted(candidates):
            d = _fits(it, candidates[n], s)
            if d is not None and (best_d is None or d < best_d):
                best, best_d = candidates[n], d
        if best is None:
            best = Group(n=len(groups), block=it.block, day0=it.day, country=it.country, points=[], area=set(it.area),
                         families=set(it.families), markings=set(it.markings), toward=it.toward)
            groups.append(best)
            if not it.points:
                unlocated.setdefault(it.block, []).append(best)
        else:
            best.country = best.country or it.country
            best.area |= it.area
            best.families |= it.families
            best.markings |= it.markings
            best.toward = best.toward or it.toward
            if best.day0 is None:
                best.day0 = it.day
        best.members.append(it.o)
        for p in it.points:
            if len(best.points) >= MAX_POINTS or any(km(p, q) < 1.0 for q in best.points):
                continue
            if not best.points and best in unlocated.get(it.block, []):
                unlocated[it.block].remove(best)
            best.points.append(p)
            cell = grid.cell(*p)
            bucket = located.setdefault((it.block, cell), [])
            if best not in bucket:
                bucket.append(best)
    return [g.members for g in groups]
