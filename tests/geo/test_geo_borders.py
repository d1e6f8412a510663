import json

import pytest

from borderwatch.geo import (
    GeoInputError, compass, country_at, distance_to_border_km, heading_deg, load_borders, moving_toward,
    nearest_border, nearest_crossing,
)

MAZYR = (52.0416, 29.2163)
BREST = (52.0976, 23.7341)
HOMEL = (52.4345, 30.9754)
YELSK = (51.8136, 29.1544)


def test_hand_checked_distances():
    assert distance_to_border_km(*MAZYR, "BY-UA") == pytest.approx(45, abs=4)
    # Brest centre (Lenin Sq.) to the Bug west of the fortress, ~23.63 °E: ≈ 0.1° of
    # longitude ≈ 6-7 km; the brief's 3-5 km holds for the city's western districts.
    assert 4.0 <= distance_to_border_km(*BREST, "BY-PL") <= 7.0
    assert distance_to_border_km(52.083, 23.655, "BY-PL") < 3.0  # Brest Fortress
    # Homel: the border runs ~52.06°N due south (between Novaya Huta and Novi
    # Yarylovychi), 0.37° of latitude ≈ 41 km, a little less to the south-west.
    assert 33 <= distance_to_border_km(*HOMEL, "BY-UA") <= 42
    assert distance_to_border_km(*YELSK, "UA-BY") == pytest.approx(18.5, abs=3)  # id order ignored


def test_nearest_border_and_country():
    assert nearest_border(*BREST)[0] == "BY-PL"
    assert nearest_border(*MAZYR)[0] == "BY-UA"
    assert nearest_border(54.69, 25.28)[0] in ("BY-LT",)  # Vilnius
    assert country_at(*MAZYR) == "BY"
    assert country_at(51.49, 31.29) == "UA"  # Chernihiv
    assert country_at(0.0, 0.0) is None


def test_nearest_border_remembers_each_question_apart():
    # the answer is memoised per point and per set of borders asked about, listed or not
    everywhere = nearest_border(*BREST)
    assert nearest_border(*BREST, among=["BY-UA"])[0] == "BY-UA"
    assert nearest_border(*BREST, among=("BY-UA",)) == nearest_border(*BREST, among=["BY-UA"])
    assert nearest_border(*BREST) == everywhere and everywhere[0] == "BY-PL"


def test_nearest_crossing():
    name, km = nearest_crossing(52.10, 30.98)  # Novaya Huta village
    assert "Novaya Huta" in name and km < 5
    name, km = nearest_crossing(52.08, 23.62)  # Terespol
    assert "Terespol" in name and km < 5


def test_heading_and_compass():
    assert heading_deg(MAZYR, YELSK) == pytest.approx(191, abs=3)
    assert compass(heading_deg(MAZYR, YELSK)) == "S"
    assert compass(0) == "N" and compass(359) == "N" and compass(225) == "SW" and compass(90) == "E"
    assert compass(22.5, points=16) == "NNE"
    with pytest.raises(GeoInputError):
        compass(float("nan"))


def test_moving_toward():
    assert moving_toward(MAZYR, YELSK, "BY-UA") is True
    assert moving_toward(YELSK, MAZYR, "BY-UA") is False
    assert moving_toward(MAZYR, MAZYR, "BY-UA") is None
    # Mazyr → Kalinkavichy runs roughly along the border: no clear direction
    assert moving_toward(MAZYR, (52.1323, 29.3257), "BY-UA", min_km=15) is None


@pytest.mark.parametrize("lat,lon", [(91, 0), (0, 181), (-91, 0), (float("nan"), 0), ("x", 0)])
def test_coordinates_out_of_range(lat, lon):
    with pytest.raises(GeoInputError):
        distance_to_border_km(lat, lon)


def test_unknown_border():
    with pytest.raises(GeoInputError, match="unknown border"):
        distance_to_border_km(*MAZYR, "BY-XX")


def test_user_supplied_borders(tmp_path):
    path = tmp_path / "mine.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"id": "test-line"},
         "geometry": {"type": "LineString", "coordinates": [[29.0, 51.0], [29.0, 53.0]]}}]}))
    b = load_borders(path)
    # 0.2163° of longitude at 52°N ≈ 14.8 km
    assert distance_to_border_km(*MAZYR, "TEST-LINE", borders=b) == pytest.approx(14.8, abs=0.3)
    bad = tmp_path / "bad.geojson"
    bad.write_text("{not json")
    with pytest.raises(GeoInputError):
        load_borders(bad)
    with pytest.raises(GeoInputError):
        load_borders(tmp_path / "missing.geojson")
