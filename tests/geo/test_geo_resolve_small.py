import pytest

from borderwatch.geo import GeoInputError, locate
from borderwatch.geo.resolve import NO_MATCH_BELOW


def top(gaz, name, **kw):
    cands = gaz.lookup(name, **kw)
    return cands[0] if cands else None


@pytest.mark.parametrize("name", ["Mozyr", "Mazyr", "Мозырь", "Мазыр", "MOZYR", "в Мозыре", "из Мозыря"])
def test_scripts_and_inflections_hit_mazyr(small_gaz, name):
    c = top(small_gaz, name)
    assert c is not None and c.ref == "geonames:625324"


def test_gomel_homel_both_spellings(small_gaz):
    assert top(small_gaz, "Homel").name == top(small_gaz, "Gomel").name == "Homyel'"
    assert top(small_gaz, "из Гомеля").name == "Homyel'"


def test_transliteration_generated_at_index_time(small_gaz):
    # "Jelsk" is in no alias list: it comes from transliterating Ельск.
    assert top(small_gaz, "Jelsk").name == "Yel’sk"


def test_precision_codes(small_gaz):
    assert top(small_gaz, "Mazyr").precision == 1
    assert top(small_gaz, "south of Mazyr").precision == 2
    assert top(small_gaz, "near Yelsk").precision == 2
    region = top(small_gaz, "Homel region")
    assert region.precision == 3 and region.kind == "oblast"
    assert top(small_gaz, "Гомельщина").precision == 3
    assert top(small_gaz, "Belarus").precision == 3
    assert top(small_gaz, "в Беларуси").kind == "country"


def test_part_of_a_country_resolves_to_the_country(small_gaz):
    for name in ("southern Belarus", "north-western Belarus", "в южной Беларуси"):
        c = top(small_gaz, name)
        assert c is not None and c.kind == "country" and c.precision == 3, name
    assert top(small_gaz, "northern Nowhereland") is None


def test_site_wins_for_military_wording(small_gaz):
    assert top(small_gaz, "аэродром Лунинец").ref == "site:luninets-airfield"
    assert top(small_gaz, "на аэродроме Лунинец").ref == "site:luninets-airfield"


def test_no_match_is_explicit(small_gaz):
    assert small_gaz.lookup("Lukashenko") == []
    assert small_gaz.lookup("T-72") == []
    # a real but far-away namesake (a village in the Urals) is not forced
    assert small_gaz.lookup("Paris", country="BY") == []
    places = locate([("Lukashenko", 0, 10)], gazetteer=small_gaz, countries=["BY"])
    assert places[0].lat is None and places[0].lon is None and places[0].score == 0


def test_ambiguity_resolved_by_document_context(small_gaz):
    alone = locate([("Rechitsa", 0, 8)], gazetteer=small_gaz, countries=["BY"])[0]
    assert alone.ref == "geonames:622794"  # the big town in Homel oblast
    with_stolin = locate([("Stolin", 0, 6), ("Rechitsa", 20, 28)], gazetteer=small_gaz, countries=["BY"])
    assert with_stolin[1].ref == "geonames:622795"  # the village beside Stolin
    assert with_stolin[1].start == 20 and with_stolin[1].end == 28


def test_region_in_document_prefers_its_places(small_gaz):
    places = locate([("Homel region", 0, 12), ("Rechitsa", 20, 28)], gazetteer=small_gaz)
    assert places[0].precision == 3
    assert places[1].ref == "geonames:622794"


def test_locate_fills_border_distance(small_gaz):
    p = locate([("Mazyr", 0, 5)], gazetteer=small_gaz)[0]
    assert p.border == "BY-UA" and 40 < p.border_km < 50
    assert p.score >= NO_MATCH_BELOW


@pytest.mark.parametrize("bad", ["", "   ", "x" * 10_000])
def test_bad_names_raise_clear_errors(small_gaz, bad):
    with pytest.raises(GeoInputError):
        small_gaz.lookup(bad)


def test_bad_arguments(small_gaz):
    with pytest.raises(GeoInputError):
        small_gaz.lookup("Mazyr", country="Belarus")
    with pytest.raises(GeoInputError):
        small_gaz.lookup("Mazyr", near=(95.0, 10.0))
    with pytest.raises(GeoInputError):
        small_gaz.lookup("Mazyr", limit=0)
    with pytest.raises(GeoInputError):
        small_gaz.lookup(None)  # type: ignore[arg-type]


def test_locate_survives_bad_mentions(small_gaz):
    places = locate([("", 0, 0), ("x" * 10_000, 0, 1), ("Mazyr", 5, 10)], gazetteer=small_gaz)
    assert [p.lat is None for p in places] == [True, True, False]
