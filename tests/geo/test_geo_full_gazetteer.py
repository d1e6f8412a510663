"""The real index (GeoNames + sites + regions), built once per session into tmp."""

import sqlite3

import pytest

from borderwatch.geo import locate
from borderwatch.geo.gazetteer import Gazetteer
from borderwatch.geo.geodesy import haversine_km

CASES = [  # (mention, countries, true lat, lon) from our own knowledge of the places
    ("Mozyr", ["BY"], 52.05, 29.25), ("Мазыр", ["BY"], 52.05, 29.25), ("в Мозыре", ["BY"], 52.05, 29.25),
    ("Homel", ["BY"], 52.43, 30.99), ("из Гомеля", ["BY"], 52.43, 30.99), ("Brest-Litovsk", ["BY"], 52.10, 23.71),
    ("Брэст", ["BY"], 52.10, 23.71), ("у Брестi", ["BY"], 52.10, 23.71), ("Jelsk", ["BY"], 51.81, 29.15),
    ("Ельск", ["BY"], 51.81, 29.15), ("в Калинковичах", ["BY"], 52.13, 29.33), ("у Лунінцы", ["BY"], 52.25, 26.80),
    ("з Чернігова", ["UA"], 51.49, 31.29), ("у Бресті", ["BY"], 52.10, 23.71), ("Хойники", ["BY"], 51.89, 29.96),
    ("Zyabrovka", ["BY"], 52.30, 31.16), ("аэродром Мачулищи", ["BY"], 53.77, 27.58),
    ("Oktyabrsky", ["BY"], 52.64, 28.88), ("Pervomaisk", ["UA"], 48.04, 30.85),
]


@pytest.mark.parametrize("text,countries,lat,lon", CASES)
def test_real_places_within_10km(full_gaz, text, countries, lat, lon):
    place = locate([(text, 0, len(text))], gazetteer=full_gaz, countries=countries)[0]
    assert place.lat is not None, text
    assert haversine_km(lat, lon, place.lat, place.lon) <= 10.0, (text, place.name)


@pytest.mark.parametrize("text", ["Paris", "Lukashenko", "Iskander", "Tbilisi", "Belaruski Hajun", "asdfgh"])
def test_no_match_on_real_index(full_gaz, text):
    assert locate([(text, 0, 1)], gazetteer=full_gaz, countries=["BY"])[0].lat is None


def test_ambiguous_border_candidate_preferred(full_gaz):
    # Rechitsa beside Stolin (Brest oblast) vs the town in Homel oblast
    doc = locate([("Stolin", 0, 6), ("Rechitsa", 10, 18)], gazetteer=full_gaz, countries=["BY"])
    assert haversine_km(51.86, 26.79, doc[1].lat, doc[1].lon) < 10
    # Pervomaisk read beside Luhansk and Alchevsk is the Luhansk-oblast town
    doc = locate([("Luhansk", 0, 1), ("Alchevsk", 0, 1), ("Pervomaisk", 0, 1)], gazetteer=full_gaz, countries=["UA"])
    assert haversine_km(48.63, 38.55, doc[2].lat, doc[2].lon) < 10


def test_regions_and_countries(full_gaz):
    for text in ("Gomel region", "Гомельской области", "Volyn", "Belarus", "Чернігівщина"):
        c = full_gaz.lookup(text)[0]
        assert c.precision == 3, text


def test_cache_file_is_reused_and_keyed_by_inputs(full_gaz, tmp_path):
    path = full_gaz.path
    con = sqlite3.connect(path)
    (stored,) = con.execute("SELECT value FROM meta WHERE key='input_hash'").fetchone()
    con.close()
    assert stored == full_gaz.input_hash()
    again = Gazetteer(path)
    again.load()
    assert again.build_seconds is None  # opened, not rebuilt
    assert len(again) == len(full_gaz) > 15_000


def test_env_overrides_path(monkeypatch, tmp_path):
    monkeypatch.setenv("BORDERWATCH_GAZETTEER", str(tmp_path / "x.sqlite"))
    assert Gazetteer().path == tmp_path / "x.sqlite"
