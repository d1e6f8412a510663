"""Pairs of observations that cannot both be right."""

from __future__ import annotations

import datetime as dt

from borderwatch.model import Contradiction, Document, Observation

POSITIVE = {"asserted", "claimed", "possible", "likely"}
WINDOW = dt.timedelta(days=3)


def _date(o: Observation, docs: dict[str, Document]) -> dt.date | None:
    if o.time and o.time.date:
        return o.time.date
    p = docs[o.doc].published
    return p.date() if p else None


def _close(a: Observation, b: Observation, docs) -> bool:
    da, db = _date(a, docs), _date(b, docs)
    return da is None or db is None or abs(da - db) <= WINDOW


def _country(o: Observation) -> str | None:
    return o.actor.country if o.actor else None


def find_contradictions(observations: list[Observation], docs: dict[str, Document]) -> list[Contradiction]:
    live = [o for o in observations if not o.background]
    out: list[Contradiction] = []
    seen: set[tuple[str, str]] = set()

    def add(kind, a, b, reason):
        key = tuple(sorted((a.id, b.id)))
        if key not in seen:
            seen.add(key)
            out.append(Contradiction(kind=kind, a=a.id, b=b.id, a_source=docs[a.doc].source,
                                     b_source=docs[b.doc].source, reason=reason))

    for i, a in enumerate(live):
        for b in live[i + 1:]:
            if a.type != b.type or _country(a) != _country(b) or _country(a) is None:
                continue
            if a.type == "assessment":
                up = {a.modality, b.modality}
                if "unlikely" in up and up & {"possible", "likely"}:
                    add("modality", a, b, f"{a.modality} vs {b.modality}: the same question judged both ways")
                continue
            if not _close(a, b, docs):
                continue
            if {a.modality, b.modality} & {"negated"} and ({a.modality, b.modality} & POSITIVE):
                neg, pos = (a, b) if a.modality == "negated" else (b, a)
                add("denial", pos, neg, f"{pos.type} reported, then denied")
            elif a.personnel and b.personnel and a.personnel.count and b.personnel.count:
                lo, hi = sorted((a.personnel.count, b.personnel.count))
                if a.type == "deployment" and hi > lo * 1.3 and a.locations and b.locations and \
                        {p.country for p in a.locations} & {p.country for p in b.locations}:
                    add("number", a, b, f"{a.personnel.count:,} vs {b.personnel.count:,} personnel")
            elif a.toward and b.toward and {a.toward.relation, b.toward.relation} == {"toward", "away"}:
                add("direction", a, b, f"moving {a.toward.relation} vs {b.toward.relation} the border")
    return out
