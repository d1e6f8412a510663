"""What changed between two assessments, and the daily series of a backtest."""

from __future__ import annotations

import csv
import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from borderwatch.model import Assessment, IndicatorHit

STRONGER = 0.15  # a weight change this large counts as a change of state


@dataclass
class IndicatorChange:
    indicator: str
    before: str  # fired, quiet, absent, or "" when there was no earlier assessment
    after: str
    kind: str  # new, cleared, stronger, weaker, absent, unchanged
    weight_before: float
    weight_after: float
    events_added: tuple[str, ...] = ()

    def describe(self) -> str:
        words = {
            "new": "fired", "cleared": "stopped firing", "stronger": "strengthened", "weaker": "weakened",
            "absent": "now counts as absent", "unchanged": "unchanged",
        }[self.kind]
        tail = f" ({len(self.events_added)} new event{'s' * (len(self.events_added) != 1)})" if self.events_added else ""
        return f"{self.indicator} {words}: weight {self.weight_before:.2f} → {self.weight_after:.2f}{tail}"


@dataclass
class Changes:
    since: dt.date | None
    probability_before: float | None
    probability_after: float
    estimative_before: str | None
    estimative_after: str
    indicators: list[IndicatorChange]

    @property
    def delta(self) -> float:
        return 0.0 if self.probability_before is None else self.probability_after - self.probability_before

    @property
    def moved(self) -> list[IndicatorChange]:
        return [c for c in self.indicators if c.kind != "unchanged"]

    def of(self, indicator: str) -> IndicatorChange | None:
        return next((c for c in self.indicators if c.indicator == indicator), None)


def _kind(b: IndicatorHit | None, a: IndicatorHit) -> str:
    before = b.state if b else ""
    if a.state == "fired" and before != "fired":
        return "new"
    if before == "fired" and a.state != "fired":
        return "cleared"
    if a.state == "absent" and before not in ("absent", ""):
        return "absent"
    if b and a.state == "fired":
        if a.weight - b.weight >= STRONGER:
            return "stronger"
        if b.weight - a.weight >= STRONGER:
            return "weaker"
    return "unchanged"


def changes(before: Assessment | None, after: Assessment) -> Changes:
    """Probability, phrase and indicator states of `after` compared with `before`."""
    old = {h.indicator: h for h in before.indicators} if before else {}
    items = []
    for a in after.indicators:
        b = old.get(a.indicator)
        added = tuple(e for e in a.events if e not in set(b.events)) if b else a.events
        items.append(IndicatorChange(a.indicator, (b.state or ("fired" if b.fired else "quiet")) if b else "",
                                     a.state or ("fired" if a.fired else "quiet"), _kind(b, a),
                                     b.weight if b else 0.0, a.weight, added if a.fired else ()))
    return Changes(before.as_of if before else None, before.hypotheses[before.focus] if before else None,
                   after.hypotheses[after.focus], before.estimative if before else None, after.estimative, items)


def write_series(assessments: list[Assessment], path: Path) -> Path:
    """The daily series as CSV: date, each hypothesis, phrase, confidence, drivers."""
    path.parent.mkdir(parents=True, exist_ok=True)
    hyps = list(assessments[0].hypotheses) if assessments else []
    with path.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["as_of", *hyps, "estimative", "confidence", "events", "drivers"])
        for a in assessments:
            w.writerow([a.as_of.isoformat(), *(f"{a.hypotheses[h]:.4f}" for h in hyps), a.estimative,
                        a.confidence, a.events_considered, " ".join(a.drivers)])
    return path


def days(start: dt.date, end: dt.date) -> list[dt.date]:
    return [start + dt.timedelta(days=i) for i in range((end - start).days + 1)]
