"""Warning problems as data files: load and validate, with clear errors.

A problem names its question, hypotheses, prior, time horizon and area, and its
indicators: a matching rule over events, likelihood ratios per hypothesis, and the
group of indicators whose evidence shares a cause (one exercise, one logistics
effort) so that the group together is capped. See docs/assessment.md.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from borderwatch.errors import ProblemFileError
from borderwatch.model import EVENT_TYPES, MODALITIES

BUILTIN = Path(__file__).with_name("problems")
RELATIONS = ("toward", "across", "away", "along", "north_of", "south_of", "east_of", "west_of", "within")


def _list(v) -> list:
    return [] if v is None else (v if isinstance(v, list) else [v])


class Rule(BaseModel):
    """Which events an indicator matches. Every given condition must hold for one of the
    event's observations; `min_count` events must match within `window_days`."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    type: list[str] = []
    actor: list[str] = []  # ISO country codes; "unknown" also matches a report naming no actor
    toward: str | None = None  # the stated direction points at this country (toward / across)
    relation: list[str] = []  # the stated direction's relation, e.g. [away]
    within_km: float | None = Field(default=None, gt=0)  # a located place this close to the area's border
    beyond_km: float | None = Field(default=None, ge=0)  # every located place at least this far
    place_kind: list[str] = []  # a place of this kind: training_ground, airfield, ...
    not_place_kind: list[str] = []  # no place of this kind
    keywords: list[str] = []  # any of them in the evidence sentence (case-insensitive)
    without: list[str] = []  # none of them in the evidence sentence
    equipment: list[str] = []  # equipment classes
    modality: list[str] = ["asserted", "claimed", "likely", "possible"]
    min_credibility: int = Field(default=6, ge=1, le=6)  # 1 best; events graded worse are ignored
    min_personnel: int | None = None
    min_count: int = Field(default=1, ge=1)  # distinct sites needed for the indicator to fire
    window_days: int | None = Field(default=None, ge=1)  # default: the problem's horizon

    @model_validator(mode="before")
    @classmethod
    def _lists(cls, data: Any) -> Any:
        if isinstance(data, dict):
            data = dict(data)
            for key in ("type", "actor", "keywords", "without", "equipment", "modality", "relation",
                        "place_kind", "not_place_kind"):
                if key in data:
                    data[key] = [str(x) for x in _list(data[key])]
        return data

    @model_validator(mode="after")
    def _known(self) -> "Rule":
        bad = [t for t in self.type if t not in EVENT_TYPES]
        if bad:
            raise ValueError(f"unknown event type {bad[0]!r}; use one of {', '.join(EVENT_TYPES)}")
        bad = [m for m in self.modality if m not in MODALITIES]
        if bad:
            raise ValueError(f"unknown modality {bad[0]!r}; use one of {', '.join(MODALITIES)}")
        bad = [r for r in self.relation if r not in RELATIONS]
        if bad:
            raise ValueError(f"unknown relation {bad[0]!r}; use one of {', '.join(RELATIONS)}")
        if self.within_km is not None and self.beyond_km is not None and self.beyond_km >= self.within_km:
            raise ValueError("beyond_km must be smaller than within_km")
        return self


