"""Alerts: thresholds on probability and on indicator state changes, each saying what
changed and why, delivered to stdout, a JSON Lines file or a webhook."""

from __future__ import annotations

import datetime as dt
import json
import sys
import urllib.error
import urllib.request
from pathlib import Path
from typing import TextIO

from pydantic import BaseModel, ConfigDict

from borderwatch.assess.history import Changes, changes
from borderwatch.assess.problems import AlertRule, Problem
from borderwatch.errors import InputError
from borderwatch.model import Assessment, Event


class Alert(BaseModel):
    model_config = ConfigDict(frozen=True)
    problem: str
    question: str
    as_of: dt.date
    since: dt.date | None
    rule: str
    hypothesis: str
    probability: float
    previous: float | None
    estimative: str
    what: str  # one line: what changed
    why: list[str]  # the indicator changes and evidence behind it

    def text(self) -> str:
        lines = [f"[{self.problem} {self.as_of}] {self.what}"]
        lines += [f"  - {w}" for w in self.why]
        return "\n".join(lines)


def _pct(p: float | None) -> str:
    return "n/a" if p is None else f"{p * 100:.0f}%"


def evaluate(problem: Problem, before: Assessment | None, after: Assessment,
             events: dict[str, Event] | None = None, rules: list[AlertRule] | None = None) -> list[Alert]:
    """The alerts `after` raises against `before` (the day before, usually)."""
    ch = changes(before, after)
    out = []
    for rule in problem.alerts if rules is None else rules:
        h = rule.hypothesis or after.focus
        p, q = after.hypotheses[h], (before.hypotheses.get(h) if before else None)
        what = None
        if rule.above is not None and p >= rule.above and (q is None or q < rule.above):
            what = f"{h} rose above {_pct(rule.above)}: now {_pct(p)} ({after.estimative}), was {_pct(q)}"
        elif rule.below is not None and p < rule.below and q is not None and q >= rule.below:
            what = f"{h} fell below {_pct(rule.below)}: now {_pct(p)}, was {_pct(q)}"
        elif rule.change is not None and q is not None and abs(p - q) >= rule.change:
            what = f"{h} moved {(p - q) * 100:+.0f} points in a day: {_pct(q)} → {_pct(p)}"
        elif rule.estimative and before is not None and before.estimative != after.estimative:
            what = f"the estimative phrase changed: {before.estimative} → {after.estimative} ({_pct(p)})"
        elif rule.indicators is not None:
            watched = [c for c in ch.moved if not rule.indicators or c.indicator in rule.indicators]
            if watched:
                what = "indicator change: " + "; ".join(f"{c.indicator} {c.before or 'none'} → {c.after}" for c in watched)
        if what:
            out.append(Alert(problem=after.problem, question=after.question, as_of=after.as_of, since=ch.since,
                             rule=rule.id, hypothesis=h, probability=p, previous=q, estimative=after.estimative,
                             what=what, why=_why(ch, after, events or {})))
    return out


def _why(ch: Changes, after: Assessment, events: dict[str, Event]) -> list[str]:
    """The indicator changes, strongest first, each with the events behind it."""
    hits = {h.indicator: h for h in after.indicators}
    moved = sorted(ch.moved, key=lambda c: -abs(hits[c.indicator].contribution))
    lines = []
    for c in moved[:5]:
        hit = hits[c.indicator]
        line = f"{c.describe()}; log-odds {hit.contribution:+.2f}"
        shown = [events[e] for e in (c.events_added or hit.events)[:2] if e in events]
        if shown:
            line += " — " + " | ".join(f"{e.summary} ({e.reliability or 'F'}{e.credibility}, event {e.id[:8]})" for e in shown)
        lines.append(line)
    if not lines:
        lines = [f"driven by {', '.join(after.drivers) or 'the prior'}; no indicator changed state"]
    return lines


def deliver(alerts: list[Alert], target: str, *, out: TextIO | None = None, timeout: float = 5.0) -> str:
    """Send alerts to `-` (stdout), a file path (JSON Lines, appended) or an http(s) URL
    (one POST of JSON per alert). Returns the target kind for the alert log."""
    if target in ("-", "stdout"):
        stream = out or sys.stdout
        for a in alerts:
            stream.write(a.text() + "\n")
        return "stdout"
    if target.startswith(("http://", "https://")):
        for a in alerts:
            req = urllib.request.Request(target, data=a.model_dump_json().encode(), method="POST",
                                         headers={"Content-Type": "application/json", "User-Agent": "borderwatch"})
            try:
                with urllib.request.urlopen(req, timeout=timeout) as resp:
                    if resp.status >= 300:
                        raise InputError(f"webhook {target} answered {resp.status}")
            except urllib.error.HTTPError as e:
                raise InputError(f"webhook {target} answered {e.code}") from None
            except (urllib.error.URLError, OSError) as e:
                raise InputError(f"webhook {target} unreachable: {getattr(e, 'reason', e)}") from None
        return "webhook"
    if "://" in target:
        raise InputError(f"alert target {target!r}: use -, a file path, or an http(s) URL")
    path = Path(target)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("a", encoding="utf-8") as f:
            for a in alerts:
                f.write(json.dumps(a.model_dump(mode="json"), ensure_ascii=False) + "\n")
    except OSError as e:
        raise InputError(f"alert file {target}: {e.strerror or e}") from None
    return "file"
