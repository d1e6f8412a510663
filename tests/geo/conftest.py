"""Fixtures: a tiny hand-made gazetteer, and the real one built once per session."""

from __future__ import annotations

import pytest

from borderwatch.geo.gazetteer import Gazetteer

SMALL_ROWS = [
    {"name": "Mazyr", "aliases": ["Mozyr", "Мозырь", "Мазыр"], "country": "BY", "lat": 52.0416, "lon": 29.2163,
     "population": 104517, "admin1": "BY.02", "ref": "geonames:625324"},
    {"name": "Homyel'", "aliases": ["Gomel", "Гомель"], "country": "BY", "lat": 52.4345, "lon": 30.9754,
     "population": 501193, "admin1": "BY.02"},
    {"name": "Rechytsa", "aliases": ["Речица", "Рэчыца"], "country": "BY", "lat": 52.3617, "lon": 30.3916,
     "population": 64733, "admin1": "BY.02", "ref": "geonames:622794"},
    {"name": "Rechytsa", "aliases": ["Речица"], "country": "BY", "lat": 51.8593, "lon": 26.7845,
     "population": 0, "admin1": "BY.01", "ref": "geonames:622795"},
    {"name": "Stolin", "aliases": ["Столин"], "country": "BY", "lat": 51.8901, "lon": 26.836,
     "population": 14034, "admin1": "BY.01"},
    {"name": "Yel’sk", "aliases": ["Ельск"], "country": "BY", "lat": 51.8136, "lon": 29.1544, "population": 8623},
    {"name": "Paris", "country": "RU", "lat": 53.29, "lon": 60.10, "population": 1500},
    {"name": "Luninets air base", "aliases": ["Luninets airfield", "аэродром Лунинец"], "country": "BY",
     "lat": 52.275, "lon": 26.775, "kind": "airfield", "ref": "site:luninets-airfield"},
    {"name": "Gomel Oblast", "aliases": ["Гомельщина"], "cores": ["Gomel", "Homel", "Гомельская"], "country": "BY",
     "lat": 52.35, "lon": 29.84, "kind": "oblast", "precision": 3, "admin1": "BY.02"},
    {"name": "Belarus", "aliases": ["Беларусь", "Belorussia"], "country": "BY", "lat": 53.54, "lon": 28.05,
     "kind": "country", "precision": 3},
]


@pytest.fixture(scope="session")
def small_gaz() -> Gazetteer:
    return Gazetteer.from_rows(SMALL_ROWS)


@pytest.fixture(scope="session")
def full_gaz(tmp_path_factory) -> Gazetteer:
    gaz = Gazetteer(tmp_path_factory.mktemp("gaz") / "gazetteer.sqlite")
    gaz.load()
    return gaz
