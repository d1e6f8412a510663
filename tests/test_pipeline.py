"""The main job on the shipped examples, end to end."""

import datetime as dt
import re

import pytest

from borderwatch import pipeline
from borderwatch.report import write_report
from tests.conftest import EXAMPLES


@pytest.fixture(scope="module")
def ran(tmp_path_factory, extractor):
    from borderwatch.store import Store

    tmp = tmp_path_factory.mktemp("run")
    store = Store.open(str(tmp / "bw.db"))
    store.init()
    summary = pipeline.ingest(store, [EXAMPLES], extractor)
    events = pipeline.corroborate(store)
    assessment = pipeline.assess(store)
    pic = pipeline.picture(store, assessment.as_of)
    path = write_report(pic, assessment, tmp / "out")
    return store, summary, events, assessment, pic, path


def test_examples_all_ingest(ran):
    store, summary, *_ = ran
    assert len(summary.new) >= 15 and not summary.rejected
    kinds = {d.kind for d in store.documents()}
    assert {"news", "ministry", "monitoring_group", "think_tank", "citizen"} <= kinds


def test_repost_is_one_event_from_one_origin(ran):
    store, _, events, *_ = ran
    reposts = store.reposts()
    assert reposts, "the examples hold a word-for-word repost"
    copy, original = next(iter(reposts.items()))
    shared = [e for e in events if copy in e.documents and original in e.documents]
    assert shared, "the repost joins the original's event"
    for e in shared:
        assert e.independent_sources < len(e.documents)


def test_contradicting_reports_are_listed(ran):
    *_, pic, _ = ran
    kinds = {c.kind for c in pic.contradictions}
    assert "denial" in kinds


def test_every_event_is_graded(ran):
    _, _, events, *_ = ran
    assert events
    for e in events:
        assert e.reliability in list("ABCDEF") and 1 <= e.credibility <= 6


def test_assessment_names_its_drivers(ran):
    *_, a, _, _ = ran
    assert a.problem == "belarus-entry" and abs(sum(a.hypotheses.values()) - 1) < 1e-3
    assert a.drivers and a.estimative
    assert any(i.fired for i in a.indicators)


def test_report_is_self_contained_and_traceable(ran):
    *_, pic, path = ran
    html = path.read_text()
    assert "Bottom line" in html and "data:image/png;base64," in html
    assert not re.search(r"<script", html, re.I)
    for o in pic.observations[:20]:
        assert f'id="obs-{o.id}"' in html


def test_assessment_as_of_uses_only_what_was_known(ran):
    store, *_ = ran
    early = pipeline.assess(store, as_of=dt.date(2024, 5, 6), save=False)
    late = pipeline.assess(store, as_of=dt.date(2024, 5, 20), save=False)
    assert early.events_considered < late.events_considered
