"""Load the lexicon data files beside this module, once, with clear errors.

Domain knowledge lives in YAML a user can read and extend: actors and aliases,
equipment, markings, event triggers, attribution cues, estimative phrases, directions.
`BORDERWATCH_LEXICONS` may name a folder whose files replace the built-in ones.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

from borderwatch.errors import InputError

HERE = Path(__file__).parent / "lexicons"
# Classes whose generic nouns ("bus", "trucks", "vehicles") appear in any local news: they
# do not make a text worth the NLP on their own (their named models still do).
CIVILIAN_LOOKING = {"truck", "bus", "military_vehicle", "ambulance", "fuel_tanker", "field_kitchen",
                    "flatcar", "aircraft", "helicopter", "transport_aircraft", "radar", "drone"}
GENERIC_FORCE_WORDS = {"war", "front", "border", "training", "equipment", "vehicles", "aircraft", "unit",
                       "units", "company", "battery", "batteries", "staff", "airfield", "exercise", "exercises",
                       "strike", "attack", "military", "engineers", "crew", "crews"}
FILES = ("actors", "equipment", "markings", "events", "attribution", "estimative", "directions")


@dataclass(frozen=True)
class ActorEntry:
    name: str
    country: str | None
    kind: str
    aliases: tuple[str, ...]
    metonyms: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()  # source ids (slugs) through which the actor itself speaks


@dataclass(frozen=True)
class EquipmentEntry:
    cls: str
    model: str | None
    aliases: tuple[str, ...]


@dataclass(frozen=True)
class Lexicons:
    actors: tuple[ActorEntry, ...]
    equipment: tuple[EquipmentEntry, ...]
    markings: dict[str, tuple[str, ...]]
    events: dict[str, dict[str, tuple[str, ...]]]
    attribution: dict
    estimative: dict
    directions: dict
    version: str = field(default="")

    def actor_entry(self, kind: str, country: str | None, named: str = "") -> ActorEntry | None:
        """The first actor listed with this kind and country (and `named` in its name, when given)."""
        return next((a for a in self.actors if a.kind == kind and a.country == country and named in a.name.lower()),
                    None)

    def gate_terms(self) -> set[str]:
        """Lower-case words whose presence makes a document worth the NLP."""
        terms: set[str] = set()
        # Trigger phrases, not verb lemmas: "return" or "repair" alone says nothing military.
        for spec in self.events.values():
            terms.update(spec.get("phrases", ()))
        for e in self.equipment:
            if e.model or e.cls not in CIVILIAN_LOOKING:
                terms.update(e.aliases)
        for a in self.actors:
            if a.kind in ("armed_forces", "ministry", "border_guard", "pmc", "monitoring_group", "president",
                          "paramilitary", "intelligence"):
                terms.update(a.aliases)
        # Force nouns ("army", "troops", "brigade") too, but not words any local news uses.
        terms.update(n for n in self.attribution.get("force_nouns", ()) if n not in GENERIC_FORCE_WORDS)
        return {t.lower() for t in terms if len(t) >= 3}


def _check_strings(value, where: str) -> None:
    """YAML reads bare no, yes, on, off, true and false as booleans: catch them here."""
    if isinstance(value, bool) or value is None:
        raise InputError(f"{where}: {value!r} is not text; quote it (YAML reads bare no/yes/on/off as booleans)")
    if isinstance(value, dict):
        for k, v in value.items():
            _check_strings(k, where)
            if isinstance(v, (list, dict)):
                _check_strings(v, f"{where} > {k}")
    elif isinstance(value, list):
        for v in value:
            _check_strings(v, where)


def _load(folder: Path, name: str):
    path = folder / f"{name}.yaml"
    if not path.exists():
        path = HERE / f"{name}.yaml"
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError(f"lexicon {name}.yaml is missing from {folder}") from None
    except yaml.YAMLError as e:
        raise InputError(f"{path}: invalid YAML ({getattr(e, 'problem', e)})") from None
    if not isinstance(data, dict):
        raise InputError(f"{path}: must be a mapping at the top level")
    _check_strings(data, str(path))
    return data


def _tuple(value) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    return tuple(str(v) for v in value)


def _actors(data: dict) -> tuple[ActorEntry, ...]:
    out = []
    for i, a in enumerate(data.get("actors") or []):
        if not isinstance(a, dict) or not a.get("name"):
            raise InputError(f"actors.yaml: entry {i + 1} needs a name")
        aliases = tuple(dict.fromkeys((a["name"], *_tuple(a.get("aliases")))))
        out.append(ActorEntry(name=str(a["name"]), country=a.get("country"), kind=str(a.get("kind") or "other"),
                              aliases=aliases, metonyms=_tuple(a.get("metonyms")), sources=_tuple(a.get("sources"))))
    return tuple(out)


def _equipment(data: dict) -> tuple[EquipmentEntry, ...]:
    out = []
    for cls, spec in (data.get("classes") or {}).items():
        nouns = _tuple((spec or {}).get("nouns") if isinstance(spec, dict) else spec)
        out.append(EquipmentEntry(cls=str(cls), model=None, aliases=nouns))
    for i, m in enumerate(data.get("models") or []):
        if not isinstance(m, dict) or not m.get("model") or not m.get("class"):
            raise InputError(f"equipment.yaml: model entry {i + 1} needs model and class")
        aliases = tuple(dict.fromkeys((str(m["model"]), *_tuple(m.get("aliases")))))
        out.append(EquipmentEntry(cls=str(m["class"]), model=str(m["model"]), aliases=aliases))
    return tuple(out)


def _markings(data: dict) -> dict[str, tuple[str, ...]]:
    raw = data.get("markings", data)
    out = {}
    for name, spec in raw.items():
        phrases = spec.get("phrases") if isinstance(spec, dict) else spec
        out[str(name)] = tuple(dict.fromkeys(_tuple(phrases)))
    return out


@lru_cache(maxsize=4)
def load_lexicons(folder: str | None = None) -> Lexicons:
    base = Path(folder or os.environ.get("BORDERWATCH_LEXICONS") or HERE)
    raw = {name: _load(base, name) for name in FILES}
    events = {t: {k: _tuple(v) for k, v in (spec or {}).items()} for t, spec in raw["events"].items()}
    stamp = "-".join(str(int((base / f"{n}.yaml").stat().st_mtime)) if (base / f"{n}.yaml").exists() else "0"
                     for n in FILES)
    return Lexicons(
        actors=_actors(raw["actors"]), equipment=_equipment(raw["equipment"]),
        markings=_markings(raw["markings"]), events=events, attribution=raw["attribution"],
        estimative=raw["estimative"], directions=raw["directions"], version=stamp,
    )
