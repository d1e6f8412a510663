"""Everything the report templates show, computed once: the bottom line as sentences
that each link to their events and evidence sentences, key judgements, the indicator
board with the change since the day before, the ACH matrix and the appendix."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from borderwatch.assess.ach import ach
from borderwatch.assess.history import changes
from borderwatch.assess.problems import Problem
from borderwatch.assess.scoring import PROBABILITY_RANGES
from borderwatch.model import Assessment, Event

# Event fields the report shows in their own columns; any other field a later version of
# corroboration adds is listed as a flag, so the report keeps working with it.
SHOWN = {"id", "type", "observations", "documents", "sources", "independent_sources", "origins", "actor_country",
         "lat", "lon", "border_km", "first_seen", "last_seen", "credibility", "reliability", "summary",
         "credibility_reason"}
SYMBOL = {"new": "▲ new", "cleared": "▽ cleared", "stronger": "▲ stronger", "weaker": "▼ weaker",
          "absent": "▽ now absent", "unchanged": "–"}


@dataclass
class Ref:
    label: str
    anchor: str
    quote: str = ""


@dataclass
class Sentence:
    text: str
    refs: list[Ref] = field(default_factory=list)


def _clip(text: str, n: int = 220) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1].rsplit(" ", 1)[0] + "…"


def judged(phrase: str) -> str:
    """The estimative phrase as the start of a sentence: "It is unlikely", "There is almost no chance"."""
    if phrase.endswith("chance"):
        return f"There is {'a ' if phrase.startswith('roughly') else ''}{phrase}"
    return f"It is {phrase}"


def pct(p: float | None) -> str:
    return "n/a" if p is None else f"{p * 100:.0f}%"


def _flags(e: Event) -> list[str]:
    out = []
    for name, value in e:
        if name in SHOWN or value in (None, False, "", (), [], {}, 0):
            continue
        if isinstance(value, (tuple, list)):
            value = f"{len(value)}"
        out.append(name.replace("_", " ") if value is True else f"{name.replace('_', ' ')}: {value}")
    return out


def _in_period(e: Event, start: dt.date, end: dt.date) -> bool:
    first = e.first_seen.date() if e.first_seen else end
    last = (e.last_seen or e.first_seen).date() if e.first_seen else end
    return first <= end and last >= start


def build(picture, a: Assessment, problem: Problem, previous: Assessment | None = None,
          history: list[Assessment] | None = None) -> dict:
    obs = {o.id: o for o in picture.observations}
    start = a.as_of - dt.timedelta(days=problem.horizon_days)
    key = lambda e: (e.first_seen or dt.datetime.min.replace(tzinfo=dt.timezone.utc), e.id)  # noqa: E731
    events = sorted(picture.events, key=key)
    period = [e for e in events if _in_period(e, start, a.as_of)]
    number = {e.id: i + 1 for i, e in enumerate(events)}
    by_id = {e.id: e for e in events}
    ch = changes(previous, a)
    view = ach(problem, a)
    hits = {h.indicator: h for h in a.indicators}

    def source_names(e: Event) -> str:
        names = [picture.sources[s].name if s in picture.sources else s for s in e.sources]
        return ", ".join(names[:3]) + (f" and {len(names) - 3} more" if len(names) > 3 else "")

    def evidence(e: Event) -> list[Ref]:
        refs = [Ref(f"#{number[e.id]}", f"ev-{e.id}")]
        for oid in e.observations[:2]:
            if oid in obs:
                refs.append(Ref("sentence", f"obs-{oid}", obs[oid].evidence.text))
        return refs

    def said_by(o) -> str:
        d = picture.documents.get(o.doc)
        src = picture.sources.get(d.source) if d else None
        name = src.name if src else (d.source if d else "unknown source")
        a = o.attribution
        return f"{name}, citing {a.name}" if a and a.name and a.name.lower() not in name.lower() else name

    def label(ind_id: str) -> str:
        ind = problem.indicator(ind_id)
        return ind.name if ind else ind_id

    bluf = [Sentence(f"{judged(a.estimative)} ({pct(a.hypotheses[a.focus])}) that "
                     f"{problem.statement or a.focus}; confidence {a.confidence}.")]
    if ch.probability_before is not None:
        points = round(abs(ch.delta) * 100)
        move = "unchanged" if points == 0 else f"{'up' if ch.delta > 0 else 'down'} {points} point{'s' * (points != 1)}"
        bluf.append(Sentence(f"That is {move} since {ch.since} ({pct(ch.probability_before)}, {ch.estimative_before})."))
    for ind_id in a.drivers[:4]:
        hit = hits[ind_id]
        verb = "raised" if hit.contribution > 0 else "lowered"
        if hit.state == "absent":
            bluf.append(Sentence(f"No report of {label(ind_id)} in {problem.horizon_days} days of reporting {verb} it "
                                 f"(log-odds {hit.contribution:+.2f}): {hit.rationale}"))
            continue
        matched = dict(zip(hit.events, hit.observations)) if hit.observations else {}
        strongest = sorted((by_id[e] for e in hit.events if e in by_id),
                           key=lambda e: (e.credibility, -(e.last_seen or e.first_seen).timestamp() if e.first_seen else 0))
        shown = strongest[:2]
        parts, refs = [], []
        for e in shown:
            o = obs.get(matched.get(e.id) or (e.observations[0] if e.observations else ""))
            if o is None:
                parts.append(f"{e.summary} ({source_names(e)}, graded {e.reliability or 'F'}{e.credibility})")
                refs.append(Ref(f"#{number[e.id]}", f"ev-{e.id}"))
                continue
            said = said_by(o)
            parts.append(f"“{_clip(o.evidence.text)}” ({said}; event #{number[e.id]} graded "
                         f"{e.reliability or 'F'}{e.credibility})")
            refs += [Ref(f"#{number[e.id]}", f"ev-{e.id}"), Ref("sentence", f"obs-{o.id}", o.evidence.text)]
        more = f"; and {len(strongest) - len(shown)} more event{'s' * (len(strongest) - len(shown) > 1)}" \
            if len(strongest) > len(shown) else ""
        bluf.append(Sentence(f"{label(ind_id).capitalize()} {verb} it (log-odds {hit.contribution:+.2f}, weight "
                             f"{hit.weight:.2f}): {'; '.join(parts)}{more}.", refs))

    judgements = []
    for h, j in view.judgements.items():
        judgements.append({
            "hypothesis": h, "probability": pct(j.probability), "estimative": j.estimative,
            "support": [r.label for r in j.support], "against": [r.label for r in j.against],
            "inconsistency": j.inconsistency, "headline": h == a.focus,
        })

    board = []
    for hit in sorted(a.indicators, key=lambda h: (h.state != "fired", h.state != "absent", -abs(h.contribution))):
        c = ch.of(hit.indicator)
        rising = c is not None and c.kind in ("new", "stronger")
        falling = c is not None and c.kind in ("cleared", "weaker", "absent")
        toward = hit.likelihood.get(a.focus, 1.0) >= 1.0  # does the indicator point toward the headline?
        board.append({
            "hit": hit, "label": label(hit.indicator), "change": SYMBOL[c.kind] if c and previous else "",
            "change_class": ("up" if rising == toward else "down") if (rising or falling) and previous else "",
            "events": [(number[e], e) for e in hit.events if e in number],
        })

    return dict(
        a=a, problem=problem, bluf=bluf, judgements=judgements, board=board, ach=view, changes=ch,
        previous=previous, history=history or [], events=events, period=period, number=number,
        obs=obs, docs=picture.documents, sources=picture.sources, picture=picture, flags=_flags,
        source_names=source_names, pct=pct, ranges=PROBABILITY_RANGES, evidence=evidence,
        contradictions=picture.contradictions, event_of={oid: e.id for e in events for oid in e.observations},
    )

