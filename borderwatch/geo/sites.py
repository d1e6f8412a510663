"""The curated data files: military-relevant sites and the table of regions.

Both are YAML beside this module (``data/sites.yaml``, ``data/regions.yaml``); a user
may pass their own paths. Every entry is validated into a frozen record when read.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from borderwatch.geo.geodesy import GeoInputError, check_latlon

DATA = Path(__file__).with_name("data")
SITES_FILE = DATA / "sites.yaml"
REGIONS_FILE = DATA / "regions.yaml"

SITE_KINDS = frozenset({
    "airfield", "training_ground", "garrison", "border_crossing", "railway_junction",
    "bridge", "radar", "communications", "depot", "base",
})
REGION_KINDS = frozenset({"country", "oblast", "region"})


@dataclass(frozen=True)
class Site:
    id: str
    name: str
    kind: str
    country: str
    lat: float
    lon: float
    aliases: tuple[str, ...]
    source: str
    approx_km: float = 0.0  # how far the true site may be from the point (0: precise)
    note: str = ""


@dataclass(frozen=True)
class Region:
    id: str
    name: str
    kind: str  # country, oblast
    country: str
    lat: float
    lon: float
    names: tuple[str, ...]  # stand alone: "Belarus", "Volyn", "Гомельщина"
    cores: tuple[str, ...]  # only with a region word: "Gomel" in "Gomel region"
    admin1: str | None = None  # GeoNames admin1 code, "BY.02"
    source: str = ""


def _read(path: Path) -> list[dict]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise GeoInputError(f"cannot read {path}: {exc.strerror or exc}") from None
    except yaml.YAMLError as exc:
        raise GeoInputError(f"{path} is not valid YAML: {exc}") from None
    items = data.get("items") if isinstance(data, dict) else data
    if not isinstance(items, list):
        raise GeoInputError(f"{path}: expected a list of entries under 'items'")
    return items


def _strings(value, where: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise GeoInputError(f"{where}: expected a list of non-empty strings")
    return tuple(v.strip() for v in value)


def parse_site(item: dict, where: str = "site") -> Site:
    try:
        lat, lon = check_latlon(item["lat"], item["lon"])
        site = Site(
            id=str(item["id"]), name=str(item["name"]), kind=str(item["kind"]),
            country=str(item["country"]).upper(), lat=lat, lon=lon,
            aliases=_strings(item.get("aliases"), f"{where} aliases"),
            source=str(item["source"]), approx_km=float(item.get("approx_km", 0.0)),
            note=str(item.get("note", "")),
        )
    except KeyError as exc:
        raise GeoInputError(f"{where}: missing field {exc.args[0]}") from None
    except (TypeError, ValueError) as exc:
        raise GeoInputError(f"{where}: {exc}") from None
    if site.kind not in SITE_KINDS:
        raise GeoInputError(f"{where}: unknown kind {site.kind!r}")
    return site


def parse_region(item: dict, where: str = "region") -> Region:
    try:
        lat, lon = check_latlon(item["lat"], item["lon"])
        region = Region(
            id=str(item["id"]), name=str(item["name"]), kind=str(item["kind"]),
            country=str(item["country"]).upper(), lat=lat, lon=lon,
            names=_strings(item.get("names"), f"{where} names"),
            cores=_strings(item.get("cores"), f"{where} cores"),
            admin1=item.get("admin1"), source=str(item.get("source", "")),
        )
    except KeyError as exc:
        raise GeoInputError(f"{where}: missing field {exc.args[0]}") from None
    except (TypeError, ValueError) as exc:
        raise GeoInputError(f"{where}: {exc}") from None
    if region.kind not in REGION_KINDS:
        raise GeoInputError(f"{where}: unknown kind {region.kind!r}")
    return region


def _unique(records, path: Path):
    seen: set[str] = set()
    for r in records:
        if r.id in seen:
            raise GeoInputError(f"{path}: duplicate id {r.id!r}")
        seen.add(r.id)
    return tuple(records)


@lru_cache(maxsize=8)
def load_sites(path: Path = SITES_FILE) -> tuple[Site, ...]:
    path = Path(path)
    return _unique([parse_site(it, f"{path.name}[{i}]") for i, it in enumerate(_read(path))], path)


@lru_cache(maxsize=8)
def load_regions(path: Path = REGIONS_FILE) -> tuple[Region, ...]:
    path = Path(path)
    return _unique([parse_region(it, f"{path.name}[{i}]") for i, it in enumerate(_read(path))], path)


def file_digest(*paths: Path) -> str:
    h = hashlib.sha256()
    for p in paths:
        h.update(Path(p).read_bytes())
    return h.hexdigest()[:12]
