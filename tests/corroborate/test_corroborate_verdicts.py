"""Analyst verdicts: attributed, append-only, applied on every recomputation, reproducible."""

import datetime as dt

import pytest
import sqlalchemy as sa

from borderwatch.corroborate import corroborate_all
from borderwatch.corroborate.commands import make_verdict
from borderwatch.errors import InputError
from tests.corroborate.conftest import make_doc, make_obs, sources_of

AT = dt.datetime(2024, 6, 1, tzinfo=dt.timezone.utc)


@pytest.fixture
def world():
    d = [make_doc(f"report {i}", f"s{i}") for i in range(4)]
    o = [make_obs(d[0], at=["Mazyr"], eq=["tank"]), make_obs(d[1], at=["Kalinkavichy"], eq=["tank"]),
         make_obs(d[2], at=["Homel"], eq=["tank"]), make_obs(d[3], at=["Rechytsa"], eq=["tank"])]
    return o, {x.id: x for x in d}, sources_of(d)


def _events(world, verdicts=()):
    o, docs, srcs = world
    return corroborate_all(o, docs, srcs, {}, list(verdicts))


def test_confirm_and_refute_set_credibility_and_track_record(world):
    c = _events(world)
    mazyr = next(e for e in c.events if len(e.documents) == 2)
    v = make_verdict(c.events, mazyr.id[:8], "confirm", "seen on satellite imagery", "anna", at=AT).model_copy(update={"id": 1})
    after = _events(world, [v])
    e = next(x for x in after.events if x.id == mazyr.id)
    assert e.verdict == "confirmed" and e.credibility == 1
    assert after.sources["s0"].confirmed == 1 and after.sources["s0"].track_record == "F"  # too few to grade
    w = make_verdict(after.events, mazyr.id, "refute", "imagery was old", "ben", at=AT).model_copy(update={"id": 2})
    e = next(x for x in _events(world, [v, w]).events if x.id == mazyr.id)
    assert e.verdict == "refuted" and e.credibility == 5  # the latest verdict wins


def test_merge_and_split(world):
    c = _events(world)
    homel = next(e for e in c.events if "Homel" in e.summary)
    rechytsa = next(e for e in c.events if "Rechytsa" in e.summary)
    m = make_verdict(c.events, homel.id, "merge", "same convoy", "anna", with_=[rechytsa.id], at=AT).model_copy(update={"id": 1})
    merged = _events(world, [m]).events
    assert len(merged) == len(c.events) - 1 and any(len(e.documents) == 2 and "Homel" in e.summary for e in merged)
    mazyr = next(e for e in merged if "Mazyr" in e.summary)
    obs_doc = {o.id: o.doc for o in world[0]}
    s = make_verdict(merged, mazyr.id, "split", "two columns", "ben", obs_doc=obs_doc, at=AT).model_copy(update={"id": 2})
    assert len(_events(world, [m, s]).events) == len(c.events)


def test_bad_verdicts_are_input_errors(world):
    events = _events(world).events
    with pytest.raises(InputError, match="no event"):
        make_verdict(events, "zzzz", "confirm", "why", "a")
    with pytest.raises(InputError, match="reason"):
        make_verdict(events, events[0].id, "confirm", " ", "a")
    with pytest.raises(InputError, match="--with"):
        make_verdict(events, events[0].id, "merge", "why", "a")
    with pytest.raises(InputError, match="not one of"):
        make_verdict(events, events[0].id, "delete", "why", "a")


def test_store_keeps_verdicts_append_only_and_rebuilds_identically(store, extractor, tmp_path):
    from borderwatch import pipeline
    from borderwatch.store import Store

    for i, body in enumerate(["Twelve T-72B3 tanks moved south from Mazyr towards the Ukrainian border on Monday.",
                              "A column of tanks drove through Kalinkavichy towards Mazyr on Monday.",
                              "An S-400 battery took up positions near Brest on Monday."]):
        (tmp_path / f"r{i}.md").write_text(f"---\nsource: s{i}\npublished: 2024-05-13T12:00:00+03:00\n---\n{body}\n")
    pipeline.ingest(store, [tmp_path], extractor)
    events = pipeline.corroborate(store)
    target = max(events, key=lambda e: len(e.documents))
    store.add_verdict(make_verdict(events, target.id, "confirm", "matches imagery", "anna"))
    other = next(e for e in events if e.id != target.id)
    store.add_verdict(make_verdict(events, other.id, "refute", "old photo", "ben"))
    final = pipeline.corroborate(store)
    assert [v.who for v in store.verdicts()] == ["anna", "ben"]
    assert store.source_track()
    with pytest.raises(sa.exc.DatabaseError, match="append-only"):
        with store.engine.begin() as conn:
            conn.exec_driver_sql("DELETE FROM verdicts")
    # A new store from the same raw documents plus the verdict log gives the same events.
    fresh = Store.open(str(tmp_path / "fresh.db"))
    fresh.init()
    pipeline.ingest(fresh, [tmp_path], extractor)
    for v in store.verdicts():
        fresh.add_verdict(v.model_copy(update={"id": None}))
    assert [e.to_json() for e in pipeline.corroborate(fresh)] == [e.to_json() for e in final]
    fresh.close()
