"""Analyst verdicts applied to the machine's grouping, in the order they were given.

A verdict names observations, not event ids, because event ids change when membership
does: each row keeps the event's observations when the verdict was given (and, for merge
and split, the parts). Applying the log to the same observations always gives the same
events, so a store rebuilt from the raw documents plus the verdict log is identical.

- merge: every event holding any observation of any part becomes one event;
- split: in each event touching a part, the part's observations leave as their own event;
- confirm / refute: every event holding any of the named observations; the latest wins.
"""

from __future__ import annotations

from typing import Iterable

from borderwatch.model import Observation, Verdict

STATUS = {"confirm": "confirmed", "refute": "refuted"}


def apply_verdicts(groups: list[list[Observation]], verdicts: Iterable[Verdict]) -> tuple[list[list[Observation]], dict[int, Verdict]]:
    """The groups after merges and splits, and the confirm/refute verdict of each group."""
    groups = [list(g) for g in groups]
    index = {o.id: i for i, g in enumerate(groups) for o in g}
    ordered = sorted(verdicts, key=lambda v: (v.id or 0, v.at))
    for v in ordered:
        if v.action == "merge":
            gis = sorted({index[o] for part in v.parts for o in part if o in index})
            if len(gis) < 2:
                continue
            merged = [o for gi in gis for o in groups[gi]]
            for gi in gis:
                groups[gi] = []
            groups[gis[0]] = merged
            for o in merged:
                index[o.id] = gis[0]
        elif v.action == "split":
            parts = [set(p) for p in v.parts]
            for gi in sorted({index[o] for p in parts for o in p if o in index}):
                members = groups[gi]
                pieces = [[o for o in members if o.id in p] for p in parts]
                rest = [o for o in members if not any(o.id in p for p in parts)]
                new = [x for x in [rest, *pieces] if x]
                groups[gi] = new[0]
                for piece in new[1:]:
                    groups.append(piece)
                    for o in piece:
                        index[o.id] = len(groups) - 1
    groups = [g for g in groups if g]
    index = {o.id: n for n, g in enumerate(groups) for o in g}
    status: dict[int, Verdict] = {}
    for v in ordered:
        if v.action in STATUS:
            for gi in {index[o] for o in v.observations if o in index}:
                status[gi] = v
    return groups, status
