"""Score events against a warning problem: explainable Bayesian updating.

For each indicator: the matched events are merged into distinct sites; each site
weighs its best credibility grade, decayed from its last sighting with the problem's
half-life; the strongest site counts fully and each further one a quarter (they
are rarely independent), up to 1.5. A fired indicator multiplies each hypothesis'
odds by its likelihood ratio raised to that weight. An indicator that stayed
silent while the feed was live applies its `if_absent` ratios. Indicators of one
group share a cause, so the group together is capped at its `max_lr`.
"""

from __future__ import annotations

import datetime as dt
import math

from borderwatch.assess.matching import Matcher, Site, event_day, last_day
from borderwatch.assess.problems import Indicator, Problem
from borderwatch.model import Assessment, Event, IndicatorHit, Observation

EXTRA_SITE_WEIGHT = 0.25  # each further distinct site adds a quarter of its strength
MAX_WEIGHT = 1.5
BANDS = [  # ICD 203
    (0.05, "almost no chance"), (0.20, "very unlikely"), (0.45, "unlikely"),
    (0.55, "roughly even chance"), (0.80, "likely"), (0.95, "very likely"), (1.01, "almost certain"),
]
PROBABILITY_RANGES = {  # ICD 203's stated ranges, for the report's legend
    "almost no chance": "01-05%", "very unlikely": "05-20%", "unlikely": "20-45%",
    "roughly even chance": "45-55%", "likely": "55-80%", "very likely": "80-95%", "almost certain": "95-99%",
}


def estimative(p: float) -> str:
    return next(phrase for limit, phrase in BANDS if p < limit)


def _logodds(p: float) -> float:
    p = min(max(p, 1e-9), 1 - 1e-9)
    return math.log(p / (1 - p))


def _posterior(prior: dict[str, float], delta: dict[str, float]) -> dict[str, float]:
    logp = {h: math.log(p) + delta.get(h, 0.0) for h, p in prior.items()}
    top = max(logp.values())
    z = sum(math.exp(v - top) for v in logp.values())
    return {h: math.exp(v - top) / z for h, v in logp.items()}


def contribution(prior: dict[str, float], head: str, delta: dict[str, float]) -> float:
    """Change in the headline's log-odds if only this evidence were applied to the prior."""
    return _logodds(_posterior(prior, delta)[head]) - _logodds(prior[head])


def score(problem: Problem, events: list[Event], observations: dict[str, Observation],
          as_of: dt.date) -> Assessment:
    prior = problem.prior_of()
    head = problem.headline
    start = as_of - dt.timedelta(days=problem.horizon_days)
    live = [e for e in events if start <= last_day(e, as_of) and (event_day(e) or as_of) <= as_of]
    matcher = Matcher(problem, live, observations)
    # Absence is evidence only after days of watching: preparations take time to show.
    covered = len({event_day(e) for e in live if e.first_seen}) >= problem.absence_min_days
    found = {}
    for ind in sorted(problem.indicators, key=diagnosticity, reverse=True):
        found[ind.id] = _indicator(ind, matcher, as_of, problem.half_life_days, covered)
    raw: list[tuple[Indicator, IndicatorHit, dict[str, float], list[Site]]] = [
        (ind, *found[ind.id]) for ind in problem.indicators]
    hits, total = _apply_groups(problem, prior, head, raw)
    post = {h: round(p, 4) for h, p in _posterior(prior, total).items()}
    used = {eid for _, h, _, _ in raw if h.fired for eid in h.events}
    fired_events = [e for e in live if e.id in used]
    ranked = sorted((h for h in hits if h.weight and abs(h.contribution) >= 0.01), key=lambda h: -abs(h.contribution))
    level, reason = confidence(fired_events, [s for _, h, _, ss in raw if h.fired for s in ss])
    return Assessment(
        problem=problem.id, question=problem.question, as_of=as_of, hypotheses=post, focus=head,
        leading=max(post, key=post.get), estimative=estimative(post[head]), confidence=level,
        confidence_reason=reason, problem_version=problem.version, prior=prior, drivers=tuple(h.indicator for h in ranked[:5]),
        events_considered=len(live), indicators=tuple(hits),
    )


