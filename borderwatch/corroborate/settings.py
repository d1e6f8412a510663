"""Corroboration settings: clustering rules, equipment families, near-duplicate and
coordination thresholds, read from `settings.yaml` (or a file the user passes)."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

from borderwatch.errors import InputError

DEFAULT = Path(__file__).with_name("settings.yaml")


@dataclass(frozen=True)
class ClusterRules:
    window_days: int = 2
    max_km: float = 40.0
    unlocated_joins_located: bool = False
    type_groups: tuple[tuple[str, ...], ...] = ()
    negative_modalities: tuple[str, ...] = ("unlikely", "negated")
    markings_must_agree: bool = True


@dataclass(frozen=True)
class NearDupRules:
    threshold: float = 0.6
    num_perm: int = 64
    shingle: int = 5
    min_chars: int = 40


@dataclass(frozen=True)
class CoordinationRules:
    min_sources: int = 5
    window_minutes: int = 60
    unknown_share: float = 0.8
    new_source_days: int = 7


@dataclass(frozen=True)
class ContradictionRules:
    window_days: int = 3
    assessment_window_days: int = 30
    number_ratio: float = 1.3
    denial_km: float = 80.0


@dataclass(frozen=True)
class Settings:
    cluster: ClusterRules = ClusterRules()
    near_duplicates: NearDupRules = NearDupRules()
    coordination: CoordinationRules = CoordinationRules()
    contradictions: ContradictionRules = ContradictionRules()
    families: dict = field(default_factory=dict)  # equipment class -> frozenset of family names
    support: frozenset = frozenset()

    def type_key(self, t: str) -> str:
        """The type an observation clusters under (types in one group share a key)."""
        for group in self.cluster.type_groups:
            if t in group:
                return group[0]
        return t

    def equipment_families(self, classes) -> frozenset:
        """The specific families of some equipment classes (support classes dropped)."""
        out: set[str] = set()
        for c in classes:
            if c not in self.support:
                out |= self.families.get(c, {c})
        return frozenset(out)


def _build(cls, data: dict | None, where: str):
    data = data or {}
    known = set(cls.__dataclass_fields__)
    unknown = set(data) - known
    if unknown:
        raise InputError(f"{where}: unknown setting(s) {', '.join(sorted(unknown))}")
    values = {}
    for k, v in data.items():
        default = cls.__dataclass_fields__[k].default
        if isinstance(default, tuple):
            v = tuple(tuple(x) if isinstance(x, list) else x for x in (v or ()))
        elif isinstance(default, bool):
            if not isinstance(v, bool):
                raise InputError(f"{where}.{k}: expected true or false, got {v!r}")
        elif isinstance(default, (int, float)):
            if isinstance(v, bool) or not isinstance(v, (int, float)) or v < 0:
                raise InputError(f"{where}.{k}: expected a non-negative number, got {v!r}")
        values[k] = v
    return cls(**values)


@lru_cache(maxsize=8)
def load_settings(path: str | None = None) -> Settings:
    """Settings from a YAML file (the packaged one by default). Bad files raise InputError."""
    p = Path(path) if path else DEFAULT
    try:
        data = yaml.safe_load(p.read_text(encoding="utf-8")) or {}
    except FileNotFoundError:
        raise InputError(f"{p}: no such settings file") from None
    except yaml.YAMLError:
        raise InputError(f"{p}: not valid YAML") from None
    if not isinstance(data, dict):
        raise InputError(f"{p}: settings must be a mapping")
    eq = data.get("equipment") or {}
    families: dict[str, set] = {}
    for fam, classes in (eq.get("families") or {}).items():
        for c in classes or ():
            families.setdefault(c, set()).add(fam)
    return Settings(
        cluster=_build(ClusterRules, data.get("cluster"), "cluster"),
        near_duplicates=_build(NearDupRules, data.get("near_duplicates"), "near_duplicates"),
        coordination=_build(CoordinationRules, data.get("coordination"), "coordination"),
        contradictions=_build(ContradictionRules, data.get("contradictions"), "contradictions"),
        families={c: frozenset(f) for c, f in families.items()},
        support=frozenset(eq.get("support") or ()),
    )
