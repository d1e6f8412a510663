"""Score events against a warning problem: explainable Bayesian updating.

Each fired indicator multiplies the odds of each hypothesis by its likelihood ratio,
raised to a weight in [0, 2]: the event's credibility grade, decayed with the problem's
half-life, with correlated events (same origins) counted once.
"""

from __future__ import annotations

import datetime as dt
import math

from borderwatch.assess.problems import Indicator, Problem, Rule
from borderwatch.model import Assessment, Event, IndicatorHit, Observation

CREDIBILITY_WEIGHT = {1: 1.0, 2: 0.9, 3: 0.7, 4: 0.35, 5: 0.15, 6: 0.5}
EXTRA_ORIGIN_WEIGHT = 0.25  # each further independent origin adds a quarter
MAX_WEIGHT = 2.0
BANDS = [  # ICD 203
    (0.05, "almost no chance"), (0.20, "very unlikely"), (0.45, "unlikely"),
    (0.55, "roughly even chance"), (0.80, "likely"), (0.95, "very likely"), (1.01, "almost certain"),
]


def estimative(p: float) -> str:
    return next(phrase for limit, phrase in BANDS if p < limit)


def _obs_matches(o: Observation, r: Rule, event_country: str | None = None) -> tuple[bool, str]:
    if r.type and o.type not in r.type:
        return False, ""
    # An observation that names no actor takes its event's: other reports of it name one.
    country = o.actor.country if o.actor else event_country
    if r.actor and country not in r.actor:
        return False, ""
    if o.modality not in r.modality:
        return False, ""
    if r.toward and not (o.toward and o.toward.country == r.toward and o.toward.relation in ("toward", "across")):
        return False, ""
    text = o.evidence.text.lower()
    if r.keywords and not any(k.lower() in text for k in r.keywords):
        return False, ""
    if r.equipment and not any(e.cls in r.equipment for e in o.equipment):
        return False, ""
    if r.min_personnel and not (o.personnel and (o.personnel.high or o.personnel.count or 0) >= r.min_personnel):
        return False, ""
    note = ""
    if r.within_km is not None:
        dists = [p.border_km for p in o.locations if p.border_km is not None]
        if dists:
            if min(dists) > r.within_km:
                return False, ""
        elif o.toward and o.toward.relation in ("toward", "along") and o.toward.country:
            note = "distance unknown; matched on the stated direction"
        else:
            return False, ""
    return True, note


def _event_date(e: Event) -> dt.date | None:
    return e.first_seen.date() if e.first_seen else None


def score(problem: Problem, events: list[Event], observations: dict[str, Observation],
          as_of: dt.date) -> Assessment:
    prior = problem.prior_of()
    logp = {h: math.log(p) for h, p in prior.items()}
    head = problem.headline
    others = [h for h in problem.hypotheses if h != head]
    window_start = as_of - dt.timedelta(days=problem.horizon_days)
    live = [e for e in events if (_event_date(e) or as_of) <= as_of and (_event_date(e) or as_of) >= window_start]
    hits: list[IndicatorHit] = []
    used: set[str] = set()
    for ind in problem.indicators:
        hit = _indicator(ind, live, observations, as_of, problem.half_life_days)
        if hit.fired:
            used.update(hit.events)
            for h in problem.hypotheses:
                logp[h] += hit.weight * math.log(ind.likelihood[h])
            lr_other = sum(prior[h] * ind.likelihood[h] for h in others) / sum(prior[h] for h in others)
            hit = hit.model_copy(update={"contribution": round(hit.weight * math.log(ind.likelihood[head] / lr_other), 4)})
        hits.append(hit)
    top = max(logp.values())
    z = sum(math.exp(v - top) for v in logp.values())
    post = {h: round(math.exp(logp[h] - top) / z, 4) for h in problem.hypotheses}
    fired_events = [e for e in live if e.id in used]
    drivers = tuple(h.indicator for h in sorted((h for h in hits if h.fired), key=lambda h: -abs(h.contribution)))[:5]
    return Assessment(
        problem=problem.id, question=problem.question, as_of=as_of, hypotheses=post, focus=head,
        leading=max(post, key=post.get), estimative=estimative(post[head]),
        confidence=_confidence(fired_events), prior=prior, drivers=drivers,
        events_considered=len(live), indicators=tuple(hits),
    )


def _indicator(ind: Indicator, events: list[Event], observations: dict[str, Observation],
               as_of: dt.date, half_life: float) -> IndicatorHit:
    matched: list[tuple[Event, str]] = []
    for e in events:
        if e.credibility > ind.when.min_credibility:
            continue
        for oid in e.observations:
            o = observations.get(oid)
            ok, note = _obs_matches(o, ind.when, e.actor_country) if o else (False, "")
            if ok:
                matched.append((e, note))
                break
    base = dict(indicator=ind.id, rationale=ind.rationale, likelihood=ind.likelihood)
    if len(matched) < ind.when.min_count:
        return IndicatorHit(fired=False, events=tuple(e.id for e, _ in matched), **base)
    # Correlated evidence counts once: one weight per set of origins, the best one.
    by_origin: dict[tuple[str, ...], float] = {}
    for e, _ in matched:
        age = max(0, (as_of - (_event_date(e) or as_of)).days)
        w = CREDIBILITY_WEIGHT[e.credibility] * 0.5 ** (age / half_life)
        key = tuple(sorted(e.origins)) or (e.id,)
        by_origin[key] = max(by_origin.get(key, 0.0), w)
    weights = sorted(by_origin.values(), reverse=True)
    weight = min(MAX_WEIGHT, weights[0] + EXTRA_ORIGIN_WEIGHT * sum(weights[1:]))
    notes = sorted({n for _, n in matched if n})
    return IndicatorHit(fired=True, events=tuple(e.id for e, _ in matched), weight=round(weight, 4),
                        note="; ".join(notes), **base)


def _confidence(events: list[Event]) -> str:
    """Low/moderate/high from quantity, independence and credibility of the evidence used."""
    if not events:
        return "low"
    origins = {o for e in events for o in e.origins}
    mean_cred = sum(e.credibility for e in events) / len(events)
    if len(events) >= 8 and len(origins) >= 4 and mean_cred <= 2.5:
        return "high"
    if len(events) >= 3 and len(origins) >= 2 and mean_cred <= 4:
        return "moderate"
    return "low"
