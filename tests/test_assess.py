import datetime as dt

import pytest

from borderwatch.assess import load_problem, score
from borderwatch.assess.problems import load_problem_file
from borderwatch.errors import ProblemFileError
from borderwatch.model import Actor, Direction, Event, Observation, Span


def test_builtin_problem_validates():
    p = load_problem("belarus-entry")
    assert p.question.startswith("Will Belarusian forces enter the war")
    assert len(p.indicators) >= 12 and all(i.rationale for i in p.indicators)


@pytest.mark.parametrize("text, message", [
    ("id: x\n", "question"),
    ("[1, 2]", "mapping"),
    ("id: x\nquestion: q\nhypotheses: [a, b]\nindicators:\n - id: i\n   when: {type: flying}\n   likelihood: {a: 1, b: 1}\n", "unknown event type"),
    ("id: x\nquestion: q\nhypotheses: [a, b]\nindicators:\n - id: i\n   when: {type: movement}\n   likelihood: {a: 1}\n", "exactly the hypotheses"),
    ("id: x\nquestion: q\nhypotheses: [a, b]\nprior: {a: 0.5, b: 0.6}\nindicators:\n - id: i\n   when: {}\n   likelihood: {a: 1, b: 1}\n", "sum to 1"),
    ("id: x\nquestion: [unclosed\n", "not valid YAML"),
])
def test_bad_problem_files_are_clear_errors(tmp_path, text, message):
    f = tmp_path / "p.yaml"
    f.write_text(text)
    with pytest.raises(ProblemFileError, match=message):
        load_problem_file(f)


def test_unknown_problem_names_the_known_ones():
    with pytest.raises(ProblemFileError, match="belarus-entry"):
        load_problem("no-such-problem")


def _event(i, obs, credibility=2, origins=("a",), day=14):
    return Event(id=f"e{i}", type=obs.type, observations=(obs.id,), documents=("d",), sources=("s",),
                 independent_sources=len(origins), origins=origins, credibility=credibility,
                 first_seen=dt.datetime(2024, 5, day, tzinfo=dt.timezone.utc))


def _movement(i, modality="claimed"):
    return Observation(id=f"o{i}", doc="d", type="movement", modality=modality,
                       actor=Actor(text="Belarusian forces", name="Belarusian armed forces", country="BY"),
                       toward=Direction(text="towards the Ukrainian border", relation="toward", country="UA"),
                       evidence=Span(start=0, end=10, text="x"))


def test_movement_toward_border_raises_and_denial_lowers():
    p = load_problem("belarus-entry")
    day = dt.date(2024, 5, 15)
    quiet = score(p, [], {}, day)
    assert quiet.hypotheses["enters"] == pytest.approx(p.prior_of()["enters"], abs=1e-3)
    o = _movement(1)
    up = score(p, [_event(1, o)], {o.id: o}, day)
    assert up.hypotheses["enters"] > quiet.hypotheses["enters"]
    assert up.drivers[0] == "equipment-moves-to-border"
    n = _movement(2, "negated")
    down = score(p, [_event(2, n)], {n.id: n}, day)
    assert down.hypotheses["enters"] < quiet.hypotheses["enters"]


def test_reposts_of_one_origin_count_once_and_old_evidence_decays():
    p = load_problem("belarus-entry")
    day = dt.date(2024, 5, 15)
    obs = {f"o{i}": _movement(i) for i in range(5)}
    one = score(p, [_event(0, obs["o0"])], obs, day)
    copies = score(p, [_event(i, obs[f"o{i}"]) for i in range(5)], obs, day)  # same origin
    assert copies.hypotheses["enters"] == pytest.approx(one.hypotheses["enters"])
    independent = score(p, [_event(i, obs[f"o{i}"], origins=(f"x{i}",)) for i in range(5)], obs, day)
    assert independent.hypotheses["enters"] > one.hypotheses["enters"]
    old = score(p, [_event(0, obs["o0"], day=1)], obs, day)
    assert old.hypotheses["enters"] < one.hypotheses["enters"]
