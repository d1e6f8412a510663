"""Gazetteer entries and the name keys that find them.

An entry is one place (a GeoNames row, a curated site or a region). Each of its names
gives keys with a quality: 1.0 for the name as written, 0.95 for a transliteration,
0.8 for the coarse skeleton; "weak" names (GeoNames alternate names unlike the place's
own name, typically historical: Donetsk's "Aleksandrovka") start at 0.75.
Region names that only count beside a region word are kept under an "@" prefix.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Mapping

from rapidfuzz import fuzz

from borderwatch.geo.morph import masculine_lemma
from borderwatch.geo.normalize import is_cyrillic, latin_keys, normalize, skeleton, transliterations

Q_TRANSLIT = 0.95
Q_SKELETON = 0.8
Q_WEAK = 0.75
REGION_PREFIX = "@"
SKELETON_PREFIX = "~"
MAX_NAME_CHARS = 80


@dataclass(frozen=True, slots=True)
class Entry:
    id: int
    ref: str  # "geonames:625324", "site:luninets-airfield", "region:by-gomel"
    name: str
    country: str
    lat: float
    lon: float
    kind: str  # city, town, village, airfield, ..., oblast, country
    population: int
    precision: int  # 1 a place, 3 a region
    admin1: str | None  # "BY.02"
    focus_km: float  # distance to the watched border (BY-UA), for ranking


def kind_for_population(population: int) -> str:
    if population >= 10_000:
        return "city"
    if population >= 2_000:
        return "town"
    return "village"


def _usable(alias: str) -> bool:
    if not alias or len(alias) > MAX_NAME_CHARS:
        return False
    letters = [ch for ch in alias if ch.isalpha()]
    if len(letters) < 2:
        return False
    cyr = is_cyrillic(alias)
    for ch in letters:
        if not (ch.isascii() or "\u00c0" <= ch <= "\u024f" or "\u0400" <= ch <= "\u04ff"):
            return False  # other scripts are not needed here
    if cyr:
        return True
    if alias.islower():  # GeoNames romanisations of CJK/Arabic names: "mo ji li"
        return False
    return not (alias.isupper() and len(alias) <= 4)  # airport codes: "GME"


def _consonants(latin: str) -> str:
    s = skeleton(latin).replace("g", "h")
    return "".join(ch for ch in s if ch not in "aeiu")


def _similar(a: str, b: str) -> bool:
    """Consonant skeletons alike, or one the start of the other ("Brest-Litovsk")."""
    if not a or not b:
        return False
    if len(a) >= 3 and len(b) >= 3 and (a.startswith(b) or b.startswith(a)):
        return True
    return a == b or fuzz.ratio(a, b) >= 75


def geonames_names(primary: str, alternates: Iterable[str]) -> list[tuple[str, float]]:
    """Names of a GeoNames row with their quality (1.0 own name, Q_WEAK otherwise)."""
    names = [(primary, 1.0)]
    ref = {_consonants(t) for t in latin_keys(normalize(primary))}
    alts = [a for a in dict.fromkeys(alternates) if a != primary and _usable(a)]
    strong_cyr: list[str] = []
    for alias in alts:
        if is_cyrillic(alias):
            cons = {_consonants(t) for t in transliterations(normalize(alias))}
            if any(_similar(c, r) for c in cons for r in ref):
                strong_cyr.append(alias)
                ref |= cons
    for alias in alts:
        if alias in strong_cyr:
            names.append((alias, 1.0))
            continue
        cons = {_consonants(t) for t in latin_keys(normalize(alias))}
        strong = any(_similar(c, r) for c in cons for r in ref)
        names.append((alias, 1.0 if strong else Q_WEAK))
    return names


def name_keys(names: Iterable[tuple[str, float]], prefix: str = "") -> dict[str, float]:
    """All keys of a set of names, with the best quality each key gets."""
    out: dict[str, float] = {}

    def put(key: str, q: float) -> None:
        if key and out.get(key, 0.0) < q:
            out[key] = q

    for name, q in names:
        key = normalize(name)
        if not key:
            continue
        forms = [key]
        if prefix == REGION_PREFIX and is_cyrillic(key):
            lemma = masculine_lemma(key.split(" ")[0])
            if lemma and lemma != key:
                forms.append(lemma)
        for form in forms:
            put(prefix + form, q)
            for t in latin_keys(form):
                if t != form:
                    put(prefix + t, q * Q_TRANSLIT)
                put(prefix + SKELETON_PREFIX + skeleton(t), q * Q_SKELETON)
    return out


def coerce_row(row: Mapping, entry_id: int) -> tuple[dict, list[tuple[str, float]], list[tuple[str, float]]]:
    """A plain mapping (for ``Gazetteer.from_rows``) → entry fields, names, region cores."""
    missing = [k for k in ("name", "country", "lat", "lon") if row.get(k) is None]
    if missing:
        raise ValueError(f"row {entry_id}: missing {', '.join(missing)}")
    population = int(row.get("population") or 0)
    fields = {
        "ref": str(row.get("ref") or f"row:{entry_id}"),
        "name": str(row["name"]),
        "country": str(row["country"]).upper(),
        "lat": float(row["lat"]),
        "lon": float(row["lon"]),
        "kind": str(row.get("kind") or kind_for_population(population)),
        "population": population,
        "precision": int(row.get("precision") or 1),
        "admin1": row.get("admin1"),
    }
    names = [(fields["name"], 1.0)] + [(a, 1.0) for a in row.get("aliases") or ()]
    names += [(a, Q_WEAK) for a in row.get("weak_aliases") or ()]
    cores = [(c, 1.0) for c in row.get("cores") or ()]
    return fields, names, cores
