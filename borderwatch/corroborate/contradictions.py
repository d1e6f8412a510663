"""Pairs of statements that cannot both be right, each named with its source.

- denial: an official denial (negated) against a sighting of the same kind of activity by
  the same country's forces, within days and (when the denial names a place) nearby;
- modality: opposite judgements on the same question ("could join" vs "highly unlikely
  to invade"): assessments or statements, same type, same country, within weeks;
- number: incompatible personnel counts for the same event (12,000 vs 9,000);
- direction: the same event reported moving toward and away from the border.

Copies of one document never contradict each other, nor do two sentences of one document.
Each negative statement is compared only with positive ones in its own block and time
window (found by bisection), and numbers and directions only inside an event, so the cost
stays near linear. One contradiction is kept per statement and opposing event.
"""

from __future__ import annotations

import bisect
import re
from collections import defaultdict

from borderwatch.corroborate.events import km, points, when
from borderwatch.corroborate.grades import root_document
from borderwatch.corroborate.settings import Settings, load_settings
from borderwatch.model import Contradiction, Document, Observation

SIGHTING = {"asserted", "claimed"}
FOR = {"possible", "likely"}
AGAINST = {"unlikely"}
JUDGEMENTS = {"assessment", "statement"}  # where "could" and "unlikely" judge one question
MAX_PAIRS_IN_EVENT = 60  # members compared for numbers and directions in one (huge) event


# Words that make a judgement one about war entry; two judgements are about the same question
# when both are about it, or when they share a trigger ("could join drills" vs "will not join").
WAR_ENTRY = re.compile(r"\b(?:invad\w*|invasion|join\w*|enter\w*|entry|attack\w*|offensive|interven\w*|"
                       r"war|front|assault|cross\w* the border)\b", re.I)


def _question(o: Observation) -> set[str]:
    tags = {"war-entry"} if WAR_ENTRY.search(o.evidence.text) else set()
    return tags | set(o.keywords)


def _same_question(a: Observation, b: Observation) -> bool:
    return bool(_question(a) & _question(b))


def _country(o: Observation) -> str | None:
    return o.actor.country if o.actor else None


def find_contradictions(observations: list[Observation], docs: dict[str, Document],
                        event_of: dict[str, str] | None = None, copy_of: dict[str, str] | None = None,
                        settings: Settings | None = None) -> list[Contradiction]:
    """Contradictions among non-background observations. `event_of` maps observation ids to
    event ids (numbers and directions are compared inside events); without it they are
    compared within the same type, country, day and place."""
    s = settings or load_settings()
    r = s.contradictions
    copy_of = copy_of or {}
    live = [o for o in observations if not o.background]
    day = {o.id: (when(o, docs).toordinal() if when(o, docs) else None) for o in live}
    root = {o.id: root_document(o.doc, copy_of) for o in live}
    event_of = event_of or _rough_events(live, day)
    out: list[Contradiction] = []
    seen: set[tuple[str, str]] = set()

    def add(kind: str, a: Observation, b: Observation, reason: str, key: tuple[str, str]) -> None:
        if key in seen:
            return
        seen.add(key)
        out.append(Contradiction(
            kind=kind, a=a.id, b=b.id, a_source=docs[a.doc].source, b_source=docs[b.doc].source, reason=reason,
            a_text=a.evidence.text, b_text=b.evidence.text, a_event=event_of.get(a.id), b_event=event_of.get(b.id)))

    def apart(a: Observation, b: Observation) -> bool:
        return a.doc != b.doc and root[a.id] != root[b.id]

    # Positive statements indexed by (type key, country) and day, for the negative ones to look up.
    index: dict[tuple, list[tuple[int, int, Observation]]] = defaultdict(list)
    for i, o in enumerate(live):
        if day[o.id] is None:
            continue
        if o.modality in SIGHTING:
            index[(s.type_key(o.type), _country(o), False)].append((day[o.id], i, o))
        elif o.modality in FOR and o.type in JUDGEMENTS:
            index[(s.type_key(o.type), _country(o), True)].append((day[o.id], i, o))
    for rows in index.values():
        rows.sort(key=lambda t: (t[0], t[1]))

    def near(key: tuple, d: int, window: int):
        rows = index.get(key, [])
        lo = bisect.bisect_left(rows, (d - window, -1))
        for row in rows[lo:]:
            if row[0] > d + window:
                break
            yield row[2]

    for n in live:
        d = day[n.id]
        if d is None:
            continue
        t, c = s.type_key(n.type), _country(n)
        if n.modality == "negated" and n.type != "assessment":
            # A denial names the country whose forces it speaks for; sightings often name no actor.
            # A denial naming no country ("no units have moved") covers every country's forces.
            keys = {(t, c, False), (t, None, False)} if c else {k for k in index if k[0] == t and not k[2]}
            found = [p for key in sorted(keys, key=str) for p in near(key, d, r.window_days)
                     if apart(n, p) and docs[p.doc].source != docs[n.doc].source and _denies(n, p, s)]
            for p in _best_per_event(found, n, day, root, event_of):
                add("denial", p, n, f"{p.type} reported by {docs[p.doc].source}, denied by {docs[n.doc].source}",
                    (n.id, event_of.get(p.id, p.id)))
        if c and n.type in JUDGEMENTS and (n.modality in AGAINST or n.modality == "negated"):
            found = [p for p in near((t, c, True), d, r.assessment_window_days) if apart(n, p) and _same_question(p, n)]
            for p in _best_per_event(found, n, day, root, event_of):
                add("modality", p, n, f"{p.modality} vs {n.modality}: the same question judged both ways",
                    (n.id, event_of.get(p.id, p.id)))

    members: dict[str, list[Observation]] = defaultdict(list)
    for o in live:
        members[event_of[o.id]].append(o)
    for group in members.values():
        counted = [o for o in group if o.personnel and o.personnel.count][:MAX_PAIRS_IN_EVENT]
        for i, a in enumerate(counted):
            for b in counted[i + 1:]:
                if apart(a, b) and _numbers_conflict(a, b, r.number_ratio):
                    add("number", a, b, f"{_people(a)} vs {_people(b)} personnel", (a.id, b.id))
        toward = [o for o in group if o.toward and o.toward.relation == "toward"][:MAX_PAIRS_IN_EVENT]
        away = [o for o in group if o.toward and o.toward.relation == "away"][:MAX_PAIRS_IN_EVENT]
        for a in toward:
            for b in away:
                if apart(a, b) and (not a.toward.country or not b.toward.country or a.toward.country == b.toward.country):
                    add("direction", a, b, "the same movement reported toward and away from the border",
                        tuple(sorted((a.id, b.id))))
    return out