def diagnosticity(ind: Indicator) -> float:
    """How far the indicator separates the hypotheses: the log of its largest ratio over its smallest."""
    return math.log(max(ind.likelihood.values()) / min(ind.likelihood.values()))


def _indicator(ind: Indicator, matcher: Matcher, as_of: dt.date, half_life: float,
               covered: bool) -> tuple[IndicatorHit, dict[str, float], list[Site]]:
    matched = matcher.match(ind, as_of)
    sites = matcher.sites(matched, as_of)
    base = dict(indicator=ind.id, rationale=ind.rationale, group=ind.group, sites=len(sites),
                events=tuple(e.id for e, _, _, _ in matched), observations=tuple(oid for *_, oid in matched))
    if matched and len(sites) >= ind.when.min_count:
        strengths = sorted((s.strength(as_of, half_life) for s in sites), reverse=True)
        weight = min(MAX_WEIGHT, strengths[0] + EXTRA_SITE_WEIGHT * sum(strengths[1:]))
        notes = sorted({n for _, _, n, _ in matched if n})
        if len(sites) < len(matched):
            notes.append(f"{len(matched)} events at {len(sites)} distinct site{'s' * (len(sites) > 1)}")
        delta = {h: weight * math.log(lr) for h, lr in ind.likelihood.items()}
        hit = IndicatorHit(fired=True, state="fired", weight=weight, likelihood=ind.likelihood,
                           note="; ".join(notes), **base)
        return hit, delta, sites
    if not matched and ind.if_absent and covered:
        delta = {h: math.log(lr) for h, lr in ind.if_absent.items()}
        hit = IndicatorHit(fired=False, state="absent", weight=1.0, likelihood=ind.if_absent,
                           note="not seen while reporting continued: counts as absence", **base)
        return hit, delta, []
    note = f"{len(sites)} of {ind.when.min_count} sites needed" if matched else ""
    return IndicatorHit(fired=False, state="quiet", likelihood=ind.likelihood, note=note, **base), {}, []


def _apply_groups(problem: Problem, prior: dict[str, float], head: str, raw) -> tuple[list[IndicatorHit], dict]:
    """Scale each group's evidence so that together it moves the headline odds by at most
    the group's max_lr; correlated indicators then cannot stack up."""
    scale: dict[str, float] = {}
    for gid, group in problem.groups.items():
        total = {h: 0.0 for h in prior}
        for ind, _, delta, _ in raw:
            if ind.group == gid:
                for h, v in delta.items():
                    total[h] += v
        c = abs(contribution(prior, head, total))
        scale[gid] = min(1.0, math.log(group.max_lr) / c) if c > 0 else 1.0
    hits, total = [], {h: 0.0 for h in prior}
    for ind, hit, delta, _ in raw:
        f = scale.get(ind.group, 1.0)
        applied = {h: v * f for h, v in delta.items()}
        for h, v in applied.items():
            total[h] += v
        update = {"weight": round(hit.weight * f, 4), "contribution": round(contribution(prior, head, applied), 4)}
        if f < 0.999 and delta:
            update["note"] = "; ".join(filter(None, (hit.note, f"group {ind.group} capped at ×{problem.groups[ind.group].max_lr:g}: "
                                                                f"counted at {f:.0%}")))
        hits.append(hit.model_copy(update=update))
    return hits, total


def confidence(events: list[Event], sites: list[Site]) -> tuple[str, str]:
    """Low/moderate/high from the quantity, independence and credibility of the evidence
    that fired indicators, with the reason in words."""
    if not events:
        return "low", "no indicator fired: the judgement rests on the prior and on absences"
    origins = {o for e in events for o in e.origins}
    mean_cred = sum(e.credibility for e in events) / len(events)
    why = (f"{len(events)} events at {len(sites)} sites from {len(origins)} independent origins, "
           f"mean credibility {mean_cred:.1f} (1 best, 6 cannot be judged)")
    if len(sites) >= 6 and len(origins) >= 4 and mean_cred <= 2.5:
        return "high", why
    if len(sites) >= 3 and len(origins) >= 3 and mean_cred <= 3.5:
        return "moderate", why
    return "low", why
