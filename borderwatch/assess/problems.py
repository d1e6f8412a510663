"""Warning problems as data files: load and validate, with clear errors."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from borderwatch.errors import ProblemFileError
from borderwatch.model import EVENT_TYPES, MODALITIES

BUILTIN = Path(__file__).with_name("problems")


def _list(v) -> list:
    return [] if v is None else (v if isinstance(v, list) else [v])


class Rule(BaseModel):
    """Which events an indicator matches. Every given condition must hold."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    type: list[str] = []
    actor: list[str] = []
    toward: str | None = None
    within_km: float | None = Field(default=None, gt=0)
    keywords: list[str] = []
    equipment: list[str] = []
    modality: list[str] = ["asserted", "claimed", "likely", "possible"]
    min_credibility: int = Field(default=6, ge=1, le=6)  # 1 best; events graded worse are ignored
    min_personnel: int | None = None
    min_count: int = Field(default=1, ge=1)  # events needed in the window for the indicator to fire

    @model_validator(mode="before")
    @classmethod
    def _lists(cls, data: Any) -> Any:
        if isinstance(data, dict):
            for key in ("type", "actor", "keywords", "equipment", "modality"):
                if key in data:
                    data[key] = _list(data[key])
        return data

    @model_validator(mode="after")
    def _known(self) -> "Rule":
        bad = [t for t in self.type if t not in EVENT_TYPES]
        if bad:
            raise ValueError(f"unknown event type {bad[0]!r}; use one of {', '.join(EVENT_TYPES)}")
        bad = [m for m in self.modality if m not in MODALITIES]
        if bad:
            raise ValueError(f"unknown modality {bad[0]!r}; use one of {', '.join(MODALITIES)}")
        return self


class Indicator(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    id: str
    rationale: str = ""
    when: Rule
    likelihood: dict[str, float]


class Problem(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    id: str
    question: str
    hypotheses: list[str] = Field(min_length=2)
    focus: str | None = None
    prior: dict[str, float] | None = None
    horizon_days: int = 30
    half_life_days: float = Field(default=10, gt=0)
    area: dict[str, Any] = {}
    indicators: list[Indicator] = Field(min_length=1)

    @model_validator(mode="after")
    def _consistent(self) -> "Problem":
        hyps = set(self.hypotheses)
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
            if set(ind.likelihood) != hyps:
                raise ValueError(f"indicator {ind.id!r}: likelihood must name exactly the hypotheses {sorted(hyps)}")
            if min(ind.likelihood.values()) <= 0:
                raise ValueError(f"indicator {ind.id!r}: likelihoods must be positive")
        return self

    @property
    def headline(self) -> str:
        return self.focus or self.hypotheses[0]

    def prior_of(self) -> dict[str, float]:
        return dict(self.prior) if self.prior else {h: 1 / len(self.hypotheses) for h in self.hypotheses}


def problem_dirs() -> list[Path]:
    extra = os.environ.get("BORDERWATCH_PROBLEMS")
    return ([Path(p) for p in extra.split(os.pathsep) if p] if extra else []) + [BUILTIN]


def load_problem_file(path: Path) -> Problem:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ProblemFileError(f"{path}: no such problem file") from None
    except (yaml.YAMLError, UnicodeDecodeError) as e:
        raise ProblemFileError(f"{path}: not valid YAML ({getattr(e, 'problem', None) or e})") from None
    if not isinstance(data, dict):
        raise ProblemFileError(f"{path}: a problem file is a mapping with id, question, hypotheses, indicators")
    try:
        return Problem.model_validate(data)
    except ValidationError as e:
        err = e.errors()[0]
        where = ".".join(str(p) for p in err["loc"]) or "top level"
        raise ProblemFileError(f"{path}: {where}: {err['msg']}") from None


def load_problem(name_or_path: str) -> Problem:
    """A problem by id (searched in BORDERWATCH_PROBLEMS, then the built-ins) or by path."""
    p = Path(name_or_path)
    if p.suffix in (".yaml", ".yml") or p.exists():
        return load_problem_file(p)
    for folder in problem_dirs():
        candidate = folder / f"{name_or_path}.yaml"
        if candidate.exists():
            return load_problem_file(candidate)
    known = sorted(f.stem for d in problem_dirs() if d.exists() for f in d.glob("*.yaml"))
    raise ProblemFileError(f"no warning problem {name_or_path!r}; known: {', '.join(known) or 'none'}")
