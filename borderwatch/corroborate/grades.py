"""Admiralty grades and source independence.

Source reliability (A–F) is the analyst's judgement from `sources.yaml`, shown beside a
track record computed from the analyst's verdicts on the source's events. Information
credibility (1–6) is a property of an event: independent corroboration, contradiction and
the analyst's verdict decide it, never the source grade alone.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import yaml

from borderwatch.errors import InputError
from borderwatch.model import Attribution, Document, Observation, Source

SETTINGS = Path(__file__).with_name("sources.yaml")
GRADE_ORDER = "ABCDEF"
# A named attribution of these kinds is a distinct origin ("according to Hajun").
_CITED_KINDS = {"monitoring_group", "ministry", "think_tank", "military", "official", "government",
                "media", "news", "armed_forces", "intelligence", "president"}


@lru_cache(maxsize=4)
def _load(path: str) -> tuple[dict, dict, dict]:
    """(grades by source id, grades by kind, source id by normalised alias)."""
    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as e:
        raise InputError(f"{path}: cannot read source grades ({type(e).__name__})") from None
    by_id, aliases = {}, {}
    for sid, value in (data.get("sources") or {}).items():
        if isinstance(value, dict):
            grade, names = value.get("grade"), value.get("aliases") or []
        else:
            grade, names = value, []
        if grade is not None and (not isinstance(grade, str) or grade not in GRADE_ORDER):
            raise InputError(f"{path}: source {sid}: grade {grade!r} is not one of A–F")
        if grade:
            by_id[str(sid)] = grade
        for n in names:
            aliases[norm_name(str(n))] = str(sid)
    kinds = {str(k): v for k, v in (data.get("kinds") or {}).items()}
    return by_id, kinds, aliases


def norm_name(name: str) -> str:
    return re.sub(r"[^\w]+", " ", name.lower()).strip()


def configured_ids(path: Path = SETTINGS) -> set[str]:
    """Sources the analyst graded by name: established, never part of a coordinated burst."""
    return set(_load(str(path))[0])


def grade_sources(sources: dict[str, Source], path: Path = SETTINGS,
                  track: dict[str, tuple[int, int]] | None = None) -> dict[str, Source]:
    """Each source with its configured Admiralty reliability and, when given, its track
    record (confirmed, refuted) from analyst verdicts."""
    by_id, kinds, _ = _load(str(path))
    out = {}
    for sid, s in sources.items():
        grade = s.reliability or by_id.get(sid) or kinds.get(s.kind, "F")
        update = {"reliability": grade}
        if track and sid in track:
            confirmed, refuted = track[sid]
            update.update(confirmed=confirmed, refuted=refuted, track_record=track_grade(confirmed, refuted))
        out[sid] = s.model_copy(update=update)
    return out


def track_grade(confirmed: int, refuted: int) -> str:
    """Reliability implied by history: F until three events have been judged."""
    n = confirmed + refuted
    if n < 3:
        return "F"
    share = confirmed / n
    if share >= 0.95 and n >= 10:
        return "A"
    return "B" if share >= 0.8 else "C" if share >= 0.6 else "D" if share >= 0.4 else "E"


def source_names(sources: dict[str, Source], path: Path = SETTINGS) -> dict[str, str]:
    """Normalised names and aliases -> source id, to trace citations to a known source."""
    names = {norm_name(s.name): sid for sid, s in sources.items() if s.name and s.name != sid}
    names.update(_load(str(path))[2])
    return names


def _cited(a: Attribution | None) -> Attribution | None:
    """The deepest named attribution of an organisation ("X said, citing Y" gives Y)."""
    found = None
    while a is not None:
        if a.name and a.kind in _CITED_KINDS:
            found = a
        a = a.via
    return found


def root_document(doc_id: str, copy_of: dict[str, str]) -> str:
    seen = set()
    while doc_id in copy_of and doc_id not in seen:
        seen.add(doc_id)
        doc_id = copy_of[doc_id]
    return doc_id


def origin(o: Observation, docs: dict[str, Document], copy_of: dict[str, str],
           names: dict[str, str] | None = None, coordinated: dict[str, str] | None = None) -> str:
    """Where a claim really comes from: a copy's original; a coordinated burst as one voice;
    the organisation a report cites ("according to Hajun"), as that organisation's own
    source when it is one; the channel a forward came from; else the document's source."""
    doc_id = root_document(o.doc, copy_of)
    if coordinated and doc_id in coordinated:
        return f"coordinated:{coordinated[doc_id]}"
    a = _cited(o.attribution)
    if a is not None:
        sid = (names or {}).get(norm_name(a.name))
        return f"source:{sid}" if sid else f"actor:{a.name}"
    fwd = docs[doc_id].forwarded_from
    if fwd is not None:  # a Telegram forward whose original is not in the store
        sid = fwd.source or (names or {}).get(norm_name(fwd.name))
        return f"source:{sid}" if sid else f"forward:{fwd.name}"
    return f"source:{docs[doc_id].source}"


def credibility(independent: int, contradicted: bool, hedged: bool, *, verdict: str | None = None,
                coordinated_only: bool = False) -> tuple[int, str]:
    """Admiralty information credibility and why. An analyst's verdict decides; otherwise
    1 confirmed by 3+ independent origins, 2 probably true (2), 3 possibly true (1),
    4 doubtful (contradicted, or only a coordinated burst), 5 improbable (refuted),
    6 cannot be judged (only judgements and forecasts)."""
    if verdict == "confirmed":
        return 1, "confirmed by an analyst"
    if verdict == "refuted":
        return 5, "refuted by an analyst"
    if hedged:
        return 6, "only judgements or forecasts: truth cannot be judged"
    if coordinated_only:
        return (5 if contradicted else 4), "only a coordinated burst of near-identical reports" + \
            (", and contradicted" if contradicted else "")
    base = 1 if independent >= 3 else 2 if independent == 2 else 3
    why = f"{independent} independent origin{'s' if independent != 1 else ''}"
    if contradicted:
        return min(base + 1, 4) if independent > 1 else 4, why + ", contradicted"
    return base, why


def best_grade(grades) -> str | None:
    grades = [g for g in grades if g]
    return min(grades, key=GRADE_ORDER.index) if grades else None
