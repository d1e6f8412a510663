"""Evaluate place resolution against a hand-built set of mentions.

Each line of the eval file is one mention:
``{"text": "в Мозыре", "countries": ["BY"], "lat": 52.05, "lon": 29.25,
"category": "inflection", "expect": "match"}``; optional ``context`` (free text, for
the reader), ``precision`` (the ACLED code expected), ``doc`` (mentions sharing a doc id
are resolved together, as one document, in file order) and ``actor_country``.
``expect: no_match`` marks non-places and places outside the gazetteer's area.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from borderwatch.geo.geodesy import haversine_km
from borderwatch.geo.resolve import locate

DEFAULT_EVAL_FILE = Path(__file__).resolve().parents[2] / "eval" / "geo" / "mentions.jsonl"
CATEGORIES_REQUIRED = ("text", "category", "expect")


class EvalError(ValueError):
    pass


@dataclass(frozen=True)
class Item:
    line: int
    text: str
    category: str
    expect: str
    lat: float | None = None
    lon: float | None = None
    countries: tuple[str, ...] = ()
    precision: int | None = None
    doc: str | None = None
    actor_country: str | None = None


@dataclass
class Outcome:
    item: Item
    lat: float | None
    lon: float | None
    name: str | None
    precision: int | None
    km: float | None  # error distance, when both sides have coordinates


@dataclass
class Tally:
    n: int = 0
    within10: int = 0
    within50: int = 0
    no_match: int = 0  # answered "no match"
    precision_checked: int = 0
    precision_right: int = 0

    def add(self, o: Outcome) -> None:
        self.n += 1
        if o.lat is None:
            self.no_match += 1
        if o.item.expect == "no_match":
            ok = o.lat is None
            self.within10 += ok
            self.within50 += ok
        elif o.km is not None:
            self.within10 += o.km <= 10.0
            self.within50 += o.km <= 50.0
        if o.item.precision is not None and o.lat is not None:
            self.precision_checked += 1
            self.precision_right += o.precision == o.item.precision

    def to_json(self) -> dict:
        pct = lambda k: round(100.0 * k / self.n, 1) if self.n else None  # noqa: E731
        return {"n": self.n, "within_10km_pct": pct(self.within10), "within_50km_pct": pct(self.within50),
                "no_match_pct": pct(self.no_match),
                "precision_right": f"{self.precision_right}/{self.precision_checked}"}


@dataclass
class Report:
    overall: Tally = field(default_factory=Tally)
    by_category: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    by_expect: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    misses: list[Outcome] = field(default_factory=list)

    def to_json(self) -> dict:
        return {"overall": self.overall.to_json(),
                "by_expect": {k: v.to_json() for k, v in sorted(self.by_expect.items())},
                "by_category": {k: v.to_json() for k, v in sorted(self.by_category.items())},
                "misses": [{"line": o.item.line, "text": o.item.text, "got": o.name, "km": o.km}
                           for o in self.misses]}


def load_eval(path: str | Path) -> list[Item]:
    p = Path(path)
    try:
        lines = p.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise EvalError(f"cannot read {p}: {exc.strerror or exc}") from None
    items = []
    for n, raw in enumerate(lines, 1):
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        try:
            d = json.loads(raw)
        except json.JSONDecodeError as exc:
            raise EvalError(f"{p}:{n}: not JSON ({exc.msg})") from None
        if not isinstance(d, dict) or any(k not in d for k in CATEGORIES_REQUIRED):
            raise EvalError(f"{p}:{n}: needs {', '.join(CATEGORIES_REQUIRED)}")
        if d["expect"] not in ("match", "no_match"):
            raise EvalError(f"{p}:{n}: expect must be match or no_match")
        if d["expect"] == "match" and (d.get("lat") is None or d.get("lon") is None):
            raise EvalError(f"{p}:{n}: a match needs lat and lon")
        items.append(Item(line=n, text=d["text"], category=d["category"], expect=d["expect"],
                          lat=d.get("lat"), lon=d.get("lon"), countries=tuple(d.get("countries") or ()),
                          precision=d.get("precision"), doc=d.get("doc"), actor_country=d.get("actor_country")))
    if not items:
        raise EvalError(f"{p}: no items")
    return items


def _documents(items: list[Item]) -> list[list[Item]]:
    docs: dict[str, list[Item]] = {}
    out: list[list[Item]] = []
    for it in items:
        if it.doc is None:
            out.append([it])
        elif it.doc in docs:
            docs[it.doc].append(it)
        else:
            docs[it.doc] = [it]
            out.append(docs[it.doc])
    return out


def evaluate(items: list[Item], gazetteer) -> Report:
    report = Report()
    for group in _documents(items):
        countries = tuple(dict.fromkeys(c for it in group for c in it.countries))
        places = locate([(it.text, None, None) for it in group], gazetteer=gazetteer,
                        countries=countries, actor_country=group[0].actor_country)
        for it, place in zip(group, places):
            km = None
            if place.lat is not None and it.lat is not None:
                km = round(haversine_km(it.lat, it.lon, place.lat, place.lon), 1)
            o = Outcome(it, place.lat, place.lon, place.name, place.precision, km)
            for tally in (report.overall, report.by_category[it.category], report.by_expect[it.expect]):
                tally.add(o)
            wrong = (it.expect == "no_match") != (place.lat is None) or (km is not None and km > 10.0)
            if wrong:
                report.misses.append(o)
    return report


def render(report: Report, errors: bool = False) -> str:
    def row(label: str, t: Tally) -> str:
        j = t.to_json()
        return (f"{label:<14}{t.n:>5}  {j['within_10km_pct']:>7}%  {j['within_50km_pct']:>7}%  "
                f"{j['no_match_pct']:>7}%  {j['precision_right']:>9}")

    lines = [f"{'':<14}{'n':>5}  {'≤10 km':>8}  {'≤50 km':>8}  {'no match':>8}  {'precision':>9}",
             row("overall", report.overall)]
    lines += [row(f"expect {k}", v) for k, v in sorted(report.by_expect.items())]
    lines += [row(k, v) for k, v in sorted(report.by_category.items())]
    lines.append("(a no_match item counts as right, within any distance, when it is left unresolved)")
    if errors:
        lines.append("misses:")
        lines += [f"  line {o.item.line}: {o.item.text!r} → {o.name or 'no match'}"
                  + (f" ({o.km} km off)" if o.km is not None else "") for o in report.misses]
    return "\n".join(lines)