def _denies(denial: Observation, sighting: Observation, s: Settings) -> bool:
    """Whether a denial covers a sighting: a place it names is near, a direction it names is
    the sighting's, equipment both name overlaps. "No units moved towards the border"
    names only a direction, and denies such a move wherever it was seen."""
    a, b = points(denial), points(sighting)
    if a and b and min(km(p, q) for p in a for q in b) > s.contradictions.denial_km:
        return False
    dt_ = denial.toward
    if dt_ and dt_.relation in ("toward", "away", "across"):
        st = sighting.toward
        if not st:
            # "Nothing was redeployed to Belarus" covers a sighting in Belarus; "nothing moved
            # towards the border" does not cover a sighting that names no direction.
            if not (dt_.country and dt_.country in {p.country for p in sighting.locations}):
                return False
        elif st.relation != dt_.relation or (st.country and dt_.country and st.country != dt_.country):
            return False
    fa = s.equipment_families(e.cls for e in denial.equipment)
    fb = s.equipment_families(e.cls for e in sighting.equipment)
    if fa and fb and not fa & fb:
        return False
    if not a and not dt_ and not fa:
        # A denial with no place, direction or equipment is too vague to cover a report that
        # does not even name the same forces.
        return bool(denial.actor and sighting.actor and denial.actor.country
                    and denial.actor.country == sighting.actor.country)
    return True


def _best_per_event(found: list[Observation], n: Observation, day: dict, root: dict,
                    event_of: dict) -> list[Observation]:
    """One statement per opposing event: an original over a copy, then the nearest in time."""
    best: dict[str, Observation] = {}
    for p in found:
        ev = event_of.get(p.id, p.id)
        rank = (root[p.id] != p.doc, abs(day[p.id] - day[n.id]))
        if ev not in best or rank < (root[best[ev].id] != best[ev].doc, abs(day[best[ev].id] - day[n.id])):
            best[ev] = p
    return [best[k] for k in sorted(best)]


def _range(o: Observation) -> tuple[float, float]:
    p = o.personnel
    lo, hi = p.count, p.high or p.count
    if p.approximate:
        lo, hi = lo * 0.9, hi * 1.1
    return lo, hi


def _numbers_conflict(a: Observation, b: Observation, ratio: float) -> bool:
    (alo, ahi), (blo, bhi) = _range(a), _range(b)
    if alo <= bhi and blo <= ahi:
        return False  # the ranges overlap
    small, big = (ahi, blo) if ahi < blo else (bhi, alo)
    return big > small * ratio


def _people(o: Observation) -> str:
    p = o.personnel
    return f"{p.count:,}" + (f"–{p.high:,}" if p.high and p.high != p.count else "")


def _rough_events(live: list[Observation], day: dict) -> dict[str, str]:
    """Without clustering: same type, country, day and first place count as one event."""
    out = {}
    for o in live:
        pts = points(o)
        place = (round(pts[0][0], 1), round(pts[0][1], 1)) if pts else None
        out[o.id] = f"{o.type}|{_country(o)}|{day[o.id]}|{place}"
    return out
