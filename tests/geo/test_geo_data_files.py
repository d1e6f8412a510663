"""The shipped data: sites, regions, borders and the eval set are well-formed."""

import json
from collections import Counter

from borderwatch.geo.borders import BORDERS_FILE, default_borders, distance_to_border_km
from borderwatch.geo.evaluate import DEFAULT_EVAL_FILE, load_eval
from borderwatch.geo.normalize import is_cyrillic
from borderwatch.geo.sites import load_regions, load_sites


def test_sites_file():
    sites = load_sites()
    assert len(sites) >= 60
    kinds = Counter(s.kind for s in sites)
    assert kinds["airfield"] >= 10 and kinds["border_crossing"] >= 10
    for s in sites:
        assert s.source, s.id
        assert any(is_cyrillic(a) for a in s.aliases), s.id
        assert any(not is_cyrillic(a) for a in s.aliases), s.id


def test_crossings_lie_on_a_border():
    borders = default_borders()
    for s in load_sites():
        if s.kind == "border_crossing":
            assert min(borders.distance_km(s.lat, s.lon, b) for b in borders.lines) < 1.0, s.id


def test_regions_file():
    regions = {r.id: r for r in load_regions()}
    assert {"by", "ua", "by-gomel", "ua-volyn", "ua-chernihiv"} <= regions.keys()


def test_borders_file_is_small_and_attributed():
    assert BORDERS_FILE.stat().st_size < 2_000_000
    data = json.loads(BORDERS_FILE.read_text())
    assert "DCW" in data["properties"]["attribution"] and "LGPL" in data["properties"]["license"]
    assert {"BY-UA", "BY-PL", "BY-LT", "BY-LV", "BY-RU", "UA-RU", "UA-PL", "UA-MD"} <= default_borders().lines.keys()
    assert distance_to_border_km(52.0416, 29.2163) > 0


def test_eval_set_shape():
    items = load_eval(DEFAULT_EVAL_FILE)
    assert len(items) >= 320
    cats = Counter(i.category for i in items)
    for c in ("script", "inflection", "ambiguous", "site", "no_match", "region", "qualifier"):
        assert cats[c] >= 10, c
