"""The corroboration stage end to end: copies, events, verdicts, contradictions, grades.

    documents ─▶ near-duplicates + stored reposts ─▶ copy_of, coordinated bursts
    observations ─▶ group_observations ─▶ apply_verdicts ─▶ groups
    groups ─▶ find_contradictions ─▶ contradicted events
    groups + origins + verdicts ─▶ track records ─▶ graded sources
    everything ─▶ Event records with reliability (source) and credibility (information)

A pure function of its inputs: the same documents, observations and verdict log always
give the same events.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from borderwatch.corroborate.contradictions import find_contradictions
from borderwatch.corroborate.events import group_observations, points
from borderwatch.corroborate.grades import (SETTINGS, best_grade, configured_ids, credibility, grade_sources,
                                            origin, root_document, source_names)
from borderwatch.corroborate.neardup import Copies, link_copies
from borderwatch.corroborate.settings import Settings, load_settings
from borderwatch.corroborate.verdicts import STATUS, apply_verdicts
from borderwatch.model import Contradiction, Document, Event, Observation, Source, Verdict

HEDGED = {"possible", "likely", "unlikely"}


@dataclass
class Corroboration:
    events: list[Event]
    contradictions: list[Contradiction]
    sources: dict[str, Source]  # graded, with track records
    copies: Copies = field(default_factory=Copies)


def event_id(obs: list[Observation]) -> str:
    return hashlib.sha256("|".join(sorted(o.id for o in obs)).encode()).hexdigest()[:32]


def corroborate_all(observations: list[Observation], docs: dict[str, Document], sources: dict[str, Source],
                    reposts: dict[str, str], verdicts: list[Verdict] = (), settings: Settings | None = None,
                    grades_path=SETTINGS) -> Corroboration:
    s = settings or load_settings()
    graded = grade_sources(sources, grades_path)
    copies = link_copies(docs, reposts, graded, configured_ids(grades_path), s.near_duplicates, s.coordination)
    groups, status = apply_verdicts(group_observations(observations, docs, s), verdicts)
    ids = [event_id(g) for g in groups]
    event_of = {o.id: ids[i] for i, g in enumerate(groups) for o in g}
    contradictions = find_contradictions(observations, docs, event_of, copies.copy_of, s)
    contradicted = {c.a_event for c in contradictions if c.kind != "modality"} | \
        {c.b_event for c in contradictions if c.kind != "modality"}

    names = source_names(sources, grades_path)
    coordinated = {root_document(d, copies.copy_of): cid for d, cid in copies.cluster_of.items()}
    origins = [sorted({origin(o, docs, copies.copy_of, names, coordinated) for o in g}) for g in groups]

    # Track record: events an analyst confirmed or refuted, credited to the sources they came from.
    track: dict[str, list[int]] = {}
    for i, g in enumerate(groups):
        if i in status:
            for sid in {o.split(":", 1)[1] for o in origins[i] if o.startswith("source:")}:
                row = track.setdefault(sid, [0, 0])
                row[0 if status[i].action == "confirm" else 1] += 1
    graded = grade_sources(sources, grades_path, {k: (v[0], v[1]) for k, v in track.items()})

    grade_of = {sid: src.reliability for sid, src in graded.items()}
    events = [_event(g, ids[i], origins[i], docs, grade_of, copies, ids[i] in contradicted,
                     STATUS[status[i].action] if i in status else None) for i, g in enumerate(groups)]
    return Corroboration(events, contradictions, graded, copies)


def _event(obs: list[Observation], eid: str, origins: list[str], docs: dict[str, Document],
           grade_of: dict[str, str | None], copies: Copies, contradicted: bool, verdict: str | None) -> Event:
    doc_ids = tuple(dict.fromkeys(o.doc for o in obs))
    srcs = tuple(dict.fromkeys(docs[d].source for d in doc_ids))
    burst = next((copies.coordinated[d] for d in doc_ids if d in copies.coordinated), None)
    free = [o for o in origins if not o.startswith("coordinated:")]
    independent = len(free) or (1 if origins else 0)  # a coordinated burst is one voice at most
    hedged = all(o.modality in HEDGED for o in obs)
    cred, why = credibility(independent, contradicted, hedged, verdict=verdict,
                            coordinated_only=bool(origins) and not free)
    origin_sources = [o.split(":", 1)[1] for o in free if o.startswith("source:")]
    reliability = best_grade(grade_of.get(sid) for sid in origin_sources) or \
        best_grade(grade_of.get(sid) for sid in srcs) or "F"
    times = [docs[d].published for d in doc_ids if docs[d].published]
    point = next((p for o in obs for p in points(o)), None)
    border = next((p.border_km for o in obs for p in o.locations if p.border_km is not None), None)
    actor = next((o.actor for o in obs if o.actor and o.actor.country), None) or next((o.actor for o in obs if o.actor), None)
    return Event(
        id=eid, type=obs[0].type, observations=tuple(o.id for o in obs), documents=doc_ids, sources=srcs,
        independent_sources=independent, origins=tuple(origins), actor_country=actor.country if actor else None,
        lat=point[0] if point else None, lon=point[1] if point else None, border_km=border,
        first_seen=min(times) if times else None, last_seen=max(times) if times else None,
        credibility=cred, reliability=reliability, summary=summary(obs, actor), credibility_reason=why,
        copies=tuple(d for d in doc_ids if d in copies.copy_of or docs[d].forwarded_from), coordinated=burst is not None,
        coordination=burst, contradicted=contradicted, verdict=verdict,
    )


def summary(obs: list[Observation], actor) -> str:
    o = obs[0]
    parts = [actor.name if actor else "Unknown actor", o.type + (f" ({o.modality})" if o.modality != "asserted" else "")]
    eq = ", ".join(dict.fromkeys(f"{e.count or ''} {e.model or e.cls}".strip() for x in obs[:5] for e in x.equipment))
    if eq:
        parts.append(eq)
    if o.personnel and o.personnel.count:
        parts.append(f"{o.personnel.count:,} personnel")
    places = list(dict.fromkeys(p.name or p.text for x in obs[:5] for p in x.locations))
    if places:
        parts.append("at " + ", ".join(places[:3]))
    if o.toward:
        parts.append(o.toward.text)
    return "; ".join(parts)
