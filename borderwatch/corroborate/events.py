"""Cluster observations into events and grade them.

Two observations are one event when they share a type, the actor's country, a time
window and a place (within a distance) or a direction. Reposts and citations are traced
to their origin so that corroboration counts independent origins only.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from borderwatch.model import Document, Event, Observation, Source

SETTINGS = Path(__file__).with_name("sources.yaml")


@dataclass(frozen=True)
class ClusterRules:
    window_days: int = 2
    max_km: float = 40.0


@lru_cache(maxsize=2)
def _grades(path: str) -> dict:
    return yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}


def grade_sources(sources: dict[str, Source], path: Path = SETTINGS) -> dict[str, Source]:
    """Each source with its Admiralty reliability from the settings file."""
    g = _grades(str(path))
    out = {}
    for sid, s in sources.items():
        grade = s.reliability or (g.get("sources") or {}).get(sid) or (g.get("kinds") or {}).get(s.kind, "F")
        out[sid] = s.model_copy(update={"reliability": grade})
    return out


def _km(a: tuple[float, float], b: tuple[float, float]) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 12742 * math.asin(math.sqrt(h))


def _when(o: Observation, docs: dict[str, Document]) -> dt.date | None:
    if o.time and o.time.date and o.time.precision == "day":
        return o.time.date
    d = docs[o.doc]
    return d.published.date() if d.published else None


def _point(o: Observation) -> tuple[float, float] | None:
    located = [p for p in o.locations if p.lat is not None and (p.precision or 3) < 3]
    return (located[0].lat, located[0].lon) if located else None


def origin(o: Observation, docs: dict[str, Document], reposts: dict[str, str]) -> str:
    """Where a claim really comes from: a repost's original source, or the named
    organisation a report cites ("according to Hajun"), else the document's source."""
    doc_id = o.doc
    seen = set()
    while doc_id in reposts and doc_id not in seen and reposts[doc_id] in docs:
        seen.add(doc_id)
        doc_id = reposts[doc_id]
    a = o.attribution
    if a and a.name and a.kind in ("monitoring_group", "ministry", "think_tank", "military", "official", "government"):
        return f"actor:{a.name}"
    return f"source:{docs[doc_id].source}"


def _same(o: Observation, e: dict, docs, rules: ClusterRules) -> bool:
    if o.type != e["type"]:
        return False
    country = o.actor.country if o.actor else None
    if country and e["country"] and country != e["country"]:
        return False
    when = _when(o, docs)
    if when and e["when"] and abs((when - e["when"]).days) > rules.window_days:
        return False
    p = _point(o)
    if p and e["point"]:
        return _km(p, e["point"]) <= rules.max_km
    if p or e["point"]:
        return False
    return (o.toward.country if o.toward else None) == e["toward"]


def cluster(observations: list[Observation], docs: dict[str, Document], sources: dict[str, Source],
            reposts: dict[str, str], rules: ClusterRules = ClusterRules()) -> list[Event]:
    """Group non-background observations into events, in time order."""
    groups: list[dict] = []
    live = sorted((o for o in observations if not o.background),
                  key=lambda o: (_when(o, docs) or dt.date.min, o.doc, o.evidence.start))
    for o in live:
        home = next((e for e in groups if _same(o, e, docs, rules)), None)
        if home is None:
            home = {"type": o.type, "country": o.actor.country if o.actor else None, "when": _when(o, docs),
                    "point": _point(o), "toward": o.toward.country if o.toward else None, "obs": []}
            groups.append(home)
        home["obs"].append(o)
        home["country"] = home["country"] or (o.actor.country if o.actor else None)
        home["point"] = home["point"] or _point(o)
    return [_event(g["obs"], docs, sources, reposts) for g in groups]


GRADE_ORDER = "ABCDEF"


def _event(obs: list[Observation], docs, sources: dict[str, Source], reposts) -> Event:
    ids = tuple(o.id for o in obs)
    doc_ids = tuple(dict.fromkeys(o.doc for o in obs))
    srcs = tuple(dict.fromkeys(docs[d].source for d in doc_ids))
    origins = {origin(o, docs, reposts) for o in obs if o.modality not in ("negated",)}
    denied = any(o.modality == "negated" for o in obs)
    grades = [sources[s].reliability or "F" for s in srcs if s in sources]
    best = min(grades, key=GRADE_ORDER.index) if grades else None
    times = [docs[d].published for d in doc_ids if docs[d].published]
    point = next((_point(o) for o in obs if _point(o)), None)
    border = next((p.border_km for o in obs for p in o.locations if p.border_km is not None), None)
    actor = next((o.actor for o in obs if o.actor), None)
    hedged = all(o.modality in ("possible", "likely", "unlikely") for o in obs)
    return Event(
        id=hashlib.sha256("|".join(sorted(ids)).encode()).hexdigest()[:32],
        type=obs[0].type, observations=ids, documents=doc_ids, sources=srcs,
        independent_sources=len(origins), origins=tuple(sorted(origins)), actor_country=actor.country if actor else None,
        lat=point[0] if point else None, lon=point[1] if point else None, border_km=border,
        first_seen=min(times) if times else None, last_seen=max(times) if times else None,
        credibility=credibility(len(origins), denied, hedged), reliability=best,
        summary=_summary(obs[0], actor),
    )


def credibility(independent: int, contradicted: bool, hedged: bool) -> int:
    """Admiralty information credibility from corroboration alone (never from the source grade):
    1 confirmed by 3+ independent origins, 2 probably true (2), 3 possibly true (1),
    4 doubtful (contradicted), 6 cannot be judged (only forecasts)."""
    if hedged:
        return 6
    if contradicted:
        return 4 if independent <= 1 else 3
    if independent >= 3:
        return 1
    if independent == 2:
        return 2
    return 3


def _summary(o: Observation, actor) -> str:
    parts = [actor.name if actor else "Unknown actor", o.type]
    eq = ", ".join(f"{e.count or ''} {e.model or e.cls}".strip() for e in o.equipment)
    if eq:
        parts.append(eq)
    if o.personnel and o.personnel.count:
        parts.append(f"{o.personnel.count:,} personnel")
    if o.locations:
        parts.append("at " + ", ".join(p.name or p.text for p in o.locations[:3]))
    if o.toward:
        parts.append(o.toward.text)
    return "; ".join(parts)
