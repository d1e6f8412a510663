"""Indicator matching: which events fire an indicator, grouped into distinct sites.

An observation is evidence once: it counts for the most diagnostic indicator it
matches, so one report of medics near the border is a field hospital, not also
"forces near the border".

The facts a rule tests are computed once per observation (not once per indicator),
and each indicator only looks at events of its types: that keeps 100,000 events
for one date within two seconds. Repeated reports of one thing at one place (one field
hospital mentioned by five articles over ten days) become one *site*, so they count
once however many events corroboration made of them.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from typing import NamedTuple

from borderwatch.assess.problems import Indicator, Problem, Rule
from borderwatch.model import EVENT_TYPES, Event, Observation

# Relative weight of an event from its Admiralty credibility grade (1 confirmed … 6 cannot
# be judged). 6 is a forecast or opinion: heard, but discounted like a doubtful report.
CREDIBILITY_WEIGHT = {1: 1.0, 2: 0.85, 3: 0.6, 4: 0.3, 5: 0.1, 6: 0.3}
# A judgement or forecast (credibility 6) cannot be graded by corroboration; its weight
# comes from the source's reliability instead, discounted because it is an opinion.
OPINION_WEIGHT = {"A": 0.7, "B": 0.55, "C": 0.4, "D": 0.25, "E": 0.1, "F": 0.2}
# A burst of near-identical posts from new or unknown channels looks like an information
# operation: heard, but at a quarter of its weight.
COORDINATED_WEIGHT = 0.25


class Facts(NamedTuple):  # a tuple: cheap to build 100,000 times
    type: str
    country: str | None
    modality: str
    text: str
    equipment: frozenset
    personnel: int
    toward: str | None
    relation: str | None
    dists: tuple  # km to the problem's border, of places located to a town or better
    kinds: frozenset
    point: tuple | None


_EMPTY: frozenset = frozenset()
_NEVER = dt.datetime.min.replace(tzinfo=dt.timezone.utc)


@dataclass
class Site:
    """One distinct thing an indicator saw: its events, best grade and last sighting."""

    events: list[Event] = field(default_factory=list)
    point: tuple | None = None
    origins: set = field(default_factory=set)
    last: dt.date | None = None
    credibility: int = 6
    reliability: str = "F"
    coordinated: bool = True  # every report of it came in a coordinated burst

    def strength(self, as_of: dt.date, half_life: float) -> float:
        age = max(0, (as_of - (self.last or as_of)).days)
        base = OPINION_WEIGHT[self.reliability] if self.credibility == 6 else CREDIBILITY_WEIGHT[self.credibility]
        if self.coordinated:
            base *= COORDINATED_WEIGHT
        return base * 0.5 ** (age / half_life)


@lru_cache(maxsize=4096)
def _km_to_border(lat: float, lon: float, border: str) -> float | None:
    from borderwatch.geo.borders import distance_to_border_km
    try:
        return distance_to_border_km(lat, lon, border)
    except Exception:  # an unknown border or a point off the map: distance unknown
        return None


def _km(a: tuple, b: tuple) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 12742 * math.asin(math.sqrt(h))


def event_day(e: Event) -> dt.date | None:
    return e.first_seen.date() if e.first_seen else None


def last_day(e: Event, as_of: dt.date) -> dt.date:
    d = e.last_seen or e.first_seen
    return min(d.date(), as_of) if d else as_of


class Matcher:
    """Matches a problem's indicators against one day's events."""

    def __init__(self, problem: Problem, events: list[Event], observations: dict[str, Observation]) -> None:
        self.problem = problem
        self.observations = observations
        self.border = problem.border
        # "BY-UA": a force heading for UA approaches this border; heading for BY it only arrives in Belarus
        self.far_side = self.border.split("-")[-1]
        # Observations indexed by event type, then by (modality, actor country): an indicator
        # only walks the groups its rule allows. Dates and facts are computed once for all.
        self.index: dict[str, dict[tuple[str, str], list]] = defaultdict(lambda: defaultdict(list))
        self._facts: dict[str, Facts] = {}
        # Only what some indicator could match is indexed; facts are read lazily, when a row
        # passes the cheap checks (type, modality, country, window, credibility).
        wanted = {(t, m) for ind in problem.indicators for t in (ind.when.type or EVENT_TYPES)
                  for m in ind.when.modality}
        for e in events:
            if getattr(e, "verdict", None) == "refuted":  # an analyst ruled it out
                continue
            first = event_day(e)
            last = (e.last_seen or e.first_seen).date() if first else None
            for oid in e.observations:
                o = observations.get(oid)
                if o is None or o.background:  # a recollection of the past is not a sighting
                    continue
                if (o.type, o.modality) not in wanted:
                    continue
                country = o.actor.country if o.actor else None
                self.index[e.type][(o.modality, country or "unknown")].append((e, first, last, oid, o))
        self.claimed: set[str] = set()  # observations already counted by a more diagnostic indicator

    def facts(self, o: Observation) -> Facts:
        f = self._facts.get(o.id)
        if f is None:
            dists, kinds, point = [], _EMPTY, None
            for p in o.locations:
                if p.kind:
                    kinds = kinds | {p.kind}
                if p.lat is None or (p.precision or 3) >= 3:
                    continue  # a country or region is no position
                point = point or (p.lat, p.lon)
                km = p.border_km if p.border == self.border else _km_to_border(p.lat, p.lon, self.border)
                if km is not None:
                    dists.append(km)
            pers = (o.personnel.high or o.personnel.count or 0) if o.personnel else 0
            t = o.toward
            f = Facts(o.type, o.actor.country if o.actor else None, o.modality, o.evidence.text.lower(),
                      frozenset(e.cls for e in o.equipment) if o.equipment else _EMPTY, pers,
                      t.country if t else None, t.relation if t else None, tuple(dists), kinds, point)
            self._facts[o.id] = f
        return f

    def match(self, ind: Indicator, as_of: dt.date) -> list[tuple[Event, Facts, str, str]]:
        """The events (with the facts of the observation that matched) that satisfy the rule.
        Each observation counts for one indicator only: call in order of diagnosticity."""
        r = ind.when
        window = as_of - dt.timedelta(days=r.window_days or self.problem.horizon_days)
        claimed, done, out = self.claimed, set(), []
        for t in r.type or list(self.index):
            for (modality, country), rows in self.index.get(t, {}).items():
                if modality not in r.modality or (r.actor and country not in r.actor):
                    continue
                for e, first, last, oid, o in rows:
                    if oid in claimed or e.id in done or e.credibility > r.min_credibility:
                        continue
                    if first is not None and (first > as_of or min(last, as_of) < window):
                        continue
                    f = self.facts(o)
                    ok, note = _rest(f, r, self.far_side)
                    if ok:
                        out.append((e, f, note, oid))
                        claimed.add(oid)
                        done.add(e.id)
        out.sort(key=lambda m: (m[0].first_seen or _NEVER, m[0].id))
        return out

    def sites(self, matched: list[tuple[Event, Facts, str, str]], as_of: dt.date) -> list[Site]:
        """Matched events merged into distinct sites: near each other, or sharing an origin
        when unlocated."""
        sites: list[Site] = []
        km = self.problem.site_km
        cell = max(km, 1.0) / 111.0  # grid cells of about site_km, so each event checks its neighbours only
        grid: dict[tuple[int, int], list[int]] = defaultdict(list)
        by_origin: dict[str, int] = {}
        for e, f, _, _ in sorted(matched, key=lambda m: (event_day(m[0]) or as_of, m[0].id)):
            point = f.point or ((e.lat, e.lon) if e.lat is not None and e.lon is not None else None)
            origins = set(e.origins) or {e.id}
            home = None
            if point:
                gx, gy = int(point[0] // cell), int(point[1] // (2 * cell))
                near = [i for dx in (-1, 0, 1) for dy in (-1, 0, 1) for i in grid.get((gx + dx, gy + dy), ())
                        if _km(point, sites[i].point) <= km]
                home = min(near, default=None)
            if home is None:  # unlocated: the first site that shares an origin with it
                home = min((by_origin[o] for o in origins if o in by_origin
                            and (not point or sites[by_origin[o]].point is None)), default=None)
            if home is None:
                sites.append(Site(point=point))
                home = len(sites) - 1
                if point:
                    grid[(gx, gy)].append(home)
            for o in origins:
                by_origin.setdefault(o, home)
            home = sites[home]
            home.events.append(e)
            home.origins |= origins
            home.last = max(filter(None, (home.last, self.seen(e, as_of))))
            home.credibility = min(home.credibility, e.credibility)
            home.reliability = min(home.reliability, e.reliability or "F")  # "A" is best
            home.coordinated = home.coordinated and bool(getattr(e, "coordinated", False))
        return sites

    def seen(self, e: Event, as_of: dt.date) -> dt.date:
        """When the event was last seen happening: the latest day its reports give for it
        ("still standing as of May 19"), else its last publication. A think tank retelling
        on the 20th what a monitor saw on the 13th does not make the sighting fresh."""
        days = [o.time.date for oid in e.observations if (o := self.observations.get(oid)) is not None
                and o.time and o.time.date and o.time.precision == "day"]
        first = event_day(e) or as_of
        return min(as_of, max(first, max(days))) if days else last_day(e, as_of)


def _rest(f: Facts, r: Rule, far_side: str) -> tuple[bool, str]:
    """The conditions beyond type, actor and modality (which the index has checked). With no
    located place, a stated direction stands in for a distance only when it points at the far
    side of the area's border (`far_side`)."""
    if r.toward and not (f.toward == r.toward and f.relation in ("toward", "across")):
        return False, ""
    if r.relation and f.relation not in r.relation:
        return False, ""
    if r.keywords and not any(k in f.text for k in _lower(r.keywords)):
        return False, ""
    if r.without and any(k in f.text for k in _lower(r.without)):
        return False, ""
    if r.equipment and not any(c in f.equipment for c in r.equipment):
        return False, ""
    if r.min_personnel and f.personnel < r.min_personnel:
        return False, ""
    if r.place_kind and not any(k in f.kinds for k in r.place_kind):
        return False, ""
    if r.not_place_kind and any(k in f.kinds for k in r.not_place_kind):
        return False, ""
    if r.beyond_km is not None and (not f.dists or min(f.dists) < r.beyond_km):
        return False, ""
    note = ""
    if r.within_km is not None:
        if f.dists:
            if min(f.dists) > r.within_km:
                return False, ""
        elif f.relation == "toward" and f.toward == far_side:
            note = "distance unknown; matched on the stated direction toward the border"
        else:
            return False, ""
    return True, note


@lru_cache(maxsize=512)
def _lower_tuple(words: tuple) -> tuple:
    return tuple(w.lower() for w in words)


def _lower(words: list[str]) -> tuple:
    return _lower_tuple(tuple(words))
