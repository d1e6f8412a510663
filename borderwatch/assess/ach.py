"""The Analysis of Competing Hypotheses view of an assessment.

Rows are the evidence items the score used (each fired indicator with its events,
and each counted absence); columns are the hypotheses. A cell's consistency score is
the item's weight times the log of its likelihood ratio for that hypothesis over the
geometric mean of its ratios: positive is consistent, negative inconsistent. As in
Heuer's method, a hypothesis is judged by the evidence most inconsistent with it,
and an item whose ratios are all alike has no diagnostic value.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from borderwatch.assess.problems import Problem
from borderwatch.assess.scoring import estimative
from borderwatch.model import Assessment, IndicatorHit

RATINGS = [(0.4, "CC"), (0.1, "C"), (-0.1, "N"), (-0.4, "I")]  # else "II"


def rating(score: float) -> str:
    return next((r for limit, r in RATINGS if score >= limit), "II")


@dataclass
class Row:
    hit: IndicatorHit
    label: str
    absent: bool
    scores: dict[str, float]
    diagnosticity: float

    @property
    def ratings(self) -> dict[str, str]:
        return {h: rating(s) for h, s in self.scores.items()}


@dataclass
class Judgement:
    hypothesis: str
    probability: float
    estimative: str
    support: list[Row] = field(default_factory=list)  # most consistent evidence, strongest first
    against: list[Row] = field(default_factory=list)  # most inconsistent evidence, strongest first
    inconsistency: float = 0.0  # sum of negative scores (Heuer: the hypothesis with least is favoured)


@dataclass
class AchView:
    hypotheses: list[str]
    rows: list[Row]
    judgements: dict[str, Judgement]


def ach(problem: Problem, a: Assessment) -> AchView:
    rows = []
    for hit in a.indicators:
        if not hit.weight:
            continue
        ind = problem.indicator(hit.indicator)
        logs = {h: math.log(hit.likelihood.get(h, 1.0)) for h in problem.hypotheses}
        mean = sum(logs.values()) / len(logs)
        scores = {h: round(hit.weight * (v - mean), 3) for h, v in logs.items()}
        diag = hit.weight * (max(logs.values()) - min(logs.values()))
        label = ind.name if ind else hit.indicator
        rows.append(Row(hit, ("no " + label) if hit.state == "absent" else label, hit.state == "absent", scores,
                        round(diag, 3)))
    rows.sort(key=lambda r: -r.diagnosticity)
    judgements = {}
    for h in problem.hypotheses:
        p = a.hypotheses.get(h, 0.0)
        support = sorted((r for r in rows if r.scores[h] >= 0.1), key=lambda r: -r.scores[h])
        against = sorted((r for r in rows if r.scores[h] <= -0.1), key=lambda r: r.scores[h])
        judgements[h] = Judgement(h, p, estimative(p), support[:3], against[:3],
                                  round(sum(min(0.0, r.scores[h]) for r in rows), 3))
    return AchView(list(problem.hypotheses), rows, judgements)


def to_json(view: AchView) -> dict:
    return {
        "hypotheses": view.hypotheses,
        "rows": [{"indicator": r.hit.indicator, "label": r.label, "absent": r.absent, "events": list(r.hit.events),
                  "scores": r.scores, "ratings": r.ratings, "diagnosticity": r.diagnosticity} for r in view.rows],
        "judgements": {h: {"probability": j.probability, "estimative": j.estimative, "inconsistency": j.inconsistency,
                           "support": [r.hit.indicator for r in j.support],
                           "against": [r.hit.indicator for r in j.against]} for h, j in view.judgements.items()},
    }
