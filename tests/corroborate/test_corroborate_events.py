"""Clustering rules, origins and grades on hand-built observations (no model loaded)."""

from borderwatch.corroborate import corroborate_all, credibility, load_settings
from borderwatch.corroborate.events import _Grid, group_observations, km
from borderwatch.model import Source
from tests.corroborate.conftest import make_doc, make_obs, sources_of


def _groups(observations, docs):
    groups = group_observations(observations, {d.id: d for d in docs}, load_settings())
    return sorted(sorted(o.id for o in g) for g in groups)


def test_independent_sightings_of_one_convoy_are_one_event():
    a, b = make_doc("Tanks in Mazyr going south.", "citizen-1"), make_doc("Tanks through Kalinkavichy.", "hajun")
    oa = make_obs(a, at=["Mazyr"], eq=["tank"], toward="toward:UA")
    ob = make_obs(b, at=["Kalinkavichy"], eq=["tank", "truck"], toward="toward:UA")
    c = corroborate_all([oa, ob], {a.id: a, b.id: b}, sources_of([a, b]), {})
    assert len(c.events) == 1 and c.events[0].independent_sources == 2 and c.events[0].credibility == 2


def test_rules_keep_different_events_apart():
    d = [make_doc(f"report {i}", f"s{i}") for i in range(7)]
    base = make_obs(d[0], at=["Mazyr"], eq=["tank"], date="2024-05-13")
    others = [
        make_obs(d[1], at=["Brest"], eq=["tank"], date="2024-05-13"),            # 400 km away
        make_obs(d[2], at=["Mazyr"], eq=["tank"], date="2024-05-20"),            # a week later
        make_obs(d[3], at=["Mazyr"], eq=["mlrs"], date="2024-05-13"),            # other equipment family
        make_obs(d[4], at=["Mazyr"], eq=["tank"], date="2024-05-13", actor="RU"),  # other country
        make_obs(d[5], at=["Mazyr"], eq=["tank"], date="2024-05-13", modality="negated"),  # a denial
        make_obs(d[6], type="exercise", at=["Mazyr"], eq=["tank"], date="2024-05-13"),
    ]
    assert len(_groups([base, *others], d)) == 7


def test_markings_separate_two_columns_but_support_vehicles_do_not():
    d = [make_doc(f"r{i}", f"s{i}") for i in range(3)]
    a = make_obs(d[0], at=["Rechytsa"], eq=["apc"], markings=["white triangle"])
    b = make_obs(d[1], at=["Rechytsa"], eq=["apc", "truck"], markings=["red square"])
    c = make_obs(d[2], at=["Rechytsa"], eq=["truck"], markings=["white triangle"])
    assert _groups([a, b, c], d) == sorted([sorted([a.id, c.id]), [b.id]])


def test_background_observations_form_no_event():
    d = make_doc()
    assert _groups([make_obs(d, at=["Mazyr"], background=True)], [d]) == []


def test_grid_finds_neighbours_across_cell_edges():
    grid = _Grid(40.0)
    for lat, lon in [(52.0, 29.0), (60.5, 10.2), (-33.9, 151.2), (0.01, -0.01)]:
        cells = set(grid.around(lat, lon))
        for dlat, dlon in [(0.3, 0), (-0.3, 0), (0, 0.5), (0.2, -0.4)]:
            p = (lat + dlat, lon + dlon)
            if km((lat, lon), p) <= 40:
                assert grid.cell(*p) in cells


def test_event_ids_and_order_are_deterministic():
    d = [make_doc(f"tanks {i}", f"s{i}") for i in range(4)]
    o = [make_obs(x, at=["Mazyr"], eq=["tank"]) for x in d]
    docs = {x.id: x for x in d}
    first = corroborate_all(o, docs, sources_of(d), {}).events
    again = corroborate_all(list(reversed(o)), docs, sources_of(d), {}).events
    assert [e.to_json() for e in first] == [e.to_json() for e in again]


def test_citation_is_traced_to_the_cited_source():
    hajun = make_doc("We saw tanks in Yelsk.", "belaruski-hajun", kind="monitoring_group")
    news = make_doc("Tanks were seen in Yelsk, according to Hajun.", "palessie-today")
    srcs = {"belaruski-hajun": Source(id="belaruski-hajun", name="Belaruski Hajun", kind="monitoring_group"),
            "palessie-today": Source(id="palessie-today", name="Palessie Today", kind="news")}
    o1 = make_obs(hajun, at=["Yelsk"], eq=["tank"])
    o2 = make_obs(news, at=["Yelsk"], eq=["tank"], cites="Hajun")  # an alias in sources.yaml
    (e,) = corroborate_all([o1, o2], {hajun.id: hajun, news.id: news}, srcs, {}).events
    assert e.origins == ("source:belaruski-hajun",) and e.independent_sources == 1
    assert e.credibility == 3 and e.reliability == "B"


def test_credibility_is_not_the_source_grade():
    assert credibility(3, False, False)[0] == 1
    assert credibility(1, False, False)[0] == 3
    assert credibility(1, True, False)[0] == 4
    assert credibility(3, True, False)[0] == 2
    assert credibility(5, False, True)[0] == 6
    assert credibility(1, False, False, verdict="confirmed")[0] == 1
    assert credibility(4, False, False, verdict="refuted")[0] == 5
    assert credibility(1, False, False, coordinated_only=True)[0] == 4
    # The same corroboration from an A source and an F source gives the same credibility.
    for kind in ("monitoring_group", "citizen"):
        d = make_doc("Tanks in Yelsk.", "x", kind=kind)
        (e,) = corroborate_all([make_obs(d, at=["Yelsk"])], {d.id: d}, sources_of([d], kind), {}).events
        assert e.credibility == 3


def test_forwards_of_one_channel_are_one_origin_even_without_the_original():
    from borderwatch.model import Forward

    docs = [make_doc(f"Tanks in Yelsk. {i}", f"chat-{i}").model_copy(update={"forwarded_from": Forward(name="Belaruski Hajun")})
            for i in range(3)]
    obs = [make_obs(d, at=["Yelsk"], eq=["tank"]) for d in docs]
    (e,) = corroborate_all(obs, {d.id: d for d in docs}, sources_of(docs), {}).events
    assert e.origins == ("source:belaruski-hajun",) and e.independent_sources == 1