class Indicator(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    label: str = ""  # a short phrase for the report; the id when empty
    rationale: str = ""  # one line: why this sign matters (the report shows it)
    group: str | None = None
    when: Rule
    likelihood: dict[str, float]
    # Likelihood ratios when the indicator has NOT fired although the feed was live: the
    # absence of a precondition an offensive needs is evidence too.
    if_absent: dict[str, float] | None = None

    @property
    def name(self) -> str:
        return self.label or self.id.replace("-", " ")


class Group(BaseModel):
    """Indicators whose evidence is not independent: together they move the odds of the
    headline hypothesis by at most `max_lr` (or 1/`max_lr`)."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    max_lr: float = Field(gt=1)
    rationale: str = ""


class AlertRule(BaseModel):
    """When to raise an alert. Each given condition is checked on its own."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    id: str
    hypothesis: str | None = None  # whose probability; default the problem's headline
    above: float | None = Field(default=None, gt=0, lt=1)  # the probability crosses upward
    below: float | None = Field(default=None, gt=0, lt=1)  # crosses downward
    change: float | None = Field(default=None, gt=0, lt=1)  # moves by at least this since the day before
    estimative: bool = False  # the estimative phrase changes
    indicators: list[str] | None = None  # these indicators change state; [] or "any": every indicator

    @model_validator(mode="before")
    @classmethod
    def _any(cls, data: Any) -> Any:
        if isinstance(data, dict) and data.get("indicators") == "any":
            data = {**data, "indicators": []}
        return data


class Problem(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    id: str
    question: str
    # The focus hypothesis as a clause for the bottom line: "it is unlikely that <statement>".
    statement: str = ""
    hypotheses: list[str] = Field(min_length=2)
    focus: str | None = None
    prior: dict[str, float] | None = None
    horizon_days: int = Field(default=30, ge=1)
    half_life_days: float = Field(default=10, gt=0)
    area: dict[str, Any] = {}
    site_km: float = Field(default=25, ge=0)  # matches this close together are one site (one hospital)
    absence_min_days: int = Field(default=5, ge=1)  # days with reports in the window before absence counts
    groups: dict[str, Group] = {}
    indicators: list[Indicator] = Field(min_length=1)
    alerts: list[AlertRule] = []
    version: str = ""  # set by the loader: a hash of the file, stored with each assessment

    @model_validator(mode="after")
    def _consistent(self) -> "Problem":
        hyps = set(self.hypotheses)
        if len(hyps) != len(self.hypotheses):
            raise ValueError("hypotheses must be distinct")
        if self.focus and self.focus not in hyps:
            raise ValueError(f"focus {self.focus!r} is not one of the hypotheses")
        if self.prior is not None:
            if set(self.prior) != hyps:
                raise ValueError("prior must give a probability for each hypothesis")
            if abs(sum(self.prior.values()) - 1) > 1e-6 or min(self.prior.values()) <= 0:
                raise ValueError("prior probabilities must be positive and sum to 1")
        seen = set()
        for ind in self.indicators:
            if ind.id in seen:
                raise ValueError(f"indicator id {ind.id!r} appears twice")
            seen.add(ind.id)
            for name, table in (("likelihood", ind.likelihood), ("if_absent", ind.if_absent)):
                if table is None:
                    continue
                if set(table) != hyps:
                    raise ValueError(f"indicator {ind.id!r}: {name} must name exactly the hypotheses {sorted(hyps)}")
                if min(table.values()) <= 0:
                    raise ValueError(f"indicator {ind.id!r}: {name} ratios must be positive")
            if ind.group and ind.group not in self.groups:
                raise ValueError(f"indicator {ind.id!r}: group {ind.group!r} is not declared under groups")
        for rule in self.alerts:
            if rule.hypothesis and rule.hypothesis not in hyps:
                raise ValueError(f"alert {rule.id!r}: {rule.hypothesis!r} is not one of the hypotheses")
            unknown = [i for i in rule.indicators or [] if i not in seen]
            if unknown:
                raise ValueError(f"alert {rule.id!r}: no indicator {unknown[0]!r}")
        return self

    @property
    def headline(self) -> str:
        return self.focus or self.hypotheses[0]

    @property
    def border(self) -> str:
        return str(self.area.get("border", "BY-UA"))

    def prior_of(self) -> dict[str, float]:
        return dict(self.prior) if self.prior else {h: 1 / len(self.hypotheses) for h in self.hypotheses}

    def indicator(self, indicator_id: str) -> Indicator | None:
        return next((i for i in self.indicators if i.id == indicator_id), None)


def problem_dirs() -> list[Path]:
    extra = os.environ.get("BORDERWATCH_PROBLEMS")
    return ([Path(p) for p in extra.split(os.pathsep) if p] if extra else []) + [BUILTIN]


def load_problem_file(path: Path) -> Problem:
    try:
        text = path.read_text(encoding="utf-8")
        data = yaml.safe_load(text)
    except FileNotFoundError:
        raise ProblemFileError(f"{path}: no such problem file") from None
    except IsADirectoryError:
        raise ProblemFileError(f"{path}: is a folder, not a problem file") from None
    except (yaml.YAMLError, UnicodeDecodeError) as e:
        mark = getattr(e, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        raise ProblemFileError(f"{path}: not valid YAML{where} ({getattr(e, 'problem', None) or e})") from None
    if not isinstance(data, dict):
        raise ProblemFileError(f"{path}: a problem file is a mapping with id, question, hypotheses, indicators")
    data["version"] = hashlib.sha256(text.encode()).hexdigest()[:12]
    try:
        return Problem.model_validate(data)
    except ValidationError as e:
        err = e.errors()[0]
        where = _where(data, err["loc"])
        msg = err["msg"].removeprefix("Value error, ")
        raise ProblemFileError(f"{path}: {where}: {msg}") from None


def _where(data: dict, loc: tuple) -> str:
    """A readable location: indicators[3] becomes indicators.field-hospitals."""
    parts, node = [], data
    for p in loc:
        if isinstance(p, int) and isinstance(node, list) and p < len(node):
            node = node[p]
            parts.append(str(node.get("id", p)) if isinstance(node, dict) else str(p))
        else:
            node = node.get(p) if isinstance(node, dict) else None
            parts.append(str(p))
    return ".".join(parts) or "top level"


def load_problem(name_or_path: str) -> Problem:
    """A problem by id (searched in BORDERWATCH_PROBLEMS, then the built-ins) or by path."""
    p = Path(name_or_path)
    if p.suffix in (".yaml", ".yml") or p.exists():
        return load_problem_file(p)
    for folder in problem_dirs():
        candidate = folder / f"{name_or_path}.yaml"
        if candidate.exists():
            return load_problem_file(candidate)
    raise ProblemFileError(f"no warning problem {name_or_path!r}; known: {', '.join(known_problems()) or 'none'}")


def known_problems() -> list[str]:
    return sorted({f.stem for d in problem_dirs() if d.exists() for f in d.glob("*.yaml")})
